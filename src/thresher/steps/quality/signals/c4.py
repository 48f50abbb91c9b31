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

from thresher.steps.quality.view import TextView
from thresher.text.chars import TERMINAL_PUNCTUATION
from thresher.text.tokens import tokenize

CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
END_PUNCTUATION = (".", "?", "!", '"', "'")
ELLIPSIS = "..."
POLICY_PHRASES = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")

# Sentences are split where a terminal mark is followed by a token that is not punctuation
# (the rule of spaCy's sentencizer, which datatrove uses to count C4's sentences).
_LINE_SEP = "\ue000"  # a private-use character: a token of its own that no page should contain


def _is_punct(token: str) -> bool:
    import unicodedata

    return all(unicodedata.category(c).startswith("P") for c in token)


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


# Per line: which rule removed it (None: kept). Also the page-level verdicts.
LINE_RULES = ("long_word", "no_terminal_punct", "too_few_words", "lorem_ipsum", "javascript", "curly_bracket", "policy")


def judge_lines(view: TextView, opt: C4Options) -> tuple[list[str | None], list[str]]:
    """For each line of ``view.lines``: the rule that removes it, or None; and the kept lines
    (stripped, citations removed) in order."""
    verdicts: list[str | None] = []
    kept: list[str] = []
    max_len = opt.max_word_length
    min_words = opt.min_words_per_line
    for raw in view.lines:
        line = raw.strip()
        words = line.split()
        if max_len is not None and words and max(map(len, words)) > max_len:
            verdicts.append("long_word")
            continue
        if opt.remove_citations and "[" in line:
            line = CITATION.sub("", line)
        if opt.filter_no_terminal_punct and (not line.endswith(END_PUNCTUATION) or line.endswith(ELLIPSIS)):
            verdicts.append("no_terminal_punct")
            continue
        if min_words is not None and len(words) < min_words:
            verdicts.append("too_few_words")
            continue
        low = line.lower()
        if opt.filter_lorem_ipsum and "lorem ipsum" in low:
            verdicts.append("lorem_ipsum")
            continue
        if opt.filter_javascript and "javascript" in low:
            verdicts.append("javascript")
            continue
        if opt.filter_curly_bracket and "{" in line:
            verdicts.append("curly_bracket")
            continue
        if opt.filter_policy and any(p in low for p in POLICY_PHRASES):
            verdicts.append("policy")
            continue
        verdicts.append(None)
        kept.append(line)
    return verdicts, kept


def count_sentences(lines: list[str]) -> int:
    """Sentences in ``lines``; every line starts a new sentence."""
    if not lines:
        return 0
    tokens = tokenize(f" {_LINE_SEP} ".join(lines))
    terminal = TERMINAL_PUNCTUATION
    count = 1
    after_terminal = False
    punct_cache: dict[str, bool] = {}
    for tok in tokens:
        if tok == _LINE_SEP:
            count += 1
            after_terminal = False
        elif tok in terminal:
            after_terminal = True
        elif after_terminal:
            p = punct_cache.get(tok)
            if p is None:
                p = punct_cache[tok] = _is_punct(tok)
            if not p:
                count += 1
                after_terminal = False
    return count


def c4_signals(view: TextView, opt: C4Options) -> dict[str, float | int | str | None]:
    verdicts, kept = judge_lines(view, opt)
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
    out["sentences"] = count_sentences(kept)
    # The page-level rule met first, reading down the page (C4 stops there): lorem_ipsum, curly_bracket or None.
    out["page_rule"] = first_page_rule
    return out
