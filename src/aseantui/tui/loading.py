"""Loading the library behind the home screen: what the main screen's loader thread does.

The reader sees home and can type before any of this starts: `load` waits
until the first screen has been painted (the loading and the first paint
would otherwise share the one interpreter lock, and the paint would wait),
then imports the search stack, loads the corpus and opens the index. After
the library is handed to the screen, the home screen is saved for the next
start (`save_home`), the fact index is built (`answerer`) and what is alive is
frozen for the garbage collector (`gcfreeze.settle`).

Textual-free: plain functions the screen runs in a thread worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from aseantui import cancel
from aseantui.content.model import LANGS
from aseantui.i18n import Notice

if TYPE_CHECKING:
    from aseantui.search.answers import Answerer
    from aseantui.search.service import Library
    from aseantui.state import UserState

FIRST_PAINT_WAIT = 2.0
"""Seconds the load waits at most for the first paint (a terminal that never draws)."""


def load(factory: Callable[[], Library], *, painted: threading.Event,
         cancelled: threading.Event,
         progress: Callable[[str], None] | None = None) -> Library | None:
    """The library, loaded once `painted` is set; None if `cancelled` (the app quits).

    Cancelling stops loading and indexing at the next file or document, and
    stops the index's writer processes (aseantui.cancel). `progress` hears how far
    a first index build is (a notice at most every 0.1 s, aseantui.search.progress).
    """
    deadline = time.monotonic() + FIRST_PAINT_WAIT
    while not painted.wait(0.02):
        if cancelled.is_set():
            return None
        if time.monotonic() > deadline:
            break
    with cancel.watching(cancelled):
        try:
            library = factory()
            if progress is None:
                library.open_index()
            else:
                from aseantui.search.progress import Throttle

                library.open_index(progress=Throttle(progress))
        except cancel.Cancelled:
            return None
    return library


def answerer(library: Library) -> Answerer:
    """The fact index of the library (question answering), built after the search index."""
    from aseantui.search.answers import Answerer

    return Answerer(library.corpus, library.fact_cache)


def notices(library: Library, state: UserState) -> list[str]:
    """Messages the reader should see once: index fallbacks, unreadable state files."""
    found = list(library.index_info.notices) if library.index_info else []
    found += library.corpus.notices
    if not library.corpus.articles:
        found.append(Notice("no articles found in {folder}", folder=library.content_dir))
    if library.corpus.skipped:
        found.append(Notice("{n} broken article(s) skipped; run 'aseantui check'",
                            n=library.corpus.skipped))
    return found + state.take_notices()


def save_home(path: Path, library: Library, recent: Iterable[str]) -> None:
    """Save the home screen of every language for the next start (homecache)."""
    from aseantui.tui import homecache

    entries = list(recent)[:homecache.RECENT_TITLES]
    homecache.write(path, {lang: homecache.from_corpus(library.corpus, lang, entries)
                           for lang in LANGS})
