"""Language codes and letters that need care: Cantonese and Wu (which the language ID may answer
for Han text) are judged like Chinese, and Turkish capitals (İ, and I whose lowercase is ı) meet
the Turkish rules."""

import dataclasses

import pytest

from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.boilerplate.match import RuleMatcher
from thresher.steps.lang.model import CODES
from thresher.steps.quality.languages import languages_of, options_for
from thresher.steps.quality.gopher import GopherQuality, GopherRepetition
from thresher.synth.multilingual import TUNING, seed_variant

BY_LANG = {a.lang: a for a in TUNING}


@pytest.mark.parametrize("code", ["yue", "wuu"])
def test_cantonese_and_wu_get_chinese_thresholds(code):
    assert code in CODES  # the language ID can write them
    for rule_set in ("gopher_quality", "fineweb"):
        assert code in languages_of(rule_set)
        assert options_for(rule_set, code) == options_for(rule_set, "zh") != {}
    assert code in GopherQuality().languages
    assert code in GopherRepetition().unspaced_languages


@pytest.mark.parametrize("code", ["yue", "wuu"])
def test_a_chinese_page_tagged_cantonese_or_wu_is_judged_and_kept_like_chinese(code):
    page = seed_variant(BY_LANG["zh"])
    # the lang step's tag replaced by yue / wuu, as lid.176 may answer for Han text
    steps = [s for s in default_pipeline().steps if s.name != "lang"]
    [out] = list(_run(steps, Document(code, page.raw), code))
    assert out.kept, out.verdict
    assert out.text == page.clean
    signals = out.metadata["signals"]
    assert "gopher_quality.not_judged" not in signals and "fineweb.not_judged" not in signals
    # and a keyword list in Cantonese is still dropped
    from thresher.synth.multilingual import low_quality_variant
    [bad] = list(_run(steps, Document(code + "-bad", low_quality_variant(BY_LANG["zh"])), code))
    assert not bad.kept


def _run(steps, doc, code):
    doc.metadata["language"] = code
    from thresher.pipeline import Pipeline
    return Pipeline(steps).run([doc], ShardContext())


@pytest.mark.parametrize("line", ["HİÇ YORUM YOK:", "Hiç yorum yok:", "YORUM GÖNDER", "BİR YANIT YAZIN", "Bir Yanıt Yazın"])
def test_turkish_capitals_meet_the_turkish_rules(line):
    assert RuleMatcher().match(line) is not None


def test_a_turkish_form_label_with_a_dotted_capital_goes_below_its_form():
    pipe = default_pipeline()
    a = BY_LANG["tr"]
    widget = ("BİR YANIT YAZIN", "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir",
              "Yorum *", "Ad *", "E-posta *", "İnternet sitesi", "YORUM GÖNDER")
    page = seed_variant(dataclasses.replace(a, widget=widget))
    [out] = list(pipe.run([Document("tr", page.raw)], ShardContext()))
    assert out.kept and out.text == page.clean


def test_a_turkish_sentence_with_dotted_capitals_stays():
    pipe = default_pipeline()
    a = BY_LANG["tr"]
    page = seed_variant(dataclasses.replace(a, widget=()))
    tail = "İstanbul'da yaşayan İsmail Bey, yorum yapmadan önce köprünün planını görmek istediğini söyledi."
    [out] = list(pipe.run([Document("tr", page.clean + tail + "\n")], ShardContext()))
    assert out.kept and out.text == page.clean + tail + "\n"
