"""What personal data looks like: one named entry per kind, as data.

Each :class:`PiiPattern` is a *candidate* regex (broad, linear-time: every repetition is possessive
or bounded, and each starts with a lookbehind that refuses to start inside a word or number) and a
validator (:mod:`thresher.steps.pii.validate`) that decides, with the surrounding text in view,
whether a candidate really is that kind. Keeping the two apart is what keeps false positives low
without a regex nobody can read. A regex only searches the windows its entry names (see
:mod:`thresher.steps.pii.windows`), which is what keeps plain prose fast.

Placeholders: ``<EMAIL>``, ``<PHONE>``, ``<IP_ADDRESS>`` (IPv4 and IPv6 alike: the rule name,
``pii:ipv4`` or ``pii:ipv6``, says which) and ``<CARD>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from thresher.steps.pii import validate, windows


@dataclass(frozen=True)
class PiiPattern:
    kind: str  # option value in `kinds`
    rule: str  # the Edit's rule name
    placeholder: str
    candidate: re.Pattern
    #: (candidate text, whole text, start, end) -> the span to redact, or None to leave it.
    validate: Callable[[str, str, int, int], tuple[int, int] | None]
    #: (text, per-text cache) -> the ranges where the candidate regex can match
    #: (see :mod:`thresher.steps.pii.windows`).
    windows: Callable[[str, dict], list[tuple[int, int]]]


# Not glued to a word, a number, a currency sign or a path: "v1.2.3.4", "$1 234 567", "#123456789".
_LEFT = r"(?<![\w+$€£¥.,/:#@-])"

# Local part, "@", then the domain's characters; the validator trims a sentence's final dot
# and checks labels and top-level domain (a possessive regex cannot give that dot back).
EMAIL = re.compile(
    r"(?<![\w.%+-])"
    r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+"
    r"@"
    r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}+"
    r"(?![\w@])"
)

# 13 to 23 digits with single spaces or hyphens between them (longer than a card's 19, so a card
# number running on into an expiry date is seen whole; the validator finds the card inside).
# Possessive: no backtracking.
CARD = re.compile(_LEFT + r"\d(?:[ -]?+\d){12,22}+(?!\w)")

# Octets 0-255 without leading zeros; not followed by a fifth part (OIDs, versions like 1.2.3.4.5).
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4 = re.compile(r"(?<![\w.:-])" + rf"{_OCTET}(?:\.{_OCTET}){{3}}" + r"(?![\w-]|\.\d)")

# Hex groups and colons, optionally ending in an embedded IPv4; ipaddress validates it.
IPV6 = re.compile(
    r"(?<![\w:.])"
    r"(?:[0-9A-Fa-f]{0,4}:){2,7}+"
    r"(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?"
    r"(?![\w:]|\.\d)"
)

# Digits with the separators phone numbers are written with: spaces, hyphens, dots, slashes
# between groups, an optional leading "+" and parentheses around an area code. Possessive.
PHONE = re.compile(
    _LEFT + r"(?:\+|\(\+?)?+\d++(?:(?:[ .\-]?\(|\)[ .\-]?|[ .\-/])?+\d++\)?+){0,8}+"
)


PATTERNS: tuple[PiiPattern, ...] = (
    # Order is priority: where two kinds claim overlapping text, the earlier one wins.
    PiiPattern("email", "pii:email", "<EMAIL>", EMAIL, validate.email, windows.around_at),
    PiiPattern("card", "pii:card", "<CARD>", CARD, validate.card, windows.numeric_long),
    PiiPattern("ipv6", "pii:ipv6", "<IP_ADDRESS>", IPV6, validate.ipv6, windows.around_colons),
    PiiPattern("ipv4", "pii:ipv4", "<IP_ADDRESS>", IPV4, validate.ipv4, windows.numeric_dotted),
    PiiPattern("phone", "pii:phone", "<PHONE>", PHONE, validate.phone, windows.numeric),
)

KINDS: tuple[str, ...] = tuple(p.kind for p in PATTERNS)
