"""Wide tables in the reader (issue 9): they scroll sideways, by keys and by the wheel,
in both article views, with a sign where columns are off screen; none is cut."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from textual import events

from aseantui.tui.app import AseanApp, make_app
from aseantui.tui.widgets.long_markdown import LongMarkdown
from aseantui.tui.widgets.tables import ReaderTable
from test_tui_support import reader, settle

COLUMNS = ["Member state", "Joined", "Capital", "Population 2024", "Area km²", "Currency",
           "Head of state", "National secretariat", "Last column"]
ROWS = [["Indonesia", "1967", "Jakarta", "281 million", "1,904,569", "Rupiah", "President",
         "Directorate-General of ASEAN Cooperation", "END-INDONESIA"],
        ["Thailand", "1967", "Bangkok", "71 million", "513,120", "Baht", "King",
         "Department of ASEAN Affairs", "END-THAILAND"]]


def wide_folder(root: Path) -> Path:
    """A content folder whose entry `wide` has a table of about 150 columns' width."""
    table = ("| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS) + "\n"
             + "".join("| " + " | ".join(row) + " |\n" for row in ROWS))
    folder = root / "content"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "wide.md").write_text(
        "# Wide\n\nA table wider than the screen.\n\n## The table\n\n" + table
        + "\nText after the table.\n", encoding="utf-8")
    return folder


def screen_text(app: AseanApp) -> str:
    """The text on screen (from the screenshot Textual exports)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def offset(view: Any) -> float:
    """How far the table is scrolled sideways."""
    if isinstance(view, LongMarkdown):
        return view.scroll_x
    return max(table.scroll_x for table in view.query(ReaderTable))


def off_screen(view: Any) -> tuple[bool, bool]:
    """The signs shown that columns are off screen: (on the left, on the right)."""
    if isinstance(view, LongMarkdown):
        y = next(y for y in range(view.virtual_size.height) if "Jakarta" in view.line_text(y))
        text = view.render_line(y - round(view.scroll_y)).text
        return text.startswith("‹"), text.rstrip().endswith("›")
    table = view.query_one(ReaderTable)
    return table.has_class("-more-left"), table.has_class("-more-right")


def wheel(view: Any, kind: type[events.MouseEvent], *, shift: bool = False) -> None:
    """A wheel turn over the table (shift: what terminals send for Shift+wheel)."""
    target = view if isinstance(view, LongMarkdown) else view.query_one(ReaderTable)
    target.post_message(kind(target, 2, 2, 0, 0, 0, shift, False, False))


@pytest.mark.usefixtures("each_view")
async def test_a_wide_table_scrolls_sideways_by_keys_and_wheel(tmp_path: Path) -> None:
    app = make_app(content=wide_folder(tmp_path), entry="wide", lang="en",
                   data_dir=tmp_path / "user")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = reader(app).article
        assert app.focused is view
        text = screen_text(app)
        assert "Member state" in text and "END-INDONESIA" not in text
        assert offset(view) == 0 and off_screen(view) == (False, True)
        for _ in range(30):  # Right until the last column shows: nothing is cut
            await pilot.press("right")
            await pilot.pause()
            if "END-INDONESIA" in screen_text(app):
                break
        assert "END-INDONESIA" in screen_text(app) and "END-THAILAND" in screen_text(app)
        assert off_screen(view)[0]
        assert "Member state" not in screen_text(app)
        assert "Text after the table." in screen_text(app)  # the text does not move
        far = offset(view)
        await pilot.press("h")
        await pilot.pause()
        assert offset(view) < far
        for _ in range(30):
            await pilot.press("left")
        await pilot.pause()
        assert offset(view) == 0 and off_screen(view) == (False, True)

        wheel(view, events.MouseScrollDown, shift=True)
        await pilot.pause()
        assert offset(view) > 0
        moved = offset(view)
        wheel(view, events.MouseScrollRight)  # a horizontal wheel or touchpad
        await pilot.pause()
        assert offset(view) > moved


@pytest.mark.usefixtures("each_view")
async def test_left_and_right_do_nothing_without_a_wide_table(
    tmp_path: Path,
) -> None:
    folder = wide_folder(tmp_path)
    (folder / "en" / "wide.md").write_text(
        "# Narrow\n\nNo table here.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    app = make_app(content=folder, entry="wide", lang="en", data_dir=tmp_path / "user")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = reader(app).article
        before = screen_text(app)
        await pilot.press("right", "l")
        await pilot.pause()
        assert screen_text(app) == before
        if isinstance(view, LongMarkdown):
            assert view.scroll_x == 0
        else:
            assert not view.query_one(ReaderTable).wide
