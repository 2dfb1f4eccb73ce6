"""Pilot tests of the reader's keys and places (issue 9): what Pilot can press.

The same behaviours are driven through a real terminal in test_terminal_reader.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList

from aseantui.content.model import CORE_CATEGORIES
from aseantui.tui.app import AseanApp
from aseantui.tui.screens.pickers import PickScreen
from aseantui.tui.widgets.contents import Contents
from test_tui_support import (
    footer_text,
    library,
    link_bar,
    main_screen,
    reader,
    search_box,
    search_for,
    settle,
    shown_entry,
)

SIZE = (100, 30)


def section_shown(app: AseanApp, number: int) -> bool:
    """Core section `number` is on screen: its entry if it has one, else its list."""
    category = CORE_CATEGORIES[number]
    entries = [a.id for a in library(app).corpus.in_lang("en") if a.category == category]
    if len(entries) == 1:  # its entry, with the focus (keys go to the reader)
        return shown_entry(app) == (entries[0], "en") and app.focused is reader(app).article
    return main_screen(app).view == "results" and main_screen(app).panel.category == category


async def test_alt_digits_open_sections_and_never_type(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is search_box(app)
        await pilot.press("alt+1")  # what ESC 1 is read as (terminal_input.esc_digits_as_alt)
        await settle(pilot)
        assert search_box(app).value == ""
        assert section_shown(app, 0)
        await main_screen(app).open_entry("leadership")
        await settle(pilot)
        for number in [0, 1, 2, 3, 0]:
            await pilot.press(f"alt+{number + 1}")
            await settle(pilot)
            assert section_shown(app, number)
            assert search_box(app).value == ""


async def send_bytes(pilot: Pilot[None], data: str) -> None:
    """What a terminal sends, read by Textual's own parser as the app reads it
    (Pilot's press gives "¡" no character)."""
    parser = XTermParser(debug=False)
    for event in [*parser.feed(data), *parser.feed("")]:
        pilot.app.post_message(event)
        await pilot.pause()


@pytest.fixture
def esc_digits_as_alt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's parser table as `aseantui` runs it; restored after the test."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    from aseantui.tui import terminal_input

    for sequence in terminal_input.ESC_DIGITS:
        monkeypatch.setitem(ANSI_SEQUENCES_KEYS, sequence, ANSI_SEQUENCES_KEYS[sequence])
    assert len(terminal_input.esc_digits_as_alt()) == 10


def test_esc_digit_is_read_as_alt_digit(esc_digits_as_alt: None) -> None:
    def keys(data: str) -> list[tuple[str, str | None]]:
        parser = XTermParser(debug=False)
        return [(e.key, e.character) for e in [*parser.feed(data), *parser.feed("")]
                if isinstance(e, events.Key)]

    read = [key for data in ("\x1b1", "\x1b4", "¡", "\x1bx", "\x1b") for key in keys(data)]
    assert read == [("alt+1", "1"), ("alt+4", "4"), ("inverted_exclamation_mark", "¡"),
                    ("alt+x", "x"), ("escape", "\x1b")]


async def test_option_digit_characters_are_text_in_the_boxes(
        new_app: Callable[..., AseanApp], esc_digits_as_alt: None):
    """"¡ ™ £ ¢" typed as themselves (Option+digit on macOS) are text; ESC 1 is Alt+1."""
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send_bytes(pilot, "¡™£¢")
        await settle(pilot)
        assert search_box(app).value == "¡™£¢"
        assert main_screen(app).view != "reader"
        await send_bytes(pilot, "\x1b1")
        await settle(pilot)
        assert section_shown(app, 0)
        assert "1" not in search_box(app).value
        await main_screen(app).open_entry("leadership")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await send_bytes(pilot, "£¢")
        await settle(pilot)
        find = reader(app).query_one("FindBar", Input)
        assert app.focused is find and find.value == "£¢"
        assert shown_entry(app) == ("leadership", "en")


async def test_digits_open_sections_outside_text_boxes_and_type_inside(
    new_app: Callable[..., AseanApp]
):
    app = new_app(entry="leadership")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert section_shown(app, 0)
        await pilot.press("escape")
        await search_for(pilot, "1976")
        assert search_box(app).value == "1976"  # typed, not taken as keys


async def test_backspace_in_the_search_box_deletes_and_never_goes_back(
    new_app: Callable[..., AseanApp]
):
    app = new_app(entry="leadership")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")  # a second entry: there is somewhere to go back to
        await settle(pilot)
        await pilot.press("escape")
        await search_for(pilot, "abc")
        await pilot.press("backspace")
        await settle(pilot)
        assert search_box(app).value == "ab"
        assert main_screen(app).view == "results"
        await pilot.press("escape", "escape")  # out of the box: to the results, then clear
        await settle(pilot)
        main_screen(app).set_focus(main_screen(app).query_one("#home-menu"))
        await pilot.press("backspace")  # outside a text box Backspace is back
        await settle(pilot)
        assert shown_entry(app) == ("leadership", "en")


@pytest.mark.usefixtures("each_view")
async def test_back_and_forward_restore_the_exact_place(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app)
        view.scroller.scroll_to(y=17, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("tab", "tab")
        await pilot.pause()
        place = view.place()
        assert place.link >= 0
        await pilot.press("enter")
        await settle(pilot)
        followed = shown_entry(app)
        assert followed not in (None, ("leadership", "en"))
        view.scroller.scroll_to(y=5, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("alt+left")
        await settle(pilot)
        assert shown_entry(app) == ("leadership", "en")
        assert reader(app).place() == place
        assert link_bar(app).startswith("Link ")
        await pilot.press("alt+right")  # forward: where the link led, as it was left
        await settle(pilot)
        assert shown_entry(app) == followed
        assert round(reader(app).scroller.scroll_y) == 5


@pytest.mark.usefixtures("each_view")
async def test_tab_starts_from_the_links_on_screen(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership")
    # The article as wide as at 100 columns, the infobox beside it: links on the first screen.
    async with app.run_test(size=(SIZE[0] + 40, SIZE[1])) as pilot:
        await settle(pilot)
        view = reader(app)
        view.scroller.scroll_to(y=40, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert round(view.scroller.scroll_y) == 40  # the view did not jump
        chosen = view.article.link_index
        assert view.article.link_in_view(chosen)
        earlier = [n for n, s in enumerate(view.article.links[:chosen])
                   if not s.href.startswith("cite:")]
        assert all(not view.article.link_in_view(n) for n in earlier)
        await pilot.press("shift+tab", "shift+tab")
        await pilot.pause()
        assert round(view.scroller.scroll_y) <= 40


@pytest.mark.usefixtures("each_view")
async def test_contents_by_keyboard(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = reader(app)
        keys_before = footer_text(app)
        await pilot.press("t")
        await pilot.pause()
        contents = view.query_one(Contents)
        assert contents.display and app.focused is contents
        article = library(app).article("leadership", "en")
        headings = [h.text for h in article.headings if h.level in (2, 3)]
        labels = [option.prompt.plain.strip() for option in contents.options]  # type: ignore[union-attr]
        assert labels[: len(headings)] == headings  # whole labels, never cut
        assert view.scroller.size.width >= 70  # covered, not squeezed
        await pilot.press("escape")  # closing leaves view and footer as they were
        await pilot.pause()
        assert not contents.display and app.focused is view.article
        assert footer_text(app) == keys_before
        assert view.scroller.scroll_y == 0
        await pilot.press("t", "down", "down", "enter")
        await settle(pilot)
        assert view.current_section() == 2


@pytest.mark.usefixtures("each_view")
async def test_a_search_hit_opens_at_the_matched_words(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "pejambon")
        await pilot.press("enter")
        await settle(pilot)
        article = reader(app).article
        assert article.matches
        assert all(article.match_text(n).casefold() == "pejambon"
                   for n in range(len(article.matches)))
        assert article.match_in_view(0)
        assert "pejambon" in link_bar(app)
        if len(article.matches) > 1:
            await pilot.press("n")
            await pilot.pause()
            assert article.match_index == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not article.matches and link_bar(app) == ""


@pytest.mark.usefixtures("each_view")
async def test_a_search_marks_stems_by_the_search_analysis(new_app: Callable[..., AseanApp]):
    app = new_app(lang="id")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "pejabat")
        await pilot.press("enter")
        await settle(pilot)
        article = reader(app).article
        marked = {article.match_text(n).casefold() for n in range(len(article.matches))}
        assert "pejabat" in marked or any("jabat" in word for word in marked)
        assert len(marked) >= 1


@pytest.mark.usefixtures("each_view")
async def test_less_keys_scroll_and_q_goes_back(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        scroller = reader(app).scroller
        await pilot.press("j", "j")
        await pilot.pause()
        assert scroller.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert scroller.scroll_y == 1
        await pilot.press("space")
        await pilot.pause()
        assert scroller.scroll_y > 10
        await pilot.press("b")
        await pilot.pause()
        assert scroller.scroll_y < 10
        await pilot.press("G")
        await pilot.pause()
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroller.scroll_y == 0
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert shown_entry(app) == ("leadership", "en")


async def test_the_footer_shows_the_keys_of_what_has_focus(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Contents" in footer_text(app)
        await pilot.press("f1")
        await pilot.pause()
        keys = footer_text(app)
        assert "Close" in keys and "Contents" not in keys and "Find" not in keys
        await pilot.press("escape", "f4")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert "Close" in footer_text(app) and "Contents" not in footer_text(app)


@pytest.mark.usefixtures("each_view")
async def test_c_copies_a_command_or_a_url(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = library(app).article("leadership", "en").title
        await pilot.press("c")  # no link selected: the entry itself
        await pilot.pause()
        assert app.clipboard == f"{title} — aseantui show leadership"
        await pilot.press("tab")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "aseantui show " in app.clipboard or app.clipboard.startswith("http")
        assert ".md" not in app.clipboard


async def test_bookmark_count_and_undo(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await main_screen(app).open_entry("history")
        await settle(pilot)
        await pilot.press("m", "f4")
        await pilot.pause()
        title = app.screen.query_one("#pick-title").content.plain  # type: ignore[attr-defined]
        assert "(2)" in title
        await pilot.press("d")
        await pilot.pause()
        assert "(1)" in app.screen.query_one("#pick-title").content.plain  # type: ignore[attr-defined]
        assert [b.entry for b in app.state.bookmarks] == ["history"]
        await pilot.press("u")
        await pilot.pause()
        assert "(2)" in app.screen.query_one("#pick-title").content.plain  # type: ignore[attr-defined]
        assert sorted(b.entry for b in app.state.bookmarks) == ["history", "location"]
        assert app.screen.query_one(OptionList).option_count == 2


async def test_entries_open_by_alias_in_any_case(new_app: Callable[..., AseanApp]):
    app = new_app(entry="SEKJEN")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_entry(app) == ("leadership", "en")


async def test_indonesian_lists_and_commands(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership", lang="id")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Textual's own commands, whatever their English titles in the installed
        # version, all come out in Indonesian.
        english = [(c.title, c.help) for c in App.get_system_commands(app, app.screen)]
        shown = [(c.title, c.help) for c in app.get_system_commands(app.screen)]
        assert len(shown) == len(english) >= 3
        for (title, help_text), (en_title, en_help) in zip(shown, english, strict=True):
            assert title != en_title and help_text != en_help, en_title
        await pilot.press("f3")
        await pilot.pause()
        labels = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any(label.endswith("-an") for label in labels)
        assert not any(label.endswith("0s") for label in labels)
        await pilot.press("escape", "m", "f4")
        await pilot.pause()
        prompt = str(app.screen.query_one(OptionList).options[0].prompt)
        assert library(app).article("leadership", "id").title in prompt


@pytest.mark.usefixtures("each_view")
async def test_the_timeline_opens_the_entry_at_the_event(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickScreen)
        row = next(r for r in screen.rows if r.value and "#" in r.value)
        entry, _, anchor = row.value.partition("#")  # type: ignore[union-attr]
        screen.dismiss(row.value)
        await settle(pilot)
        assert shown_entry(app) is not None and shown_entry(app)[0] == entry  # type: ignore[index]
        assert reader(app).current_section() >= 0 or reader(app).scroller.scroll_y > 0
        assert anchor


async def test_keys_can_be_remapped_from_keymap_json(
    tmp_path: Path, new_app: Callable[..., AseanApp]
):
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "keymap.json").write_text(json.dumps({"reader.bookmark": "B"}))
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert app.state.bookmarks == []
        await pilot.press("B")
        await pilot.pause()
        assert [b.entry for b in app.state.bookmarks] == ["location"]


async def test_keys_and_theme_come_from_the_configuration_file(
    tmp_path: Path, new_app: Callable[..., AseanApp], notice_texts: list[str]
):
    (tmp_path / "config.toml").write_text(
        'theme = "nord"\ncolour = 1\n[keys]\n"reader.bookmark" = "B"\n', encoding="utf-8")
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert any("unknown setting 'colour'" in text for text in notice_texts)
        await pilot.press("B")
        await pilot.pause()
        assert [b.entry for b in app.state.bookmarks] == ["location"]


async def test_help_lists_every_reader_key(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.query_one(Markdown).source
        for key in ("`j · k`", "`Space · b`", "`g · G`", "`q`", "`m`", "`t`", "`u`", "`1 … 4`",
                    "`← → · h l`"):
            assert key in text


def test_the_readme_names_every_binding_id() -> None:
    from textual.binding import Binding

    from aseantui.tui import app, keys  # noqa: F401 - the modules that bind keys
    from aseantui.tui.screens import help, main, pickers, sources
    from aseantui.tui.widgets import article, contents, reader, search_panel

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    classes = [app.AseanApp, main.MainScreen, help.HelpScreen, pickers.PickScreen,
               sources.SourcesScreen, article.ArticleView, contents.Contents, reader.Reader,
               reader.FindBar, search_panel.SearchPanel]
    ids = {b.id for cls in classes for b in cls.BINDINGS if isinstance(b, Binding) and b.id}
    assert len(ids) > 30
    missing = [i for i in sorted(ids)
               if f"`{i}`" not in readme and not i.startswith("core.")]
    assert not missing
    assert "`core.1` … `core.4`" in readme and "`core.1.key` …" in readme
