"""thresher from Python: build a pipeline, run it over records in memory, or run a whole job.

* :func:`build_pipeline` builds the default steps, or your own from step objects, short names, config
  dicts or a TOML file (the same table and option checks as a config file).
* :func:`documents` runs a pipeline's steps over records in memory (an iterable of dicts or
  strings, a pyarrow Table, a pandas DataFrame, a Hugging Face ``datasets.Dataset``) and yields
  :class:`~thresher.document.Document` objects, one per record, in order, dropped ones included.
  :func:`records` yields the records ``thresher clean`` writes to ``kept/`` (and, if asked, to
  ``rejected/``): the same functions write both.
* :func:`clean` runs a whole job, corpus stages (exact and near dedup, repeated lines) included,
  through the runner the CLI uses, on files or on records in memory, into an output folder or a
  temporary one; it returns a :class:`CleanResult` (stats, files, the records).

Steps run streaming in this process in :func:`documents`; corpus stages need the whole corpus and
run only in :func:`clean`. pandas and datasets are never imported here: an object is recognised by
its type's module, so they cost nothing unless you hand one over.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.io.readers.records import record_to_document
from thresher.io.writers import OutputOptions, kept_record, rejected_record
from thresher.pipeline import CORPUS_STAGES, STEPS, Pipeline, build_step, config_entry, config_over_default, load_config
from thresher.stats import Stats
from thresher.steps.base import ShardContext, Step

#: Records in memory are read, and written to a job's input file, in batches of this many rows.
BATCH_ROWS = 4096
#: The name ids of records without an id are built from: ``data:<row>`` (rows counted from 1).
SOURCE = "data"

Steps = Iterable[Any]  # Step objects, short names or "module:Class", or config dicts {"name": ..., option: ...}


# -- pipelines ----------------------------------------------------------------------------------
def build_pipeline(steps: Steps | None = None, *, config: str | os.PathLike | dict | None = None) -> Pipeline:
    """The pipeline's steps: ``steps`` (objects, names or config dicts, in order), else the
    ``[[step]]`` tables of ``config`` (a TOML file or a dict), else the default pipeline's.
    Names and options are checked like a config file's: a wrong one raises ValueError."""
    if steps is not None and config is not None:
        raise ValueError("give steps or a config, not both")
    if steps is not None:
        return Pipeline([s if isinstance(s, Step) else _build_step(s) for s in _as_list(steps, "steps")])
    return Pipeline.from_config(_config(config).get("step", []))


def _build_step(entry: Any) -> Step:
    if isinstance(entry, str):
        return build_step(entry)
    if isinstance(entry, dict):
        entry = dict(entry)
        entry.pop("enabled", None)
        return build_step(entry.pop("name", None), entry)
    raise ValueError(f"a step is a Step object, a name or a config dict, not {type(entry).__name__} {entry!r}")


def _as_list(items: Any, what: str) -> list:
    if isinstance(items, (str, dict)) or not isinstance(items, Iterable):
        raise ValueError(f"{what} must be a list (of step objects, names or config dicts), not {type(items).__name__}")
    return list(items)


def _config(config: str | os.PathLike | dict | None) -> dict[str, Any]:
    if config is None or isinstance(config, (str, os.PathLike)):
        return load_config(config)
    if isinstance(config, dict):  # the same data as a TOML file, read the same way
        return config_over_default(config, "the config dict")
    raise ValueError(f"config must be a TOML file's path or a dict with [[step]]/[[corpus]] lists, not {type(config).__name__}")


# -- records in memory --------------------------------------------------------------------------
def documents(data: Any, pipeline: Pipeline | None = None, *, text_field: str = "text", id_field: str = "id",
              html_field: str | None = None, stats: Stats | None = None) -> Iterator[Document]:
    """Run ``pipeline``'s steps (default: the default pipeline's, with HTML extraction when
    ``html_field`` is given) over ``data``, lazily: one Document per record, in order, kept or
    dropped (``doc.kept``, ``doc.verdict``, ``doc.text``, ``doc.metadata``, ``doc.edits``).

    A record's id is its ``id_field``, else ``data:<row>``; its other fields ride along. A record
    that cannot be read (no text field, text not a string) comes back dropped with its reason, like
    a bad line of a file. Pass a :class:`~thresher.stats.Stats` to have the run counted in it."""
    _kind(data)  # refuse what is not records now, not at the first next()
    if pipeline is None:
        pipeline = _default_pipeline(html=html_field is not None)
    opts = ReadOptions(text_field=text_field, id_field=id_field, html_field=html_field)
    ctx = ShardContext(shard=SOURCE, stats=stats if stats is not None else Stats())
    return _counted_out(pipeline.run(_read(data, opts, ctx.stats), ctx), ctx.stats)


