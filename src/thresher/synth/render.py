"""Render an article as a crawled page: pick defects with a seeded RNG and inject them.

``render_page(title, paragraphs, page_id, rng)`` is the one entry point; the rates say how
often each defect appears. Structural injectors run in a fixed order (wrapping last: whether a
wrap can be undone depends on its neighbours), then the line-level ones during assembly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from thresher.synth import chrome
from thresher.synth import defects as D
from thresher.synth.page import Page, content


@dataclass(frozen=True)
class Rates:
    """Probability of each defect on a page. ``pristine`` pages get none at all."""

    pristine: float = 0.04
    legit: float = 0.45  # boilerplate-looking content that must stay (not a defect)
    image_credit: float = 0.45
    hard_wrap: float = 0.45
    repeated_body: float = 0.35
    comment_widget: float = 0.35
    share_bar: float = 0.3
    cookie_notice: float = 0.25
    nav_menu: float = 0.3
    subscribe_prompt: float = 0.25
    read_more: float = 0.2
    mojibake: float = 0.3
    nbsp: float = 0.3
    trailing_spaces: float = 0.3
    control_chars: float = 0.1
    blank_lines: float = 0.12
    no_final_newline: float = 0.45


DEFAULT_RATES = Rates()

# Structural injectors in the order they run.
_STRUCTURAL = (
    ("repeated_body", D.repeat_body),
    ("image_credit", D.add_image_credit),
    ("nav_menu", D.add_nav_menu),
    ("cookie_notice", D.add_cookie_notice),
    ("share_bar", D.add_share_bar),
    ("subscribe_prompt", D.add_subscribe_prompt),
    ("read_more", D.add_read_more),
    ("comment_widget", D.add_comment_widget),
)


def normalise_paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line, inner whitespace collapsed to single spaces."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def render_page(
    title: str,
    paragraphs: list[str],
    page_id: str,
    rng: random.Random,
    rates: Rates = DEFAULT_RATES,
    vocab: Any = chrome,
) -> Page:
    """``vocab``: where chrome phrasings come from (default :mod:`thresher.synth.chrome`); any object
    with its functions (``photo_credit``, ``nav_menu``, ``cookie_notice``, ``share_bar``,
    ``subscribe_prompt``, ``read_more``, ``comment_widget``) will do."""
    title = " ".join(title.split())
    blocks = [content("title", title)] + [content("para", p) for p in paragraphs]
    d = D.Draft(blocks, chrome.make_site(rng), vocab=vocab)
    pristine = rng.random() < rates.pristine
    if not pristine and rng.random() < rates.legit:
        D.add_legit(d, rng)
    D.drop_repeated_content(d)
    want_mojibake = not pristine and rng.random() < rates.mojibake and D.ensure_non_ascii(d, rng)
    if not pristine:
        for name, inject in _STRUCTURAL:
            if rng.random() < getattr(rates, name):
                inject(d, rng)
        if rng.random() < rates.hard_wrap:
            D.hard_wrap(d, rng)
    ld = D.LineDefects(
        mojibake=want_mojibake,
        nbsp=not pristine and rng.random() < rates.nbsp,
        trailing_spaces=not pristine and rng.random() < rates.trailing_spaces,
        control_chars=not pristine and rng.random() < rates.control_chars,
        blank_lines=not pristine and rng.random() < rates.blank_lines,
        final_newline=pristine or rng.random() >= rates.no_final_newline,
    )
    page = D.assemble(d, page_id, ld, rng)
    page.url = f"https://{d.site.domain}/{rng.randint(2004, 2024)}/{rng.randint(1, 12):02d}/{_slug(title)}"
    return page


def _slug(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words[:8]) or "story"
