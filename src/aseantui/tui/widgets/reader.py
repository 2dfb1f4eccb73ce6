"""The reader: table of contents, the article, a find bar and a link bar."""

from __future__ import annotations

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Markdown, Static
from textual.widgets.markdown import MarkdownTableOfContents

from aseantui.i18n import tr
from aseantui.tui.widgets.article import ArticleView


class FindBar(Input):
    """The find-in-page box (Esc closes it)."""

    class Closed(Message):
        pass

    BINDINGS = [("escape", "close", "Close")]

    def action_close(self) -> None:
        self.post_message(self.Closed())


class Reader(Vertical):
    """An entry being read."""

    BINDINGS = [
        Binding("slash,ctrl+f", "find", "Find"),
        Binding("t", "toggle_contents", "Contents"),
        Binding("s", "screen.sources", "Sources"),
        Binding("b", "screen.bookmark", "Bookmark"),
        Binding("c", "copy_link", "Copy link", show=False),
        Binding("escape", "close_find", "Close", show=False),
    ]

    show_contents: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.link_href = ""
        """The link the link bar is about (what `c` copies)."""

    def compose(self) -> ComposeResult:
        article = ArticleView(id="article")
        with Horizontal(id="reader-body"):
            yield MarkdownTableOfContents(article, id="toc")
            with VerticalScroll(id="article-scroll"):
                yield article
        yield Static(id="link-bar")
        yield FindBar(id="find-bar")

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#article-scroll", VerticalScroll)

    def watch_show_contents(self, show: bool) -> None:
        self.set_class(show, "-show-contents")

    async def show(self, markdown: str, section: int = -1) -> None:
        self.close_find()
        self.set_link_bar("")
        await self.article.show(markdown)
        self.scroller.scroll_home(animate=False)
        if section >= 0:
            # Headings have no position until the new blocks are laid out.
            self.call_after_refresh(self.goto_section, section)

    def action_find(self) -> None:
        self.open_find()

    def action_toggle_contents(self) -> None:
        self.show_contents = not self.show_contents

    def action_copy_link(self) -> None:
        href = self.link_href or self.article.selected_href
        if href:
            self.app.copy_to_clipboard(href)
            lang = getattr(self.app, "lang", "en")
            self.notify(tr("Copied to the clipboard: {text}", lang, text=href), markup=False)

    # -- sections ------------------------------------------------------------
    def current_section(self) -> int:
        """Index of the last ##/### heading at or above the top of the view."""
        top = self.scroller.scroll_y
        offset = self.article.virtual_region.y
        current = -1
        for number, block_id in enumerate(self.article.section_blocks()):
            try:
                block = self.article.query_one(f"#{block_id}")
            except Exception:  # noqa: BLE001 - a stale id means no such section
                break
            # With its margin: goto_section (scroll_to_widget) puts the margin at the top.
            if offset + block.virtual_region_with_margin.y <= top:
                current = number
            else:
                break
        return current

    def goto_section(self, number: int) -> None:
        blocks = self.article.section_blocks()
        if 0 <= number < len(blocks):
            block = self.article.query_one(f"#{blocks[number]}")
            self.scroller.scroll_to_widget(block, top=True, animate=False, immediate=True)

    # -- table of contents -----------------------------------------------------
    @on(Markdown.TableOfContentsUpdated)
    def _toc_updated(self, message: Markdown.TableOfContentsUpdated) -> None:
        self.query_one(MarkdownTableOfContents).table_of_contents = message.table_of_contents
        message.stop()

    @on(Markdown.TableOfContentsSelected)
    def _toc_selected(self, message: Markdown.TableOfContentsSelected) -> None:
        block = self.article.query_one(f"#{message.block_id}")
        self.scroller.scroll_to_widget(block, top=True, animate=False)
        message.stop()

    # -- bars ------------------------------------------------------------------
    def set_link_bar(self, text: str, href: str = "") -> None:
        """Show `text` under the article (plain text, never markup); `href` is what c copies."""
        self.link_href = href
        bar = self.query_one("#link-bar", Static)
        bar.update(Content(text))
        bar.display = bool(text)

    def open_find(self) -> None:
        bar = self.query_one(FindBar)
        bar.display = True
        bar.focus()

    def action_close_find(self) -> None:
        """Esc in the article closes an open find bar first; otherwise the screen has it."""
        if not self.query_one(FindBar).display:
            raise SkipAction()
        self.close_find()
        self.article.focus(scroll_visible=False)

    def close_find(self) -> None:
        bar = self.query_one(FindBar)
        if bar.display:
            bar.display = False
            bar.value = ""
            self.article.find("")

    @on(FindBar.Changed)
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.article.find(event.value)

    @on(FindBar.Submitted)
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # Not scroll_visible: the article is taller than the view, and scrolling
        # it "into view" would jump back to its top, away from the match.
        self.article.focus(scroll_visible=False)

    @on(FindBar.Closed)
    def _find_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self.close_find()
        self.article.focus(scroll_visible=False)

    @on(ArticleView.MatchesChanged)
    def _matches_changed(self, event: ArticleView.MatchesChanged) -> None:
        # Handled here, not on the screen: a message created while the Reader
        # handles the find bar's Changed stops bubbling at the Reader.
        event.stop()
        lang = getattr(self.app, "lang", "en")
        if not event.text:
            self.set_link_bar("")
        elif event.total:
            self.set_link_bar(tr("{n}/{total} matches for “{text}”", lang, n=event.index + 1,
                                 total=event.total, text=event.text))
        else:
            self.set_link_bar(tr("No matches for “{text}”", lang, text=event.text))