def records(data: Any, pipeline: Pipeline | None = None, *, kept: bool = True, rejected: bool = False,
            text_field: str = "text", id_field: str = "id", html_field: str | None = None,
            stats: Stats | None = None) -> Iterator[dict[str, Any]]:
    """The records ``thresher clean`` would write for ``data``, in order: those of kept documents
    (the cleaned text, the input's fields, ``metadata``) and, with ``rejected=True``, those of
    dropped ones (the text as read, ``verdict`` with step and reason, ``cleaned_text``)."""
    docs = documents(data, pipeline, text_field=text_field, id_field=id_field, html_field=html_field, stats=stats)
    return _records(docs, OutputOptions(text_field=text_field, id_field=id_field), kept, rejected)


def _records(docs: Iterable[Document], out: OutputOptions, kept: bool, rejected: bool) -> Iterator[dict[str, Any]]:
    for doc in docs:
        if doc.kept and kept:
            yield kept_record(doc, out)
        elif not doc.kept and rejected:
            yield rejected_record(doc, out)


def _default_pipeline(html: bool) -> Pipeline:
    from thresher.commands.options import resolve_config

    return Pipeline.from_config(resolve_config(load_config(), html=html)["step"])


def _read(data: Any, opts: ReadOptions, stats: Stats) -> Iterator[Document]:
    for n, rec in enumerate(_rows(data, opts.text_field), 1):
        where = f"{SOURCE}:{n}"
        doc = record_to_document(rec, where, where, opts, stats, SOURCE)
        doc.metadata["row"] = n
        stats.docs_in += 1
        stats.bytes_in += len(doc.original.encode("utf-8", "replace"))
        if not doc.kept:  # not readable as a document: counted like a reader's drop
            stats.dropped(doc.verdict.reason or "unknown")
        yield doc


def _counted_out(docs: Iterable[Document], stats: Stats) -> Iterator[Document]:
    for doc in docs:
        if doc.kept:
            stats.kept(doc.metadata)
        yield doc


def _kind(data: Any) -> str:
    """What ``data`` is, by its type's module and name (so pandas and datasets stay unimported)."""
    cls = type(data)
    module = cls.__module__.split(".")[0]
    if module == "pyarrow" and cls.__name__ in ("Table", "RecordBatch"):
        return "arrow"
    if module == "pandas" and cls.__name__ == "DataFrame":
        return "pandas"
    if module == "datasets":
        if cls.__name__ == "Dataset":
            return "dataset"
        if cls.__name__ in ("DatasetDict", "IterableDatasetDict"):
            raise ValueError(f"give one split of the {cls.__name__} (say data['train']), not all of them")
    if isinstance(data, (str, bytes, os.PathLike, dict)):
        what = "a path" if isinstance(data, os.PathLike) else f"a {cls.__name__}"
        raise ValueError(f"records in memory are an iterable of dicts or strings, a pyarrow Table, a pandas DataFrame or "
                         f"a datasets.Dataset, not {what}; for files, use thresher.clean(paths)")
    if not isinstance(data, Iterable):
        raise ValueError(f"cannot read records from a {cls.__name__}: give an iterable of dicts or strings, a pyarrow "
                         "Table, a pandas DataFrame or a datasets.Dataset")
    return "rows"


def _arrow_batches(data: Any, kind: str) -> Iterator[Any]:
    """``data`` as Arrow tables or record batches of at most BATCH_ROWS rows (an Arrow-backed kind)."""
    import pyarrow as pa

    if kind == "arrow":
        table = pa.Table.from_batches([data]) if isinstance(data, pa.RecordBatch) else data
        yield from table.to_batches(max_chunksize=BATCH_ROWS)
    elif kind == "pandas":
        # Through Arrow, as a Parquet file would be read: missing values become None (not NaN),
        # timestamps datetimes, one schema for every batch. The index is not a column
        # (reset_index() makes it one).
        yield from pa.Table.from_pandas(data, preserve_index=False).to_batches(max_chunksize=BATCH_ROWS)
    elif kind == "dataset":
        yield from data.with_format("arrow").iter(batch_size=BATCH_ROWS)


