"""The list of search results: title, category, language badge and snippet."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aseantui.i18n import category_name
from aseantui.text import shorten

if TYPE_CHECKING:  # not imported at start-up: the list shows before the library loads
    from aseantui.content.load import Corpus
    from aseantui.search.service import Hit
    from aseantui.search.snippets import Snippet

MATCH_STYLE = "bold underline"
SNIPPET_LINES = 2
"""A snippet takes at most this many lines under its title."""


def snippet_parts(hit: Hit, query: str, corpus: Corpus | None, budget: int) -> Snippet:
    """The hit's passage as text: whole words, table rows as "cell: cell", "…" where cut."""
    article = corpus.articles.get((hit.id, hit.lang)) if corpus is not None else None
    if article is None:
        return hit.snippet
    from aseantui.search.snippets import display_text, fitted_snippet, query_stems

    matched = [text for text, is_match in hit.snippet.parts if is_match]
    stems = query_stems(query, hit.lang, matched)
    return fitted_snippet(display_text(article.body), stems, hit.lang, budget)


def hit_prompt(hit: Hit, lang: str, snippet: Snippet | None = None,
               budget: int = 150) -> Content:
    """Two lines: the title with its category (and language if not the asked one), the snippet."""
    title = Content.styled(hit.title, "bold")
    category = Content.styled(f"  {category_name(hit.category, lang)}", "dim")
    line = Content.assemble(title, category)
    if hit.translated:
        line = Content.assemble(line, Content.styled(f"  [{hit.lang.upper()}]", "italic"))
    shown = snippet if snippet is not None else hit.snippet
    parts = [Content.styled(text, MATCH_STYLE) if matched else Content(text)
             for text, matched in shown.parts]
    text = Content.assemble(*parts) if parts else Content(shorten(hit.summary, budget))
    return Content.assemble(line, "\n", text)


def hit_options(hits: list[Hit], lang: str, corpus: Corpus | None, query: str,
                budget: int, row_width: int = 0) -> list[Option]:
    """The rows for `hits`; plain Python, so the search worker builds them off the UI thread.

    With `row_width` (the text width of a row), each row is also wrapped once here to
    learn its height, which the list asks for every row, shown or not, when rows change.
    """
    return [Option(_row_prompt(_HitRow.of(hit), lang, snippet_parts(hit, query, corpus, budget),
                               budget, row_width),
                   id=f"{hit.id}:{hit.lang}")
            for hit in hits]


@dataclass(frozen=True)
class _HitRow:
    """What a row shows of a hit (not its score): the key of the rows kept for reuse."""

    hit: Hit

    @classmethod
    def of(cls, hit: Hit) -> _HitRow:
        return cls(replace(hit, score=0.0))


@lru_cache(maxsize=512)
def _row_prompt(row: _HitRow, lang: str, snippet: Snippet, budget: int, row_width: int) -> Content:
    """A row's text, wrapped once for its height (kept: the same hit with the same snippet
    comes back at the next keystroke for two rows in five, and wrapping is most of a row's
    cost). Content is immutable, so rows of two result lists may share one."""
    prompt = hit_prompt(row.hit, lang, snippet, budget)
    if row_width > 0:
        prompt.get_height({}, row_width)  # Content keeps it for that width
    return prompt


def row_key(option: Option) -> tuple[object, ...]:
    """What a row shows: its id, its text and the text's styles."""
    prompt = option.prompt
    if isinstance(prompt, Content):
        return (option.id, prompt.plain, tuple(prompt.spans))
    return (option.id, str(prompt))


class ResultsList(OptionList):
    """Search results; Up on the first row leaves the list (to the answer card or the box)."""

    BINDINGS = [Binding("up", "cursor_up_or_leave", "Up", show=False)]

    class LeftTop(Message):
        """Up on the first row: the panel moves the focus above the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self._rows: list[tuple[object, ...]] = []
        """What the rows on show say (row_key), to leave them be when new ones say the same."""

    _lines_changing = False

    def _update_lines(self) -> None:
        # OptionList sets its scroll range (virtual_size, a layout reactive) whenever
        # its rows change, which laid out the whole screen again for each key typed.
        # The list's size never depends on its rows (height 1fr, aseantui.tcss): only
        # a scroll bar shown or hidden needs the layout.
        bars = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self._lines_changing = True
        try:
            super()._update_lines()
        finally:
            self._lines_changing = False
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != bars:
            self.refresh(layout=True)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> ResultsList:
        if layout and self._lines_changing:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def snippet_budget(self) -> int:
        """How many characters of snippet fit in a row at the list's width."""
        width = self.scrollable_content_region.width or self.app.size.width
        return SNIPPET_LINES * max(30, width - 4)  # the row's padding and a margin

    @property
    def row_width(self) -> int:
        """The width of a row's text (inside its padding); 0 before the list is laid out."""
        padding = self.get_component_styles("option-list--option").padding
        return max(0, self.scrollable_content_region.width - padding.width)

    def show_hits(self, hits: list[Hit], lang: str, corpus: Corpus | None = None,
                  query: str = "", options: list[Option] | None = None) -> None:
        """Show `hits` (as `options` when the worker built them), the first highlighted."""
        if options is None:
            options = hit_options(hits, lang, corpus, query, self.snippet_budget, self.row_width)
        self.hits = list(hits)
        rows = [row_key(option) for option in options]
        if rows != self._rows:  # a third of keystrokes bring the same rows: no repaint then
            self._rows = rows
            if options:  # set_options, not clear then add: one refresh, the scroll at the top
                self.set_options(options)
            else:
                self.clear_options()
        if hits:
            self.highlighted = 0
            self.scroll_to_highlight()

    def action_cursor_up_or_leave(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(self.LeftTop())
        else:
            self.action_cursor_up()

    @property
    def current(self) -> Hit | None:
        index = self.highlighted
        return self.hits[index] if index is not None and 0 <= index < len(self.hits) else None
