"""thresher from Python, used as a user would: records in memory (dicts, Arrow, pandas, datasets),
pipelines built in Python, and whole jobs with their corpus stages."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import orjson
import pytest

import thresher
from thresher import Filter
from thresher.pipeline import config_name, load_config
from tests.run.test_job import read_out

PAGES = {
    "harwick": "The harbour bridge in Harwick reopened on Monday after three years of repairs, the council said. "
    "Engineers replaced the deck, repainted the steel towers and rebuilt both approach roads. "
    "Traffic was light in the morning, but shop owners on the south bank expected trade to recover. "
    "The mayor thanked the workers and their families for their patience. "
    "She said the town had waited long enough for its main route to open again.",
    "dunmore": "Dunmore's library will stay open until nine on weekdays from next month, its trustees announced. "
    "Students had asked for longer hours during the exam season for several years. "
    "The extra evenings are paid for by a grant from a local charity and by volunteers. "
    "A reading room on the first floor is being refitted with new desks and lamps. "
    "Members can still borrow up to twelve books at a time with a single card.",
    "ellsby": "Farmers around Ellsby began the barley harvest a fortnight early after a warm and dry spring. "
    "Yields look better than last year, although the price of grain has fallen since March. "
    "Several growers said they would store part of the crop and wait for the market to turn. "
    "Contractors with combines have been working late into the night across the valley. "
    "The agricultural show in August will award a prize for the heaviest sample of grain.",
}
ROWS = [{"id": key, "text": text, "lang_hint": "en"} for key, text in PAGES.items()]
SPAM = {"id": "spam", "text": "buy buy buy buy buy buy buy buy buy buy buy buy", "lang_hint": "en"}


@dataclass
class NoTowns(Filter):
    """A user's filter at the top of their module: usable by name in a job's workers."""

    name: ClassVar[str] = "no_towns"
    towns: list[str] | None = None

    def score(self, doc):
        return {"no_towns.hits": sum(t in doc.text for t in self.towns or [])}

    def keep(self, signals):
        return "no_towns:named" if signals["no_towns.hits"] else None


def without_source(rec: dict) -> dict:
    """A record without where it was read from (a file's name and line, or the row of data)."""
    meta = {k: v for k, v in rec["metadata"].items() if k not in ("source", "line", "row")}
    return {**rec, "metadata": meta}


# -- records in memory ----------------------------------------------------------------------------
def test_records_of_dicts_are_the_records_a_clean_job_writes_for_the_same_input(tmp_path):
    src = tmp_path / "pages.jsonl"
    src.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in [*ROWS, SPAM]))
    with thresher.clean(src, tmp_path / "out", workers=1, dedup=False) as job:
        written_kept, written_rejected = list(job.kept()), list(job.rejected())
    assert [r["id"] for r in written_kept] == ["harwick", "dunmore", "ellsby"]

    kept = list(thresher.records([*ROWS, SPAM]))
    everything = list(thresher.records([*ROWS, SPAM], rejected=True))
    assert [without_source(r) for r in kept] == [without_source(r) for r in written_kept]
    assert [without_source(r) for r in everything] == [without_source(r) for r in written_kept + written_rejected]
    assert list(everything[0]) == ["lang_hint", "id", "text", "metadata"]  # the input's fields ride along
    assert everything[-1]["verdict"]["reason"] == written_rejected[0]["verdict"]["reason"] is not None
    assert everything[-1]["text"] == SPAM["text"]  # a rejected record keeps the text as read


def test_documents_come_back_in_order_kept_or_dropped_with_a_reason_and_counted():
    stats = thresher.Stats()
    docs = list(thresher.documents([ROWS[0], "too short", {"body": "no text field"}, SPAM], stats=stats))
    assert [d.id for d in docs] == ["harwick", "data:2", "data:3", "spam"]  # no id: data:<row>
    assert [d.kept for d in docs] == [True, False, False, False]
    assert docs[2].verdict.reason == "input:missing_field" and docs[2].fields == {"body": "no text field"}
    assert docs[0].metadata["language"] == "en" and "c4.sentences" in docs[0].metadata["signals"]
    assert stats.docs_in == 4 and stats.docs_kept == 1
    assert sum(stats.dropped_by_reason.values()) == 3


def test_a_pyarrow_table_in_records_out_with_its_own_column_names():
    import pyarrow as pa

    table = pa.Table.from_pylist([{"doc": r["id"], "body": r["text"], "n": i} for i, r in enumerate([*ROWS, SPAM])])
    recs = list(thresher.records(table, text_field="body", id_field="doc", rejected=True))
    assert [(r["doc"], r["n"], "verdict" in r) for r in recs] == [
        ("harwick", 0, False), ("dunmore", 1, False), ("ellsby", 2, False), ("spam", 3, True)]
    assert recs[0]["body"].startswith("The harbour bridge in Harwick")
    assert recs[0]["metadata"]["row"] == 1


