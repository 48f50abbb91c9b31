"""Repetition inside a document: a paragraph, or a run of paragraphs, printed again is removed after
its first occurrence.

Crawlers and templates often print the body twice (a "print" copy, an AMP copy, a teaser that
repeats the lead). Lines are compared after lowercasing and collapsing whitespace. A repeated
stretch is a run of consecutive non-blank lines whose copies follow one another in the same order
earlier in the page (a few lines that only the first copy has may sit between them); it is removed when it is big enough (``min_chars`` and ``min_words``), so a
short line that recurs ("Share", "Advertisement") is left to the boilerplate rules, while a short
sentence inside a repeated run goes with the run.

Words are counted as the tokenizer counts them where a script has no spaces: each character of
Chinese, Japanese, Thai ... is one (thresher.text.scripts), so five repeated CJK paragraphs are
hundreds of "words", not five.

Linear time: one dict from normalised line to its first position.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.document import Document, Edit
from thresher.steps.base import Editor
from thresher.steps.repair.lines import removal_edits, split_lines
from thresher.text.scripts import spaceless_count

RULE = "repeats:block"


def _normalise(line: str) -> str:
    """The line lowercased, its words joined by single spaces ("" for a blank line)."""
    low = line.lower()
    # Already normal (most lines): printable means no whitespace but the ASCII space, so the
    # split and join would give the line back; skipping them halves this step's per-line cost.
    if low.isprintable() and "  " not in low and not low.startswith(" ") and not low.endswith(" "):
        return low
    return " ".join(low.split())


@dataclass
class RepeatedBlocks(Editor):
    name = "repeats"
    #: A repeated run is removed only if its lines hold at least this many characters...
    min_chars: int = 40
    #: ...and at least this many words.
    min_words: int = 6
    #: Lines between two neighbours of the first copy that the second copy lacks (a caption or
    #: a prompt that was inserted into one copy only) do not break a run.
    max_gap: int = 3

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        if text.count("\n") < 1:
            return []
        lines, starts = split_lines(text)
        first_at: dict[str, int] = {}  # normalised line -> index (among non-blank lines) of its first copy
        content: list[int] = []  # line index of each non-blank line
        copy_of: list[int] = []  # for each non-blank line: index of its earlier copy, or -1
        norms: list[str] = []
        for i, line in enumerate(lines):
            key = _normalise(line)
            if not key:
                continue
            k = len(content)
            content.append(i)
            norms.append(key)
            prev = first_at.get(key)
            if prev is None:
                first_at[key] = k
                copy_of.append(-1)
            else:
                copy_of.append(prev)
        # Runs of repeated lines whose copies are consecutive, in order.
        remove: dict[int, str] = {}
        k, m = 0, len(content)
        while k < m:
            if copy_of[k] < 0:
                k += 1
                continue
            e = k + 1
            while e < m and 0 < copy_of[e] - copy_of[e - 1] <= 1 + self.max_gap:
                e += 1
            chars = sum(len(norms[t]) for t in range(k, e))
            words = sum(norms[t].count(" ") + 1 + spaceless_count(norms[t]) for t in range(k, e))
            if chars >= self.min_chars and words >= self.min_words:
                for t in range(k, e):
                    remove[content[t]] = RULE
            k = e
        return removal_edits(text, lines, starts, remove)
