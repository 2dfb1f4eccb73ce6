"""Records for articles and the problems found while loading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aseantui.content.facts import Fact

PARSE_VERSION = 4
"""Bump when what parsing extracts changes (text, links, citations, fields):
the parse cache and the search index are then both rebuilt. (Here rather than
in parse.py, so that checking an index does not import markdown-it.)"""
MAX_BYTES = 2_000_000
"""Articles larger than this are refused (an encyclopedia entry is a few KB)."""

LANGS: tuple[str, ...] = ("en", "id")
"""Languages an article can be written in."""

CATEGORIES: tuple[str, ...] = (
    "overview",
    "location",
    "history",
    "leadership",
    "functions",
    "structure",
    "community",
    "relations",
    "economy",
    "society",
    "budget",
    "challenges",
    "indonesia",
    "comparison",
    "organisation",
    "timeline",
    "glossary",
    "sources",
    "faq",
    "general",
)
"""The fixed list of categories (documented in docs/CONTENT.md)."""

CORE_CATEGORIES: tuple[str, ...] = ("location", "history", "leadership", "functions")
"""The four sections the home screen puts one keystroke away."""


def other_lang(lang: str) -> str:
    return "id" if lang == "en" else "en"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    slug: str
    line: int


@dataclass(frozen=True)
class Link:
    """A link found in an article body.

    `kind` is "internal" (a relative link to a Markdown file inside the
    content folder), "external" (http, https or mailto), "file" (another
    file beside the pages, such as an image, in a folder not in our format)
    or "invalid" (anything else: other schemes, absolute paths, paths leaving
    the folder).
    For internal links `target` is the linked file relative to the content
    root (POSIX separators) and `anchor` the part after `#`.
    """

    href: str
    text: str
    line: int
    kind: str
    target: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Citation:
    source_ids: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Article:
    id: str
    lang: str
    title: str
    category: str
    summary: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    related: tuple[str, ...]
    path: Path
    relpath: str
    body: str
    body_line: int
    text: str
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    citations: tuple[Citation, ...]
    digest: str
    inferred: bool = False
    """True when the file is not in our own format: metadata read from the path,
    the first heading or someone else's front matter."""
    field_lines: tuple[tuple[str, int], ...] = ()
    tags: tuple[str, ...] = ()
    """Keywords from someone else's front matter (`tags`, `categories`, `keywords`)."""
    facts: tuple[Fact, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.lang)

    def line_of(self, field_name: str) -> int:
        """File line of a front-matter field (1 when unknown)."""
        return dict(self.field_lines).get(field_name, 1)

    def internal_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.kind == "internal")

    def cited_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for citation in self.citations:
            for source_id in citation.source_ids:
                seen.setdefault(source_id, None)
        return list(seen)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    fatal: bool = False
    note: bool = False
    """A note about inferred metadata, not a problem (`check --verbose` shows it)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'note: ' if self.note else ''}{self.message}"


@dataclass
class Source:
    id: str
    kind: str
    title: str
    publisher: str = ""
    language: str = ""
    date: str = ""
    file: str = ""
    url: str = ""
    description: dict[str, str] = field(default_factory=dict)
    reliability: dict[str, str] = field(default_factory=dict)

    def describe(self, lang: str) -> str:
        return self.description.get(lang) or self.description.get("en", "")

    def assess(self, lang: str) -> str:
        return self.reliability.get(lang) or self.reliability.get("en", "")


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    entry: str
    text: dict[str, str]
    sources: tuple[str, ...]
    line: int

    @property
    def year(self) -> int:
        return int(self.date[:4])
