"""thresher explain OUT DOC_ID: the original text with every removed or changed span marked and named."""

from __future__ import annotations

import argparse
from rich.console import Console
from rich.text import Text

from thresher.commands.marking import rule_counts, segments
from thresher.commands.options import add_storage_options, storage_options
from thresher.document import Edit
from thresher.run.outputs import JobOutput


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show what was done to one document and why")
    p.add_argument("out", help="an output folder of `thresher clean -o` (a path or a URL such as s3://bucket/out)")
    add_storage_options(p)
    p.add_argument("doc_id", help="the document's id")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour (default: when a terminal)")
    p.set_defaults(func=run)


def render_marked(original: str, edits: list[Edit], plain: bool) -> Text:
    """Original text; removed spans struck through in red, inserted text in green, rule after each.
    Plain (no terminal): ``[-removed-]``, ``{+inserted+}``, ``<<rule>>``."""
    t = Text()
    for kind, text in segments(original, edits):
        if kind == "kept":
            t.append(text)
        elif kind == "rule":
            t.append(f"<<{text}>>" if plain else f"⟨{text}⟩", style=None if plain else "dim cyan")
        else:
            shown = text.replace("\n", "⏎\n")
            if plain:
                t.append(f"[-{shown}-]" if kind == "removed" else "{+" + shown + "+}")
            else:
                t.append(shown, style="red strike" if kind == "removed" else "bold green")
    return t


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True, soft_wrap=True)
    output = JobOutput(args.out, storage_options(args))
    if not output.is_job():
        err.print(f"[red]thresher:[/] {args.out} is not a thresher output folder (no job.json)", highlight=False)
        return 2
    force = {"always": True, "never": False}.get(args.color)
    console = Console(force_terminal=force, no_color=args.color == "never")
    plain = not console.is_terminal or args.color == "never"
    rec = output.find_trace(args.doc_id)
    if rec is None:
        kept = output.find_kept(args.doc_id)
        if kept is None:
            err.print(f"[red]thresher:[/] no document with id {args.doc_id!r} in {args.out}", highlight=False)
            return 1
        console.print(f"{args.doc_id}: kept, unchanged (no rule touched it){_given(kept)}", highlight=False, soft_wrap=True)
        _say_renamed(output, args.doc_id, console)
        return 0
    edits = [Edit.from_list(r) for r in rec["edits"]]
    verdict = rec.get("verdict") or {}
    if verdict.get("kept", True):
        head = f"{rec['id']}: kept"
    else:
        head = f"{rec['id']}: dropped by {verdict.get('step')}: {verdict.get('reason')}"
        if verdict.get("detail"):
            head += f" ({verdict['detail']})"
    console.print(head, style=None if plain else "bold", highlight=False)
    _say_renamed(output, args.doc_id, console)
    for rule, n, removed in rule_counts(edits):
        console.print(f"  {rule}: {n} edit(s), {removed:,} chars removed", highlight=False)
    console.print("")
    console.print(render_marked(rec["original"], edits, plain), highlight=False, soft_wrap=True)
    return 0


def _given(rec: dict) -> str:
    given = (rec.get("metadata") or {}).get("given_id") if isinstance(rec.get("metadata"), dict) else None
    return f"; given id {given!r}, renamed: an earlier document of the job has that id" if given is not None else ""


def _say_renamed(output: JobOutput, doc_id: str, console: Console) -> None:
    """Other documents given this id, renamed (see thresher.steps.unique_ids): where to find them."""
    id_field = output.output_options()["id_field"]
    for rec in output.given_id(doc_id):
        meta = rec.get("metadata") or {}
        where = f" ({meta['source']}" + (f" line {meta['line']}" if "line" in meta else "") + ")" if isinstance(meta, dict) and "source" in meta else ""
        console.print(f"  also given id {doc_id!r}: {rec.get(id_field)}{where}, renamed", highlight=False, soft_wrap=True)
