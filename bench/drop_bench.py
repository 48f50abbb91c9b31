"""Pages the quality rule sets exist to drop, and pages they must keep: drop counts per group.

    python bench/drop_bench.py [--save FILE] [--against FILE] [--src DIR]

Runs the default pipeline's per-document steps (as ``thresher clean`` runs them, corpus stages
left out) on:

* the Common Crawl samples in ../shared/data/common-crawl-samples: the CCNet and dolma text
  documents, and the WARC files' HTML responses through the ``extract`` step;
* the quality parity pages (bench/data/quality/pages.jsonl.gz, bench/quality_pages.py): real
  HTML pages as resiliparse text (whole page and main content), the BBC articles, the BBC
  articles with crawl defects (one group per defect: lorem ipsum, number tables, truncation...),
  the cleaning bench's synthetic pages;
* synthetic low-quality pages (``thresher.synth.lowquality``: keyword spam, link lists, lorem
  ipsum, near-empty pages, symbols), --low-quality of each kind, seeded.

Prints pages and drops per group (and the reasons of the drops). ``--save FILE`` writes each
page's verdict; ``--against FILE`` prints a before/after table against such a file and counts the
pages whose verdict changed, by (before, after). ``--src DIR`` imports thresher from DIR (another
checkout's ``src``) to record the "before".
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared" / "data").resolve()
QUALITY_PAGES = REPO / "bench" / "data" / "quality" / "pages.jsonl.gz"


def cc_pages() -> list[tuple[str, str, str, bool]]:
    """(group, id, text or HTML, is_html) of the Common Crawl samples."""
    from quality_pages import warc_html_responses

    from thresher.io.readers.html import decode_html

    out = []
    for f in sorted((SHARED / "common-crawl-samples").glob("*.json*.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                out.append(("cc text (CCNet, dolma)", f"cc:{f.name}:{i}", json.loads(line)["text"], False))
    for f in sorted((SHARED / "common-crawl-samples").glob("*.warc.gz")):
        out.extend(("cc WARC HTML responses", f"warc:{f.name}:{i}", decode_html(raw)[0], True) for i, raw in warc_html_responses(f))
    return out


def quality_pages() -> list[tuple[str, str, str, bool]]:
    if not QUALITY_PAGES.exists():
        sys.exit(f"{QUALITY_PAGES} is missing: run python bench/quality_pages.py first")
    out = []
    with gzip.open(QUALITY_PAGES, "rt", encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            src = p["source"]
            if src == "html":
                group = f"real HTML as text ({p['id'].rsplit(':', 1)[1]} content)"
            elif src == "bbc-defects":
                group = None  # one group per defect, below
            else:
                group = {"common-crawl": None, "bbc": "BBC articles", "synth": "synthetic crawled articles"}.get(src, src)
            if src == "bbc-defects":
                for kind in p["id"].rsplit(":", 1)[1].split("+"):
                    out.append((f"BBC + defect {kind}", p["id"], p["text"], False))
            elif group:
                out.append((group, p["id"], p["text"], False))
    return out


def low_quality_pages(n: int) -> list[tuple[str, str, str, bool]]:
    from thresher.synth.lowquality import LOW_QUALITY

    out = []
    for kind, make in LOW_QUALITY.items():
        for i in range(n):
            out.append((f"low-quality: {kind}", f"lq:{kind}:{i}", make(random.Random(f"drop-bench:{kind}:{i}")), False))
    return out


def verdicts(pages: list[tuple[str, str, str, bool]]) -> dict[str, str | None]:
    """Drop reason (None: kept) per page id, from the default pipeline's per-document steps."""
    from thresher.commands.options import resolve_config
    from thresher.document import Document
    from thresher.pipeline import Pipeline, load_config
    from thresher.steps.base import ShardContext

    out: dict[str, str | None] = {}
    for html in (False, True):
        pipe = Pipeline.from_config(resolve_config(load_config(), html=html)["step"])
        docs = {}
        for _, pid, text, is_html in pages:
            if is_html == html and pid not in docs:
                docs[pid] = Document(pid, text, metadata={"format": "html"} if html else {})
        for doc in pipe.run(list(docs.values()), ShardContext()):
            out[doc.id] = None if doc.kept else doc.verdict.reason
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--low-quality", type=int, default=200, help="pages of each low-quality kind")
    ap.add_argument("--save", type=Path, help="write each page's verdict here")
    ap.add_argument("--against", type=Path, help="a --save file to compare with (before/after)")
    ap.add_argument("--src", type=Path, help="import thresher from this src folder")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src or REPO / "src"))
    if not (SHARED / "common-crawl-samples").is_dir():
        sys.exit(f"no {SHARED / 'common-crawl-samples'}")
    pages = cc_pages() + quality_pages() + low_quality_pages(args.low_quality)
    got = verdicts(pages)
    groups: dict[str, list[str]] = defaultdict(list)
    for group, pid, _, _ in pages:
        groups[group].append(pid)
    before = json.loads(args.against.read_text()) if args.against else None
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(got, sort_keys=True))
    head = "| group | pages | dropped" + (" before | dropped after | kept before, dropped after | dropped before, kept after" if before else "") + " | drop reasons |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for group in groups:
        ids = groups[group]
        drops = Counter(got[p] for p in ids if got[p] is not None)
        reasons = ", ".join(f"{r} {n}" for r, n in drops.most_common(4)) + (", ..." if len(drops) > 4 else "")
        cells = [group, str(len(ids))]
        if before:
            cells += [str(sum(before.get(p) is not None for p in ids)), str(sum(drops.values())),
                      str(sum(before.get(p) is None and got[p] is not None for p in ids)),
                      str(sum(before.get(p) is not None and got[p] is None for p in ids))]
        else:
            cells.append(str(sum(drops.values())))
        print("| " + " | ".join(cells + [reasons or "-"]) + " |")
    if before:
        changed = Counter((before.get(p), got[p]) for p in got if before.get(p) != got[p])
        print(f"\n{sum(changed.values())} pages changed verdict (before -> after):")
        for (b, a), n in changed.most_common():
            print(f"- {b or 'kept'} -> {a or 'kept'}: {n}")


if __name__ == "__main__":
    main()
