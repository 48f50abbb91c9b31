"""A job: a frozen description (inputs, config, output URL, options) that builds its pipeline and
corpus stages once, and the functions that run it shard by shard, resumably, on any executor.

One function runs one shard (:func:`run_shard`): read, steps, write outputs, stats, marker. Another
applies the corpus stages' decisions to one shard and writes its final outputs
(:func:`finalize_shard`). :func:`run_job` chains them through an :class:`~thresher.run.executors.Executor`;
where the files go is :class:`~thresher.run.layout.OutputLayout`'s to say. A re-run skips shards whose
marker exists, so a killed run resumes without duplicating or losing documents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import time
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson
import zstandard

from thresher.document import Document
from thresher.io.jsonio import dumps_record
from thresher.io.readers.base import ReadOptions
from thresher.io.store import Store, StorageError, describe_os_error, scratch_dir
from thresher.io.writers import OutputOptions, ShardWriter
from thresher.pipeline import CORPUS_STAGES, Pipeline, build, config_entry
from thresher.profile import Profile, Profiler
from thresher.run.executors import Executor, InProcess
from thresher.run.layout import OWNED, OutputLayout
from thresher.run.plan import InputFile, ShardSpec, Sizing, read_shard
from thresher.stats import Stats
from thresher.steps.base import ShardContext
from thresher.steps.corpus import CorpusStage

JOB_VERSION = 2


class JobConflict(ValueError):
    """The output folder holds a different job's results (or changed inputs)."""


def build_corpus_stage(entry: dict[str, Any]) -> CorpusStage:
    entry = dict(entry)
    entry.pop("enabled", None)
    return build(CORPUS_STAGES, "corpus stage", entry.pop("name", None), entry)


@dataclasses.dataclass(frozen=True)
class JobSpec:
    """What a job is. Workers get it once (see the executors); tasks get a shard name."""

    out: str  # a local folder or a URL
    inputs: tuple[InputFile, ...]
    shards: tuple[ShardSpec, ...]
    config: dict[str, Any]  # {"step": [...], "corpus": [...]}
    read_opts: ReadOptions = dataclasses.field(default_factory=ReadOptions)
    out_opts: OutputOptions = dataclasses.field(default_factory=OutputOptions)
    sizing: Sizing = dataclasses.field(default_factory=Sizing)
    storage_options: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False)
    threads: int = 1

    # -- built once per process -----------------------------------------------------------
    @cached_property
    def pipeline(self) -> Pipeline:
        return Pipeline.from_config(self.config.get("step", []))

    @cached_property
    def stages(self) -> list[CorpusStage]:
        return [build_corpus_stage(e) for e in self.config.get("corpus", []) if e.get("enabled", True)]

    @cached_property
    def store(self) -> Store:
        return Store(self.out, self.storage_options)

    @cached_property
    def layout(self) -> OutputLayout:
        return OutputLayout(self.store, self.out_opts.suffix)

    @cached_property
    def rules(self) -> list[dict[str, Any]]:
        return self.pipeline.rules()

    @cached_property
    def cluster_keys(self) -> dict[str, tuple[str, str]]:
        return {s.name: s.CLUSTER_KEYS for s in self.stages if s.CLUSTER_KEYS}

    @cached_property
    def spec_by_name(self) -> dict[str, ShardSpec]:
        return {s.name: s for s in self.shards}

    def __getstate__(self) -> dict:
        # What is built from the description is rebuilt where it is needed, not shipped.
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    def setup(self) -> None:
        """Per-worker one-time work: build the pipeline and stages, let each step load or compile
        what its first document would otherwise pay for."""
        for step in self.pipeline.steps:
            step.setup()
        for stage in self.stages:
            stage.setup()

    # -- identity -------------------------------------------------------------------------
    @property
    def shard_names(self) -> list[str]:
        return [s.name for s in self.shards]

    def resolved_config(self) -> dict[str, Any]:
        return {
            "step": self.pipeline.to_config(),
            "corpus": [config_entry(s, CORPUS_STAGES) for s in self.stages],
            "read": {k: v for k, v in dataclasses.asdict(self.read_opts).items() if k != "storage_options"},
            "output": dataclasses.asdict(self.out_opts),
            "shards": dataclasses.asdict(self.sizing),
        }

    def fingerprint(self) -> str:
        """Same inputs (each file's URL, size and version), same config, same sizing: same job."""
        body = {"version": JOB_VERSION, "inputs": [dataclasses.asdict(f) for f in self.inputs], "config": self.resolved_config()}
        return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]

    @property
    def staged(self) -> bool:
        return bool(self.stages)


