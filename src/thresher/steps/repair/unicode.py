"""Unicode and whitespace repair: mojibake, control and invisible characters, odd spaces, line
endings, trailing spaces, blank-line runs and the page's edges.

Every change is its own small :class:`Edit` (a changed line is trimmed to the characters that
actually differ), so ``thresher explain`` marks exactly what was repaired:

``unicode:mojibake``        text decoded with the wrong codec ("cafÃ©", "Â£5"), fixed with ftfy word
                            by word, only on words that hold a UTF-8-read-as-cp1252 byte pair and
                            that ftfy's own detector flags
``unicode:control_char``    C0/C1 control characters and DEL (tab is kept)
``unicode:invisible``       zero-width space, byte-order mark, soft hyphen, word joiner
``unicode:nbsp``            no-break and fixed-width spaces turned into a plain space
``whitespace:line_ending``  CRLF and CR turned into LF
``whitespace:trailing``     spaces and tabs at the end of a line
``whitespace:blank_lines``  runs of blank lines collapsed to one
``whitespace:edges``        blank lines (and blank-ish whitespace) at the start and end of the page
``whitespace:final_newline`` a page whose last line has no line break gets one

Clean pages (the common case) cost a handful of whole-text scans (regexes of one character class,
``str.find``) and no per-line work. Pages with CR line endings take a slower line-by-line pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from thresher.document import Document, Edit
from thresher.steps.base import Editor

# Characters replaced one by one, with the rule that names the change. Tab, LF and CR are not
# here: CR is a line ending (handled per line), tab is real content (code, tables).
# Sets are spelled out (not regex ranges) because they also feed str.rstrip.
_CONTROL = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
_ODD_SPACE = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f"


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_CHAR_RE = re.compile(f"(?P<control>{_cls(_CONTROL)}+)|(?P<invisible>{_cls(_INVISIBLE)}+)|(?P<nbsp>{_cls(_ODD_SPACE)}+)")
_CHAR_RULE = {"control": ("unicode:control_char", ""), "invisible": ("unicode:invisible", ""), "nbsp": ("unicode:nbsp", None)}

# What a line may end with that is not content. Odd spaces count: "text\u00a0" ends in space; so
# do invisible and control characters, which this step removes anyway: "text \u200b" must lose
# its space too, or a second run would find a trailing space (the step must be idempotent).
_TRAIL = f" \t{_ODD_SPACE}{_INVISIBLE}{_CONTROL}"
_WS = "\n" + _TRAIL
_SPACE_CLS = _cls(_TRAIL)
_SPACES_RE = re.compile(_SPACE_CLS + "+")
# What the body scan repairs, in priority order: runs of blank lines, spaces at the end of a
# line, then single characters (each a separate scan: one alternation is several times slower).
_BLANK_RE = re.compile(rf"\n((?:{_SPACE_CLS}*\n)+)")
_BLANKISH = "\n "
_TRAIL_RE = re.compile(_SPACE_CLS + r"+(?=\n)")
# One character class is many times faster to scan for than an alternation of three.
_CHARS_RE = re.compile(_cls(_CONTROL + _INVISIBLE + _ODD_SPACE) + "+")
_KIND = {**{c: "control" for c in _CONTROL}, **{c: "invisible" for c in _INVISIBLE}, **{c: "nbsp" for c in _ODD_SPACE}}
# UTF-8 read as Latin-1 or cp1252 leaves a lead byte (Â..ô) before a continuation byte (U+0080..
# U+00BF, or the cp1252 letters those bytes become). Only words with such a pair go to ftfy.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Control or invisible characters between the two ("Ã\u200b©") hide the pair until they are gone,
# so they are looked through (else a second run would find mojibake the first one missed).
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]" + _cls(_CONTROL + _INVISIBLE) + "*" + _cls("".join(map(chr, range(0x80, 0xC0))) + _CP1252_HIGH))


@dataclass
class UnicodeRepair(Editor):
    name = "unicode"
    #: Fix mojibake with ftfy (only words that look like it).
    fix_mojibake: bool = True
    #: Collapse runs of blank lines to a single blank line.
    collapse_blank_lines: bool = True
    #: Remove blank lines at the start and end of the page and end it with exactly one newline.
    tidy_edges: bool = True

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "\r" in text:  # old Mac or Windows line endings: the line-by-line pass handles them
            return self._line_pass(text, self.fix_mojibake and _MOJIBAKE_HINT.search(text) is not None)
        edits: list[Edit] = []
        # Edges first: the body scanned below is what lies between them.
        lo, hi = self._edges(text, edits)
        if lo >= hi:
            return edits
        # Mojibake is local to a word: each word holding a suspicious pair goes to ftfy alone.
        own: list[tuple[int, int]] = []  # spans repaired here
        if self.fix_mojibake and not text.isascii():
            for m in _MOJIBAKE_HINT.finditer(text, lo, hi):
                if own and m.start() < own[-1][1]:
                    continue
                ws = m.start()  # the word around the hint, bounded by any whitespace (NBSP too)
                while ws > lo and not _breaks(text[ws - 1]):
                    ws -= 1
                we = m.end()
                while we < hi and not _breaks(text[we]):
                    we += 1
                word = text[ws:we].rstrip(_TRAIL)
                probe = _fix_chars(word)  # judged and fixed as it reads once its junk is gone
                if not _is_bad(probe):
                    continue
                fixed = _fix_encoding(probe)
                if fixed != probe:
                    edits.extend(_diff_edits(word, _fix_chars(fixed), ws))
                    own.append((ws, ws + len(word)))
        claimed = [(a, b) for a, b in own]  # spans already handled, by priority
        chars = _has_junk(text, lo, hi)
        # Runs of blank lines (a blank line holding spaces or junk, or two blank lines and more).
        blanks = []
        if chars or "\n\n" in text or _BLANKISH in text or "\n\t" in text:
            for m in _BLANK_RE.finditer(text, lo, hi):
                s, e = m.start(1), m.end(1)
                if e - s == 1:
                    continue  # one empty line between paragraphs: fine
                if self.collapse_blank_lines:
                    blanks.append(Edit(s, e - 1, "whitespace:blank_lines"))  # keep one empty line
                else:
                    for x in _SPACES_RE.finditer(text, s, e):
                        blanks.extend(_trail_edits(text, x.start(), x.end()))
        edits.extend(_outside(blanks, claimed))
        claimed = sorted(claimed + [(e.start, e.end) for e in blanks])
        # Spaces at the end of a line (whitespace-only lines were handled just above).
        trails = []
        if chars:  # odd spaces, invisible and control characters may end a line too: the regex scan
            for m in _TRAIL_RE.finditer(text, lo, hi):
                if text[m.start() - 1] != "\n":
                    trails.extend(_trail_edits(text, m.start(), m.end()))
        else:  # only spaces and tabs can: find their line breaks (many times faster)
            ends = _line_ends_after(text, " \n", lo, hi) + _line_ends_after(text, "\t\n", lo, hi)
            for nl in sorted(ends):
                k = nl - 1
                while k > lo and text[k - 1] in " \t":
                    k -= 1
                if text[k - 1] != "\n":
                    trails.append(Edit(k, nl, "whitespace:trailing"))
        edits.extend(_outside(trails, claimed))
        claimed = sorted(claimed + [(e.start, e.end) for e in trails])
        if chars:
            found = []
            for m in _CHARS_RE.finditer(text, lo, hi):
                # A run may straddle a repaired word's edge ("\x01\x85" + "\x01bÃ©"): keep its
                # part outside, else that part would survive to a second run.
                for a, b in _unclaimed(m.start(), m.end(), claimed):
                    found.extend(_char_edits(text[a:b], a))
            edits.extend(_outside(found, claimed))
        return edits

    def _edges(self, text: str, edits: list[Edit]) -> tuple[int, int]:
        """Edits for the page's edges; returns the body span [lo, hi) left to scan: from the
        start of the first non-blank line to the end of the last non-blank character."""
        n = len(text)
        body_start = n - len(text.lstrip(_WS))
        if body_start == n:  # nothing but whitespace
            if n and self.tidy_edges:
                edits.append(Edit(0, n, "whitespace:edges"))
            return 0, 0
        lo = text.rfind("\n", 0, body_start) + 1
        hi = len(text.rstrip(_WS))
        if not self.tidy_edges:
            return 0, n
        if lo:
            edits.append(Edit(0, lo, "whitespace:edges"))
        nl = text.find("\n", hi)
        if nl < 0:
            edits.extend(_trail_edits(text, hi, n))
            edits.append(Edit(n, n, "whitespace:final_newline", "\n"))
        else:
            edits.extend(_trail_edits(text, hi, nl))
            if nl + 1 < n:
                edits.append(Edit(nl + 1, n, "whitespace:edges"))
        return lo, hi

    # -- the general case --------------------------------------------------------------------
    def _line_pass(self, text: str, mojibake: bool) -> list[Edit]:
        edits: list[Edit] = []
        # Lines with their terminators, whatever the line-ending convention.
        n = len(text)
        blank_run_lines = 0
        seen_content = False
        last_content_end = -1  # offset just after the last non-blank line's terminator
        tidy = self.tidy_edges
        for m in _LINE_RE.finditer(text):
            if m.start() == n and m.start() > 0:
                break  # the empty match at the very end
            content, term = m.group(1), m.group(2)
            start = m.start()
            content_end = start + len(content)
            stripped = content.rstrip(_TRAIL)
            if not stripped.strip():
                # A blank line (possibly made of spaces or junk): keep as "" or remove.
                blank_run_lines += 1  # leading ones (before any content) are removed as a whole below
                if seen_content and blank_run_lines > 1 and self.collapse_blank_lines:
                    edits.append(Edit(start, m.end(), "whitespace:blank_lines"))
                elif seen_content and content:
                    edits.extend(_trail_edits(text, start, content_end))
                    self._line_ending(edits, content_end, term)
                elif seen_content:
                    self._line_ending(edits, content_end, term)
                continue
            if not seen_content:
                seen_content = True
                if tidy and start > 0:
                    edits.append(Edit(0, start, "whitespace:edges"))
            blank_run_lines = 0
            core_end = start + len(stripped)
            self._fix_core(edits, stripped, start, mojibake)
            edits.extend(_trail_edits(text, core_end, content_end))
            self._line_ending(edits, content_end, term)
            last_content_end = m.end()
        if not seen_content:
            return [Edit(0, n, "whitespace:edges")] if (n and tidy) else []
        if tidy:
            # Drop edits after the last content line (trailing blank lines) and remove them whole.
            if last_content_end < n:
                edits = [e for e in edits if e.start < last_content_end]
                edits.append(Edit(last_content_end, n, "whitespace:edges"))
            elif not text.endswith(("\n", "\r")):
                edits.append(Edit(n, n, "whitespace:final_newline", "\n"))
        return edits

    @staticmethod
    def _line_ending(edits: list[Edit], at: int, term: str) -> None:
        if term == "\r\n":
            edits.append(Edit(at, at + 1, "whitespace:line_ending"))
        elif term == "\r":
            edits.append(Edit(at, at + 1, "whitespace:line_ending", "\n"))

    @staticmethod
    def _fix_core(edits: list[Edit], core: str, start: int, mojibake: bool) -> None:
        probe = _fix_chars(core) if mojibake and not core.isascii() else ""
        if probe and _is_bad(probe):
            fixed = _fix_encoding(probe)
            if fixed != probe:
                edits.extend(_diff_edits(core, _fix_chars(fixed), start))
                return
        for cm in _CHAR_RE.finditer(core):
            rule, repl = _CHAR_RULE[cm.lastgroup]
            if repl is None:
                repl = " " * (cm.end() - cm.start())
            edits.append(Edit(start + cm.start(), start + cm.end(), rule, repl))


# One line: its content (no CR/LF) and its terminator ("" for a last line without one).
_LINE_RE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


# The junk characters below U+0100, as bytes: most pages are one-byte text.
_LATIN1_JUNK = bytes(c for c in range(256) if chr(c) in _CONTROL + _INVISIBLE + _ODD_SPACE)


def _has_junk(text: str, lo: int, hi: int) -> bool:
    """Does text[lo:hi] hold a control, invisible or odd-space character (``_CHARS_RE.search``)?"""
    try:
        raw = text[lo:hi].encode("latin-1")
    except UnicodeEncodeError:
        return _CHARS_RE.search(text, lo, hi) is not None
    # deleting bytes through a table is one C pass, several times faster than the regex scan
    return len(raw.translate(None, _LATIN1_JUNK)) != len(raw)


def _line_ends_after(text: str, pair: str, lo: int, hi: int) -> list[int]:
    """Offsets of the line breaks in text[lo:hi] that follow ``pair[0]``."""
    out = []
    k = text.find(pair, lo, hi + 1)
    while k >= 0:
        out.append(k + 1)
        k = text.find(pair, k + 2, hi + 1)
    return out


def _trail_edits(text: str, s: int, e: int) -> list[Edit]:
    """Edits removing text[s:e], the end of a line: control and invisible characters under their
    own rule (so ``explain`` names them), spaces of any width as ``whitespace:trailing``."""
    if s >= e:
        return []
    out: list[Edit] = []
    for i, j, kind in _kind_runs(text, s, e):
        rule = _CHAR_RULE[kind][0] if kind in ("control", "invisible") else "whitespace:trailing"
        if out and out[-1].rule == rule:  # plain and odd spaces side by side: one edit
            out[-1] = Edit(out[-1].start, j, rule)
        else:
            out.append(Edit(i, j, rule))
    return out


def _kind_runs(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """text[s:e] cut into runs of one kind ("control", "invisible", "nbsp" or "space")."""
    out = []
    i = s
    while i < e:
        kind = _KIND.get(text[i], "space")
        j = i + 1
        while j < e and _KIND.get(text[j], "space") == kind:
            j += 1
        out.append((i, j, kind))
        i = j
    return out


def _char_edits(run: str, start: int) -> list[Edit]:
    """Edits for a run of control, invisible and odd-space characters, one per kind."""
    out = []
    i = 0
    while i < len(run):
        kind = _KIND[run[i]]
        j = i + 1
        while j < len(run) and _KIND[run[j]] == kind:
            j += 1
        rule, repl = _CHAR_RULE[kind]
        out.append(Edit(start + i, start + j, rule, " " * (j - i) if repl is None else repl))
        i = j
    return out


# ftfy is imported by the first word that looks like mojibake (0.04 s a process without one saves).
def _is_bad(s: str) -> bool:
    from ftfy.badness import is_bad

    return is_bad(s)


def _fix_encoding(s: str) -> str:
    from ftfy import fix_encoding

    return fix_encoding(s)


def _fix_chars(s: str) -> str:
    def sub(m: re.Match) -> str:
        return " " * len(m.group()) if m.lastgroup == "nbsp" else ""

    return _CHAR_RE.sub(sub, s)


def _diff_edits(core: str, fixed: str, start: int) -> list[Edit]:
    """Small edits turning ``core`` into ``fixed``: one per changed stretch, each named by what it
    fixed (a stretch that only held control characters or odd spaces keeps that rule's name)."""
    a, b = _diff_bounds(core, fixed)
    if len(core) - a - b > _MAX_DIFF:
        return [Edit(start + a, start + len(core) - b, "unicode:mojibake", fixed[a : len(fixed) - b])]
    out = []
    sm = SequenceMatcher(None, core[a : len(core) - b], fixed[a : len(fixed) - b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        old = core[a + i1 : a + i2]
        m = _CHAR_RE.fullmatch(old)
        rule = _CHAR_RULE[m.lastgroup][0] if m else "unicode:mojibake"
        out.append(Edit(start + a + i1, start + a + i2, rule, fixed[a + j1 : a + j2]))
    return out


# Above this many differing characters a line gets one edit rather than a character diff.
_MAX_DIFF = 2000


def _diff_bounds(a: str, b: str) -> tuple[int, int]:
    """Length of the common prefix and of the common suffix (not overlapping it) of a and b."""
    p = 0
    m = min(len(a), len(b))
    while p < m and a[p] == b[p]:
        p += 1
    s = 0
    while s < m - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


def _breaks(c: str) -> bool:
    """Does c end a word? Whitespace does, but not the control characters Python counts as
    whitespace (NEL, the separators \x1c-\x1f): this step removes them, joining their sides."""
    return c.isspace() and c not in _CONTROL


def _unclaimed(s: int, e: int, claimed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [s, e) outside the claimed spans (sorted)."""
    out = []
    for a, b in claimed:
        if b <= s or a >= e:
            continue
        if a > s:
            out.append((s, a))
        s = max(s, b)
    if s < e:
        out.append((s, e))
    return out


def _outside(edits: list[Edit], claimed: list[tuple[int, int]]) -> list[Edit]:
    """The edits (sorted) that overlap none of the claimed spans (sorted)."""
    if not claimed:
        return edits
    out, k = [], 0
    for e in edits:
        while k < len(claimed) and claimed[k][1] <= e.start:
            k += 1
        if k < len(claimed) and claimed[k][0] < e.end:
            continue
        out.append(e)
    return out
