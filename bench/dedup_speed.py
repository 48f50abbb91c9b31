"""Text -> MinHash signature throughput, MB/s per core (CPU seconds of one process), shingling included.

    python bench/dedup_synth.py     # once
    python bench/dedup_speed.py [--repeats 5]

Same input for all: the pages of the synthetic syndication corpus; 128 permutations, word 5-grams.
thresher: MinHasher.signatures over batches (numpy, vectorised). datasketch (MinHash.bulk) and
rensa (RMinHash, CMinHash) run in bench/.venv with Python shingling (bench/peers/*_speed.py).
Python shingling alone is listed as a reference floor for the peers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "dedup_synth" / "pages.jsonl"
VENV_PY = REPO / "bench" / ".venv" / "bin" / "python"
PEERS = REPO / "bench" / "peers"


def load(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in open(path, encoding="utf-8")]


def thresher_run(texts: list[str], batch_chars: int = 100_000) -> None:
    from thresher.steps.dedup.minhash import MinHasher

    h = MinHasher(num_perm=128, ngram=5)
    batch, size = [], 0
    for t in texts:
        batch.append(t)
        size += len(t)
        if size >= batch_chars:
            h.signatures(batch)
            batch, size = [], 0
    if batch:
        h.signatures(batch)


def thresher_shingles(texts: list[str]) -> None:
    from thresher.steps.dedup.text import word_shingles

    for i in range(0, len(texts), 40):  # about 100k characters, as in thresher_run
        word_shingles(texts[i : i + 40], 5)


def python_shingles(texts: list[str]) -> None:
    sys.path.insert(0, str(PEERS))
    from minhash_speed_common import shingles

    for t in texts:
        shingles(t)


def measure(fn, texts: list[str], repeats: int) -> float:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn(texts)
        times.append(time.process_time() - t0)
    return mb / statistics.median(times)


def peer(script: str, pages: Path, repeats: int, *extra: str) -> float | None:
    try:
        out = subprocess.run([str(VENV_PY), str(PEERS / script), str(pages), "--repeats", str(repeats), *extra],
                             check=True, capture_output=True, text=True, cwd=PEERS)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"  {script}: failed ({exc})", file=sys.stderr)
        return None
    return json.loads(out.stdout)["mb_per_s"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=DATA)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    if not args.pages.exists():
        raise SystemExit(f"{args.pages} not found: run python bench/dedup_synth.py first")
    texts = load(args.pages)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    thresher_run(texts[:200])  # warm up imports and tables
    rows = [
        ("thresher MinHasher (numpy)", measure(thresher_run, texts, args.repeats)),
        ("datasketch MinHash.bulk", peer("datasketch_speed.py", args.pages, max(1, args.repeats // 2))),
        ("rensa RMinHash", peer("rensa_speed.py", args.pages, args.repeats, "--variant", "r")),
        ("rensa CMinHash", peer("rensa_speed.py", args.pages, args.repeats, "--variant", "c")),
    ]
    refs = [
        ("thresher shingling alone", measure(thresher_shingles, texts, args.repeats)),
        ("Python regex shingling alone", measure(python_shingles, texts, args.repeats)),
    ]
    base = rows[0][1]
    print(f"{len(texts)} pages, {mb:.1f} MB; 128 permutations, word 5-grams; median of {args.repeats} runs, CPU time of one process")
    print()
    print(f"| {'text -> signature':<40} | MB/s per core | thresher is |")
    print(f"|{'-' * 42}|---------------|-------------|")
    for name, v in rows:
        ratio = "" if v is None or name.startswith("thresher") else f"{base / v:.1f}x faster"
        print(f"| {name:<40} | {v:13.1f} | {ratio:<11} |" if v else f"| {name:<40} | {'n/a':>13} | {'':<11} |")
    for name, v in refs:
        print(f"| {name + ' (reference)':<40} | {v:13.1f} | {'':<11} |")


if __name__ == "__main__":
    main()
