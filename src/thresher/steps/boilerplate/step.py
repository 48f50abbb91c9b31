"""Boilerplate lines: photo credits and captions, comment widgets, share bars, cookie notices,
navigation menus, subscribe prompts, "read more at" tails and adverts.

The rules are data (:mod:`thresher.steps.boilerplate.rules`); this step decides where each may
apply. The page has a *top zone* and a *bottom zone*: the lines above its first line of prose
and below its last one, where a site's chrome lives. Unmistakable phrasings are removed
anywhere; vague ones (``Home``, ``Comments``) only in a zone; follower lines (a cookie banner's
``Accept``) only right after a line their group removed. Two structural rules sit beside the
patterns:

* a run of at least ``menu_min_lines`` short title-case lines in a zone is a navigation menu;
* a photo credit takes the caption line just above it (a short line without final punctuation),
  and a lone ``©`` takes the credit on the line below it. Credits go to
  ``metadata["image_credit"]`` (several are joined with ``"; "``).

A page may not lose more than ``max_removed_share`` of its characters to these rules quietly:
above the cap its metadata says so (``boilerplate_over_cap``, with the share), the stats count
``boilerplate:over_cap`` (as a drop, or as a flag on a kept page), and ``on_over_cap`` decides
the verdict: ``"drop"`` (default: the edits are applied, so ``thresher explain`` shows what the
rules took, and the page is dropped with reason ``boilerplate:over_cap``: a page that is mostly
chrome is rarely worth keeping, and if the rules were wrong the rejected sink says where to
look), ``"flag"`` (apply the edits, keep the page) or ``"skip"`` (keep the page and leave its
text alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thresher.document import Document, Edit
from thresher.steps.base import Editor, ShardContext
from thresher.steps.boilerplate.match import Candidate, RuleMatcher
from thresher.steps.repair.lines import removal_edits, split_lines

OVER_CAP = "boilerplate:over_cap"

# A navigation item's word: letters, joined by ' . - / + ("Entertainment", "AR/VR", "Apple TV+").
_NAV_ITEM = re.compile(r"(?:[^\W\d_][^\W\d_'’./+-]*(?:['’./+-][^\W\d_]+)*\+?)")
# A menu separator alone on its line, between two items.
_GLUE = re.compile(r"[|»›>/·•:→~-]{1,3}")
_MINOR = frozenset({"&", "and", "of", "the", "to", "for", "in", "on", "a", "us"})
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")
# How far the caption and credit rules look up or down the page (keeps a page of 40,000 credits
# linear).
_LOOK = 50
_LIST_MARK = re.compile(r"(?:[-*+•·▪●◦‣–—>»]|\d{1,3}[.)])\s")


@dataclass
class Boilerplate(Editor):
    name = "boilerplate"
    #: Largest share of a page's characters these rules may remove without the page saying so.
    max_removed_share: float = 0.5
    #: What to do above the cap: "drop", "flag" or "skip" (see the module docstring).
    on_over_cap: str = "drop"
    #: Groups ("share_bar") or single rules ("comment_widget.comments_heading") to leave out.
    disabled: list[str] = field(default_factory=list)
    #: A line with at least this many words is prose: it ends the top zone / starts the bottom one.
    prose_min_words: int = 8
    #: A navigation menu is at least this many consecutive short title-case lines in a zone...
    menu_min_lines: int = 3
    #: ...of at most this many words and characters each.
    menu_max_words: int = 3
    menu_max_chars: int = 30
    #: The line above a photo credit is its caption if it has this many words (and no final
    #: punctuation).
    caption_min_words: int = 5
    caption_max_words: int = 30
    #: A lone "©" takes the next line as the credit if that line has at most this many words.
    credit_max_words: int = 8
    #: Lines longer than this are never boilerplate (and are not tested against the rules).
    max_line_chars: int = 400

    def __post_init__(self) -> None:
        if self.on_over_cap not in ("flag", "drop", "skip"):
            raise ValueError(f"on_over_cap must be 'flag', 'drop' or 'skip', not {self.on_over_cap!r}")
        self._matcher = RuleMatcher(self.disabled)

    # -- the step ---------------------------------------------------------------------------
    def process(self, doc: Document, ctx: ShardContext) -> None:
        edits, credit, share = self.plan(doc.text)
        over = share > self.max_removed_share
        if over:
            doc.metadata["boilerplate_over_cap"] = round(share, 4)
            if self.on_over_cap != "drop":  # a drop is counted with the drops
                ctx.stats.flag(OVER_CAP)
            if self.on_over_cap == "skip":
                return
        if credit and "image_credit" not in doc.metadata:
            doc.metadata["image_credit"] = credit
        self.apply_edits(doc, edits, ctx)
        if over and self.on_over_cap == "drop":
            doc.drop(self.name, OVER_CAP, f"rules would remove {share:.0%} of the page > max_removed_share {self.max_removed_share:.0%}")

    def edit(self, doc: Document) -> list[Edit]:
        """The edits alone (metadata untouched); :meth:`process` is what a pipeline runs."""
        return self.plan(doc.text)[0]

    def plan(self, text: str) -> tuple[list[Edit], str | None, float]:
        """Edits for ``text``, the image credit found (or None) and the share of text removed."""
        lines, starts = split_lines(text)
        removed, credits = self._decide(lines)
        if not removed:
            return [], None, 0.0
        edits = removal_edits(text, lines, starts, {i: f"boilerplate:{g}" for i, g in removed.items()})
        credit = "; ".join(dict.fromkeys(credits)) or None
        lost = sum(e.end - e.start for e in edits)
        return edits, credit, lost / len(text) if text else 0.0

    # -- deciding which lines go ---------------------------------------------------------------
    def _decide(self, lines: list[str]) -> tuple[dict[int, str], list[str]]:
        n = len(lines)
        strip = [line.strip() for line in lines]
        limit = self.max_line_chars
        words = [len(s.split()) if len(s) <= limit else 999 for s in strip]
        # matched[i]: the rules whose pattern line i matches on its own (one anywhere, one edge).
        matched: list[list[Candidate] | None] = [None] * n
        match = self._matcher.match
        follows = self._matcher.follows
        # chrome[i]: line i matches a rule, or follows chrome of a group whose "after" rules it
        # matches (a cookie banner's second sentence is chrome, not the article's first prose).
        chrome = [False] * n
        any_match = False
        prev: str | None = None
        for i, s in enumerate(strip):
            if not s:
                continue
            if len(s) > limit:
                prev = None
                continue
            found = match(s, words[i])
            if found:
                matched[i] = found
                chrome[i] = any_match = True
                prev = found[0][0]
            elif prev is not None:
                if follows(prev, s, words[i]) is not None:
                    chrome[i] = True
                else:
                    prev = None

        # Zones: above the first and below the last line of prose that is not chrome.
        pw = self.prose_min_words
        top = 0
        while top < n and (not strip[top] or chrome[top] or words[top] < pw):
            top += 1
        bottom = n
        while bottom > top and (not strip[bottom - 1] or chrome[bottom - 1] or words[bottom - 1] < pw):
            bottom -= 1
        has_prose = top < n
        if not any_match and top == 0 and bottom == n:
            return {}, []

        removed: dict[int, str] = {}
        if has_prose and "nav_menu" not in self.disabled:
            self._menu_runs(strip, words, matched, chrome, 0, top, removed)
            self._menu_runs(strip, words, matched, chrome, bottom, n, removed)

        credits: list[str] = []
        prev_group: str | None = None
        skip_to = -1
        for i in range(n):
            s = strip[i]
            if not s or i <= skip_to:
                continue
            if i in removed:
                prev_group = removed[i]
                continue
            group = None
            mt = matched[i]
            # A follower of the chrome above stays with it ("Click here for more information."
            # below a cookie notice is the notice's, and so are the buttons after it); a credit
            # is always a credit (it has metadata to record).
            if (prev_group is not None and len(s) <= limit and (mt is None or mt[0][0] not in ("image_credit", prev_group))
                    and follows(prev_group, s, words[i]) is not None):
                group = prev_group
            else:
                for g, rule, own in mt or ():
                    if rule.where == "anywhere" or i < top or i >= bottom:
                        group = g
                        if g == "image_credit":
                            skip_to = self._credit(i, rule, own, strip, words, matched, removed, credits)
                        break
            if group is not None:
                removed[i] = group
            prev_group = group
        return removed, credits

    def _menu_runs(self, strip, words, matched, chrome, lo, hi, removed) -> None:
        """Mark runs of menu-like lines between lines lo and hi (a zone) as nav_menu."""
        run: list[int] = []
        items = 0
        for i in range(lo, hi + 1):
            if i < hi:
                s = strip[i]
                if not s:
                    continue
                # Menu words the rules know (Search, Home, Sign in...) count towards a menu.
                mt = matched[i]
                if (mt is not None and mt[0][0] == "nav_menu") or (not chrome[i] and self._nav_item(s, words[i])):
                    run.append(i)
                    items += 1
                    continue
                if run and not chrome[i] and _GLUE.fullmatch(s):
                    run.append(i)  # a separator on its own line ("›", "|") between items
                    continue
                if chrome[i]:
                    continue  # other chrome ("Subscribe" in a site's header) does not end a menu
            if items >= self.menu_min_lines:
                for j in run:
                    if matched[j] is None or matched[j][0][0] == "nav_menu":
                        removed[j] = "nav_menu"
            run = []
            items = 0

    def _nav_item(self, s: str, nwords: int) -> bool:
        """A menu item: a few words in title case or capitals ("Entertainment & Arts", "AR/VR"),
        or all in lowercase ("world news"): never a sentence-case title ("German economy rebounds")."""
        if nwords > self.menu_max_words or len(s) > self.menu_max_chars:
            return False
        lower = s.islower()
        for w in s.split():
            if w.lower() in _MINOR:
                continue
            if not (lower or w[0].isupper()) or not _NAV_ITEM.fullmatch(w):
                return False
        return True

    @staticmethod
    def _in_list(p: int, q: int, last: int, strip: list[str], removed: dict[int, str]) -> bool:
        """Is candidate caption p (q: the line above it) an item of a list rather than a caption?

        In a bulleted list, a line without a bullet is not an item. In a list without bullets,
        the short unpunctuated lines above the candidate lead up to the list's intro (a line
        ending in ":"), or there are at least two of them."""
        n = len(strip)
        below = last + 1
        while below < n and (not strip[below] or below in removed) and below - last < _LOOK:
            below += 1
        if _LIST_MARK.match(strip[q]) or (below < n and _LIST_MARK.match(strip[below])):
            return _LIST_MARK.match(strip[p]) is not None
        k, short = q, 0
        while k >= 0 and q - k < _LOOK:
            s = strip[k]
            if s and k not in removed:
                if s.endswith(":"):
                    return True
                if s.endswith(_TERMINAL) or len(s.split()) > 12:
                    return False
                short += 1
                if short >= 2:  # two short unpunctuated lines above: items, not a title/subhead
                    return True
            k -= 1
        return False

    def _credit(self, i, rule, own, strip, words, matched, removed, credits) -> int:
        """Record the credit of line i; take a caption above and a split credit below. Returns
        the last line index this credit consumed."""
        last = i
        credit = ""
        if own is not None:
            m = own.search(strip[i]) if rule.match == "suffix" else own.fullmatch(strip[i])
            credit = (m.group("credit") or "").strip() if m else ""
        n = len(strip)
        if not credit:
            j = i + 1
            while j < n and not strip[j] and j - i < _LOOK:
                j += 1
            if j < n and matched[j] is None and words[j] <= self.credit_max_words and len(strip[j]) <= 80:
                credit = strip[j]
                removed[j] = "image_credit"
                last = j
        if credit:
            credits.append(credit)
        # A caption: the line right above, unless it is the page's first line (the title) with
        # prose right below the credit.
        if rule.name.startswith("caption_"):
            return last
        j = last + 1
        while j < n and not strip[j] and j - last < _LOOK:
            j += 1
        if j < n and matched[j] is not None and matched[j][0][0] == "image_caption":
            return last  # the caption is the labelled line below ("Image caption ...")
        p = i - 1
        if p < 0 or not strip[p] or p in removed or matched[p] is not None:
            return last
        s = strip[p]
        if (
            not (self.caption_min_words <= words[p] <= self.caption_max_words)
            or s.endswith(_TERMINAL)
            or "?" in s
            or _LIST_MARK.match(s)
        ):
            return last
        q = p - 1  # the line above the candidate caption
        while q >= 0 and (not strip[q] or q in removed) and p - q < _LOOK:
            q -= 1
        if p - q >= _LOOK:
            q = -1
        if q < 0:
            # The candidate is the page's first line: a title, unless the line below the credit
            # is short (the title) rather than prose.
            j = last + 1
            while j < n and (not strip[j] or matched[j] is not None) and j - last < _LOOK:
                j += 1
            if j >= n or words[j] >= self.prose_min_words:
                return last
        elif self._in_list(p, q, last, strip, removed):
            return last
        removed[p] = "image_caption"
        return last
