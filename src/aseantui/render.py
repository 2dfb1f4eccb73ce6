"""An article as the reader sees it: its body plus the list of sources it cites."""

from __future__ import annotations

import re
from collections.abc import Callable

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
        body = outside_code(body, lambda text: CITATION.sub(_cite_links, text))
    section = sources_section(article, corpus)
    return f"{body}\n\n{section}" if section else f"{body}\n"


def _cite_links(match: re.Match[str]) -> str:
    ids = [s.strip().lstrip("@") for s in re.split(r"[;,]", match.group(1))]
    return " ".join(f"[[{i}]]({CITE_SCHEME}{i})" for i in ids)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def outside_code(body: str, change: Callable[[str], str]) -> str:
    """`body` with `change` applied to all but code (fenced, indented, `spans`)."""
    out: list[str] = []
    fence = ""
    for line in body.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif opened:
            fence = opened.group(1)
            out.append(line)
        elif line.startswith(("    ", "\t")):
            out.append(line)
        else:
            pieces, end = [], 0
            for span in _CODE_SPAN.finditer(line):
                pieces += [change(line[end:span.start()]), span.group()]
                end = span.end()
            out.append("".join([*pieces, change(line[end:])]))
    return "\n".join(out)


def numbered_markdown(article: Article, corpus: Corpus) -> str:
    """The body with citations as numbered references ([1], [1, 2]) and the list of them.

    For plain-text output, where `[@facts; @agreement-1976]` means nothing to a reader.
    """
    numbers: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        ids = [s.strip().lstrip("@") for s in re.split(r"[;,]", match.group(1))]
        return "[" + ", ".join(str(numbers.setdefault(i, len(numbers) + 1)) for i in ids) + "]"

    body = outside_code(article.body.strip("\n"), lambda text: CITATION.sub(number, text))
    if not numbers:
        return f"{body}\n"
    lines = [f"## {SOURCES_HEADING.get(article.lang, 'Sources')}", ""]
    for source_id, n in numbers.items():
        source = corpus.sources.get(source_id)
        if source is None:
            lines.append(f"{n}. {source_id} (not in the source registry)")
            continue
        details = ", ".join(x for x in (source.publisher, source.date) if x and x != "undated")
        line = f"{n}. {source.title}" + (f" ({details})" if details else "")
        assessment = source.assess(article.lang)
        lines.append(line + (f". {assessment}" if assessment else ""))
    return f"{body}\n\n" + "\n".join(lines) + "\n"


ENTRY_SCHEME = "entry:"


def entry_href(entry_id: str) -> str:
    """A Markdown link destination to an entry; in <...> when its id (a path from
    someone's folder) has spaces or brackets."""
    href = f"{ENTRY_SCHEME}{entry_id}"
    return f"<{href}>" if re.search(r"[\s()<>]", entry_id) else href


def reader_markdown(article: Article, corpus: Corpus, ui_lang: str) -> str:
    """What the app shows: title, body with linked citations, sources, related, backlinks."""
    from aseantui.i18n import tr

    parts = [f"# {article.title}", ""]
    if article.lang != ui_lang:
        notice = {
            "id": "Not available in Indonesian; shown in English",
            "en": "Not available in English; shown in Indonesian",
        }[ui_lang]
        parts += [f"*{tr(notice, ui_lang)}*", ""]
    parts.append(article_markdown(article, corpus, link_citations=True))
    for heading, ids in (
        ("Related entries", [i for i in article.related if i != article.id]),
        ("What links here", corpus.backlinks(article.id)),
    ):
        entries = [a for a in (corpus.get(i, article.lang) for i in ids) if a is not None]
        if entries:
            parts += [f"## {tr(heading, article.lang)}", ""]
            parts += [f"- [{a.title}]({entry_href(a.id)})" for a in entries]
            parts.append("")
    return "\n".join(parts)
