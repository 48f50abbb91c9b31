"""The `url_filter` step: blocklists in the formats users have, registered domains, banned words, allow lists."""

from __future__ import annotations

import pytest

from thresher.document import Document
from thresher.pipeline import build_step
from thresher.steps.base import ShardContext


@pytest.fixture()
def lists(tmp_path):
    ut1 = tmp_path / "ut1"
    (ut1 / "adult").mkdir(parents=True)
    (ut1 / "adult" / "domains").write_text("badsite.com\nexample.co.uk\nwww.withwww.net\n")
    (ut1 / "phishing").mkdir()
    (ut1 / "phishing" / "urls").write_text("good.org/login/steal\n")
    hosts = tmp_path / "trackers.hosts"
    hosts.write_text("# a hosts file\n0.0.0.0 tracker.net ads.example.org\n127.0.0.1 localhost\n")
    plain = tmp_path / "spam.txt"
    plain.write_text("http://Spam.Example.com/\n\n# comment\nexample.com/ads/\n")
    return ut1, hosts, plain


def step_for(lists, **options):
    ut1, hosts, plain = lists
    return build_step("url_filter", {"blocklists": [str(ut1), str(hosts), str(plain)], **options})


@pytest.mark.parametrize(
    "url, reason",
    [
        ("https://www.badsite.com/x", "url_filter:ut1:adult"),
        ("http://deep.sub.badsite.com", "url_filter:ut1:adult"),  # subdomains of a listed domain
        ("https://a.example.co.uk/", "url_filter:ut1:adult"),  # a registered domain under a two-part suffix
        ("https://other.co.uk/", None),  # ... never the public suffix itself
        ("https://withwww.net/", "url_filter:ut1:adult"),  # www. ignored on both sides
        ("http://good.org/login/steal/page.html?x=1", "url_filter:ut1:phishing"),  # URL prefix at a /
        ("http://good.org/login/stealing", None),
        ("http://good.org/login", None),
        ("http://tracker.net:8080/p", "url_filter:trackers:trackers"),  # hosts file, port ignored
        ("http://ads.example.org/x", "url_filter:trackers:trackers"),
        ("http://example.org/", None),  # a listed subdomain does not block its parent
        ("https://spam.example.com/page", "url_filter:spam:spam"),
        ("https://example.com/ads/banner.gif", "url_filter:spam:spam"),
        ("https://example.com/news", None),
        ("http://localhost/", None),  # hosts files' own localhost line is not an entry
        ("not a url at all", None),
        ("http://[::1", None),  # malformed: kept, never an error
    ],
)
def test_lists_match_hosts_their_parents_up_to_the_registered_domain_and_url_prefixes(lists, url, reason):
    got = step_for(lists).reason(url)
    assert (got[0] if got else None) == reason


def test_the_allow_list_wins_over_every_blocklist_and_banned_word(lists, tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("ok.badsite.com\n")
    step = step_for(lists, allowlists=[str(allow)], allow=["porn-research.edu"], banned_words=["porn"])
    assert step.reason("http://ok.badsite.com/a") is None
    assert step.reason("http://porn-research.edu/paper") is None
    assert step.reason("http://other.badsite.com/a")[0] == "url_filter:ut1:adult"


def test_banned_words_match_whole_words_of_the_host_or_path(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("casino\n")
    step = build_step("url_filter", {"banned_words": ["Porn"], "banned_words_file": str(words)})
    assert step.reason("http://x.com/free-porn-videos") == ("url_filter:banned_word", "porn in http://x.com/free-porn-videos")
    assert step.reason("http://best.casino.net/")[0] == "url_filter:banned_word"
    assert step.reason("http://x.com/pornography") is None  # not a whole word
    assert step.reason("http://x.com/page?q=porn") is None  # queries are not judged


def test_documents_are_dropped_with_the_list_and_entry_named_and_urls_come_from_input_fields(lists):
    docs = [
        Document("a", "text", metadata={"url": "https://www.badsite.com/x"}),
        Document("b", "text", fields={"url": "http://tracker.net/"}),  # CCNet / FineWeb records
        Document("c", "text", fields={"metadata": {"url": "https://example.com/ads/1"}}),  # dolma
        Document("d", "text", metadata={"url": "https://fine.org/"}),
        Document("e", "text"),
    ]
    ctx = ShardContext()
    list(step_for(lists).run(docs, ctx))
    assert [d.verdict.reason for d in docs] == ["url_filter:ut1:adult", "url_filter:trackers:trackers", "url_filter:spam:spam", None, None]
    assert docs[0].verdict.detail == "badsite.com (list ut1, category adult)"
    assert ctx.stats.dropped_by_reason == {"url_filter:ut1:adult": 1, "url_filter:trackers:trackers": 1, "url_filter:spam:spam": 1}
    assert ctx.stats.flagged == {"url_filter:no_url": 1}


def test_a_step_with_nothing_to_filter_on_or_a_missing_list_is_refused(tmp_path):
    with pytest.raises(ValueError, match="nothing to filter on"):
        build_step("url_filter", {})
    with pytest.raises(ValueError, match="not found"):
        build_step("url_filter", {"blocklists": [str(tmp_path / "missing.txt")]}).setup()
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="UT1 layout"):
        build_step("url_filter", {"blocklists": [str(tmp_path / "empty")]}).setup()
