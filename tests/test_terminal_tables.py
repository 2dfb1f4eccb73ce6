"""A wide table in a real 80-column terminal (issue 9): the columns off screen are
signalled, and Right / `l` bring them on screen, in both article views."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from test_tui_tables import wide_folder
from tmux_support import Terminal, needs_tmux

pytestmark = needs_tmux
RIGHT = "\x1b[C"


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    try:
        yield opened
    finally:
        for term in opened:
            term.close()


@pytest.mark.parametrize("view", ["block", "long"])
def test_a_wide_table_scrolls_into_view_at_80_columns(
    view: str, tmp_path: Path, terminals: list[Terminal]
) -> None:
    folder = wide_folder(tmp_path)
    if view == "long":  # past the long view's threshold
        page = folder / "en" / "wide.md"
        page.write_text(page.read_text(encoding="utf-8")
                        + "".join(f"\n## Part {n}\n\n" + "More words of a long page. " * 40
                                  for n in range(12)), encoding="utf-8")
    term = Terminal.start(["--lang", "en", "--content", str(folder), "wide"],
                          env={"ASEANTUI_DATA_DIR": tmp_path / "data",
                               "ASEANTUI_CACHE_DIR": tmp_path / "cache"}, size=(80, 24))
    terminals.append(term)
    screen = term.wait_for("Member state")
    screen = term.wait_until_stable()
    assert "END-INDONESIA" not in screen
    sign = "┃" if view == "block" else "›"
    assert any(line.rstrip().endswith(sign) for line in screen.splitlines()
               if "Jakarta" in line), screen
    for _ in range(25):
        term.send_bytes(RIGHT)
        term.send_keys("l")
        screen = term.wait_until_stable(quiet=0.2)
        if "END-INDONESIA" in screen:
            break
    assert "END-INDONESIA" in screen and "END-THAILAND" in screen, screen
    assert "Member state" not in screen
    assert "Text after the table." in screen
