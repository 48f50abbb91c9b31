"""What the rule sets read as prose when they judge sentences and lines (``prose_lines``, on by
default in C4 and FineWeb; off, each rule set reads lines exactly as its reference does).

Web pages are written with typographic quotes, and layouts run headings, captions and cell labels
into the end of a paragraph's line; tables come out of extraction as ``| cell | cell |`` rows.
The reference implementations read a line as prose only when its very last character is an
ASCII terminal mark or quote, so a real article whose lines end in ``.”`` or ``(AFP)``, or whose
body sits on one line after a layout's label, reads as a page without sentences.

* :func:`ends_sentence`: a line ends a sentence when it ends in a terminal mark, optionally
  followed by closing brackets and quotes (ASCII or typographic), and not in an ellipsis.
* :func:`complete_sentences`: the part of a line up to the last terminal mark (with its
  closers) that whitespace follows: the line's complete sentences ahead of a trailing fragment.
* :func:`is_table_row`: a line of a table as the ``extract`` step writes data tables
  (``| a | b |``): cells, not sentences; the line rules leave such rows out.
"""

from __future__ import annotations

import re

from thresher.text.chars import TERMINAL_PUNCTUATION

ELLIPSIS = "..."
#: what may close a sentence after its terminal mark
CLOSERS = ")]\"'\u201d\u2019\u00bb"
_LAST_SENTENCE_END = re.compile(r"^.*[.?!][)\]\"'\u201d\u2019\u00bb]*(?=\s)", re.DOTALL)


def ends_sentence(line: str, marks: frozenset[str] | tuple[str, ...] = TERMINAL_PUNCTUATION) -> bool:
    """``line`` (stripped) ends in one of ``marks``, after any closing brackets and quotes, and
    not in ``...``."""
    core = line.rstrip(CLOSERS)
    if not core or core.endswith(ELLIPSIS):
        return False
    if isinstance(marks, tuple):
        return core.endswith(marks)
    return core[-1] in marks


def complete_sentences(line: str) -> str:
    """``line`` up to and with its last complete sentence, '' when it holds none."""
    m = _LAST_SENTENCE_END.match(line)
    if m is None:
        return ""
    head = m.group(0).rstrip()
    return "" if head.rstrip(CLOSERS).endswith(ELLIPSIS) else head


def is_table_row(line: str) -> bool:
    s = line.strip()
    return len(s) > 1 and s[0] == "|" and s[-1] == "|"


def mostly_sentences(line: str, marks: frozenset[str] = TERMINAL_PUNCTUATION) -> bool:
    """``line`` ends a sentence, or its complete sentences hold at least half of it."""
    s = line.strip()
    if ends_sentence(s, marks):
        return True
    head = complete_sentences(s)
    return bool(head) and 2 * len(head) >= len(s)
