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
from aseantui.i18n import category_name, tr
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


@pytest.mark.parametrize(("lang", "question"), [
    ("en", "who leads the asean secretariat"),
    ("id", "siapa sekjen asean"),
])
def test_the_answer_card_is_on_screen_above_the_results(
    opened: list[Terminal], tmp_path: Path, shared_cache: Path, corpus: Corpus,
    lang: str, question: str,
):
    term = start(opened, tmp_path, shared_cache, (100, 30), "--lang", lang)
    preparing = tr("Preparing the search index…", lang)
    term.wait_for(lambda s: tr("More topics", lang) in s and preparing not in s)
    term.type_text(question)
    screen = term.wait_for(SECRETARY_GENERAL)
    entry = corpus.get("leadership", lang)
    assert entry is not None
    title = entry.title
    first_hit = f"{title}  {category_name(entry.category, lang)}"  # a result's first line
    screen = term.wait_for(lambda s: tr("Answer", lang) in s and first_hit in s)
    card_end = row_of(screen, tr("Enter: open the entry", lang))
    assert row_of(screen, tr("Answer", lang)) < row_of(screen, SECRETARY_GENERAL) < card_end
    assert card_end < row_of(screen, first_hit), "the card comes before any result"
    # Enter on the card opens the entry
    term.send_keys("Down", "Enter")
    screen = term.wait_for(lambda s: tr("Key facts", lang) in s)
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
    heading = next(h.text for h in article.headings if h.level >= 2)
    shown = (tr("Key facts", "en"), first.label, tr("Enter: open the source", "en"), heading)
    term = start(opened, tmp_path, shared_cache, size, "leadership")
    term.wait_for(lambda s: all(text in s for text in shown))
    screen = term.wait_until_stable()
    assert SECRETARY_GENERAL in screen
    box_end = row_of(screen, tr("Enter: open the source", "en"))
    label_row = screen.splitlines()[row_of(screen, first.label)]
    heading_row = row_of(screen, heading)
    if beside:  # the box's column is at the right, beside the article's first section
        assert label_row.index(first.label) > size[0] // 2
        assert heading_row < box_end
        assert screen.splitlines()[heading_row].index(heading) < size[0] // 2
    else:  # a full-width box, then the article
        assert label_row.index(first.label) < size[0] // 4
        assert box_end < heading_row
