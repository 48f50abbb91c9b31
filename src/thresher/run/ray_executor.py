"""The Ray executor: each item is a Ray task on a cluster (``pip install 'thresher[ray]'``).

The shared object (the job, a stage context) is put in Ray's object store once; every task gets a
reference to it and one small item (a shard name, a partition number). A worker process turns the
reference into the object once and keeps it for the tasks it runs next, calling its ``setup()``
first, as the local pool's workers do. Tasks declare one CPU each; a task whose worker or node dies
is retried by Ray (its outputs are whole or absent, so a retry redoes it from the start).

Without an address a local Ray instance is started with as many CPUs as ``--workers`` and stopped at
the end. ``auto`` joins the cluster this machine belongs to; ``HOST:PORT`` a cluster's head
(GCS address); ``ray://HOST:PORT`` goes through Ray Client. An address that does not answer is
refused in one sentence before Ray is asked to join it (Ray itself waits and retries for minutes).
"""

from __future__ import annotations

import importlib.util

import os
import socket
import time
from typing import Any, Callable

from thresher.run.executors import WorkerDied, note_peak, run_measured

# How many times Ray re-runs a task whose worker died (the OOM killer, a lost node).
TASK_RETRIES = 3
# Seconds between progress polls while tasks run.
POLL_SECONDS = 0.5


class RayUnavailable(ConnectionError):
    """The Ray cluster named on the command line cannot be reached."""


# The shared objects this worker process has been given, by object reference: a Ray worker is
# reused across tasks, and unpickling a job (and building its pipeline) once per worker instead of
# once per task is what keeps a task's overhead small. Only ever filled inside Ray workers.
_WORKER_MEMO: dict[str, Any] = {}


def _task(fn: Callable[[Any, Any], Any], ref_box: list, item: Any) -> tuple[Any, int | None]:
    import ray

    ref = ref_box[0]
    key = ref.hex()
    shared = _WORKER_MEMO.get(key)
    if shared is None:
        _WORKER_MEMO.clear()  # a new job: let the last one go
        shared = ray.get(ref)
        setup = getattr(shared, "setup", None)
        if setup is not None:
            setup()
        _WORKER_MEMO[key] = shared
    return run_measured(fn, shared, item)


def _host_port(address: str) -> tuple[str, int] | None:
    rest = address.split("://", 1)[-1]
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        return None
    return host.strip("[]"), int(port)


def check_reachable(address: str, timeout: float = 3.0) -> None:
    """Refuse, in one sentence, a ``HOST:PORT`` nothing listens on."""
    hp = _host_port(address)
    if hp is None:
        raise RayUnavailable(f"Ray address {address!r} is not auto, HOST:PORT or ray://HOST:PORT")
    try:
        with socket.create_connection(hp, timeout=timeout):
            pass
    except OSError as exc:
        raise RayUnavailable(f"no Ray cluster answers at {address} ({exc.strerror or exc}); start one with `ray start --head` or check --ray-address") from None


class RayExecutor:
    """Run items as Ray tasks. ``cpus`` sizes a local instance when no address is given."""

    def __init__(self, address: str | None = None, cpus: int | None = None, task_cpus: float = 1.0) -> None:
        # Checked here, imported where used: a job without Ray should fail before it starts.
        if importlib.util.find_spec("ray") is None:
            raise ImportError("the Ray executor needs Ray: pip install 'thresher[ray]'")
        self.address = address
        self.cpus = max(1, int(cpus)) if cpus else None
        self.task_cpus = task_cpus
        self._started_here = False
        self._workers: int | None = None
        self.peaks: dict[str, int] = {}

    # -- the cluster ------------------------------------------------------------------------
    def _connect(self) -> None:
        import ray

        if ray.is_initialized():
            return
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home from a user's run
        kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": "ERROR", "log_to_driver": False}
        if self.address in (None, "local"):
            # A private instance on this machine, listening on loopback only.
            kwargs.update(num_cpus=self.cpus or os.cpu_count() or 1, _node_ip_address="127.0.0.1")
            ray.init(**kwargs)
            self._started_here = True
            return
        if self.address != "auto":
            check_reachable(self.address)
        try:
            ray.init(address=self.address, **kwargs)
        except (ConnectionError, TimeoutError, RuntimeError) as exc:
            raise RayUnavailable(f"could not join the Ray cluster at {self.address}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
        self._started_here = True  # this driver's connection, not the cluster: shutdown only disconnects

    @property
    def workers(self) -> int:
        """CPUs of the cluster (how many tasks run at once)."""
        if self._workers is None:
            import ray

            self._connect()
            self._workers = max(1, int(ray.cluster_resources().get("CPU", 1) // self.task_cpus))
        return self._workers

    # -- the executor protocol ----------------------------------------------------------------
    def map(self, fn: Callable[[Any, Any], Any], shared: Any, items: list, on_done: Callable[[Any], None] | None = None) -> list:
        if not items:
            return []
        import ray
        from ray.exceptions import RayTaskError, WorkerCrashedError

        self._connect()
        remote = ray.remote(num_cpus=self.task_cpus, max_retries=TASK_RETRIES, retry_exceptions=False)(_task)
        ref = ray.put(shared)
        # The reference travels inside a list so Ray hands the task the reference, not the object:
        # the worker resolves it once (see _task), not once per task.
        pending = {remote.remote(fn, [ref], item): i for i, item in enumerate(items)}
        results: list[Any] = [None] * len(items)
        try:
            while pending:
                ready, _ = ray.wait(list(pending), num_returns=1, timeout=POLL_SECONDS)
                for fut in ready:
                    i = pending.pop(fut)
                    try:
                        results[i], kb = ray.get(fut)
                    except RayTaskError as exc:
                        cause = exc.as_instanceof_cause()
                        raise (cause.cause if getattr(cause, "cause", None) is not None else cause) from None
                    except (WorkerCrashedError, ray.exceptions.NodeDiedError, ray.exceptions.ObjectLostError) as exc:
                        raise WorkerDied(f"a Ray worker died on {items[i]} {TASK_RETRIES + 1} times ({type(exc).__name__}); "
                                         "completed work is kept, re-run the same command to resume") from None
                    note_peak(self.peaks, fn, kb)
                    if on_done:
                        on_done(results[i])
        except BaseException:
            for fut in pending:  # queued and running tasks: their outputs are whole or absent
                ray.cancel(fut, force=True)
            raise
        return results

    def close(self) -> None:
        if self._started_here:
            import ray

            ray.shutdown()
            self._started_here = False
            # Ray's shutdown returns before its processes are gone; give them a moment so a test
            # (or a second job in this process) does not race them.
            time.sleep(0.1)
