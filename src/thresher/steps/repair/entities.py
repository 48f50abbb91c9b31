"""HTML character references left in text: ``&amp;``, ``&#233;``, ``&nbsp;`` as written characters.

Crawled text often carries them: a feed or CMS that escaped its text once too often, or a text
dump made from HTML without decoding (the BBC articles in shared/data hold ``&#163;1.8m``). Each
reference becomes the character it names, as an :class:`Edit` named ``html:entity``.

Only complete references are decoded: a name ``html.unescape`` knows, or a number, with its
closing semicolon (``&amp``, ``AT&T`` and ``&copy`` without ``;`` stay as written: in plain text
they are as likely to be words). The decoded character may itself need repair (``&nbsp;``): the
``unicode`` step, which runs next, sees it like any other.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from thresher.document import Document, Edit
from thresher.steps.base import Editor

_SPACES = ("\n", "\t", "\xa0")
_REF_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass
class HtmlEntities(Editor):
    name = "entities"

    def edit(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "&" not in text:  # the common case: one scan
            return []
        edits = []
        for m in _REF_RE.finditer(text):
            ref = m.group()
            char = html.unescape(ref)
            # a reference to nothing (&#0;, a lone surrogate) decodes to U+FFFD: leave it as written
            if char != ref and char != "\ufffd" and (char.isprintable() or char in _SPACES):
                edits.append(Edit(m.start(), m.end(), "html:entity", char))
        return edits
