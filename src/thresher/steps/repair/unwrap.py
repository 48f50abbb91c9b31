"""Hard-wrap repair: rejoin a paragraph that was broken into lines at a fixed width.

A wrapped paragraph leaves a precise trace. A greedy wrapper at width ``W`` puts as many words on
a line as fit, so for every line but the last, ``len(line) <= W`` and ``len(line) + 1 +
len(first word of the next line) > W``: the next word did not fit. For a run of lines this gives
an interval of widths that could have produced it; the run is a wrapped paragraph when that
interval is not empty and holds a plausible width. Lines that merely happen to be of similar
length (a menu, a list, verse, an address) almost never pass, because their next first word
would have fitted.

On top of the width test, a run must read like one sentence flowing on: most continuation lines
start with a lowercase letter (verse and lists start theirs with capitals), and lines that are
list items, indented, or look like code or tables are never joined.

The ``On`` / ``Monday, President Putin...`` case is a different defect: a paragraph's first word
stranded on a line of its own. A line holding one short sentence-opening word (``On``, ``The``,
``After`` ...) followed by a line of prose is joined to it, as is any single word followed by a
line that starts in lowercase (the sentence plainly goes on).

Each join replaces the line break with a space as an edit named ``unwrap:hard_wrap`` (or
``unwrap:dangling_word``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thresher.document import Document, Edit
from thresher.steps.base import Editor
from thresher.steps.repair.lines import split_lines

# Lines that are never part of a wrapped paragraph.
_LIST_ITEM = re.compile(r"\s*(?:[-*+•·▪●◦‣–—>»]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s")
_CODE_OR_TABLE = re.compile(
    r"(?:[{}]|\);)\s*$|\)\s*:\s*$|\t|\|.*\||</?\w+[^>]*>|"
    r"^\s*(?:#include|#define|import\s|from\s+\S+\s+import\s|def\s|class\s+\w+\s*[:(]|//|/\*)"
)

# Words that open a sentence and cannot stand alone as a title or label.
DANGLING_WORDS = frozenset(
    """
    a an the on in at as by for from of to with within without into onto over under after before
    during since until till while when whenever where if unless although though despite because
    but and or so yet nor then also however meanwhile earlier later last next this that these
    those there here it its he she we they i his her their our my your you some many most several
    both each every all one two three four five six seven eight nine ten according speaking
    yesterday today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


@dataclass
class Unwrap(Editor):
    name = "unwrap"
    #: Narrowest wrap width believed (narrower "paragraphs" are menus, addresses, verse).
    min_width: int = 40
    #: Widest wrap width believed.
    max_width: int = 200
    #: Share of continuation lines of a run of 3+ lines that must start in lowercase.
    min_lowercase_share: float = 0.5
    #: A run of two lines is joined only if its second line starts in lowercase.
    two_line_needs_lowercase: bool = True
    #: Longest stranded first word joined to the paragraph below it.
    dangling_max_chars: int = 12
    #: The line below a stranded word must have at least this many words.
    dangling_min_next_words: int = 4

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "\n" not in text:
            return []
        lines, starts = split_lines(text)
        n = len(lines)
        if n < 2:
            return []
        length = [0] * n  # visible length; 0 marks a line that is never joined
        first = [0] * n  # length of the first word
        lower = [False] * n
        for i, line in enumerate(lines):
            s = line.rstrip()
            if not s or s[0].isspace() or _LIST_ITEM.match(s) or _CODE_OR_TABLE.search(s):
                continue
            length[i] = len(s)
            sp = s.find(" ")
            first[i] = sp if sp >= 0 else len(s)
            lower[i] = s[0].islower()

        joins: dict[int, str] = {}  # line index whose break is joined -> rule
        lo_w, hi_w = self.min_width, self.max_width
        i = 0
        while i < n - 1:
            if not length[i]:
                i += 1
                continue
            lo, hi = length[i], 1 << 30
            j = i
            while j + 1 < n and length[j + 1]:
                nlo = max(lo, length[j + 1])
                nhi = min(hi, length[j] + first[j + 1])
                if max(nlo, lo_w) > min(nhi, hi_w):
                    break
                lo, hi, j = nlo, nhi, j + 1
            k = j - i + 1
            if k >= 2 and self._reads_on(lower, i, j):
                for t in range(i, j):
                    joins[t] = "unwrap:hard_wrap"
                i = j + 1
            else:
                i += 1

        # Stranded first words.
        for i in range(n - 1):
            s = lines[i].strip()
            if not s or " " in s or len(s) > self.dangling_max_chars or i in joins or not length[i + 1]:
                continue
            if not s.isalpha():
                continue
            nxt = lines[i + 1]
            if nxt.count(" ") + 1 < self.dangling_min_next_words:
                continue
            if lower[i + 1] or s.lower() in DANGLING_WORDS:
                joins[i] = "unwrap:dangling_word"

        edits = []
        for i, rule in sorted(joins.items()):
            end = starts[i] + len(lines[i])
            cut = starts[i] + len(lines[i].rstrip())
            edits.append(Edit(cut, end + 1, rule, " "))
        return edits

    def _reads_on(self, lower: list[bool], i: int, j: int) -> bool:
        """Does the run i..j read as one paragraph flowing on (not verse, a list or titles)?"""
        cont = j - i
        low = sum(lower[i + 1 : j + 1])
        if cont == 1:
            return low == 1 or not self.two_line_needs_lowercase
        return low >= self.min_lowercase_share * cont
