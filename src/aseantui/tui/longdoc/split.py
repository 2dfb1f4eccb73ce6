"""Cut a Markdown document into pieces that can be parsed one at a time.

Parsing a 2 MB article with markdown-it takes seconds, and some inputs cost
far more per byte (a run of `![` costs ~70 µs a character). Cutting the text
into pieces of about `TARGET` characters bounds the work done between two
checks for cancellation, lets the top of a document be shown before the rest
is parsed, and lets the pieces be parsed in a worker thread.

Pieces end at a blank line followed by an unindented line, outside fenced
code and HTML comments, so most documents parse exactly as a whole would.
A block longer than `HARD` with no such place (a huge table, paragraph,
code fence or single line) is cut at a line end or a space: a table piece
repeats the header rows (and is marked so they are not shown twice), a fence
piece reopens the fence, and every such piece is marked `joined` (no gap
before it). A piece dense with `[` (the costly case) is kept as plain text.
Reference definitions (`[x]: url`) are parsed first by `references`, so a
link in one piece may use a definition in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

TARGET = 8_000
"""Preferred piece size in characters: a first screen is well under this."""
HARD = 16_000
"""No piece is longer than this (plus a repeated table header)."""
FIRST = 3_000
"""Target size of the first piece, laid out before the view is shown: about a screen."""
RAW_DENSITY = 8
"""A piece over 2,000 characters with more than one `[` in this many is shown as plain text."""

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)


@dataclass(frozen=True)
class Piece:
    """A part of the document, parsed on its own."""

    text: str
    joined: bool = False
    """The piece continues the previous piece's last block (no gap between)."""
    raw: bool = False
    """Shown as plain text, not parsed."""
    repeats_header: bool = False
    """The piece starts with the header rows of a table cut in two (not shown again)."""
    widths: tuple[int, ...] = ()
    """For a table cut into pieces: its columns' widths, measured over all its rows."""


def references(source: str) -> str:
    """The lines of `source` that look like link reference definitions."""
    if "]:" not in source:
        return ""
    return "\n\n".join(_REFERENCE.findall(source))


def _is_raw(text: str) -> bool:
    return len(text) > 2_000 and text.count("[") * RAW_DENSITY > len(text)


def _piece(text: str, joined: bool, header: bool, widths: tuple[int, ...] = ()) -> Piece:
    return Piece(text, joined=joined, raw=_is_raw(text), repeats_header=header, widths=widths)


_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def _table_widths(source: str, start: int) -> tuple[int, ...]:
    """The widest cell of each column of the table at `start` (its Markdown, roughly shown)."""
    end = source.find("\n\n", start)
    widths: list[int] = []
    for row in _LINK_TARGET.sub("]", source[start:None if end < 0 else end]).splitlines():
        for column, cell in enumerate(row.strip().strip("|").split("|")):
            size = len(cell.strip())
            if column < len(widths):
                widths[column] = max(widths[column], size)
            else:
                widths.append(size)
    return tuple(widths)


def split(source: str, first: int = FIRST) -> list[Piece]:
    """`source` cut into pieces, in order; joined they show the whole document."""
    return list(pieces(source, first))


def pieces(source: str, first: int = FIRST) -> Iterator[Piece]:
    """The pieces of `source`, cut as they are asked for (the first one costs no more).

    The first piece aims at `first` characters (at most twice that), the others
    at `TARGET` (at most `HARD`).
    """
    target, hard = first, 2 * first
    count = 0
    start = 0  # where the current piece begins
    pos = 0  # where the current line begins
    fence = ""  # the open fence's marker, if any
    in_comment = False
    blank_before = False
    block_start = 0  # where the current block (run of non-blank lines) begins
    prefix = ""  # text to put before the next piece (a reopened fence, a table header)
    joined = header = False
    widths: tuple[int, ...] = ()  # of the table being cut into pieces
    n = len(source)
    while pos < n:
        end = source.find("\n", pos)
        end = n if end < 0 else end + 1
        line = source[pos:end]
        stripped = line.strip()
        if (
            blank_before and not fence and not in_comment and stripped
            and not line[0].isspace() and pos - start >= target
        ):
            yield _piece(prefix + source[start:pos], joined, header, widths)
            count += 1
            start, prefix, joined, header, widths = pos, "", False, False, ()
            target, hard = TARGET, HARD
        if pos - start + len(line) > hard and pos > start:
            # A block with no place to cut: cut at this line end.
            closing, after, table = _hard_cut(source, pos, block_start, fence)
            if table and not widths:
                widths = _table_widths(source, block_start)
            yield _piece(prefix + source[start:pos] + closing, joined, header, widths)
            count += 1
            start, prefix, joined, header = pos, after, True, table
            target, hard = TARGET, HARD
        while len(line) > hard:
            # One line longer than a piece: cut it at a space.
            cut = line.rfind(" ", 0, hard)
            cut = hard if cut <= 0 else cut + 1
            yield _piece(prefix + source[start:pos + cut], joined, header)
            count += 1
            pos, start, prefix, joined, header = pos + cut, pos + cut, "", True, False
            line = line[cut:]
            target, hard = TARGET, HARD
        if not stripped:
            blank_before = True
        else:
            if blank_before:
                block_start = pos
            blank_before = False
        marker = _FENCE.match(line)
        if in_comment:
            in_comment = "-->" not in line
        elif fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence) \
                    and not line[marker.end():].strip():
                fence = ""
        elif marker:
            fence = marker.group(1)
        elif stripped.startswith("<!--") and "-->" not in stripped:
            in_comment = True
        pos = end
    if start < n or not count:
        yield _piece(prefix + source[start:], joined, header, widths)


def _hard_cut(source: str, pos: int, block_start: int, fence: str) -> tuple[str, str, bool]:
    """What closes a piece cut at `pos`, what the next one starts with, and if it is a table."""
    if fence:
        return f"{fence}\n", f"{fence}\n", False
    head = source[block_start:pos].split("\n", 2)
    if len(head) == 3 and "|" in head[0] and _TABLE_DELIMITER.match(head[1]):
        return "", f"{head[0]}\n{head[1]}\n", True
    return "", "", False
