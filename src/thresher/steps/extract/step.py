"""The ``extract`` step: HTML documents become their main text, one paragraph per line.

Only documents with ``metadata["format"] == "html"`` are touched (the WARC and HTML readers, and
``--html-field`` for JSONL/Parquet, set it); others pass as they are. The extracted text replaces
the HTML as the document's original (``Document.rebase``): later edits and ``thresher explain``
refer to the text, not the markup. A page that cannot be extracted is dropped with its reason:
``extract:too_large``, ``extract:timeout``, ``extract:error``, ``extract:empty``.

Who wrote the page and when, as its own metadata says (JSON-LD, meta tags, ``<time>``: see
:mod:`thresher.steps.extract.page_meta`), go to ``metadata["author"]``, ``["published"]`` and
``["updated"]``; the attribution step fills what the page's metadata left out from its bylines.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from thresher.document import Document
from thresher.steps.base import ShardContext, Step
from thresher.steps.extract.page_meta import page_attribution
from thresher.steps.extract.time_limit import TimeLimitExceeded, time_limit

_MAIN_TEXT = "thresher.steps.extract.main_text"


def extract_main_text(html: str, **options: Any) -> Any:
    """:func:`thresher.steps.extract.main_text.extract_main_text`, imported on first use:
    trafilatura and resiliparse cost a plain-text run a fifth of a second of start-up, and only
    HTML needs them."""
    return importlib.import_module(_MAIN_TEXT).extract_main_text(html, **options)


@dataclass
class ExtractHtml(Step):
    name = "extract"
    #: Seconds one page may take (enforced in a process's main thread, see time_limit.py; 0: none).
    timeout_s: float = 5.0
    #: Pages longer than this (characters of HTML) are dropped unread: past a few MB a "page" is a
    #: data dump, and parsing it would cost more than the time limit can interrupt.
    max_html_chars: int = 5_000_000
    #: Put the page title on the first line.
    include_title: bool = True
    #: Remove lines that are just the text of one of the page's links (related stories, menus).
    drop_link_lines: bool = True
    include_tables: bool = True

    def process(self, doc: Document, ctx: ShardContext) -> None:
        meta = doc.metadata
        if meta.get("format") != "html":
            return
        if doc.edits:  # rebase would lose them: a config error, said plainly on the document
            doc.drop(self.name, "extract:error", "the HTML was edited before extraction; put extract right after guard")
            return
        html = doc.text
        meta["html_chars"] = len(html)
        if len(html) > self.max_html_chars:
            doc.drop(self.name, "extract:too_large", f"{len(html):,} characters of HTML > max_html_chars {self.max_html_chars:,}")
            return
        importlib.import_module(_MAIN_TEXT)  # outside the time limit: the import is not the page's time
        try:
            with time_limit(self.timeout_s):
                ex = extract_main_text(html, include_title=self.include_title,
                                       drop_link_lines=self.drop_link_lines, include_tables=self.include_tables)
        except TimeLimitExceeded:
            doc.drop(self.name, "extract:timeout", f"over timeout_s {self.timeout_s:g} s")
            return
        except Exception as exc:  # a parser failing on one page must not take the shard down
            doc.drop(self.name, "extract:error", f"{type(exc).__name__}: {exc}"[:500])
            return
        meta["extract_engine"] = ex.engine
        if ex.title:
            meta["title"] = ex.title
        if ex.link_lines_dropped:
            meta["extract_link_lines_dropped"] = ex.link_lines_dropped
        for key, value in page_attribution(html).items():
            meta.setdefault(key, value)
        if not ex.text.strip():
            doc.drop(self.name, "extract:empty", "no main text found in the page")
            return
        doc.rebase(ex.text)
        meta["format"] = "text"
