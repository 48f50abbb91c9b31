"""thresher clean: one page to stdout, or files and folders to an output folder."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thresher import exit_codes
from thresher.commands.options import (
    add_input_options,
    add_run_options,
    config_from_args,
    out_path,
    output_options,
    read_options,
    sizing,
    storage_options,
)
from thresher.commands.summary import render_summary
from thresher.io.jsonio import dumps_record
from thresher.io.readers import READERS
from thresher.io.writers import kept_record
from thresher.pipeline import Pipeline
from thresher.io.store import StorageError, describe_os_error
from thresher.run.executors import WorkerDied, make_executor
from thresher.run.job import JobSpec, make_job, prepare_out, run_job, stage_context
from thresher.run.plan import Sizing, find_inputs, plan_shards, read_shard
from thresher.stats import Stats
from thresher.steps.base import ShardContext

HTML_READERS = {READERS[".html"], READERS[".warc"]}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "clean",
        help="clean pages: one to stdout, or many to an output folder",
        description="Without -o: print each page's cleaned text (or --json its whole record); corpus stages "
        "(exact and near dedup, repeated lines) run too, in a temporary folder, so a copy is printed once. "
        "With -o: write kept/ and rejected/ shards, stats and the resolved config to OUT.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders: JSONL (.gz/.zst), Parquet, .txt, .html, WARC/WET")
    p.add_argument("-o", "--out", type=out_path, help="output folder")
    p.add_argument("--json", action="store_true", help="without -o: print whole document records as JSON lines")
    p.add_argument("--max-input-errors", type=_share, default=0.5, metavar="SHARE",
                   help=f"exit {exit_codes.BAD_DATA} when more than this share of the records are rejected as bad input "
                   "(input:*: malformed JSON, a missing text field ...); default 0.5, 0 for any")
    add_input_options(p)
    add_run_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True, soft_wrap=True)
    problems: list[str] = []
    notes: list[str] = []
    try:
        storage = storage_options(args)
        if args.out is None:
            files = find_inputs(args.inputs, storage, problems, notes)
            _say(err, problems, notes)
            if not files:
                err.print("[red]thresher:[/] nothing to read", highlight=False)
                return 2
            config = config_from_args(args, html_inputs=any(f.reader in HTML_READERS for f in files))
            if not any(e.get("enabled", True) for e in config["corpus"]):
                specs = plan_shards(files, Sizing(shard_bytes=0), {})
                return _exit_code(_to_stdout(args, specs, config, err), args, problems, err)
        executor = make_executor(args.executor, args.workers, args.ray_address)
    except (ValueError, ImportError) as exc:  # bad options, or an executor whose extra is missing
        err.print(f"[red]thresher:[/] {exc}", highlight=False)
        return 2
    try:
        if args.out is None:  # corpus stages need the whole corpus: a job in a temporary folder, then print
            return _job_to_stdout(args, executor, storage, problems, err)
        return _run_job(args, executor, storage, problems, notes, err)
    except ConnectionError as exc:  # the Ray cluster named on the command line does not answer
        if type(exc).__name__ != "RayUnavailable":
            raise
        err.print(f"[red]thresher:[/] {exc}", highlight=False)
        return 2
    finally:
        executor.close()


def _say(err: Console, problems: list[str], notes: list[str]) -> None:
    for line in problems:
        err.print(f"[red]thresher:[/] {line}", highlight=False)
    for line in notes:
        err.print(f"thresher: {line}", highlight=False)


def _run_job(args: argparse.Namespace, executor, storage: dict, problems: list[str], notes: list[str], err: Console) -> int:
    try:
        config_from_args(args)  # a bad option is refused before any input is listed or read
        job = make_job(args.inputs, args.out, lambda files: config_from_args(args, html_inputs=any(f.reader in HTML_READERS for f in files)), executor, problems, notes, read_opts=read_options(args),
                       out_opts=output_options(args), sizing=sizing(args), storage_options=storage, threads=max(1, args.workers))
        _say(err, problems, notes)
        if job is None:
            err.print("[red]thresher:[/] nothing to read", highlight=False)
            return 2
        resuming = prepare_out(job, args.overwrite)
    except (ValueError, StorageError) as exc:  # bad config or options, another job's folder, storage refused
        err.print(f"[red]thresher:[/] {exc}", highlight=False)
        return 2
    if resuming:
        err.print(f"resuming the job in {job.out}: completed shards are kept", highlight=False)
    try:
        stats, wall = run_with_progress(job, executor, err, args.log_seconds)
    except WorkerDied as exc:
        err.print(f"[red]thresher:[/] {exc}", highlight=False)
        return exit_codes.WORKER_DIED
    except BrokenPipeError:
        raise
    except (OSError, StorageError) as exc:  # the disk filled up, the folder went read-only
        return _output_failed(job.out, exc, err)
    render_summary(stats, wall, Console(), title=f"thresher clean -> {job.out}")
    warn_about_errors(stats, job.out, err)
    return _exit_code(stats, args, problems, err)


def _output_failed(out, exc: BaseException, err: Console) -> int:
    """A write that failed mid-run, in one line: what the system or the store said, and that nothing
    is lost. Every file is written whole or not at all, so the completed shards stand."""
    if isinstance(exc, StorageError):  # names its file already; a Ray task's error has its traceback after the first line
        lines = (str(exc.args[0]) if exc.args else str(exc)).strip().splitlines()
        said = lines[0] if lines else f"cannot write to {out}"
    else:
        said = f"cannot write to {out}: {describe_os_error(exc)}"
    err.print(f"[red]thresher:[/] {said}; completed shards are kept; make room (or make it writable) and re-run the same "
              "command to resume", highlight=False)
    return exit_codes.OUTPUT_FAILED


def _share(value: str) -> float:
    share = float(value)
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not a share between 0 and 1")
    return share


def _exit_code(stats: Stats, args: argparse.Namespace, problems: list[str], err: Console) -> int:
    lines, bad = judge_data(stats, args.max_input_errors, args.html_field or args.text_field)
    for line in lines:
        err.print(f"[yellow]thresher: {line}[/]", highlight=False)
    if bad:
        return exit_codes.BAD_DATA
    return exit_codes.SOME_INPUTS_UNUSABLE if problems else exit_codes.OK


#: What to check when one input reason rejects most records ({field}: the field read).
INPUT_HINTS = {
    "input:missing_field": "is {field!r} the field that holds the text? (--text-field, --html-field)",
    "input:bad_field_type": "the {field!r} field holds something other than text (--text-field, --html-field)",
    "input:malformed_json": "are these files JSON Lines, one object a line?",
    "input:not_an_object": "JSON Lines of objects, one a line, are expected",
}


def judge_data(stats: Stats, max_input_errors: float, field: str) -> tuple[list[str], bool]:
    """What a finished run must say about its data (one line each), and whether it failed: nothing
    kept, or a share of records rejected as bad input over ``max_input_errors``. Most records
    rejected for one input reason is said with what to check, whatever the threshold."""
    n = stats.docs_in
    lines: list[str] = []
    inputs = Counter({r: c for r, c in stats.dropped_by_reason.items() if r.startswith("input:")})
    bad = sum(inputs.values())
    if inputs:
        reason, count = inputs.most_common(1)[0]
        if count * 2 > n:
            hint = INPUT_HINTS.get(reason)
            lines.append(f"{count:,} of {n:,} records ({count / n:.0%}) were rejected as {reason}"
                         + (f": {hint.format(field=field)}" if hint else ""))
    too_many = n > 0 and bad / n > max_input_errors
    if too_many and not lines:
        kinds = ", ".join(f"{r} {c:,}" for r, c in inputs.most_common(3))
        lines.append(f"{bad:,} of {n:,} records ({bad / n:.0%}) were rejected as bad input ({kinds}), "
                     f"more than --max-input-errors {max_input_errors:g}")
    if stats.docs_kept == 0:
        lines.append("nothing was kept: " + ("the inputs held no document" if n == 0 else
                                             "the one document was dropped" if n == 1 else f"all {n:,} documents were dropped"))
    return lines, too_many or stats.docs_kept == 0


def warn_about_errors(stats: Stats, out, err: Console) -> None:
    """Documents a step raised on are dropped and the run goes on; say so loudly, since a bug or a
    bad option can make that every document."""
    errors = {r: n for r, n in stats.dropped_by_reason.items() if r.startswith("error:")}
    if errors:
        total = sum(errors.values())
        err.print(
            f"[yellow]thresher: {total:,} document(s) ({total / max(stats.docs_in, 1):.1%}) were dropped because a step "
            f"raised ({', '.join(errors)}); see the rejected sink in {out}[/]",
            highlight=False,
        )


def run_with_progress(job: JobSpec, executor, err: Console, log_seconds: float = 30.0) -> tuple[Stats, float]:
    """A progress bar on a terminal; elsewhere (a batch log, a pipe) one line per phase and, while a
    phase runs, one every ``log_seconds``: shards done, documents, MB/s, time left."""
    t0 = time.perf_counter()
    if not err.is_terminal:
        log = ProgressLog(err, log_seconds)
        stats = run_job(job, executor, log)
        return stats, time.perf_counter() - t0
    with Progress(
        TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(label: str, done: int, total: int, **_counts) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total)
            bar.update(tasks[label], completed=done, total=total)

        stats = run_job(job, executor, progress)
    return stats, time.perf_counter() - t0


class ProgressLog:
    """Progress as plain lines, never more often than every ``seconds`` within a phase."""

    def __init__(self, err: Console, seconds: float) -> None:
        self.err, self.seconds = err, seconds
        self.label: str | None = None
        self.started = self.last = 0.0
        self.first_done = 0

    def __call__(self, label: str, done: int, total: int, docs: int = 0, bytes_in: int = 0) -> None:
        now = time.perf_counter()
        if label != self.label:
            self.label, self.started, self.last, self.first_done = label, now, now, done
            self._say(f"{label}: {done}/{total}")
            return
        if done < total and now - self.last < self.seconds:
            return
        self.last = now
        elapsed = now - self.started
        line = f"{label}: {done}/{total}"
        if docs:
            line += f", {docs:,} documents, {bytes_in / 1e6 / max(elapsed, 1e-9):.2f} MB/s"
        ran = done - self.first_done
        if done < total and ran > 0:
            line += f", about {_duration(elapsed / ran * (total - done))} left"
        line += f" ({_duration(elapsed)} elapsed)"
        self._say(line)

    def _say(self, line: str) -> None:
        self.err.print(f"thresher: {line}", highlight=False, soft_wrap=True)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def _to_stdout(args: argparse.Namespace, specs, config, err: Console) -> Stats:
    """Clean in this process and print: the quick way to see what thresher does to a page."""
    pipeline = Pipeline.from_config(config["step"])
    ctx = ShardContext()
    opts = read_options(args)
    docs = (doc for spec in specs for doc in pipeline.run(_counted(read_shard(spec, opts, ctx.stats), ctx.stats), ctx))
    return _print(args, _kept_counted(docs, ctx.stats), ctx.stats, err)


def _job_to_stdout(args: argparse.Namespace, executor, storage: dict, problems: list[str], err: Console) -> int:
    """The whole job, corpus stages included (an exact copy is printed once), in a temporary folder
    deleted afterwards; then each document as the stages left it, in input order."""
    with tempfile.TemporaryDirectory(prefix="thresher-stdout-") as tmp:
        try:
            job = make_job(args.inputs, str(Path(tmp) / "out"), lambda files: config_from_args(args, html_inputs=any(f.reader in HTML_READERS for f in files)),
                           executor, [], [], read_opts=read_options(args), out_opts=output_options(args), sizing=sizing(args),
                           storage_options=storage, threads=max(1, args.workers))
            if job is None:
                err.print("[red]thresher:[/] nothing to read", highlight=False)
                return 2
            prepare_out(job, overwrite=False)
        except (ValueError, StorageError) as exc:
            err.print(f"[red]thresher:[/] {exc}", highlight=False)
            return 2
        try:
            stats = run_job(job, executor)
        except WorkerDied as exc:
            err.print(f"[red]thresher:[/] {exc}", highlight=False)
            return exit_codes.WORKER_DIED
        except BrokenPipeError:
            raise
        except (OSError, StorageError) as exc:
            return _output_failed(tmp, exc, err)
        ctx = stage_context(job)
        _print(args, (doc for shard in job.shard_names for doc in ctx.docs(shard)), stats, err)
        return _exit_code(stats, args, problems, err)


def _print(args: argparse.Namespace, docs, stats: Stats, err: Console) -> Stats:
    """Each kept document's text (or with --json every document's record); drops on stderr."""
    out = sys.stdout
    first = True
    for doc in docs:
        if args.json:
            rec = kept_record(doc, output_options(args))
            rec["verdict"] = doc.verdict.to_dict()
            rec["edits"] = [e.to_list() for e in doc.edits]
            out.write(dumps_record(rec).decode() + "\n")
            continue
        if not doc.kept:
            err.print(f"{doc.id}: dropped by {doc.verdict.step}: {doc.verdict.reason} {doc.verdict.detail or ''}", highlight=False)
            continue
        if not first:
            out.write("\n\n")
        out.write(doc.text)
        first = False
    if not args.json and out.isatty() and not first:
        out.write("\n")
    for line in stats.error_samples:
        err.print(f"[yellow]thresher:[/] {line}", highlight=False)
    return stats


def _counted(docs, stats: Stats):
    """Documents read, and those the reader itself rejected (as the job counts them)."""
    for doc in docs:
        stats.docs_in += 1
        if not doc.kept:
            stats.dropped(doc.verdict.reason or "unknown")
        yield doc


def _kept_counted(docs, stats: Stats):
    for doc in docs:
        stats.docs_kept += doc.kept
        yield doc
