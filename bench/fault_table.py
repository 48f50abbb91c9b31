"""Every bad input and fault tried on `thresher clean`, run as a user runs it (a subprocess of the
installed command line, default pipeline), and what thresher said and kept: the table in
bench/README.md ("Bad input and faults").

    python3 bench/fault_table.py [--data ../shared/data] [--workers 2]

Bad inputs go in one folder, one file per kind, cleaned in one run; each row is that file's share
of the run (its input errors, its documents kept and rejected). Faults hit a job over the BBC
articles cut into shards, once a shard is done; each is then re-run and compared, record for
record, with an uninterrupted run. Read-only and full disks are real tmpfs mounts (needs root;
a row says so when mounting is refused). Every phase of a job under every fault is the test
tests/run/test_faults.py (the fault matrix); this table is what a user would see.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import orjson
import zstandard

REPO = Path(__file__).resolve().parents[1]
THRESHER = [sys.executable, "-m", "thresher"]


def run(args: list[str], **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p))
    return subprocess.run([*THRESHER, *args], capture_output=True, text=True, env=env, timeout=1800, **kw)


def start(args: list[str]) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p))
    return subprocess.Popen([*THRESHER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)


def said(stderr: str) -> str:
    """thresher's own sentences on stderr (progress lines left out), joined."""
    lines = [line.strip() for line in stderr.splitlines() if line.startswith("thresher:")]
    lines = [line for line in lines if not _progress(line)]
    if "Traceback" in stderr:
        lines.append("TRACEBACK")
    return " / ".join(lines) or "(nothing)"


def _progress(line: str) -> bool:
    body = line[len("thresher:"):].strip()
    head = body.split(":", 1)[0]
    return head.isidentifier() and ("/" in body.split(",")[0])


def records(folder: Path) -> list[dict]:
    rows = []
    for f in sorted(folder.glob("*.jsonl.zst")):
        with open(f, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as z:
            rows += [orjson.loads(line) for line in io.BufferedReader(z)]
    return rows


def contents(out: Path) -> dict:
    """Every output record, and the stats without timings: what two runs must agree on."""
    files = {}
    for kind in ("kept", "rejected", "trace"):
        for f in sorted((out / kind).glob("*.jsonl.zst")):
            with open(f, "rb") as raw:
                files[f"{kind}/{f.name}"] = zstandard.ZstdDecompressor().stream_reader(raw).read()
    stats = orjson.loads((out / "stats.json").read_bytes())
    for timing in ("seconds", "seconds_by_step", "seconds_by_phase"):
        stats.pop(timing)
    files["stats"] = orjson.dumps(stats, option=orjson.OPT_SORT_KEYS)
    return files


# -- bad input ----------------------------------------------------------------------------------
def bbc_rows(data: Path, n: int) -> list[dict]:
    with gzip.open(data / "bbc-news" / "articles.jsonl.gz", "rb") as f:
        rows = [orjson.loads(line) for _, line in zip(range(n), f)]
    return [{"id": f"bbc-{i}", "text": r.get("text") or r.get("content") or ""} for i, r in enumerate(rows)]


def jsonl(rows: list) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in rows)


