"""Pilot tests of the reader: links by keyboard and mouse, history, find in page, sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Markdown

from aseantui.content.parse import classify_href
from aseantui.render import CITE_SCHEME, ENTRY_SCHEME
from aseantui.tui.app import AseanApp
from aseantui.tui.screens.sources import SourcesScreen
from aseantui.tui.widgets.reader_find import FindBar
from aseantui.tui.widgets.search_panel import RESULTS_LIMIT
from test_tui_support import (
    library,
    link_bar,
    link_on_screen,
    main_screen,
    match_highlight,
    reader,
    results,
    search_box,
    search_for,
    settle,
    shown_entry,
    write_mini_corpus,
)

SIZE = (100, 30)

pytestmark = pytest.mark.usefixtures("each_view")


def target_of(app: AseanApp, href: str) -> str:
    """The entry id an internal link of the entry on screen points to."""
    if href.startswith(ENTRY_SCHEME):
        return href.removeprefix(ENTRY_SCHEME)
    key = main_screen(app).article_key
    assert key is not None
    current = library(app).corpus.articles[key]
    link = classify_href(href, current.relpath)
    target = library(app).corpus.by_path[link.target]
    return target.id


def tab_order(app: AseanApp) -> list[int]:
    """Indexes (into `links`) of the links Tab visits: every link but the citations."""
    links = reader(app).article.links
    return [i for i, spot in enumerate(links) if not spot.href.startswith(CITE_SCHEME)]


def citation_order(app: AseanApp) -> list[int]:
    """Indexes of the citation links, which ] and [ visit."""
    links = reader(app).article.links
    return [i for i, spot in enumerate(links) if spot.href.startswith(CITE_SCHEME)]


def first_internal_link(app: AseanApp) -> int:
    """Index (into `links`) of the first link to another entry."""
    for index, spot in enumerate(reader(app).article.links):
        if not spot.href.startswith(CITE_SCHEME) and ":" not in spot.href.split("#")[0]:
            if target_of(app, spot.href) != shown_entry(app)[0]:  # type: ignore[index]
                return index
    raise AssertionError("the entry has no link to another entry")


async def test_search_open_follow_a_link_by_keyboard_back_and_forward(
    new_app: Callable[..., AseanApp],
):
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "sisingamangaraja")
        hits = library(app).search("sisingamangaraja", lang="en", limit=RESULTS_LIMIT).hits
        position = [h.id for h in hits].index("location")
        await pilot.press("down", *["down"] * position, "enter")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")

        # Tab through the links: each one is highlighted and named in the link bar
        index = first_internal_link(app)
        order = tab_order(app)
        for _ in range(order.index(index) + 1):
            await pilot.press("tab")
        await pilot.pause()
        spot = reader(app).article.links[index]
        target = target_of(app, spot.href)
        target_title = library(app).article(target, "en").title
        assert reader(app).article.link_index == index
        assert link_bar(app).startswith(f"Link {order.index(index) + 1}/{len(order)}: ")
        assert target_title in link_bar(app) or spot.href in link_bar(app)
        assert app.focused is reader(app).article

        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == (target, "en")
        assert main_screen(app).sub_title == target_title

        await pilot.press("alt+left")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")

        await pilot.press("backspace")
        await settle(pilot)
        assert main_screen(app).view == "results"
        assert search_box(app).value == "sisingamangaraja"
        assert [h.id for h in results(app).hits] == [h.id for h in hits]
        assert results(app).highlighted == position  # the result that was opened

        await pilot.press("alt+right")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        await pilot.press("alt+right")
        await settle(pilot)
        assert shown_entry(app) == (target, "en")
        await pilot.press("alt+right")  # nothing further ahead
        await settle(pilot)
        assert shown_entry(app) == (target, "en")


async def test_shift_tab_cycles_backwards(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    # The article as wide as at 100 columns, the infobox beside it: links on the first screen.
    async with app.run_test(size=(SIZE[0] + 40, SIZE[1])) as pilot:
        await settle(pilot)
        order = tab_order(app)
        view = reader(app).article
        await pilot.press("shift+tab")  # the last link on screen, not of the entry
        await pilot.pause()
        on_screen = [i for i in order if view.link_in_view(i)]
        assert on_screen and view.link_index == on_screen[-1]
        number = order.index(view.link_index)
        assert link_bar(app).startswith(f"Link {number + 1}/{len(order)}")
        if number > 0:
            await pilot.press("shift+tab")
            await pilot.pause()
            assert view.link_index == order[number - 1]
        await pilot.press("G", "shift+tab")  # at the end: the last link of all
        await pilot.pause()
        assert view.link_index == order[-1]
        await pilot.press("tab")  # wraps round to the first
        await pilot.pause()
        assert view.link_index == order[0]


async def test_tab_skips_citations_which_have_their_own_keys(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = reader(app).article.links
        visited = []
        for _ in tab_order(app):
            await pilot.press("tab")
            await pilot.pause()
            visited.append(links[reader(app).article.link_index].href)
        assert visited and not any(href.startswith(CITE_SCHEME) for href in visited)
        cites = citation_order(app)
        assert cites, "the entry cites its sources"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert reader(app).article.link_index == cites[1 % len(cites)]
        assert link_bar(app).startswith(f"Source {2 if len(cites) > 1 else 1}/{len(cites)}")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert reader(app).article.link_index == cites[0]


async def test_back_restores_the_section_being_read(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("pagedown")
        await settle(pilot)
        section = reader(app).current_section()
        assert section >= 1
        await main_screen(app).open_entry("history")
        await settle(pilot)
        assert reader(app).current_section() == -1  # a new entry opens at its top
        await pilot.press("alt+left")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        assert reader(app).current_section() == section


async def test_find_in_page_moves_between_matches(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = reader(app).article
        await pilot.press("slash")
        await pilot.pause()
        bar = reader(app).query_one(FindBar)
        assert bar.display and app.focused is bar

        await search_for(pilot, "jakarta")
        total = len(article.matches)
        assert total >= 3, "the location entry names Jakarta several times"
        assert article.match_index == 0
        assert link_bar(app) == f"1/{total} matches for “jakarta”"
        # every match is highlighted, the current one differently
        assert match_highlight(article, 0) == "current"

        await pilot.press("enter")  # back to the article, matches kept
        await pilot.pause()
        assert app.focused is article
        scroll = reader(app).scroller.scroll_y
        await pilot.press("n")
        await pilot.pause()
        assert article.match_index == 1
        assert link_bar(app) == f"2/{total} matches for “jakarta”"
        await pilot.press("n")
        assert article.match_index == 2
        await pilot.press("N")
        await pilot.pause()
        assert article.match_index == 1
        assert link_bar(app) == f"2/{total} matches for “jakarta”"
        await pilot.press("N", "N")  # wraps round to the last
        await pilot.pause()
        assert article.match_index == total - 1
        assert reader(app).scroller.scroll_y > scroll, "the view follows the match"

        scroll = reader(app).scroller.scroll_y
        await pilot.press("escape")  # closes the find bar, stays where it was
        await pilot.pause()
        assert not bar.display
        assert article.matches == []
        assert link_bar(app) == ""
        assert app.focused is article
        assert reader(app).scroller.scroll_y == scroll
        assert shown_entry(app) == ("location", "en")


async def test_ctrl_f_opens_find_and_escape_in_the_box_closes_it(
    new_app: Callable[..., AseanApp],
):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        bar = reader(app).query_one(FindBar)
        assert app.focused is bar
        await search_for(pilot, "zzqqxx")
        assert reader(app).article.matches == []
        assert link_bar(app) == "No matches for “zzqqxx”"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace",
                          "backspace")
        await search_for(pilot, "1981")
        assert reader(app).article.matches
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display
        assert bar.value == ""
        assert reader(app).article.matches == []
        assert app.focused is reader(app).article


async def test_external_links_are_shown_never_opened(
    tmp_path: Path, new_app: Callable[..., AseanApp], no_browser: None
):
    """A mouse click and Enter on a web link: the link bar shows it, c copies it."""
    content = write_mini_corpus(tmp_path / "mini")
    url = "https://example.org/handbook"
    app = new_app(content=content, entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        spot = link_on_screen(app, url)
        assert spot is not None, "the web link is on screen"
        await pilot.click(offset=spot)
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        assert url in link_bar(app)
        assert "not opened" in link_bar(app)
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == url

        # the same from the keyboard
        hrefs = [s.href for s in reader(app).article.links]
        for _ in range(tab_order(app).index(hrefs.index(url)) + 1):
            await pilot.press("tab")
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        assert url in link_bar(app)


@pytest.mark.parametrize("href", ["file:///etc/passwd", "javascript:alert(1)", "../../x.md"])
async def test_links_that_are_not_allowed_give_a_notice(
    href: str, new_app: Callable[..., AseanApp], no_browser: None,
    notices: list[tuple[str, str]],
):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = reader(app).article
        # exactly what Textual's Markdown posts when a link is clicked
        article.post_message(Markdown.LinkClicked(article, href))
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        assert (f"This link is not allowed: {href}", "warning") in notices


async def test_a_link_to_a_missing_entry_gives_a_notice(
    new_app: Callable[..., AseanApp], notices: list[tuple[str, str]]
):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = reader(app).article
        article.post_message(Markdown.LinkClicked(article, "no-such-entry.md"))
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")
        assert any("No entry at no-such-entry.md" in message for message, _ in notices)


async def test_clicking_a_citation_opens_the_sources(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = next(s.href for s in reader(app).article.links if s.href.startswith(CITE_SCHEME))
        source_id = first.removeprefix(CITE_SCHEME)
        spot = link_on_screen(app, first)
        assert spot is not None, "the first citation is on the first screen"
        await pilot.click(offset=spot)
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        text = app.screen.query_one(Markdown).source
        assert f"[{source_id}]" in text
        assert library(app).corpus.sources[source_id].title in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main_screen(app)
        assert shown_entry(app) == ("location", "en")


async def test_sources_key_lists_every_cited_source(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        text = app.screen.query_one(Markdown).source
        article = library(app).article("location", "en")
        for source_id in article.cited_ids():
            assert f"[{source_id}]" in text
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is main_screen(app)


async def test_contents_toggle(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        toc = reader(app).query_one("#toc")
        assert not toc.display
        await pilot.press("t")
        await pilot.pause()
        assert toc.display
        await pilot.press("t")
        await pilot.pause()
        assert not toc.display


async def test_related_and_backlinks_are_links(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hrefs = {s.href for s in reader(app).article.links}
        corpus = library(app).corpus
        for entry_id in corpus.backlinks("location"):
            assert f"{ENTRY_SCHEME}{entry_id}" in hrefs


async def test_the_link_bar_names_a_citation_by_its_source(new_app: Callable[..., AseanApp]):
    app = new_app(entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = reader(app).article.links
        index = next(i for i, s in enumerate(links) if s.href.startswith(CITE_SCHEME))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader(app).article.link_index == index
        source_id = links[index].href.removeprefix(CITE_SCHEME)
        assert library(app).corpus.sources[source_id].title in link_bar(app)
        await pilot.press("c")  # c copies the source's full reference, not an internal id
        await pilot.pause()
        source = library(app).corpus.sources[source_id]
        assert app.clipboard.startswith(source.title)
        assert source.url in app.clipboard and "cite:" not in app.clipboard


async def test_web_addresses_in_the_sources_list_are_not_opened(
    tmp_path: Path, new_app: Callable[..., AseanApp], no_browser: None
):
    content = write_mini_corpus(tmp_path / "mini")
    app = new_app(content=content, entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert "https://example.org/handbook" in app.screen.query_one(Markdown).source
        spot = link_on_screen(app, "https://example.org/handbook")
        if spot is not None:  # when the parser makes the address a link
            await pilot.click(offset=spot)
            await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert app.is_running


async def test_clicking_an_internal_link_opens_the_entry(
    tmp_path: Path, new_app: Callable[..., AseanApp], no_browser: None
):
    content = write_mini_corpus(tmp_path / "mini")
    app = new_app(content=content, entry="location")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        spot = link_on_screen(app, "history.md")
        assert spot is not None
        await pilot.click(offset=spot)
        await settle(pilot)
        assert shown_entry(app) == ("history", "en")
        await pilot.press("backspace")
        await settle(pilot)
        assert shown_entry(app) == ("location", "en")


async def test_an_entry_only_in_the_other_language(
    tmp_path: Path, new_app: Callable[..., AseanApp]
):
    content = write_mini_corpus(tmp_path / "mini")
    (content / "en" / "functions.md").unlink()
    app = new_app(content=content)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "pertemuan")
        hit = results(app).hits[0]
        assert (hit.id, hit.lang) == ("functions", "id")
        assert "[ID]" in str(results(app).get_option_at_index(0).prompt)  # language badge
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == ("functions", "id")
        assert "Not available in English; shown in Indonesian" in reader(app).article.source
