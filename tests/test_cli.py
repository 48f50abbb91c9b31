"""What a user types, end to end through the installed entry point's main()."""

import json
import subprocess
import sys

import orjson
import pytest

from thresher.cli import main


def test_clean_prints_the_seed_exactly_as_expected(seed_page, capsys):
    assert main(["clean", str(seed_page)]) == 0
    expected = seed_page.with_name("000_7829b123e079136c.expected.txt").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected


def test_clean_json_prints_the_record_with_image_credit_and_named_edits(seed_page, capsys):
    assert main(["clean", str(seed_page), "--json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    meta = json.loads(seed_page.with_name("000_7829b123e079136c.expected-metadata.json").read_text())
    for key, value in meta.items():
        assert rec["metadata"][key] == value
    assert rec["verdict"]["kept"] is True
    rules = {e[2] for e in rec["edits"]}
    assert all(r for r in rules)  # every edit is named
    assert len(rules) >= 3  # credit, wrap and repeat are three different repairs


PAGE = ("The harbour bridge reopened on Monday after three years of repairs, the council said. Engineers replaced "
        "the deck, repainted the steel towers and rebuilt both approach roads. Traffic was light in the morning, but "
        "shop owners on the south bank expect trade to recover. The mayor thanked the workers for their patience. "
        "She said the town had waited long enough for its main route to open again.")


def test_clean_without_an_output_folder_prints_an_exact_copy_once_and_names_the_dropped_one(tmp_path, capsys, monkeypatch):
    import tempfile

    src = tmp_path / "pages.jsonl"
    src.write_bytes(b"".join(orjson.dumps({"id": i, "text": PAGE}) + b"\n" for i in ("a-first", "b-copy")))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert main(["clean", str(src), "--workers", "1"]) == 0
    printed = capsys.readouterr()
    assert printed.out.count("The harbour bridge reopened") == 1
    assert "b-copy: dropped by exact_dedup: exact_duplicate exact_duplicate_of=a-first" in printed.err
    assert list(scratch.glob("thresher-stdout-*")) == []  # the job's temporary folder is gone
    assert main(["clean", str(src), "--workers", "1", "--json"]) == 0
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["verdict"]["reason"]) for r in recs] == [("a-first", None), ("b-copy", "exact_duplicate")]
    assert main(["clean", str(src), "--no-dedup"]) == 0  # without the dedup stages both are printed
    assert capsys.readouterr().out.count("The harbour bridge reopened") == 2


def test_explain_marks_every_removed_span_on_the_original(seed_page, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["clean", str(seed_page), "-o", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), seed_page.name, "--color", "never"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"{seed_page.name}: kept")
    # The comment widget at the end: removed, and named by its rule.
    assert "[-No comments:⏎\nPost a Comment-]<<boilerplate:comment_widget>>" in shown
    # The wrapped lead: each line break replaced by a space, named.
    assert "On[-⏎\n-]{+ +}<<unwrap:dangling_word>>Monday" in shown
    # Piped output carries no terminal colour codes.
    assert "\x1b[" not in shown


def test_explain_in_colour_uses_styles_not_brackets(seed_page, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["clean", str(seed_page), "-o", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), seed_page.name, "--color", "always"]) == 0
    shown = capsys.readouterr().out
    assert "\x1b[" in shown and "[-" not in shown


def test_demo_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / "mine.txt").write_text("keep me")
    assert main(["demo", "--dir", str(tmp_path), "--pages", "10", "--workers", "1"]) == 2
    assert (tmp_path / "input" / "mine.txt").read_text() == "keep me"
    assert "not a thresher demo folder" in capsys.readouterr().err


