"""Hard-wrap repair: rejoin a paragraph that was broken into lines at a fixed width, and put one
paragraph on each line (the form of the seed page).

A wrapped paragraph leaves a precise trace. A greedy wrapper at width ``W`` puts as many words on
a line as fit, so for every line but the last, ``len(line) <= W`` and ``len(line) + 1 +
len(first word of the next line) > W``: the next word did not fit. A run of lines therefore gives
an interval of widths that could have produced it; it is a candidate when that interval is not
empty, its longest line is at least ``min_width`` and the width at most ``max_width``. Lines that
merely happen to be of similar length (a menu, a list, verse, an address) rarely pass, because
their next first word would have fitted.

Then each line break of the run is weighed: the paragraph could *stop* there (sentence
punctuation, or a closing bracket or quote before a capital) or the sentence plainly *goes on*
(the next line starts in lowercase, or this one ends in a word such as "the" or "said"). A run
may stop at no more than half its breaks (a two-line run at none). It is joined on its own if
one break goes on; if none does, only when it ends like a paragraph away from the page's first
line (a title above a short paragraph looks the same), or when the page has another wrapped
paragraph of a compatible width. A neighbouring one-line paragraph that slipped into a run at its
edge (it stops there and is the run's longest line) is trimmed off. Lines that are indented,
look like code or a table, or that the boilerplate rules recognise (a share bar, a cookie
notice; all rules, whatever the boilerplate step disables: see ``boilerplate_disabled``) are
never part of a run; a list item may start one (a wrapped item) but never continue it.

The ``On`` / ``Monday, President Putin...`` case is a different defect: a paragraph's first word
left alone on a line. A single word directly above a wrapped run is joined to it unless it is a
heading or label word (``Analysis``, ``Advertisement``); above a paragraph that is not wrapped,
only a capitalised sentence opener that cannot stand alone (``On``, ``The``, ``After``) is.

Every script: widths are display columns (a Han, kana, Hangul or fullwidth character takes two,
as a terminal or a fixed-width wrapper sets it), so a Chinese paragraph wrapped at 35 characters is
a 70-column wrap. Where lines can break between any two characters (Han, Hiragana, Katakana) the
next line's "first word" is its first character, and the join adds no space (``中文\n文本`` ->
``中文文本``; a line that starts with ``。`` is joined to the one above). Sentence ends are those of
every script (``。！？।؟``); a script without case (Chinese, Japanese, Arabic, Hebrew, Thai, Hindi,
Korean) gives no lowercase evidence that a sentence goes on, so there a next line that starts with
a letter after a line that does not end a sentence counts as going on, and the width test is the
guard. Thai, Arabic, Hebrew, Hindi and Korean put spaces between words or phrases, and a wrapper
breaks at those, so their joins add a space. A stranded first word in Chinese or Japanese (no
spaces: no "word" to see) is one of a few characters ending in a comma (``周一，``, ``月曜日、``).

Hyphens: a line that ends in a letter or digit and ``-`` above a line starting with one is a
word broken at its hyphen: joined without a space (``anti-`` / ``smoking`` -> ``anti-smoking``,
``Anglo-`` / ``American``, ``10-`` / ``year-old``). The hyphen is kept unless the page itself
spells the word unbroken elsewhere (``recon-`` / ``struction`` -> ``reconstruction`` when
``reconstruction`` occurs in the page), and only before a lowercase letter: the page is the
dictionary, so ``inter-`` / ``national`` stays ``inter-national`` on a page that never writes
``international``. Keeping a real hyphen costs nothing to a reader; dropping one
(``re-cover`` -> ``recover``, ``co-op`` -> ``coop``) changes a word, and no dictionary covers
every language the step sees. A line that
starts with ``- `` (or an en or em dash) continues the paragraph above when that paragraph did not
start as a list item, its line does not end a sentence, and the next line is not another such
item: a wrapped sentence's dash, not a list.

Edits: each join replaces the line break with a space, or nothing (``unwrap:hard_wrap``,
``unwrap:dangling_word``); blank lines between paragraphs are removed (``unwrap:blank_line``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import regex

from thresher.document import Document, Edit
from thresher.steps.base import Editor
from thresher.steps.boilerplate.match import RuleMatcher
from thresher.steps.repair.lines import split_lines
from thresher.steps.repair.words import DANGLING_WORDS, NOT_DANGLING, OPEN_ENDINGS
from thresher.text.scripts import is_cjk

# Lines that are never part of a wrapped paragraph.
_LIST_ITEM = re.compile(r"\s*(?:[-*+•·▪●◦‣–—>»]|\d{1,3}[.)]|[a-zA-Z][.)]|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\))\s")
_CODE_START = re.compile(r"\s*(?:#include|#define|import\s|from\s+\S+\s+import\s|def\s|class\s+\w+\s*[:(]|//|/\*|\$\s)")
_CODE_FIRST = frozenset("#ifdc/$")  # what _CODE_START can find first after any indentation
# A command line or an address: "pip install --user", "-m twine", "https://...".
_COMMAND = re.compile(r"(?:^|\s)--?[a-zA-Z]|://")
_CODE_ENDS = ("{", "}", ");", "):", ") :")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _looks_like_code(s: str) -> bool:
    """Code, markup or a table row (string tests first: this runs on every short line)."""
    return (
        s.endswith(_CODE_ENDS)
        or "\t" in s
        or s.count("|") >= 2
        or ("<" in s and _TAG.search(s) is not None)
        # the regex only where the first character allows it (most lines start with a capital)
        or ((s[:1] in _CODE_FIRST or s[:1].isspace()) and _CODE_START.match(s) is not None)
        or (("-" in s or "://" in s) and _COMMAND.search(s) is not None)
    )


def _title_case(line: str) -> bool:
    """Nearly every word capitalised, as in a headline ("What Is Meant By A Skin Clinic?"); news
    prose full of names ("... Spike Lee, Burt Reynolds and Oscar nominee") stays below."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.75 * len(words)


