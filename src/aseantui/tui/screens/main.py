"""The main screen: the search panel, then home, results or the reader below it.

Widgets say what happened with messages; this screen decides: which view is
shown, which entry opens, the back/forward history and the language.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.worker import get_current_worker

from aseantui import cancel
from aseantui.content.lookup import find_entry
from aseantui.content.model import CORE_CATEGORIES
from aseantui.i18n import category_name, tr
from aseantui.search.answers import Answerer
from aseantui.search.progress import Throttle
from aseantui.search.service import Library, Results
from aseantui.state import History, Location
from aseantui.tui.keys import core_section_bindings
from aseantui.tui.messages import FocusSearch
from aseantui.tui.screens import dialogs
from aseantui.tui.widgets.answer_card import AnswerCard
from aseantui.tui.widgets.footer import LocalFooter
from aseantui.tui.widgets.home import HomeView
from aseantui.tui.widgets.infobox import Infobox
from aseantui.tui.widgets.reader import Place, Reader
from aseantui.tui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from aseantui.tui.app import AseanApp



class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,slash", "focus_search", "Search box", show=False, id="focus_search"),
        Binding("alt+left,backspace", "back", "Back", id="back"),
        Binding("alt+right", "forward", "Forward", show=False, id="forward"),
        Binding("down", "focus_home", "Home menu", show=False, id="home.focus"),
        Binding("ctrl+r", "random", "Random", show=False, id="random"),
        Binding("f2", "open_list('browse')", "Browse", show=False, id="browse"),
        Binding("f3", "open_list('timeline')", "Timeline", show=False, id="timeline"),
        Binding("f4,ctrl+b", "open_list('bookmarks')", "Bookmarks", show=False, id="bookmarks"),
        Binding("f5", "open_list('history')", "History", show=False, id="history"),
        *core_section_bindings([category_name(c, "en") for c in CORE_CATEGORIES]),
    ]

    class Shown(Message):
        """The screen is mounted (the benchmark's "home screen mounted")."""

    class Ready(Message):
        """The library is loaded and the start entry (if any) is open."""

    def __init__(self) -> None:
        super().__init__()
        self.history = History()
        self.library: Library | None = None
        self.article_key: tuple[str, str] | None = None
        self.view = "home"

    @property
    def asean_app(self) -> AseanApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.asean_app.lang

    @property
    def panel(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    @property
    def results(self) -> Results | None:
        return self.panel.results

    @property
    def query_text(self) -> str:
        return self.panel.query_text

    def t(self, text: str, /, **values: object) -> str:
        return tr(text, self.lang, **values)

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
        self.retranslate()
        self.show_view("home")
        self.focus_search()
        self.panel.set_status(self.t("Preparing the search index…"))
        self.load_library()
        self.post_message(self.Shown())

    def retranslate(self) -> None:
        """Refresh every piece of interface text in the current language."""
        self.panel.set_language(self.lang)
        self.refresh_home()
        self.refresh_bindings()
        self.query_one(LocalFooter).refresh(recompose=True)

    def refresh_home(self) -> None:
        corpus = self.library.corpus if self.library else None
        self.query_one(HomeView).refresh_home(corpus, self.lang, self.asean_app.state.recent)

    def show_view(self, name: str) -> None:
        """Show "home", "results" or "reader" below the search box."""
        if name == "home" and self.view != "home":
            self.refresh_home()  # "Recently read" changes as entries are opened
        self.view = name
        for view in ("home", "results", "reader"):
            self.set_class(view == name, f"-{view}")
        # Inline, not only by class: a widget must be displayed at once to take the focus.
        self.panel.listing.display = name == "results"
        self.query_one(HomeView).display = name == "home"
        for reader in self.query(Reader):
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
            menu = self.query_one("#home-menu", OptionList)
            self.set_focus(menu)
            if menu.highlighted is None:
                menu.action_first()  # the home menu starts with no row highlighted

    # -- the library -------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        # Quitting cancels this worker: loading and indexing stop at the next file or
        # document, and the index's writer processes are stopped (aseantui.cancel).
        with cancel.watching(get_current_worker().cancelled_event):
            try:
                library = self.asean_app.library_factory()
                # A first build of a large folder takes a while: say how far it is.
                library.open_index(progress=Throttle(lambda notice: self.app.call_from_thread(
                    self.panel.set_status, self.t(notice))))
            except cancel.Cancelled:
                return
        self.app.call_from_thread(self.library_ready, library)  # type: ignore[arg-type]
        # After the index: results first, then answers (no card until the facts are in).
        answerer = Answerer(library.corpus)
        self.app.call_from_thread(self.panel.answerer_ready, answerer)

    async def library_ready(self, library: Library) -> None:
        self.library = library
        self.panel.library_ready(library)
        for notice in self.asean_app.take_notices(library):
            self.notify(self.t(notice), title=self.t("Notice"), severity="warning", timeout=8,
                        markup=False)
        self.refresh_home()
        start, self.asean_app.start_entry = self.asean_app.start_entry, None
        if start and await self.open_named(start):
            self.post_message(self.Ready())
            return
        self.panel.run_search()
        self.post_message(self.Ready())

    async def open_named(self, name: str) -> bool:
        """Open the entry called `name` (id, alias or title, any case); say so if none."""
        assert self.library is not None
        found = find_entry(self.library.corpus, name, self.lang)
        if found is None:
            close = self.library.corpus.closest(name)
            hint = f" ({', '.join(close)}?)" if close else ""
            self.notify(self.t("No entry at {target}", target=name) + hint, severity="error",
                        markup=False)
            return False
        await self.open_entry(found.id, found.lang)
        return True

    # -- search panel ----------------------------------------------------------------
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

    @on(OptionList.OptionSelected, "#home-menu")
    async def _home_choice(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice.startswith("entry:"):
            await self.open_entry(choice.removeprefix("entry:"))
        elif choice.startswith("cat:"):
            await self.open_category(choice.removeprefix("cat:"))
        elif choice == "random":
            await self.action_random()
        elif choice == "browse":
            self.action_open_list("browse")

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
        article = corpus.get(entry_id, self.lang, fallback=False) or corpus.get(
            entry_id, lang or self.lang)
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
        """The reader, mounted (hidden) the first time it is needed."""
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
            place = self.query_one(Reader).place()
            self.history.replace(replace(current, section=place.section, scroll=place.scroll_y,
                                         link=place.link))

    async def open_category(self, category: str) -> None:
        if self.library is None:
            return
        entries = [a for a in self.library.corpus.in_lang(self.lang) if a.category == category]
        if len(entries) == 1:
            self.panel.category = None  # a section's own entry: no filter left behind
            await self.open_entry(entries[0].id)
        else:
            self.panel.filter_by(category)
            self.focus_search()

    async def action_core(self, number: int) -> None:
        core = self.library.corpus.settings.core if self.library else CORE_CATEGORIES
        if number < len(core):  # only the sections the folder declares (aseantui.yaml)
            await self.open_category(core[number])

    async def action_random(self) -> None:
        if self.library and self.library.corpus.articles:
            await self.open_entry(random.choice(self.library.corpus.ids()))

    @on(Reader.FollowLink)
    async def _follow(self, event: Reader.FollowLink) -> None:
        if event.target.entry is not None:
            await self.open_entry(event.target.entry.id, event.target.entry.lang,
                                  anchor=event.target.anchor)

    @on(Reader.SourcesRequested)
    def _sources(self, event: Reader.SourcesRequested) -> None:
        if self.library and self.article_key:
            article = self.library.corpus.articles[self.article_key]
            dialogs.open_sources(self.app, article, self.library, self.lang, event.source_id)

    @on(Infobox.SourceChosen)
    def _fact_source(self, event: Infobox.SourceChosen) -> None:
        """A fact's citation: the sources of the entry, at that source (as `]` then Enter)."""
        event.stop()
        if self.library and self.article_key:
            article = self.library.corpus.articles[self.article_key]
            dialogs.open_sources(self.app, article, self.library, self.lang, event.source_id)

    @on(Reader.BookmarkRequested)
    def _bookmark(self) -> None:
        if self.library and self.article_key:
            article = self.library.corpus.articles[self.article_key]
            dialogs.toggle_bookmark(self.asean_app, article)

    @on(Reader.BackRequested)
    async def _back_requested(self) -> None:
        await self.action_back()

    def action_open_list(self, kind: str) -> None:
        def chosen(entry: str | None) -> None:
            self.asean_app.show_state_notices()  # a bookmark removed may not have saved
            if entry:
                entry_id, _, section = entry.partition("#")
                self.run_worker(self.open_entry(entry_id, anchor=section), exclusive=True,
                                group="open")

        dialogs.open_list(self.app, kind, self.lang, self.library, self.asean_app.state, chosen)

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
            section = self.query_one(Reader).current_section()
            await self.open_entry(self.article_key[0], self.lang, section=section, record=False)
        elif self.view == "results":
            self.panel.run_search()
