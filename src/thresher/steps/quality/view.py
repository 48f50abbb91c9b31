"""What the quality rule sets read from a document, computed once and shared.

The four rule sets need the same intermediates (tokens, lines, per-token lengths, hashes and
character classes). :class:`TextView` computes each on first use; per-token facts come from one
compiled pass over the code points of the tokenizer's spaced text
(:mod:`thresher.steps.quality.token_scan`), not from Python loops over tokens.

In a pipeline the first quality step prepares the views of a whole batch at once
(:func:`prepare_views`: tokens and token tables of its pages together, the scan over the batch
in one call); :class:`TextView` alone computes the same things for its own text.

:func:`view_for` hands the steps of one shard the same view while the document's text is
unchanged. Views live on the shard's context (no module-level state), a pipeline batch's worth
at most (memory bounded by BATCH_DOCS documents and 2 * BATCH_CHARS characters): a step that
edits the text produces a new ``doc.text`` object, and the identity check makes the next step
start over.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from thresher.steps.base import BATCH_CHARS, BATCH_DOCS
from thresher.steps.quality.token_scan import scan_tokens
from thresher.text import chars
from thresher.text.tokens import spaced_tokens

_SCRATCH_KEY = "quality.view"

class TokenTable:
    """Per-token numpy arrays, aligned with ``TextView.tokens``."""

    __slots__ = ("lens", "is_word", "has_letter", "is_punct", "is_terminal", "line", "hashes")

    def __init__(self, lens, is_word, has_letter, is_punct, is_terminal, line, hashes) -> None:
        self.lens = lens  # int64 characters per token
        self.is_word = is_word  # has a character that is not a symbol (Gopher's "word")
        self.has_letter = has_letter  # has an alphabetic character
        self.is_punct = is_punct  # every character is Unicode punctuation (spaCy's is_punct)
        self.is_terminal = is_terminal  # a single sentence-terminal mark
        self.line = line  # index of the token's line in ``text.splitlines()``
        self.hashes = hashes  # uint64 per token (thresher.steps.quality.token_scan)


#: the flag table's first 256 entries, for texts indexed as bytes (ASCII and Latin-1 text)
_FLAGS_8BIT = np.ascontiguousarray(chars.FLAGS[:256])


def _code_points(text: str) -> np.ndarray:
    """Code points of ``text``. Text of one-byte characters (most English pages) is indexed as
    bytes: a quarter of the memory, and a 256-entry flag table that stays in cache."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _token_table(spaced: str, n_tokens: int) -> TokenTable:
    return _token_tables([spaced], [n_tokens])[0]


def _token_tables(texts: list[str], counts: list[int]) -> list[TokenTable]:
    """The token tables of spaced texts (``counts``: tokens in each), computed over the texts
    joined by spaces in one call of the compiled scan (per-call costs are paid once a batch)."""
    spaced = texts[0] if len(texts) == 1 else " ".join(texts)
    n_tokens = sum(counts)
    cps = _code_points(spaced)
    flags = _FLAGS_8BIT if cps.dtype == np.uint8 else chars.FLAGS
    text_starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
    lens = np.empty(n_tokens, dtype=np.int64)
    symbols, letters, puncts, terminals, line = (np.empty(n_tokens, dtype=np.int64) for _ in range(5))
    hashes = np.empty(n_tokens, dtype=np.uint64)
    found = scan_tokens(cps, flags, text_starts, lens, symbols, letters, puncts, terminals, line, hashes)
    if found != n_tokens:  # cannot happen unless str.split and str.isspace disagree
        raise ValueError(f"token table: {found} spans for {n_tokens} tokens")
    whole = TokenTable(
        lens=lens,
        is_word=symbols < lens,
        has_letter=letters > 0,
        is_punct=puncts == lens,
        is_terminal=(lens == 1) & (terminals == 1),
        line=line,
        hashes=hashes,
    )
    if len(texts) == 1:
        return [whole]
    out = []
    a = 0
    for n in counts:
        b = a + n
        out.append(TokenTable(*(getattr(whole, k)[a:b] for k in TokenTable.__slots__)))
        a = b
    return out


def prepare_views(views: list["TextView"]) -> None:
    """Tokenise the texts of ``views`` and compute their token tables and hashes together (see
    :func:`_token_tables`), for those not done yet. All or nothing: if any text fails, each view
    is left to compute what it needs itself, so the failure stays with its own document."""
    todo = list({id(v): v for v in views if v._table is None}.values())
    if len(todo) < 2:
        return
    try:
        for v in todo:
            if v._tokens is None:
                v._tokenize()
        tables: dict[int, TokenTable] = {}
        # one-byte texts apart, so that they keep the byte-indexed flag table
        for group in ([v for v in todo if v._spaced.isascii()], [v for v in todo if not v._spaced.isascii()]):
            if group:
                done = _token_tables([v._spaced for v in group], [len(v._tokens) for v in group])
                tables.update(zip(map(id, group), done))
    except Exception:
        return
    for v in todo:
        v._table = tables[id(v)]


class TextView:
    """Lazily computed views of one text. Attributes are computed on first access."""

    __slots__ = ("text", "_spaced", "_tokens", "_lines", "_table")

    def __init__(self, text: str) -> None:
        self.text = text
        self._spaced: str | None = None
        self._tokens: list[str] | None = None
        self._lines: list[str] | None = None
        self._table: TokenTable | None = None

    def _tokenize(self) -> None:
        self._spaced, self._tokens = spaced_tokens(self.text)

    @property
    def tokens(self) -> list[str]:
        """Words and punctuation marks (:func:`thresher.text.tokens.tokenize`)."""
        if self._tokens is None:
            self._tokenize()
        return self._tokens

    @property
    def lines(self) -> list[str]:
        """``str.splitlines()`` of the text (every Unicode line break)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    @property
    def table(self) -> TokenTable:
        if self._table is None:
            if self._tokens is None:
                self._tokenize()
            self._table = _token_table(self._spaced, len(self._tokens))
        return self._table

    @property
    def token_lens(self) -> np.ndarray:
        return self.table.lens

    @property
    def token_hashes(self) -> np.ndarray:
        """64-bit hash per token: equal tokens, equal hashes (in any process)."""
        return self.table.hashes


class _Views:
    """The views of the latest texts, by text identity, oldest first; bounded by count and
    characters (at least a pipeline batch's worth, so each quality step of a batch finds the
    views the first one made)."""

    __slots__ = ("by_id", "chars")

    def __init__(self) -> None:
        self.by_id: dict[int, TextView] = {}
        self.chars = 0

    def get(self, text: str) -> TextView:
        # id() is safe as a key: a cached view holds its text, so the id is not reused meanwhile
        view = self.by_id.get(id(text))
        if view is not None and view.text is text:
            return view
        view = self.by_id[id(text)] = TextView(text)
        self.chars += len(text)
        while len(self.by_id) > _MAX_VIEWS or (self.chars > _MAX_VIEW_CHARS and len(self.by_id) > 1):
            oldest = next(iter(self.by_id))
            self.chars -= len(self.by_id.pop(oldest).text)
        return view


_MAX_VIEWS = BATCH_DOCS
_MAX_VIEW_CHARS = 2 * BATCH_CHARS


def view_for(doc: Any, ctx: Any = None) -> TextView:
    """The shared view of ``doc``'s current text (a new one if the text changed)."""
    text = doc.text
    scratch = getattr(ctx, "scratch", None)
    if scratch is None:
        return TextView(text)
    views = scratch.get(_SCRATCH_KEY)
    if views is None:
        views = scratch[_SCRATCH_KEY] = _Views()
    return views.get(text)
