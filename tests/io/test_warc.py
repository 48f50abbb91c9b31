"""WARC/WET reading: files the tests build themselves, plus the shared Common Crawl samples."""

from __future__ import annotations

import gzip
import os
import uuid
from pathlib import Path

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.warc import read_warc
from thresher.stats import Stats
from thresher.steps.base import ShardContext
from thresher.steps.extract.step import ExtractHtml

PAGE = (
    "<html><head><title>Harbour bridge reopens</title></head><body>"
    "<p>The harbour bridge reopened on Monday after three years of repairs to its steel deck.</p>"
    "</body></html>"
)


# -- a small hand-written WARC writer ---------------------------------------------------------
def warc_record(rtype: str, block: bytes, uri: str = "https://example.org/a", rid: str | None = None,
                content_type: str | None = None, extra: dict | None = None) -> tuple[str, bytes]:
    rid = rid or f"<urn:uuid:{uuid.uuid4()}>"
    headers = {
        "WARC-Type": rtype,
        "WARC-Record-ID": rid,
        "WARC-Date": "2024-04-25T16:24:44Z",
        "WARC-Target-URI": uri,
        "Content-Type": content_type or ("application/http; msgtype=response" if rtype == "response" else "text/plain"),
        "Content-Length": str(len(block)),
        **(extra or {}),
    }
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return rid, head.encode() + block + b"\r\n\r\n"


def http(body: bytes, status: int = 200, content_type: str | None = "text/html; charset=utf-8", headers: dict | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Other'}"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def write_warc(path: Path, records: list[bytes]) -> list[int]:
    """Write records, one gzip member each for .gz; return each record's start offset."""
    offsets = []
    with open(path, "wb") as f:
        for rec in records:
            offsets.append(f.tell())
            f.write(gzip.compress(rec) if path.name.endswith(".gz") else rec)
    return offsets


def read(path: Path, **opts) -> tuple[list, Stats]:
    stats = Stats()
    docs = list(read_warc(path, path.name, ReadOptions(**opts), stats))
    return docs, stats


# -- tests ------------------------------------------------------------------------------------
def test_html_responses_become_documents_and_everything_else_is_counted(tmp_path):
    rid, page = warc_record("response", http(PAGE.encode()), uri="https://example.org/bridge")
    records = [
        warc_record("warcinfo", b"software: test\r\n", content_type="application/warc-fields")[1],
        warc_record("request", b"GET /bridge HTTP/1.1\r\nHost: example.org\r\n\r\n",
                    content_type="application/http; msgtype=request")[1],
        page,
        warc_record("response", http(b"<html>gone</html>", status=404))[1],
        warc_record("response", http(b"", status=301, headers={"Location": "https://example.org/b"}))[1],
        warc_record("response", http(b"\x89PNG\r\n\x1a\n", content_type="image/png"))[1],
        warc_record("metadata", b"fetchTimeMs: 12\r\n", content_type="application/warc-fields")[1],
    ]
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, records)
    docs, stats = read(path)

    assert [d.id for d in docs] == [rid]
    d = docs[0]
    assert d.original == PAGE
    assert d.metadata["format"] == "html"
    assert d.metadata["url"] == "https://example.org/bridge"
    assert d.metadata["crawl_date"] == "2024-04-25T16:24:44Z"
    assert d.metadata["record_id"] == rid
    assert d.metadata["http_status"] == 200
    assert d.metadata["content_type"] == "text/html; charset=utf-8"
    assert d.metadata["charset"] == "utf-8"
    assert d.metadata["offset"] == offsets[2]
    assert stats.skipped_records == {
        "warc:record_type:warcinfo": 1,
        "warc:record_type:request": 1,
        "warc:record_type:metadata": 1,
        "warc:http_status:404": 1,
        "warc:http_status:301": 1,
        "warc:not_html": 1,
    }
    assert not stats.input_errors


