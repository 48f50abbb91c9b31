"""Pipeline.run moves documents through the steps in batches: the output must be exactly what
running each document through the steps on its own gives, in the same order."""

from thresher.document import Document
from thresher.pipeline import batches, default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.quality.view import view_for
from thresher.synth.demo import demo_pages


def _outcome(doc: Document) -> tuple:
    return (doc.id, doc.text, [e.to_list() for e in doc.edits], doc.verdict.to_dict(), doc.metadata)


def test_batched_run_equals_one_document_at_a_time():
    pages = demo_pages(150, seed=3)  # articles with defects, copies, low-quality pages
    pipe = default_pipeline()
    batched = list(pipe.run([Document(p.id, p.text) for p in pages], ShardContext()))
    alone = []
    for p in pages:
        alone += list(pipe.run([Document(p.id, p.text)], ShardContext()))
    assert [d.id for d in batched] == [p.id for p in pages]
    assert any(not d.kept for d in batched) and any(d.edits for d in batched)
    assert list(map(_outcome, batched)) == list(map(_outcome, alone))


def test_batches_are_bounded_and_keep_order():
    docs = [Document(str(i), "x" * n) for i, n in enumerate([10, 10, 500, 10, 10, 10, 10])]
    got = list(batches(docs, max_docs=3, max_chars=100))
    assert [[d.id for d in b] for b in got] == [["0", "1"], ["2"], ["3", "4", "5"], ["6"]]
    assert list(batches([], max_docs=3, max_chars=100)) == []


def test_views_of_a_whole_batch_stay_shared():
    ctx = ShardContext()
    docs = [Document(str(i), f"Page {i} says something.") for i in range(64)]
    first = [view_for(d, ctx) for d in docs]
    assert all(view_for(d, ctx) is v for d, v in zip(docs, first))
    assert view_for(Document("x", "Another page."), ctx) is not None
    assert view_for(docs[0], ctx) is not first[0]  # the oldest made room: bounded
