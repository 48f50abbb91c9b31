"""thresher report OUT: one self-contained HTML page, the first to open after a job.

It shows where the documents went (kept, dropped by reason); documents, characters and tokens by
language; the distribution of every quality signal, kept against dropped, with each rule's
threshold marked; characters removed by rule; deduplication (cluster sizes, sampled duplicate pairs
with their true similarity); and sampled documents as ``thresher explain`` shows them (per drop
reason, per edit rule, and kept ones).

Light for a job of any size: everything comes from what the job gathered as it wrote
(``stats.json``, ``profile.json`` and the sampled documents of a few shards, see
:mod:`thresher.profile`; the near_dedup stage's summary and sampled pairs). The kept, rejected and
trace files are never read. The charts are inline SVG drawn by a small inline script from JSON the
page carries; nothing is fetched, so the file opens anywhere, offline.
"""

from __future__ import annotations

import argparse
import html
import io
from collections import defaultdict
from importlib import resources
from pathlib import Path

import orjson
import zstandard

from thresher.commands.marking import rule_counts, segments
from thresher.commands.options import add_storage_options, storage_options
from thresher.document import Edit
from thresher.io.atomic import write_bytes_atomic
from thresher.profile import EDGES, SAMPLE_K, Profile, bin_of, sample_hash
from thresher.run.layout import OutputLayout
from thresher.run.outputs import JobOutput
from thresher.stats import Stats


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write an HTML report of a job: charts of signals, languages, dedup; sampled documents")
    p.add_argument("out", help="an output folder of `thresher clean -o` (a path or a URL such as s3://bucket/out)")
    add_storage_options(p)
    p.add_argument("-o", "--output", type=Path, help="HTML file to write (default: OUT/report.html)")
    p.add_argument("--samples", type=int, default=3, help=f"documents shown per reason, per rule and kept (default: 3, at most {SAMPLE_K})")
    p.set_defaults(func=run)


_HTML = {
    "kept": "{}",
    "removed": "<del>{}</del>",
    "inserted": "<ins>{}</ins>",
    "rule": '<span class="rule">{}</span>',
}


def marked_html(original: str, edits: list[Edit]) -> str:
    return "".join(_HTML[kind].format(html.escape(text)) for kind, text in segments(original, edits))


# -- what the charts draw ------------------------------------------------------------------------
def signal_bins(kinds: dict, thresholds: list[float]) -> list[list]:
    """``[lo, hi, kept, rule, other]`` for every bin from the lowest occupied (or holding a
    threshold) to the highest; ``lo`` None for the bin of negative values, ``hi`` None for the
    last, open one. A signal of whole numbers skips the empty fraction bins between 0 and 1."""
    occupied = {b for counts in kinds.values() for b, n in counts.items() if n}
    if not occupied:
        return []
    wanted = occupied | {bin_of(t) for t in thresholds}
    one = bin_of(1.0)
    counts_only = max(occupied) >= one and not any(0 < b < one for b in occupied)
    rows = []
    for b in range(min(wanted), max(wanted) + 1):
        if counts_only and 0 < b < one:
            continue
        lo = None if b < 0 else EDGES[b]
        hi = 0.0 if b < 0 else (EDGES[b + 1] if b + 1 < len(EDGES) else None)
        rows.append([lo, hi, *(int(kinds.get(k, {}).get(b, 0)) for k in ("kept", "rule", "other"))])
    return rows


def signal_charts(profile: Profile) -> list[dict]:
    """One entry per signal: those with rules first, in the pipeline's order, then the rest."""
    rules_of: dict[str, list[dict]] = defaultdict(list)
    for r in profile.rules:
        rules_of[r["signal"]].append(r)
    ruled = [s for s in dict.fromkeys(r["signal"] for r in profile.rules) if s in profile.histograms]
    order = ruled + sorted(s for s in profile.histograms if s not in rules_of)
    out = []
    for sig in order:
        kinds = profile.histograms[sig]
        rules = [{"reason": r["reason"], "op": r["op"], "threshold": r["threshold"], "by_language": r.get("by_language") or {}}
                 for r in rules_of.get(sig, [])
                 if isinstance(r["threshold"], (int, float)) and not isinstance(r["threshold"], bool)]
        lo, hi = profile.ranges.get(sig, [None, None])
        out.append({"signal": sig, "rules": rules, "bins": signal_bins(kinds, [r["threshold"] for r in rules]),
                    "min": lo, "max": hi, **{k: sum(kinds.get(k, {}).values()) for k in ("kept", "rule", "other")}})
    return out


