"""What the reader's parts share: its two article views, its sections and contents list,
and the bar under the article (reader.Reader builds on it, through reader_find).

The entry is shown by `ArticleView` (Textual's Markdown, a widget per block), or by
`LongMarkdown` (painted line by line) from `longdoc.policy.LONG_DOCUMENT_CHARS`:
`article` and `scroller` are whichever is on screen, and everything here works on both.
"""

from __future__ import annotations

from textual import on
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from aseantui.i18n import tr
from aseantui.text import slugify
from aseantui.tui.widgets.article import ArticleView
from aseantui.tui.widgets.contents import Contents
from aseantui.tui.widgets.long_markdown import LongMarkdown


class ReaderBase(Vertical):
    """The reader's views, sections, contents and link bar."""

    long = False
    """True while the entry on screen is shown by LongMarkdown (see `Reader.show`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.link_href = ""
        """The link the link bar is about (what `c` copies)."""
        self.lang = "en"

    @property
    def article(self) -> ArticleView:
        """The view of the entry on screen (LongMarkdown for long ones: the same API)."""
        if self.long:
            return self.query_one(LongMarkdown)  # type: ignore[return-value]
        return self.query_one(ArticleView)

    @property
    def scroller(self) -> VerticalScroll:
        if self.long:
            return self.query_one(LongMarkdown)  # type: ignore[return-value]
        return self.query_one("#article-scroll", VerticalScroll)

    def t(self, text: str, /, **values: object) -> str:
        return tr(text, self.lang, **values)

    def set_link_bar(self, text: str, href: str = "") -> None:
        """Show `text` under the article (plain text, never markup); `href` is what c copies."""
        self.link_href = href
        bar = self.query_one("#link-bar", Static)
        bar.update(Content(text))
        bar.display = bool(text)

    # -- sections ------------------------------------------------------------
    def current_section(self) -> int:
        """Index of the last ##/### heading at or above the top of the view."""
        if self.long:
            return self.query_one(LongMarkdown).current_section()
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
        if self.long:
            self.query_one(LongMarkdown).goto_section(number)
            return
        blocks = self.article.section_blocks()
        if 0 <= number < len(blocks):
            self.goto_block(blocks[number])

    def goto_anchor(self, anchor: str) -> bool:
        """Put the heading whose slug is `anchor` at the top; False if there is none."""
        if self.long:
            return self.query_one(LongMarkdown).goto_anchor(anchor)
        seen: dict[str, int] = {}
        for _, label, block_id in self.article.table_of_contents:
            slug = slugify(label)
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            if block_id is not None and anchor in (slug, f"{slug}-{count}"):
                self.goto_block(block_id)
                return True
        return False

    def goto_block(self, block_id: str) -> None:
        if self.long:
            self.query_one(LongMarkdown).goto_block(block_id)
            return
        block = self.article.query_one(f"#{block_id}")
        self.scroller.scroll_to_widget(block, top=True, animate=False, immediate=True)

    # -- table of contents -----------------------------------------------------
    def action_contents(self) -> None:
        contents = self.query_one(Contents)
        if contents.display:
            self.close_contents()
            return
        headings = [(level, label, block_id)
                    for level, label, block_id in self.article.table_of_contents
                    if level in (2, 3) and block_id is not None]
        blocks = self.article.section_blocks()
        section = self.current_section()
        contents.show_headings(headings, blocks[section] if 0 <= section < len(blocks) else "")
        contents.display = True
        self.screen.set_focus(contents)  # at once: arrows pressed right after move in it

    def close_contents(self, *, refocus: bool = True) -> None:
        contents = self.query_one(Contents)
        if contents.display:
            contents.display = False
            if refocus:
                self.screen.set_focus(self.article, scroll_visible=False)

    @on(Contents.Chosen)
    def _contents_chosen(self, event: Contents.Chosen) -> None:
        event.stop()
        self.close_contents()
        self.goto_block(event.block_id)

    @on(Contents.Closed)
    def _contents_closed(self, event: Contents.Closed) -> None:
        event.stop()
        self.close_contents()

    @on(Markdown.TableOfContentsUpdated)
    def _toc_updated(self, message: Markdown.TableOfContentsUpdated) -> None:
        message.stop()
