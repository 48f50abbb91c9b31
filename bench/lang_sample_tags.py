"""How the `lang` step's tags move with its sample size, on the pages the default pipeline feeds it.

    python bench/lang_sample_tags.py [--sizes 200,250,300,350,400]

Runs the repair and boilerplate steps over the quality parity pages (bench/data/quality, written by
bench/quality_parity.py) and the cleaning bench's pages (bench/data/clean), then tags every kept
page with the default 500-character sample and with each smaller one. Prints, per size, the CPU
seconds of tagging, how many pages get another language than at 500 (and which changes are most
common) and how many more pages score under 0.5. A page that changes from ``en`` to another
language is no longer judged by the English rule sets, so a smaller sample is only as good as
these counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from pipeline_fingerprint import SETS, read_pages  # noqa: E402
from thresher.document import Document  # noqa: E402
from thresher.pipeline import Pipeline, build_step  # noqa: E402
from thresher.steps.base import ShardContext  # noqa: E402
from thresher.steps.lang.step import LanguageId  # noqa: E402

BEFORE_LANG = ("guard", "entities", "unicode", "unwrap", "repeats", "boilerplate")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="200,250,300,350,400")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    for name, path in SETS.items():
        if not path.exists():
            print(f"{name}: {path} not found (run the bench that writes it)")
            continue
        pre = Pipeline([build_step(n) for n in BEFORE_LANG])
        docs = pre.run([Document(p["id"], p["text"]) for p in read_pages(path)], ShardContext())
        texts = [d.text for d in docs if d.kept]
        default = LanguageId()
        ref = [default.identify(t) for t in texts]
        print(f"{name}: {len(texts)} pages; at {default.sample_chars} characters: "
              f"{Counter(r[0] for r in ref).most_common(5)}")
        low_ref = sum(r[1] < 0.5 for r in ref)
        for n in sizes:
            step = LanguageId(sample_chars=n)
            t0 = time.process_time()
            got = [step.identify(t) for t in texts]
            seconds = time.process_time() - t0
            moved = Counter((r[0], g[0]) for r, g in zip(ref, got) if r[0] != g[0])
            low = sum(g[1] < 0.5 for g in got) - low_ref
            print(f"  {n:5d} chars: {seconds:.2f} s; another language on {sum(moved.values())} pages "
                  f"{moved.most_common(4)}; {low:+d} pages scored under 0.5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
