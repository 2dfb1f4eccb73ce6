"""A cache of parsed articles, so start-up does not re-parse unchanged files.

Parsing the shipped articles (YAML front matter, Markdown) took most of a
warm start; a large folder took seconds. The cache keeps, per file, its stamp (size,
modification and change times in ns, inode), the SHA-256 of its bytes and
what parsing it produced (the article and the problems), as JSON in the user
cache dir. A file whose stamp changed is read again; it is parsed again only
if its digest changed (a checkout or a reinstall touches times, not content).

A stamp is not always proof: an editor can keep a file's size and put its
modification time back (the change time still moves, and is in the stamp),
and on file systems with coarse times an edit within the same tick keeps
every time. So a stamp is trusted only when the file's times were older than
`RACY_NS` when it was taken; otherwise the digest is checked (git's "racily
clean" rule). The cache is only ever an optimisation: an unreadable, stale or
foreign cache file is ignored, one that cannot be written is reported once
(`notice`), and `aseantui check` never uses it.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from aseantui.content.facts import Fact
from aseantui.content.model import (
    MAX_BYTES,
    PARSE_VERSION,
    Article,
    Citation,
    Heading,
    Link,
    Problem,
)
from aseantui.fsutil import Stamp, atomic_write_text, read_bytes, real_path, stamp
from aseantui.i18n import Notice

__all__ = ["CACHE_VERSION", "PREBUILT_PARSED", "ParseCache", "Stamp", "stamp"]

CACHE_VERSION = 4
"""Bump when the cache's layout or the Article record changes (parsing changes
bump parse.PARSE_VERSION, which is part of the key too)."""

MAX_CACHE_BYTES = 1_000_000_000
"""Largest parse cache read (it holds each article's text twice: 5,000 articles of
10 KB make ~100 MB)."""

PREBUILT_PARSED = "parsed.json"
"""The parse cache's file name in a prebuilt folder (aseantui.search.prebuilt)."""

RACY_NS = 3_000_000_000
"""A stamp taken less than this after the file's last change is checked by digest
(coarse file system times: FAT has 2 s, some network file systems 1 s)."""

Parsed = tuple[Article | None, list[Problem]]


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(read_bytes(path, MAX_BYTES)).hexdigest()
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
    """Parsed articles of one content folder, keyed by file, checked by stamp and digest."""

    def __init__(self, cache_root: Path | None, content_root: Path,
                 prebuilt: Path | None = None) -> None:
        key = hashlib.sha256(str(real_path(content_root)).encode()).hexdigest()[:16]
        self.path = cache_root / "parsed" / f"{key}.json" if cache_root else None
        self.stamped_at = time.time_ns()
        """When this run's stamps are taken (before any of them)."""
        # A first run starts from the articles parsed when the package was
        # built (prebuilt.py); each still counts only if its file's digest matches.
        self._stamped_before = 0
        self._old: dict[str, Any] = self._read(self.path) or self._read(prebuilt)
        self._new: dict[str, Any] = {}
        self.hits = 0
        self._verified = False
        self.notice = ""
        """Why the cache could not be written, if it could not (said once a run)."""

    def _read(self, path: Path | None) -> dict[str, Any]:
        if path is None:
            return {}
        try:
            # Not fsutil.read_json: its depth check walks every value in Python (0.3 s
            # for 6,600 articles). json's own nesting limit raises RecursionError, and
            # each entry is checked as it is used (`get`).
            data = json.loads(read_bytes(path, MAX_CACHE_BYTES))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("version") != [CACHE_VERSION, PARSE_VERSION]:
            return {}
        files = data.get("files")
        stamped = data.get("stamped_at")
        self._stamped_before = stamped if isinstance(stamped, int) else 0
        return files if isinstance(files, dict) else {}

    def _trusted(self, entry: dict[str, Any], file_stamp: Stamp) -> bool:
        """True when the recorded stamp is the file's and was taken well after its last change."""
        if entry.get("stamp") != list(file_stamp):
            return False
        _, mtime, ctime, _ = file_stamp
        return max(mtime, ctime) < self._stamped_before - RACY_NS

    def get(self, path: Path, relpath: str, file_stamp: Stamp | None) -> Parsed | None:
        """What parsing `relpath` gave last time, if the file has not changed since."""
        entry = self._old.get(relpath)
        if file_stamp is None or not isinstance(entry, dict):
            return None
        if not self._trusted(entry, file_stamp):
            digest = entry.get("digest")
            if not digest or _digest(path) != digest:
                return None
            entry = {**entry, "stamp": list(file_stamp)}
            self._verified = True  # stamped again now: saved, so that next time it is trusted
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

    def put(self, path: Path, relpath: str, file_stamp: Stamp | None, parsed: Parsed) -> None:
        if file_stamp is None:
            return
        article, problems = parsed
        self._new[relpath] = {
            "stamp": list(file_stamp),
            "digest": article.digest if article else _digest(path),
            "article": _article_to_json(article) if article else None,
            "problems": [asdict(p) for p in problems],
        }

    def save(self) -> None:
        """Write the cache if it changed; failing to write costs speed, and says so once."""
        if self.path is None or (self._new == self._old and not self._verified):
            return
        payload = {"version": [CACHE_VERSION, PARSE_VERSION], "stamped_at": self.stamped_at,
                   "files": self._new}
        try:
            try:
                atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False))
            except UnicodeEncodeError:  # a file name that is not UTF-8: \u escapes keep it
                atomic_write_text(self.path, json.dumps(payload))
        except (OSError, ValueError, RecursionError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.notice = Notice("cannot write the parse cache ({reason}): every start reads "
                                 "and parses all the articles again", reason=reason)