def page_data(stats: Stats, profile: Profile) -> dict:
    s = stats
    return {
        "stats": {
            "docs_in": s.docs_in, "docs_kept": s.docs_kept, "bytes_in": s.bytes_in,
            "dropped": s.dropped_by_reason.most_common(),
            "chars_by_rule": [[r, c, s.edits_by_rule.get(r, 0)] for r, c in s.chars_by_rule.most_common()],
            "seconds_by_step": [[k, round(v, 3)] for k, v in s.seconds_by_step.most_common()],
            "input_errors": s.input_errors.most_common(),
            "skipped_records": s.skipped_records.most_common(),
            "flagged": s.flagged.most_common(),
            "tokens_counted": s.tokens_counted, "tokens_kept": s.tokens_kept,
        },
        "languages": [{"language": lang, "docs": n, "kept": profile.kept_by_language.get(lang, 0),
                       "chars_kept": profile.chars_by_language.get(lang, 0), "tokens_kept": profile.tokens_by_language.get(lang, 0)}
                      for lang, n in profile.docs_by_language.most_common()],
        "signals": signal_charts(profile),
        "clusters": {stage: sorted([int(size), n] for size, n in sizes.items()) for stage, sizes in profile.clusters.items()},
    }


# -- what the job left ---------------------------------------------------------------------------
def read_profile(output: JobOutput) -> Profile | None:
    """The job's profile; None for a folder written by a thresher before profiles (or with
    another grid of bins: its histograms would be drawn wrong)."""
    if not output.store.exists(OutputLayout.profile):
        return None
    try:
        return Profile.from_dict(orjson.loads(output.store.read_bytes(OutputLayout.profile)))
    except (ValueError, KeyError, TypeError):
        return None


def sample_order(stats: Stats, profile: Profile) -> list[str]:
    """Sample keys as the page lists them: drop reasons and rules by size, then kept documents."""
    reasons = [f"dropped:{r}" for r, _ in stats.dropped_by_reason.most_common()]
    rules = [f"rule:{r}" for r, _ in stats.chars_by_rule.most_common()]
    known = set(reasons) | set(rules) | {"kept"}
    rest = sorted(k for k in profile.samples if k not in known)
    return [k for k in reasons + rules + rest + ["kept"] if profile.samples.get(k)]


def load_samples(output: JobOutput, profile: Profile, keys: list[str], per_key: int) -> dict[str, list[dict]]:
    """The first ``per_key`` sampled documents of each key, read from the few shards that hold them."""
    chosen = {k: profile.samples[k][:per_key] for k in keys}
    found = read_sampled(output, [(shard, doc_id) for entries in chosen.values() for _, shard, doc_id in entries])
    return {k: [found[(shard, i)] for _, shard, i in entries if (shard, i) in found] for k, entries in chosen.items()}


