"""Indonesian stems remembered from one run to the next.

Sastrawi stems a word it has not seen in about 0.2 ms of pure Python. Every
start re-learned the stems of every word it met: the first searches of a
session spent most of their time stemming the articles they showed (for the
snippets), up to half a second for the first keystroke. The stems worked out
while indexing are kept in the cache dir, next to the index, and loaded
when the index is opened; the wheel ships those of the shipped content.

The file is only an optimisation: unreadable, garbled or from another
version, it is ignored (and rewritten after the next build).
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Any

from aseantui.fsutil import atomic_write_text, read_bytes
from aseantui.search import analysis
from aseantui.search.caches import CACHES

FILE = "stems-id.json"
VERSION = 1
MAX_BYTES = 64_000_000
"""Largest stems file read (analysis.ID_STEMS_SIZE stems of ~40 bytes: 20 MB)."""

def load(path: Path | None) -> int:
    """Add the stems saved in `path` to what this run knows; how many were read."""
    if path is None:
        return 0
    try:
        # One flat mapping (checked below): json's own nesting limit is enough.
        data = json.loads(read_bytes(path, MAX_BYTES))
    except (OSError, ValueError, RecursionError):
        return 0
    stems = data.get("stems") if isinstance(data, dict) and data.get("version") == VERSION \
        else None
    if not isinstance(stems, dict):
        return 0
    valid = {w: s for w, s in stems.items() if isinstance(w, str) and isinstance(s, str)}
    for word, stem in valid.items():
        CACHES.stems.setdefault(word, stem)
    CACHES.saved_stems[path] = len(valid)
    return len(valid)


def save(path: Path | None) -> bool:
    """Write what this run knows to `path` if it knows more than the file; False if not written."""
    known = CACHES.stems
    if path is None or len(known) <= CACHES.saved_stems.get(path, 0):
        return False
    try:
        atomic_write_text(path, json.dumps({"version": VERSION, "stems": known},
                                           ensure_ascii=False, sort_keys=True))
    except OSError:
        return False  # only costs speed next time
    CACHES.saved_stems[path] = len(known)
    return True


def learn(ix: Any, limit: int = 200_000) -> None:
    """Stem every word of an index's vocabulary now, once.

    For builds by Whoosh's multi-process writer, whose sub-processes did the
    stemming: without this the stems would be learned again while searching.
    """
    with ix.reader() as reader:
        if not reader.doc_frequency("langs", "id"):
            return  # no Indonesian article: nothing will be stemmed as Indonesian
        for word in islice(reader.lexicon("plain"), limit):
            analysis.stem_id(word.decode("utf-8") if isinstance(word, bytes) else str(word))
