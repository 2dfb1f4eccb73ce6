"""Lay out parsed Markdown as lines of Rich text at a given width.

`Layout.render(piece)` parses one `split.Piece` with markdown-it and returns a
`Chunk`: the lines it fills, and where its text (for find), links and
headings sit on them. It keeps what must carry over from piece to piece
(heading slugs, a table's column widths), so the pieces of one document go
through one `Layout`, in order, on one thread at a time. Nothing here touches
Textual: it runs in a worker thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from aseantui.text import slugify
from aseantui.tui.longdoc.split import Piece

STYLE_NAMES = ("h1", "h2", "h3", "h4", "link", "code", "quote", "bullet", "rule",
               "table-header", "table-border", "image")
SEPARATOR = " │ "


@dataclass
class Field:
    """A run of text (a paragraph, heading or table cell) as laid out on lines."""

    plain: str
    y: int
    x: int
    starts: tuple[int, ...]
    """Offset in `plain` of each of its lines."""
    texts: tuple[str, ...]
    """The plain text of each of its lines."""

    def place(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Where plain[start:end] is on screen: (line, first cell, last cell + 1) parts."""
        parts = []
        for number, (first, text) in enumerate(zip(self.starts, self.texts, strict=True)):
            a, b = max(start, first), min(end, first + len(text))
            if a < b:
                x0 = self.x + cell_len(text[: a - first])
                parts.append((self.y + number, x0, x0 + cell_len(text[a - first:b - first])))
        return parts


@dataclass
class Heading:
    """A heading: level, text, unique slug (as `aseantui check` computes) and line."""

    level: int
    title: str
    slug: str
    y: int


Line = tuple[str, tuple[tuple[int, int, int], ...]]
"""A laid-out line: its text and its spans (start, end, index in `Layout.style_table`).

Plain tuples of str and int, which Python's cyclic garbage collector stops
tracking: 35,000 Rich `Text` lines made every full collection take 150-270 ms
(a frozen screen while scrolling a 2 MB article)."""


@dataclass
class Chunk:
    """What one piece became: lines, and where things are on them (line numbers local)."""

    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    """The lines while they are being made (`Layout.render` packs them into `lines`)."""
    fields: list[Field] = field(default_factory=list)
    links: list[tuple[int, int, int, str]] = field(default_factory=list)
    """(index in `fields`, start, end, href) of each link."""
    headings: list[Heading] = field(default_factory=list)
    wide: list[tuple[int, int]] = field(default_factory=list)
    """(line, width) of the table lines wider than the layout: they scroll sideways."""


def link_style(href: str) -> Style:
    """The style meta that makes a click run the widget's `link` action."""
    return Style(meta={"@click": f"link({href!r})"})


