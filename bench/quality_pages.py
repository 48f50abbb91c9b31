"""Raw pages for the quality-filter parity benchmark (bench/quality_parity.py).

Sources, all read from ../shared/data (never copied into the repo):

* the Common Crawl text samples (CCNet shards and the dolma-format documents);
* the HTML of ../shared/data/article-extraction and the WARC samples, turned into text by
  resiliparse twice: the whole page (menus, footers and all) and its main content;
* the BBC articles as they are, and each again with one or two crawl defects chosen at random:
  paragraphs printed twice (the seed's defect), hard wrapping, site chrome (menus, share bars,
  cookie and policy notices, comment widgets), bullet lists, ellipsis teasers, hashtags, lorem
  ipsum, code with curly brackets, JavaScript notices, number tables, truncation, repeated lines,
  trailing spaces, blank lines between paragraphs;
* bench/data/clean/pages.jsonl.gz (the cleaning benchmark's synthetic pages) when present.

Deterministic: the same seed gives the same pages.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared" / "data").resolve()

_MENU = ["Home", "News", "Sport", "Business", "Politics", "Tech", "Entertainment", "Contact us", "About",
         "Login", "Register", "Search", "Weather", "Video", "Opinion", "Archive"]
_CHROME = [
    "Share this article", "Share on Facebook", "Tweet", "Email", "Print", "Follow us on Twitter",
    "This website uses cookies to improve your experience. By continuing you accept our use of cookies.",
    "Read our privacy policy and terms of use.", "Accept", "Related stories", "Most popular",
    "Subscribe to our newsletter", "Sign up", "Advertisement", "Skip to main content",
    "Copyright 2024 Example Media Ltd. All rights reserved.", "Leave a comment", "Post a Comment",
    "No comments:", "Please enable JavaScript to view the comments powered by Disqus.",
    "Posted by admin at 10:32 AM", "Labels: news, world", "Newer Post Older Post Home",
]
_LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
          "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.")
_CODE = ["function init() {", "  var x = document.getElementById('main');", "  x.style.display = 'none';", "}",
         "if (window.ga) { ga('send', 'pageview'); }"]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _wrap(par: str, width: int) -> list[str]:
    out, cur = [], ""
    for w in par.split():
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
    return out


def _defect(kind: str, title: str, pars: list[str], rng: random.Random) -> list[str]:
    """Return the page's lines with one defect of ``kind``."""
    lines = [title] + pars
    if kind == "doubled":  # a run of paragraphs printed twice in a row (the seed's defect)
        a = rng.randrange(0, max(1, len(pars) // 2))
        b = rng.randrange(a + 1, len(pars) + 1)
        return [title] + pars[:b] + pars[a:b] + pars[b:]
    if kind == "wrapped":
        width = rng.choice([60, 72, 80])
        return [title] + [ln for p in pars for ln in _wrap(p, width)]
    if kind == "chrome":
        head = rng.sample(_MENU, rng.randrange(3, 12))
        tail = rng.sample(_CHROME, rng.randrange(2, 10))
        return head + lines + tail
    if kind == "menu_heavy":
        head = rng.sample(_MENU, 10) + rng.sample(_MENU, 10)
        return head + lines[: rng.randrange(1, 4)] + rng.sample(_CHROME, 8)
    if kind == "bullets":
        mark = rng.choice(["• ", "- ", "* "])
        share = rng.choice([0.5, 0.9, 1.0])
        return [mark + p if rng.random() < share else p for p in lines]
    if kind == "teasers":
        out = [title]
        for p in pars:
            words = p.split()
            out.append(" ".join(words[: rng.randrange(5, 15)]) + rng.choice(["...", "…", " ..."]))
            if rng.random() < 0.4:
                out.append(p)
        return out
    if kind == "hashtags":
        tags = " ".join("#" + rng.choice(["news", "uk", "breaking", "sport", "tech", "follow"]) for _ in range(rng.randrange(3, 40)))
        return lines + [tags]
    if kind == "lorem":
        pos = rng.randrange(0, len(lines) + 1)
        return lines[:pos] + [_LOREM] + lines[pos:]
    if kind == "code":
        pos = rng.randrange(0, len(lines) + 1)
        return lines[:pos] + _CODE[: rng.randrange(1, len(_CODE) + 1)] + lines[pos:]
    if kind == "javascript":
        return lines + ["You need to enable JavaScript to run this app.", "JavaScript is disabled in your browser."]
    if kind == "numbers":
        rows = [" ".join(f"{rng.randrange(0, 10000)}" + rng.choice(["", ".5", "%", ""]) for _ in range(rng.randrange(3, 9)))
                for _ in range(rng.randrange(5, 60))]
        return lines[: rng.randrange(1, 4)] + rows
    if kind == "truncated":
        return lines[: rng.randrange(1, 4)]
    if kind == "short_sentences":
        sents = " ".join(pars).split(". ")
        return [title] + [s.strip() + "." for s in sents[: rng.randrange(2, 9)]]
    if kind == "repeated_line":
        line = rng.choice(lines)
        pos = rng.randrange(0, len(lines) + 1)
        return lines[:pos] + [line] * rng.randrange(2, 8) + lines[pos:]
    if kind == "trailing_space":
        return [ln + rng.choice([" ", "  ", "\t", ""]) for ln in lines]
    if kind == "blank_lines":
        return [x for ln in lines for x in (ln, "")]
    if kind == "repeated_phrase":
        phrase = " ".join(rng.choice(pars).split()[: rng.randrange(2, 6)])
        return lines + [" ".join([phrase] * rng.randrange(3, 30))]
    if kind == "policy":
        return lines + ["By using this site you agree to our Terms of Use and Privacy Policy.",
                        "We use cookies to personalise content and ads."]
    raise ValueError(kind)


DEFECTS = ["doubled", "wrapped", "chrome", "menu_heavy", "bullets", "teasers", "hashtags", "lorem", "code",
           "javascript", "numbers", "truncated", "short_sentences", "repeated_line", "trailing_space",
           "blank_lines", "repeated_phrase", "policy"]


def _cc_pages() -> list[dict]:
    out = []
    for f in sorted((SHARED / "common-crawl-samples").glob("*.json*.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                rec = json.loads(line)
                out.append({"id": f"cc:{f.name}:{i}", "source": "common-crawl", "text": rec["text"]})
    return out


def warc_html_responses(path: Path):
    """(record number, HTML bytes) of each 200 HTML response in a WARC file."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(path, "rb") as fh:
        for i, rec in enumerate(ArchiveIterator(fh, record_types=WarcRecordType.response)):
            if rec.http_headers is None or rec.http_headers.status_code != 200:
                continue
            if "html" not in (rec.http_headers.get("Content-Type") or ""):
                continue
            yield i, rec.reader.read()


def _html_pages() -> list[dict]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    htmls: list[tuple[str, bytes]] = []
    for f in sorted((SHARED / "article-extraction" / "html").glob("*.html.gz")):
        htmls.append((f"html:{f.name}", gzip.decompress(f.read_bytes())))
    for f in sorted((SHARED / "common-crawl-samples").glob("*.warc.gz")):
        htmls.extend((f"warc:{f.name}:{i}", raw) for i, raw in warc_html_responses(f))
    out = []
    for pid, raw in htmls:
        html = bytes_to_str(raw, detect_encoding(raw))
        for main in (False, True):
            text = extract_plain_text(html, main_content=main, alt_texts=False)
            if text.strip():
                out.append({"id": f"{pid}:{'main' if main else 'full'}", "source": "html", "text": text})
    return out


def _bbc_pages(rng: random.Random) -> list[dict]:
    out = []
    with gzip.open(SHARED / "bbc-news" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            pars = _paragraphs(rec["text"])
            if not pars:
                continue
            sep = "\n\n" if rng.random() < 0.3 else "\n"
            out.append({"id": f"bbc:{rec['id']}", "source": "bbc", "text": sep.join([rec["title"]] + pars)})
            for k in range(2):
                lines = [rec["title"]] + pars
                kinds = rng.sample(DEFECTS, rng.choice([1, 1, 2]))
                for kind in kinds:
                    lines = _defect(kind, lines[0], lines[1:], rng) if len(lines) > 1 else lines
                out.append({"id": f"bbc:{rec['id']}:{k}:{'+'.join(kinds)}", "source": "bbc-defects",
                            "text": "\n".join(lines)})
    return out


def _synth_pages(limit: int) -> list[dict]:
    path = REPO / "bench" / "data" / "clean" / "pages.jsonl.gz"
    if not path.exists():
        return []
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            rec = json.loads(line)
            text = rec.get("text") or rec.get("raw") or ""
            if text:
                out.append({"id": f"synth:{rec.get('id', i)}", "source": "synth", "text": text})
    return out


def build_pages(seed: int = 0, synth_limit: int = 1500) -> list[dict]:
    rng = random.Random(seed)
    pages = _cc_pages() + _html_pages() + _bbc_pages(rng) + _synth_pages(synth_limit)
    seen, out = set(), []
    for p in pages:  # the same id twice would make the comparison ambiguous
        if p["id"] not in seen:
            seen.add(p["id"])
            out.append(p)
    return out


def write_pages(path: Path, seed: int = 0) -> list[dict]:
    pages = build_pages(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for p in pages:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return pages


if __name__ == "__main__":
    pages = write_pages(REPO / "bench" / "data" / "quality" / "pages.jsonl.gz")
    print(f"{len(pages)} pages, {sum(len(p['text'].encode()) for p in pages) / 1e6:.1f} MB")
