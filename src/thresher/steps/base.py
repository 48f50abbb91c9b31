"""The step contract.

``Step.run(docs, ctx)`` takes and yields documents. Leaf steps write one small method:

* an :class:`Editor` writes ``edit(doc) -> list[Edit]`` (against the document's current text);
* a :class:`Filter` writes ``score(doc) -> dict`` (signals) and ``keep(signals) -> str | None``
  (``None`` keeps, a string is the drop reason code).

Documents already dropped pass through untouched, so they reach the rejected sink. A document
that makes a step raise is dropped with reason ``error:<ExceptionType>``; the run goes on.
Steps are dataclasses: their fields are their configuration, so ``to_config`` and the TOML
loader in :mod:`thresher.pipeline` need nothing else.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any, ClassVar, Iterable, Iterator

from thresher.document import Document, Edit
from thresher.stats import Stats


#: A pipeline runs documents through its steps in batches of at most this many documents and
#: about this many characters (thresher.pipeline.batches); caches in ``ShardContext.scratch``
#: hold at least a batch's worth, so each step of a batch finds what the previous one left.
BATCH_DOCS = 64
BATCH_CHARS = 1_000_000


@dataclasses.dataclass
class ShardContext:
    """What a step may know about the shard it runs in, and where it reports."""

    shard: str = "shard-00000"
    stats: Stats = dataclasses.field(default_factory=Stats)
    #: Work that neighbouring steps share within a shard (say, one tokenisation of a page for all
    #: quality rule sets), keyed by the owner's name. It lives and dies with the shard; an owner
    #: bounds what it keeps (a batch's worth, see BATCH_DOCS).
    scratch: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Step:
    name: ClassVar[str] = "step"

    def run(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        if isinstance(docs, list):  # a pipeline batch: processed whole, timed once
            t0 = time.perf_counter()
            for doc in docs:
                if doc.kept:
                    self._process_guarded(doc, ctx)
            ctx.stats.add_time(self.name, time.perf_counter() - t0)
            return iter(docs)
        return self._stream(docs, ctx)

    def _stream(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        for doc in docs:
            if doc.kept:
                t0 = time.perf_counter()
                self._process_guarded(doc, ctx)
                ctx.stats.add_time(self.name, time.perf_counter() - t0)
            yield doc

    def _process_guarded(self, doc: Document, ctx: ShardContext) -> None:
        try:
            self.process(doc, ctx)
        except Exception as exc:  # one bad document must never take the shard down
            doc.drop(self.name, f"error:{type(exc).__name__}", str(exc)[:500])
        if not doc.kept and doc.verdict.step == self.name:
            ctx.stats.dropped(doc.verdict.reason or "unknown")

    def process(self, doc: Document, ctx: ShardContext) -> None:
        raise NotImplementedError

    def setup(self) -> None:
        """Do now the one-time work of a first document (loading a model, compiling kernels). Every
        executor calls it once per worker before the worker's first shard; the local pool calls it
        in the parent before forking too, so workers inherit the result instead of each doing it."""

    def to_config(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Editor(Step):
    """A step that changes text. Each edit carries its rule name; stats count characters per rule."""

    def process(self, doc: Document, ctx: ShardContext) -> None:
        self.apply_edits(doc, self.edit(doc), ctx)

    @staticmethod
    def apply_edits(doc: Document, edits: list[Edit], ctx: ShardContext) -> None:
        """Apply ``edits`` to ``doc`` and count each one's characters under its rule. An editor
        that overrides :meth:`process` (to also set metadata, say) calls this to stay counted."""
        if edits:
            doc.apply(edits)
            for e in edits:
                ctx.stats.edited(e.rule, (e.end - e.start) - len(e.replacement))

    def edit(self, doc: Document) -> list[Edit]:
        raise NotImplementedError


@dataclasses.dataclass
class Filter(Step):
    """A step that judges. Signals are stored under ``metadata["signals"]``."""

    def process(self, doc: Document, ctx: ShardContext) -> None:
        signals = self.score(doc)
        if signals:
            doc.metadata.setdefault("signals", {}).update(signals)
        reason = self.keep(signals)
        if reason is not None:
            doc.drop(self.name, reason)

    def score(self, doc: Document) -> dict[str, Any]:
        raise NotImplementedError

    def keep(self, signals: dict[str, Any]) -> str | None:
        raise NotImplementedError
