"""Keeping long-lived objects out of the garbage collector's walks (`gc.freeze`).

A full collection walks every object the interpreter tracks. Two kinds of
them live long and hold no garbage worth looking for: what loading the
library leaves (the articles, the index; 30 ms a walk on 6,600 entries) and a
long document laid out by LongMarkdown (100-250 ms a walk at 2 MB, about once
a second while it was laid out; bench/README.md). Frozen, they are skipped;
objects made later are collected as usual. `gc.freeze` is one switch for the
whole process: each owner below gives everything back when it is done, and
the next freeze takes back what is still alive.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what loading left behind, then freeze what is alive (the loader does
    this once the library and the facts are in)."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """Give everything frozen back to the collector (the app's screen goes)."""
    gc.unfreeze()


class DocumentFreeze:
    """A long document's freeze: taken when it is laid out, given back when it goes."""

    def __init__(self) -> None:
        self._frozen = False
        self._owed = False  # a collection is owed: what was frozen has been given back

    def freeze(self) -> None:
        """Freeze what is alive now; the garbage of the document before (frozen with
        it, given back by `thaw`) is collected first."""
        if self._owed:
            self._owed = False
            gc.collect()
        gc.freeze()
        self._frozen = True

    def thaw(self) -> None:
        """Give the collector everything back (another document, or leaving)."""
        if self._frozen:
            self._frozen = False
            self._owed = True
            gc.unfreeze()