# -- the corpus stages' context ----------------------------------------------------------------
@dataclasses.dataclass
class JobStageContext:
    """:class:`thresher.steps.corpus.StageContext` for a job. Shipped to workers (without its
    executor: work a worker maps runs in that worker)."""

    job: JobSpec
    executor: Executor | None = None
    #: Names of the stages left out of this run (they could change nothing: see CorpusStage.can_act).
    skipped: frozenset[str] = frozenset()

    @property
    def shards(self) -> list[str]:
        return self.job.shard_names

    @property
    def stages(self) -> list[CorpusStage]:
        """The job's stages that run."""
        return [s for s in self.job.stages if s.name not in self.skipped]

    @property
    def threads(self) -> int:
        return self.job.threads

    def __getstate__(self) -> dict:
        return {"job": self.job, "executor": None, "skipped": self.skipped}

    def setup(self) -> None:
        for stage in self.job.stages:
            stage.setup()

    def work_dir(self, stage: str) -> Path:
        local = self.job.store.local_path(OutputLayout.stage(stage))
        if local is None:  # a remote job: hand-off files that only this machine's run needs
            local = Path(scratch_dir()) / f"thresher-{self.job.fingerprint()}" / stage
        local.mkdir(parents=True, exist_ok=True)
        return local

    def store(self, stage: str) -> Store:
        return self.job.store.sub(OutputLayout.stage(stage))

    def docs(self, shard: str, upto: str | None = None) -> Iterator[Document]:
        stats = Stats()  # what the stages before `upto` do is counted when the shard is finalised
        docs: Iterable[Document] = read_states(self.job, shard)
        for stage in self.stages:
            if stage.name == upto:
                break
            docs = apply_stage(stage, docs, shard, self, stats)
        return iter(docs)

    def map(self, fn: Callable[[Any, Any], Any], items: list, on_done: Callable[[Any], None] | None = None) -> list:
        return (self.executor or InProcess()).map(fn, self, items, on_done)


def stage_context(job: JobSpec, executor: Executor | None = None) -> JobStageContext:
    """The stages' context once every shard's states are written: the stages that could change
    nothing in so few kept documents are left out (the same ones on every run of the job)."""
    kept = docs = 0
    for shard in job.shard_names:
        counts = orjson.loads(job.store.read_bytes(job.layout.states_stats(shard)))
        kept, docs = kept + counts.get("docs_kept", 0), docs + counts.get("docs_in", 0)
    return JobStageContext(job, executor, frozenset(s.name for s in job.stages if not s.can_act(kept, docs)))


def apply_stage(stage: CorpusStage, docs: Iterable[Document], shard: str, ctx: Any, stats: Stats) -> Iterator[Document]:
    """One stage's decisions over a shard's documents, each under the per-document guard, its new
    edits and drops counted (the same accounting as a step's)."""
    loaded = stage.load(shard, ctx)
    sees_dropped = getattr(stage, "sees_dropped", False)
    for row, doc in enumerate(docs):
        if doc.kept or sees_dropped:
            # Counted, not made: most stages edit few documents, and making every document's
            # edits twice per stage cost more than the stages' own apply.
            was_kept, doc_id, n_edits = doc.kept, doc.id, doc.edit_count
            try:
                stage.apply(doc, row, loaded)
            except Exception as exc:  # one bad document must never take the shard down
                if doc.kept:
                    doc.drop(stage.name, f"error:{type(exc).__name__}", str(exc)[:500])
            if doc.edit_count > n_edits:
                for e in doc.edits[n_edits:]:
                    stats.edited(e.rule, (e.end - e.start) - len(e.replacement))
            if was_kept and not doc.kept:
                stats.dropped(doc.verdict.reason or "unknown")
            if doc.id != doc_id:
                stats.duplicate_ids += 1
        yield doc


