"""Requests for entries, answered on a library screen: keys, home's menu, lists, the reader.

The core-section keys, Ctrl+R, the pick lists (F2 … F5), home's menu and the
reader's requests (follow a link, show the sources, bookmark) all ask for an
entry or a list. What each request means is decided on the corpus
(`aseantui.tui.screens.entries`); a request that comes before the library is
loaded waits for it (`LibraryScreen.when_ready`). A subclass says how an entry
is opened and a category listed (`open_entry`, `list_category`) and which
entry is on screen (`article`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

from aseantui.content.model import CORE_CATEGORIES
from aseantui.i18n import category_name
from aseantui.tui.keys import core_section_bindings
from aseantui.tui.screens import dialogs, entries
from aseantui.tui.screens.library_screen import LibraryScreen

if TYPE_CHECKING:
    from aseantui.content.load import Corpus
    from aseantui.content.model import Article
    from aseantui.tui.widgets.home import HomeView
    from aseantui.tui.widgets.infobox import Infobox
    from aseantui.tui.widgets.reader import Reader


class EntryRequests(LibraryScreen):
    """A library screen that answers requests for entries (see the module)."""

    BINDINGS = [
        Binding("ctrl+r", "random", "Random", show=False, id="random"),
        Binding("f2", "open_list('browse')", "Browse", show=False, id="browse"),
        Binding("f3", "open_list('timeline')", "Timeline", show=False, id="timeline"),
        Binding("f4,ctrl+b", "open_list('bookmarks')", "Bookmarks", show=False, id="bookmarks"),
        Binding("f5", "open_list('history')", "History", show=False, id="history"),
        *core_section_bindings([category_name(c, "en") for c in CORE_CATEGORIES]),
    ]

    # -- what a subclass provides ----------------------------------------------------
    async def open_entry(self, entry_id: str, lang: str | None = None, *,
                         anchor: str = "") -> None:
        """Open an entry (at `anchor`)."""
        raise NotImplementedError

    def list_category(self, category: str | None) -> None:
        """List a category's entries (None: drop the category filter)."""
        raise NotImplementedError

    @property
    def article(self) -> Article | None:
        """The entry on screen, if any."""
        return None

    # -- requests --------------------------------------------------------------------
    async def go(self, target: entries.Target) -> None:
        """Carry out what a request means (entries.py): open, list, or say nothing matched."""
        if target.missing:
            hint = f" ({', '.join(target.close)}?)" if target.close else ""
            self.notify(self.t("No entry at {target}", target=target.missing) + hint,
                        severity="error", markup=False)
        elif target.entry:
            if target.clear_filter:
                self.list_category(None)  # a section's own entry: no filter left behind
            await self.open_entry(target.entry, target.lang or None, anchor=target.anchor)
        elif target.category:
            self.list_category(target.category)

    async def go_when_ready(self, request: Callable[[Corpus], entries.Target]) -> None:
        """Decide `request` on the corpus and go there: now, or once the library is ready."""
        async def decide() -> None:
            assert self.library is not None
            await self.go(request(self.library.corpus))

        await self.when_ready(decide)

    async def action_core(self, number: int) -> None:
        await self.go_when_ready(lambda corpus: entries.core(corpus, number, self.lang))

    async def action_random(self) -> None:
        await self.go_when_ready(entries.any_entry)

    async def on_home_view_chosen(self, event: HomeView.Chosen) -> None:
        if event.kind in ("random", "browse"):
            await self.run_action("random" if event.kind == "random" else "open_list('browse')")
        elif event.kind == "entry":
            await self.go_when_ready(lambda _: entries.Target(event.value))
        elif event.kind == "cat":
            await self.go_when_ready(
                lambda corpus: entries.category(corpus, event.value, self.lang))

    async def action_open_list(self, kind: str) -> None:
        def chosen(value: str | None) -> None:
            self.asean_app.show_state_notices()  # a bookmark removed may not have saved
            if value:
                self.run_worker(self.go(entries.picked(value)), exclusive=True, group="open")

        async def open_list() -> None:
            dialogs.open_list(self.app, kind, self.lang, self.library, self.asean_app.state,
                              chosen)

        if kind in ("browse", "timeline"):  # lists of the library's entries
            await self.when_ready(open_list)
        else:
            await open_list()

    # -- what the reader asks for (imported with it: handlers by name) -------------------
    async def on_reader_follow_link(self, event: Reader.FollowLink) -> None:
        if event.target.entry is not None:
            await self.open_entry(event.target.entry.id, event.target.entry.lang,
                                  anchor=event.target.anchor)

    def on_reader_sources_requested(self, event: Reader.SourcesRequested) -> None:
        self.show_sources(event.source_id)

    def on_infobox_source_chosen(self, event: Infobox.SourceChosen) -> None:
        """A fact's citation: the sources of the entry, at that source (as `]` then Enter)."""
        event.stop()
        self.show_sources(event.source_id)

    def show_sources(self, source_id: str) -> None:
        if self.library and self.article:
            dialogs.open_sources(self.app, self.article, self.library, self.lang, source_id)

    def on_reader_bookmark_requested(self) -> None:
        if self.article:
            dialogs.toggle_bookmark(self.asean_app, self.article)

