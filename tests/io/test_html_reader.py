"""HTML files: one document per file, id relative to the folder, charset honoured or detected."""

from __future__ import annotations

import gzip

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.html import decode_html, read_html_file
from thresher.stats import Stats

PAGE = '<html><head><meta charset="{cs}"><title>Café</title></head><body><p>Crème brûlée à la carte, déjà vu.</p></body></html>'


def read(root, rel, **opts):
    stats = Stats()
    return list(read_html_file(root / rel, rel, ReadOptions(**opts), stats)), stats


def test_folder_of_pages_ids_are_relative_paths(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "a.html").write_bytes(PAGE.format(cs="utf-8").encode("utf-8"))
    (tmp_path / "news" / "b.htm").write_bytes(PAGE.format(cs="windows-1252").encode("cp1252"))
    (tmp_path / "news" / "c.html.gz").write_bytes(gzip.compress(PAGE.format(cs="utf-8").encode("utf-8")))
    for rel, charset in (("a.html", "utf-8"), ("news/b.htm", "cp1252"), ("news/c.html.gz", "utf-8")):
        (doc,), stats = read(tmp_path, rel)
        assert doc.id == rel and doc.metadata["source"] == rel
        assert doc.metadata["format"] == "html" and doc.metadata["charset"] == charset
        assert doc.original.startswith("<html>") and "Crème brûlée à la carte" in doc.original
        assert not stats.input_errors


def test_meta_charset_that_lies_about_utf8_content_is_overruled():
    data = PAGE.format(cs="iso-8859-1").encode("utf-8")
    text, charset, source, replaced = decode_html(data)
    assert "Crème brûlée" in text and charset == "utf-8" and source == "valid_utf8" and not replaced


def test_no_declaration_is_detected():
    data = ("<html><body><p>" + "Привет, это длинный русский текст без объявленной кодировки. " * 5 + "</p></body></html>").encode("cp1251")
    text, charset, source, replaced = decode_html(data)
    assert "Привет, это длинный русский текст" in text and source == "detected" and not replaced


def test_truncated_gzip_page_is_dropped_with_what_was_read(tmp_path):
    page = ("<html><body>" + "".join(f"<p>Paragraph {i}: {i * 7919 % 1000003}</p>" for i in range(20000)) + "</body></html>").encode()
    blob = gzip.compress(page)
    (tmp_path / "cut.html.gz").write_bytes(blob[: len(blob) // 2])
    (doc,), stats = read(tmp_path, "cut.html.gz")
    assert doc.metadata["truncated"] is True and doc.id == "cut.html.gz"
    assert not doc.kept and doc.verdict.reason == "input:truncated"
    assert doc.original.startswith("<html><body><p>Paragraph 0: 0</p>") and 0 < len(doc.original) < len(page)
    assert stats.input_errors["truncated_file"] == 1
    assert stats.error_samples[0].startswith("cut.html.gz@")


def test_unreadable_gzip_page_is_counted(tmp_path):
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b not really gzip")
    docs, stats = read(tmp_path, "bad.html.gz")
    assert docs == [] and stats.input_errors["unreadable_file"] == 1


def test_page_over_the_size_cap_is_a_dropped_document(tmp_path):
    (tmp_path / "big.html").write_bytes(b"<html>" + b"x" * 5000 + b"</html>")
    (doc,), stats = read(tmp_path, "big.html", max_bytes=1000, too_large_head_bytes=50)
    assert not doc.kept and doc.verdict.reason == "input:too_large" and doc.id == "big.html"
    assert doc.original == "<html>" + "x" * 44  # its first bytes ride along to rejected/
    assert stats.input_errors["record_too_large"] == 1


def test_thresher_clean_on_a_folder_of_pages_ids_them_by_relative_path(tmp_path, capsys):
    from thresher.cli import main
    from thresher.io.readers.jsonl import read_jsonl

    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    body = "".join(f"<p>Paragraph {i} of the story tells the reader one more plain fact about the bridge works.</p>" for i in range(8))
    for rel in ("index.html", "news/bridge.htm"):
        (site / rel).write_text(f"<html><head><title>{rel}</title></head><body><article>{body}</article></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    # The run is done either way: 4 says nothing was kept (gopher_repetition drops these
    # repetitive pages), which this test does not judge.
    assert main(["clean", str(site), "-o", str(out), "--workers", "1"]) in (0, 4)
    capsys.readouterr()
    # Kept or rejected by a later filter, each page is one document named by its relative path.
    files = sorted((out / "kept").glob("*.jsonl*")) + sorted((out / "rejected").glob("*.jsonl*"))
    docs = [d for f in files for d in read_jsonl(f, f.name, ReadOptions(), Stats())]
    assert sorted(d.id for d in docs) == ["index.html", "news/bridge.htm"]


def test_unlabelled_utf8_is_not_mistaken_for_windows_1252():
    # Byte statistics alone (uchardet) call this cp1252 and turn "—" into "â€”".
    data = "<html><body><p>The airline \u2014 the largest carrier in the region \u2014 signed the deal.</p></body></html>".encode("utf-8")
    text, charset, source, replaced = decode_html(data)
    assert "airline \u2014 the largest" in text and (charset, source, replaced) == ("utf-8", "valid_utf8", False)


def test_utf16_page_without_bom_uses_the_declared_charset():
    page = "<html><body><p>Cafe menu</p></body></html>"  # ASCII: its UTF-16 bytes are valid UTF-8
    for label, codec in (("utf-16le", "utf-16-le"), ("UTF-16BE", "utf-16-be")):
        text, charset, source, replaced = decode_html(page.encode(codec), label)
        assert text == page, label
        assert source == "http" and not replaced
