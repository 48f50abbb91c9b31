"""Property tests for every reader under damage (issue 14, fuzzing): files the tests build, then cut
at a random byte, a few random bytes flipped, or garbage put between records. Whatever the damage,
a reader must not raise, must read every record the damage did not touch, and must report damage
it could see (a compressed stream with a checksum always can).

Bounded: a few dozen examples per property, so each runs in seconds in CI
(``THRESHER_FUZZ_EXAMPLES=N`` for a longer, random campaign).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import zlib
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from thresher.io.readers.base import ReadOptions
from thresher.io.readers.html import read_html_file
from thresher.io.readers.jsonl import read_jsonl
from thresher.io.readers.open import ZSTD_READ
from thresher.io.readers.parquet import read_parquet
from thresher.io.readers.text import read_text_file
from thresher.io.readers.warc import read_warc
from thresher.stats import Stats

from test_warc import http, warc_record

# CI runs the same few examples every time; THRESHER_FUZZ_EXAMPLES=2000 runs a long random campaign.
_CAMPAIGN = int(os.environ.get("THRESHER_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_CAMPAIGN or 25, deadline=None, derandomize=not _CAMPAIGN,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

texts = st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\r"), min_size=1, max_size=60),
                 min_size=1, max_size=12)


def read(reader, path: Path, **opts) -> tuple[list, Stats]:
    stats = Stats()
    return list(reader(path, path.name, ReadOptions(**opts), stats)), stats


def first_by_id(docs: list, text: bool = True) -> dict:
    """The kept documents by id, the first of each id. Damage can make a later record claim an
    earlier one's id (a flipped back-reference copies its bytes): the first is the one read from
    its own place; the job's unique_ids stage renames the later ones."""
    got: dict = {}
    for d in docs:
        if d.kept:
            got.setdefault(d.id, d.original if text else d)
    return got


def flip(data: bytes, positions: list[int]) -> bytes:
    out = bytearray(data)
    for p in positions:
        out[p % len(out)] ^= 0xA5
    return bytes(out)


def prefix_output(data: bytes, kind: str) -> bytes:
    """What a decompressor gives from ``data`` before it stops (end, cut or error): every record
    wholly inside it was decoded without looking at the damage, so a reader must return it."""
    out = []
    if kind == "gz":
        d = zlib.decompressobj(31)
        for i in range(0, len(data), 64):
            try:
                out.append(d.decompress(data[i:i + 64]))
            except zlib.error:
                break
            if d.eof:
                break
    else:
        d = zstandard.ZstdDecompressor().decompressobj()
        for i in range(0, len(data), 64):
            try:
                out.append(d.decompress(data[i:i + 64]))
            except zstandard.ZstdError:
                break
            if d.eof:
                break
    return b"".join(out)


def compress(data: bytes, kind: str) -> bytes:
    if kind == "gz":
        return gzip.compress(data, mtime=0)
    if kind == "zst":
        return zstandard.ZstdCompressor(write_checksum=True).compress(data)
    return data


# -- JSONL, plain / .gz / .zst ----------------------------------------------------------------
def jsonl_lines(values: list[str]) -> list[bytes]:
    return [orjson.dumps({"id": f"r{i}", "text": t}) + b"\n" for i, t in enumerate(values)]


def complete_records(content: bytes, lines: list[bytes]) -> list[str]:
    """Ids of the records whose whole line (newline included) lies unchanged inside ``content``."""
    ids, pos = [], 0
    for i, line in enumerate(lines):
        if content[pos:pos + len(line)] == line:
            ids.append(f"r{i}")
        pos += len(line)
    return ids


# Found by a 20,000-example campaign: a flip makes later lines copies of r3's with other text, and
# a test that kept the last record of each id saw r3 "lost" (the reader had read it whole, first).
REPEATED_VALUES = ["10003\x80\x80\x1dÐ𡐐\U000ee490\x19", "ª\U0004f12dÜf¬\\f2\x1f", "\x80002\x90\x90𗾀𗤁", "00\x90À𐐐\U00048fc0",
                   "Þ¦ÝS\x16à\x01bçAå\x00\x1f", "\x1d¿\U000856b4", "é𖣳#\x1a\U000ea1e5®=£\U0007b8de", "10003\x80\x80\x1dÐ𡐐\U000ee490\x19",
                   "\x80002\x90\x90𗾀𗤁", "00\x90À𐐐\U00048fc0", "\U000a938f\x92\U000fe092", "0\x01𐃅\U000699a6\U00094db9"]


