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

from textual.actions import SkipAction
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Markdown, Static

from aseantui.content.parse import markdown_parser
from aseantui.render import CITE_SCHEME
from aseantui.search.snippets import term_spans
from aseantui.tui.keys import ARTICLE_BINDINGS, TABLE_STEP, LinkKeys
from aseantui.tui.widgets.tables import ReaderTable

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


class ArticleView(LinkKeys, Markdown, can_focus=True):
    """The body of an entry, navigable from the keyboard."""

    BINDINGS = ARTICLE_BINDINGS
    BLOCKS = {**Markdown.BLOCKS, "table_open": ReaderTable}  # scroll sideways, never squeezed

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
        the way. When the selected link is off screen (or none is selected),
        Tab starts from the first link on screen and Shift+Tab from the last,
        so the view never jumps back to the top.
        """
        order = [i for i, spot in enumerate(self.links)
                 if spot.href.startswith(CITE_SCHEME) == citations]
        if not order:
            self.post_message(self.LinkFocused("", "", -1, 0))
            return
        current = self.link_index
        before = {self.links[current].block} if current >= 0 else set()
        visible = [i for i in order if self.block_in_view(self.links[i].block)]
        if current in order and self.block_in_view(self.links[current].block):
            chosen = order[(order.index(current) + step) % len(order)]
        elif visible:
            chosen = visible[0] if step > 0 else visible[-1]
        elif step > 0:
            below = [i for i in order if self._top_of(self.links[i].block) > self._view()[0]]
            chosen = below[0] if below else order[0]
        else:
            above = [i for i in order if self._top_of(self.links[i].block) < self._view()[0]]
            chosen = above[-1] if above else order[-1]
        self.link_index = chosen
        spot = self.links[chosen]
        self._restyle(before | {spot.block})
        if not self.block_in_view(spot.block):
            spot.block.scroll_visible(animate=False, immediate=True)
        self.post_message(
            self.LinkFocused(spot.href, spot.text(), order.index(chosen), len(order)))

    def select_link(self, index: int) -> None:
        """Select link `index` (-1: none) without scrolling: restoring a place."""
        before = {self.links[self.link_index].block} if 0 <= self.link_index < len(
            self.links) else set()
        self.link_index = index if 0 <= index < len(self.links) else -1
        after = {self.links[self.link_index].block} if self.link_index >= 0 else set()
        self._restyle(before | after)
        if self.link_index >= 0:
            spot = self.links[self.link_index]
            order = [i for i, s in enumerate(self.links)
                     if s.href.startswith(CITE_SCHEME) == spot.href.startswith(CITE_SCHEME)]
            self.post_message(self.LinkFocused(spot.href, spot.text(),
                                               order.index(self.link_index), len(order)))

    # -- where blocks are --------------------------------------------------------
    def _top_of(self, block: Widget) -> int:
        """Line of `block`'s top in the scrolling container's virtual space."""
        y = 0
        node: Widget | None = block
        while node is not None and node is not self:
            y += node.virtual_region.y
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return y + self.virtual_region.y

    def _view(self) -> tuple[int, int]:
        """First and last line of the article on screen, in the same space."""
        parent = self.parent
        if not isinstance(parent, Widget):
            return (0, 0)
        top = round(parent.scroll_y)
        return top, top + parent.scrollable_content_region.height

    def block_in_view(self, block: Widget) -> bool:
        """True when any line of `block` is in view."""
        top, bottom = self._view()
        start = self._top_of(block)
        return start < bottom and start + block.outer_size.height > top

    def link_in_view(self, index: int) -> bool:
        """True when any of link `index` is on screen (as `LongMarkdown.link_in_view`)."""
        return 0 <= index < len(self.links) and self.block_in_view(self.links[index].block)

    def match_in_view(self, index: int) -> bool:
        return 0 <= index < len(self.matches) and self.block_in_view(self.matches[index].block)

    def match_text(self, index: int) -> str:
        """The text of match `index` (a find match or a marked search word)."""
        return self.matches[index].text() if 0 <= index < len(self.matches) else ""

    def action_scroll_table(self, step: int) -> None:
        """Move the wide tables on screen sideways (Left / Right)."""
        tables = [table for table in self.query(ReaderTable)
                  if table.wide and self.block_in_view(table)]
        if not tables:
            raise SkipAction()
        for table in tables:
            table.scroll_to(x=table.scroll_x + step * TABLE_STEP, animate=False, immediate=True)

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

    def mark_words(self, stems: frozenset[str], lang: str, label: str) -> int:
        """Mark every word whose stem (by the search's analysis) is in `stems`.

        The marks are the find matches: n / N move between them, Esc clears
        them; `label` is what the link bar says they are for (the query).
        """
        touched = {m.block for m in self.matches}
        self.find_text = label
        self.matches = [Spot(block, start, end)
                        for block, content in self._originals.items()
                        for start, end in term_spans(content.plain, stems, lang)]
        self.match_index = 0 if self.matches else -1
        self._restyle(touched | {m.block for m in self.matches})
        if self.matches:
            self.post_message(self.MatchesChanged(label, 0, len(self.matches)))
        return len(self.matches)

    def scroll_to_match(self) -> None:
        """Bring the current match into view (near the top), if there is one."""
        if self.matches:
            block = self.matches[self.match_index].block
            self.screen.scroll_to_widget(block, animate=False, top=True, immediate=True)

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
