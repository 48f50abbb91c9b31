"""Which near duplicates go: a document is removed only in favour of a *kept* document that covers it.

Connected components of duplicate edges chain: page A quotes story B, B shares a paragraph with C,
so A, B and C become one cluster with one survivor and two stories are lost. Here no decision rests
on a chain. An edge says that one document *covers* another:

* a Jaccard edge (estimated similarity >= threshold) covers both ways;
* a containment edge covers one way: the document contained (most of its content found in the other)
  is covered by the one containing it, never the reverse. A page that quotes a paragraph of another
  covers nothing of it and is covered by nothing of it: quoting is not copying.

Documents are taken in survivor order (:mod:`thresher.steps.dedup.survivor`: the best first). Each is
kept unless a document already *kept* covers it; then it is removed and names that document (the first
such in survivor order) and the edge that decided it. Every removed document therefore has a direct,
verified edge to its survivor, and the survivor is kept: a story is lost only if a kept page really
covers it. The result depends only on the edges and the order, not on how documents were numbered or
sharded (the order ends with id and then input place).

The decision for a document depends only on documents ranked before it in its own connected
component, so components can be decided independently (the partitioned plan decides one partition of
whole components per task). Memory: the edges and nodes passed in (the duplicates of those
components), never the corpus.
"""

from __future__ import annotations

import numpy as np

JACCARD, CONTAINMENT = 0, 1
KINDS = ("jaccard", "containment")


def decide(ranked: np.ndarray, covered: np.ndarray, coverer: np.ndarray, kind: np.ndarray, score: np.ndarray) -> dict[str, np.ndarray]:
    """Greedy decisions over directed cover edges.

    ``ranked``: the node keys in survivor order (best first), every node of the edges among them.
    Edge i says ``coverer[i]`` covers ``covered[i]`` (pass a Jaccard edge in both directions), with
    ``kind[i]`` (:data:`JACCARD` or :data:`CONTAINMENT`) and ``score[i]``.

    Returns the removed nodes: ``key``, ``survivor`` (a kept node), ``kind``, ``score`` of the deciding
    edge; and ``kept``: the kept nodes that are the survivor of at least one removal.
    """
    ranked = np.asarray(ranked, dtype=np.int64)
    order = np.argsort(ranked, kind="stable")
    sorted_keys = ranked[order]

    def rank_of(keys: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(sorted_keys, keys)
        if len(keys) and (pos.max(initial=0) >= len(sorted_keys) or not np.array_equal(sorted_keys[np.minimum(pos, len(sorted_keys) - 1)], keys)):
            raise ValueError("every node of an edge must be ranked")
        return order[pos]

    rx, ry = rank_of(np.asarray(covered, np.int64)), rank_of(np.asarray(coverer, np.int64))
    kind, score = np.asarray(kind), np.asarray(score)
    # Only a better-ranked coverer can be kept when a document's turn comes.
    useful = ry < rx
    rx, ry, kind, score = rx[useful], ry[useful], kind[useful], score[useful]
    # By covered, then the coverer's rank (the first kept one decides), then the strongest evidence
    # (a pair joined by both a Jaccard and a containment edge names the same edge on every run).
    by = np.lexsort((-score.astype(np.float64), kind, ry, rx))
    rx, ry, kind, score = rx[by], ry[by], kind[by], score[by]
    removed = np.zeros(len(ranked), bool)
    out_x, out_y, out_i = [], [], []
    last = -1
    for i, (x, y) in enumerate(zip(rx.tolist(), ry.tolist())):
        if x == last:  # already decided by an earlier edge
            continue
        if not removed[y]:  # y was taken before x and kept: it covers x
            removed[x] = True
            out_x.append(x)
            out_y.append(y)
            out_i.append(i)
            last = x
    idx = np.asarray(out_i, dtype=np.int64)
    sx, sy = np.asarray(out_x, dtype=np.int64), np.asarray(out_y, dtype=np.int64)
    return {
        "key": ranked[sx],
        "survivor": ranked[sy],
        "kind": kind[idx] if len(idx) else np.zeros(0, kind.dtype if len(kind) else np.int8),
        "score": score[idx] if len(idx) else np.zeros(0, np.float32),
        "kept": ranked[np.unique(sy)],
    }
