"""One versioned JSON state file, shared safely by every open window.

Several windows of aseantui may run at once. A window never writes back the
copy it read at start: each change is an operation (add a bookmark, record a
visit, set a setting) applied, under an inter-process lock, to the file as it
is on disk now, and the result is written atomically. N windows adding N
bookmarks keep all N; a window left open for hours loses nobody's changes.

Reading is bounded (fsutil: regular files only, `MAX_BYTES`, JSON depth). A
file that cannot be understood is never silently reset: a corrupt, too large
or non-regular one (a FIFO, a link to /dev/zero) is set aside under a new
name, one from a newer version is read and never written, a directory is left
alone, and each is reported once as a notice.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from aseantui.fsutil import RefusedFile, atomic_write_text, parse_json, read_bytes, stamp
from aseantui.i18n import Notice
from aseantui.text import is_safe, sanitize_data

STATE_VERSION = 1
MAX_BYTES = 4_000_000
"""Largest state file read (10,000 bookmarks make about 2 MB)."""
MAX_DEPTH = 8
"""Deepest JSON nesting of a state file (aseantui writes 3)."""
LOCK_NAME = ".state.lock"
LOCK_TIMEOUT = 10.0
"""Seconds a save waits for another window's save before giving up with a notice."""

Operation = Callable[[Any], Any]
"""A change to a file's value: takes the value as it is now, returns the new one."""


@dataclass
class JsonFile:
    """One state file: `value` is always the file as on disk, plus this window's
    changes not yet saved; `change` applies one operation and saves it."""

    path: Path
    key: str
    validate: Callable[[Any], Any]
    """Checks the file's `key` value (None: the file is absent) and raises ValueError."""
    dump: Callable[[Any], Any] = lambda value: value
    """The value as JSON data (the inverse of `validate`)."""
    notices: list[str] = field(default_factory=list)
    writable: bool = True
    _value: Any = None
    _seen: tuple[int, ...] | None = None
    _pending: list[Operation] = field(default_factory=list)
    """Operations of this window that could not be saved yet (the next save has them)."""

    def __post_init__(self) -> None:
        self._value = self._read()

    @property
    def value(self) -> Any:
        """The file's value, read again if another window changed it since."""
        if self.writable and stamp(self.path) != self._seen:
            value = self._read()
            for operation in self._pending:
                value = operation(value)
            self._value = value
        return self._value

    def change(self, operation: Operation) -> bool:
        """Apply `operation` to the file as it is now and save; False if not saved.

        Unsaved, the change is kept in memory and in every later save.
        """
        self._pending.append(operation)
        if not self.writable:  # a directory in the way, or a newer version's file
            self._value = operation(self._value)
            return False
        try:
            # filelock before 3.13 does not make the lock file's folder.
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.path.with_name(LOCK_NAME)), timeout=LOCK_TIMEOUT):
                value = self._read()
                for pending in self._pending:
                    value = pending(value)
                if self.writable:
                    self._write(value)
                    self._pending.clear()
                self._value = value
                return not self._pending
        except Timeout:
            reason = "another aseantui window kept it locked"
        except OSError as exc:
            reason = exc.strerror or str(exc)
        self.notices.append(Notice("cannot save {name}: {reason}", name=self.path.name,
                                   reason=reason))
        self._value = operation(self._value)
        return False

    # -- reading ------------------------------------------------------------------
    def _read(self) -> Any:
        """The file's checked value; anything wrong with it is a notice, never an error."""
        name = self.path.name
        self._seen = stamp(self.path)
        if self._seen is None:
            return self.validate(None)
        try:
            if stat.S_ISDIR(os.stat(self.path).st_mode):
                raise IsADirectoryError(21, "Is a directory")
            raw = read_bytes(self.path, MAX_BYTES)
        except RefusedFile as exc:  # a FIFO, a device, too large: not a state file
            return self._unreadable(ValueError(exc.strerror))
        except OSError as exc:
            self.writable = False
            reason = exc.strerror or type(exc).__name__
            self.notices.append(
                Notice("cannot read {name} ({reason}); changes will not be saved",
                       name=name, reason=reason))
            return self.validate(None)
        try:
            # Titles are shown on screen: no control characters, whoever wrote the file.
            data = sanitize_data(parse_json(raw, MAX_DEPTH))
            version = data.get("version") if isinstance(data, dict) else None
            if not isinstance(version, int):
                raise ValueError("not a versioned aseantui file")
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError too
            return self._unreadable(exc)
        if version > STATE_VERSION:
            # A newer program wrote it: read what we can, never write over it.
            self.writable = False
            self.notices.append(
                Notice("{name} was written by a newer aseantui (version {version}); "
                       "it is read where possible and left unchanged", name=name, version=version)
            )
            try:
                return self.validate(data.get(self.key))
            except ValueError:
                return self.validate(None)
        try:
            return self.validate(data.get(self.key))
        except ValueError as exc:
            return self._unreadable(exc)

    def _unreadable(self, error: ValueError) -> Any:
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
        self._seen = stamp(self.path)
        return self.validate(None)

    def _set_aside(self) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        number = 1
        while os.path.lexists(target):  # never move one kept copy over another
            number += 1
            target = self.path.with_name(
                f"{self.path.stem}.corrupt-{stamp}-{number}{self.path.suffix}")
        try:
            shutil.move(str(self.path), str(target))  # a link is moved, not what it points to
        except OSError:
            self.writable = False
            return None
        return target

    # -- writing ------------------------------------------------------------------
    def _write(self, value: Any) -> None:
        payload = {"version": STATE_VERSION, self.key: self.dump(value)}
        text = json.dumps(payload, ensure_ascii=False, indent=1)
        if not is_safe(text):  # e.g. a lone surrogate: \u escapes keep it, and valid UTF-8
            text = json.dumps(payload, indent=1)
        atomic_write_text(self.path, text)
        self._seen = stamp(self.path)
