"""Stopping long work (loading articles, building the index) when the app quits.

The app loads its library in a worker thread; quitting sets that worker's
`threading.Event`. Work done on a thread `watching` an event calls `check()`
between files and between documents, and raises `Cancelled` once the event
is set. `Cancelled` is a BaseException (like KeyboardInterrupt): the "anything
went wrong, fall back" handlers of the core let it through, and every
`except BaseException` clean-up (half-written builds, writer processes) runs.
Threads that watch nothing (the command line) are never cancelled.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_local = threading.local()


class Cancelled(BaseException):  # noqa: N818 - named for what happened, as KeyboardInterrupt
    """The work was asked to stop (the app is quitting)."""


@contextlib.contextmanager
def watching(event: threading.Event) -> Iterator[None]:
    """Work on this thread stops (raises Cancelled at the next `check`) once `event` is set."""
    previous = getattr(_local, "event", None)
    _local.event = event
    try:
        yield
    finally:
        _local.event = previous


def current() -> threading.Event | None:
    """The event this thread's work watches, if any."""
    event: threading.Event | None = getattr(_local, "event", None)
    return event


def check() -> None:
    """Raise Cancelled if this thread's work has been asked to stop."""
    event = current()
    if event is not None and event.is_set():
        raise Cancelled
