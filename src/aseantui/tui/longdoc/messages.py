"""The messages LongMarkdown posts (bound to it as `LongMarkdown.LinkClicked` and so on)."""

from __future__ import annotations

from textual.message import Message


class LinkClicked(Message, namespace="long_markdown"):
    """A link was chosen (Enter on the selected link, or a click)."""

    def __init__(self, href: str) -> None:
        self.href = href
        super().__init__()


class LinkFocused(Message, namespace="long_markdown"):
    """The keyboard highlight moved to a link (total 0: there are none of that kind)."""

    def __init__(self, href: str, text: str, index: int, total: int) -> None:
        self.href, self.text, self.index, self.total = href, text, index, total
        super().__init__()


class MatchesChanged(Message, namespace="long_markdown"):
    """Find-in-page found `total` matches of `text`; `index` is the current one."""

    def __init__(self, text: str, index: int, total: int) -> None:
        self.text, self.index, self.total = text, index, total
        super().__init__()


class TableOfContentsUpdated(Message, namespace="long_markdown"):
    """The headings, as (level, title, block_id), once the document is laid out.

    At most `MAX_CONTENTS` of them, levels 1-3 first (`contents()`); the
    whole list is `LongMarkdown.table_of_contents`.
    """

    def __init__(self, table_of_contents: list[tuple[int, str, str | None]]) -> None:
        self.table_of_contents = table_of_contents
        super().__init__()


class Finished(Message, namespace="long_markdown"):
    """Every piece of the document is laid out."""
