"""Reading a job's output folder back, local or remote: the one reader every command uses
(``explain``, ``report``, ``dedup-report``, ``demo``, the Python API).

Only shards whose completion marker exists are read: on object storage a shard's files may be
present before its marker (a run killed between them), and such files are not trusted.
"""

from __future__ import annotations

import io
import tomllib
from typing import Any, Iterator

import orjson
import zstandard

from thresher.io.store import Store
from thresher.run.layout import OutputLayout


class NotAnOutput(ValueError):
    """The folder holds no thresher job."""


class JobOutput:
    def __init__(self, url: str, storage_options: dict[str, Any] | None = None) -> None:
        self.store = Store(str(url), storage_options or {})
        self.url = self.store.url
        self._options: dict | None = None

    # -- what the job was ---------------------------------------------------------------------
    def is_job(self) -> bool:
        return self.store.exists(OutputLayout.job)

    def require_job(self) -> "JobOutput":
        if not self.is_job():
            raise NotAnOutput(f"{self.url} is not a thresher output folder (no {OutputLayout.job})")
        return self

    def finished(self) -> bool:
        return self.store.exists(OutputLayout.stats)

    def stats(self) -> dict:
        return orjson.loads(self.store.read_bytes(OutputLayout.stats))

    def config_text(self) -> str:
        return self.store.read_bytes(OutputLayout.config).decode("utf-8") if self.store.exists(OutputLayout.config) else ""

    def config(self) -> dict:
        text = self.config_text()
        return tomllib.loads(text) if text else {}

    def output_options(self) -> dict:
        if self._options is None:
            try:
                self._options = {"format": "jsonl", "id_field": "id", "text_field": "text", **self.config().get("output", {})}
            except tomllib.TOMLDecodeError:
                self._options = {"format": "jsonl", "id_field": "id", "text_field": "text"}
        return self._options

    @property
    def layout(self) -> OutputLayout:
        fmt = self.output_options()["format"]
        return OutputLayout(self.store, ".jsonl.zst" if fmt == "jsonl" else ".parquet")

    def stage_store(self, stage: str) -> Store:
        return self.store.sub(OutputLayout.stage(stage))

    # -- records ------------------------------------------------------------------------------
    def _jsonl(self, rel: str) -> Iterator[dict]:
        with self.store.open(rel) as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            for line in io.BufferedReader(z):  # type: ignore[arg-type]
                yield orjson.loads(line)

    def _records(self, kind: str) -> Iterator[dict]:
        for rel in self.layout.marked_files(kind):
            if rel.endswith(".parquet"):
                import pyarrow.parquet as pq

                with self.store.open(rel) as f:
                    for batch in pq.ParquetFile(f).iter_batches(batch_size=1024):
                        yield from batch.to_pylist()
            else:
                yield from self._jsonl(rel)

    def traces(self) -> Iterator[dict]:
        """Trace records (original text, edits, verdict) of every changed or dropped document."""
        return self._records("trace")

    def kept(self) -> Iterator[dict]:
        return self._records("kept")

    def rejected(self) -> Iterator[dict]:
        return self._records("rejected")

    def find_trace(self, doc_id: str) -> dict | None:
        for rec in self.traces():
            if str(rec.get("id")) == doc_id:
                return rec
        return None

    def find_kept(self, doc_id: str) -> dict | None:
        id_field = self.output_options()["id_field"]
        for rec in self.kept():
            if str(rec.get(id_field)) == doc_id:
                return rec
        return None

    def given_id(self, doc_id: str) -> list[dict]:
        """Kept and rejected records renamed because an earlier document had the id ``doc_id``
        (their ``metadata.given_id``): none unless the job's stats count duplicate ids."""
        try:
            if not self.finished() or not self.stats().get("duplicate_ids"):
                return []
        except (OSError, ValueError):
            return []
        found = []
        for rec in (*self.kept(), *self.rejected()):
            meta = rec.get("metadata")
            if isinstance(meta, str):  # Parquet output keeps nested values as JSON
                meta = orjson.loads(meta)
            if isinstance(meta, dict) and str(meta.get("given_id")) == doc_id:
                found.append(rec)
        return found

    def write(self, rel: str, data: bytes) -> str:
        """Write a file into the folder (the report), whole; its full URL."""
        self.store.write_bytes(rel, data)
        return self.store.full_url(rel)
