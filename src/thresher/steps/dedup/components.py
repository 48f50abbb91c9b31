"""Connected components of a graph no task holds whole: alternating large-star and small-star
contraction over node partitions, through the job's storage.

The algorithm (Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected Components in
MapReduce and Beyond", SoCC 2014). The graph is kept as undirected edges written both ways,
``(u, v)`` in the partition of ``u`` (``u mod FINE``, :mod:`thresher.steps.dedup.partitioned`), so a
partition's task sees every neighbour of its nodes (:func:`node_part`). With ``m(u)`` the smallest of ``u`` and its
neighbours, a round is one of:

* large-star: each ``u`` links every neighbour *larger* than itself to ``m(u)``;
* small-star: each ``u`` links itself and every neighbour smaller than itself to ``m(u)``.

Both keep every component connected and its node set the same, and alternating them turns each
component into a star around its smallest node in O(log² n) rounds at worst (a few in practice:
O(log n) for a chain, tested). A graph is all stars when no node with a smaller neighbour has a
second neighbour, which each task checks on its own nodes; when every task says so, the round's
input is final and a node's component label is the smallest of itself and its neighbours.

When a round's graph fits one partition (``partitions`` 0 and at most ``ROWS_PER_PARTITION``
rows, or ``partitions = 1``) its one task finishes it by union-find instead: the same labels,
in one pass instead of the rounds, holding no more than any partition's task.

Why this one. Union-find is sequential over the edges: per partition then merged, the merge is the
same problem again (a long chain split over P partitions hardly shrinks). Hash-to-min label
propagation needs as many rounds as the longest path. Star contraction is a sequence of group-bys
on one node, the operation every other pass of the corpus stages already runs per partition, and
its rounds grow with the logarithm of the component size, not its diameter.

Memory of a task: its partition of the current graph, the edges at its nodes (``ROWS_PER_PARTITION``
rows when ``partitions`` is 0, the round's rows counted first) with DuckDB's ``memory_limit``
(spilling to local scratch) for the group-bys. A node's edges are never split between tasks, so
the centre of a component's star holds an edge to each node of its component: a task holds at most
its partition or the largest component, whichever is larger (a component is decided whole in one
task afterwards anyway, see :mod:`thresher.steps.dedup.cover`).
"""

from __future__ import annotations

import numpy as np
import orjson
import pyarrow as pa

from thresher.steps.dedup.clusters import components as union_find
from thresher.steps.dedup.partitioned import (FAN_IN, FINE, choose_partitions, combine, count_rows, query_table, read_partition,
                                              write_by_partition)

GRAPH_SCHEMA = pa.schema([("part", pa.int32()), ("u", pa.int64()), ("v", pa.int64())])
#: Far more rounds than any graph this size needs (a chain of a million nodes takes about 40):
#: reaching it means a bug, said in one line rather than a loop without end.
MAX_ROUNDS = 400


def node_part(keys: np.ndarray) -> np.ndarray:
    """A node's fine partition, by a multiplicative hash of its key (Fibonacci hashing): document
    keys are sequential within a shard (``shard << 32 | row``), and their low bits alone would put
    a corpus of small shards all in the first partitions."""
    assert FINE == 1 << 12
    k = np.asarray(keys, dtype=np.int64).astype(np.uint64)
    return ((k * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - 12)).astype(np.int32)


def adjacency(a: np.ndarray, b: np.ndarray) -> pa.Table:
    """Undirected edges ``a - b`` as rows both ways, sorted by the partition of their first node."""
    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    keep = a != b
    u = np.concatenate([a[keep], b[keep]])
    v = np.concatenate([b[keep], a[keep]])
    return pa.table({"part": node_part(u), "u": u, "v": v}, schema=GRAPH_SCHEMA)


def round_files(folder: str, r: int, n: int) -> list[str]:
    return [f"{folder}/g-{r:03d}/part-{k:05d}.parquet" for k in range(n)]


def _done(folder: str, r: int, k: int) -> str:
    return f"{folder}/g-{r + 1:03d}/part-{k:05d}.json"


# The node table of a partition: its neighbours' smallest, its degree, and how many are smaller.
_NODES = """
    WITH e AS (SELECT DISTINCT u, v FROM g),
    m AS (SELECT u, least(u, min(v)) AS m, count(*) AS n, count(*) FILTER (WHERE v < u) AS lower FROM e GROUP BY u)"""
_STEPS = {
    "large": _NODES + " SELECT e.v AS x, m.m AS y FROM e JOIN m USING (u) WHERE e.v > e.u",
    "small": _NODES + """ SELECT e.v AS x, m.m AS y FROM e JOIN m USING (u) WHERE e.v < e.u AND e.v <> m.m
                          UNION ALL SELECT u AS x, m AS y FROM m WHERE u <> m""",
}
_NOT_STAR = _NODES + " SELECT count(*) AS n FROM m WHERE lower > 0 AND n > 1"
_LABELS = "SELECT u AS key, least(u, min(v)) AS label FROM g GROUP BY u"


