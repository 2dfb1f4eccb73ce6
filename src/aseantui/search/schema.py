"""The Whoosh schema: one document per entry, both languages side by side."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from aseantui.content.model import LANGS, Article
from aseantui.search.analysis import english_analyzer, indonesian_analyzer, plain_analyzer

SCHEMA_VERSION = 4
"""Bump when the schema, the analysis or the text extraction changes: old indexes are rebuilt."""

BOOSTS: dict[str, float] = {
    "title": 5.0,
    "aliases": 4.0,
    "headings": 2.0,
    "summary": 1.5,
    "body": 1.0,
}
"""Weight of a match in each kind of field (body text is the unit)."""

TEXT_KINDS = ("title", "headings", "summary", "body")


@lru_cache(maxsize=1)
def stemmed_analyzers() -> dict[str, Any]:
    """The analyzer of each language's text fields, by language."""
    return {"en": english_analyzer(), "id": indonesian_analyzer()}


def build_schema() -> Schema:
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "category": ID(stored=True),
        "langs": KEYWORD(stored=True),
        "digest": STORED(),
        "aliases": TEXT(analyzer=plain_analyzer(), phrase=False),
        "plain": TEXT(analyzer=plain_analyzer(), phrase=True, spelling=True),
    }
    for lang in LANGS:
        analyzer = stemmed_analyzers()[lang]
        for kind in TEXT_KINDS:
            stored = kind in ("title", "summary", "body")
            fields[f"{kind}_{lang}"] = TEXT(analyzer=analyzer, stored=stored, phrase=False)
    return Schema(**fields)


def entry_document(articles: dict[str, Article]) -> dict[str, Any]:
    """The index document for one entry, from its articles by language."""
    first = next(iter(articles.values()))
    aliases: dict[str, None] = {}
    for article in articles.values():
        aliases.update(dict.fromkeys([article.title, *article.aliases]))
    document: dict[str, Any] = {
        "id": first.id,
        "category": first.category,
        "langs": " ".join(sorted(articles)),
        "digest": "+".join(articles[lang].digest for lang in sorted(articles)),
        "aliases": "\n".join(aliases),
    }
    plain: list[str] = ["\n".join(aliases)]
    for lang, article in articles.items():
        headings = "\n".join(h.text for h in article.headings)
        document[f"title_{lang}"] = article.title
        document[f"headings_{lang}"] = headings
        document[f"summary_{lang}"] = article.summary
        document[f"body_{lang}"] = article.text
        plain += [article.summary, article.text]
    document["plain"] = "\n".join(plain)
    return document
