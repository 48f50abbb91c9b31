"""Gopher rule sets: ``gopher_quality`` and ``gopher_repetition``.

Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from Training Gopher"
(arXiv:2112.11446), Appendix A.1.1: MassiveWeb's quality filters, and Table A1: its repetition
thresholds. Defaults are the paper's values. Signal definitions: thresher.steps.quality.signals.gopher.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from thresher.document import Document
from thresher.steps.base import ShardContext
from thresher.steps.quality.base import QualityFilter, Rule
from thresher.steps.quality.languages import languages_of
from thresher.steps.quality.signals.gopher import STOP_WORDS, quality_signals, repetition_signals
from thresher.steps.quality.view import TextView, WordSet


@dataclasses.dataclass
class GopherQuality(QualityFilter):
    """Gopher's quality filters (Rae et al. 2021, Appendix A.1.1). A page is dropped if it has
    fewer than 50 or more than 100,000 words; a mean word length outside 3..10 characters; more
    than 0.1 ``#`` or ellipses per word; more than 90% of lines starting with a bullet (``•`` or
    ``-``) or more than 30% ending with an ellipsis; fewer than 80% of words containing a letter;
    fewer than 2 of the stop words "the be to of and that have with".

    The stop words are English, so these thresholds hold for English; the other languages judged
    by default have stop words and word lengths of their own (thresher.steps.quality.languages).
    Like datatrove, the stop words are matched case-sensitively and "words" for the ``#`` and
    ellipsis ratios include punctuation tokens (see thresher.text.tokens for why).

    One deliberate difference: the alphabetic-word share is counted over words, as the paper
    says, not over all tokens as datatrove 0.10.1 does (its word count and mean length leave the
    punctuation out, its alphabetic share does not). Counted over tokens, an article's commas,
    quotes and full stops push ordinary news copy with figures under 0.8: 5% of the BBC articles
    in shared/data. ``min_alpha_tokens_ratio = 0.8`` with ``min_alpha_words_ratio = false`` gives
    datatrove's rule (reason ``gopher_quality:alpha_tokens``).
    """

    name = "gopher_quality"
    RULES = (
        Rule("min_words", "word_count", "<", "min_doc_words"),
        Rule("max_words", "word_count", ">", "max_doc_words"),
        Rule("min_mean_word_length", "mean_word_length", "<", "min_avg_word_length"),
        Rule("max_mean_word_length", "mean_word_length", ">", "max_avg_word_length"),
        Rule("hash_ratio", "hash_to_word_ratio", ">", "max_symbol_word_ratio"),
        Rule("ellipsis_ratio", "ellipsis_to_word_ratio", ">", "max_symbol_word_ratio"),
        Rule("bullet_lines", "bullet_lines_ratio", ">", "max_bullet_lines_ratio"),
        Rule("ellipsis_lines", "ellipsis_lines_ratio", ">", "max_ellipsis_lines_ratio"),
        Rule("alpha_words", "alpha_words_ratio", "<", "min_alpha_words_ratio"),
        Rule("alpha_tokens", "alpha_tokens_ratio", "<", "min_alpha_tokens_ratio"),
        Rule("stop_words", "stop_words", "<", "min_stop_words"),
    )

    min_doc_words: int | None = 50
    max_doc_words: int | None = 100_000
    min_avg_word_length: float | None = 3
    max_avg_word_length: float | None = 10
    max_symbol_word_ratio: float | None = 0.1
    max_bullet_lines_ratio: float | None = 0.9
    max_ellipsis_lines_ratio: float | None = 0.3
    min_alpha_words_ratio: float | None = 0.8
    #: datatrove's variant of the rule (share among all tokens); off by default
    min_alpha_tokens_ratio: float | None = None
    min_stop_words: int | None = 2
    stop_words: list[str] = dataclasses.field(default_factory=lambda: list(STOP_WORDS))
    #: "tokens": a stop word counts when a token equals it; "text": when the text holds it (for
    #: scripts whose tokens are not words, Thai's; see thresher.steps.quality.languages)
    stop_words_in: str = "tokens"
    languages: list[str] = dataclasses.field(default_factory=lambda: ["en", *languages_of("gopher_quality")])

    def _compile(self) -> None:
        if self.stop_words_in not in ("tokens", "text"):
            raise ValueError(f"stop_words_in must be 'tokens' or 'text', not {self.stop_words_in!r}")
        super()._compile()
        self._stop_words = WordSet(self.stop_words)  # the words as the token table hashes them

    def signals(self, view: TextView) -> dict[str, Any]:
        out = quality_signals(view, self._stop_words)
        if self.stop_words_in == "text":
            text = view.text
            out["stop_words"] = sum(1 for w in set(self.stop_words) if w in text)
        return out


def _pairs(value: Any) -> list[list[float]]:
    return [[int(n), float(t)] for n, t in value]


@dataclasses.dataclass
class GopherRepetition(QualityFilter):
    """Gopher's repetition filters (Rae et al. 2021, Table A1). A page is dropped if more than 30%
    of its paragraphs (or lines) repeat an earlier one, or those repeats hold more than 20% of
    its characters; if its most frequent 2-, 3- or 4-gram covers more than 20%, 18%, 16% of the
    characters; or if repeated 5- to 10-grams cover more than 15%, 14%, 13%, 12%, 11%, 10%.

    Paragraphs are separated by blank lines; lines by newlines. The n-gram thresholds are in
    characters, so they hold for any language that the tokenizer splits sensibly; the default
    ``languages = ["*"]`` judges every page.

    ``top_n_grams`` and ``dup_n_grams`` are lists of ``[n, max_fraction]``.

    Pages in ``unspaced_languages`` (written without spaces between words: Japanese, Chinese,
    Thai, Lao, Khmer, Burmese, Tibetan) are judged by the paragraph and line rules only: their
    "tokens" are runs of characters between punctuation marks, whose n-grams say nothing about
    repetition (a Japanese article's particles and brackets repeat as 5-grams of tokens). Their
    signals have no n-gram keys.

    Prose, not layout (``prose_lines = true``, the default; ``false`` gives the paper's count, as
    datatrove applies it): a repeated line that labels distinct content (a short line found at
    least three times, in a run of at most three repeated lines, with a line found once above it
    and a once-found line of sentences below it: the same section headings over each part of a
    structured article) is not a duplicate line
    (``dup_line_frac``, ``dup_line_char_frac``). See ``thresher.steps.quality.signals.prose``.
    """

    name = "gopher_repetition"
    languages: list[str] = dataclasses.field(default_factory=lambda: ["*"])
    min_chars: int | None = 1
    dup_para_frac: float | None = 0.3
    dup_para_char_frac: float | None = 0.2
    dup_line_frac: float | None = 0.3
    dup_line_char_frac: float | None = 0.2
    top_n_grams: list[list[float]] = dataclasses.field(default_factory=lambda: [[2, 0.2], [3, 0.18], [4, 0.16]])
    dup_n_grams: list[list[float]] = dataclasses.field(
        default_factory=lambda: [[5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.10]]
    )
    unspaced_languages: list[str] = dataclasses.field(default_factory=lambda: ["ja", "zh", "yue", "wuu", "th", "lo", "km", "my", "bo"])
    #: repeated label lines are not duplicates (see the class docstring); false: the paper's count
    prose_lines: bool = True

    def __post_init__(self) -> None:
        # the same rules without n-grams, for pages in unspaced_languages
        self._unspaced = frozenset(self.unspaced_languages)
        self._lines_only = (dataclasses.replace(self, top_n_grams=[], dup_n_grams=[], unspaced_languages=[])
                            if self._unspaced else None)
        super().__post_init__()

    def _compile(self) -> None:
        self.top_n_grams = _pairs(self.top_n_grams)
        self.dup_n_grams = _pairs(self.dup_n_grams)
        rules = [
            Rule("empty", "chars", "<", "min_chars"),
            Rule("dup_para_frac", "dup_para_frac", ">", "dup_para_frac"),
            Rule("dup_para_char_frac", "dup_para_char_frac", ">", "dup_para_char_frac"),
            Rule("dup_line_frac", "dup_line_frac", ">", "dup_line_frac"),
            Rule("dup_line_char_frac", "dup_line_char_frac", ">", "dup_line_char_frac"),
        ]
        # n-gram thresholds live in lists; rules reach each through an attribute named like the
        # list entry ("top_n_grams[2]"), which is also how the drop detail shows it
        for field, prefix, pairs in (("top_n_grams", "top", self.top_n_grams), ("dup_n_grams", "dup", self.dup_n_grams)):
            for n, frac in pairs:
                attr = f"{field}[{n}]"
                setattr(self, attr, frac)
                rules.append(Rule(f"{prefix}_{n}_gram", f"{prefix}_{n}_gram_char_frac", ">", attr))
        self.RULES = tuple(rules)
        self._ns = (tuple(n for n, _ in self.top_n_grams), tuple(n for n, _ in self.dup_n_grams))
        super()._compile()

    def signals(self, view: TextView) -> dict[str, Any]:
        return repetition_signals(view, *self._ns, prose_lines=self.prose_lines)

    def process(self, doc: Document, ctx: ShardContext) -> None:
        if self._lines_only is not None and doc.metadata.get("language") in self._unspaced:
            self._lines_only.process(doc, ctx)
        else:
            super().process(doc, ctx)
