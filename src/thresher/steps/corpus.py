"""Corpus-wide stages: work that needs every document (deduplication, lines repeated across pages,
decontamination), and the small context they run in.

A job first runs the per-document pipeline over every shard. Then, in order, each stage:

1. ``prepare(ctx)`` reads documents through ``ctx.docs(shard, upto=self.name)`` (which already applies
   the stages before it), writes what it needs under ``ctx.work_dir(self.name)`` (or, for files a
   resumed run on another machine needs, ``ctx.store(self.name)``), and is resumable: files it finished
   are written whole and skipped on re-run. Work over shards or partitions goes through
   ``ctx.map(fn, items)``, which runs ``fn(ctx, item)`` wherever the job's executor runs tasks (``fn``
   a module-level function, ``items`` small). Memory must not grow with the corpus: group on disk
   or by partition, never in one dict of the corpus.
2. At the end, for every shard, ``load(shard, ctx)`` reads what the stage decided for that shard, and
   ``apply(doc, row, loaded)`` marks one document (``row`` is its place in the shard's stream). The
   runner calls it under the same per-document guard as a step's (an exception drops that document
   with reason ``error:<Type>``) and counts its edits and drops.
3. A stage whose ``can_act(kept_docs)`` says it could change nothing in so few documents (two are
   needed for a duplicate) is left out of the job's run altogether.

Stages drop documents with ``doc.drop(stage.name, reason, detail)`` and change text only through
``doc.apply([Edit(...)])`` with a rule name, like any step. A stage sees this module's
:class:`StageContext`, never the runner's classes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, Protocol, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document
    from thresher.io.store import Store


class StageContext(Protocol):
    """What a corpus stage may know about the job it runs in."""

    #: Every shard of the job, in job order (a stage's per-shard files are named by these).
    shards: Sequence[str]
    #: Threads one task may use (DuckDB, pyarrow).
    threads: int

    def work_dir(self, stage: str) -> Path:
        """A local folder for the stage's hand-off files. On a local job it is inside the output
        folder (kept for resume); on a remote one it is local scratch."""
        ...

    def store(self, stage: str) -> "Store":
        """The stage's folder on the job's own storage (durable on object storage too)."""
        ...

    def docs(self, shard: str, upto: str | None = None) -> Iterator["Document"]:
        """A shard's documents as the pipeline left them, through the corpus stages before ``upto``."""
        ...

    def map(self, fn: Callable[[Any, Any], Any], items: list, on_done: Callable[[Any], None] | None = None) -> list:
        """``fn(ctx, item)`` for every item on the job's executor; results in item order."""
        ...


@dataclasses.dataclass
class CorpusStage:
    name: ClassVar[str] = "corpus_stage"
    #: Whether ``apply`` also sees the documents dropped before it (only kept ones by default).
    sees_dropped: ClassVar[bool] = False
    #: For a stage that groups documents into clusters: the metadata fields of a document's
    #: cluster size and of its cluster's survivor (the report counts each cluster once).
    CLUSTER_KEYS: ClassVar[tuple[str, str] | None] = None

    def prepare(self, ctx: StageContext) -> None:
        raise NotImplementedError

    def load(self, shard: str, ctx: StageContext) -> Any:
        """What :meth:`apply` needs for one shard (its rows of the stage's decisions, say)."""
        raise NotImplementedError

    def apply(self, doc: "Document", row: int, loaded: Any) -> None:
        """Mark, edit or drop one document; ``row`` is its place in the shard's document stream."""
        raise NotImplementedError

    def shown_ids(self, ctx: StageContext) -> list[str]:
        """Ids of documents the report shows whole, in pairs (a removed duplicate, then the document
        it was removed for), once :meth:`prepare` has run; the job keeps them as it writes."""
        return []

    def setup(self) -> None:
        """Per-worker one-time work, as :meth:`thresher.steps.base.Step.setup`."""

    def can_act(self, kept_docs: int, docs: int) -> bool:
        """Whether this stage could change anything in a corpus of ``docs`` documents of which
        ``kept_docs`` are kept (at most that many reach it). When it could not, the runner leaves
        it out: nothing is read, written or decided, and every document comes out as it would
        have. Cleaning one page then starts no DuckDB for duplicates it cannot have."""
        return True

    def to_config(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
