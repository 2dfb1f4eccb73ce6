"""Parse one Markdown article: front matter, headings, text, links, citations.

Everything structural comes from markdown-it-py's token stream; YAML from PyYAML.
"""

from __future__ import annotations

import codecs
import hashlib
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from aseantui.content.frontmatter import (
    ID_PATTERN,
    KNOWN_FIELDS,
    MAX_TITLE,
    Foreign,
    foreign,
    is_ours,
    ours,
    read_mapping,
    split_toml,
)
from aseantui.content.infer import humanise, split_path, top_folder
from aseantui.content.mdbounds import MAX_MARKUP, bound_markdown
from aseantui.content.model import (
    LANGS,
    MAX_BYTES,
    PARSE_VERSION,
    Article,
    Citation,
    Heading,
    Link,
    Problem,
)
from aseantui.fsutil import RefusedFile, read_bytes, too_large
from aseantui.text import first_unsafe_line, sanitize, shorten, slugify

__all__ = ["ID_PATTERN", "KNOWN_FIELDS", "MAX_BYTES", "MAX_TITLE", "PARSE_VERSION", "parse_article",
           "parse_bytes"]

CITATION = re.compile(r"\[(@[\w.-]+(?:\s*[;,]\s*@[\w.-]+)*)\]")
_CITATION_WITH_SPACE = re.compile(r"[ \t]*" + CITATION.pattern)
"""A citation with the spaces before it, removed from the indexed text."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
EXTERNAL_SCHEMES = ("http", "https", "mailto")
MAX_NESTING = 40
"""markdown-it's nesting limit: blocks nested deeper are not parsed (nor shown)."""


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The parser shared by loading and rendering: CommonMark, tables, front matter.

    markdown-it silently leaves `javascript:`, `file:`, `vbscript:` and `data:`
    links as plain text; here every link is parsed, so that `_classify` reports
    the ones that are not allowed and the reader refuses to follow them.
    """
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser.enable("table").use(front_matter_plugin)


@dataclass
class _Lead:
    """The heading that opens a file (nothing but comments before it): maybe its title."""

    heading: Heading
    level: int
    text: str
    end: int
    """Index of the line after it."""


@dataclass
class _Body:
    text: list[str]
    headings: list[Heading]
    links: list[Link]
    citations: list[Citation]
    first_paragraph: str = ""
    lead: _Lead | None = None


def parse_article(path: Path, relpath: str) -> tuple[Article | None, list[Problem]]:
    """Read and parse the article at `path` (`relpath`: its path in the content folder).

    Never raises: whatever is wrong with the file becomes a fatal problem.
    """
    shown = str(path)
    try:
        data = read_bytes(path, MAX_BYTES)  # regular files only, never more than the limit
    except RefusedFile as exc:
        return None, [Problem(shown, 1, str(exc.strerror), fatal=True)]
    except OSError as exc:
        return None, [Problem(shown, 1, f"cannot read file: {exc.strerror or exc}", fatal=True)]
    try:
        return parse_bytes(data, path, relpath)
    except Exception as exc:  # noqa: BLE001 - one hostile file must not stop the others loading
        return None, [Problem(shown, 1, f"cannot parse: {type(exc).__name__}", fatal=True)]


def parse_bytes(data: bytes, path: Path, relpath: str) -> tuple[Article | None, list[Problem]]:
    shown = str(path)

    def fatal(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, message, fatal=True)]

    if len(data) > MAX_BYTES:
        return fatal(1, too_large(len(data), MAX_BYTES))
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        return fatal(1, "empty file")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return fatal(line, "binary file (contains NUL bytes)")
    try:
        raw = data.decode("utf-8").removeprefix("\ufeff")  # a byte order mark is not content
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        return fatal(line, f"not UTF-8 (invalid byte 0x{byte:02x} at offset {exc.start})")
    problems: list[Problem] = []
    unsafe = first_unsafe_line(raw)
    if unsafe:
        problems.append(Problem(shown, unsafe, "terminal control characters removed"))
    source, units = bound_markdown(sanitize(raw))  # mdbounds.py: linear, and a few seconds
    if units > MAX_MARKUP:
        problems.append(Problem(shown, 1, f"too much Markdown markup ({units:,} lines and marks; "
                                f"the limit is {MAX_MARKUP:,}): shown as plain text"))
    toml = split_toml(source)
    try:
        tokens = markdown_parser().parse(toml[1] if toml else source)
    except Exception as exc:  # noqa: BLE001 - markdown-it is robust, but never let a file stop loading
        return fatal(1, f"cannot parse Markdown: {exc}")
    deep = next((t for t in tokens if t.level >= MAX_NESTING - 1 and t.map), None)
    if deep is not None and deep.map:
        problems.append(
            Problem(shown, deep.map[0] + 1,
                    f"nested more than {MAX_NESTING // 2} levels deep; what is deeper is not shown")
        )

    front = tokens[0] if tokens and tokens[0].type == "front_matter" else None
    meta_data: dict[str, Any] | None = None
    front_text = ""
    if toml is not None:
        front_text = toml[0]
        body_start = toml[2]
    elif front is not None:
        front_text = front.content
        body_start = front.map[1] if front.map else 0
    else:
        if source.lstrip().startswith("---"):
            return fatal(1, "front matter is not closed with a '---' line")
        body_start = 0
    if toml is not None or front is not None:
        meta_data, found = read_mapping(front_text, "toml" if toml else "yaml", shown)
        problems.extend(found)
        if meta_data is None:
            return None, problems
    native = meta_data is not None and is_ours(meta_data)
    walked: list[Problem] = []
    body = _walk(tokens, relpath, shown, walked, site_links=not native)
    # Links and citations in someone else's files are their business: notes, not problems.
    problems.extend(p if native else replace(p, note=True) for p in walked)
    lines = source.split("\n")
    digest = hashlib.sha256(data).hexdigest()
    common: dict[str, Any] = dict(
        path=path,
        relpath=relpath,
        digest=digest,
    )
    if native:
        assert meta_data is not None
        meta, meta_problems = ours(meta_data, front_text, shown)
        problems.extend(meta_problems)
        if meta is None:
            return None, problems
        return Article(**meta, **common, **_body_fields(body, lines, body_start)), problems
    return _inferred(relpath, body, lines, body_start, meta_data, front_text, shown, problems,
                     common)


def _body_fields(body: _Body, lines: list[str], body_start: int) -> dict[str, Any]:
    return dict(
        body="\n".join(lines[body_start:]),
        body_line=body_start + 1,
        text="\n".join(body.text),
        headings=tuple(body.headings),
        links=tuple(body.links),
        citations=tuple(body.citations),
    )


def _inferred(
    relpath: str, body: _Body, lines: list[str], body_start: int, data: dict[str, Any] | None,
    front_text: str, shown: str, problems: list[Problem], common: dict[str, Any],
) -> tuple[Article | None, list[Problem]]:
    """An article not in our format: plain Markdown, or someone else's front matter."""
    meta = foreign(data, front_text, shown) if data is not None else Foreign()
    problems.extend(meta.problems)
    article_id, path_lang = split_path(relpath)
    lang = meta.lang or path_lang or LANGS[0]
    if lang not in LANGS:
        problems.append(Problem(shown, 1, f"written in '{lang}', which aseantui does not read "
                                f"({', '.join(LANGS)}): skipped", note=True))
        return None, problems
    lead = body.lead
    title = meta.title
    if lead is not None and (not title or (lead.level == 1 and lead.text.casefold()
                                           == title.casefold())):
        # The heading that opens the file is its title: shown once, as the title.
        title = title or lead.text
        body.text.remove(lead.text)
        body.headings = [h for h in body.headings if h is not lead.heading]
        body_start = max(body_start, lead.end)
    title = shorten(title or humanise(relpath), MAX_TITLE)
    category = meta.category or top_folder(article_id) or "general"
    category = "-".join(category.lower().split())
    what = "front matter not in aseantui's format" if data is not None else "no front matter"
    problems.append(Problem(shown, 1, f"{what}: using id '{article_id}', lang '{lang}', "
                            f"title '{title}'", note=True))
    if meta.draft:
        problems.append(Problem(shown, 1, "marked as a draft", note=True))
    article = Article(
        id=article_id,
        lang=lang,
        title=title,
        category=category,
        summary=shorten(meta.summary or body.first_paragraph, 200),
        aliases=meta.aliases,
        sources=(),
        related=(),
        inferred=True,
        tags=meta.tags,
        **common,
        **_body_fields(body, lines, body_start),
    )
    return article, problems