def test_a_wrong_option_type_is_refused_before_anything_runs(tmp_path, seed_page, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[[step]]\nname = "guard"\nmax_chars = "lots"\n')
    assert main(["clean", str(seed_page), "--config", str(cfg), "-o", str(tmp_path / "out")]) == 2
    assert "option max_chars must be int, not str" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_ignored_files_in_a_folder_are_named(tmp_path, capsys):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.gz").write_bytes(b"")
    assert main(["clean", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "ignored 2 file(s) of a kind no reader knows (.json 1, .gz 1)" in err and "nothing to read" in err


def test_an_output_path_that_is_a_file_is_refused(tmp_path, seed_page, capsys):
    target = tmp_path / "out.txt"
    target.write_text("not a folder")
    assert main(["clean", str(seed_page), "-o", str(target)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_demo_runs_from_the_entry_point_and_prints_the_summary(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "thresher.cli", "demo", "--dir", str(tmp_path / "demo"), "--pages", "120", "--workers", "2"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "kept" in proc.stdout and "dropped" in proc.stdout and "MB/s per core" in proc.stdout
    stats = orjson.loads((tmp_path / "demo" / "out" / "stats.json").read_bytes())
    assert stats["docs_in"] >= 120
    assert 0 < stats["docs_kept"] < stats["docs_in"]  # the demo has pages to drop and pages to keep
    assert stats["chars_by_rule"], "repairs are counted by rule"
    assert "thresher explain" in proc.stdout


def _first_line_then_close(cmd: list[str]) -> tuple[int, str]:
    """Run ``cmd`` as `cmd | head -1` would: read one line of its stdout, then stop reading."""
    proc = subprocess.Popen([sys.executable, "-m", "thresher", *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), err


def test_every_command_piped_into_head_ends_quietly_with_exit_0(tmp_path):
    # A document far larger than a pipe's buffer, dropped by the guard so that its trace (the
    # whole original) is what explain prints.
    src = tmp_path / "big.jsonl"
    paragraphs = "\n\n".join(f"Paragraph {i} of a very long page about the weather." for i in range(8000))
    src.write_bytes(orjson.dumps({"id": "big", "text": paragraphs}) + b"\n" + orjson.dumps({"id": "small", "text": "Kept."}) + b"\n")
    cfg = tmp_path / "guard.toml"
    cfg.write_text('replace = true\n[[step]]\nname = "guard"\nmax_chars = 1000\n')
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--config", str(cfg), "--workers", "1"]) == 0
    for cmd in (["explain", str(out), "big"], ["clean", str(src), "--json", "--config", str(cfg)]):
        rc, err = _first_line_then_close(cmd)
        assert (rc, err) == (0, ""), cmd


# -- exit codes ---------------------------------------------------------------------------------
GUARD = 'replace = true\n[[step]]\nname = "guard"\n'


def _pages(path, n: int, field: str = "text", bad: int = 0) -> None:
    lines = [orjson.dumps({"id": f"p{i}", field: f"Page {i} says something worth keeping."}) for i in range(n)]
    path.write_bytes(b"\n".join(lines + [b'{"id": "broken", "te'] * bad) + b"\n")


def test_a_wrong_text_field_exits_4_with_one_line_that_names_the_reason_and_the_field(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    _pages(src, 40, field="body")
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD)
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--config", str(cfg), "--workers", "1"]) == 4
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "input:missing_field" in line]
    assert said == ["thresher: 40 of 40 records (100%) were rejected as input:missing_field: "
                    "is 'text' the field that holds the text? (--text-field, --html-field)"]
    assert "nothing was kept" in err
    # the same without -o, printing to stdout
    assert main(["clean", str(src), "--config", str(cfg)]) == 4
    assert "40 of 40 records (100%) were rejected as input:missing_field" in capsys.readouterr().err
    assert main(["clean", str(src), "-o", str(tmp_path / "right"), "--config", str(cfg), "--text-field", "body"]) == 0


def test_bad_input_over_the_threshold_exits_4_and_under_it_exits_0(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    _pages(src, 7, bad=3)  # 3 of 10 records are malformed JSON
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD)
    assert main(["clean", str(src), "-o", str(tmp_path / "a"), "--config", str(cfg), "--workers", "1"]) == 0
    assert "rejected as" not in capsys.readouterr().err
    assert main(["clean", str(src), "-o", str(tmp_path / "b"), "--config", str(cfg), "--max-input-errors", "0.2"]) == 4
    assert ("thresher: 3 of 10 records (30%) were rejected as bad input (input:malformed_json 3), "
            "more than --max-input-errors 0.2") in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["clean", str(src), "--max-input-errors", "2"])
    assert "not a share between 0 and 1" in capsys.readouterr().err


def test_a_run_that_keeps_nothing_exits_4(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(orjson.dumps({"id": f"e{i}", "text": " "}) + b"\n" for i in range(5)))
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD)
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--config", str(cfg), "--workers", "1"]) == 4
    assert "thresher: nothing was kept: all 5 documents were dropped" in capsys.readouterr().err


def test_a_license_and_a_readme_beside_the_data_are_left_out_with_a_note_and_the_run_exits_0(tmp_path, capsys):
    folder = tmp_path / "crawl"
    folder.mkdir()
    _pages(folder / "part-0.jsonl", 5)
    (folder / "LICENSE").write_text("MIT License\n")
    (folder / "README.md").write_text("# my crawl\n")
    cfg = tmp_path / "guard.toml"
    cfg.write_text(GUARD)
    assert main(["clean", str(folder), "-o", str(tmp_path / "out"), "--config", str(cfg), "--workers", "1"]) == 0
    assert "ignored 2 file(s) of a kind no reader knows (LICENSE 1, .md 1)" in capsys.readouterr().err
    # named one by one, as a shell's crawl/* names them: a note too, not a failure
    args = [str(p) for p in sorted(folder.iterdir())]
    assert main(["clean", *args, "-o", str(tmp_path / "out2"), "--config", str(cfg), "--workers", "1"]) == 0
    assert "LICENSE: ignored 1 file(s)" in capsys.readouterr().err
