"""Search results: one hit per entry, in the language asked for where it exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aseantui.search.snippets import Snippet, make_snippet
from aseantui.text import shorten


@dataclass(frozen=True)
class Hit:
    id: str
    lang: str
    title: str
    category: str
    score: float
    snippet: Snippet
    summary: str
    translated: bool
    """True when the entry is not available in the language asked for."""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "category": self.category,
            "score": round(self.score, 4),
            "snippet": self.snippet.markdown() if self.snippet.parts else self.summary,
        }


@dataclass
class Results:
    query: str
    total: int = 0
    """How many entries match, whatever the limit."""
    suggestion: str | None = None
    hits: list[Hit] = field(default_factory=list)
    notice: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "hits": [hit.as_json() for hit in self.hits],
        }


def make_hit(hit: Any, lang: str, terms: dict[str, frozenset[str]], score: float) -> Hit:
    """A result row from a Whoosh hit: its stored fields in `lang` if it has them."""
    langs = str(hit.get("langs", "")).split()
    shown = lang if lang in langs else (langs[0] if langs else lang)
    body = hit.get(f"body_{shown}", "")
    snippet = make_snippet(body, terms[shown], shown)
    summary = str(hit.get(f"summary_{shown}", ""))
    return Hit(
        id=hit["id"],
        lang=shown,
        title=str(hit.get(f"title_{shown}", hit["id"])),
        category=str(hit.get("category", "")),
        score=score,
        snippet=snippet if snippet.has_match else Snippet.of(shorten(summary, 200)),
        summary=summary,
        translated=shown != lang,
    )
