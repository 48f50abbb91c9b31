"""Unicode and whitespace repair: mojibake, control and invisible characters, odd spaces, line
endings, trailing spaces, blank-line runs and the page's edges.

Every change is its own small :class:`Edit` (a changed line is trimmed to the characters that
actually differ), so ``thresher explain`` marks exactly what was repaired:

``unicode:mojibake``        text decoded with the wrong codec (fixed with ftfy, line by line, only
                            on lines ftfy's own detector flags)
``unicode:control_char``    C0/C1 control characters and DEL (tab is kept)
``unicode:invisible``       zero-width space, byte-order mark, soft hyphen, word joiner
``unicode:nbsp``            no-break and fixed-width spaces turned into a plain space
``whitespace:line_ending``  CRLF and CR turned into LF
``whitespace:trailing``     spaces and tabs at the end of a line
``whitespace:blank_lines``  runs of blank lines collapsed to one
``whitespace:edges``        blank lines (and blank-ish whitespace) at the start and end of the page
``whitespace:final_newline`` a page whose last line has no line break gets one

Clean pages (the common case) cost a handful of whole-text regex scans and no per-line work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import ftfy
from ftfy.badness import is_bad

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

# Whitespace a line may end with that is not content. Odd spaces count: "text\u00a0" ends in space.
_TRAIL = f" \t{_ODD_SPACE}{_INVISIBLE}"
# Anything that needs the per-line pass. A clean page matches none of these.
_NEEDS_LINE_WORK = re.compile(_cls("\r" + _CONTROL + _INVISIBLE + _ODD_SPACE) + r"|[ \t]$|\n[ \t]*\n[ \t]*\n", re.M)


@dataclass
class UnicodeRepair(Editor):
    name = "unicode"
    #: Fix mojibake with ftfy (lines that ftfy's detector flags only).
    fix_mojibake: bool = True
    #: Collapse runs of blank lines to a single blank line.
    collapse_blank_lines: bool = True
    #: Remove blank lines at the start and end of the page and end it with exactly one newline.
    tidy_edges: bool = True

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        mojibake = self.fix_mojibake and not text.isascii() and is_bad(text)
        if not mojibake and not _NEEDS_LINE_WORK.search(text):
            return self._edges_only(text)
        return self._line_pass(text, mojibake)

    # -- the common case: nothing inside the page to repair ---------------------------------
    def _edges_only(self, text: str) -> list[Edit]:
        if not self.tidy_edges:
            return []
        edits = []
        body = text.strip(" \t\n")
        if not body:
            return [Edit(0, len(text), "whitespace:edges")] if text else []
        # Leading blank lines (not leading spaces of the first line: they may be indentation).
        lead = len(text) - len(text.lstrip(" \t\n"))
        lead = text.rfind("\n", 0, lead) + 1
        if lead:
            edits.append(Edit(0, lead, "whitespace:edges"))
        end = len(text.rstrip(" \t\n"))
        tail = text[end:]
        if tail != "\n":
            if tail.startswith("\n"):
                edits.append(Edit(end + 1, len(text), "whitespace:edges"))
            elif tail:
                # Trailing spaces of the last line, then the extra blank lines.
                nl = tail.find("\n")
                if nl < 0:
                    edits.append(Edit(end, len(text), "whitespace:trailing", ""))
                    edits.append(Edit(len(text), len(text), "whitespace:final_newline", "\n"))
                else:
                    edits.append(Edit(end, end + nl, "whitespace:trailing"))
                    if end + nl + 1 < len(text):
                        edits.append(Edit(end + nl + 1, len(text), "whitespace:edges"))
            else:
                edits.append(Edit(len(text), len(text), "whitespace:final_newline", "\n"))
        return edits

    # -- the general case --------------------------------------------------------------------
    def _line_pass(self, text: str, mojibake: bool) -> list[Edit]:
        edits: list[Edit] = []
        # Lines with their terminators, whatever the line-ending convention.
        pos = 0
        n = len(text)
        blank_run_start = -1  # offset where the current run of blank lines starts
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
                if not seen_content and tidy:
                    pass  # leading: removed as a whole below
                elif blank_run_lines == 0:
                    blank_run_start = start
                blank_run_lines += 1
                if seen_content and blank_run_lines > 1 and self.collapse_blank_lines:
                    edits.append(Edit(start, m.end(), "whitespace:blank_lines"))
                elif seen_content and content:
                    edits.append(Edit(start, content_end, "whitespace:trailing"))
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
            if core_end < content_end:
                edits.append(Edit(core_end, content_end, "whitespace:trailing"))
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
        if mojibake and not core.isascii() and is_bad(core):
            fixed = ftfy.fix_encoding(core)
            if fixed != core:
                edits.extend(_diff_edits(core, _fix_chars(fixed), start))
                return
        for cm in _CHAR_RE.finditer(core):
            rule, repl = _CHAR_RULE[cm.lastgroup]
            if repl is None:
                repl = " " * (cm.end() - cm.start())
            edits.append(Edit(start + cm.start(), start + cm.end(), rule, repl))


# One line: its content (no CR/LF) and its terminator ("" for a last line without one).
_LINE_RE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


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
