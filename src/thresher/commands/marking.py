"""The original text of a document cut into marked segments, for every view that shows edits
(``thresher explain`` in a terminal, ``thresher report`` in HTML): one walk over the edits, so the
views cannot drift apart."""

from __future__ import annotations

from typing import Iterator, Literal

from thresher.document import Edit

Kind = Literal["kept", "removed", "inserted", "rule"]


def segments(original: str, edits: list[Edit]) -> Iterator[tuple[Kind, str]]:
    """``(kind, text)`` in reading order: kept original text, then for each edit the removed
    original span (if any), the inserted replacement (if any) and the rule's name. Edits are
    against ``original``, sorted and non-overlapping (as a trace stores them). Empty text is
    never yielded, except a rule name a trace left empty."""
    pos = 0
    for e in edits:
        if e.start > pos:
            yield "kept", original[pos : e.start]
        if e.end > e.start:
            yield "removed", original[e.start : e.end]
        if e.replacement:
            yield "inserted", e.replacement
        yield "rule", e.rule
        pos = e.end
    if pos < len(original):
        yield "kept", original[pos:]


def rule_counts(edits: list[Edit]) -> list[tuple[str, int, int]]:
    """``(rule, edits, characters removed)`` for each rule of ``edits``, by rule name."""
    count: dict[str, int] = {}
    removed: dict[str, int] = {}
    for e in edits:
        count[e.rule] = count.get(e.rule, 0) + 1
        removed[e.rule] = removed.get(e.rule, 0) + (e.end - e.start) - len(e.replacement)
    return [(rule, count[rule], removed[rule]) for rule in sorted(count)]
