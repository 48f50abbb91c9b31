import threading

import pytest

from thresher.run.executors import LocalPool


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
