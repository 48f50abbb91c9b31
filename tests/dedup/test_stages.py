"""The corpus stages over a small corpus: what is removed, what survives, and that it is repeatable."""

import contextlib
import shutil
from pathlib import Path

import pytest

from thresher.steps.dedup.exact import ExactDedup
from thresher.steps.dedup.near import NearDedup

from .conftest import doc
from .textgen import edit, story


def corpus():
    """Three shards: story 1 with an edited copy and a copy cut short, story 2 exactly twice,
    story 3 alone, and unrelated stories."""
    s1, s2, s3 = story(1), story(2), story(3)
    truncated = "\n".join(s1.split("\n")[:3]) + "\nRead more at example.org"
    return {
        "a": [doc("a1", s1, quality_score=0.9), doc("a2", s2), doc("a3", story(10)), doc("a4", story(11))],
        "b": [doc("b1", edit(s1, 5, 0.01) + "\nShare this story", quality_score=0.4), doc("b2", s2.upper()), doc("b3", s3)],
        "c": [doc("c1", truncated), doc("c2", story(12)), doc("c3", "  " + s2 + "\n")],
    }


def stages():
    return [ExactDedup(), NearDedup(threshold=0.7, num_perm=128, min_anchors=4)]


def verdicts(docs):
    return {i: (d.kept, d.verdict.reason, {k: v for k, v in d.metadata.items() if "cluster" in k or "duplicate" in k or "survivor" in k})
            for i, d in sorted(docs.items())}


def test_exact_duplicates_removed_with_one_survivor_by_rule(make_job):
    docs = make_job(corpus(), [ExactDedup()]).run()
    group = ["a2", "b2", "c3"]  # same text up to case and spacing
    kept = [i for i in group if docs[i].kept]
    assert kept == ["c3"]  # no quality scores: the longest text ("  ...\n") survives
    for i in ("a2", "b2"):
        assert docs[i].verdict.reason == "exact_duplicate"
        assert docs[i].verdict.detail == "exact_duplicate_of=c3"
        assert docs[i].metadata["exact_duplicate_of"] == "c3"
    assert {docs[i].metadata["exact_cluster_size"] for i in group} == {3}
    assert len({docs[i].metadata["exact_cluster_id"] for i in group}) == 1
    assert all(d.kept for i, d in docs.items() if i not in ("a2", "b2"))


def test_survivor_rule_is_configurable(make_job):
    docs = make_job(corpus(), [ExactDedup(survivor=["id"])]).run()
    assert [i for i in ("a2", "b2", "c3") if docs[i].kept] == ["a2"]
    docs = make_job(corpus(), [NearDedup(survivor=["length"], min_anchors=4)]).run()
    assert [i for i in ("a1", "b1", "c1") if docs[i].kept] == ["b1"]  # quality ignored: the longest
    with pytest.raises(ValueError):
        ExactDedup(survivor=["newest"])


def test_near_duplicates_and_truncated_repost_found(make_job):
    docs = make_job(corpus(), stages()).run()
    # a1 and its edited copy b1 are near-duplicates; c1, cut short, is contained in both.
    cluster = {docs[i].metadata.get("cluster_id") for i in ("a1", "b1", "c1")}
    assert len(cluster) == 1 and None not in cluster
    assert all(docs[i].metadata["cluster_size"] == 3 for i in ("a1", "b1", "c1"))
    assert len(docs["b1"].text) > len(docs["a1"].text)
    assert docs["a1"].kept  # the best quality score wins over the longer text
    assert docs["a1"].metadata["cluster_survivor"] == "a1"
    for i in ("b1", "c1"):
        assert not docs[i].kept and docs[i].verdict.reason == "near_duplicate"
        assert docs[i].metadata["near_duplicate_of"] == "a1"
        assert docs[i].verdict.detail == "near_duplicate_of=a1"
    # Unrelated stories stay, unannotated.
    for i in ("a3", "a4", "b3", "c2"):
        assert docs[i].kept and "cluster_id" not in docs[i].metadata


def test_without_containment_the_cut_short_copy_is_missed(make_job):
    docs = make_job(corpus(), [ExactDedup(), NearDedup(containment=False)]).run()
    assert docs["c1"].kept and not docs["b1"].kept


