"""Two documents with one id: both kept apart, the later renamed <id>@<shard>:<row>, counted,
said in the summary, and each found by `thresher explain`."""

import io

import orjson
import zstandard

from thresher.cli import main

CONFIG = '''replace = true
[[step]]
name = "guard"
[[corpus]]
name = "unique_ids"
[[corpus]]
name = "exact_dedup"
'''


def records(folder) -> list[dict]:
    rows = []
    for f in sorted(folder.glob("*.jsonl.zst")):
        with open(f, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            rows += [orjson.loads(line) for line in io.BufferedReader(z)]
    return rows


def test_documents_sharing_an_id_are_renamed_by_their_place_counted_and_each_explained(tmp_path, capsys):
    (tmp_path / "job.toml").write_text(CONFIG)
    data = tmp_path / "data"
    data.mkdir()
    # two exports that both number their records from 1; b's record 2 is a copy of a's record 1
    a = [{"id": "1", "text": "The ferry leaves at noon from the north pier."}, {"id": "2", "text": "Tickets are sold on board."}]
    b = [{"id": "1", "text": "The museum opens on Sundays only."}, {"id": "2", "text": a[0]["text"]}]
    for name, rows in (("a.jsonl", a), ("b.jsonl", b)):
        (data / name).write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    out = tmp_path / "out"
    assert main(["clean", str(data), "-o", str(out), "--config", str(tmp_path / "job.toml")]) == 0
    printed = capsys.readouterr().out
    assert "duplicate ids: 2 document(s) had an id an earlier document of the job has" in printed
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["duplicate_ids"] == 2
    kept, rejected = records(out / "kept"), records(out / "rejected")
    by_id = {r["id"]: r for r in kept + rejected}
    assert len(by_id) == 4  # every id names one document
    assert by_id["1"]["text"] == a[0]["text"] and by_id["2"]["text"] == a[1]["text"]
    assert by_id["1@shard-00001:0"]["text"] == b[0]["text"]
    assert by_id["1@shard-00001:0"]["metadata"]["given_id"] == "1"
    # the copy of a's record 1 is dropped naming its survivor by its one id
    copy = by_id["2@shard-00001:1"]
    assert copy["verdict"]["reason"] == "exact_duplicate" and copy["metadata"]["exact_duplicate_of"] == "1"
    assert "given_id" not in by_id["1"]["metadata"]

    assert main(["explain", str(out), "1"]) == 0
    shown = capsys.readouterr().out
    assert shown.splitlines()[0] == "1: kept, unchanged (no rule touched it)"
    assert "  also given id '1': 1@shard-00001:0 (b.jsonl line 1), renamed" in shown
    assert main(["explain", str(out), "1@shard-00001:0"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ("1@shard-00001:0: kept, unchanged (no rule touched it); "
                                                       "given id '1', renamed: an earlier document of the job has that id")
    assert main(["explain", str(out), "2@shard-00001:1"]) == 0
    assert capsys.readouterr().out.startswith("2@shard-00001:1: dropped by exact_dedup: exact_duplicate")


def test_unique_ids_change_nothing_when_every_id_is_unique(tmp_path):
    (tmp_path / "job.toml").write_text(CONFIG)
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(orjson.dumps({"id": f"d{i}", "text": f"Page {i} says a plain thing."}) + b"\n" for i in range(5)))
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--config", str(tmp_path / "job.toml")]) == 0
    assert [r["id"] for r in records(out / "kept")] == [f"d{i}" for i in range(5)]
    assert orjson.loads((out / "stats.json").read_bytes())["duplicate_ids"] == 0
