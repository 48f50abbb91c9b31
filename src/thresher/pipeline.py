"""A pipeline is a list of steps. This module is the one place where config and objects meet.

Python objects are the source of truth. A TOML file names steps by short names through the
explicit table below (no registry that modules add themselves to), with each step's fields as
its options::

    [[step]]
    name = "boilerplate"
    max_removed_share = 0.4

The resolved config (every field, defaults included) is written beside a job's outputs.
"""

from __future__ import annotations

import dataclasses
import importlib
import tomllib
from pathlib import Path
from typing import Any, Iterable, Iterator

from thresher.document import Document
from thresher.steps.base import ShardContext, Step

# Short name -> "module:Class". Lazy, so a pipeline that does not use a step never imports it.
STEPS: dict[str, str] = {
    "guard": "thresher.steps.guard:Guard",
    "extract": "thresher.steps.extract.step:ExtractHtml",
    "unicode": "thresher.steps.repair.unicode:UnicodeRepair",
    "unwrap": "thresher.steps.repair.unwrap:Unwrap",
    "repeats": "thresher.steps.repair.repeats:RepeatedBlocks",
    "boilerplate": "thresher.steps.boilerplate.step:Boilerplate",
    "lang": "thresher.steps.lang.step:LanguageId",
    "gopher_repetition": "thresher.steps.quality.gopher:GopherRepetition",
    "gopher_quality": "thresher.steps.quality.gopher:GopherQuality",
    "c4": "thresher.steps.quality.c4:C4Rules",
    "fineweb": "thresher.steps.quality.fineweb:FineWebQuality",
    "pii": "thresher.steps.pii.step:PiiRedact",
}

# Corpus-wide stages (they need every document: see thresher.run.corpus.CorpusStage).
CORPUS_STAGES: dict[str, str] = {
    "repeated_lines": "thresher.steps.dedup.lines:RepeatedLines",
    "exact_dedup": "thresher.steps.dedup.exact:ExactDedup",
    "near_dedup": "thresher.steps.dedup.near:NearDedup",
}

DEFAULT_CONFIG = Path(__file__).with_name("default_pipeline.toml")


def step_class(name: str) -> type[Step]:
    try:
        target = STEPS[name]
    except KeyError:
        raise ValueError(f"unknown step {name!r}; known steps: {', '.join(sorted(STEPS))}") from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)


def build_step(name: str, options: dict[str, Any] | None = None) -> Step:
    cls = step_class(name)
    options = dict(options or {})
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(options) - known
    if unknown:
        raise ValueError(f"step {name!r} has no option(s) {', '.join(sorted(unknown))}; it has: {', '.join(sorted(known)) or 'none'}")
    return cls(**options)


@dataclasses.dataclass
class Pipeline:
    steps: list[Step]

    def run(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        for step in self.steps:
            docs = step.run(docs, ctx)
        return iter(docs)

    def to_config(self) -> list[dict[str, Any]]:
        return [{"name": s.name, **s.to_config()} for s in self.steps]

    @classmethod
    def from_config(cls, steps: list[dict[str, Any]]) -> "Pipeline":
        built = []
        for entry in steps:
            entry = dict(entry)
            name = entry.pop("name", None)
            if not name:
                raise ValueError(f"a [[step]] entry has no name: {entry}")
            if entry.pop("enabled", True):
                built.append(build_step(name, entry))
        return cls(built)


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """Read a pipeline TOML (the packaged default when ``path`` is None)."""
    p = Path(path) if path else DEFAULT_CONFIG
    try:
        with open(p, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ValueError(f"config file not found: {p}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"config file {p} is not valid TOML: {exc}") from None


def default_pipeline() -> Pipeline:
    return Pipeline.from_config(load_config()["step"])