def make_bad_inputs(folder: Path, data: Path) -> dict[str, str]:
    """One file per kind of bad input; file name -> what is wrong with it."""
    good = bbc_rows(data, 60)
    rng = random.Random(14)
    cases: dict[str, tuple[bytes, str]] = {}
    cases["good.jsonl"] = (jsonl(good[:10]), "ten good BBC articles (the control)")
    bad_lines = [orjson.dumps(good[10]), b'{"id": "broken", "text": "no closing', b"[1, 2, 3]",
                 orjson.dumps({"id": "no-text", "body": good[11]["text"]}), orjson.dumps({"id": "num", "text": 42}),
                 orjson.dumps(good[12])]
    cases["malformed.jsonl"] = (b"\n".join(bad_lines) + b"\n",
                                "2 good lines around a broken line, a JSON array, a record without `text`, a number as text")
    cases["invalid_utf8.jsonl"] = (orjson.dumps(good[13])[:-2] + b" \xff\xfe caf\xe9\"}\n", "invalid UTF-8 bytes inside a record")
    cases["binary.jsonl"] = (rng.randbytes(20000), "20 KB of random bytes named .jsonl")
    gz = gzip.compress(jsonl(good[14:34]))
    cases["truncated.jsonl.gz"] = (gz[: len(gz) * 2 // 3], "20 records gzipped, cut at 2/3")
    zs = zstandard.ZstdCompressor().compress(jsonl(good[14:34]))
    cases["truncated.jsonl.zst"] = (zs[: len(zs) * 2 // 3], "20 records zstd-compressed, cut at 2/3")
    flipped = bytearray(gzip.compress(jsonl(good[34:44])))
    for i in range(len(flipped) // 2, len(flipped) // 2 + 40):
        flipped[i] ^= 0x5A
    cases["corrupt.jsonl.gz"] = (bytes(flipped), "10 records gzipped, 40 bytes flipped mid-stream")
    cases["huge_line.jsonl"] = (orjson.dumps({"id": "huge", "text": "word " * 10_000_000}) + b"\n" + orjson.dumps(good[44]) + b"\n",
                                "a 50 MB record, then a good one")
    cases["nested.html"] = (b"<html><body>" + b"<div>" * 5_000 + b"<p>Deep inside.</p>" + b"</div>" * 5_000 + b"</body></html>",
                            "HTML nested 5,000 levels deep")
    cases["empty.jsonl"] = (b"", "an empty file")
    cases["dup_a.jsonl"] = (jsonl([{"id": str(i), "text": r["text"]} for i, r in enumerate(good[45:50])]),
                            "two exports numbering their records from 0 (with dup_b.jsonl)")
    cases["dup_b.jsonl"] = (jsonl([{"id": str(i), "text": r["text"]} for i, r in enumerate(good[50:55])]), "the other export")
    warc = gzip.decompress((data / "common-crawl-samples" / "warc_sample-0000.warc.gz").read_bytes())
    first = warc.index(b"Content-Length: ", warc.index(b"WARC-Type: response"))
    end = warc.index(b"\r\n", first)
    cases["bad_length.warc"] = (warc[:first] + b"Content-Length: 99999999" + warc[end:],
                                "a plain WARC whose first response has a corrupt Content-Length")
    raw = (data / "common-crawl-samples" / "warc_sample-0001.warc.gz").read_bytes()
    cases["truncated.warc.gz"] = (raw[: len(raw) // 2], "a WARC cut in half (inside a record)")
    cases["LICENSE"] = (b"Some licence text.\n", "a LICENSE file beside the data")
    for name, (body, _) in cases.items():
        (folder / name).write_bytes(body)
    return {name: why for name, (_, why) in cases.items()}


def bad_input_rows(work: Path, data: Path, workers: int) -> list[tuple[str, str, str]]:
    folder = work / "bad"
    folder.mkdir()
    whys = make_bad_inputs(folder, data)
    out = work / "bad-out"
    done = run(["clean", str(folder), "-o", str(out), "--workers", str(workers)])
    stats = orjson.loads((out / "stats.json").read_bytes())
    kept, rejected = records(out / "kept"), records(out / "rejected")
    shard_of = {rel: s["name"] for s in orjson.loads((out / "job.json").read_bytes())["shards"] for _, rel in s["files"]}
    rows = []
    for name, why in whys.items():
        k = sum(1 for r in kept if (r.get("metadata") or {}).get("source") == name)
        rej = Counter((r.get("verdict") or {}).get("reason") for r in rejected if (r.get("metadata") or {}).get("source") == name)
        errs = Counter()  # each file is a shard of its own here: its shard's stats are the file's
        if name in shard_of:
            errs.update(orjson.loads((out / "stats" / f"{shard_of[name]}.json").read_bytes())["input_errors"])
        renamed = sum(1 for r in kept + rejected if (r.get("metadata") or {}).get("source") == name and "given_id" in (r.get("metadata") or {}))
        report = []
        if errs:
            report.append("input errors: " + ", ".join(f"{e} {n}" for e, n in errs.most_common()))
        if renamed:
            report.append(f"{renamed} id(s) renamed <id>@<shard>:<row> (duplicate_ids)")
        if name == "LICENSE":
            report.append(next((line for line in done.stderr.splitlines() if "ignored" in line), "(no note)").strip())
        what_kept = f"{k} kept" + (", rejected: " + ", ".join(f"{r} {n}" for r, n in rej.most_common()) if rej else "")
        rows.append((f"`{name}`: {why}", "; ".join(report) or "-", what_kept))
    rows.append(("the whole folder above, one run", f"exit {done.returncode}; " + said(done.stderr),
                 f"{stats['docs_kept']} of {stats['docs_in']} documents kept; input_errors {dict(stats['input_errors'])}; "
                 f"duplicate_ids {stats.get('duplicate_ids', 0)}"))
    return rows


# -- the output folder -----------------------------------------------------------------------------
def mount_tmpfs(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True).returncode == 0


def umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def folder_rows(work: Path, data: Path, workers: int) -> list[tuple[str, str, str]]:
    rows = []
    src = work / "folder-in"
    src.mkdir()
    (src / "a.jsonl").write_bytes(jsonl(bbc_rows(data, 8)))
    flags = ["--workers", str(workers)]

    done = run(["clean", str(src / "a.jsonl"), "-o", str(work / "wrong-field"), "--text-field", "body", *flags])
    rows.append(("a wrong `--text-field`", f"exit {done.returncode}; " + said(done.stderr), "nothing (every record rejected as input:missing_field)"))

    out = work / "changed"
    run(["clean", str(src / "a.jsonl"), "-o", str(out), *flags])
    with open(src / "a.jsonl", "ab") as f:
        f.write(orjson.dumps({"id": "late", "text": "A record appended after the run, about the weather in the hills."}) + b"\n")
    done = run(["clean", str(src / "a.jsonl"), "-o", str(out), *flags])
    rows.append(("an input appended to, then the same command again", f"exit {done.returncode}; " + said(done.stderr),
                 "the first run's results, untouched"))

    inner = src / "out"
    first = run(["clean", str(src), "-o", str(inner), *flags])
    n1 = orjson.loads((inner / "stats.json").read_bytes())["docs_in"] if first.returncode in (0, 4) else None
    done = run(["clean", str(src), "-o", str(inner), *flags])
    n2 = orjson.loads((inner / "stats.json").read_bytes())["docs_in"]
    rows.append(("the output folder inside the input folder, run twice", f"exit {done.returncode}; " + said(done.stderr),
                 f"documents in: {n1}, then {n2} (its own files are not inputs)"))
    done = run(["clean", str(src), "-o", str(work / "outside"), *flags])
    rows.append(("another run's output folder inside the input folder", f"exit {done.returncode}; " + said(done.stderr),
                 f"{orjson.loads((work / 'outside' / 'stats.json').read_bytes())['docs_in']} documents in (that folder left out)"))

    ro = work / "ro"
    if mount_tmpfs(ro, "ro,size=1m"):
        try:
            done = run(["clean", str(src / "a.jsonl"), "-o", str(ro), *flags])
            rows.append(("a read-only output folder (ro tmpfs)", f"exit {done.returncode}; " + said(done.stderr),
                         f"nothing written ({len(list(ro.iterdir()))} files)"))
            done = run(["clean", str(src / "a.jsonl"), "-o", str(ro / "out"), *flags])
            rows.append(("an output folder to make under a read-only parent", f"exit {done.returncode}; " + said(done.stderr), "nothing written"))
        finally:
            umount(ro)
    else:
        rows.append(("a read-only output folder", "not tried: mounting a tmpfs was refused here", "-"))

    out = work / "kept-file"
    run(["clean", str(src / "a.jsonl"), "-o", str(out), *flags])
    for p in [*(out / "kept").iterdir(), *(out / "done").iterdir()]:
        p.unlink()
    (out / "kept").rmdir()
    (out / "kept").write_text("a file")
    done = run(["clean", str(src / "a.jsonl"), "-o", str(out), *flags])
    rows.append(("resuming where `kept` is a file, not a folder", f"exit {done.returncode}; " + said(done.stderr), "nothing written"))
    return rows


# -- faults -------------------------------------------------------------------------------------------
def fault_rows(work: Path, data: Path, workers: int) -> list[tuple[str, str, str]]:
    src = work / "bbc-800.jsonl.gz"  # the first 800 articles: six shards, a short run
    with gzip.open(data / "bbc-news" / "articles.jsonl.gz", "rb") as f:
        src.write_bytes(gzip.compress(b"".join(line for _, line in zip(range(800), f))))
    flags = ["--workers", str(workers), "--shard-mb", "0.1", "--shard-records", "150"]
    whole = work / "whole"
    t = time.perf_counter()
    done = run(["clean", str(src), "-o", str(whole), *flags])
    wall = time.perf_counter() - t
    assert done.returncode == 0, done.stderr
    expected = contents(whole)
    n_shards = len(list((whole / "done").iterdir()))
    rows = [(f"(reference) 800 BBC articles, {n_shards} shards, uninterrupted", f"exit 0 in {wall:.0f} s",
             f"{orjson.loads((whole / 'stats.json').read_bytes())['docs_kept']} kept")]

    def hit(name: str, out: Path, act, after_done: int = 1) -> None:
        proc = start(["clean", str(src), "-o", str(out), *flags])
        deadline = time.time() + 600
        while time.time() < deadline and proc.poll() is None and len(list(out.glob("_work/states/*.done"))) < after_done:
            time.sleep(0.05)
        if proc.poll() is None:
            act(proc)
        _, err = proc.communicate(timeout=600)
        left = alive_in_group(proc.pid)
        through = len(list(out.glob("_work/states/*.done")))
        written = len(list(out.glob("done/*"))) if (out / "done").is_dir() else 0
        again = run(["clean", str(src), "-o", str(out), *flags])
        same = again.returncode == 0 and contents(out) == expected
        rows.append((name, f"exit {proc.returncode}; " + said(err.decode()) + (f"; {len(left)} process(es) left" if left else "; no process left"),
                     f"when hit: {through} of {n_shards} shards through the shard pass, {written} written; "
                     f"re-run: exit {again.returncode}, " + ("output identical to the uninterrupted run's" if same else "OUTPUT DIFFERS")))

    hit("kill -9 of the main process, mid-run", work / "kill9", lambda p: os.kill(p.pid, signal.SIGKILL))
    hit("SIGTERM (`timeout`, systemd, docker), mid-run", work / "term", lambda p: p.send_signal(signal.SIGTERM))
    hit("Ctrl-C (SIGINT to the process group), mid-run", work / "int", lambda p: os.killpg(p.pid, signal.SIGINT))
    hit("kill -9 of a worker (the OOM killer), mid-run", work / "worker", lambda p: os.kill(children(p.pid)[0], signal.SIGKILL))

    disk = work / "small-disk"
    if mount_tmpfs(disk, "size=1m"):
        try:
            out = disk / "out"
            done = run(["clean", str(src), "-o", str(out), *flags])
            shards = len(list(out.glob("_work/states/*.done")))
            written = len(list(out.glob("done/*"))) if (out / "done").is_dir() else 0
            subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
            again = run(["clean", str(src), "-o", str(out), *flags])
            same = again.returncode == 0 and contents(out) == expected
            rows.append(("a disk that fills up mid-run (1 MB tmpfs), then room made", f"exit {done.returncode}; " + said(done.stderr),
                         f"when it filled: {shards} of {n_shards} shards through the shard pass, {written} written; re-run: exit {again.returncode}, "
                         + ("output identical to the uninterrupted run's" if same else "OUTPUT DIFFERS")))
        finally:
            umount(disk)
    else:
        rows.append(("a disk that fills up", "not tried: mounting a tmpfs was refused here", "-"))
    return rows


def children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
    return kids


def alive_in_group(pgid: int) -> list[int]:
    time.sleep(1)
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
                pids.append(int(d.name))
    return pids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="thresher-faults-") as tmp:
        work = Path(tmp)
        sections = [("Bad input", bad_input_rows(work, args.data, args.workers)),
                    ("The output folder", folder_rows(work, args.data, args.workers)),
                    ("Faults", fault_rows(work, args.data, args.workers))]
    for title, rows in sections:
        print(f"\n**{title}**\n")
        print("| what was tried | what thresher reports | what was kept |")
        print("|---|---|---|")
        for row in rows:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")


if __name__ == "__main__":
    main()
