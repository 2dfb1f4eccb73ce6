"""An article on screen: Markdown with keyboard link cycling and find-in-page.

Textual's Markdown widget makes links clickable but not reachable by keyboard
(textual#3554). This widget finds the link spans in the rendered blocks, lets
Tab / Shift+Tab move a visible highlight across them, and posts the same
`Markdown.LinkClicked` message a mouse click would, so both routes meet in
one handler. Find-in-page highlights matches in the same way.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Markdown, Static

from aseantui.content.parse import markdown_parser
from aseantui.render import CITE_SCHEME

LINK_STYLE = "bold reverse"
MATCH_STYLE = "underline reverse"
CURRENT_MATCH_STYLE = "bold underline reverse"


@dataclass(frozen=True)
class Spot:
    """A span of text inside one rendered block."""

    block: Static
    start: int
    end: int
    href: str = ""

    def text(self) -> str:
        content = self.block.content
        return content.plain[self.start : self.end] if isinstance(content, Content) else ""


def _href(style: object) -> str | None:
    """The link target of a span style made by Textual's Markdown, if any."""
    if not isinstance(style, Style):
        return None
    action = style.meta.get("@click", "")
    if not isinstance(action, str) or not action.startswith("link(") or not action.endswith(")"):
        return None
    try:
        value = ast.literal_eval(action[5:-1])
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


class ArticleView(Markdown, can_focus=True):
    """The body of an entry, navigable from the keyboard."""

    BINDINGS = [
        Binding("tab", "next_link", "Next link", show=False),
        Binding("shift+tab", "previous_link", "Previous link", show=False),
        Binding("right_square_bracket", "next_citation", "Next source", show=False),
        Binding("left_square_bracket", "previous_citation", "Previous source", show=False),
        Binding("enter", "follow_link", "Follow link", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N,shift+n", "previous_match", "Previous match", show=False),
    ]

    class LinkFocused(Message):
        """The keyboard highlight moved to a link (or off all links)."""

        def __init__(self, href: str, text: str, index: int, total: int) -> None:
            self.href = href
            self.text = text
            self.index = index
            self.total = total
            super().__init__()

    class MatchesChanged(Message):
        def __init__(self, text: str, index: int, total: int) -> None:
            self.text = text
            self.index = index
            self.total = total
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, parser_factory=markdown_parser, open_links=False)
        self._originals: dict[Static, Content] = {}
        self.links: list[Spot] = []
        self.link_index = -1
        self.matches: list[Spot] = []
        self.match_index = -1
        self.find_text = ""

    # -- loading -------------------------------------------------------------
    async def show(self, markdown: str) -> None:
        """Render `markdown` and index its text blocks and links."""
        self.links, self.matches = [], []
        self.link_index = self.match_index = -1
        self.find_text = ""
        await self.update(markdown)
        self._index_blocks()

    def _index_blocks(self) -> None:
        self._originals = {}
        self.links = []
        for block in self.query(Static):
            content = block.content
            if not isinstance(content, Content) or not content.plain.strip():
                continue
            self._originals[block] = content
            for span in content.spans:
                href = _href(span.style)
                if href is not None:
                    self.links.append(Spot(block, span.start, span.end, href))

    # -- styling -------------------------------------------------------------
    def _restyle(self, blocks: set[Static]) -> None:
        link = self.links[self.link_index] if 0 <= self.link_index < len(self.links) else None
        for block in blocks:
            content = self._originals.get(block)
            if content is None:
                continue
            for number, match in enumerate(self.matches):
                if match.block is block:
                    style = CURRENT_MATCH_STYLE if number == self.match_index else MATCH_STYLE
                    content = content.stylize(style, match.start, match.end)
            if link is not None and link.block is block:
                content = content.stylize(LINK_STYLE, link.start, link.end)
            block.update(content)

    # -- links ---------------------------------------------------------------
    def _move_link(self, step: int, *, citations: bool = False) -> None:
        """Select the next (or previous) link of one kind: citations, or all the others.

        Tab goes through the links a reader follows (entries, web pages); the
        many [source] citations have their own keys, so they do not stand in
        the way.
        """
        order = [i for i, spot in enumerate(self.links)
                 if spot.href.startswith(CITE_SCHEME) == citations]
        if not order:
            self.post_message(self.LinkFocused("", "", -1, 0))
            return
        current = self.link_index
        before = {self.links[current].block} if current >= 0 else set()
        if current in order:
            chosen = order[(order.index(current) + step) % len(order)]
        elif step > 0:
            chosen = next((i for i in order if i > current), order[0])
        else:
            chosen = next((i for i in reversed(order) if 0 <= i < current), order[-1])
        self.link_index = chosen
        spot = self.links[chosen]
        self._restyle(before | {spot.block})
        spot.block.scroll_visible(animate=False)
        self.post_message(
            self.LinkFocused(spot.href, spot.text(), order.index(chosen), len(order)))

    def action_next_link(self) -> None:
        self._move_link(+1)

    def action_previous_link(self) -> None:
        self._move_link(-1)

    def action_next_citation(self) -> None:
        self._move_link(+1, citations=True)

    def action_previous_citation(self) -> None:
        self._move_link(-1, citations=True)

    def action_follow_link(self) -> None:
        if 0 <= self.link_index < len(self.links):
            self.post_message(Markdown.LinkClicked(self, self.links[self.link_index].href))

    @property
    def selected_href(self) -> str:
        return self.links[self.link_index].href if 0 <= self.link_index < len(self.links) else ""

    # -- find in page ------------------------------------------------------------
    def find(self, text: str) -> int:
        """Highlight every case-insensitive occurrence of `text`; returns how many."""
        touched = {m.block for m in self.matches}
        self.find_text = text
        self.matches = []
        needle = text.casefold()
        if needle:
            for block, content in self._originals.items():
                haystack = content.plain.casefold()
                start = haystack.find(needle)
                while start >= 0:
                    self.matches.append(Spot(block, start, start + len(needle)))
                    start = haystack.find(needle, start + len(needle))
        self.match_index = 0 if self.matches else -1
        self._restyle(touched | {m.block for m in self.matches})
        self._announce_match()
        return len(self.matches)

    def _step_match(self, step: int) -> None:
        if not self.matches:
            self._announce_match()
            return
        before = self.matches[self.match_index].block
        self.match_index = (self.match_index + step) % len(self.matches)
        self._restyle({before, self.matches[self.match_index].block})
        self._announce_match()

    def _announce_match(self) -> None:
        if self.matches:
            self.matches[self.match_index].block.scroll_visible(animate=False)
        self.post_message(self.MatchesChanged(self.find_text, self.match_index, len(self.matches)))

    def action_next_match(self) -> None:
        self._step_match(+1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    # -- sections --------------------------------------------------------------
    def section_blocks(self) -> list[str]:
        """Block ids of the ## and ### headings, in order."""
        return [
            block_id
            for level, _, block_id in self.table_of_contents
            if level in (2, 3) and block_id is not None
        ]
