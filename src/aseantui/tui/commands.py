"""Command palette entries: open any entry by title, and the main actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from aseantui.i18n import tr

if TYPE_CHECKING:
    from aseantui.tui.screens.main import MainScreen

ACTIONS: list[tuple[str, str]] = [
    ("Switch language (English / Indonesian)", "app.switch_language"),
    ("Show the keys", "app.help"),
    ("Open a random entry", "screen.random"),
    ("Browse the categories", "screen.open_list('browse')"),
    ("Show the timeline", "screen.open_list('timeline')"),
    ("Show bookmarks", "screen.open_list('bookmarks')"),
    ("Show reading history", "screen.open_list('history')"),
]
"""(label, action): `screen.` actions run on the main screen, `app.` ones on the app."""


def _highlight(matcher: Matcher, text: str) -> Content:
    """`matcher.highlight` without reading `text` as markup (titles are content)."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class AseanCommands(Provider):
    """'Open entry: …' for every entry, plus the app's main actions."""

    def _main(self) -> MainScreen | None:
        from aseantui.tui.screens.main import MainScreen

        screen = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        return screen

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        lang = getattr(self.app, "lang", "en")
        commands: list[tuple[str, Callable[[], Any], str]] = []
        main = self._main()
        for text, action in ACTIONS:
            namespace, _, name = action.partition(".")
            target = self.app if namespace == "app" else main
            if target is not None:
                commands.append((tr(text, lang), partial(target.run_action, name), ""))
        if main is not None and main.library is not None:
            for article in main.library.corpus.in_lang(lang):
                label = tr("Open entry: {title}", lang, title=article.title)
                commands.append((label, partial(main.open_entry, article.id), article.summary))
        return commands

    async def discover(self) -> Hits:
        # The palette reads a plain `str` prompt or help as markup: titles and
        # summaries are content, so they go in as Content / escaped text.
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text,
                               help=escape(help_text) if help_text else None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), callback, text=text,
                          help=escape(help_text) if help_text else None)
