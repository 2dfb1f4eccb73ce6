"""Terminal sizes: the app at 40x12 and 250x80, and resized while a search is running.

tests/test_tui_sizes.py walks every key at 40x12 with the shipped content and
resizes with an article open. Here the same flow runs at both extremes over
an entry built to stress the layout (a 200-character title, a 4,800
character line, a wide table, deep lists), and the terminal is resized while
a search is held half-way in its worker.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from aseantui.search.service import Library
from aseantui.tui.app import make_app
from test_tui_support import (
    main_screen,
    reader,
    results,
    search_for,
    settle,
    shown_entry,
    status,
    type_text,
    write_mini_corpus,
)

WIDE = """\
---
id: wide
lang: {lang}
title: {title}
category: general
summary: An entry made to stress the layout.
aliases: []
sources: []
---

## Table

| {cells} |
| {rule} |
| {values} |

## Line

{line}

## Lists

{lists}
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = write_mini_corpus(tmp_path / "content")
    for lang in ("en", "id"):
        (root / lang / "wide.md").write_text(WIDE.format(
            lang=lang,
            title="Layoutstress " + "very long title " * 12,
            cells=" | ".join(f"column {n}" for n in range(30)),
            rule=" | ".join("---" for _ in range(30)),
            values=" | ".join("x" * 20 for _ in range(30)),
            line="stretchword " * 400,
            lists="\n".join("  " * depth + f"- depth {depth}" for depth in range(15)),
        ), encoding="utf-8")
    return root


@pytest.mark.parametrize("size", [(40, 12), (250, 80)], ids=["40x12", "250x80"])
async def test_the_app_is_usable_at_both_extremes(content: Path, tmp_path: Path,
                                                  size: tuple[int, int]) -> None:
    app = make_app(content=content, data_dir=tmp_path / "user", lang="en")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search_for(pilot, "layoutstress")
        assert [hit.id for hit in results(app).hits] == ["wide"]
        assert status(app).startswith("1 result")
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == ("wide", "en")
        for keys in (["t"], ["slash"], list("stretchword"), ["enter", "n", "escape"],
                     ["end"], ["t", "f1"], ["escape", "alt+left"]):
            await pilot.press(*keys)
            await settle(pilot)
        assert app.is_running
        assert main_screen(app).view in ("results", "reader")
        await pilot.press("escape", "escape")
        await search_for(pilot, "jakarta")
        assert results(app).hits  # still searching after all that


async def test_resizing_while_a_search_is_running(content: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    entered, release = threading.Event(), threading.Event()
    real_search = Library.search

    def held_search(self: Library, *args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(timeout=30), "the test never released the search"
        return real_search(self, *args, **kwargs)

    app = make_app(content=content, data_dir=tmp_path / "user", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Library, "search", held_search)
        await type_text(pilot, "jakarta")
        for _ in range(200):  # the worker has started and holds the search
            if entered.is_set():
                break
            await pilot.pause(0.01)
        assert entered.is_set()
        for size in ((40, 12), (250, 80), (20, 6), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running
        release.set()
        await settle(pilot)
        assert results(app).hits and results(app).hits[0].id == "location"
        assert "result" in status(app)
        await pilot.press("down", "enter")  # and it is usable at the new size
        await settle(pilot)
        assert shown_entry(app) is not None
        assert reader(app).article.links
