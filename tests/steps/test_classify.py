"""The `classify` step and `train-classifier`: models the tests train or build themselves, loaded
through the real loading code (fasttext-predict for fastText, transformers for Hugging Face)."""

from __future__ import annotations

import pickle
import random

import numpy as np
import orjson
import pytest
from hypothesis import given, settings, strategies as st

from thresher.cli import main
from thresher.document import Document
from thresher.pipeline import build_step
from thresher.steps.base import ShardContext
from thresher.steps.classify import fasttext_train as ft
from thresher.steps.classify.models import ModelLoadError
from thresher.steps.dedup.survivor import quality_of

GOOD = "the study found that students who read every day improve their vocabulary and comprehension".split()
BAD = "click here buy now cheap casino free bonus win money fast limited offer".split()


def texts(words: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(words, k=25)) + "\nsecond line " + rng.choice(words) for _ in range(n)]


@pytest.fixture(scope="module")
def fasttext_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("ft") / "edu_quality.bin"
    model = ft.train(texts(GOOD, 200, 1) + texts(BAD, 200, 2), ["hq"] * 200 + ["lq"] * 200, ft.TrainOptions(bucket=4000, dim=16))
    model.save(path)
    return path, model


def run(step, *docs_text: str) -> tuple[list[Document], ShardContext]:
    ctx = ShardContext()
    docs = [Document(f"d{i}", t) for i, t in enumerate(docs_text)]
    return list(step.run(docs, ctx)), ctx


def test_a_fasttext_model_scores_each_document_under_its_name_and_as_quality_score(fasttext_model):
    path, _ = fasttext_model
    step = build_step("classify", {"model": str(path), "label": "hq"})
    docs, _ = run(step, "students who read every day improve", "cheap casino bonus click here")
    good, bad = (d.metadata for d in docs)
    assert good["signals"]["edu_quality"] > 0.8 > 0.2 > bad["signals"]["edu_quality"]
    assert good["signals"]["edu_quality.label"] == "hq" and bad["signals"]["edu_quality.label"] == "lq"
    assert good["quality_score"] == good["signals"]["edu_quality"]
    # the dedup survivor rule's default quality_key reads what the step wrote
    assert quality_of(good, "quality_score") > quality_of(bad, "quality_score")
    assert all(d.kept for d in docs)


def test_min_score_with_a_label_drops_low_scores_with_a_named_reason(fasttext_model):
    path, _ = fasttext_model
    step = build_step("classify", {"model": str(path), "label": "__label__hq", "min_score": 0.5, "signal": "edu"})
    docs, ctx = run(step, "students who read every day improve", "cheap casino bonus click here", "free casino money")
    assert [d.kept for d in docs] == [True, False, False]
    assert docs[1].verdict.step == "classify" and docs[1].verdict.reason == "classify:edu:low_score"
    assert "< min_score 0.5" in docs[1].verdict.detail
    assert ctx.stats.dropped_by_reason == {"classify:edu:low_score": 2}


def test_min_score_on_a_classifier_without_a_label_is_refused_before_any_document(fasttext_model):
    path, _ = fasttext_model
    step = build_step("classify", {"model": str(path), "min_score": 0.5})
    with pytest.raises(ModelLoadError, match="needs a label"):
        step.setup()


def test_a_label_the_model_does_not_have_is_refused_with_the_labels_it_has(fasttext_model):
    path, _ = fasttext_model
    with pytest.raises(ModelLoadError, match="its labels: .*hq"):
        build_step("classify", {"model": str(path), "label": "good"}).setup()


def test_a_missing_or_broken_model_is_refused_with_its_path(tmp_path):
    with pytest.raises(ModelLoadError, match="not found"):
        build_step("classify", {"model": str(tmp_path / "nope.bin")}).setup()
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a model at all")
    with pytest.raises(ModelLoadError, match="junk.bin"):
        build_step("classify", {"model": str(junk)}).setup()


def test_the_step_pickles_without_its_model_and_scores_the_same_after(fasttext_model):
    path, _ = fasttext_model
    step = build_step("classify", {"model": str(path), "label": "hq"})
    before, _ = run(step, "students who read")
    copy = pickle.loads(pickle.dumps(step))
    assert copy._scorer is None
    after, _ = run(copy, "students who read")
    assert after[0].metadata["signals"] == before[0].metadata["signals"]


def test_a_stream_of_documents_is_scored_like_a_batch(fasttext_model):
    path, _ = fasttext_model
    step = build_step("classify", {"model": str(path), "label": "hq"})
    many = texts(GOOD, 70, 5) + texts(BAD, 70, 6)
    batch, _ = run(step, *many)
    streamed = list(step.run(iter(Document(f"d{i}", t) for i, t in enumerate(many)), ShardContext()))
    assert [d.metadata["signals"] for d in streamed] == [d.metadata["signals"] for d in batch]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(GOOD + BAD + ["café", "naïve", "日本語", "zzz-unknown", "a\tb", "x\x00y"]), min_size=0, max_size=12))
