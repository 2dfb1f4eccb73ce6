"""The search box: no longer than a query can be, whatever is pasted or typed into it."""

from __future__ import annotations

import time

from textual import events
from textual.widgets import Input

from aseantui.i18n import tr

MAX_QUERY_CHARS = 500
"""The query parser's limit (`aseantui.search.query.MAX_QUERY_CHARS`), written out here
so that the box is drawn before the search stack is imported; a test keeps them equal."""


class SearchInput(Input):
    """An Input of at most MAX_QUERY_CHARS characters.

    A 100 KB paste used to make every later keystroke slow (the whole value is
    measured and searched again each time). A longer paste is cut to the room
    left and a notice says so; characters typed past the limit are refused
    with the same notice (at most one every few seconds), not with a bell each.
    """

    NOTICE_EVERY = 3.0

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, max_length=MAX_QUERY_CHARS, **kwargs)  # type: ignore[arg-type]
        self._noticed = 0.0

    def _on_paste(self, event: events.Paste) -> None:
        line = event.text.splitlines()[0] if event.text else ""
        start, end = sorted(self.selection)
        room = MAX_QUERY_CHARS - (len(self.value) - (end - start))
        if len(line) > room:
            event.text = line[: max(room, 0)]
            self.restricted()
        super()._on_paste(event)

    def restricted(self) -> None:
        now = time.monotonic()
        if now - self._noticed >= self.NOTICE_EVERY:
            self._noticed = now
            lang = str(getattr(self.app, "lang", "en"))
            self.notify(tr("query shortened to its first {n} characters", lang,
                           n=MAX_QUERY_CHARS), severity="warning", timeout=4, markup=False)