def test_a_reprint_with_a_rewritten_lead_goes_and_a_quoting_page_stays(make_job):
    s1, s2 = story(1), story(2)
    p1, p2 = s1.split("\n"), s2.split("\n")
    # A reprint of one paragraph of story 1 under a new lead of its own: half of it is not in story 1.
    reprint = story(40, paragraphs=1) + "\n" + p1[3]
    # A page of its own that quotes two paragraphs of story 2 (not its lead): it copies nothing whole.
    quoting = "\n".join(story(41, paragraphs=5).split("\n")[:3] + p2[2:4] + story(41, paragraphs=5).split("\n")[3:])
    shards = {"a": [doc("a1", s1), doc("a2", s2)], "b": [doc("b1", reprint), doc("b2", quoting)]}
    docs = make_job(shards, [NearDedup(min_anchors=4)]).run()
    assert not docs["b1"].kept and docs["b1"].metadata["near_duplicate_of"] == "a1"
    assert docs["b1"].metadata["near_duplicate_evidence"]["kind"] == "containment"
    assert all(docs[i].kept for i in ("a1", "a2", "b2"))  # story 2 lacks its lead and 3 more paragraphs in b2
    docs = make_job(shards, [NearDedup(min_anchors=4, off_lead_threshold=0)]).run()
    assert all(d.kept for d in docs.values())  # measured with its lead, the reprint is only half in story 1


def follow_up_corpus():
    """Story a; b, a follow-up that reuses 7 of a's 10 paragraphs and adds 3 of its own; r, a
    reprint of a's first 5 paragraphs with a tenth of their words changed (edited or damaged)."""
    a = story(1, paragraphs=10).split("\n")
    b = a[3:] + story(50, paragraphs=3).split("\n")
    r = [edit(p, 9, 0.1) for p in a[:5]]
    return {"s1": [doc("a", "\n".join(a)), doc("r", "\n".join(r))], "s2": [doc("b", "\n".join(b))]}


def test_a_follow_up_that_adds_paragraphs_of_its_own_is_kept_and_an_edited_abridged_reprint_goes(make_job, tmp_path):
    results = []
    for parts in (1, 3):
        docs = make_job(follow_up_corpus(), [NearDedup(partitions=parts)], root=tmp_path / f"p{parts}").run()
        assert docs["a"].kept and docs["b"].kept  # b is 70% a's, but its three new paragraphs are another story
        assert not docs["r"].kept and docs["r"].metadata["near_duplicate_of"] == "a"
        evidence = docs["r"].metadata["near_duplicate_evidence"]
        assert evidence["kind"] == "containment" and evidence["estimate"] < NearDedup().new_check_below  # the check ran on r: no line of it is new
        results.append(verdicts(docs))
    assert results[0] == results[1]
    # Without the check, b is removed into a: its story would be lost.
    docs = make_job(follow_up_corpus(), [NearDedup(max_new_share=1.0)]).run()
    assert not docs["b"].kept and docs["b"].metadata["near_duplicate_of"] == "a"


def test_same_result_whatever_the_workers_and_shard_order(make_job):
    base = verdicts(make_job(corpus(), stages(), workers=1).run())
    shuffled = dict(reversed(list(corpus().items())))
    shuffled = {k: list(reversed(v)) for k, v in shuffled.items()}
    assert verdicts(make_job(shuffled, stages(), workers=2).run()) == base
    # Documents moved between shards: still the same decisions.
    flat = [d for docs in corpus().values() for d in docs]
    regrouped = {"x": flat[::2], "y": flat[1::2]}
    assert verdicts(make_job(regrouped, stages(), workers=2).run()) == base


def test_resume_after_a_killed_stage(make_job, tmp_path):
    root = tmp_path / "resume"
    first = verdicts(make_job(corpus(), stages(), root=root).run())
    near = root / "_work" / "near_dedup"
    # A run killed mid-way: some outputs never written, a temporary file left behind.
    for p in [near / "summary.json", near / "cc" / "nodes" / "part-00000.json", near / "bands" / "b.parquet", near / "sig" / "c.meta.parquet"]:
        p.unlink()
    for p in [near / "decisions", near / "cc" / "g-001"]:
        shutil.rmtree(p)
    (near / "sig" / ".a.u32.tmp-999").write_bytes(b"half written")
    shutil.rmtree(root / "_work" / "exact_dedup" / "hashes")
    shutil.rmtree(root / "_work" / "exact_dedup" / "decisions")
    again = verdicts(make_job(corpus(), stages(), root=root).run())
    assert again == first
    assert not list(near.rglob(".*.tmp-*"))