def test_the_fasttext_runtime_predicts_what_the_trainer_computed(fasttext_model, words):
    """Pins the file format, the token hashes and the word-bigram rows to fastText's own: a mismatch
    anywhere changes the runtime's probabilities."""
    import fasttext

    path, model = fasttext_model
    runtime = fasttext.load_model(str(path))
    line = " ".join(words)
    labels, probs = runtime.predict(line, k=-1)
    ids = ft.line_ids(ft.tokens(line), model.vocab, model.options.word_ngrams, model.options.bucket)
    hidden = model.input[ids].mean(axis=0)
    scores = model.output @ hidden
    expect = np.exp(scores - scores.max())
    expect /= expect.sum()
    got = dict(zip(labels, probs))
    for label, p in zip(model.vocab.labels, expect):
        assert got[label] == pytest.approx(float(p), abs=1e-4)


def write_jsonl(path, rows):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def test_train_classifier_writes_a_model_the_classify_step_loads_and_reports_held_out_accuracy(tmp_path, capsys):
    pos, neg = tmp_path / "pos.jsonl", tmp_path / "neg.jsonl"
    write_jsonl(pos, [{"text": t} for t in texts(GOOD, 150, 11)])
    write_jsonl(neg, [{"text": t} for t in texts(BAD, 150, 12)] + [{"body": "no text field"}])
    out = tmp_path / "model.bin"
    assert main(["train-classifier", str(pos), str(neg), "-o", str(out), "--bucket", "5000", "--dim", "16"]) == 0
    printed = capsys.readouterr().out
    assert "negative: 1 records not used" in printed
    line = next(x for x in printed.splitlines() if x.startswith("held-out accuracy"))
    assert float(line.split()[2]) >= 0.95 and "on 30 documents never trained on" in line
    docs, _ = run(build_step("classify", {"model": str(out), "label": "hq", "min_score": 0.5}), "students read every day", "casino bonus")
    assert [d.kept for d in docs] == [True, False]


def test_train_classifier_without_negative_examples_says_how_to_call_it(tmp_path, capsys):
    pos = tmp_path / "pos.jsonl"
    write_jsonl(pos, [{"text": "a b c"}])
    assert main(["train-classifier", str(pos), "-o", str(tmp_path / "m.bin")]) == 2
    assert "POS.jsonl NEG.jsonl" in capsys.readouterr().err


def test_the_held_out_split_keeps_some_of_each_side_out_of_training():
    train, test = ft.split_held_out(10, 0.1, seed=3)
    assert len(test) == 1 and len(train) == 9 and not set(train) & set(test)
    train, test = ft.split_held_out(2, 0.01, seed=0)
    assert len(test) == 1 and len(train) == 1


# -- Hugging Face models -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hf_classifier(tmp_path_factory):
    from tiny_models import tiny_classifier

    return tiny_classifier(tmp_path_factory.mktemp("hf") / "tiny-edu")


def direct_probs(folder, texts_):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForSequenceClassification.from_pretrained(str(folder)).eval()
    with torch.no_grad():
        return [torch.softmax(model(**tok(t, return_tensors="pt")).logits, -1)[0].tolist() for t in texts_]


@pytest.mark.slow
def test_a_hugging_face_folder_is_scored_in_batches_as_the_model_scores_each_text_alone(hf_classifier):
    step = build_step("classify", {"model": str(hf_classifier), "label": "high", "batch_size": 3})
    sample = ["the study found", "buy cheap pills now click here free casino bonus win money", "the", "library open later on weekdays"] * 2
    docs, _ = run(step, *sample)
    expect = direct_probs(hf_classifier, sample)
    for doc, probs in zip(docs, expect):
        assert doc.metadata["signals"]["tiny-edu"] == pytest.approx(probs[1], abs=1e-5)
        assert doc.metadata["signals"]["tiny-edu.label"] == ("high" if probs[1] > probs[0] else "low")


@pytest.mark.slow
def test_a_one_output_hugging_face_model_gives_its_raw_output_and_min_score_filters_on_it(tmp_path):
    import torch
    from tiny_models import tiny_classifier
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder = tiny_classifier(tmp_path / "regressor", num_labels=1, seed=3)
    sample = ["the study found that students", "buy cheap pills", "win money"]
    tok = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForSequenceClassification.from_pretrained(str(folder)).eval()
    with torch.no_grad():
        raw = [float(model(**tok(t, return_tensors="pt")).logits[0, 0]) for t in sample]
    cut = sorted(raw)[1]  # drops exactly the lowest
    docs, ctx = run(build_step("classify", {"model": str(folder), "min_score": cut}), *sample)
    assert [d.metadata["signals"]["regressor"] for d in docs] == pytest.approx(raw, abs=1e-5)
    assert [d.kept for d in docs] == [r >= cut for r in raw]
    assert ctx.stats.dropped_by_reason == {"classify:regressor:low_score": 1}
    assert "regressor.label" not in docs[0].metadata["signals"]
