"""Evaluation sets from the files users have: JSONL (plain, .gz, .zst), Parquet, or text, one sample
per record (for text: per non-empty line).

A sample's text is every string field of its record (and strings inside lists: answer choices),
each field's n-grams taken apart (no n-gram spans two fields), except the id field; ``fields``
restricts that to some fields. Its id is the record's id field, else ``<file>:<record number>``.
The benchmark's name is the file's name without extensions (``mmlu_test.jsonl.gz`` -> ``mmlu_test``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import orjson

from thresher.io.readers.open import open_binary

_EXTENSIONS = (".jsonl", ".json", ".ndjson", ".parquet", ".txt", ".gz", ".zst")


def benchmark_name(path: str) -> str:
    name = Path(path).name
    while True:
        for ext in _EXTENSIONS:
            if name.lower().endswith(ext) and len(name) > len(ext):
                name = name[: -len(ext)]
                break
        else:
            return name


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _texts(rec: Any, fields: list[str], id_field: str) -> list[str]:
    if not isinstance(rec, dict):
        return list(_strings(rec))
    keys = fields or [k for k in rec if k != id_field]
    return [s for k in keys for s in _strings(rec.get(k))]


def read_samples(path: str, fields: list[str], id_field: str) -> Iterator[tuple[str, list[str]]]:
    """(sample id, its texts) for each sample of one evaluation file. A line that is not JSON is an error:
    a benchmark read in part would leave the corpus contaminated without a word."""
    name = Path(path).name
    lower = name.lower()
    if lower.endswith(".parquet"):
        import pyarrow.parquet as pq

        n = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                n += 1
                rid = rec.get(id_field)
                yield (str(rid) if rid not in (None, "") else f"{name}:{n}"), _texts(rec, fields, id_field)
        return
    with open_binary(path) as f:
        is_text = ".txt" in lower
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            if is_text:
                yield f"{name}:{n}", [line.decode("utf-8", "replace")]
                continue
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"decontam: {path}:{n} is not JSON ({exc}); evaluation sets must be read whole") from exc
            rid = rec.get(id_field) if isinstance(rec, dict) else None
            yield (str(rid) if rid not in (None, "") else f"{name}:{n}"), _texts(rec, fields, id_field)
