"""A synthetic syndication corpus with known duplicate clusters, made from the BBC news articles.

Every story is published once on an origin site and reposted 0-3 times on other sites, each copy
wrapped in its own site's chrome (navigation, dates, related links, footers) and changed the way
syndication changes text: paragraphs dropped or edited, the story cut short and followed by
"Read more at ...", hard wrapping, a paragraph printed twice.

Ground truth: all pages of one story form a cluster, and stories that are already near-duplicates
of each other in the source file (exact Jaccard of word 5-gram sets >= 0.5, or one contained in
the other >= 0.8: the file holds reprints and updates of the same report) are merged into one.

    python bench/dedup_synth.py [--out bench/data/dedup_synth] [--seed 1]

writes ``pages.jsonl`` (id, text, truth) and ``truth.json`` (how many clusters, pairs, merges).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import textwrap
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / ".." / "shared" / "data" / "bbc-news" / "articles.jsonl.gz"
_WORD = re.compile(r"\w+")

SITE_NAMES = ["Daily Ledger", "Metro Wire", "The Northern Post", "Coastline News", "Capital Observer", "Harbour Times",
              "Evening Courier", "The Global Digest", "Valley Record", "Newsfeed Now", "Morning Bulletin", "The Citizen Blog"]
SECTIONS = ["Home", "World", "UK", "Business", "Politics", "Tech", "Science", "Health", "Sport", "Culture", "Opinion", "Video"]


def load_articles() -> list[dict]:
    with gzip.open(SOURCE, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def shingle_set(text: str, n: int = 5) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def source_groups(articles: list[dict], jaccard: float = 0.5, containment: float = 0.8) -> tuple[list[int], list[tuple]]:
    """Union of articles that are near-duplicates of each other (exact shingle-set comparison)."""
    sets = [shingle_set(a["text"]) for a in articles]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for x in s:
            postings[x].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in postings.values():
        if 1 < len(ids) <= 200:  # a shingle in 200 articles is a stock phrase, not a copy
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    shared[(ids[a], ids[b])] += 1
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    merged = []
    for (a, b), c in shared.items():
        j = c / (len(sets[a]) + len(sets[b]) - c)
        cont = c / min(len(sets[a]), len(sets[b]))
        if j >= jaccard or cont >= containment:
            merged.append((articles[a]["id"], articles[b]["id"], round(j, 3), round(cont, 3)))
            parent[find(a)] = find(b)
    return [find(i) for i in range(len(articles))], merged


class Site:
    def __init__(self, name: str, rng: random.Random) -> None:
        self.name = name
        self.domain = name.lower().replace("the ", "").replace(" ", "") + rng.choice([".com", ".co.uk", ".net", ".org"])
        self.nav = " | ".join(rng.sample(SECTIONS, rng.randint(5, 9)))
        self.footer = [
            rng.choice(["Share this article", "Share this story:", "Share on Facebook Twitter Email", "Tell a friend"]),
            rng.choice(["Sign up for our newsletter", "Get the morning briefing in your inbox", "Subscribe for unlimited access"]),
            f"© {rng.randint(2004, 2024)} {name}. All rights reserved.",
            rng.choice(["Privacy policy | Terms of use | Contact us", "About us | Advertise | Cookie settings", "Contact | Careers | Help"]),
        ]

    def render(self, title: str, body: list[str], rng: random.Random, titles: list[str]) -> str:
        lines = [self.name, self.nav, title, f"Published {rng.randint(1, 23)} hours ago"]
        if rng.random() < 0.5:
            lines.append(rng.choice(["By staff reporter", "By our correspondent", f"From {rng.choice(['AP', 'Reuters', 'AFP', 'PA'])}"]))
        lines += body
        lines.append(rng.choice(["Related stories", "More on this story", "You may also like"]))
        lines += rng.sample(titles, 3)
        lines += self.footer
        return "\n".join(lines) + "\n"


_SENTENCE_END = re.compile(r'(?<=[.!?"])\s+(?=["A-Z])')


def web_paragraphs(text: str, rng: random.Random) -> list[str]:
    """The file's paragraphs are long blocks; a web page shows one to three sentences each."""
    out = []
    for block in (p.strip() for p in text.split("\n")):
        if not block:
            continue
        sentences = _SENTENCE_END.split(block)
        while sentences:
            k = rng.randint(1, 3)
            out.append(" ".join(sentences[:k]))
            sentences = sentences[k:]
    return out


