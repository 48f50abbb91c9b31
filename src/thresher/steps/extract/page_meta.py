"""Who wrote an HTML page and when, as the page itself says: JSON-LD, meta tags, ``<time>``.

Read before the text's own bylines (the attribution step), because a page's metadata is written
for machines and says it plainly. Sources, first found wins for each fact:

1. JSON-LD (``<script type="application/ld+json">``): the first object of an article type
   (``NewsArticle``, ``BlogPosting``, ... searched through ``@graph`` and lists) with ``author``
   (a name, a Person, a list of them), ``datePublished``, ``dateModified``; a ``WebPage`` only
   when no article says;
2. meta tags (``SOURCES``, in order): ``article:published_time``, ``name="author"``, ...
   (``article:author`` and others that often hold a profile URL: a URL is not a name);
3. ``<time datetime>`` marked as the publication date (``itemprop="datePublished"``,
   ``pubdate``, a class that says "publish" or "posted"), else the page's only ``<time>``;
   the text of the first ``rel="author"`` link, when it reads as a name.

Regular expressions over the markup (and ``json`` for JSON-LD), not a second DOM: about 0.2 ms
a page against 3-10 ms for trafilatura's metadata extraction, which parses the page again and
guesses dates from its text (see bench/README.md, "Extraction and WARC"). Dates are given as
ISO 8601 (:mod:`thresher.steps.attribution.dates`).
"""

from __future__ import annotations

import json
import re
from html import unescape
from types import MappingProxyType

from thresher.steps.attribution.dates import iso_of_machine_date, parse_date

#: Meta tags per fact, in order of trust: the name / property / itemprop attribute, lowercased.
SOURCES: MappingProxyType = MappingProxyType({
    "author": ("author", "article:author", "og:article:author", "byl", "dc.creator", "dcterms.creator",
               "parsely-author", "sailthru.author", "citation_author", "book:author"),
    "published": ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
                  "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "citation_publication_date",
                  "og:published_time", "dcterms.created", "article.published"),
    "updated": ("article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
                "dcterms.modified", "last-modified", "article.updated"),
})
#: JSON-LD types whose author and dates are the page's.
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle", "scholarlyarticle",
    "report", "liveblogposting", "socialmediaposting", "posting", "review", "creativework", "howto", "recipe",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "profilepage", "collectionpage"})

