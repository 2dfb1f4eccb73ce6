"""Tables of the block view that scroll sideways instead of squeezing their columns.

Textual's `MarkdownTable` shrinks every column until the table fits the screen,
down to a word a line (issue 9: six-character columns at 80 columns). This one
gives the columns the widths the long view gives them (`layout.column_widths`:
natural, narrowed in proportion, none below a floor); a table still wider than
the screen scrolls sideways under its own scroll bar (Left / Right, h / l,
Shift+wheel), a heavy rule at the edge where columns are off screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.layout import Layout
from textual.widgets._markdown import MarkdownTable, MarkdownTableContent

from aseantui.tui.longdoc.layout import column_widths


class ReaderTableContent(MarkdownTableContent):
    """The grid of cells, with the column widths set by `fit`."""

    DEFAULT_CSS = "ReaderTableContent { width: auto; }"

    def pre_layout(self, layout: Layout) -> None:
        super().pre_layout(layout)
        layout.shrink = False  # type: ignore[attr-defined]  # GridLayout (checked by super)
        layout.expand = False  # type: ignore[attr-defined]

    def fit(self, room: int) -> None:
        """Set the columns' widths for a table shown `room` cells wide."""
        rows = [self.headers, *self.rows]
        columns = max((len(row) for row in rows), default=0)
        if not columns or room <= 0:
            return
        natural = [max((row[c].cell_length for row in rows if c < len(row)), default=1)
                   for c in range(columns)]
        gutter = self.styles.grid_gutter_vertical
        widths = column_widths(natural, room, gutter)
        self.styles.grid_columns = " ".join(str(width) for width in widths)


class ReaderTable(MarkdownTable):
    """A Markdown table as wide as its columns, scrolling sideways when wider than the view."""

    DEFAULT_CSS = """
    ReaderTable { height: auto; overflow-x: auto; overflow-y: hidden;
                  scrollbar-size-horizontal: 1; border-right: blank; }
    ReaderTable.-more-left { border-left: heavy $accent; }
    ReaderTable.-more-right { border-right: heavy $accent; }
    """

    def compose(self) -> ComposeResult:
        self._headers, self._rows = self._get_headers_and_rows()
        yield ReaderTableContent(self._headers, self._rows)

    def on_resize(self) -> None:
        self.query_one(ReaderTableContent).fit(self.scrollable_content_region.width)
        self.call_after_refresh(self._edges)

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._edges()

    def _edges(self) -> None:
        """A heavy rule at an edge where columns are off screen (the scroll bar alone is
        easy to miss)."""
        self.set_class(self.scroll_x > 0, "-more-left")
        self.set_class(self.scroll_x < self.max_scroll_x, "-more-right")

    @property
    def wide(self) -> bool:
        """True when some of the table is off screen, left or right."""
        return self.max_scroll_x > 0
