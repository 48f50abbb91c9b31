"""Redact personal data: e-mail addresses, phone numbers, IPv4/IPv6 addresses, payment card numbers.

Each redaction is an Edit named ``pii:<kind>`` (``pii:email``, ``pii:phone``, ``pii:ipv4``,
``pii:ipv6``, ``pii:card``) whose replacement is a typed placeholder: ``<EMAIL>``, ``<PHONE>``,
``<IP_ADDRESS>`` (both IP versions; the rule name says which) and ``<CARD>``. ``thresher explain``
therefore shows what was there and why it went.

Options: ``kinds`` (which kinds to redact; all by default) and ``placeholders`` (kind ->
replacement text, to override the defaults). What is detected and what is refused (versions,
dates, prices, ISBNs ...) is in :mod:`thresher.steps.pii.patterns` and
:mod:`thresher.steps.pii.validate`. The step never drops a document.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

from thresher.document import Document, Edit
from thresher.steps.base import Editor
from thresher.steps.pii.patterns import KINDS, PATTERNS, PiiPattern


@dataclass
class PiiRedact(Editor):
    name = "pii"
    #: Kinds to redact, any of: email, card, ipv6, ipv4, phone.
    kinds: list[str] = field(default_factory=lambda: list(KINDS))
    #: kind -> placeholder, overriding the defaults (<EMAIL>, <PHONE>, <IP_ADDRESS>, <CARD>).
    placeholders: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.kinds, str) or not all(isinstance(k, str) for k in self.kinds):
            raise ValueError(f"pii: kinds must be a list of kinds, got {self.kinds!r}")
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"pii: unknown kind(s) {', '.join(sorted(unknown))}; known: {', '.join(KINDS)}")
        unknown = set(self.placeholders) - set(KINDS)
        if unknown:
            raise ValueError(f"pii: placeholders for unknown kind(s) {', '.join(sorted(unknown))}")
        wanted = set(self.kinds)
        self._patterns: tuple[PiiPattern, ...] = tuple(p for p in PATTERNS if p.kind in wanted)

    def find(self, text: str) -> list[Edit]:
        """Non-overlapping redactions for ``text``, in order; earlier kinds in PATTERNS win overlaps."""
        taken: list[tuple[int, int]] = []  # sorted, non-overlapping
        edits: list[Edit] = []
        cache: dict = {}  # the numeric scan is shared by card, ipv4 and phone
        for p in self._patterns:
            ranges = p.windows(text, cache)
            placeholder = self.placeholders.get(p.kind, p.placeholder)
            for pos, endpos in ranges:
                for m in p.candidate.finditer(text, pos, endpos):
                    span = p.validate(m.group(), text, m.start(), m.end())
                    if span is None:
                        continue
                    s, e = span
                    i = bisect_right(taken, (s, e))
                    if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                        continue
                    insort(taken, (s, e))
                    edits.append(Edit(s, e, p.rule, placeholder))
        edits.sort(key=lambda e: e.start)
        return edits

    def edit(self, doc: Document) -> list[Edit]:
        return self.find(doc.text)
