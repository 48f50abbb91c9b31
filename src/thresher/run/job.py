"""A job: inputs, a pipeline config and an output folder, run shard by shard, resumably.

Layout of an output folder::

    OUT/job.json            what this job is (inputs, config fingerprint): a re-run must match it
    OUT/config.toml         the resolved config, every option spelled out
    OUT/kept/<shard>.*      kept documents        OUT/rejected/<shard>.*  dropped ones, with verdicts
    OUT/trace/<shard>.jsonl.zst  original text + edits of every changed or dropped document (explain)
    OUT/stats/<shard>.json  per-shard stats       OUT/done/<shard>        completion markers
    OUT/stats.json          the job's stats, summed
    OUT/_work/              corpus-stage hand-off files (document states, signatures, clusters ...)

One function runs one shard (:func:`run_shard`); executors only decide where it runs. A shard's files
are written under temporary names and renamed when complete, then its stats, then its marker; a
re-run skips shards with a marker, so a killed run resumes without duplicating or losing documents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson
import zstandard

from thresher.document import Document
from thresher.io.atomic import atomic_path, write_bytes_atomic
from thresher.io.jsonio import dumps_record
from thresher.io.readers.base import ReadOptions
from thresher.io.writers import OutputOptions, ShardWriter
from thresher.pipeline import CORPUS_STAGES, Pipeline, build, config_entry
from thresher.run.corpus import CorpusStage
from thresher.run.shards import ShardSpec, read_shard
from thresher.stats import Stats
from thresher.steps.base import ShardContext

JOB_VERSION = 1


class JobConflict(ValueError):
    """The output folder holds a different job's results."""


def build_corpus_stage(entry: dict[str, Any]) -> CorpusStage:
    entry = dict(entry)
    entry.pop("enabled", None)
    return build(CORPUS_STAGES, "corpus stage", entry.pop("name", None), entry)


@dataclasses.dataclass
class Job:
    """Everything a worker needs, and nothing it cannot pickle."""

    out: Path
    shard_specs: list[ShardSpec]
    config: dict[str, Any]  # {"step": [...], "corpus": [...]}
    read_opts: ReadOptions = dataclasses.field(default_factory=ReadOptions)
    out_opts: OutputOptions = dataclasses.field(default_factory=OutputOptions)
    workers: int = 1

    # -- what the job is -------------------------------------------------------------------
    @property
    def inputs(self) -> list[str]:
        """Every file the job reads (what makes two runs the same job)."""
        return sorted(path for spec in self.shard_specs for path, _ in spec.files)

    @property
    def shards(self) -> list[str]:
        return [s.name for s in self.shard_specs]

    @property
    def work_dir(self) -> Path:
        return self.out / "_work"

    def pipeline(self) -> Pipeline:
        return Pipeline.from_config(self.config.get("step", []))

    def corpus_stages(self) -> list[CorpusStage]:
        return [build_corpus_stage(e) for e in self.config.get("corpus", []) if e.get("enabled", True)]

    def resolved_config(self) -> dict[str, Any]:
        return {
            "step": self.pipeline().to_config(),
            "corpus": [config_entry(s, CORPUS_STAGES) for s in self.corpus_stages()],
            "read": dataclasses.asdict(self.read_opts),
            "output": dataclasses.asdict(self.out_opts),
        }

    def fingerprint(self) -> str:
        body = {"version": JOB_VERSION, "inputs": sorted(self.inputs), "config": self.resolved_config()}
        return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]

    # -- the corpus-stage contract (see thresher.run.corpus) -------------------------------
    def stage_dir(self, stage: CorpusStage | str) -> Path:
        name = stage if isinstance(stage, str) else stage.name
        d = self.work_dir / name
        d.mkdir(parents=True, exist_ok=True)
        return d

    def state_path(self, shard: str) -> Path:
        return self.work_dir / "docs" / f"{shard}.jsonl.zst"

    def iter_docs(self, shard: str, upto: CorpusStage | str | None = None) -> Iterator[Document]:
        """A shard's documents as the pipeline left them, through the corpus stages before ``upto``."""
        upto_name = upto if isinstance(upto, str) or upto is None else upto.name
        docs: Iterable[Document] = _read_states(self.state_path(shard))
        for stage in self.corpus_stages():
            if stage.name == upto_name:
                break
            docs = stage.apply(docs, shard, self)
        return iter(docs)

    def map(self, fn: Callable, items: list, on_done: Callable[[Any], None] | None = None) -> list:
        from thresher.run.local import run_map

        return run_map(fn, items, self.workers, on_done)