MAX_SCAN = 1_000_000  # where a page's metadata may be: far less than this into the HTML
MAX_JSON_LD = 200_000  # a larger JSON-LD block is a data dump, not a page's description
_META = re.compile(r"<meta\s([^>]{0,2000})>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_JSON_LD = re.compile(r"""<script\b[^>]{0,200}?type\s*=\s*["']?application/ld\+json["']?[^>]{0,200}>(.{0,%d}?)</script\s*>""" % MAX_JSON_LD,
                      re.I | re.S)
_TIME = re.compile(r"<time\s([^>]{0,1000})>", re.I)
_URLISH = re.compile(r"^(?:https?:|www\.|/|@)|\.(?:com|org|net|co\.uk)\b", re.I)
_BY = re.compile(r"^\s*by\s*:?\s+", re.I)
_WS = re.compile(r"\s+")
# (case-sensitive: a literal prefix the re module scans for fast; pages write attributes in lowercase)
_REL_AUTHOR = re.compile(r"""rel\s*=\s*["']?author\b""")
_LINK_TEXT = re.compile(r"[^>]{0,1000}>(.{1,300}?)</a\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_PUBLISH_HINT = re.compile(r"publish|posted|pubdate|dateline|byline|entry-date|post-date|article-date", re.I)


def page_attribution(html: str) -> dict[str, str]:
    """``author``, ``published`` and ``updated`` as the page's own metadata gives them (any of
    them may be missing); a date that is not ISO 8601 and cannot be read completely also gives
    ``<key>_raw``."""
    head = html[:MAX_SCAN]
    found: dict[str, list[str]] = {"author": [], "published": [], "updated": []}
    _from_json_ld(head, found)
    metas = _meta_tags(head)
    for key, names in SOURCES.items():
        if found[key]:
            continue
        for name in names:
            values = [v for v in metas.get(name, ()) if v]
            if key == "author":
                values = [v for v in (_author_name(v) for v in values) if v]
            if values:
                found[key] = values
                break
    if not found["published"]:
        found["published"] = _time_published(head)
    if not found["author"]:
        found["author"] = _rel_author(head)
    out: dict[str, str] = {}
    if found["author"]:
        out["author"] = "; ".join(dict.fromkeys(found["author"]))
    for key in ("published", "updated"):
        if found[key]:
            _set_date(out, key, found[key][0])
    return out


def _set_date(out: dict[str, str], key: str, value: str) -> None:
    iso = iso_of_machine_date(value)
    if iso:
        out[key] = iso
        return
    date = parse_date(value)
    if date.iso:
        out[key] = date.iso
    if not date.complete:
        out[f"{key}_raw"] = value.strip()


def _meta_tags(head: str) -> dict[str, list[str]]:
    """name / property / itemprop (lowercased) -> the contents of the meta tags that carry it."""
    out: dict[str, list[str]] = {}
    for m in _META.finditer(head):
        attrs = {a.lower(): (b if b is not None else c if c is not None else d) for a, b, c, d in _ATTR.findall(m.group(1))}
        content = attrs.get("content")
        if content is None:
            continue
        for a in ("name", "property", "itemprop"):
            if a in attrs:
                out.setdefault(attrs[a].strip().lower(), []).append(_WS.sub(" ", unescape(content)).strip())
    return out


def _author_name(value: str) -> str | None:
    """A name as a meta tag gives it ("By Jane Doe" -> "Jane Doe"); None for a URL or a handle."""
    v = _BY.sub("", value).strip()
    if not v or _URLISH.search(v) or len(v) > 100:
        return None
    return v


def _from_json_ld(head: str, found: dict[str, list[str]]) -> None:
    """The first article object's author and dates (a WebPage's when no article gives them)."""
    pages: list[dict] = []
    blocks = []
    for m in _JSON_LD.finditer(head):
        raw = m.group(1).strip()
        if raw.startswith("<!--"):
            raw = raw[4:].rsplit("-->", 1)[0]
        try:
            data = json.loads(raw.replace("<![CDATA[", "").replace("]]>", ""))
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the meta tags may still say
        blocks.append(data)
    # Objects by @id: a graph's article names its author as {"@id": ...} of a Person elsewhere.
    by_id = {o["@id"]: o for data in blocks for o in _objects(data) if isinstance(o.get("@id"), str)}
    for data in blocks:
        for obj in _objects(data):
            types = obj.get("@type")
            names = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            if names & ARTICLE_TYPES:
                _take(obj, found, by_id)
                if found["author"] and found["published"]:
                    return
            elif names & PAGE_TYPES:
                pages.append(obj)
    for obj in pages:
        _take(obj, found, by_id)


def _take(obj: dict, found: dict[str, list[str]], by_id: dict[str, dict]) -> None:
    if not found["author"]:
        found["author"] = _people(obj.get("author") or obj.get("creator"), by_id)
    for key, field in (("published", "datePublished"), ("updated", "dateModified")):
        v = obj.get(field)
        if not found[key] and isinstance(v, str) and v.strip():
            found[key] = [v.strip()]


def _people(value, by_id: dict[str, dict]) -> list[str]:
    """Names in a JSON-LD author: "Jane Doe", {"name": ...}, {"@id": ...}, or a list of them."""
    out = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            if "name" not in v and isinstance(v.get("@id"), str):
                v = by_id.get(v["@id"], v)
            v = v.get("name")
            if isinstance(v, list):
                v = " ".join(x for x in v if isinstance(x, str))
        if isinstance(v, str):
            name = _author_name(_WS.sub(" ", unescape(v)).strip())
            if name:
                out.append(name)
    return out


def _objects(data, depth: int = 0):
    """Every object in a JSON-LD document: top level, lists, ``@graph``, and one level of
    nesting (``mainEntity``)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for x in data:
            yield from _objects(x, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (list, dict)):
                yield from _objects(data[key], depth + 1)


def _rel_author(head: str) -> list[str]:
    """The text of the first ``rel="author"`` link that reads as a name (at most five words)."""
    for m in _REL_AUTHOR.finditer(head):
        # (found by its attribute, then its tag: a pattern for the whole link would try every <a>)
        start = head.rfind("<", 0, m.start())
        if start < 0 or head[start:start + 2].lower() != "<a":
            continue
        link = _LINK_TEXT.match(head, m.end())
        if link is None:
            break
        text = _WS.sub(" ", unescape(_TAG.sub(" ", link.group(1)))).strip()
        name = _author_name(text)
        if name and len(name.split()) <= 5 and any(c.isalpha() for c in name):
            return [name]
        break  # the first author link is the byline's; later ones are other stories'
    return []


def _time_published(head: str) -> list[str]:
    """A ``<time datetime>`` marked as the publication date, else the page's only one."""
    times = []
    for m in _TIME.finditer(head):
        attrs = {a.lower(): (b if b is not None else c if c is not None else d) for a, b, c, d in _ATTR.findall(m.group(1))}
        when = attrs.get("datetime", "").strip()
        if not when:
            continue
        marked = (attrs.get("itemprop", "").lower() == "datepublished" or "pubdate" in m.group(1).lower()
                  or _PUBLISH_HINT.search(attrs.get("class", "") + " " + attrs.get("id", "")))
        if marked:
            return [when]
        times.append(when)
    return times if len(times) == 1 else []
