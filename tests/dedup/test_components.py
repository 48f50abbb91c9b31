"""near_dedup's last phase, partitioned: the connected components by star contraction over node
partitions and the decisions per group of whole components are those of one task over all edges."""

from __future__ import annotations

import random

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from thresher.steps.dedup import components, cover, near
from thresher.steps.dedup import survivor as surv
from thresher.steps.dedup.clusters import components as union_find
from thresher.steps.dedup.near import META_SCHEMA, NearDedup
from thresher.steps.dedup.partitioned import parquet_bytes

from .conftest import doc
from .textgen import edit, story

SHARDS = ["s0", "s1", "s2"]


# -- graphs ---------------------------------------------------------------------------------------
def key(i: int) -> int:
    """Node i as a document key: spread over the shards (a key is shard << 32 | row)."""
    return ((i % len(SHARDS)) << 32) | (i // len(SHARDS))


def chain(nodes: list[int]) -> list[tuple[int, int]]:
    return list(zip(nodes, nodes[1:]))


def random_graph(seed: int) -> list[tuple[int, int]]:
    """Long chains in key order, in reverse and shuffled, one big dense component, a star, a cycle,
    and many pairs and triangles: every shape that makes star contraction take its rounds."""
    rng = random.Random(seed)
    edges: list[tuple[int, int]] = []
    n = 0

    def take(k: int) -> list[int]:  # k new nodes, in key order
        nonlocal n
        n += k
        return sorted((key(i) for i in range(n - k, n)))

    edges += chain(take(rng.randint(150, 300)))  # in order: the slowest to contract
    edges += chain(take(rng.randint(100, 200))[::-1])
    shuffled = take(rng.randint(100, 200))
    rng.shuffle(shuffled)
    edges += chain(shuffled)
    big = take(rng.randint(120, 200))
    edges += [(rng.choice(big), rng.choice(big)) for _ in range(len(big) * 3)] + chain(big)
    hub, *spokes = take(rng.randint(40, 80))
    edges += [(s, hub) for s in spokes]
    ring = take(rng.randint(20, 50))
    edges += chain(ring) + [(ring[-1], ring[0])]
    for _ in range(rng.randint(30, 60)):
        group = take(rng.randint(2, 3))
        edges += chain(group)
    return [(a, b) for a, b in edges if a != b]


def make_ctx(make_job, workers: int = 2):
    """A job's stage context on the real local pool and store, over shards the test fills itself."""
    return make_job({s: [] for s in SHARDS}, [], workers=workers)


def test_star_contraction_finds_the_components_of_random_graphs(make_job):
    ctx = make_ctx(make_job)
    store = ctx.store("cc_test")
    for seed in (1, 2):
        edges = np.asarray(random_graph(seed), np.int64)
        folder = f"seed{seed}"
        # Three source files, as the band partitions and containment passes hand them over.
        for i, part in enumerate(np.array_split(edges, 3)):
            store.write_bytes(components.round_files(folder, 0, 3)[i], parquet_bytes(components.adjacency(part[:, 0], part[:, 1]).sort_by("part")))
        cc = components.contract(ctx, "cc_test", folder, 3, 4, "256MB")
        labels = pa.concat_tables(components.labels(store, cc["files"], k, 5, "256MB") for k in range(5))
        got = dict(zip(labels.column("key").to_pylist(), labels.column("label").to_pylist()))
        nodes, roots = union_find([(edges[:, 0], edges[:, 1])])
        assert got == dict(zip(nodes.tolist(), roots.tolist()))
        # A chain of n nodes in key order takes O(log n) rounds, not n.
        assert 2 <= cc["rounds"] <= 30, cc["rounds"]
        # No task held the whole graph: the largest component (the longest chain, at most 300 nodes,
        # two rows per edge at its centre) bounds a task, not the 1,000+ edges.
        assert cc["max_task_rows"] < 2 * len(edges)


def test_a_graph_already_in_stars_takes_one_round_and_no_edges_none(make_job):
    ctx = make_ctx(make_job, workers=1)
    store = ctx.store("cc_test")
    store.write_bytes(components.round_files("stars", 0, 1)[0], parquet_bytes(components.adjacency(np.array([1, 1, 7]), np.array([2, 3, 9]))))
    assert components.contract(ctx, "cc_test", "stars", 1, 0, "256MB")["rounds"] == 1
    store.write_bytes(components.round_files("none", 0, 1)[0], parquet_bytes(components.adjacency(np.zeros(0), np.zeros(0))))
    cc = components.contract(ctx, "cc_test", "none", 1, 0, "256MB")
    assert cc["rounds"] == 1 and components.labels(store, cc["files"], 0, 1, "256MB").num_rows == 0


# -- decisions ------------------------------------------------------------------------------------
def single_task_decisions(meta: pa.Table, edges: pa.Table, rule: list[str]) -> list[tuple]:
    """The decisions as one task over all edges made them before the last phase was partitioned:
    every edge once, every document with an edge ranked by the survivor rule, one cover.decide."""
    con = duckdb.connect()
    con.register("meta", meta)
    con.register("raw", edges)
    e = con.sql("SELECT DISTINCT a, b, kind, score FROM raw").to_arrow_table()
    a, b = e.column("a").to_numpy(), e.column("b").to_numpy()
    kind, score = e.column("kind").to_numpy().astype(np.int8), e.column("score").to_numpy().astype(np.float32)
    jac = kind == cover.JACCARD
    con.register("_nodes", pa.table({"key": np.unique(np.concatenate([a, b]))}))
    ranked = con.execute(f"SELECT key FROM meta SEMI JOIN _nodes USING (key) ORDER BY {surv.order_by(rule)}").fetchnumpy()["key"]
    res = cover.decide(ranked, np.concatenate([a, b[jac]]), np.concatenate([b, a[jac]]), np.concatenate([kind, kind[jac]]),
                       np.concatenate([score, score[jac]]))
    con.register("_removed", pa.table({"key": pa.array(res["key"], pa.int64()), "survivor_key": pa.array(res["survivor"], pa.int64()),
                                       "kind": pa.array([cover.KINDS[k] for k in res["kind"].tolist()], pa.string()),
                                       "score": pa.array(res["score"], pa.float32())}))
    return con.execute("""
        WITH m AS (SELECT key, survivor_key, kind, score, true AS removed FROM _removed
                   UNION ALL SELECT DISTINCT survivor_key AS key, survivor_key, NULL AS kind, NULL AS score, false AS removed FROM _removed),
        r AS (SELECT m.*, count(*) OVER (PARTITION BY survivor_key) AS cluster_size FROM m)
        SELECT x.shard, x.row, x.id, substr(md5(s.id), 1, 16), r.cluster_size, s.id, r.removed, r.kind, r.score, s.shard, s.row
        FROM r JOIN meta x ON x.key = r.key JOIN meta s ON s.key = r.survivor_key
        ORDER BY x.shard, x.row""").fetchall()


def partitioned_decisions(store) -> list[tuple]:
    files = [store.local_path(f"decisions/{n}") for n in store.ls("decisions") if n.endswith(".parquet")]
    t = pa.concat_tables(pq.read_table(f) for f in files)
    cols = ["shard", "row", "id", "cluster_id", "cluster_size", "survivor", "removed", "kind", "score", "survivor_shard", "survivor_row"]
    return sorted(zip(*(t.column(c).to_pylist() for c in cols)), key=lambda r: (r[0], r[1]))


def write_meta(store, rng: random.Random, n_rows: int) -> pa.Table:
    """Every shard's sig meta file, with qualities, lengths and ids that tie often."""
    tables = []
    for s, shard in enumerate(SHARDS):
        keys = np.asarray([(s << 32) | r for r in range(n_rows)], np.int64)
        t = pa.table({"part": components.node_part(keys), "key": keys, "shard": [shard] * n_rows, "row": np.arange(n_rows),
                      "id": [f"d{rng.randint(0, n_rows * 2)}" for _ in range(n_rows)],  # some ids shared
                      "length": [rng.choice([100, 200, 300]) for _ in range(n_rows)],
                      "quality": [rng.choice([None, 0.5, 0.9]) for _ in range(n_rows)], "n_anchors": [10] * n_rows}, schema=META_SCHEMA)
        store.write_bytes(f"sig/{shard}.meta.parquet", parquet_bytes(t.sort_by("part"), 64))
        tables.append(t)
    return pa.concat_tables(tables)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_partitioned_decisions_equal_the_single_task_result_on_random_graphs(make_job, seed):
    rng = random.Random(seed)
    ctx = make_ctx(make_job)
    stage = NearDedup(partitions=4)
    store = ctx.store(stage.name)
    pairs = random_graph(seed)
    n_rows = max(k & 0xFFFFFFFF for p in pairs for k in p) + 1
    meta = write_meta(store, rng, n_rows)
    # Jaccard pairs (a < b, some found in two band partitions), containment edges one way, scores that tie.
    jac = [(min(a, b), max(a, b), rng.choice([0.7, 0.8, 0.85, 0.9])) for a, b in pairs if rng.random() < 0.6]
    jac += rng.sample(jac, len(jac) // 5)
    cont = [(a, b, rng.choice([0.6, 0.75, 1.0])) if rng.random() < 0.5 else (b, a, 0.75) for a, b in pairs if rng.random() < 0.6]
    sources = []
    for i, chunk in enumerate(np.array_split(np.asarray(jac, dtype=object), 3)):
        t = pa.table({"a": pa.array([int(r[0]) for r in chunk], pa.int64()), "b": pa.array([int(r[1]) for r in chunk], pa.int64()),
                      "score": pa.array([float(r[2]) for r in chunk], pa.float32())})
        store.write_bytes(f"pairs/part-{i:05d}.parquet", parquet_bytes(t))
        sources.append(f"pairs/part-{i:05d}.parquet")
    for i, chunk in enumerate(np.array_split(np.asarray(cont, dtype=object), 2)):
        t = pa.table({"x": pa.array([int(r[0]) for r in chunk], pa.int64()), "y": pa.array([int(r[1]) for r in chunk], pa.int64()),
                      "score": pa.array([float(r[2]) for r in chunk], pa.float64())})
        store.write_bytes(f"containment/edges-{i:05d}.parquet", parquet_bytes(t))
        sources.append(f"containment/edges-{i:05d}.parquet")

    decided = near._decide_all(stage, ctx, near._components(stage, ctx, sources))
    assert decided["partitions"] == 4

    every = pa.table({"a": pa.array([r[0] for r in jac] + [r[0] for r in cont], pa.int64()),
                      "b": pa.array([r[1] for r in jac] + [r[1] for r in cont], pa.int64()),
                      "kind": pa.array([cover.JACCARD] * len(jac) + [cover.CONTAINMENT] * len(cont), pa.int8()),
                      "score": pa.array([r[2] for r in jac] + [r[2] for r in cont], pa.float32())})
    want = single_task_decisions(meta, every, stage.survivor)
    assert partitioned_decisions(store) == want
    assert sum(r[6] for r in want) > 100  # many removals decided, over components of every shape
    assert decided["edges"] == {"jaccard": len(set(jac)), "containment": len(set(cont))}


def test_a_real_job_decides_as_one_task_over_all_its_edges(make_job, tmp_path):
    """Through the whole stage on documents: chains of edited copies (each close to the next, the
    ends far apart) and stories cut short, with every pass partitioned; the decisions are those of
    one task over the stage's own edges."""
    shards: dict[str, list] = {"a": [], "b": [], "c": []}
    n = 0
    for s in range(8):
        text = story(s)
        for step in range(6):  # a chain: each copy edits the one before
            shards["abc"[n % 3]].append(doc(f"c{s}-{step}", text, quality_score=[0.2, 0.9, None][n % 3]))
            text = edit(text, 100 * s + step, 0.06)
            n += 1
        cut = "\n".join(story(s).split("\n")[:3]) + "\nRead more at the source."
        shards["abc"[n % 3]].append(doc(f"cut{s}", cut))
        n += 1
    stage = NearDedup(min_anchors=4, partitions=3)
    job = make_job(shards, [stage], workers=2, root=tmp_path / "job")
    docs = job.run()
    store = job.store(stage.name)
    meta = pa.concat_tables(pq.read_table(store.local_path(f"sig/{s}.meta.parquet")) for s in shards)
    pieces = []
    for n_ in store.ls("pairs"):
        if n_.endswith(".parquet"):
            t = pq.read_table(store.local_path(f"pairs/{n_}"))
            pieces.append(pa.table({"a": t["a"], "b": t["b"], "kind": pa.array(np.full(t.num_rows, cover.JACCARD, np.int8)), "score": t["score"]}))
    for n_ in store.ls("containment"):
        if n_.startswith("edges-"):
            t = pq.read_table(store.local_path(f"containment/{n_}"))
            pieces.append(pa.table({"a": t["x"], "b": t["y"], "kind": pa.array(np.full(t.num_rows, cover.CONTAINMENT, np.int8)),
                                    "score": t["score"].cast(pa.float32())}))
    want = single_task_decisions(meta, pa.concat_tables(pieces), stage.survivor)
    assert partitioned_decisions(store) == want
    assert len(list(store.local_path("decisions").glob("part-*.parquet"))) == 3
    removed = {r[2] for r in want if r[6]}
    assert removed and all(not docs[i].kept for i in removed)
    assert any(r[7] == "containment" for r in want)  # a cut-short copy was decided by its containment edge
