"""What the default pipeline produces, hashed page by page, and where its CPU time goes.

    python bench/pipeline_fingerprint.py save  [--out FILE]       # record the fingerprints
    python bench/pipeline_fingerprint.py check [--against FILE]   # compare with the record
    python bench/pipeline_fingerprint.py time  [--repeats R]      # CPU seconds per step

Speed work on the per-document path must not change what it produces. Per document this hashes
the final text, the edits (rule, start, end, replacement against the original), the verdict and
the metadata (signals included; floats by their repr, so a changed last bit shows), on the
quality parity pages (bench/data/quality/pages.jsonl.gz) and the cleaning bench's synthetic
pages (bench/data/clean/pages.jsonl.gz). ``check`` names the first documents that differ and
what differs in them, and counts the differing ones by the language the pipeline tags them with
(a change meant for other languages must leave every English page as it was).

``time`` prints the CPU time (``time.process_time``) of each step, run over the pipeline's
batches as ``Pipeline.run`` does, and of the whole pipeline timed as bench/quality_parity.py
times it: medians of R runs, and MB/s per core over the pages' UTF-8 size.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from thresher.document import Document  # noqa: E402
from thresher.pipeline import batches, default_pipeline  # noqa: E402
from thresher.steps.base import ShardContext  # noqa: E402

SETS = {
    "quality": REPO / "bench" / "data" / "quality" / "pages.jsonl.gz",
    "clean": REPO / "bench" / "data" / "clean" / "pages.jsonl.gz",
}
DEFAULT_RECORD = REPO / "bench" / "out" / "pipeline_fingerprint.json"


def read_pages(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def parts_of(doc: Document) -> dict[str, str]:
    """The document's output, as canonical strings (one per part, so a mismatch says which)."""
    return {
        "text": doc.text,
        "edits": json.dumps([[e.rule, e.start, e.end, e.replacement] for e in doc.edits], ensure_ascii=False),
        "verdict": json.dumps(doc.verdict.to_dict(), sort_keys=True),
        "metadata": json.dumps(doc.metadata, sort_keys=True, ensure_ascii=False, default=repr),
    }


def digest(s: str) -> str:
    return hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def fingerprints(languages: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """set name -> doc id -> part -> hash. ``languages``, when given, gets set name -> doc id ->
    the language the pipeline tagged ("" if none)."""
    pipe = default_pipeline()
    out: dict[str, dict[str, dict[str, str]]] = {}
    for name, path in SETS.items():
        docs = [Document(p["id"], p["text"]) for p in read_pages(path)]
        for _ in pipe.run(iter(docs), ShardContext()):
            pass
        out[name] = {d.id: {k: digest(v) for k, v in parts_of(d).items()} for d in docs}
        if languages is not None:
            languages[name] = {d.id: str(d.metadata.get("language") or "") for d in docs}
    return out


def overall(fp: dict) -> str:
    return digest(json.dumps(fp, sort_keys=True))


def cmd_save(args: argparse.Namespace) -> int:
    fp = fingerprints()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fp, sort_keys=True))
    print(f"saved {sum(map(len, fp.values()))} documents to {args.out}; overall {overall(fp)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    want = json.loads(args.against.read_text())
    tagged: dict[str, dict[str, str]] = {}
    got = fingerprints(tagged)
    bad = 0
    for name, docs in want.items():
        diff = Counter()
        by_lang: Counter = Counter()  # differing documents by the language tagged now
        shown = 0
        for doc_id, parts in docs.items():
            mine = got.get(name, {}).get(doc_id)
            if mine == parts:
                continue
            bad += 1
            by_lang[tagged.get(name, {}).get(doc_id) or "none"] += 1
            which = [k for k in parts if mine is None or mine.get(k) != parts[k]]
            diff.update(which)
            if shown < args.show:
                print(f"  {name} {doc_id}: {', '.join(which)} differ")
                shown += 1
        print(f"{name}: {len(docs)} documents, {sum(1 for d in docs if got.get(name, {}).get(d) == docs[d])} identical"
              + (f"; differing parts: {dict(diff)}; differing by language now: {dict(by_lang.most_common())}" if diff else ""))
    print("SAME" if bad == 0 else f"DIFFERENT: {bad} documents")
    return 1 if bad else 0


def time_pipeline(pages: list[dict]) -> float:
    """CPU seconds of the default pipeline over ``pages`` (as bench/quality_parity.py times it)."""
    pipe = default_pipeline()
    list(pipe.run([Document(p["id"], p["text"]) for p in pages[:20]], ShardContext()))  # warm-up (model loads)
    docs = [Document(p["id"], p["text"]) for p in pages]
    t0 = time.process_time()
    for _ in pipe.run(iter(docs), ShardContext()):
        pass
    return time.process_time() - t0


def time_steps(pages: list[dict]) -> dict[str, float]:
    """CPU seconds per step over ``pages``, each step over a batch as Pipeline.run does it."""
    pipe = default_pipeline()
    list(pipe.run([Document(p["id"], p["text"]) for p in pages[:20]], ShardContext()))  # warm-up (model loads)
    seconds: Counter = Counter()
    clock = time.process_time
    ctx = ShardContext()
    for batch in batches(Document(p["id"], p["text"]) for p in pages):
        for step in pipe.steps:
            t0 = clock()
            batch = list(step.run(batch, ctx))
            seconds[step.name] += clock() - t0
    return dict(seconds)


def cmd_time(args: argparse.Namespace) -> int:
    pages = read_pages(SETS[args.set])
    mb = sum(len(p["text"].encode("utf-8")) for p in pages) / 1e6
    runs = [time_steps(pages) for _ in range(args.repeats)]
    totals = [time_pipeline(pages) for _ in range(args.repeats)]
    print(f"{args.set}: {len(pages)} pages, {mb:.1f} MB; CPU seconds, median of {args.repeats}")
    for name in runs[0]:
        print(f"  {name:18s} {statistics.median(r.get(name, 0.0) for r in runs):7.3f}")
    print(f"  {'sum of steps':18s} {statistics.median(sum(r.values()) for r in runs):7.3f}")
    total = statistics.median(totals)
    print(f"  {'whole pipeline':18s} {total:7.3f}   {mb / total:.2f} MB/s/core  (runs: {', '.join(f'{t:.2f}' for t in totals)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save")
    s.add_argument("--out", type=Path, default=DEFAULT_RECORD)
    c = sub.add_parser("check")
    c.add_argument("--against", type=Path, default=DEFAULT_RECORD)
    c.add_argument("--show", type=int, default=5, help="differing documents to name per set")
    t = sub.add_parser("time")
    t.add_argument("--repeats", type=int, default=3)
    t.add_argument("--set", choices=sorted(SETS), default="quality")
    args = ap.parse_args(argv)
    return {"save": cmd_save, "check": cmd_check, "time": cmd_time}[args.cmd](args)


if __name__ == "__main__":
    raise SystemExit(main())
