"""thresher dedup-report OUT: what deduplication did in a job, and how far to trust it.

Cluster sizes, exact-duplicate groups, and a sample of near-duplicate removals, each with its decisive
pair: the removed document, the kept document it was removed for, the edge that decided (Jaccard or
containment) with its estimate, and the true Jaccard similarity and containment measured from the
two documents (not from signatures). From that sample, an estimate of the share of wrong removals.
``--id DOC`` prints one document's decision and its decisive pair.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import orjson

from thresher.commands.options import add_storage_options, storage_options


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dedup-report", help="cluster sizes, sampled duplicate pairs with true similarity, false-positive estimate")
    p.add_argument("out", help="an output folder of `thresher clean -o` (or a stage folder under its _work/); a path or a URL such as s3://bucket/out")
    p.add_argument("--pairs", type=int, default=15, help="sampled removals to list (default: 15)")
    p.add_argument("--id", action="append", default=[], metavar="DOC", help="print this document's near-duplicate decision and its decisive pair (repeatable)")
    add_storage_options(p)
    p.set_defaults(func=run)


# What the report reads of each stage's folder (small files: decisions, a summary, sampled pairs).
_REPORTED = {"exact_dedup": ("decisions/",), "near_dedup": ("decisions/", "summary.json", "report/pairs.parquet")}


def local_copy(url: str, storage_options: dict, into: Path) -> Path:
    """The report's files of a job on any filesystem, copied into a local folder laid out the same."""
    from thresher.io.store import Store

    store = Store(url, storage_options)
    for stage, wanted in _REPORTED.items():
        sub = store.sub(f"_work/{stage}")
        files = []
        for rel in wanted:
            if rel.endswith("/"):
                files += [rel + n for n in sub.ls(rel.rstrip("/")) if n.endswith(".parquet")]
            elif sub.exists(rel):
                files.append(rel)
        if not files:
            continue
        d = into / "_work" / stage
        d.mkdir(parents=True, exist_ok=True)
        (d / "stage.json").write_bytes(orjson.dumps({"stage": stage}))
        for rel in files:
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_bytes(sub.read_bytes(rel))
    return into


def find_stage(out: Path, stage: str) -> Path | None:
    for cand in (out / "_work" / stage, out / stage, out):
        marker = cand / "stage.json"
        if marker.exists() and orjson.loads(marker.read_bytes()).get("stage") == stage:
            return cand
    return None


def _bar(n: int, most: int, width: int = 40) -> str:
    return "#" * max(1, round(width * n / most)) if most else ""


def histogram(sizes: list[tuple[int, int]]) -> list[str]:
    bins = [(2, 2), (3, 3), (4, 4), (5, 9), (10, 99), (100, None)]
    counts = []
    for lo, hi in bins:
        n = sum(c for s, c in sizes if s >= lo and (hi is None or s <= hi))
        counts.append((f"{lo}" if lo == hi else f"{lo}+" if hi is None else f"{lo}-{hi}", n))
    most = max((n for _, n in counts), default=0)
    return [f"  {label:>6}  {n:8d}  {_bar(n, most) if n else ''}" for label, n in counts]


def wilson_upper(k: int, n: int, z: float = 1.96) -> float:
    if n == 0:
        return 1.0
    p = k / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return min(1.0, (centre + margin) / (1 + z * z / n))


def run(args: argparse.Namespace) -> int:
    if "://" in str(args.out):
        import tempfile

        from thresher.io.store import StorageError

        with tempfile.TemporaryDirectory(prefix="thresher-dedup-report-") as tmp:
            try:
                local = local_copy(str(args.out), storage_options(args), Path(tmp))
            except (OSError, StorageError) as exc:
                print(f"thresher: cannot read {args.out}: {exc}", file=sys.stderr)
                return 2
            return _report(args, local)
    return _report(args, Path(args.out))


