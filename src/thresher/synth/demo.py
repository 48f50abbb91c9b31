"""The corpus ``thresher demo`` cleans: a few hundred crawled-looking English pages that the
project writes itself (no downloads, no shared data), with every defect the default pipeline
repairs, exact duplicates, reposts of the same story, and low-quality pages.

>>> paths = write_demo_corpus(Path("demo-in"), n_pages=300, seed=0)   # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass
from pathlib import Path

from thresher.synth.lowquality import LOW_QUALITY
from thresher.synth.newsgen import make_article
from thresher.synth.render import render_page

#: Share of the corpus of each kind of page (the rest are articles rendered with defects).
LOW_QUALITY_SHARE = 0.08
DUPLICATE_SHARE = 0.05  # exact copies of an article page under another id and URL
REPOST_SHARE = 0.05  # the same story rendered again by another site (near duplicates)


@dataclass
class DemoPage:
    id: str
    url: str
    text: str
    kind: str  # "article", "duplicate", "repost" or a low-quality kind such as "lorem_ipsum"
    duplicate_of: str | None = None  # for duplicates and reposts: the page copied
    clean_text: str | None = None  # what the default pipeline should make of an article page
    image_credit: str | None = None
    defects: tuple[str, ...] = ()

    def record(self) -> dict:
        return {"id": self.id, "url": self.url, "text": self.text}


def demo_pages(n_pages: int = 300, seed: int = 0) -> list[DemoPage]:
    """The demo corpus in memory, with what each page is (for tests and summaries)."""
    if n_pages < 1:
        raise ValueError("n_pages must be at least 1")
    rng = random.Random(f"thresher-demo:{seed}")
    n_low = max(len(LOW_QUALITY), round(n_pages * LOW_QUALITY_SHARE)) if n_pages >= 20 else 0
    n_dup = max(1, round(n_pages * DUPLICATE_SHARE)) if n_pages >= 20 else 0
    n_repost = max(1, round(n_pages * REPOST_SHARE)) if n_pages >= 20 else 0
    n_art = n_pages - n_low - n_dup - n_repost
    kinds = ["article"] * n_art + ["duplicate"] * n_dup + ["repost"] * n_repost
    kinds += [list(LOW_QUALITY)[i % len(LOW_QUALITY)] for i in range(n_low)]
    # Articles first, so copies have something to copy; the order is shuffled at the end.
    pages: list[DemoPage] = []
    stories: list[tuple[str, list[str], str]] = []  # (title, paragraphs, page id)
    for i, kind in enumerate(kinds):
        page_id = f"demo-{i:05d}"
        prng = random.Random(f"{seed}:{i}")
        if kind == "article":
            _, title, paras = make_article(prng)
            p = render_page(title, paras, page_id, prng)
            stories.append((title, paras, page_id))
            pages.append(DemoPage(page_id, p.url, p.raw, kind, None, p.clean, p.image_credit, tuple(p.defects)))
        elif kind == "duplicate":
            src = prng.choice([q for q in pages if q.kind == "article"])
            url = src.url + prng.choice(("?utm_source=feed", "?amp=1", "#comments", "?ref=home"))
            pages.append(DemoPage(page_id, url, src.text, kind, src.id, src.clean_text, src.image_credit, src.defects))
        elif kind == "repost":
            title, paras, src_id = prng.choice(stories)
            p = render_page(title, paras, page_id, prng)
            pages.append(DemoPage(page_id, p.url, p.raw, kind, src_id, p.clean, p.image_credit, tuple(p.defects)))
        else:
            text = LOW_QUALITY[kind](prng)
            url = f"http://spam{prng.randint(1, 999)}.example.net/{kind.replace('_', '-')}/{i}"
            pages.append(DemoPage(page_id, url, text, kind))
    rng.shuffle(pages)
    return pages


def write_demo_corpus(out_dir: Path, n_pages: int = 300, seed: int = 0, shards: int = 2) -> list[Path]:
    """Write the demo corpus as gzipped JSONL shards (``id``, ``url``, ``text``) under ``out_dir``
    and return their paths. Same ``n_pages`` and ``seed``, same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = demo_pages(n_pages, seed)
    shards = max(1, min(shards, len(pages)))
    paths = []
    for s in range(shards):
        path = out_dir / f"demo-{s:05d}.jsonl.gz"
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            for page in pages[s::shards]:
                gz.write(json.dumps(page.record(), ensure_ascii=False).encode("utf-8") + b"\n")
        tmp.replace(path)
        paths.append(path)
    return paths
