"""Matching lines against the boilerplate rules, compiled into a few regexes.

Shared by the boilerplate step (which decides what goes) and the unwrap step (which never joins a
line that a rule recognises as page chrome into a paragraph).
"""

from __future__ import annotations

import re
from typing import Iterable

from thresher.disk_cache import compiled_re
from thresher.steps.boilerplate.firstchars import facts, first_chars, key
from thresher.steps.boilerplate.rules import GROUPS, Rule

# Suffix rules match a caption's end: a label and a credit of at most 80 characters.
_SUFFIX_CHARS = 200

#: (group, rule, the rule's own compiled pattern when it captures a credit, else None)
Candidate = tuple[str, Rule, "re.Pattern | None"]


class RuleMatcher:
    """The enabled rules, compiled. ``match(line)`` is the rule a stripped line matches on its
    own: the first "anywhere" rule, else the first "edge" rule, in the order of ``GROUPS``
    (rules with ``needs`` after the others). ``follows(group, line)`` is the "after" rule of
    ``group`` the line matches, if any: such words ("Accept", "Name *", "You can change your
    settings at any time.") mean something only right below their group's chrome, so they are
    asked about only there, and one group's follower never hides another's."""

    def __init__(self, disabled: Iterable[str] = ()) -> None:
        off = set(disabled)
        unknown = {d for d in off if d.split(".")[0] not in GROUPS}
        if unknown:
            raise ValueError(
                f"disabled names unknown rule groups: {', '.join(sorted(unknown))}; groups: {', '.join(GROUPS)}"
            )
        self.rules: list[Candidate] = []
        self._suffix: list[tuple[re.Pattern, int]] = []
        # Patterns are written in lowercase and matched against the lowercased line (twice as
        # fast as IGNORECASE); the few that need case, marked "(?-i:", see the line as it is.
        alts: dict[bool, list[tuple[bool, int, str]]] = {False: [], True: []}
        after: dict[str, list[str]] = {}
        gated: list[tuple[int, tuple[str, ...], bool, re.Pattern, bool]] = []
        for group, rules in GROUPS.items():
            if group in off:
                continue
            for rule in rules:
                if f"{group}.{rule.name}" in off:
                    continue
                k = len(self.rules)
                end = "" if rule.match == "prefix" else r"\Z"
                own = None
                if "(?P<credit>" in rule.pattern:
                    own = compiled_re(f"(?:{rule.pattern}){end}", re.I)
                self.rules.append((group, rule, own))
                bare = rule.pattern.replace("(?P<credit>", "(?:")
                alt = f"(?P<r{k}>(?:{bare}){end})"
                cased = "(?-i:" in rule.pattern
                # Parsed, not compiled (the parse is the one the dispatch below needs): one
                # group, the rule's own. A match is told apart by its rule's group number, so a
                # group inside would shift them.
                groups = facts(alt, re.I if cased else 0).groups
                if (re.compile(alt).groups if groups is None else groups) != 1:
                    raise ValueError(f"boilerplate rule {group}.{rule.name}: use (?:...) groups, not capturing ones")
                if rule.match == "suffix":
                    # Searched for (not matched at the start), only in a line's last characters
                    # and only in lines with a colon or a slash, so that most long lines cost
                    # nothing.
                    self._suffix.append((compiled_re(alt), k))
                elif rule.where == "after":
                    after.setdefault(group, []).append(alt)
                elif rule.needs:
                    # Tried on its own, and only on lines of at most max_words words that hold
                    # one of its words: a pattern that must look through the whole line would
                    # otherwise cost every line of prose.
                    rx = compiled_re(alt, re.I if cased else 0)
                    marked = all(not w.strip()[0].isalnum() for w in rule.needs)
                    gated.append((rule.max_words, rule.needs, marked, rx, cased))
                else:
                    alts[cased].append((rule.where != "anywhere", k, alt))
        # Followers are matched against the line as it is (they are tried rarely: only below chrome).
        self._after = {g: compiled_re("|".join(a), re.I) for g, a in after.items()}
        # Anywhere rules before edge rules: a line either may hold is the anywhere rule's.
        self._tables = [_Dispatch([(k, alt) for _, k, alt in sorted(a)], cased) for cased, a in alts.items() if a]
        # Longest lines first: a line tries only the rules that allow its length.
        self._gated = sorted(gated, key=lambda g: -g[0])
        self._gated_words = max((g[0] for g in gated), default=0)
        # Gated rules whose words are all marks ("|", "»", " - "): one character-class search
        # tells whether any of them needs a look.
        marks = {w.strip()[0] for g in gated if g[2] for w in g[1]}
        self._marks = re.compile("[" + "".join(map(re.escape, sorted(marks))) + "]") if marks else None
        # Their other words, tested one by one (a substring test is cheaper than a search for
        # any of them), only those of the rules that allow the line's length: tiers by max_words,
        # each with the words and whether marks matter for lines that long.
        self._tiers = [
            (t, tuple(sorted({w for g in gated if g[0] >= t and not g[2] for w in g[1]})), any(g[2] for g in gated if g[0] >= t))
            for t in sorted({g[0] for g in gated})
        ]

    def match(self, s: str, nwords: int | None = None) -> list[Candidate] | None:
        """The rule stripped line ``s`` matches on its own, as a one-item list, or None."""
        low = s.lower()
        if len(low) != len(s):
            # "İ" lowers to "i" + a combining dot (the only character str.lower() lengthens):
            # Turkish "İnternet" would not meet "internet", and spans would shift.
            low = s.replace("\u0130", "i").lower()
        first = low[:1]
        if not first.isalpha():
            first = key(first)
        edge = None  # an edge rule's match, kept while an anywhere rule may still match
        for table in self._tables:
            got = table.rx.get(first)
            if got is None:
                got = table.for_char(first, self.rules)
            rx, cands = got
            if rx is None:
                continue
            m = rx.match(s if table.cased else low)
            if m is not None:
                cand = cands[m.lastindex]
                rule = cand[1]
                if rule.match == "prefix":
                    if nwords is None:
                        nwords = len(s.split())
                    if nwords > rule.max_words:
                        continue
                if rule.where == "anywhere":
                    return [cand]
                edge = edge or cand
        if self._gated:
            if nwords is None:
                nwords = len(s.split())
            if nwords <= self._gated_words and self._wanted(low, nwords):
                marked = None
                for most, needs, by_mark, rx, cased in self._gated:
                    if nwords > most:
                        break
                    if by_mark:
                        if marked is None:
                            marked = self._marks.search(low) is not None
                        if not marked:
                            continue
                    for w in needs:
                        if w in low:
                            break
                    else:
                        continue
                    m = rx.match(s if cased else low)
                    if m is not None:
                        cand = self.rules[int(m.lastgroup[1:])]
                        if cand[1].where == "anywhere":
                            return [cand]
                        edge = edge or cand
        if edge is not None:
            return [edge]
        if self._suffix and (":" in low or "/" in low):
            tail = low[-_SUFFIX_CHARS:]
            for rx, k in self._suffix:
                if rx.search(tail) is not None:
                    return [self.rules[k]]
        return None

    def _wanted(self, low: str, nwords: int) -> bool:
        """Does the line hold a word of some gated rule that allows its length?"""
        for most, words, marks in self._tiers:
            if nwords <= most:
                for w in words:
                    if w in low:
                        return True
                return marks and self._marks.search(low) is not None
        return False

    def follows(self, group: str, s: str, nwords: int | None = None) -> Candidate | None:
        """The "after" rule of ``group`` that stripped line ``s`` matches, or None."""
        rx = self._after.get(group)
        m = rx.match(s) if rx is not None else None
        if m is None:
            return None
        cand = self.rules[int(m.lastgroup[1:])]
        return cand if self._fits(cand, s, nwords) else None

    @staticmethod
    def _fits(cand: Candidate, s: str, nwords: int | None) -> bool:
        """A prefix rule holds only on lines of at most its max_words words."""
        rule = cand[1]
        return rule.match != "prefix" or (len(s.split()) if nwords is None else nwords) <= rule.max_words


class _Dispatch:
    """Rules compiled per first character of the line: each line meets only the rules that can
    start with its first character, in their order (a hundred branches tried on every line of
    prose would cost more than the rest of the step). Compiled on first use, once per machine
    (thresher.disk_cache: a process of a few thousand pages met 200 first characters, 0.4 s of
    compiling)."""

    __slots__ = ("alts", "cased", "rx")

    def __init__(self, alts: list[tuple[int, str]], cased: bool) -> None:
        self.cased = cased
        self.alts = [(k, alt, first_chars(alt, re.I if cased else 0)) for k, alt in alts]
        # first character -> (pattern, or None when no rule can start so; candidate by group number)
        self.rx: dict[str, tuple[re.Pattern | None, list]] = {}

    def for_char(self, c: str, rules: list[Candidate]) -> tuple[re.Pattern | None, list]:
        mine = [(k, alt) for k, alt, chars in self.alts if chars is None or c in chars]
        # Each rule's pattern is one named group without groups inside, so a match's lastindex
        # says which rule it was.
        rx = compiled_re("|".join(alt for _, alt in mine), re.I if self.cased else 0) if mine else None
        got = (rx, [None] + [rules[k] for k, _ in mine])
        self.rx[c] = got
        return got
