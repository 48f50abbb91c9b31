"""Shingling, MinHash and LSH parameters: the pieces the near-duplicate stage is built from."""

import numpy as np
import pytest

from thresher.steps.dedup.lsh import collision_probability, false_negative_mass, false_positive_mass, optimal_params, s_curve
from thresher.steps.dedup.minhash import EMPTY, MinHasher
from thresher.steps.dedup.text import char_shingles, shingles, use_char_shingles, word_shingles

from .textgen import edit, story


def test_word_shingles_ignore_case_spacing_and_punctuation():
    a, _, _ = word_shingles(["The quick brown fox jumps over the lazy dog"], 3)
    b, _, _ = word_shingles(["the QUICK  brown, fox\njumps over -- the lazy dog!"], 3)
    assert len(a) == 7 and np.array_equal(a, b)
    c, _, _ = word_shingles(["the quick brown cat jumps over the lazy dog"], 3)
    assert len(set(a.tolist()) & set(c.tolist())) == 4  # 3 shingles hold the changed word


def test_shingles_are_grouped_by_document_and_short_texts_get_one():
    s, d, _ = word_shingles(["one two three four five six", "", "just two", "x y z w v u"], 5)
    assert d.tolist() == [0, 0, 2, 3, 3]
    assert len(set(s[:2].tolist()) & set(s[3:].tolist())) == 0


def test_spaceless_languages_use_character_shingles():
    zh = "今天天气很好，我们去公园散步吧。"
    assert use_char_shingles([zh, "plain english words here"], None).tolist() == [True, False]
    assert use_char_shingles([zh], ["en"]).tolist() == [False]  # the lang step's word wins
    assert use_char_shingles(["latin text"], ["ja"]).tolist() == [True]
    s, d, _ = shingles([zh], ngram=5, char_ngram=3)
    expected, _, _ = char_shingles([zh], 3)
    assert np.array_equal(s, expected) and len(s) == 14 - 2  # 14 word characters, punctuation skipped


def test_minhash_estimates_jaccard_without_bias():
    h = MinHasher(num_perm=128, ngram=1)
    rng = np.random.default_rng(3)
    z = []
    for trial in range(60):
        union = int(rng.integers(200, 800))
        j = float(rng.uniform(0.2, 0.9))
        inter = int(j * union)
        base = np.arange(trial * 10_000, trial * 10_000 + union, dtype=np.uint64)  # independent sets per trial
        a_only = (union - inter) // 2
        a = np.concatenate([base[:inter], base[inter : inter + a_only]])
        b = np.concatenate([base[:inter], base[inter + a_only :]])
        from thresher.steps.dedup.text import mix64

        s = mix64(np.concatenate([a, b]))
        d = np.repeat([0, 1], [len(a), len(b)])
        sig = h.from_shingles(s, d, 2)
        tj = inter / union
        z.append(((sig[0] == sig[1]).mean() - tj) / np.sqrt(tj * (1 - tj) / 128))
    z = np.array(z)
    assert abs(z.mean()) < 0.5 and 0.6 < z.std() < 1.4


def test_signatures_of_empty_text_are_empty_and_batches_agree():
    h = MinHasher(num_perm=32)
    texts = [story(1), "", story(2)]
    sig = h.signatures(texts)
    assert (sig[1] == EMPTY).all()
    assert np.array_equal(sig[2], h.signatures([texts[2]])[0])
    assert (sig[0] == h.signatures([edit(texts[0], 1, 0.02)])[0]).mean() > 0.6


def test_optimal_params_balance_false_positives_and_negatives():
    p = optimal_params(0.7, 128)
    assert p.bands * p.rows <= 128
    err = 0.5 * p.false_positive + 0.5 * p.false_negative
    for b, r in [(16, 8), (32, 4), (8, 16), (p.bands + 1, p.rows)]:
        if b * r <= 128:
            assert err <= 0.5 * false_positive_mass(0.7, b, r) + 0.5 * false_negative_mass(0.7, b, r) + 1e-12
    # The S-curve rises through the threshold.
    assert collision_probability(0.5, p.bands, p.rows) < 0.2 < 0.8 < collision_probability(0.85, p.bands, p.rows)
    assert "|" in s_curve(p.bands, p.rows, 0.7)
    with pytest.raises(ValueError):
        optimal_params(1.0, 128)


def test_components_are_connected_groups():
    from thresher.steps.dedup.clusters import components

    batches = [(np.array([5, 1, 9]), np.array([7, 2, 10])), (np.array([7, 2]), np.array([2, 20]))]
    nodes, roots = components(iter(batches))
    got = dict(zip(nodes.tolist(), roots.tolist()))
    assert got == {1: 1, 2: 1, 5: 1, 7: 1, 20: 1, 9: 9, 10: 9}
    assert components(iter([])) [0].size == 0


def test_shingles_on_long_lines_are_flagged():
    text = "Home | News\n" + "one two three four five six seven eight nine ten\n" + "Share this"
    s, _, flag = word_shingles([text], 3, line_words=8)
    # 14 words -> 12 shingles; only the 8 inside the ten-word line are flagged.
    assert len(s) == 12 and flag.tolist() == [False] * 2 + [True] * 8 + [False] * 2
    assert word_shingles([text], 3)[2].all()


@pytest.mark.parametrize("units", ["words", "letters"])
def test_long_lines_are_numbered_in_each_document_from_its_lead(units):
    lead = "one two three four five six seven eight nine ten"
    body = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    texts = ["Home | News\n" + lead + "\nShare\n" + body, body + "\n" + lead, "short line", ""]
    s, d, long, line = shingles(texts, 3, 5, None, 8, units=units, lines=True)
    plain = shingles(texts, 3, 5, None, 8, units=units)
    assert (s == plain[0]).all() and (d == plain[1]).all() and (long == plain[2]).all()  # the same shingles, one more column
    assert ((line >= 0) == long).all()  # only long lines are numbered
    lead_set = set(shingles([lead], 3, units=units)[0].tolist())
    body_set = set(shingles([body], 3, units=units)[0].tolist())
    # Line 0 is the lead, a document's first long line (the title and "Share" are short); then 1, 2, ...
    assert set(s[(d == 0) & (line == 0)].tolist()) == lead_set
    assert set(s[(d == 0) & (line == 1)].tolist()) == body_set
    assert set(s[(d == 1) & (line == 0)].tolist()) == body_set  # document 1 starts with the body line
    # A shingle across two long lines is its last unit's line's.
    assert lead_set <= set(s[(d == 1) & (line == 1)].tolist()) and line.max() == 1
    assert not (line[d == 2] >= 0).any()  # no long line: nothing numbered
    empty = shingles([], lines=True)
    assert len(empty) == 4 and empty[3].dtype == np.int32


def test_quality_score_found_by_key_or_dotted_path():
    from thresher.steps.dedup.survivor import order_by, quality_of

    meta = {"quality_score": 0.5, "signals": {"fineweb.line_punct_ratio": 0.25, "nested": {"x": 2}}, "flag": True}
    assert quality_of(meta, "quality_score") == 0.5
    assert quality_of(meta, "signals.fineweb.line_punct_ratio") == 0.25
    assert quality_of(meta, "signals.nested.x") == 2.0
    assert quality_of(meta, "flag") is None and quality_of(meta, "missing.key") is None
    assert order_by(["length"]).endswith("id ASC, key ASC")  # id always breaks ties
