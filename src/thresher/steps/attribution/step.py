"""The ``attribution`` step: bylines and datelines out of the text, into metadata.

Who wrote a page and when are facts about it, not part of its prose: a line such as ``By Jane
Doe``, ``Jane Doe - 12 May 2016 - 10:23``, ``Posted by admin on May 12, 2016`` or ``Published:
12 May 2016`` is removed (edits ``attribution:byline`` and ``attribution:date``) and kept as

* ``metadata["author"]``: the names, several joined with ``"; "`` (``Jane Doe; John Roe``);
* ``metadata["published"]`` and ``metadata["updated"]``: ISO 8601 (``2016-05-12T10:23``,
  ``2016-05-12``); a date the page gives incompletely (no day, an undecidable ``12/05/2016``)
  keeps what ISO 8601 can say (``2016-05``, ``2016``, or nothing) and its text as written in
  ``published_raw`` / ``updated_raw``.

What the page's own metadata said (the extract step reads an HTML page's meta tags, JSON-LD and
``<time>`` first) wins: these keys are set only where still absent, as ``image_credit`` is.

The rules are data (:mod:`thresher.steps.attribution.rules`). They are tried only on lines in the
page's top zone (above its first line of prose) and bottom zone (below its last one), at most
``edge_lines`` non-blank lines from each end, and each must match a whole line: a body sentence
that starts with "By" (``By the end of the year, ...``) is never one. Page chrome that the
boilerplate rules know (a cookie notice above the title) does not end a zone, so the step may
run before the boilerplate step, which it must: ``Jane Doe | Reuters`` below a title is a byline
here and would be a photo credit there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from thresher.disk_cache import compiled_pattern
from thresher.document import Document, Edit
from thresher.steps.attribution.dates import Date, parse_date
from thresher.steps.attribution.rules import GROUPS, Rule
from thresher.steps.base import Editor, ShardContext
from thresher.steps.boilerplate.match import RuleMatcher
from thresher.steps.repair.lines import removal_edits, split_lines

_AUTHOR_SPLIT = regex.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


class _LazyPattern:
    """A rule's pattern, compiled when a line first gets that far: they cost seconds to compile
    (names and dates are long patterns), and a page without bylines needs few of them. Compiled
    once per machine (thresher.disk_cache): loading a compiled one is a hundredth of the time."""

    __slots__ = ("source", "_rx")

    def __init__(self, source: str) -> None:
        self.source = source
        self._rx: regex.Pattern | None = None

    def fullmatch(self, s: str) -> regex.Match | None:
        if self._rx is None:
            self._rx = compiled_pattern(self.source)
        return self._rx.fullmatch(s)


@dataclass(frozen=True)
class Found:
    """What :meth:`Attribution.plan` found in a text: edits, and the facts the lines held."""

    edits: list[Edit]
    authors: tuple[str, ...] = ()
    published: Date | None = None
    updated: Date | None = None


@dataclass
class Attribution(Editor):
    name = "attribution"
    #: Groups ("byline", "date") or single rules ("date.date_only") to leave out.
    disabled: list[str] = field(default_factory=list)
    #: How "12/05/2016" is read: "auto" (only when a number over 12 decides; else only the year
    #: is kept, with the raw text), "dmy" or "mdy".
    numeric_dates: str = "auto"
    #: A line with at least this many words is prose: it ends the top zone / starts the bottom one...
    prose_min_words: int = 8
    #: ...except the page's first line (its title, however long) and this many more lines of prose
    #: at the top: a standfirst often sits between the headline and the byline.
    top_prose_lines: int = 1
    #: At most this many non-blank lines from each end of the page are looked at.
    edge_lines: int = 12
    #: Longer lines (in characters or words) are never bylines.
    max_line_chars: int = 250
    max_line_words: int = 30

    def __post_init__(self) -> None:
        if self.numeric_dates not in ("auto", "dmy", "mdy"):
            raise ValueError(f"numeric_dates must be 'auto', 'dmy' or 'mdy', not {self.numeric_dates!r}")
        off = set(self.disabled)
        unknown = {d for d in off if d.split(".")[0] not in GROUPS}
        if unknown:
            raise ValueError(f"disabled names unknown rule groups: {', '.join(sorted(unknown))}; groups: {', '.join(GROUPS)}")
        # (group, rule, its pattern, its needed strings or None)
        self._rules: list[tuple[str, Rule, _LazyPattern, frozenset[str] | None]] = [
            (g, r, _LazyPattern(r.pattern), frozenset(r.needs) or None)
            for g, rules in GROUPS.items() if g not in off for r in rules if f"{g}.{r.name}" not in off
        ]
        # Every needed string, looked for once per line (not once per rule).
        self._needs = tuple(sorted({w for *_, needs in self._rules if needs for w in needs}))
        self._chrome = RuleMatcher()

    # -- the step ---------------------------------------------------------------------------
    def process(self, doc: Document, ctx: ShardContext) -> None:
        found = self.plan(doc.text)
        meta = doc.metadata
        if found.authors and "author" not in meta:
            meta["author"] = "; ".join(found.authors)
        for key, date in (("published", found.published), ("updated", found.updated)):
            if date is not None and key not in meta and f"{key}_raw" not in meta:
                if date.iso:
                    meta[key] = date.iso
                if not date.complete:
                    meta[f"{key}_raw"] = date.raw
        self.apply_edits(doc, found.edits, ctx)

    def edit(self, doc: Document) -> list[Edit]:
        """The edits alone (metadata untouched); :meth:`process` is what a pipeline runs."""
        return self.plan(doc.text).edits

    def plan(self, text: str) -> Found:
        lines, starts = split_lines(text)
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        if len(nonblank) < 2:
            return Found([])
        first = nonblank[0]
        hits: dict[int, tuple[str, regex.Match]] = {}
        # Top zone: from the first line down to the first line of prose.
        prev_ok = True  # the line above is the title or an attribution line
        after_byline = False
        prose = 0
        for i in nonblank[: self.edge_lines]:
            s = lines[i].strip()
            hit = self._match(s, i == first, top=True, below_title=prev_ok, after_byline=after_byline)
            if hit is not None:
                hits[i] = hit
                prev_ok, after_byline = True, hit[0] == "byline"
                continue
            if i != first and self._is_prose(s):
                prose += 1
                if prose > self.top_prose_lines:
                    break
            prev_ok, after_byline = i == first, False
        # Bottom zone: from the last line up to the last line of prose.
        for i in reversed(nonblank[-self.edge_lines:]):
            if i == first:
                break
            if i in hits:
                continue
            s = lines[i].strip()
            hit = self._match(s, False, top=False, below_title=False, after_byline=False)
            if hit is not None:
                hits[i] = hit
                continue
            if self._is_prose(s):
                break
        # A role line below a byline at the bottom ("By Jane Doe" / "Political correspondent").
        for i in sorted(hits):
            if hits[i][0] != "byline":
                continue
            k = next((k for k in nonblank if k > i), None)
            if k is not None and k not in hits:
                hit = self._match(lines[k].strip(), False, top=False, below_title=False, after_byline=True, only_after=True)
                if hit is not None:
                    hits[k] = hit
        if not hits:
            return Found([])
        authors: list[str] = []
        published = updated = None
        for i in sorted(hits):
            _, m = hits[i]
            g = m.groupdict()
            if g.get("author"):
                authors.extend(_names(g["author"]))
            if g.get("date") and published is None:
                published = parse_date(g["date"], self.numeric_dates)
            if g.get("updated") and updated is None:
                updated = parse_date(g["updated"], self.numeric_dates)
        edits = removal_edits(text, lines, starts, {i: f"attribution:{group}" for i, (group, _) in hits.items()})
        return Found(edits, tuple(dict.fromkeys(authors)), published, updated)

    # -- matching ------------------------------------------------------------------------------
    def _match(self, s: str, first_line: bool, *, top: bool, below_title: bool, after_byline: bool,
               only_after: bool = False) -> tuple[str, regex.Match] | None:
        """The first rule line ``s`` matches where it stands, as (group, match), or None."""
        if len(s) > self.max_line_chars or s.count(" ") >= self.max_line_words:
            return None
        low = s.lower()
        present = {w for w in self._needs if w in low}
        for group, rule, rx, needs in self._rules:
            where = rule.where
            if only_after and where != "after_byline":
                continue
            if first_line and not rule.first_line:
                continue
            if ((where == "bottom" and top) or (where == "below_title" and not (top and below_title))
                    or (where == "after_byline" and not after_byline)):
                continue
            if needs is not None and needs.isdisjoint(present):
                continue
            m = rx.fullmatch(s)
            if m is not None:
                return group, m
        return None

    def _is_prose(self, s: str) -> bool:
        """A line of prose ends a zone; page chrome the boilerplate rules know does not."""
        return s.count(" ") + 1 >= self.prose_min_words and (len(s) > 400 or self._chrome.match(s) is None)


def _names(author: str) -> list[str]:
    """The names in a byline's author group: "Jane Doe and John Roe" -> ["Jane Doe", "John Roe"];
    names written in capitals are given in title case ("JANE DOE" -> "Jane Doe")."""
    out = []
    for name in _AUTHOR_SPLIT.split(author.strip()):
        name = " ".join(name.split())
        if not name:
            continue
        if name.isupper() and len(name) > 3:  # not "AFP", "BBC"
            name = name.title()
        out.append(name)
    return out
