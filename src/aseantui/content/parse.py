"""Parse one Markdown article: front matter, headings, text, links, citations.

Everything structural comes from markdown-it-py's token stream; YAML from PyYAML.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import posixpath
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from aseantui.content.facts import parse_facts
from aseantui.content.model import (
    CATEGORIES,
    LANGS,
    Article,
    Citation,
    Heading,
    Link,
    Problem,
)
from aseantui.content.yamlload import all_safe, load_yaml
from aseantui.text import first_unsafe_line, sanitize, sanitize_data, shorten, slugify

PARSE_VERSION = 2
"""Bump when what parsing extracts changes (text, links, citations, fields):
the parse cache and the search index are then both rebuilt."""
MAX_BYTES = 2_000_000
"""Articles larger than this are refused (an encyclopedia entry is a few KB)."""
MAX_TITLE = 200
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
CITATION = re.compile(r"\[(@[\w.-]+(?:\s*[;,]\s*@[\w.-]+)*)\]")
_CITATION_WITH_SPACE = re.compile(r"[ \t]*" + CITATION.pattern)
"""A citation with the spaces before it, removed from the indexed text."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
EXTERNAL_SCHEMES = ("http", "https", "mailto")
KNOWN_FIELDS = {
    "id", "lang", "title", "category", "summary", "aliases", "sources", "related", "facts",
}
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
class _Body:
    text: list[str]
    headings: list[Heading]
    links: list[Link]
    citations: list[Citation]
    first_h1: str = ""
    first_paragraph: str = ""


def parse_article(path: Path, relpath: str) -> tuple[Article | None, list[Problem]]:
    """Read and parse the article at `path` (`relpath`: its path in the content folder).

    Never raises: whatever is wrong with the file becomes a fatal problem.
    """
    shown = str(path)
    try:
        # Non-blocking, so that a FIFO named like an article cannot hang the load.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [Problem(shown, 1, "not a regular file", fatal=True)]
            # Never more than the limit: a huge file is refused without reading it all.
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(shown, 1, f"cannot read file: {exc.strerror or exc}", fatal=True)]
    if len(data) > MAX_BYTES:
        data_size = max(info.st_size, len(data))
        limit = MAX_BYTES / 1e6
        message = f"file too large ({data_size / 1e6:.1f} MB; the limit is {limit:.0f} MB)"
        return None, [Problem(shown, 1, message, fatal=True)]
    try:
        return parse_bytes(data, path, relpath)
    except Exception as exc:  # noqa: BLE001 - one hostile file must not stop the others loading
        return None, [Problem(shown, 1, f"cannot parse: {type(exc).__name__}", fatal=True)]


def parse_bytes(data: bytes, path: Path, relpath: str) -> tuple[Article | None, list[Problem]]:
    shown = str(path)

    def fatal(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, message, fatal=True)]

    if len(data) > MAX_BYTES:
        size, limit = len(data) / 1e6, MAX_BYTES / 1e6
        return fatal(1, f"file too large ({size:.1f} MB; the limit is {limit:.0f} MB)")
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
    source = sanitize(raw)
    try:
        tokens = markdown_parser().parse(source)
    except Exception as exc:  # noqa: BLE001 - markdown-it is robust, but never let a file stop loading
        return fatal(1, f"cannot parse Markdown: {exc}")
    deep = next((t for t in tokens if t.level >= MAX_NESTING - 1 and t.map), None)
    if deep is not None and deep.map:
        problems.append(
            Problem(shown, deep.map[0] + 1,
                    f"nested more than {MAX_NESTING // 2} levels deep; what is deeper is not shown")
        )

    front = tokens[0] if tokens and tokens[0].type == "front_matter" else None
    body_start = front.map[1] if front is not None and front.map else 0
    body = _walk(tokens, relpath, shown, problems)
    lines = source.split("\n")
    digest = hashlib.sha256(data).hexdigest()
    common: dict[str, Any] = dict(
        path=path,
        relpath=relpath,
        body="\n".join(lines[body_start:]),
        body_line=body_start + 1,
        text="\n".join(body.text),
        headings=tuple(body.headings),
        links=tuple(body.links),
        citations=tuple(body.citations),
        digest=digest,
    )
    if front is None:
        if source.lstrip().startswith("---"):
            return fatal(1, "front matter is not closed with a '---' line")
        return _inferred(relpath, body, shown, problems, common)
    meta, meta_problems = _front_matter(front.content, shown)
    problems.extend(meta_problems)
    if meta is None:
        return None, problems
    return Article(**meta, **common), problems