def read_states(job: JobSpec, shard: str) -> Iterator[Document]:
    with job.store.open(job.layout.states(shard)) as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
        for line in io.BufferedReader(z):  # type: ignore[arg-type]
            yield Document.from_state(orjson.loads(line))


# -- one shard ----------------------------------------------------------------------------------
def run_shard(job: JobSpec, shard: str) -> dict:
    """Read, run the pipeline, write. With corpus stages, write document states for them instead."""
    spec = job.spec_by_name[shard]
    ctx = ShardContext(shard=shard)
    stats = ctx.stats
    t0 = time.process_time()
    phases = stats.seconds_by_phase
    read = _timed(_count_in(read_shard(spec, job.read_opts, stats), stats), phases, "read")
    docs = _timed(job.pipeline.run(read, ctx), phases, "steps", inner="read")
    layout = job.layout
    if job.staged:
        staged = job.store.staged(layout.states(shard))
        try:
            with zstandard.ZstdCompressor(level=1).stream_writer(staged.file, closefd=False) as z:
                for doc in docs:
                    t = time.process_time()
                    stats.docs_kept += doc.kept
                    z.write(dumps_record(doc.to_state()) + b"\n")
                    phases["state write"] += time.process_time() - t
            staged.commit()
        finally:
            staged.abort()
        stats.seconds = time.process_time() - t0
        job.store.write_bytes(layout.states_stats(shard), orjson.dumps(stats.to_dict()))
        job.store.write_bytes(layout.states_marker(shard), b"")
        return stats.to_dict()
    _write_final(job, shard, docs, stats, t0)
    return stats.to_dict()


def finalize_shard(ctx: JobStageContext, shard: str) -> dict:
    """Apply every corpus stage's decisions to a shard and write its final outputs."""
    job = ctx.job
    t0 = time.process_time()
    base = Stats.from_dict(orjson.loads(job.store.read_bytes(job.layout.states_stats(shard))))
    stats = dataclasses.replace(base, docs_kept=0, bytes_out=0, seconds=0.0)
    stats.dropped_by_reason = base.dropped_by_reason.copy()
    stats.chars_by_rule = base.chars_by_rule.copy()
    stats.edits_by_rule = base.edits_by_rule.copy()
    stats.seconds_by_phase = base.seconds_by_phase.copy()  # the shard pass's read, steps, state write
    phases = stats.seconds_by_phase
    docs: Iterable[Document] = _timed(read_states(job, shard), phases, "state read")
    for stage in ctx.stages:
        docs = apply_stage(stage, docs, shard, ctx, stats)
    docs = _timed(docs, phases, "finalise", inner="state read")
    shown = frozenset(i for stage in ctx.stages for i in stage.shown_ids(ctx))
    _write_final(job, shard, docs, stats, t0, earlier_seconds=base.seconds, count_kept=True, shown_ids=shown)
    return stats.to_dict()


