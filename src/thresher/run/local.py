"""The local executor: a process pool over shards (or in-process for one worker).

Thin on purpose: it only decides where ``fn(*item)`` runs. Shard functions write their own outputs
atomically, so a worker killed mid-shard leaves nothing behind but a shard to redo.
"""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable


def run_map(fn: Callable, items: list[tuple], workers: int, on_done: Callable[[Any], None] | None = None) -> list:
    """Run ``fn(*item)`` for every item; results in item order. The first failure is raised."""
    if workers <= 1 or len(items) <= 1:
        results = []
        for item in items:
            r = fn(*item)
            if on_done:
                on_done(r)
            results.append(r)
        return results
    # fork: workers start in milliseconds and inherit imported modules; the job is passed explicitly.
    ctx = mp.get_context("fork")
    results: list[Any] = [None] * len(items)
    pool = ProcessPoolExecutor(max_workers=min(workers, len(items)), mp_context=ctx)
    try:
        pending = {pool.submit(fn, *item): i for i, item in enumerate(items)}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                i = pending.pop(fut)
                results[i] = fut.result()
                if on_done:
                    on_done(results[i])
    except BaseException:
        # Report the failure now, not after every queued shard has run: queued shards are
        # cancelled, and running ones are not waited for (a pool broken by, say, arguments that
        # cannot be pickled never finishes them). Shard outputs are complete or absent, never half.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return results
