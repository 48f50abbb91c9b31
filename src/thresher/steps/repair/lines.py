"""Line-level helpers shared by the repair and boilerplate steps.

Text is treated as a sequence of lines separated by ``"\\n"`` (the unicode step has already turned
CRLF and CR into LF). Steps that remove lines remove each line *with* its terminator, and take
the blank lines that the removal leaves stranded (at an edge of the page, or doubled up) into the
same edit, so the result keeps paragraphs separated exactly as before and no rule needs a
clean-up rule of its own.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Sequence

from thresher.document import Edit


def split_lines(text: str) -> tuple[list[str], list[int]]:
    """Lines of ``text`` (without terminators) and the offset where each starts.

    A final ``"\\n"`` ends the last line rather than starting an empty one.
    """
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    return lines, starts


def line_span(text: str, lines: Sequence[str], starts: Sequence[int], i: int) -> tuple[int, int]:
    """Offsets of line ``i`` including its terminator (the last line may have none)."""
    s = starts[i]
    return s, min(s + len(lines[i]) + 1, len(text))


def removal_edits(text: str, lines: Sequence[str], starts: Sequence[int], rules: dict[int, str]) -> list[Edit]:
    """Edits that remove the lines in ``rules`` (line index -> rule name).

    Blank lines stranded by the removal are removed too, under the rule of the removed line next to
    them: a blank line stays only if, among the lines that stay, a non-blank line comes before it
    and after it and it is not the second of two blank lines.
    """
    if not rules:
        return []
    n = len(lines)
    blank = [not line.strip() for line in lines]
    removed: dict[int, str] = dict(rules)
    # Is there a kept non-blank line after i? (suffix scan, once)
    later = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        later[i] = later[i + 1] or (not blank[i] and i not in removed)
    # Nearest removal after each line, through kept blank lines only (a kept non-blank line ends
    # the search). One backward pass: a stranded blank line's rule is then found in O(1), so a page
    # of 20,000 blank lines costs 20,000 steps, not 20,000 squared.
    after: list[str | None] = [None] * n
    nxt: str | None = None
    for i in range(n - 1, -1, -1):
        after[i] = nxt
        if i in removed:
            nxt = removed[i]
        elif not blank[i]:
            nxt = None
    # The same before each line, kept up while scanning forward (it sees the blank lines this
    # scan removes, as the rule of a blank line removed just above is its neighbour's).
    before: str | None = None
    prev_kept_blank = True  # start of text behaves like a blank line: no leading blank lines
    for i in range(n):
        if i in removed:
            before = removed[i]
            continue
        if blank[i]:
            if prev_kept_blank or not later[i + 1]:
                # Stranded: name it after the neighbouring removal, if any (else leave it: it was
                # like that before this step, and tidying it is not this step's business).
                rule = before if before is not None else after[i]
                if rule is not None:
                    removed[i] = rule
                    before = rule
                    continue
            prev_kept_blank = True
        else:
            prev_kept_blank = False
            before = None
    # Coalesce consecutive lines with the same rule into one edit.
    edits: list[Edit] = []
    run_rule = None
    run_start = run_end = 0
    for i in sorted(removed):
        s, e = line_span(text, lines, starts, i)
        rule = removed[i]
        if run_rule == rule and s == run_end:
            run_end = e
            continue
        if run_rule is not None:
            edits.append(Edit(run_start, run_end, run_rule))
        run_rule, run_start, run_end = rule, s, e
    if run_rule is not None:
        edits.append(Edit(run_start, run_end, run_rule))
    # Removing the last line of a text that ended without a newline leaves the previous line's
    # newline as the new ending, which is what we want: the page still ends with a line break.
    return edits
