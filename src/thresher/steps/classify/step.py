"""Model quality scores: score each document with a model the user points at; optionally filter.

``model`` is a fastText ``.bin``/``.ftz`` file or a local Hugging Face sequence-classification folder
(see :mod:`thresher.steps.classify.models`). The score goes to ``metadata["signals"][<signal>]``,
``<signal>`` being the model's name (its file or folder name without extension, or ``signal``);
a classifier's top label goes to ``signals["<signal>.label"]``. The score is

* for a one-output model (regression, FineWeb-Edu style): the model's output;
* for a classifier: the probability of ``label`` (``"hq"`` or ``"__label__hq"`` for fastText, an
  ``id2label`` name for Hugging Face), or, with no ``label``, the top label's probability.

``quality_score = true`` (the default) also writes it to ``metadata["quality_score"]``, which the
dedup stages' survivor rule reads (the best-scored copy of a duplicate group survives).

``min_score`` turns the step into a filter: a document scoring below it is dropped with reason
``classify:<signal>:low_score``. A classifier needs a ``label`` then (the top label's probability is
no quality score). Documents go to the model in batches (``batch_size``; the pipeline's batches of
up to 64 documents are split further).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from thresher.document import Document
from thresher.steps.base import BATCH_DOCS, ShardContext, Step
from thresher.steps.classify.fasttext_train import LABEL_PREFIX
from thresher.steps.classify.models import REGRESSION, ModelLoadError, Scorer, load_scorer


@dataclass
class Classify(Step):
    name = "classify"
    #: A fastText .bin/.ftz file or a local Hugging Face model folder.
    model: str = ""
    #: "auto" (a file: fastText, a folder: Hugging Face), "fasttext" or "hf".
    kind: str = "auto"
    #: The name the score is stored under in metadata["signals"]; default: the model's file or folder name.
    signal: str = ""
    #: Which label's probability is the score (classifiers). Empty: the top label's.
    label: str = ""
    #: Drop documents scoring below this (false: keep all, only score).
    min_score: float | None = None
    #: Also write the score to metadata["quality_score"] (what the dedup survivor rule reads).
    quality_score: bool = True
    #: Characters of the text the model reads (from the start).
    max_chars: int = 20_000
    #: Hugging Face models: tokens per document (the rest is truncated).
    max_tokens: int = 512
    #: Documents per model call (Hugging Face models).
    batch_size: int = 16
    #: torch threads per worker (Hugging Face models); 0 leaves torch's default.
    threads: int = 1

    def __post_init__(self) -> None:
        if not self.model:
            raise ValueError("classify: set model (a fastText .bin/.ftz file or a Hugging Face model folder)")
        if self.kind not in ("auto", "fasttext", "hf"):
            raise ValueError(f"classify: kind must be auto, fasttext or hf, not {self.kind!r}")
        if self.min_score is False:
            self.min_score = None
        if int(self.batch_size) < 1 or int(self.max_chars) < 1 or int(self.max_tokens) < 1:
            raise ValueError("classify: batch_size, max_chars and max_tokens must be positive")
        self.signal = self.signal or _model_name(self.model)
        self._label = self.label.removeprefix(LABEL_PREFIX)
        self._reason = f"classify:{self.signal}:low_score"
        self._scorer: Scorer | None = None

    def to_config(self) -> dict[str, Any]:
        config = super().to_config()
        config["min_score"] = False if self.min_score is None else self.min_score  # TOML has no null
        return config

    # The loaded model stays out of pickles (process pools) and is loaded again where it runs.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_scorer"] = None
        return state

    def setup(self) -> None:
        """Load the model (per worker): a wrong path or file fails here, before any document."""
        self.scorer  # noqa: B018 - loading is the point

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            if self.threads > 0 and self.kind != "fasttext" and Path(self.model).is_dir():
                import torch

                torch.set_num_threads(int(self.threads))
            scorer = load_scorer(self.model, self.kind, self.max_chars, self.max_tokens, self.batch_size)
            if self._label and self._label not in scorer.labels:
                raise ModelLoadError(f"classify: model {self.model} has no label {self.label!r}; its labels: {', '.join(scorer.labels)}")
            if self.min_score is not None and not self._label and scorer.labels != [REGRESSION]:
                raise ModelLoadError(
                    f"classify: min_score needs a label for the classifier {self.model} (labels: {', '.join(scorer.labels)})"
                )
            self._scorer = scorer
        return self._scorer

    def run(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        if isinstance(docs, list):
            self._score_batch(docs, ctx)
            return iter(docs)
        return self._stream_batches(docs, ctx)

    def _stream_batches(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= BATCH_DOCS:
                self._score_batch(batch, ctx)
                yield from batch
                batch = []
        if batch:
            self._score_batch(batch, ctx)
            yield from batch

    def _score_batch(self, docs: list[Document], ctx: ShardContext) -> None:
        t0 = time.perf_counter()
        todo = [d for d in docs if d.kept]
        if todo:
            scorer = self.scorer  # a model that cannot load fails the run: every document would fail
            try:
                outputs = scorer.predict([d.text for d in todo])
            except Exception:
                # one document broke the batch: score one by one so only that one is dropped
                for doc in todo:
                    self._process_guarded(doc, ctx)
            else:
                for doc, out in zip(todo, outputs):
                    self._mark(doc, out)
                    if not doc.kept:
                        ctx.stats.dropped(self._reason)
        ctx.stats.add_time(self.name, time.perf_counter() - t0)

    def process(self, doc: Document, ctx: ShardContext) -> None:
        self._mark(doc, self.scorer.predict([doc.text])[0])  # _process_guarded counts a drop

    def _mark(self, doc: Document, out: dict[str, float]) -> None:
        signals = doc.metadata.setdefault("signals", {})
        if REGRESSION in out and len(out) == 1:
            score = out[REGRESSION]
        else:
            top = max(out, key=out.__getitem__) if out else ""
            signals[f"{self.signal}.label"] = top
            score = out.get(self._label, 0.0) if self._label else out.get(top, 0.0)
        value = float(score)
        score = round(value, 6)  # stored: six decimals say all a threshold needs
        signals[self.signal] = score
        if self.quality_score:
            doc.metadata["quality_score"] = score
        if self.min_score is not None and value < self.min_score:
            doc.drop(self.name, self._reason, f"{self.signal} {score:.4f} < min_score {self.min_score}")


def _model_name(model: str) -> str:
    p = Path(model.rstrip("/\\"))
    name = p.name
    for ext in (".bin", ".ftz"):
        name = name.removesuffix(ext)
    return name or "model"