def test_plain_and_gzip_per_record_files_read_the_same(tmp_path):
    records = [warc_record("response", http(f"<html><p>page {i}</p></html>".encode()))[1] for i in range(3)]
    plain, gz = tmp_path / "a.warc", tmp_path / "a.warc.gz"
    write_warc(plain, records)
    write_warc(gz, records)
    a, _ = read(plain)
    b, _ = read(gz)
    assert [d.original for d in a] == [d.original for d in b] == [f"<html><p>page {i}</p></html>" for i in range(3)]
    assert [d.id for d in a] == [d.id for d in b]


def _two_member_file(tmp_path):
    # A body that compresses poorly, so a cut in the middle of its member lands in the payload.
    body = ("<html><body><p>" + os.urandom(6000).hex() + "</p></body></html>").encode()
    first_id, first = warc_record("response", http(PAGE.encode()))
    second_id, second = warc_record("response", http(body))
    path = tmp_path / "cut.warc.gz"
    offsets = write_warc(path, [first, second])
    return path, offsets, first_id, second_id, body


def test_gzip_member_cut_in_its_payload_is_dropped_with_what_was_read(tmp_path):
    path, offsets, first_id, second_id, body = _two_member_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[1] + (len(data) - offsets[1]) * 3 // 4])

    docs, stats = read(path)  # must not raise

    assert [d.id for d in docs] == [first_id, second_id]
    assert docs[0].kept and docs[0].original == PAGE and "truncated" not in docs[0].metadata
    # A partial page is not a page: dropped by the reader, named, and what was read rides along.
    cut = docs[1]
    assert not cut.kept and (cut.verdict.step, cut.verdict.reason) == ("read", "input:truncated")
    assert cut.original.startswith("<html><body><p>") and 0 < len(cut.original) < len(body)
    assert cut.metadata["truncated"] is True and cut.metadata["offset"] == offsets[1]
    assert dict(stats.input_errors) == {"truncated_record": 1}
    assert stats.error_samples[0].startswith(f"cut.warc.gz@{offsets[1]}: truncated_record")

    kept, stats = read(path, keep_truncated=True)  # the option keeps it, flagged
    assert kept[1].kept and kept[1].metadata["truncated"] is True and kept[1].original == cut.original
    assert dict(stats.input_errors) == {"truncated_record": 1}


def test_gzip_member_cut_in_its_header_is_counted_with_file_and_offset(tmp_path):
    path, offsets, first_id, _, _ = _two_member_file(tmp_path)
    path.write_bytes(path.read_bytes()[: offsets[1] + 40])

    docs, stats = read(path)

    assert [d.id for d in docs] == [first_id] and docs[0].original == PAGE
    assert sum(stats.input_errors.values()) == 1
    assert stats.error_samples[0].startswith(f"cut.warc.gz@{offsets[1]}: truncated_")


def test_garbage_after_the_last_record_is_counted(tmp_path):
    path = tmp_path / "tail.warc.gz"
    offsets = write_warc(path, [warc_record("response", http(PAGE.encode()))[1]])
    end = path.stat().st_size
    with open(path, "ab") as f:
        f.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: resp")[:25])  # a member cut short
    docs, stats = read(path)
    assert len(docs) == 1 and offsets == [0]
    assert sum(stats.input_errors.values()) == 1
    assert stats.error_samples[0].startswith(f"tail.warc.gz@{end}: truncated_")


