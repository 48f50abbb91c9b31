"""Where to look: cheap scans that find the few stretches of a text a PII regex can match in.

Running five candidate regexes over every character of every page costs more than finding the
places worth a look: runs of digits and separators (phone, card and IPv4 candidates all live in
one), the surroundings of each "@" (e-mail), and, for IPv6, pages with "::" or hex:hex:hex.
Each function yields ``(pos, endpos)`` ranges for ``pattern.finditer(text, pos, endpos)``:
lookbehinds still see the text before ``pos``, and ``endpos`` leaves room for the lookaheads.
"""

from __future__ import annotations

import re
from typing import Iterator

# Digits with separators, at least 7 characters: the shortest IPv4 ("1.1.1.1") and phone number.
_NUMERIC = re.compile(r"\d[\d .()/+-]{6,}+")
_HEX_COLONS = re.compile(r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")

#: Room past a window's end for lookaheads such as ``(?![\w-]|\.\d)``.
LOOKAHEAD = 2
#: An e-mail's local part is at most 64 characters, its domain at most 253.
LOCAL_MAX, DOMAIN_MAX = 64, 253


def numeric(text: str) -> Iterator[tuple[int, int]]:
    n = len(text)
    for m in _NUMERIC.finditer(text):
        # One character back for a leading "+" or "(" the scan starts after.
        yield max(0, m.start() - 1), min(n, m.end() + LOOKAHEAD)


def around_at(text: str) -> Iterator[tuple[int, int]]:
    """Merged ranges around each "@"."""
    n = len(text)
    i = text.find("@")
    lo = hi = -1
    while i != -1:
        s, e = max(0, i - LOCAL_MAX - 1), min(n, i + DOMAIN_MAX + LOOKAHEAD)
        if s <= hi:
            hi = e
        else:
            if hi >= 0:
                yield lo, hi
            lo, hi = s, e
        i = text.find("@", i + 1)
    if hi >= 0:
        yield lo, hi


def ipv6_text(text: str) -> Iterator[tuple[int, int]]:
    if "::" in text or _HEX_COLONS.search(text):
        yield 0, len(text)