def test_a_pandas_dataframe_in_a_dataframe_of_kept_records_out():
    import pandas as pd

    frame = pd.DataFrame([*ROWS, {"id": "blank", "text": None, "lang_hint": "en"}, SPAM])
    kept = pd.DataFrame(thresher.records(frame))
    assert list(kept["id"]) == ["harwick", "dunmore", "ellsby"]
    assert list(kept.columns) == ["lang_hint", "id", "text", "metadata"]
    assert all(m["language"] == "en" for m in kept["metadata"])
    rejected = {d.id: d.verdict.reason for d in thresher.documents(frame) if not d.kept}
    assert rejected["blank"] == "input:missing_field"  # a missing text is a reason, not a crash
    assert set(rejected) == {"blank", "spam"}


def test_a_hugging_face_dataset_in_a_dataset_of_kept_records_out():
    import datasets

    ds = datasets.Dataset.from_list([*ROWS, SPAM])
    cleaned = datasets.Dataset.from_list(list(thresher.records(ds)))
    assert cleaned["id"] == ["harwick", "dunmore", "ellsby"]
    assert [m["language"] for m in cleaned["metadata"]] == ["en"] * 3
    assert cleaned["text"][0] == ROWS[0]["text"] + "\n"  # the repair steps' final newline


def test_what_is_not_records_is_refused_with_a_sentence_that_says_what_to_give():
    with pytest.raises(ValueError, match=r"for files, use thresher.clean\(paths\)"):
        thresher.documents("pages.jsonl")
    with pytest.raises(ValueError, match="not a dict"):
        thresher.records({"text": ["a", "b"]})
    with pytest.raises(ValueError, match="cannot read records from a int"):
        thresher.documents(3)


# -- pipelines built in Python ------------------------------------------------------------------
def test_a_filter_defined_here_runs_beside_built_in_steps_given_as_names_and_dicts():
    @dataclass
    class MaxWords(Filter):
        name: ClassVar[str] = "max_words"
        limit: int = 10

        def score(self, doc):
            return {"max_words.words": len(doc.text.split())}

        def keep(self, signals):
            return "max_words:too_long" if signals["max_words.words"] > self.limit else None

    pipe = thresher.build_pipeline(["guard", {"name": "unicode"}, MaxWords(limit=80)])
    assert [s.name for s in pipe.steps] == ["guard", "unicode", "max_words"]
    long_row = {"id": "long", "text": PAGES["harwick"] + " " + PAGES["dunmore"]}
    docs = list(thresher.documents([ROWS[0], long_row], pipe))
    assert [d.kept for d in docs] == [True, False]
    assert docs[1].verdict.step == "max_words" and docs[1].verdict.reason == "max_words:too_long"
    assert docs[0].metadata["signals"]["max_words.words"] == len(ROWS[0]["text"].split())


def test_a_pipeline_from_a_toml_file_or_a_dict_is_the_one_its_steps_describe(tmp_path):
    toml = tmp_path / "my.toml"
    toml.write_text('replace = true\n[[step]]\nname = "guard"\nmax_chars = 100\n\n[[step]]\nname = "c4"\nenabled = false\n')
    from_file = thresher.build_pipeline(config=toml)
    assert [s.name for s in from_file.steps] == ["guard"] and from_file.steps[0].max_chars == 100
    from_dict = thresher.build_pipeline(config={"replace": True, "step": [{"name": "guard", "max_chars": 100}]})
    assert from_dict == from_file
    # without replace, a config sets options of the default pipeline's steps, a file and a dict alike
    toml.write_text('[[step]]\nname = "guard"\nmax_chars = 100\n')
    over = thresher.build_pipeline(config=toml)
    assert over == thresher.build_pipeline(config={"step": [{"name": "guard", "max_chars": 100}]})
    assert over.steps[0].max_chars == 100 and len(over.steps) == len(thresher.build_pipeline().steps)
    default = thresher.build_pipeline()
    packaged = load_config()["step"]  # the default pipeline is the packaged file's enabled steps
    assert [config_name(s) for s in default.steps] == [
        e["name"] for e in packaged if e.get("enabled", True)]
    assert [d.kept for d in thresher.documents([ROWS[0]], from_file)] == [False]  # over 100 characters


