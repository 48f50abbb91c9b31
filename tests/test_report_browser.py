"""`thresher report` opened in a real headless browser (Debian's chromium): the page's scripts run
without a console error, and its charts show the numbers of the job's stats.json and profile.json.

Under CI=true a missing chromium is a failure, not a skip (`.ci/run` installs it)."""

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from thresher.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report_browser")]  # one job, shared by the module's tests

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

GERMAN = ("Der Stadtrat hat am Montag beschlossen, die alte Brücke über den Fluss bis zum Herbst zu sanieren. "
          "Die Arbeiten sollen im Frühjahr beginnen und etwa sechs Monate dauern. Während dieser Zeit wird der Verkehr "
          "über eine Behelfsbrücke geleitet, die bereits im Winter errichtet wurde. Die Kosten von rund vier Millionen "
          "Euro tragen Stadt und Land gemeinsam.")
FRENCH = ("Le conseil municipal a décidé lundi de rénover le vieux pont sur la rivière avant l'automne. Les travaux "
          "commenceront au printemps et dureront environ six mois. Pendant ce temps, la circulation passera par un pont "
          "provisoire construit cet hiver. Le coût, d'environ quatre millions d'euros, sera partagé entre la ville et la région.")


def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium not found (CI=true): the report must be checked in a real browser; apt-get install chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return found


def render_in_browser(page: Path, profile_dir: Path) -> tuple[str, list[str]]:
    """The DOM after the page's scripts ran, and the console lines chromium logged."""
    profile_dir.mkdir()
    done = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "--enable-logging=stderr", "--v=0",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


