"""C4 line rules (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
Text-to-Text Transformer", Section 2.2), as TensorFlow Datasets' c4_utils and datatrove apply them.

Each line (``str.splitlines``, stripped) is judged in this order, and the first rule that
applies decides: a word longer than ``max_word_length`` (line dropped); Wikipedia-style citation
marks ``[1]`` ``[edit]`` ``[citation needed]`` removed; no terminal punctuation ``. ? ! " '`` or an
ending ``...`` (line dropped); fewer than ``min_words_per_line`` whitespace-separated words
(line dropped); "lorem ipsum" (page dropped); "javascript" (line dropped); a curly bracket
(page dropped); a policy phrase such as "terms of use" or "uses cookies" (line dropped).
The page is dropped when the kept lines hold fewer than ``min_sentences`` sentences.

Because the page-level rules are checked only on lines that survived the earlier line rules,
a curly bracket in a line without terminal punctuation does not drop the page: that is how C4
defines it, and thresher keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from thresher.kernels import kernel
from thresher.steps.quality.signals.prose import complete_sentences, ends_sentence, is_table_row
from thresher.steps.quality.view import TextView

CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
END_PUNCTUATION = (".", "?", "!", '"', "'")
ELLIPSIS = "..."
PROSE_MARKS = (".", "?", "!")  # C4's marks, with prose_lines after closing quotes and brackets
POLICY_PHRASES = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")

@dataclass(frozen=True, slots=True)
class C4Options:
    remove_citations: bool = True
    filter_no_terminal_punct: bool = True
    min_words_per_line: int | None = 3
    max_word_length: int | None = 1000
    filter_lorem_ipsum: bool = True
    filter_javascript: bool = True
    filter_curly_bracket: bool = True
    filter_policy: bool = True
    prose_lines: bool = False


# What can happen to a line, in the order C4 checks; lorem_ipsum and curly_bracket drop the page.
LINE_RULES = ("long_word", "no_terminal_punct", "too_few_words", "lorem_ipsum", "javascript", "curly_bracket", "policy")


def judge_lines(view: TextView, opt: C4Options) -> tuple[list[str | None], list[str], set[int]]:
    """For each line of ``view.lines``: the rule that removes it, or None; the kept lines
    (stripped, citations removed; with ``prose_lines``, a line that does not end a sentence is
    kept as its complete sentences, if any) in order; and the indices of kept lines whose text
    differs from the line's (citation marks removed, a trailing fragment cut): their tokens
    differ from the text's."""
    verdicts: list[str | None] = []
    kept: list[str] = []
    cited: set[int] = set()
    max_len = opt.max_word_length
    min_words = opt.min_words_per_line
    prose = opt.prose_lines
    for i, raw in enumerate(view.lines):
        line = raw.strip()
        if max_len is not None and len(line) > max_len and max(map(len, line.split())) > max_len:
            verdicts.append("long_word")
            continue
        had_citation = False
        if opt.remove_citations and "[" in line:
            stripped = CITATION.sub("", line)
            had_citation = stripped != line
            line_c = stripped
        else:
            line_c = line
        if opt.filter_no_terminal_punct and prose and is_table_row(line_c):
            verdicts.append("no_terminal_punct")  # a row's cells are not sentences
            continue
        if opt.filter_no_terminal_punct and not (
            line_c.endswith(END_PUNCTUATION) and not line_c.endswith(ELLIPSIS)
            or prose and ends_sentence(line_c, PROSE_MARKS)
        ):
            head = complete_sentences(line_c) if prose else ""
            if not head:
                verdicts.append("no_terminal_punct")
                continue
            # the line's complete sentences are kept (its tokens differ from the text's)
            line, line_c, had_citation = head, head, True
        # words are counted before citation removal, as C4 does
        if min_words is not None and len(line.split(None, min_words)) < min_words:
            verdicts.append("too_few_words")
            continue
        low = line_c.lower()
        if opt.filter_lorem_ipsum and "lorem ipsum" in low:
            verdicts.append("lorem_ipsum")
            continue
        if opt.filter_javascript and "javascript" in low:
            verdicts.append("javascript")
            continue
        if opt.filter_curly_bracket and "{" in line_c:
            verdicts.append("curly_bracket")
            continue
        # every policy phrase holds "cookie", "terms of use" or "privacy policy": test those first
        if opt.filter_policy and ("cookie" in low or "terms of use" in low or "privacy policy" in low) and any(
            p in low for p in POLICY_PHRASES
        ):
            verdicts.append("policy")
            continue
        verdicts.append(None)
        kept.append(line_c)
        if had_citation:
            cited.add(i)
    return verdicts, kept, cited


