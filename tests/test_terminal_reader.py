"""The reader's keys in a real terminal: the installed `aseantui` inside tmux.

Pilot sends key names; these tests send the bytes terminals send (Alt+1 is
ESC 1, Alt+Left is ESC [1;3D) and read the screen back as text, so they catch
what only a terminal shows: an Alt key typed as "¡", a view that jumps.
Expectations come from the shipped library (titles, headings), not from prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aseantui.content.load import Corpus, load_corpus
from aseantui.content.model import CORE_CATEGORIES
from aseantui.i18n import category_name
from aseantui.paths import shipped_content
from tmux_support import Terminal, needs_tmux

pytestmark = needs_tmux

ALT = {n: f"\x1b{n}" for n in range(1, 5)}
ALT_LEFT = "\x1b[1;3D"
TAB = "\t"
ESC_DIGIT_CHARS = "¡™£¢"
WIDTH = 100


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(shipped_content())


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index cache for the module: the first start builds it, the others reuse it."""
    return tmp_path_factory.mktemp("tmux-cache")


@pytest.fixture
def start(tmp_path: Path, shared_cache: Path) -> Iterator[type[Terminal]]:
    """`start(*args)`: the app in a 100x30 tmux terminal with private data and cache dirs."""
    opened: list[Terminal] = []

    class Started(Terminal):
        @classmethod
        def run(cls, *args: str) -> Terminal:
            term = Terminal.start(["--lang", "en", *args],
                                  env={"ASEANTUI_DATA_DIR": tmp_path / "data",
                                       "ASEANTUI_CACHE_DIR": shared_cache})
            opened.append(term)
            return term

    try:
        yield Started
    finally:
        for term in opened:
            term.close()


def wait_ready(term: Terminal) -> str:
    """Wait until home is on screen with the library loaded ("More topics" needs it)."""
    return term.wait_for(lambda s: "More topics" in s and "Preparing" not in s)


def article_rows(screen: str) -> list[str]:
    """The text of the rows between the (one-line) search box and the footer, without
    the scroll bar at their right end: what the reader is reading."""
    return [row.ljust(WIDTH)[: WIDTH - 3].rstrip() for row in screen.splitlines()[2:-1]]


def article_columns(screen: str) -> list[str]:
    """`article_rows` left of the infobox (which stays put beside the article) and of
    the article's own scroll bar."""
    rows = article_rows(screen)
    edge = min((row.find(c) for row in rows for c in "╭│╰" if c in row), default=WIDTH - 1)
    return [row[: edge - 2].rstrip() for row in rows]


def wait_for_article(term: Terminal, title: str) -> str:
    """Wait until the article itself shows its title (the header shows it at once,
    before the body is laid out)."""
    return term.wait_for(lambda s: any(title in row for row in article_rows(s)))


def opened_title(corpus: Corpus, category: str) -> str:
    """What Alt+n shows: the entry's title when the category has one, else the filter."""
    entries = [a for a in corpus.in_lang("en") if a.category == category]
    if len(entries) == 1:
        return entries[0].title
    return f"category: {category_name(category, 'en')}"


def test_alt_digits_as_esc_digit_open_the_core_sections(start, corpus: Corpus) -> None:
    term = start.run()
    wait_ready(term)
    # The focus starts in the search box; a section with one entry moves it to the
    # reader, one with several to the search box again: both are covered in turn
    # as long as the sections differ in that way (the shipped ones do).
    for number, category in enumerate(CORE_CATEGORIES, 1):
        term.send_bytes(ALT[number])
        screen = term.wait_for(opened_title(corpus, category))
        assert not set(ESC_DIGIT_CHARS) & set(screen), screen
    # Alt+4 left the reader on screen (Functions has one entry): ESC 1 from the reader.
    term.send_bytes(ALT[1])
    screen = term.wait_for(opened_title(corpus, CORE_CATEGORIES[0]))
    assert not set(ESC_DIGIT_CHARS) & set(screen), screen


def test_option_digit_characters_typed_as_themselves_are_text(start, corpus: Corpus) -> None:
    """What macOS types for Option+1 … is searched for, not taken as Alt+1 …"""
    term = start.run()
    wait_ready(term)
    term.send_bytes(ESC_DIGIT_CHARS)
    term.wait_for(ESC_DIGIT_CHARS)
    term.wait_for("No results for")  # searched for as text (its results are in)
    term.send_bytes(ALT[1])  # and Alt+1 still opens the first section from the box
    screen = term.wait_for(opened_title(corpus, CORE_CATEGORIES[0]))
    assert ESC_DIGIT_CHARS + "1" not in screen


