"""The `lang` step: language, score and script on each document, and the filters on them."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings, strategies as st

from thresher.document import Document
from thresher.pipeline import build_step
from thresher.steps.base import ShardContext
from thresher.steps.lang.model import model_path
from thresher.steps.lang.script import detect_script, script_counts
from thresher.steps.lang.step import _LINE_BREAKS, LanguageId, _one_line

SAMPLES = {
    "en": "The council agreed to keep the library open later on weekdays, starting next month.",
    "de": "Der Gemeinderat will die Bücherei ab nächstem Monat unter der Woche länger öffnen.",
    "fr": "Le conseil a accepté de garder la bibliothèque ouverte plus tard en semaine dès le mois prochain.",
    "es": "El consejo acordó mantener la biblioteca abierta hasta más tarde entre semana a partir del mes que viene.",
    "ru": "Совет согласился продлить работу библиотеки по будням начиная со следующего месяца.",
    "uk": "Рада погодилася подовжити роботу бібліотеки в будні дні з наступного місяця.",
    "zh": "理事会同意从下个月开始延长图书馆在工作日的开放时间。",
    "ja": "評議会は来月から平日の図書館の開館時間を延長することに同意した。",
    "ko": "의회는 다음 달부터 평일에 도서관을 더 늦게까지 열기로 합의했다.",
    "ar": "وافق المجلس على إبقاء المكتبة مفتوحة لوقت أطول في أيام الأسبوع ابتداء من الشهر المقبل.",
    "el": "Το συμβούλιο συμφώνησε να παραμένει η βιβλιοθήκη ανοιχτή μέχρι αργότερα τις καθημερινές.",
    "hi": "परिषद अगले महीने से सप्ताह के दिनों में पुस्तकालय को देर तक खुला रखने पर सहमत हुई।",
}
SCRIPTS = {"en": "Latn", "de": "Latn", "fr": "Latn", "es": "Latn", "ru": "Cyrl", "uk": "Cyrl", "zh": "Hani",
           "ja": "Jpan", "ko": "Hang", "ar": "Arab", "el": "Grek", "hi": "Deva"}


@pytest.fixture(scope="module")
def step() -> LanguageId:
    return LanguageId()


def run(step: LanguageId, *texts: str) -> list[Document]:
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    return list(step.run(docs, ShardContext()))


def test_model_ships_inside_an_installed_package():
    # Nothing is fetched at run time: the model file is part of an installed wheel.
    p = model_path()
    assert p.is_file() and p.name == "lid.176.ftz"
    assert "site-packages" in p.parts or "dist-packages" in p.parts
    assert p.stat().st_size > 500_000


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_identifies_language_and_script(step, lang):
    (doc,) = run(step, SAMPLES[lang])
    assert doc.metadata["language"] == lang
    assert doc.metadata["script"] == SCRIPTS[lang]
    assert 0.5 < doc.metadata["language_score"] <= 1.0
    assert doc.kept


def test_short_text_is_tagged_without_crashing_and_scores_lower(step):
    short, full = run(step, "Guten Morgen", SAMPLES["de"])
    assert short.metadata["language"] == "de"
    assert short.metadata["script"] == "Latn"
    # One or two words give the model little to go on: the score says so.
    (tiny,) = run(step, "ok")
    assert tiny.metadata["language_score"] < full.metadata["language_score"]
    assert tiny.kept


def test_short_cjk_text_follows_its_script(step):
    # Two Han characters and nothing else: the model alone calls short Chinese Japanese.
    zh, ja, ko = run(step, "学校请家长们帮忙", "傘は入口に置", "안녕하세요")
    assert (zh.metadata["language"], zh.metadata["script"]) == ("zh", "Hani")
    assert (ja.metadata["language"], ja.metadata["script"]) == ("ja", "Jpan")
    assert (ko.metadata["language"], ko.metadata["script"]) == ("ko", "Hang")


def test_mixed_script_reports_majority_script_and_a_language_present(step):
    mixed = SAMPLES["en"] + " " + "Совет согласился."  # mostly Latin, a little Cyrillic
    (doc,) = run(step, mixed)
    assert doc.metadata["script"] == "Latn"
    assert doc.metadata["language"] == "en"
    # Mostly Japanese with an English brand name: Japanese, in the Japanese script mix.
    (doc,) = run(step, "新しいiPhoneは来月発売される予定だと会社は発表した。")
    assert doc.metadata["script"] == "Jpan"
    assert doc.metadata["language"] == "ja"
    # Three scripts in equal measure: the language is one of those present, the score is not high.
    (doc,) = run(step, "Das ist ein Test. これはテストです。 Это тест.")
    assert doc.metadata["language"] in {"de", "ja", "ru"}
    assert doc.metadata["language_score"] < 0.9


def test_script_counts_only_letters():
    c = script_counts("Größe: 42 € — Ωμέγα! 東京 カタカナ")
    assert c == {"Latn": 5, "Grek": 5, "Hani": 2, "Kana": 4}
    assert detect_script("x\u0301") == "Latn"  # combining accent goes with its letter
    assert detect_script("12:30, 4.5%") == "Zyyy"


def test_chinese_quoting_a_katakana_name_stays_chinese_script():
    text = "我们" * 100 + "トヨタ"
    assert detect_script(text) == "Hani"


@pytest.mark.parametrize("text", ["", "   \n\t  ", "1234567 890 !!! ---", "\x00\x01\x02\x03"])
def test_no_letters_is_undetermined(step, text):
    (doc,) = run(step, text)
    assert doc.metadata == {"language": "und", "language_score": 0.0, "script": "Zyyy"}
    assert doc.kept  # the default only tags


def test_binary_junk_scores_low_and_min_score_drops_it():
    junk = bytes(range(256)).decode("latin-1") * 20
    step = LanguageId(min_score=0.5)
    (doc,) = run(step, junk)
    assert doc.metadata["language_score"] < 0.5
    assert not doc.kept and doc.verdict.reason == "lang:low_score"


def test_language_list_keeps_listed_and_drops_the_rest():
    step = LanguageId(languages=["en", "DE"])  # codes are case-insensitive
    en, de, fr, empty = run(step, SAMPLES["en"], SAMPLES["de"], SAMPLES["fr"], "")
    assert en.kept and de.kept
    assert not fr.kept and fr.verdict.step == "lang" and fr.verdict.reason == "lang:not_in_list"
    assert "fr" in fr.verdict.detail
    assert not empty.kept and empty.verdict.reason == "lang:not_in_list"


def test_min_score_boundary():
    text = SAMPLES["en"]
    score = LanguageId().identify(text)[1]
    (at,) = run(LanguageId(min_score=round(score, 4) - 0.0001), text)
    (above,) = run(LanguageId(min_score=min(1.0, score + 0.01)), text)
    assert at.kept
    assert not above.kept and above.verdict.reason == "lang:low_score"


def test_only_a_bounded_prefix_is_read(step):
    # 2,500 characters of German and then a long English tail: tagged German by default ...
    text = (SAMPLES["de"] + "\n") * 30 + (SAMPLES["en"] + "\n") * 3000
    (doc,) = run(step, text)
    assert doc.metadata["language"] == "de"
    # ... and English once the sample reaches far enough into the tail.
    (doc,) = run(LanguageId(sample_chars=200_000), text)
    assert doc.metadata["language"] == "en"


def test_a_single_5mb_line_is_fine(step):
    (doc,) = run(step, "word " * 1_000_000)
    assert doc.kept and doc.metadata["script"] == "Latn"


def test_config_from_toml_options_and_bad_options():
    s = build_step("lang", {"languages": ["en"], "min_score": 0.3})
    assert isinstance(s, LanguageId) and s.to_config() == {"languages": ["en"], "min_score": 0.3, "sample_chars": 500}
    with pytest.raises(ValueError):
        build_step("lang", {"languages": "en"})
    with pytest.raises(ValueError):
        build_step("lang", {"min_score": 2})
    # "eng" is not a code the step writes: it would drop every document, so it is refused.
    with pytest.raises(ValueError, match="eng"):
        build_step("lang", {"languages": ["en", "eng"]})


def test_step_pickles_without_its_model(step):
    step.identify("hello there")  # loads the model
    clone = pickle.loads(pickle.dumps(step))
    assert clone._model is None
    assert clone.identify(SAMPLES["fr"])[0] == "fr"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab \n\r\v\f\x85\u2028\u2029\x00\x1c\t中", max_size=30) | st.text(max_size=30))
def test_sample_goes_on_one_line_as_translate_would(sample):
    assert _one_line(sample) == sample.translate({ord(c): " " for c in _LINE_BREAKS})