def _rows(data: Any, text_field: str) -> Iterator[Any]:
    kind = _kind(data)
    if kind != "rows":
        for batch in _arrow_batches(data, kind):
            yield from batch.to_pylist()
        return
    for rec in data:  # a bare string is a record holding only its text
        yield {text_field: rec} if isinstance(rec, str) else rec


# -- a whole job --------------------------------------------------------------------------------
@dataclasses.dataclass
class CleanResult:
    """What :func:`clean` did: the output folder, its stats (stats.json as a dict), its files, and
    the records it holds. A temporary folder (``out=None``) lives until :meth:`close` (or the end
    of a ``with`` block, or this object's collection): read what you need before."""

    out: str
    stats: dict[str, Any]
    problems: list[str] = dataclasses.field(default_factory=list)  # inputs that could not be read
    notes: list[str] = dataclasses.field(default_factory=list)  # files of a kind no reader knows, left out
    _tmp: tempfile.TemporaryDirectory | None = dataclasses.field(default=None, repr=False)

    @property
    def temporary(self) -> bool:
        return self._tmp is not None

    def _output(self):
        from thresher.run.outputs import JobOutput

        return JobOutput(self.out)

    def files(self, kind: str = "kept") -> list[str]:
        """The ``kept``, ``rejected`` or ``trace`` files, in shard order (paths or URLs)."""
        output = self._output()
        return [output.store.full_url(rel) for rel in output.layout.marked_files(kind)]

    def kept(self) -> Iterator[dict[str, Any]]:
        """The kept records, in shard order: what ``kept/`` holds."""
        return self._output().kept()

    def rejected(self) -> Iterator[dict[str, Any]]:
        """The rejected records (with ``verdict``), in shard order: what ``rejected/`` holds."""
        return self._output().rejected()

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "CleanResult":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def clean(inputs: Any, out: str | os.PathLike | None = None, *, config: str | os.PathLike | dict | None = None,
          steps: Steps | None = None, corpus: Iterable[Any] | None = None, workers: int | None = None,
          executor: str = "local", ray_address: str | None = None, text_field: str = "text", id_field: str = "id",
          html_field: str | None = None, format: str = "jsonl", overwrite: bool = False, repair: bool = True,
          dedup: bool = True, storage_options: dict[str, Any] | None = None,
          progress: Callable[..., None] | None = None) -> CleanResult:
    """Run a whole job, as ``thresher clean INPUTS -o OUT`` does, and return what it did.

    ``inputs``: a path or URL, or a list of them (files, folders, globs), or records in memory (as
    :func:`documents` takes them; they are written to a Parquet or JSONL file first, so their ids
    fall back on ``data.parquet:<row>`` or ``data.jsonl:<row>``; that file is gone after the run, so
    a second run of records into the same ``out`` is another job: ``overwrite=True``). ``out``: the
    output folder (a re-run of the same job on files resumes there); None for a temporary one, deleted by
    :meth:`CleanResult.close`. ``config``: a TOML file or a dict (default: the packaged pipeline);
    ``steps`` and ``corpus`` replace its ``[[step]]`` and ``[[corpus]]`` lists (step objects need
    a class importable by name, since workers build them from the config). ``repair=False`` and
    ``dedup=False`` are ``--no-repair`` and ``--no-dedup``. Bad options, another job's folder or
    nothing to read raise ValueError, storage that refuses ``thresher.io.store.StorageError``,
    each with the one-line message the CLI prints."""
    from thresher.commands.options import resolve_config, usable_cores
    from thresher.io.readers import READERS
    from thresher.run.executors import make_executor
    from thresher.run.job import build_corpus_stage, make_job, prepare_out, run_job
    from thresher.run.plan import Sizing

    base = _config(config)
    if steps is not None:
        base = {**base, "step": [_config_entry(s, STEPS) for s in _as_list(steps, "steps")]}
    if corpus is not None:
        base = {**base, "corpus": [_config_entry(s, CORPUS_STAGES) for s in _as_list(corpus, "corpus")]}
    workers = usable_cores() if workers is None else workers
    read_opts = ReadOptions(text_field=text_field, id_field=id_field, html_field=html_field,
                            storage_options=dict(storage_options or {}))
    out_opts = OutputOptions(format=format, text_field=text_field, id_field=id_field)

    def job_config(files) -> dict[str, Any]:
        html = html_field is not None or any(f.reader in (READERS[".html"], READERS[".warc"]) for f in files)
        return resolve_config(base, repair=repair, dedup=dedup, html=html)

    checked = job_config([])  # a bad step, stage or option is refused before any input is read
    Pipeline.from_config(checked["step"])
    for entry in checked["corpus"]:
        if entry.get("enabled", True):
            build_corpus_stage(entry)
    tmp = tempfile.TemporaryDirectory(prefix="thresher-clean-") if out is None else None
    staged_input = None
    try:
        if out is None:
            out = os.path.join(tmp.name, "out")
        out = str(out) if "://" in str(out) else str(Path(out).expanduser())
        paths = _paths(inputs)
        if paths is None:  # records in memory: a file for the job to read, beside (not in) the output
            staged_input = tempfile.TemporaryDirectory(prefix="thresher-input-")
            paths = [_write_records(inputs, Path(staged_input.name), text_field)]
        problems: list[str] = []
        notes: list[str] = []
        ex = make_executor(executor, workers, ray_address)
        try:
            job = make_job(paths, out, job_config, ex, problems, notes, read_opts=read_opts, out_opts=out_opts,
                           sizing=Sizing(), storage_options=dict(storage_options or {}), threads=max(1, workers))
            if job is None:
                raise ValueError("nothing to read" + (": " + "; ".join(problems) if problems else ""))
            prepare_out(job, overwrite)
            stats = run_job(job, ex, progress)
        finally:
            ex.close()
        return CleanResult(job.out, stats.to_dict(), problems, notes, tmp)
    except BaseException:
        if tmp is not None:
            tmp.cleanup()
        raise
    finally:
        if staged_input is not None:
            staged_input.cleanup()