def test_truncated_plain_record_is_dropped_unless_asked_to_keep_it(tmp_path):
    _, rec = warc_record("response", http(("<html><p>" + "word " * 2000 + "</p></html>").encode()))
    path = tmp_path / "cut.warc"
    path.write_bytes(rec[: len(rec) // 2])
    docs, stats = read(path)
    assert len(docs) == 1 and not docs[0].kept and docs[0].verdict.reason == "input:truncated"
    assert docs[0].original.startswith("<html><p>word word")
    assert dict(stats.input_errors) == {"truncated_record": 1}
    assert stats.error_samples[0].startswith("cut.warc@0: truncated_record")
    docs, _ = read(path, keep_truncated=True)
    assert docs[0].kept and docs[0].metadata["truncated"] is True


def test_wrong_declared_charset_is_not_trusted(tmp_path):
    latin = "<html><p>Café crème à la Gare du Nord, déjà vu.</p></html>".encode("cp1252")
    utf8 = "<html><p>Café crème à la Gare du Nord, déjà vu.</p></html>".encode("utf-8")
    cyr = '<html><head><meta charset="windows-1251"></head><p>Привет, мир! Это проверка кодировки.</p></html>'.encode("cp1251")
    path = tmp_path / "charsets.warc.gz"
    write_warc(path, [
        warc_record("response", http(latin, content_type="text/html; charset=utf-8"))[1],  # says UTF-8, is not
        warc_record("response", http(utf8, content_type="text/html; charset=iso-8859-1"))[1],  # says Latin-1, is UTF-8
        warc_record("response", http(cyr, content_type="text/html"))[1],  # only <meta charset>
    ])
    docs, stats = read(path)
    assert [("Café crème" in d.text) for d in docs[:2]] == [True, True]
    assert docs[0].metadata["charset_declared"] == "utf-8" and docs[0].metadata["charset"] != "utf-8"
    assert docs[1].metadata["charset"] == "utf-8"
    assert "Привет, мир!" in docs[2].text and docs[2].metadata["charset_source"] == "meta"
    assert not any(d.metadata.get("decode_errors") for d in docs)


def test_bad_bytes_never_crash_and_are_flagged(tmp_path):
    # A UTF-8 byte-order mark promises UTF-8; the bytes after it break that promise.
    bad = b"\xef\xbb\xbf<html><p>ok \xff\xfe\xc3 then more text</p></html>"
    path = tmp_path / "bad.warc"
    write_warc(path, [warc_record("response", http(bad))[1]])
    docs, stats = read(path)
    assert len(docs) == 1
    assert "\ufffd" in docs[0].text and "then more text" in docs[0].text
    assert docs[0].metadata["decode_errors"] is True
    assert stats.input_errors["decode_errors"] == 1


def test_huge_page_is_dropped_unread_and_the_file_goes_on(tmp_path):
    huge_id, huge = warc_record("response", http(b"<html>" + b"x" * 50_000 + b"</html>"))
    small_id, small = warc_record("response", http(PAGE.encode()))
    path = tmp_path / "huge.warc.gz"
    write_warc(path, [huge, small])
    docs, stats = read(path, max_bytes=10_000, too_large_head_bytes=1000)
    assert [d.id for d in docs] == [huge_id, small_id]
    big = docs[0]
    assert not big.kept and big.verdict.reason == "input:too_large"
    # rejected/ gets the record's first bytes and where the whole of it is
    assert big.original.startswith("HTTP/1.1 200 OK\r\n") and "<html>xxx" in big.original and len(big.original) == 1000
    assert (big.metadata["source"], big.metadata["offset"], big.metadata["size"]) == ("huge.warc.gz", 0, len(http(b"x" * 50_013)))
    assert "huge.warc.gz@0" in big.verdict.detail
    assert docs[1].kept and docs[1].original == PAGE
    assert dict(stats.input_errors) == {"record_too_large": 1}


def test_chunked_and_gzip_encoded_payloads_are_undone(tmp_path):
    gz = gzip.compress(PAGE.encode())
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(gz[i:i + 40]), gz[i:i + 40]) for i in range(0, len(gz), 40)) + b"0\r\n\r\n"
    path = tmp_path / "enc.warc"
    write_warc(path, [warc_record("response", http(chunked, headers={"Transfer-Encoding": "chunked", "Content-Encoding": "gzip"}))[1]])
    docs, stats = read(path)
    assert [d.original for d in docs] == [PAGE]
    assert not stats.input_errors