def test_exact_dedup_decides_the_same_in_any_number_of_partitions(make_job, tmp_path):
    texts = [story(i % 7) for i in range(40)] + ["Same words here, said twice.", "same  words here, said TWICE."]
    shards = {f"s{j}": [doc(f"d{j}-{i}", t) for i, t in enumerate(texts[j::3])] for j in range(3)}
    results = []
    for parts in (1, 3, 7):
        root = tmp_path / f"p{parts}"
        docs = make_job(shards, [ExactDedup(partitions=parts)], root=root).run()
        assert len(list((root / "_work" / "exact_dedup" / "decisions").glob("part-*.parquet"))) == parts
        results.append(verdicts(docs))
    assert results[0] == results[1] == results[2]
    assert sum(1 for v in results[0].values() if v[0] is False) == 42 - 8  # 7 stories and one pair survive once each


def test_changed_options_start_the_stage_over(make_job, tmp_path):
    root = tmp_path / "opts"
    make_job(corpus(), stages(), root=root).run()
    docs = make_job(corpus(), [ExactDedup(), NearDedup(containment=False)], root=root).run()
    assert docs["c1"].kept  # not the stale decisions of the run with containment


@pytest.mark.parametrize("texts", [[], ["only one document here"], ["same text"] * 5, [story(4)] * 4])
def test_empty_single_and_identical_corpora(make_job, texts):
    shards = {"s": [doc(f"d{i}", t) for i, t in enumerate(texts)]}
    docs = make_job(shards, stages()).run()
    assert len(docs) == len(texts)
    if texts:
        assert [i for i, d in docs.items() if d.kept] == ["d0"]  # same length: the smallest id
        if len(texts) > 1:
            assert all(d.verdict.reason == "exact_duplicate" for i, d in docs.items() if i != "d0")


def test_near_duplicates_when_exact_copies_differ_in_chrome(make_job):
    s = story(20)
    shards = {"s": [doc(f"d{i}", f"Site {i} header\n{s}\nFooter of site {i}") for i in range(4)]}
    docs = make_job(shards, stages()).run()
    assert [i for i, d in docs.items() if d.kept] == ["d0"]
    assert {d.verdict.reason for i, d in docs.items() if i != "d0"} == {"near_duplicate"}


def test_dropped_documents_are_not_considered(make_job):
    a = doc("a", story(30))
    b = doc("b", story(30))
    b.drop("guard", "too_short")
    docs = make_job({"s": [a, b]}, stages()).run()
    assert docs["a"].kept and "exact_cluster_id" not in docs["a"].metadata
    assert docs["b"].verdict.reason == "too_short"


def _hanzi(seed: int, n: int = 400) -> str:
    import random

    rng = random.Random(seed)
    out = []
    for i in range(n):
        out.append(chr(0x4E00 + rng.randrange(3000)))
        if i % 17 == 16:
            out.append("，" if i % 3 else "。")
    return "".join(out)


def test_text_without_spaces_is_compared_by_characters(make_job):
    base = _hanzi(1)
    edited = base[:100] + "新" + base[101:250] + "闻" + base[251:]  # two characters changed
    shards = {"s": [doc("zh1", base), doc("zh2", edited + "。"), doc("zh3", _hanzi(2))]}
    docs = make_job(shards, [NearDedup(containment=False)]).run()
    assert docs["zh1"].kept != docs["zh2"].kept and docs["zh3"].kept
    assert docs["zh1"].metadata["cluster_size"] == 2
    # Shingled as words, each comma-separated run of 17 characters is one token: much less similar.
    from thresher.steps.dedup.text import word_shingles

    a, _, _ = word_shingles([base], 5)
    b, _, _ = word_shingles([edited], 5)
    assert len(set(a.tolist()) & set(b.tolist())) / len(set(a.tolist()) | set(b.tolist())) < 0.7


def test_sql_str_quotes_round_trip_through_duckdb():
    import duckdb

    from thresher.steps.dedup.store import sql_str

    con = duckdb.connect()
    for value in ("it's", "''", "/tmp/q'dir/o''ut/x.parquet", ""):
        assert con.execute(f"SELECT {sql_str(value)}").fetchone()[0] == value
    assert sql_str(Path("a'b") / "c") == "'a''b/c'"


