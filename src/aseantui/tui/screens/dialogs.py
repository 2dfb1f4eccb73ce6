"""The main screen's actions that open another screen: lists, sources, filters.

A mixin, so that MainScreen stays about navigation; it relies on the
MainScreen attributes declared below.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from aseantui.search.service import Library
    from aseantui.tui.app import AseanApp


class DialogActions(Screen[None]):
    library: Library | None
    category: str | None
    article_key: tuple[str, str] | None

    if TYPE_CHECKING:  # provided by MainScreen

        @property
        def asean_app(self) -> AseanApp: ...

        @property
        def lang(self) -> str: ...

        def t(self, text: str, /, **values: object) -> str: ...

        def run_search(self) -> None: ...

        def open_entry(self, entry_id: str) -> Coroutine[Any, Any, None]: ...

    def action_filter_category(self) -> None:
        from aseantui.tui.screens.pickers import category_picker

        def chosen(category: str | None) -> None:
            if category is not None:
                self.category = category or None
                self.run_search()

        self.app.push_screen(category_picker(self.lang, self.library), chosen)

    def _open_from_picker(self, entry: str | None) -> None:
        self.asean_app.show_state_notices()  # a bookmark removed from the list may not save
        if entry:
            self.run_worker(self.open_entry(entry), exclusive=True, group="open")

    def action_browse(self) -> None:
        from aseantui.tui.screens.pickers import browse_picker

        if self.library:
            self.app.push_screen(browse_picker(self.lang, self.library), self._open_from_picker)

    def action_timeline(self) -> None:
        from aseantui.tui.screens.pickers import timeline_picker

        if self.library:
            self.app.push_screen(timeline_picker(self.lang, self.library), self._open_from_picker)

    def action_bookmarks(self) -> None:
        from aseantui.tui.screens.pickers import bookmarks_picker

        self.app.push_screen(bookmarks_picker(self.lang, self.asean_app.state),
                             self._open_from_picker)

    def action_history(self) -> None:
        from aseantui.tui.screens.pickers import history_picker

        self.app.push_screen(history_picker(self.lang, self.asean_app.state),
                             self._open_from_picker)

    def action_sources(self) -> None:
        self.show_sources()

    def action_bookmark(self) -> None:
        self.toggle_bookmark()

    def show_sources(self, focus: str = "") -> None:
        from aseantui.tui.screens.sources import SourcesScreen

        if self.library and self.article_key:
            article = self.library.corpus.articles[self.article_key]
            self.app.push_screen(SourcesScreen(article, self.library.corpus, self.lang, focus))

    def toggle_bookmark(self) -> None:
        if self.library and self.article_key:
            article = self.library.corpus.articles[self.article_key]
            added = self.asean_app.state.toggle_bookmark(article.id, article.lang, article.title)
            message = "Bookmarked “{title}”" if added else "Bookmark removed: “{title}”"
            self.notify(self.t(message, title=article.title), markup=False)
            self.asean_app.show_state_notices()
