"""The list of search results: title, category, language badge and snippet."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aseantui.i18n import category_name
from aseantui.search.service import Hit
from aseantui.text import shorten
from aseantui.tui.messages import FocusSearch

MATCH_STYLE = "bold underline"
SNIPPET_CHARS = 150


def hit_prompt(hit: Hit, lang: str) -> Content:
    """Two lines: the title with its category (and language if not the asked one), the snippet."""
    title = Content.styled(hit.title, "bold")
    category = Content.styled(f"  {category_name(hit.category, lang)}", "dim")
    line = Content.assemble(title, category)
    if hit.translated:
        line = Content.assemble(line, Content.styled(f"  [{hit.lang.upper()}]", "italic"))
    parts: list[Content] = []
    room = SNIPPET_CHARS
    for text, matched in hit.snippet.parts:
        if room <= 0:
            break
        piece = text if len(text) <= room else text[:room].rsplit(" ", 1)[0] + "…"
        room -= len(piece)
        parts.append(Content.styled(piece, MATCH_STYLE) if matched else Content(piece))
    snippet = Content.assemble(*parts) if parts else Content(shorten(hit.summary, SNIPPET_CHARS))
    return Content.assemble(line, "\n", snippet)


class ResultsList(OptionList):
    """Search results; Up on the first row goes back to the search box."""

    BINDINGS = [Binding("up", "cursor_up_or_leave", "Up", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []

    def show_hits(self, hits: list[Hit], lang: str) -> None:
        self.hits = list(hits)
        self.clear_options()
        self.add_options(
            [Option(hit_prompt(hit, lang), id=f"{hit.id}:{hit.lang}") for hit in hits]
        )
        if hits:
            self.highlighted = 0

    def action_cursor_up_or_leave(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(FocusSearch())
        else:
            self.action_cursor_up()

    @property
    def current(self) -> Hit | None:
        index = self.highlighted
        return self.hits[index] if index is not None and 0 <= index < len(self.hits) else None
