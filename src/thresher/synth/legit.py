"""Legitimate article content that *looks* like boilerplate: short headings, list items, and
sentences that mention sharing, comments, cookies, photos or subscribers.

They go into the clean truth, so a benchmark page with them measures precision: a rule that
removes every short line, or every line with "share" in it, loses these and fails the page.
"""

from __future__ import annotations

import random

from thresher.synth import vocab as V
from thresher.synth.chrome import person

_SUBHEADS = (
    "Analysis", "Background", "What happens next?", "Rising prices", "Share price slump",
    "Comment and reaction", "Home advantage", "The cookie question", "Read all about it",
    "Subscribers wanted", "Why does it matter?", "A long road", "Photo finish", "Menu changes",
    "Sign of the times", "Legal challenge", "Reaction", "Timeline", "Key facts", "Home truths",
)

_LIST_INTROS = (
    "The report's main recommendations were:",
    "Among the changes announced on {d} are:",
    "The council said it would focus on:",
    "Key points of the deal include:",
    "Those shortlisted are:",
)
_LIST_ITEMS = (
    "a cap on energy bills", "more funding for local schools", "new rules for online sharing",
    "a review of {o}", "Share schemes for staff", "Home care for older people",
    "free school meals for all pupils", "{p}, {r}", "tighter rules on tracking cookies",
    "a ban on comment spam", "Photo ID at polling stations", "faster broadband in rural areas",
    "a new stadium in {c}", "lower fares on rail routes", "Subscription fees frozen until {y}",
)
_BULLETS = ("- ", "• ", "* ", "", "1. ")

_SENTENCES = (
    '"No comment," {p} told reporters.',
    "Shares in {o} rose {n}% in early trading.",
    "Shares in {o} fell {n}% after the announcement.",
    "The photo, taken by a passer-by, was shared thousands of times online.",
    "The website said it would stop using tracking cookies by {m}.",
    "Subscribers will pay £{n} a month for the service from {m}.",
    "Readers were invited to share their experiences with the paper.",
    "{p} declined to comment on the report.",
    "The menu at the new restaurant changes every week.",
    "Fans can read more about the club's history in a new book published on {d}.",
    "Image rights have become a major issue for top players.",
    "Privacy campaigners said the policy was a step in the right direction.",
    "Home Secretary {p} is expected to make a statement on {d}.",
    "Photographers were kept away from the ceremony.",
)


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        p=person(rng), o=rng.choice(V.COMPANIES), r=rng.choice(V.ROLES), c=rng.choice(V.CITIES),
        d=rng.choice(V.DAYS), m=rng.choice(V.MONTHS), n=rng.randint(2, 19), y=rng.randint(2006, 2019),
    )


def subheading(rng: random.Random) -> str:
    return rng.choice(_SUBHEADS)


def list_block(rng: random.Random) -> list[str]:
    """An intro line and 3-5 short items (never wrapped, never joined)."""
    bullet = rng.choice(_BULLETS)
    items = rng.sample(_LIST_ITEMS, rng.randint(3, 5))
    lines = [_fill(rng, rng.choice(_LIST_INTROS))]
    for i, it in enumerate(items):
        b = f"{i + 1}. " if bullet == "1. " else bullet
        text = _fill(rng, it)
        lines.append(b + text[0].upper() + text[1:] if bullet else text[0].upper() + text[1:])
    return lines


def tricky_sentence(rng: random.Random) -> str:
    return _fill(rng, rng.choice(_SENTENCES))
