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
(throttling, a dropped connection) are retried with backoff by one policy (:data:`RETRY`, through
:func:`retrying`; a stream read that fails part way is reopened where it stopped,
:class:`RetryingReader`); on ``s3://`` it is the only one, as s3fs's and botocore's own retries are
turned off (they multiply: 5 x 5 tries of a 503). aiohttp alone still sends an idempotent request
(GET, PUT) once more when a kept-alive connection it reused closes without an answer, which is a
stale connection, not a failing store. What still fails raises :class:`RetriesExhausted`
for the caller to report: a reader counts its file as ``read_failed``; a failing call on a job's own
files (its output) is a :class:`StorageError`, one line.
"""

from __future__ import annotations

import errno
import io
import os
import random
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, TypeVar

T = TypeVar("T")

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


#: Exceptions that say "this will never work" (a missing file, a denied request): never retried.
_PERMANENT = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError, FileExistsError, ValueError)
#: The same said by errno (s3fs maps S3's error codes to OSErrors with these).
_PERMANENT_ERRNOS = frozenset({errno.ENOENT, errno.EACCES, errno.EPERM, errno.EINVAL})
#: Exceptions that say "try again" besides OSError (which covers timeouts, resets and s3fs's
#: EBUSY for 503 SlowDown, EREMOTEIO for 500), named by class since their libraries are optional:
#: aiohttp's for a connection closed mid-body or refused, botocore's for the same under its client.
TRANSIENT_ERRORS = frozenset({
    "ClientPayloadError", "ServerDisconnectedError", "ClientConnectionError", "ClientOSError",  # aiohttp
    "HTTPClientError", "ConnectionClosedError", "EndpointConnectionError", "ReadTimeoutError",  # botocore
    "ConnectTimeoutError", "ResponseStreamingError", "IncompleteReadError", "ResponseParserError",
    "IncompleteRead",  # http.client
})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a storage call is tried: ``tries`` in all, waiting
    ``first_delay`` x 2^i (at most ``max_delay``) between them, each wait jittered down to half so
    that many workers throttled together do not come back together."""

    tries: int = 5
    first_delay: float = 0.25
    max_delay: float = 4.0

    def delay(self, i: int) -> float:
        return min(self.max_delay, self.first_delay * 2**i) * (0.5 + random.random() / 2)


#: thresher's one retry policy for storage: 5 tries, waits of about 0.25, 0.5, 1 and 2 s (3.75 s at most).
RETRY = RetryPolicy()


class RetriesExhausted(OSError):
    """A storage call that still failed, with an error that may pass, after every try of the policy."""


def transient(exc: BaseException) -> bool:
    """Whether ``exc`` may pass if the call is tried again."""
    if isinstance(exc, _PERMANENT) or isinstance(exc, RetriesExhausted):
        return False
    if isinstance(exc, OSError):
        return exc.errno not in _PERMANENT_ERRNOS
    return any(c.__name__ in TRANSIENT_ERRORS for c in type(exc).__mro__)


def retrying(fn: Callable[[], T], what: str, policy: RetryPolicy = RETRY) -> T:
    """``fn()``, tried again with backoff on errors that may pass (throttling, timeouts, connection
    resets, a body cut short); others (a missing file, a denied write, bad credentials) are raised
    at once. After the last try: :class:`RetriesExhausted`, naming ``what`` and the last error."""
    for i in range(policy.tries):
        try:
            return fn()
        except Exception as exc:
            if not transient(exc):
                raise
            if i == policy.tries - 1:
                raise RetriesExhausted(f"{what}: {_one_line(exc)} (gave up after {policy.tries} tries)") from exc
            time.sleep(policy.delay(i))
    raise AssertionError("unreachable")  # pragma: no cover


class RetryingReader(io.RawIOBase):
    """A remote file read as a stream whose reads are retried (:func:`retrying`): a read that fails
    (a 503, a connection closed mid-body) drops the file and opens it again at the byte it had
    reached, so what was read is never read twice and nothing is skipped."""

    def __init__(self, opener: Callable[[], BinaryIO], what: str, policy: RetryPolicy = RETRY) -> None:
        self._opener, self.what, self.policy = opener, what, policy
        self._f: BinaryIO | None = retrying(opener, f"opening {what}", policy)
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            self.pos = offset
        elif whence == io.SEEK_CUR:
            self.pos += offset
        else:
            self.pos = self._file().seek(offset, io.SEEK_END)
        if self._f is not None:
            self._f.seek(self.pos)
        return self.pos

    def _file(self) -> BinaryIO:
        if self._f is None:
            f = self._opener()
            f.seek(self.pos)
            self._f = f
        return self._f

    def _read(self, n: int) -> bytes:
        try:
            return self._file().read(n)
        except BaseException:
            self._drop()  # its buffers and connection are in an unknown state: open afresh
            raise

    def readinto(self, b) -> int:  # type: ignore[override]
        data = retrying(lambda: self._read(len(b)), f"reading {self.what} at byte {self.pos:,}", self.policy)
        n = len(data)
        b[:n] = data
        self.pos += n
        return n

    def _drop(self) -> None:
        f, self._f = self._f, None
        if f is not None:
            try:
                f.close()
            except Exception:  # closing a broken connection may fail too; it is gone either way
                pass

    def close(self) -> None:
        if not self.closed:
            self._drop()
        super().close()


