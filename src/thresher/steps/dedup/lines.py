"""Lines repeated across many documents: site chrome and templates a single page cannot reveal.

Counting is on disk: each shard writes the 64-bit hashes of its documents' distinct normalised lines
(``lines/<shard>.parquet``), and DuckDB counts in how many documents each line occurs
(``frequent.parquet`` keeps those at or above the threshold). Apply removes those lines as edits
with rule ``corpus_repeated_line``, the most widespread first, never more than
``max_removed_share`` of a page's characters (a page made mostly of such lines keeps the rest).

Normalisation: case-folded, digits mapped to 0 ("Page 2 of 5" and "Page 3 of 5" are one template),
whitespace collapsed. Like CCNet's paragraph deduplication, but a line must be frequent, not merely
seen twice, so a story quoted by two sites keeps its text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import xxhash

from thresher.document import Edit
from thresher.io.atomic import write_bytes_atomic
from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup.store import ParquetSink, duck_copy, open_stage_dir, safe_name, sql_list, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

RULE = "corpus_repeated_line"
LINE_SCHEMA = pa.schema([("h", pa.uint64())])
_DIGITS = re.compile(r"\d+")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def normalise_line(line: str) -> str:
    return " ".join(_DIGITS.sub("0", line.casefold()).split())


def line_hash(line: str) -> int | None:
    norm = normalise_line(line)
    return xxhash.xxh3_64_intdigest(norm.encode("utf-8", "surrogatepass")) if norm else None


def doc_line_hashes(text: str) -> set[int]:
    return {h for h in map(line_hash, text.split("\n")) if h is not None}


@dataclass
class RepeatedLines(CorpusStage):
    name: ClassVar[str] = "repeated_lines"

    min_docs: int = 20  # a line must occur in at least this many documents ...
    min_share: float = 0.0  # ... and in at least this share of all (kept) documents
    max_removed_share: float = 0.5  # never remove more than this share of a page's characters
    duckdb_memory: str = "1GB"

    def __post_init__(self) -> None:
        if self.min_docs < 2:
            raise ValueError("min_docs must be at least 2 (a line in one document is not repeated)")
        if not 0.0 <= self.max_removed_share <= 1.0:
            raise ValueError("max_removed_share must be between 0 and 1")

    def prepare(self, ctx: StageContext) -> None:
        d = ctx.work_dir(self.name)
        open_stage_dir(d, self.name, stage_options(self), ctx.shards)
        out = d / "frequent.parquet"
        if out.exists():
            return
        names = [safe_name(s) for s in ctx.shards]
        todo = [(self, s) for s, n in zip(ctx.shards, names) if not (d / "lines" / f"{n}.json").exists()]
        ctx.map(_count_shard, todo)
        n_docs = sum(orjson.loads((d / "lines" / f"{n}.json").read_bytes())["docs"] for n in names)
        need = max(self.min_docs, math.ceil(self.min_share * n_docs))
        files = [d / "lines" / f"{n}.parquet" for n in names]
        if files:
            query = f"SELECT h, count(*) AS docs FROM read_parquet({sql_list(files)}) GROUP BY h HAVING count(*) >= {int(need)}"
        else:
            query = "SELECT NULL::UBIGINT AS h, NULL::BIGINT AS docs WHERE false"
        duck_copy(d, self.duckdb_memory, ctx.threads, query, out)
        write_bytes_atomic(d / "summary.json", orjson.dumps({"docs": n_docs, "min_docs_used": need, "frequent_lines": pq.read_metadata(out).num_rows}))

    def load(self, shard: str, ctx: StageContext) -> dict[int, int]:
        """The frequent lines (hash -> documents); the same for every shard."""
        path = ctx.work_dir(self.name) / "frequent.parquet"
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run prepare() before apply()")
        t = pq.read_table(path)
        return dict(zip(t.column("h").to_pylist(), t.column("docs").to_pylist()))

    def apply(self, doc: "Document", row: int, loaded: dict[int, int]) -> None:
        if loaded:
            edits = self.edits(doc.text, loaded)
            if edits:
                doc.apply(edits)

    def edits(self, text: str, frequent: dict[int, int]) -> list[Edit]:
        """Edits removing frequent lines (each with its newline), most widespread first, up to the cap."""
        found = []
        for m in _LINE.finditer(text):
            h = line_hash(m.group().rstrip("\n"))
            if h is not None and h in frequent:
                found.append((-frequent[h], m.start(), m.end()))
        if not found:
            return []
        budget = self.max_removed_share * len(text)
        chosen = []
        used = 0
        for _, s, e in sorted(found):
            if used + (e - s) <= budget:
                chosen.append(Edit(s, e, RULE))
                used += e - s
        return sorted(chosen, key=lambda e: e.start)


def _count_shard(ctx: StageContext, item: tuple[RepeatedLines, str]) -> int:
    stage, shard = item
    d = ctx.work_dir(stage.name)
    name = safe_name(shard)
    n_docs = 0
    buf: list[int] = []
    with ParquetSink(d / "lines" / f"{name}.parquet", LINE_SCHEMA) as sink:
        for doc in ctx.docs(shard, upto=stage.name):
            if not doc.kept:
                continue
            n_docs += 1
            buf.extend(doc_line_hashes(doc.text))  # distinct per document: counts are documents
            if len(buf) >= 500_000:
                sink.write({"h": np.array(buf, dtype=np.uint64)})
                buf = []
        sink.write({"h": np.array(buf, dtype=np.uint64)})
    write_bytes_atomic(d / "lines" / f"{name}.json", orjson.dumps({"docs": n_docs}))
    return n_docs
