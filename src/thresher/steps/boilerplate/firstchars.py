"""Which characters a regular expression's match can start with.

The rule matcher sends each line only to the rules that can start with the line's first
character: with a hundred rules in one alternation, trying every branch on every line of prose
would cost more than all the rest of the step. The answer is a superset (lookarounds are
ignored, a large or negated class means "any"), so a rule is never skipped on a line it matches.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple
from re import _constants as C  # the parser's own vocabulary (Python >= 3.11)
from re import _parser

_ANY = None  # "any character", as a first-character set
# Every digit stands for all digits and every space for all spaces: see key().
_CATEGORY = {C.CATEGORY_DIGIT: "0", C.CATEGORY_SPACE: " "}
_MAX_RANGE = 128  # a character range wider than this counts as any character


class Facts(NamedTuple):
    """What one parse of a pattern tells: :func:`first_chars`, and how many capturing groups it
    has (None when it cannot be parsed: compiling it will say why)."""

    first: frozenset[str] | None
    groups: int | None


@lru_cache(maxsize=4096)
def facts(pattern: str, flags: int = 0) -> Facts:
    """The :class:`Facts` of ``pattern``, from one parse. Remembered: three steps build the same
    rule matcher (boilerplate, unwrap, attribution), and parsing its patterns was a tenth of a
    second of each one's start-up."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:
        return Facts(_ANY, None)
    groups = parsed.state.groups - 1  # the parser counts the whole match as group 0
    try:
        chars, nullable = _seq(parsed)
    except Exception:  # a construct the walk does not know: no shortcut, never a wrong one
        return Facts(_ANY, groups)
    if chars is _ANY or nullable:
        return Facts(_ANY, groups)
    return Facts(frozenset(key(c.lower()) for c in chars) | frozenset(key(c.upper().lower()) for c in chars), groups)


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lowercase characters a match of ``pattern`` can start with; None if any (or unknown)."""
    return facts(pattern, flags).first


def key(s: str) -> str:
    """The first character of lowercased ``s`` as :func:`first_chars` names it ("0" for any
    digit, " " for any space)."""
    c = s[:1]
    if c.isdigit():
        return "0"
    if c.isspace():
        return " "
    return c


def _seq(items) -> tuple[set[str] | None, bool]:
    """First characters of a sequence, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _item(op, av)
        if chars is _ANY:
            return _ANY, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item(op, av) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars: set[str] = set()
        for kind, x in av:
            if kind is C.LITERAL:
                chars.add(chr(x))
            elif kind is C.RANGE and x[1] - x[0] < _MAX_RANGE:
                chars.update(chr(c) for c in range(x[0], x[1] + 1))
            elif kind is C.CATEGORY and x in _CATEGORY:
                chars.add(_CATEGORY[x])
            else:  # a negation, a category (\w, \s), a wide range
                return _ANY, False
        return chars, False
    if op is C.SUBPATTERN:
        return _seq(av[3])
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    if op is C.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, n = _seq(branch)
            if chars is _ANY:
                return _ANY, False
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        chars, nullable = _seq(av[2])
        return chars, nullable or av[0] == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width: what follows decides
        return set(), True
    return _ANY, False  # ANY, NOT_LITERAL, GROUPREF, ...
