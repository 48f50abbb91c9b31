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
* :func:`label_repeats`: repeated lines that label distinct content (a structured article's
  section headings, ``See it now: Amazon`` under each product, ``Distance:`` lines): the
  repetition rules count them as a page's template, not as text printed twice.
"""

from __future__ import annotations

import re
from collections import Counter

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


#: A repeated line of at most this many words can be a label (a heading, a "key: value" line).
LABEL_WORDS = 8
#: A label is a template's: the same line over at least this many parts. A line seen twice may as
#: well be a copy ("Related stories" above and below the body, a heading and its table of contents).
LABEL_MIN_COPIES = 3
#: At most this many repeated lines in a row can be labels (a heading, or an item's few tags:
#: company, place, date); a longer run is a block printed twice (a menu at the top and bottom).
LABEL_RUN = 3


def label_repeats(lines: list[str]) -> set[int]:
    """Indexes of the occurrences of repeated lines that label distinct content: a run of at
    most ``LABEL_RUN`` consecutive repeated lines, each of at most ``LABEL_WORDS`` words and found
    at least ``LABEL_MIN_COPIES`` times on the page, no line twice in the run, with a line that
    occurs once on the page right above it and, right below it, one that occurs once and is
    mostly sentences (:func:`mostly_sentences`): the prose the label introduces. The same heading
    over each section of a structured article is template, not repetition; a line printed twice in a row, a menu block repeated, a "Read more" or
    "Share" between teasers and links, or a page of nothing but repeated lines is not."""
    counts = Counter(lines)
    if len(counts) == len(lines):
        return set()
    labels: set[int] = set()
    i, n = 0, len(lines)
    while i < n:
        if counts[lines[i]] == 1:
            i += 1
            continue
        j = i
        while j < n and counts[lines[j]] > 1:
            j += 1
        run = lines[i:j]
        if (j - i <= LABEL_RUN and i > 0 and j < n and len(set(run)) == len(run)
                and all(len(line.split()) <= LABEL_WORDS and counts[line] >= LABEL_MIN_COPIES for line in run)
                and mostly_sentences(lines[j])):
            labels.update(range(i, j))
        i = j
    return labels


def repeats_outside_labels(lines: list[str]) -> tuple[int, int]:
    """(lines equal to an earlier line, their characters), label occurrences
    (:func:`label_repeats`) not counted: Gopher's and FineWeb's duplicate-line counts, read as
    prose is written."""
    labels = label_repeats(lines)
    seen: set[str] = set()
    dups = chars = 0
    for i, line in enumerate(lines):
        if line in seen:
            if i not in labels:
                dups += 1
                chars += len(line)
        else:
            seen.add(line)
    return dups, chars