def _front_matter(text: str, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Validate the YAML front matter; return Article fields or None (with fatal problems)."""
    problems: list[Problem] = []

    def fail(line: int, message: str) -> None:
        problems.append(Problem(shown, line, message, fatal=True))

    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fail(line, f"bad YAML in front matter: {reason}")
        return None, problems
    if not isinstance(data, dict):
        fail(1, "front matter must be a YAML mapping of fields")
        return None, problems
    field_lines = _field_lines(text)

    def line_of(name: str) -> int:
        return field_lines.get(name, 1)

    unsafe = [str(k) for k, v in data.items() if not (all_safe(k) and all_safe(v))]
    if unsafe:
        where = min(line_of(sanitize(name)) for name in unsafe)
        problems.append(Problem(shown, where, "terminal control characters removed"))
        data = sanitize_data(data)

    meta: dict[str, Any] = {}
    for name in ("id", "lang", "title", "category", "summary"):
        value = data.get(name)
        if name not in data:
            fail(1, f"missing required field '{name}'")
        elif not isinstance(value, str) or not value.strip():
            fail(line_of(name), f"field '{name}' must be a non-empty string, not {_kind(value)}")
        else:
            meta[name] = " ".join(value.split())
    for name in ("aliases", "sources", "related"):
        value = data.get(name, [] if name == "related" else None)
        if name not in data and name != "related":
            fail(1, f"missing required field '{name}' (use [] for none)")
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(line_of(name), f"field '{name}' must be a list of strings, not {_kind(value)}")
        else:
            meta[name] = tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))
    for name in sorted(set(map(str, data)) - KNOWN_FIELDS):
        problems.append(Problem(shown, line_of(name), f"unknown field '{name}' ignored"))
    if "id" in meta and not ID_PATTERN.fullmatch(meta["id"]):
        fail(line_of("id"), f"id '{meta['id']}' must be lower-case letters, digits, '-' or '_'")
    if "lang" in meta and meta["lang"] not in LANGS:
        expected = ", ".join(LANGS)
        fail(line_of("lang"), f"unknown lang '{meta['lang']}' (expected one of: {expected})")
    if "category" in meta and meta["category"] not in CATEGORIES:
        fail(line_of("category"), f"unknown category '{meta['category']}' (see docs/CONTENT.md)")
    if len(meta.get("title", "")) > MAX_TITLE:
        problems.append(
            Problem(
                shown, line_of("title"), f"title longer than {MAX_TITLE} characters (shortened)"
            )
        )
        meta["title"] = shorten(meta["title"], MAX_TITLE)
    meta["facts"], fact_problems = parse_facts(data.get("facts"), text, shown, line_of)
    problems.extend(fact_problems)
    if any(p.fatal for p in problems):
        return None, problems
    meta["field_lines"] = tuple(sorted(field_lines.items()))
    return meta, problems


def _field_lines(text: str) -> dict[str, int]:
    """File line of each top-level key (front matter starts on line 2)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=2):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _kind(value: object) -> str:
    """How a value of the wrong type reads in a message: 'int', 'a list containing int'."""
    if value is None:
        return "an empty value"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    if isinstance(value, list):
        odd = [v for v in value if not isinstance(v, str)]
        return f"a list containing {_kind(odd[0])}" if odd else "a list"
    return {dict: "a mapping", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _inferred(
    relpath: str, body: _Body, shown: str, problems: list[Problem], common: dict[str, Any]
) -> tuple[Article | None, list[Problem]]:
    """An article without front matter: a plain Markdown file from a user's folder."""
    parts = relpath.split("/")
    stem = posixpath.splitext(parts[-1])[0]
    article_id = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-") or "untitled"
    lang = next((p for p in reversed(parts[:-1]) if p in LANGS), "en")
    title = shorten(body.first_h1 or stem.replace("-", " ").replace("_", " "), MAX_TITLE)
    problems.append(
        Problem(
            shown, 1, f"no front matter: using id '{article_id}', lang '{lang}', title '{title}'"
        )
    )
    article = Article(
        id=article_id,
        lang=lang,
        title=title,
        category="general",
        summary=shorten(body.first_paragraph, 200),
        aliases=(),
        sources=(),
        related=(),
        inferred=True,
        **common,
    )
    return article, problems


def _walk(tokens: Sequence[Token], relpath: str, shown: str, problems: list[Problem]) -> _Body:
    body = _Body([], [], [], [])
    slugs: dict[str, int] = {}
    heading_level = 0
    in_paragraph = False
    for token in tokens:
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
            text = _inline(token.children or [], line, relpath, shown, body, problems)
            if heading_level:
                slug = slugify(text)
                count = slugs.get(slug, 0)
                slugs[slug] = count + 1
                unique = f"{slug}-{count}" if count else slug
                body.headings.append(Heading(heading_level, text, unique, line))
                if heading_level == 1 and not body.first_h1:
                    body.first_h1 = text
            elif in_paragraph and not body.first_paragraph and text:
                body.first_paragraph = text
            if text:
                body.text.append(text)
    return body


def _inline(
    children: Sequence[Token],
    line: int,
    relpath: str,
    shown: str,
    body: _Body,
    problems: list[Problem],
) -> str:
    """Plain text of an inline token; collects links and citations on the way.

    Citations are found in the whole paragraph, not token by token, so one
    that a hard-wrapped line splits ("[@facts;" / "@tugasin]") still counts.
    """
    raw: list[str] = []  # the inline's text, line breaks kept as "\n"
    link: tuple[str, int, int] | None = None  # href, line, index in raw where its text starts
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            raw.append("\n")
            line += 1
        elif child.type in ("text", "code_inline"):
            raw.append(child.content)
            line += child.content.count("\n")
        elif child.type == "image":
            raw.append(child.content)
        elif child.type == "link_open":
            link = (str(child.attrs.get("href", "")), line, len(raw))
        elif child.type == "link_close" and link is not None:
            href, link_line, start = link
            label = " ".join(_CITATION_WITH_SPACE.sub("", "".join(raw[start:])).split())
            body.links.append(_classify(href, label, link_line, relpath, shown, problems))
            link = None
    text = "".join(raw)
    first_line = line - text.count("\n")
    cited = set()
    for match in CITATION.finditer(text):
        ids = tuple(s.strip().lstrip("@") for s in re.split(r"[;,]", match.group(1)))
        body.citations.append(Citation(ids, first_line + text.count("\n", 0, match.start())))
        cited.add(match.start())
    stray = next((m.start() for m in re.finditer(r"\[@", text) if m.start() not in cited), -1)
    if stray >= 0:
        problems.append(Problem(shown, first_line + text.count("\n", 0, stray),
                                f"malformed citation near '{shorten(text[stray:], 40)}' "
                                "(write [@id] or [@id; @other])"))
    return " ".join(_CITATION_WITH_SPACE.sub("", text).split())


def classify_href(href: str, relpath: str) -> Link:
    """Where a link in the article at `relpath` points (see `Link.kind`)."""
    return _classify(href, "", 0, relpath, relpath, [])


def _classify(
    href: str, label: str, line: int, relpath: str, shown: str, problems: list[Problem]
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
    if path.startswith(("/", "\\")) or "\\" in path:
        return invalid("is not a relative path inside the content folder")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(relpath), path))
    if target == ".." or target.startswith("../"):
        return invalid("leaves the content folder")
    if not target.endswith(".md"):
        return invalid("is not a Markdown article (.md)")
    return Link(href, label, line, "internal", target, anchor)