_ATTR_ID = re.compile(r"\s*\{[^{}]*#([\w-]+)[^{}]*\}\s*$")
"""An attribute list after a heading (`## Title {#anchor}`, mkdocs and Pandoc)."""


def _walk(tokens: Sequence[Token], relpath: str, shown: str, problems: list[Problem],
          *, site_links: bool = False) -> _Body:
    body = _Body([], [], [], [])
    slugs: dict[str, int] = {}
    heading_level = 0
    in_paragraph = False
    opened = False  # a block other than front matter or a comment has been seen
    for token in tokens:
        if token.level == 0 and token.nesting >= 0 and token.type != "front_matter" \
                and not (token.type == "html_block" and token.content.lstrip()
                         .startswith("<!--")):
            if token.type == "heading_open" and not opened:
                heading_level = int(token.tag[1:])
                end = token.map[1] if token.map else 0
                body.lead = _Lead(Heading(0, "", "", 0), heading_level, "", end)
            opened = True
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "paragraph_open":
            in_paragraph = True
        elif token.type == "paragraph_close":
            in_paragraph = False
        elif token.type in ("fence", "code_block"):
            body.text.append(token.content.rstrip("\n"))
        elif token.type == "inline":
            line = (token.map[0] if token.map else 0) + 1
            text = _inline(token.children or [], line, relpath, shown, body, problems,
                           site_links=site_links)
            if heading_level:
                explicit = _ATTR_ID.search(text)
                text = text[: explicit.start()] if explicit else text
                slug = explicit.group(1) if explicit else slugify(text)
                count = slugs.get(slug, 0)
                slugs[slug] = count + 1
                unique = f"{slug}-{count}" if count else slug
                heading = Heading(heading_level, text, unique, line)
                body.headings.append(heading)
                if body.lead is not None and not body.lead.text and len(body.headings) == 1:
                    body.lead.heading, body.lead.text = heading, text
            elif in_paragraph and not body.first_paragraph and text:
                body.first_paragraph = text
            if text:
                body.text.append(text)
    if body.lead is not None and not body.lead.text:
        body.lead = None
    return body


