"""Snapshots of home, results, reader and help, at 80x24 and 120x40, in both languages.

They run on the tiny corpus of `test_tui_support` (written to a tmp folder), not on
the shipped articles, so editing an article never changes a snapshot: only a change
in the app does. Each app gets a fresh data dir (nothing recently read), the
cursor does not blink, every worker has finished, and nothing random or timed is
on screen. Regenerate with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from aseantui.tui.app import make_app
from test_tui_support import settle, type_text, write_mini_corpus

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
QUERY = {"en": "secretariat", "id": "sekretariat"}


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Monochrome, as with NO_COLOR: meaning must not depend on colour anyway.
    monkeypatch.setenv("NO_COLOR", "1")


async def _steady(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    for search in pilot.app.query(Input):
        search.cursor_blink = False
    await pilot.pause()


def _before(view: str, lang: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot)
        if view == "results":
            await type_text(pilot, QUERY[lang])
        elif view == "help":
            await pilot.press("f1")
        elif view == "home":
            # Whether the box has the focus (and so a cursor) at this instant depends on
            # when the index worker finished: the home screen is compared without it.
            pilot.app.set_focus(None)
        await _steady(pilot)

    return run_before


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("view", ["home", "results", "reader", "help"])
def test_snapshot(view: str, lang: str, size: str, tmp_path: Path, snap_compare: Any) -> None:
    content = write_mini_corpus(tmp_path / "content")
    app = make_app(
        content=content,
        entry="location" if view == "reader" else None,
        lang=lang,
        data_dir=tmp_path / "user",
    )
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_before(view, lang))
