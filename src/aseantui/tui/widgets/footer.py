"""Textual's Footer, with the key descriptions in the interface language."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from aseantui.i18n import tr

PALETTE_MIN_WIDTH = 100
"""Narrower than this, the Ctrl+P key is left out so the screen's own keys fit
(it is still listed in the help screen)."""


class LocalFooter(Footer):
    """The footer in the interface language, recomposed at most once per refresh."""

    _pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual's Footer recomposes once per change of bindings, and a screen changes
        them several times in a row (focus, view, keymap: eight recomposes before the
        first screen was painted). The pending recompose reads the bindings as they are
        by then, so one is enough."""
        if self._pending:
            return
        self._pending = True
        self.call_after_refresh(self._done)  # runs just before the recompose it queues
        super().bindings_changed(screen)

    def _done(self) -> None:
        self._pending = False

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
