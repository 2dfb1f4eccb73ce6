"""Start-up in a real terminal: the installed `aseantui` inside tmux.

Home shows (from what the previous start saved) and takes keys before the
library has loaded; what is typed at once is kept and answered.
Expectations come from the shipped library, not from prose.
"""

from __future__ import annotations

from pathlib import Path

from aseantui.content.load import load_corpus
from aseantui.paths import shipped_content
from aseantui.tui import homecache
from tmux_support import Terminal, needs_tmux

pytestmark = needs_tmux


def test_typing_at_once_is_kept_and_answered(tmp_path: Path) -> None:
    corpus = load_corpus(shipped_content())
    intro = homecache.from_corpus(corpus, "en").intro
    leadership = corpus.get("leadership", "en")
    assert leadership is not None
    env = {"ASEANTUI_DATA_DIR": tmp_path / "data", "ASEANTUI_CACHE_DIR": tmp_path / "cache"}
    with Terminal.start(["--lang", "en"], env=env) as first:  # builds the index, saves home
        first.wait_for(lambda s: "More topics" in s and "Preparing" not in s)
        saved = homecache.home_file(tmp_path / "cache", shipped_content())
        first.wait_for(lambda _: saved.is_file())
    with Terminal.start(["--lang", "en"], env=env) as second:
        second.wait_for(intro)  # the first screen, whether or not the library is in yet
        second.type_text("sekjen")
        screen = second.wait_for(lambda s: "result" in s and leadership.title in s)
        assert "sekjen" in screen
        assert "Preparing" not in screen
