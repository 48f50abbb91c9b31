"""How thresher compiles its per-character and per-token loops: numba, cached on disk.

``@kernel`` is ``numba.njit(cache=True)``: a machine compiles each kernel once and later
processes load it from the cache beside the source (or the user's cache folder). Where no cache
location can be written (a read-only install and no writable home, as in some containers)
numba refuses ``cache=True`` outright; the kernel is then compiled in memory by each process on
its first use instead, and thresher works the same, only slower to start.
"""

from __future__ import annotations

from typing import Callable

import numba


def kernel(fn: Callable) -> Callable:
    try:
        return numba.njit(cache=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return numba.njit(fn)