# A paragraph's first word: a word, a number or an amount ("U2", "Anglo-Dutch", "$1m", "Pensioners'"),
# possibly after an opening quote and before a comma.
# (Marks count as letters: Devanagari's vowel signs are part of its words.)
_FIRST_WORD = regex.compile(r"[\"“‘'(]?[$£€]?[^\W_][\w\p{M}'’.%-]*[,،]?")
# A Chinese or Japanese first word: a few characters and a comma (no spaces to tell a word by).
_CJK_FIRST_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,6}[，、,]")
# A line that starts with a dash and a space: a list item, or a wrapped sentence's dash.
_DASH_ITEM = re.compile(r"[-–—] ")
_HYPHEN_WORD = regex.compile(r"[\p{L}\p{M}]+")

_LONGEST_DANGLING = max(map(len, DANGLING_WORDS))
_NO, _WEAK, _STRONG = 0, 1, 2  # how well a run reads as one paragraph

# Line endings where a paragraph may stop: sentence punctuation always, a closing bracket or
# quote unless the next line goes on in lowercase.
# not ";": a semicolon goes on (a list of names, a long sentence). Other scripts' full stops,
# question and exclamation marks: CJK and fullwidth, Devanagari danda, Arabic question mark.
_FULL_STOPS = frozenset(".!?:。！？：।॥؟")
_CLOSERS = frozenset(")]\"”’'」』）】》〉")


def _width(s: str) -> int:
    """Display columns of ``s``: East Asian wide and fullwidth characters take two."""
    if s.isascii():
        return len(s)
    eaw = unicodedata.east_asian_width
    return len(s) + sum(1 for c in s if c >= "\u1100" and eaw(c) in "WF")


