"""An article as the reader sees it: its body plus the list of sources it cites."""

from __future__ import annotations

import re

from aseantui.content.load import Corpus
from aseantui.content.model import Article
from aseantui.content.parse import CITATION

SOURCES_HEADING = {"en": "Sources", "id": "Sumber"}
CITE_SCHEME = "cite:"


def sources_section(article: Article, corpus: Corpus) -> str:
    """A Markdown 'Sources' section listing every source the article cites."""
    ids = article.cited_ids() or list(article.sources)
    if not ids:
        return ""
    lines = [f"## {SOURCES_HEADING.get(article.lang, 'Sources')}", ""]
    for source_id in ids:
        source = corpus.sources.get(source_id)
        if source is None:
            lines.append(f"- **[{source_id}]** (not in the source registry)")
            continue
        details = ", ".join(x for x in (source.publisher, source.date) if x and x != "undated")
        line = f"- **[{source_id}]** {source.title}"
        if details:
            line += f" ({details})"
        description = source.assess(article.lang)
        if description:
            line += f". {description}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def article_markdown(article: Article, corpus: Corpus, *, link_citations: bool = False) -> str:
    """The article body followed by its Sources section.

    With `link_citations`, each `[@id]` becomes a link `cite:id` the app can follow.
    """
    body = article.body.strip("\n")
    if link_citations:
        body = CITATION.sub(_cite_links, body)
    section = sources_section(article, corpus)
    return f"{body}\n\n{section}" if section else f"{body}\n"


def _cite_links(match: re.Match[str]) -> str:
    ids = [s.strip().lstrip("@") for s in re.split(r"[;,]", match.group(1))]
    return " ".join(f"[[{i}]]({CITE_SCHEME}{i})" for i in ids)