def _config_entry(item: Any, table: dict[str, str]) -> dict[str, Any]:
    if isinstance(item, str):
        return {"name": item}
    if isinstance(item, dict):
        return dict(item)
    cls = type(item)
    if cls.__module__ == "__main__" or "<locals>" in cls.__qualname__:
        raise ValueError(f"{cls.__qualname__} must be defined at the top level of an importable module to run in a job "
                         "(its workers build it by name); thresher.documents runs it in this process as it is")
    return config_entry(item, table)  # an object: its class by name ("module:Class") with every option


def _paths(inputs: Any) -> list[str] | None:
    """``inputs`` as paths or URLs, or None when they are records in memory."""
    if isinstance(inputs, (str, os.PathLike)):
        return [os.fspath(inputs)]
    if isinstance(inputs, (list, tuple)) and inputs and all(isinstance(i, (str, os.PathLike)) for i in inputs):
        return [os.fspath(i) for i in inputs]
    return None


def _write_records(data: Any, folder: Path, text_field: str) -> str:
    """Records in memory as one input file: Parquet for Arrow-backed data (types kept as they
    are), JSONL for an iterable of dicts. Written whole before the job lists its inputs."""
    kind = _kind(data)
    if kind != "rows":
        import pyarrow.parquet as pq

        path = folder / "data.parquet"
        writer = None
        try:
            for batch in _arrow_batches(data, kind):
                if writer is None:
                    writer = pq.ParquetWriter(path, batch.schema, compression="zstd")
                writer.write(batch)
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            raise ValueError("nothing to read: the data holds no rows")
        return str(path)
    from thresher.io.jsonio import dumps_record

    path = folder / "data.jsonl"
    n = 0
    with open(path, "wb") as f:
        for n, rec in enumerate(_rows(data, text_field), 1):
            f.write(dumps_record(rec) + b"\n")  # what JSON cannot hold (a date) is written as text
    if n == 0:
        raise ValueError("nothing to read: the data holds no records")
    return str(path)