def test_digit_keys_open_core_sections_outside_text_boxes(start, corpus: Corpus) -> None:
    term = start.run("leadership")
    wait_for_article(term, corpus.articles[("leadership", "en")].title)
    term.send_keys("1")
    term.wait_for(opened_title(corpus, CORE_CATEGORIES[0]))


def test_tab_after_scrolling_keeps_the_view(start, corpus: Corpus) -> None:
    term = start.run("leadership")
    title = corpus.articles[("leadership", "en")].title
    wait_for_article(term, title)
    term.send_keys("Space", "Space")
    scrolled = term.wait_for(lambda s: title not in [r.strip() for r in article_columns(s)[:3]])
    scrolled = term.wait_until_stable()
    term.send_bytes(TAB)
    after = term.wait_for("Link ")
    before_rows, after_rows = article_rows(scrolled), article_rows(after)
    # The view stays where it was: the link chosen is the first one on screen (the
    # rows are the same text: only the marking changed), or, when none is on screen,
    # the next one below, scrolled to no further than needed. Never back to the top.
    first = next(i for i, row in enumerate(after_rows) if row)
    assert after_rows[first] in before_rows[: len(before_rows) // 2 + 1]
    assert after_rows[first].strip() != title  # not the heading at the top of the entry


def test_back_after_following_a_link_restores_the_screen(start, corpus: Corpus) -> None:
    term = start.run("leadership")
    wait_for_article(term, corpus.articles[("leadership", "en")].title)
    term.send_keys("Space")
    term.wait_until_stable()
    term.send_bytes(TAB)
    term.wait_for("Link ")
    term.send_bytes(TAB)
    before = term.wait_until_stable()
    term.send_keys("Enter")
    term.wait_for(lambda s: s != before and "Link " not in s)
    term.wait_until_stable()
    term.send_bytes(ALT_LEFT)
    # The text, not the scroll bar (its thumb shrinks while a long entry is laid out).
    term.wait_for(lambda s: article_columns(s) == article_columns(before))


def test_q_goes_back_and_j_scrolls_one_line(start, corpus: Corpus) -> None:
    term = start.run("leadership")
    wait_for_article(term, corpus.articles[("leadership", "en")].title)
    before = term.wait_until_stable()
    rows_before = article_columns(before)
    heading = next(i for i, row in enumerate(rows_before) if i and row.strip())

    def moved_up_one_line(screen: str) -> bool:
        # The first heading below the title is one row higher. (Paragraphs may re-wrap
        # when the scroll bar first appears, on some Textual versions: not compared.)
        rows = article_columns(screen)
        return rows[heading - 1] == rows_before[heading] and not rows[heading].strip()

    term.send_keys("j")
    term.wait_for(moved_up_one_line)  # fails, showing the screen, if it never happens
    term.wait_until_stable()
    term.send_bytes(TAB)
    term.wait_for("Link ")
    marked = term.wait_until_stable()
    term.send_keys("Enter")
    term.wait_for(lambda s: s != marked and "Link " not in s)
    term.send_keys("q")
    # The text, not the scroll bar: a long entry may still be laid out when `marked`
    # was taken (under load), and its thumb shrinks as the rest arrives.
    term.wait_for(lambda s: article_columns(s) == article_columns(marked))


def test_search_then_enter_shows_the_matched_word(start) -> None:
    term = start.run()
    wait_ready(term)
    term.type_text("pejambon")
    term.wait_for(lambda s: "result" in s and "No results" not in s)
    term.send_keys("Enter")

    def word_in_article(screen: str) -> bool:
        rows = [r for r in article_rows(screen) if "matches for" not in r]
        return any("pejambon" in row.casefold() for row in rows)

    term.wait_for(word_in_article)


def test_contents_by_keyboard_moves_to_a_section(start, corpus: Corpus) -> None:
    article = corpus.articles[("leadership", "en")]
    headings = [h.text for h in article.headings if h.level in (2, 3)]
    assert len(headings) >= 4, "leadership needs a few sections for this test"
    term = start.run("leadership")
    term.wait_for(article.title)
    before = term.wait_until_stable()
    term.send_keys("t")
    term.wait_for(lambda s: s != before)
    term.send_keys("Down", "Down", "Down", "Enter")
    target = headings[3]

    def at_top(screen: str) -> bool:
        rows = article_rows(screen)
        top = "\n".join(rows[:3])
        return target in top and headings[0] not in top  # and the list is closed

    term.wait_for(at_top)
