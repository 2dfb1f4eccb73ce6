"""Is the index still current? Answered from file stamps, without reading the articles.

Whether an index holds what a folder says is known for sure only from the
articles' digests, that is after reading and parsing (or loading the parse
cache of) every file: 0.5-1 s for 6,600 files, where a search takes
milliseconds. So next to the manifest, `fresh.json` records what the last
run saw: the stamp (size, times, inode) of every article file, of every file
of the index, the build and fingerprint they went with, and how many
articles were skipped as broken. When the folder's stamps are exactly the
recorded ones, the index is the one to use, as is; when anything differs the
caller takes the long way (load the corpus, compare digests) and records
again.

As in the parse cache (content/cache.py), a stamp proves nothing about a
change made within the same clock tick as it was taken: only stamps taken
`RACY_NS` after the file's last change count. The index files' own stamps
stand in for their SHA-256 (checked by `IndexStore.intact` whenever the
stamps do not match), so a current index opens without reading it whole.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aseantui.content.files import Stamps, restamp
from aseantui.content.model import PARSE_VERSION
from aseantui.fsutil import Stamp, atomic_write_text, read_bytes, stamp
from aseantui.search.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from aseantui.search.store import IndexInfo, IndexStore

FILE = "fresh.json"
VERSION = 1
MAX_BYTES = 256_000_000
RACY_NS = 3_000_000_000
"""A stamp taken less than this after the file's last change does not count
(coarse file system times: FAT has 2 s, some network file systems 1 s)."""


@dataclass
class Record:
    """What a run saw: the folder's and the index's stamps, and the build they go with."""

    build: str
    fingerprint: str
    schema: int
    articles: Stamps
    index: Stamps
    skipped: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"version": VERSION, "parse": PARSE_VERSION, "schema": self.schema,
                "build": self.build, "fingerprint": self.fingerprint,
                "skipped": self.skipped,
                "articles": {"taken_at": self.articles.taken_at, "files": self.articles.files},
                "index": {"taken_at": self.index.taken_at, "files": self.index.files}}


def _stamps(data: Any) -> Stamps:
    """Stamps as read back. Values are not checked one by one: `trusted` compares them with
    real stamps, which anything else never equals."""
    if not isinstance(data, dict) or not isinstance(data.get("taken_at"), int) \
            or not isinstance(data.get("files"), dict):
        raise ValueError("not stamps")
    return Stamps(data["taken_at"], data["files"])


def read(base: Path) -> Record | None:
    """The record kept in the index folder `base`, if there is a usable one."""
    try:
        # Flat data of known shape (checked below): no deeper than 4 levels.
        data = json.loads(read_bytes(base / FILE, MAX_BYTES))
        if not isinstance(data, dict) or data.get("version") != VERSION \
                or data.get("parse") != PARSE_VERSION:
            return None
        build, fingerprint, schema = data["build"], data["fingerprint"], data["schema"]
        skipped = data.get("skipped", 0)
        if not (isinstance(build, str) and isinstance(fingerprint, str)
                and isinstance(schema, int) and isinstance(skipped, int)):
            return None
        return Record(build, fingerprint, schema, _stamps(data["articles"]),
                      _stamps(data["index"]), skipped)
    except (OSError, ValueError, KeyError, RecursionError):
        return None


def write(base: Path, record: Record) -> bool:
    """Keep `record` in `base`; False when it cannot be written (it only costs speed)."""
    if any(s is None for s in record.articles.files.values()):
        return False  # a file that could not be stat'ed: nothing to compare with next time
    try:
        atomic_write_text(base / FILE, json.dumps(record.as_json(), ensure_ascii=False))
    except (OSError, ValueError):
        return False
    return True


def trusted(stamps: Stamps, now: dict[str, Stamp | None]) -> bool:
    """True when `now` are exactly the recorded stamps, each taken well after its file changed."""
    recorded = stamps.files
    if len(now) != len(recorded):
        return False
    limit = stamps.taken_at - RACY_NS
    for key, current in now.items():
        if current is None or list(current) != list(recorded.get(key) or ()) \
                or max(current[1], current[2]) >= limit:
            return False
    return True


def index_stamps(build_dir: Path, names: list[str]) -> Stamps:
    """The stamps of an index build's files (`names`), now."""
    taken = Stamps(time.time_ns())
    for name in names:
        taken.files[name] = stamp(build_dir / name)
    return taken


def index_unchanged(record: Record, build_dir: Path, names: list[str]) -> bool:
    """True when the build's files are the ones stamped (and checked) when recorded."""
    if record.build != build_dir.name or sorted(names) != sorted(record.index.files):
        return False
    return trusted(record.index, {n: stamp(os.path.join(build_dir, n)) for n in names})


def open_fresh(store: IndexStore, content_root: Path) -> tuple[Any, IndexInfo, int] | None:
    """The current index, if the folder and its article files are exactly as it was last
    seen with (one stat a folder and a file).

    Returns (index, info, articles skipped as broken), or None: then the
    caller loads the corpus and opens the index the long way (`open`).
    """
    if store.base is None:
        return None
    record = read(store.base)
    if record is None or record.schema != SCHEMA_VERSION \
            or "/" not in record.articles.files \
            or not trusted(record.articles, restamp(content_root, record.articles.files)):
        return None
    manifest = store.read_manifest()
    if manifest is None or manifest.get("build") != record.build \
            or manifest.get("fingerprint") != record.fingerprint:
        return None
    ix = store._open_current(manifest, record)
    if ix is None:
        return None
    store._tidy(keep=manifest["build"])
    return ix, store._info(manifest, "reused"), record.skipped


def remember(store: IndexStore, info: IndexInfo, articles: Stamps, skipped: int) -> None:
    """Record the stamps this index goes with, so a next run can skip reading
    the articles; only after the index's files were checked (opened, built or updated)."""
    if store.base is None or info.in_memory:
        return
    manifest = store.read_manifest()
    if manifest is None or manifest.get("fingerprint") != info.fingerprint \
            or not isinstance(manifest.get("files"), dict):
        return
    build = manifest["build"]
    index = index_stamps(store.base / build, list(manifest["files"]))
    old = read(store.base)
    if old is not None and (old.build, old.fingerprint, old.schema, old.skipped) == (
            build, info.fingerprint, SCHEMA_VERSION, skipped) \
            and trusted(old.articles, articles.files) \
            and trusted(old.index, index.files):
        return  # what is recorded is still true: no need to write it again
    write(store.base, Record(build, info.fingerprint, SCHEMA_VERSION, articles, index, skipped))
