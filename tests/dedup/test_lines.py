"""Lines repeated across many documents are removed, never more than the cap of a page."""

import pytest

from thresher.steps.dedup.lines import RULE, RepeatedLines

from .conftest import doc
from .textgen import story


def site_corpus(n=12):
    docs = []
    for i in range(n):
        body = story(100 + i, paragraphs=3)
        docs.append(doc(f"p{i:02d}", f"Home | News | Sport\nPosted {i + 1} hours ago\n{body}\nShare this article\n"))
    return docs


def test_frequent_lines_removed_as_named_edits(make_job):
    shards = {"s1": site_corpus()[:6], "s2": site_corpus()[6:]}
    docs = make_job(shards, [RepeatedLines(min_docs=10)]).run()
    for i, d in docs.items():
        assert "Home | News" not in d.text and "Share this article" not in d.text
        assert "hours ago" not in d.text  # digits normalised: one template
        assert d.text.startswith(story(100 + int(i[1:]), paragraphs=3)[:30])
        assert {e.rule for e in d.edits} == {RULE}
        assert d.kept


def test_lines_below_the_threshold_stay(make_job):
    docs = make_job({"s": site_corpus()}, [RepeatedLines(min_docs=13)]).run()
    assert all("Share this article" in d.text and not d.edits for d in docs.values())
    pages = site_corpus()
    pages[0] = doc("p00", pages[0].text.replace("Share this article", "Comment"))  # in 11 of 12 pages
    docs = make_job({"s": pages}, [RepeatedLines(min_docs=2, min_share=0.95)]).run()
    assert all("Share this article" in d.text for i, d in docs.items() if i != "p00")
    assert not any("Home | News" in d.text for d in docs.values())  # in all 12


def test_removal_is_capped_per_page(make_job):
    chrome = ["Menu", "Subscribe now", "Sign in to comment", "Privacy policy and cookies"]
    docs = [doc(f"t{i}", "\n".join(chrome) + f"\nshort body {i}") for i in range(10)]
    out = make_job({"s": docs}, [RepeatedLines(min_docs=5, max_removed_share=0.5)]).run()
    for i, d in out.items():
        original = len(d.original)
        removed = original - len(d.text)
        assert 0 < removed <= 0.5 * original
        assert f"short body {i[1:]}" in d.text


def test_option_checks():
    with pytest.raises(ValueError):
        RepeatedLines(min_docs=1)


def test_the_same_lines_go_in_any_number_of_partitions(make_job, tmp_path):
    corpus = site_corpus(24)
    shards = {f"s{j}": corpus[j::4] for j in range(4)}
    texts = []
    for parts in (1, 2, 5):
        root = tmp_path / f"p{parts}"
        docs = make_job(shards, [RepeatedLines(min_docs=10, partitions=parts)], root=root).run()
        assert len(list((root / "_work" / "repeated_lines" / "frequent").glob("part-*.parquet"))) == parts
        texts.append({i: d.text for i, d in docs.items()})
    assert texts[0] == texts[1] == texts[2]
    assert all("Share this article" not in t for t in texts[0].values())
