"""Hard reprints: a generator of pages that differ the way real reprints do, and the dedup scores on them.

    python bench/dedup_hard.py --seeds 1 2 3 4 5            # tuning seeds (what the defaults were chosen on)
    python bench/dedup_hard.py --seeds 11 12 13 21 22 23    # held out (11-13) and never seen (21-23): bench/README.md

Made from the BBC articles (``../shared/data/bbc-news``), each story published once on an origin site
(in its chrome, see bench/dedup_synth.py) and reprinted 0-3 times. A reprint is

* abridged anywhere: paragraphs dropped at random places, or only a window of the story kept (its
  start, its middle or its end), or cut short with "Read more at";
* given a rewritten lead (its first paragraph replaced by a new sentence) half of the time;
* damaged like OCR output at one of the rates 0, 2, 5 or 8% of words: a letter changed, dropped or
  doubled, a word split in two, or two words run together.

Beside them, *quoting* stories (a story with one or two paragraphs from each of 2-4 other stories
inserted) and *digests* (a long page carrying another, short story whole after its own text).

Ground truth: a page *carries* its own story, and a digest (or its reprint) also the short story it
holds (80% of its characters or more; a quoted paragraph is not carrying). Stories that are near-duplicates in the source file are one story (as in
dedup_synth.py). Scored on the pages that reach deduplication (the default pipeline may drop a page
before, for its quality):

* pairwise precision / recall / F1 over same-story pairs, where a predicted cluster is a kept page and
  every page removed in its favour (through exact and near duplicates). Pairs of two stories that one
  digest carries together are not counted either way (removing the short story into the digest is right);
* **lost**: stories of which some page reached dedup, but no kept page carries them;
* **kept twice**: stories carried by more than one kept page.

thresher runs ``thresher clean`` with the default pipeline (as a new user would), 2 workers.
datasketch MinHashLSH (128 permutations, word 5-grams, connected components, the smallest id of a
component kept) runs in bench/.venv on the same pages' cleaned text, at thresholds 0.3-0.8, its best
F1 reported.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

import orjson
import zstandard

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from dedup_synth import SITE_NAMES, Site, load_articles, source_groups, web_paragraphs  # noqa: E402

DATA = REPO / "bench" / "data" / "dedup_hard"
EVIDENCE: dict[str, dict] = {}  # page -> the edge that removed it (for --show)
VENV_PY = REPO / "bench" / ".venv" / "bin" / "python"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LEADS = ["In a development that surprised many observers,", "Officials confirmed on Tuesday that", "According to people familiar with the matter,",
          "It has emerged that", "In the latest twist to a long-running story,", "Speaking to reporters,"]


# -- damage ------------------------------------------------------------------------------------
def ocr_noise(text: str, rate: float, rng: random.Random) -> str:
    """rate of words damaged: a letter changed, dropped or doubled, split in two, run into the next."""
    if rate <= 0:
        return text
    out_lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        out: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            if len(w) >= 3 and rng.random() < rate:
                k = rng.randrange(len(w))
                kind = rng.randrange(5)
                if kind == 0:
                    w = w[:k] + rng.choice(_LETTERS) + w[k + 1 :]
                elif kind == 1:
                    w = w[:k] + w[k + 1 :]
                elif kind == 2:
                    w = w[:k] + w[k] + w[k:]
                elif kind == 3:
                    k = max(1, k)
                    w = w[:k] + " " + w[k:]
                elif i + 1 < len(words):
                    w, i = w + words[i + 1], i + 1
            out.append(w)
            i += 1
        out_lines.append(" ".join(out))
    return "\n".join(out_lines)


def abridge(paras: list[str], origin: Site, rng: random.Random) -> list[str]:
    n = len(paras)
    if n < 4:
        return list(paras)
    how = rng.random()
    if how < 0.35:  # paragraphs dropped anywhere
        drop = set(rng.sample(range(n), max(1, int(n * rng.uniform(0.1, 0.45)))))
        return [p for i, p in enumerate(paras) if i not in drop]
    if how < 0.6:  # a window: start, middle or end
        size = max(2, int(n * rng.uniform(0.35, 0.75)))
        start = rng.randint(0, n - size)
        return paras[start : start + size]
    if how < 0.8:  # cut short with a link back
        keep = max(2, int(n * rng.uniform(0.3, 0.6)))
        return paras[:keep] + [f"Read more at {origin.domain}"]
    return list(paras)  # whole


def rewrite_lead(paras: list[str], rng: random.Random) -> list[str]:
    if not paras:
        return paras
    words = [w for p in paras[:3] for w in p.split() if len(w) > 4]
    new = f"{rng.choice(_LEADS)} {' '.join(rng.sample(words, min(len(words), 8))).lower()} remained at the centre of the story."
    return [new] + paras[1:]


# -- the corpus --------------------------------------------------------------------------------
def build(seed: int) -> list[dict]:
    rng = random.Random(seed)
    articles = load_articles()
    groups, _ = source_groups(articles)
    truth_of = [articles[g]["id"] for g in groups]
    sites = [Site(n, rng) for n in SITE_NAMES]
    titles = [a["title"] for a in articles]
    paras = [web_paragraphs(a["text"], rng) for a in articles]
    idx = list(range(len(articles)))
    rng.shuffle(idx)
    short = sorted((i for i in idx if len(paras[i]) <= 9), key=lambda i: rng.random())
    quoters = set(idx[:150])
    digests = {h: g for h, g in zip([i for i in idx[150:] if i not in short][:120], short[:120])}
    bodies = {}
    for i in sorted(quoters):
        body = list(paras[i])  # one or two paragraphs from each of 2-4 other stories
        for j in rng.sample(range(len(articles)), rng.randint(2, 4)):
            if j == i or len(paras[j]) < 6:
                continue
            k = rng.randrange(len(paras[j]) - 1)
            quote = paras[j][k : k + rng.randint(1, 2)]
            at = rng.randint(1, len(body))
            body[at:at] = [f'As {rng.choice(["one report", "another outlet", "the agency"])} put it: "{quote[0]}"'] + quote[1:]
        bodies[i] = body
    pages = []
    for i in range(len(articles)):
        body = list(bodies.get(i, paras[i]))
        carries = [truth_of[i]]
        kind = "quoting" if i in quoters else "original"
        if i in digests:  # a short story carried whole (as published) after this one
            j = digests[i]
            body = body + [rng.choice(["Also in the news", "In other news", "Elsewhere today"])] + bodies.get(j, paras[j])
            carries.append(truth_of[j])
            kind = "digest"
        order = rng.sample(range(len(sites)), 4)
        origin = sites[order[0]]
        pages.append({"text": origin.render(articles[i]["title"], body, rng, titles), "story": truth_of[i], "carries": carries, "kind": kind})
        for c in range(rng.choices([0, 1, 2, 3], weights=[0.35, 0.3, 0.2, 0.15])[0]):
            rb = abridge(body, origin, rng)
            if rng.random() < 0.5:
                rb = rewrite_lead(rb, rng)
            rate = rng.choice([0.0, 0.02, 0.05, 0.08])
            text = ocr_noise(sites[order[1 + c]].render(articles[i]["title"], rb, rng, titles), rate, rng)
            # A reprint carries its story, and a digest's short story when it kept most of it (80% of its characters).
            reprint_carries = [truth_of[i]] + [truth_of[j] for j in ([digests[i]] if i in digests else []) if _kept_share(bodies.get(j, paras[j]), rb) >= 0.8]
            pages.append({"text": text, "story": truth_of[i], "carries": reprint_carries, "kind": f"reprint-ocr{int(rate * 100)}"})
    rng.shuffle(pages)
    for n, p in enumerate(pages):
        p["id"] = f"s{seed}-{n:05d}"
    return pages


def _kept_share(paras: list[str], kept: list[str]) -> float:
    have = set(kept)
    return sum(len(p) for p in paras if p in have) / max(1, sum(len(p) for p in paras))


def write_pages(seed: int) -> Path:
    path = DATA / f"seed-{seed}.jsonl"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            for p in build(seed):
                f.write(orjson.dumps(p) + b"\n")
        tmp.replace(path)
    return path


# -- scoring -----------------------------------------------------------------------------------
def score(pages: list[dict], survivor_of: dict[str, str]) -> dict:
    """``survivor_of``: every page that reached dedup -> the kept page it was removed for (itself if kept)."""
    reached = [p for p in pages if p["id"] in survivor_of]
    compatible = set()
    for p in reached:
        for a in p["carries"]:
            for b in p["carries"]:
                if a != b:
                    compatible.add((a, b))
    # Pairwise, skipping pairs of stories a digest carries together.
    by_pred = defaultdict(list)
    for p in reached:
        by_pred[survivor_of[p["id"]]].append(p["story"])
    by_story = Counter(p["story"] for p in reached)
    both = sum(comb(n, 2) for c in by_pred.values() for n in Counter(c).values())
    pred_pairs = 0
    for c in by_pred.values():
        cnt = Counter(c)
        stories = list(cnt)
        pred_pairs += sum(comb(n, 2) for n in cnt.values())
        pred_pairs += sum(cnt[a] * cnt[b] for x, a in enumerate(stories) for b in stories[x + 1 :] if (a, b) not in compatible)
    true_pairs = sum(comb(n, 2) for n in by_story.values())
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kept = [p for p in reached if survivor_of[p["id"]] == p["id"]]
    carried = Counter(s for p in kept for s in set(p["carries"]))
    stories = {s for p in reached for s in p["carries"]}
    lost = sorted(s for s in stories if carried[s] == 0)
    twice = sorted(s for s in stories if carried[s] > 1)
    return {"pages": len(reached), "stories": len(stories), "precision": precision, "recall": recall, "f1": f1,
            "lost": len(lost), "twice": len(twice), "lost_ids": lost, "twice_ids": twice}


def _read_out(path: Path) -> list[dict]:
    with open(path, "rb") as f:
        data = zstandard.ZstdDecompressor().stream_reader(f).read()
    return [orjson.loads(x) for x in data.splitlines() if x.strip()]


def run_thresher(pages_path: Path, config: str | None, workers: int) -> tuple[dict[str, str], dict[str, str], float, dict]:
    """(survivor_of, cleaned text of pages that reached dedup, seconds, near_dedup summary)."""
    from thresher.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        docs = [orjson.loads(x) for x in pages_path.read_bytes().splitlines()]
        for s in range(4):
            with open(tmp / "in" / f"part-{s}.jsonl", "wb") as f:
                for d in docs[s::4]:
                    f.write(orjson.dumps({"id": d["id"], "text": d["text"]}) + b"\n")
        args = ["clean", str(tmp / "in"), "-o", str(tmp / "out"), "--workers", str(workers)]
        if config:
            (tmp / "cfg.toml").write_text(config)
            args += ["--config", str(tmp / "cfg.toml")]
        t0 = time.perf_counter()
        code = cli(args)
        seconds = time.perf_counter() - t0
        if code:
            raise SystemExit(f"thresher clean failed with {code}")
        summary = json.loads((tmp / "out" / "_work" / "near_dedup" / "summary.json").read_text())
        records = [r for sub in ("kept", "rejected") for p in sorted((tmp / "out" / sub).glob("*")) for r in _read_out(p)]
    link: dict[str, str] = {}
    texts: dict[str, str] = {}
    EVIDENCE.clear()
    for r in records:
        v = r.get("verdict") or {}
        step = v.get("step")
        if step not in (None, "exact_dedup", "near_dedup", "repeated_lines"):
            continue  # dropped before dedup
        m = r.get("metadata") or {}
        link[r["id"]] = m.get("exact_duplicate_of") or m.get("near_duplicate_of") or r["id"]
        if "near_duplicate_evidence" in m:
            EVIDENCE[r["id"]] = m["near_duplicate_evidence"]
        texts[r["id"]] = r.get("cleaned_text") or r.get("text") or ""

    def final(x: str) -> str:
        seen = 0
        while link.get(x, x) != x and seen < 100:
            x, seen = link[x], seen + 1
        return x

    return {i: final(i) for i in link}, texts, seconds, summary


def run_datasketch(texts: dict[str, str], threshold: float) -> dict[str, str]:
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as f:
        for i in sorted(texts):
            f.write(orjson.dumps({"id": i, "text": texts[i]}) + b"\n")
    script = REPO / "bench" / "peers" / "datasketch_dedup.py"
    out = subprocess.run([str(VENV_PY), script, f.name, "--threshold", str(threshold)], check=True, capture_output=True, text=True)
    Path(f.name).unlink()
    labels = json.loads(out.stdout)["labels"]
    return labels  # a component's label is its smallest id: that page is the one kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--config", type=Path, help="a thresher config (default: the default pipeline)")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    ap.add_argument("--near", nargs="*", default=[], metavar="KEY=VALUE", help="near_dedup options over the default pipeline (TOML values)")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print this many lost stories' pages (for tuning seeds only)")
    args = ap.parse_args()
    config = args.config.read_text() if args.config else None
    if args.near:
        default = (REPO / "src" / "thresher" / "default_pipeline.toml").read_text()
        head, sep, tail = default.partition('name = "near_dedup"\n')
        config = head + sep + "".join(f"{kv.split('=', 1)[0]} = {kv.split('=', 1)[1]}\n" for kv in args.near) + tail
    rows = []
    for seed in args.seeds:
        pages = [orjson.loads(x) for x in write_pages(seed).read_bytes().splitlines()]
        surv, texts, secs, summary = run_thresher(write_pages(seed), config, args.workers)
        s = score(pages, surv)
        rows.append((seed, "thresher (default pipeline)", s, f"{secs:.1f}"))
        if args.show:
            _show(pages, surv, s, args.show)
        if not args.no_peer:
            best = None
            for t in args.thresholds:
                ds = score(pages, run_datasketch(texts, t))
                if best is None or ds["f1"] > best[1]["f1"]:
                    best = (t, ds)
            rows.append((seed, f"datasketch MinHashLSH t={best[0]} (best)", best[1], "-"))
    print("| seed | method | pages | stories | precision | recall | F1 | lost every copy | kept twice | wall s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for seed, label, s, secs in rows:
        print(f"| {seed} | {label} | {s['pages']} | {s['stories']} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
              f"{s['lost']} ({s['lost'] / s['stories']:.2%}) | {s['twice']} ({s['twice'] / s['stories']:.2%}) | {secs} |")


def _show(pages, surv, s, n) -> None:
    page = {p["id"]: p for p in pages}
    by_story = defaultdict(list)
    for p in pages:
        if p["id"] in surv:
            by_story[p["story"]].append(p)
    for story in s["lost_ids"][:n]:
        print(f"LOST {story}")
        for p in by_story[story]:
            o = page[surv[p['id']]]
            print(f"   {p['id']} {p['kind']} carries={p['carries']} -> {o['id']} {o['kind']} {o['carries']} {EVIDENCE.get(p['id'])}")
    for story in s["twice_ids"][:n]:
        print(f"TWICE {story}")
        for p in by_story[story]:
            print(f"   {p['id']} {p['kind']} -> {surv[p['id']]}")


if __name__ == "__main__":
    main()
