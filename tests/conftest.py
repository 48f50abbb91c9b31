import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the repo. Missing under CI=true is a failure, not a skip."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data not found at {SHARED_DATA} (CI=true)")
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_page(shared_data) -> Path:
    return shared_data / "seed" / "000_7829b123e079136c.txt"


@pytest.fixture
def tmpfs(tmp_path):
    """``mount(name, size="1m", ro=False)``: a tmpfs mounted at ``tmp_path / name`` (read-only, or
    small enough to fill up), unmounted afterwards; ``remount(path, options)`` changes one. The
    tests run as root, where chmod stops nothing: a real read-only or full file system is the
    only honest test. Not being able to mount fails under CI=true."""
    import subprocess

    mounted = []

    def mount(name: str, size: str = "1m", ro: bool = False) -> Path:
        where = tmp_path / name
        where.mkdir()
        opts = f"size={size}" + (",ro" if ro else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], capture_output=True, text=True)
        if done.returncode != 0:
            if os.environ.get("CI") == "true":
                pytest.fail(f"cannot mount a tmpfs (CI=true): {done.stderr.strip()}")
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(where)
        return where

    def remount(where: Path, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(where)], check=True, capture_output=True)

    mount.remount = remount
    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
