"""Snippets: the passage of an article that best shows why it matched.

Whoosh's highlighter re-analyses the whole article for every hit, which cost
most of a query's time (about 4 ms a hit). Here each article is analysed once,
with the same stemming analyzer as its field, and where each stem occurs is
cached; a query then only looks up its own terms.

Every filter of the analyzers works on one token at a time, so an article is
split with the analyzers' own token pattern and each distinct word is
analysed once per process (`_stems`): a new article costs a scan and
dictionary look-ups, not a pass of every token through Whoosh's filters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aseantui.search.analysis import TOKEN_PATTERN, analyze
from aseantui.search.schema import stemmed_analyzers

SNIPPET_CHARS = 160
CONTEXT_CHARS = 40
MAX_HIGHLIGHT_CHARS = 20_000
"""Only the start of very long articles is scanned for a snippet."""


@dataclass(frozen=True)
class Snippet:
    """Text in pieces; `True` marks a matched word."""

    parts: tuple[tuple[str, bool], ...]

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def markdown(self) -> str:
        """Matched words in **bold** (the form `search --json` prints)."""
        return "".join(f"**{text}**" if hit else text for text, hit in self.parts)

    @property
    def has_match(self) -> bool:
        return any(hit for _, hit in self.parts)

    @classmethod
    def of(cls, text: str) -> Snippet:
        return cls(((text, False),) if text else ())


def highlight_terms(query_terms: Iterable[tuple[str, Any]], lang: str) -> frozenset[str]:
    """The stems, in `lang`, of every term the query can match."""
    terms: set[str] = set()
    analyzer = stemmed_analyzers()[lang]
    for fieldname, text in query_terms:
        text = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        if fieldname.endswith(f"_{lang}"):
            terms.add(text)
        elif fieldname in ("plain", "aliases"):
            terms.update(analyze(analyzer, text))
    return frozenset(terms)


_TOKEN = re.compile(TOKEN_PATTERN, re.UNICODE)  # as the analyzers' RegexTokenizer
_STEMS: dict[str, dict[str, tuple[str, ...]]] = {}
STEMS_SIZE = 200_000


def _stems(word: str, lang: str) -> tuple[str, ...]:
    """What the language's analyzer makes of one word (nothing for a stop word)."""
    known = _STEMS.setdefault(lang, {})
    stems = known.get(word)
    if stems is None:
        stems = tuple(analyze(stemmed_analyzers()[lang], word))
        if len(known) >= STEMS_SIZE:
            known.clear()
        known[word] = stems
    return stems


