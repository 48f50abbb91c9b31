"""Pages no cleaning can save, which quality filters should drop: keyword spam, link lists,
placeholder text, near-empty pages and pages of symbols."""

from __future__ import annotations

import random

from thresher.synth import vocab as V

_SPAM_KEYWORDS = (
    ("cheap", "flights", "london", "deals", "best", "price", "book", "now", "online", "discount"),
    ("buy", "replica", "watches", "cheap", "luxury", "sale", "free", "shipping", "best", "quality"),
    ("casino", "bonus", "free", "spins", "online", "win", "jackpot", "slots", "play", "now"),
    ("weight", "loss", "pills", "fast", "diet", "burn", "fat", "natural", "cheap", "order"),
)

# Placeholder text typesetters have used for centuries; the words are generated, not a passage.
_LOREM = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
          "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua",
          "enim", "ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris")

_SHORT = ("Page not found", "404 Not Found", "Loading...", "Click here to continue",
          "This page has moved.", "Access denied", "Coming soon!", "Under construction")


def keyword_spam(rng: random.Random) -> str:
    words = rng.choice(_SPAM_KEYWORDS)
    lines = []
    for _ in range(rng.randint(3, 12)):
        lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 40))))
    return "\n".join(lines)


def link_list(rng: random.Random) -> str:
    host = f"{rng.choice(V.SITE_WORDS_A).lower()}{rng.choice(V.SITE_WORDS_B).lower()}.{rng.choice(V.TLDS)}"
    lines = []
    for _ in range(rng.randint(8, 30)):
        section = rng.choice(V.SECTIONS).lower().replace(" & ", "-")
        url = f"https://{host}/{section}/{rng.randint(100, 99999)}"
        lines.append(rng.choice((url, f"{rng.choice(V.SECTIONS)} - {url}", f"» {rng.choice(V.SECTIONS)}")))
    return "\n".join(lines)


def lorem_ipsum(rng: random.Random) -> str:
    paras = []
    for p in range(rng.randint(2, 6)):
        words = ["lorem", "ipsum"] if p == 0 else []
        words += [rng.choice(_LOREM) for _ in range(rng.randint(20, 70))]
        text = " ".join(words)
        paras.append(text[0].upper() + text[1:] + ".")
    return "\n".join(paras)


def very_short(rng: random.Random) -> str:
    return rng.choice(_SHORT)


def symbols(rng: random.Random) -> str:
    chars = "#$%&*+=|~^<>[]{}@/\\-_.:;!?"
    lines = []
    for _ in range(rng.randint(3, 15)):
        lines.append(" ".join("".join(rng.choice(chars) for _ in range(rng.randint(1, 8)))
                              for _ in range(rng.randint(3, 15))))
    return "\n".join(lines)


#: kind -> generator. The demo uses every kind.
LOW_QUALITY = {
    "keyword_spam": keyword_spam,
    "link_list": link_list,
    "lorem_ipsum": lorem_ipsum,
    "very_short": very_short,
    "symbols": symbols,
}