@pytest.mark.parametrize("kind", ["plain", "gz", "zst"])
@FUZZ
@given(values=texts, cut=st.floats(0, 1), flips=st.lists(st.integers(0, 1 << 30), max_size=3),
       damage=st.sampled_from(["cut", "flip"]))
@example(values=REPEATED_VALUES, cut=0.0, flips=[11194], damage="flip")
def test_jsonl_reads_every_undamaged_record_and_reports_damage(tmp_path, kind, values, cut, flips, damage):
    if kind == "zst":  # enough records before the ones drawn for damage to land past a read
        values = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(1000)] + values
    lines = jsonl_lines(values)
    clean = b"".join(lines)
    data = compress(clean, kind)
    if damage == "cut":
        at = int(len(data) * cut)
        bad = data[:at]
    else:
        if not flips:
            return
        bad = flip(data, flips)
        at = min(p % len(data) for p in flips)
    path = tmp_path / {"plain": "f.jsonl", "gz": "f.jsonl.gz", "zst": "f.jsonl.zst"}[kind]
    path.write_bytes(bad)
    docs, stats = read(read_jsonl, path)  # never raises

    got = first_by_id(docs)
    if kind == "plain":
        # a record is undamaged when its line's bytes are all there, unchanged
        must = [f"r{i}" for i, line in enumerate(lines) if _line_intact(bad, lines, i)]
    elif kind == "gz":
        must = complete_records(prefix_output(data[:at], kind), lines)
    else:  # zstd gives nothing of the read that meets damage: what precedes that read is owed
        must = complete_records(prefix_output(data[:max(at - ZSTD_READ, 0)], kind), lines)
    for rid in must:
        assert got.get(rid) == values[int(rid[1:])], (rid, stats.error_samples)
    if kind != "plain" and bad != data:
        # a compressed stream with a checksum: any change to what was read is reported
        read_back = [(d.id, d.original) for d in docs if d.kept]
        if read_back != [(f"r{i}", t) for i, t in enumerate(values)]:
            assert stats.input_errors, "damage changed what was read, and nothing was reported"
    if kind != "plain" and damage == "cut" and at < len(data):
        assert stats.input_errors, "a cut stream was not reported"


def _line_intact(bad: bytes, lines: list[bytes], i: int) -> bool:
    start = sum(len(x) for x in lines[:i])
    end = start + len(lines[i])
    before_ok = i == 0 or bad[start - 1:start] == b"\n"  # the line before still ends where it did
    return bad[start:end] == lines[i] and before_ok


@pytest.mark.parametrize("kind", ["plain", "gz", "zst"])
@FUZZ
@given(values=texts, where=st.integers(0, 100), junk=st.binary(min_size=1, max_size=80))
def test_jsonl_garbage_between_records_is_reported_and_costs_nothing(tmp_path, kind, values, where, junk):
    lines = jsonl_lines(values)
    junk = b"#" + junk.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n"  # never a record, one line
    i = where % (len(lines) + 1)
    path = tmp_path / {"plain": "f.jsonl", "gz": "f.jsonl.gz", "zst": "f.jsonl.zst"}[kind]
    path.write_bytes(compress(b"".join(lines[:i]) + junk + b"".join(lines[i:]), kind))
    docs, stats = read(read_jsonl, path)
    assert [(d.id, d.original) for d in docs if d.kept] == [(f"r{n}", t) for n, t in enumerate(values)]
    assert dict(stats.input_errors) in ({"malformed_json": 1}, {"malformed_json": 1, "invalid_utf8": 1})
    assert stats.error_samples[0].startswith(f"{path.name}:{i + 1}: ")


# -- WARC and WET, plain / per-member gzip ------------------------------------------------------
def warc_records(values: list[str]) -> tuple[list[str], list[bytes], list[str]]:
    """Response (HTML) and conversion (WET) records holding ``values``, with a request between."""
    ids, recs, kinds = [], [], []
    for i, t in enumerate(values):
        body = t.encode()
        if i % 2:
            rid, rec = warc_record("conversion", body, rid=f"<urn:r{i}>")
        else:
            rid, rec = warc_record("response", http(b"<html><p>" + body + b"</p></html>"), rid=f"<urn:r{i}>")
        ids.append(rid)
        recs.append(rec)
        kinds.append("conversion" if i % 2 else "response")
        recs.append(warc_record("request", b"GET / HTTP/1.1\r\n\r\n", rid=f"<urn:q{i}>",  # fixed ids: the same bytes every run
                                content_type="application/http; msgtype=request")[1])
        ids.append("")
        kinds.append("request")
    return ids, recs, kinds


