"""The on-disk index cache: reuse, incremental update, atomic rebuild, fallbacks.

Layout under the cache dir, one folder per content folder:

    index/<key>/lock            inter-process lock held while writing
    index/<key>/manifest.json   which build is current, and what it holds
    index/<key>/b-<stamp>/      a Whoosh index (the current build)

A full build is written to a fresh `b-*` folder and becomes current only when
`manifest.json` is atomically replaced, so a crash mid-build leaves the old
index in use. An incremental update rewrites only the changed entries in the
current build through Whoosh's own commit (new segments, then a new TOC),
which is atomic too. The manifest records the size and SHA-256 of every file
of the build, so a damaged file is found before it is read. When nothing can
be written the index lives in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import RamStorage

from aseantui.content.model import PARSE_VERSION
from aseantui.fsutil import (
    LockTimeout,
    atomic_write_text,
    file_lock,
    open_regular,
    read_json,
    real_path,
)
from aseantui.i18n import Notice
from aseantui.search import fresh
from aseantui.search.schema import SCHEMA_VERSION, build_schema

if TYPE_CHECKING:
    from aseantui.search.mpwriter import Progress

__all__ = ["IndexInfo", "IndexStore", "fingerprint"]  # and SafeMpWriter, on first use


def __getattr__(name: str) -> Any:
    # The writers (multiprocessing, Whoosh's multi-process writer) are imported when an
    # index is written, not by every search.
    if name == "SafeMpWriter":
        from aseantui.search.mpwriter import SafeMpWriter

        return SafeMpWriter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

MAX_MANIFEST_BYTES = 256_000_000
"""Largest manifest read (one line per entry and per index file: ~100 bytes each)."""

MANIFEST = "manifest.json"
MANIFEST_VERSION = 2
"""2: the manifest lists each file's size and SHA-256 (1 had sizes only)."""
MULTIPROCESS_MIN = 2_000
"""Full builds of at least this many entries use Whoosh's multi-process writer."""
INCREMENTAL_MAX_SHARE = 0.5
"""Above this share of changed entries a full build is cheaper than an update."""

DocumentFactory = Callable[[str], dict[str, Any]]


def fingerprint(entries: dict[str, str]) -> str:
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION} parse={PARSE_VERSION}\n".encode())
    for entry_id in sorted(entries):
        digest.update(f"{entry_id}={entries[entry_id]}\n".encode())
    return digest.hexdigest()[:16]


def read_prebuilt_manifest(prebuilt: Path | None) -> dict[str, Any] | None:
    """The manifest of a prebuilt index (prebuilt.py), if it is one this code can use."""
    if prebuilt is None:
        return None
    try:
        data = read_json(prebuilt / MANIFEST, MAX_MANIFEST_BYTES)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION \
            or not isinstance(data.get("fingerprint"), str):
        return None
    return data


def _files_match(folder: Path, files: Any) -> bool:
    """True when `files` ({name: [size, sha256]}) lists a folder's files as they are."""
    if not isinstance(files, dict) or not files:
        return False
    for name, expected in files.items():
        path = folder / name
        try:
            size, digest = expected
            if path.stat().st_size != size or _file_digest(path) != digest:
                return False
        except (OSError, TypeError, ValueError):
            return False
    return True


def content_key(content_root: Path) -> str:
    return hashlib.sha256(str(real_path(content_root)).encode()).hexdigest()[:16]


@dataclass
class IndexInfo:
    location: str
    entries: int
    fingerprint: str
    built_at: str = ""
    action: str = ""
    notices: list[str] = field(default_factory=list)

    @property
    def in_memory(self) -> bool:
        return self.location == "memory"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _new_build_name() -> str:
    """A build folder name no other process or earlier build uses ('b-' marks builds)."""
    return f"b-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _doc_count(ix: Any) -> int:
    """How many documents the index holds, from its table of contents.

    `ix.doc_count()` opens every segment (and copies it into memory) only to count,
    then the searcher opens them all again.
    """
    try:
        return sum(int(segment.doc_count()) for segment in ix._segments())
    except Exception:  # noqa: BLE001 - another kind of index: ask it
        return int(ix.doc_count())


