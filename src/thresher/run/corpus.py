"""Corpus-wide stages: work that needs every document (deduplication, lines repeated across pages).

A job first runs the per-document pipeline over every shard and keeps each document's full state
(``Document.to_state``) under ``WORK/docs/<shard>.jsonl.zst``. Then, in order, each corpus stage:

1. ``prepare(job)`` reads documents through ``job.iter_docs(shard, upto=self)`` (which already
   applies the stages before it), writes whatever it needs under ``job.stage_dir(self)`` and is
   resumable: files it finished are written atomically and skipped on re-run. Memory must not
   grow with the corpus: group on disk (DuckDB, sorted files), never in one dict of the corpus.
2. At the end, for every shard, ``apply(docs, shard, job)`` is chained over the documents of each
   stage in order, and the results are written as the job's final kept/rejected output.

Stages drop documents with ``doc.drop(stage.name, reason, detail)`` and change text only through
``doc.apply([Edit(...)])`` with a rule name, like any step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document
    from thresher.run.job import Job


@dataclass
class CorpusStage:
    name: ClassVar[str] = "corpus_stage"

    def prepare(self, job: "Job") -> None:
        raise NotImplementedError

    def apply(self, docs: Iterable["Document"], shard: str, job: "Job") -> Iterator["Document"]:
        raise NotImplementedError

    def to_config(self) -> dict[str, Any]:
        import dataclasses

        return dataclasses.asdict(self)
