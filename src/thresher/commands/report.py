"""thresher report OUT: one self-contained HTML page showing what a job did and why.

Counts (documents in, kept, dropped by reason; characters removed by rule; bad input), then a few
sampled documents per drop reason and per rule, each with its removed spans marked on the original,
the same view as ``thresher explain``. No scripts, no external assets: it opens anywhere.
"""

from __future__ import annotations

import argparse
import html
from collections import defaultdict
from pathlib import Path

from thresher.commands.marking import segments
from thresher.commands.options import add_storage_options, storage_options
from thresher.document import Edit
from thresher.io.atomic import write_bytes_atomic
from thresher.run.layout import OutputLayout
from thresher.run.outputs import JobOutput
from thresher.stats import Stats

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .8em;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{background:#4a7;height:.8em;display:inline-block}.bar.drop{background:#c55}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.6em;font-size:13px}
del{background:#fdd;color:#a00}ins{background:#dfd;text-decoration:none}
.rule{color:#07a;font-size:11px;vertical-align:super}.muted{color:#888}
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write an HTML report of a job: counts, reasons, sampled documents")
    p.add_argument("out", help="an output folder of `thresher clean -o` (a path or a URL such as s3://bucket/out)")
    add_storage_options(p)
    p.add_argument("-o", "--output", type=Path, help="HTML file to write (default: OUT/report.html)")
    p.add_argument("--samples", type=int, default=3, help="documents shown per reason and per rule (default: 3)")
    p.set_defaults(func=run)


_HTML = {
    "kept": "{}",
    "removed": "<del>{}</del>",
    "inserted": "<ins>{}</ins>",
    "rule": '<span class="rule">{}</span>',
}


def marked_html(original: str, edits: list[Edit]) -> str:
    return "".join(_HTML[kind].format(html.escape(text)) for kind, text in segments(original, edits))


def collect_samples(output: JobOutput, per_key: int) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Trace records: up to ``per_key`` per drop reason and per edit rule, in shard order."""
    by_reason: dict[str, list[dict]] = defaultdict(list)
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for rec in output.traces():
        verdict = rec.get("verdict") or {}
        if not verdict.get("kept", True):
            reason = verdict.get("reason") or "unknown"
            if len(by_reason[reason]) < per_key:
                by_reason[reason].append(rec)
            continue
        for rule in {e[2] for e in rec["edits"]}:
            if len(by_rule[rule]) < per_key:
                by_rule[rule].append(rec)
    return by_reason, by_rule


def _count_table(rows: list[tuple[str, int]], total: int, css: str = "") -> str:
    top = max([c for _, c in rows] + [1])
    body = "".join(
        f'<tr><td>{html.escape(k)}</td><td class="n">{c:,}</td><td class="n">{c / max(total, 1):.1%}</td>'
        f'<td><span class="bar {css}" style="width:{200 * c / top:.0f}px"></span></td></tr>'
        for k, c in rows
    )
    return f"<table>{body}</table>"


#: A report shows at most this much of a document: a 5 MB page would bury the rest.
SHOW_CHARS = 6000


def _doc_block(rec: dict, note: str) -> str:
    original = rec["original"]
    edits = [Edit.from_list(r) for r in rec["edits"]]
    tail = ""
    if len(original) > SHOW_CHARS:
        cut = SHOW_CHARS
        edits = [e for e in edits if e.end <= cut]
        original = original[:cut]
        tail = f'<span class=muted>\n[... {len(rec["original"]) - cut:,} more characters]</span>'
    return f"<h4>{html.escape(rec['id'])} <span class=muted>{html.escape(note)}</span></h4><pre>{marked_html(original, edits)}{tail}</pre>"


def render(output: JobOutput, samples: int) -> str:
    out = output.url
    stats = Stats.from_dict(output.stats())
    config = output.config_text()
    by_reason, by_rule = collect_samples(output, samples)
    s = stats
    head = (
        f"<p>{s.docs_in:,} documents in, <b>{s.docs_kept:,} kept</b> ({s.docs_kept / max(s.docs_in, 1):.1%}), "
        f"{sum(s.dropped_by_reason.values()):,} dropped; {s.bytes_in / 1e6:,.2f} MB in, {s.bytes_out / 1e6:,.2f} MB kept; "
        f"{s.seconds:,.1f} s CPU ({s.bytes_in / 1e6 / max(s.seconds, 1e-9):,.2f} MB/s per core).</p>"
    )
    parts = [f"<!doctype html><meta charset=utf-8><title>thresher report: {html.escape(str(out))}</title><style>{STYLE}</style>",
             f"<h1>thresher report <span class=muted>{html.escape(str(out))}</span></h1>", head,
             "<h2>Dropped, by reason</h2>", _count_table(s.dropped_by_reason.most_common(), s.docs_in, "drop"),
             "<h2>Characters removed, by rule</h2>",
             _count_table(s.chars_by_rule.most_common(), max(s.bytes_in, 1))]
    if s.skipped_records:
        parts += ["<h2>Input records skipped on purpose</h2>", _count_table(s.skipped_records.most_common(), sum(s.skipped_records.values()))]
    if s.input_errors:
        parts += ["<h2>Bad input (counted; the run went on)</h2>", _count_table(s.input_errors.most_common(), s.docs_in, "drop")]
        parts.append("<pre>" + html.escape("\n".join(s.error_samples)) + "</pre>")
    parts.append("<h2>Sampled dropped documents</h2>")
    for reason, recs in sorted(by_reason.items()):
        parts.append(f"<h3>{html.escape(reason)}</h3>")
        parts += [_doc_block(r, (r["verdict"].get("detail") or "")[:200]) for r in recs]
    parts.append("<h2>Sampled edits, by rule</h2>")
    for rule, recs in sorted(by_rule.items()):
        parts.append(f"<h3>{html.escape(rule)}</h3>")
        parts += [_doc_block(r, "kept") for r in recs]
    parts += ["<h2>Resolved config</h2>", f"<pre>{html.escape(config)}</pre>"]
    return "\n".join(parts)


def run(args: argparse.Namespace) -> int:
    import sys

    output = JobOutput(args.out, storage_options(args))
    if not output.finished():
        print(f"thresher: {args.out} has no stats.json: not a finished thresher output folder", file=sys.stderr)
        return 2
    page = render(output, args.samples).encode("utf-8")
    if args.output:
        write_bytes_atomic(args.output, page)
        target = str(args.output)
    else:
        target = output.write(OutputLayout.report, page)
    print(f"wrote {target}")
    return 0