def test_gzip_bomb_payload_is_dropped_as_too_large_not_inflated(tmp_path):
    # 5 MB of zeros gzip to a few KB: the record is small, what it inflates to is not.
    bomb = gzip.compress(b"<html>" + b"\0" * 5_000_000 + b"</html>")
    bomb_id, rec = warc_record("response", http(bomb, headers={"Content-Encoding": "gzip"}))
    small_id, small = warc_record("response", http(PAGE.encode()))
    path = tmp_path / "bomb.warc"
    write_warc(path, [rec, small])
    docs, stats = read(path, max_bytes=100_000)
    assert [d.id for d in docs] == [bomb_id, small_id]
    assert not docs[0].kept and docs[0].verdict.reason == "input:too_large"
    assert docs[1].original == PAGE
    assert stats.input_errors["record_too_large"] == 1


def test_error_building_one_document_costs_that_record_only(tmp_path, monkeypatch):
    import thresher.io.readers.warc as warc

    ids, records = zip(*(warc_record("response", http(f"<html><p>page {i}</p></html>".encode())) for i in range(3)))
    path = tmp_path / "odd.warc.gz"
    write_warc(path, list(records))
    real = warc.record_to_document

    def flaky(raw, rel, opts, stats):
        if raw.headers.get("WARC-Record-ID") == ids[1]:
            raise ValueError("odd record")
        return real(raw, rel, opts, stats)

    monkeypatch.setattr(warc, "record_to_document", flaky)
    docs, stats = read(path)
    assert [d.id for d in docs] == [ids[0], ids[2]]
    assert dict(stats.input_errors) == {"reader_error": 1}
    assert "odd record" in stats.error_samples[0]


def test_wet_conversion_records_are_plain_text(tmp_path):
    text = "Harbour bridge reopens\nThe bridge reopened on Monday after three years."
    rid, conv = warc_record("conversion", text.encode(), uri="https://example.org/bridge",
                            extra={"WARC-Identified-Content-Language": "eng"})
    path = tmp_path / "crawl.warc.wet.gz"
    write_warc(path, [warc_record("warcinfo", b"x: y\r\n", content_type="application/warc-fields")[1], conv])
    docs, stats = read(path)
    assert [(d.id, d.original) for d in docs] == [(rid, text)]
    assert docs[0].metadata.get("format") != "html"
    assert docs[0].metadata["url"] == "https://example.org/bridge"
    assert docs[0].metadata["warc_languages"] == "eng"
    assert stats.skipped_records == {"warc:record_type:warcinfo": 1}


def test_shared_common_crawl_samples_read_and_extract_end_to_end(shared_data):
    files = sorted((shared_data / "common-crawl-samples").glob("*.warc.gz"))
    assert len(files) == 2
    ctx = ShardContext()
    docs = [d for f in files for d in read_warc(f, f.name, ReadOptions(), ctx.stats)]
    # The two samples hold 22 + 15 HTTP 200 HTML responses; requests, warcinfo, resource and
    # metadata records are skipped and counted.
    assert len(docs) == 37
    assert len({d.id for d in docs}) == 37 and all(d.id.startswith("<urn:uuid:") for d in docs)
    assert all(d.metadata["format"] == "html" and d.metadata["url"].startswith("http") for d in docs)
    assert ctx.stats.skipped_records["warc:record_type:request"] == 37
    assert not ctx.stats.input_errors

    out = list(ExtractHtml().run(docs, ctx))
    kept = [d for d in out if d.kept]
    assert len(kept) >= 30
    for d in kept:
        assert d.metadata["format"] == "text" and d.metadata["html_chars"] > len(d.text)
        assert "<" not in d.text[:200] and "\n" in d.text
    cc = next(d for d in kept if d.metadata["url"] == "https://creativecommons.org/")
    assert cc.text.splitlines()[0] == "Homepage - Creative Commons"


def test_whole_file_as_one_gzip_stream_reads_without_false_errors(tmp_path):
    records = [warc_record("response", http(f"<html><p>page {i}</p></html>".encode() * 50))[1] for i in range(5)]
    path = tmp_path / "single.warc.gz"
    path.write_bytes(gzip.compress(b"".join(records)))
    docs, stats = read(path)
    assert len(docs) == 5 and not stats.input_errors


