"""Find in page: the find bar and what the reader does with it (Esc, n / N, the count).

The matches are the article view's (`find`, `mark_words`, `matches`); the reader
shows their count in the link bar and closes the bar or clears the marks on Esc.
"""

from __future__ import annotations

from textual import on
from textual.actions import SkipAction
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from aseantui.tui.longdoc import messages as long_view
from aseantui.tui.widgets.article import ArticleView
from aseantui.tui.widgets.long_markdown import LongMarkdown
from aseantui.tui.widgets.reader_base import ReaderBase


class FindBar(Input):
    """The find-in-page box (Esc closes it)."""

    class Closed(Message):
        pass

    BINDINGS = [Binding("escape", "close", "Close", id="find.close")]

    def action_close(self) -> None:
        self.post_message(self.Closed())


class ReaderFind(ReaderBase):
    """The reader's find-in-page."""

    def action_find(self) -> None:
        self.close_contents(refocus=False)
        bar = self.query_one(FindBar)
        bar.display = True
        self.screen.set_focus(bar)  # at once: the next key typed goes in the bar

    def action_close_find(self) -> None:
        """Esc: close the find bar, else clear the marks; otherwise the screen has it."""
        if self.query_one(FindBar).display:
            self.close_find()
            self.article.focus(scroll_visible=False)
        elif self.article.matches:
            self.article.find("")
        else:
            raise SkipAction()

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
    @on(LongMarkdown.MatchesChanged)
    def _matches_changed(
        self, event: ArticleView.MatchesChanged | long_view.MatchesChanged
    ) -> None:
        event.stop()
        if not event.text:
            self.set_link_bar("")
        elif event.total:
            self.set_link_bar(self.t("{n}/{total} matches for “{text}”", n=event.index + 1,
                                     total=event.total, text=event.text))
        else:
            self.set_link_bar(self.t("No matches for “{text}”", text=event.text))
