"""Without a terminal (a batch log, a pipe), progress is plain lines at a steady interval."""

import orjson

from thresher.cli import main
from tests.scale.conftest import prose


def test_a_piped_run_logs_shards_documents_rate_and_time_left(tmp_path, capsys):
    for f in range(4):
        (tmp_path / f"in{f}.jsonl").write_bytes(b"".join(orjson.dumps({"id": f"{f}-{i}", "text": prose(f * 10 + i)}) + b"\n" for i in range(5)))
    out = tmp_path / "out"
    assert main(["clean", *[str(tmp_path / f"in{f}.jsonl") for f in range(4)], "-o", str(out), "--workers", "1", "--log-seconds", "0"]) == 0
    lines = [l for l in capsys.readouterr().err.splitlines() if l.startswith("thresher: ")]
    clean = [l for l in lines if l.startswith("thresher: clean: ")]
    assert clean[0] == "thresher: clean: 0/4"
    assert clean[-1].startswith("thresher: clean: 4/4, 20 documents, ") and "MB/s" in clean[-1] and "elapsed" in clean[-1]
    assert any("left" in l for l in clean[1:-1])
    assert any(l.startswith("thresher: write: 4/4") for l in lines)  # the corpus stages' phases are logged too
    assert any(l.startswith("thresher: near_dedup: ") for l in lines)


def test_a_long_interval_logs_each_phase_once_and_its_end(tmp_path, capsys):
    for f in range(3):
        (tmp_path / f"in{f}.jsonl").write_bytes(orjson.dumps({"id": f"d{f}", "text": prose(f)}) + b"\n")
    assert main(["clean", str(tmp_path), "-o", str(tmp_path / "out"), "--workers", "1", "--log-seconds", "3600"]) == 0
    clean = [l for l in capsys.readouterr().err.splitlines() if l.startswith("thresher: clean: ")]
    assert [l.split(",")[0] for l in clean] == ["thresher: clean: 0/3", "thresher: clean: 3/3"]
