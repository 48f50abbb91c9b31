"""What the quality rule sets read from a document, computed once and shared.

The four rule sets need the same intermediates (tokens, lines, per-token lengths, hashes and
character classes). :class:`TextView` computes each on first use; per-token facts come from
numpy over the code points of the tokenizer's spaced text (one table lookup per character, one
reduction per token), not from Python loops over tokens.

In a pipeline the first quality step prepares the views of a whole batch at once
(:func:`prepare_views`: tokens, token tables and hashes of its pages together, the numpy part
over the batch in one go); :class:`TextView` alone computes the same things for its own text.

:func:`view_for` hands the steps of one shard the same view while the document's text is
unchanged. Views live on the shard's context (no module-level state), a pipeline batch's worth
at most (memory bounded by BATCH_DOCS documents and 2 * BATCH_CHARS characters): a step that
edits the text produces a new ``doc.text`` object, and the identity check makes the next step
start over.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

import numpy as np

from thresher.steps.base import BATCH_CHARS, BATCH_DOCS
from thresher.text import chars
from thresher.text.tokens import spaced_tokens

_SCRATCH_KEY = "quality.view"

# flag byte -> the four per-character counters (symbol, letter, punctuation, terminal) packed
# into 16-bit fields of an int64, so a single reduceat counts all four per token
_PACKED = np.array(
    [
        (1 if f & chars.SYMBOL else 0)
        | (1 << 16 if f & chars.LETTER else 0)
        | (1 << 32 if f & chars.PUNCT else 0)
        | (1 << 48 if f & chars.TERMINAL else 0)
        for f in range(256)
    ],
    dtype=np.int64,
)


class TokenTable:
    """Per-token numpy arrays, aligned with ``TextView.tokens``."""

    __slots__ = ("lens", "is_word", "has_letter", "is_punct", "is_terminal", "line")

    def __init__(self, lens, is_word, has_letter, is_punct, is_terminal, line) -> None:
        self.lens = lens  # int64 characters per token
        self.is_word = is_word  # has a character that is not a symbol (Gopher's "word")
        self.has_letter = has_letter  # has an alphabetic character
        self.is_punct = is_punct  # every character is Unicode punctuation (spaCy's is_punct)
        self.is_terminal = is_terminal  # a single sentence-terminal mark
        self.line = line  # index of the token's line in ``text.splitlines()``


#: the flag table's first 256 entries, for texts indexed as bytes (ASCII and Latin-1 text)
_FLAGS_8BIT = np.ascontiguousarray(chars.FLAGS[:256])


def _code_points(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(code points, their flags). Text of one-byte characters (most English pages) is indexed
    as bytes: a quarter of the memory, and a 256-entry table that stays in cache."""
    if text.isascii():
        cps = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        return cps, _FLAGS_8BIT[cps]
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return cps, chars.FLAGS[cps]


def _token_table(spaced: str, n_tokens: int) -> TokenTable:
    return _token_tables([spaced], [n_tokens])[0]


def _token_tables(texts: list[str], counts: list[int]) -> list[TokenTable]:
    """The token tables of spaced texts (``counts``: tokens in each), computed over the texts
    joined by spaces: one run of numpy calls for a batch of pages costs about what one page
    alone costs, and those fixed costs were half of the table's time."""
    spaced = texts[0] if len(texts) == 1 else " ".join(texts)
    n_tokens = sum(counts)
    cps, flags = _code_points(spaced)
    # token k covers cps[starts[k]:ends[k]]; segments for reduceat run to the next start, and
    # the whitespace in between carries no flag
    body = np.empty(cps.size + 2, dtype=np.int8)
    body[0] = body[-1] = 0
    np.equal(flags & chars.SPACE, 0, out=body[1:-1], casting="unsafe")
    # changes of body alternate: a token's start (+1), its end (-1), the next start ...
    flips = np.flatnonzero(body[1:] != body[:-1])
    starts = flips[0::2]
    ends = flips[1::2]
    if starts.size != n_tokens:  # cannot happen unless str.split and str.isspace disagree
        raise ValueError(f"token table: {starts.size} spans for {n_tokens} tokens")
    lens = (ends - starts).astype(np.int64, copy=False)
    if n_tokens == 0:
        empty = np.zeros(0, dtype=bool)
        return [TokenTable(lens, empty, empty, empty, empty, np.zeros(0, dtype=np.int64)) for _ in texts]

    if lens.max() < 0xFFFF:
        # one reduction: four 16-bit counters packed in an int64 per character
        packed = np.add.reduceat(_PACKED[flags], starts)
        n_symbol = packed & 0xFFFF
        n_letter = (packed >> 16) & 0xFFFF
        n_punct = (packed >> 32) & 0xFFFF
        n_term = packed >> 48
    else:  # a token of 64k characters or more would overflow a counter

        def count(flag: int) -> np.ndarray:
            return np.add.reduceat((flags & flag != 0).astype(np.int64), starts)

        n_symbol, n_letter = count(chars.SYMBOL), count(chars.LETTER)
        n_punct, n_term = count(chars.PUNCT), count(chars.TERMINAL)
    # a token's line: the line breaks before its start ("\r\n" is one break, as for str.splitlines)
    breaks = np.flatnonzero(flags & chars.LINE_BREAK)
    if breaks.size:
        if "\r\n" in spaced:
            lf_after_cr = (cps[breaks] == 10) & (breaks > 0) & (cps[breaks - 1] == 13)
            breaks = breaks[~lf_after_cr]
        line = np.searchsorted(breaks, starts).astype(np.int64, copy=False)
    else:
        line = np.zeros(n_tokens, dtype=np.int64)
    whole = TokenTable(
        lens=lens,
        is_word=n_symbol < lens,
        has_letter=n_letter > 0,
        is_punct=n_punct == lens,
        is_terminal=(lens == 1) & (n_term == 1),
        line=line,
    )
    if len(texts) == 1:
        return [whole]
    # each text's share: its tokens, and line numbers counted from its own first line
    text_starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    first_line = np.searchsorted(breaks, text_starts).tolist() if breaks.size else [0] * len(texts)
    out = []
    a = 0
    for n, first in zip(counts, first_line):
        b = a + n
        out.append(TokenTable(lens[a:b], whole.is_word[a:b], whole.has_letter[a:b], whole.is_punct[a:b],
                              whole.is_terminal[a:b], line[a:b] - first))
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
        counts = [len(v._tokens) for v in todo]
        hashes = np.fromiter(map(hash, chain.from_iterable(v._tokens for v in todo)), dtype=np.int64, count=sum(counts))
    except Exception:
        return
    hashes = hashes.view(np.uint64)
    a = 0
    for v, n in zip(todo, counts):
        v._table = tables[id(v)]
        v._token_hashes = hashes[a : a + n]
        a += n


class TextView:
    """Lazily computed views of one text. Attributes are computed on first access."""

    __slots__ = ("text", "_spaced", "_tokens", "_lines", "_table", "_token_hashes")

    def __init__(self, text: str) -> None:
        self.text = text
        self._spaced: str | None = None
        self._tokens: list[str] | None = None
        self._lines: list[str] | None = None
        self._table: TokenTable | None = None
        self._token_hashes: np.ndarray | None = None

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
        """64-bit hash per token (Python's str hash: equal tokens, equal hashes, within a process)."""
        if self._token_hashes is None:
            toks = self.tokens
            self._token_hashes = np.fromiter(map(hash, toks), dtype=np.int64, count=len(toks)).view(np.uint64)
        return self._token_hashes


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
