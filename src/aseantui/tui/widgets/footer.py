"""Textual's Footer, with the key descriptions in the interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from aseantui.i18n import tr


class LocalFooter(Footer):
    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                widget.description = tr(description, lang)  # type: ignore[attr-defined]
            yield widget
