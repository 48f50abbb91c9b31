"""Token counts: how many tokens each document is for the tokenizer a model will be trained with.

``tokenizer`` is a Hugging Face ``tokenizer.json`` (what ``tokenizers.Tokenizer.save`` and
``PreTrainedTokenizerFast.save_pretrained`` write; a folder holding one works too), read with the
``tokenizers`` library, locally: nothing is downloaded. Writes ``metadata["token_count"]``; the
shard's stats add them up (``tokens_counted``; ``tokens_kept`` for the documents that reach
``kept/``), and the run's summary shows both. Special tokens (BOS/EOS) are not counted unless
``add_special_tokens``. Put it last among the steps: it counts the text as they leave it (a corpus
stage that later removes lines, ``repeated_lines``, makes the count a little high for that page).
Documents are encoded in batches (``encode_batch``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from thresher.document import Document
from thresher.steps.base import ShardContext, Step


def load_tokenizer(path: str | Path) -> Any:
    """A ``tokenizers.Tokenizer`` from a tokenizer.json file, or a folder holding one."""
    p = Path(path).expanduser()
    if p.is_dir():
        p = p / "tokenizer.json"
    if not p.is_file():
        raise ValueError(f"tokens: tokenizer file {str(p)!r} not found (a Hugging Face tokenizer.json)")
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ValueError(f"tokens: the tokens step needs the tokenizers package: pip install 'thresher[models]' ({exc})") from exc
    try:
        return Tokenizer.from_file(str(p))
    except Exception as exc:
        raise ValueError(f"tokens: {p} is not a tokenizer.json: {exc}") from exc


@dataclass
class TokenCount(Step):
    name = "tokens"
    #: A Hugging Face tokenizer.json (or the folder holding it).
    tokenizer: str = ""
    #: Count the special tokens the tokenizer adds around a text (BOS/EOS).
    add_special_tokens: bool = False

    def __post_init__(self) -> None:
        if not self.tokenizer:
            raise ValueError("tokens: set tokenizer (the path of a Hugging Face tokenizer.json)")
        self._tok: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_tok"] = None  # loaded again in each worker
        return state

    def setup(self) -> None:
        self.tok  # noqa: B018 - loading is the point

    @property
    def tok(self) -> Any:
        if self._tok is None:
            self._tok = load_tokenizer(self.tokenizer)
        return self._tok

    def count(self, texts: list[str]) -> list[int]:
        return [len(e.ids) for e in self.tok.encode_batch(texts, add_special_tokens=self.add_special_tokens)]

    def run(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        if not isinstance(docs, list):
            return super().run(docs, ctx)  # one at a time through process()
        t0 = time.perf_counter()
        todo = [d for d in docs if d.kept]
        if todo:
            self.setup()  # a tokenizer that cannot load fails the run, not every document
            try:
                counts = self.count([d.text for d in todo])
            except Exception:
                for doc in todo:  # only the document that breaks the tokenizer is dropped
                    self._process_guarded(doc, ctx)
            else:
                for doc, n in zip(todo, counts):
                    self._mark(doc, n, ctx)
        ctx.stats.add_time(self.name, time.perf_counter() - t0)
        return iter(docs)

    def process(self, doc: Document, ctx: ShardContext) -> None:
        self._mark(doc, self.count([doc.text])[0], ctx)

    @staticmethod
    def _mark(doc: Document, n: int, ctx: ShardContext) -> None:
        doc.metadata["token_count"] = n
        ctx.stats.tokens_counted += n
