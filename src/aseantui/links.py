"""Where a link in the reader leads, and what `c` copies for it (no Textual here).

The reader shows links of five kinds: another entry (`entry:ID` or a relative
`.md` path), a place in the same entry (`#anchor`), a cited source (`cite:ID`),
a web address (shown, never opened) and anything else (refused). The app asks
`resolve` once per link and acts on the answer; `copy_text` gives the text a
reader can use elsewhere (a command, a URL, a reference).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aseantui.content.load import Corpus
from aseantui.content.model import Article, Source
from aseantui.content.parse import classify_href
from aseantui.render import CITE_SCHEME, ENTRY_SCHEME

Kind = Literal["entry", "anchor", "citation", "web", "missing", "invalid"]


@dataclass(frozen=True)
class Target:
    """What a link points at.

    `entry` is set for "entry" (and "anchor": the current entry); `anchor` for a
    place inside it; `source_id` for citations (`source` when it is registered);
    `url` for web links.
    """

    kind: Kind
    href: str
    entry: Article | None = None
    anchor: str = ""
    source_id: str = ""
    source: Source | None = None
    url: str = ""


def resolve(href: str, current: Article | None, corpus: Corpus, lang: str) -> Target:
    """Classify `href`, found in `current` (None outside an entry), against `corpus`."""
    if href.startswith(ENTRY_SCHEME):
        entry = corpus.get(href.removeprefix(ENTRY_SCHEME), lang)
        return Target("entry", href, entry=entry) if entry else Target("missing", href)
    if href.startswith(CITE_SCHEME):
        source_id = href.removeprefix(CITE_SCHEME)
        return Target("citation", href, source_id=source_id,
                      source=corpus.sources.get(source_id))
    # Files not written in our format link as their sites do (`/guide/app`, `ch01.html`).
    link = classify_href(href, current.relpath if current else "",
                         site_links=bool(current and current.inferred))
    if link.kind == "external":
        return Target("web", href, url=href)
    if link.kind != "internal":
        return Target("invalid", href)
    target = corpus.resolve(link)
    if target is None:
        return Target("missing", href)
    if current is not None and target.key == current.key:
        return Target("anchor", href, entry=target, anchor=link.anchor)
    return Target("entry", href, entry=target, anchor=link.anchor)


def source_reference(source: Source) -> str:
    """A source's full reference on one line: title, publisher, date, address."""
    details = [x for x in (source.publisher, source.date) if x and x != "undated"]
    text = source.title + (f" ({', '.join(details)})" if details else "")
    return f"{text}. {source.url}" if source.url else text


def entry_reference(article: Article) -> str:
    """How to reach an entry again: its title and the command that opens it."""
    return f"{article.title} — aseantui show {article.id}"


def copy_text(target: Target) -> str:
    """What `c` copies for a link: a command, a full URL or a full reference."""
    if target.kind in ("entry", "anchor") and target.entry is not None:
        return entry_reference(target.entry)
    if target.kind == "citation":
        return source_reference(target.source) if target.source else target.source_id
    if target.kind == "web":
        return target.url
    return target.href


def describe(target: Target) -> str:
    """A short name for the link bar: the entry's title, the source's title, the URL."""
    if target.entry is not None:
        return target.entry.title
    if target.source is not None:
        return target.source.title
    return target.url or target.source_id or target.href
