"""Pilot tests: launch, search as you type, results, did-you-mean, filters, home, palette, help."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Markdown, OptionList

from aseantui.content.model import CORE_CATEGORIES
from aseantui.i18n import category_name, tr
from aseantui.tui.app import AseanApp
from aseantui.tui.screens.help import HelpScreen
from aseantui.tui.screens.pickers import PickScreen
from aseantui.tui.widgets.search_panel import RESULTS_LIMIT
from test_tui_support import (
    hold_search,
    library,
    main_screen,
    reader,
    results,
    search_box,
    search_for,
    settle,
    shown_entry,
    status,
    type_text,
)

SIZE = (100, 30)


async def test_launch_focuses_the_search_box_and_shows_home(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert app.focused is search_box(app)
        assert screen.view == "home"
        menu = screen.query_one("#home-menu", OptionList)
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        for number, category in enumerate(CORE_CATEGORIES, 1):
            assert any(f"Alt+{number}" in label and category_name(category, "en") in label
                       for label in labels)
        assert status(app) == ""  # the index is ready, no progress line left behind


async def test_typing_shows_results_as_you_type(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "jakarta")
        expected = library(app).search("jakarta", lang="en", limit=RESULTS_LIMIT)
        assert expected.hits, "the shipped content mentions Jakarta"
        assert main_screen(app).view == "results"
        assert [h.id for h in results(app).hits] == [h.id for h in expected.hits]
        assert results(app).option_count == len(expected.hits)
        assert f"{expected.total} result" in status(app)
        assert app.focused is search_box(app), "typing never steals the focus"

        # one more keystroke: the list follows the new query
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        again = library(app).search("jakar", lang="en", limit=RESULTS_LIMIT)
        assert main_screen(app).results is not None
        assert main_screen(app).results.query == "jakar"
        assert [h.id for h in results(app).hits] == [h.id for h in again.hits]


async def test_a_query_with_no_hits_says_so(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "qqqxxzz")
        assert results(app).option_count == 0
        assert "No results for “qqqxxzz”" in status(app)


async def test_down_up_enter_and_escape(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "sekretariat")
        hits = results(app).hits
        assert len(hits) >= 2

        await pilot.press("down")
        assert app.focused is results(app)
        assert results(app).highlighted == 0
        await pilot.press("down")
        assert results(app).highlighted == 1
        await pilot.press("up")
        assert results(app).highlighted == 0
        await pilot.press("up")  # up from the first result goes back to the box
        assert app.focused is search_box(app)

        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert shown_entry(app) == (hits[1].id, "en")
        assert main_screen(app).sub_title == library(app).article(hits[1].id, "en").title

        assert reader(app).article.matches  # opened from a search: its words are marked
        await pilot.press("escape")  # the first Esc clears the marks
        assert not reader(app).article.matches
        assert app.focused is not search_box(app)
        await pilot.press("escape")  # from the article: back to the search box
        assert app.focused is search_box(app)
        assert search_box(app).value == "sekretariat"
        await pilot.press("escape")  # in the box: clear it
        await settle(pilot)
        assert search_box(app).value == ""
        assert main_screen(app).view == "home"


async def test_escape_from_the_results_returns_to_the_box_then_clears(
    new_app: Callable[..., AseanApp],
):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "sekretariat")  # no answer card: Down goes to the results
        await pilot.press("down")
        assert app.focused is results(app)
        await pilot.press("escape")
        assert app.focused is search_box(app)
        assert search_box(app).value == "sekretariat"
        await pilot.press("escape")
        await settle(pilot)
        assert search_box(app).value == ""
        assert main_screen(app).view == "home"


async def test_enter_in_the_search_box_opens_the_first_result(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "sekjen")
        first = results(app).hits[0]
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == (first.id, "en")


async def test_did_you_mean_is_accepted_with_ctrl_g(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "jakrta")
        shown = main_screen(app).results
        assert shown is not None and shown.suggestion, "a misspelt word gets a suggestion"
        suggestion = shown.suggestion
        assert f"Did you mean “{suggestion}”?" in status(app)
        assert "Ctrl+G" in status(app)

        await pilot.press("ctrl+g")
        await settle(pilot)
        assert search_box(app).value == suggestion
        assert app.focused is search_box(app)
        accepted = main_screen(app).results
        assert accepted is not None and accepted.query == suggestion
        expected = library(app).search(suggestion, lang="en", limit=RESULTS_LIMIT)
        assert [h.id for h in results(app).hits] == [h.id for h in expected.hits]


async def test_ctrl_g_without_a_suggestion_does_nothing(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "jakarta")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert search_box(app).value == "jakarta"


async def test_category_filter_from_the_keyboard(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickScreen)
        values = [row.value for row in picker.rows]
        assert values[0] == ""  # "all categories" first
        assert "leadership" in values
        for _ in range(values.index("leadership")):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)

        assert main_screen(app).panel.category == "leadership"
        expected = {a.id for a in library(app).corpus.in_lang("en") if a.category == "leadership"}
        assert {h.id for h in results(app).hits} == expected
        assert all(h.category == "leadership" for h in results(app).hits)
        assert "category: Leadership" in status(app)

        # typing keeps the filter
        await search_for(pilot, "sekjen")
        assert results(app).hits
        assert all(h.category == "leadership" for h in results(app).hits)

        # "all categories" lifts it
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).panel.category is None
        assert "category:" not in status(app)


async def test_escape_in_the_box_clears_the_query_and_the_filter(
    new_app: Callable[..., AseanApp],
):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("alt+3")  # leadership: a category with several entries
        await settle(pilot)
        assert main_screen(app).panel.category == "leadership"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert main_screen(app).panel.category is None
        assert main_screen(app).view == "home"


async def test_core_sections_are_one_key_away(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        corpus = library(app).corpus
        for number, category in enumerate(CORE_CATEGORIES, 1):
            await pilot.press(f"alt+{number}")
            await settle(pilot)
            inside = [a.id for a in corpus.in_lang("en") if a.category == category]
            assert inside, f"the shipped content has a {category} entry"
            if len(inside) == 1:
                assert shown_entry(app) == (inside[0], "en")
            else:
                assert main_screen(app).view == "results"
                assert {h.id for h in results(app).hits} == set(inside)


async def test_home_menu_opens_a_category_with_enter(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")  # into the home menu, on its first row (Location)
        await pilot.press("enter")
        await settle(pilot)
        corpus = library(app).corpus
        inside = [a.id for a in corpus.in_lang("en") if a.category == CORE_CATEGORIES[0]]
        if len(inside) == 1:
            assert shown_entry(app) == (inside[0], "en")
        else:
            assert {h.id for h in results(app).hits} == set(inside)


async def test_random_entry(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        shown = shown_entry(app)
        assert shown is not None
        assert shown[0] in library(app).corpus.ids()


async def test_command_palette_opens_an_entry(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = library(app).article("secretaries-general", "en").title
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, f"Open entry: {title}")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == ("secretaries-general", "en")


async def test_command_palette_offers_every_entry_and_the_main_actions(
    new_app: Callable[..., AseanApp],
):
    from aseantui.tui.commands import ACTIONS, AseanCommands

    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = AseanCommands(app.screen)
        found = [hit.text async for hit in provider.discover()]
        for article in library(app).corpus.in_lang("en"):
            assert f"Open entry: {article.title}" in found
        for text, _ in ACTIONS:
            assert text in found
        hits = [hit async for hit in provider.search("timeline")]
        assert any(hit.text == "Show the timeline" for hit in hits)


@pytest.mark.parametrize("label", ["Browse the categories", "Show the timeline",
                                   "Show bookmarks", "Show reading history", "Show the keys"])
async def test_each_palette_action_does_what_it_says(new_app: Callable[..., AseanApp],
                                                     label: str):
    from aseantui.tui.commands import AseanCommands

    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = [h async for h in AseanCommands(app.screen).discover() if h.text == label]
        assert len(hits) == 1
        hit = hits[0]
        before = app.screen
        result = hit.command()
        if inspect.isawaitable(result):
            await result
        await settle(pilot)
        wanted = HelpScreen if label == "Show the keys" else PickScreen
        assert app.screen is not before and isinstance(app.screen, wanted), app.screen


async def test_help_lists_the_keys(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        for key in ("F1", "Ctrl+L", "Alt+←", "Backspace", "Alt+→", "Alt+1", "Ctrl+R", "F2",
                    "F3", "F4", "F5", "Ctrl+P", "Ctrl+Q", "Ctrl+G", "Ctrl+T", "Tab",
                    "Shift+Tab", "Enter", "Esc", "/ · Ctrl+F", "n · N", "`t`", "`s`", "`m`",
                    "`c`", "`j · k`", "`Space · b`", "`g · G`", "`q`", "`1 … 4`"):
            assert key in text, key
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main_screen(app)


async def test_help_is_in_the_interface_language(new_app: Callable[..., AseanApp]):
    app = new_app(lang="id")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.query_one(Markdown).source
        assert f"# {tr('Keys', 'id')}" in text
        assert tr("Reading an entry", "id") in text
        # switching language while help is open redraws it
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "# Keys" in app.screen.query_one(Markdown).source


async def test_entry_and_language_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`aseantui leadership --lang id` goes through make_app and opens at the entry."""
    from aseantui.cli import main

    started: list[AseanApp] = []
    monkeypatch.setattr(AseanApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr("aseantui.cli._is_terminal", lambda stream: True)  # pytest captures
    assert main(["leadership", "--lang", "id"]) == 0
    (app,) = started
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.lang == "id"
        assert shown_entry(app) == ("leadership", "id")
        assert main_screen(app).sub_title == library(app).article("leadership", "id").title
        assert app.focused is reader(app).article  # the block view, or the long one


async def test_an_unknown_entry_on_the_command_line_is_a_notice(
    new_app: Callable[..., AseanApp], monkeypatch: pytest.MonkeyPatch
):
    notices: list[str] = []
    original = AseanApp.notify

    def record(self: AseanApp, message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(message)
        original(self, message, *args, **kwargs)

    monkeypatch.setattr(AseanApp, "notify", record)
    app = new_app(entry="leadershp")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(app).view == "home"
        assert any("No entry at leadershp" in n and "leadership" in n for n in notices)


ODD_TITLE = "Odd [/b] title [link='x']with[/link] [bold]brackets"


async def test_titles_are_shown_as_text_never_as_markup(
    tmp_path: Path, new_app: Callable[..., AseanApp]
):
    """Content reaches the screen as text: a title that looks like markup is shown as is."""
    from textual.content import Content

    from aseantui.tui.commands import AseanCommands
    from test_tui_support import write_mini_corpus

    content = write_mini_corpus(tmp_path / "mini")
    page = content / "en" / "location.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: Where the Secretariat is",
                                 f'title: "{ODD_TITLE}"'), encoding="utf-8")
    app = new_app(content=content)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert library(app).article("location", "en").title == ODD_TITLE
        await search_for(pilot, "jakarta")
        assert ODD_TITLE in str(results(app).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        assert main_screen(app).sub_title == ODD_TITLE
        await pilot.press("m", "f4")  # the bookmark notice and list carry the title
        await pilot.pause()
        await pilot.press("escape", "f5")
        await pilot.pause()
        await pilot.press("escape")
        provider = AseanCommands(app.screen)
        prompts = [hit.prompt async for hit in provider.discover()]
        assert any(isinstance(p, Content) and ODD_TITLE in p.plain for p in prompts)
        hits = [hit async for hit in provider.search("odd title")]
        assert any(ODD_TITLE in hit.prompt.plain for hit in hits)  # type: ignore[union-attr]
        await pilot.press("ctrl+p")
        await search_for(pilot, "odd title")
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


async def test_a_slow_search_never_freezes_typing_nor_overwrites_newer_results(
    new_app: Callable[..., AseanApp], monkeypatch: pytest.MonkeyPatch
):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hold = hold_search(monkeypatch, app, "j")  # the first keystroke's search hangs...
        await pilot.press("j")
        await type_text(pilot, "akarta")  # ...while typing goes on
        assert search_box(app).value == "jakarta"
        hold.gate.set()
        await settle(pilot)
        hold.assert_shown(app, "jakarta")


async def test_results_show_title_category_and_highlighted_terms(
    new_app: Callable[..., AseanApp],
):
    from textual.content import Content

    from aseantui.tui.widgets.results import MATCH_STYLE

    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "jakarta")
        hit = results(app).hits[0]
        prompt = results(app).get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        first_line = prompt.plain.split("\n")[0]
        assert hit.title in first_line and category_name(hit.category, "en") in first_line
        marked = [prompt.plain[s.start:s.end] for s in prompt.spans if str(s.style) == MATCH_STYLE]
        assert any("jakarta" in m.casefold() for m in marked), marked
