"""What the reader keeps between sessions, and the browser-like history.

Settings, bookmarks and reading history are separate versioned JSON files in
the user data dir, each written atomically (temporary file, then rename). A
file that cannot be understood is never silently reset: a corrupt one is set
aside under a new name, one from a newer version is left untouched (and not
written over), and the reason is reported as a notice.
"""

from __future__ import annotations

import json
import locale
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from aseantui.content.model import LANGS
from aseantui.fsutil import atomic_write_text
from aseantui.i18n import Notice
from aseantui.text import is_safe, sanitize_data

STATE_VERSION = 1
MAX_RECENT = 200
MAX_HISTORY = 100


# -- in-session navigation ------------------------------------------------------
@dataclass(frozen=True)
class Location:
    """A place the reader can go back to: search results or an article."""

    kind: str  # "search" | "article" | "home"
    entry: str = ""
    lang: str = "en"
    query: str = ""
    section: int = -1
    """Articles: index of the heading (## or ###) being read, -1 for the top.
    Search results: the result that was selected."""
    scroll: int = -1
    """Articles: the exact line at the top of the view (-1: not known, use `section`)."""
    link: int = -1
    """Articles: the link selected from the keyboard (-1: none)."""

    def same_place(self, other: Location) -> bool:
        return (self.kind, self.entry, self.query) == (other.kind, other.entry, other.query)


class History:
    """Back and forward over visited locations, like a web browser.

    Visiting a new location drops everything ahead of the current one.
    """

    def __init__(self, maxlen: int = MAX_HISTORY) -> None:
        self._stack: list[Location] = []
        self._index = -1
        self._maxlen = maxlen

    @property
    def current(self) -> Location | None:
        return self._stack[self._index] if self._stack else None

    def visit(self, location: Location) -> None:
        current = self.current
        if current is not None and current.same_place(location):
            self._stack[self._index] = location
            return
        del self._stack[self._index + 1 :]
        self._stack.append(location)
        if len(self._stack) > self._maxlen:
            del self._stack[0]
        self._index = len(self._stack) - 1

    def replace(self, location: Location) -> None:
        """Update the current location in place (e.g. the section being read)."""
        if self._stack:
            self._stack[self._index] = location
        else:
            self.visit(location)

    def back(self) -> bool:
        if self._index > 0:
            self._index -= 1
            return True
        return False

    def forward(self) -> bool:
        if self._index < len(self._stack) - 1:
            self._index += 1
            return True
        return False

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._stack) - 1


# -- files on disk ----------------------------------------------------------------
@dataclass
class JsonFile:
    """One versioned JSON state file; `load` never raises and never loses data."""

    path: Path
    key: str
    notices: list[str] = field(default_factory=list)
    writable: bool = True

    def load(self, validate: Callable[[Any], Any]) -> Any:
        """The file's `key` value, checked by `validate` (which raises ValueError)."""
        name = self.path.name
        if not self.path.exists():
            return validate(None)
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            self.writable = False
            reason = exc.strerror or type(exc).__name__
            self.notices.append(
                Notice("cannot read {name} ({reason}); changes will not be saved",
                       name=name, reason=reason))
            return validate(None)
        try:
            # Titles are shown on screen: no control characters, whoever wrote the file.
            data = sanitize_data(json.loads(raw.decode("utf-8")))
            version = data.get("version") if isinstance(data, dict) else None
            if not isinstance(version, int):
                raise ValueError("not a versioned aseantui file")
        except ValueError as exc:
            return self._unreadable(exc, validate)
        if version > STATE_VERSION:
            # A newer program wrote it: read what we can, never write over it.
            self.writable = False
            self.notices.append(
                Notice("{name} was written by a newer aseantui (version {version}); "
                       "it is read where possible and left unchanged", name=name, version=version)
            )
            try:
                return validate(data.get(self.key))
            except ValueError:
                return validate(None)
        try:
            return validate(data.get(self.key))
        except ValueError as exc:
            return self._unreadable(exc, validate)

    def _unreadable(self, error: ValueError, validate: Callable[[Any], Any]) -> Any:
        kept = self._set_aside()
        name = self.path.name
        if kept:
            self.notices.append(
                Notice("{name} could not be read ({error}); kept as {kept}, starting afresh",
                       name=name, error=error, kept=kept.name))
        else:
            self.notices.append(
                Notice("{name} could not be read ({error}); left in place, starting afresh",
                       name=name, error=error))
        return validate(None)

    def _set_aside(self) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        number = 1
        while target.exists():  # never move one kept copy over another
            number += 1
            target = self.path.with_name(
                f"{self.path.stem}.corrupt-{stamp}-{number}{self.path.suffix}")
        try:
            shutil.move(str(self.path), str(target))
        except OSError:
            self.writable = False
            return None
        return target

    def save(self, value: Any) -> bool:
        if not self.writable:
            return False
        payload = {"version": STATE_VERSION, self.key: value}
        text = json.dumps(payload, ensure_ascii=False, indent=1)
        if not is_safe(text):  # e.g. a lone surrogate: \u escapes keep it, and valid UTF-8
            text = json.dumps(payload, indent=1)
        try:
            atomic_write_text(self.path, text)
        except OSError as exc:
            self.notices.append(Notice("cannot save {name}: {reason}", name=self.path.name,
                                       reason=exc.strerror or exc))
            return False
        return True


