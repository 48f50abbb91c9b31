"""The FineWeb rule set (Penedo et al. 2024, "The FineWeb Datasets: Decanting the Web for the
Finest Text Data at Scale", NeurIPS Datasets and Benchmarks, Section 3.3 "custom filters").

A page is dropped if at most 12% of its non-blank lines end in terminal punctuation; if more
than 67% of them are 30 characters or shorter; if its repeated lines hold more than 1% of its
characters (newlines not counted); or if it has more than 0.3 newlines per word (a list).

Defaults are those of the filter that produced the FineWeb release, datatrove's
FineWebQualityFilter. One of them differs from the paper's prose: the paper describes the
duplicated-line filter with a 0.1 threshold, while the released pipeline used 0.01;
thresher follows the released pipeline (``char_duplicates_ratio = 0.01``) so that its
decisions match the data people compare against; set 0.1 for the paper's wording. The
newline ratio is not in the paper; it comes with the released filter.

Prose, not layout (``prose_lines = true``, the default; ``false`` gives datatrove's rules): table
rows (``| a | b |``) are not lines of the page's prose; a line ends in punctuation also after
closing quotes and brackets, or when its complete sentences hold at least half of it; and a page
whose sentence lines hold at least ``prose_char_thr`` (0.5) of its characters is not judged by
the line-count rules (``line_punct_ratio``, ``short_line_ratio``): its short lines are headings,
captions, cells and code between paragraphs. Signal ``prose_char_frac``. Repeated lines that
label distinct content (short, found at least three times, in a run of at most three repeated
lines between lines found once, sentences below: ``See it now: Amazon`` above each product's
review) are not duplicated characters.

These thresholds were chosen on English pages; the other languages judged by default are judged
with FineWeb-2's figures for them (thresher.steps.quality.languages).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from thresher.steps.quality.base import QualityFilter, Rule
from thresher.steps.quality.languages import languages_of
from thresher.steps.quality.signals.fineweb import fineweb_signals
from thresher.steps.quality.view import TextView


#: what a page of prose (prose_char_thr) is not judged by
_LINE_COUNT_RULES = frozenset({"line_punct_ratio", "short_line_ratio"})


@dataclasses.dataclass
class FineWebQuality(QualityFilter):
    """FineWeb's custom filters; see the module docstring. Drop reasons: ``fineweb:empty``,
    ``fineweb:line_punct_ratio``, ``fineweb:short_line_ratio``, ``fineweb:char_dup_ratio``,
    ``fineweb:list_ratio``."""

    name = "fineweb"
    RULES = (
        Rule("empty", "lines", "<", "min_lines"),
        Rule("line_punct_ratio", "line_punct_ratio", "<", "line_punct_thr"),
        Rule("short_line_ratio", "short_line_ratio", ">", "short_line_thr"),
        Rule("char_dup_ratio", "char_dup_ratio", ">", "char_duplicates_ratio"),
        Rule("list_ratio", "list_ratio", ">", "new_line_ratio"),
    )

    min_lines: int | None = 1
    line_punct_thr: float | None = 0.12
    #: Do not drop pages where *no* line ends in punctuation (FineWeb-2's option for scripts
    #: written without sentence punctuation).
    line_punct_exclude_zero: bool = False
    short_line_thr: float | None = 0.67
    short_line_length: int = 30
    char_duplicates_ratio: float | None = 0.01
    new_line_ratio: float | None = 0.3
    languages: list[str] = dataclasses.field(default_factory=lambda: ["en", *languages_of("fineweb")])
    #: read lines as prose is written (``thresher.steps.quality.signals.prose``: table rows left
    #: out, closing quotes after the mark, lines mostly of complete sentences); false: datatrove's
    prose_lines: bool = True
    #: with ``prose_lines``: a page whose lines of sentences hold at least this share of its
    #: characters is prose, and the line-count rules (line_punct_ratio, short_line_ratio) do not
    #: judge it (short headings, captions, cells and code lines between paragraphs)
    prose_char_thr: float | None = 0.5

    def signals(self, view: TextView) -> dict[str, Any]:
        return fineweb_signals(view, self.short_line_length, prose_lines=self.prose_lines)

    def first_failure(self, signals: dict[str, Any], skip: frozenset[str] = frozenset()) -> tuple[str, str] | None:
        thr = self.prose_char_thr
        if self.prose_lines and thr is not None and thr is not False and signals.get("fineweb.prose_char_frac", -1.0) >= thr:
            skip = skip | _LINE_COUNT_RULES
        if self.line_punct_exclude_zero and signals.get("fineweb.line_punct_ratio") == 0 and signals.get("fineweb.lines"):
            skip = skip | {"line_punct_ratio"}
        return super().first_failure(signals, skip)
