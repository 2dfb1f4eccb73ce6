"""The reader: an entry with its contents list, find bar and link bar.

Built in layers: `reader_base` (the two article views, sections, contents, the
link bar), `reader_find` (find in page), and here showing an entry, places for
history, the reader's keys and links.

It handles everything that stays inside the entry (scrolling, links to its own
headings, find, marks, the contents) and posts messages for what leaves it:
following a link to another entry, the sources, a bookmark, going back.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static

from aseantui import links
from aseantui.content.facts import Fact
from aseantui.content.load import Corpus
from aseantui.content.model import LANGS, Article
from aseantui.render import reader_markdown
from aseantui.search.snippets import query_stems
from aseantui.tui.longdoc import messages as long_view
from aseantui.tui.widgets.article import ArticleView
from aseantui.tui.widgets.contents import Contents
from aseantui.tui.widgets.infobox import Infobox
from aseantui.tui.widgets.long_markdown import LongMarkdown, use_long_view
from aseantui.tui.widgets.reader_find import FindBar, ReaderFind

__all__ = ["FindBar", "Place", "Reader", "entry_facts"]

BESIDE_WIDTH = 100
"""From this width the infobox sits beside the article; below it, above the article."""


def entry_facts(entry: Article, corpus: Corpus, lang: str) -> tuple[Fact, ...]:
    """The facts of `entry` in the interface language `lang`, else in the other language."""
    for wanted in (lang, entry.lang, *LANGS):
        article = corpus.get(entry.id, wanted, fallback=False)
        if article is not None and article.facts:
            return article.facts
    return ()


@dataclass(frozen=True)
class Place:
    """Where the reader was in an entry: what back and forward restore."""

    scroll_y: int = 0
    link: int = -1
    section: int = -1


class Reader(ReaderFind):
    """An entry being read."""

    BINDINGS = [
        Binding("slash,ctrl+f", "find", "Find", id="reader.find"),
        Binding("t", "contents", "Contents", id="reader.contents"),
        Binding("s", "sources", "Sources", id="reader.sources"),
        Binding("m", "bookmark", "Bookmark", id="reader.bookmark"),
        Binding("i", "infobox", "Facts", show=False, id="reader.infobox"),
        Binding("c", "copy_link", "Copy", show=False, id="reader.copy"),
        Binding("escape", "close_find", "Close", show=False, id="reader.escape"),
        Binding("j", "scroll('down')", "Down", show=False, id="reader.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="reader.up"),
        Binding("space", "scroll('page_down')", "Page down", show=False, id="reader.page_down"),
        Binding("b", "scroll('page_up')", "Page up", show=False, id="reader.page_up"),
        Binding("g", "scroll('home')", "Top", show=False, id="reader.top"),
        Binding("G,shift+g", "scroll('end')", "End", show=False, id="reader.end"),
        Binding("q", "back", "Back", show=False, id="reader.back"),
    ]

    @dataclass
    class FollowLink(Message):
        """Open another entry (a link was followed)."""

        target: links.Target

    @dataclass
    class SourcesRequested(Message):
        """Show the entry's sources, at `source_id` if given."""

        source_id: str = ""

    class BookmarkRequested(Message):
        """Bookmark (or un-bookmark) the entry on screen."""

    class BackRequested(Message):
        """`q`: go back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry: Article | None = None
        self.corpus: Corpus | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="reader-body"):
            yield Contents(id="toc")
            with VerticalScroll(id="article-scroll", can_focus=False):
                yield ArticleView(id="article")
            # Long articles (issue 14): painted line by line, laid out in pieces.
            yield LongMarkdown(id="long-article")
            yield Infobox(id="infobox")
        yield Static(id="link-bar")
        yield FindBar(id="find-bar")

    @property
    def infobox(self) -> Infobox:
        return self.query_one(Infobox)

    # -- showing an entry ------------------------------------------------------
    async def show(
        self, entry: Article, corpus: Corpus, lang: str, *, place: Place | None = None,
        section: int = -1, anchor: str = "", query: str = "", matched: tuple[str, ...] = (),
    ) -> None:
        """Show `entry`; then go to `place`, else `anchor`, else `section`, else the
        first word of `query` (marked), else the top."""
        self.entry, self.corpus, self.lang = entry, corpus, lang
        self.close_find()
        self.close_contents(refocus=False)
        self.set_link_bar("")
        self.infobox.show_facts(entry.id, entry_facts(entry, corpus, lang), lang)
        self.place_infobox()
        text = reader_markdown(entry, corpus, lang)
        long = use_long_view(text)
        if long != self.long:  # free the other view's widgets or lines
            had_focus = self.screen.focused is self.article
            await (self.query_one(ArticleView).show("") if long
                   else self.query_one(LongMarkdown).show(""))
            self.long = long
            self.set_class(long, "-long")
            # Inline too: a widget must be displayed at once to take the focus.
            self.query_one(LongMarkdown).display = long
            self.query_one("#article-scroll").display = not long
            if had_focus:
                self.screen.set_focus(self.article, scroll_visible=False)
        await self.article.show(text)
        self.scroller.scroll_home(animate=False, immediate=True)
        marked = 0
        marking = bool(query) and place is None
        if marking:
            stems = query_stems(query, entry.lang, matched)
            marked = self.article.mark_words(stems, entry.lang, query)
        # Blocks have no position until they are laid out (the long view marks
        # words as it lays them out: it goes to the first once it has one).
        self.call_after_refresh(self._go, place, anchor, section,
                                marked > 0 or (self.long and marking))

    def _go(self, place: Place | None, anchor: str, section: int, to_mark: bool) -> None:
        if place is not None:
            if self.long:  # waits for the layout to reach that line
                self.query_one(LongMarkdown).scroll_to_line(place.scroll_y)
            else:
                self.scroller.scroll_to(y=place.scroll_y, animate=False, immediate=True)
            self.article.select_link(place.link)
        elif anchor:
            self.goto_anchor(anchor)
        elif section >= 0:
            self.goto_section(section)
        elif to_mark:
            self.article.scroll_to_match()

    def place(self) -> Place:
        """Where the reader is now (for history)."""
        return Place(round(self.scroller.scroll_y), self.article.link_index,
                     self.current_section())

    # -- keys ------------------------------------------------------------------
    def action_scroll(self, how: str) -> None:
        scroller = self.scroller
        {"down": scroller.scroll_down, "up": scroller.scroll_up,
         "page_down": scroller.scroll_page_down, "page_up": scroller.scroll_page_up,
         "home": scroller.scroll_home, "end": scroller.scroll_end}[how](animate=False)

    def on_resize(self) -> None:
        self.place_infobox()

    def place_infobox(self) -> None:
        width = self.size.width or self.app.size.width  # hidden until the first entry
        self.infobox.set_class(width < BESIDE_WIDTH, "-above")

    def action_infobox(self) -> None:
        """Focus the infobox (its rows open their sources); again: back to the article."""
        box = self.infobox
        if not box.facts:
            raise SkipAction()
        self.screen.set_focus(self.article if self.screen.focused is box else box)

    def action_sources(self) -> None:
        self.post_message(self.SourcesRequested())

    def action_bookmark(self) -> None:
        self.post_message(self.BookmarkRequested())

    def action_back(self) -> None:
        self.post_message(self.BackRequested())

    def action_copy_link(self) -> None:
        """Copy what a reader can use: the link's target, else this entry's reference."""
        href = self.link_href or self.article.selected_href
        if self.corpus is None or self.entry is None:
            return
        if href:
            text = links.copy_text(links.resolve(href, self.entry, self.corpus, self.lang))
        else:
            text = links.entry_reference(self.entry)
        self.app.copy_to_clipboard(text)
        self.notify(self.t("Copied to the clipboard: {text}", text=text), markup=False)

    # -- links -----------------------------------------------------------------
    @on(Markdown.LinkClicked)
    @on(LongMarkdown.LinkClicked)
    def _link_clicked(self, event: Markdown.LinkClicked | long_view.LinkClicked) -> None:
        """A click or Enter on a link: stay in the entry, or ask the screen to leave it."""
        event.prevent_default()
        event.stop()
        self.follow(event.href)

    def follow(self, href: str) -> None:
        """Go where `href` points, as a click on it would."""
        if self.corpus is None:
            return
        target = links.resolve(href, self.entry, self.corpus, self.lang)
        if target.kind == "anchor":
            self.goto_anchor(target.anchor)
        elif target.kind == "citation":
            self.post_message(self.SourcesRequested(target.source_id))
        elif target.kind == "web":
            self.set_link_bar(self.t("External link (not opened): {url} — press c to copy",
                                     url=target.url), href=target.url)
        elif target.kind == "invalid":
            self.notify(self.t("This link is not allowed: {url}", url=href),
                        severity="warning", markup=False)
        elif target.kind == "missing":
            self.notify(self.t("No entry at {target}", target=href), severity="warning",
                        markup=False)
        else:
            self.post_message(self.FollowLink(target))

    @on(ArticleView.LinkFocused)
    @on(LongMarkdown.LinkFocused)
    def _link_focused(self, event: ArticleView.LinkFocused | long_view.LinkFocused) -> None:
        event.stop()
        if event.total == 0:
            self.set_link_bar(self.t("No links in this entry"))
            return
        label = "Link {n}/{total}: {target}"
        target = event.href
        if self.corpus is not None:
            found = links.resolve(event.href, self.entry, self.corpus, self.lang)
            target = links.describe(found)
            if found.kind == "citation":
                label = "Source {n}/{total}: {target}"
        self.set_link_bar(self.t(label, n=event.index + 1, total=event.total,
                                 target=f"{event.text} → {target}"), href=event.href)
