"""Pilot tests at the edges: the footer fits at 80 columns; a 40x12 terminal does not crash."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from aseantui.tui.app import AseanApp
from test_tui_support import (
    main_screen,
    reader,
    results,
    search_for,
    settle,
    shown_entry,
    type_text,
)


def footer_overflow(app: AseanApp) -> list[str]:
    """Why the footer does not fit, if it does not: it would scroll, or keys overlap
    (the palette key is docked on the right, on top of whatever runs under it)."""
    footer = app.screen.query_one(Footer)
    problems = []
    if footer.virtual_size.width > footer.region.width:
        problems.append(f"{footer.virtual_size.width} columns of keys in {footer.region.width}")
    keys = list(footer.query(FooterKey))
    for one, other in combinations(keys, 2):
        if one.region.overlaps(other.region):
            problems.append(f"{one.key_display} {one.description} under {other.key_display}")
    return problems


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_the_footer_fits_in_80_columns(lang: str, new_app: Callable[..., AseanApp]):
    app = new_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert footer_overflow(app) == []  # home
        await search_for(pilot, "sekjen")
        assert footer_overflow(app) == []  # results
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) is not None
        keys = " ".join(str(k.description) for k in app.screen.query(FooterKey))
        assert keys, "the reader's keys are shown"
        assert footer_overflow(app) == []  # reader, with Back available
        await pilot.press("slash")
        await pilot.pause()
        assert footer_overflow(app) == []  # reader, find bar open


async def test_the_palette_key_is_in_the_footer_when_there_is_room(
    new_app: Callable[..., AseanApp],
):
    app = new_app(entry="location")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any(k.has_class("-command-palette") for k in app.screen.query(FooterKey))
        assert footer_overflow(app) == []


async def test_a_40x12_terminal_works(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await search_for(pilot, "sekretariat jakarta")
        assert results(app).hits
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert shown_entry(app) is not None
        await pilot.press("t")  # contents beside a 40-column article
        await pilot.pause()
        await pilot.press("tab", "tab", "slash")
        await type_text(pilot, "asean")
        await pilot.press("enter", "n", "N", "escape")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "end", "home")
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape", "f1")
        await pilot.pause()
        await pilot.press("escape", "f2")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("escape", "m", "f4")
        await pilot.pause()
        await pilot.press("escape", "f5")
        await pilot.pause()
        await pilot.press("escape", "alt+left", "alt+left", "alt+right")
        await settle(pilot)
        await pilot.press("escape", "escape", "ctrl+t")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
        assert app.screen is main_screen(app)
        assert reader(app).article is not None


async def test_resizing_keeps_the_app_running(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for size in ((40, 12), (80, 24), (20, 6), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert shown_entry(app) == ("location", "en")


async def test_a_40x12_terminal_in_indonesian(new_app: Callable[..., AseanApp]):
    app = new_app(lang="id", entry="leadership")
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert shown_entry(app) == ("leadership", "id")
        await pilot.press("tab", "enter")
        await settle(pilot)
        await pilot.press("escape", "f1")
        await pilot.pause()
        await pilot.press("escape", "escape", "escape")
        await settle(pilot)
        assert main_screen(app).view == "home"
        assert app.is_running
