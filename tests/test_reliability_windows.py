"""Several windows at once, and state files that are not small JSON files.

Windows are real processes: each change is applied under the state lock to
the file as it is on disk (statefile.py), so nothing another window saved is
lost. State files that are nested 600 deep, FIFOs, links to /dev/zero, 100 MB
or start with a byte order mark are bounded, set aside with a notice, and the
program always starts. Anything that could hang runs in a subprocess with a
generous timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aseantui.state import MAX_BOOKMARKS, UserState
from aseantui.statefile import MAX_BYTES

WINDOW = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from aseantui.state import UserState
    data, number, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    state = UserState(data)              # every window reads the files at start ...
    print("ready", flush=True)
    while not go.exists():               # ... and all change them at the same moment
        time.sleep(0.005)
    for step in range(3):
        state.toggle_bookmark(f"w{number}-{step}", "en", f"Window {number} #{step}")
        state.record_visit(f"w{number}-{step}", "en", "")
    state.set("lang", "id") if number == 0 else state.set("theme", f"theme-{number}")
    state.remove_bookmark(f"w{number}-1")
    assert not state.take_notices()
""")


def window(data: Path, number: int, go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WINDOW, str(data), str(number), str(go)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_n_windows_adding_at_once_keep_everything(tmp_path: Path) -> None:
    data, go, count = tmp_path / "user", tmp_path / "go", 6
    UserState(data).toggle_bookmark("before", "en", "Saved earlier")
    UserState(data).set("lang", "en")
    windows = [window(data, number, go) for number in range(count)]
    for child in windows:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    for child in windows:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
    state = UserState(data)
    assert state.take_notices() == []
    marks = {b.entry for b in state.bookmarks}
    assert marks == {"before"} | {f"w{n}-{s}" for n in range(count) for s in (0, 2)}
    assert {v["entry"] for v in state.recent} == {f"w{n}-{s}" for n in range(count)
                                                  for s in range(3)}
    # window 0's language survives the other windows' later theme changes
    assert state.settings["lang"] == "id" and state.settings["theme"].startswith("theme-")


ANOTHER_WINDOW = textwrap.dedent("""
    import sys
    from pathlib import Path
    from aseantui.state import UserState
    state = UserState(Path(sys.argv[1]))
    state.toggle_bookmark("theirs", "en", "Theirs")
    state.record_visit("their-visit", "en", "")
    state.set("theme", "nord")
    state.remove_bookmark("shared")
""")


def test_a_window_open_for_hours_never_writes_back_a_stale_copy(tmp_path: Path) -> None:
    data = tmp_path / "user"
    seed = UserState(data)
    seed.toggle_bookmark("shared", "en", "Shared")
    mine = UserState(data)  # opened hours ago ...
    assert mine.is_bookmarked("shared")
    # ... meanwhile another window adds, visits, sets and removes, then closes
    subprocess.run([sys.executable, "-c", ANOTHER_WINDOW, str(data)], check=True, timeout=60)
    assert mine.is_bookmarked("theirs") and not mine.is_bookmarked("shared")  # seen at once
    assert mine.toggle_bookmark("mine", "en", "Mine") is True
    mine.record_visit("my-visit", "en", "")
    mine.set("lang", "id")
    again = UserState(data)
    assert [b.entry for b in again.bookmarks] == ["theirs", "mine"]
    assert [v["entry"] for v in again.recent] == ["my-visit", "their-visit"]
    assert again.settings["theme"] == "nord" and again.settings["lang"] == "id"


def test_changes_that_could_not_be_saved_join_the_next_save(tmp_path: Path) -> None:
    data = tmp_path / "user"
    mine = UserState(data)
    data.mkdir(parents=True, exist_ok=True)
    (data / "bookmarks.json").mkdir()  # in the way: this window keeps its change in memory
    late = UserState(data)
    late.toggle_bookmark("kept", "en", "Kept")
    assert late.is_bookmarked("kept")
    (data / "bookmarks.json").rmdir()
    mine.toggle_bookmark("saved", "en", "Saved")
    assert [b.entry for b in UserState(data).bookmarks] == ["saved"]


def test_a_held_lock_is_a_notice_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    from filelock import FileLock

    from aseantui import statefile

    data = tmp_path / "user"
    state = UserState(data)
    monkeypatch.setattr(statefile, "LOCK_TIMEOUT", 0.2)
    data.mkdir()  # as the other window's first save made it (filelock < 3.13 does not)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock\n"
         "with FileLock(sys.argv[1]):\n print('held', flush=True); time.sleep(60)",
         str(data / statefile.LOCK_NAME)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        state.toggle_bookmark("a", "en", "A")
        assert state.take_notices() == [
            "cannot save bookmarks.json: another aseantui window kept it locked"]
        assert state.is_bookmarked("a")  # kept in memory
    finally:
        holder.kill()
        holder.wait()
    with FileLock(str(data / statefile.LOCK_NAME), timeout=5):
        pass  # the holder's lock died with it
    state.toggle_bookmark("b", "en", "B")  # and the next save has both
    assert [b.entry for b in UserState(data).bookmarks] == ["a", "b"]


# -- state files that are not small JSON files -----------------------------------
def nested(depth: int) -> bytes:
    return ('{"version": 1, "settings": ' + "[" * depth + "]" * depth + "}").encode()


def make_shape(path: Path, shape: str) -> None:
    if shape == "nested-600":
        path.write_bytes(nested(600))
    elif shape == "nested-100000":
        path.write_bytes(nested(100_000))
    elif shape == "fifo":
        os.mkfifo(path)
    elif shape == "dev-zero":
        path.symlink_to("/dev/zero")
    elif shape == "huge":
        with open(path, "wb") as handle:
            handle.truncate(100_000_000)  # sparse: 100 MB on paper


STARTER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from aseantui.state import UserState
    state = UserState(Path(sys.argv[1]))
    for notice in state.take_notices():
        print(notice)
    state.toggle_bookmark("after", "en", "After")
    state.record_visit("after", "en", "")
    state.set("lang", "id")
    for notice in state.take_notices():
        print("SAVE:", notice)
""")


@pytest.mark.parametrize("shape", ["nested-600", "nested-100000", "fifo", "dev-zero", "huge"])
@pytest.mark.parametrize("name", ["settings.json", "bookmarks.json", "history.json"])
def test_state_files_that_are_not_small_json_are_set_aside(tmp_path: Path, name: str,
                                                           shape: str) -> None:
    data = tmp_path / "user"
    data.mkdir()
    make_shape(data / name, shape)
    run = subprocess.run([sys.executable, "-c", STARTER, str(data)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    (notice,) = run.stdout.splitlines()
    assert notice.startswith(f"{name} could not be read") and "kept as" in notice
    reason = {"fifo": "not a regular file", "dev-zero": "not a regular file",
              "huge": "file too large (100.0 MB; the limit is 4 MB)"}.get(shape, "nested more")
    assert reason in notice
    (kept,) = data.glob(name.replace(".json", ".corrupt-*.json"))
    assert kept.is_symlink() if shape == "dev-zero" else kept.exists()
    state = UserState(data)
    assert state.take_notices() == []
    assert state.is_bookmarked("after") and state.settings["lang"] == "id"


def test_a_byte_order_mark_is_not_corruption(tmp_path: Path) -> None:
    data = tmp_path / "user"
    data.mkdir()
    payload = {"version": 1, "bookmarks": [{"entry": "bom", "lang": "en", "title": "BOM"}]}
    (data / "bookmarks.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(payload).encode())
    state = UserState(data)
    assert state.take_notices() == []
    assert [b.entry for b in state.bookmarks] == ["bom"]


def test_bookmarks_are_bounded(tmp_path: Path) -> None:
    data = tmp_path / "user"
    data.mkdir()
    marks = [{"entry": f"e{n}", "lang": "en", "title": "t" * 100}
             for n in range(MAX_BOOKMARKS + 50)]
    (data / "bookmarks.json").write_text(json.dumps({"version": 1, "bookmarks": marks}))
    assert (data / "bookmarks.json").stat().st_size < MAX_BYTES
    state = UserState(data)
    assert len(state.bookmarks) == MAX_BOOKMARKS and state.bookmarks[-1].entry == "e10049"
    state.toggle_bookmark("new", "en", "New")
    again = UserState(data).bookmarks
    assert len(again) == MAX_BOOKMARKS and again[-1].entry == "new"
    assert (data / "bookmarks.json").stat().st_size < MAX_BYTES  # so every save stays small


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["version", "settings", "bookmarks", "history", "entry",
                                       "lang", "title", "x"]), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["settings.json", "bookmarks.json", "history.json"]), value=JSON,
       version=st.sampled_from([None, 1, 2]))
def test_any_json_in_a_state_file_starts_and_saves(
        tmp_path_factory: pytest.TempPathFactory, name: str, value: Any, version: Any) -> None:
    data = tmp_path_factory.mktemp("user")
    document = {"version": version, name.removesuffix(".json"): value} if version else value
    (data / name).write_text(json.dumps(document), encoding="utf-8")
    state = UserState(data)  # never raises
    state.toggle_bookmark("a", "en", "A")
    state.record_visit("a", "en", "A")
    state.set("theme", "nord")
    assert state.is_bookmarked("a") and state.settings["theme"] == "nord"
    notices = state.take_notices()
    assert len(notices) <= 1
    if version == 2:
        assert notices and "newer aseantui" in notices[0]


# -- the app starts whatever the state files are -------------------------------------
APP_START = textwrap.dedent("""
    import asyncio, sys
    from aseantui.tui.app import make_app
    from aseantui.search.service import Library
    from pathlib import Path
    async def main():
        app = make_app(data_dir=Path(sys.argv[1]),
                       library_factory=lambda: Library(sys.argv[2], cache_dir=False))
        async with app.run_test() as pilot:
            await pilot.pause()
            print("started", flush=True)
    asyncio.run(main())
""")


def test_the_app_starts_with_every_state_file_hostile(tmp_path: Path) -> None:
    data = tmp_path / "user"
    data.mkdir()
    make_shape(data / "settings.json", "nested-600")
    make_shape(data / "history.json", "fifo")
    make_shape(data / "bookmarks.json", "dev-zero")
    fixture = Path(__file__).parent / "fixtures" / "corpus"
    run = subprocess.run([sys.executable, "-c", APP_START, str(data), str(fixture)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "started"
    assert len(list(data.glob("*.corrupt-*.json"))) == 3
