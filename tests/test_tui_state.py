"""Pilot tests of what the app keeps: bookmarks across a restart, the pick lists
(bookmarks, history, browse, timeline), and state files that cannot be read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList

from aseantui.tui.app import AseanApp
from aseantui.tui.screens.pickers import PickScreen
from test_tui_support import (
    library,
    main_screen,
    results,
    search_for,
    settle,
    shown_entry,
    type_text,
)

SIZE = (100, 30)


def picker(app: AseanApp) -> PickScreen:
    assert isinstance(app.screen, PickScreen), f"a pick list is open, not {app.screen!r}"
    return app.screen


def picked_values(app: AseanApp) -> list[str]:
    """Values of the selectable rows, in the order shown."""
    options = picker(app).query_one(OptionList)
    rows = picker(app).rows
    return [
        rows[int(o.id)].value or ""
        for o in (options.get_option_at_index(i) for i in range(options.option_count))
        if o.id is not None
    ]


async def test_bookmarks_survive_a_restart(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    first = new_app(entry="leadership")
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        title = library(first).article("leadership", "en").title
        assert [b.entry for b in first.state.bookmarks] == ["leadership"]
        assert f"Bookmarked “{title}”" in notice_texts
    saved = json.loads((tmp_path / "user" / "bookmarks.json").read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert [b["entry"] for b in saved["bookmarks"]] == ["leadership"]

    second = new_app()
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [b.entry for b in second.state.bookmarks] == ["leadership"]
        await pilot.press("f4")
        await pilot.pause()
        assert picked_values(second) == ["leadership"]
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(second) == ("leadership", "en")

        await pilot.press("m")  # m again removes it
        await pilot.pause()
        assert second.state.bookmarks == []
        assert f"Bookmark removed: “{title}”" in notice_texts


async def test_a_bookmark_is_removed_from_the_list(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await main_screen(app).open_entry("history")
        await settle(pilot)
        await pilot.press("m")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert picked_values(app) == ["location", "history"]
        await pilot.press("d")
        await pilot.pause()
        assert picked_values(app) == ["history"]
        assert [b.entry for b in app.state.bookmarks] == ["history"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main_screen(app)


async def test_history_list_opens_an_entry(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for entry in ("location", "history", "leadership"):
            await main_screen(app).open_entry(entry)
            await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert picked_values(app) == ["leadership", "history", "location"]  # latest first
        await pilot.press("down", "enter")
        await settle(pilot)
        assert shown_entry(app) == ("history", "en")


async def test_recently_read_entries_are_on_home(new_app: Callable[..., AseanApp]):
    app = new_app(entry="functions")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape", "escape")  # to the search box, then home
        await settle(pilot)
        assert main_screen(app).view == "home"
        menu = main_screen(app).query_one("#home-menu", OptionList)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert "entry:functions" in ids


async def test_browse_lists_every_entry_by_category(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        values = picked_values(app)
        assert sorted(values) == library(app).corpus.ids()
        headings = [row.label for row in picker(app).rows if row.value is None]
        assert "Location" in headings and "Leadership" in headings
        await pilot.press("down", "enter")
        await settle(pilot)
        assert shown_entry(app) == (values[1], "en")


async def test_timeline_events_open_their_entry(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        events = library(app).corpus.timeline
        # an event opens its entry, at the event's section when one names its year
        assert [v.partition("#")[0] for v in picked_values(app)] == [e.entry for e in events]
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == (events[0].entry, "en")


async def test_empty_lists_say_so(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("f4", "f5"):
            await pilot.press(key)
            await pilot.pause()
            assert picked_values(app) == []
            assert picker(app).query_one(OptionList).option_count == 1  # the "none yet" line
            await pilot.press("enter", "escape")
            await pilot.pause()
            assert app.screen is main_screen(app)


async def test_corrupt_state_files_are_set_aside_with_a_notice(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    data = tmp_path / "user"
    data.mkdir()
    (data / "settings.json").write_text("{not json", encoding="utf-8")
    (data / "history.json").write_text('{"version": 1, "history": "nonsense"}', encoding="utf-8")
    app = new_app(lang=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the app runs and says what happened, once per file
        assert any(n.startswith("settings.json could not be read") for n in notice_texts)
        assert any(n.startswith("history.json could not be read") for n in notice_texts)
        await search_for(pilot, "sekjen")
        assert results(app).hits
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) is not None
        await pilot.press("ctrl+l")
        await settle(pilot)

    # set aside, not deleted: the bad bytes are still on disk under a new name
    kept = sorted(p.name for p in data.glob("settings.corrupt-*.json"))
    assert len(kept) == 1
    assert (data / kept[0]).read_text(encoding="utf-8") == "{not json"
    assert len(list(data.glob("history.corrupt-*.json"))) == 1
    # and fresh files were written in their place
    assert json.loads((data / "settings.json").read_text(encoding="utf-8"))["version"] == 1
    assert json.loads((data / "history.json").read_text(encoding="utf-8"))["history"]


async def test_a_directory_in_place_of_a_state_file_is_not_fatal(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    data = tmp_path / "user"
    (data / "bookmarks.json").mkdir(parents=True)
    (data / "bookmarks.json" / "keep.txt").write_text("mine", encoding="utf-8")
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("bookmarks.json" in n for n in notice_texts)
        assert shown_entry(app) == ("location", "en")
        await pilot.press("m")  # cannot be saved; must not crash
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert picked_values(app) == ["location"]
    assert (data / "bookmarks.json" / "keep.txt").read_text(encoding="utf-8") == "mine"


async def test_a_state_file_from_a_newer_version_is_left_alone(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    data = tmp_path / "user"
    data.mkdir()
    newer = '{"version": 99, "bookmarks": [{"entry": "location", "lang": "en"}]}'
    (data / "bookmarks.json").write_text(newer, encoding="utf-8")
    app = new_app(entry="history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("newer aseantui" in n for n in notice_texts)
        assert [b.entry for b in app.state.bookmarks] == ["location"]
        await pilot.press("m")
        await pilot.pause()
    assert (data / "bookmarks.json").read_text(encoding="utf-8") == newer


async def test_an_empty_content_folder_is_a_notice_not_a_crash(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    empty = tmp_path / "empty"
    empty.mkdir()
    app = new_app(content=empty)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(n.startswith("no articles found in") for n in notice_texts)
        await type_text(pilot, "sekjen")
        await pilot.press("ctrl+r", "f2", "escape", "f3", "escape", "alt+1", "enter")
        await settle(pilot)
        assert app.is_running
        assert shown_entry(app) is None


async def test_a_save_that_fails_during_the_session_is_a_notice(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data dir should be", encoding="utf-8")
    app = new_app(entry="location", data_dir=blocked)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(n.startswith("cannot save history.json") for n in notice_texts)
        await pilot.press("m")
        await pilot.pause()
        assert any(n.startswith("cannot save bookmarks.json") for n in notice_texts)
        assert app.is_running
