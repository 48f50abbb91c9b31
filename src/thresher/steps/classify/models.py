"""Loading a user's quality model and scoring texts with it: fastText files and Hugging Face folders.

* fastText (``.bin`` / ``.ftz``, as DCLM, dolma and NeMo Curator ship their quality classifiers) runs
  on ``fasttext-predict``, the runtime the ``lang`` step already uses. It predicts one line: newlines
  become spaces first (DCLM's preprocessing).
* A Hugging Face sequence-classification model saved in a local folder (``config.json``, weights,
  tokenizer files: what ``save_pretrained`` writes; FineWeb-Edu's classifier is one) runs on CPU torch
  and transformers, the optional extra ``thresher[models]``. A model with one output
  (``num_labels = 1``, a regression head like FineWeb-Edu's 0-5 educational score) gives its raw
  output as the score; a classifier gives the softmax probability of each label (``id2label``).

Nothing is downloaded: a path that is not a local file or folder is refused, and transformers is
told to use local files only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, Sequence

from thresher.steps.classify.fasttext_train import LABEL_PREFIX, one_line

#: The output name of a model with one output (a regression head): it has a score, not labels.
REGRESSION = "score"


class ModelLoadError(ValueError):
    pass


class Scorer(Protocol):
    #: Label names (fastText's without ``__label__``); ``[REGRESSION]`` for a one-output model.
    labels: list[str]

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text: label -> probability (or ``{REGRESSION: value}``)."""
        ...


def detect_kind(path: Path) -> str:
    if path.is_dir():
        return "hf"
    if path.is_file():
        return "fasttext"
    raise ModelLoadError(f"classify: model {str(path)!r} not found (a fastText .bin/.ftz file or a local Hugging Face model folder)")


def load_scorer(path: str | Path, kind: str = "auto", max_chars: int = 20_000, max_tokens: int = 512, batch_size: int = 16) -> Scorer:
    p = Path(path).expanduser()
    kind = detect_kind(p) if kind == "auto" else kind
    if kind == "fasttext":
        if not p.is_file():
            raise ModelLoadError(f"classify: fastText model file {str(p)!r} not found")
        return FastTextScorer(p, max_chars)
    if kind == "hf":
        if not p.is_dir():
            raise ModelLoadError(f"classify: Hugging Face model folder {str(p)!r} not found")
        return HfScorer(p, max_chars, max_tokens, batch_size)
    raise ModelLoadError(f"classify: unknown kind {kind!r}; known: auto, fasttext, hf")


class FastTextScorer:
    def __init__(self, path: Path, max_chars: int) -> None:
        import fasttext  # the fasttext-predict wheel

        try:
            self._ft = fasttext.load_model(str(path))
        except Exception as exc:  # fastText raises ValueError / RuntimeError with a terse message
            raise ModelLoadError(f"classify: {path} is not a fastText model: {exc}") from exc
        self.max_chars = max_chars
        try:
            labels, _ = self._ft.predict("", k=-1)  # every label, whatever the text
        except Exception as exc:
            raise ModelLoadError(f"classify: {path} is not a supervised fastText model: {exc}") from exc
        self.labels = [lab.removeprefix(LABEL_PREFIX) for lab in labels]

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        out = []
        for text in texts:
            # one call per text: fasttext-predict's list form (multilinePredict) is broken
            labels, probs = self._ft.predict(one_line(text[: self.max_chars]), k=-1)
            out.append({lab.removeprefix(LABEL_PREFIX): min(max(float(p), 0.0), 1.0) for lab, p in zip(labels, probs)})
        return out


class HfScorer:
    def __init__(self, folder: Path, max_chars: int, max_tokens: int, batch_size: int) -> None:
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:
            raise ModelLoadError(
                f"classify: Hugging Face models need torch and transformers: pip install 'thresher[models]' ({exc})"
            ) from exc
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a bar per worker per load, on stderr, says nothing useful
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(str(folder), local_files_only=True)
        except Exception as exc:
            raise ModelLoadError(f"classify: cannot load a sequence-classification model from {folder}: {exc}") from exc
        self.model.eval()
        self._torch = torch
        self.max_chars = max_chars
        self.max_tokens = max_tokens
        self.batch_size = max(1, batch_size)
        n = int(self.model.config.num_labels)
        id2label: dict[Any, str] = dict(self.model.config.id2label or {})
        self.labels = [REGRESSION] if n == 1 else [str(id2label.get(i, f"LABEL_{i}")) for i in range(n)]

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        torch = self._torch
        results: list[dict[str, float]] = [{} for _ in texts]
        # longest first within the batch: sub-batches of like lengths pad less
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                enc = self.tokenizer(
                    [texts[i][: self.max_chars] for i in idx],
                    truncation=True, max_length=self.max_tokens, padding=True, return_tensors="pt",
                )
                logits = self.model(**enc).logits.float()
                if self.labels == [REGRESSION]:
                    rows = [{REGRESSION: float(v)} for v in logits[:, 0].tolist()]
                else:
                    probs = torch.softmax(logits, dim=-1).tolist()
                    rows = [dict(zip(self.labels, map(float, p))) for p in probs]
                for i, row in zip(idx, rows):
                    results[i] = row
        return results
