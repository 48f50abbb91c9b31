"""Reposts in scripts without spaces (Chinese, Japanese, Thai) and in Korean are found by the corpus
stages as in English: exact copies up to spacing by exact_dedup, near duplicates (character
shingles where there are no spaces) and cut-short copies (containment) by near_dedup, site chrome
by repeated lines; different stories in the same script stay apart."""

import pytest

from thresher.steps.dedup.exact import ExactDedup
from thresher.steps.dedup.lines import RULE, RepeatedLines
from thresher.steps.dedup.near import NearDedup
from thresher.synth.multilingual import HELD_OUT, TUNING, seed_variant

from .conftest import doc

A = {a.lang: seed_variant(a).clean for a in TUNING}
B = {a.lang: seed_variant(a).clean for a in HELD_OUT}
CHROME = {"zh": ("分享到：微信 微博", "阅读更多：example.cn"), "ja": ("この記事をシェア", "続きを読む：example.jp"),
          "th": ("แชร์ข่าวนี้", "อ่านต่อที่ example.co.th"), "ko": ("이 기사 공유하기", "더 읽기: example.kr")}
SCRIPTS = ["zh", "ja", "th", "ko"]


def _retouched(text: str) -> str:
    """``text`` as a repost retouches it: a few characters changed in every paragraph."""
    swaps = {"，": "、", "。": "！", "的": "之", "、": "，", "と": "や", "ที่": "ซึ่ง", "และ": "กับ", "이": "그", "는": "은"}
    out = []
    for para in text.split("\n"):
        for a, b in swaps.items():
            if a in para:
                para = para.replace(a, b, 1)
                break
        out.append(para)
    return "\n".join(out)


@pytest.mark.parametrize("lang", SCRIPTS)
def test_an_exact_repost_up_to_spacing_is_one_document_and_a_retouched_one_is_not(make_job, lang):
    story, other = A[lang], B[lang]
    spaced = "  " + story.replace("\n", "\n\n").replace("\n", " \r\n")  # other line ends, blank lines, indent
    retouched = _retouched(story)
    assert retouched != story
    shards = {"s": [doc("orig", story, language=lang), doc("spaced", spaced, language=lang),
                    doc("retouched", retouched, language=lang), doc("other", other, language=lang)]}
    docs = make_job(shards, [ExactDedup()]).run()
    assert docs["other"].kept and docs["retouched"].kept
    assert sum(docs[i].kept for i in ("orig", "spaced")) == 1
    assert {docs[i].metadata["exact_cluster_size"] for i in ("orig", "spaced")} == {2}
    # near_dedup finds the retouched copy, with or without a language tag (scripts decide the shingles)
    for tagged in (True, False):
        meta = {"language": lang} if tagged else {}
        shards = {"s": [doc("orig", story, **meta), doc("retouched", retouched, **meta), doc("other", other, **meta)]}
        docs = make_job(shards, [NearDedup(threshold=0.7, min_anchors=4)]).run()
        assert docs["other"].kept, tagged
        assert sum(docs[i].kept for i in ("orig", "retouched")) == 1, tagged


@pytest.mark.parametrize("lang", SCRIPTS)
def test_a_repost_with_other_chrome_and_a_cut_short_copy_are_found(make_job, lang):
    story, other = A[lang], B[lang]
    paras = story.split("\n")[:-1]
    share, more = CHROME[lang]
    repost = "\n".join([share, *paras, more])
    cut = "\n".join(paras[:3] + [more])
    shards = {"s": [doc("orig", story, language=lang), doc("repost", repost, language=lang),
                    doc("cut", cut, language=lang), doc("other", other, language=lang)]}
    docs = make_job(shards, [NearDedup(threshold=0.7, min_anchors=4)]).run()
    kept = sorted(i for i, d in docs.items() if d.kept)
    assert "other" in kept
    assert sum(docs[i].kept for i in ("orig", "repost", "cut")) == 1
    survivor = next(i for i in ("orig", "repost", "cut") if docs[i].kept)
    assert docs[survivor].metadata["cluster_size"] == 3


@pytest.mark.parametrize("lang", SCRIPTS)
def test_site_chrome_repeated_over_pages_is_removed_and_the_stories_stay(make_job, lang):
    share, more = CHROME[lang]
    stories = list(A.values()) + list(B.values())
    pages = [doc(f"p{i:02d}", f"{share}\n{s}{more}\n", language=lang) for i, s in enumerate(stories[:12])]
    docs = make_job({"s": pages}, [RepeatedLines(min_docs=10)]).run()
    for i, d in docs.items():
        assert share not in d.text and more not in d.text
        assert d.text == stories[int(i[1:])]
        assert {e.rule for e in d.edits} == {RULE}
