"""The main screen: search box, then home, results or the reader below it.

The screen owns navigation: it runs searches in a worker, opens entries,
keeps the back/forward history and routes every link (clicked or followed
from the keyboard) through one handler.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    Header,
    Input,
    LoadingIndicator,
    Markdown,
    OptionList,
    Static,
)
from textual.worker import get_current_worker

from aseantui.content.model import CORE_CATEGORIES, Article
from aseantui.content.parse import classify_href
from aseantui.i18n import category_name, tr
from aseantui.render import CITE_SCHEME, ENTRY_SCHEME, reader_markdown
from aseantui.search.service import Library, Results
from aseantui.state import History, Location
from aseantui.tui.screens.dialogs import DialogActions
from aseantui.tui.widgets.article import ArticleView
from aseantui.tui.widgets.footer import LocalFooter
from aseantui.tui.widgets.home import HomeView
from aseantui.tui.widgets.reader import Reader
from aseantui.tui.widgets.results import ResultsList

if TYPE_CHECKING:
    from aseantui.tui.app import AseanApp

RESULTS_LIMIT = 30


class MainScreen(DialogActions, Screen[None]):
    BINDINGS = [
        Binding("escape", "escape", "Search box", show=False),
        Binding("alt+left", "back", "Back", id="back"),
        Binding("alt+right", "forward", "Forward", id="forward", show=False),
        Binding("backspace", "back", "Back", show=False),
        Binding("down", "focus_results", "Results", show=False),
        Binding("ctrl+t", "filter_category", "Filter", id="filter"),
        Binding("ctrl+g", "accept_suggestion", "Did you mean", id="suggestion"),
        Binding("ctrl+r", "random", "Random", show=False),
        Binding("f2", "browse", "Browse", show=False),
        Binding("f3", "timeline", "Timeline", show=False),
        Binding("f4,ctrl+b", "bookmarks", "Bookmarks", show=False),
        Binding("f5", "history", "History", show=False),
        *(
            Binding(f"alt+{n}", f"core({n - 1})", category_name(c, "en"), show=False)
            for n, c in enumerate(CORE_CATEGORIES, 1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history = History()
        self.library: Library | None = None
        self.results: Results | None = None
        self.category: str | None = None
        self.article_key: tuple[str, str] | None = None
        self._restore_highlight = -1

    @property
    def asean_app(self) -> AseanApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.asean_app.lang

    def t(self, text: str, /, **values: object) -> str:
        return tr(text, self.lang, **values)

    # -- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="search-row"):
            yield Input(id="search", select_on_focus=False)
            yield Static(id="lang-badge")
        with Horizontal(id="status-row"):
            yield LoadingIndicator(id="loading")
            yield Static(id="status")
        with ContentSwitcher(initial="home", id="views"):
            yield HomeView(id="home")
            yield ResultsList(id="results")
            # The reader is mounted when the first entry is opened (_reader):
            # it is not needed to start, and composing it cost ~13 ms of start-up.
        yield LocalFooter(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something here (the footer follows this)."""
        if action == "filter_category":
            return self.view != "reader"
        if action == "accept_suggestion":
            return bool(self.results and self.results.suggestion and self.view == "results")
        if action == "back":
            return self.history.can_go_back  # hidden, not dimmed: the footer is short of room
        return True

    def on_mount(self) -> None:
        self.retranslate()
        self.focus_search()
        self.set_status(self.t("Preparing the search index…"))
        self.load_library()

    def retranslate(self) -> None:
        """Refresh every piece of interface text in the current language."""
        search = self.query_one("#search", Input)
        search.placeholder = self.t(
            "Type to search in English or Indonesian, e.g. 'sekjen' or 'where is the secretariat'"
        )
        self.query_one("#lang-badge", Static).update(Content(self.lang.upper()))
        self.refresh_home()
        self.refresh_bindings()
        self.query_one(LocalFooter).refresh(recompose=True)

    def refresh_home(self) -> None:
        corpus = self.library.corpus if self.library else None
        self.query_one(HomeView).refresh_home(corpus, self.lang, self.asean_app.state.recent)

    @property
    def view(self) -> str:
        return self.query_one(ContentSwitcher).current or "home"

    def show_view(self, name: str) -> None:
        if name == "home" and self.view != "home":
            self.refresh_home()  # "Recently read" changes as entries are opened
        self.query_one(ContentSwitcher).current = name
        self.set_class(name == "reader", "-reading")
        if name != "reader":
            self.sub_title = self.t("Search")
            self.article_key = None
        self.refresh_bindings()

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    def focus_search(self) -> None:
        # set_focus, not focus(): at once, so a key typed right after lands in the box
        self.set_focus(self.query_one("#search", Input))

    # -- the library -------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        library = self.asean_app.library_factory()
        library.open_index()
        self.app.call_from_thread(self._library_ready, library)  # type: ignore[arg-type]

    async def _library_ready(self, library: Library) -> None:
        self.library = library
        self.query_one("#loading", LoadingIndicator).display = False
        self.set_status("")
        for notice in self.asean_app.take_notices(library):
            self.notify(self.t(notice), title=self.t("Notice"), severity="warning", timeout=8,
                        markup=False)
        self.refresh_home()
        start = self.asean_app.start_entry
        if start:
            self.asean_app.start_entry = None
            if library.article(start, self.lang) is None:
                close = library.corpus.closest(start)
                hint = f" ({', '.join(close)}?)" if close else ""
                self.notify(self.t("No entry at {target}", target=start) + hint,
                            severity="error", markup=False)
            else:
                await self.open_entry(start)
                return
        self.run_search()

    # -- searching ---------------------------------------------------------------
    @property
    def query_text(self) -> str:
        return self.query_one("#search", Input).value

    @on(Input.Changed, "#search")
    def _query_changed(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        text = self.query_text
        if not text.strip() and self.category is None:
            self.results = None
            self.set_status("" if self.library else self.t("Preparing the search index…"))
            if self.view != "reader" or self.focused is self.query_one("#search"):
                self.show_view("home")
            return
        self.show_view("results")
        if self.library is not None:
            self._search(text, self.lang, self.category)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, lang: str, category: str | None) -> None:
        assert self.library is not None
        results = self.library.search(text, lang=lang, limit=RESULTS_LIMIT, category=category)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_results, results, text)

    def _show_results(self, results: Results, text: str) -> None:
        if text != self.query_text:
            return  # a newer keystroke is on its way
        self.results = results
        listing = self.query_one(ResultsList)
        listing.show_hits(results.hits, self.lang)
        if 0 <= self._restore_highlight < len(results.hits):
            listing.highlighted = self._restore_highlight
        self._restore_highlight = -1
        self.set_status(self.describe_results(results))
        self.refresh_bindings()

    def describe_results(self, results: Results) -> str:
        n = results.total
        parts = [self.t("{n} result" if n == 1 else "{n} results", n=n)]
        if not results.hits and results.query.strip():
            parts = [self.t("No results for “{query}”", query=results.query)]
        if self.category:
            parts.append(self.t("category: {category}",
                                category=category_name(self.category, self.lang)))
        if results.suggestion:
            parts.append(self.t("Did you mean “{suggestion}”? ({key} to accept)",
                                suggestion=results.suggestion, key="Ctrl+G"))
        if results.notice:
            parts.append(self.t(results.notice))
        return " · ".join(parts)

    @on(Input.Submitted, "#search")
    async def _search_submitted(self) -> None:
        results = self.query_one(ResultsList)
        if self.view == "results" and results.current is not None:
            await self.open_hit()

    @on(OptionList.OptionSelected, "#results")
    async def open_hit(self) -> None:
        listing = self.query_one(ResultsList)
        hit = listing.current
        if hit is not None:
            # `section` of a search location is the result that was opened.
            self.history.visit(Location("search", query=self.query_text, lang=self.lang,
                                        section=listing.highlighted or 0))
            await self.open_entry(hit.id, hit.lang)

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
            self.action_browse()

    # -- reading -----------------------------------------------------------------
    async def open_entry(
        self, entry_id: str, lang: str | None = None, *, section: int = -1,
        anchor: str = "", record: bool = True,
    ) -> None:
        if self.library is None:
            return
        article = self.library.article(entry_id, lang or self.lang)
        if article is None:
            self.notify(self.t("No entry at {target}", target=entry_id), severity="error",
                        markup=False)
            return
        if article.lang != self.lang and self.library.article(entry_id, self.lang):
            article = self.library.article(entry_id, self.lang) or article
        self._remember_section()
        location = Location("article", article.id, article.lang, section=section)
        if record:
            self.history.visit(location)
        else:
            self.history.replace(location)
        reader = await self._reader()
        self.show_view("reader")
        self.article_key = article.key
        self.sub_title = article.title
        await reader.show(reader_markdown(article, self.library.corpus, self.lang), section)
        if anchor:
            reader.article.goto_anchor(anchor)
        reader.article.focus(scroll_visible=False)  # keep the restored section in view
        self.asean_app.state.record_visit(article.id, article.lang, article.title)
        self.asean_app.show_state_notices()
        self.refresh_bindings()

    async def _reader(self) -> Reader:
        """The reader, mounted (hidden) the first time it is needed."""
        existing = self.query(Reader)
        if existing:
            return existing.first()
        reader = Reader(id="reader")
        await self.query_one(ContentSwitcher).add_content(reader)
        return reader

    def _remember_section(self) -> None:
        current = self.history.current
        if self.view == "reader" and current is not None and current.kind == "article":
            self.history.replace(replace(current, section=self.query_one(Reader).current_section()))

    async def open_category(self, category: str) -> None:
        if self.library is None:
            return
        entries = [a for a in self.library.corpus.in_lang(self.lang) if a.category == category]
        if len(entries) == 1:
            await self.open_entry(entries[0].id)
        else:
            self.category = category
            self.query_one("#search", Input).value = ""
            self.run_search()

    async def action_core(self, number: int) -> None:
        core = self.library.corpus.settings.core if self.library else CORE_CATEGORIES
        if number < len(core):  # only the sections the folder declares (aseantui.yaml)
            await self.open_category(core[number])

    async def action_random(self) -> None:
        if self.library and self.library.corpus.articles:
            await self.open_entry(random.choice(self.library.corpus.ids()))

    @on(Markdown.LinkClicked)
    async def _link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.prevent_default()
        event.stop()
        await self.follow(event.href)

    async def follow(self, href: str) -> None:
        """Go where a link points: an entry, a citation, or (shown, never opened) the web."""
        if self.library is None or self.article_key is None:
            return
        reader = self.query_one(Reader)
        if href.startswith(ENTRY_SCHEME):
            await self.open_entry(href.removeprefix(ENTRY_SCHEME))
            return
        if href.startswith(CITE_SCHEME):
            self.show_sources(href.removeprefix(CITE_SCHEME))
            return
        current = self.library.corpus.articles[self.article_key]
        link = classify_href(href, current.relpath)
        if link.kind == "external":
            reader.set_link_bar(self.t("External link (not opened): {url} — press c to copy",
                                       url=href), href=href)
            return
        if link.kind != "internal":
            self.notify(self.t("This link is not allowed: {url}", url=href), severity="warning",
                        markup=False)
            return
        target = self.library.corpus.by_path.get(link.target)
        if target is None:
            self.notify(self.t("No entry at {target}", target=href), severity="warning",
                        markup=False)
        elif target.key == current.key and link.anchor:
            reader.article.goto_anchor(link.anchor)
        else:
            await self.open_entry(target.id, target.lang, anchor=link.anchor)

    @on(ArticleView.LinkFocused)
    def _link_focused(self, event: ArticleView.LinkFocused) -> None:
        reader = self.query_one(Reader)
        if event.total == 0:
            reader.set_link_bar(self.t("No links in this entry"))
            return
        label = "Link {n}/{total}: {target}"
        target = event.href
        if self.library is not None and event.href.startswith(CITE_SCHEME):
            label = "Source {n}/{total}: {target}"
            source = self.library.corpus.sources.get(event.href.removeprefix(CITE_SCHEME))
            target = source.title if source else target
        elif self.library is not None:
            found = self._link_target(event.href)
            target = found.title if found else target
        reader.set_link_bar(self.t(label, n=event.index + 1, total=event.total,
                                   target=f"{event.text} → {target}"), href=event.href)

    def _link_target(self, href: str) -> Article | None:
        """The entry a link leads to, if it leads to one."""
        if self.library is None:
            return None
        if href.startswith(ENTRY_SCHEME):
            return self.library.article(href.removeprefix(ENTRY_SCHEME), self.lang)
        if self.article_key is None:
            return None
        current = self.library.corpus.articles.get(self.article_key)
        link = classify_href(href, current.relpath) if current else None
        return self.library.corpus.by_path.get(link.target) if link and link.target else None

    # -- navigation ------------------------------------------------------------------
    async def action_back(self) -> None:
        self._remember_section()
        if self.history.back():
            await self.goto(self.history.current)

    async def action_forward(self) -> None:
        self._remember_section()
        if self.history.forward():
            await self.goto(self.history.current)

    async def goto(self, location: Location | None) -> None:
        if location is None:
            return
        if location.kind == "article":
            await self.open_entry(location.entry, location.lang, section=location.section,
                                  record=False)
        else:
            search = self.query_one("#search", Input)
            with search.prevent(Input.Changed):
                search.value = location.query
            self._restore_highlight = location.section
            self.run_search()
            self.query_one(ResultsList).focus()

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            self.category = None
            if search.value:
                search.value = ""  # Input.Changed runs the (empty) search: home
            else:
                self.run_search()  # only a filter, or an entry left open: home
        else:
            self.focus_search()

    def action_focus_results(self) -> None:
        target = {"results": "#results", "home": "#home-menu"}.get(self.view)
        if target:
            options = self.query_one(target, OptionList)
            self.set_focus(options)  # at once: a second Down already moves in the list
            if options.highlighted is None:
                options.action_first()  # the home menu starts with no row highlighted

    def action_accept_suggestion(self) -> None:
        if self.results is not None and self.results.suggestion:
            self.query_one("#search", Input).value = self.results.suggestion
            self.focus_search()

    # -- language ----------------------------------------------------------------------
    async def language_changed(self) -> None:
        self.retranslate()
        if self.results is not None:
            self.set_status(self.describe_results(self.results))
        if self.view == "reader" and self.article_key is not None:
            section = self.query_one(Reader).current_section()
            await self.open_entry(self.article_key[0], self.lang, section=section, record=False)
        elif self.view == "results":
            self.run_search()