def count_sentences(lines: list[str]) -> int:
    """Sentences in ``lines``; every line starts a new sentence. Sentences split where a terminal
    mark is followed by a token that is not punctuation (the rule of spaCy's sentencizer, with
    which datatrove counts C4's sentences)."""
    total = 0
    for line in lines:
        view = TextView(line)
        if view.n_tokens:
            total += sentences_in_lines(view, np.ones(1, dtype=bool))
    return total


def sentences_in_lines(view: TextView, kept_lines: np.ndarray) -> int:
    """Sentences in the lines of ``view`` marked in ``kept_lines`` (a bool per line): each line
    is one sentence plus one per non-punctuation token that follows a terminal mark since the
    line's previous non-punctuation token (0 when the kept lines hold no token at all)."""
    table = view.table
    return _sentences(table.line, table.is_terminal, table.is_punct, kept_lines)


@kernel
def _sentences(line, is_terminal, is_punct, kept):
    # One pass over the tokens (ascending lines), compiled: numpy's per-call costs, a dozen
    # calls per page, were most of this count's time.
    size = kept.size
    n_lines = 0
    for k in kept:
        n_lines += k
    breaks = 0
    tokens_in_kept = 0
    pending = False  # a terminal mark since the line's previous non-punctuation token
    current = -1
    for t in range(line.size):
        li = line[t]
        if li != current:
            current = li
            pending = False
        if li >= size or not kept[li]:
            continue
        tokens_in_kept += 1
        if is_punct[t]:
            if is_terminal[t]:
                pending = True
        else:
            if pending:
                breaks += 1
            pending = False
    return n_lines + breaks if tokens_in_kept else 0


def c4_signals(view: TextView, opt: C4Options) -> dict[str, float | int | str | None]:
    verdicts, kept, cited = judge_lines(view, opt)
    n = len(verdicts)
    counts = dict.fromkeys(LINE_RULES, 0)
    first_page_rule = None
    for v in verdicts:
        if v is not None:
            counts[v] += 1
            if first_page_rule is None and v in ("lorem_ipsum", "curly_bracket"):
                first_page_rule = v
    out: dict[str, float | int | str | None] = {"lines": n, "kept_lines": len(kept)}
    for rule in LINE_RULES:
        out[f"{rule}_lines"] = counts[rule]
    if len(kept) == n:
        kept_mask = np.ones(n, dtype=bool)
    else:
        kept_mask = np.fromiter((v is None for v in verdicts), dtype=bool, count=n)
    sentences = 0
    if cited:  # lines that lost citation marks: count them from their own (edited) tokens
        kept_index = [i for i, v in enumerate(verdicts) if v is None]
        sentences += count_sentences([line for i, line in zip(kept_index, kept) if i in cited])
        kept_mask[list(cited)] = False
    out["sentences"] = sentences + sentences_in_lines(view, kept_mask)
    if opt.prose_lines:  # words in the kept lines: the prose the sentences hold
        out["sentence_words"] = sum(len(line.split()) for line in kept)
    # The page-level rule met first, reading down the page (C4 stops there): lorem_ipsum, curly_bracket or None.
    out["page_rule"] = first_page_rule
    return out