def test_file_that_is_not_a_warc_is_counted_not_raised(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_bytes(b"these are just some notes, not a web archive\n" * 10)
    docs, stats = read(path)
    assert docs == [] and sum(stats.input_errors.values()) == 1
    assert stats.error_samples[0].startswith("notes.warc@0:")


# -- damage in the middle of a file (issue 14, item 2) ----------------------------------------
def _pages(n: int) -> tuple[list[str], list[bytes]]:
    ids, recs = zip(*(warc_record("response", http(f"<html><p>page {i} {'word ' * (40 + i)}</p></html>".encode()))
                      for i in range(n)))
    return list(ids), list(recs)


def _with_length(rec: bytes, value: bytes) -> bytes:
    head, sep, rest = rec.partition(b"\r\n\r\n")
    lines = [b"Content-Length: " + value if line.startswith(b"Content-Length:") else line for line in head.split(b"\r\n")]
    return b"\r\n".join(lines) + sep + rest


def test_one_corrupt_content_length_costs_that_record_only(tmp_path):
    ids, recs = _pages(22)
    for value in (b"99999999999", b"900000", b"100", b"12x"):
        for name in ("bad.warc", "bad.warc.gz"):
            path = tmp_path / name
            damaged = recs[:3] + [_with_length(recs[3], value)] + recs[4:]
            offsets = write_warc(path, damaged)
            docs, stats = read(path)
            assert [d.id for d in docs] == ids[:3] + ids[4:], (name, value)
            assert all(d.kept for d in docs)
            assert sum(stats.input_errors.values()) == 1, (name, value, stats.error_samples)
            kind = next(iter(stats.input_errors))
            assert kind == "corrupt_record", (name, value, kind)
            assert stats.error_samples[0].startswith(f"{name}@{offsets[3]}: corrupt_record"), stats.error_samples


def test_bytes_between_records_are_reported_and_skipped(tmp_path):
    ids, recs = _pages(5)
    plain = tmp_path / "junk.warc"
    offsets = write_warc(plain, recs)
    data = plain.read_bytes()
    junk = b"\x00\x17 not a record \xff\r\n" * 20
    plain.write_bytes(data[:offsets[2]] + junk + data[offsets[2]:])
    docs, stats = read(plain)
    assert [d.id for d in docs] == ids
    assert dict(stats.input_errors) == {"stray_bytes": 1}
    assert stats.error_samples[0].startswith(f"junk.warc@{offsets[2]}: stray_bytes")
    assert f"skipped {len(junk):,} bytes" in stats.error_samples[0]


def test_a_gzip_member_that_does_not_decompress_costs_its_record_only(tmp_path):
    ids, recs = _pages(6)
    path = tmp_path / "flip.warc.gz"
    offsets = write_warc(path, recs)
    data = bytearray(path.read_bytes())
    for i in range(offsets[2] + 20, offsets[2] + 60):  # the deflate data of the third member
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    docs, stats = read(path)
    assert [d.id for d in docs if d.kept] == ids[:2] + ids[3:]
    assert sum(stats.input_errors.values()) == 1 and stats.input_errors["corrupt_file"] == 1
    assert stats.error_samples[0].startswith(f"flip.warc.gz@{offsets[2]}: corrupt_file")
    assert f"resumed at the next member, byte {offsets[3]:,}" in stats.error_samples[0]
    assert not any(d.kept for d in docs if d.id == ids[2])


def test_garbage_between_gzip_members_is_reported_and_skipped(tmp_path):
    ids, recs = _pages(4)
    path = tmp_path / "junk.warc.gz"
    offsets = write_warc(path, recs)
    data = path.read_bytes()
    path.write_bytes(data[:offsets[1]] + os.urandom(500).replace(b"\x1f", b"") + data[offsets[1]:])
    docs, stats = read(path)
    assert [d.id for d in docs] == ids
    assert dict(stats.input_errors) == {"corrupt_file": 1}
    assert stats.error_samples[0].startswith(f"junk.warc.gz@{offsets[1]}: corrupt_file")
