"""Kernels work where numba has no cache location to write to (a read-only install, no home),
and loading them costs no more than they need."""

import subprocess
import sys

import numba
import numba.core.config
import numpy as np
import pytest

from thresher.kernels import kernel


class NoLocator:
    """A cache locator that never finds a place, like every locator on a read-only system."""

    @classmethod
    def from_function(cls, py_func, source_path):
        return None


def _total(xs):
    t = 0
    for x in xs:
        t += x
    return t


def test_a_kernel_without_a_cache_location_still_compiles_and_runs(monkeypatch):
    monkeypatch.setattr(numba.core.config, "CACHE_LOCATOR_CLASSES", f"{__name__}.NoLocator")
    with pytest.raises(RuntimeError, match="no locator available"):
        numba.njit(cache=True)(_total)  # what numba itself does there
    compiled = kernel(_total)
    assert compiled(np.arange(5)) == 10
    assert type(compiled._cache).__name__ == "NullCache"  # compiled in memory, nothing written


def test_a_kernel_is_cached_where_it_can_be():
    compiled = kernel(_total)
    assert compiled(np.arange(4)) == 6
    assert type(compiled._cache).__name__ == "FunctionCache"


def test_loading_the_kernels_skips_numbas_blas_probe_and_linear_algebra_still_works():
    code = (
        "import sys\n"
        "import numba, numpy as np\n"
        "from thresher.text.token_spacing import space_out\n"
        "assert space_out('It is 5km, isn\\'t it?').split() == 'It is 5 km , is n\\'t it ?'.split()\n"
        "print('scipy.linalg' in sys.modules)\n"
        "dot = numba.njit(lambda a, b: np.dot(a, b))\n"
        "print(dot(np.arange(3.0), np.arange(3.0)), 'scipy.linalg' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "5.0", "True"]  # probe skipped; np.dot imports scipy when compiled
