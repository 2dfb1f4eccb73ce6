"""The answer card and the infobox, each in a small test App (Pilot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Input

from aseantui.content.load import load_corpus
from aseantui.search.answers import Answerer
from aseantui.tui.widgets.answer_card import AnswerCard
from aseantui.tui.widgets.infobox import Infobox

FACTS = Path(__file__).resolve().parent / "fixtures" / "facts"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_corpus(FACTS))


class Harness(App[None]):
    """An input, the card and the infobox; records the messages they post."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Input(id="q")
        yield AnswerCard(id="card")
        yield Infobox(id="facts")

    def on_answer_card_chosen(self, message: AnswerCard.Chosen) -> None:
        self.posted.append(message)

    def on_infobox_source_chosen(self, message: Infobox.SourceChosen) -> None:
        self.posted.append(message)


def shown_text(widget: Any) -> str:
    return str(widget.render())


async def test_the_card_shows_the_answer_and_enter_chooses_it(answerer: Answerer) -> None:
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        card = app.query_one(AnswerCard)
        assert not card.display  # nothing to answer yet
        card.show_answer(answerer.answer("siapa sekjen asean", "id"), "id")
        await pilot.pause()
        assert card.display and card.region.height >= 5
        text = shown_text(card)
        for part in ("Sekretaris Jenderal", "Dr. Kao Kim Hourn", "Sekretaris Jenderal ASEAN",
                     "per 30 November 2026", "[@sheet]"):
            assert part in text
        assert card.border_title == "Jawaban"
        card.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.posted) == 1
        chosen = app.posted[0]
        assert isinstance(chosen, AnswerCard.Chosen)
        assert (chosen.answer.entry, chosen.answer.anchor) == ("leadership", "pejabat-saat-ini")


async def test_the_card_hides_when_there_is_no_answer(answerer: Answerer) -> None:
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        card = app.query_one(AnswerCard)
        card.show_answer(answerer.answer("when was the charter signed", "en"), "en")
        await pilot.pause()
        assert card.display and "20 November 2007" in shown_text(card)
        assert card.border_title == "Answer"
        card.show_answer(answerer.answer("tar archive", "en"), "en")
        await pilot.pause()
        assert not card.display and card.answer is None
        card.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.posted == []


async def test_clicking_the_card_chooses_it(answerer: Answerer) -> None:
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        card = app.query_one(AnswerCard)
        card.show_answer(answerer.answer("where was the charter signed", "en"), "en")
        await pilot.pause()
        await pilot.click(AnswerCard)
        await pilot.pause()
        assert [m.answer.value for m in app.posted] == ["Singapore"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "first_label"), [("en", "Secretary-General"),
                                                   ("id", "Sekretaris Jenderal")])
async def test_the_infobox_lists_the_facts_with_their_citation_keys(
    lang: str, first_label: str
) -> None:
    corpus = load_corpus(FACTS)
    article = corpus.articles[("leadership", lang)]
    app = Harness()
    async with app.run_test(size=(120, 40)) as pilot:
        box = app.query_one(Infobox)
        box.show_facts(article.id, article.facts, lang)
        await pilot.pause()
        assert box.display
        assert box.option_count == len(article.facts) == 6
        first = str(box.get_option_at_index(0).prompt)
        assert first_label in first and "Dr. Kao Kim Hourn [@sheet]" in first
        assert box.border_title == ("Key facts" if lang == "en" else "Fakta utama")


async def test_enter_on_a_fact_opens_its_source() -> None:
    corpus = load_corpus(FACTS)
    article = corpus.articles[("leadership", "en")]
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one(Infobox)
        box.show_facts(article.id, article.facts, "en")
        box.focus()
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(4):
            await pilot.press("down")
        await pilot.press("enter")  # 'Appointed by', cited to the Charter
        await pilot.pause()
        chosen = [(m.entry, m.fact.key, m.source_id) for m in app.posted]  # type: ignore[attr-defined]
        assert chosen == [("leadership", "secretary-general", "sheet"),
                          ("leadership", "appointed-by", "charter-text")]


async def test_an_entry_without_facts_has_no_infobox() -> None:
    corpus = load_corpus(FACTS)
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one(Infobox)
        box.show_facts("leadership", corpus.articles[("leadership", "en")].facts, "en")
        await pilot.pause()
        assert box.display
        box.show_facts("archives", corpus.articles[("archives", "en")].facts, "en")
        await pilot.pause()
        assert not box.display and box.option_count == 0


async def test_up_and_down_leave_the_card_in_screen_order(answerer: Answerer) -> None:
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        card = app.query_one(AnswerCard)
        card.show_answer(answerer.answer("siapa sekjen asean", "id"), "id")
        corpus = load_corpus(FACTS)
        app.query_one(Infobox).show_facts("leadership",
                                          corpus.articles[("leadership", "en")].facts, "en")
        card.focus()
        await pilot.press("up")
        assert isinstance(app.focused, Input)
        card.focus()
        await pilot.press("down")
        assert isinstance(app.focused, Infobox)
