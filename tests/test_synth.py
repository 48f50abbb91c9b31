"""The synthesizer: deterministic pages whose truth is recoverable from the raw text, and a
demo corpus with the promised mix."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import random
import re
import subprocess
import sys

import ftfy
import pytest

from thresher.synth import Rates, render_page
from thresher.synth.demo import demo_pages, write_demo_corpus
from thresher.synth.lowquality import LOW_QUALITY
from thresher.synth.newsgen import make_article

ALL_DEFECTS = (
    "image_credit", "hard_wrap", "repeated_body", "comment_widget", "share_bar", "cookie_notice",
    "nav_menu", "subscribe_prompt", "read_more", "mojibake", "nbsp", "trailing_spaces",
    "control_chars", "blank_lines", "no_final_newline",
)
_ZERO = {f.name: 0.0 for f in dataclasses.fields(Rates)}
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")


def only(defect: str) -> Rates:
    return Rates(**{**_ZERO, defect: 1.0})


def repaired_lines(raw: str) -> list[str]:
    """What a repair step must at least do: fix mojibake, drop control characters, NBSP to
    space, strip trailing whitespace, drop blank lines."""
    text = ftfy.fix_text(raw, uncurl_quotes=False)
    text = _CONTROLS.sub("", text).replace("\u00a0", " ")
    return [line.rstrip() for line in text.split("\n") if line.strip()]


def recoverable(page) -> bool:
    """Every clean line is a repaired raw line, or consecutive repaired raw lines joined by a space
    (a hard-wrapped paragraph). Wrapped lines must be rejoined, nothing else invented."""
    lines = repaired_lines(page.raw)
    have = set(lines)
    for t in page.clean.splitlines():
        if t in have:
            continue
        found = False
        for i, first in enumerate(lines):
            if t.startswith(first):
                j, acc = i, first
                while acc != t and j + 1 < len(lines) and len(acc) < len(t):
                    j += 1
                    acc += " " + lines[j]
                if acc == t:
                    found = True
                    break
        if not found:
            return False
    return True


def render(seed: int, rates: Rates = Rates()):
    rng = random.Random(seed)
    _, title, paras = make_article(rng)
    return render_page(title, paras, f"p{seed}", rng, rates)


def test_same_seed_same_page_and_different_seed_different_page():
    a, b, c = render(7), render(7), render(8)
    assert a == b
    assert a.raw != c.raw


def test_same_seed_same_corpus_in_another_process():
    """String hashing differs between processes: nothing may depend on set or hash order."""
    code = (
        "import hashlib; from thresher.synth.demo import demo_pages; "
        "print(hashlib.sha256(repr([(p.id, p.text, p.clean_text) for p in demo_pages(120, 3)]).encode()).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


@pytest.mark.parametrize("defect", ALL_DEFECTS)
def test_each_injector_is_recorded_and_its_truth_is_recoverable(defect):
    hits = 0
    for seed in range(40):
        page = render(seed, only(defect))
        assert recoverable(page), (defect, seed, page.raw, page.clean)
        assert page.clean.endswith("\n") and "\n\n" not in page.clean
        if defect in page.defects:
            hits += 1
            assert page.raw != page.clean or defect == "no_final_newline"
            assert set(page.defects) <= {defect}
    assert hits >= 20, f"{defect} applied to only {hits}/40 pages"


def test_mojibake_is_what_ftfy_undoes():
    page = render(3, only("mojibake"))
    assert "mojibake" in page.defects
    assert any(c in page.raw for c in "ÃÂâ")
    assert ftfy.fix_text(page.raw, uncurl_quotes=False).rstrip("\n") + "\n" == page.clean


def test_junk_lines_never_look_like_truth_lines():
    """A remover that takes a junk line must never be charged with losing content, and the
    credit kept in metadata must be printed on the page."""
    for seed in range(150):
        page = render(seed)
        clean = set(page.clean.splitlines())
        assert not any(line in clean for kind, line in page.junk if kind != "repeat")
        if page.image_credit:
            assert page.image_credit in page.raw
            assert page.image_credit not in page.clean


def test_seed_style_wrap_with_dangling_first_word():
    for seed in range(200):
        page = render(seed, only("hard_wrap"))
        if page.detail.get("hard_wrap", "").startswith("dangling"):
            lines = page.raw.split("\n")
            single = [i for i, x in enumerate(lines) if x and " " not in x and x not in page.clean.splitlines()]
            assert single, page.raw
            width = int(page.detail["hard_wrap"].split(":")[1])
            assert 60 <= width <= 80
            assert max(len(x) for x in lines[single[0] + 1 : single[0] + 3]) <= width
            return
    pytest.fail("no dangling-word wrap in 200 pages")


def test_precision_traps_stay_in_truth():
    kinds = set()
    for seed in range(120):
        page = render(seed)
        kinds.update(page.kinds)
        for k in page.legit:
            assert {"subhead": "subhead", "list": "list_item", "legit_sentence": "legit_sentence"}[k] in page.kinds
    assert {"title", "para", "subhead", "list_item", "legit_sentence"} <= kinds


def test_demo_corpus_has_the_promised_mix(tmp_path):
    pages = demo_pages(300, seed=0)
    assert len(pages) == 300 and len({p.id for p in pages}) == 300
    kinds = {p.kind for p in pages}
    assert set(LOW_QUALITY) <= kinds and {"article", "duplicate", "repost"} <= kinds
    by_id = {p.id: p for p in pages}
    dups = [p for p in pages if p.kind == "duplicate"]
    assert len(dups) >= 10 and all(by_id[p.duplicate_of].text == p.text for p in dups)
    seen = {d for p in pages for d in p.defects}
    assert set(ALL_DEFECTS) <= seen, set(ALL_DEFECTS) - seen
    assert sum(p.kind in LOW_QUALITY for p in pages) >= 20

    paths = write_demo_corpus(tmp_path / "a", n_pages=300, seed=0)
    again = write_demo_corpus(tmp_path / "b", n_pages=300, seed=0)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    records = [json.loads(line) for p in paths for line in gzip.open(p, "rt", encoding="utf-8")]
    assert len(records) == 300
    assert all(set(r) == {"id", "url", "text"} and r["text"] for r in records)
    assert write_demo_corpus(tmp_path / "c", n_pages=300, seed=1)[0].read_bytes() != paths[0].read_bytes()


def test_chrome_vocabulary_can_be_swapped_for_held_out_phrasings():
    """Benchmarks render the same defects with other wording (bench/holdout_chrome.py)."""
    from thresher.synth import chrome

    class Odd:
        def __getattr__(self, name):
            return getattr(chrome, name)

        @staticmethod
        def comment_widget(rng, site):
            return ["Zzz comment box zzz"], "odd"

    for seed in range(60):
        rng = random.Random(seed)
        _, title, paras = make_article(rng)
        page = render_page(title, paras, "p", rng, Rates(**{**_ZERO, "comment_widget": 1.0}), vocab=Odd())
        assert "Zzz comment box zzz" in page.raw and "Zzz" not in page.clean
        assert ["comment_widget", "Zzz comment box zzz"] in page.junk
        assert page.detail["comment_widget"] == "odd"
