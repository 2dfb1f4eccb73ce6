"""Helpers shared by the app's Pilot and snapshot tests (this module has no tests).

The Pilot tests run the shipped content through `make_app`, the factory the
command line uses; their expectations come from the library itself (titles,
ids, counts), not from prose that editors may change.
"""

from __future__ import annotations

import shutil
import textwrap
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from aseantui.search.service import Library
from aseantui.tui.app import AseanApp, make_app
from aseantui.tui.screens.main import MainScreen
from aseantui.tui.widgets.reader import Reader
from aseantui.tui.widgets.results import ResultsList
from conftest import SHIPPED


def app_factory(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AseanApp]:
    """`make_app` with a per-test user data dir (the same one for every app of a test,
    so a second app is a restart) and the interface in English unless told otherwise.

    The index cache is shared by the session (it is built once, not once per test);
    each test module wraps this in its own `new_app` fixture.
    """
    monkeypatch.setenv("ASEANTUI_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "index"))

    def make(**options: Any) -> AseanApp:
        options.setdefault("lang", "en")
        options.setdefault("data_dir", tmp_path / "user")
        return make_app(**options)

    return make


async def settle(pilot: Pilot[Any]) -> None:
    """Let searches, entry loads and the refreshes they schedule finish (no sleeps)."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def main_screen(app: AseanApp) -> MainScreen:
    screen = app.main_screen()
    assert screen is not None
    return screen


def library(app: AseanApp) -> Library:
    lib = main_screen(app).library
    assert lib is not None, "the library has not loaded"
    return lib


def search_box(app: AseanApp) -> Input:
    return main_screen(app).query_one("#search", Input)


def status(app: AseanApp) -> str:
    return main_screen(app).query_one("#status", Static).content.plain  # type: ignore[union-attr]


def link_bar(app: AseanApp) -> str:
    bar = main_screen(app).query_one("#link-bar", Static)
    return bar.content.plain if bar.display else ""  # type: ignore[union-attr]


def reader(app: AseanApp) -> Reader:
    return main_screen(app).query_one(Reader)


def results(app: AseanApp) -> ResultsList:
    return main_screen(app).query_one(ResultsList)


def shown_entry(app: AseanApp) -> tuple[str, str] | None:
    """(id, lang) of the entry in the reader, or None when the reader is not shown."""
    screen = main_screen(app)
    return screen.article_key if screen.view == "reader" else None


def footer_text(app: AseanApp) -> str:
    """The keys the footer shows, as one line of text."""
    from textual.widgets._footer import FooterKey

    keys = app.screen.query(FooterKey)
    return " ".join(f"{k.key_display} {k.description}".strip() for k in keys)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*[("space" if c == " " else c) for c in text])


async def search_for(pilot: Pilot[Any], text: str) -> None:
    """Type `text` into the focused widget and wait until what it started has finished."""
    await type_text(pilot, text)
    await settle(pilot)


def link_on_screen(app: AseanApp, href: str) -> tuple[int, int] | None:
    """Screen cell of the first visible link to `href` (what a mouse would click)."""
    action = f"link({href!r})"
    width, height = app.size
    for y in range(height):
        for x in range(width):
            if app.screen.get_style_at(x, y).meta.get("@click") == action:
                return x, y
    return None


# -- a tiny bilingual corpus, for snapshots that must not move when articles are edited

MINI_SOURCES = """\
sources:
  - id: handbook
    kind: reference
    title: "A Handbook of the Secretariat"
    publisher: Test Press
    language: en
    date: "2020"
    url: https://example.org/handbook
    description: {en: "An invented handbook.", id: "Buku pegangan rekaan."}
    reliability: {en: "Invented for the tests.", id: "Dibuat untuk pengujian."}
"""

MINI_TIMELINE = """\
events:
  - date: "1976-02-24"
    entry: history
    en: The Secretariat is founded.
    id: Sekretariat didirikan.
    sources: [handbook]
  - date: "1981"
    entry: location
    en: The Secretariat moves into its own building.
    id: Sekretariat pindah ke gedungnya sendiri.
    sources: [handbook]
"""

# id -> category, (en title, en summary, en body), (id title, id summary, id body)
MINI_ENTRIES: dict[str, tuple[str, tuple[str, str, str], tuple[str, str, str]]] = {
    "location": ("location", (
        "Where the Secretariat is",
        "The Secretariat works from an office in South Jakarta.",
        """
        ## Address

        The office is in South Jakarta [@handbook]. See also the
        [history](history.md) and the [handbook site](https://example.org/handbook).

        | item | detail |
        |---|---|
        | City | Jakarta |
        | Since | 1981 |

        ## Getting there

        Visitors come by bus or train; the station is a short walk away.
        """), (
        "Letak Sekretariat",
        "Sekretariat berkantor di Jakarta Selatan.",
        """
        ## Alamat

        Kantornya ada di Jakarta Selatan [@handbook]. Lihat juga
        [sejarahnya](history.md) dan [situs buku pegangan](https://example.org/handbook).

        | hal | keterangan |
        |---|---|
        | Kota | Jakarta |
        | Sejak | 1981 |

        ## Cara ke sana

        Pengunjung datang dengan bus atau kereta; stasiunnya dekat.
        """)),
    "history": ("history", (
        "History of the Secretariat",
        "The Secretariat was founded by an agreement signed in 1976.",
        """
        ## Founding

        The agreement that founded the Secretariat was signed in 1976 [@handbook].
        It has worked from its [present office](location.md) since 1981.
        """), (
        "Sejarah Sekretariat",
        "Sekretariat didirikan dengan persetujuan yang ditandatangani pada 1976.",
        """
        ## Pendirian

        Persetujuan pendirian Sekretariat ditandatangani pada 1976 [@handbook].
        Sejak 1981 ia bekerja dari [kantornya sekarang](location.md).
        """)),
    "leadership": ("leadership", (
        "The Secretary-General",
        "The Secretary-General heads the Secretariat for a five-year term.",
        """
        ## Term

        The Secretary-General serves one five-year term [@handbook].
        """), (
        "Sekretaris Jenderal",
        "Sekretaris Jenderal memimpin Sekretariat selama lima tahun.",
        """
        ## Masa jabatan

        Sekretaris Jenderal menjabat satu kali selama lima tahun [@handbook].
        """)),
    "functions": ("functions", (
        "What the Secretariat does",
        "The Secretariat coordinates meetings and monitors decisions.",
        """
        ## Tasks

        It prepares meetings and follows up their decisions [@handbook].
        """), (
        "Tugas Sekretariat",
        "Sekretariat mengoordinasikan pertemuan dan memantau keputusan.",
        """
        ## Tugas

        Ia menyiapkan pertemuan dan menindaklanjuti keputusannya [@handbook].
        """)),
}


def write_mini_corpus(root: Path) -> Path:
    """Write the tiny corpus under `root` and return `root`."""
    (root / "en").mkdir(parents=True, exist_ok=True)
    (root / "id").mkdir(parents=True, exist_ok=True)
    (root / "sources.yaml").write_text(MINI_SOURCES, encoding="utf-8")
    (root / "timeline.yaml").write_text(MINI_TIMELINE, encoding="utf-8")
    # the shipped content's description of itself: title, home text, core sections
    shutil.copyfile(SHIPPED / "aseantui.yaml", root / "aseantui.yaml")
    for entry_id, (category, *versions) in MINI_ENTRIES.items():
        for lang, (title, summary, body) in zip(("en", "id"), versions, strict=True):
            front = (
                f"---\nid: {entry_id}\nlang: {lang}\ntitle: {title}\n"
                f"category: {category}\nsummary: {summary}\naliases: []\n"
                "sources: [handbook]\n---\n"
            )
            text = front + textwrap.dedent(body)
            (root / lang / f"{entry_id}.md").write_text(text, encoding="utf-8")
    return root


def match_highlight(article: Any, index: int) -> str:
    """How find match `index` of the reader's view is highlighted: "current", "match" or ""
    (from the block's styled text, or from the painted line of the long view)."""
    from aseantui.tui.widgets.article import CURRENT_MATCH_STYLE, MATCH_STYLE, ArticleView

    if isinstance(article, ArticleView):
        spot = article.matches[index]
        styles = {str(span.style) for span in spot.block.content.spans
                  if span.start == spot.start and span.end == spot.end}
        return ("current" if CURRENT_MATCH_STYLE in styles
                else "match" if MATCH_STYLE in styles else "")
    y, x0, x1 = article.matches[index][0]
    strip = article.render_line(y - article.scroll_offset.y).crop(x0, x1)
    looks = {(s.style.bold, s.style.underline, s.style.reverse) for s in strip if s.style}
    return ("current" if looks == {(True, True, True)}
            else "match" if looks and all(u and r for _, u, r in looks) else "")


@dataclass
class HeldSearch:
    """The library's search, hanging on `held` until `gate` is set (`hold_search`)."""

    held: str
    original: Callable[..., Any]
    gate: threading.Event = field(default_factory=threading.Event)
    searched: list[str] = field(default_factory=list)
    """Every text searched for, in order."""

    def search(self, text: str, **options: Any) -> Any:
        self.searched.append(text)
        if text == self.held:
            self.gate.wait(10)
        return self.original(text, **options)

    def assert_shown(self, app: AseanApp, text: str) -> None:
        """The results on screen are those of `text`, as the real search ranks them."""
        from aseantui.tui.widgets.search_panel import RESULTS_LIMIT

        shown = main_screen(app).results
        assert shown is not None and shown.query == text
        expected = self.original(text, lang="en", limit=RESULTS_LIMIT)
        assert [h.id for h in results(app).hits] == [h.id for h in expected.hits]


def hold_search(monkeypatch: pytest.MonkeyPatch, app: AseanApp, held: str) -> HeldSearch:
    """Make the app's search for `held` hang until the test sets the gate."""
    lib = library(app)
    hold = HeldSearch(held, lib.search)
    monkeypatch.setattr(lib, "search", hold.search)
    return hold