def _inline(
    children: Sequence[Token],
    line: int,
    relpath: str,
    shown: str,
    body: _Body,
    problems: list[Problem],
    *,
    site_links: bool = False,
) -> str:
    """Plain text of an inline token; collects links and citations on the way.

    Citations are found in the whole paragraph, not token by token, so one
    that a hard-wrapped line splits ("[@facts;" / "@tugasin]") still counts;
    what is inside a code span is code, never a citation.
    """
    raw: list[str] = []  # the inline's text, line breaks kept as "\n"
    code: list[bool] = []  # whether each piece of raw is a code span
    link: tuple[str, int, int] | None = None  # href, line, index in raw where its text starts
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            raw.append("\n")
            code.append(False)
            line += 1
        elif child.type in ("text", "code_inline"):
            raw.append(child.content)
            code.append(child.type == "code_inline")
            line += child.content.count("\n")
        elif child.type == "image":
            raw.append(child.content)
            code.append(False)
        elif child.type == "link_open":
            link = (str(child.attrs.get("href", "")), line, len(raw))
        elif child.type == "link_close" and link is not None:
            href, link_line, start = link
            label = " ".join(_CITATION_WITH_SPACE.sub("", "".join(raw[start:])).split())
            body.links.append(_classify(href, label, link_line, relpath, shown, problems,
                                        site_links=site_links))
            link = None
    text = "".join(raw)
    # The same text with code spans blanked out (same length, same line breaks).
    scan = "".join(re.sub(r"[^\n]", " ", piece) if is_code else piece
                   for piece, is_code in zip(raw, code, strict=True))
    first_line = line - text.count("\n")
    cited = set()
    for match in CITATION.finditer(scan):
        ids = tuple(s.strip().lstrip("@") for s in re.split(r"[;,]", match.group(1)))
        body.citations.append(Citation(ids, first_line + text.count("\n", 0, match.start())))
        cited.add(match.start())
    stray = next((m.start() for m in re.finditer(r"\[@", scan) if m.start() not in cited), -1)
    if stray >= 0:
        problems.append(Problem(shown, first_line + text.count("\n", 0, stray),
                                f"malformed citation near '{shorten(text[stray:], 40)}' "
                                "(write [@id] or [@id; @other])"))
    if any(code):
        kept = "".join(piece if is_code else _CITATION_WITH_SPACE.sub("", piece)
                       for piece, is_code in zip(raw, code, strict=True))
        return " ".join(kept.split())
    return " ".join(_CITATION_WITH_SPACE.sub("", text).split())


