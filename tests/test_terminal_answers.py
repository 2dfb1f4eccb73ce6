"""Answers in a real terminal: the installed `aseantui` inside tmux.

The answer card must be on screen, above the results, for a question; the
infobox beside the article when the terminal is wide and above it when it is
narrow. Expectations come from the shipped library (labels, titles), except
the answer the issue names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aseantui.content.load import Corpus, load_corpus
from aseantui.i18n import tr
from aseantui.paths import shipped_content
from tmux_support import Terminal, needs_tmux

pytestmark = needs_tmux

SECRETARY_GENERAL = "Dr. Kao Kim Hourn"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(shipped_content())


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tmux-answers-cache")


@pytest.fixture
def opened() -> Iterator[list[Terminal]]:
    terms: list[Terminal] = []
    try:
        yield terms
    finally:
        for term in terms:
            term.close()


def start(opened: list[Terminal], tmp_path: Path, cache: Path, size: tuple[int, int],
          *args: str) -> Terminal:
    term = Terminal.start(["--lang", "en", *args], size=size,
                          env={"ASEANTUI_DATA_DIR": tmp_path / "data",
                               "ASEANTUI_CACHE_DIR": cache})
    opened.append(term)
    return term


def row_of(screen: str, text: str) -> int:
    rows = screen.splitlines()
    return next(number for number, row in enumerate(rows) if text in row)


def test_the_answer_card_is_on_screen_above_the_results(
    opened: list[Terminal], tmp_path: Path, shared_cache: Path, corpus: Corpus
):
    term = start(opened, tmp_path, shared_cache, (100, 30))
    term.wait_for(lambda s: "More topics" in s and "Preparing" not in s)
    term.type_text("who leads the asean secretariat")
    screen = term.wait_for(SECRETARY_GENERAL)
    title = corpus.get("leadership", "en").title  # type: ignore[union-attr]
    screen = term.wait_for(lambda s: tr("Answer", "en") in s and title in s)
    assert row_of(screen, SECRETARY_GENERAL) < row_of(screen, "result")  # the status line
    # Enter on the card opens the entry
    term.send_keys("Down", "Enter")
    screen = term.wait_for(lambda s: tr("Key facts", "en") in s)
    assert title in screen


def test_no_card_for_a_query_without_an_answer(
    opened: list[Terminal], tmp_path: Path, shared_cache: Path
):
    term = start(opened, tmp_path, shared_cache, (100, 30))
    term.wait_for(lambda s: "More topics" in s and "Preparing" not in s)
    term.type_text("tar archive")
    screen = term.wait_for(lambda s: "result" in s)
    screen = term.wait_until_stable()
    assert tr("Answer", "en") not in screen
    assert SECRETARY_GENERAL not in screen


@pytest.mark.parametrize(("size", "beside"), [((120, 40), True), ((80, 24), False)])
def test_the_infobox_is_on_screen_for_the_leadership_entry(
    opened: list[Terminal], tmp_path: Path, shared_cache: Path, corpus: Corpus,
    size: tuple[int, int], beside: bool,
):
    article = corpus.get("leadership", "en")
    assert article is not None and article.facts
    first = article.facts[0]
    term = start(opened, tmp_path, shared_cache, size, "leadership")
    screen = term.wait_for(lambda s: tr("Key facts", "en") in s and first.label in s)
    screen = term.wait_until_stable()
    assert first.value in screen or SECRETARY_GENERAL in screen
    box_row = row_of(screen, tr("Key facts", "en"))
    label_row = screen.splitlines()[row_of(screen, first.label)]
    if beside:
        # the box's column is at the right, on the rows of the article
        assert label_row.index(first.label) > size[0] // 2
        assert box_row <= 4
    else:
        assert label_row.index(first.label) < size[0] // 2
        heading = article.headings[0].text if article.headings else article.title
        assert heading in screen
