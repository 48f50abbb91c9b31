"""Where to look: cheap scans that find the few stretches of a text a PII regex can match in.

Running five candidate regexes over every character of every page costs more than finding the
places worth a look: runs of digits and separators (phone, card and IPv4 candidates all live in
one), the characters around each "@" (e-mail) and around each colon with hex digits on both
sides (IPv6). Each function takes the text and a per-text ``cache`` (so the numeric scan is done
once for three kinds) and returns ``(pos, endpos)`` ranges for ``pattern.finditer(text, pos,
endpos)``: lookbehinds still see the text before ``pos``, and ``endpos`` leaves room for the
lookaheads.
"""

from __future__ import annotations

import re

# Digits with separators, at least 7 characters: the shortest IPv4 ("1.1.1.1") and phone number.
_NUMERIC = re.compile(r"\d[\d .()/+-]{6,}+")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_DOMAIN_RUN = re.compile(r"[A-Za-z0-9.-]{1,253}")
_ADDRESS_CHARS = frozenset("0123456789abcdefABCDEF:.")
_RUN_BEFORE = re.compile(r"[0-9A-Fa-f:.]*\Z")
_RUN_AFTER = re.compile(r"[0-9A-Fa-f:.]{0,53}")

#: Room past a window's end for lookaheads such as ``(?![\w-]|\.\d)``.
LOOKAHEAD = 2
#: An e-mail's local part is at most 64 characters; an IPv6 address at most 45.
LOCAL_MAX, IPV6_MAX = 64, 45

#: More than one "@" (or ":") per this many characters: search the whole text in one pass.
CROWDED = 16

Ranges = list[tuple[int, int]]


def _numeric(text: str, cache: dict) -> Ranges:
    ranges = cache.get("numeric")
    if ranges is None:
        n = len(text)
        # One character back for a leading "+" or "(" the scan starts after.
        ranges = cache["numeric"] = [(max(0, m.start() - 1), min(n, m.end() + LOOKAHEAD)) for m in _NUMERIC.finditer(text)]
    return ranges


def numeric(text: str, cache: dict) -> Ranges:
    return _numeric(text, cache)


def numeric_long(text: str, cache: dict) -> Ranges:
    """Numeric runs long enough for a card number (13 digits at least)."""
    return [(s, e) for s, e in _numeric(text, cache) if e - s >= 13]


def numeric_dotted(text: str, cache: dict) -> Ranges:
    """Numeric runs with the three dots of an IPv4 address."""
    return [(s, e) for s, e in _numeric(text, cache) if text.count(".", s, e) >= 3]


def around_at(text: str, cache: dict) -> Ranges:
    """From the start of the local part before each "@" to the end of the domain after it."""
    n = len(text)
    if text.count("@") * CROWDED > n:  # junk full of "@": one regex pass beats a window per "@"
        return [(0, n)]
    out: Ranges = []
    i = text.find("@")
    while i != -1:
        s = i
        while s > 0 and i - s <= LOCAL_MAX and text[s - 1] in _LOCAL_CHARS:
            s -= 1
        m = _DOMAIN_RUN.match(text, i + 1)
        if s < i and m and i - s <= LOCAL_MAX:
            e = min(n, m.end() + LOOKAHEAD)
            if out and s <= out[-1][1]:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        i = text.find("@", i + 1)
    return out


def around_colons(text: str, cache: dict) -> Ranges:
    """Runs of hex digits, colons and dots that hold at least two colons."""
    n = len(text)
    if text.count(":") * CROWDED > n:
        return [(0, n)]
    out: Ranges = []
    i = text.find(":")
    while i != -1:
        if (i + 1 >= n or text[i + 1] not in _ADDRESS_CHARS) and (i == 0 or text[i - 1] != ":"):
            # "Title: ...": nothing after the colon, and it does not end a "::".
            i = text.find(":", i + 1)
            continue
        # endpos makes "\Z" match at the colon: the longest run of address characters before it.
        s = _RUN_BEFORE.search(text, max(0, i - IPV6_MAX), i).start()
        e = _RUN_AFTER.match(text, i + 1).end()
        if text.count(":", s, e) >= 2:
            out.append((s, min(n, e + LOOKAHEAD)))
        i = text.find(":", e)
    return out