def star_task(store, folder: str, r: int, k: int, parts: int, n_in: int, memory: str, fan_in: int = FAN_IN) -> dict:
    """Round ``r`` (large-star when even, small-star when odd) over partition ``k`` of ``parts``:
    reads its rows of round ``r``'s ``n_in`` files, writes ``g-<r+1>/part-<k>.parquet`` and, last,
    the ``.json`` that says it is done and whether its input was all stars."""
    g = read_partition(store, round_files(folder, r, n_in), k, parts, GRAPH_SCHEMA, fan_in=fan_in)
    not_star = int(query_table("g", g, _NOT_STAR, memory, "cc").column("n")[0].as_py()) if g.num_rows else 0
    out = query_table("g", g, _STEPS["large" if r % 2 == 0 else "small"], memory, "cc") if g.num_rows else None
    x = out.column("x").to_numpy().astype(np.int64) if out is not None else np.zeros(0, np.int64)
    y = out.column("y").to_numpy().astype(np.int64) if out is not None else np.zeros(0, np.int64)
    nxt = adjacency(x, y)
    write_by_partition(store, round_files(folder, r + 1, parts)[k], nxt)
    report = {"star": not_star == 0, "rows": g.num_rows, "bytes": g.nbytes, "out": nxt.num_rows}
    store.write_bytes(_done(folder, r, k), orjson.dumps(report))
    return report


def finish_task(store, folder: str, r: int, n_in: int, fan_in: int = FAN_IN) -> dict:
    """A graph that fits one partition: its components by union-find in this one task (what the
    rounds would reach in this task anyway), written as stars around each component's smallest node."""
    g = read_partition(store, round_files(folder, r, n_in), 0, 1, GRAPH_SCHEMA, fan_in=fan_in)
    nodes, roots = union_find([(g.column("u").to_numpy(), g.column("v").to_numpy())])
    out = adjacency(nodes, roots)
    write_by_partition(store, round_files(folder, r + 1, 1)[0], out)
    report = {"star": True, "final": True, "rows": g.num_rows, "bytes": g.nbytes, "out": out.num_rows}
    store.write_bytes(_done(folder, r, 0), orjson.dumps(report))
    return report


def labels(store, files: list[str], k: int, parts: int, memory: str, fan_in: int = FAN_IN) -> pa.Table:
    """``key``, ``label`` (the smallest node of its component) of partition ``k``'s nodes, from the
    final round's files."""
    g = read_partition(store, files, k, parts, GRAPH_SCHEMA, fan_in=fan_in)
    if not g.num_rows:
        return pa.table({"key": pa.array([], pa.int64()), "label": pa.array([], pa.int64())})
    return query_table("g", g, _LABELS, memory, "cc")


def star_partition(ctx, item: tuple[str, str, int, int, int, int, str, int]) -> dict:
    """:func:`star_task` as a task of a stage's executor (``item`` names the stage's store)."""
    stage_name, folder, r, k, parts, n_in, memory, fan_in = item
    if parts == 1:
        return finish_task(ctx.store(stage_name), folder, r, n_in, fan_in)
    return star_task(ctx.store(stage_name), folder, r, k, parts, n_in, memory, fan_in)


def contract(ctx, stage_name: str, folder: str, n_sources: int, partitions: int, memory: str, fan_in: int = FAN_IN) -> dict:
    """Rounds from ``g-000`` (``n_sources`` files of :func:`adjacency` rows, written by the caller)
    until every component is a star, each round's partitions a task on ``ctx.map``.

    Returns ``files`` (the final graph) and the ``round`` that holds them, ``rounds`` (tasks' rounds
    run) and the largest task's input rows and bytes. A
    resumed run redoes only the tasks whose marker is missing (every round's partitioning follows
    from the rows of its input, the same on every run)."""
    store = ctx.store(stage_name)
    n_in, r = n_sources, 0
    most_rows = most_bytes = 0
    while True:
        if r >= MAX_ROUNDS:
            raise RuntimeError(f"{stage_name}: connected components did not converge in {MAX_ROUNDS} rounds")
        files = round_files(folder, r, n_in)
        parts = choose_partitions(partitions, count_rows(store, files))
        combine(ctx, stage_name, files, fan_in)
        done = set(store.ls(f"{folder}/g-{r + 1:03d}"))
        ctx.map(star_partition, [(stage_name, folder, r, k, parts, n_in, memory, fan_in) for k in range(parts) if f"part-{k:05d}.json" not in done])
        reports = [orjson.loads(store.read_bytes(_done(folder, r, k))) for k in range(parts)]
        most_rows = max([most_rows] + [x["rows"] for x in reports])
        most_bytes = max([most_bytes] + [x["bytes"] for x in reports])
        if all(x["star"] for x in reports):
            last, n_last = (r + 1, parts) if reports[0].get("final") else (r, n_in)
            return {"files": round_files(folder, last, n_last), "round": last, "rounds": r + 1, "max_task_rows": most_rows,
                    "max_task_bytes": most_bytes}
        n_in, r = parts, r + 1
