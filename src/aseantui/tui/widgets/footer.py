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
    """The footer in the interface language, made again only when its keys change, and
    at most once per refresh."""

    _composed: tuple[object, ...] | None = None
    """What the keys on show were made from (see `bindings_changed`)."""
    _pending = False
    """A recompose is queued (see `bindings_changed`)."""

    def _shown_keys(self) -> tuple[object, ...]:
        return (getattr(self.app, "lang", "en"), self.show_command_palette, tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tip)
            for _, binding, enabled, tip in self.screen.active_bindings.values()
            if binding.show))

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Make the keys again only when they changed: the screen refreshes its bindings
        after every search (the did-you-mean key comes and goes), and re-making about ten
        widgets each time cost a layout of the whole screen per keystroke.

        And once for several changes in a row: Textual's Footer queues one recompose per
        change (focus, view, keymap: eight before the first screen was painted); the
        queued one reads the bindings as they are by then.
        """
        if (self._composed is not None and screen is self.screen and screen.app.app_focus
                and self._shown_keys() == self._composed):
            return
        if self._pending:
            return
        self._pending = True
        self.call_after_refresh(self._done)  # runs just before the recompose it queues
        super().bindings_changed(screen)

    def _done(self) -> None:
        self._pending = False

    def compose(self) -> ComposeResult:
        self._composed = self._shown_keys() if self._bindings_ready else None
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