class Layout:
    """Turns the pieces of one document into lines, `width` cells wide."""

    def __init__(self, parser: MarkdownIt, width: int, styles: dict[str, Style],
                 env: dict[str, Any] | None = None) -> None:
        self.parser = parser
        self.width = max(width, 20)
        self.styles = {name: styles.get(name, Style()) for name in STYLE_NAMES}
        self.env: dict[str, Any] = env if env is not None else {}
        self.console = Console(file=io.StringIO(), width=self.width, force_terminal=True,
                               color_system="truecolor", legacy_windows=False)
        self.slugs: dict[str, int] = {}
        self.table_widths: list[int] = []
        self.started = False
        self.style_table: list[Style] = [Style()]
        """The styles the lines' spans refer to (appended to, never changed)."""
        self._style_ids: dict[Style, int] = {Style(): 0}

    # -- one piece -------------------------------------------------------------------
    def render(self, piece: Piece) -> Chunk:
        chunk = Chunk()
        if piece.raw:
            self._gap(chunk, joined=piece.joined)
            self._text(chunk, Text(piece.text.strip("\n")), [], "", "", None)
        else:
            self._walk(self.parser.parse(piece.text, self.env), chunk, piece)
        chunk.lines = [self._pack(text) for text in chunk.texts]
        chunk.texts = []
        return chunk

    def _pack(self, text: Text) -> Line:
        spans = [(0, len(text), text.style)] if text.style else []
        spans += [(span.start, span.end, span.style) for span in text.spans]
        packed = []
        for start, end, style in spans:
            if isinstance(style, str):
                style = Style.parse(style) if style else Style()
            number = self._style_ids.get(style)
            if number is None:
                number = self._style_ids[style] = len(self.style_table)
                self.style_table.append(style)
            packed.append((start, end, number))
        return text.plain, tuple(packed)

    def _gap(self, chunk: Chunk, *, joined: bool = False, tight: bool = False) -> None:
        if self.started and not joined and not tight:
            chunk.texts.append(Text())
        self.started = True

    def _walk(self, tokens: list[Token], chunk: Chunk, piece: Piece) -> None:
        stack: list[list[Any]] = []  # ["quote"] or ["item", bullet, first block not yet shown]
        tight: list[bool] = []
        joined = piece.joined
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "blockquote_open":
                stack.append(["quote"])
            elif kind in ("bullet_list_open", "ordered_list_open"):
                hidden = _list_is_tight(tokens, index)
                tight.append(hidden)
                if not any(s[0] == "item" for s in stack):
                    self._gap(chunk, joined=joined)
                    joined = True
            elif kind == "list_item_open":
                bullet = f"{token.info}{token.markup} " if token.info else "• "
                stack.append(["item", bullet, True])
            elif kind in ("blockquote_close", "list_item_close"):
                stack.pop()
            elif kind in ("bullet_list_close", "ordered_list_close"):
                tight.pop()
                if not any(s[0] == "item" for s in stack):
                    joined = False
            elif kind in ("heading_open", "paragraph_open"):
                inline = tokens[index + 1]
                first, rest = _prefixes(stack)
                in_list = any(s[0] == "item" for s in stack)
                self._gap(chunk, joined=joined, tight=in_list and bool(tight and tight[-1]))
                joined = False
                text, links = self._inline(inline.children or [])
                if kind == "heading_open":
                    self._heading(chunk, int(token.tag[1:]), text, links, first, rest)
                else:
                    self._text(chunk, text, links, first, rest, self._prefix_style(stack))
                index += 2
            elif kind in ("fence", "code_block"):
                in_list = any(s[0] == "item" for s in stack)
                self._gap(chunk, joined=joined, tight=in_list and bool(tight and tight[-1]))
                first, rest = _prefixes(stack)
                code = Text(token.content.rstrip("\n").expandtabs(4), style=self.styles["code"])
                self._text(chunk, code, [], first, rest, self._prefix_style(stack), fill=True)
                joined = False
            elif kind == "hr":
                self._gap(chunk, joined=joined)
                chunk.texts.append(Text("─" * self.width, style=self.styles["rule"]))
                joined = False
            elif kind == "table_open":
                end = _closing(tokens, index, "table_close")
                self._gap(chunk, joined=joined)
                cut = end == len(tokens) - 1 or (piece.repeats_header and index == 0)
                self._table(chunk, tokens[index:end], piece.repeats_header and index == 0,
                            piece.widths if cut else ())
                index = end
                joined = False
            index += 1

    def _prefix_style(self, stack: list[list[Any]]) -> Style:
        return self.styles["quote" if any(s[0] == "quote" for s in stack) else "bullet"]

    # -- inline text ------------------------------------------------------------------
    def _inline(self, children: list[Token]) -> tuple[Text, list[tuple[int, int, str]]]:
        text = Text(end="")
        styles: list[Style] = []
        links: list[tuple[int, int, str]] = []
        opened: list[tuple[int, str]] = []
        marks = {"strong": Style(bold=True), "em": Style(italic=True), "s": Style(strike=True)}
        for token in children:
            kind = token.type
            style = Style.chain(*styles) if styles else None
            if kind == "text":
                text.append(token.content, style)
            elif kind == "softbreak":
                text.append(" ", style)
            elif kind == "hardbreak":
                text.append("\n", style)
            elif kind == "code_inline":
                text.append(token.content, Style.chain(*styles, self.styles["code"]))
            elif kind == "image":
                text.append(token.content or "image", Style.chain(*styles, self.styles["image"]))
            elif kind.endswith("_open") and kind[:-5] in marks:
                styles.append(marks[kind[:-5]])
            elif kind.endswith("_close") and kind[:-6] in marks and styles:
                styles.pop()
            elif kind == "link_open":
                href = str(token.attrGet("href") or "")
                opened.append((len(text), href))
                styles.append(self.styles["link"] + link_style(href))
            elif kind == "link_close" and opened:
                start, href = opened.pop()
                links.append((start, len(text), href))
                styles.pop()
            elif kind not in ("html_inline",) and token.content:
                text.append(token.content, style)
        return text, links

    # -- blocks -------------------------------------------------------------------------
    def _wrap(self, text: Text, width: int) -> tuple[list[Text], list[int]]:
        lines = list(text.wrap(self.console, max(width, 1), overflow="fold"))
        plain, starts, cursor = text.plain, [], 0
        for line in lines:
            found = plain.find(line.plain, cursor) if line.plain else cursor
            found = cursor if found < 0 else found
            starts.append(found)
            cursor = found + len(line.plain)
        return lines, starts

    def _text(self, chunk: Chunk, text: Text, links: list[tuple[int, int, str]],
              first: str, rest: str, prefix_style: Style | None, *, fill: bool = False,
              center: bool = False) -> None:
        indent = cell_len(first)
        width = self.width - indent
        lines, starts = self._wrap(text, width)
        number = len(chunk.fields)
        chunk.fields.append(Field(text.plain, len(chunk.texts), indent, tuple(starts),
                                  tuple(line.plain for line in lines)))
        chunk.links += [(number, a, b, href) for a, b, href in links]
        for row, line in enumerate(lines):
            out = Text(end="")  # the prefix's style is the prefix's only, not the line's
            out.append(first if row == 0 else rest, style=prefix_style)
            if center:
                out.append(" " * max(0, (width - line.cell_len) // 2))
                chunk.fields[-1].x = indent + max(0, (width - lines[0].cell_len) // 2)
            out.append_text(line)
            if fill:
                out.append(" " * max(0, width - line.cell_len), text.style)
            chunk.texts.append(out)

    def _heading(self, chunk: Chunk, level: int, text: Text, links: list[tuple[int, int, str]],
                 first: str, rest: str) -> None:
        slug = slugify(text.plain)
        count = self.slugs.get(slug, 0)
        self.slugs[slug] = count + 1
        chunk.headings.append(Heading(level, text.plain, f"{slug}-{count}" if count else slug,
                                      len(chunk.texts)))
        text.stylize_before(self.styles[f"h{min(level, 4)}"])
        self._text(chunk, text, links, first, rest, None, center=level == 1)

    def _table(self, chunk: Chunk, tokens: list[Token], continued: bool,
               measured: tuple[int, ...]) -> None:
        rows: list[list[tuple[Text, list[tuple[int, int, str]]]]] = []
        for token in tokens:
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline" and rows:
                rows[-1].append(self._inline(token.children or []))
        if not rows:
            return
        columns = max(len(row) for row in rows)
        if not continued or len(self.table_widths) != columns:
            self.table_widths = _column_widths(rows, columns, self.width, measured)
        widths = self.table_widths
        total = sum(widths) + len(SEPARATOR) * (len(widths) - 1)
        first_line = len(chunk.texts)
        border = self.styles["table-border"]
        for number, row in enumerate(rows):
            if continued and number == 0:
                continue
            header = number == 0
            cells = [self._wrap(text, width)
                     for (text, _), width in zip(row, widths[:len(row)], strict=True)]
            top = len(chunk.texts)
            x = 0
            for column, ((text, links), (lines, starts)) in enumerate(zip(row, cells, strict=True)):
                chunk.fields.append(Field(text.plain, top, x, tuple(starts),
                                          tuple(ln.plain for ln in lines)))
                chunk.links += [(len(chunk.fields) - 1, a, b, href) for a, b, href in links]
                x += widths[column] + len(SEPARATOR)
            for line_number in range(max((len(lines) for lines, _ in cells), default=1)):
                out = Text(end="")
                for column, width in enumerate(widths):
                    if column:
                        out.append(SEPARATOR, border)
                    lines = cells[column][0] if column < len(cells) else []
                    part = lines[line_number] if line_number < len(lines) else Text()
                    if header:
                        part.stylize(self.styles["table-header"])
                    out.append_text(part)
                    out.append(" " * max(0, width - part.cell_len))
                chunk.texts.append(out)
            if header:
                chunk.texts.append(Text("─┼─".join("─" * w for w in widths), style=border))
        if total > self.width:
            chunk.wide += [(y, total) for y in range(first_line, len(chunk.texts))]


def _prefixes(stack: list[list[Any]]) -> tuple[str, str]:
    """The text before a block's first line and before its other lines (quotes, bullets)."""
    first, rest = "", ""
    for entry in stack:
        if entry[0] == "quote":
            first, rest = first + "▌ ", rest + "▌ "
        else:
            pad = " " * cell_len(entry[1])
            first, rest = first + (entry[1] if entry[2] else pad), rest + pad
            entry[2] = False
    return first, rest


def _list_is_tight(tokens: list[Token], index: int) -> bool:
    following = tokens[index + 2] if index + 2 < len(tokens) else None
    return following is not None and following.type == "paragraph_open" and following.hidden


def _closing(tokens: list[Token], index: int, kind: str) -> int:
    for end in range(index, len(tokens)):
        if tokens[end].type == kind:
            return end
    return len(tokens) - 1


MAX_COLUMN = 40
"""A column is at most this wide: longer cells wrap inside it."""
MIN_COLUMN = 14
"""A column is narrowed to fit the screen down to this (or its natural width), never
below: past that the table is wider than the screen and scrolls sideways."""


def column_widths(natural: list[int], room: int, gutter: int) -> list[int]:
    """The widths of a table's columns: natural (at most MAX_COLUMN) when they fit in
    `room` cells with `gutter` cells between them, else narrowed in proportion, none
    below min(natural, MIN_COLUMN); natural again when even those floors do not fit
    (the table scrolls sideways then)."""
    desired = [max(1, min(width, MAX_COLUMN)) for width in natural]
    space = room - gutter * max(0, len(desired) - 1)
    total = sum(desired)
    if total <= space:
        return desired
    floors = [min(width, MIN_COLUMN) for width in desired]
    if sum(floors) >= space:  # it scrolls whatever: natural widths read best
        return desired
    widths = [max(floor, width * space // total) for floor, width in zip(floors, desired,
                                                                        strict=True)]
    while sum(widths) > space:
        column = max(range(len(widths)), key=lambda c: widths[c] - floors[c])
        if widths[column] <= floors[column]:
            break
        widths[column] -= 1
    return widths


def _column_widths(rows: list[list[tuple[Text, Any]]], columns: int, room: int,
                   measured: tuple[int, ...] = ()) -> list[int]:
    """`column_widths` of these rows (the first 500), or of `measured`: the widths
    measured over the whole table when it is cut into pieces."""
    natural = [max(1, w) for w in measured[:columns]]
    natural += [1] * (columns - len(natural))
    for row in rows[:500]:
        for column, (text, _) in enumerate(row):
            natural[column] = max(natural[column], text.cell_len)
    return column_widths(natural, room, len(SEPARATOR))
