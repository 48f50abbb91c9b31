"""The repair steps' speed shortcuts give what their plain definitions give: the byte-table test
for junk characters (unicode), the already-normal line (repeats), the first-character gate on
the code-start regex (unwrap)."""

from hypothesis import given, settings, strategies as st

from thresher.steps.repair import repeats, unicode, unwrap

# Characters around every edge the shortcuts draw: ASCII, controls, Latin-1 (NBSP, soft hyphen,
# C1 controls), wide characters, odd spaces and line breaks of every kind.
_CHARS = "aZ #/$icdf\t\n\r\x00\x0b\x0c\x1c\x1f\x7f\x85\x9f\xa0\xad\xe9£€’\u2003\u200b\u2028\u3000\ufeff中𝐀"
_TEXT = (
    st.lists(st.sampled_from(list(_CHARS) + ["  ", "Ab", "İ"]), max_size=12).map("".join)
    | st.text(alphabet=_CHARS, max_size=30)
    | st.text(max_size=30)
)


@settings(max_examples=2000, deadline=None)
@given(_TEXT, st.integers(0, 30), st.integers(0, 30))
def test_junk_test_agrees_with_the_regex(text, lo, hi):
    assert unicode._has_junk(text, lo, hi) == (unicode._CHARS_RE.search(text, lo, hi) is not None)


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
def test_normalised_line_is_its_words_lowercased(line):
    assert repeats._normalise(line) == " ".join(line.lower().split())


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["#include", "#define", "import ", "from x import ", "def ", "class A:", "//", "/*",
                                 "$ ", " ", "\t", "\u3000", "x", "I", "d", "|", "<b>", "--v", "{", ");"]), max_size=5).map("".join))
def test_code_gate_agrees_with_the_regex(line):
    plain = (
        line.endswith(unwrap._CODE_ENDS) or "\t" in line or line.count("|") >= 2
        or ("<" in line and unwrap._TAG.search(line) is not None)
        or unwrap._CODE_START.match(line) is not None
        or (("-" in line or "://" in line) and unwrap._COMMAND.search(line) is not None)
    )
    assert unwrap._looks_like_code(line) == plain
