"""Domain and URL lists, read from the files users have: what a list entry is and how a URL is looked up.

A list is one of:

* a text file, one entry a line: a domain (``example.com``), a URL or URL prefix
  (``example.com/ads/``, ``http://example.com/page.html``), or a hosts-file line
  (``0.0.0.0 example.com``, ``127.0.0.1 a.example.com b.example.com``); ``#`` starts a comment.
  Its category is the file's name without extension;
* a folder in the layout of the UT1 blacklists (Université Toulouse 1): one sub-folder per
  category, each with a ``domains`` and/or ``urls`` file (``adult/domains``, ``phishing/urls``).
  Its categories are the sub-folder names.

The list's name is the file's or folder's name without extension (or the name given). Lookups are
set lookups, never a pattern per entry: a host is looked up, then each parent domain up to its
registered domain (``a.b.example.co.uk``, ``b.example.co.uk``, ``example.co.uk``; never ``co.uk``:
the public suffix comes from the Public Suffix List snapshot that ships inside ``tldextract``, never
fetched); a URL is looked up as ``host/path`` and at each ``/`` above it. ``www.`` is ignored on
both sides, hosts and paths compare lower-case.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

_HOSTS_ADDRESSES = {"0.0.0.0", "127.0.0.1", "::", "::1", "::0", "0:0:0:0:0:0:0:0", "255.255.255.255"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_WORD = re.compile(r"[a-z0-9]+")
_UT1_FILES = ("domains", "urls")


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def normalise_entry(entry: str) -> tuple[str, str]:
    """``("domain", host)`` or ``("url", "host/path")`` for one list entry (no comment, stripped)."""
    e = _SCHEME.sub("", entry.strip()).lower()
    host, slash, path = e.partition("/")
    host = _strip_www(host.split("@")[-1].split(":")[0].strip(".")) if host else host
    path = path.split("#")[0].split("?")[0].rstrip("/")
    if slash and path:
        return "url", f"{host}/{path}"
    return "domain", host


def read_entries(path: Path) -> Iterator[str]:
    """The entries of a list file: comments and blank lines out; hosts-file lines give their host names."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) > 1 and parts[0] in _HOSTS_ADDRESSES:
                yield from (p for p in parts[1:] if p not in ("localhost", "localhost.localdomain", "local", "broadcasthost"))
            else:
                yield parts[0]


@dataclasses.dataclass
class UrlLists:
    """Every entry of some lists: host or URL -> (list, category) of its first listing."""

    domains: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    urls: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    def add(self, entry: str, list_name: str, category: str) -> None:
        kind, key = normalise_entry(entry)
        if not key or key.startswith("/"):
            return
        (self.urls if kind == "url" else self.domains).setdefault(key, (list_name, category))

    def add_path(self, path: str | Path, name: str = "") -> None:
        """Read a list file or a UT1-style folder (see the module docstring)."""
        p = Path(path).expanduser()
        if p.is_dir():
            list_name = name or p.name
            found = False
            for sub in sorted(q for q in p.iterdir() if q.is_dir()):
                for fname in _UT1_FILES:
                    f = sub / fname
                    if f.is_file():
                        found = True
                        for entry in read_entries(f):
                            self.add(entry, list_name, sub.name)
            if not found:
                raise ValueError(f"url_filter: folder {p} has no <category>/domains or <category>/urls files (UT1 layout)")
        elif p.is_file():
            stem = p.name.split(".")[0] or p.name
            for entry in read_entries(p):
                self.add(entry, name or stem, stem)
        else:
            raise ValueError(f"url_filter: list {str(p)!r} not found")

    def add_inline(self, entries: Iterable[str], list_name: str) -> None:
        for entry in entries:
            self.add(entry, list_name, list_name)

    def __len__(self) -> int:
        return len(self.domains) + len(self.urls)

    def match(self, host: str, path: str, registered: str) -> tuple[str, str, str] | None:
        """(list, category, entry) of the first entry ``host``/``path`` falls under, or None.

        ``host`` lower-case without ``www.``; ``registered`` its registered domain (the lookup stops
        there); ``path`` lower-case without query or fragment.
        """
        if self.urls and path:
            key = f"{host}/{path.strip('/')}"
            while "/" in key:
                hit = self.urls.get(key)
                if hit is not None:
                    return (*hit, key)
                key = key.rsplit("/", 1)[0]
        if self.domains:
            h = host
            while h:
                hit = self.domains.get(h)
                if hit is not None:
                    return (*hit, h)
                if h == registered or "." not in h:
                    break
                h = h.split(".", 1)[1]
        return None


@dataclasses.dataclass(frozen=True)
class ParsedUrl:
    host: str  # lower-case, no www., no port
    path: str  # lower-case, no query or fragment, no leading slash

    @classmethod
    def parse(cls, url: str) -> "ParsedUrl":
        u = url.strip()
        if not _SCHEME.match(u):
            u = "http://" + u.lstrip("/")
        try:
            parts = urlsplit(u)
            host = parts.hostname or ""
        except ValueError:  # an unbalanced IPv6 bracket, say
            return cls("", "")
        return cls(_strip_www(host.rstrip(".").lower()), parts.path.lower().lstrip("/"))

    def words(self) -> set[str]:
        """Lower-case letter/digit runs of the host and path (what banned words are matched against)."""
        return set(_WORD.findall(self.host)) | set(_WORD.findall(self.path))


class RegisteredDomains:
    """Host -> registered domain (``forums.bbc.co.uk`` -> ``bbc.co.uk``) by the Public Suffix List
    snapshot bundled with ``tldextract``; no list is ever fetched."""

    def __init__(self, private_suffixes: bool = False) -> None:
        import tldextract

        self._extract = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True, include_psl_private_domains=private_suffixes
        )

    def __call__(self, host: str) -> str:
        r = self._extract.extract_str(host)
        return r.top_domain_under_public_suffix or host