class Elements(HTMLParser):
    """Every element of a page with its attributes and those of its ancestors."""

    VOID = {"meta", "input", "br", "img", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "param", "track"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.found: list[tuple[str, dict, list[dict]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.found.append((tag, a, [s[1] for s in self.stack]))
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, dict(attrs), [s[1] for s in self.stack]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def elements(dom: str) -> list[tuple[str, dict, list[dict]]]:
    p = Elements()
    p.feed(dom)
    return p.found


def inside(ancestors: list[dict], key: str, value: str | None = None) -> dict | None:
    for a in ancestors:
        if key in a and (value is None or a[key] == value):
            return a
    return None


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """A real job over the demo corpus and two pages in other languages, with tokens counted."""
    from thresher.synth.demo import write_demo_corpus

    sys.path.insert(0, str(Path(__file__).parent / "steps"))
    from tiny_models import tiny_tokenizer

    base = tmp_path_factory.mktemp("report_browser")
    inp = base / "in"
    inp.mkdir()
    write_demo_corpus(inp, n_pages=160, seed=3)
    (inp / "other.jsonl").write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in (("de-1", GERMAN), ("fr-1", FRENCH))))
    tiny_tokenizer(base)
    cfg = base / "tokens.toml"
    cfg.write_text(f'[[step]]\nname = "tokens"\ntokenizer = "{base / "tokenizer.json"}"\n')
    out = base / "out"
    assert main(["clean", str(inp), "-o", str(out), "--config", str(cfg), "--workers", "2"]) == 0
    assert main(["report", str(out)]) == 0
    dom, console = render_in_browser(out / "report.html", base / "chromium-profile")
    stats = json.loads((out / "stats.json").read_text())
    profile = json.loads((out / "profile.json").read_text())
    return {"out": out, "dom": dom, "console": console, "els": elements(dom), "stats": stats, "profile": profile}


def bars(job, chart: str) -> list[tuple[dict, list[dict]]]:
    return [(a, anc) for tag, a, anc in job["els"] if tag == "rect" and inside(anc, "data-chart", chart)]


def test_the_report_renders_in_chromium_without_a_console_error_and_draws_every_chart(job):
    assert job["console"] == []
    charts = [a for tag, a, _ in job["els"] if "data-chart" in a]
    assert {a["data-chart"] for a in charts} >= {"outcomes", "languages", "signals", "chars_by_rule", "clusters"}
    assert all(a.get("data-drawn") == "1" for a in charts), [a for a in charts if a.get("data-drawn") != "1"]
    page = (job["out"] / "report.html").read_text()
    # one file, nothing fetched: no external script, style, image or link
    assert not re.search(r"""<(script|link|img|iframe)[^>]*\s(src|href)=""", page)
    assert not re.search(r"""href=["']?(https?:)?//""", page)


def test_where_the_documents_went_shows_stats_json_kept_and_each_drop_reason(job):
    s = job["stats"]
    shown = {a["data-label"]: int(a["data-value"]) for a, _ in bars(job, "outcomes")}
    assert shown == {"kept": s["docs_kept"], **s["dropped_by_reason"]}
    assert "exact_duplicate" in shown and "near_duplicate" in shown
    assert f"{s['docs_in']:,} documents in, <b>{s['docs_kept']:,} kept</b>" in job["dom"]
    assert f"{s['tokens_kept']:,} tokens kept of {s['tokens_counted']:,} counted" in job["dom"] and s["tokens_kept"] > 0


def test_characters_removed_by_rule_are_stats_json_chars_by_rule(job):
    shown = {a["data-label"]: int(a["data-value"]) for a, _ in bars(job, "chars_by_rule")}
    assert shown == job["stats"]["chars_by_rule"] and len(shown) > 5


def test_documents_by_language_add_up_to_the_documents_in_and_kept(job):
    p, s = job["profile"], job["stats"]
    parts: dict[str, dict[str, int]] = defaultdict(dict)
    tokens: dict[str, int] = {}
    for a, anc in bars(job, "languages"):
        if inside(anc, "data-metric", "documents"):
            parts[a["data-label"]][a["data-part"]] = int(a["data-value"])
        elif inside(anc, "data-metric", "tokens"):
            tokens[a["data-label"]] = int(a["data-value"])
    assert {"en", "de", "fr"} <= set(parts)
    assert {lang: v["kept"] for lang, v in parts.items()} == p["kept_by_language"] | {k: 0 for k in p["docs_by_language"] if k not in p["kept_by_language"]}
    assert {lang: v["kept"] + v["dropped"] for lang, v in parts.items()} == p["docs_by_language"]
    assert sum(v["kept"] for v in parts.values()) == s["docs_kept"]
    assert sum(v["kept"] + v["dropped"] for v in parts.values()) == s["docs_in"]
    assert tokens == {lang: n for lang, n in p["tokens_by_language"].items() if n}
    assert sum(tokens.values()) == s["tokens_kept"] > 0 and tokens["de"] > 0


def test_each_signal_histogram_counts_its_documents_and_marks_every_rule_threshold(job):
    p, s = job["profile"], job["stats"]
    by_signal: dict[str, Counter] = defaultdict(Counter)
    for a, anc in bars(job, "signals"):
        by_signal[inside(anc, "data-signal")["data-signal"]][a["data-kind"]] += int(a["data-value"])
    assert set(by_signal) == set(p["histograms"])
    for sig, kinds in p["histograms"].items():
        assert by_signal[sig] == Counter({k: sum(c.values()) for k, c in kinds.items() if sum(c.values())}), sig
    # the documents a rule dropped are in its signal's "dropped by its rule" bars: stats.json's count
    rules_of = defaultdict(list)
    for r in p["rules"]:
        rules_of[r["signal"]].append(r["reason"])
    dropped_by_rules = 0
    for sig, reasons in rules_of.items():
        assert by_signal[sig]["rule"] == sum(s["dropped_by_reason"].get(r, 0) for r in reasons), sig
        dropped_by_rules += by_signal[sig]["rule"]
    assert dropped_by_rules > 0
    # every kept document the quality rules judged is in the word-count histogram once
    assert by_signal["gopher_quality.word_count"]["kept"] == sum(p["histograms"]["gopher_quality.word_count"]["kept"].values()) > 100
    lines = {(inside(anc, "data-signal")["data-signal"], a["data-reason"], float(a["data-threshold"]))
             for tag, a, anc in job["els"] if tag == "line" and "data-reason" in a}
    assert lines == {(r["signal"], r["reason"], float(r["threshold"])) for r in p["rules"] if r["signal"] in p["histograms"]}


def test_cluster_sizes_account_for_every_duplicate_removed(job):
    s = job["stats"]
    for stage, reason in (("exact_dedup", "exact_duplicate"), ("near_dedup", "near_duplicate")):
        shown = [(a["data-label"], int(a["data-value"])) for a, anc in bars(job, "clusters") if inside(anc, "data-stage", stage)]
        assert shown, stage
        # a cluster of n documents keeps one: the removed documents are sum((n - 1) * clusters)
        assert sum((int(label.split()[0]) - 1) * n for label, n in shown) == s["dropped_by_reason"][reason], stage


def test_sampled_documents_are_shown_marked_as_explain_shows_them(job, capsys):
    dom, s = job["dom"], job["stats"]
    for reason in s["dropped_by_reason"]:
        assert f"<h3>dropped: {reason}</h3>" in dom
    assert "<h3>kept documents</h3>" in dom and "<del>" in dom and '<span class="rule">' in dom
    # a sampled document's block says what `thresher explain` says of it
    m = re.search(r'<details id="doc-[0-9a-f]+"[^>]*><summary><b>([^<]+)</b>.*?</summary><ul>(.*?)</ul>', dom, re.S)
    doc_id, counts = m.group(1), m.group(2)
    capsys.readouterr()
    assert main(["explain", str(job["out"]), doc_id, "--color", "never"]) == 0
    explained = capsys.readouterr().out
    for line in re.findall(r"<li>(.*?)</li>", counts):
        assert f"  {line}" in explained


def test_the_first_sampled_duplicate_pairs_are_shown_side_by_side(job):
    import pyarrow.parquet as pq

    from thresher.steps.dedup.near import PAIRS_SHOWN

    pairs = pq.read_table(job["out"] / "_work" / "near_dedup" / "report" / "pairs.parquet").to_pylist()
    shown = [(a["data-removed"], a["data-kept"]) for tag, a, _ in job["els"] if tag == "details" and "data-removed" in a]
    assert shown == [(p["a_id"], p["b_id"]) for p in pairs[:PAIRS_SHOWN]] and shown
    table = [a for tag, a, anc in job["els"] if tag == "tr" and inside(anc, "id", "pairs")]
    assert len(table) == len(pairs) + 1  # a header, then every sampled pair
