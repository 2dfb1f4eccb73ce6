"""Starting worker processes safely from anywhere, Textual included."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any


def worker_count(limit: int = 4) -> int:
    """How many worker processes a parallel job should use (1: do it in this process)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(limit, cpus))


@contextlib.contextmanager
def real_stderr() -> Iterator[None]:
    """The process's own stderr while sub-processes are started.

    multiprocessing hands its helper process stderr's file descriptor; under
    Textual, stderr is a capture object whose `fileno()` is -1, and starting a
    process fails with "bad value(s) in fds_to_keep". Only the start is
    wrapped: whatever prints to stderr meanwhile still goes to Textual's capture
    once it is back.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        sys.stderr = sys.__stderr__ if has_fd(sys.__stderr__) else devnull
        try:
            yield
        finally:
            sys.stderr = saved


def has_fd(stream: Any) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False
