"""A screen over a library that loads behind it, after the screen is first painted.

The reader sees the screen and can type at once; the library (the corpus, the
index, then the fact index) loads in a thread (`aseantui.tui.loading`).
Whatever needs it meanwhile waits in `when_ready` and runs, in order, as soon
as it is there: no key is lost.

A subclass calls `start_loading()` when mounted and hears back through its
hooks: `painted()` (first paint), `show_progress(notice)` (a first index
build), `library_ready(library)` and `answers_ready(answerer)`; `ready()`
comes after the waiting actions ran.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

from aseantui.i18n import tr
from aseantui.tui import gcfreeze, loading

if TYPE_CHECKING:
    from aseantui.search.answers import Answerer
    from aseantui.search.service import Library
    from aseantui.tui.app import AseanApp


class LibraryScreen(Screen[None]):
    """A screen whose content comes from a library loaded in the background."""

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.library: Library | None = None
        self._painted = threading.Event()
        self._waiting: list[Callable[[], Awaitable[None]]] = []

    @property
    def asean_app(self) -> AseanApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.asean_app.lang

    def t(self, text: str, /, **values: object) -> str:
        return tr(text, self.lang, **values)

    def on_unmount(self) -> None:
        gcfreeze.release()  # what settle() froze is collectable again when the app ends

    def start_loading(self) -> None:
        """Start the loader thread; it waits for the first paint before it loads."""
        self.load_library()
        self.call_after_refresh(self._first_paint)

    def _first_paint(self) -> None:
        self._painted.set()
        self.painted()

    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        app = self.asean_app
        library = loading.load(app.library_factory, painted=self._painted,
                               cancelled=get_current_worker().cancelled_event,
                               progress=lambda notice: app.call_from_thread(
                                   self.show_progress, notice))
        if library is None:
            return  # the app is quitting
        app.call_from_thread(self._loaded, library)  # type: ignore[arg-type]
        if app.home_file is not None:  # a few ms; before the answers, so a quick quit keeps it
            recent = [visit["entry"] for visit in app.state.recent]
            loading.save_home(app.home_file, library, recent)
        # After the index: results first, then answers (no card until the facts are in).
        app.call_from_thread(self.answers_ready, loading.answerer(library))
        gcfreeze.settle()

    async def _loaded(self, library: Library) -> None:
        self.library = library
        await self.library_ready(library)
        waiting, self._waiting = self._waiting, []
        for action in waiting:  # what was asked for while the library loaded, in order
            await action()
        self.ready()

    async def when_ready(self, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` now, or once the library is ready."""
        if self.library is None:
            self._waiting.append(action)
        else:
            await action()

    # -- hooks -----------------------------------------------------------------------
    def painted(self) -> None:
        """The screen has been painted once (the loader starts now)."""

    def show_progress(self, notice: str) -> None:
        """How far a first index build is (a Notice: translate it to show it)."""

    async def library_ready(self, library: Library) -> None:
        """The library is loaded (before the actions that waited for it run)."""

    def answers_ready(self, answerer: Answerer) -> None:
        """The fact index is built (after the library)."""

    def ready(self) -> None:
        """The library is loaded and what waited for it has run."""
