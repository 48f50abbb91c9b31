"""near_dedup's last phase alone, on a kept stage folder: the connected components and decisions
as one task over all edges (how they ran before issue 10's partitioned phase) against the
partitioned phase (star contraction over node partitions, then decisions per partition of whole
components), with wall seconds and the peak resident memory of the process that ran the tasks.

    python bench/dedup_scale.py --pages 100000 --keep        # makes bench/data/dedup_scale/out
    python bench/near_components.py bench/data/dedup_scale/out/_work/near_dedup [--partitions 0,4,16]

Each row runs in a fresh process, every task in that one process one after the other (the
in-process executor), so its peak RSS (VmHWM) is that of the largest task, beside the memory the
process starts with (Python, numpy, pyarrow, DuckDB imported: the "base" column). The rows' decisions
are compared: they must be the same, row for row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _vm(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _edge_files(stage: Path) -> tuple[list[Path], list[Path]]:
    return sorted((stage / "pairs").glob("part-*.parquet")), sorted((stage / "containment").glob("edges-*.parquet"))


def _digest(rows) -> str:
    h = hashlib.sha256()
    for r in sorted(rows, key=lambda r: (r[0], r[1])):
        h.update(repr(r).encode())
    return h.hexdigest()[:16]


def one_task(stage: Path) -> tuple[str, int]:
    """Every edge and every document's meta in this process, one cover.decide (the code before)."""
    import duckdb
    import numpy as np
    import pyarrow as pa

    from thresher.steps.dedup import cover
    from thresher.steps.dedup import survivor as surv
    from thresher.steps.dedup.store import sql_list

    pairs, cont = _edge_files(stage)
    con = duckdb.connect()
    con.execute("SET memory_limit='1GB'")
    con.execute(f"CREATE VIEW meta AS SELECT * FROM read_parquet({sql_list(sorted((stage / 'sig').glob('*.meta.parquet')))})")
    jac = con.sql(f"SELECT DISTINCT a, b, score FROM read_parquet({sql_list(pairs)})").to_arrow_table()
    con_t = con.sql(f"SELECT x AS a, y AS b, score::FLOAT AS score FROM read_parquet({sql_list(cont)})").to_arrow_table() if cont else None
    a = np.concatenate([jac.column("a").to_numpy()] + ([con_t.column("a").to_numpy()] if con_t else []))
    b = np.concatenate([jac.column("b").to_numpy()] + ([con_t.column("b").to_numpy()] if con_t else []))
    kind = np.concatenate([np.zeros(jac.num_rows, np.int8)] + ([np.ones(con_t.num_rows, np.int8)] if con_t else []))
    score = np.concatenate([jac.column("score").to_numpy()] + ([con_t.column("score").to_numpy()] if con_t else [])).astype(np.float32)
    j = kind == cover.JACCARD
    con.register("_nodes", pa.table({"key": np.unique(np.concatenate([a, b]))}))
    ranked = con.execute(f"SELECT key FROM meta SEMI JOIN _nodes USING (key) ORDER BY {surv.order_by(list(surv.DEFAULT_RULE))}").fetchnumpy()["key"]
    res = cover.decide(ranked, np.concatenate([a, b[j]]), np.concatenate([b, a[j]]), np.concatenate([kind, kind[j]]), np.concatenate([score, score[j]]))
    con.register("_removed", pa.table({"key": pa.array(res["key"], pa.int64()), "survivor_key": pa.array(res["survivor"], pa.int64()),
                                       "kind": pa.array([cover.KINDS[k] for k in res["kind"].tolist()], pa.string()),
                                       "score": pa.array(res["score"], pa.float32())}))
    rows = con.execute("""
        WITH m AS (SELECT key, survivor_key, kind, score, true AS removed FROM _removed
                   UNION ALL SELECT DISTINCT survivor_key AS key, survivor_key, NULL AS kind, NULL AS score, false AS removed FROM _removed),
        r AS (SELECT m.*, count(*) OVER (PARTITION BY survivor_key) AS cluster_size FROM m)
        SELECT x.shard, x.row, x.id, substr(md5(s.id), 1, 16), r.cluster_size, s.id, r.removed, r.kind, r.score, s.shard, s.row
        FROM r JOIN meta x ON x.key = r.key JOIN meta s ON s.key = r.survivor_key""").fetchall()
    return _digest(rows), len(a)


class _Ctx:
    """A stage context over a copy of the stage's files, every task run here in turn."""

    def __init__(self, root: Path, shards: list[str]) -> None:
        self.root, self.shards, self.threads = root, shards, 1

    def work_dir(self, stage: str) -> Path:
        return self.root

    def store(self, stage: str):
        from thresher.io.store import Store

        return Store(str(self.root))

    def map(self, fn, items, on_done=None) -> list:
        from thresher.run.executors import InProcess

        return InProcess().map(fn, self, items, on_done)