def classify_href(href: str, relpath: str, *, site_links: bool = False) -> Link:
    """Where a link in the article at `relpath` points (see `Link.kind`).

    `site_links` for files not in our format: `/path` is then relative to the
    content folder and `page` or `page/` may name `page.md` or `page/index.md`,
    as in the sites (mkdocs, Hugo) that such folders are written for.
    """
    return _classify(href, "", 0, relpath, relpath, [], site_links=site_links)


_PAGE_SUFFIXES = (".html", ".htm")
"""Links to the page a Markdown file becomes (mdBook links chapters as `ch01.html`)."""


def _classify(
    href: str, label: str, line: int, relpath: str, shown: str, problems: list[Problem],
    *, site_links: bool = False,
) -> Link:
    def invalid(reason: str) -> Link:
        problems.append(Problem(shown, line, f"link to '{shorten(href, 80)}' {reason}"))
        return Link(href, label, line, "invalid")

    if _SCHEME.match(href):
        scheme = href.split(":", 1)[0].lower()
        if scheme in EXTERNAL_SCHEMES:
            return Link(href, label, line, "external")
        return invalid(f"uses the '{scheme}:' scheme (only http, https and mailto are allowed)")
    path, _, anchor = href.partition("#")
    path = unquote(path)
    if not path:
        return Link(href, label, line, "internal", relpath, anchor)
    if path.startswith("\\") or "\\" in path or (
            path.startswith("/") and (not site_links or path.startswith("//"))):
        return invalid("is not a relative path inside the content folder")
    base = "" if path.startswith("/") else posixpath.dirname(relpath)
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if target == ".." or target.startswith("../"):
        return invalid("leaves the content folder")
    extension = posixpath.splitext(target)[1].lower()
    if path.endswith("/") and site_links:
        target = posixpath.normpath(f"{target}/index.md")
    elif extension in _PAGE_SUFFIXES:
        target = target[: -len(extension)] + ".md"
    elif not extension and site_links:
        target += ".md"
    elif extension not in (".md", ".markdown"):
        if site_links:  # an image or a file beside the pages: not an entry
            return Link(href, label, line, "file", target, anchor)
        return invalid("is not a Markdown article (.md)")
    return Link(href, label, line, "internal", target, anchor)
