"""Storage: a :class:`Store` is a folder on any fsspec filesystem (local disk, ``s3://``, ``gs://``,
``hf://``, ``memory://`` ...), and everything a user reads or a resumed run needs goes through one.
Spill files that no later run needs (DuckDB temp, memmaps) go to local scratch instead
(:func:`scratch_dir`).

Object stores have no atomic rename, so no file here is ever renamed into place on them: a file is
written whole to local scratch and uploaded in one ``put`` when complete (an object appears whole or
not at all). On a local disk the same is done by writing a temporary file beside it and renaming.
What makes a group of files trustworthy is a marker written after them (see
:class:`thresher.run.layout.OutputLayout`): readers ignore files no marker vouches for.

Reads are streamed (never copied to local disk first). Transient failures of a remote filesystem
(throttling, a dropped connection) are retried with backoff (:func:`retrying`); what still fails is
the caller's to report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, TypeVar

T = TypeVar("T")

#: Exceptions that say "try again" rather than "this will never work".
_PERMANENT = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError, ValueError)


class StorageError(RuntimeError):
    """A storage problem a user must fix (missing bucket, denied write, bad credentials): one line."""


def is_url(path: str) -> bool:
    return "://" in str(path)


def split_url(url: str) -> tuple[str, str]:
    """(protocol, path) of a URL or plain path; plain paths are ``file``."""
    url = str(url)
    if "://" in url:
        proto, _, rest = url.partition("://")
        return proto, rest
    return "file", url


def retrying(fn: Callable[[], T], what: str, attempts: int = 4, base_delay: float = 0.25) -> T:
    """``fn()``, retried with exponential backoff on errors that may pass (throttling, timeouts,
    connection resets); permanent ones (a missing file, a denied write) are raised at once."""
    for i in range(attempts):
        try:
            return fn()
        except _PERMANENT:
            raise
        except OSError as exc:
            if i == attempts - 1:
                raise OSError(f"{what}: {exc} (after {attempts} tries)") from exc
            time.sleep(base_delay * (2**i))
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class Store:
    """A folder on a filesystem. Paths given to its methods are relative to the folder, ``/``-separated."""

    url: str
    storage_options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        proto, path = split_url(self.url)
        self.protocol = proto
        if proto == "file":
            path = os.path.abspath(os.path.expanduser(path))
            self.url = path
        self.root = path.rstrip("/") or "/"
        self._fs = None
        self._fs_pid = 0

    # -- the filesystem -----------------------------------------------------------------------
    @property
    def fs(self):
        """The fsspec filesystem, made on first use in each process: its sockets and event loop
        neither pickle nor survive a fork (s3fs hangs on a loop inherited from the parent)."""
        if self._fs is None or self._fs_pid != os.getpid():
            import fsspec

            self._fs = fsspec.filesystem(self.protocol, **self.storage_options)  # fsspec's own cache is per process
            self._fs_pid = os.getpid()
        return self._fs

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_fs"] = None
        return state

    @property
    def is_local(self) -> bool:
        return self.protocol == "file"

    def path(self, rel: str = "") -> str:
        """The full path of ``rel`` on the filesystem (without the protocol)."""
        rel = str(rel).strip("/")
        return f"{self.root}/{rel}" if rel else self.root

    def full_url(self, rel: str = "") -> str:
        p = self.path(rel)
        return p if self.is_local else f"{self.protocol}://{p}"

    def local_path(self, rel: str = "") -> Path | None:
        """``rel`` as a local path, when this store is on the local disk."""
        return Path(self.path(rel)) if self.is_local else None

    def sub(self, rel: str) -> "Store":
        return Store(self.full_url(rel), self.storage_options)

    # -- reading ------------------------------------------------------------------------------
    def exists(self, rel: str = "") -> bool:
        if self.is_local:
            return os.path.exists(self.path(rel))
        return retrying(lambda: self.fs.exists(self.path(rel)), f"checking {self.full_url(rel)}")

    def isdir(self, rel: str = "") -> bool:
        if self.is_local:
            return os.path.isdir(self.path(rel))
        return retrying(lambda: self.fs.isdir(self.path(rel)), f"checking {self.full_url(rel)}")

    def ls(self, rel: str = "") -> list[str]:
        """Names directly under ``rel`` (sorted; empty when it does not exist)."""
        if self.is_local:
            try:
                return sorted(os.listdir(self.path(rel)))
            except (FileNotFoundError, NotADirectoryError):
                return []
        self.fs.invalidate_cache(self.path(rel))  # other processes write here: never answer from a stale listing
        try:
            entries = retrying(lambda: self.fs.ls(self.path(rel), detail=False), f"listing {self.full_url(rel)}")
        except FileNotFoundError:
            return []
        base = self.path(rel).rstrip("/") + "/"
        return sorted(e[len(base):] if e.startswith(base) else e.rsplit("/", 1)[-1] for e in entries if e.rstrip("/") != base.rstrip("/"))

    def size(self, rel: str) -> int:
        if self.is_local:
            return os.path.getsize(self.path(rel))
        return int(retrying(lambda: self.fs.size(self.path(rel)), f"reading the size of {self.full_url(rel)}"))

    def open(self, rel: str, mode: str = "rb") -> BinaryIO:
        """A binary stream of ``rel`` (read modes only: writes go through :meth:`writer`)."""
        if "r" not in mode:
            raise ValueError("Store.open reads; write with Store.writer (whole files, atomic)")
        if self.is_local:
            return open(self.path(rel), "rb")
        return retrying(lambda: self.fs.open(self.path(rel), "rb"), f"opening {self.full_url(rel)}")

    def read_bytes(self, rel: str) -> bytes:
        if self.is_local:
            return Path(self.path(rel)).read_bytes()
        return retrying(lambda: self.fs.cat_file(self.path(rel)), f"reading {self.full_url(rel)}")

    # -- writing ------------------------------------------------------------------------------
    def staged(self, rel: str) -> "Staged":
        """A file to write for ``rel`` that appears there, whole, only on ``commit()``."""
        return Staged(self, rel)

    @contextmanager
    def writer(self, rel: str) -> Iterator[BinaryIO]:
        """A file to write that appears at ``rel`` only when the block ends without error, whole."""
        staged = self.staged(rel)
        try:
            yield staged.file
            staged.commit()
        finally:
            staged.abort()

    def write_bytes(self, rel: str, data: bytes) -> None:
        with self.writer(rel) as f:
            f.write(data)

    def put_file(self, local: Path, rel: str) -> None:
        """Copy a finished local file to ``rel`` (a rename on the same local disk)."""
        if self.is_local:
            target = Path(self.path(rel))
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
            shutil.copyfile(local, tmp)
            os.replace(tmp, target)
            return
        retrying(lambda: self.fs.put_file(str(local), self.path(rel)), f"writing {self.full_url(rel)}")

    def makedirs(self, rel: str = "") -> None:
        if self.is_local:
            os.makedirs(self.path(rel), exist_ok=True)
        # object stores have no folders: a key's prefix exists once a key under it does

    def rm(self, rel: str) -> None:
        """Delete a file or a whole folder; nothing when it does not exist."""
        if self.is_local:
            p = Path(self.path(rel))
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            elif p.exists() or p.is_symlink():
                p.unlink()
            return
        try:
            retrying(lambda: self.fs.rm(self.path(rel), recursive=True), f"deleting {self.full_url(rel)}")
        except FileNotFoundError:
            pass

    def check_writable(self) -> None:
        """Fail now, with one line, when the folder cannot be written (a read-only folder, a missing
        bucket, denied credentials), rather than after the first shard's work."""
        probe = f".thresher-write-test-{os.getpid()}"
        try:
            self.makedirs()
            self.write_bytes(probe, b"")
            self.rm(probe)
        except Exception as exc:  # what went wrong differs per filesystem; the user needs the sentence
            raise StorageError(f"cannot write to {self.url}: {describe_os_error(exc)}") from exc


