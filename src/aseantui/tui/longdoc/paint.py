"""Painting a laid-out line, and finding text in laid-out fields (for LongMarkdown)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.strip import Strip

from aseantui.tui.longdoc.layout import Field, Line


def paint(line: Line, styles: list[Style], marks: Iterable[tuple[int, int, Style]],
          console: Console, width: int, base: Style) -> Strip:
    """`line` as a strip `width` cells wide, with `marks` (x0, x1, style) laid over it."""
    plain, spans = line
    text = Text(plain, spans=[Span(a, b, styles[n]) for a, b, n in spans], end="")
    strip = Strip(list(text.render(console)))
    strip = strip.adjust_cell_length(max(width, strip.cell_length))
    end = strip.cell_length
    for x0, x1, style in marks:
        left, middle, right = strip.divide([min(x0, end), min(x1, end), end])
        middle = Strip(list(Segment.apply_style(iter(middle), post_style=style)))
        strip = Strip.join([left, middle, right])
    return strip.apply_style(base).adjust_cell_length(max(width, end), base)


def scrolled(strip: Strip, x: int, width: int, marker: Style) -> Strip:
    """Cells x to x + width of a line wider than the view, with "‹" / "›" at an edge
    where more of it is off screen."""
    x = max(0, min(x, strip.cell_length - width))
    part = strip.crop(x, x + width)
    left = x > 0
    right = x + width < strip.cell_length
    if width < 3 or not (left or right):
        return part
    pieces = [Strip([Segment("‹", marker)]) if left else part.crop(0, 1), part.crop(1, width - 1),
              Strip([Segment("›", marker)]) if right else part.crop(width - 1, width)]
    return Strip.join(pieces)


def cells(text: str, x0: int, x1: int) -> str:
    """The characters of `text` in cells x0 to x1 (a wide character counts two)."""
    out, x = [], 0
    for char in text:
        if x0 <= x < x1:
            out.append(char)
        x += cell_len(char)
    return "".join(out)


def find_all(fields: Iterable[Field], text: str, limit: int) -> list[list[tuple[int, int, int]]]:
    """Where `text` is (case-insensitive) in `fields`: at most `limit` matches, in order."""
    needle = text.casefold()
    found: list[list[tuple[int, int, int]]] = []
    if not needle:
        return found
    for item in fields:
        haystack = item.plain.casefold()
        if len(haystack) != len(item.plain):  # casefold changed lengths: fall back
            haystack = item.plain.lower()
        start = haystack.find(needle)
        while start >= 0 and len(found) < limit:
            found.append(item.place(start, start + len(needle)))
            start = haystack.find(needle, start + len(needle))
    return found