@lru_cache(maxsize=4096)
def _positions(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """Where each stem occurs in `text`: stem -> [(start, end), ...]."""
    positions: dict[str, list[tuple[int, int]]] = {}
    known = _STEMS.setdefault(lang, {})
    for match in _TOKEN.finditer(text):
        word = match.group()
        stems = known.get(word)
        for stem in _stems(word, lang) if stems is None else stems:
            if stem in positions:
                positions[stem].append(match.span())
            else:
                positions[stem] = [match.span()]
    return positions


def make_snippet(text: str, terms: frozenset[str], lang: str) -> Snippet:
    """The passage of `text` with the most distinct matched terms, matches marked."""
    if not terms or not text:
        return Snippet(())
    text = text[:MAX_HIGHLIGHT_CHARS]
    positions = _positions(text, lang)
    matches = sorted((s, e, stem) for stem in terms & positions.keys() for s, e in positions[stem])
    if not matches:
        return Snippet(())
    best, best_score = 0, (-1, -1)
    for i, (start, _, _) in enumerate(matches):
        limit = start + SNIPPET_CHARS - CONTEXT_CHARS
        stems: set[str] = set()
        count = 0
        for _, stop, stem in matches[i:]:
            if stop > limit:
                break
            stems.add(stem)
            count += 1
        if (len(stems), count) > best_score:
            best, best_score = i, (len(stems), count)
    first = matches[best][0]
    begin = _word_start(text, max(0, first - CONTEXT_CHARS))
    end = _word_end(text, min(len(text), begin + SNIPPET_CHARS))
    parts: list[tuple[str, bool]] = [("… ", False)] if begin > 0 else []
    cursor = begin
    for start, stop, _ in matches:
        if start < cursor or stop > end:
            continue
        parts += [(_flat(text[cursor:start]), False), (text[start:stop], True)]
        cursor = stop
    parts.append((_flat(text[cursor:end]) + (" …" if end < len(text) else ""), False))
    return Snippet(tuple(p for p in parts if p[0]))


def _flat(text: str) -> str:
    return text.replace("\n", " · ")


def _word_start(text: str, index: int) -> int:
    if index == 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 20 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", index - 20, index)
    return space if space > 0 else index


# -- marking a query's words in an opened entry -----------------------------------
def query_stems(query: str, lang: str, matched: Iterable[str] = ()) -> frozenset[str]:
    """The stems to mark in an entry opened from a search for `query`.

    The query's words go through the entry language's stemming analyzer, as
    the search did ("pejabat" marks "pejabat" and "jabatan"); `matched` adds
    the words the hit's snippet matched (a word typed in part, "pejam", found
    "Pejambon").
    """
    stems: set[str] = set()
    for text in (query, *matched):
        for match in _TOKEN.finditer(text.casefold()):
            stems.update(_stems(match.group(), lang))
    return frozenset(stems)


def term_spans(text: str, stems: frozenset[str], lang: str) -> list[tuple[int, int]]:
    """Where the words of `text` whose stem is in `stems` are, in order."""
    if not stems:
        return []
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        if stems.intersection(_stems(match.group().casefold(), lang)):
            spans.append(match.span())
    return spans


# -- snippets for the screen: whole words, table rows as text, fitted to a width ----
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CITE = re.compile(r"\s*\[@[^\]]*\]")
_MARKS = re.compile(r"\*\*|__|`|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")
_BLOCK_START = re.compile(r"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")


@lru_cache(maxsize=1024)
def display_lines(markdown: str) -> tuple[str, ...]:
    """An article body as a reader sees it, one line per paragraph line, heading,
    list item or table row; a table row reads "cell: cell: cell"."""
    lines: list[str] = []
    joined = True  # may the next plain line continue the last one (a wrapped paragraph)?
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or _TABLE_RULE.match(line):
            joined = False
            continue
        block = line.startswith("|") or bool(_BLOCK_START.match(line))
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            line = ": ".join(cell for cell in cells if cell)
        line = _BLOCK_START.sub("", line)
        line = _MARKS.sub("", _LINK.sub(r"\1", _CITE.sub("", line))).strip()
        if not line:
            continue
        if joined and not block and lines:
            lines[-1] += ("" if line[0] in ".,;:!?)" else " ") + line
        else:
            lines.append(line)
        joined = not raw.lstrip().startswith(("|", "#"))
    return tuple(lines)


@lru_cache(maxsize=1024)
def _line_starts(text: str) -> list[int]:
    return [match.end() for match in re.finditer("\n", text)]


@lru_cache(maxsize=1024)
def display_text(markdown: str) -> str:
    """`display_lines` joined by newlines (cached: one string, one analysis, per entry)."""
    return "\n".join(display_lines(markdown))


def fitted_snippet(text: str, stems: frozenset[str], lang: str, budget: int) -> Snippet:
    """The line of `text` with the most distinct query stems, cut to `budget` characters
    at word boundaries around its first match, with "…" wherever text is left out."""
    positions = _positions(text, lang) if len(text) <= MAX_HIGHLIGHT_CHARS * 4 else {}
    found = sorted((s, e, stem) for stem in stems & positions.keys() for s, e in positions[stem])
    if not found:
        return Snippet(())
    starts = _line_starts(text)
    by_line: dict[int, list[tuple[int, int, str]]] = {}
    for start, stop, stem in found:
        by_line.setdefault(bisect_right(starts, start), []).append((start, stop, stem))
    chosen = max(by_line, key=lambda n: (len({m[2] for m in by_line[n]}), len(by_line[n]), -n))
    first = by_line[chosen][0][0]
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    spans = [(s - line_start, e - line_start) for s, e, _ in by_line[chosen]]
    begin, end = 0, len(line)
    room = max(20, budget - 4)  # the "… " and " …" it may need
    if end > room:
        begin = _word_start(line, max(0, spans[0][0] - CONTEXT_CHARS))
        if spans[0][0] - begin > room // 2:
            begin = spans[0][0]
        end = min(len(line), begin + room)
        if end < len(line):
            space = line.rfind(" ", begin, end + 1)
            end = space if space > spans[0][1] else max(end, spans[0][1])
    parts: list[tuple[str, bool]] = [("… ", False)] if begin > 0 else []
    cursor = begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        parts += [(line[cursor:start], False), (line[start:stop], True)]
        cursor = stop
    parts.append((line[cursor:end].rstrip() + (" …" if end < len(line) else ""), False))
    return Snippet(tuple(p for p in parts if p[0]))