def repost_body(paras: list[str], origin: Site, rng: random.Random) -> list[str]:
    body = list(paras)
    if len(body) >= 4 and rng.random() < 0.35:  # a paragraph dropped
        del body[rng.randrange(1, len(body))]
    if rng.random() < 0.4:  # a paragraph or two edited
        for _ in range(rng.randint(1, 2)):
            k = rng.randrange(len(body))
            words = body[k].split(" ")
            for i in range(len(words)):
                if rng.random() < 0.15:
                    words[i] = rng.choice(["said", "reported", "the", "new", "also", "officials", "on", "Monday", "however"])
            body[k] = " ".join(words)
    if len(body) >= 3 and rng.random() < 0.25:  # cut short, with a link back
        keep = max(1, round(len(body) * rng.uniform(0.3, 0.6)))
        body = body[:keep] + [rng.choice(["Read more at", "Continue reading at", "Full story:"]) + f" {origin.domain}"]
    if len(body) >= 2 and rng.random() < 0.2:  # a paragraph printed twice
        k = rng.randrange(len(body))
        body.insert(k + 1, body[k])
    if rng.random() < 0.3:  # hard-wrapped by a mail-to-web gateway
        width = rng.randint(60, 80)
        body = [line for p in body for line in textwrap.wrap(p, width)]
    return body


def build(seed: int = 1) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    articles = load_articles()
    groups, merged = source_groups(articles)
    sites = [Site(n, rng) for n in SITE_NAMES]
    titles = [a["title"] for a in articles]
    pages = []
    for i, art in enumerate(articles):
        paras = web_paragraphs(art["text"], rng)
        order = rng.sample(range(len(sites)), 4)
        origin = sites[order[0]]
        truth = articles[groups[i]]["id"]
        pages.append({"text": origin.render(art["title"], paras, rng, titles), "truth": truth, "story": art["id"], "kind": "original"})
        copies = rng.choices([0, 1, 2, 3], weights=[0.4, 0.25, 0.2, 0.15])[0]
        for c in range(copies):
            site = sites[order[1 + c]]
            body = repost_body(paras, origin, rng)
            kind = "truncated" if any(b.endswith(origin.domain) for b in body[-1:]) else "repost"
            pages.append({"text": site.render(art["title"], body, rng, titles), "truth": truth, "story": art["id"], "kind": kind})
    rng.shuffle(pages)
    for n, p in enumerate(pages):
        p["id"] = f"page-{n:05d}"
    sizes = defaultdict(int)
    for p in pages:
        sizes[p["truth"]] += 1
    info = {
        "pages": len(pages),
        "stories": len(articles),
        "clusters": len(sizes),
        "duplicate_pairs": sum(s * (s - 1) // 2 for s in sizes.values()),
        "truncated": sum(p["kind"] == "truncated" for p in pages),
        "source_merges": merged,
    }
    return pages, info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "data" / "dedup_synth")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    pages, info = build(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "pages.jsonl", "w", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps({"id": p["id"], "text": p["text"], "truth": p["truth"], "kind": p["kind"]}) + "\n")
    (args.out / "truth.json").write_text(json.dumps(info, indent=1))
    print(f"{info['pages']} pages, {info['clusters']} true clusters, {info['duplicate_pairs']} duplicate pairs, "
          f"{info['truncated']} cut short; {len(info['source_merges'])} source article pairs merged -> {args.out}")


if __name__ == "__main__":
    main()