def _report(args: argparse.Namespace, out: Path) -> int:
    import duckdb

    from thresher.steps.dedup.store import sql_list, sql_str

    if args.pairs < 0:
        print(f"thresher: --pairs must not be negative (got {args.pairs})", file=sys.stderr)
        return 2
    near = find_stage(out, "near_dedup")
    exact = find_stage(out, "exact_dedup")
    if near is None and exact is None:
        print(f"thresher: no deduplication results under {args.out} (cleaned with --no-dedup, or too few documents for a dedup stage to run: it needs two kept ones)", file=sys.stderr)
        return 2
    con = duckdb.connect()
    exact_files = sorted((exact / "decisions").glob("part-*.parquet")) if exact is not None else []
    if exact_files:
        groups, removed = con.execute(
            f"SELECT count(DISTINCT cluster_id), count(*) FILTER (WHERE removed) FROM read_parquet({sql_list(exact_files)})"
        ).fetchone()
        print(f"Exact duplicates: {groups} groups, {removed} documents removed")
        print()
    near_files = sorted((near / "decisions").glob("part-*.parquet")) if near is not None else []
    if not near_files:
        return 0
    summary = orjson.loads((near / "summary.json").read_bytes()) if (near / "summary.json").exists() else {}
    decisions = sql_list(near_files)
    print("Near duplicates")
    if summary:
        edges = summary.get("edges", {})
        print(f"  documents signed {summary['signed']}, LSH {summary['bands']} bands x {summary['rows']} rows, threshold {summary['threshold']}")
        print(f"  candidate pairs {summary['candidates']}, accepted: {edges.get('jaccard', 0)} by Jaccard, {edges.get('containment', 0)} by containment")
        print(f"  clusters {summary['clusters']}, documents removed {summary['removed']}")
    by_kind = con.execute(
        f"SELECT kind, count(*) FROM read_parquet({decisions}) WHERE removed GROUP BY kind ORDER BY kind"
    ).fetchall()
    if by_kind:
        print("  removals by the edge that decided: " + ", ".join(f"{n} by {k}" for k, n in by_kind))
    for doc_id in args.id:
        _print_decision(con, decisions, doc_id)
    sizes = con.execute(
        f"SELECT cluster_size, count(DISTINCT cluster_id) FROM read_parquet({decisions}) GROUP BY 1 ORDER BY 1"
    ).fetchall()
    print()
    print("Cluster sizes (documents per cluster: clusters)")
    for line in histogram(sizes):
        print(line)
    if sizes:
        print(f"  largest cluster: {sizes[-1][0]} documents")
    pairs_path = near / "report" / "pairs.parquet"
    if not pairs_path.exists():
        return 0
    rows = con.execute(
        f"SELECT a_id, b_id, kind, est_jaccard, est_containment, jaccard, containment FROM read_parquet({sql_str(pairs_path)})"
    ).fetchall()
    threshold = float(summary.get("threshold", 0.0))
    cthreshold = summary.get("containment_threshold") or 1.0

    def wrong(jac: float, cont: float) -> bool:
        # A pair is a false positive when it is neither similar nor contained by the true measures.
        return jac < threshold and cont < cthreshold

    bad = [r for r in rows if wrong(r[5], r[6])]
    print()
    print(f"Sampled removals ({len(rows)}), each with its decisive pair (removed ~ the kept document it was removed for):")
    print("  the edge that decided and its estimate, and the true similarity measured on the two documents' shingles")
    print(f"  {'decided by':<20} {'est J':>6} {'est C':>6} {'true J':>7} {'true C':>7}  removed ~ survivor")
    fmt = lambda x: f"{x:6.3f}" if x is not None else "     -"  # noqa: E731
    for a, b, kind, est_j, est_c, jac, cont in rows[: args.pairs]:
        flag = "  FALSE POSITIVE?" if wrong(jac, cont) else ""
        print(f"  {kind:<20} {fmt(est_j)} {fmt(est_c)} {jac:7.3f} {cont:7.3f}  {a} ~ {b}{flag}")
    if rows:
        jac = sorted(r[5] for r in rows)
        print(f"  true Jaccard of sampled decisive pairs: min {jac[0]:.3f}, median {jac[len(jac) // 2]:.3f}")
        print()
        print(
            f"Estimated false-positive rate: {len(bad) / len(rows):.3f} ({len(bad)} of {len(rows)} sampled removals have a decisive pair "
            f"with true Jaccard < {threshold} and true containment < {cthreshold}; 95% upper bound {wilson_upper(len(bad), len(rows)):.3f})"
        )
    return 0


def _print_decision(con, decisions: str, doc_id: str) -> None:
    """One document's near-duplicate decision: removed for whom and by which edge, or kept
    (``decisions``: the SQL list of the decision files)."""
    rows = con.execute(
        f"SELECT shard, row, removed, survivor, kind, score, cluster_size FROM read_parquet({decisions}) WHERE id = ? ORDER BY shard, row",
        [doc_id],
    ).fetchall()
    if not rows:
        print(f"  {doc_id}: no near duplicate (kept, in no cluster)")
    for shard, row, removed, survivor, kind, score, size in rows:
        if removed:
            print(f"  {doc_id} ({shard} row {row}): removed for {survivor}, decided by {kind} (estimate {score:.3f})")
        else:
            print(f"  {doc_id} ({shard} row {row}): kept, the survivor of a cluster of {size}")
