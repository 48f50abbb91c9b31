"""On real articles: the BBC file's own duplicates are found, and nothing unrelated is merged."""

import gzip
import json
import re
from collections import defaultdict

from thresher.steps.dedup.exact import ExactDedup
from thresher.steps.dedup.near import NearDedup

from .conftest import doc

WORD = re.compile(r"\w+")


def shingle_set(text, n=5):
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def test_bbc_duplicates_found_without_false_merges(shared_data, make_job):
    with gzip.open(shared_data / "bbc-news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    docs = [doc(r["id"], r["text"]) for r in rows]
    shards = {"a": docs[::2], "b": docs[1::2]}
    out = make_job(shards, [ExactDedup(), NearDedup()], workers=2).run()

    def group(i):
        m = out[i].metadata
        survivor = m.get("exact_survivor", i)
        return out[survivor].metadata.get("cluster_id", survivor)

    # Exact pairwise similarity of every pair sharing a shingle.
    sets = {r["id"]: shingle_set(r["text"]) for r in rows}
    postings = defaultdict(list)
    for i, s in sets.items():
        for x in s:
            postings[x].append(i)
    shared = defaultdict(int)
    for ids in postings.values():
        if 1 < len(ids) <= 50:
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    shared[(ids[a], ids[b])] += 1
    near, far = [], []
    for (a, b), c in shared.items():
        j = c / (len(sets[a]) + len(sets[b]) - c)
        (near if j >= 0.9 else far).append((a, b, j, c / min(len(sets[a]), len(sets[b]))))
    assert len(near) >= 30  # the file holds dozens of reprinted articles
    assert all(group(a) == group(b) for a, b, _, _ in near)
    merged_unrelated = [(a, b) for a, b, j, cont in far if j < 0.3 and cont < 0.5 and group(a) == group(b)]
    assert merged_unrelated == []
    # One removal per reprinted pair, plus a few updates of one report (Jaccard 0.6-0.7, one
    # mostly contained in the other); nowhere near a cascade of merges.
    removed = sum(not d.kept for d in out.values())
    assert len(near) <= removed <= len(near) + 15
