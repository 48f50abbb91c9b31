import html
from pathlib import Path

from thresher.cli import main


def test_report_shows_counts_reasons_and_marked_samples(tmp_path, capsys):
    src = tmp_path / "pages"
    src.mkdir()
    (src / "empty.txt").write_text("   ")
    (src / "big.txt").write_text("<b>" * 40_000)
    (src / "fine.txt").write_text("A fine page.")
    cfg = tmp_path / "c.toml"
    cfg.write_text('replace = true\n[[step]]\nname = "guard"\nmax_chars = 100000\n')
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--config", str(cfg), "--workers", "1"]) == 0
    assert main(["report", str(out)]) == 0
    page = (out / "report.html").read_text()
    assert "3 documents in, <b>1 kept</b>" in page
    assert "<h3>dropped: too_large</h3>" in page and "<h3>dropped: empty</h3>" in page
    assert "<b>" * 3 not in page.split('<h2 id="samples">Sampled')[1]  # document text is escaped, never markup
    assert html.escape("<b>") * 3 in page
    assert "more characters]" in page  # huge documents are cut short in the report
    assert main(["report", str(tmp_path)]) == 2


def test_report_and_explain_mark_the_same_segments():
    from thresher.commands.explain import render_marked
    from thresher.commands.marking import segments
    from thresher.commands.report import marked_html
    from thresher.document import Edit

    original = "keep <this> drop me\nend"
    edits = [Edit(5, 11, "html:tag", "[b]"), Edit(12, 20, "junk")]
    assert list(segments(original, edits)) == [
        ("kept", "keep "), ("removed", "<this>"), ("inserted", "[b]"), ("rule", "html:tag"),
        ("kept", " "), ("removed", "drop me\n"), ("rule", "junk"), ("kept", "end"),
    ]
    assert marked_html(original, edits) == (
        'keep <del>&lt;this&gt;</del><ins>[b]</ins><span class="rule">html:tag</span> '
        '<del>drop me\n</del><span class="rule">junk</span>end'
    )
    assert render_marked(original, edits, plain=True).plain == "keep [-<this>-]{+[b]+}<<html:tag>> [-drop me⏎\n-]<<junk>>end"


def _guard_only_clean(tmp_path, fmt: str) -> "Path":
    cfg = tmp_path / "guard.toml"
    cfg.write_text('replace = true\n[[step]]\nname = "guard"\n')
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "text": "The harbour bridge reopened on Monday after three years of repairs.", "see_also": "b"}\n'
        '{"id": "c", "text": "A second page about the market square and its Saturday stalls."}\n'
    )
    out = tmp_path / f"out_{fmt}"
    assert main(["clean", str(src), "-o", str(out), "--format", fmt, "--config", str(cfg), "--workers", "1"]) == 0
    return out


def test_explain_finds_an_unchanged_kept_document_in_parquet_output(tmp_path, capsys):
    out = _guard_only_clean(tmp_path, "parquet")
    assert list((out / "kept").glob("*.parquet"))
    capsys.readouterr()
    assert main(["explain", str(out), "c", "--color", "never"]) == 0
    assert "c: kept, unchanged" in capsys.readouterr().out


def test_explain_matches_the_id_field_not_any_field(tmp_path, capsys):
    for fmt in ("jsonl", "parquet"):
        out = _guard_only_clean(tmp_path, fmt)
        capsys.readouterr()
        # "b" is only the value of another field of document "a": no document has that id.
        assert main(["explain", str(out), "b", "--color", "never"]) == 1, fmt
        assert "no document with id 'b'" in capsys.readouterr().err


def test_the_report_reads_what_the_job_gathered_not_the_documents(tmp_path):
    """A 1M-page job's report must not read the corpus again: it works with kept/, rejected/ and
    trace/ gone, sampled documents included."""
    import shutil

    from thresher.synth.demo import write_demo_corpus

    src = tmp_path / "in"
    src.mkdir()
    write_demo_corpus(src, n_pages=60, seed=1)
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 0
    assert main(["report", str(out), "-o", str(tmp_path / "before.html")]) == 0
    for kind in ("kept", "rejected", "trace"):
        shutil.rmtree(out / kind)
    assert main(["report", str(out), "-o", str(tmp_path / "after.html")]) == 0
    after = (tmp_path / "after.html").read_text()
    assert after == (tmp_path / "before.html").read_text()
    assert '<details id="doc-' in after and "<h3>kept documents</h3>" in after


def test_a_folder_from_before_profiles_gets_its_counts_and_a_note(tmp_path, capsys):
    out = _guard_only_clean(tmp_path, "jsonl")
    (out / "profile.json").unlink()
    assert main(["report", str(out)]) == 0
    page = (out / "report.html").read_text()
    assert "2 documents in, <b>2 kept</b>" in page and "has no profile.json this thresher can read" in page
    (out / "profile.json").write_text('{"edges": [0, 1], "histograms": {}}')  # another grid of bins
    assert main(["report", str(out)]) == 0
    assert "has no profile.json this thresher can read" in (out / "report.html").read_text()
    assert main(["report", str(out), "--samples", "9"]) == 2
    assert "--samples must be between 0 and 5" in capsys.readouterr().err
