"""What the quality rule sets read from a document, computed once and shared.

The four rule sets need the same intermediates (lines, and per token its length, hash and
character classes). :class:`TextView` computes each on first use. Per-token facts come from
compiled passes over code points: the tokenizer's spacing pass
(:mod:`thresher.text.token_spacing`) and a scan of its output
(:mod:`thresher.steps.quality.token_scan`); no string is made per token unless something asks
for ``tokens`` (the rule sets do not).

In a pipeline the first quality step prepares the views of a whole batch at once
(:func:`prepare_views`: the token tables of its pages together, the scan over the batch in one
call); :class:`TextView` alone computes the same things for its own text.

:func:`view_for` hands the steps of one shard the same view while the document's text is
unchanged. Views live on the shard's context (no module-level state), a pipeline batch's worth
at most (memory bounded by BATCH_DOCS documents and 2 * BATCH_CHARS characters): a step that
edits the text produces a new ``doc.text`` object, and the identity check makes the next step
start over.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from thresher.steps.base import BATCH_CHARS, BATCH_DOCS
from thresher.steps.quality.token_scan import count_tokens, scan_tokens, word_positions
from thresher.text import chars
from thresher.text.token_spacing import code_points, spaced_code_points
from thresher.text.tokens import SPLIT_AT, SPLIT_WORDS, has_urls, spaced_tokens

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


class WordSet:
    """Words as the token scan hashes tokens: their sorted hashes, and the range of their
    lengths (a token of another length is not looked up). Words holding whitespace are left
    out: no token equals them."""

    __slots__ = ("hashes", "lens")

    def __init__(self, words) -> None:
        single = [w for w in words if w and w.split() == [w]]
        if single:
            self.hashes = np.unique(_scan([code_points(" ".join(single))], None).tables[0].hashes)
            self.lens = np.array([min(map(len, single)), max(map(len, single))], dtype=np.int64)
        else:
            self.hashes = np.zeros(0, dtype=np.uint64)
            self.lens = np.array([1, 0], dtype=np.int64)  # an empty range
        self.hashes.flags.writeable = self.lens.flags.writeable = False


_NO_WORDS = WordSet(())


class _Scan(NamedTuple):
    tables: list[TokenTable]  # per text
    hits: list[int]  # per text: tokens among the words looked for
    starts: np.ndarray  # per token: where it starts in its own text's code points


def _scan(arrays: list[np.ndarray], words: "WordSet | None") -> _Scan:
    """Token tables of spaced texts given as code-point arrays, scanned together in
    one call of the compiled scan (per-call costs are paid once a batch), and per text how many
    of its tokens are among ``words``."""
    if len(arrays) == 1:
        cps = arrays[0]
        text_starts = np.zeros(1, dtype=np.int64)
    else:
        sep = np.full(1, 32, dtype=arrays[0].dtype)
        cps = np.concatenate([x for a in arrays for x in (a, sep)][:-1])
        text_starts = np.cumsum([0] + [a.size + 1 for a in arrays[:-1]], dtype=np.int64)
    flags = chars.FLAGS
    n_tokens = count_tokens(cps, flags)
    starts, lens, symbols, letters, puncts, terminals, line = (np.empty(n_tokens, dtype=np.int64) for _ in range(7))
    hashes = np.empty(n_tokens, dtype=np.uint64)
    counts = np.zeros(len(arrays), dtype=np.int64)
    hits = np.zeros(len(arrays), dtype=np.int64)
    words = _NO_WORDS if words is None else words
    scan_tokens(cps, flags, text_starts, words.hashes, words.lens, starts, lens, symbols, letters, puncts,
                terminals, line, hashes, counts, hits)
    whole = TokenTable(
        lens=lens,
        is_word=symbols < lens,
        has_letter=letters > 0,
        is_punct=puncts == lens,
        is_terminal=(lens == 1) & (terminals == 1),
        line=line,
        hashes=hashes,
    )
    if len(arrays) == 1:
        return _Scan([whole], hits.tolist(), starts)
    out = []
    a = 0
    counts_list = counts.tolist()
    for n in counts_list:
        b = a + n
        out.append(TokenTable(*(getattr(whole, k)[a:b] for k in TokenTable.__slots__)))
        a = b
    starts -= np.repeat(text_starts, counts_list)  # from the start of each token's own text
    return _Scan(out, hits.tolist(), starts)


#: the tokens that the tokenizer's last pass splits ("cannot" -> "can not")
_SPLIT_WORDS = WordSet(SPLIT_WORDS)


def _split_words(cps: np.ndarray, table: TokenTable, starts: np.ndarray) -> np.ndarray:
    """``cps`` (a spaced text) with the space that the tokenizer's last pass puts into each split
    word ("cannot" -> "can not"). That pass rewrites a word standing between whitespace as the
    ``regex`` module knows it; a token here always does, because the separators U+001C..U+001F,
    where ``str.split`` splits and ``regex`` sees no space, are marks to the spacing pass and
    get a space on either side."""
    cuts = []
    for k in word_positions(table.hashes, table.lens, _SPLIT_WORDS.hashes, _SPLIT_WORDS.lens):
        s = int(starts[k])
        e = s + int(table.lens[k])
        cut = SPLIT_AT.get("".join(map(chr, cps[s:e].tolist())))  # None: another token, same hash
        if cut is not None:
            cuts.append(s + cut)
    return np.insert(cps, cuts, 32) if cuts else cps


def _token_tables(texts: list[str]) -> list[TokenTable]:
    """The token tables of ``texts``, tokenised as :func:`thresher.text.tokens.spaced_tokens`
    does, without making a string per token: the spaces go in by the compiled spacing pass (a
    page with URLs takes the string path, which keeps them whole) and the scan reads the result.
    The few pages with a split word ("cannot") get its space and are scanned again."""
    arrays = [code_points(spaced_tokens(t)[0]) if has_urls(t) else spaced_code_points(t) for t in texts]
    scan = _scan(arrays, _SPLIT_WORDS)
    tables = []
    a = 0
    for cps, table, hit in zip(arrays, scan.tables, scan.hits):
        b = a + table.lens.size
        if hit:
            split = _split_words(cps, table, scan.starts[a:b])
            if split is not cps:
                table = _scan([split], None).tables[0]
        tables.append(table)
        a = b
    return tables


def prepare_views(views: list["TextView"]) -> None:
    """Compute the token tables of ``views`` together (see :func:`_token_tables`), for those not
    done yet. All or nothing: if any text fails, each view is left to compute what it needs
    itself, so the failure stays with its own document."""
    todo = list({id(v): v for v in views if v._table is None}.values())
    if len(todo) < 2:
        return
    try:
        tables = _token_tables([v.text for v in todo])
    except Exception:
        return
    for v, table in zip(todo, tables):
        v._table = table


class TextView:
    """Lazily computed views of one text. Attributes are computed on first access."""

    __slots__ = ("text", "_tokens", "_lines", "_table")

    def __init__(self, text: str) -> None:
        self.text = text
        self._tokens: list[str] | None = None
        self._lines: list[str] | None = None
        self._table: TokenTable | None = None

    @property
    def tokens(self) -> list[str]:
        """Words and punctuation marks (:func:`thresher.text.tokens.tokenize`), as strings. The
        rule sets read the token table instead; this is made only when asked for."""
        if self._tokens is None:
            self._tokens = spaced_tokens(self.text)[1]
        return self._tokens

    @property
    def n_tokens(self) -> int:
        return self.table.lens.size

    @property
    def lines(self) -> list[str]:
        """``str.splitlines()`` of the text (every Unicode line break)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    @property
    def table(self) -> TokenTable:
        if self._table is None:
            self._table = _token_tables([self.text])[0]
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
