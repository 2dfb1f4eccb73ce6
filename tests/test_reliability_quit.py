"""Ctrl+Q during the first index build of 2,500 entries: the app exits at once.

The build took the exit hostage (35 s and more): the library worker's thread
had to finish indexing before Python could exit. Quitting now cancels the
worker; loading and indexing stop at the next file or document and the
writer's processes are terminated (aseantui.cancel). The app runs for real in
a pseudo-terminal; "at once" is asserted as "finishes within a timeout far
shorter than the build" (the build alone takes minutes here), not as a speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from aseantui import cancel
from aseantui.search.service import Library
from aseantui.search.store import MULTIPROCESS_MIN
from test_reliability_tty import COMMAND, Terminal, env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
ENTRIES = 2_500


def make_corpus(root: Path, entries: int = ENTRIES) -> Path:
    words = [f"w{n:05d}x" for n in range(12_000)]
    for lang in ("en", "id"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        for n in range(entries):
            body = " ".join(words[(n * 37 + k * 101) % len(words)] for k in range(300))
            (root / lang / f"e{n}.md").write_text(
                f"---\nid: e{n}\nlang: {lang}\ntitle: Entry {n}\ncategory: general\n"
                f"summary: Entry {n}.\naliases: []\nsources: []\n---\n\n## Part\n\n{body}\n",
                encoding="utf-8")
    return root


def children_of(pid: int) -> list[int]:
    """The writer processes started by `pid` (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and b"resource_tracker" not in _cmdline(entry):
                found.append(int(entry.name))
    return found


def _cmdline(entry: Path) -> bytes:
    try:
        return (entry / "cmdline").read_bytes()
    except OSError:
        return b""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_ctrl_q_during_the_first_build_exits(tmp_path: Path) -> None:
    content = make_corpus(tmp_path / "content")
    terminal = Terminal(tmp_path, "--content", str(content))
    cache = tmp_path / "c"
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 240
        while not list(cache.glob("index/*/lock")) and time.monotonic() < deadline:
            terminal.read_until(b"\x00never", timeout=0.5)  # keep the terminal drained
        assert list(cache.glob("index/*/lock")), "the build never started"
        terminal.read_until(b"\x00never", timeout=3)  # well into the build
        assert terminal.process.poll() is None
        workers = children_of(terminal.process.pid)  # the writer's, if it runs several
        terminal.send(b"\x11")  # Ctrl+Q
        code = terminal.finish(timeout=30)  # the build alone takes minutes
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
            terminal.process.wait()
    assert code == 0, terminal.output[-2000:]
    assert b"Traceback" not in terminal.output
    gone_within(workers, 10)
    assert not list(cache.glob("index/*/b-*")), "the half-written build was removed"
    # and the next run builds and answers as if nothing had happened
    run = subprocess.run([*COMMAND, "search", "w00037x", "--content", str(content)],
                         capture_output=True, text=True, env=env(tmp_path), timeout=900)
    assert run.returncode == 0 and "Entry 1" in run.stdout, run.stderr


def gone_within(pids: list[int], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in pids if alive(pid)], "writer processes left behind"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_cancelling_a_multiprocess_build_stops_its_processes(tmp_path: Path) -> None:
    """Cancelled in the middle of the multi-process writer (its sub-writers are real
    processes): the build thread stops, the processes are terminated, nothing is kept."""
    content = make_corpus(tmp_path / "content", entries=MULTIPROCESS_MIN)
    library = Library(content, cache_dir=tmp_path / "cache")
    stop = threading.Event()
    outcome: list[BaseException | None] = []

    def build() -> None:
        with cancel.watching(stop):
            try:
                library.open_index()
                outcome.append(None)
            except BaseException as exc:  # noqa: BLE001 - what the thread ended with
                outcome.append(exc)

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while not workers and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = children_of(os.getpid())
    assert workers, "the multi-process writer started"
    time.sleep(2)  # well into the build
    stop.set()
    thread.join(timeout=60)  # the build alone takes minutes
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], cancel.Cancelled)
    gone_within(workers, 10)
    assert not list((tmp_path / "cache").glob("index/*/b-*"))


def test_a_cancelled_library_load_stops_between_files(tmp_path: Path) -> None:
    """The core side on its own: a thread watching a set event stops at once, in the
    corpus load and in a single-process build, and leaves no build behind."""
    content = make_corpus(tmp_path / "content", entries=40)
    stop = threading.Event()
    stop.set()
    with cancel.watching(stop), pytest.raises(cancel.Cancelled):
        Library(content, cache_dir=tmp_path / "cache")
    library = Library(content, cache_dir=tmp_path / "cache")  # not watching: loads
    with cancel.watching(stop), pytest.raises(cancel.Cancelled):
        library.open_index()
    assert not list((tmp_path / "cache").glob("index/*/b-*"))
    assert library.open_index().entries == 40
    assert MULTIPROCESS_MIN <= ENTRIES  # the app test above runs the multi-process writer
    assert os.environ.get("ASEANTUI_CONTENT") is None