def _timestamp() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _is_indonesian(code: str) -> bool:
    return code.lower().startswith(("id", "in_")) or code.lower() == "in"


def system_language() -> str:
    """'id' when the system locale is Indonesian, else 'en'.

    As gettext does: LANGUAGE (a priority list such as "id:en") comes first,
    unless the locale is C/POSIX; then LC_ALL, LC_MESSAGES and LANG.
    """
    locale_name = next((os.environ[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG")
                        if os.environ.get(n)), "")
    if locale_name.split(".")[0] not in ("C", "POSIX"):
        for code in os.environ.get("LANGUAGE", "").split(":"):
            if _is_indonesian(code):
                return "id"
            if code.lower().startswith("en"):
                return "en"
    if locale_name:
        return "id" if _is_indonesian(locale_name) else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "id" if code.lower().startswith(("id", "indonesian")) else "en"


@dataclass(frozen=True)
class Bookmark:
    entry: str
    lang: str
    title: str
    added: str


def _settings(value: Any) -> dict[str, str]:
    settings = {"lang": system_language(), "theme": ""}
    if value is None:
        return settings
    if not isinstance(value, dict):
        raise ValueError("settings must be a mapping")
    if value.get("lang") in LANGS:
        settings["lang"] = value["lang"]
    if isinstance(value.get("theme"), str):
        settings["theme"] = value["theme"]
    return settings


def _bookmarks(value: Any) -> list[Bookmark]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("bookmarks must be a list")
    marks = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("entry"), str):
            raise ValueError("a bookmark has no entry id")
        lang = str(item["lang"]) if item.get("lang") in LANGS else "en"
        marks.append(
            Bookmark(item["entry"], lang, str(item.get("title", item["entry"])),
                     str(item.get("added", "")))
        )
    return marks


def _recent(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError("history must be a list of visits")
    return [
        {"entry": str(v.get("entry", "")), "lang": str(v.get("lang", "en")),
         "title": str(v.get("title", "")), "at": str(v.get("at", ""))}
        for v in value
        if v.get("entry")
    ][:MAX_RECENT]


class UserState:
    """Settings, bookmarks and reading history of one user, kept in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._settings_file = JsonFile(folder / "settings.json", "settings")
        self._bookmarks_file = JsonFile(folder / "bookmarks.json", "bookmarks")
        self._history_file = JsonFile(folder / "history.json", "history")
        self.settings: dict[str, str] = self._settings_file.load(_settings)
        self.bookmarks: list[Bookmark] = self._bookmarks_file.load(_bookmarks)
        self.recent: list[dict[str, str]] = self._history_file.load(_recent)

    @property
    def notices(self) -> list[str]:
        files = (self._settings_file, self._bookmarks_file, self._history_file)
        return [notice for f in files for notice in f.notices]

    def take_notices(self) -> list[str]:
        notices = self.notices
        for f in (self._settings_file, self._bookmarks_file, self._history_file):
            f.notices.clear()
        return notices

    # settings
    def set(self, name: str, value: str) -> None:
        self.settings[name] = value
        self._settings_file.save(self.settings)

    # bookmarks
    def is_bookmarked(self, entry: str) -> bool:
        return any(b.entry == entry for b in self.bookmarks)

    def toggle_bookmark(self, entry: str, lang: str, title: str) -> bool:
        """Add or remove; returns True when the entry is now bookmarked."""
        if self.is_bookmarked(entry):
            self.bookmarks = [b for b in self.bookmarks if b.entry != entry]
            added = False
        else:
            self.bookmarks.append(Bookmark(entry, lang, title, _timestamp()))
            added = True
        self._bookmarks_file.save([b.__dict__ for b in self.bookmarks])
        return added

    def remove_bookmark(self, entry: str) -> None:
        self.bookmarks = [b for b in self.bookmarks if b.entry != entry]
        self._bookmarks_file.save([b.__dict__ for b in self.bookmarks])

    # reading history
    def record_visit(self, entry: str, lang: str, title: str) -> None:
        self.recent = [v for v in self.recent if v["entry"] != entry]
        self.recent.insert(0, {"entry": entry, "lang": lang, "title": title, "at": _timestamp()})
        del self.recent[MAX_RECENT:]
        self._history_file.save(self.recent)
