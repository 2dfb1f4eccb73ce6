"""The search panel: the box, its status line, the results, "did you mean" and the filter.

It runs every search in a worker and says what happened with messages; the
screen decides what to show next (home, results, the reader).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from aseantui.i18n import category_name, tr
from aseantui.tui.messages import FocusSearch
from aseantui.tui.widgets.answer_card import AnswerCard
from aseantui.tui.widgets.results import ResultsList, hit_options
from aseantui.tui.widgets.search_input import SearchInput

if TYPE_CHECKING:  # not imported at start-up: the box shows before the library loads
    from aseantui.search.answers import Answer, Answerer
    from aseantui.search.service import Hit, Library, Results

RESULTS_LIMIT = 30


@dataclass(frozen=True, eq=False)
class SearchRequest:
    """What to search for: compared by identity, so asking again searches again."""

    text: str
    lang: str
    category: str | None
    budget: int
    """Characters of snippet a row has room for."""
    row_width: int
    """The width of a row's text (0: not known yet)."""


class SearchBox(SearchInput):
    """The search box: typing searches; the core-section keys are the screen's; at most
    a query's length (SearchInput)."""

    def _watch_value(self, value: str) -> None:
        # Input sets its scroll range (virtual_size, a layout reactive) on every key,
        # which laid out the whole screen again each time. The box's size never
        # depends on its text (aseantui.tcss), so the range is set without a layout;
        # Input then finds it unchanged.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    DEFAULT_CSS = """
    SearchBox {
        /* As high as its row, not auto: a key then repaints the box alone, without
           laying out the whole screen again. */
        height: 1fr;
    }
    """


class SearchPanel(Vertical):
    """Search box, status line and results; posts what the reader chose."""

    BINDINGS = [
        Binding("escape", "clear", "Clear", show=False, id="search.clear"),
        Binding("down", "focus_results", "Results", show=False, id="search.results"),
        Binding("ctrl+t", "filter_category", "Filter", id="search.filter"),
        Binding("ctrl+g", "accept_suggestion", "Did you mean", id="search.suggestion"),
    ]

    @dataclass
    class HitChosen(Message):
        """A result was opened (Enter on it, or Enter in the box)."""

        hit: Hit
        index: int
        query: str

    @dataclass
    class ResultsShown(Message):
        """New results are on screen (also what the benchmark waits for)."""

        results: Results
        text: str

    class Cleared(Message):
        """The box is empty and no filter is set: nothing to show but home."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Library | None = None
        self.answerer: Answerer | None = None
        """Set once the facts are indexed (after the library): no card before."""
        self._answer_lock = threading.Lock()
        """A stale search worker may still run: one question at a time on the fact index."""
        self.results: Results | None = None
        self.category: str | None = None
        self.lang = "en"
        self._restore_highlight = -1
        self._status = ""
        self._requests = threading.Lock()
        self._latest: SearchRequest | None = None
        """The newest search asked for; the worker drops any other."""
        self._searching = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-row"):
            yield SearchBox(id="search", select_on_focus=False)
            yield Static(id="lang-badge")
        with Horizontal(id="status-row"):
            yield LoadingIndicator(id="loading")
            yield Static(id="status")
        yield AnswerCard(id="answer")
        yield ResultsList(id="results")

    @property
    def box(self) -> Input:
        return self.query_one(SearchBox)

    @property
    def listing(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def card(self) -> AnswerCard:
        return self.query_one(AnswerCard)

    @property
    def card_shown(self) -> bool:
        return self.card.answer is not None and self.listing.display

    @property
    def query_text(self) -> str:
        return self.box.value

    def t(self, text: str, /, **values: object) -> str:
        return tr(text, self.lang, **values)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            return bool(self.results and self.results.suggestion and self.listing.display)
        return True

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.box.placeholder = self.t(
            "Type to search in English or Indonesian, e.g. 'sekjen' or 'where is the secretariat'"
        )
        self.query_one("#lang-badge", Static).update(Content(lang.upper()))
        if self.results is not None:
            self.set_status(self.describe_results(self.results))

    def set_status(self, text: str) -> None:
        if text != self._status:  # unchanged: no layout for it
            self._status = text
            # One row of fixed width (aseantui.tcss): its text never resizes it, so
            # no layout of the screen for it.
            self.query_one("#status", Static).update(Content(text), layout=False)

    def library_ready(self, library: Library) -> None:
        self.library = library
        self.query_one("#loading", LoadingIndicator).display = False
        self.set_status("")

    def answerer_ready(self, answerer: Answerer) -> None:
        """The facts are indexed: answer from now on (the query on screen too)."""
        self.answerer = answerer
        if self.query_text.strip() and self.results is not None:
            self.run_search()

    def focus_box(self) -> None:
        # set_focus, not focus(): at once, so a key typed right after lands in the box
        self.screen.set_focus(self.box)

    # -- searching -----------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search()

    def run_search(self) -> None:
        """Search for what the box holds (with the filter), or say there is nothing to show."""
        text = self.query_text
        if not text.strip() and self.category is None:
            self._latest = None
            self.results = None
            self.card.show_answer(None, self.lang)
            self.set_status("" if self.library else self.t("Preparing the search index…"))
            self.post_message(self.Cleared())
            return
        if self.library is not None:
            listing = self.listing
            request = SearchRequest(text, self.lang, self.category, listing.snippet_budget,
                                    listing.row_width)
            with self._requests:
                self._latest = request
                start = not self._searching
                self._searching = True
            if start:  # after the box shows the key: the search then gets the interpreter
                self.call_after_refresh(self._search)

    def search_for(self, text: str, *, highlight: int = -1) -> None:
        """Put `text` in the box without an extra search, then search (history uses this)."""
        with self.box.prevent(Input.Changed):
            self.box.value = text
        self._restore_highlight = highlight
        self.run_search()

    @work(thread=True, exclusive=True, group="search")
    def _search(self) -> None:
        """Off the UI thread, one search at a time, always the newest request.

        Keys typed while a search runs only replace the request waiting: the texts in
        between are never searched, so the search never falls behind the typing and the
        UI thread shares the interpreter with one search at most.
        """
        worker = get_current_worker()
        done: SearchRequest | None = None
        try:
            while not worker.is_cancelled:
                with self._requests:
                    request = self._latest
                    if request is None or request is done:
                        self._searching = False  # the next request starts a new worker
                        return
                self._search_one(request)
                done = request
        except BaseException:
            with self._requests:
                self._searching = False
            raise
        with self._requests:
            self._searching = False

    def _search_one(self, request: SearchRequest) -> None:
        """The search, the answer and the rows for `request`, unless a newer one came."""
        assert self.library is not None
        text, lang = request.text, request.lang

        def stale() -> bool:
            return request is not self._latest or get_current_worker().is_cancelled

        results = self.library.search(text, lang=lang, limit=RESULTS_LIMIT,
                                      category=request.category)
        answer = None
        if self.answerer is not None and not stale():
            with self._answer_lock:
                answer = self.answerer.answer(text, lang, [hit.id for hit in results.hits])
        if stale():
            return
        # The rows (snippets fitted to the width, highlights) are built here too: the UI
        # thread only swaps them in.
        options = hit_options(results.hits, lang, self.library.corpus, text, request.budget,
                              request.row_width)
        if not stale():
            self.app.call_from_thread(self.show_results, results, text, answer, options)

    def show_results(self, results: Results, text: str, answer: Answer | None = None,
                     options: list[Option] | None = None) -> None:
        if text != self.query_text:
            return  # a newer keystroke is on its way
        self.results = results
        corpus = self.library.corpus if self.library else None
        with self.app.batch_update():  # one repaint for the card, the rows and the status
            self.card.show_answer(answer, self.lang)
            self.listing.show_hits(results.hits, self.lang, corpus, text, options)
            if 0 <= self._restore_highlight < len(results.hits):
                self.listing.highlighted = self._restore_highlight
            self._restore_highlight = -1
            self.set_status(self.describe_results(results))
        self.post_message(self.ResultsShown(results, text))

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

    # -- choosing ------------------------------------------------------------
    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.listing.display:
            self._choose()

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        hit = self.listing.current
        if hit is not None:
            self.post_message(self.HitChosen(hit, self.listing.highlighted or 0, self.query_text))

    @on(FocusSearch)
    def _focus_search(self, event: FocusSearch) -> None:
        event.stop()
        self.focus_box()

    # -- keys ----------------------------------------------------------------
    def action_clear(self) -> None:
        """Esc: from the results back to the box; in the box, clear it and the filter."""
        if self.screen.focused is not self.box:
            self.focus_box()
            return
        self.category = None
        if self.box.value:
            self.box.value = ""  # Input.Changed runs the (empty) search
        else:
            self.run_search()

    def action_focus_results(self) -> None:
        """Down in the box: to the answer card when there is one, else to the results."""
        if not self.listing.display or self.screen.focused is not self.box:
            raise SkipAction()
        # at once: a second Down already moves on
        self.screen.set_focus(self.card if self.card_shown else self.listing)

    @on(ResultsList.LeftTop)
    def _left_results(self, event: ResultsList.LeftTop) -> None:
        """Up on the first result: to the answer card when there is one, else to the box."""
        event.stop()
        if self.card_shown:
            self.screen.set_focus(self.card)
        else:
            self.focus_box()

    def action_filter_category(self) -> None:
        from aseantui.tui.screens.pickers import category_picker

        def chosen(category: str | None) -> None:
            if category is not None:
                self.category = category or None
                self.run_search()

        self.app.push_screen(category_picker(self.lang, self.library), chosen)

    def action_accept_suggestion(self) -> None:
        if self.results is not None and self.results.suggestion:
            self.box.value = self.results.suggestion
            self.focus_box()

    def filter_by(self, category: str) -> None:
        """Show every entry of `category` (the home menu and the core-section keys)."""
        self.category = category
        with self.box.prevent(Input.Changed):
            self.box.value = ""
        self.run_search()
