"""thresher explain OUT DOC_ID: the original text with every removed or changed span marked and named."""

from __future__ import annotations

import argparse
import io
import tomllib
from collections import Counter
from pathlib import Path
from typing import Iterator

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from rich.console import Console
from rich.text import Text

from thresher.commands.marking import segments
from thresher.document import Edit


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show what was done to one document and why")
    p.add_argument("out", type=Path, help="an output folder of `thresher clean -o`")
    p.add_argument("doc_id", help="the document's id")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour (default: when a terminal)")
    p.set_defaults(func=run)


def _lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
        yield from io.BufferedReader(z)  # type: ignore[arg-type]


def find_trace(out: Path, doc_id: str) -> dict | None:
    needle = orjson.dumps(doc_id)
    for path in sorted((out / "trace").glob("*.jsonl.zst")):
        for line in _lines(path):
            if needle in line:  # cheap test before parsing
                rec = orjson.loads(line)
                if rec.get("id") == doc_id:
                    return rec
    return None


def output_options(out: Path) -> tuple[str, str]:
    """(format, id field) the job wrote its outputs with, from OUT/config.toml's [output]."""
    try:
        conf = tomllib.loads((out / "config.toml").read_text(encoding="utf-8")).get("output", {})
    except (OSError, tomllib.TOMLDecodeError):
        conf = {}
    return str(conf.get("format", "jsonl")), str(conf.get("id_field", "id"))


def find_kept(out: Path, doc_id: str) -> dict | None:
    """A kept document nothing changed has no trace; find its record (by its id field only) to say so."""
    fmt, id_field = output_options(out)
    if fmt == "parquet":
        for path in sorted((out / "kept").glob("*.parquet")):
            try:
                rows = pq.read_table(path, filters=[(id_field, "==", doc_id)]).to_pylist()
            except (pa.ArrowException, KeyError, TypeError):  # no such column, or not a text one
                continue
            if rows:
                return rows[0]
        return None
    needle = orjson.dumps(doc_id)
    for path in sorted((out / "kept").glob("*.jsonl.zst")):
        for line in _lines(path):
            if needle in line:  # cheap test before parsing
                rec = orjson.loads(line)
                if rec.get(id_field) == doc_id:
                    return rec
    return None


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
    if not (args.out / "job.json").exists():
        err.print(f"[red]thresher:[/] {args.out} is not a thresher output folder (no job.json)", highlight=False)
        return 2
    force = {"always": True, "never": False}.get(args.color)
    console = Console(force_terminal=force, no_color=args.color == "never")
    plain = not console.is_terminal or args.color == "never"
    rec = find_trace(args.out, args.doc_id)
    if rec is None:
        kept = find_kept(args.out, args.doc_id)
        if kept is None:
            err.print(f"[red]thresher:[/] no document with id {args.doc_id!r} in {args.out}", highlight=False)
            return 1
        console.print(f"{args.doc_id}: kept, unchanged (no rule touched it)", highlight=False)
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
    removed = Counter()
    count = Counter()
    for e in edits:
        count[e.rule] += 1
        removed[e.rule] += (e.end - e.start) - len(e.replacement)
    for rule in sorted(count):
        console.print(f"  {rule}: {count[rule]} edit(s), {removed[rule]:,} chars removed", highlight=False)
    console.print("")
    console.print(render_marked(rec["original"], edits, plain), highlight=False, soft_wrap=True)
    return 0
