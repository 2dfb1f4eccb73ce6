"""The list of search results: title, category, language badge and snippet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
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


class ResultsList(OptionList):
    """Search results; Up on the first row leaves the list (to the answer card or the box)."""

    BINDINGS = [Binding("up", "cursor_up_or_leave", "Up", show=False)]

    class LeftTop(Message):
        """Up on the first row: the panel moves the focus above the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []

    def show_hits(self, hits: list[Hit], lang: str, corpus: Corpus | None = None,
                  query: str = "") -> None:
        self.hits = list(hits)
        self.clear_options()
        width = self.scrollable_content_region.width or self.app.size.width
        budget = SNIPPET_LINES * max(30, width - 4)  # the row's padding and a margin
        self.add_options([
            Option(hit_prompt(hit, lang, snippet_parts(hit, query, corpus, budget), budget),
                   id=f"{hit.id}:{hit.lang}")
            for hit in hits
        ])
        if hits:
            self.highlighted = 0

    def action_cursor_up_or_leave(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(self.LeftTop())
        else:
            self.action_cursor_up()

    @property
    def current(self) -> Hit | None:
        index = self.highlighted
        return self.hits[index] if index is not None and 0 <= index < len(self.hits) else None
