"""The unit of work: a Document with a stable id, its edits and its verdict.

Every change to a document's text is an :class:`Edit` named by the rule that made it. Edits are
kept against the text *as it was read*, so ``thresher explain`` can show the original with each
removed or changed span marked, however many steps touched the document.

Internally the text is a list of pieces: stretches of the original left as they were, and
stretches replaced by a rule. Steps see and edit the *current* text; :meth:`Document.apply` maps
their edits back onto the original through the pieces in one linear pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence


@dataclass(slots=True, frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (empty for a removal), named by ``rule``."""

    start: int
    end: int
    rule: str
    replacement: str = ""

    def to_list(self) -> list:
        return [self.start, self.end, self.rule, self.replacement]

    @classmethod
    def from_list(cls, row: Sequence) -> "Edit":
        return cls(int(row[0]), int(row[1]), str(row[2]), str(row[3]) if len(row) > 3 else "")


@dataclass(slots=True)
class Verdict:
    """Kept, or dropped by ``step`` for ``reason`` (a rule name such as ``gopher_repetition:dup_para_frac``)."""

    kept: bool = True
    step: str | None = None
    reason: str | None = None
    detail: str | None = None

    def to_dict(self) -> dict:
        return {"kept": self.kept, "step": self.step, "reason": self.reason, "detail": self.detail}

    @classmethod
    def from_dict(cls, d: dict | None) -> "Verdict":
        if not d:
            return cls()
        return cls(bool(d.get("kept", True)), d.get("step"), d.get("reason"), d.get("detail"))


# A piece: (orig_start, orig_end, current_text, rule or None). rule None: untouched original.
_Piece = tuple


