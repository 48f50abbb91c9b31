"""Matching lines against the boilerplate rules: one compiled regex per kind of place.

Shared by the boilerplate step (which decides what goes) and the unwrap step (which never joins a
line that a rule recognises as page chrome into a paragraph).
"""

from __future__ import annotations

import re
from typing import Iterable

from thresher.steps.boilerplate.rules import GROUPS, Rule

_PLACES = ("anywhere", "edge", "after")

#: (group, rule, the rule's own compiled pattern when it captures a credit, else None)
Candidate = tuple[str, Rule, "re.Pattern | None"]


class RuleMatcher:
    """The enabled rules, compiled. ``match(line)`` lists the rules a stripped line matches: at
    most one per kind of place (anywhere, edge, after), so a line that an "after" rule claims
    first is still found by an "anywhere" rule when it stands alone."""

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
        alts: dict[tuple[str, bool], list[str]] = {}
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
                    own = re.compile(f"(?:{rule.pattern}){end}", re.I)
                self.rules.append((group, rule, own))
                alt = f"(?P<r{k}>(?:{rule.pattern.replace('(?P<credit>', '(?:')}){end})"
                if rule.match == "suffix":
                    # Searched for (not matched at the start), and only in lines with a colon
                    # or a bracket, so that long lines cost nothing.
                    self._suffix.append((re.compile(alt), k))
                    continue
                alts.setdefault((rule.where, "(?-i:" in rule.pattern), []).append(alt)
        self._rxs = [
            (re.compile("|".join(a), re.I) if cased else re.compile("|".join(a)), cased)
            for (where, cased), a in sorted(alts.items(), key=lambda kv: _PLACES.index(kv[0][0]))
        ]

    def match(self, s: str, nwords: int | None = None) -> list[Candidate] | None:
        found = None
        low = s.lower()
        for rx, cased in self._rxs:
            m = rx.match(s if cased else low)
            if m is not None:
                cand = self.rules[int(m.lastgroup[1:])]
                if cand[1].match == "prefix":
                    if nwords is None:
                        nwords = len(s.split())
                    if nwords > cand[1].max_words:
                        continue
                if found is None:
                    found = []
                found.append(cand)
        if self._suffix and found is None and ":" in low:
            for rx, k in self._suffix:
                if rx.search(low) is not None:
                    return [self.rules[k]]
        return found
