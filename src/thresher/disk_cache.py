"""What thresher builds the same way in every process, built once per machine and kept on disk.

Some things a step needs take long to build and are the same every time: the long ``regex``
patterns of the byline and date rules (half a second to compile the few a page reaches), the
boilerplate rules' alternations (``re``), tables of every Unicode code point. Like numba's cache of compiled kernels (thresher.kernels),
they are built by a machine's first process and loaded by the later ones from a file named by
a hash of everything they are built from (:func:`key`): change what goes in (a rule, the library
version, Python's) and the name changes, so a stale file is never read, only left behind.

Where: ``$THRESHER_CACHE_DIR`` if set, else ``__pycache__/thresher`` beside this package (as
Python's bytecode and numba's kernels are kept), else the user's cache folder. Where none can
be written (a read-only install and no writable home), or a file cannot be read, the thing is
built in memory as if there were no cache: the cache changes how fast, never what.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import regex

T = TypeVar("T")

#: The environment variable that names the cache folder (an empty value turns the cache off).
ENV = "THRESHER_CACHE_DIR"


def key(*parts: object) -> str:
    """A file name for something built from ``parts`` (their reprs) by this Python."""
    h = hashlib.blake2b(digest_size=16)
    for part in (sys.version, *parts):
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def cache_dir() -> Path | None:
    """The folder the cache is kept in, made if missing; None when no candidate can be written."""
    if ENV in os.environ:
        candidates = [Path(os.environ[ENV])] if os.environ[ENV] else []
    else:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        candidates = [Path(__file__).parent / "__pycache__" / "thresher", Path(home) / "thresher"]
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
    return None


def cached(name: str, build: Callable[[], T], check: Callable[[Any], bool] = lambda _: True) -> T:
    """What ``build()`` returns, pickled to the cache as ``name`` (a :func:`key`) the first time
    and unpickled from it later. A file that fails to load, or whose object fails ``check``, is
    built again and replaced."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}.pickle"
    try:
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
        if check(obj):
            return obj
    except Exception:  # missing, cut short by a crash, or from an incompatible library: build it
        pass
    obj = build()
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a process reading it at the same time sees all or nothing
    except OSError:  # a full or read-only disk: the object is still good for this process
        tmp.unlink(missing_ok=True)
    return obj


def compiled_pattern(source: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(source, flags)``, from the cache when this machine compiled it before.

    A ``regex`` pattern pickles as its compiled program (not as its source, as ``re``'s do), so
    loading one skips the parse and optimisation that make a long pattern slow to compile."""
    return cached(
        key("regex.compile", regex.__version__, source, flags),
        lambda: regex.compile(source, flags),
        lambda rx: isinstance(rx, regex.Pattern) and rx.pattern == source,
    )


def compiled_re(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from the cache when this machine compiled it before.

    ``re`` patterns pickle as their source (unpickling compiles them again), so what is kept is
    the program re's compiler makes for the C engine; loading it skips the parse and the
    compiler, which are Python code and cost milliseconds per rule. These are the stdlib's
    private parts (``re._parser``, ``re._compiler``, ``_sre``) used exactly as ``re.compile``
    uses them, for the Python that made the file (its version is in the key); if they ever
    differ from what is expected here, this is ``re.compile``."""
    import _sre
    from re import _compiler, _parser

    def program() -> tuple:
        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: its named opcodes do not pickle
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)

    try:
        return _sre.compile(source, *cached(key("re.compile", _sre.MAGIC, source, flags), program))
    except Exception:  # the stdlib's private parts changed: compile as everyone does
        return re.compile(source, flags)
