"""Scripts written without spaces between words: the one table every step reads.

Chinese, Japanese, Thai, Lao, Khmer, Myanmar and Tibetan put no space between words, so a step
that counts words by spaces sees a whole sentence as one "word". Steps that need to know this
(``repeats``' size of a run, ``unwrap``'s joins, dedup's character shingles, the tokenizer's
one-token-per-character rule) read these ranges and languages, not their own copies.

Two groups, because they behave differently:

* :data:`CJK_RANGES`: Han, Hiragana and Katakana. Every character is a unit of its own (the
  tokenizer makes each one a token), and a line may break between any two of them, so a hard
  wrap is rejoined with *no* space. Their punctuation (:data:`CJK_PUNCTUATION_RANGES`: ``。、「」``,
  fullwidth forms) is joined the same way.
* the other :data:`SPACELESS_RANGES` (Thai, Lao, Khmer, Myanmar, Tibetan): words run together,
  but writers put a space between phrases and sentences; a wrapper breaks at those spaces, so a
  hard wrap there is rejoined with a space.
"""

from __future__ import annotations

#: Han, Hiragana and Katakana (code point ranges, inclusive).
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later (planes 2 and 3)
)

#: CJK punctuation and fullwidth forms: written between CJK characters without spaces.
CJK_PUNCTUATION_RANGES: tuple[tuple[int, int], ...] = (
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 「 」 『 』 〈 〉
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms: ， ！ ？ （ ） ：
)

#: Every script written without spaces between words (CJK included).
SPACELESS_RANGES: tuple[tuple[int, int], ...] = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    *CJK_RANGES,
)

#: Language codes (as the ``lang`` step writes them, and their ISO 639-3 forms) of languages
#: written without spaces between words.
SPACELESS_LANGUAGES: frozenset[str] = frozenset(
    {"zh", "ja", "th", "lo", "km", "my", "bo", "yue", "wuu",
     "zho", "jpn", "tha", "lao", "khm", "mya", "bod", "cmn"}
)


def _in(ranges: tuple[tuple[int, int], ...], ch: str) -> bool:
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in ranges)


def is_cjk(ch: str) -> bool:
    """A Han, Hiragana or Katakana character, or CJK punctuation / a fullwidth form."""
    return ch >= "\u3000" and (_in(CJK_RANGES, ch) or _in(CJK_PUNCTUATION_RANGES, ch))


def is_spaceless(ch: str) -> bool:
    """A letter of a script written without spaces between words."""
    return ch >= "\u0e00" and _in(SPACELESS_RANGES, ch)


def spaceless_count(s: str) -> int:
    """How many characters of ``s`` belong to scripts written without spaces."""
    if s.isascii():
        return 0
    return sum(1 for ch in s if ch >= "\u0e00" and _in(SPACELESS_RANGES, ch))
