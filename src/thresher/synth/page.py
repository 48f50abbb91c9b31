"""A synthetic crawled page as blocks, each knowing what the clean text should make of it.

A content block (title, paragraph, heading, list item) yields exactly one clean line; a junk
block (credit, menu, widget, repeated copy...) yields nothing. The raw page is every block's
raw lines in order, after line-level defects (NBSP, mojibake, trailing spaces...) are applied,
so the truth is known by construction rather than by re-parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Block kinds that belong in the clean text.
CONTENT_KINDS = frozenset({"title", "para", "subhead", "list_intro", "list_item", "legit_sentence"})


@dataclass
class Block:
    kind: str
    clean: str | None = None  # the clean line (content blocks only)
    raw: list[str] = field(default_factory=list)  # raw lines; [clean] unless wrapped
    wrap: int = 0  # hard-wrap width, 0 when not wrapped
    dangling: bool = False  # first raw line is the paragraph's first word alone
    source: "Block | None" = None  # a repeated copy points at the block it repeats

    @property
    def lines(self) -> list[str]:
        return self.source.lines if self.source is not None else self.raw

    @property
    def is_content(self) -> bool:
        return self.kind in CONTENT_KINDS


def content(kind: str, text: str) -> Block:
    return Block(kind, text, [text])


def junk(kind: str, lines: list[str]) -> Block:
    return Block(kind, None, list(lines))


@dataclass
class Page:
    """One rendered page and its ground truth."""

    id: str
    raw: str
    clean: str
    image_credit: str | None
    defects: list[str]  # defect names, e.g. "hard_wrap", "comment_widget"
    detail: dict[str, str]  # defect name -> which form it took ("blogger", "dangling", ...)
    legit: list[str]  # kinds of boilerplate-looking content kept in the truth
    kinds: list[str]  # kind of each clean line
    junk: list[list[str]]  # [kind, line] for every raw line that must go (before char defects)
    url: str = ""

    def truth(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "clean_text": self.clean,
            "image_credit": self.image_credit,
            "defects": self.defects,
            "detail": self.detail,
            "legit": self.legit,
            "kinds": self.kinds,
            "junk": self.junk,
        }
