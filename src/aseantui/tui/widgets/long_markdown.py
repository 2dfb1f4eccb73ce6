"""A Markdown view for long articles: the top at once, the rest laid out in a thread.

Textual's `Markdown` mounts a widget per block, so a 172 KB article takes
seconds to open and a 2 MB one minutes, with the app frozen. `LongMarkdown`
is one Line API widget (a `ScrollView`) that paints only the lines on
screen. The document is cut into pieces (`aseantui.tui.longdoc.split`); the
first (about a screen) is parsed and laid out before `update` returns, the
others in a thread worker that checks for cancellation after each piece, so
quitting or opening another article never waits more than one piece.

API (the reader's `ArticleView` offers the same names where it has them):

    view = LongMarkdown(markdown_text, id="article")  # or view.update(text), await view.show(text)
    view.complete                  # True once every piece is laid out (Finished is posted then)
    view.links                     # [Link(href, text, parts=[(line, x0, x1), ...])], in order
    view.headings                  # [Heading(level, title, slug, line)], in order
    view.table_of_contents         # [(level, title, block_id)], as Markdown's
    view.goto_anchor(slug) -> bool # scroll a heading to the top (waits for it if not laid out yet)
    view.goto_block(block_id), view.goto_section(n), view.current_section()  # ## and ### headings
    view.section_blocks(), view.scroll_to_line(y)  # (waits, like goto_*, for the layout)
    view.select_link(index), view.link_in_view(index); find in page: long_find.LongFind
    actions: next_link / previous_link (Tab), next_citation / previous_citation ([ ]),
             follow_link (Enter), next_match / previous_match (n / N), scroll_table (← →)
    messages: LinkClicked, LinkFocused, MatchesChanged, TableOfContentsUpdated, Finished

`use_long_view(text)` (`longdoc.policy`): this view from `LONG_DOCUMENT_CHARS` on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import chain

from markdown_it import MarkdownIt
from rich.style import Style
from textual import on
from textual.actions import SkipAction
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from aseantui.content.parse import markdown_parser
from aseantui.render import CITE_SCHEME
from aseantui.tui.gcfreeze import DocumentFreeze
from aseantui.tui.keys import ARTICLE_BINDINGS, TABLE_STEP, LinkKeys
from aseantui.tui.longdoc import messages
from aseantui.tui.longdoc.layout import STYLE_NAMES, Chunk, Field, Heading, Layout, Line
from aseantui.tui.longdoc.paint import paint, scrolled
from aseantui.tui.longdoc.policy import (
    FREEZE_LINES,
    LONG_DOCUMENT_CHARS,
    MAX_CONTENTS,
    MAX_MATCHES,
    QUIET_AFTER_SCROLL,
    Link,
    contents,
    use_long_view,
)
from aseantui.tui.longdoc.split import Piece, pieces, references
from aseantui.tui.widgets.long_find import LongFind, Matcher

__all__ = ["LONG_DOCUMENT_CHARS", "MAX_CONTENTS", "Link", "LongMarkdown", "contents",
           "use_long_view"]

class LongMarkdown(LinkKeys, LongFind, ScrollView, can_focus=True):
    """A long Markdown document, painted a screen at a time."""

    DEFAULT_CSS = """
    LongMarkdown { height: 1fr; padding: 0 0 0 2; scrollbar-gutter: stable; overflow-x: auto; }
    LongMarkdown > .long-markdown--more { text-style: bold reverse; }
    LongMarkdown > .long-markdown--h1 { color: $accent; text-style: bold; }
    LongMarkdown > .long-markdown--h2 { color: $accent; text-style: bold underline; }
    LongMarkdown > .long-markdown--h3 { color: $text-primary; text-style: bold; }
    LongMarkdown > .long-markdown--h4 { text-style: bold italic; }
    LongMarkdown > .long-markdown--link { color: $primary; text-style: underline; }
    LongMarkdown > .long-markdown--code { background: $boost; }
    LongMarkdown > .long-markdown--quote { color: $primary; }
    LongMarkdown > .long-markdown--bullet { color: $text-secondary; }
    LongMarkdown > .long-markdown--rule { color: $text-secondary; }
    LongMarkdown > .long-markdown--table-header { text-style: bold; }
    LongMarkdown > .long-markdown--table-border { color: $text-secondary; }
    LongMarkdown > .long-markdown--image { text-style: italic; }
    LongMarkdown > .long-markdown--selected-link { text-style: bold reverse; }
    LongMarkdown > .long-markdown--match { text-style: underline reverse; }
    LongMarkdown > .long-markdown--current-match { text-style: bold underline reverse; }
    """
    COMPONENT_CLASSES = {f"long-markdown--{name}" for name in STYLE_NAMES} | {
        "long-markdown--selected-link", "long-markdown--match", "long-markdown--current-match",
        "long-markdown--more"}

    BINDINGS = ARTICLE_BINDINGS  # one set of ids: a keymap moves both views

    LinkClicked = messages.LinkClicked
    LinkFocused = messages.LinkFocused
    MatchesChanged = messages.MatchesChanged
    TableOfContentsUpdated = messages.TableOfContentsUpdated
    Finished = messages.Finished

    class _Laid(Message):
        def __init__(self, generation: int, chunks: list[Chunk], done: bool) -> None:
            self.generation, self.chunks, self.done = generation, chunks, done
            super().__init__()

    def __init__(self, markdown: str = "", *, id: str | None = None, classes: str | None = None,
                 parser_factory: Callable[[], MarkdownIt] = markdown_parser) -> None:
        super().__init__(id=id, classes=classes)
        self._parser = parser_factory()
        self.source = markdown
        self.find_text = ""
        self._matcher: Matcher | None = None
        """What finds the matches (find or search-word marks) in the fields laid out next."""
        self._generation = 0
        self._width = 0
        self._base = Style()
        self._quiet_until = 0.0
        self._pending: tuple[str, object] | None = None
        self._pending_link = -1
        """Where to scroll once it is laid out: kept when the layout waits for a size."""
        self._gc = DocumentFreeze()  # the laid-out document is kept out of gc walks
        self._reset()

    def _reset(self) -> None:
        self.complete = False
        self._lines: list[Line] = []
        self._styles: list[Style] = []
        self._fields: list[Field] = []
        self.links: list[Link] = []
        self.headings: list[Heading] = []
        self.link_index = -1
        self.matches: list[list[tuple[int, int, int]]] = []
        self.match_index = -1
        self._marks: dict[int, list[tuple[int, int, Style]]] = {}
        self._cache: dict[int, Strip] = {}
        self._wide: set[int] = set()
        """Lines (of tables) wider than the view: only they move with scroll_x."""
        self._widest = 0

    # -- loading -----------------------------------------------------------------------
    async def show(self, markdown: str) -> None:
        """Show `markdown` (the same call as `ArticleView.show`)."""
        self.update(markdown)

    def update(self, markdown: str) -> None:
        """Show `markdown` from its top: the first screen now, the rest as it is laid out."""
        self.source = markdown
        self.find_text = ""
        self._matcher = None
        self._pending, self._pending_link = None, -1
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self._start(anchor=None)

    def on_mount(self) -> None:
        self._start(anchor=None)

    def on_unmount(self) -> None:
        self._gc.thaw()

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            top = next((n for n, f in enumerate(self._fields) if f.y >= self.scroll_y), None)
            self._start(anchor=top if self.scroll_y > 0 else None)

    def _content_width(self) -> int:
        """The width text is laid out to: the view's, less a margin before the scroll bar."""
        return max(0, self.scrollable_content_region.width - 2) if self.is_mounted else 0

    def _start(self, anchor: int | None) -> None:
        self._gc.thaw()
        self._generation += 1
        self.workers.cancel_group(self, "long-markdown")
        find_text = self.find_text
        self._reset()
        self._width = self._content_width()
        if self._width <= 0:
            return
        if anchor is not None:
            self._pending = ("field", anchor)
        styles = {name: self.get_component_rich_style(f"long-markdown--{name}", partial=True)
                  for name in STYLE_NAMES}
        env: dict[str, object] = {}
        defined = references(self.source)
        if len(defined) < 20_000:
            self._parser.parse(defined, env)
        layout = Layout(self._parser, self._width, styles, env)
        self._styles = layout.style_table
        rest = pieces(self.source)
        self.find_text = find_text
        self._append(layout.render(next(rest)))
        second = next(rest, None)  # cutting it scans only its own length
        if second is not None:
            generation = self._generation
            others = chain([second], rest)
            self.run_worker(lambda: self._lay_out(generation, layout, others), thread=True,
                            group="long-markdown", exclusive=True, exit_on_error=False)
        else:
            self._finish()

    def _lay_out(self, generation: int, layout: Layout, rest: Iterator[Piece]) -> None:
        """In a thread: lay out the pieces, sending them over in batches.

        The thread holds the GIL while it works, and the UI thread waits for it
        each time it wakes: so it rests half as long as it worked (the UI gets
        a third of the time), and rests altogether for a moment after each scroll.
        """
        worker = get_current_worker()
        batch: list[Chunk] = []
        sent = time.monotonic()
        for piece in rest:
            while time.monotonic() < self._quiet_until and not worker.is_cancelled:
                time.sleep(0.02)
            if worker.is_cancelled:
                return
            start = time.monotonic()
            batch.append(layout.render(piece))
            time.sleep((time.monotonic() - start) / 2)
            if time.monotonic() - sent > 0.1:
                self.post_message(self._Laid(generation, batch, done=False))
                batch, sent = [], time.monotonic()
        if not worker.is_cancelled:
            self.post_message(self._Laid(generation, batch, done=True))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._quiet_until = time.monotonic() + QUIET_AFTER_SCROLL

    @on(_Laid)
    def _laid(self, message: _Laid) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        for chunk in message.chunks:
            self._append(chunk)
        if message.done:
            self._finish()

    def _append(self, chunk: Chunk) -> None:
        base = len(self._lines)
        self._lines += chunk.lines
        for item in chunk.fields:
            item.y += base
        first_field = len(self._fields)
        self._fields += chunk.fields
        for number, start, end, href in chunk.links:
            item = chunk.fields[number]
            self.links.append(Link(href, item.plain[start:end], tuple(item.place(start, end))))
        for heading in chunk.headings:
            heading.y += base
        self.headings += chunk.headings
        for y, width in chunk.wide:
            self._wide.add(y + base)
            self._widest = max(self._widest, width)
        self.virtual_size = Size(max(self._width, self._widest), len(self._lines))
        # ScrollView resizes its bars when its own size changes, not when the document
        # grows (its _size_updated compares the virtual size we just set): tell them.
        self._scroll_update(self.virtual_size)
        if self._matcher is not None and len(self.matches) < MAX_MATCHES:
            found = len(self.matches)
            self._find_in(self._fields[first_field:])
            if len(self.matches) > found:
                if found == 0:
                    self.match_index = 0
                self._remark()
                self._announce_match(scroll=False)
        self._apply_pending()
        self.refresh()
        if self._width and len(self._lines) > FREEZE_LINES:
            self._gc.freeze()

    def _finish(self) -> None:
        self.complete = True
        self._apply_pending()
        self.post_message(self.TableOfContentsUpdated(contents(self.table_of_contents)))
        if self.find_text:
            self._announce_match(scroll=False)
        if 0 <= self.link_index < len(self.links):
            self.select_link(self.link_index)  # its "n/total" counts every link now
        self.post_message(self.Finished())

    def line_text(self, y: int) -> str:
        """The text of line `y` of the document as laid out ("" past the end)."""
        return self._lines[y][0] if 0 <= y < len(self._lines) else ""

    # -- painting ------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # once per paint, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(index)
        if strip is None or strip.cell_length < width:
            base = self._base
            if index >= len(self._lines):
                strip = Strip.blank(width, base)
            else:
                strip = paint(self._lines[index], self._styles, self._marks.get(index, ()),
                              self.app.console, width, base)
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[index] = strip
        if index in self._wide:
            more = self.get_component_rich_style("long-markdown--more", partial=True)
            return scrolled(strip, self.scroll_offset.x, width, self._base + more)
        return strip.crop(0, width)

    def _remark(self) -> None:
        """Work out which lines carry a highlight, and repaint."""
        marks: dict[int, list[tuple[int, int, Style]]] = {}
        match = self.get_component_rich_style("long-markdown--match", partial=True)
        current = self.get_component_rich_style("long-markdown--current-match", partial=True)
        for number, parts in enumerate(self.matches):
            for y, x0, x1 in parts:
                marks.setdefault(y, []).append((x0, x1, current if number == self.match_index
                                                else match))
        if 0 <= self.link_index < len(self.links):
            selected = self.get_component_rich_style("long-markdown--selected-link", partial=True)
            for y, x0, x1 in self.links[self.link_index].parts:
                marks.setdefault(y, []).append((x0, x1, selected))
        for line in marks.values():
            line.sort(key=lambda mark: mark[0])
        self._marks = marks
        self._cache.clear()
        self.refresh()

    def _show_line(self, y: int, *, top: bool = False) -> None:
        height = self.scrollable_content_region.height
        if top:
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        elif y < self.scroll_y:  # no further than needed, as the block view's scroll_visible
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        elif y >= self.scroll_y + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True, force=True)

    def _show_columns(self, y: int, x0: int, x1: int) -> None:
        """Scroll a wide table sideways so that cells x0 to x1 of line `y` are in view."""
        width = self.scrollable_content_region.width
        if y not in self._wide:
            return
        if x0 < self.scroll_x + 1 or x1 > self.scroll_x + width - 1:
            self.scroll_to(x=max(0, x0 - 2), animate=False, immediate=True, force=True)

    def action_scroll_table(self, step: int) -> None:
        """Move the wide tables sideways (Left / Right): when one is on screen."""
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if not any(y in self._wide for y in range(top, top + height)):
            raise SkipAction()
        self.scroll_to(x=self.scroll_x + step * TABLE_STEP, animate=False, immediate=True,
                       force=True)

    # -- headings --------------------------------------------------------------------------
    @property
    def table_of_contents(self) -> list[tuple[int, str, str | None]]:
        return [(h.level, h.title, f"heading-{n}") for n, h in enumerate(self.headings)]

    def _apply_pending(self) -> None:
        if 0 <= self._pending_link < len(self.links):
            self.select_link(self._pending_link)
        if self._pending is None:
            return
        kind, target = self._pending
        if kind == "field" and isinstance(target, int) and target < len(self._fields):
            y = self._fields[target].y
        elif kind == "anchor":
            y = next((h.y for h in self.headings if h.slug == target), -1)
        elif kind == "line" and isinstance(target, int) and target < len(self._lines):
            y = target
        elif kind == "section" and isinstance(target, int) and target < len(self.sections()):
            y = self.sections()[target].y
        elif kind == "match" and self.matches and self.matches[self.match_index]:
            y = self.matches[self.match_index][0][0]
        else:
            y = -1
        # Kept until enough is laid out below `y` to scroll it to the top (not clamped).
        if (0 <= y and y + self.scrollable_content_region.height <= len(self._lines)
                or self.complete):
            self._pending = None
        if y >= 0:
            self._show_line(y, top=True)

    def goto_anchor(self, anchor: str) -> bool:
        """Scroll the heading with this slug to the top; False if there is none (yet: it waits)."""
        self._pending = ("anchor", anchor)
        self._apply_pending()
        return any(h.slug == anchor for h in self.headings)

    def goto_block(self, block_id: str) -> None:
        """Scroll to a heading named as in `table_of_contents` (`heading-N`)."""
        number = int(block_id.rpartition("-")[2]) if block_id.startswith("heading-") else -1
        if 0 <= number < len(self.headings):
            self._show_line(self.headings[number].y, top=True)

    def scroll_to_line(self, y: int) -> None:
        """Put line `y` at the top (restoring a place: waits until it is laid out)."""
        self._pending = ("line", y)
        self._apply_pending()

    def section_blocks(self) -> list[str]:
        """Block ids of the ## and ### headings, in order (as `ArticleView.section_blocks`)."""
        return [f"heading-{n}" for n, h in enumerate(self.headings) if h.level in (2, 3)]

    def sections(self) -> list[Heading]:
        """The ## and ### headings, in order (the reader's sections)."""
        return [h for h in self.headings if h.level in (2, 3)]

    def goto_section(self, number: int) -> None:
        self._pending = ("section", number)
        self._apply_pending()

    def current_section(self) -> int:
        """Index of the last ##/### heading at or above the top of the view (-1: none)."""
        top = self.scroll_y
        return sum(1 for h in self.sections() if h.y <= top) - 1

    # -- links -------------------------------------------------------------------------------
    def _move_link(self, step: int, *, citations: bool = False) -> None:
        """Select the next (or previous) citation, or the next of all the other links."""
        order = [n for n, link in enumerate(self.links)
                 if link.href.startswith(CITE_SCHEME) == citations]
        if not order:
            self.post_message(self.LinkFocused("", "", -1, 0))
            return
        current = self.link_index
        top = self.scroll_y
        bottom = top + self.scrollable_content_region.height

        def line(n: int) -> int:
            return self.links[n].parts[0][0] if self.links[n].parts else -1

        visible = [n for n in order if top <= line(n) < bottom]
        if current in order and current in visible:
            chosen = order[(order.index(current) + step) % len(order)]
        elif visible:  # from what is on screen: the view never jumps back to the top
            chosen = visible[0] if step > 0 else visible[-1]
        elif step > 0:
            chosen = next((n for n in order if line(n) >= top), order[0])
        else:
            chosen = next((n for n in reversed(order) if line(n) < top), order[-1])
        self.link_index = chosen
        link = self.links[chosen]
        self._remark()
        if link.parts:
            self._show_line(link.parts[0][0])
            self._show_columns(*link.parts[0])
        self.post_message(self.LinkFocused(link.href, link.text, order.index(chosen), len(order)))

    def select_link(self, index: int) -> None:
        """Select link `index` (-1: none) without scrolling; one not laid out yet, once it is."""
        self._pending_link = index if index >= len(self.links) and not self.complete else -1
        self.link_index = index if 0 <= index < len(self.links) else -1
        self._remark()
        if self.link_index >= 0:
            link = self.links[self.link_index]
            cite = link.href.startswith(CITE_SCHEME)
            order = [n for n, other in enumerate(self.links)
                     if other.href.startswith(CITE_SCHEME) == cite]
            self.post_message(self.LinkFocused(link.href, link.text,
                                               order.index(self.link_index), len(order)))

    def _in_view(self, parts: tuple[tuple[int, int, int], ...] | list[tuple[int, int, int]]
                 ) -> bool:
        top = self.scroll_y
        bottom = top + self.scrollable_content_region.height
        return any(top <= y < bottom for y, _, _ in parts)

    def link_in_view(self, index: int) -> bool:
        """True when any of link `index` is on screen (as `ArticleView.link_in_view`)."""
        return 0 <= index < len(self.links) and self._in_view(self.links[index].parts)

    def action_follow_link(self) -> None:
        if 0 <= self.link_index < len(self.links):
            self.post_message(self.LinkClicked(self.links[self.link_index].href))

    def action_link(self, href: str) -> None:
        """Run by a click on a link (the `@click` meta the layout puts on links)."""
        self.post_message(self.LinkClicked(href))

    @property
    def selected_href(self) -> str:
        return self.links[self.link_index].href if 0 <= self.link_index < len(self.links) else ""
