"""Snippets: the passage of an article that best shows why it matched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from aseantui.search.analysis import analyze
from aseantui.search.schema import stemmed_analyzers

_OPEN, _CLOSE = "\x02", "\x03"  # content is sanitized, so these never occur in it
SNIPPET_CHARS = 180
MAX_HIGHLIGHT_CHARS = 20_000
"""Only the start of very long articles is scanned for a snippet."""


class _MarkFormatter(Formatter):  # type: ignore[misc]
    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"{_OPEN}{get_text(text, token, replace)}{_CLOSE}"


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


def _split(marked: str) -> Snippet:
    parts: list[tuple[str, bool]] = []
    for chunk in marked.split(_OPEN):
        matched, _, rest = chunk.partition(_CLOSE) if _CLOSE in chunk else ("", "", chunk)
        if matched:
            parts.append((matched, True))
        if rest:
            parts.append((rest, False))
    return Snippet(tuple(parts))


def highlight_terms(query_terms: Iterable[tuple[str, Any]], lang: str) -> set[str]:
    """The stems, in `lang`, of every term the query can match."""
    terms: set[str] = set()
    analyzer = stemmed_analyzers()[lang]
    for fieldname, text in query_terms:
        text = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        if fieldname.endswith(f"_{lang}"):
            terms.add(text)
        elif fieldname in ("plain", "aliases"):
            terms.update(analyze(analyzer, text))
    return terms


def make_snippet(text: str, terms: set[str], lang: str) -> Snippet:
    """Up to two passages of `text` around the matched terms, or an empty snippet."""
    if not terms or not text:
        return Snippet(())
    text = text[:MAX_HIGHLIGHT_CHARS].replace("\n", " ")
    marked = highlight(
        text,
        frozenset(terms),
        stemmed_analyzers()[lang],
        ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60),
        _MarkFormatter(),
        top=2,
    )
    return _split(" ".join(marked.split(" ")) if marked else "")
