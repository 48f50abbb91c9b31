"""thresher: turn raw web-crawled pages into clean, unique, trustworthy text.

From Python (see the README's "From Python")::

    import thresher
    for rec in thresher.records([{"id": "a", "text": "..."}]):   # the default pipeline's steps
        ...
    result = thresher.clean("crawl/", "out/")                     # a whole job, dedup included

The names below are imported on first use, so ``import thresher`` (and ``thresher --help``) stays
quick: nothing heavy is loaded until you touch it.
"""

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "build_pipeline": "thresher.api",
    "documents": "thresher.api",
    "records": "thresher.api",
    "clean": "thresher.api",
    "CleanResult": "thresher.api",
    "Pipeline": "thresher.pipeline",
    "Document": "thresher.document",
    "Edit": "thresher.document",
    "Verdict": "thresher.document",
    "Stats": "thresher.stats",
    "Step": "thresher.steps.base",
    "Editor": "thresher.steps.base",
    "Filter": "thresher.steps.base",
    "CorpusStage": "thresher.steps.corpus",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'thresher' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
