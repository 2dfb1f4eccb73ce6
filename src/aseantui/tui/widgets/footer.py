"""Textual's Footer, with the key descriptions in the interface language."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

from aseantui.i18n import tr

PALETTE_MIN_WIDTH = 100
"""Narrower than this, the Ctrl+P key is left out so the screen's own keys fit
(it is still listed in the help screen)."""


class LocalFooter(Footer):
    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                widget.description = tr(description, lang)  # type: ignore[attr-defined]
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= PALETTE_MIN_WIDTH
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            self.refresh(recompose=True)
