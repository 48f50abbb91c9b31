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

Worker processes (the pool's, Ray's) measure each item's peak resident size and give the heap the
item freed back to the system before the next one; ``peaks`` keeps the largest per mapped function
(:func:`task_name`), which the runner reports in ``stats.json`` as ``peak_mb_by_task``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Protocol


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its item (killed, out of memory)."""


class Executor(Protocol):
    workers: int
    peaks: dict[str, int]  # task_name(fn) -> largest peak resident size of one item, kB

    def map(self, fn: Callable[[Any, Any], Any], shared: Any, items: list, on_done: Callable[[Any], None] | None = None) -> list:
        ...

    def close(self) -> None:
        ...


def _setup(shared: Any) -> None:
    setup = getattr(shared, "setup", None)
    if setup is not None:
        setup()


# -- what one item costs in memory -------------------------------------------------------------
def task_name(fn: Callable) -> str:
    """A mapped function as the stats name it: its module's last part and its own (``near._decide``)."""
    return f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"


def _reset_peak() -> bool:
    """Start this process's peak resident size afresh (Linux's VmHWM, through clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak_kb() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _give_back() -> None:
    """Return the heap a finished item freed to the system. glibc keeps freed memory for reuse, and a
    worker that lives on (Ray's, across every map of a job) would otherwise carry the largest item's
    heap into every item after it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def run_measured(fn: Callable[[Any, Any], Any], shared: Any, item: Any) -> tuple[Any, int | None]:
    """``fn(shared, item)`` in a worker process, with this item's peak resident size (kB; None where
    it cannot be measured)."""
    fresh = _reset_peak()
    try:
        result = fn(shared, item)
        return result, (_peak_kb() if fresh else None)
    finally:
        _give_back()


def note_peak(peaks: dict[str, int], fn: Callable, kb: int | None) -> None:
    if kb:
        name = task_name(fn)
        peaks[name] = max(kb, peaks.get(name, 0))


class InProcess:
    """Run every item here, in order (in the driver: its items are not measured as tasks)."""

    workers = 1

    def __init__(self) -> None:
        self.peaks: dict[str, int] = {}

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


def _worker_init(parent: int, shared: Any, started: Any) -> None:
    # First: a SIGTERM from the pool stopping its workers must end this one quietly, not run the
    # parent's handler inherited through the fork (a traceback from a worker still starting).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    _die_with_parent(parent)
    _WORKER_SHARED.extend((shared, started))
    _setup(shared)


# What a pool worker was given at start, fork-inherited arguments set by the initializer in the
# worker only (the parent never reads or writes this list): the shared object, and the array in
# shared memory where each worker writes its pid into the slot of the item it starts, so that
# the parent can say which item a worker that died was on.
_WORKER_SHARED: list = []


def _call_in_worker(fn: Callable, index: int, item: Any) -> tuple[Any, int | None]:
    shared, started = _WORKER_SHARED
    started[index] = os.getpid()
    return run_measured(fn, shared, item)


class LocalPool:
    """A process pool on this machine (fork: workers start in milliseconds and inherit what the
    parent imported; ``shared`` reaches them once, through the fork)."""

    forks = True  # workers inherit the parent's memory: work done before map() is done once

    def __init__(self, workers: int) -> None:
        self.workers = max(1, int(workers))
        self.peaks: dict[str, int] = {}

    def map(self, fn, shared, items, on_done=None) -> list:
        if self.workers <= 1 or len(items) <= 1:
            return InProcess().map(fn, shared, items, on_done)
        ctx = mp.get_context("fork")
        results: list[Any] = [None] * len(items)
        started = ctx.Array("q", len(items), lock=False)  # item -> pid of the worker that took it
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(items)), mp_context=ctx, initializer=_worker_init,
            initargs=(os.getpid(), shared, started),
        )
        pending: dict = {}
        try:
            pending = {pool.submit(_call_in_worker, fn, i, item): i for i, item in enumerate(items)}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        results[i], kb = fut.result()
                    except BrokenProcessPool:
                        unfinished = set(pending.values()) | {i}
                        raise WorkerDied(_death_sentence(pool, items, started, unfinished)) from None
                    note_peak(self.peaks, fn, kb)
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


def _death_sentence(pool: ProcessPoolExecutor, items: list, started: Any, unfinished: set[int]) -> str:
    """One sentence: which item the dead worker was on, and how it ended."""
    procs = dict(getattr(pool, "_processes", None) or {})
    # A killed worker's pipe closes a moment before the kernel lets its exit status be read, and
    # the pool is stopping its siblings meanwhile: wait (bounded) until every worker's status can be
    # read, so the one that died is told apart from the ones stopped after it.
    for _ in range(150):
        if all(p.exitcode is not None for p in procs.values()):
            break
        time.sleep(0.02)
    ended = {pid: p.exitcode for pid, p in procs.items() if p.exitcode not in (None, 0)}
    # Once one worker dies the pool sends SIGTERM to the others: the one that ended otherwise is
    # the one that died (a worker that was itself sent SIGTERM may be confused with a sibling).
    dead = [pid for pid, code in ended.items() if code != -signal.SIGTERM] or list(ended)
    if not dead:
        return f"a worker died; {RESUME}"
    pid = dead[0]
    held = [k for k in unfinished if started[k] == pid]  # in the order the pool handed them out
    where = f"on {describe_item(items[max(held)])}" if held else "before it started any work"
    return f"a worker died {where} ({_how(ended[pid])}); {RESUME}"


RESUME = "completed shards are kept; re-run the same command to resume"


def _how(exitcode: int) -> str:
    if exitcode >= 0:
        return f"exit code {exitcode}"
    sig = -exitcode
    try:
        name = signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"
    return f"signal {sig}, {name}" + ("; out of memory?" if sig == signal.SIGKILL else "")


def describe_item(item: Any) -> str:
    """An item of work as a user knows it: a shard name, a corpus stage's task (``(stage, k, ...)``
    tuples), an input file being counted."""
    if isinstance(item, str):
        return f"shard {item}"
    if isinstance(item, tuple) and item and hasattr(item[0], "name"):
        task = next((x for x in item[1:] if isinstance(x, (int, str))), None)
        return f"{item[0].name}'s task {task}" if task is not None else f"a {item[0].name} task"
    url = getattr(item, "url", None)
    if isinstance(url, str):
        return f"counting the records of {url}"
    return repr(item)[:100]


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (they hold no output that is not whole)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()
    # The pool's manager thread closes its wake-up pipe as it ends; concurrent.futures' exit hook
    # writes to that pipe, and racing it printed an OSError traceback after our one sentence.
    # Once the thread has ended the hook finds the pipe closed and does nothing.
    if manager is not None:
        manager.join(timeout=10)


def make_executor(name: str, workers: int, address: str | None = None) -> Executor:
    """The executor a command line asks for: ``local`` (default) or ``ray``."""
    if name == "local":
        return LocalPool(workers)
    if name == "ray":
        from thresher.run.ray_executor import RayExecutor

        return RayExecutor(address=address, cpus=workers)
    raise ValueError(f"unknown executor {name!r}; choose local or ray")
