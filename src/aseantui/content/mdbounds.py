"""Bounds on what markdown-it-py is given: its work stays linear and small.

Two kinds of legal but pathological Markdown took minutes to load (`check`
included) and kept the app from quitting:

* Markup so dense that even linear parsing is slow: markdown-it-py spends
  5 to 60 microseconds per block and per inline mark (a megabyte of list
  items or `*a*` took 10 to 20 s). `markup_units` counts them; an article
  over `MAX_MARKUP` is kept as plain text (`as_plain_text`: every line
  indented into one code block, no line moves), with a problem that says so.
* Brackets that never close, escaped (below).

markdown-it-py looks for the end of a link label from every `[` (and `![`)
to the end of its paragraph: a paragraph holding many `[` that never close
costs (brackets x paragraph length). A 2 MB run of `![` took minutes to load.
An unmatched `[` is literal text in CommonMark whatever follows it, so
writing it as `\\[` renders the same and costs nothing; this is done only in
paragraphs where the scans would add up to more than `SCAN_BUDGET`
characters, so ordinary articles are parsed exactly as written. Brackets in
code (fenced blocks, code spans) and escaped ones are left alone.
"""

from __future__ import annotations

import bisect
import re
import sys

MAX_MARKUP = 250_000
"""Most lines and marks parsed as Markdown in one article (2 to 6 s at worst on a
slow, shared machine; an encyclopedia article has a few thousand, 20,000 headings
each with a paragraph and a link to it make 220,000)."""
SCAN_BUDGET = 2_000_000
"""Characters markdown-it may scan for unclosed brackets in one paragraph (~0.1 s)."""

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_INDENTED = re.compile(r"^(?: {4}|[ ]{0,3}\t)[^\n]*", re.MULTILINE)
_TAG = re.compile(r"<[^<>\n]*>")
_HTML_BLOCK = re.compile(r"^ {0,3}<.*?(?=\n[ \t]*\n|\Z)", re.MULTILINE | re.DOTALL)
_BLANK = re.compile(r"\n[ \t]*(?=\n)")
_TICKS = re.compile(r"(\\*)(`+)")
_TOKENS = re.compile(r"\\.|\[|\]|\n[ \t]*\n", re.DOTALL)


_BLOCK_MARK = re.compile(r"^ {0,3}(?:[-+*>#|]|\d{1,9}[.)])", re.MULTILINE)
_INLINE_MARKS = "[]()*_`<\\|!"


def markup_units(text: str) -> int:
    """Work markdown-it-py does for `text`, in units of 10 to 30 microseconds:
    one per line, three more per block marker (list, quote, heading, table row),
    one per inline mark (brackets, parentheses, emphasis, code, escapes, pipes)."""
    lines = text.count("\n") + 1
    blocks = len(_BLOCK_MARK.findall(text))
    marks = sum(text.count(mark) for mark in _INLINE_MARKS)
    return lines + 3 * blocks + marks


def as_plain_text(body: str) -> str:
    """`body` as one indented code block: shown and indexed verbatim, parsed in linear time,
    every line where it was."""
    return "\n".join(f"    {line}" if line.strip() else line for line in body.split("\n"))


def _fenced(text: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block."""
    spans = []
    opening: tuple[int, str] | None = None
    for match in _FENCE.finditer(text):
        fence = match.group(1)
        if opening is None:
            opening = (match.start(), fence)
        elif fence[0] == opening[1][0] and len(fence) >= len(opening[1]):
            line_end = text.find("\n", match.end())
            spans.append((opening[0], len(text) if line_end < 0 else line_end))
            opening = None
    if opening is not None:
        spans.append((opening[0], len(text)))
    return spans


def _code_spans(text: str, fenced: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each code span: a run of backticks closed by the next run of
    the same length in the same paragraph (CommonMark), found with bisect, not rescans.

    A backslash escapes the first backtick of an opening run, not of a closing one
    (inside a code span a backslash is literal).
    """
    runs = [(m.start(2), m.end(2), len(m.group(1)) % 2) for m in _TICKS.finditer(text)
            if not _inside(m.start(2), fenced)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end, _) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    blanks = [m.start() for m in _BLANK.finditer(text)]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end, escaped = runs[index]
        same = by_length.get(end - start - escaped, [])
        at = bisect.bisect_right(same, index)
        closer = runs[same[at]] if at < len(same) and end - start > escaped else None
        if closer is not None and bisect.bisect_left(blanks, end) == \
                bisect.bisect_left(blanks, closer[0]):
            spans.append((start + escaped, closer[1]))
            index = same[at] + 1
        else:
            index += 1
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones joined (so `_inside` needs one look)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect.bisect_right(spans, (position, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def escape_unclosed_brackets(text: str) -> str:
    """`text` with the `[` that can never close written `\\[`, in costly paragraphs only."""
    if text.count("[") < 2 or len(text) * text.count("[") <= SCAN_BUDGET:
        return text  # cannot cost more than the budget: the common case, untouched
    fenced = _fenced(text)
    # Maybe code or HTML (indented lines, tags and autolinks, HTML blocks): left alone.
    raw = [m.span() for pattern in (_INDENTED, _TAG, _HTML_BLOCK) for m in pattern.finditer(text)]
    code = _merged(fenced + raw + _code_spans(text, fenced))
    unclosed: list[int] = []
    paragraph_start, opened = 0, list[int]()

    def close_paragraph(end: int) -> None:
        if opened and len(opened) * (end - paragraph_start) > SCAN_BUDGET:
            unclosed.extend(opened)
        opened.clear()

    for match in _TOKENS.finditer(text):
        token = match.group()
        if token[0] == "\n":
            close_paragraph(match.start())
            paragraph_start = match.end()
        elif token == "[" and not _inside(match.start(), code):
            opened.append(match.start())
        elif token == "]" and opened and not _inside(match.start(), code):
            opened.pop()
    close_paragraph(len(text))
    if not unclosed:
        return text
    pieces, last = [], 0
    for position in sorted(unclosed):
        pieces += [text[last:position], "\\["]
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)


def bound_markdown(source: str) -> tuple[str, int]:
    """`source` made cheap to parse, and its markup units (over MAX_MARKUP: plain text).

    Front matter is kept as it is; only the body becomes a code block.
    """
    units = markup_units(source)
    if units <= MAX_MARKUP:
        return escape_unclosed_brackets(source), units
    lines = source.split("\n")
    start = 0
    marker = lines[0].rstrip()
    if marker in ("---", "+++"):  # YAML or TOML front matter
        start = next((n + 1 for n in range(1, len(lines)) if lines[n].rstrip() == marker), 0)
    head = "\n".join(lines[:start])
    body = as_plain_text("\n".join(lines[start:]))
    return (f"{head}\n{body}" if start else body), units
