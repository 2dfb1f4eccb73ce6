"""The long-document view: big and hostile articles open at once and never block the app.

Behaviour only (what is on screen, what can be reached, what is posted);
speed is measured in bench/ (`python bench/run.py --only articles`).
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import on
from textual.app import App, ComposeResult
from textual.message import Message

from aseantui.content.parse import markdown_parser, parse_article
from aseantui.tui.longdoc.split import HARD, split
from aseantui.tui.widgets.long_markdown import (
    LONG_DOCUMENT_CHARS,
    MAX_CONTENTS,
    LongMarkdown,
    contents,
    use_long_view,
)

SIZE = (100, 30)
PATIENCE = 300.0
"""Seconds before a test calls a layout hung (a guard, not a speed check)."""


def article(size: int) -> str:
    """A realistic article of about `size` characters: sections, lists, a table, links."""
    parts, number, total = [], 0, 0
    while total < size:
        parts.append(
            f"## Section {number}\n\n"
            f"Paragraph {number} about the [Secretariat](entry:history) in Jakarta, founded "
            f"in 1976 [[facts]](cite:facts), with **bold** and *italic* words and `code`.\n\n"
            f"- a point with a [link {number}](member-states.md#founders)\n- another point\n\n"
            f"| year | event |\n|---|---|\n| {1967 + number % 50} | [summit](asean-summit.md) |\n\n"
        )
        total += len(parts[-1])
        number += 1
    return "# Long article\n\n" + "".join(parts) + "The very last words.\n"


def link_count(markdown: str) -> int:
    return sum(1 for token in markdown_parser().parse(markdown) for child in token.children or ()
               if child.type == "link_open")


class Viewer(App[None]):
    """A bare app around one LongMarkdown that records what it posts."""

    def __init__(self, markdown: str = "") -> None:
        super().__init__()
        self.markdown = markdown
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield LongMarkdown(self.markdown, id="article")

    def on_mount(self) -> None:
        self.query_one(LongMarkdown).focus()

    @on(LongMarkdown.LinkClicked)
    @on(LongMarkdown.LinkFocused)
    @on(LongMarkdown.MatchesChanged)
    @on(LongMarkdown.TableOfContentsUpdated)
    def _record(self, message: Message) -> None:
        self.posted.append(message)


def on_screen(view: LongMarkdown) -> str:
    return "\n".join(view.render_line(y).text
                     for y in range(view.scrollable_content_region.height))


async def laid_out(pilot: object, view: LongMarkdown) -> None:
    deadline = time.monotonic() + PATIENCE
    while not view.complete:
        assert time.monotonic() < deadline, "the layout never finished"
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


# -- cutting into pieces --------------------------------------------------------------------
def test_pieces_cut_at_block_ends_give_back_the_document() -> None:
    text = article(60_000)
    pieces = split(text)
    assert len(pieces) > 5
    assert "".join(p.text for p in pieces) == text
    assert all(not p.joined and not p.raw for p in pieces)
    assert all(len(p.text) <= HARD for p in pieces)


def test_a_huge_table_is_cut_into_tables_that_repeat_the_header() -> None:
    rows = "".join(f"| cell {i} | [go](x{i}.md) |\n" for i in range(5_000))
    pieces = split("| Name | Where |\n|---|---|\n" + rows)
    assert len(pieces) > 3
    assert all(p.text.startswith("| Name | Where |\n|---|---|\n") for p in pieces)
    assert [p.repeats_header for p in pieces] == [False] + [True] * (len(pieces) - 1)


def test_a_huge_fence_is_reopened_and_brackets_are_not_parsed() -> None:
    code = "```\n" + "x = 1\n" * 10_000 + "```\n"
    pieces = split(code)
    assert all(p.text.startswith("```") and p.text.rstrip().endswith("```") for p in pieces)
    brackets = split("![" * 100_000)
    assert sum(p.raw for p in brackets) >= len(brackets) - 1  # a short tail may be parsed


async def test_headings_and_anchors_agree_with_check(tmp_path: Path) -> None:
    text = article(30_000) + "\n## Section 3\n\nA second heading with the same title.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    parsed, _ = parse_article(path, "en/a.md")
    assert parsed is not None
    async with Viewer(text).run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        # The opening "# Long article" is the article's title for `check`, not a heading.
        assert [(h.level, h.slug) for h in view.headings[1:]] == [(h.level, h.slug)
                                                                   for h in parsed.headings]
        assert view.goto_anchor("section-3-1")
        await pilot.pause()
        y = view.headings[-1].y
        assert view.render_line(y - view.scroll_y).text.strip() == "Section 3"


# -- big documents open at once, and all of them can be reached ----------------------------------
@pytest.mark.parametrize("name", ["article-2mb", "one-line-1.9mb", "brackets-2mb",
                                  "headings-20000", "table-150kb"])
async def test_big_documents_show_their_top_at_once_and_reach_their_end(name: str) -> None:
    text, top, tail = {
        "article-2mb": ("", "Long article", "The very last words."),
        "one-line-1.9mb": ("start " + "lorem ipsum dolor " * 105_000 + "finis", "start lorem",
                           "dolor finis"),
        "brackets-2mb": ("![" * 1_000_000, "![![![", "![![![![![![![![![!["),
        "headings-20000": ("".join(f"## Heading {i}\n\nText {i}.\n\n" for i in range(20_000)),
                           "Heading 0", "Text 19999."),
        "table-150kb": ("| Name | Where |\n|---|---|\n"
                        + "".join(f"| row {i} | [go](x{i}.md) |\n" for i in range(4_000)),
                        "Name", "row 3999"),
    }[name]
    text = text or article(2_000_000)
    async with Viewer().run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(LongMarkdown)
        await pilot.pause()
        view.update(text)
        assert top in on_screen(view)  # painted from the first piece, before the rest
        await laid_out(pilot, view)
        await pilot.press("end")
        await pilot.pause()
        assert tail in on_screen(view)
        links = link_count(text) if name == "article-2mb" else 4_000 if name == "table-150kb" else 0
        assert len(view.links) == links
        if name == "headings-20000":
            assert len(view.headings) == 20_000
            toc = [m for m in pilot.app.posted
                   if isinstance(m, LongMarkdown.TableOfContentsUpdated)][-1]
            assert toc.table_of_contents == view.table_of_contents[:MAX_CONTENTS]
            assert view.goto_anchor("heading-12345")
            assert on_screen(view).lstrip().startswith("Heading 12345")
        if name == "table-150kb":
            lines = [view.line_text(y) for y in range(view.virtual_size.height)]
            assert sum(line.startswith("Name ") for line in lines) == 1
        await pilot.press("ctrl+q")
    assert not pilot.app.is_running


async def test_a_new_document_while_one_is_laid_out_replaces_it() -> None:
    async with Viewer(article(2_000_000)).run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(LongMarkdown)
        await pilot.pause()
        small = article(20_000)
        view.update(small)
        await laid_out(pilot, view)
        await pilot.pause(0.2)  # batches from the first document may still be queued
        assert len(view.links) == link_count(small)
        lines = [view.line_text(y) for y in range(view.virtual_size.height)]
        assert "Section 200" not in "\n".join(lines)


# -- what the reader relies on --------------------------------------------------------------------
async def test_links_are_reached_by_keyboard_and_followed() -> None:
    text = article(40_000)
    async with Viewer(text).run_test(size=SIZE) as pilot:
        app, view = pilot.app, pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        assert len(view.links) == link_count(text)
        await pilot.press("tab", "tab")
        focused = [m for m in app.posted if isinstance(m, LongMarkdown.LinkFocused)]
        assert [m.index for m in focused] == [0, 1]
        assert focused[-1].href == "member-states.md#founders" and focused[-1].text == "link 0"
        await pilot.press("enter")
        await pilot.pause()
        clicked = [m for m in app.posted if isinstance(m, LongMarkdown.LinkClicked)]
        assert [m.href for m in clicked] == ["member-states.md#founders"]
        await pilot.press("right_square_bracket")
        assert view.selected_href == "cite:facts"
        for _ in range(60):  # far down the document: the view follows the selection
            await pilot.press("tab")
        y = view.links[view.link_index].parts[0][0]
        assert view.scroll_y <= y < view.scroll_y + view.scrollable_content_region.height


async def test_tab_starts_from_the_screen_and_a_link_can_be_restored() -> None:
    async with Viewer(article(40_000)).run_test(size=SIZE) as pilot:
        app, view = pilot.app, pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        view.scroll_to(y=300, animate=False)
        await pilot.pause()
        await pilot.press("tab")
        assert view.links[view.link_index].parts[0][0] >= 300  # not back to the top
        view.select_link(3)
        await pilot.pause()
        assert view.link_index == 3 and view.scroll_y == 300  # selected without scrolling
        focused = [m for m in app.posted if isinstance(m, LongMarkdown.LinkFocused)]
        assert focused[-1].href == view.links[3].href


async def test_a_click_on_a_link_posts_link_clicked() -> None:
    async with Viewer("Go to [the history](entry:history) now.\n").run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        y, x0, _ = view.links[0].parts[0]
        await pilot.click(LongMarkdown, offset=(x0 + 2, y))  # +1 for the left padding
        await pilot.pause()
        clicked = [m for m in pilot.app.posted if isinstance(m, LongMarkdown.LinkClicked)]
        assert [m.href for m in clicked] == ["entry:history"]


async def test_find_counts_every_match_and_steps_through_them() -> None:
    text = article(50_000)
    async with Viewer(text).run_test(size=SIZE) as pilot:
        app, view = pilot.app, pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        expected = text.count("Jakarta")
        assert view.find("jakarta") == expected > 100
        await pilot.press("n", "n", "N")
        changed = [m for m in app.posted if isinstance(m, LongMarkdown.MatchesChanged)]
        assert [m.index for m in changed][-4:] == [0, 1, 2, 1]
        assert changed[-1].total == expected
        y = view.matches[1][0][0]
        assert view.scroll_y <= y < view.scroll_y + view.scrollable_content_region.height
        assert "Jakarta" in view.render_line(y - view.scroll_y).text
        assert view.find("") == 0


async def test_sections_contents_and_a_resize_keep_the_place() -> None:
    async with Viewer(article(60_000)).run_test(size=SIZE) as pilot:
        app, view = pilot.app, pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        toc = [m for m in app.posted if isinstance(m, LongMarkdown.TableOfContentsUpdated)]
        assert toc and toc[-1].table_of_contents[1][:2] == (2, "Section 0")
        view.goto_section(40)
        await pilot.pause()
        assert view.current_section() == 40
        view.goto_block(view.section_blocks()[7])
        await pilot.pause()
        assert view.current_section() == 7
        view.goto_section(40)
        await pilot.pause()
        await pilot.resize_terminal(60, 30)
        await laid_out(pilot, view)
        assert view.current_section() == 40
        assert all(cell_len(view.line_text(y)) <= 60 for y in range(view.virtual_size.height))


def test_a_table_of_contents_too_long_for_a_tree_keeps_the_upper_levels() -> None:
    table = [(1, "Title", "heading-0")] + [
        (2 + n % 3, f"H {n}", f"heading-{n + 1}") for n in range(900)]
    kept = contents(table, limit=400)
    assert [entry[0] for entry in kept] == [1] + [2] * 300
    assert contents(table[:50]) == table[:50]


async def test_a_document_given_while_hidden_is_laid_out_when_shown() -> None:
    async with Viewer().run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(LongMarkdown)
        view.display = False
        await pilot.pause()
        view.update(article(30_000))
        view.scroll_to_line(10_000)  # past the first piece: kept until laid out
        view.goto_section(20)  # as the reader restores a section (the last wish counts)
        await pilot.pause()
        view.display = True
        await laid_out(pilot, view)
        assert view.current_section() == 20


def test_the_threshold_policy() -> None:
    assert not use_long_view("short")
    assert use_long_view("x" * LONG_DOCUMENT_CHARS)


# -- a real process quits while a long document is laid out ---------------------------------------
def ctrl_q_quits(argv: list[str], marker: bytes, env: dict[str, str] | None = None) -> bytes:
    """Run `argv` in a pty until `marker` is shown, send Ctrl+Q, and check that it exits.

    Returns what was shown. The timeouts only stop a hung test: 60 s to show
    the marker, 10 s to exit.
    """
    master, slave = pty.openpty()
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
                **(env or {})}
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=full_env,
                               close_fds=True)
    os.close(slave)
    seen = b""

    def read(wait: float) -> None:
        nonlocal seen
        if select.select([master], [], [], wait)[0]:
            try:
                seen += os.read(master, 65536)
            except OSError:
                pass

    try:
        deadline = time.monotonic() + 60
        while marker not in seen and process.poll() is None and time.monotonic() < deadline:
            read(0.5)
        assert marker in seen, seen[-2000:]
        os.write(master, b"\x11")  # Ctrl+Q
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            read(0.2)
        assert process.poll() is not None, "Ctrl+Q did not end the app"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(master)
    return seen


def test_ctrl_q_quits_while_a_2mb_article_is_being_laid_out(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text(article(2_000_000), encoding="utf-8")
    ctrl_q_quits([sys.executable, "-m", "aseantui.tui.longdoc.demo", str(path)],
                 b"Long article")


# -- the garbage collector ------------------------------------------------------------------
async def test_a_long_document_is_kept_out_of_the_collector_until_the_next_one() -> None:
    import gc

    app = Viewer(article(200_000))
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        assert view.virtual_size.height > 2_000
        assert gc.get_freeze_count() > 0  # the laid-out document is frozen
        view.update("# Short\n\nA short page.\n")
        await laid_out(pilot, view)
        assert gc.get_freeze_count() == 0  # given back: the next collection can free it
    gc.unfreeze()


async def test_a_link_chosen_before_the_end_is_counted_against_every_link() -> None:
    """Back restores the selected link while the entry is laid out again: its "n/total"
    must not stay at the number of links laid out so far."""
    text = article(2_000_000)
    async with Viewer(text).run_test(size=SIZE) as pilot:
        app, view = pilot.app, pilot.app.query_one(LongMarkdown)
        await pilot.pause()
        view.select_link(0)
        await pilot.pause()
        early = [m for m in app.posted if isinstance(m, LongMarkdown.LinkFocused)][-1]
        assert not view.complete
        await laid_out(pilot, view)
        last = [m for m in app.posted if isinstance(m, LongMarkdown.LinkFocused)][-1]
        assert early.total < last.total
        assert last.index == 0 and last.total == sum(
            1 for link in view.links if not link.href.startswith("cite:"))


async def test_text_is_painted_in_the_text_colour_and_bullets_in_theirs() -> None:
    """A line's prefix (bullet, quote bar, indent) has its own style; the words after it
    keep the text colour (they once took the bullet's colour: dark blue on black)."""
    async with Viewer("Plain words here.\n\n- listed item\n").run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(LongMarkdown)
        await laid_out(pilot, view)
        text_colour = view.rich_style.color
        bullet = view.get_component_rich_style("long-markdown--bullet", partial=True).color
        assert bullet is not None and bullet != text_colour

        def colour_of(word: str) -> object:
            row = next(y for y in range(view.virtual_size.height) if word in view.line_text(y))
            return next(s.style.color for s in view.render_line(row) if word in s.text)

        assert colour_of("Plain") == text_colour
        assert colour_of("listed") == text_colour
        row = next(y for y in range(view.virtual_size.height) if "listed" in view.line_text(y))
        assert any(s.style.color == bullet for s in view.render_line(row) if s.text.strip())
