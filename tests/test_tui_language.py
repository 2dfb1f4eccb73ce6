"""Pilot tests of the language key: the article's twin at the same section, the interface
translated, the choice remembered, the default from the system locale."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Markdown

from aseantui.i18n import tr
from aseantui.tui.app import AseanApp
from test_tui_support import (
    footer_text,
    library,
    main_screen,
    reader,
    search_box,
    search_for,
    settle,
    shown_entry,
    status,
)

SIZE = (100, 30)
PLACEHOLDER = "Type to search in English or Indonesian, e.g. 'sekjen' or 'where is the secretariat'"


@pytest.fixture
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


@pytest.mark.parametrize("entry", ["location", "leadership"])
async def test_switching_language_opens_the_twin_at_the_same_section(
    entry: str, new_app: Callable[..., AseanApp]
):
    app = new_app(entry=entry)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sections = len(reader(app).article.section_blocks())
        assert sections >= 4
        # scroll until the reader is a few sections down
        for _ in range(40):
            if reader(app).current_section() >= 2:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        before = reader(app).current_section()
        assert before >= 2

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.lang == "id"
        assert shown_entry(app) == (entry, "id")
        assert main_screen(app).sub_title == library(app).article(entry, "id").title
        assert len(reader(app).article.section_blocks()) == sections
        assert reader(app).current_section() == before

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert shown_entry(app) == (entry, "en")
        assert reader(app).current_section() == before


async def test_switching_language_translates_the_interface(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert search_box(app).placeholder == PLACEHOLDER
        assert "Help" in footer_text(app)
        await search_for(pilot, "sekjen")
        assert "results" in status(app)

        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.lang == "id"
        assert search_box(app).placeholder == tr(PLACEHOLDER, "id") != PLACEHOLDER
        footer = footer_text(app)
        assert tr("Help", "id") in footer and tr("Language", "id") in footer
        assert "Help" not in footer.split()
        assert main_screen(app).query_one("#lang-badge").content.plain == "ID"
        # the results are searched again in Indonesian, and counted in Indonesian
        assert main_screen(app).results is not None
        assert "hasil" in status(app)

        await pilot.press("f1")
        await pilot.pause()
        assert f"# {tr('Keys', 'id')}" in app.screen.query_one(Markdown).source


async def test_home_is_translated(new_app: Callable[..., AseanApp]):
    app = new_app(lang="id")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intro = main_screen(app).query_one("#home-intro").content.plain
        assert tr("Search the ASEAN Secretariat encyclopedia", "id") in intro
        menu = main_screen(app).query_one("#home-menu")
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any(tr("Core sections", "id") in p for p in prompts)
        assert any("Lokasi" in p for p in prompts)


async def test_the_chosen_language_is_remembered(
    tmp_path: Path, new_app: Callable[..., AseanApp], english_locale: None
):
    first = new_app(lang=None)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert first.lang == "en"
        await pilot.press("ctrl+l")
        await settle(pilot)
    saved = json.loads((tmp_path / "user" / "settings.json").read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert saved["settings"]["lang"] == "id"

    second = new_app(lang=None)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.lang == "id"
        assert search_box(second).placeholder == tr(PLACEHOLDER, "id")


async def test_lang_option_wins_over_the_saved_setting(
    new_app: Callable[..., AseanApp], english_locale: None
):
    first = new_app(lang=None)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
    second = new_app(lang="en")
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.lang == "en"


async def test_the_default_language_follows_the_system_locale(
    new_app: Callable[..., AseanApp], monkeypatch: pytest.MonkeyPatch
):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    app = new_app(lang=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.lang == "id"
        assert search_box(app).placeholder == tr(PLACEHOLDER, "id")


async def test_the_theme_is_remembered(tmp_path: Path, new_app: Callable[..., AseanApp]):
    first = new_app()
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first.theme = "nord"
        await pilot.pause()
    second = new_app()
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.theme == "nord"


async def test_the_status_line_follows_the_language_while_reading(
    new_app: Callable[..., AseanApp],
):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "sekjen")
        await pilot.press("enter")
        await settle(pilot)
        assert "results" in status(app)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "hasil" in status(app) and "results" not in status(app)
