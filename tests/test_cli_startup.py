"""Start-up: a command imports only what it needs, so `thresher --help` answers at once."""

import os
import subprocess
import sys

import pytest

from thresher.cli import COMMANDS, build_parser, chosen_command

HEAVY = ("thresher.commands", "pyarrow", "numba", "numpy", "rich", "trafilatura", "duckdb", "fasttext")


def _modules_loaded_by(argv: list[str], env: dict | None = None) -> set[str]:
    code = (
        "import sys\n"
        "from thresher.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(proc.stderr.split())


def test_top_level_help_lists_every_command_without_importing_any_of_them():
    loaded = _modules_loaded_by(["--help"])
    assert not [m for m in loaded if m.startswith(HEAVY)]


def test_a_command_imports_its_own_module_and_not_the_others():
    loaded = _modules_loaded_by(["dedup-params", "--threshold", "0.7"])
    assert "thresher.commands.dedup_params" in loaded
    others = {module for name, (module, _) in COMMANDS.items() if name != "dedup-params"}
    assert not others & loaded


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_help_line_in_the_table_is_the_one_the_command_registers(name):
    module, summary = COMMANDS[name]
    sub = next(a for a in build_parser(name)._actions if a.dest == "command")
    registered = {a.dest: a.help for a in sub._choices_actions}
    assert registered[name] == summary


def test_the_command_is_the_first_argument_that_is_not_an_option():
    assert chosen_command(["clean", "demo", "-o", "x"]) == "clean"
    assert chosen_command(["-h", "report", "out/"]) == "report"
    assert chosen_command(["--help"]) is None
    assert chosen_command(["clen", "x"]) is None


def test_cleaning_one_text_page_imports_no_html_extractor_and_no_duckdb(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A short page.\nIt has two lines of plain text, and no HTML at all in it.\n")
    loaded = _modules_loaded_by(["clean", str(page)])
    assert "thresher.steps.extract.step" in loaded  # the extract step is in the pipeline ...
    assert not [m for m in loaded if m.startswith(("trafilatura", "resiliparse", "duckdb"))]  # ... and needs none of them


def test_cleaning_one_text_page_imports_no_scipy_and_no_ftfy(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A short page.\nIt has two lines of plain text, and no mojibake at all in it.\n")
    loaded = _modules_loaded_by(["clean", str(page)])
    assert "thresher.steps.quality.token_scan" in loaded  # the kernels are loaded ...
    assert not [m for m in loaded if m.startswith(("scipy.linalg", "ftfy"))]  # ... without numba's BLAS probe; no repair needed


# A rule pattern that is long (byline names and dates, the boilerplate rules' alternations) costs
# milliseconds to compile; short ones are compiled at import and do not matter here. Counted
# where thresher's code asks for them (not a library's own patterns).
_LONG = 1000
_COUNT_COMPILES = (
    "import re, re._compiler, regex, regex._main, sys\n"
    "compiled = []\n"
    "def counting(fn):\n"
    "    def wrapper(p, *a, **k):\n"
    "        caller = sys._getframe(1)\n"
    "        while caller is not None and caller.f_code.co_filename.startswith((re.__file__[:-11], regex.__file__[:-11])):\n"
    "            caller = caller.f_back  # the re and regex packages' own frames\n"
    "        if isinstance(p, str) and len(p) > %d and caller is not None and 'thresher' in caller.f_code.co_filename:\n"
    "            compiled.append(len(p))\n"
    "        return fn(p, *a, **k)\n"
    "    return wrapper\n"
    "re._compiler.compile = counting(re._compiler.compile)\n"
    "regex._main._compile = counting(regex._main._compile)\n"
    "from thresher.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(len(compiled), file=sys.stderr)\n"
) % _LONG


def test_a_second_run_compiles_none_of_the_long_rule_patterns(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Shell to pay $1m to former boss\nBy Jane Doe\nPublished: 12 May 2016\n"
                    "Shell is to pay $1m to the ex-finance chief who stepped down from her post in April.\n"
                    "Share this article\nNo comments:\n")
    env = {**os.environ, "THRESHER_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", _COUNT_COMPILES, "clean", str(page)], capture_output=True, text=True, env=env)
            for _ in range(2)]
    first, second = (int(r.stderr.split()[-1]) for r in runs)
    assert first > 0  # the page reaches byline, date and boilerplate rules ...
    assert second == 0  # ... and the machine compiled them once