def _read_states(path: Path) -> Iterator[Document]:
    with open(path, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
        import io

        for line in io.BufferedReader(z):  # type: ignore[arg-type]
            yield Document.from_state(orjson.loads(line))


# -- one shard ----------------------------------------------------------------------------------
def shard_done(out: Path, shard: str, staged: bool) -> bool:
    return (out / "_work" / "docs" / f"{shard}.done").exists() if staged else (out / "done" / shard).exists()


def run_shard(job: Job, spec: ShardSpec) -> dict:
    """Read, run the pipeline, write. With corpus stages, write document states for them instead."""
    staged = bool(job.corpus_stages())
    ctx = ShardContext(shard=spec.name)
    stats = ctx.stats
    t0 = time.process_time()
    docs = _count_in(read_shard(spec, job.read_opts, stats), stats)
    docs = job.pipeline().run(docs, ctx)
    if staged:
        path = job.state_path(spec.name)
        with atomic_path(path) as tmp, open(tmp, "wb") as raw:
            with zstandard.ZstdCompressor(level=1).stream_writer(raw) as z:
                for doc in docs:
                    _count_out(doc, stats)
                    z.write(dumps_record(doc.to_state()) + b"\n")
        stats.seconds = time.process_time() - t0
        write_bytes_atomic(job.work_dir / "docs" / f"{spec.name}.stats.json", orjson.dumps(stats.to_dict()))
        write_bytes_atomic(job.work_dir / "docs" / f"{spec.name}.done", b"")
        return stats.to_dict()
    _write_final(job, spec.name, docs, stats, t0)
    return stats.to_dict()


def finalize_shard(job: Job, shard: str) -> dict:
    """Apply every corpus stage's decisions to a shard and write its final outputs."""
    t0 = time.process_time()
    base = Stats.from_dict(orjson.loads((job.work_dir / "docs" / f"{shard}.stats.json").read_bytes()))
    stats = dataclasses.replace(base, docs_kept=0, bytes_out=0, seconds=0.0)
    stats.dropped_by_reason = base.dropped_by_reason.copy()
    stats.chars_by_rule = base.chars_by_rule.copy()
    stats.edits_by_rule = base.edits_by_rule.copy()
    before: dict[str, tuple[bool, set]] = {}

    def remember(docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            before[d.id] = (d.kept, {tuple(e.to_list()) for e in d.edits})
            yield d

    docs: Iterable[Document] = remember(_read_states(job.state_path(shard)))
    for stage in job.corpus_stages():
        docs = stage.apply(docs, shard, job)

    def account(docs: Iterable[Document]) -> Iterator[Document]:
        # Count what the corpus stages did: new edits by rule, newly dropped documents by reason.
        for d in docs:
            was_kept, old_edits = before.pop(d.id, (d.kept, set()))
            for e in d.edits:
                if tuple(e.to_list()) not in old_edits:
                    stats.edited(e.rule, (e.end - e.start) - len(e.replacement))
            if was_kept and not d.kept:
                stats.dropped(d.verdict.reason or "unknown")
            yield d

    _write_final(job, shard, account(docs), stats, t0, counted=True, earlier_seconds=base.seconds)
    return stats.to_dict()


def _write_final(
    job: Job, shard: str, docs: Iterable[Document], stats: Stats, t0: float, counted: bool = False, earlier_seconds: float = 0.0
) -> None:
    """Write a shard's outputs, then its stats, then its completion marker: in that order."""
    writer = ShardWriter(job.out, shard, job.out_opts)
    try:
        for doc in docs:
            if counted:
                stats.docs_kept += doc.kept
            else:
                _count_out(doc, stats)
            writer.write(doc)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    stats.bytes_out = writer.bytes_out
    stats.seconds = time.process_time() - t0 + earlier_seconds
    write_bytes_atomic(job.out / "stats" / f"{shard}.json", orjson.dumps(stats.to_dict()))
    write_bytes_atomic(job.out / "done" / shard, b"")


def _count_in(docs: Iterable[Document], stats: Stats) -> Iterator[Document]:
    for d in docs:
        stats.docs_in += 1
        stats.bytes_in += len(d.original.encode("utf-8", "replace"))
        if not d.kept:  # dropped by the reader itself (malformed record, ...)
            stats.dropped(d.verdict.reason or "unknown")
        yield d


def _count_out(doc: Document, stats: Stats) -> None:
    if doc.kept:
        stats.docs_kept += 1


# -- the whole job ------------------------------------------------------------------------------
def prepare_out(job: Job, overwrite: bool) -> bool:
    """Claim the output folder. Returns True when resuming the same job. Refuses another job's folder."""
    out = job.out
    if out.exists() and not out.is_dir():
        raise JobConflict(f"{out} is a file, not a folder; choose a folder for the output")
    meta = out / "job.json"
    fp = job.fingerprint()
    if out.exists() and any(out.iterdir()):
        if meta.exists():
            old = orjson.loads(meta.read_bytes())
            if old.get("fingerprint") == fp and not overwrite:
                for stale in out.rglob(".*.tmp-*"):  # left by a killed worker; never read, don't let them pile up
                    stale.unlink()
                return True
        if not overwrite:
            what = "a different thresher job's results" if meta.exists() else "files that are not a thresher job's"
            raise JobConflict(f"{out} already holds {what}; choose another folder or pass --overwrite")
        if not meta.exists():
            raise JobConflict(f"{out} holds files that are not a thresher job's; refusing to delete them even with --overwrite")
        for name in ("kept", "rejected", "trace", "stats", "done", "_work", "stats.json", "config.toml", "job.json"):
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(meta, orjson.dumps({"fingerprint": fp, "inputs": sorted(job.inputs), "shards": job.shards}, option=orjson.OPT_INDENT_2))
    from thresher.configfile import dumps_toml

    write_bytes_atomic(out / "config.toml", dumps_toml(job.resolved_config()).encode())
    return False


def run_job(job: Job, progress: Callable[[str, int, int], None] | None = None) -> Stats:
    """Run every shard not yet done, then the corpus stages, then write the summed stats."""
    staged = bool(job.corpus_stages())
    todo = [s for s in job.shard_specs if not shard_done(job.out, s.name, staged)]
    done_count = len(job.shard_specs) - len(todo)
    tick = _ticker("clean", len(job.shard_specs), done_count, progress)
    if job.workers > 1 and len(todo) > 1:
        # forked workers inherit what this process has compiled or loaded, so it is done once
        for step in job.pipeline().steps:
            step.warm_up()
    job.map(run_shard, [(job, s) for s in todo], on_done=tick)
    if staged:
        for stage in job.corpus_stages():
            if progress:
                progress(stage.name, 0, 1)
            stage.prepare(job)
            if progress:
                progress(stage.name, 1, 1)
        todo = [s for s in job.shards if not (job.out / "done" / s).exists()]
        tick = _ticker("write", len(job.shards), len(job.shards) - len(todo), progress)
        job.map(finalize_shard, [(job, s) for s in todo], on_done=tick)
    total = Stats()
    for shard in job.shards:
        total.merge(Stats.from_dict(orjson.loads((job.out / "stats" / f"{shard}.json").read_bytes())))
    write_bytes_atomic(job.out / "stats.json", orjson.dumps(total.to_dict(), option=orjson.OPT_INDENT_2))
    return total


def _ticker(label: str, total: int, start: int, progress: Callable[[str, int, int], None] | None) -> Callable[[Any], None]:
    state = {"n": start}
    if progress:
        progress(label, start, total)

    def tick(_: Any) -> None:
        state["n"] += 1
        if progress:
            progress(label, state["n"], total)

    return tick
