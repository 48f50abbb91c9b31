"""Start-up: a command imports only what it needs, so `thresher --help` answers at once."""

import subprocess
import sys

import pytest

from thresher.cli import COMMANDS, build_parser, chosen_command

HEAVY = ("thresher.commands", "pyarrow", "numba", "numpy", "rich", "trafilatura", "duckdb", "fasttext")


def _modules_loaded_by(argv: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from thresher.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
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
