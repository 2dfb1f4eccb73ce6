"""Faults in the user's saved state: nothing saved is lost or silently reset.

tests/test_state.py covers corrupt JSON of several shapes, two corrupt copies
in one second, a directory in place of a file, a settings file from a newer
version and a data dir that is a regular file. Here: empty and non-UTF-8
files, a whole session against files from a newer version, a read-only data
dir, a save that fails half-way (write, fsync or rename), SIGKILL in the
middle of a save, and text that JSON cannot write as UTF-8.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import aseantui.fsutil as fsutil
from aseantui.state import STATE_VERSION, UserState

NAMES = ("settings.json", "bookmarks.json", "history.json")


def a_session(state: UserState) -> None:
    """What a reader does in a session: every kind of change."""
    state.set("lang", "id")
    state.set("theme", "nord")
    state.toggle_bookmark("history", "en", "History")
    state.toggle_bookmark("location", "id", "Letak")
    state.remove_bookmark("history")
    for entry in ("overview", "leadership", "overview"):
        state.record_visit(entry, "en", entry.title())


def saved(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data dir holding one earlier session."""
    folder = tmp_path / "user"
    state = UserState(folder)
    state.set("lang", "en")
    state.toggle_bookmark("founding", "en", "Founding")
    state.record_visit("founding", "en", "Founding")
    assert state.take_notices() == []
    return folder


@pytest.mark.parametrize(
    ("name", "content"),
    [("settings.json", b""), ("bookmarks.json", b"   \n"), ("history.json", b"\xff\xfe{\x00"),
     ("bookmarks.json", '{"version": 1, "bookmarks": ["caf\u00e9"]}'.encode("latin-1")),
     ("settings.json", b"null"), ("history.json", b'{"version": 1, "history": "x"}\x00')],
    ids=["empty", "blank", "utf16-bom", "latin-1", "null", "trailing-nul"],
)
def test_empty_or_undecodable_files_are_set_aside(data: Path, name: str,
                                                   content: bytes) -> None:
    (data / name).write_bytes(content)
    state = UserState(data)
    stem = name.removesuffix(".json")
    (kept,) = data.glob(f"{stem}.corrupt-*.json")
    assert kept.read_bytes() == content  # the bytes, exactly as they were
    (notice,) = state.take_notices()
    assert notice.startswith(f"{name} could not be read") and kept.name in notice
    a_session(state)  # and the app carries on, saving fresh files
    assert UserState(data).take_notices() == []
    assert kept.read_bytes() == content


def test_a_whole_session_against_files_from_a_newer_version(data: Path) -> None:
    for name in NAMES:
        payload = json.loads((data / name).read_text(encoding="utf-8"))
        payload["version"] = STATE_VERSION + 1
        payload["added-in-the-future"] = {"keep": ["me"]}
        (data / name).write_text(json.dumps(payload), encoding="utf-8")
    before = saved(data)
    state = UserState(data)
    assert [b.entry for b in state.bookmarks] == ["founding"]  # read where possible
    assert [v["entry"] for v in state.recent] == ["founding"]
    notices = state.take_notices()
    assert len(notices) == 3 and all("newer aseantui" in n for n in notices)
    a_session(state)
    assert state.take_notices() == []  # said once; the session itself works in memory
    assert state.settings["lang"] == "id" and state.is_bookmarked("location")
    assert saved(data) == before  # not one byte written over


def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Every write into `folder` fails (EROFS), even for root."""
    real_mkstemp = fsutil.tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        if Path(kwargs.get("dir", "")).resolve() == folder.resolve():
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(fsutil.tempfile, "mkstemp", mkstemp)


def test_a_read_only_data_dir_loses_nothing(data: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved(data)
    read_only(monkeypatch, data)
    state = UserState(data)
    assert state.take_notices() == []  # reading works
    a_session(state)
    notices = state.take_notices()
    assert notices and all(n.startswith("cannot save") and "Read-only file system" in n
                           for n in notices)
    assert {n.split()[2].rstrip(":") for n in notices} == set(NAMES)
    assert state.is_bookmarked("location")  # the session goes on in memory
    assert saved(data) == before
    monkeypatch.undo()
    state.toggle_bookmark("pillars", "en", "Pillars")  # writable again: everything is saved
    again = UserState(data)
    assert [b.entry for b in again.bookmarks] == ["founding", "location", "pillars"]


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_save_that_fails_half_way_keeps_the_old_file(data: Path, step: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved(data)

    def fail(*_: Any, **__: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if step == "write":
        real_fdopen = fsutil.os.fdopen

        class Failing:
            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __enter__(self) -> Failing:
                return self

            def __exit__(self, *exc: Any) -> None:
                self.handle.close()

            def write(self, text: str) -> int:
                self.handle.write(text[: len(text) // 2])  # half of it, then the disk is full
                self.handle.flush()
                return fail()

        monkeypatch.setattr(fsutil.os, "fdopen", lambda *a, **k: Failing(real_fdopen(*a, **k)))
    elif step == "fsync":
        monkeypatch.setattr(fsutil.os, "fsync", fail)
    else:
        monkeypatch.setattr(fsutil.os, "replace", fail)
    state = UserState(data)
    state.toggle_bookmark("location", "en", "Location")
    assert state.take_notices() == ["cannot save bookmarks.json: No space left on device"]
    assert saved(data) == before  # old file intact, no temporary file left behind
    monkeypatch.undo()
    state.toggle_bookmark("pillars", "en", "Pillars")  # the next save has everything
    assert [b.entry for b in UserState(data).bookmarks] == ["founding", "location", "pillars"]


def test_a_crash_during_a_save_keeps_the_old_file(data: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Not an OSError: the process is interrupted between writing and renaming."""
    before = saved(data)

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fsutil.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        UserState(data).toggle_bookmark("location", "en", "Location")
    assert saved(data) == before


SAVER = """
import os, sys, time
from aseantui import fsutil
from aseantui.state import UserState
real_fsync = os.fsync
def stall(fd):
    real_fsync(fd)
    print("written, not yet renamed", flush=True)
    time.sleep(120)  # killed here
fsutil.os.fsync = stall
state = UserState(__import__("pathlib").Path(sys.argv[1]))
for number in range(300):
    state.bookmarks.append(state.bookmarks[0].__class__(f"e{number}", "en", "x" * 200, ""))
state.toggle_bookmark("location", "en", "Location")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_in_the_middle_of_a_save(data: Path) -> None:
    before = saved(data)
    child = subprocess.Popen([sys.executable, "-c", SAVER, str(data)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "written, not yet renamed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    leftovers = [p for p in data.iterdir() if p.name not in before]
    assert all(p.name.startswith(".bookmarks.json.") for p in leftovers)  # at most a temp file
    assert {name: (data / name).read_bytes() for name in before} == before
    state = UserState(data)
    assert state.take_notices() == []
    assert [b.entry for b in state.bookmarks] == ["founding"]


def test_text_json_cannot_encode_as_utf8_is_still_saved(data: Path) -> None:
    state = UserState(data)
    state.toggle_bookmark("odd", "en", "lone \ud800 surrogate and \x1b[2J escape")
    assert state.take_notices() == []
    again = UserState(data)
    assert again.take_notices() == []
    assert [b.entry for b in again.bookmarks] == ["founding", "odd"]
    assert again.bookmarks[1].title == "lone ? surrogate and  escape"  # shown inert
    text = (data / "bookmarks.json").read_bytes().decode("utf-8")  # valid UTF-8 on disk
    assert "\x1b" not in text
