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


# A paragraph's first word: a capitalised word (hyphens and apostrophes allowed), a number or an
# amount, possibly after an opening quote.
_FIRST_WORD = re.compile(r"[\"“‘'(]?(?:[^\W\d_][^\W\d_]*(?:[-'’][^\W\d_]+)*|[$£€]?\d[\d,.]*(?:m|bn|%)?)")
# Line endings that close a unit (a sentence, a bracket, a quotation).
_CLOSING = (".", "!", "?", ":", ";", ")", "]", '"', "”")
# Words a sentence (or a title) does not end with: a line ending in one goes on below.
OPEN_ENDINGS = frozenset(
    """
    a an the of to in on at by for from with into onto upon as and or but nor that which who whom
    whose than its their his her our your my this these those is are was were be been being has
    have had will would can could should may might must shall not said says told about after
    before between under over against during without within via per among across towards toward
    while when where if because although though since until unless whether both either neither
    very more most less least also such
    """.split()
)

# Words that stand alone on a line as a heading or a page label, not as a stranded first word.
NOT_DANGLING = frozenset(
    """
    advertisement advert ad sponsored share tweet email print menu home search comments comment
    related recommended contents summary introduction background analysis conclusion conclusions
    reaction timeline update updates abstract methods results discussion references notes
    acknowledgements acknowledgments appendix preface foreword epilogue prologue chapter
    overview description features details specifications reviews photos video videos gallery
    loading subscribe newsletter login register contact about tags categories archives
    """.split()
)


@dataclass
class Unwrap(Editor):
    name = "unwrap"
    #: Narrowest wrap width believed (narrower "paragraphs" are menus, addresses, verse).
    min_width: int = 50
    #: Widest wrap width believed.
    max_width: int = 200
    #: Share of a run's line breaks that must show the sentence going on (next line in
    #: lowercase, or the line ending in a word like "the" or "of" that cannot end a text).
    min_continuing_share: float = 0.5
    #: Longest stranded first word joined to the paragraph below it.
    dangling_max_chars: int = 12
    #: The line below a stranded word must have at least this many words.
    dangling_min_next_words: int = 4
    #: Once paragraphs are one line each, blank lines between them carry nothing: remove them
    #: (rule ``unwrap:blank_line``), giving the one-paragraph-per-line form of the seed page.
    drop_blank_lines: bool = True

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "\n" not in text:
            return []
        lines, starts = split_lines(text)
        n = len(lines)
        length = [0] * n  # visible length; 0 marks a line that is never joined
        first = [0] * n  # length of the first word
        lower = [False] * n  # starts in lowercase
        ends_open = [False] * n  # ends in a word that cannot end a sentence or a title
        ends_closed = [False] * n  # ends in sentence punctuation or a closing bracket/quote
        for i, line in enumerate(lines):
            s = line.rstrip()
            if not s or s[0].isspace() or _LIST_ITEM.match(s) or _CODE_OR_TABLE.search(s):
                continue
            length[i] = len(s)
            sp = s.find(" ")
            first[i] = sp if sp >= 0 else len(s)
            lower[i] = s[0].islower()
            if s.endswith(_CLOSING):
                ends_closed[i] = True
            else:
                ends_open[i] = s[s.rfind(" ") + 1 :].lower() in OPEN_ENDINGS
        self._lower, self._open, self._closed = lower, ends_open, ends_closed

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
            stranded = j > i and self._stranded(lines, i - 1, joins)
            if j > i and (self._reads_on(lower, i, j) or (stranded and self._reads_on(lower, i, j, True))):
                for t in range(i, j):
                    joins[t] = "unwrap:hard_wrap"
                if stranded:
                    joins[i - 1] = "unwrap:dangling_word"
                i = j + 1
            else:
                i += 1

        # Stranded first words above a paragraph that is not wrapped: only a word that cannot end
        # a text (``On``, ``The``) or one whose sentence plainly goes on in lowercase.
        for i in range(n - 1):
            if i in joins or i - 1 in joins or not length[i + 1]:
                continue
            s = lines[i].strip()
            if not s or " " in s or len(s) > self.dangling_max_chars or not s.isalpha():
                continue
            if lines[i + 1].count(" ") + 1 < self.dangling_min_next_words:
                continue
            if lower[i + 1] or s.lower() in DANGLING_WORDS:
                joins[i] = "unwrap:dangling_word"

        edits = []
        for i, rule in sorted(joins.items()):
            end = starts[i] + len(lines[i])
            cut = starts[i] + len(lines[i].rstrip())
            edits.append(Edit(cut, end + 1, rule, " "))
        if self.drop_blank_lines:
            for i, line in enumerate(lines):
                if not line.strip() and i not in joins:
                    edits.append(Edit(starts[i], min(starts[i] + len(line) + 1, len(text)), "unwrap:blank_line"))
            edits.sort(key=lambda e: e.start)
        return edits

    def _stranded(self, lines: list[str], i: int, joins: dict[int, str]) -> bool:
        """Is line i a paragraph's first word left alone above the wrapped run that follows it?"""
        if i < 0 or (i - 1) in joins:
            return False
        s = lines[i].strip()
        if not s or " " in s or len(s) > self.dangling_max_chars or not _FIRST_WORD.fullmatch(s):
            return False
        return s.lower() not in NOT_DANGLING

    def _reads_on(self, lower: list[bool], i: int, j: int, stranded: bool = False) -> bool:
        """Does the run i..j read as one paragraph flowing on (not verse, a list or titles)?

        Each line break is evidence: the sentence plainly goes on (the next line starts in
        lowercase, or this one ends in "the", "of", "said"...), or plainly stops (this line ends
        in sentence punctuation and the next starts with a capital). A run of two lines needs
        its one break to go on; a longer run needs ``min_continuing_share`` of its breaks to. A
        stranded first word above the run is evidence too: then it is enough that no break
        plainly stops (two breaks, or one of three, may).
        """
        breaks = j - i
        going = stopping = 0
        for t in range(i, j):
            if lower[t + 1] or self._open[t]:
                going += 1
            elif self._closed[t]:
                stopping += 1
        if stranded:
            return stopping == 0 or (breaks >= 3 and stopping * 3 <= breaks)
        if breaks == 1:
            return going == 1
        return going >= self.min_continuing_share * breaks
