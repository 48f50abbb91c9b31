"""Which document of a duplicate group survives: a documented, configurable, deterministic rule.

The rule is a list of criteria tried in order; ties fall through to the next:

* ``quality`` — the highest quality score first (``metadata[quality_key]``, or a dotted path such
  as ``signals.fineweb.line_punct_ratio``); documents without one come after those with one. No
  default step writes ``quality_score``: set it from a model's score upstream, or point
  ``quality_key`` at a signal;
* ``length`` — the longest clean text first (characters of the current text);
* ``shortest`` — the shortest clean text first;
* ``id`` — the smallest document id first.

``id`` is always appended, and after it the document's place in the input, so there is exactly one
survivor whatever the number of workers or the order of input files (only documents sharing an id
fall back to input order).
"""

from __future__ import annotations

from typing import Any

CRITERIA = {
    "quality": "quality DESC NULLS LAST",
    "length": "length DESC",
    "shortest": "length ASC",
    "id": "id ASC",
}
DEFAULT_RULE = ("quality", "length", "id")


def validate(rule: list[str] | tuple[str, ...]) -> None:
    bad = [c for c in rule if c not in CRITERIA]
    if bad:
        raise ValueError(f"unknown survivor criteria {bad}; known: {', '.join(CRITERIA)}")


def order_by(rule: list[str] | tuple[str, ...]) -> str:
    """The SQL ORDER BY clause (best first) for the columns quality, length, id, key."""
    validate(rule)
    parts = [CRITERIA[c] for c in rule]
    if "id" not in rule:
        parts.append(CRITERIA["id"])
    parts.append("key ASC")
    return ", ".join(parts)


def quality_of(metadata: dict[str, Any], key: str) -> float | None:
    """The number at ``key`` in the metadata: a plain key, or a dotted path into nested dicts whose
    keys may themselves hold dots (``signals.fineweb.line_punct_ratio``)."""
    if not key or not isinstance(metadata, dict):
        return None
    if key in metadata:
        value = metadata[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return float(value)
    head, dot, rest = key.partition(".")
    while dot:
        if isinstance(metadata.get(head), dict):
            found = quality_of(metadata[head], rest)
            if found is not None:
                return found
        more, dot, rest = rest.partition(".")
        head = f"{head}.{more}"
    return None
