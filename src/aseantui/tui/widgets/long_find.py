"""Find in page for LongMarkdown: matches (typed text, or a search's words) found in
the fields as they are laid out, highlighted, stepped through with n / N.

A mixin of `LongMarkdown` (long_markdown.py), which owns the lines and fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aseantui.tui.longdoc.layout import Field
from aseantui.tui.longdoc.messages import MatchesChanged
from aseantui.tui.longdoc.paint import cells, find_all
from aseantui.tui.longdoc.policy import MAX_MATCHES

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Base
else:
    _Base = object

Matcher = Callable[[list[Field], int], list[list[tuple[int, int, int]]]]
"""Finds at most `limit` matches in some fields: each match as its (line, x0, x1) parts."""


class LongFind(_Base):
    """The find-in-page half of LongMarkdown."""

    if TYPE_CHECKING:
        find_text: str
        matches: list[list[tuple[int, int, int]]]
        match_index: int
        _matcher: Matcher | None
        _fields: list[Field]
        _pending: tuple[str, object] | None

        def _remark(self) -> None: ...
        def _apply_pending(self) -> None: ...
        def _show_line(self, y: int, *, top: bool = False) -> None: ...
        def _show_columns(self, y: int, x0: int, x1: int) -> None: ...
        def _in_view(self, parts: list[tuple[int, int, int]]) -> bool: ...
        def line_text(self, y: int) -> str: ...

    def match_in_view(self, index: int) -> bool:
        return 0 <= index < len(self.matches) and self._in_view(self.matches[index])

    def match_text(self, index: int) -> str:
        """The text of match `index` (a find match or a marked search word)."""
        if not 0 <= index < len(self.matches):
            return ""
        return " ".join(cells(self.line_text(y), x0, x1) for y, x0, x1 in self.matches[index])

    # -- find in page ---------------------------------------------------------------------------
    def find(self, text: str) -> int:
        """Highlight every case-insensitive occurrence of `text`; returns how many (capped)."""
        self.find_text = text
        self._matcher = (lambda fields, limit: find_all(fields, text, limit)) if text else None
        self.matches = []
        self._find_in(self._fields)
        self.match_index = 0 if self.matches else -1
        self._remark()
        self._announce_match()
        return len(self.matches)

    def mark_words(self, stems: frozenset[str], lang: str, label: str) -> int:
        """Mark every word whose stem (by the search's analysis) is in `stems`.

        As `ArticleView.mark_words`: the marks are the find matches (n / N),
        `label` is what MatchesChanged says they are for. Words laid out later
        are marked as they come.
        """
        from aseantui.search.snippets import term_spans

        def marker(fields: list[Field], limit: int) -> list[list[tuple[int, int, int]]]:
            return [item.place(start, end) for item in fields
                    for start, end in term_spans(item.plain, stems, lang)][:limit]

        self._matcher = marker
        self.matches = []
        self._find_in(self._fields)
        self.find_text = label
        self.match_index = 0 if self.matches else -1
        self._remark()
        if self.matches:
            self.post_message(MatchesChanged(label, 0, len(self.matches)))
        return len(self.matches)

    def scroll_to_match(self) -> None:
        """Bring the current match to the top of the view (once it is laid out)."""
        self._pending = ("match", None)
        self._apply_pending()

    def _find_in(self, fields: list[Field]) -> None:
        if self._matcher is not None:
            self.matches += self._matcher(fields, MAX_MATCHES - len(self.matches))

    def _step_match(self, step: int) -> None:
        if self.matches:
            self.match_index = (self.match_index + step) % len(self.matches)
            self._remark()
        self._announce_match()

    def _announce_match(self, *, scroll: bool = True) -> None:
        if scroll and self.matches and self.matches[self.match_index]:
            self._show_line(self.matches[self.match_index][0][0])
            self._show_columns(*self.matches[self.match_index][0])
        self.post_message(MatchesChanged(self.find_text, self.match_index, len(self.matches)))

    def action_next_match(self) -> None:
        self._step_match(+1)

    def action_previous_match(self) -> None:
        self._step_match(-1)
