"""Long articles in the app: the reader switches to LongMarkdown, shows the top at
once, and Ctrl+Q quits while the rest is still being laid out (issues 13, 14)."""

from __future__ import annotations

import sys
from pathlib import Path

from aseantui.tui.app import make_app
from aseantui.tui.widgets.long_markdown import LongMarkdown
from test_long_markdown import ctrl_q_quits


def big_folder(root: Path, size: int = 1_900_000) -> Path:
    """A content folder with one short entry and one of about `size` bytes (the
    loader's bound is 2 MB: content.parse.MAX_BYTES)."""
    folder = root / "content"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "small.md").write_text(
        "# Small\n\nA short page that links to [the big one](big.md).\n", encoding="utf-8")
    section = ("## Part {n}\n\nParagraph {n} of a long report, with a [link](small.md) and "
               + "words " * 60 + "\n\n| a | b |\n|---|---|\n| x{n} | y{n} |\n\n")
    parts, n = ["# Big\n\nThe opening words of the big report.\n\n"], 0
    while sum(map(len, parts)) < size:
        n += 1
        parts.append(section.format(n=n))
    parts.append("## Last part\n\nThe closing words of the big report.\n")
    (folder / "en" / "big.md").write_text("".join(parts), encoding="utf-8")
    return folder


async def test_a_long_entry_is_shown_by_the_long_view_and_a_short_one_is_not(
    tmp_path: Path,
) -> None:
    folder = big_folder(tmp_path, 300_000)
    app = make_app(content=folder, entry="big", data_dir=tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            view = app.screen.query(LongMarkdown)
            if view and view.first().display and view.first().virtual_size.height:
                break
        view = app.screen.query_one(LongMarkdown)
        assert view.display
        assert "opening words of the big report" in "\n".join(
            view.line_text(y) for y in range(min(view.virtual_size.height, 20)))
        await pilot.press("G")  # the end of the document, as far as it is laid out
        await pilot.pause(0.2)
        assert view.scroll_y > 0
        from aseantui.tui.widgets.article import ArticleView

        await app.screen.open_entry("small")  # type: ignore[attr-defined]
        await pilot.pause(0.2)
        assert not view.display
        short = app.screen.query_one(ArticleView)
        assert short.display and app.focused is short
        assert "short page" in short.source


def test_ctrl_q_quits_while_a_two_megabyte_entry_is_being_laid_out(tmp_path: Path) -> None:
    folder = big_folder(tmp_path)
    env = {"ASEANTUI_DATA_DIR": str(tmp_path / "data"),
           "ASEANTUI_CACHE_DIR": str(tmp_path / "cache")}
    ctrl_q_quits([sys.executable, "-m", "aseantui", "--content", str(folder), "big"],
                 b"opening words", env)
