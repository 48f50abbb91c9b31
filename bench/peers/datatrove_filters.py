"""Run datatrove 0.10.1's quality filters on raw pages; write each page's keep/drop and reason.

Runs inside bench/.venv (datatrove is not a thresher dependency); bench/quality_parity.py calls it:

    bench/.venv/bin/python bench/peers/datatrove_filters.py PAGES.jsonl.gz OUT.jsonl

Each filter sees every page's raw text on its own (not chained), with its default settings.
Output: one JSON line per page: {"id", "<rule set>": [kept, reason], "seconds": {rule set: s}}.
The four filters run page by page, so datatrove's small tokenisation cache (split_into_words is
lru_cached per text) lets the later filters reuse the first one's spaCy tokens, as in its chain.
"""

from __future__ import annotations

import gzip
import json
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)
from datatrove.pipeline.filters.base_filter import get_filter_result

# Same order as thresher's default pipeline.
FILTERS = {
    "gopher_repetition": GopherRepetitionFilter(),
    "gopher_quality": GopherQualityFilter(),
    "c4": C4QualityFilter(),
    "fineweb": FineWebQualityFilter(),
}


def main(pages_path: str, out_path: str) -> None:
    with gzip.open(pages_path, "rt", encoding="utf-8") as fh, open(out_path, "w", encoding="utf-8") as out:
        for line in fh:
            page = json.loads(line)
            row = {"id": page["id"], "seconds": {}}
            for name, filt in FILTERS.items():
                doc = Document(text=page["text"], id=page["id"])  # C4 rewrites text: a fresh copy each
                t0 = time.process_time()
                try:
                    kept, reason = get_filter_result(filt.filter(doc))
                except Exception as exc:  # a crash is a result too: report it, go on
                    kept, reason = None, f"error:{type(exc).__name__}"
                row["seconds"][name] = time.process_time() - t0
                row[name] = [bool(kept) if kept is not None else None, reason]
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
