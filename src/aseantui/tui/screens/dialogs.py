"""Opening the app's dialogs: lists to pick an entry from, and an entry's sources.

Plain functions with everything they need passed in: the screen that calls
them decides what to do with what was picked (`chosen`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from aseantui.content.model import Article
    from aseantui.search.service import Library
    from aseantui.state import UserState
    from aseantui.tui.app import AseanApp

Chosen = Callable[[str | None], None]


def open_list(app: App[object], kind: str, lang: str, library: Library | None,
              state: UserState, chosen: Chosen) -> None:
    """Push the list called `kind`: browse, timeline, bookmarks or history."""
    from aseantui.tui.screens import pickers

    if kind == "bookmarks":
        app.push_screen(pickers.bookmarks_picker(lang, state, library), chosen)
    elif kind == "history":
        app.push_screen(pickers.history_picker(lang, state, library), chosen)
    elif library is not None:
        make = pickers.browse_picker if kind == "browse" else pickers.timeline_picker
        app.push_screen(make(lang, library), chosen)


def open_sources(app: App[object], article: Article, library: Library, lang: str,
                 focus: str = "") -> None:
    """Push the list of the sources `article` cites (scrolled to `focus` if given)."""
    from aseantui.tui.screens.sources import SourcesScreen

    app.push_screen(SourcesScreen(article, library.corpus, lang, focus))


def toggle_bookmark(app: AseanApp, article: Article) -> None:
    """Bookmark `article`, or remove its bookmark, and say which."""
    from aseantui.i18n import tr

    added = app.state.toggle_bookmark(article.id, article.lang, article.title)
    message = "Bookmarked “{title}”" if added else "Bookmark removed: “{title}”"
    app.notify(tr(message, app.lang, title=article.title), markup=False)
    app.show_state_notices()
