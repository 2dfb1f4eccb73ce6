"""The home screen as a few hundred bytes on disk, so it shows before the library loads.

Loading the corpus and opening the index must not delay the first screen.
What home shows (the folder's intro and hint, its core sections, its topics
with their counts, the titles of recent entries) is small: after each load
the app writes it to the cache folder, one file per content folder, and the
next start draws home from it at once. Home is drawn again from the corpus
as soon as the library is ready, so a stale file is corrected a moment later,
and a missing or broken one only means the plain home until then. The file is
an optimisation: nothing here raises.

Textual-free, and cheap to import (it is on the start-up path).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aseantui.content.load import Corpus

VERSION = 1
MAX_BYTES = 256_000
RECENT_TITLES = 20
"""Titles kept for this many recent entries (home lists five)."""


@dataclass(frozen=True)
class HomeData:
    """What the home screen shows in one language, without the corpus."""

    intro: str = ""
    hint: str = ""
    core: tuple[str, ...] = ()
    topics: tuple[tuple[str, int], ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    """Titles of entries in this language (recent ones), by id."""
    complete: bool = False
    """True when made from the corpus: an entry not in `titles` is not in this language."""


def from_corpus(corpus: Corpus, lang: str, entries: Iterable[str] = ()) -> HomeData:
    """Home in `lang` for `corpus`, with the titles of `entries` (the recent ones)."""
    from aseantui.content.folder import home

    about = home(corpus, lang)
    titles = {}
    for entry in entries:
        article = corpus.get(entry, lang)
        if article is not None:
            titles[entry] = article.title
    return HomeData(about.intro, about.hint, about.core, about.topics, titles, complete=True)


def home_file(cache_dir: Path, content_dir: Path) -> Path:
    """Where the home data of `content_dir` is kept."""
    key = hashlib.sha256(str(content_dir.resolve()).encode("utf-8", "replace")).hexdigest()
    return cache_dir / "home" / f"{key[:20]}.json"


def read(path: Path, lang: str) -> HomeData | None:
    """The saved home in `lang`, or None (no file, another version, anything broken)."""
    try:
        with path.open("rb") as handle:
            data = json.loads(handle.read(MAX_BYTES + 1)[:MAX_BYTES])
        about = data["langs"][lang]
        if data.get("version") != VERSION or not isinstance(about, dict):
            return None
        return HomeData(
            intro=str(about["intro"]),
            hint=str(about["hint"]),
            core=tuple(str(c) for c in about["core"]),
            topics=tuple((str(c), int(n)) for c, n in about["topics"]),
            titles={str(k): str(v) for k, v in dict(about["titles"]).items()},
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write(path: Path, homes: Mapping[str, HomeData]) -> None:
    """Save `homes` (by language) unless the file already says the same; errors are ignored."""
    langs: dict[str, Any] = {}
    for lang, about in homes.items():
        fields = asdict(about)
        fields.pop("complete")
        fields["titles"] = dict(about.titles)
        langs[lang] = fields
    text = json.dumps({"version": VERSION, "langs": langs}, ensure_ascii=False, sort_keys=True)
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        from aseantui.fsutil import atomic_write_text

        atomic_write_text(path, text)
    except (OSError, ValueError):
        pass
