"""What the quality rule sets read from a document, computed once and shared.

The four rule sets need the same intermediates (tokens, lines, per-token lengths and hashes).
:class:`TextView` computes each on first use; :func:`view_for` hands the steps of one shard the
same view while the document's text is unchanged. The view lives on the shard's context, one
at a time (no module-level state, memory bounded by one document): a later step that edits the
text produces a new ``doc.text`` object, and the identity check makes the next step start over.
"""

from __future__ import annotations

from itertools import filterfalse, repeat
from typing import Any

import numpy as np

from thresher.text.chars import SYMBOL_CHARS
from thresher.text.tokens import tokenize

_CTX_SLOT = "_thresher_quality_view"

# Characters that never make a token "contain a letter": ASCII non-letters plus the symbols.
_NON_ALPHA_ASCII = "".join(chr(c) for c in range(128) if not chr(c).isalpha())
_NON_LETTER_CHARS = "".join(sorted(set(_NON_ALPHA_ASCII) | set(SYMBOL_CHARS)))


class TextView:
    """Lazily computed views of one text. Attributes are computed on first access."""

    __slots__ = ("text", "_tokens", "_lines", "_token_lens", "_token_hashes", "_symbol_mask")

    def __init__(self, text: str) -> None:
        self.text = text
        self._tokens: list[str] | None = None
        self._lines: list[str] | None = None
        self._token_lens: np.ndarray | None = None
        self._token_hashes: np.ndarray | None = None
        self._symbol_mask: list[str] | None = None

    @property
    def tokens(self) -> list[str]:
        """Words and punctuation marks (:func:`thresher.text.tokens.tokenize`)."""
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens

    @property
    def lines(self) -> list[str]:
        """``str.splitlines()`` of the text (every Unicode line break)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    @property
    def token_lens(self) -> np.ndarray:
        if self._token_lens is None:
            toks = self.tokens
            self._token_lens = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
        return self._token_lens

    @property
    def token_hashes(self) -> np.ndarray:
        """64-bit hash per token (Python's str hash: equal tokens, equal hashes, within a process)."""
        if self._token_hashes is None:
            toks = self.tokens
            self._token_hashes = np.fromiter(map(hash, toks), dtype=np.int64, count=len(toks)).view(np.uint64)
        return self._token_hashes

    @property
    def symbol_stripped(self) -> list[str]:
        """Each token with its symbol characters stripped: empty for tokens made only of symbols."""
        if self._symbol_mask is None:
            self._symbol_mask = list(map(str.strip, self.tokens, repeat(SYMBOL_CHARS)))
        return self._symbol_mask

    def count_tokens_with_letter(self) -> int:
        """Tokens that contain at least one alphabetic character (``str.isalpha``)."""
        stripped = list(map(str.strip, self.tokens, repeat(_NON_LETTER_CHARS)))
        n = len(stripped) - stripped.count("")
        if not self.text.isascii():
            # Non-ASCII leftovers (², ½, ©, combining marks...) may hold no letter at all.
            n -= sum(1 for s in filterfalse(str.isascii, stripped) if not any(c.isalpha() for c in s))
        return n


def view_for(doc: Any, ctx: Any = None) -> TextView:
    """The shared view of ``doc``'s current text (a new one if the text changed)."""
    text = doc.text
    if ctx is not None:
        cached = getattr(ctx, _CTX_SLOT, None)
        if cached is not None and cached.text is text:
            return cached
    view = TextView(text)
    if ctx is not None:
        try:
            setattr(ctx, _CTX_SLOT, view)
        except AttributeError:  # a context that takes no attributes: just don't share
            pass
    return view