def build_warc(recs: list[bytes], gz: bool) -> tuple[bytes, list[tuple[int, int]]]:
    """The file's bytes and each record's (start, end) byte span in it."""
    out, spans, pos = [], [], 0
    for rec in recs:
        b = gzip.compress(rec, mtime=0) if gz else rec
        out.append(b)
        spans.append((pos, pos + len(b)))
        pos += len(b)
    return b"".join(out), spans


def expected_warc(ids: list[str], values: list[str], intact: list[bool]) -> dict[str, str]:
    want = {}
    for n, (rid, ok) in enumerate(zip(ids, intact)):
        if rid and ok:
            i = int(rid[6:-1])
            want[rid] = values[i]
    return want


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@FUZZ
@given(values=texts, cut=st.floats(0, 1), flips=st.lists(st.integers(0, 1 << 30), min_size=1, max_size=3),
       damage=st.sampled_from(["cut", "flip"]))
def test_warc_reads_every_undamaged_record_and_reports_damage(tmp_path, gz, values, cut, flips, damage):
    ids, recs, _ = warc_records(values)
    data, spans = build_warc(recs, gz)
    if damage == "cut":
        at = int(len(data) * cut)
        bad = data[:at]
        touched = [not (end <= at) for start, end in spans]
    else:
        bad = flip(data, flips)
        hit = [p % len(data) for p in flips]
        touched = [any(start <= p < end for p in hit) for start, end in spans]
    path = tmp_path / ("f.warc.gz" if gz else "f.warc")
    path.write_bytes(bad)
    docs, stats = read(read_warc, path)  # never raises

    got = first_by_id(docs, text=False)
    for rid, value in expected_warc(ids, values, [not t for t in touched]).items():
        assert rid in got, (rid, stats.error_samples)
        assert value in got[rid].original
    if gz and any(touched[n] for n, rid in enumerate(ids) if rid):
        # per-member gzip has a checksum: a changed record is reported, never passed on silently
        clean = {d.id: d.original for d in read(read_warc, _write(tmp_path / "clean.warc.gz", data))[0]}
        changed = [d.id for d in docs if d.kept and clean.get(d.id) != d.original]
        assert not changed or stats.input_errors, changed
    if damage == "cut" and any(touched):  # a cut between gzip members leaves a whole file: nothing to see
        if (gz and any(start < at < end for start, end in spans)) or (not gz and _cut_inside_a_record(at, spans, recs)):
            assert stats.input_errors, "a cut file was not reported"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _cut_inside_a_record(at: int, spans: list[tuple[int, int]], recs: list[bytes]) -> bool:
    # a plain file cut in the separator after a block ("\r\n\r\n") still holds the whole record
    for (start, end), rec in zip(spans, recs):
        if start < at < end:
            return at - start < len(rec) - 4
    return False


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@FUZZ
@given(values=texts, where=st.integers(0, 100), junk=st.binary(min_size=1, max_size=200))
def test_warc_garbage_between_records_is_reported_and_costs_nothing(tmp_path, gz, values, where, junk):
    ids, recs, _ = warc_records(values)
    junk = junk.replace(b"WARC/", b"WARK/")
    if not junk.strip(b"\r\n"):
        junk = b"x" + junk  # blank lines between records are separators, not damage
    if not gz:
        junk = b"z" + junk  # so it never continues the separator of the record before
    data, spans = build_warc(recs, gz)
    i = where % (len(recs) + 1)
    cut = spans[i][0] if i < len(spans) else len(data)
    path = tmp_path / ("f.warc.gz" if gz else "f.warc")
    path.write_bytes(data[:cut] + junk + data[cut:])
    docs, stats = read(read_warc, path)
    assert [d.id for d in docs if d.kept] == [rid for rid in ids if rid]
    assert sum(stats.input_errors.values()) == 1, stats.error_samples
    assert stats.error_samples[0].startswith(f"{path.name}@{cut}: ")