def partitioned(stage: Path, partitions: int) -> tuple[str, dict]:
    """The partitioned phase over a copy of the stage's edges and meta (the meta rewritten with its
    node partition, as the sign step now writes it)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from thresher.steps.dedup import components, near
    from thresher.steps.dedup.partitioned import ROW_GROUP, parquet_bytes
    from thresher.steps.dedup.store import safe_name

    work = Path(tempfile.mkdtemp(prefix="thresher-near-components-"))
    try:
        shards = []
        (work / "sig").mkdir()
        for f in sorted((stage / "sig").glob("*.meta.parquet")):
            t = pq.read_table(f)
            t = t.drop_columns([c for c in ("part",) if c in t.column_names])
            t = pa.table({"part": components.node_part(t.column("key").to_numpy()), **{c: t.column(c) for c in t.column_names}},
                         schema=near.META_SCHEMA)
            shard = t.column("shard")[0].as_py() if t.num_rows else f.name.removesuffix(".meta.parquet")
            assert safe_name(shard) + ".meta.parquet" == f.name
            shards.append(shard)
            (work / "sig" / f.name).write_bytes(parquet_bytes(t.sort_by("part"), ROW_GROUP))
        pairs, cont = _edge_files(stage)
        for f in pairs + cont:
            (work / f.parent.name).mkdir(exist_ok=True)
            shutil.copyfile(f, work / f.parent.name / f.name)
        ctx = _Ctx(work, shards)
        stage_obj = near.NearDedup(partitions=partitions)
        t = time.perf_counter()
        cc = near._components(stage_obj, ctx, [f"{f.parent.name}/{f.name}" for f in pairs + cont])
        t_cc = time.perf_counter() - t
        decided = near._decide_all(stage_obj, ctx, cc)
        t_all = time.perf_counter() - t
        cols = ["shard", "row", "id", "cluster_id", "cluster_size", "survivor", "removed", "kind", "score", "survivor_shard", "survivor_row"]
        table = pa.concat_tables(pq.read_table(f, columns=cols) for f in sorted((work / "decisions").glob("part-*.parquet")))
        rows = list(zip(*(table.column(c).to_pylist() for c in cols)))
        return _digest(rows), {"rounds": cc["rounds"], "decide_partitions": decided["partitions"], "components_s": t_cc, "seconds": t_all,
                               "max_task_rows": max(cc["max_task_rows"], decided["max_task_rows"])}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def child(mode: str, stage: Path, partitions: int) -> None:
    import importlib

    for module in ("duckdb", "numpy", "pyarrow", "pyarrow.parquet"):  # imported before the base is read: every row pays them
        importlib.import_module(module)
    base = _vm("VmRSS")
    t = time.perf_counter()
    if mode == "one":
        digest, edges = one_task(stage)
        info = {"edges": edges, "max_task_rows": edges}
    else:
        digest, info = partitioned(stage, partitions)
    info.setdefault("seconds", time.perf_counter() - t)
    print(json.dumps({"digest": digest, "base_mb": base, "peak_mb": _vm("VmHWM"), **info}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage", type=Path, help="a near_dedup stage folder kept by a run (OUT/_work/near_dedup)")
    ap.add_argument("--partitions", default="0,4,16", help="partitioned rows to run (0: sized by rows, as a job does)")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PARTITIONS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.stage, int(args.child[1]))
        return 0
    rows = [("one task over all edges (before)", "one", 0)] + [(f"partitioned, partitions={p or 'auto'}", "part", int(p))
                                                               for p in args.partitions.split(",")]
    results = []
    for label, mode, p in rows:
        out = subprocess.run([sys.executable, __file__, str(args.stage), "--child", mode, str(p)], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"{label}: {out.stderr[-2000:]}")
        results.append((label, json.loads(out.stdout.strip().splitlines()[-1])))
        print(f"  {label}: {results[-1][1]}", file=sys.stderr, flush=True)
    same = len({r["digest"] for _, r in results}) == 1
    print(f"\n{results[0][1]['edges']:,} edges; decisions identical in every row: {same}\n")
    print("| last phase | wall s | rounds | decide tasks | largest task's rows | peak RSS MB | of which base MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r in results:
        print(f"| {label} | {r['seconds']:.1f} | {r.get('rounds', '')} | {r.get('decide_partitions', '')} | {r.get('max_task_rows', '')} | "
              f"{r['peak_mb']:,.0f} | {r['base_mb']:,.0f} |")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
