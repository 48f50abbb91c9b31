"""Deterministic made-up stories for the dedup tests (no shared data needed)."""

from __future__ import annotations

import random

_SYL = ["ka", "lo", "mi", "te", "ra", "su", "no", "vi", "de", "pa", "zu", "ne", "ko", "ba", "li", "go", "fe", "ti", "mo", "sa"]


def _vocab(n: int = 3000) -> list[str]:
    rng = random.Random(7)
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYL) for _ in range(rng.randint(1, 4))))
    return sorted(words)


VOCAB = _vocab()


def story(seed: int, paragraphs: int = 6, words: int = 60) -> str:
    rng = random.Random(seed)
    paras = []
    for _ in range(paragraphs):
        ws = [rng.choice(VOCAB) for _ in range(words)]
        paras.append(" ".join(ws).capitalize() + ".")
    return "\n".join(paras)


def edit(text: str, seed: int, share: float = 0.05) -> str:
    """Replace about ``share`` of the words with others."""
    rng = random.Random(seed)
    words = text.split(" ")
    for i in range(len(words)):
        if rng.random() < share:
            words[i] = rng.choice(VOCAB)
    return " ".join(words)
