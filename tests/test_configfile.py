import tomllib

from thresher.configfile import dumps_toml


def test_the_resolved_config_reads_back_the_same():
    config = {
        "step": [{"name": "lang", "languages": ["en", "de"], "min_score": 0.5}, {"name": "c4", "min_sentences": 5, "filter_policy": False}],
        "corpus": [{"name": "near_dedup", "threshold": 0.7}],
        "read": {"text_field": 'the "text"', "html_field": None},
    }
    back = tomllib.loads(dumps_toml(config))
    # None has no TOML form: the key is left out and its default applies when read back.
    assert back == {**config, "read": {"text_field": 'the "text"'}}


# -- a user's config over the default pipeline ------------------------------------------------
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import orjson  # noqa: E402
import pytest  # noqa: E402

from thresher.cli import main  # noqa: E402
from thresher.pipeline import load_config  # noqa: E402

README = Path(__file__).resolve().parents[1] / "README.md"


def _on(entries: list[dict]) -> list[str]:
    return [e["name"] for e in entries if e.get("enabled", True)]


def _readme_file(name: str) -> str:
    for m in re.finditer(r"^```toml\n(.*?)^```", README.read_text(), re.S | re.M):
        if m.group(1).startswith(f"# file: {name}\n"):
            return m.group(1)
    raise AssertionError(f"README has no ```toml block for {name}")


def test_the_readmes_example_config_keeps_every_default_step_and_sets_its_two_options(tmp_path):
    cfg = tmp_path / "tweak.toml"
    cfg.write_text(_readme_file("tweak.toml"))
    default = load_config()
    src = tmp_path / "in.jsonl"
    src.write_bytes(orjson.dumps({"id": "a", "text": "A page about the weather in the north, with rain later."}) + b"\n")
    # (the short page is dropped by a rule set: exit 4, nothing kept; what matters is what ran)
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--config", str(cfg), "--workers", "1"]) == 4
    resolved = load_config(out / "config.toml")  # what the job ran, every option spelled out
    assert [e["name"] for e in resolved["step"]] == _on(default["step"])
    assert [e["name"] for e in resolved["corpus"]] == _on(default["corpus"])
    assert {"guard", "gopher_quality", "c4", "fineweb", "pii"} <= set(_on(resolved["step"]))
    assert next(e for e in resolved["step"] if e["name"] == "boilerplate")["max_removed_share"] == 0.4
    assert next(e for e in resolved["corpus"] if e["name"] == "near_dedup")["threshold"] == 0.8


def test_a_config_that_says_replace_is_the_whole_pipeline(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('replace = true\n[[step]]\nname = "guard"\n[[step]]\nname = "pii"\n')
    assert load_config(cfg) == {"step": [{"name": "guard"}, {"name": "pii"}], "corpus": []}


def test_naming_a_step_turns_it_on_enabled_false_turns_it_off_and_new_steps_run_after_the_default(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[[step]]\nname = "mine:Step"\n[[step]]\nname = "tokens"\ntokenizer = "t.json"\n'
                   '[[step]]\nname = "unwrap"\nenabled = false\n[[corpus]]\nname = "decontam"\neval_sets = ["e.jsonl"]\n')
    config = load_config(cfg)
    names = _on(config["step"])
    assert "unwrap" not in names and names[-1] == "mine:Step"
    assert names.index("tokens") == names.index("pii") + 1  # where the default has it
    assert next(e for e in config["step"] if e["name"] == "tokens")["tokenizer"] == "t.json"
    assert "decontam" in _on(config["corpus"])


@pytest.mark.parametrize("body, message", [
    ('[[steps]]\nname = "guard"\n', "unknown key.*steps"),
    ('[[step]]\nname = "guard"\n[[step]]\nname = "guard"\n', "'guard' is named twice"),
    ('replace = "yes"\n', "replace must be true or false"),
    ('[[step]]\nmax_chars = 3\n', "has no name"),
])
def test_a_config_that_cannot_mean_one_pipeline_is_refused_with_one_line(tmp_path, body, message, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text(body)
    with pytest.raises(ValueError, match=message):
        load_config(cfg)
    src = tmp_path / "in.jsonl"
    src.write_bytes(orjson.dumps({"id": "a", "text": "t"}) + b"\n")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "out" / "kept").exists()
