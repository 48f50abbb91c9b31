"""Matching lines against the boilerplate rules: one compiled regex per kind of place.

Shared by the boilerplate step (which decides what goes) and the unwrap step (which never joins a
line that a rule recognises as page chrome into a paragraph).
"""

from __future__ import annotations

import re
from typing import Iterable

from thresher.steps.boilerplate.rules import GROUPS, Rule

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
        alts: dict[str, list[str]] = {"anywhere": [], "edge": [], "after": []}
        for group, rules in GROUPS.items():
            if group in off:
                continue
            for rule in rules:
                if f"{group}.{rule.name}" in off:
                    continue
                k = len(self.rules)
                end = r"\Z" if rule.match == "line" else ""
                own = re.compile(f"(?:{rule.pattern}){end}", re.I) if "(?P<credit>" in rule.pattern else None
                self.rules.append((group, rule, own))
                alts[rule.where].append(f"(?P<r{k}>(?:{rule.pattern.replace('(?P<credit>', '(?:')}){end})")
        self._rxs = [re.compile("|".join(a), re.I) for a in alts.values() if a]

    def match(self, s: str, nwords: int | None = None) -> list[Candidate] | None:
        found = None
        for rx in self._rxs:
            m = rx.match(s)
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
        return found
