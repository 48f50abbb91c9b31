"""Near-duplicate quality on the synthetic syndication corpus: thresher against datasketch.

    python bench/dedup_synth.py            # once: writes bench/data/dedup_synth/pages.jsonl
    python bench/dedup_quality.py          # prints the table

Both see the same raw pages (chrome included; no other cleaning). thresher runs `thresher clean`
with only its corpus stages (exact_dedup, near_dedup); its clusters are the near-duplicate clusters
joined with the exact-duplicate groups. datasketch's MinHashLSH (128 permutations, word 5-grams)
runs in bench/.venv (bench/peers/datasketch_dedup.py). Scores: pairwise precision, recall and F1
over same-cluster pairs, and the adjusted Rand index, against the ground truth of dedup_synth.py.
"wall s" is the whole `thresher clean` job for thresher (reading, document states, both stages,
writing; 2 workers) and signatures + LSH in one process for datasketch.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from collections import Counter
from math import comb
from pathlib import Path

import orjson
import zstandard

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "dedup_synth"
VENV_PY = REPO / "bench" / ".venv" / "bin" / "python"


def pair_scores(truth: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    ids = list(truth)
    cont = Counter((truth[i], pred[i]) for i in ids)
    a = Counter(truth[i] for i in ids)
    b = Counter(pred[i] for i in ids)
    both = sum(comb(n, 2) for n in cont.values())
    t_pairs = sum(comb(n, 2) for n in a.values())
    p_pairs = sum(comb(n, 2) for n in b.values())
    precision = both / p_pairs if p_pairs else 1.0
    recall = both / t_pairs if t_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = comb(len(ids), 2)
    expected = t_pairs * p_pairs / total if total else 0.0
    max_index = (t_pairs + p_pairs) / 2
    ari = (both - expected) / (max_index - expected) if max_index != expected else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari, "pred_pairs": p_pairs, "true_pairs": t_pairs}


def _read(path: Path) -> list[dict]:
    with open(path, "rb") as f:
        data = zstandard.ZstdDecompressor().stream_reader(f).read()
    return [orjson.loads(x) for x in data.splitlines() if x.strip()]


def thresher_clusters(pages: Path, near_options: dict, workers: int = 2, shards: int = 4) -> tuple[dict[str, str], float, dict]:
    """Run `thresher clean` with only the dedup stages; return id -> cluster label."""
    from thresher.cli import main as cli

    docs = [orjson.loads(x) for x in pages.read_bytes().splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        for s in range(shards):
            with open(tmp / "in" / f"part-{s}.jsonl", "wb") as f:
                for d in docs[s::shards]:
                    f.write(orjson.dumps({"id": d["id"], "text": d["text"]}) + b"\n")
        opts = "\n".join(f"{k} = {json.dumps(v)}" for k, v in near_options.items())
        (tmp / "cfg.toml").write_text(f'replace = true\n\n[[corpus]]\nname = "exact_dedup"\n\n[[corpus]]\nname = "near_dedup"\n{opts}\n')
        t0 = time.perf_counter()
        code = cli(["clean", str(tmp / "in"), "-o", str(tmp / "out"), "--config", str(tmp / "cfg.toml"), "--workers", str(workers)])
        seconds = time.perf_counter() - t0
        if code:
            raise SystemExit(f"thresher clean failed with {code}")
        summary = json.loads((tmp / "out" / "_work" / "near_dedup" / "summary.json").read_text())
        records = [r for sub in ("kept", "rejected") for p in sorted((tmp / "out" / sub).glob("*")) for r in _read(p)]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in records:
        find(r["id"])
        m = r.get("metadata") or {}
        for key in ("exact_survivor", "cluster_survivor"):
            if key in m:
                a, b = find(r["id"]), find(m[key])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {r["id"]: find(r["id"]) for r in records}, seconds, summary


def datasketch_clusters(pages: Path, threshold: float) -> tuple[dict[str, str], float, list]:
    script = REPO / "bench" / "peers" / "datasketch_dedup.py"
    out = subprocess.run([str(VENV_PY), str(script), str(pages), "--threshold", str(threshold)], check=True, capture_output=True, text=True)
    res = json.loads(out.stdout)
    return res["labels"], res["seconds"], res["params"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=DATA / "pages.jsonl")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not args.pages.exists():
        raise SystemExit(f"{args.pages} not found: run python bench/dedup_synth.py first")
    truth = {}
    kinds = {}
    for line in args.pages.read_bytes().splitlines():
        d = orjson.loads(line)
        truth[d["id"]] = d["truth"]
        kinds[d["id"]] = d["kind"]
    rows = []
    for label, opts in [("thresher (default: t=0.7)", {}), ("thresher t=0.5", {"threshold": 0.5}),
                        ("thresher t=0.7, MinHash only", {"threshold": 0.7, "containment": False}),
                        ("thresher t=0.5, MinHash only", {"threshold": 0.5, "containment": False})]:
        pred, secs, summary = thresher_clusters(args.pages, opts, args.workers)
        rows.append((label, pair_scores(truth, pred), secs, f"b={summary['bands']} r={summary['rows']}", pred))
    for t in (0.5, 0.7):
        pred, secs, params = datasketch_clusters(args.pages, t)
        rows.append((f"datasketch MinHashLSH t={t}", pair_scores(truth, pred), secs, f"b={params[0]} r={params[1]}", pred))
    print(f"{len(truth)} pages, {len(set(truth.values()))} true clusters, {rows[0][1]['true_pairs']} true duplicate pairs")
    print()
    print(f"| {'method':<34} | precision | recall |   F1   |  ARI   | LSH       | wall s  |")
    print(f"|{'-' * 36}|-----------|--------|--------|--------|-----------|---------|")
    for label, s, secs, params, _ in rows:
        print(f"| {label:<34} | {s['precision']:9.4f} | {s['recall']:6.4f} | {s['f1']:6.4f} | {s['ari']:6.4f} | {params:<9} | {secs:7.1f} |")
    # Where the misses are: copies found, by kind of copy.
    print()
    _recall_by_kind(truth, kinds, rows)


def _recall_by_kind(truth, kinds, rows) -> None:
    """Share of non-original pages that share a predicted cluster with their story's original."""
    originals: dict[str, list[str]] = {}
    for i, t in truth.items():
        if kinds[i] == "original":
            originals.setdefault(t, []).append(i)
    print("| method | reposts found | cut-short found |")
    print("|---|---|---|")
    for label, _, _, _, pred in rows:
        found = Counter()
        total = Counter()
        for i, t in truth.items():
            if kinds[i] == "original":
                continue
            total[kinds[i]] += 1
            if any(pred[o] == pred[i] for o in originals.get(t, [])):
                found[kinds[i]] += 1
        print(f"| {label} | {found['repost'] / max(1, total['repost']):.3f} | {found['truncated'] / max(1, total['truncated']):.3f} |")


if __name__ == "__main__":
    main()