# -- Parquet ------------------------------------------------------------------------------------
def parquet_bytes(values: list[str]) -> tuple[bytes, list[tuple[int, int, list[int]]]]:
    """A Parquet file of a few row groups, and each group's (start, end, rows) in it."""
    table = pa.table({"id": [f"r{i}" for i in range(len(values))], "text": values})
    buf = io.BytesIO()
    # With page checksums, as thresher writes Parquet: without them a flipped byte in a page can
    # decode to another value, and no reader could tell.
    pq.write_table(table, buf, row_group_size=3, compression="zstd", write_page_checksum=True)
    data = buf.getvalue()
    meta = pq.ParquetFile(io.BytesIO(data)).metadata
    groups, row = [], 0
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        cols = [rg.column(c) for c in range(rg.num_columns)]
        start = min(c.dictionary_page_offset or c.data_page_offset for c in cols)
        end = max((c.dictionary_page_offset or c.data_page_offset) + c.total_compressed_size for c in cols)
        groups.append((start, end, list(range(row, row + rg.num_rows))))
        row += rg.num_rows
    return data, groups


@FUZZ
@given(values=texts, cut=st.floats(0, 1), flips=st.lists(st.integers(0, 1 << 30), min_size=1, max_size=3),
       damage=st.sampled_from(["cut", "flip"]))
def test_parquet_reads_every_undamaged_row_group_and_reports_damage(tmp_path, values, cut, flips, damage):
    data, groups = parquet_bytes(values)
    footer = groups[-1][1]
    if damage == "cut":
        bad = data[:int(len(data) * cut)]
        hit = [len(bad)] if len(bad) < len(data) else []
    else:
        bad = flip(data, flips)
        hit = [p % len(data) for p in flips]
    path = tmp_path / "f.parquet"
    path.write_bytes(bad)
    docs, stats = read(read_parquet, path)  # never raises

    got = first_by_id(docs)
    if damage == "flip" and all(p < footer for p in hit):  # the footer that says where rows are is whole
        for start, end, rows in groups:
            if not any(start <= p < end for p in hit):
                for r in rows:
                    assert got.get(f"r{r}") == values[r], (r, stats.error_samples)
    if damage == "cut" and hit:
        assert stats.input_errors, "a cut Parquet file was not reported"
    for rid, text in got.items():  # nothing read that was not there (or damage was reported)
        assert text == values[int(rid[1:])] or stats.input_errors


def test_a_flipped_byte_in_a_checksummed_parquet_page_is_reported_not_read_as_another_value(tmp_path):
    values = [f"Row {i} says one plain thing about the bridge." for i in range(9)]
    data, groups = parquet_bytes(values)
    start, end, rows = groups[1]
    middle = (start + end) // 2
    path = tmp_path / "f.parquet"
    path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:])
    docs, stats = read(read_parquet, path)
    got = {d.id: d.original for d in docs if d.kept}
    assert all(got[rid] == values[int(rid[1:])] for rid in got)  # nothing wrong read as right
    assert stats.input_errors == {"corrupt_file": 1}, stats.error_samples
    assert all(f"r{r}" in got for r in groups[0][2] + groups[2][2])  # the other groups are whole


# -- one-page files: HTML and text, plain and .gz ---------------------------------------------------
@pytest.mark.parametrize("name", ["p.html", "p.html.gz", "p.txt", "p.txt.gz"])
@FUZZ
@given(body=st.text(min_size=1, max_size=400), cut=st.floats(0, 1),
       flips=st.lists(st.integers(0, 1 << 30), max_size=3), damage=st.sampled_from(["cut", "flip"]))
def test_one_page_files_never_raise_and_report_a_damaged_stream(tmp_path, name, body, cut, flips, damage):
    page = f"<html><body><p>{body}</p></body></html>" if ".html" in name else body
    data = compress(page.encode(), "gz" if name.endswith(".gz") else "plain")
    if damage == "cut":
        bad = data[:int(len(data) * cut)]
    else:
        if not flips:
            return
        bad = flip(data, flips)
    path = tmp_path / name
    path.write_bytes(bad)
    reader = read_html_file if ".html" in name else read_text_file
    docs, stats = read(reader, path)  # never raises
    assert len(docs) <= 1
    if name.endswith(".gz") and bad != data:
        # gzip has a checksum: a page read differently from what was written is reported, and
        # not kept unless asked
        if not docs or docs[0].original != page:
            assert stats.input_errors, "a damaged .gz page was read silently"
            assert not docs or not docs[0].kept
    if not name.endswith(".gz") and damage == "cut" and docs and bad.decode("utf-8", "ignore") == bad.decode("utf-8", "replace"):
        assert docs[0].original == bad.decode()
