"""Kernels work where numba has no cache location to write to (a read-only install, no home)."""

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
