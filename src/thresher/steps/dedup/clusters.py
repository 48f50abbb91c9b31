"""Clusters on disk: connected components over edges read in batches, and applying the decisions.

A decisions file has one row per document that belongs to a group of two or more: its shard and
place in the shard's document stream, its id, the cluster id and size, the survivor's id and
whether it is removed. A shard's apply reads only its own rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from thresher.document import Document

DECISIONS_SCHEMA = pa.schema(
    [
        ("shard", pa.string()),
        ("row", pa.int64()),
        ("id", pa.string()),
        ("cluster_id", pa.string()),
        ("cluster_size", pa.int64()),
        ("survivor", pa.string()),
        ("removed", pa.bool_()),
    ]
)


def components(edge_batches: Iterable[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of the graph given as batches of (a, b) node arrays.

    Returns (nodes, root) with every node that has an edge and the smallest node of its component.
    Memory grows with the nodes that have an edge (the duplicates), not with the corpus.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in edge_batches:
        for x, y in zip(a.tolist(), b.tolist()):
            parent.setdefault(x, x)
            parent.setdefault(y, y)
            rx, ry = find(x), find(y)
            if rx < ry:
                parent[ry] = rx
            elif ry < rx:
                parent[rx] = ry
    if not parent:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    nodes = np.fromiter(parent.keys(), dtype=np.int64, count=len(parent))
    roots = np.fromiter((find(int(x)) for x in nodes), dtype=np.int64, count=len(nodes))
    return nodes, roots


@dataclass
class Decisions:
    """One shard's rows of a decisions file, by place in the shard's stream (and by id, should the
    stream have changed under us)."""

    by_row: dict[int, tuple]
    _by_id: dict[str, tuple] | None = None

    def get(self, row: int, doc_id: str) -> tuple | None:
        d = self.by_row.get(row)
        if d is not None and d[0] != doc_id:
            if self._by_id is None:
                self._by_id = {v[0]: v for v in self.by_row.values()}
            d = self._by_id.get(doc_id)
        return d


def read_decisions_from(store, rels: list[str], shard: str) -> Decisions:
    """One shard's rows of decision files on a :class:`thresher.io.store.Store` (one file, or a
    partitioned stage's files); a missing file means the stage's prepare() has not run."""
    by_row: dict[int, tuple] = {}
    for rel in rels:
        with store.open(rel) as f:
            pf = pq.ParquetFile(f)
            columns = ["row", "id", "cluster_id", "cluster_size", "survivor", "removed"]
            if "kind" in pf.schema_arrow.names:
                columns += ["kind", "score"]
            f.seek(0)
            table = pq.read_table(f, filters=[("shard", "=", shard)], columns=columns)
        cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
        by_row.update({r[0]: r[1:] for r in zip(*cols)})
    return Decisions(by_row)


def apply_decision(
    doc: Document,
    row: int,
    decisions: Decisions,
    stage: str,
    reason: str,
    keys: tuple[str, str, str, str],
    evidence_key: str | None = None,
) -> None:
    """Annotate a document of a cluster; drop it with ``reason`` when it is a removed one.

    ``keys`` names the metadata fields: (cluster id, cluster size, survivor id, duplicate of);
    ``evidence_key`` the field for the deciding edge of a removal, when decisions carry one.
    """
    d = decisions.get(row, doc.id)
    if d is None:
        return
    k_id, k_size, k_surv, k_of = keys
    _, cluster_id, size, survivor, removed = d[:5]
    doc.metadata[k_id] = cluster_id
    doc.metadata[k_size] = int(size)
    doc.metadata[k_surv] = survivor
    if removed:
        doc.metadata[k_of] = survivor
        if evidence_key and len(d) > 5 and d[5] is not None:
            doc.metadata[evidence_key] = {"kind": d[5], "estimate": round(float(d[6]), 4)}
        doc.drop(stage, reason, f"{k_of}={survivor}")
