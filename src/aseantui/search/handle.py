"""The index handle: open (build, update, copy or reuse), fall back, lock, stems.

One per Library. It opens the index through IndexStore (store.py), loads and
saves the Indonesian stems (stems.py), keeps one searcher, and rebuilds the
index (in memory if the disk lets it down) when it fails while searching.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aseantui.content.files import Stamps
from aseantui.i18n import Notice
from aseantui.search import fresh, stems
from aseantui.search.schema import Ranking
from aseantui.search.store import MULTIPROCESS_MIN, IndexInfo, IndexStore

Entries = Callable[[], tuple[dict[str, str], Callable[[str], dict[str, Any]]]]
"""What to index: (entry id -> digest, a function making an entry's document)."""
Seen = Callable[[], tuple[Stamps | None, int]]
"""The stamps of the article files the entries were read from, and how many were skipped."""
Progress = Callable[[str, int, int], None]
"""Told (phase, done, total) while the index is made: phase "parse" (articles parsed),
"index" (documents written)."""


class IndexHandle:
    """The search index of one content folder, opened once and shared by threads."""

    def __init__(self, content_dir: Path, cache_dir: Path | None, prebuilt: Path | None,
                 entries: Entries, *, seen: Seen | None = None,
                 quick: Callable[[], bool] | None = None) -> None:
        self.content_dir = content_dir
        self.cache_dir = cache_dir
        self.prebuilt = prebuilt
        self._entries = entries
        self._seen = seen
        self._quick = quick
        """True when opening should first try the stamps alone (fresh.py): the articles
        are not loaded yet, and may never need to be."""
        self.skipped: int | None = None
        """Articles skipped as broken, when the index was opened from stamps alone."""
        self.ix: Any = None
        self._searcher: Any = None
        self.lock = threading.RLock()
        """Held while opening, searching or rebuilding: one thing at a time."""
        self.info: IndexInfo | None = None

    def open(self, *, rebuild: bool = False, progress: Progress | None = None) -> IndexInfo:
        """Open (building or updating as needed) the index; safe to call again."""
        with self.lock:
            if self.ix is not None and not rebuild:
                assert self.info is not None
                return self.info
            saved_stems = self.cache_dir / stems.FILE if self.cache_dir else None
            if not stems.load(saved_stems) and self.prebuilt is not None:
                stems.load(self.prebuilt / stems.FILE)
            store = IndexStore(self.cache_dir, self.content_dir, self.prebuilt)
            self.close()
            if not rebuild and self._quick is not None and self._quick():
                opened = fresh.open_fresh(store, self.content_dir)
                if opened is not None:
                    self.ix, self.info, self.skipped = opened
                    return self.info
            digests, make = self._entries()
            self.ix, self.info = store.open(
                digests, make, rebuild=rebuild,
                progress=(lambda done, total: progress("index", done, total)) if progress
                else None)
            if self._seen is not None:
                articles, skipped = self._seen()
                if articles is not None:
                    fresh.remember(store, self.info, articles, skipped)
            if self.info.action != "reused":  # indexing met new words
                if self.info.action == "built" and len(digests) >= MULTIPROCESS_MIN:
                    stems.learn(self.ix)  # sub-processes did the stemming
                stems.save(saved_stems)
            return self.info

    def searcher(self) -> Any:
        with self.lock:
            if self.ix is None:
                self.open()
            if self._searcher is None:
                self._searcher = self.ix.searcher(weighting=Ranking())
            return self._searcher

    def close(self) -> None:
        """Close the searcher (the index stays open)."""
        with self.lock:
            if self._searcher is not None:
                try:
                    self._searcher.close()
                except Exception:  # noqa: BLE001
                    pass
                self._searcher = None

    def rebuild(self, reason: str) -> str:
        """The index failed while searching: rebuild it, in memory if the disk lets us down.

        Returns the notice that says so.
        """
        with self.lock:
            self.close()
            self.ix = None
            info = self.open(rebuild=True)
            where = "in memory" if info.in_memory else "on disk"
            notice = Notice(
                f"the search index could not be read ({{reason}}); it was rebuilt {where}",
                reason=reason)
            info.notices.append(notice)
            return notice

    def works(self) -> bool:
        """True when the index reads back intact, so a failed search was not its fault."""
        with self.lock:
            self.close()
            info = self.info
            try:
                if info is not None and not info.in_memory:
                    store = IndexStore(self.cache_dir, self.content_dir)
                    manifest = store.read_manifest()
                    if manifest is None or manifest.get("build") != Path(info.location).name:
                        return False
                    if not store.intact(manifest, full=True):
                        return False
                searcher = self.searcher()
                expected = info.entries if info is not None else searcher.doc_count()
                return bool(searcher.doc_count() == expected)
            except Exception:  # noqa: BLE001 - anything wrong here means the index is at fault
                return False