def test_a_run_leaves_nothing_in_the_scratch_folder(make_job, monkeypatch, tmp_path):
    # Each worker and task spills to a folder of its own there; hundreds were left behind.
    scratch = tmp_path / "scratch"
    monkeypatch.setenv("THRESHER_SCRATCH", str(scratch))
    docs = make_job(corpus(), stages(), workers=2).run()
    assert not docs["b1"].kept  # the stages did their work
    assert scratch.is_dir() and list(scratch.iterdir()) == []


def test_no_duckdb_connection_is_open_when_workers_fork(make_job, monkeypatch):
    # Forking while DuckDB threads and a cursor are live can deadlock the children.
    import duckdb

    from thresher.steps.dedup import near

    opened = []
    real_duck = near.duck

    @contextlib.contextmanager
    def tracking_duck(*args, **kwargs):
        with real_duck(*args, **kwargs) as con:
            opened.append(con)
            yield con

    def open_connections():
        n = 0
        for con in opened:
            try:
                con.execute("SELECT 1")
                n += 1
            except duckdb.ConnectionException:
                pass
        return n

    monkeypatch.setattr(near, "duck", tracking_duck)
    job = make_job(corpus(), [NearDedup(min_anchors=4)], workers=2)
    real_map = type(job).map
    open_at_map = []

    def checking_map(self, fn, items, on_done=None):
        open_at_map.append((fn.__name__, open_connections()))
        return real_map(self, fn, items, on_done)

    monkeypatch.setattr(type(job), "map", checking_map)  # on the class: the job still pickles
    docs = job.run()
    assert not docs["b1"].kept  # the run did its work
    names = [name for name, _ in open_at_map]
    rounds = names.count("star_partition")  # the components' rounds: as many as the graph needs
    assert rounds >= 1
    assert names == ["_sign_shard", "_pair_partition", "_anchor_partition", "_pair_counts", "_contained_edges", "_scatter_edges",
                     *["star_partition"] * rounds, "_attach", "_decide", "_shingle_sets"]
    assert [n for _, n in open_at_map] == [0] * len(names)
    assert (job.root / "_work" / "near_dedup" / "report" / "pairs.parquet").exists()


def test_lsh_grid_search_runs_once_per_stage_and_pickles(monkeypatch):
    import pickle

    from thresher.steps.dedup import near

    calls = []
    real = near.optimal_params
    monkeypatch.setattr(near, "optimal_params", lambda *a: calls.append(a) or real(*a))
    stage = NearDedup(threshold=0.8, num_perm=64)
    first = stage.lsh()
    assert stage.lsh() == first and len(calls) == 1
    copy = pickle.loads(pickle.dumps(stage))
    assert copy.lsh() == first and len(calls) == 1  # the workers' copies do not search again
    assert copy == stage  # the cache is not part of the options
    assert NearDedup(bands=4, rows=8, num_perm=64).lsh() == (4, 8) and len(calls) == 1


def test_near_dedup_decides_the_same_in_any_number_of_band_partitions(make_job, tmp_path):
    results = []
    for parts in (1, 4):
        root = tmp_path / f"p{parts}"
        docs = make_job(corpus(), [NearDedup(min_anchors=4, partitions=parts)], root=root, workers=2).run()
        assert len(list((root / "_work" / "near_dedup" / "pairs").glob("part-*.parquet"))) == parts
        results.append(verdicts(docs))
    assert results[0] == results[1]
    assert any(v[0] is False for v in results[0].values())


def test_a_larger_corpus_makes_more_partitions_not_larger_ones(make_job, tmp_path, monkeypatch):
    from thresher.steps.dedup import partitioned

    base = verdicts(make_job(corpus(), stages(), root=tmp_path / "one").run())
    monkeypatch.setattr(partitioned, "ROWS_PER_PARTITION", 20)  # as if the corpus were much larger
    root = tmp_path / "many"
    assert verdicts(make_job(corpus(), stages(), root=root).run()) == base
    near = root / "_work" / "near_dedup"
    assert len(list((near / "pairs").glob("part-*.parquet"))) >= 3
    assert len(list((near / "containment").glob("edges-*.parquet"))) >= 1
    assert len(list((near / "containment").glob("shared-*.parquet"))) >= 4


