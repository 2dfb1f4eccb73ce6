"""Pilot tests of answers in the app: the answer card atop the results, the infobox in the reader.

Expectations come from the library and its answerer (the values, labels and
anchors the core gives), except the one the issue names: the Secretary-General.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aseantui.i18n import tr
from aseantui.search.answers import Answerer
from aseantui.text import slugify
from aseantui.tui.app import AseanApp
from aseantui.tui.widgets.answer_card import AnswerCard
from test_tui_support import (
    app_factory,
    main_screen,
    reader,
    results,
    search_box,
    search_for,
    settle,
    shown_entry,
)

SIZE = (100, 30)
SECRETARY_GENERAL = "Dr. Kao Kim Hourn"


@pytest.fixture
def new_app(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AseanApp]:
    return app_factory(tmp_path, tmp_path_factory, monkeypatch)


def card(app: AseanApp) -> AnswerCard:
    return main_screen(app).query_one("#answer", AnswerCard)


def card_text(app: AseanApp) -> str:
    shown = card(app)
    return shown.content.plain if shown.display and shown.region.height else ""  # type: ignore[union-attr]


def answerer(app: AseanApp) -> Answerer:
    found = main_screen(app).panel.answerer
    assert found is not None, "the facts are indexed once the library has loaded"
    return found


@pytest.mark.parametrize(("lang", "question"), [
    ("en", "who leads the asean secretariat"),
    ("id", "siapa sekjen asean"),
])
async def test_a_question_shows_the_answer_card_above_the_results(
    new_app: Callable[..., AseanApp], lang: str, question: str
):
    app = new_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, question)
        assert results(app).hits, "the question finds entries too"
        assert SECRETARY_GENERAL in card_text(app)
        answer = card(app).answer
        assert answer is not None and answer.lang == lang
        assert answer.label in card_text(app)
        assert tr("Answer", lang) in str(card(app).border_title)
        # above the first result
        assert card(app).region.bottom <= results(app).region.y
        assert app.focused is search_box(app), "the card never steals the focus"


async def test_no_card_when_no_fact_answers(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "who leads the asean secretariat")
        assert card_text(app)
        await pilot.press(*["backspace"] * len("who leads the asean secretariat"))
        await search_for(pilot, "tar archive")
        assert answerer(app).answer("tar archive", "en") is None
        assert card(app).answer is None
        assert card_text(app) == ""
        assert not card(app).display or card(app).region.height == 0


async def test_keys_reach_the_card_between_the_box_and_the_results(
    new_app: Callable[..., AseanApp],
):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "who leads the asean secretariat")
        await pilot.press("down")
        assert app.focused is card(app)
        await pilot.press("down")
        assert app.focused is results(app)
        assert results(app).highlighted == 0
        await pilot.press("up")
        assert app.focused is card(app)
        await pilot.press("up")
        assert app.focused is search_box(app)


async def test_enter_on_the_card_opens_the_entry_at_the_fact(new_app: Callable[..., AseanApp]):
    question = "when was asean established"
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = answerer(app).answer(question, "en")
        assert expected is not None and expected.anchor, "a fact stated below the top"
        await search_for(pilot, question)
        shown = card(app).answer
        assert shown is not None
        assert (shown.entry, shown.key, shown.anchor) == (expected.entry, expected.key,
                                                          expected.anchor)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert shown_entry(app) == (expected.entry, expected.lang)
        view = reader(app)
        blocks = view.article.section_blocks()
        wanted = [block for _, label, block in view.article.table_of_contents
                  if block is not None and slugify(label) == expected.anchor]
        assert wanted and wanted[0] in blocks
        assert view.scroller.scroll_y > 0
        assert view.current_section() == blocks.index(wanted[0])
        assert card_text(app) == "", "no card over the reader"
        # Back returns to the question and its answer
        await pilot.press("alt+left")
        await settle(pilot)
        assert main_screen(app).view == "results"
        assert card(app).answer == shown


async def test_the_card_opens_the_top_when_the_fact_has_no_section(
    new_app: Callable[..., AseanApp],
):
    question = "when was the charter signed"
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = answerer(app).answer(question, "en")
        assert expected is not None and expected.anchor == "", "a fact stated before any heading"
        await search_for(pilot, question)
        await pilot.click(card(app))
        await settle(pilot)
        assert shown_entry(app) == (expected.entry, expected.lang)
        assert reader(app).scroller.scroll_y == 0
