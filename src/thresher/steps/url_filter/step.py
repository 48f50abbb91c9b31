"""URL hygiene: drop documents whose ``metadata["url"]`` is on a blocklist or carries a banned word.

FineWeb, RefinedWeb and dolma start from URL blocklists (UT1's adult category above all). Options:

* ``blocklists``: list files and UT1-style folders (see :mod:`thresher.steps.url_filter.lists` for
  the formats); ``block``: domains or URL prefixes given inline;
* ``banned_words`` (and ``banned_words_file``, one word a line): a URL whose host or path has one
  of them as a whole word (runs of letters and digits, lower-case) is dropped;
* ``allowlists`` / ``allow``: hosts and URLs that are never dropped by this step, whatever list or
  word matches them (the allow list wins).

Drop reasons name the list and category: ``url_filter:<list>:<category>`` (for example
``url_filter:ut1:adult``; the category of a plain file or of ``block`` is its own name),
``url_filter:banned_word``; the detail names the matching entry or word. The URL is
``metadata[url_field]`` (set by the WARC reader), else the input record's field of that name, else
its ``metadata`` object's (dolma). A document without a URL is kept and counted as flagged
``url_filter:no_url``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thresher.document import Document
from thresher.steps.base import ShardContext, Step
from thresher.steps.url_filter.lists import ParsedUrl, RegisteredDomains, UrlLists, read_entries


@dataclass
class UrlFilter(Step):
    name = "url_filter"
    #: List files (one domain or URL a line, or hosts files) and UT1-style category folders.
    blocklists: list[str] = field(default_factory=list)
    #: Domains or URL prefixes to block, given here (reason url_filter:block:block).
    block: list[str] = field(default_factory=list)
    #: Whole words that get a URL dropped when its host or path contains them.
    banned_words: list[str] = field(default_factory=list)
    #: A file of banned words, one a line.
    banned_words_file: str = ""
    #: List files / folders of hosts and URLs never dropped by this step.
    allowlists: list[str] = field(default_factory=list)
    #: Hosts or URL prefixes never dropped, given here.
    allow: list[str] = field(default_factory=list)
    #: Treat the Public Suffix List's private suffixes (blogspot.com, github.io) as suffixes too, so
    #: ``a.blogspot.com`` is its own registered domain and a listing of it never blocks its siblings.
    private_suffixes: bool = True
    #: The metadata field holding the URL.
    url_field: str = "url"

    def __post_init__(self) -> None:
        for opt in ("blocklists", "block", "banned_words", "allowlists", "allow"):
            value = getattr(self, opt)
            if not isinstance(value, (list, tuple)) or not all(isinstance(x, str) for x in value):
                raise ValueError(f"url_filter: {opt} must be a list of strings, got {value!r}")
        if not (self.blocklists or self.block or self.banned_words or self.banned_words_file):
            raise ValueError("url_filter: nothing to filter on: set blocklists, block, banned_words or banned_words_file")
        self._loaded: tuple[UrlLists, UrlLists, frozenset[str], RegisteredDomains] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_loaded"] = None  # read again in each worker: lists can be large
        return state

    def setup(self) -> None:
        self.lists  # noqa: B018 - reading the lists is the point; a missing file fails here

    @property
    def lists(self) -> tuple[UrlLists, UrlLists, frozenset[str], RegisteredDomains]:
        if self._loaded is None:
            blocked, allowed = UrlLists(), UrlLists()
            for path in self.blocklists:
                blocked.add_path(path)
            blocked.add_inline(self.block, "block")
            for path in self.allowlists:
                allowed.add_path(path)
            allowed.add_inline(self.allow, "allow")
            words = {w.strip().lower() for w in self.banned_words if w.strip()}
            if self.banned_words_file:
                p = Path(self.banned_words_file).expanduser()
                if not p.is_file():
                    raise ValueError(f"url_filter: banned_words_file {str(p)!r} not found")
                words.update(w.lower() for w in read_entries(p))
            self._loaded = (blocked, allowed, frozenset(words), RegisteredDomains(self.private_suffixes))
        return self._loaded

    def reason(self, url: str) -> tuple[str, str] | None:
        """(drop reason, detail) for ``url``, or None to keep it."""
        blocked, allowed, words, registered = self.lists
        u = ParsedUrl.parse(url)
        if not u.host:
            return None
        reg = registered(u.host)
        if allowed and allowed.match(u.host, u.path, reg) is not None:
            return None
        hit = blocked.match(u.host, u.path, reg)
        if hit is not None:
            list_name, category, entry = hit
            return f"{self.name}:{list_name}:{category}", f"{entry} (list {list_name}, category {category})"
        if words:
            found = sorted(u.words() & words)
            if found:
                return f"{self.name}:banned_word", f"{', '.join(found)} in {url[:200]}"
        return None

    def process(self, doc: Document, ctx: ShardContext) -> None:
        url = url_of(doc, self.url_field)
        if not url:
            ctx.stats.flag(f"{self.name}:no_url")
            return
        found = self.reason(url)
        if found is not None:
            doc.drop(self.name, *found)


def url_of(doc: Document, key: str) -> str:
    """The document's URL: ``metadata[key]`` (WARC readers put it there), else the input record's
    field ``key`` (CCNet, FineWeb), else its ``metadata.key`` (dolma)."""
    for holder in (doc.metadata, doc.fields, doc.fields.get("metadata")):
        if isinstance(holder, dict):
            value = holder.get(key)
            if isinstance(value, str) and value.strip():
                return value
    return ""
