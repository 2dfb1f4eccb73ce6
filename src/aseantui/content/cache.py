"""A cache of parsed articles, so start-up does not re-parse unchanged files.

Parsing the shipped articles (YAML front matter, Markdown) took most of a
warm start; a large folder took seconds. The cache keeps, per file, its size,
modification time and what parsing it produced (the article and the
problems), as JSON in the user cache dir. A file whose size or modification
time changed is read again; it is parsed again only if its content changed
(a checkout or a reinstall touches modification times, not content). The
cache is only ever an optimisation: an unreadable, stale or foreign cache
file is ignored, and `aseantui check` never uses it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from aseantui.content.facts import Fact
from aseantui.content.model import Article, Citation, Heading, Link, Problem
from aseantui.content.parse import PARSE_VERSION
from aseantui.fsutil import atomic_write_text

CACHE_VERSION = 3
"""Bump when the cache's layout or the Article record changes (parsing changes
bump parse.PARSE_VERSION, which is part of the key too)."""

PREBUILT_PARSED = "parsed.json"
"""The parse cache's file name in a prebuilt folder (aseantui.search.prebuilt)."""

Stamp = tuple[int, int]
Parsed = tuple[Article | None, list[Problem]]


def stamp(path: Path) -> Stamp | None:
    """(size, modification time in ns) of a file, or None if it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _article_to_json(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data["path"] = str(article.path)
    return data


def _article_from_json(data: dict[str, Any]) -> Article:
    values = dict(data)
    values["path"] = Path(values["path"])
    values["headings"] = tuple(Heading(**h) for h in values["headings"])
    values["links"] = tuple(Link(**link) for link in values["links"])
    values["citations"] = tuple(
        Citation(tuple(c["source_ids"]), c["line"]) for c in values["citations"]
    )
    values["field_lines"] = tuple((str(k), int(v)) for k, v in values["field_lines"])
    for name in ("aliases", "sources", "related", "tags"):
        values[name] = tuple(values.get(name, ()))
    values["facts"] = tuple(
        Fact(**{**f, "sources": tuple(f["sources"])}) for f in values.get("facts", ())
    )
    names = {f.name for f in fields(Article)}
    if set(values) != names:
        raise ValueError("cached article has other fields")
    return Article(**values)


class ParseCache:
    """Parsed articles of one content folder, keyed by file and (size, mtime)."""

    def __init__(self, cache_root: Path | None, content_root: Path,
                 prebuilt: Path | None = None) -> None:
        key = hashlib.sha256(str(content_root.resolve()).encode()).hexdigest()[:16]
        self.path = cache_root / "parsed" / f"{key}.json" if cache_root else None
        # A first run starts from the articles parsed when the package was
        # built (prebuilt.py); each still counts only if its file's digest matches.
        self._old: dict[str, Any] = self._read(self.path) or self._read(prebuilt)
        self._new: dict[str, Any] = {}
        self.hits = 0

    @staticmethod
    def _read(path: Path | None) -> dict[str, Any]:
        if path is None:
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != [CACHE_VERSION, PARSE_VERSION]:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def get(self, path: Path, relpath: str, file_stamp: Stamp | None) -> Parsed | None:
        """What parsing `relpath` gave last time, if the file has not changed since."""
        entry = self._old.get(relpath)
        if file_stamp is None or not isinstance(entry, dict):
            return None
        if entry.get("stamp") != list(file_stamp):
            digest = entry.get("article", {}).get("digest") if entry.get("article") else None
            if not digest or _digest(path) != digest:
                return None
            entry = {**entry, "stamp": list(file_stamp)}
        try:
            article = _article_from_json(entry["article"]) if entry["article"] else None
            problems = [Problem(**p) for p in entry["problems"]]
        except (KeyError, TypeError, ValueError):
            return None
        if article is not None and article.path != path:  # parsed in another folder
            old = str(article.path)
            article = replace(article, path=path)
            problems = [replace(p, path=str(path)) if p.path == old else p for p in problems]
            entry = {**entry, "article": _article_to_json(article),
                     "problems": [asdict(p) for p in problems]}
        self._new[relpath] = entry
        self.hits += 1
        return article, problems

    def put(self, relpath: str, file_stamp: Stamp | None, parsed: Parsed) -> None:
        if file_stamp is None:
            return
        article, problems = parsed
        self._new[relpath] = {
            "stamp": list(file_stamp),
            "article": _article_to_json(article) if article else None,
            "problems": [asdict(p) for p in problems],
        }

    def save(self) -> None:
        """Write the cache if it changed; failing to write only costs speed next time."""
        if self.path is None or self._new == self._old:
            return
        payload = {"version": [CACHE_VERSION, PARSE_VERSION], "files": self._new}
        try:
            atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False))
        except (OSError, ValueError):
            pass
