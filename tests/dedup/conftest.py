"""A small stand-in for a job's stage context (thresher.steps.corpus.StageContext), over in-memory shards."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest

from thresher.document import Document
from thresher.io.store import Store
from thresher.run.executors import LocalPool
from thresher.run.job import apply_stage
from thresher.stats import Stats


def doc(id: str, text: str, **metadata: Any) -> Document:
    return Document(id=id, original=text, metadata=dict(metadata))


@dataclasses.dataclass
class FakeJob:
    """thresher.steps.corpus.StageContext over in-memory shard states, run on the local pool."""

    root: Path
    shard_states: dict[str, list[dict]]
    stages: list
    workers: int = 1

    @property
    def shards(self) -> list[str]:
        return list(self.shard_states)

    @property
    def threads(self) -> int:
        return self.workers

    def work_dir(self, stage: str) -> Path:
        d = self.root / "_work" / stage
        d.mkdir(parents=True, exist_ok=True)
        return d

    def store(self, stage: str) -> Store:
        return Store(str(self.work_dir(stage)))

    def docs(self, shard: str, upto=None) -> Iterator[Document]:
        docs: Iterable[Document] = (Document.from_state(s) for s in self.shard_states[shard])
        for stage in self.stages:
            if stage.name == upto:
                break
            docs = apply_stage(stage, docs, shard, self, Stats())
        return iter(docs)

    def map(self, fn: Callable, items: list, on_done=None) -> list:
        return LocalPool(self.workers).map(fn, self, items, on_done)

    def run(self) -> dict[str, Document]:
        """prepare every stage, then chain the applies: every document by id."""
        for stage in self.stages:
            stage.prepare(self)
        out: dict[str, Document] = {}
        for shard in self.shards:
            docs: Iterable[Document] = (Document.from_state(s) for s in self.shard_states[shard])
            for stage in self.stages:
                docs = apply_stage(stage, docs, shard, self, Stats())
            for d in docs:
                out[d.id] = d
        return out


@pytest.fixture
def make_job(tmp_path):
    counter = {"n": 0}

    def make(shards: dict[str, list[Document]], stages: list, workers: int = 1, root: Path | None = None) -> FakeJob:
        counter["n"] += 1
        states = {name: [d.to_state() for d in docs] for name, docs in shards.items()}
        return FakeJob(root or tmp_path / f"job{counter['n']}", states, stages, workers)

    return make
