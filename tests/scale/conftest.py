"""Real parts for the scale-out tests: an S3 API server on loopback (moto's server mode, spoken to
over HTTP by s3fs) and helpers that compare whole job outputs."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import socket
from pathlib import Path

import orjson
import pytest
import zstandard

# Ray binds to this machine's loopback address only (Ray reads this before it is imported): the
# tests' cluster must never listen on a reachable interface.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

S3_KEY = "thresher-test"
S3_SECRET = "thresher-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on 127.0.0.1, for this test session (each xdist worker has its own)."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint, request):
    """s3fs on the loopback server, the storage options a user would pass, and a fresh bucket."""
    import s3fs

    opts = {"endpoint_url": s3_endpoint, "key": S3_KEY, "secret": S3_SECRET}
    fs = s3fs.S3FileSystem(skip_instance_cache=True, **opts)
    # named for the test, and unique per parametrized case (names are cut to fit S3's 63 characters)
    slug = "".join(c if c.isalnum() else "-" for c in request.node.name.lower())[:40].strip("-")
    bucket = f"t-{slug}-{hashlib.sha1(request.node.name.encode()).hexdigest()[:8]}"
    fs.mkdir(bucket)
    return fs, opts, bucket


WORDS = ("the council said on monday that new homes would be built near the river after years of delay while "
         "residents asked whether schools roads and clinics could cope with more families moving into town").split()


def prose(i: int, sentences: int = 8) -> str:
    """A paragraph of plain English that the default rules keep, different for every ``i``."""
    import random

    rng = random.Random(i)
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(9, 16))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def storage_flags(opts: dict) -> list[str]:
    return [a for k, v in opts.items() for a in ("--storage-option", f"{k}={v}")]


def local_outputs(root: Path) -> dict[str, list[bytes]]:
    """Every output line of a local job folder by kind (kept, rejected, trace), sorted."""
    found: dict[str, list[bytes]] = {}
    for kind in ("kept", "rejected", "trace"):
        lines: list[bytes] = []
        for f in sorted((root / kind).glob("*")) if (root / kind).is_dir() else []:
            lines.extend(output_lines(f.name, f.read_bytes()))
        found[kind] = sorted(lines)
    return found


def output_lines(name: str, data: bytes) -> list[bytes]:
    if name.endswith(".zst"):
        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
    return [line for line in data.split(b"\n") if line]


def comparable_stats(stats: dict) -> dict:
    """stats.json without what differs between two runs of the same job (times, where it ran)."""
    return {k: v for k, v in stats.items() if not k.startswith("seconds") and k not in {"wall_seconds", "peak_mb_by_task"}}


def read_stats(root: Path) -> dict:
    return orjson.loads((root / "stats.json").read_bytes())
