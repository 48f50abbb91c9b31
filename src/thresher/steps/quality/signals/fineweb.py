"""FineWeb signals (Penedo et al. 2024, "The FineWeb Datasets: Decanting the Web for the Finest
Text Data at Scale", Section 3.3, custom filters), as datatrove 0.10.1's FineWebQualityFilter
computes them. Lines are ``text.split("\\n")`` without the blank ones (not stripped: a line that
ends in a space does not end in punctuation).
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter, le

from thresher.steps.quality.signals.prose import is_table_row, mostly_sentences, repeats_outside_labels
from thresher.steps.quality.view import TextView
from thresher.text.chars import TERMINAL_PUNCTUATION

_last = itemgetter(-1)


def fineweb_signals(view: TextView, short_line_length: int = 30, stop_chars: frozenset[str] | None = None,
                    prose_lines: bool = False) -> dict[str, float | int]:
    """With ``prose_lines`` (:mod:`thresher.steps.quality.signals.prose`), table rows are not
    lines of the page's prose (left out of every line count), and a line ends in punctuation when
    it ends a sentence after closing quotes and brackets, or when complete sentences hold at
    least half of it; repeated lines that label distinct content (``label_repeats``) are not
    duplicates."""
    text = view.text
    lines = list(filter(str.strip, text.split("\n")))
    if prose_lines and "|" in text:
        lines = [ln for ln in lines if not is_table_row(ln)]
    if not lines:
        empty = {"lines": 0, "line_punct_ratio": 0.0, "short_line_ratio": 0.0, "char_dup_ratio": 0.0, "list_ratio": 0.0}
        return {**empty, "prose_char_frac": 0.0} if prose_lines else empty
    n = len(lines)
    stops = TERMINAL_PUNCTUATION if stop_chars is None else stop_chars
    ends_punct = sum(map(stops.__contains__, map(_last, lines)))
    prose_chars = None
    if prose_lines:
        prose = [stops.__contains__(ln[-1]) or mostly_sentences(ln, stops) for ln in lines]
        ends_punct = sum(prose)
        total = sum(map(len, lines))
        prose_chars = sum(len(ln) for ln, p in zip(lines, prose) if p) / total if total else 0.0
    short = sum(map(le, map(len, lines), repeat(short_line_length)))
    distinct = set(lines)
    if prose_lines and len(distinct) < n:
        dup_chars = repeats_outside_labels(lines)[1]
    else:
        dup_chars = sum(map(len, lines)) - sum(map(len, distinct))
    newlines = text.count("\n")
    non_newline_chars = len(text) - newlines
    out = {
        "lines": n,
        "line_punct_ratio": ends_punct / n,
        "short_line_ratio": short / n,
        "char_dup_ratio": dup_chars / non_newline_chars,
        # newlines per token; a text of symbols only still has one token per mark
        "list_ratio": newlines / max(1, view.n_tokens),
    }
    if prose_chars is not None:
        out["prose_char_frac"] = prose_chars
    return out
