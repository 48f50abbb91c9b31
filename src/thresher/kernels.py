"""How thresher compiles its per-character and per-token loops: numba, cached on disk.

``@kernel`` is ``numba.njit(cache=True)``: a machine compiles each kernel once and later
processes load it from the cache beside the source (or the user's cache folder). Where no cache
location can be written (a read-only install and no writable home, as in some containers)
numba refuses ``cache=True`` outright; the kernel is then compiled in memory by each process on
its first use instead, and thresher works the same, only slower to start.

Loading the first kernel makes numba import its implementations of numpy (``numba.np.arraymath``),
which probe for a BLAS by importing ``scipy.linalg``: 0.2 s of a one-page run (scipy.linalg
brings numpy.f2py, yaml and more), for kernels that use no linear algebra. The probe only
decides whether numba-compiled ``np.correlate`` and ``np.convolve`` call BLAS or a plain loop
(the same result); so this module imports ``numba.np.arraymath`` itself with the probe's import
made to fail. Linear algebra still works in the process (``np.dot`` and ``np.linalg`` import
scipy when a function using them is compiled), and a process that imported scipy.linalg or
numba's arraymath before thresher keeps what it has.
"""

from __future__ import annotations

import sys
from typing import Callable

import numba


def _numba_numpy_without_blas_probe() -> None:
    probe = "scipy.linalg.cython_blas"
    if "numba.np.arraymath" in sys.modules or probe in sys.modules:
        return
    sys.modules[probe] = None  # type: ignore[assignment]  # makes `import scipy.linalg.cython_blas` fail
    try:
        import numba.np.arraymath  # noqa: F401
    finally:
        if sys.modules.get(probe, 0) is None:
            del sys.modules[probe]


_numba_numpy_without_blas_probe()


def kernel(fn: Callable) -> Callable:
    try:
        return numba.njit(cache=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return numba.njit(fn)
