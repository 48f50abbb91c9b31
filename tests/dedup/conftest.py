"""A small stand-in for thresher.run.job.Job with the corpus-stage contract, over in-memory shards."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest

from thresher.document import Document
from thresher.run.local import run_map


def doc(id: str, text: str, **metadata: Any) -> Document:
    return Document(id=id, original=text, metadata=dict(metadata))


@dataclasses.dataclass
class FakeJob:
    root: Path
    shard_states: dict[str, list[dict]]
    stages: list
    workers: int = 1

    @property
    def shards(self) -> list[str]:
        return list(self.shard_states)

    @property
    def work_dir(self) -> Path:
        return self.root / "_work"

    def stage_dir(self, stage) -> Path:
        d = self.work_dir / (stage if isinstance(stage, str) else stage.name)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def iter_docs(self, shard: str, upto=None) -> Iterator[Document]:
        upto_name = upto if isinstance(upto, str) or upto is None else upto.name
        docs: Iterable[Document] = (Document.from_state(s) for s in self.shard_states[shard])
        for stage in self.stages:
            if stage.name == upto_name:
                break
            docs = stage.apply(docs, shard, self)
        return iter(docs)

    def map(self, fn: Callable, items: list, on_done=None) -> list:
        return run_map(fn, items, self.workers, on_done)

    def run(self) -> dict[str, Document]:
        """prepare every stage, then chain the applies: every document by id."""
        for stage in self.stages:
            stage.prepare(self)
        out: dict[str, Document] = {}
        for shard in self.shards:
            docs: Iterable[Document] = (Document.from_state(s) for s in self.shard_states[shard])
            for stage in self.stages:
                docs = stage.apply(docs, shard, self)
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
