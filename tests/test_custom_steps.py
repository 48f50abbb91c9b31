"""A pipeline config may name any importable class ("module:Class"): a step or a corpus stage."""

import multiprocessing as mp
import pickle
import textwrap
from concurrent.futures import ProcessPoolExecutor

import orjson
import pytest

from thresher.cli import main
from thresher.document import Document
from thresher.pipeline import Pipeline, build, CORPUS_STAGES, load_config
from thresher.steps.base import ShardContext
from tests.run.test_job import read_out

USER_MODULE = '''
from dataclasses import dataclass, field
from typing import ClassVar

from thresher.steps.corpus import CorpusStage
from thresher.steps.base import Filter


@dataclass
class NoRecipes(Filter):
    """Drops pages with more than max_per_1000 cooking words per 1000 words."""
    name: ClassVar[str] = "no_recipes"
    max_per_1000: float = 20.0
    words: list[str] = field(default_factory=lambda: ["tablespoon", "teaspoon", "preheat", "simmer"])

    def score(self, doc):
        words = [w.strip(".,;:!?").lower() for w in doc.text.split()]
        hits = sum(w in self.words for w in words)
        return {"no_recipes.per_1000": 1000 * hits / max(len(words), 1)}

    def keep(self, signals):
        return "no_recipes:recipe" if signals["no_recipes.per_1000"] > self.max_per_1000 else None


@dataclass
class DropIds(CorpusStage):
    name: ClassVar[str] = "drop_ids"
    ids: list[str] = field(default_factory=list)

    def prepare(self, ctx):
        ctx.store(self.name).write_bytes("seen", b"prepared")

    def load(self, shard, ctx):
        return set(self.ids)

    def apply(self, doc, row, ids):
        if doc.id in ids:
            doc.drop(self.name, "drop_ids:listed")
'''

RECIPE = "Preheat the oven. Whisk two eggs with a tablespoon of sugar and a teaspoon of salt, then simmer the sauce."
NEWS = "The harbour bridge reopened on Monday after three years of repairs, the council said in a statement."


@pytest.fixture
def user_module(tmp_path, monkeypatch):
    """A module the user wrote, importable from sys.path like any of their own packages."""
    name = f"user_filters_{tmp_path.name.replace('-', '_')}"
    pkg = tmp_path / "site"
    pkg.mkdir()
    (pkg / f"{name}.py").write_text(USER_MODULE)
    monkeypatch.syspath_prepend(str(pkg))
    return name


def _inputs(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"  # two files: two shards, so two workers both run
    a.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in [{"id": "r1", "text": RECIPE}, {"id": "n1", "text": NEWS}]))
    b.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in [{"id": "r2", "text": RECIPE}, {"id": "n2", "text": NEWS + " Again."}]))
    return [str(a), str(b)]


def test_a_config_naming_a_users_filter_and_corpus_stage_runs_through_clean_with_two_workers(tmp_path, user_module):
    cfg = tmp_path / "my.toml"
    cfg.write_text(textwrap.dedent(f'''
        replace = true

        [[step]]
        name = "guard"

        [[step]]
        name = "{user_module}:NoRecipes"
        max_per_1000 = 50

        [[corpus]]
        name = "{user_module}:DropIds"
        ids = ["n2"]
    '''))
    out = tmp_path / "out"
    assert main(["clean", *_inputs(tmp_path), "-o", str(out), "--config", str(cfg), "--workers", "2"]) == 0
    kept = {r["id"]: r for r in read_out(out / "kept")}
    rejected = {r["id"]: r for r in read_out(out / "rejected")}
    assert set(kept) == {"n1"}
    assert (rejected["r1"]["verdict"]["step"], rejected["r1"]["verdict"]["reason"]) == ("no_recipes", "no_recipes:recipe")
    assert rejected["r1"]["metadata"]["signals"]["no_recipes.per_1000"] > 50
    assert rejected["n2"]["verdict"]["reason"] == "drop_ids:listed"
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["dropped_by_reason"] == {"no_recipes:recipe": 2, "drop_ids:listed": 1}
    # the resolved config names the classes so that it builds the same job again
    resolved = load_config(out / "config.toml")
    assert resolved["step"][1] == {"name": f"{user_module}:NoRecipes", "max_per_1000": 50, "words": ["tablespoon", "teaspoon", "preheat", "simmer"]}
    assert resolved["corpus"][0] == {"name": f"{user_module}:DropIds", "ids": ["n2"]}
    again = tmp_path / "again"
    assert main(["clean", *_inputs(tmp_path), "-o", str(again), "--config", str(out / "config.toml"), "--workers", "2"]) == 0
    assert {r["id"] for r in read_out(again / "kept")} == {"n1"}


def test_options_of_a_users_class_are_checked_like_built_in_ones(user_module):
    with pytest.raises(ValueError, match="has no option.*max_per_100.*it has: max_per_1000, words"):
        Pipeline.from_config([{"name": f"{user_module}:NoRecipes", "max_per_100": 3}])
    with pytest.raises(ValueError, match="option max_per_1000 must be float or int, not str"):
        Pipeline.from_config([{"name": f"{user_module}:NoRecipes", "max_per_1000": "3"}])
    with pytest.raises(ValueError, match="option ids must be list, not str"):
        build(CORPUS_STAGES, "corpus stage", f"{user_module}:DropIds", {"ids": "n2"})


def test_names_that_cannot_be_a_step_are_refused_with_the_reason(user_module):
    cases = {
        "no_such_module_xyz:Step": "cannot import module 'no_such_module_xyz'",
        f"{user_module}:Missing": "has no 'Missing'",
        f"{user_module}:DropIds": "must subclass thresher.steps.base.Step",
        "thresher.steps.base:Filter": "must set its own name",
        "thresher.document:Document": "must subclass",
        "nothing_like_this": "unknown step 'nothing_like_this'",
    }
    for name, message in cases.items():
        with pytest.raises(ValueError, match=message):
            Pipeline.from_config([{"name": name}])
    with pytest.raises(ValueError, match="must subclass thresher.steps.corpus.CorpusStage"):
        build(CORPUS_STAGES, "corpus stage", f"{user_module}:NoRecipes", {})


def _run_in_fresh_interpreter(blob: bytes) -> tuple[bool, str | None]:
    step = pickle.loads(blob)
    doc = Document("r", RECIPE)
    list(Pipeline([step]).run([doc], ShardContext()))
    return doc.kept, doc.verdict.reason


def test_a_users_step_pickles_by_reference_into_a_fresh_interpreter(user_module):
    step = Pipeline.from_config([{"name": f"{user_module}:NoRecipes", "max_per_1000": 50}]).steps[0]
    blob = pickle.dumps(step)
    assert user_module.encode() in blob and b"def score" not in blob  # a reference, not the code
    # spawn: nothing inherited but sys.path, as for a Ray worker that imports the module itself
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        assert pool.submit(_run_in_fresh_interpreter, blob).result() == (False, "no_recipes:recipe")