def _write_final(job: JobSpec, shard: str, docs: Iterable[Document], stats: Stats, t0: float,
                 earlier_seconds: float = 0.0, count_kept: bool = True, shown_ids: frozenset[str] = frozenset()) -> None:
    """Write a shard's outputs, then its profile and sampled documents, then its stats, then its
    completion marker: in that order."""
    layout = job.layout
    writer = ShardWriter(job.store, layout.kept(shard), layout.rejected(shard), layout.trace(shard), job.out_opts)
    profiler = Profiler(shard, job.rules, job.cluster_keys, shown_ids)
    stats.docs_kept = stats.tokens_kept = 0
    phases = stats.seconds_by_phase
    try:
        for doc in docs:
            t = time.process_time()
            if doc.kept:
                stats.kept(doc.metadata)  # its tokens too, where the tokens step counted them
            writer.write(doc)
            profiler.add(doc)
            phases["final write"] += time.process_time() - t
        t = time.process_time()
        writer.commit()
        phases["final write"] += time.process_time() - t
    except BaseException:
        writer.abort()
        raise
    profile, sampled = profiler.finish()
    job.store.write_bytes(layout.samples(shard), zstandard.ZstdCompressor(level=3).compress(
        b"".join(dumps_record(rec) + b"\n" for rec in sampled)))
    job.store.write_bytes(layout.shard_profile(shard), orjson.dumps(profile.to_dict()))
    stats.bytes_out = writer.bytes_out
    stats.seconds = time.process_time() - t0 + earlier_seconds
    job.store.write_bytes(layout.shard_stats(shard), orjson.dumps(stats.to_dict()))
    job.store.write_bytes(layout.marker(shard), b"")


def _timed(docs: Iterable[Document], seconds: Counter, phase: str, inner: str | None = None) -> Iterator[Document]:
    """``docs`` as they come, the time spent getting each added to ``seconds[phase]``, less what
    the ``inner`` phase (the generator this one pulls from) took meanwhile. CPU seconds of this
    worker: a shard's sub-phases, summed over shards in the job's stats (CPU, not wall: summed
    over workers that ran side by side, wall seconds would mean nothing)."""
    it = iter(docs)
    clock = time.process_time
    while True:
        t, before = clock(), seconds[inner] if inner else 0.0
        doc = next(it, None)
        seconds[phase] += clock() - t - ((seconds[inner] - before) if inner else 0.0)
        if doc is None:
            return
        yield doc


def _count_in(docs: Iterable[Document], stats: Stats) -> Iterator[Document]:
    for d in docs:
        stats.docs_in += 1
        stats.bytes_in += len(d.original.encode("utf-8", "replace"))
        if not d.kept:  # dropped by the reader itself (malformed record, ...)
            stats.dropped(d.verdict.reason or "unknown")
        yield d


# -- the whole job ------------------------------------------------------------------------------
def changed_input(old: dict, job: JobSpec) -> str | None:
    """The first input of ``job`` that the folder's job read at another size, modification time or ETag."""
    old_inputs = {f["url"]: f for f in old.get("inputs", []) if isinstance(f, dict)}
    for f in job.inputs:
        o = old_inputs.get(f.url)
        if o is not None and (o.get("size"), o.get("version")) != (f.size, f.version):
            return f.url
    return None


def describe_change(old: dict, job: JobSpec) -> str:
    """Why a folder's job is not this one, in a phrase (a changed input first: the common case)."""
    changed = changed_input(old, job)
    if changed is not None:
        return f"input {changed} changed since that job ran (its size, modification time or ETag)"
    old_inputs = {f["url"] for f in old.get("inputs", []) if isinstance(f, dict)}
    new_urls = {f.url for f in job.inputs}
    if old_inputs and old_inputs != new_urls:
        return "its inputs are other files"
    return "its config or options differ"


