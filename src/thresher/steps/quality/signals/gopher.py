"""Gopher signals (Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from
Training Gopher", Appendix A.1.1, quality filters and Table A1, repetition).

Definitions follow datatrove 0.10.1's filters of the same name, so that thresholds mean the same:
tokens are words *and* punctuation marks (thresher.text.tokens); "words" for the counts and the
mean length are tokens with at least one character that is not a symbol; ratios per word divide
by all tokens, except ``alpha_words_ratio`` (letters among words, as the paper defines it;
datatrove's share among all tokens is ``alpha_tokens_ratio``); lines are ``str.splitlines()``.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Iterable

import numpy as np

from thresher.kernels import kernel
from thresher.steps.quality.signals.ngrams import ngram_chars
from thresher.steps.quality.signals.prose import repeats_outside_labels
from thresher.steps.quality.token_scan import word_index
from thresher.steps.quality.view import TextView, WordSet

#: The paper's stop words: a document must contain at least two of them.
STOP_WORDS = ("the", "be", "to", "of", "and", "that", "have", "with")

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_LINE_BREAKS = re.compile(r"\n+")


def quality_signals(view: TextView, stop_words: Iterable[str] | WordSet = STOP_WORDS) -> dict[str, float | int]:
    """``stop_words``: the words, or a :class:`~thresher.steps.quality.view.WordSet` of them."""
    text = view.text
    table = view.table
    n_tokens = table.lens.size
    stop = stop_words if isinstance(stop_words, WordSet) else WordSet(stop_words)
    n_words, word_chars, n_letter, n_stop = _token_counts(table.lens, table.is_word, table.has_letter, table.hashes,
                                                          stop.hashes, stop.lens)
    mean_len = word_chars / n_words if n_words else 0.0
    # Ratios are divisions, not products with a reciprocal: 3 * (1 / 10) > 0.3 in floating
    # point, and a page exactly at a threshold must stay on the side the definition puts it.

    def per_token(x: int) -> float:
        return x / n_tokens if n_tokens else 0.0

    lines = view.lines

    def per_line(x: int) -> float:
        return x / len(lines) if lines else 0.0

    bullets = sum(map(str.startswith, map(str.lstrip, lines), repeat(("•", "-"))))
    ellipsis_lines = sum(map(str.endswith, map(str.rstrip, lines), repeat(("...", "…"))))
    return {
        "word_count": n_words,
        "mean_word_length": mean_len,
        "hash_to_word_ratio": per_token(text.count("#")),
        "ellipsis_to_word_ratio": per_token(text.count("...") + text.count("…")),
        "bullet_lines_ratio": per_line(bullets),
        "ellipsis_lines_ratio": per_line(ellipsis_lines),
        # The paper: "80% of words contain at least one alphabetic character". Words, not
        # punctuation marks: datatrove divides by every token, so a page of figures and quotes
        # fails for its commas (alpha_tokens_ratio, its definition, kept for parity).
        "alpha_words_ratio": n_letter / n_words if n_words else 0.0,
        "alpha_tokens_ratio": per_token(n_letter),
        # Case-sensitive, as in datatrove: "The" at the start of a sentence is not "the".
        "stop_words": n_stop,
    }


@kernel
def _token_counts(lens, is_word, has_letter, hashes, stop_hashes, stop_lens):
    """(words, characters of the words, tokens with a letter, distinct stop words present): one
    compiled pass instead of five numpy calls per page. A token is looked up among the stop
    words (sorted hashes) only when its length is one of theirs."""
    n_words = word_chars = n_letter = 0
    seen = np.zeros(stop_hashes.size, dtype=np.bool_)
    for t in range(lens.size):
        if is_word[t]:
            n_words += 1
            word_chars += lens[t]
        if has_letter[t]:
            n_letter += 1
        k = word_index(stop_hashes, stop_lens, hashes[t], lens[t])
        if k >= 0:
            seen[k] = True
    return n_words, word_chars, n_letter, int(seen.sum())


def _duplicates(items: list[str]) -> tuple[int, int]:
    """(number of items equal to an earlier one, their characters)."""
    distinct = set(items)
    return len(items) - len(distinct), sum(map(len, items)) - sum(map(len, distinct))


def repetition_signals(
    view: TextView, top_ns: Iterable[int] = (2, 3, 4), dup_ns: Iterable[int] = range(5, 11), prose_lines: bool = False
) -> dict[str, float]:
    """With ``prose_lines``, repeated lines that label distinct content (a section heading over
    each section, :func:`~thresher.steps.quality.signals.prose.label_repeats`) are not counted
    as duplicate lines."""
    text = view.text
    n_chars = len(text)

    def per_char(x: int) -> float:
        return x / n_chars if n_chars else 0.0

    # Paragraphs: blocks separated by blank lines (of the stripped text); lines: runs of \n.
    stripped = text.strip()
    # str.split where it gives the same pieces as the regular expressions (much faster)
    paragraphs = _PARAGRAPH_BREAK.split(stripped) if "\n\n\n" in stripped else stripped.split("\n\n")
    para_dups, para_dup_chars = _duplicates(paragraphs)
    lines = text.split("\n")
    if "\n\n" in text and len(lines) > 2:
        # the pieces between runs of newlines (as _LINE_BREAKS.split): empty pieces inside go
        lines = [lines[0], *filter(None, lines[1:-1]), lines[-1]]
    line_dups, line_dup_chars = _duplicates(lines)
    if prose_lines and line_dups:
        line_dups, line_dup_chars = repeats_outside_labels(lines)
    out: dict[str, float] = {
        "chars": n_chars,
        "dup_para_frac": para_dups / len(paragraphs),
        "dup_para_char_frac": per_char(para_dup_chars),
        "dup_line_frac": line_dups / len(lines),
        "dup_line_char_frac": per_char(line_dup_chars),
    }
    top_ns, dup_ns = tuple(top_ns), tuple(dup_ns)
    # one compiled pass over the n-gram sizes, with the early stop of duplicate counts
    top_chars, dup_chars = ngram_chars(view.token_hashes, view.token_lens, top_ns, dup_ns)
    for n, chars in zip(top_ns, top_chars):
        out[f"top_{n}_gram_char_frac"] = per_char(chars)
    for n, chars in sorted(zip(dup_ns, dup_chars)):
        out[f"dup_{n}_gram_char_frac"] = per_char(chars)
    return out
