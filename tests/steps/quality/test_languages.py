"""Judgement beyond English: the rule sets judge the languages that have thresholds of their own
with those thresholds (thresher.steps.quality.languages), English exactly as before, and a page
the repair steps fixed is never dropped for what they fixed."""

import pytest

from thresher.document import Document
from thresher.pipeline import Pipeline, build_step, default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.quality import no_repair_pipeline
from thresher.steps.quality.languages import STOP_WORDS, THRESHOLDS, languages_of
from thresher.synth.multilingual import HELD_OUT, TUNING, low_quality_variant, seed_variant

RULE_SETS = ("gopher_repetition", "gopher_quality", "c4", "fineweb")
BY_LANG = {a.lang: a for a in TUNING}
JUDGED = ("gopher_quality", "fineweb")  # the rule sets with thresholds per language


def run(pipe, doc):
    [out] = list(pipe.run([doc], ShardContext()))
    return out


@pytest.fixture(scope="module")
def rule_sets():
    return Pipeline([build_step(n) for n in RULE_SETS])


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def test_every_language_with_golden_pages_has_thresholds_and_stop_words():
    for name in JUDGED:
        assert set(BY_LANG) <= set(languages_of(name))
        assert build_step(name).languages == ["en", *languages_of(name)]
    assert set(STOP_WORDS) == set(BY_LANG)
    for entry in THRESHOLDS:
        assert entry.rule_set in JUDGED and entry.languages and entry.how, entry.name


def test_english_is_judged_by_the_rule_sets_own_options():
    for name in RULE_SETS:
        step = build_step(name)
        assert step.judge_for("en") is step
        assert step.judge_for(None) is step and step.judge_for("und") is step


@pytest.mark.parametrize("lang", sorted(BY_LANG))
def test_a_clean_page_is_judged_in_its_language_and_kept(rule_sets, lang):
    page = seed_variant(BY_LANG[lang]).clean
    out = run(rule_sets, Document(lang, page, metadata={"language": lang}))
    assert out.kept, out.verdict
    signals = out.metadata["signals"]
    for name in JUDGED:
        assert f"{name}.not_judged" not in signals
    assert signals["gopher_quality.stop_words"] >= 2


@pytest.mark.parametrize("lang", sorted(BY_LANG))
def test_a_keyword_list_in_the_language_is_dropped_by_the_rule_sets(rule_sets, lang):
    out = run(rule_sets, Document(lang, low_quality_variant(BY_LANG[lang]), metadata={"language": lang}))
    assert not out.kept
    assert out.verdict.reason.split(":")[0] in RULE_SETS


@pytest.mark.parametrize("story", [*TUNING, *HELD_OUT], ids=lambda a: a.lang)
def test_a_page_repaired_is_not_dropped_for_the_defect_repaired(pipeline, story):
    # judged on its raw text, the body printed twice drops it; repaired, it is kept, judged in its language
    lang = story.lang
    raw = seed_variant(story).raw
    unrepaired = run(no_repair_pipeline(), Document(lang, raw))
    assert unrepaired.verdict.reason.startswith("gopher_repetition:dup_")
    out = run(pipeline, Document(lang, raw))
    assert out.kept and out.metadata["language"] == lang
    assert "gopher_quality.not_judged" not in out.metadata["signals"]


def test_a_drop_names_the_language_whose_thresholds_decided():
    page = seed_variant(BY_LANG["de"]).clean
    step = build_step("gopher_quality", {"thresholds_by_language": {"de": {"min_stop_words": 50}}})
    out = run(Pipeline([step]), Document("de", page, metadata={"language": "de"}))
    assert out.verdict.reason == "gopher_quality:stop_words"
    assert out.verdict.detail.endswith("< 50 (min_stop_words for de)")
    # the packaged German options still hold beside the one given: German stop words are counted
    assert out.metadata["signals"]["gopher_quality.stop_words"] >= 2
    # and an English page is judged as before
    english = "The cat sat on the mat with the dog, and that was all. " * 10
    assert run(Pipeline([step]), Document("en", english, metadata={"language": "en"})).kept


def test_options_for_a_language_are_checked_when_the_step_is_built():
    with pytest.raises(ValueError, match="thresholds_by_language.de: gopher_quality has no option.*min_stopwords"):
        build_step("gopher_quality", {"thresholds_by_language": {"de": {"min_stopwords": 3}}})
    with pytest.raises(ValueError, match="stop_words_in"):
        build_step("gopher_quality", {"thresholds_by_language": {"th": {"stop_words_in": "chars"}}})


def test_a_language_left_out_of_languages_is_not_judged_even_with_thresholds():
    step = build_step("fineweb", {"languages": ["en"]})
    out = run(Pipeline([step]), Document("ja", "短い\n" * 40, metadata={"language": "ja"}))
    assert out.kept and out.metadata["signals"]["fineweb.not_judged"] == "language:ja"
    assert not run(Pipeline([build_step("fineweb")]), Document("ja", "短い\n" * 40, metadata={"language": "ja"})).kept


def test_thai_stop_words_are_found_in_the_text_not_as_tokens():
    page = seed_variant(BY_LANG["th"]).clean
    judge = build_step("gopher_quality").judge_for("th")
    assert judge.stop_words_in == "text"
    out = run(Pipeline([build_step("gopher_quality")]), Document("th", page, metadata={"language": "th"}))
    assert out.metadata["signals"]["gopher_quality.stop_words"] == sum(w in page for w in STOP_WORDS["th"])
    assert out.kept


def test_options_per_language_survive_the_resolved_config():
    import tomllib

    from thresher.configfile import dumps_toml

    given = {"de": {"min_stop_words": 3, "stop_words": ["der", "die", "und"]}, "sw": {"min_doc_words": 20}}
    pipe = Pipeline.from_config([{"name": "gopher_quality", "languages": ["en", "de", "sw"], "thresholds_by_language": given}])
    again = Pipeline.from_config(tomllib.loads(dumps_toml({"step": pipe.to_config()}))["step"])
    [step] = again.steps
    assert step.thresholds_by_language == given
    assert step.judge_for("de").min_stop_words == 3 and step.judge_for("de").stop_words == ["der", "die", "und"]
    assert step.judge_for("de").max_avg_word_length == 15  # the packaged German options under the given ones
    assert step.judge_for("sw").min_doc_words == 20 and step.judge_for("sw").stop_words == build_step("gopher_quality").stop_words
    assert step.judge_for("en") is step