def prepare_out(job: JobSpec, overwrite: bool) -> bool:
    """Claim the output folder. Returns True when resuming the same job. Refuses another job's
    folder (or the same job's with changed inputs) unless ``overwrite``."""
    store = job.store
    if store.is_local and Path(store.path()).exists() and not Path(store.path()).is_dir():
        raise JobConflict(f"{job.out} is a file, not a folder; choose a folder for the output")
    fp = job.fingerprint()
    names = store.ls()
    if names:
        if JOB_FILE in names:
            old = orjson.loads(store.read_bytes(JOB_FILE))
            if old.get("fingerprint") == fp and not overwrite:
                _claim_folders(job)  # a resumed run must write too: a read-only folder is said now
                _clear_stale(store)
                return True
            if not overwrite:
                why = describe_change(old, job)
                if changed_input(old, job) is not None:  # never resumed: the shards would mix two versions of it
                    raise JobConflict(f"{job.out}: {why}; pass --overwrite to redo the job with the inputs as they are now, "
                                      "or choose a new folder")
                raise JobConflict(f"{job.out} already holds a different thresher job's results ({why}); "
                                  "choose another folder or pass --overwrite")
        elif not overwrite:
            raise JobConflict(f"{job.out} already holds files that are not a thresher job's; choose another folder or pass --overwrite")
        else:
            raise JobConflict(f"{job.out} holds files that are not a thresher job's; refusing to delete them even with --overwrite")
        for name in OWNED:
            store.rm(name)
    _claim_folders(job)
    from thresher.configfile import dumps_toml

    body = {"fingerprint": fp, "inputs": [dataclasses.asdict(f) for f in job.inputs], "shards": [dataclasses.asdict(s) for s in job.shards]}
    store.write_bytes(JOB_FILE, orjson.dumps(body, option=orjson.OPT_INDENT_2))
    # replace = true: passed back as --config, it is this whole pipeline again, not an overlay
    store.write_bytes(CONFIG_FILE, dumps_toml({"replace": True, **job.resolved_config()}).encode())
    return False


def _claim_folders(job: JobSpec) -> None:
    """Fail before any work, in one line, when the output folder or one of the folders the job
    writes into cannot be written (a read-only disk, ``kept`` a file where a folder must be)."""
    job.store.check_writable()
    for folder in job.layout.folders(job.staged):
        try:
            job.store.makedirs(folder)
        except (FileExistsError, NotADirectoryError) as exc:
            raise StorageError(f"cannot write to {job.store.full_url(folder)}: a file is where a folder must be") from exc
        except OSError as exc:
            raise StorageError(f"cannot write to {job.store.full_url(folder)}: {describe_os_error(exc)}") from exc


JOB_FILE = OutputLayout.job
CONFIG_FILE = OutputLayout.config


def _clear_stale(store: Store) -> None:
    """Temporary files a killed local run left behind: never read, don't let them pile up."""
    root = store.local_path()
    if root is not None:
        for stale in root.rglob(".*.tmp-*"):
            stale.unlink()


def run_job(job: JobSpec, executor: Executor, progress: Callable[[str, int, int], None] | None = None) -> Stats:
    """Run every shard not yet done, then the corpus stages, then write the summed stats."""
    layout = job.layout
    phases: dict[str, float] = {}
    t = time.perf_counter()
    if job.staged:
        have = {n[: -len(".done")] for n in job.store.ls("_work/states") if n.endswith(".done")}
    else:
        have = layout.done_shards()
    todo = [s for s in job.shard_names if OutputLayout.file_name(s) not in have]
    tick = _ticker("clean", len(job.shards), len(job.shards) - len(todo), progress)
    if todo and executor.workers > 1 and getattr(executor, "forks", False):
        job.setup()  # forked workers inherit what is compiled or loaded here: it is done once
    executor.map(run_shard, job, todo, on_done=tick)
    phases["shards"], t = time.perf_counter() - t, time.perf_counter()
    if job.staged:
        ctx = stage_context(job, executor)
        for stage in ctx.stages:
            if progress:
                progress(stage.name, 0, 1, docs=0, bytes_in=0)
            stage.prepare(ctx)
            if progress:
                progress(stage.name, 1, 1, docs=0, bytes_in=0)
            phases[f"stage:{stage.name}"], t = time.perf_counter() - t, time.perf_counter()
        done = layout.done_shards()
        todo = [s for s in job.shard_names if OutputLayout.file_name(s) not in done]
        tick = _ticker("write", len(job.shards), len(job.shards) - len(todo), progress)
        executor.map(finalize_shard, ctx, todo, on_done=tick)
        phases["write"], t = time.perf_counter() - t, time.perf_counter()
    total = Stats()
    profile = Profile()
    profiled = {f"profile/{n}" for n in job.store.ls("profile")}  # a shard done by a thresher before profiles has none
    for shard in job.shard_names:
        total.merge(Stats.from_dict(orjson.loads(job.store.read_bytes(layout.shard_stats(shard)))))
        if layout.shard_profile(shard) in profiled:
            profile.merge(Profile.from_dict(orjson.loads(job.store.read_bytes(layout.shard_profile(shard)))))
    job.store.write_bytes(layout.profile, orjson.dumps(profile.to_dict()))
    phases["stats"] = time.perf_counter() - t
    total.seconds_by_phase.update(phases)
    total.peak_mb_by_task = {name: round(kb / 1024, 1) for name, kb in getattr(executor, "peaks", {}).items()}
    job.store.write_bytes(layout.stats, orjson.dumps(total.to_dict(), option=orjson.OPT_INDENT_2))
    return total


