"""The seed page's four defects (credit over two lines, a hard-wrapped lead with its first word
alone, the body printed twice, a comment widget) on pages written in other languages: each comes
out exactly clean, kept, with its credit in metadata."""

import pytest

from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.base import ShardContext
from thresher.synth.multilingual import TUNING, seed_variant

from thresher.steps.quality.languages import COMMON_CRAWL_TOP_20

REQUIRED = {"zh", "ja", "ko", "th", "ar", "hi", "ru", "de", "fr", "es", "pt", "tr"}
BY_LANG = {a.lang: a for a in TUNING}


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def test_the_golden_pages_cover_the_languages_the_issue_names():
    assert REQUIRED <= set(BY_LANG)
    # and Common Crawl's twenty most common languages (English is the seed itself)
    assert set(COMMON_CRAWL_TOP_20) - {"en"} <= set(BY_LANG)


@pytest.mark.parametrize("lang", sorted(set(COMMON_CRAWL_TOP_20) - {"en"}))
def test_every_common_crawl_language_is_judged_with_its_own_thresholds(pipeline, lang):
    # a kept golden page was judged (not waved through as not_judged) by gopher_quality and
    # fineweb with the language's thresholds (c4 stays English on purpose: see quality/languages.py)
    page = seed_variant(BY_LANG[lang])
    [out] = list(pipeline.run([Document(lang, page.raw)], ShardContext()))
    assert out.kept
    signals = out.metadata["signals"]
    assert "gopher_quality.not_judged" not in signals and "fineweb.not_judged" not in signals


@pytest.mark.parametrize("lang", sorted(BY_LANG))
def test_a_seed_like_page_is_cleaned_exactly_in_its_language(pipeline, lang):
    page = seed_variant(BY_LANG[lang])
    [out] = list(pipeline.run([Document(lang, page.raw)], ShardContext()))
    assert out.kept, out.verdict
    assert out.text == page.clean
    assert out.metadata["image_credit"] == page.credit
    assert out.metadata["language"] == lang
    rules = {e.rule for e in out.edits}
    assert {"boilerplate:image_credit", "unwrap:dangling_word", "unwrap:hard_wrap", "repeats:block",
            "boilerplate:comment_widget"} <= rules


@pytest.mark.parametrize("width", [56, 64, 72, 80])
@pytest.mark.parametrize("lang", ["zh", "ja", "th", "ar", "hi", "ko", "fa", "vi", "uk"])
def test_the_lead_is_rejoined_at_any_common_wrap_width(pipeline, lang, width):
    page = seed_variant(BY_LANG[lang], width=width)
    [out] = list(pipeline.run([Document(lang, page.raw)], ShardContext()))
    assert out.kept, out.verdict
    assert out.text == page.clean


@pytest.mark.parametrize("lang", sorted(BY_LANG))
def test_cleaning_a_clean_page_again_changes_nothing(pipeline, lang):
    page = seed_variant(BY_LANG[lang])
    [out] = list(pipeline.run([Document(lang, page.clean)], ShardContext()))
    assert out.kept, out.verdict
    assert out.text == page.clean
