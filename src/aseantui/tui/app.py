"""The Textual application and the one factory that builds it (CLI and tests alike).

Start-up draws the home screen and focuses the search box before anything of
the search stack (Whoosh, the corpus, markdown-it) is imported: the library
loads in the background once the first screen is painted (MainScreen.Usable).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from aseantui import paths
from aseantui.content.model import LANGS, other_lang
from aseantui.i18n import tr
from aseantui.state import UserState
from aseantui.tui.commands import AseanCommands
from aseantui.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from aseantui.search.service import Library

KEYMAP_FILE = "keymap.json"


class AseanApp(App[int]):
    CSS_PATH = Path(__file__).with_name("aseantui.tcss")  # absolute: subclasses live elsewhere
    TITLE = "aseantui"
    SUB_TITLE = "ASEAN Secretariat"
    COMMANDS = App.COMMANDS | {AseanCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+l", "switch_language", "Language", id="language"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
    ]

    def __init__(
        self,
        library_factory: Callable[[], Library],
        state: UserState,
        *,
        start_entry: str | None = None,
        lang: str | None = None,
        home_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.library_factory = library_factory
        self.state = state
        self.lang = lang if lang in LANGS else state.settings["lang"]
        self.start_entry = start_entry
        self.home_file = home_file
        """The home screen saved by the last start (aseantui.tui.homecache), or None."""

    def on_mount(self) -> None:
        from aseantui.config import load

        config = load()
        for problem in config.problems:
            self.notify(problem, title=tr("Notice", self.lang), severity="warning",
                        timeout=10, markup=False)
        self.load_keymap(config.keys)
        theme = config.theme or self.state.settings.get("theme", "")
        if theme and theme in self.available_themes:
            self.theme = theme
        elif config.theme:
            self.notify(tr("unknown theme '{theme}' in the configuration", self.lang,
                           theme=config.theme), severity="warning", timeout=8, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the first one (no blank screen is mounted and restyled first)."""
        return MainScreen()

    def load_keymap(self, configured: dict[str, str] | None = None) -> None:
        """Apply the configuration's [keys], then keymap.json from the data folder:
        {"binding id": "key,key"} (README)."""
        keymap: dict[str, str] = dict(configured or {})
        path = self.state.folder / KEYMAP_FILE
        if not path.is_file():
            if keymap:
                self.set_keymap(keymap)
            return
        try:
            from_file = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(from_file, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in from_file.items()):
                raise ValueError("expected an object of binding ids and keys")
        except (OSError, ValueError) as exc:
            self.notify(tr("keymap.json ignored: {reason}", self.lang, reason=str(exc)[:120]),
                        severity="warning", timeout=8, markup=False)
            from_file = {}
        self.set_keymap({**keymap, **from_file})

    def _theme_changed(self, theme: Theme) -> None:
        self.state.set("theme", theme.name)
        self.show_state_notices()

    def show_state_notices(self) -> None:
        """Say so at once when a state file could not be saved (not at the next start)."""
        for notice in self.state.take_notices():
            self.notify(tr(notice, self.lang), title=tr("Notice", self.lang),
                        severity="warning", timeout=8, markup=False)

    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    async def action_switch_language(self) -> None:
        self.lang = other_lang(self.lang)
        self.state.set("lang", self.lang)
        self.show_state_notices()
        main = self.main_screen()
        if main is not None:
            await main.language_changed()
        for screen in self.screen_stack:
            set_language = getattr(screen, "set_language", None)  # the help screen has one
            if set_language is not None:
                await set_language(self.lang)
        message = "Interface language: Indonesian" if self.lang == "id" else (
            "Interface language: English")
        self.notify(tr(message, self.lang), timeout=2, markup=False)

    # -- Textual's own commands, in the interface language -------------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands (Theme, Quit, Keys...) with translated names."""
        for command in super().get_system_commands(screen):
            yield SystemCommand(tr(command.title, self.lang), tr(command.help, self.lang),
                                command.callback, command.discover)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=tr("Search for commands…", self.lang)))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=tr("Search for themes…", self.lang)))

    def action_help(self) -> None:
        # Imported when first asked for: its tables are not needed to start.
        from aseantui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))


def make_app(
    content: str | Path | None = None,
    entry: str | None = None,
    lang: str | None = None,
    *,
    data_dir: Path | None = None,
    library_factory: Callable[[], Library] | None = None,
    app_class: type[AseanApp] | None = None,
) -> AseanApp:
    """Build the app the way `aseantui` runs it; tests pass their own folders.

    `app_class` (a subclass of AseanApp) lets the benchmark listen to the
    screen's messages (MainScreen.Usable, MainScreen.Ready, SearchPanel.ResultsShown)
    as they bubble up.
    """
    state = UserState(data_dir or paths.data_dir())
    if lang is None:
        from aseantui.config import load

        lang = load().language  # --lang, else the configuration, else the saved choice
    home_file = None
    if library_factory is None:  # the content folder's home is saved between starts
        from aseantui.tui.homecache import home_file as saved_home

        home_file = saved_home(paths.cache_dir(), paths.content_dir(content))
    return (app_class or AseanApp)(library_factory or partial(_library, content), state,
                                   start_entry=entry, lang=lang, home_file=home_file)


def _library(content: str | Path | None) -> Library:
    from aseantui.search.service import Library  # imported once home is on screen

    return Library(content)
