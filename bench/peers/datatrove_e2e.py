"""datatrove 0.10.1 as a user runs it: one process reads the pages, runs the Gopher repetition +
Gopher quality + C4 + FineWeb filter chain and writes the kept pages, one task, one worker.
Runs in the bench venv (bench/.venv/bin/python); bench/e2e_bench.py times the whole process.

    bench/.venv/bin/python bench/peers/datatrove_e2e.py PAGES.jsonl.gz OUT_DIR

OUT_DIR gets datatrove's own output (output/), its logs and its stats.json (time per step).
"""

from __future__ import annotations

import os
import sys


def main(pages: str, out: str) -> int:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    folder, name = os.path.split(os.path.abspath(pages))
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(folder, glob_pattern=name, recursive=False),
            GopherRepetitionFilter(),
            GopherQualityFilter(),
            C4QualityFilter(),
            FineWebQualityFilter(),
            JsonlWriter(os.path.join(out, "output")),
        ],
        tasks=1,
        workers=1,
        logging_dir=os.path.join(out, "logs"),
        skip_completed=False,
    ).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