@dataclass(slots=True)
class Document:
    """A document flowing through the pipeline.

    ``id`` is stable (the record's own id, else ``<file>:<line>``); ``fields`` holds the input
    record's other fields, written back untouched; ``metadata`` is what thresher learned.
    """

    id: str
    original: str
    metadata: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    verdict: Verdict = field(default_factory=Verdict)
    _pieces: list = field(default_factory=list, repr=False)
    _text: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.original, str):
            # Not text (None, bytes, a number from a Python caller): rejected alone, never raised
            # out of a batch; what was given is named in the verdict.
            given = type(self.original).__name__
            self.original = ""
            self._pieces = []
            self.verdict = Verdict()
            self.__post_init__()
            self.drop("read", "input:not_text", f"the document's text is {given}, not str")
            return
        if not self._pieces:
            self._pieces = [(0, len(self.original), self.original, None)]
            self._text = self.original

    # -- reading -------------------------------------------------------------------------
    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(p[2] for p in self._pieces)
        return self._text

    @property
    def kept(self) -> bool:
        return self.verdict.kept

    @property
    def changed(self) -> bool:
        return any(p[3] is not None for p in self._pieces)

    @property
    def edits(self) -> list[Edit]:
        """Edits against the original text, in order, merged where rules overlapped."""
        return [Edit(p[0], p[1], p[3], p[2]) for p in self._pieces if p[3] is not None]

    @property
    def edit_count(self) -> int:
        """``len(self.edits)``, without making the edits."""
        return sum(p[3] is not None for p in self._pieces)

    # -- changing ------------------------------------------------------------------------
    def drop(self, step: str, reason: str, detail: str | None = None) -> None:
        if self.verdict.kept:
            self.verdict = Verdict(False, step, reason, detail)

    def apply(self, edits: Iterable[Edit]) -> int:
        """Apply edits given against the *current* text; return how many characters they removed.

        Edits must not overlap one another. An edit that overlaps a span an earlier rule already
        changed absorbs it: the merged span carries the later rule (the one that decided last).
        A removal that merely touches an earlier removal stays separate, so each keeps its name.
        """
        new = sorted(edits, key=lambda e: (e.start, e.end))
        if not new:
            return 0
        text_len = len(self.text)
        removed = 0
        prev_end = -1
        for e in new:
            if e.start < prev_end or e.start > e.end or e.end > text_len or e.start < 0:
                raise ValueError(f"bad or overlapping edit {e!r} on text of length {text_len}")
            prev_end = e.end
            removed += (e.end - e.start) - len(e.replacement)

        if len(self._pieces) == 1 and self._pieces[0][3] is None:
            # Untouched (the first editor to change a page, most often): the edits' coordinates
            # are the original's, so the pieces follow directly; the same as the general pass below.
            self._pieces = _pieces_of_untouched(self.original, new)
            self._text = None
            return removed
        pieces = list(self._pieces)
        starts = []  # current-text offset of each piece
        c = 0
        for p in pieces:
            starts.append(c)
            c += len(p[2])
        n = len(pieces)
        out: list = []
        # carry[k]: text a previous edit of this batch merged into changed piece k, ahead of it.
        carry: dict[int, str] = {}

        def emit(lo: int, hi: int) -> None:
            for k in range(lo, hi):
                p = pieces[k]
                out.append((p[0], p[1], carry.pop(k) + p[2], p[3]) if k in carry else p)

        i = 0  # next piece not yet emitted
        for e in new:
            s, t = e.start, e.end
            # j: first piece with current text that ends after s (zero-length pieces at s stay before).
            j = i
            while j < n and (len(pieces[j][2]) == 0 or starts[j] + len(pieces[j][2]) <= s):
                j += 1
            if j == n:
                emit(i, n)
                i = n
                end_o = pieces[-1][1] if pieces else 0
                out.append((end_o, end_o, e.replacement, e.rule))
                continue
            emit(i, j)
            os_, oe_, ptext, prule = pieces[j]
            off = s - starts[j]
            head = carry.pop(j, "")
            if s == t:  # insertion
                if off == 0 and not head:
                    out.append((os_, os_, e.replacement, e.rule))
                    i = j
                elif prule is None:
                    out.append((os_, os_ + off, ptext[:off], None))
                    out.append((os_ + off, os_ + off, e.replacement, e.rule))
                    pieces[j] = (os_ + off, oe_, ptext[off:], None)
                    starts[j] = s
                    i = j
                else:
                    pieces[j] = (os_, oe_, ptext[off:], e.rule)
                    carry[j] = head + ptext[:off] + e.replacement
                    starts[j] = s
                    i = j
                continue
            # Start of the span.
            prefix = ""
            if prule is None:
                if off > 0:
                    out.append((os_, os_ + off, ptext[:off], None))
                orig_s = os_ + off
            else:
                prefix = head + ptext[:off]
                orig_s = os_
            # m: last piece with current text that starts before t.
            m = j
            while m + 1 < n and starts[m + 1] < t:
                m += 1
            ms, me, mtext, mrule = pieces[m]
            cut = t - starts[m]
            if mrule is None:
                orig_e = ms + cut
                if cut < len(mtext):
                    pieces[m] = (orig_e, me, mtext[cut:], None)
                    starts[m] = t
                    i = m
                else:
                    i = m + 1
                out.append((orig_s, orig_e, prefix + e.replacement, e.rule))
            else:
                # The edit ends inside a span changed before: merge, and keep the rest open in
                # case a later edit of this batch lands in it too.
                pieces[m] = (orig_s, me, mtext[cut:], e.rule)
                carry[m] = prefix + e.replacement
                starts[m] = t
                i = m
        emit(i, n)
        self._pieces = _merge_untouched(out)
        self._text = None
        return removed

    def rebase(self, text: str) -> None:
        """Start over from ``text`` (say, the main text extracted from HTML): from now on it is the
        original that edits refer to. Only a step that turns one format into another should call this."""
        if self._pieces and any(p[3] is not None for p in self._pieces):
            raise ValueError("rebase after edits would lose them")
        self.original = text
        self._pieces = [(0, len(text), text, None)]
        self._text = text

    # -- (de)serialising ---------------------------------------------------------------------
    def to_state(self) -> dict:
        """Everything needed to rebuild this document exactly (for corpus-wide stages)."""
        return {
            "id": self.id,
            "original": self.original,
            "edits": [e.to_list() for e in self.edits],
            "metadata": self.metadata,
            "fields": self.fields,
            "verdict": self.verdict.to_dict(),
        }

    @classmethod
    def from_state(cls, state: dict) -> "Document":
        doc = cls(
            id=state["id"],
            original=state["original"],
            metadata=state.get("metadata") or {},
            fields=state.get("fields") or {},
            verdict=Verdict.from_dict(state.get("verdict")),
        )
        doc._pieces = pieces_from_edits(doc.original, [Edit.from_list(r) for r in state.get("edits", [])])
        doc._text = None
        return doc


def pieces_from_edits(original: str, edits: Sequence[Edit]) -> list:
    """Rebuild the piece list from edits against the original (sorted, non-overlapping)."""
    pieces = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start > pos:
            pieces.append((pos, e.start, original[pos : e.start], None))
        pieces.append((e.start, e.end, e.replacement, e.rule))
        pos = max(pos, e.end)
    if pos < len(original) or not pieces:
        pieces.append((pos, len(original), original[pos:], None))
    return pieces


def _pieces_of_untouched(original: str, edits: Sequence[Edit]) -> list:
    """Pieces after applying ``edits`` (sorted, checked) to a document still as read."""
    out: list = []
    pos = 0
    for e in edits:
        if e.start > pos:
            out.append((pos, e.start, original[pos : e.start], None))
        out.append((e.start, e.end, e.replacement, e.rule))
        pos = e.end
    if pos < len(original):
        out.append((pos, len(original), original[pos:], None))
    return out


def _merge_untouched(pieces: list) -> list:
    """Join neighbouring untouched pieces and drop empty untouched ones."""
    out: list = []
    for p in pieces:
        if p[3] is None:
            if p[0] == p[1]:
                continue
            if out and out[-1][3] is None and out[-1][1] == p[0]:
                q = out[-1]
                out[-1] = (q[0], p[1], q[2] + p[2], None)
                continue
        out.append(p)
    if not out:
        out.append((0, 0, "", None))
    return out