class Staged:
    """A file being written: on the local disk a temporary file beside its target, renamed on
    commit; elsewhere a file in local scratch, uploaded whole on commit. ``abort`` (a no-op after
    commit) removes it: nothing half written is ever visible at ``rel``."""

    def __init__(self, store: Store, rel: str) -> None:
        self.store, self.rel = store, rel
        if store.is_local:
            target = Path(store.path(rel))
            target.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = str(target.with_name(f".{target.name}.tmp-{os.getpid()}"))
            self.file: BinaryIO = open(self.tmp, "wb")
        else:
            fd, self.tmp = tempfile.mkstemp(prefix="thresher-upload-", dir=scratch_dir())
            self.file = os.fdopen(fd, "wb")
        self.done = False

    def commit(self) -> None:
        if not self.file.closed:
            self.file.close()
        if self.store.is_local:
            os.replace(self.tmp, self.store.path(self.rel))
        else:
            retrying(lambda: self.store.fs.put_file(self.tmp, self.store.path(self.rel)), f"writing {self.store.full_url(self.rel)}")
            os.unlink(self.tmp)
        self.done = True

    def abort(self) -> None:
        if self.done:
            return
        try:
            if not self.file.closed:
                self.file.close()
        except OSError:  # its last flush fails on a full disk: the file is being thrown away anyway
            pass
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)
            self.done = True


def describe_os_error(exc: BaseException) -> str:
    """What the system said, without the temporary file it was said about: ``Read-only file
    system``, ``No space left on device``, ``Not a directory: '/out/kept'``."""
    if isinstance(exc, OSError) and exc.strerror:
        name = str(exc.filename or "")
        if name and ".tmp-" not in name and "thresher-write-test" not in name:
            return f"{exc.strerror}: {name!r}"
        return exc.strerror
    return _one_line(exc)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


def scratch_dir() -> str:
    """This machine's scratch folder for spill (``THRESHER_SCRATCH``, else the system temp)."""
    base = os.environ.get("THRESHER_SCRATCH") or tempfile.gettempdir()
    os.makedirs(base, exist_ok=True)
    return base
