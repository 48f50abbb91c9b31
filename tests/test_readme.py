"""The README's examples work as written: its files are written, its Python and marked shell blocks run."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text())]


def _env(folder: Path) -> dict:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")  # this checkout's thresher, whatever is installed
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


@pytest.mark.slow
def test_the_readmes_python_examples_and_marked_commands_run_as_written(tmp_path):
    ran = 0
    for lang, body in blocks():
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
