"""The README's examples work as written: its files are written, its Python and marked shell blocks run."""

import os
import re
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


FROM_PYTHON = "### From Python\n"


def blocks(text: str | None = None) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text() if text is None else text)]


def section(heading: str) -> str:
    """The README's text from ``heading`` to the next heading of the same level or above."""
    text = README.read_text()
    assert heading in text, f"the README has no section {heading.strip()!r}"
    lines = text[text.index(heading) + len(heading):].splitlines(keepends=True)
    fenced = False
    for i, line in enumerate(lines):
        fenced ^= line.startswith("```")
        if not fenced and re.match(r"#{1,3} ", line):  # a heading, not a comment in a code block
            return "".join(lines[:i])
    return "".join(lines)


def write_files(folder: Path) -> None:
    """Every ``# file:`` block of the README, written into ``folder``."""
    for _, body in blocks():
        first = body.splitlines()[0] if body.strip() else ""
        if first.startswith("# file: "):
            (folder / first.removeprefix("# file: ").strip()).write_text(body)


def _env(folder: Path) -> dict:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")  # this checkout's thresher, whatever is installed
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def test_the_from_python_sections_examples_run_as_written(tmp_path):
    write_files(tmp_path)  # myfilters.py and my.toml, from "Your own steps"
    python = [body for lang, body in blocks(section(FROM_PYTHON)) if lang == "python"]
    assert len(python) >= 3 and all("import thresher" in body for body in python)
    for body in python:
        done = subprocess.run([sys.executable, "-c", body], cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"README block failed:\n{body}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    # what the examples say they did: the records of each kind of input, a filter of one's own, a whole job
    stats = orjson.loads((tmp_path / "out-py" / "stats.json").read_bytes())
    assert stats["docs_in"] == 3 and stats["dropped_by_reason"] == {"exact_duplicate": 1}
    assert "myfilters:NoRecipes" in (tmp_path / "out-py" / "config.toml").read_text()


@pytest.mark.slow
def test_the_readmes_python_examples_and_marked_commands_run_as_written(tmp_path):
    ran = 0
    others = README.read_text().replace(section(FROM_PYTHON), "")  # that section has a test of its own, above
    for lang, body in blocks(others):
        first = body.splitlines()[0] if body.strip() else ""
        if first.startswith("# file: "):
            (tmp_path / first.removeprefix("# file: ").strip()).write_text(body)
            if lang == "python":
                continue
        if lang == "python" and not first.startswith("# file: "):
            cmd = [sys.executable, "-c", body]
        elif lang == "bash" and first.startswith("# run:"):
            cmd = ["bash", "-euo", "pipefail", "-c", body]
        else:
            continue
        done = subprocess.run(cmd, cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"README block failed:\n{body}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        ran += 1
    assert ran >= 1
    # the custom-filter example dropped its recipe page by the filter's own reason
    assert '"no_recipes:recipe": 1' in (tmp_path / "out" / "stats.json").read_text()
    # the models example: a blocked host, a banned word, a low-scored page, a quiz question cut out, tokens counted
    models = (tmp_path / "out-models" / "stats.json").read_text()
    for expected in ('"url_filter:blocked:blocked": 1', '"url_filter:banned_word": 1', '"classify:quality:low_score": 1',
                     '"decontam:quiz_test:q7": 1', '"docs_kept": 1'):
        assert expected in models
    assert '"tokens_kept": 0' not in models


def test_ci_runs_exactly_the_readmes_test_command():
    test_command = blocks()[1][1].strip()
    ci = (README.parent / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci == test_command
    assert "install -y -qq chromium" in test_command  # the report's browser test needs it (and fails without it in CI)