def _ticker(label: str, total: int, start: int, progress: Callable[..., None] | None) -> Callable[[Any], None]:
    """Calls ``progress(label, done, total, docs=..., bytes_in=...)`` as shards finish (documents
    and bytes of the shards finished in this run, from their stats)."""
    state = {"n": start, "docs": 0, "bytes": 0}
    if progress:
        progress(label, start, total, docs=0, bytes_in=0)

    def tick(result: Any) -> None:
        state["n"] += 1
        if isinstance(result, dict):
            state["docs"] += int(result.get("docs_in", 0) or 0)
            state["bytes"] += int(result.get("bytes_in", 0) or 0)
        if progress:
            progress(label, state["n"], total, docs=state["docs"], bytes_in=state["bytes"])

    return tick


def make_job(inputs: list[str], out: str, config: dict[str, Any] | Callable[[list[InputFile]], dict[str, Any]], executor: Executor, problems: list[str], notes: list[str], *,
             read_opts: ReadOptions | None = None, out_opts: OutputOptions | None = None, sizing: Sizing | None = None,
             storage_options: dict[str, Any] | None = None, threads: int = 1) -> JobSpec | None:
    """Find the inputs and plan the shards (reusing the plan an output folder holds for the same
    job, so a resumed run neither recounts nor renames). None when no input can be read."""
    from thresher.run.plan import find_inputs, measure, needs_count, plan_shards

    read_opts = read_opts or ReadOptions(storage_options=dict(storage_options or {}))
    files = find_inputs(inputs, storage_options, problems, notes, exclude=[out] if out else [])
    if not files:
        return None
    if callable(config):  # a config that depends on the inputs (HTML among them needs extraction)
        config = config(files)
    job = JobSpec(out, tuple(files), (), config, read_opts, out_opts or OutputOptions(), sizing or Sizing(),
                  dict(storage_options or {}), max(1, threads))
    shards = _planned_shards(job) if out else None
    if shards is None:
        big = [f for f in files if needs_count(f, job.sizing)]
        counts = dict(zip([f.url for f in big], executor.map(measure, (read_opts, job.sizing), big)))
        shards = tuple(plan_shards(files, job.sizing, counts))
    return dataclasses.replace(job, shards=shards)


def _planned_shards(job: JobSpec) -> tuple[ShardSpec, ...] | None:
    try:
        if not job.store.exists(JOB_FILE):
            return None
        old = orjson.loads(job.store.read_bytes(JOB_FILE))
    except (OSError, orjson.JSONDecodeError, ValueError):
        return None
    if old.get("fingerprint") != job.fingerprint():
        return None
    return tuple(ShardSpec(s["name"], s["reader"], tuple(tuple(f) for f in s["files"]), s.get("start", 0), s.get("stop"),
                           s.get("unit", "records"), s.get("line", 0)) for s in old["shards"])