def _caseless_letter(c: str) -> bool:
    """A letter of a script without case (Han, kana, Arabic, Thai, Devanagari, Hangul), or CJK
    punctuation (a line that starts with ``。`` or ``、`` goes on from the line above)."""
    return (c.isalpha() and not c.isupper() and not c.islower()) or (c >= "\u3000" and is_cjk(c))
_ENDS_PARAGRAPH = _FULL_STOPS | _CLOSERS
# Thai writes no space inside a phrase and one between phrases, so a wrapper breaks only there,
# and a phrase wider than the width gets a line of its own: a Thai line with no space may be
# longer than the width and need not be filled (see ``phrase`` in :meth:`Unwrap.edit`). Such a
# run has little geometry left to tell it from stacked one-line paragraphs, so it is joined only
# on Thai evidence that the sentence goes on: a stranded first phrase above it, or a line that
# starts with one of these conjunctions and connectives (and, but, which, by, because, so, or,
# that, while, then, including), which do not open a paragraph.
THAI_GOES_ON = ("และ", "แต่", "ซึ่ง", "โดย", "เพราะ", "จึง", "หรือ", "ว่า", "ขณะที่", "แล้ว", "รวมถึง", "ทั้งนี้")
_THAI = regex.compile(r"\p{Thai}")