def test_a_wrong_step_name_or_option_is_refused_when_the_pipeline_is_built():
    with pytest.raises(ValueError, match="unknown step 'gopher'"):
        thresher.build_pipeline(["gopher"])
    with pytest.raises(ValueError, match="has no option"):
        thresher.build_pipeline([{"name": "guard", "max_chrs": 5}])
    with pytest.raises(ValueError, match="must be int"):
        thresher.build_pipeline([{"name": "guard", "max_chars": "5"}])
    with pytest.raises(ValueError, match="steps or a config, not both"):
        thresher.build_pipeline(["guard"], config={})


# -- whole jobs ---------------------------------------------------------------------------------
def test_a_whole_job_from_python_removes_an_exact_duplicate_in_a_temporary_folder(tmp_path):
    src = tmp_path / "pages.jsonl"
    copy = {**ROWS[1], "id": "dunmore-again"}
    src.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in [*ROWS, copy]))
    with thresher.clean(str(src), workers=2) as job:
        assert job.temporary
        folder = Path(job.out)
        assert job.stats["docs_in"] == 4 and job.stats["docs_kept"] == 3
        assert job.stats["dropped_by_reason"] == {"exact_duplicate": 1}
        assert sorted(r["id"] for r in job.kept()) == ["dunmore", "ellsby", "harwick"]
        assert [r["verdict"]["reason"] for r in job.rejected()] == ["exact_duplicate"]
        assert all(Path(f).is_file() for f in job.files("kept") + job.files("rejected"))
    assert not folder.exists()  # the temporary folder goes with the result


def test_a_whole_job_into_a_folder_writes_what_the_cli_writes_and_resumes_there(tmp_path):
    src = tmp_path / "pages.jsonl"
    src.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in [*ROWS, SPAM]))
    out = tmp_path / "out"
    job = thresher.clean([src], out, workers=1, format="parquet")
    assert not job.temporary and job.out == str(out)
    assert job.files("kept") == [str(out / "kept" / "shard-00000.parquet")]
    assert sorted(r["id"] for r in read_out(out / "kept")) == ["dunmore", "ellsby", "harwick"]
    assert orjson.loads((out / "stats.json").read_bytes())["docs_kept"] == job.stats["docs_kept"] == 3
    again = thresher.clean([src], out, workers=1, format="parquet")  # the same job: resumed, nothing redone
    assert again.stats["docs_in"] == 4
    with pytest.raises(ValueError, match="different thresher job"):
        thresher.clean([src], out, workers=1)  # jsonl: another job
    job.close()
    assert out.is_dir()  # a folder the user named is never deleted


def test_a_dataframe_with_a_copy_is_deduplicated_by_a_whole_job_with_a_users_step_object(tmp_path):
    import pandas as pd

    frame = pd.DataFrame([*ROWS, {**ROWS[0], "id": "harwick-copy"}, SPAM])
    with thresher.clean(frame, steps=["guard", NoTowns(towns=["Ellsby"])], corpus=["exact_dedup"], workers=2) as job:
        rejected = {r["id"]: r["verdict"]["reason"] for r in job.rejected()}
        kept = [r["id"] for r in job.kept()]
        config = (Path(job.out) / "config.toml").read_text()
    assert kept == ["harwick", "dunmore", "spam"]
    assert rejected == {"ellsby": "no_towns:named", "harwick-copy": "exact_duplicate"}
    assert f'name = "{__name__}:NoTowns"' in config and 'towns = ["Ellsby"]' in config


def test_a_whole_job_refuses_bad_input_with_the_clis_sentence_and_leaves_no_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where this test's temporary folders go
    with pytest.raises(ValueError, match="nothing to read: .*no such file or folder"):
        thresher.clean(tmp_path / "missing.jsonl")

    @dataclass
    class Local(Filter):
        name: ClassVar[str] = "local"

    with pytest.raises(ValueError, match="top level of an importable module"):
        thresher.clean([{"text": "x"}], steps=[Local()])
    with pytest.raises(ValueError, match="unknown corpus stage 'dedup'"):
        thresher.clean([{"text": "x"}], corpus=["dedup"])
    assert list(scratch.iterdir()) == []


def test_import_thresher_is_cheap_and_the_api_never_imports_pandas_or_datasets_unasked(tmp_path):
    code = (
        "import sys, thresher\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'numba', 'numpy', 'rich', 'pandas', 'datasets')]\n"
        "assert not heavy and 'thresher.api' not in sys.modules, heavy\n"
        f"recs = list(thresher.records({[*ROWS, SPAM]!r}))\n"
        "assert len(recs) == 3 and not [m for m in sys.modules if m.split('.')[0] in ('pandas', 'datasets')]\n"
        f"job = thresher.clean({[*ROWS]!r}, workers=1)\n"  # (pyarrow itself may load pandas to look at a dict)
        "assert job.stats['docs_kept'] == 3 and not [m for m in sys.modules if m.split('.')[0] == 'datasets']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
