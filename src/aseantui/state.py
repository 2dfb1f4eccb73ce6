"""What the reader keeps between sessions, and the browser-like history.

Settings, bookmarks and reading history are separate versioned JSON files in
the user data dir (statefile.py): each change is an operation applied under a
lock to the file as it is on disk, so several windows lose nothing, and a
file that cannot be understood is set aside or left alone with a notice.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from aseantui.content.model import LANGS
from aseantui.statefile import STATE_VERSION, JsonFile

__all__ = ["STATE_VERSION", "Bookmark", "History", "Location", "UserState"]

MAX_RECENT = 200
MAX_HISTORY = 100
MAX_BOOKMARKS = 10_000
"""Bookmarks kept (the oldest go first): bounds the file and the time of every save."""


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
    for item in value[-MAX_BOOKMARKS:]:
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
    """Settings, bookmarks and reading history of one user, kept in `folder`.

    The three values always show the files as they are now (another window's
    changes included); every change is saved as an operation (statefile.py).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._settings_file = JsonFile(folder / "settings.json", "settings", _settings)
        self._bookmarks_file = JsonFile(folder / "bookmarks.json", "bookmarks", _bookmarks,
                                        dump=lambda marks: [b.__dict__ for b in marks])
        self._history_file = JsonFile(folder / "history.json", "history", _recent)
        self._files = (self._settings_file, self._bookmarks_file, self._history_file)

    @property
    def settings(self) -> dict[str, str]:
        return dict(self._settings_file.value)

    @property
    def bookmarks(self) -> list[Bookmark]:
        return list(self._bookmarks_file.value)

    @property
    def recent(self) -> list[dict[str, str]]:
        return list(self._history_file.value)

    @property
    def notices(self) -> list[str]:
        return [notice for f in self._files for notice in f.notices]

    def take_notices(self) -> list[str]:
        notices = self.notices
        for f in self._files:
            f.notices.clear()
        return notices

    # settings
    def set(self, name: str, value: str) -> None:
        self._settings_file.change(lambda settings: {**settings, name: value})

    # bookmarks
    def is_bookmarked(self, entry: str) -> bool:
        return any(b.entry == entry for b in self.bookmarks)

    def toggle_bookmark(self, entry: str, lang: str, title: str) -> bool:
        """Add or remove; returns True when the entry is now bookmarked."""
        if self.is_bookmarked(entry):
            self.remove_bookmark(entry)
            return False
        mark = Bookmark(entry, lang, title, _timestamp())

        def add(marks: list[Bookmark]) -> list[Bookmark]:
            kept = [b for b in marks if b.entry != entry]
            return [*kept, mark][-MAX_BOOKMARKS:]

        self._bookmarks_file.change(add)
        return True

    def remove_bookmark(self, entry: str) -> None:
        self._bookmarks_file.change(lambda marks: [b for b in marks if b.entry != entry])

    # reading history
    def record_visit(self, entry: str, lang: str, title: str) -> None:
        visit = {"entry": entry, "lang": lang, "title": title, "at": _timestamp()}
        self._history_file.change(
            lambda recent: [visit, *(v for v in recent if v["entry"] != entry)][:MAX_RECENT])