def build_in_memory(entries: dict[str, str], make: DocumentFactory,
                    progress: Progress | None = None) -> Any:
    from aseantui.search.mpwriter import write_documents

    ix = RamStorage().create_index(build_schema())
    write_documents(ix, sorted(entries), make, progress=progress)
    return ix


class IndexStore:
    """Finds, validates, updates or rebuilds the index for one content folder."""

    def __init__(self, cache_root: Path | None, content_root: Path,
                 prebuilt: Path | None = None) -> None:
        self._progress: Progress | None = None
        self.base = cache_root / "index" / content_key(content_root) if cache_root else None
        self.prebuilt = prebuilt
        """A prebuilt index (prebuilt.py) to copy instead of building, when it holds
        exactly the entries wanted."""

    # -- manifest -----------------------------------------------------
    def read_manifest(self) -> dict[str, Any] | None:
        if self.base is None:
            return None
        try:
            data = read_json(self.base / MANIFEST, MAX_MANIFEST_BYTES)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return None
        if not isinstance(data.get("entries"), dict) or not isinstance(data.get("build"), str):
            return None
        return data

    def _write_manifest(self, build: str, entries: dict[str, str], built_at: str,
                        files: dict[str, Any] | None = None) -> None:
        """Record a build; `files` (name -> [size, sha256]) when they are already checked."""
        assert self.base is not None
        build_dir = self.base / build
        files = files or {
            p.name: [p.stat().st_size, _file_digest(p)]
            for p in build_dir.iterdir()
            if p.is_file() and not p.name.endswith("WRITELOCK")
        }
        manifest = {
            "version": MANIFEST_VERSION,
            "schema": SCHEMA_VERSION,
            "build": build,
            "built_at": built_at,
            "updated_at": _now(),
            "fingerprint": fingerprint(entries),
            "entries": entries,
            "files": files,
        }
        atomic_write_text(self.base / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))

    def intact(self, manifest: dict[str, Any], *, full: bool = False,
               record: fresh.Record | None = None) -> bool:
        """True when every file of the manifest's build has the size and digest recorded.

        Files whose stamps are the ones recorded when they were last checked
        (fresh.py) are not read again, unless `full`.
        """
        assert self.base is not None
        build_dir = self.base / manifest["build"]
        files = manifest.get("files")
        if not full and isinstance(files, dict) and files:
            record = record or fresh.read(self.base)
            if record is not None and fresh.index_unchanged(record, build_dir, list(files)):
                return True
        return _files_match(build_dir, files)

    def _open_current(self, manifest: dict[str, Any],
                      record: fresh.Record | None = None) -> Any | None:
        """The manifest's build, if it is intact and of this schema; else None."""
        assert self.base is not None
        if manifest.get("schema") != SCHEMA_VERSION or not self.intact(manifest, record=record):
            return None
        build_dir = self.base / manifest["build"]
        try:
            ix = whoosh_index.open_dir(str(build_dir))
            if _doc_count(ix) != len(manifest["entries"]):
                return None
            return ix
        except Exception:  # noqa: BLE001 - any failure to open means rebuild
            return None

    # -- the one entry point --------------------------------------------
    def open(
        self, entries: dict[str, str], make: DocumentFactory, *, rebuild: bool = False,
        progress: Progress | None = None,
    ) -> tuple[Any, IndexInfo]:
        """An index holding exactly `entries` (id -> digest); `make(id)` gives a document.

        `progress(done, total)` is told how many documents a build has written.
        """
        self._progress = progress
        wanted = fingerprint(entries)
        if self.base is None:
            return self._memory(entries, make, "no cache directory")
        try:
            manifest = None if rebuild else self.read_manifest()
            if manifest is not None and manifest.get("fingerprint") == wanted:
                ix = self._open_current(manifest)
                if ix is not None:
                    self._tidy(keep=manifest["build"])
                    return ix, self._info(manifest, "reused")
            with file_lock(self.base / "lock"):
                return self._update_or_build(entries, make, rebuild)
        except (OSError, LockTimeout) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return self._memory(entries, make, f"cannot write the index cache ({reason})")
        except Exception as exc:  # noqa: BLE001 - a damaged cache must never stop the program
            return self._memory(entries, make, f"the index cache is unusable ({exc!r:.120})")

    def _update_or_build(
        self, entries: dict[str, str], make: DocumentFactory, rebuild: bool
    ) -> tuple[Any, IndexInfo]:
        # Another process may have done the work while we waited for the lock.
        manifest = None if rebuild else self.read_manifest()
        ix = self._open_current(manifest) if manifest is not None else None
        # With the lock held nobody else is writing: a build of this schema
        # that does not check out was damaged (or left half-updated by a crash).
        damaged = not rebuild and ix is None and (
            self._manifest_garbled() or (
                manifest is not None and manifest.get("schema") == SCHEMA_VERSION))
        if ix is not None and manifest is not None:
            if manifest.get("fingerprint") == fingerprint(entries):
                return ix, self._info(manifest, "reused")
            old: dict[str, str] = manifest["entries"]
            changed = [i for i in entries if old.get(i) != entries[i]]
            removed = [i for i in old if i not in entries]
            if len(changed) + len(removed) <= max(1, INCREMENTAL_MAX_SHARE * len(entries)) \
                    and self._matching_prebuilt(entries) is None:
                self._update(ix, changed, removed, make)
                self._write_manifest(manifest["build"], entries, manifest.get("built_at", ""))
                info = self._info(self.read_manifest() or manifest, "updated")
                info.action = f"updated {len(changed) + len(removed)} entries"
                return whoosh_index.open_dir(str(self.base / manifest["build"])), info
        copied = None if rebuild else self._copy_prebuilt(entries)
        ix, info = copied or self._build(entries, make)
        if damaged:
            info.notices.append(
                Notice("the index cache was damaged or incomplete and has been rebuilt"))
        return ix, info

    def _manifest_garbled(self) -> bool:
        """True when there is a manifest that is not even JSON (an old version is not garbled)."""
        assert self.base is not None
        try:
            data = read_json(self.base / MANIFEST, MAX_MANIFEST_BYTES)
        except FileNotFoundError:
            return False
        except (OSError, ValueError):
            return True
        return not isinstance(data, dict)

    def _update(
        self, ix: Any, changed: list[str], removed: list[str], make: DocumentFactory
    ) -> None:
        from aseantui.search.mpwriter import cancel_writer

        writer = ix.writer()
        try:
            for entry_id in removed:
                writer.delete_by_term("id", entry_id)
            for entry_id in changed:
                writer.update_document(**make(entry_id))
            writer.commit()
        except BaseException:
            cancel_writer(writer)
            raise

    def _build(self, entries: dict[str, str], make: DocumentFactory) -> tuple[Any, IndexInfo]:
        from aseantui.search.mpwriter import write_documents

        assert self.base is not None
        build = _new_build_name()
        build_dir = self.base / build
        build_dir.mkdir(parents=True)
        try:
            ix = whoosh_index.create_in(str(build_dir), build_schema())
            procs = 2 if len(entries) >= MULTIPROCESS_MIN and (os.cpu_count() or 1) > 1 else 1
            write_documents(ix, sorted(entries), make, procs, progress=self._progress)
            count = whoosh_index.open_dir(str(build_dir)).doc_count()
            if count != len(entries):
                raise RuntimeError(f"the new index holds {count} of {len(entries)} entries")
            self._write_manifest(build, entries, _now())
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        self._remove_stale(build)
        manifest = self.read_manifest()
        return whoosh_index.open_dir(str(build_dir)), self._info(manifest or {}, "built")

    def _matching_prebuilt(self, entries: dict[str, str]) -> dict[str, Any] | None:
        """The prebuilt index's manifest, if it holds exactly `entries`."""
        manifest = read_prebuilt_manifest(self.prebuilt)
        if manifest is None or manifest["fingerprint"] != fingerprint(entries):
            return None
        return manifest

    def _copy_prebuilt(self, entries: dict[str, str]) -> tuple[Any, IndexInfo] | None:
        """The prebuilt index copied in as the current build, if it is the one wanted.

        Copying a few megabytes is far cheaper than indexing (the first launch
        of the shipped content). Anything wrong with the copy means None: the
        caller builds as usual.
        """
        assert self.base is not None
        manifest = self._matching_prebuilt(entries)
        if self.prebuilt is None or manifest is None:
            return None
        build = _new_build_name()
        build_dir = self.base / build
        try:
            shutil.copytree(self.prebuilt / "index", build_dir)
            if not _files_match(build_dir, manifest.get("files")):
                raise ValueError("the prebuilt index's files are not the ones it lists")
            ix = whoosh_index.open_dir(str(build_dir))
            if ix.doc_count() != len(entries):
                raise ValueError("the prebuilt index holds other entries")
            self._write_manifest(build, entries, str(manifest.get("built_at", "")),
                                 files=manifest["files"])
        except Exception:  # noqa: BLE001 - a damaged prebuilt index only costs a build
            shutil.rmtree(build_dir, ignore_errors=True)
            return None
        self._remove_stale(build)
        return ix, self._info(self.read_manifest() or {}, "copied from the prebuilt index")

    def _prebuilt_in_place(self, entries: dict[str, str]) -> tuple[Any, IndexInfo] | None:
        """With no cache to write to: the prebuilt index read where it is, if it matches.

        It is read-only (a wheel's files may not be writable) and exactly the
        index a build would make, so nothing is lost and nothing needs saying.
        """
        manifest = self._matching_prebuilt(entries)
        if self.prebuilt is None or manifest is None:
            return None
        if not _files_match(self.prebuilt / "index", manifest.get("files")):
            return None
        try:
            ix = whoosh_index.open_dir(str(self.prebuilt / "index"), readonly=True)
            if ix.doc_count() != len(entries):
                return None
        except Exception:  # noqa: BLE001 - then it is built in memory, as without one
            return None
        return ix, IndexInfo(str(self.prebuilt / "index"), len(entries), manifest["fingerprint"],
                             str(manifest.get("built_at", "")), "opened the prebuilt index")

    def _tidy(self, keep: str) -> None:
        """Remove what a killed build left behind, if nobody is building right now."""
        assert self.base is not None
        with contextlib.suppress(OSError, LockTimeout):
            if not any(p.name.startswith("b-") and p.name != keep for p in self.base.iterdir()):
                return
            with file_lock(self.base / "lock", timeout=0):
                current = self.read_manifest()  # another process may have built since we looked
                self._remove_stale(keep, current["build"] if current else keep)

    def _remove_stale(self, *keep: str) -> None:
        """Delete builds other than `keep` (called with the lock held)."""
        assert self.base is not None
        for path in self.base.iterdir():
            if path.is_dir() and path.name.startswith("b-") and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def _memory(
        self, entries: dict[str, str], make: DocumentFactory, reason: str
    ) -> tuple[Any, IndexInfo]:
        in_place = self._prebuilt_in_place(entries)
        if in_place is not None:
            return in_place
        ix = build_in_memory(entries, make, self._progress)
        info = IndexInfo("memory", len(entries), fingerprint(entries), _now(), "built in memory")
        info.notices.append(
            Notice("{reason}: the index is kept in memory for this session", reason=reason))
        return ix, info

    def _info(self, manifest: dict[str, Any], action: str) -> IndexInfo:
        location = str(self.base / manifest["build"]) if self.base and "build" in manifest else ""
        return IndexInfo(
            location=location,
            entries=len(manifest.get("entries", {})),
            fingerprint=str(manifest.get("fingerprint", "")),
            built_at=str(manifest.get("built_at", "")),
            action=action,
        )
