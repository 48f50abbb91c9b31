"""Unicode and whitespace repair: each defect fixed under its own rule name, with small edits, and
clean text left alone."""

import pytest

from thresher.document import Document
from thresher.steps.repair.unicode import UnicodeRepair


def repair(text: str, **options) -> Document:
    doc = Document("t", text)
    doc.apply(UnicodeRepair(**options).edit(doc))
    return doc


def rules(doc: Document) -> set[str]:
    return {e.rule for e in doc.edits}


def test_clean_text_gets_no_edit():
    doc = repair("A clean page.\nWith two lines, “quotes”, £5 and café.\n")
    assert doc.edits == []


def test_mojibake_is_fixed_word_by_word_with_small_edits():
    doc = repair("The Ã©clair cost Â£5 at the cafÃ©.\n")
    assert doc.text == "The éclair cost £5 at the café.\n"
    assert rules(doc) == {"unicode:mojibake"}
    # Each edit covers only the broken characters, so explain marks them precisely.
    assert all(e.end - e.start <= 2 for e in doc.edits)
    assert [doc.original[e.start : e.end] for e in doc.edits] == ["Ã©", "Â", "Ã©"]


def test_cyrillic_and_smart_quote_mojibake():
    doc = repair("Itâ€™s Ð¿Ñ€Ð¸Ð²ÐµÑ‚\n")
    assert doc.text == "It’s привет\n"


@pytest.mark.parametrize("text", ["Müller and Núñez met in São Paulo and Zürich.\n", "naïve façade — déjà vu\n"])
def test_correct_accents_are_not_mojibake(text):
    assert repair(text).edits == []


def test_control_and_invisible_characters_are_removed():
    doc = repair("\ufeffTitle\nbad\x00 byte and\x1b escape, zero\u200bwidth\n")
    assert doc.text == "Title\nbad byte and escape, zerowidth\n"
    assert rules(doc) == {"unicode:control_char", "unicode:invisible"}


def test_tab_inside_a_line_is_content():
    assert repair("name\tvalue\n").edits == []


def test_nbsp_becomes_a_space():
    doc = repair("ten\u00a0kilometres and\u202fmore\n")
    assert doc.text == "ten kilometres and more\n"
    assert rules(doc) == {"unicode:nbsp"}


def test_trailing_spaces_removed_leading_indentation_kept():
    doc = repair("    indented code  \nline\t\nend \u00a0\n")
    assert doc.text == "    indented code\nline\nend\n"
    assert rules(doc) == {"whitespace:trailing"}


@pytest.mark.parametrize("text", ["a\r\nb\r\n", "a\rb\r"])
def test_crlf_and_cr_become_lf(text):
    doc = repair(text)
    assert doc.text == "a\nb\n"
    assert rules(doc) == {"whitespace:line_ending"}


def test_blank_line_runs_collapse_to_one():
    doc = repair("a\n\n\n\nb\n \t\nc\n\nd\n")
    assert doc.text == "a\n\nb\n\nc\n\nd\n"
    assert rules(doc) == {"whitespace:blank_lines"}


def test_blank_lines_kept_when_collapsing_is_off():
    doc = repair("a\n\n\nb  \n", collapse_blank_lines=False)
    assert doc.text == "a\n\n\nb\n"


def test_edges_and_final_newline():
    doc = repair("\n\n  \nTitle\nbody\n\n\n")
    assert doc.text == "Title\nbody\n"
    assert rules(doc) == {"whitespace:edges"}
    doc = repair("no newline at the end")
    assert doc.text == "no newline at the end\n"
    assert rules(doc) == {"whitespace:final_newline"}


def test_only_whitespace_becomes_empty():
    assert repair(" \n\t\n").text == ""


def test_mojibake_and_nbsp_on_one_line_keep_their_own_names():
    doc = repair("cafÃ© au\u00a0lait\u00a0 \n")
    assert doc.text == "café au lait\n"
    assert rules(doc) == {"unicode:mojibake", "unicode:nbsp", "whitespace:trailing"}


def test_mojibake_can_be_turned_off():
    assert repair("cafÃ©\n", fix_mojibake=False).text == "cafÃ©\n"


def test_mojibake_next_to_a_no_break_space():
    doc = repair("to rise by\u00a0Â£1,400 as part\n")
    assert doc.text == "to rise by £1,400 as part\n"
    assert rules(doc) == {"unicode:mojibake", "unicode:nbsp"}


# -- idempotence: a second run changes nothing ----------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.parametrize(
    "text, once",
    [
        ("aba\u2003\x01\r\n", "aba\n"),  # CR path: the odd space before the control char goes too
        ("aba \u200b\n", "aba\n"),  # fast path: the space before the invisible char goes too
        ("a\u200b\t\u200ba\r\t\x01", "a\ta\n"),  # a line of tab + junk is blank
        ("\x01\r\t a bb", "\t a bb\n"),  # a junk-only first line is an edge
        (" \x01\x01\x01", ""),  # only junk: nothing left
        ("\x01\x85\x01bÃ\xa0\ufeffÃ\x1c\xa0\x85\n", "bà Ã\n"),  # junk beside a repaired word
        ("Ã\u200b©t\u00e9 ok\n", "été ok\n"),  # mojibake hidden by an invisible char
        ("Ã©Ã\x85© x\n", "éé x\n"),  # NEL is removed, not a word break
    ],
)
def test_second_run_changes_nothing(text, once):
    first = repair(text).text
    assert first == once
    assert repair(first).text == first


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a b\t\u00a0\u2003\u200b\x01\x85\ufeff\r\nÃ©", max_size=16))
def test_repair_is_idempotent(text):
    first = repair(text).text
    assert repair(first).text == first
