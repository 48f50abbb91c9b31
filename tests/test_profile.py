"""The profile a job gathers as it writes (what `thresher report` draws): shards add up to the whole,
and the document sample is the same whatever the sharding and the order."""

import random

from thresher.document import Document, Edit
from thresher.profile import EDGES, SAMPLE_K, Profile, Profiler, bin_of, sample_hash

RULES = [{"reason": "q:min_words", "signal": "q.words", "op": "<", "threshold": 50}]
CLUSTERS = {"exact_dedup": ("exact_cluster_size", "exact_survivor")}


def make_docs(n: int, seed: int = 0) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        doc = Document(f"doc-{i}", "Some words here. " * rng.randint(1, 30))
        doc.metadata["language"] = rng.choice(["en", "en", "de", "fr"])
        doc.metadata["signals"] = {"q.words": rng.randint(0, 200), "q.frac": rng.random(), "q.rule": None}
        doc.metadata["token_count"] = rng.randint(1, 500)
        if rng.random() < 0.3:
            doc.apply([Edit(0, 5, rng.choice(["boilerplate:nav", "unicode:nbsp"]))])
        if doc.metadata["signals"]["q.words"] < 50:
            doc.drop("q", "q:min_words")
        elif rng.random() < 0.1:
            doc.drop("exact_dedup", "exact_duplicate")
        if i % 10 == 0:  # the survivor of a cluster of 3
            doc.metadata.update(exact_cluster_size=3, exact_survivor=doc.id)
        docs.append(doc)
    return docs


def profile_of(docs: list[Document], shard: str) -> tuple[Profile, list[dict]]:
    p = Profiler(shard, RULES, CLUSTERS)
    for d in docs:
        p.add(d)
    return p.finish()


def comparable(profile: Profile) -> dict:
    d = profile.to_dict()
    d["samples"] = {k: [(h, doc_id) for h, _, doc_id in v] for k, v in d["samples"].items()}
    return d


def test_the_profiles_of_shards_merged_are_the_profile_of_all_their_documents():
    docs = make_docs(400)
    whole, _ = profile_of(docs, "all")
    merged = Profile()
    for i in range(0, 400, 70):
        merged.merge(Profile.from_dict(profile_of(docs[i:i + 70], f"shard-{i}")[0].to_dict()))  # through JSON, as a job does
    assert comparable(merged) == comparable(whole)
    assert sum(whole.docs_by_language.values()) == 400
    assert sum(whole.kept_by_language.values()) == sum(d.kept for d in docs)
    assert sum(whole.tokens_by_language.values()) == sum(d.metadata["token_count"] for d in docs if d.kept)
    assert whole.clusters == {"exact_dedup": {3: 40}}


def test_a_signal_is_counted_as_dropped_by_its_rule_only_when_that_rule_dropped_the_document():
    docs = make_docs(300)
    profile, _ = profile_of(docs, "s")
    words = profile.histograms["q.words"]
    assert sum(words["rule"].values()) == sum(d.verdict.reason == "q:min_words" for d in docs)
    assert sum(words["other"].values()) == sum(d.verdict.reason == "exact_duplicate" for d in docs)
    assert sum(words["kept"].values()) == sum(d.kept for d in docs)
    assert max(words["rule"]) < bin_of(50) <= min(words["kept"])  # the threshold falls on a bin edge
    assert "q.rule" not in profile.histograms  # a value that is no number has no histogram
    assert "rule" not in profile.histograms["q.frac"]  # its documents were dropped by a rule on another signal
    assert sum(profile.histograms["q.frac"]["other"].values()) == sum(not d.kept for d in docs)


def test_the_sample_is_the_lowest_hashes_of_each_kind_whatever_the_order():
    docs = make_docs(300)
    a, recs_a = profile_of(docs, "s")
    b, _ = profile_of(list(reversed(docs)), "s")
    assert a.samples == b.samples
    dropped = sorted(sample_hash(d.id) for d in docs if d.verdict.reason == "q:min_words")
    assert [h for h, _, _ in a.samples["dropped:q:min_words"]] == dropped[:SAMPLE_K]
    kept_nav = sorted(sample_hash(d.id) for d in docs if d.kept and any(e.rule == "boilerplate:nav" for e in d.edits))
    assert [h for h, _, _ in a.samples["rule:boilerplate:nav"]] == kept_nav[:SAMPLE_K]
    # the shard's sample file holds exactly the sampled documents, with their edits
    ids = {doc_id for entries in a.samples.values() for _, _, doc_id in entries}
    assert {r["id"] for r in recs_a} == ids
    by_id = {d.id: d for d in docs}
    for r in recs_a:
        assert r["original"] == by_id[r["id"]].original and r["edits"] == [e.to_list() for e in by_id[r["id"]].edits]


def test_bins_have_edges_at_the_usual_thresholds():
    for t in (0.01, 0.1, 0.12, 0.2, 0.3, 0.8, 0.9, 1, 2, 3, 5, 10, 50, 100_000):
        assert EDGES[bin_of(t)] == t, t
    assert bin_of(-0.5) == -1 and bin_of(0) == 0 and bin_of(10**15) == len(EDGES) - 1


def test_a_huge_sampled_document_is_kept_short():
    doc = Document("big", "x" * 50_000)
    doc.apply([Edit(10, 20, "r:a"), Edit(40_000, 40_010, "r:b")])
    _, recs = profile_of([doc], "s")
    assert len(recs[0]["original"]) == 6000 and recs[0]["more_chars"] == 44_000
    assert [e[2] for e in recs[0]["edits"]] == ["r:a"]


def test_documents_a_stage_asks_for_are_kept_whole_whatever_the_sample():
    docs = make_docs(200)
    p = Profiler("shard-7", RULES, CLUSTERS, frozenset({"doc-3", "doc-150"}))
    for d in docs:
        p.add(d)
    profile, recs = p.finish()
    assert profile.shown == {"doc-3": "shard-7", "doc-150": "shard-7"}
    assert {"doc-3", "doc-150"} <= {r["id"] for r in recs}
    assert len(recs) == len({r["id"] for r in recs})  # each record once, sampled or asked for
