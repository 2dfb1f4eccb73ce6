"""The numbers behind `LongMarkdown`: when to use it, and its bounds.

Kept apart from the widget so the reader can decide without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass

LONG_DOCUMENT_CHARS = 8_000
"""Documents at least this long get `LongMarkdown` (see bench/README.md, "Long articles"):
the measured break-even. Textual's Markdown already takes about 200 ms to show the first
screen of 8,000 characters (the budget is 150 ms) and 480 ms at 28,000; LongMarkdown
takes about 100 ms at any size. Shorter entries keep the block view, which looks best
(tables as grids). The reader's Pilot tests run against both views (`each_view`).
"""
QUIET_AFTER_SCROLL = 0.25
"""Seconds the layout thread rests after the view scrolls, so that scrolling stays smooth."""
FREEZE_LINES = 2_000
"""From this many laid-out lines LongMarkdown keeps its document out of the cyclic
garbage collector's walks (`gc.freeze`, see `gcfreeze.DocumentFreeze`)."""
MAX_CONTENTS = 300
"""Most headings sent in TableOfContentsUpdated: Textual's MarkdownTableOfContents
builds its Tree in the UI thread (1,000 entries 0.4 s, 20,000 entries 4.8 s)."""
MAX_MATCHES = 10_000
"""Find-in-page stops counting here (a one-letter search in 2 MB finds ~100,000)."""


def use_long_view(markdown: str) -> bool:
    """True when `markdown` is long enough to need `LongMarkdown`."""
    return len(markdown) >= LONG_DOCUMENT_CHARS


def contents(
    table: list[tuple[int, str, str | None]], limit: int = MAX_CONTENTS
) -> list[tuple[int, str, str | None]]:
    """A table of contents a Tree can show at once: the deepest levels go first, then the tail."""
    shortest = table
    for deepest in (6, 5, 4, 3, 2, 1):
        kept = [entry for entry in table if entry[0] <= deepest]
        if not kept:
            break
        if len(kept) <= limit:
            return kept
        shortest = kept
    return shortest[:limit]


@dataclass
class Link:
    """A link in the document and where it is shown: (line, first cell, last cell + 1)."""

    href: str
    text: str
    parts: tuple[tuple[int, int, int], ...]
