import random

import pytest

from thresher.document import Document, Edit


def apply_naively(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [text[pos : e.start], e.replacement]
        pos = e.end
    return "".join(out) + text[pos:]


def test_edits_map_back_to_the_original_through_many_steps():
    rng = random.Random(7)
    for _ in range(3000):
        original = "".join(rng.choice("ab\n ") for _ in range(rng.randint(0, 25)))
        doc, current = Document("d", original), original
        for step in range(rng.randint(1, 4)):
            points = sorted(rng.randint(0, len(current)) for _ in range(2 * rng.randint(0, 3)))
            edits, last = [], -1
            for a, b in zip(points[::2], points[1::2]):
                if a >= last and not (edits and edits[-1].start == edits[-1].end == a == b):
                    edits.append(Edit(a, b, f"r{step}", rng.choice(["", "X", "YZ"])))
                    last = b
            current = apply_naively(current, edits)
            doc.apply(edits)
            assert doc.text == current
            # The stored edits, applied to the original, give the current text.
            assert apply_naively(original, doc.edits) == current
        assert Document.from_state(doc.to_state()).text == current


def test_removal_is_recorded_against_the_original_with_its_rule():
    doc = Document("d", "keep\nDROP\nkeep too")
    doc.apply([Edit(0, 0, "x:insert", ">> ")])
    # "DROP\n" is at 8..13 in the current text, 5..10 in the original.
    assert doc.apply([Edit(8, 13, "boilerplate:test")]) == 5
    assert doc.text == ">> keep\nkeep too"
    assert [e.to_list() for e in doc.edits] == [[0, 0, "x:insert", ">> "], [5, 10, "boilerplate:test", ""]]


def test_overlapping_edits_are_refused():
    doc = Document("d", "abcdef")
    with pytest.raises(ValueError):
        doc.apply([Edit(0, 3, "a"), Edit(2, 4, "b")])
    with pytest.raises(ValueError):
        doc.apply([Edit(0, 9, "a")])


def test_drop_keeps_the_first_verdict():
    doc = Document("d", "x")
    doc.drop("one", "first")
    doc.drop("two", "second")
    assert (doc.kept, doc.verdict.step, doc.verdict.reason) == (False, "one", "first")


def test_first_edits_on_an_untouched_document_give_the_general_pieces():
    # Document.apply builds the pieces of an untouched document directly; the general pass (run
    # here on a document made to look edited by a zero-length piece of a rule) must agree.
    rng = random.Random(11)
    for _ in range(5000):
        original = "".join(rng.choice("ab\n ") for _ in range(rng.randint(0, 12)))
        points = sorted(rng.randint(0, len(original)) for _ in range(2 * rng.randint(1, 4)))
        edits = [Edit(a, b, f"r{k}", rng.choice(["", "X", "YZ"])) for k, (a, b) in enumerate(zip(points[::2], points[1::2]))]
        fast = Document("d", original)
        fast.apply(edits)
        general = Document("d", original)
        general._pieces = [(0, 0, "", "probe"), (0, len(original), original, None)]
        general.apply([Edit(e.start, e.end, e.rule, e.replacement) for e in edits])
        assert fast._pieces == [p for p in general._pieces if p[3] != "probe"], (original, edits)


def test_a_document_whose_text_is_not_a_string_is_rejected_alone_in_its_batch():
    from thresher.pipeline import Pipeline, load_config
    from thresher.steps.base import ShardContext
    from pathlib import Path

    import thresher

    config = load_config(Path(thresher.__file__).parent / "default_pipeline.toml")
    pipeline = Pipeline.from_config(config["step"])
    good = "The council said on Monday that the new bridge would open in spring. " * 12
    docs = list(pipeline.run([Document("none", None), Document("bytes", b"raw"), Document("good", good)], ShardContext()))
    verdicts = {d.id: (d.kept, d.verdict.reason) for d in docs}
    assert verdicts["none"] == (False, "input:not_text") and verdicts["bytes"] == (False, "input:not_text")
    assert [d.id for d in docs] == ["none", "bytes", "good"]
    assert "NoneType" in docs[0].verdict.detail
