"""Documents that cannot be cleaned at all: empty ones and ones over the size cap."""

from __future__ import annotations

from dataclasses import dataclass

from thresher.document import Document
from thresher.steps.base import ShardContext, Step


@dataclass
class Guard(Step):
    name = "guard"
    #: Documents larger than this (in characters) are dropped, not cleaned: a 50 MB "page" is a
    #: dump, and the quadratic corners of later steps should never see it.
    max_chars: int = 2_000_000

    def process(self, doc: Document, ctx: ShardContext) -> None:
        if not doc.text.strip():
            doc.drop(self.name, "empty", "no text after reading" if not doc.text else "only whitespace")
        elif len(doc.text) > self.max_chars and doc.metadata.get("format") != "html":
            # HTML is mostly markup: the extract step caps it by its own size limit instead.
            doc.drop(self.name, "too_large", f"{len(doc.text):,} characters > max_chars {self.max_chars:,}")
