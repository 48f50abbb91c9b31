import threading

import pytest

from thresher.run.executors import LocalPool, run_measured


def run_map(fn, items, workers, on_done=None):
    return LocalPool(workers).map(_call, fn, items, on_done)


def _call(fn, item):
    return fn(*item)


def _square(x):
    return x * x


def _fail_on_three(x):
    if x == 3:
        raise RuntimeError("three")
    return x


def test_results_come_back_in_item_order_with_a_pool():
    seen = []
    assert run_map(_square, [(i,) for i in range(20)], workers=2, on_done=seen.append) == [i * i for i in range(20)]
    assert sorted(seen) == [i * i for i in range(20)]


def test_the_first_failure_is_raised():
    with pytest.raises(RuntimeError, match="three"):
        run_map(_fail_on_three, [(i,) for i in range(8)], workers=2)


def test_arguments_that_cannot_be_pickled_raise_instead_of_hanging():
    outcome = {}

    def call():
        try:
            run_map(_square, [(threading.Lock(),), (2,)], workers=2)
        except Exception as exc:  # the pickling error, whatever its exact type
            outcome["error"] = exc

    t = threading.Thread(target=call, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "run_map hung on an unpicklable argument"
    assert "error" in outcome


def _hold(mb, item):
    block = bytearray(mb * 1024 * 1024)  # zero-filled: every page is touched
    return len(block) + item


def test_each_item_is_measured_apart_so_a_small_item_after_a_large_one_is_not_charged_for_it():
    _, large = run_measured(_hold, 300, 0)
    _, small = run_measured(_hold, 1, 0)
    assert large > 300 * 1024 and small < large - 200 * 1024


def test_the_pool_keeps_the_largest_peak_of_each_mapped_function():
    pool = LocalPool(2)
    assert pool.map(_hold, 200, [0, 1, 2]) == [200 * 1024 * 1024 + i for i in range(3)]
    assert pool.map(_hold, 1, [0, 1]) == [1024 * 1024, 1024 * 1024 + 1]
    assert set(pool.peaks) == {"test_local._hold"}
    assert pool.peaks["test_local._hold"] > 200 * 1024  # the first map's items, not the second's
