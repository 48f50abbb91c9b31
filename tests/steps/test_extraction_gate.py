"""The extraction quality gate (issue 11): thresher's extraction F1 on the public pages in
../shared/data must not fall below the floors pinned in extraction_floor.json (data, raised as
results improve, as trafilatura's tests/eval_gate.py does). The metric and the page loading are
bench/extract_bench.py's, so the gate and the bench table cannot disagree."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).with_name("extraction_floor.json")).read_text())["f1_floor"]
BENCH = Path(__file__).resolve().parents[2] / "bench" / "extract_bench.py"


@pytest.fixture(scope="module")
def bench(shared_data):
    spec = importlib.util.spec_from_file_location("extract_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pages, truth, _ = module.load(shared_data)
    body = {k: module.thresher_body(html) for k, html in pages.items()}
    return module, truth, body


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_extraction_f1_stays_above_its_pinned_floor(bench, dataset):
    module, truth, body = bench
    keys = [k for k in truth if k.startswith(dataset + "/")]
    assert keys, f"no pages of {dataset}"
    f1 = module.score(truth, body, keys)[2]
    assert f1 >= FLOORS[dataset], f"{dataset}: extraction F1 {f1:.4f} < floor {FLOORS[dataset]}"
