"""The table of contents of an entry: a list of its headings, used from the keyboard.

Textual's own table of contents is a tree that cuts long labels and is hard to
leave from the keyboard; this is an option list, so labels wrap, arrows and
Enter work, and Esc (or `t`) hands the focus back to the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Contents(OptionList):
    """Headings of the entry being read (## and ###, indented by level)."""

    BINDINGS = [
        Binding("escape,t,q", "close", "Close", id="contents.close"),
    ]

    @dataclass
    class Chosen(Message):
        """Go to the heading whose block has this id."""

        block_id: str

    class Closed(Message):
        """The list was closed without choosing."""

    def show_headings(self, headings: list[tuple[int, str, str]], current: str = "") -> None:
        """`headings` is (level, label, block id) for every heading to list."""
        self.clear_options()
        options = []
        for level, label, block_id in headings:
            indent = "  " * max(0, level - 2)
            style = "bold" if level <= 2 else ""
            options.append(Option(Content.assemble(indent, Content.styled(label, style)),
                                  id=block_id))
        self.add_options(options)
        ids = [block_id for _, _, block_id in headings]
        self.highlighted = ids.index(current) if current in ids else (0 if ids else None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))

    def action_close(self) -> None:
        self.post_message(self.Closed())
