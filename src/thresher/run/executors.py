"""Executors: where ``fn(shared, item)`` runs. Nothing else in thresher knows which one runs.

``map(fn, shared, items, on_done)`` calls ``fn(shared, item)`` for every item and returns the results
in item order. ``shared`` (the job, a stage context) is shipped to each worker once, not with every
item, so items stay small (a shard name, a partition number). Before a worker runs its first item it
calls ``shared.setup()`` when ``shared`` has one (loading models, compiling kernels), under every
executor.

* :class:`InProcess`: in this process, in order (one worker; tests; printing to stdout).
* :class:`LocalPool`: a pool of forked worker processes on this machine, the default. Workers die
  with their parent (``PR_SET_PDEATHSIG`` on Linux, a parent-liveness check elsewhere), so no worker
  outlives a killed run; a worker that dies raises :class:`WorkerDied` with one sentence.
* :class:`thresher.run.ray_executor.RayExecutor`: Ray tasks on a cluster (``thresher[ray]``).

Work functions write their own outputs whole or not at all, so a failure at any point leaves only
work to redo.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Protocol


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its item (killed, out of memory)."""


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[Any, Any], Any], shared: Any, items: list, on_done: Callable[[Any], None] | None = None) -> list:
        ...

    def close(self) -> None:
        ...


def _setup(shared: Any) -> None:
    setup = getattr(shared, "setup", None)
    if setup is not None:
        setup()


class InProcess:
    """Run every item here, in order."""

    workers = 1

    def map(self, fn, shared, items, on_done=None) -> list:
        results = []
        if items:
            _setup(shared)
        for item in items:
            r = fn(shared, item)
            if on_done:
                on_done(r)
            results.append(r)
        return results

    def close(self) -> None:
        pass


# -- the local process pool -----------------------------------------------------------------
def _die_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it does, even after a kill -9 of it."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:  # where prctl is missing (and as a second line where it is not)
        import time

        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="thresher-parent-watch").start()


def _worker_init(parent: int, shared: Any) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_SHARED.append(shared)
    _setup(shared)


# The one object a pool worker was given at start (a fork-inherited argument, set by the
# initializer in the worker only; the parent never reads or writes it).
_WORKER_SHARED: list = []


def _call_in_worker(fn: Callable, item: Any) -> Any:
    return fn(_WORKER_SHARED[0], item)


class LocalPool:
    """A process pool on this machine (fork: workers start in milliseconds and inherit what the
    parent imported; ``shared`` reaches them once, through the fork)."""

    forks = True  # workers inherit the parent's memory: work done before map() is done once

    def __init__(self, workers: int) -> None:
        self.workers = max(1, int(workers))

    def map(self, fn, shared, items, on_done=None) -> list:
        if self.workers <= 1 or len(items) <= 1:
            return InProcess().map(fn, shared, items, on_done)
        ctx = mp.get_context("fork")
        results: list[Any] = [None] * len(items)
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(items)), mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(), shared)
        )
        pending: dict = {}
        try:
            pending = {pool.submit(_call_in_worker, fn, item): i for i, item in enumerate(items)}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        results[i] = fut.result()
                    except BrokenProcessPool:
                        raise WorkerDied(_death_sentence(pool, items[i])) from None
                    if on_done:
                        on_done(results[i])
        except BaseException:
            # Report the failure now, not after every queued item has run: queued items are
            # cancelled and running workers stopped. Outputs are whole or absent, never half.
            _stop(pool)
            raise
        pool.shutdown(wait=True)
        return results

    def close(self) -> None:
        pass


def _death_sentence(pool: ProcessPoolExecutor, item: Any) -> str:
    codes = [p.exitcode for p in getattr(pool, "_processes", {}).values() if p.exitcode is not None and p.exitcode != 0]
    how = ""
    if codes:
        code = codes[0]
        how = f" (signal {-code})" if code < 0 else f" (exit code {code})"
    return f"a worker died on {item}{how}; completed work is kept, re-run the same command to resume"


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (they hold no output that is not whole)."""
    procs = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()


def make_executor(name: str, workers: int, address: str | None = None) -> Executor:
    """The executor a command line asks for: ``local`` (default) or ``ray``."""
    if name == "local":
        return LocalPool(workers)
    if name == "ray":
        from thresher.run.ray_executor import RayExecutor

        return RayExecutor(address=address, cpus=workers)
    raise ValueError(f"unknown executor {name!r}; choose local or ray")