def test_every_stage_hands_off_through_the_store_when_each_task_runs_on_another_machine(make_job, tmp_path):
    """Each call for a local folder gets a new empty one (a task on another node); only the store
    is shared, as an object-storage output is between Ray nodes."""
    from thresher.io.store import Store

    base = verdicts(make_job(corpus(), stages(), root=tmp_path / "one").run())
    job = make_job(corpus(), stages(), root=tmp_path / "spread")
    calls = {"n": 0}

    def fresh_local_dir(stage):
        calls["n"] += 1
        d = tmp_path / "machines" / f"m{calls['n']}" / stage
        d.mkdir(parents=True)
        return d

    shared = tmp_path / "bucket"
    job.work_dir = fresh_local_dir
    job.store = lambda stage: Store(str(shared / stage))
    assert verdicts(job.run()) == base
    assert calls["n"] > 3
    assert list((shared / "near_dedup" / "decisions").glob("part-*.parquet")) and (shared / "exact_dedup" / "decisions").is_dir()


def test_containment_partitions_by_document_are_even_when_shards_are_small(make_job, tmp_path):
    """Document keys are ``shard << 32 | row``: partitioned by their low bits, a corpus of shards
    smaller than the fine partitions would put every document in the first partition."""
    docs = [d for shard in corpus().values() for d in shard]
    shards = {f"s{i:02d}": [doc(f"{d.id}-{i}", d.text) for d in docs] for i in range(12)}  # 12 small shards of 10
    one = verdicts(make_job(shards, [NearDedup(min_anchors=4, partitions=1)], root=tmp_path / "one").run())
    root = tmp_path / "four"
    assert verdicts(make_job(shards, [NearDedup(min_anchors=4, partitions=4)], root=root).run()) == one
    import pyarrow.parquet as pq

    sizes = [pq.read_metadata(root / "_work" / "near_dedup" / "containment" / f"size-{j:05d}.parquet").num_rows for j in range(4)]
    assert min(sizes) > 0 and max(sizes) <= 0.5 * sum(sizes), sizes


def test_every_stage_decides_the_same_when_its_tasks_read_combined_groups_of_files(make_job, tmp_path):
    """The two-level shuffle: with ``fan_in=2`` every pass that wrote more than two files (a file
    per shard, a file per partition) is merged in groups, level by level, before the tasks that
    read it; decisions and edits are those of tasks reading every file themselves."""
    from thresher.steps.dedup.lines import RepeatedLines
    from thresher.steps.unique_ids import UniqueIds

    docs = [d for shard in corpus().values() for d in shard]
    footer = "Subscribe to our newsletter for the latest stories"
    shards = {f"s{i:02d}": [doc(f"{d.id}-{i % 3}", d.text + "\n" + footer) for d in docs] for i in range(12)}  # ids repeat too

    def run(fan_in, parts, root):
        stages = [UniqueIds(partitions=parts, fan_in=fan_in), ExactDedup(partitions=parts, fan_in=fan_in),
                  NearDedup(min_anchors=4, partitions=parts, fan_in=fan_in), RepeatedLines(min_docs=5, partitions=parts, fan_in=fan_in)]
        out = make_job(shards, stages, root=root).run()
        return {i: (d.kept, d.verdict.reason, d.text, sorted(d.metadata.items())) for i, d in out.items()}

    direct = run(512, 1, tmp_path / "direct")
    root = tmp_path / "grouped"
    assert run(2, 3, root) == direct
    assert sum(not v[0] for v in direct.values()) > 20 and any(footer not in v[2] for v in direct.values() if v[0])
    for stage in ("unique_ids", "exact_dedup", "near_dedup", "repeated_lines"):
        groups = list((root / "_work" / stage / "groups").glob("*.parquet"))
        assert len({g.name.split("-")[0] for g in groups}) >= 3, stage  # 12 shard files -> 6 -> 3 -> 2: levels of groups
    # ... and the way back: three partitions' decisions regrouped by ranges of shards, one file per range
    for stage in ("unique_ids", "exact_dedup", "near_dedup"):
        assert list((root / "_work" / stage / "by-shard").glob("*.json")), stage
        assert not list((tmp_path / "direct" / "_work" / stage).glob("by-shard")), stage
    assert (root / "_work" / "repeated_lines" / "frequent-all.parquet").exists()
