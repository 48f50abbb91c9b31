"""The C4 rule set (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
Text-to-Text Transformer", JMLR 21, Section 2.2 "The Colossal Clean Crawled Corpus").

Defaults are the paper's (and TensorFlow Datasets' c4_utils, which datatrove's C4QualityFilter
follows): keep only lines ending in terminal punctuation, with at least 3 words, without
"javascript" or a policy phrase, without a word over 1000 characters; drop the page if a
kept-so-far line says "lorem ipsum" or holds a curly bracket, or if fewer than 5 sentences
remain. The bad-words rule of the paper is not part of this rule set (datatrove has it apart).

Judging versus editing: by default ``c4`` only judges, and leaves the text alone, because
thresher's repair and boilerplate steps already removed what should go and C4's line rules
would also delete titles, headings and list items of pages that are kept. With
``remove_lines = true`` it also removes the lines its line rules reject, each as an ``Edit``
named ``c4:<rule>`` (whole lines; C4's stripping of kept lines and removal of citation marks
are not applied to the text).

Prose, not layout (``prose_lines = true``, the default; ``false`` gives C4's own line test, as
datatrove applies it): a line ends a sentence also after closing quotes and brackets (``.”``,
``.)``); a line that does not end one keeps its complete sentences, up to the last terminal mark
that whitespace follows (a layout ran a heading, caption or label into the end of the paragraph,
or put a whole body on one line); table rows (``| a | b |``, as ``extract`` writes data tables)
hold cells, not sentences. And a page whose kept lines hold at least ``min_sentence_words``
words (50, Gopher's shortest page) has prose enough however few sentences it has: a short news
item of three long sentences is an article. With ``remove_lines`` a line kept for its sentences
is kept whole. See ``thresher.steps.quality.signals.prose``.

The thresholds assume English (``languages = ["en"]``), and stay English on purpose (see
thresher.steps.quality.languages: FineWeb-2 left C4 out for other languages); the lorem ipsum
rule holds for pages in any language (language ID tags placeholder Latin as ``la``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from thresher.document import Document, Edit
from thresher.steps.base import ShardContext
from thresher.steps.quality.base import QualityFilter, Rule
from thresher.steps.quality.signals.c4 import C4Options, c4_signals, judge_lines
from thresher.steps.quality.view import TextView, view_for


@dataclasses.dataclass
class C4Rules(QualityFilter):
    """C4's line and page rules; see the module docstring. Drop reasons: ``c4:lorem_ipsum``,
    ``c4:curly_bracket``, ``c4:too_few_sentences``."""

    name = "c4"
    RULES = (Rule("too_few_sentences", "sentences", "<", "min_sentences"),)
    # Placeholder text is language-free: lid.176 tags lorem ipsum as Latin ("la").
    LANGUAGE_FREE = frozenset({"lorem_ipsum"})

    remove_citations: bool = True
    filter_no_terminal_punct: bool = True
    #: ``false`` switches the rule off
    min_words_per_line: int | bool | None = 3
    max_word_length: int | bool | None = 1000
    filter_lorem_ipsum: bool = True
    filter_javascript: bool = True
    filter_curly_bracket: bool = True
    filter_policy: bool = True
    min_sentences: int | None = 5
    remove_lines: bool = False
    #: judge sentences as prose is written (see the module docstring); false: C4's own line test
    prose_lines: bool = True
    #: with ``prose_lines``: a page whose kept lines hold at least this many words has enough
    #: prose however few sentences it has (three long ones); 50 is Gopher's shortest page
    min_sentence_words: int | None = 50

    def _options(self) -> C4Options:
        def off_is_none(x: Any) -> Any:
            return None if x is False else x

        return C4Options(
            remove_citations=self.remove_citations,
            filter_no_terminal_punct=self.filter_no_terminal_punct,
            min_words_per_line=off_is_none(self.min_words_per_line),
            max_word_length=off_is_none(self.max_word_length),
            filter_lorem_ipsum=self.filter_lorem_ipsum,
            filter_javascript=self.filter_javascript,
            filter_curly_bracket=self.filter_curly_bracket,
            filter_policy=self.filter_policy,
            prose_lines=self.prose_lines,
        )

    def signals(self, view: TextView) -> dict[str, Any]:
        return c4_signals(view, self._options())

    def first_failure(self, signals: dict[str, Any], skip: frozenset[str] = frozenset()) -> tuple[str, str] | None:
        page_rule = signals.get("c4.page_rule")
        if page_rule and page_rule not in skip:  # C4 stops reading at the first such line
            return f"c4:{page_rule}", f"a line that passed the line rules contains {'lorem ipsum' if page_rule == 'lorem_ipsum' else 'a curly bracket'}"
        failure = super().first_failure(signals, skip)
        enough = self.min_sentence_words
        if (failure is not None and failure[0] == "c4:too_few_sentences" and enough is not None and enough is not False
                and signals.get("c4.sentence_words", -1) >= enough):
            return None
        return failure

    def process(self, doc: Document, ctx: ShardContext) -> None:
        super().process(doc, ctx)
        judge = self.judge_for(doc.metadata.get("language"))
        if judge.remove_lines and doc.kept:
            edits = judge.line_edits(view_for(doc, ctx))
            if edits:
                doc.apply(edits)
                for e in edits:
                    ctx.stats.edited(e.rule, e.end - e.start)

    def line_edits(self, view: TextView) -> list[Edit]:
        """Removals of the lines the line rules reject (each with its line break)."""
        verdicts, _, _ = judge_lines(view, self._options())
        edits = []
        pos = 0
        for line, verdict in zip(view.text.splitlines(keepends=True), verdicts):
            if verdict is not None and line:
                edits.append(Edit(pos, pos + len(line), f"c4:{verdict}"))
            pos += len(line)
        return edits
