"""Pilot tests of answers in the app: the answer card atop the results, the infobox in the reader.

Expectations come from the library and its answerer (the values, labels and
anchors the core gives), except the one the issue names: the Secretary-General.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Markdown

from aseantui.i18n import tr
from aseantui.search.answers import Answerer
from aseantui.text import slugify
from aseantui.tui.app import AseanApp
from aseantui.tui.screens.sources import SourcesScreen
from aseantui.tui.widgets.answer_card import AnswerCard
from aseantui.tui.widgets.infobox import Infobox
from test_tui_support import (
    app_factory,
    library,
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
        await pilot.press("down", "escape")  # Esc on the card: back to the box
        assert app.focused is search_box(app)
        assert search_box(app).value == "who leads the asean secretariat"


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


# -- the infobox -----------------------------------------------------------------


def infobox(app: AseanApp) -> Infobox:
    return reader(app).infobox


def infobox_text(app: AseanApp) -> str:
    box = infobox(app)
    if not box.display or not box.region.height:
        return ""
    return "\n".join(str(box.get_option_at_index(i).prompt) for i in range(box.option_count))


@pytest.mark.parametrize(("size", "beside"), [((120, 40), True), ((80, 24), False)])
async def test_the_infobox_sits_beside_the_article_when_wide_above_when_narrow(
    new_app: Callable[..., AseanApp], size: tuple[int, int], beside: bool
):
    app = new_app(entry="leadership")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        facts = library(app).corpus.get("leadership", "en").facts  # type: ignore[union-attr]
        assert facts, "the leadership entry has facts"
        box = infobox(app)
        assert box.facts == facts
        assert SECRETARY_GENERAL in infobox_text(app)
        assert facts[0].label in infobox_text(app)
        assert f"@{facts[0].sources[0]}" in infobox_text(app)
        assert tr("Key facts", "en") in str(box.border_title)
        article = reader(app).scroller.region
        if beside:
            assert not box.has_class("-above")
            assert box.region.x >= article.right
            assert box.region.y == article.y
        else:
            assert box.has_class("-above")
            assert box.region.bottom <= article.y
            assert box.region.width >= article.width
        assert article.width >= 40 and article.height >= 5, "the article keeps its room"


async def test_the_infobox_speaks_the_interface_language(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership", lang="id")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        facts = library(app).corpus.get("leadership", "id").facts  # type: ignore[union-attr]
        assert facts and infobox(app).facts == facts
        assert facts[0].label in infobox_text(app)
        assert tr("Key facts", "id") in str(infobox(app).border_title)


async def test_no_infobox_on_an_entry_without_facts(new_app: Callable[..., AseanApp]):
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bare = next(a for a in library(app).corpus.in_lang("en") if not a.facts)
        await main_screen(app).open_entry(bare.id, "en")
        await settle(pilot)
        assert infobox(app).facts == ()
        assert infobox_text(app) == ""
        await pilot.press("i")  # nothing to focus
        assert app.focused is not infobox(app)


async def test_following_a_facts_citation_opens_the_source(new_app: Callable[..., AseanApp]):
    app = new_app(entry="leadership")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        assert app.focused is infobox(app)
        await pilot.press("down")
        fact = infobox(app).current
        assert fact is not None and fact.sources and fact == infobox(app).facts[1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert app.screen.focus_id == fact.sources[0]
        text = app.screen.query_one(Markdown).source
        assert f"[{fact.sources[0]}]" in text
        assert library(app).corpus.sources[fact.sources[0]].title in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main_screen(app)
        assert shown_entry(app) == ("leadership", "en")
        await pilot.press("i")  # again: back to the article
        assert app.focused is reader(app).article