def _storage_call(fn: Callable[[], T], what: str) -> T:
    """``retrying(fn)`` on a job's own files: what still fails, or is refused (denied, bad
    credentials), is a :class:`StorageError` naming the file; a missing file stays
    FileNotFoundError, which callers expect."""
    try:
        return retrying(fn, what)
    except (FileNotFoundError, StorageError):
        raise
    except RetriesExhausted as exc:
        raise StorageError(str(exc)) from exc
    except Exception as exc:
        if not isinstance(exc, OSError) and type(exc).__module__.split(".")[0] in ("builtins", "thresher"):
            raise  # a bug, not storage: keep its traceback
        if isinstance(exc, PermissionError):  # S3 says only "Forbidden" to a HEAD: say what to check
            raise StorageError(f"{what}: access denied ({_one_line(exc)}); check the credentials and the bucket's policy") from exc
        raise StorageError(f"{what}: {_one_line(exc)}") from exc


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

            self._fs = fsspec.filesystem(self.protocol, **filesystem_options(self.protocol, self.storage_options))  # fsspec's own cache is per process
            if self.protocol in ("s3", "s3a"):
                self._fs.retries = 1  # s3fs's tries (a class attribute, not an option): RETRY does the retrying
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
        return _storage_call(lambda: self.fs.exists(self.path(rel)), f"checking {self.full_url(rel)}")

    def isdir(self, rel: str = "") -> bool:
        if self.is_local:
            return os.path.isdir(self.path(rel))
        return _storage_call(lambda: self.fs.isdir(self.path(rel)), f"checking {self.full_url(rel)}")

    def ls(self, rel: str = "") -> list[str]:
        """Names directly under ``rel`` (sorted; empty when it does not exist)."""
        if self.is_local:
            try:
                return sorted(os.listdir(self.path(rel)))
            except (FileNotFoundError, NotADirectoryError):
                return []
        self.fs.invalidate_cache(self.path(rel))  # other processes write here: never answer from a stale listing
        try:
            entries = _storage_call(lambda: self.fs.ls(self.path(rel), detail=False), f"listing {self.full_url(rel)}")
        except FileNotFoundError:
            return []
        base = self.path(rel).rstrip("/") + "/"
        return sorted(e[len(base):] if e.startswith(base) else e.rsplit("/", 1)[-1] for e in entries if e.rstrip("/") != base.rstrip("/"))

    def size(self, rel: str) -> int:
        if self.is_local:
            return os.path.getsize(self.path(rel))
        return int(_storage_call(lambda: self.fs.size(self.path(rel)), f"reading the size of {self.full_url(rel)}"))

    def open(self, rel: str, mode: str = "rb") -> BinaryIO:
        """A binary stream of ``rel`` (read modes only: writes go through :meth:`writer`)."""
        if "r" not in mode:
            raise ValueError("Store.open reads; write with Store.writer (whole files, atomic)")
        if self.is_local:
            return open(self.path(rel), "rb")
        try:
            raw = RetryingReader(lambda: self.fs.open(self.path(rel), "rb"), self.full_url(rel))
        except (FileNotFoundError, RetriesExhausted, PermissionError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise StorageError(str(exc) if isinstance(exc, RetriesExhausted) else f"opening {self.full_url(rel)}: {_one_line(exc)}") from exc
        return io.BufferedReader(raw, buffer_size=1 << 20)  # type: ignore[return-value]

    def read_bytes(self, rel: str) -> bytes:
        if self.is_local:
            return Path(self.path(rel)).read_bytes()
        return _storage_call(lambda: self.fs.cat_file(self.path(rel)), f"reading {self.full_url(rel)}")

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
        _storage_call(lambda: self.fs.put_file(str(local), self.path(rel)), f"writing {self.full_url(rel)}")

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
            _storage_call(lambda: self.fs.rm(self.path(rel), recursive=True), f"deleting {self.full_url(rel)}")
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
            cause = exc.__cause__ if isinstance(exc, StorageError) and exc.__cause__ is not None else exc
            raise StorageError(f"cannot write to {self.url}: {describe_os_error(cause)}") from exc


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
            _storage_call(lambda: self.store.fs.put_file(self.tmp, self.store.path(self.rel)), f"writing {self.store.full_url(self.rel)}")
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


def filesystem_options(protocol: str, options: dict[str, Any]) -> dict[str, Any]:
    """What fsspec is given: ``options``, and on S3 no retries of botocore's own unless they are
    asked for (``config_kwargs``), so that :data:`RETRY` is the whole story (how many tries, which
    errors); s3fs's are turned off on the filesystem itself (:attr:`Store.fs`)."""
    if protocol not in ("s3", "s3a"):
        return options
    opts = dict(options)
    config = dict(opts.get("config_kwargs") or {})
    config.setdefault("retries", {"total_max_attempts": 1})
    opts["config_kwargs"] = config
    return opts


def scratch_dir() -> str:
    """This machine's scratch folder for spill (``THRESHER_SCRATCH``, else the system temp)."""
    base = os.environ.get("THRESHER_SCRATCH") or tempfile.gettempdir()
    os.makedirs(base, exist_ok=True)
    return base
