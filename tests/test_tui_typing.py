"""Pilot tests: what typing costs the screen (one search at a time, rows and footer kept).

They assert what happens (which texts are searched, which widgets are made
again), never how long it takes: speed lives in bench/ (`bench/worker.py keys`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from aseantui.tui.app import AseanApp
from test_tui_support import (
    footer_text,
    hold_search,
    main_screen,
    results,
    search_box,
    search_for,
    settle,
    type_text,
)

SIZE = (100, 30)
ROOT = Path(__file__).resolve().parents[1]


async def test_keys_typed_during_a_search_are_searched_once_as_the_newest_text(
    new_app: Callable[..., AseanApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hold = hold_search(monkeypatch, app, "s")  # the first key's search hangs...
        await type_text(pilot, "sekjen")  # ...while typing goes on
        assert search_box(app).value == "sekjen"
        hold.gate.set()
        await settle(pilot)
        # "se", "sek", ... were replaced by newer keys before a search was free for them
        assert hold.searched == ["s", "sekjen"]
        hold.assert_shown(app, "sekjen")


async def test_a_search_that_brings_the_same_rows_leaves_them_on_screen(
    new_app: Callable[..., AseanApp],
) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "jakarta")
        listing = results(app)
        before = [listing.get_option_at_index(i) for i in range(listing.option_count)]
        assert before
        shown = main_screen(app).results
        main_screen(app).panel.run_search()  # as when the facts are ready: the same query again
        await settle(pilot)
        assert main_screen(app).results is not shown  # searched again...
        after = [listing.get_option_at_index(i) for i in range(listing.option_count)]
        assert all(a is b for a, b in zip(before, after, strict=True))  # ...rows left be
        assert listing.highlighted == 0

        search_box(app).value = ""
        await search_for(pilot, "charter")  # other rows replace them
        assert listing.get_option_at_index(0) is not before[0]
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == [
            f"{hit.id}:{hit.lang}" for hit in listing.hits]


async def test_the_footer_is_made_again_only_when_its_keys_change(
    new_app: Callable[..., AseanApp],
) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "jakarta")
        keys = list(app.screen.query(FooterKey))
        assert keys and "Did you mean" not in footer_text(app)
        main_screen(app).panel.run_search()
        await settle(pilot)
        assert list(app.screen.query(FooterKey)) == keys  # the same widgets, not new ones
        search_box(app).value = ""
        await search_for(pilot, "jakrta")  # a misspelling: "did you mean" joins the footer
        shown = main_screen(app).results
        assert shown is not None and shown.suggestion
        assert "Did you mean" in footer_text(app)


def test_the_keystroke_benchmark_reports_shown_updated_painted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/worker.py keys on a tiny folder: per-key figures, sequential and paced."""
    monkeypatch.setenv("ASEANTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.syspath_prepend(str(ROOT))
    from bench import worker

    content = tmp_path / "content"
    content.mkdir()
    for name, words in (("tar", "Archiving utility: create and extract archives"),
                        ("git-commit", "Commit files to the repository")):
        (content / f"{name}.md").write_text(f"# {name}\n\n> {words}.\n", encoding="utf-8")
    queries = [["en", "words", "tar ex"], ["en", "words", "commit"]]
    for pace in (0, 30):
        data = tmp_path / f"data{pace}"
        result = worker.keys({"data": str(data), "content": str(content), "queries": queries,
                              "pace_ms": pace})
        assert result["timeouts"] == 0
        for measure in ("shown", "updated", "painted"):
            assert result[measure]["n"] == result["keys"], measure
        assert result["pace_ms"] == pace
        if pace == 0:  # every key waits for its own results
            assert result["keys"] == len("tarex") + 1 + len("commit")


async def test_a_key_does_not_lay_out_the_screen_again(
    new_app: Callable[..., AseanApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box's text and the rows change the scroll ranges, not the sizes: typing
    repaints the box and the list without arranging every widget again."""
    from textual.screen import Screen

    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "secretariat")  # results and their scroll bar on screen
        layouts: list[int] = []
        original = Screen._refresh_layout

        def counted(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
            layouts.append(1)
            original(self, *args, **kwargs)

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        for text in (" jakarta", " office"):
            await type_text(pilot, text)
            await settle(pilot)
        assert results(app).hits and search_box(app).value == "secretariat jakarta office"
        assert len(layouts) <= 2, f"{len(layouts)} layouts for 14 keys"


async def test_a_long_query_scrolls_the_box_to_its_cursor(new_app: Callable[..., AseanApp]
                                                          ) -> None:
    app = new_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        box = search_box(app)
        text = "where is the secretariat of the association of southeast asian nations"
        await type_text(pilot, text)
        await settle(pilot)
        assert box.virtual_size.width == len(text) + 1  # the cursor's cell after the text
        assert box.scroll_x > 0 and box.scroll_x == box.max_scroll_x
        assert box.content_region.width < len(text)
        await pilot.press("home")
        await settle(pilot)
        assert box.scroll_x == 0


async def test_the_list_scrolls_over_its_new_rows_only(new_app: Callable[..., AseanApp]) -> None:
    """Fewer rows after a key: the scroll range and the scroll bar follow the rows."""
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "asean")
        listing = results(app)
        assert listing.virtual_size.height > listing.scrollable_content_region.height
        assert listing.show_vertical_scrollbar
        await pilot.press("down")  # into the list, on its first row
        for _ in range(len(listing.hits) - 1):  # to the last row (one more wraps around)
            await pilot.press("down")
        await settle(pilot)
        assert listing.highlighted == len(listing.hits) - 1
        assert listing.scroll_y == listing.max_scroll_y > 0
        await pilot.press("escape", "escape")  # back to the box, then the box cleared
        await settle(pilot)
        assert search_box(app).value == ""
        await search_for(pilot, "pejambon ")
        assert 0 < len(listing.hits) < 5
        assert listing.virtual_size.height <= listing.scrollable_content_region.height
        assert not listing.show_vertical_scrollbar and listing.scroll_y == 0
