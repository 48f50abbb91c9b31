"""Which writing system a text is in, from the Unicode Script property of its letters.

One pass of one compiled pattern: each alternative matches a run of letters of one script and is
named by its ISO 15924 code, so ``match.lastgroup`` says which script a run is in. Only letters
count (digits, punctuation and symbols belong to the Common script and tell nothing).

Japanese mixes Han with kana: a text whose Han + kana letters make up the largest group and whose
kana are at least :data:`KANA_SHARE_FOR_JAPANESE` of them is reported as ``Jpan`` (ISO 15924's
code for that mix); a Chinese text that quotes a katakana name stays ``Hani``.
"""

from __future__ import annotations

from collections import Counter

import regex

from thresher.disk_cache import compiled_pattern

#: ISO 15924 code -> Unicode Script property value. Order is irrelevant: scripts do not overlap.
SCRIPTS: dict[str, str] = {
    "Latn": "Latin",
    "Cyrl": "Cyrillic",
    "Grek": "Greek",
    "Arab": "Arabic",
    "Hebr": "Hebrew",
    "Hani": "Han",
    "Hira": "Hiragana",
    "Kana": "Katakana",
    "Hang": "Hangul",
    "Thai": "Thai",
    "Deva": "Devanagari",
    "Beng": "Bengali",
    "Guru": "Gurmukhi",
    "Gujr": "Gujarati",
    "Orya": "Oriya",
    "Taml": "Tamil",
    "Telu": "Telugu",
    "Knda": "Kannada",
    "Mlym": "Malayalam",
    "Sinh": "Sinhala",
    "Armn": "Armenian",
    "Geor": "Georgian",
    "Ethi": "Ethiopic",
    "Khmr": "Khmer",
    "Laoo": "Lao",
    "Mymr": "Myanmar",
    "Tibt": "Tibetan",
    "Thaa": "Thaana",
    "Syrc": "Syriac",
    "Mong": "Mongolian",
}

#: No letters at all (ISO 15924 "Common": digits, punctuation, symbols).
NO_LETTERS = "Zyyy"
#: Letters of a script not in :data:`SCRIPTS`.
OTHER = "Zzzz"

KANA_SHARE_FOR_JAPANESE = 0.05

#: Scripts that only a few languages (of those lid.176 knows) are written in. When a text is
#: mostly in one of these, a language written otherwise is a model error (the model reads
#: unspaced Chinese as one "word" and can mistake it for Japanese): the step picks the likeliest
#: of these languages instead. Scripts shared by many languages (Latn, Cyrl, Arab, Deva ...) are
#: left to the model.
SCRIPT_LANGUAGES: dict[str, frozenset[str]] = {
    "Jpan": frozenset({"ja"}),
    "Hani": frozenset({"zh", "yue", "wuu"}),
    "Hang": frozenset({"ko"}),
    "Thai": frozenset({"th"}),
    "Grek": frozenset({"el"}),
    "Hebr": frozenset({"he", "yi"}),
    "Armn": frozenset({"hy"}),
    "Geor": frozenset({"ka", "xmf"}),
    "Khmr": frozenset({"km"}),
    "Laoo": frozenset({"lo"}),
    "Mymr": frozenset({"my"}),
    "Sinh": frozenset({"si"}),
    "Taml": frozenset({"ta"}),
    "Telu": frozenset({"te"}),
    "Knda": frozenset({"kn"}),
    "Mlym": frozenset({"ml"}),
    "Gujr": frozenset({"gu"}),
    "Guru": frozenset({"pa"}),
    "Orya": frozenset({"or"}),
    "Tibt": frozenset({"bo"}),
    "Thaa": frozenset({"dv"}),
}

# \p{L} and \p{M}: combining marks are part of the letters of Indic and Arabic scripts.
# The lookahead lets the engine skip a non-letter after one test instead of one per script.
# Compiled once per machine (thresher.disk_cache): a long pattern.
_RUNS = compiled_pattern(
    "(?=[\\p{L}\\p{M}])(?:"
    + "|".join(f"(?P<{code}>[\\p{{Script={name}}}&&[\\p{{L}}\\p{{M}}]]+)" for code, name in SCRIPTS.items())
    # Marks of the Inherited script (U+0301 ...) take their base letter's script: not counted.
    + f"|(?P<{OTHER}>\\p{{L}}+))",
    regex.V1,
)
# Fast paths: most web text is mostly Latin, and most characters are no letters at all. Taking
# both out with one substitution each is several times faster than walking them run by run.
_LATIN = regex.compile(r"[\p{Script=Latin}&&[\p{L}\p{M}]]+", regex.V1)
_NON_LETTERS = regex.compile(r"[^\p{L}\p{M}]+", regex.V1)


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII = bytes(range(128))


def script_counts(text: str) -> Counter:
    """Letters per ISO 15924 script code."""
    counts: Counter = Counter()
    # ASCII first, on bytes (a C table lookup per byte): ASCII bytes never occur inside a UTF-8
    # multi-byte sequence, so deleting them leaves exactly the non-ASCII characters.
    raw = text.encode("utf-8", "surrogatepass")
    ascii_letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if ascii_letters:
        counts["Latn"] = ascii_letters
    rest = raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    if not rest:
        return counts
    text = rest
    rest = _LATIN.sub("", text)
    if len(rest) < len(text):
        counts["Latn"] += len(text) - len(rest)
    for m in _RUNS.finditer(_NON_LETTERS.sub("", rest)):
        counts[m.lastgroup] += m.end() - m.start()
    return counts


def dominant_script(counts: Counter) -> str:
    """The script most letters are in, with Han + kana merged into ``Jpan`` for Japanese."""
    if not counts:
        return NO_LETTERS
    counts = Counter(counts)
    kana = counts.pop("Hira", 0) + counts.pop("Kana", 0)
    han = counts.get("Hani", 0)
    if kana and kana >= KANA_SHARE_FOR_JAPANESE * (kana + han):
        counts.pop("Hani", None)
        counts["Jpan"] = kana + han
    elif kana:
        counts["Hani"] = han + kana
    # Ties go to the alphabetically first code, so the answer never depends on dict order.
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def detect_script(text: str) -> str:
    return dominant_script(script_counts(text))
