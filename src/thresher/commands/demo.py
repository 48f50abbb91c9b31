"""thresher demo: write a small crawled-looking corpus, clean it with the default pipeline, show the result."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from rich.console import Console

from thresher.commands.clean import run_with_progress, warn_about_errors
from thresher.commands.options import config_from_args, usable_cores
from thresher.commands.summary import render_summary
from thresher.run.executors import LocalPool
from thresher.run.job import make_job, prepare_out
from thresher.run.outputs import JobOutput


DEMO_MARKER = ".thresher-demo"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="clean a built-in sample corpus and show what was done")
    p.add_argument("--dir", type=Path, default=Path("thresher-demo"), help="where to write the corpus and results (default: ./thresher-demo)")
    p.add_argument("--pages", type=int, default=300, help="how many pages to make (default: 300)")
    p.add_argument("--workers", type=int, default=usable_cores(), help="worker processes (default: the cores this process may use)")
    p.set_defaults(func=run, config=None, no_repair=False, no_dedup=False, html_field=None)


def run(args: argparse.Namespace) -> int:
    from thresher.synth.demo import write_demo_corpus

    err = Console(stderr=True)
    out = Console()
    base: Path = args.dir
    inp, res = base / "input", base / "out"
    marker = base / DEMO_MARKER
    if base.exists() and any(base.iterdir()) and not marker.exists():
        err.print(f"[red]thresher:[/] {base} exists and is not a thresher demo folder; choose another with --dir", highlight=False)
        return 2
    if inp.exists():
        shutil.rmtree(inp)  # only ever inside a folder the demo made (it carries the marker)
    inp.mkdir(parents=True)
    marker.write_text("made by `thresher demo`; safe to delete\n")
    write_demo_corpus(inp, n_pages=args.pages, seed=0)
    problems: list[str] = []
    executor = LocalPool(args.workers)
    job = make_job([str(inp)], str(res), config_from_args(args), executor, problems, [], threads=max(1, args.workers))
    try:
        if job is None:
            raise ValueError(f"no demo pages were written to {inp}")
        prepare_out(job, overwrite=True)
    except ValueError as exc:
        err.print(f"[red]thresher:[/] {exc}", highlight=False)
        return 2
    err.print(f"demo corpus: {args.pages} pages in {inp}; cleaning into {res}", highlight=False)
    stats, wall = run_with_progress(job, executor, err)
    render_summary(stats, wall, out, title="thresher demo")
    warn_about_errors(stats, res, err)
    example = _an_edited_doc(res)
    out.print(f"\nkept documents: {res / 'kept'}   rejected: {res / 'rejected'}   stats: {res / 'stats.json'}", highlight=False)
    if example:
        out.print(f"see what was done to one page:  thresher explain {res} {example}", highlight=False)
    return 0


def _an_edited_doc(out: Path) -> str | None:
    """The kept page that the most rules changed: the one worth explaining."""
    best = None
    for rec in JobOutput(str(out)).traces():
        if rec["verdict"].get("kept", True):
            n = len({e[2] for e in rec["edits"]})
            if best is None or n > best[0]:
                best = (n, rec["id"])
    return best[1] if best else None