@dataclass
class Unwrap(Editor):
    name = "unwrap"
    #: Narrowest wrap width believed (narrower "paragraphs" are menus, addresses, verse).
    min_width: int = 50
    #: Widest wrap width believed (hard wraps are 60-80 columns, rarely past 100; a wider "wrap"
    #: is more likely two unrelated long lines).
    max_width: int = 120
    #: Longest stranded first word joined to the paragraph below it.
    dangling_max_chars: int = 20
    #: The line below a stranded word must have at least this many words.
    dangling_min_next_words: int = 4
    #: Once paragraphs are one line each, blank lines between them carry nothing: remove them
    #: (rule ``unwrap:blank_line``), giving the one-paragraph-per-line form of the seed page.
    drop_blank_lines: bool = True
    #: A run longer than this many lines is looked at in pieces (keeps the pass linear).
    max_run_lines: int = 400
    #: Boilerplate groups or rules ("share_bar", "comment_widget.comments_heading") that do NOT
    #: keep a line out of a wrapped paragraph. Deliberately separate from the boilerplate step's
    #: own ``disabled``: turning a rule's *removal* off keeps those lines in the text, and they
    #: are still chrome, not prose, so by default unwrap still never joins them. List a rule here
    #: only when it mistakes real prose lines for chrome.
    boilerplate_disabled: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Its own matcher (compiling the rules takes ~10 ms, once per step): see
        # boilerplate_disabled for why it does not follow the boilerplate step's configuration.
        self._matcher = RuleMatcher(self.boilerplate_disabled)

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "\n" not in text:
            return []
        lines, starts = split_lines(text)
        n = len(lines)
        length = [0] * n  # visible length; 0 marks a line that is never joined
        first = [0] * n  # length of the first word
        lower = [False] * n  # starts in lowercase
        end = [""] * n  # last character
        bullet = [False] * n  # a list item: may start a run (a wrapped item), never continue one
        caseless = [False] * n  # starts with a letter of a script without case
        dash = [False] * n  # starts with "- ": a list item, or a wrapped sentence's dash
        prose = [False] * n  # a line of text a stranded word may be joined to
        phrase = [False] * n  # a Thai line with no space: one phrase, which may overflow the width
        hi_w = self.max_width
        for i, line in enumerate(lines):
            if len(line) > hi_w:  # too long to be part of a wrap (most lines of a clean page)
                prose[i] = not line[0].isspace()
                continue
            s = line.rstrip()
            if not s or s[0].isspace() or _looks_like_code(s):
                continue
            w = _width(s)
            if w > hi_w:
                prose[i] = True
                continue
            prose[i] = True
            bullet[i] = _LIST_ITEM.match(s) is not None
            dash[i] = bullet[i] and _DASH_ITEM.match(s) is not None
            length[i] = w
            c = s[0]
            if c >= "\u3000" and is_cjk(c):  # a line may break before any CJK character
                first[i] = _width(c)
            else:
                sp = s.find(" ")
                first[i] = _width(s[:sp]) if sp >= 0 else w
            phrase[i] = " " not in s and _THAI.match(c) is not None
            lower[i] = c.islower()
            caseless[i] = not lower[i] and _caseless_letter(c)
            end[i] = s[-1]

        # A line the boilerplate rules recognise (a share bar, a footer row, a cookie notice) is
        # a unit of page chrome, never part of a paragraph. Checked lazily: only for lines that
        # would otherwise join a run.
        chrome_cache: dict[int, bool] = {}

        def chrome(k: int) -> bool:
            hit = chrome_cache.get(k)
            if hit is None:
                s = lines[k].strip()
                hit = chrome_cache[k] = len(s) <= 400 and self._matcher.match(s) is not None
            return hit

        def stops(t: int) -> bool:
            """Could the paragraph end at the break after line t? Sentence punctuation, or a
            closing bracket or quote with a capital after it."""
            e = end[t]
            return e in _FULL_STOPS or (e in _CLOSERS and not lower[t + 1])

        def going(t: int) -> bool:
            """Does the sentence plainly go on after line t? The next line starts in lowercase, or
            this one ends in a word no sentence or title ends with ("the", "of", "said")."""
            if end[t] in _FULL_STOPS:
                return False
            if lower[t + 1]:
                return True
            line = lines[t].rstrip()
            return line[line.rfind(" ") + 1 :] in OPEN_ENDINGS  # as written: "IN" is Indiana

        joins: dict[int, str] = {}  # line index whose break is joined -> rule
        widths: list[tuple[int, int]] = []  # width intervals of the runs joined on their own
        weak: list[tuple[int, int]] = []  # runs that need a compatible width elsewhere on the page
        lo_w = self.min_width
        def caseless_going(t: int, last: bool) -> bool:
            """In a script without case, a line that does not end a sentence above one that starts
            with a letter: evidence only where lines break between any two characters (CJK: the
            width test is then exact), or when the next line is not the run's last (a title
            above a short line reads just like that in Thai or Arabic)."""
            if not caseless[t + 1] or end[t] in _FULL_STOPS or end[t] in _CLOSERS:
                return False
            return not last or first[t + 1] <= 2

        def accept(i: int, j: int, stranded: bool) -> int:
            verdict = self._reads_on([stops(t) for t in range(i, j)],
                                     [going(t) or caseless_going(t, t + 1 == j) for t in range(i, j)], end[j])
            if verdict == _WEAK and stranded:
                verdict = _STRONG  # a stranded first word above is evidence enough
            if verdict == _STRONG:
                for t in range(i, j):
                    joins[t] = "unwrap:hard_wrap"
                if stranded:
                    joins[i - 1] = "unwrap:dangling_word"
                widths.append(self._widths(length, first, i, j))
            elif verdict == _WEAK:
                weak.append((i, j))
            return verdict

        # Every step of this loop moves past the run it looked at (or one line), so the pass is
        # linear in the number of lines whatever the page holds.
        cap = self.max_run_lines
        i = 0
        while i < n - 1:
            if not length[i]:
                i += 1
                continue
            lo, hi = (min(length[i], lo_w) if phrase[i] else length[i]), 1 << 30
            shortest = 1 << 30  # the shortest line of the run that is not its last
            phrasal = False  # the run passed the width test only as Thai phrase lines
            j = i
            while j + 1 < n and length[j + 1] and (not bullet[j + 1] or (
                    # a wrapped sentence's dash: the paragraph is not a list item, goes on, and
                    # the line after the dash is not another item
                    dash[j + 1] and not bullet[i] and not stops(j) and not (j + 2 < n and bullet[j + 2])
            )) and j - i < cap:
                nlo = max(lo, length[j + 1])
                nhi = min(hi, length[j] + first[j + 1])
                # A greedy wrap fills every line but the last: none is under half the width (a
                # short line above an unbreakable one - a Thai title, a CJK phrase - passes the
                # width test alone).
                short = min(shortest, length[j])
                if (max(nlo, lo_w) > min(nhi, hi_w) or 2 * short < nlo) and (phrase[j] or phrase[j + 1]):
                    # a Thai phrase line: it fits or overflows (no narrower than the narrowest
                    # width believed), and is as long as its phrase, not filled
                    nlo = max(lo, min(length[j + 1], lo_w) if phrase[j + 1] else length[j + 1])
                    short = shortest if phrase[j] else min(shortest, length[j])
                    phrasal = True
                if phrase[j + 1] and length[j + 1] <= self.dangling_max_chars:
                    break  # a paragraph's first phrase alone on its line: never the end of a run
                if max(nlo, lo_w) > min(nhi, hi_w) or 2 * short < nlo or chrome(j + 1):
                    break
                lo, hi, j, shortest = nlo, nhi, j + 1, short
            if j == i or chrome(i):
                i += 1
                continue
            if lo < lo_w:  # too narrow to be a wrap: the longest line sets the width
                i = j
                continue
            # A one-line paragraph next to a wrapped one can pass the width test when its length
            # is near the width. If the run could stop at its first (last) break and that line is
            # the run's longest, the line is that neighbour, not part of the wrap.
            if j - i >= 2 and stops(i) and length[i] > max(length[i + 1 : j + 1]):
                i += 1
                continue
            if j - i >= 2 and stops(j - 1) and length[j] > max(length[i:j]):
                j -= 1
            phrasal = phrasal or all(phrase[i : j + 1])  # (all phrase lines: nor have any others)
            if phrasal and j - i >= 2 and not any(lines[k].strip() for k in range(i)):
                i += 1  # the page's first line: a Thai title reads like a phrase line
            stranded = self._stranded(lines, i - 1, joins)
            if phrasal and not stranded and not any(lines[t].lstrip().startswith(THAI_GOES_ON) for t in range(i + 1, j + 1)):
                i = j
                continue
            verdict = accept(i, j, stranded)
            if verdict == _STRONG:
                i = j + 1
            elif verdict == _WEAK or j - i < 2:
                i = j if j - i >= 2 else i + 1
            else:
                # Too many breaks where a paragraph could stop: one-line paragraphs of similar
                # length. Only the stretches between those breaks may still be wrapped ones.
                a = i
                for t in range(i, j + 1):
                    if t == j or stops(t):
                        if t > a:
                            accept(a, t, self._stranded(lines, a - 1, joins))
                        a = t + 1
                i = j
        # A run with no break where the sentence plainly goes on is joined if it ends like a
        # paragraph, unless it starts on the page's first line (a title above a short paragraph
        # looks just like that); else only if the page has a wrapped paragraph of a compatible width.
        # Lines in title case (a list of headlines, a title above a byline) never join this way.
        head = next((k for k in range(n) if lines[k].strip() and not chrome(k)), -1) if weak else -1
        for i, j in weak:
            if any(t in joins or t - 1 in joins for t in range(i, j + 1)):
                continue
            if any(_title_case(lines[t]) for t in range(i, j)):  # the last line may be all names
                continue
            if j == i + 1 and end[i] in ",;":
                continue  # two items of a list ("..., 2023),"), not a paragraph cut mid-sentence
            lo, hi = self._widths(length, first, i, j)
            if (i != head and end[j] in _ENDS_PARAGRAPH) or any(lo <= b and a <= hi for a, b in widths):
                for t in range(i, j):
                    joins[t] = "unwrap:hard_wrap"

        # Stranded first words above a paragraph that is not wrapped: only a capitalised word
        # that opens sentences and cannot stand alone (``On``, ``The``, ``After``).
        for i in range(n - 1):
            if i in joins or i - 1 in joins or not prose[i + 1] or bullet[i + 1]:
                continue
            s = lines[i].strip()
            # (a line longer than every such word cannot be one: no lowercasing it)
            if not s or not s[0].isupper() or len(s) > _LONGEST_DANGLING or s.lower() not in DANGLING_WORDS:
                continue
            if lines[i + 1].count(" ") + 1 < self.dangling_min_next_words:
                continue
            if not chrome(i) and not chrome(i + 1):
                joins[i] = "unwrap:dangling_word"

        edits = []
        for i, rule in sorted(joins.items()):
            line_end = starts[i] + len(lines[i])  # not `end`: the closures above read that list
            kept = lines[i].rstrip()
            cut = starts[i] + len(kept)
            nxt = lines[i + 1].lstrip()
            a, b = kept[-1:], nxt[:1]
            if (a >= "\u3000" and is_cjk(a)) or (b >= "\u3000" and is_cjk(b)):
                edits.append(Edit(cut, line_end + 1, rule, ""))  # CJK: no spaces between characters
            elif a == "-" and kept[-2:-1].isalnum() and b.isalnum() and not (kept[-2:-1].isalpha() and b.islower()):
                # a compound broken at its hyphen before a capital or a digit ("Anglo-" /
                # "American", "10-" / "year-old", "COVID-" / "19"): no syllable break does that
                edits.append(Edit(cut, line_end + 1, rule, ""))
            elif a == "-" and kept[-2:-1].isalpha() and b.islower():
                # a word broken at its hyphen: the hyphen goes only where the page spells the
                # word unbroken elsewhere
                head = _HYPHEN_WORD.findall(kept[:-1])
                tail = _HYPHEN_WORD.match(nxt)
                whole = (head[-1] + tail.group()).lower() if head and tail else ""
                if whole and regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(whole)}(?![\p{{L}}\p{{M}}])", text, regex.I):
                    edits.append(Edit(cut - 1, line_end + 1, rule, ""))
                else:
                    edits.append(Edit(cut, line_end + 1, rule, ""))
            else:
                edits.append(Edit(cut, line_end + 1, rule, " "))
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
        if not s or " " in s or len(s) > self.dangling_max_chars:
            return False
        if s[0] >= "\u3000" and is_cjk(s[0]):
            return _CJK_FIRST_WORD.fullmatch(s) is not None
        if not _FIRST_WORD.fullmatch(s):
            return False
        return s.lower() not in NOT_DANGLING

    @staticmethod
    def _widths(length: list[int], first: list[int], i: int, j: int) -> tuple[int, int]:
        """The interval of wrap widths that could have produced lines i..j."""
        lo = max(length[i : j + 1])
        hi = min(length[t] + first[t + 1] for t in range(i, j))
        return lo, hi

    def _reads_on(self, stopping: list[bool], going: list[bool], last: str) -> int:
        """Does a run read as one paragraph going on (not verse, a list, stacked titles)?

        ``stopping`` says, for each line break, whether the paragraph could end there, ``going``
        whether the sentence plainly goes on. A wrapped paragraph has few breaks of the first
        kind (a sentence ends exactly at the margin now and then); stacked one-line units have
        nothing else. A run may stop at half of its breaks at most (a two-line run at none, and
        it must end like a paragraph). It is joined on its own if at least one break plainly
        goes on; otherwise it is a weak candidate (see :meth:`edit`).
        """
        stops = sum(stopping)
        if len(stopping) == 1:
            if stops or not (going[0] or last in _ENDS_PARAGRAPH):
                return _NO
        elif stops * 2 > len(stopping):
            return _NO
        return _STRONG if any(going) else _WEAK
