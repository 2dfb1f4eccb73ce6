"""How far opening the index has got, as a message for the reader.

`Library.open_index(progress=...)` calls its callback with (phase, done,
total): "parse" while the articles are read for the first time, "index"
while the entries are written into a new index. The command line prints
`notice(...)` on stderr (output.py), the app in its status row; `Throttle`
keeps either from redrawing more often than the eye can follow.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from aseantui.i18n import Notice

PHASES = {
    "parse": "Reading the articles: {done} of {total}…",
    "index": "Building the search index: {done} of {total} entries…",
}


def notice(phase: str, done: int, total: int) -> Notice:
    """The message for a step of the work (English; `i18n.tr` translates it)."""
    template = PHASES.get(phase, "Building the search index: {done} of {total} entries…")
    return Notice(template, done=f"{done:,}", total=f"{total:,}")


class Throttle:
    """A progress callback that passes on at most one message every `interval` seconds
    (and always the last one of a phase)."""

    def __init__(self, show: Callable[[Notice], None], interval: float = 0.1) -> None:
        self.show = show
        self.interval = interval
        self._last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < self.interval:
            return
        self._last = now
        self.show(notice(phase, done, total))
