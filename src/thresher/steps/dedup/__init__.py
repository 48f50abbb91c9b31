"""Corpus-wide deduplication: exact, near-duplicate (MinHash LSH + containment), repeated lines.

Each stage is a :class:`thresher.steps.corpus.CorpusStage`; they hand off through files under the
job's stage folder and group on disk with DuckDB, so memory does not grow with the corpus.
"""
