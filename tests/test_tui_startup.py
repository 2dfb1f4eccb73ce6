"""Start-up: home and the search box come first, the library loads behind them.

The library here is held back by the test (a factory that waits for an
event), so what the reader can do before it is ready is checked for certain,
not by racing a thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Static

from aseantui.search.service import Library
from aseantui.tui import homecache
from aseantui.tui.app import AseanApp
from conftest import SHIPPED
from test_tui_support import (
    library,
    main_screen,
    results,
    search_box,
    settle,
    shown_entry,
    status,
    type_text,
)

SIZE = (100, 30)


class HeldLibrary:
    """A library factory that loads only when `release` is set."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def __call__(self) -> Library:
        assert self.release.wait(60), "the test never released the library"
        return Library(SHIPPED)


class UsableApp(AseanApp):
    """The app, noting when the screen says it is usable (as a launcher would)."""

    usable = False

    def on_main_screen_usable(self) -> None:
        self.usable = True


def home_text(app: AseanApp) -> str:
    return main_screen(app).query_one("#home-intro", Static).content.plain  # type: ignore[union-attr]


async def test_home_and_the_search_box_come_before_the_library(
    new_app: Callable[..., AseanApp], tmp_path: Path
):
    # What the last start saved: home before the library (a made-up intro proves the source).
    saved = tmp_path / "home.json"
    homecache.write(saved, {"en": homecache.HomeData(
        intro="Saved intro", hint="saved hint", core=("location",), topics=(("history", 3),))})
    held = HeldLibrary()
    app = new_app(library_factory=held, app_class=UsableApp)
    assert isinstance(app, UsableApp)
    app.home_file = saved
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        for _ in range(250):  # until the first paint
            if app.usable:
                break
            await pilot.pause(0.02)
        assert app.usable
        assert screen.library is None
        assert app.focused is search_box(app)
        assert home_text(app) == "Saved intro\nsaved hint"
        assert "Preparing the search index" in status(app)
        held.release.set()
        await settle(pilot)
        assert screen.library is not None
        assert home_text(app).startswith("Search the ASEAN Secretariat")  # from the corpus now


async def test_what_is_typed_before_the_library_is_ready_is_answered(
    new_app: Callable[..., AseanApp]
):
    held = HeldLibrary()
    app = new_app(library_factory=held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "sekjen")
        await pilot.pause()
        assert search_box(app).value == "sekjen"  # kept, no error
        assert main_screen(app).results is None
        held.release.set()
        await settle(pilot)
        assert search_box(app).value == "sekjen"
        hits = main_screen(app).results
        assert hits is not None and hits.query == "sekjen" and hits.hits
        assert results(app).display


async def test_a_key_that_needs_the_library_waits_for_it(new_app: Callable[..., AseanApp]):
    held = HeldLibrary()
    app = new_app(library_factory=held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+3")  # leadership: a category with several entries
        await pilot.pause()
        assert main_screen(app).panel.category is None
        held.release.set()
        await settle(pilot)
        assert main_screen(app).panel.category == "leadership"
        assert main_screen(app).view == "results"


async def test_random_before_the_library_opens_an_entry_once_it_is_ready(
    new_app: Callable[..., AseanApp]
):
    held = HeldLibrary()
    app = new_app(library_factory=held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert shown_entry(app) is None
        held.release.set()
        await settle(pilot)
        assert shown_entry(app) is not None


async def test_the_library_load_saves_home_for_the_next_start(
    new_app: Callable[..., AseanApp], tmp_path: Path
):
    app = new_app(library_factory=lambda: Library(SHIPPED))
    app.home_file = tmp_path / "cache" / "home.json"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        corpus = library(app).corpus
    saved = homecache.read(tmp_path / "cache" / "home.json", "id")
    assert saved is not None
    expected = homecache.from_corpus(corpus, "id")
    assert (saved.intro, saved.core, saved.topics) == (expected.intro, expected.core,
                                                       expected.topics)


PROGRAM = """
import json, sys, threading
from aseantui import cancel
from aseantui.tui.app import AseanApp, make_app

release = threading.Event()

def held():
    release.wait(30)
    raise cancel.Cancelled()

class Probe(AseanApp):
    def on_main_screen_usable(self):
        loaded = sorted({m.split(".")[0] if not m.startswith("aseantui") else m
                         for m in sys.modules
                         if m.split(".")[0] in ("whoosh", "markdown_it", "yaml")
                         or m.startswith(("aseantui.search", "aseantui.content.load"))})
        focused = type(self.focused).__name__
        print(json.dumps({"loaded": loaded, "focused": focused}))
        release.set()
        self.exit()

make_app(lang="en", app_class=Probe, library_factory=held).run(headless=True, size=(100, 30))
"""


def test_the_first_screen_imports_nothing_of_the_search_stack(tmp_path: Path) -> None:
    env = dict(os.environ, ASEANTUI_DATA_DIR=str(tmp_path / "data"),
               ASEANTUI_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["focused"] == "SearchBox"  # the check ran at the usable screen
    assert report["loaded"] == []


def test_the_search_box_limit_is_the_query_parsers() -> None:
    from aseantui.search.query import MAX_QUERY_CHARS as parser_limit
    from aseantui.tui.widgets.search_input import MAX_QUERY_CHARS as box_limit

    assert box_limit == parser_limit


def test_a_broken_or_missing_saved_home_is_ignored(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    assert homecache.read(missing, "en") is None
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 1, "langs": {"en": {"intro": 3', encoding="utf-8")
    assert homecache.read(broken, "en") is None
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"version": 99, "langs": {"en": {}}}), encoding="utf-8")
    assert homecache.read(other, "en") is None
    homecache.write(tmp_path / "ok.json", {"en": homecache.HomeData(intro="x")})
    assert homecache.read(tmp_path / "ok.json", "id") is None  # a language it does not hold


def test_the_saved_home_of_a_folder_is_its_own(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert homecache.home_file(tmp_path, a) != homecache.home_file(tmp_path, b)
    assert homecache.home_file(tmp_path, a) == homecache.home_file(tmp_path, a / ".")


async def test_what_loading_leaves_alive_is_frozen_until_the_app_ends(
        new_app: Callable[..., AseanApp]):
    """Full garbage collections no longer walk the corpus and the index while the
    reader types (gcfreeze.settle); the app gives it all back when it ends."""
    import gc

    gc.unfreeze()
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(app).panel.answerer is not None, "the facts never loaded"
        frozen = gc.get_freeze_count()
        assert frozen > 10_000
        await type_text(pilot, "jakarta")
        await settle(pilot)
        assert results(app).hits
        assert gc.get_freeze_count() > frozen // 2  # what died since has left it
    assert gc.get_freeze_count() == 0
