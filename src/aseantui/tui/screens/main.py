"""The main screen: the search panel, then home, results or the reader below it.

Widgets say what happened with messages; this screen decides which view is
shown and which entry opens, and keeps the back/forward history and the
language. Below it: `LibraryScreen` loads the library after the first paint
(start-up imports nothing of the search stack), `EntryRequests` answers keys,
menus and lists that ask for an entry (decided in `entries.py`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Header

from aseantui.state import History, Location
from aseantui.tui import loading
from aseantui.tui.messages import FocusSearch
from aseantui.tui.screens import entries
from aseantui.tui.screens.requests import EntryRequests
from aseantui.tui.widgets.answer_card import AnswerCard
from aseantui.tui.widgets.footer import LocalFooter
from aseantui.tui.widgets.home import HomeView
from aseantui.tui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from aseantui.content.model import Article
    from aseantui.search.answers import Answerer
    from aseantui.search.service import Library, Results
    from aseantui.tui.widgets.reader import Place, Reader


class MainScreen(EntryRequests):
    BINDINGS = [
        Binding("escape,slash", "focus_search", "Search box", show=False, id="focus_search"),
        Binding("alt+left,backspace", "back", "Back", id="back"),
        Binding("alt+right", "forward", "Forward", show=False, id="forward"),
        Binding("down", "focus_home", "Home menu", show=False, id="home.focus"),
    ]

    class Shown(Message):
        """The screen is mounted (the benchmark's "home screen mounted")."""

    class Usable(Message):
        """Home is painted and the search box has the focus: a reader can type.

        The library may still be loading (what is typed is answered when it is
        ready). What a launcher waits for to time "start-up to a usable screen".
        """

    class Ready(Message):
        """The library is loaded and the start entry (if any) is open."""

    def __init__(self) -> None:
        super().__init__(classes="-home")  # here, not on mount: a class change restyles all
        self.history = History()
        self.article_key: tuple[str, str] | None = None
        self.view = "home"

    @property
    def panel(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    @property
    def results(self) -> Results | None:
        return self.panel.results

    @property
    def query_text(self) -> str:
        return self.panel.query_text

    @property
    def article(self) -> Article | None:
        """The entry in the reader (None when none is open)."""
        if self.library is None or self.article_key is None:
            return None
        return self.library.corpus.articles.get(self.article_key)

    # -- layout and views --------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield SearchPanel(id="search-panel")
        yield HomeView(id="home")
        # The reader is mounted when the first entry is opened (reader()).
        yield LocalFooter(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something here (the footer follows this)."""
        if action == "back":
            return self.history.can_go_back  # hidden, not dimmed: the footer is short of room
        return True

    def on_mount(self) -> None:
        self.panel.set_language(self.lang)  # the footer was composed in it
        self.refresh_home()
        self.show_view("home")
        self.focus_search()
        self.panel.set_status(self.t("Preparing the search index…"))
        self.start_loading()
        self.post_message(self.Shown())

    def painted(self) -> None:
        self.post_message(self.Usable())

    def retranslate(self) -> None:
        """Refresh every piece of interface text in the current language."""
        self.panel.set_language(self.lang)
        self.refresh_home()
        self.refresh_bindings()
        self.query_one(LocalFooter).refresh(recompose=True)

    def refresh_home(self) -> None:
        from aseantui.tui import homecache

        recent = self.asean_app.state.recent
        about: homecache.HomeData | None
        if self.library is not None:
            about = homecache.from_corpus(self.library.corpus, self.lang,
                                          [visit["entry"] for visit in recent])
        else:  # not loaded yet: what the last start saved, if anything
            saved = self.asean_app.home_file
            about = homecache.read(saved, self.lang) if saved else None
        self.query_one(HomeView).refresh_home(about, self.lang, recent)

    def show_view(self, name: str) -> None:
        """Show "home", "results" or "reader" below the search box."""
        if name == "home" and self.view != "home":
            self.refresh_home()  # "Recently read" changes as entries are opened
        if not self.has_class(f"-{name}"):
            for view in ("home", "results", "reader"):  # one restyle, not one per class
                self.set_class(view == name, f"-{view}", update=False)
            self.update_node_styles()
        self.view = name
        # Inline, not only by class: a widget must be displayed at once to take the focus.
        self.panel.listing.display = name == "results"
        self.query_one(HomeView).display = name == "home"
        for reader in self.query("#reader"):
            reader.display = name == "reader"
        self.panel.box.compact = name == "reader"  # one line: the article gets the room
        if name != "reader":
            self.sub_title = self.t("Search")
            self.article_key = None
        self.refresh_bindings()

    def focus_search(self) -> None:
        self.panel.focus_box()

    @on(FocusSearch)
    def _focus_search(self, event: FocusSearch) -> None:
        event.stop()
        self.focus_search()

    def action_focus_search(self) -> None:
        self.focus_search()

    def action_focus_home(self) -> None:
        if self.view == "home":
            self.query_one(HomeView).focus_menu()


    # -- the library (loaded by LibraryScreen) -----------------------------------------
    async def library_ready(self, library: Library) -> None:
        self.panel.library_ready(library)
        for notice in loading.notices(library, self.asean_app.state):
            self.notify(self.t(notice), title=self.t("Notice"), severity="warning", timeout=8,
                        markup=False)
        self.refresh_home()
        start, self.asean_app.start_entry = self.asean_app.start_entry, None
        if start:
            await self.go(entries.named(library.corpus, start, self.lang))
        if self.view != "reader":
            self.panel.run_search()  # what was typed while the library loaded

    def show_progress(self, notice: str) -> None:
        self.panel.set_status(self.t(notice))  # a first build of a large folder takes a while

    def answers_ready(self, answerer: Answerer) -> None:
        self.panel.answerer_ready(answerer)

    def ready(self) -> None:
        self.post_message(self.Ready())

    # -- what widgets ask for ------------------------------------------------------
    @on(SearchPanel.ResultsShown)
    def _results_shown(self) -> None:
        if self.view != "results":
            self.show_view("results")
        self.refresh_bindings()

    @on(SearchPanel.Cleared)
    def _search_cleared(self) -> None:
        if self.view != "reader" or self.focused is self.panel.box:
            self.show_view("home")

    @on(SearchPanel.HitChosen)
    async def _hit_chosen(self, event: SearchPanel.HitChosen) -> None:
        # `section` of a search location is the result that was opened.
        self.history.visit(Location("search", query=event.query, lang=self.lang,
                                    section=event.index))
        matched = tuple(text for text, hit in event.hit.snippet.parts if hit)
        await self.open_entry(event.hit.id, event.hit.lang, query=event.query, matched=matched)

    @on(AnswerCard.Chosen)
    async def _answer_chosen(self, event: AnswerCard.Chosen) -> None:
        """Open the answer's entry at the section that states it, as a link `entry.md#anchor`."""
        event.stop()
        self.history.visit(Location("search", query=self.query_text, lang=self.lang, section=0))
        await self.open_entry(event.answer.entry, event.answer.lang, anchor=event.answer.anchor)

    # -- reading -----------------------------------------------------------------
    async def open_entry(
        self, entry_id: str, lang: str | None = None, *, section: int = -1, anchor: str = "",
        record: bool = True, place: Place | None = None, query: str = "",
        matched: tuple[str, ...] = (),
    ) -> None:
        """Open an entry (in the interface language where it exists) and record it."""
        if self.library is None:
            return
        corpus = self.library.corpus
        article = entries.article(corpus, entry_id, lang, self.lang)
        if article is None:
            self.notify(self.t("No entry at {target}", target=entry_id), severity="error",
                        markup=False)
            return
        self.remember_place()
        location = Location("article", article.id, article.lang, section=section)
        if record:
            self.history.visit(location)
        else:
            self.history.replace(location)
        reader = await self.reader()
        self.show_view("reader")
        # At once, before the entry is drawn: a key pressed as soon as the title shows
        # must reach the reader, not the search box.
        self.set_focus(reader.article, scroll_visible=False)
        self.article_key = article.key
        self.sub_title = article.title
        await reader.show(article, corpus, self.lang, place=place, section=section,
                          anchor=anchor, query=query, matched=matched)
        self.asean_app.state.record_visit(article.id, article.lang, article.title)
        self.asean_app.show_state_notices()
        self.refresh_bindings()

    async def reader(self) -> Reader:
        """The reader, imported and mounted (hidden) the first time it is needed."""
        from aseantui.tui.widgets.reader import Reader

        existing = self.query(Reader)
        if existing:
            return existing.first()
        reader = Reader(id="reader")
        reader.display = False
        await self.mount(reader, before=self.query_one(LocalFooter))
        return reader

    def remember_place(self) -> None:
        """Note in the history where the reader is in the entry on screen."""
        current = self.history.current
        if self.view == "reader" and current is not None and current.kind == "article":
            from aseantui.tui.widgets.reader import Reader

            place = self.query_one(Reader).place()
            self.history.replace(replace(current, section=place.section, scroll=place.scroll_y,
                                         link=place.link))

    def list_category(self, category: str | None) -> None:
        if category is None:
            self.panel.category = None
        else:
            self.panel.filter_by(category)
            self.focus_search()

    async def on_reader_back_requested(self) -> None:
        await self.action_back()

    # -- history -----------------------------------------------------------------------
    async def action_back(self) -> None:
        self.remember_place()
        if self.history.back():
            await self.goto(self.history.current)

    async def action_forward(self) -> None:
        self.remember_place()
        if self.history.forward():
            await self.goto(self.history.current)

    async def goto(self, location: Location | None) -> None:
        if location is None:
            return
        if location.kind == "article":
            from aseantui.tui.widgets.reader import Place

            place = Place(location.scroll, location.link, location.section) if (
                location.scroll >= 0) else None
            await self.open_entry(location.entry, location.lang, section=location.section,
                                  record=False, place=place)
        else:
            self.show_view("results")
            self.panel.search_for(location.query, highlight=location.section)
            self.set_focus(self.panel.listing)

    # -- language ----------------------------------------------------------------------
    async def language_changed(self) -> None:
        self.retranslate()
        if self.view == "reader" and self.article_key is not None:
            section = (await self.reader()).current_section()
            await self.open_entry(self.article_key[0], self.lang, section=section, record=False)
        elif self.view == "results":
            self.panel.run_search()
