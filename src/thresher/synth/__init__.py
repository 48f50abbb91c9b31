"""Synthetic crawled pages with known ground truth.

* :func:`render_page` turns an article (title, paragraphs) into a crawled-looking page with
  defects drawn by a seeded RNG, and returns a :class:`Page` holding the raw text, the exact
  clean text the default pipeline should produce, the image credit, and which defects it got.
* :mod:`thresher.synth.demo` writes the self-contained corpus ``thresher demo`` cleans.
"""

from thresher.synth.page import Page
from thresher.synth.render import DEFAULT_RATES, Rates, normalise_paragraphs, render_page

#: Bumped whenever the same seed would render different pages, so benchmarks re-synthesize.
SYNTH_VERSION = 6

__all__ = ["SYNTH_VERSION", "Page", "Rates", "DEFAULT_RATES", "normalise_paragraphs", "render_page"]
