"""A per-document time limit without threads: SIGALRM in the process's main thread.

Pool workers run steps in their main thread, so the limit applies there. Anywhere else (a step
run from a thread, or a platform without ``setitimer``) the limit is not enforced: starting a
watchdog thread per document would leak threads that cannot be killed. The alarm interrupts
Python code; a single long call into C (lxml parsing one huge page) finishes first, which is why
the step also caps the page size.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(BaseException):
    """BaseException, so that no ``except Exception`` inside the libraries can swallow it."""


def can_limit_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise :class:`TimeLimitExceeded` in the block after ``seconds``; yields whether it is enforced."""
    if seconds <= 0 or not can_limit_time():
        yield False
        return

    def on_alarm(signum, frame):  # noqa: ARG001
        raise TimeLimitExceeded(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
