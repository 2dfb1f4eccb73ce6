"""Every cache the search layer keeps between queries, owned by one object.

Tests and the benchmark start from nothing with `CACHES.clear()` instead of
reaching into module globals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

STEMS_SIZE = 500_000
"""Most Indonesian stems kept in memory."""
EXPANSIONS_SIZE = 4096
"""Most typo and prefix expansions kept per index reader."""


class SearchCaches:
    """What searching has worked out and may need again."""

    def __init__(self) -> None:
        self.stems: dict[str, str] = {}
        """Indonesian stems worked out so far, this run or (stems.py) an earlier one."""
        self.saved_stems: dict[Path, int] = {}
        """How many stems each stems file held when last read or written."""
        self.norms: WeakKeyDictionary[Any, dict[tuple[str, float, float], list[float]]] = (
            WeakKeyDictionary())
        """BM25 length normalisation of every document, per segment reader (schema.py)."""
        self.expansions: WeakKeyDictionary[Any, dict[tuple[str, str], Any]] = (
            WeakKeyDictionary())
        """Typo and prefix expansions, per index reader (query.py); dropped with the reader."""

    def expansions_of(self, reader: Any) -> dict[tuple[str, str], Any] | None:
        """The expansions memo of `reader` (None for a reader that cannot be weakly kept)."""
        try:
            memo = self.expansions.setdefault(reader, {})
        except TypeError:
            return None
        if len(memo) >= EXPANSIONS_SIZE:
            memo.clear()
        return memo

    def clear(self) -> None:
        """Forget everything, as a new process would (the analyzers' own caches too)."""
        self.stems.clear()
        self.saved_stems.clear()
        self.norms.clear()
        self.expansions.clear()
        from aseantui.search.schema import stemmed_analyzers

        stemmed_analyzers.cache_clear()


CACHES = SearchCaches()