def read_sampled(output: JobOutput, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Sampled documents' records by (shard, id), each shard's samples file read once."""
    by_shard: dict[str, set[str]] = defaultdict(set)
    for shard, doc_id in wanted:
        by_shard[shard].add(doc_id)
    found: dict[tuple[str, str], dict] = {}
    for shard, ids in sorted(by_shard.items()):
        rel = output.layout.samples(shard)
        if not output.store.exists(rel):
            continue
        with output.store.open(rel) as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            for line in io.BufferedReader(z):  # type: ignore[arg-type]
                rec = orjson.loads(line)
                if rec["id"] in ids:
                    found[(shard, rec["id"])] = rec
    return found


def dedup_pairs(output: JobOutput) -> tuple[dict, list[dict]]:
    """near_dedup's summary and its sampled decisive pairs (both small files the stage wrote)."""
    store = output.stage_store("near_dedup")
    summary = orjson.loads(store.read_bytes("summary.json")) if store.exists("summary.json") else {}
    pairs: list[dict] = []
    if store.exists("report/pairs.parquet"):
        import pyarrow.parquet as pq

        with store.open("report/pairs.parquet") as f:
            pairs = pq.read_table(f).to_pylist()
    return summary, pairs


# -- the page ------------------------------------------------------------------------------------
def _asset(name: str) -> str:
    return resources.files("thresher.commands").joinpath(name).read_text(encoding="utf-8")


def _e(text: object) -> str:
    return html.escape(str(text))


def _doc_block(rec: dict, open_: bool = False) -> str:
    """One sampled document in the view of ``thresher explain``: verdict, edits by rule, marked text."""
    edits = [Edit.from_list(r) for r in rec["edits"]]
    verdict = rec.get("verdict") or {}
    if verdict.get("kept", True):
        head = "kept"
    else:
        head = f"dropped by {verdict.get('step')}: {verdict.get('reason')}"
        if verdict.get("detail"):
            head += f" ({str(verdict['detail'])[:200]})"
    counts = "".join(f"<li>{_e(rule)}: {n} edit(s), {removed:,} chars removed</li>" for rule, n, removed in rule_counts(edits))
    tail = f'<span class=muted>\n[... {rec["more_chars"]:,} more characters]</span>' if rec.get("more_chars") else ""
    lang = f" · {_e(rec['language'])}" if rec.get("language") else ""
    return (f'<details id="doc-{sample_hash(rec["id"])}"{" open" if open_ else ""}><summary><b>{_e(rec["id"])}</b> <span class=muted>{_e(head)}{lang}</span></summary>'
            f"<ul>{counts}</ul><pre>{marked_html(rec['original'], edits)}{tail}</pre></details>")


def _sample_title(key: str) -> str:
    kind, _, name = key.partition(":")
    return {"dropped": f"dropped: {name}", "rule": f"edited by {name} (kept documents)"}.get(kind, "kept documents")


def _chart(kind: str, **attrs: str) -> str:
    extra = "".join(f' data-{k}="{_e(v)}"' for k, v in attrs.items())
    return f'<div class="chart" data-chart="{kind}"{extra}></div>'


def render(output: JobOutput, samples: int) -> str:
    stats = Stats.from_dict(output.stats())
    profile = read_profile(output)
    old = profile is None
    profile = profile or Profile()
    data = page_data(stats, profile)
    s = stats
    dropped = sum(s.dropped_by_reason.values())
    tokens = (f"{s.tokens_kept:,} tokens kept of {s.tokens_counted:,} counted" if s.tokens_counted
              else "tokens not counted (the tokens step is off)")
    kept_chars = sum(profile.chars_by_language.values())
    parts = [
        f"<!doctype html><html lang=en><meta charset=utf-8><title>thresher report: {_e(output.url)}</title>",
        f"<style>{_asset('report.css')}</style>",
        f"<h1>thresher report <span class=muted>{_e(output.url)}</span></h1>",
        '<nav><a href="#outcomes">documents</a><a href="#languages">languages</a><a href="#signals">quality signals</a>'
        '<a href="#edits">edits</a><a href="#dedup">deduplication</a><a href="#samples">sampled documents</a><a href="#config">config</a></nav>',
        f'<p id="totals">{s.docs_in:,} documents in, <b>{s.docs_kept:,} kept</b> ({s.docs_kept / max(s.docs_in, 1):.1%}), '
        f"{dropped:,} dropped; {s.bytes_in / 1e6:,.2f} MB in, {s.bytes_out / 1e6:,.2f} MB kept; {tokens}; "
        f"{s.seconds:,.1f} s CPU ({s.bytes_in / 1e6 / max(s.seconds, 1e-9):,.2f} MB/s per core).</p>",
    ]
    if old:
        parts.append("<p><b>This folder has no profile.json this thresher can read</b> (it was written by another version): the charts of signals, "
                     "languages and clusters and the sampled documents need the job run again.</p>")
    parts += ['<h2 id="outcomes">Where the documents went</h2>', _chart("outcomes")]

    parts.append('<h2 id="languages">Languages</h2>')
    if data["languages"]:
        parts += ["<h3>Documents, kept and dropped</h3>", _chart("languages", metric="documents")]
        if s.tokens_counted:
            parts += [f"<h3>Tokens kept ({s.tokens_kept:,} in all)</h3>", _chart("languages", metric="tokens")]
        else:
            parts += [f"<h3>Characters kept ({kept_chars:,} in all)</h3>", _chart("languages", metric="characters"),
                      '<p class=muted>No tokens were counted: turn on the <code>tokens</code> step (a tokenizer.json) for tokens by language.</p>']
    else:
        parts.append("<p class=muted>No languages recorded.</p>")

    parts.append('<h2 id="signals">Quality signals</h2>')
    if data["signals"]:
        parts.append('<p class=legend>Documents per bin of each signal:<span class=kept></span>kept<span class=drop></span>dropped by a rule '
                     'on this signal<span class=other></span>dropped for another reason; a dashed line is a rule\'s threshold (languages '
                     'judged with thresholds of their own are named in its tooltip; their pages are in the same bars). '
                     '<label><input type=checkbox id=log-y> logarithmic counts</label></p>')
        parts.append('<h3>Signals with a rule</h3><div class="chart hists" data-chart="signals" data-which="ruled"></div>')
        parts.append('<details><summary>Signals without a rule</summary><div class="chart hists" data-chart="signals" data-which="free"></div></details>')
    else:
        parts.append("<p class=muted>No quality signals recorded (no quality step ran, or every document was dropped before one).</p>")

    parts += ['<h2 id="edits">Characters removed, by rule</h2>',
              _chart("chars_by_rule") if s.chars_by_rule else "<p class=muted>No edits.</p>"]
    for key, title in (("flagged", "Kept but flagged"), ("skipped_records", "Input records skipped on purpose"),
                       ("input_errors", "Bad input (counted; the run went on)")):
        if getattr(s, key):
            parts += [f"<h2>{title}</h2>", _chart("counts", key=key)]
            if key == "input_errors":
                parts.append("<pre>" + _e("\n".join(s.error_samples)) + "</pre>")

    shown = load_samples(output, profile, sample_order(stats, profile), samples)
    parts.append(_dedup_section(output, profile, stats, {r["id"] for recs in shown.values() for r in recs}))

    parts.append('<h2 id="samples">Sampled documents</h2>')
    if shown:
        parts.append(f"<p class=muted>Up to {samples} per drop reason, per rule and of the kept documents: the ones whose id hashes "
                     "lowest (a uniform sample, the same on every run). Removed text is <del>struck</del>, inserted text "
                     "<ins>green</ins>, each edit followed by its rule.</p>")
        for key, recs in shown.items():
            parts.append(f"<h3>{_e(_sample_title(key))}</h3>")
            parts += [_doc_block(r, open_=i == 0) for i, r in enumerate(recs)]
    if s.seconds_by_step:
        parts += ["<h2>Time by step</h2>", _chart("seconds")]
    parts += ['<h2 id="config">Resolved config</h2>', f"<pre>{_e(output.config_text())}</pre>"]
    payload = orjson.dumps(data).decode().replace("</", "<\\/")
    parts += [f'<script type="application/json" id="report-data">{payload}</script>', f"<script>{_asset('report.js')}</script></html>"]
    return "\n".join(parts)


def _dedup_section(output: JobOutput, profile: Profile, stats: Stats, shown: set[str]) -> str:
    parts = ['<h2 id="dedup">Deduplication</h2>']
    summary, pairs = dedup_pairs(output)
    exact = stats.dropped_by_reason.get("exact_duplicate", 0)
    near = stats.dropped_by_reason.get("near_duplicate", 0)
    if not profile.clusters and not summary:
        return parts[0] + "<p class=muted>No deduplication stage ran.</p>"
    parts.append(f"<p>{exact:,} exact duplicates and {near:,} near duplicates removed.")
    if summary:
        edges = summary.get("edges", {})
        parts.append(f" near_dedup: {summary.get('signed', 0):,} documents signed, LSH {summary.get('bands')} bands × {summary.get('rows')} rows "
                     f"for Jaccard ≥ {summary.get('threshold')}, {summary.get('candidates', 0):,} candidate pairs, accepted "
                     f"{edges.get('jaccard', 0):,} by Jaccard and {edges.get('containment', 0):,} by containment.")
    parts.append("</p>")
    for stage in profile.clusters:
        parts += [f"<h3>Cluster sizes: {_e(stage)}</h3>", _chart("clusters", stage=stage)]
    if pairs:
        threshold = float(summary.get("threshold", 0.0))
        cthreshold = summary.get("containment_threshold") or 1.0
        rows = []
        for p in pairs:
            wrong = p["jaccard"] < threshold and p["containment"] < cthreshold
            est = p["est_jaccard"] if p["kind"] == "jaccard" else p["est_containment"]
            removed = f'<a href="#doc-{sample_hash(str(p["a_id"]))}">{_e(p["a_id"])}</a>' if str(p["a_id"]) in shown else _e(p["a_id"])
            rows.append(f'<tr><td>{removed}</td><td>{_e(p["b_id"])}</td><td>{_e(p["kind"])}</td>'
                        f'<td class=n>{"" if est is None else f"{est:.3f}"}</td><td class=n>{p["jaccard"]:.3f}</td><td class=n>{p["containment"]:.3f}</td>'
                        f'<td>{"false positive?" if wrong else ""}</td></tr>')
        parts.append(f"<h3>Sampled near-duplicate removals ({len(pairs)})</h3><p class=muted>Each removed document with the kept one it was "
                     "removed for, the edge that decided with its estimate from signatures, and the true Jaccard and containment measured "
                     "on the two documents (<code>thresher dedup-report</code> says more). A link opens the removed document when it is "
                     "among the samples below.</p>")
        parts.append('<table id="pairs"><tr><th>removed</th><th>kept</th><th>decided by</th><th class=n>estimate</th><th class=n>true J</th>'
                     "<th class=n>true C</th><th></th></tr>" + "".join(rows) + "</table>")
        parts.append(_pairs_side_by_side(output, profile, pairs))
    return "\n".join(parts)


def _pairs_side_by_side(output: JobOutput, profile: Profile, pairs: list[dict]) -> str:
    """The sampled pairs whose two documents the job kept whole (see CorpusStage.shown_ids)."""
    both = [p for p in pairs if str(p["a_id"]) in profile.shown and str(p["b_id"]) in profile.shown]
    if not both:
        return ""
    found = read_sampled(output, [(profile.shown[str(p[k])], str(p[k])) for p in both for k in ("a_id", "b_id")])
    out = [f"<h3>{len(both)} sampled pairs side by side</h3>"]
    for p in both:
        a, b = (found.get((profile.shown[str(p[k])], str(p[k]))) for k in ("a_id", "b_id"))
        if a is None or b is None:
            continue
        cells = []
        for rec, what in ((a, "removed"), (b, "kept, the survivor")):
            tail = f'<span class=muted>\n[... {rec["more_chars"]:,} more characters]</span>' if rec.get("more_chars") else ""
            cells.append(f"<div><b>{_e(rec['id'])}</b> <span class=muted>{what}</span>"
                         f"<pre>{marked_html(rec['original'], [Edit.from_list(e) for e in rec['edits']])}{tail}</pre></div>")
        out.append(f'<details class="pair" data-removed="{_e(a["id"])}" data-kept="{_e(b["id"])}"><summary>{_e(a["id"])} ~ {_e(b["id"])} '
                   f'<span class=muted>true Jaccard {p["jaccard"]:.3f}, containment {p["containment"]:.3f}</span></summary>'
                   f'<div class="side">{"".join(cells)}</div></details>')
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    import sys

    if not 0 <= args.samples <= SAMPLE_K:
        print(f"thresher: --samples must be between 0 and {SAMPLE_K} (a job samples {SAMPLE_K} documents per reason and rule)", file=sys.stderr)
        return 2
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
