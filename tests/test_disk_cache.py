"""The disk cache: built once, loaded after, and never the reason for a different answer."""

import os
import re
import subprocess
import sys

import pytest
import regex

from thresher import disk_cache
from thresher.disk_cache import cached, compiled_pattern, compiled_re, key

PATTERN = r"(?:By|BY)\s+(?P<author>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})(?:\s*[|,]\s*\w+)?"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_thing_is_built_once_then_loaded_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV, str(tmp_path))
    build, calls = _counting({"table": [1, 2, 3]})
    assert cached(key("t", 1), build) == {"table": [1, 2, 3]}
    assert cached(key("t", 1), build) == {"table": [1, 2, 3]}
    assert len(calls) == 1
    assert cached(key("t", 2), build) == {"table": [1, 2, 3]}  # another key: built again
    assert len(calls) == 2


def test_a_damaged_file_or_one_that_fails_its_check_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV, str(tmp_path))
    build, calls = _counting("fresh")
    name = key("damaged")
    (tmp_path / f"{name}.pickle").write_bytes(b"\x80\x05 cut short")
    assert cached(name, build) == "fresh"
    assert cached(name, lambda: "other", check=lambda obj: obj == "other") == "other"
    assert cached(name, build) == "other"  # the rebuilt file replaced the damaged one
    assert len(calls) == 1


def test_without_a_writable_folder_it_builds_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV, "")
    build, calls = _counting(7)
    assert cached(key("off"), build) == 7 and cached(key("off"), build) == 7
    assert len(calls) == 2
    assert disk_cache.cache_dir() is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(disk_cache.ENV, str(blocker / "cache"))
    assert disk_cache.cache_dir() is None
    assert cached(key("off"), build) == 7


def test_a_pattern_from_the_cache_matches_as_the_pattern_compiled_here(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV, str(tmp_path))
    first = compiled_pattern(PATTERN)
    assert list(tmp_path.glob("*.pickle"))
    # Another process loads it (this process's regex keeps its own compiled patterns).
    code = (
        "import sys\n"
        "from thresher.disk_cache import compiled_pattern\n"
        f"rx = compiled_pattern({PATTERN!r})\n"
        "for line in sys.stdin.read().splitlines():\n"
        "    m = rx.fullmatch(line)\n"
        "    print(m.group('author') if m else '-')\n"
    )
    lines = ["By Jane Doe", "BY John Roe | Reuters", "By the end of the year", "Jane Doe", "By Ana María Ruiz"]
    got = subprocess.run([sys.executable, "-c", code], input="\n".join(lines), capture_output=True, text=True,
                         check=True, env={**os.environ, disk_cache.ENV: str(tmp_path)}).stdout.split("\n")[:-1]
    want = [(m.group("author") if m else "-") for m in map(regex.compile(PATTERN).fullmatch, lines)]
    assert got == want == ["Jane Doe", "John Roe", "-", "-", "Ana María Ruiz"]
    assert first.pattern == PATTERN


def test_the_unicode_tables_from_the_cache_are_the_tables_built_here():
    import numpy as np

    from thresher.text import chars, token_spacing

    terminals, symbols, flags = chars._build()
    assert (terminals, symbols) == (chars.TERMINAL_PUNCTUATION, chars.SYMBOL_CHARS)
    assert np.array_equal(flags, chars.FLAGS) and np.array_equal(token_spacing._class_table(), token_spacing.CLASSES)
    assert not chars.FLAGS.flags.writeable and not token_spacing.CLASSES.flags.writeable


RE_PATTERNS = [
    (r"(?P<r0>(?:share (?:this|on) (?:facebook|twitter))\Z)|(?P<r1>(?:no comments:?)\Z)", 0),
    (r"(?P<credit>©\s*(?:getty|reuters)?)(?:\s+images)?", re.I),
    (r"(?-i:Accept)(?: all)?|[A-Z]{2,}\d*", re.I | re.M),
    (r"(a)(?:b|(c))?\1", 0),
]


@pytest.mark.parametrize("source,flags", RE_PATTERNS)
def test_an_re_pattern_from_the_cache_is_the_pattern_re_compiles(tmp_path, monkeypatch, source, flags):
    monkeypatch.setenv(disk_cache.ENV, str(tmp_path))
    want = re.compile(source, flags)
    built, loaded = compiled_re(source, flags), compiled_re(source, flags)  # the second from the file
    assert list(tmp_path.glob("*.pickle"))
    for got in (built, loaded):
        # re's own equality: same source, flags and compiled program
        assert got == want and (got.groups, got.groupindex) == (want.groups, want.groupindex)
        for s in ("share on facebook", "No comments", "© Getty Images", "Accept all", "ACCEPT", "aba", "aca", "xyz"):
            assert [m.span() for m in got.finditer(s)] == [m.span() for m in want.finditer(s)]
