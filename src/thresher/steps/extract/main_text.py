"""Main text of an HTML page, one paragraph, heading or list item per line.

A combination of trafilatura and resiliparse, chosen with bench/extract_bench.py (tuned on one
half of the public pages, reported on the other; see bench/README.md):

* trafilatura in full mode (its fallback extractors run) with ``favor_precision`` and comments
  left out. Fast mode, tried before with resiliparse as a check, returned the navigation table of
  table-layout pages and never ran full mode when both found nothing (``0 < 0.5 * 0``);
* resiliparse's main-content text is the second opinion: when it holds at least
  ``RECALL_RETRY_BELOW`` times trafilatura's words, precision mode most likely kept a fragment of
  the body, and trafilatura runs again with balanced settings (taken when it finds at least twice
  as many words). resiliparse's text is the answer when trafilatura finds nothing at all;
* tables laid out for the page, not for data (a cell holding prose, rows of differing widths),
  become one line per cell instead of ``| a | b |`` rows: quality rules then judge sentences,
  not rows. Data tables stay ``|`` rows;
* ``link_line`` rule: a line whose whole text is the text of one of the page's links (after an
  optional short label such as "Related:" or "Read more:") is a related-story or menu link,
  unless such lines are most of the page (a list of products or headlines *is* its content) or
  the line stands alone between paragraphs or above them without a label (a headline that is a
  link, a blog post's title linking to its own page);
* list markers trafilatura adds (``- ``) are removed: every line is plain text, like the seed;
* a line break that only the page's source had (text wrapped inside the markup, which a browser
  renders as a space) is joined back when resiliparse's rendering has the two lines in one
  paragraph (:func:`join_source_wraps`).

The page title (the <h1> the og:title or <title> contains, else those with a trailing
" - Site Name" cut) is the first line when ``include_title`` is set, as the issue asks. The
benchmark's truth holds bodies only, so bench/README.md reports both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import trafilatura
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

_WS = re.compile(r"\s+")
_BULLET = re.compile(r"^[-*•·▪‣◦]\s+")
# "Related: <link>", "Read more - <link>", "SEE ALSO: <link>": a label of at most three words.
_LABEL = re.compile(r"^\W*(\w+(?:[ '’]\w+){0,2})\s*[:|»>\-–—]+\s*")
# Link texts shorter than this are menu words ("Home", "News"); a line equal to one is left to
# the boilerplate step, which knows more about such lines.
MIN_LINK_CHARS = 12
MAX_SCAN = 2_000_000
#: Run trafilatura again without favor_precision when resiliparse finds this many times its words.
RECALL_RETRY_BELOW = 4.0
#: resiliparse's main-content pass takes time quadratic in the DOM's depth (20,000 nested <div>s:
#: 8.5 s; 100,000: minutes) inside one C call that the step's time limit cannot interrupt. A page
#: with more tags than this has its depth measured first (a cheap count decides, so ordinary pages
#: pay nothing); one nested deeper than MAX_DOM_DEPTH is read by trafilatura alone.
DEEP_CHECK_TAGS = 10_000
MAX_DOM_DEPTH = 1_000
#: A table cell with at least this many words is prose: its table is a layout table.
LAYOUT_CELL_WORDS = 20
#: Words either side of a line break that must run on in one of resiliparse's paragraphs for the
#: break to be the source's wrapping, not the page's (join_source_wraps).
WRAP_CONTEXT_WORDS = 4
#: Paragraphs shorter than this are not looked for when a layout table's cell is cut into paragraphs.
MIN_BLOCK_CHARS = 20
#: The title line is looked for among this many first lines (it follows a layout's menu cells).
TITLE_SEARCH_LINES = 20
#: When link lines are at least this share of a page's lines, they are its content, not chrome.
LINK_LIST_SHARE = 0.5
# "Headline - Site Name", "Headline | Site", "Headline – Site": the last segment, when short.
_SITE_SUFFIX = re.compile(r"^(.*\S)\s+[|\-–—·»]\s+([^|–—·»]{2,40})$")
_TAG = re.compile(r"<[^>]*>")
# Bounded lazy groups: an unclosed tag costs at most this many steps, not a scan to the end of
# the page. 2000 for links, whose markup (spans, images, attributes) is often long.
_ANCHOR = re.compile(r"<a\b[^>]*>(.{0,2000}?)</a\s*>", re.IGNORECASE | re.DOTALL)
_OG_TITLE = re.compile(r"""<meta\s[^>]*?property\s*=\s*["']og:title["'][^>]*?content\s*=\s*"([^"]*)"\s*""", re.IGNORECASE)
_OG_TITLE_REV = re.compile(r"""<meta\s[^>]*?content\s*=\s*"([^"]*)"[^>]*?property\s*=\s*["']og:title["']""", re.IGNORECASE)
_H1 = re.compile(r"<h1\b[^>]*>(.{0,500}?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title\b[^>]*>(.{0,500}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    engine: str
    link_lines_dropped: int = 0


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip().casefold()


def page_facts(html: str) -> tuple[str, frozenset[str]]:
    """(title, texts of the page's links). Regular expressions rather than a second DOM: this
    runs beside trafilatura's own parse, and a set of link texts needs no tree (a DOM walk over
    every <a> cost more than the extraction itself)."""
    og = _first(_OG_TITLE, html) or _first(_OG_TITLE_REV, html)
    tag = _first(_TITLE, html)
    h1s = [_text_of(m) for m in _H1.findall(html, 0, MAX_SCAN)[:5]]
    title = choose_title(og, h1s, tag)
    links = set()
    for inner in _ANCHOR.findall(html):
        if "<" in inner:
            inner = _TAG.sub(" ", inner)
        if "&" in inner:
            inner = unescape(inner)
        t = _norm(inner)
        if len(t) >= MIN_LINK_CHARS and " " in t:
            links.add(t)
    return title, frozenset(links)


def _first(rx: re.Pattern, html: str) -> str:
    m = rx.search(html, 0, MAX_SCAN)
    return _text_of(m.group(1)) if m else ""


def choose_title(og: str, h1s: list[str], tag: str) -> str:
    """The headline: an <h1> that the og:title or <title> contains (it lacks the site name
    those carry; an <h1> that *is* the site name, a logo, does not count), else og:title /
    <title> with a trailing " - Site Name" cut off."""
    base = og or tag
    if base:
        nb = _norm(base)
        m = _SITE_SUFFIX.match(base)
        site = _norm(m.group(2)) if m else None
        for h in h1s:
            nh = _norm(h)
            if len(nh) >= 8 and nh in nb and nh != site:
                return h
        if m and len(m.group(1)) > len(m.group(2)):
            return m.group(1)
        return base
    return h1s[0] if len(h1s) == 1 else ""


def close_title(html: str) -> str:
    """``html`` with a ``<title>`` that is never closed ended at the first tag after it. Title
    text is raw up to ``</title>``: without one (a damaged head, ``</tit`` cut off), every parser
    reads the whole page as the title and finds no body at all."""
    m = _TITLE_OPEN.search(html, 0, MAX_SCAN)
    if m is None or _TITLE_CLOSE.search(html, m.end()):
        return html
    end = html.find("<", m.end())
    return html if end < 0 else f"{html[:end]}</title>{html[end:]}"


def _text_of(fragment: str) -> str:
    return _WS.sub(" ", unescape(_TAG.sub(" ", fragment))).strip()


def _is_link_line(line: str, links: frozenset[str]) -> tuple[bool, bool]:
    """(is the line a link's text, does a label such as "Related:" come before it)."""
    n = _norm(line)
    if len(n) < MIN_LINK_CHARS:
        return False, False
    if n in links:
        return True, False
    m = _LABEL.match(n)
    labelled = bool(m) and n[m.end():] in links
    return labelled, labelled


def link_lines_to_drop(lines: list[str], links: frozenset[str]) -> set[int]:
    """Indexes of the lines the ``link_line`` rule removes (see the module docstring): labelled
    link lines, and unlabelled ones in a run of link lines or at the end of the text; none
    when link lines are most of the page. A lone link line first, above the body, is the
    headline (a blog post's title links to its own page)."""
    marks = [_is_link_line(line, links) for line in lines]
    found = [i for i, (is_link, _) in enumerate(marks) if is_link]
    if not found or len(found) >= LINK_LIST_SHARE * len(lines):
        return set()
    last = len(lines) - 1
    drop = set()
    for i in found:
        labelled = marks[i][1]
        at_end = i == last  # a first line that is a link is the post's own title (a permalink)
        in_run = (i > 0 and marks[i - 1][0]) or (i < last and marks[i + 1][0])
        if labelled or at_end or in_run:
            drop.add(i)
    return drop


# trafilatura writes a table row as "| a | b |", a "|" inside a cell as "\|".
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_ROW = re.compile(r"^-+$")  # the "|---|---|" line under a header row


def _cells(row: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(row.strip())[1:-1]]


def split_at_blocks(cell: str, blocks: list[str]) -> list[str]:
    """``cell`` cut where another extractor's paragraphs start: trafilatura writes a table cell
    on one line, and a layout table's cell often holds the whole article. ``blocks`` are the
    page's paragraphs in page order (resiliparse's lines, whitespace normalised); only those of
    ``MIN_BLOCK_CHARS`` or more are looked for, each after the previous one found."""
    text = _WS.sub(" ", cell).strip()
    cuts, pos = [], 0
    for block in blocks:
        if len(block) < MIN_BLOCK_CHARS:
            continue
        at = text.find(block, pos)
        if at >= 0:
            cuts.append(at)
            pos = at + len(block)
    if not cuts:
        return [cell]
    bounds = sorted({0, *cuts, len(text)})
    return [piece for a, b in zip(bounds, bounds[1:]) if (piece := text[a:b].strip())]


def join_source_wraps(lines: list[str], blocks: list[str]) -> list[str]:
    """``lines`` with the breaks that only the page's source had joined back: trafilatura keeps a
    newline inside a text node (an old page's text wrapped in its markup at 60 columns) as a line
    break, which a browser renders as a space. ``blocks`` are the page's paragraphs as resiliparse
    renders them (whitespace normalised): two lines are joined when neither is a whole paragraph
    there and the words around the break (``WRAP_CONTEXT_WORDS`` each side) run on in one of
    them (trafilatura may also have run two paragraphs into one line, so not the whole lines)."""
    whole = set(blocks)
    text = "\n".join(blocks)
    out: list[str] = []
    prev_norm = ""
    k = WRAP_CONTEXT_WORDS
    for line in lines:
        norm = _WS.sub(" ", line).strip()
        if out and prev_norm not in whole and norm not in whole:
            seam = " ".join(prev_norm.split(" ")[-k:] + norm.split(" ")[:k])
            if seam in text:
                out[-1] = f"{out[-1]} {line}"
                prev_norm = norm
                continue
        out.append(line)
        prev_norm = norm
    return out


def unfold_layout_tables(lines: list[str], blocks: list[str] = ()) -> list[str]:
    """Rows of a layout table (a cell of ``LAYOUT_CELL_WORDS`` words or more, or rows of
    differing widths) become one line per non-empty cell, long cells cut into the page's
    paragraphs (:func:`split_at_blocks`); data tables stay rows."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (lines[i].startswith("|") and lines[i].endswith("|")):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].startswith("|") and lines[j].endswith("|"):
            j += 1
        rows = [_cells(r) for r in lines[i:j]]
        layout = (len({len(r) for r in rows}) > 1
                  or any(len(c.split()) >= LAYOUT_CELL_WORDS for r in rows for c in r))
        if layout:
            for c in (c for r in rows for c in r if c and not _RULE_ROW.match(c)):
                out.extend(split_at_blocks(c, blocks) if len(c.split()) >= LAYOUT_CELL_WORDS else [c])
        else:
            out.extend(lines[i:j])
        i = j
    return out


def deeper_than(tree: HTMLTree, limit: int) -> bool:
    """Whether any node of ``tree`` lies more than ``limit`` levels down (a walk without recursion,
    stopped at the first such node)."""
    root = tree.document
    node, depth = root.first_child, 1
    while node is not None:
        if depth > limit:
            return True
        child = node.first_child
        if child is not None:
            node, depth = child, depth + 1
            continue
        while node.next is None:
            node, depth = node.parent, depth - 1
            if node is None or depth <= 0:
                return False
        node = node.next
    return False


def _words(text: str) -> int:
    return len(text.split())


def extract_main_text(html: str, *, include_title: bool = True, drop_link_lines: bool = True,
                      include_tables: bool = True) -> Extracted:
    html = close_title(html)
    title, links = page_facts(html)
    kw = dict(include_comments=False, include_tables=include_tables)
    text = trafilatura.extract(html, favor_precision=True, **kw) or ""
    engine = "trafilatura"
    tree = HTMLTree.parse(html)
    if html.count("<") > DEEP_CHECK_TAGS and deeper_than(tree, MAX_DOM_DEPTH):
        second = ""
    else:
        second = extract_plain_text(tree, main_content=True, comments=False, list_bullets=False, alt_texts=False) or ""
    found = _words(text)
    # ``not found`` first: when both found nothing, a ratio test alone would never retry.
    if not found or _words(second) >= RECALL_RETRY_BELOW * found:
        balanced = trafilatura.extract(html, **kw) or ""
        if balanced.strip() and _words(balanced) >= 2 * found:
            text, engine = balanced, "trafilatura:balanced"
    if not text.strip():
        text, engine = second, "resiliparse"
    lines = [line for line in (_BULLET.sub("", raw.strip()) for raw in text.splitlines()) if line]
    blocks = [_WS.sub(" ", b).strip() for b in second.splitlines()]
    if any(line.startswith("|") for line in lines):
        lines = unfold_layout_tables(lines, blocks)
    if blocks:
        lines = join_source_wraps(lines, blocks)
    dropped = link_lines_to_drop(lines, links) if drop_link_lines else set()
    if dropped:
        lines = [line for i, line in enumerate(lines) if i not in dropped]
    # trafilatura often keeps the <h1>, first or after a layout's menu cells: one title line,
    # first, or none.
    at = next((i for i, line in enumerate(lines[:TITLE_SEARCH_LINES]) if _norm(line) == _norm(title)), None) if title else None
    if at is not None:
        del lines[at]
    if include_title and title:
        lines.insert(0, title)
    return Extracted("\n".join(lines), title, engine, len(dropped))
