"""Messages that more than one widget posts (widget-specific ones are nested in the widget)."""

from __future__ import annotations

from textual.message import Message


class FocusSearch(Message):
    """Put the focus in the search box (Up on the first row of a list, `/` on home...)."""
