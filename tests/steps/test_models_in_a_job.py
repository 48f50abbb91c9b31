"""The new steps in a whole `thresher clean` run: url_filter, classify and tokens from a config file,
with a corpus stage after them; the totals reach stats.json and the kept records."""

from __future__ import annotations

import orjson
from tiny_models import tiny_tokenizer

from thresher.cli import main
from thresher.run.outputs import JobOutput
from thresher.steps.classify import fasttext_train as ft

GOOD = "the study found that students who read every day improve their vocabulary and comprehension of the world".split()
BAD = "click here buy now cheap casino free bonus win money fast limited offer today only".split()


def test_a_run_with_url_filter_classify_and_tokens_counts_the_tokens_it_keeps(tmp_path):
    import random

    rng = random.Random(0)
    model = tmp_path / "edu.bin"
    ft.train([" ".join(rng.choices(GOOD, k=30)) for _ in range(100)] + [" ".join(rng.choices(BAD, k=30)) for _ in range(100)],
             ["hq"] * 100 + ["lq"] * 100, ft.TrainOptions(bucket=2000, dim=16)).save(model)
    tiny_tokenizer(tmp_path / "tok")
    (tmp_path / "blocked.txt").write_text("spam.example\n")
    good = " ".join(GOOD) + "."
    rows = [
        {"id": "good1", "text": good, "url": "https://news.example/a"},
        {"id": "good2", "text": good, "url": "https://news.example/b"},  # an exact copy: dedup drops one
        {"id": "blocked", "text": good + " Again.", "url": "http://www.spam.example/x"},
        {"id": "spam", "text": " ".join(BAD) + ".", "url": "https://shop.example/"},
    ]
    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    (tmp_path / "cfg.toml").write_text(f"""
replace = true

[[step]]
name = "url_filter"
blocklists = ["{tmp_path / 'blocked.txt'}"]

[[step]]
name = "classify"
model = "{model}"
label = "hq"
min_score = 0.5

[[step]]
name = "tokens"
tokenizer = "{tmp_path / 'tok' / 'tokenizer.json'}"

[[corpus]]
name = "exact_dedup"
""")
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "in.jsonl"), "-o", str(out), "--config", str(tmp_path / "cfg.toml")]) == 0
    job = JobOutput(str(out))
    stats = job.stats()
    assert stats["dropped_by_reason"] == {"url_filter:blocked:blocked": 1, "classify:edu:low_score": 1, "exact_duplicate": 1}
    kept = list(job.kept())
    assert len(kept) == 1
    meta = kept[0]["metadata"]
    assert meta["signals"]["edu"] > 0.5 and meta["quality_score"] == meta["signals"]["edu"]
    n = meta["token_count"]
    assert n == len(GOOD) + 1  # words and the full stop
    assert stats["tokens_kept"] == n and stats["tokens_counted"] == 2 * n  # both copies counted, one kept
