"""Faults injected into the index cache: every case ends with correct results and no traceback.

tests/test_index.py already proves the ordinary cases (a truncated segment, a
garbled manifest, a missing build, a cache under a regular file, a crash
that raises half-way, three processes at once). Here: damage that keeps file
sizes, a genuinely old index, the index deleted under an open Library, a
read-only cache, a full disk, SIGKILL in the middle of a build (single- and
multi-process writer), and two processes released at the same instant.
"""

from __future__ import annotations

import builtins
import errno
import json
import multiprocessing
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

import aseantui.search.store as store
from aseantui.fsutil import file_lock
from aseantui.search.service import Library
from aseantui.search.store import MANIFEST, IndexStore
from conftest import FIXTURE, CliResult

QUERIES = ["jakarta", "sekretariat", "coffee", "secretary general", "1976", "kopi", "bali",
           "founding", "pimpinan", "struktur organisasi"]


def answers(library: Library) -> list[list[tuple[str, str, str]]]:
    """What the reader sees for each query: ids, languages and snippets, in order."""
    rows = []
    for text in QUERIES:
        results = library.search(text, limit=10)
        assert not results.notice.startswith("search failed"), results.notice
        rows.append([(h.id, h.lang, h.snippet.plain) for h in results.hits])
    return rows


@pytest.fixture(scope="module")
def correct() -> list[list[tuple[str, str, str]]]:
    """The answers of an index built in memory, with nothing on disk to go wrong."""
    library = Library(FIXTURE, cache_dir=False)
    return answers(library)


def build_on_disk(content: Path) -> Path:
    """Build the index of `content` in the cache; return the build folder."""
    library = Library(content)
    info = library.open_index()
    library.close()
    assert info.action == "built" and not info.in_memory
    return Path(info.location)


def only_build(build: Path) -> list[str]:
    return sorted(p.name for p in build.parent.iterdir() if p.name.startswith("b-"))


# -- damaged files ------------------------------------------------------------------------


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(how)
    if how == "garbage":  # same size, random bytes
        data = bytearray(rng.randrange(256) for _ in data)
    elif how == "zeros":
        data = bytearray(len(data))
    elif how == "flipped":  # a few bytes in the middle: sizes still match
        for offset in range(len(data) // 2, len(data) // 2 + 64):
            data[offset] ^= 0xA5
    elif how == "truncated":
        data = data[: len(data) // 2]
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["garbage", "zeros", "flipped", "truncated"])
@pytest.mark.parametrize("kind", [".seg", ".toc"])
def test_damaged_index_files_are_found_and_rebuilt(
    corpus_dir: Path, correct: list[Any], kind: str, how: str
) -> None:
    build = build_on_disk(corpus_dir)
    target = next(p for p in build.iterdir() if p.suffix == kind)
    damage(target, how)
    library = Library(corpus_dir)
    info = library.open_index()
    assert (info.action, info.in_memory) == ("built", False)
    assert info.notices == ["the index cache was damaged or incomplete and has been rebuilt"]
    assert answers(library) == correct
    assert only_build(Path(info.location)) == [Path(info.location).name]


def test_every_damaged_spot_of_a_segment_is_caught(corpus_dir: Path) -> None:
    """Flipped bytes anywhere in the segment: the digest catches what sizes cannot."""
    build = build_on_disk(corpus_dir)
    segment = next(p for p in build.iterdir() if p.suffix == ".seg")
    original = segment.read_bytes()
    manifest = IndexStore(corpus_dir.parent / "cache", corpus_dir).read_manifest()
    assert manifest is not None
    checker = IndexStore(corpus_dir.parent / "cache", corpus_dir)
    for offset in range(0, len(original), max(1, len(original) // 50)):
        data = bytearray(original)
        data[offset] ^= 0x01
        segment.write_bytes(bytes(data))
        assert not checker.intact(manifest), offset
    segment.write_bytes(original)
    assert checker.intact(manifest)


def test_an_index_from_an_older_version_is_rebuilt_quietly(corpus_dir: Path,
                                                           correct: list[Any]) -> None:
    """An old manifest (version 1: sizes only) over an index with an old schema."""
    build = build_on_disk(corpus_dir)
    shutil.rmtree(build)
    build.mkdir()
    old_ix = whoosh_index.create_in(str(build), Schema(id=ID(stored=True, unique=True)))
    writer = old_ix.writer()
    writer.add_document(id="founding")
    writer.commit()
    manifest_path = build.parent / MANIFEST
    old = json.loads(manifest_path.read_text(encoding="utf-8"))
    old.update(version=1, schema=store.SCHEMA_VERSION - 1,
               files={p.name: p.stat().st_size for p in build.iterdir()})
    manifest_path.write_text(json.dumps(old), encoding="utf-8")

    library = Library(corpus_dir)
    info = library.open_index()
    assert (info.action, info.in_memory, info.notices) == ("built", False, [])
    assert answers(library) == correct
    assert not build.exists()  # the old build is cleaned up
    assert IndexStore(corpus_dir.parent / "cache", corpus_dir).read_manifest() is not None


def test_the_same_schema_number_with_a_foreign_index_is_rebuilt(corpus_dir: Path,
                                                                correct: list[Any]) -> None:
    """A manifest that claims this schema over files that are not what it recorded."""
    build = build_on_disk(corpus_dir)
    for path in build.iterdir():
        path.unlink()
    other = whoosh_index.create_in(str(build), Schema(id=ID(stored=True)))
    writer = other.writer()
    for number in range(7):
        writer.add_document(id=f"x{number}")
    writer.commit()
    library = Library(corpus_dir)
    assert library.open_index().action == "built"
    assert answers(library) == correct


# -- the index deleted while a Library has it open ---------------------------------------


def test_index_deleted_while_open_keeps_answering(corpus_dir: Path, correct: list[Any],
                                                  isolated_dirs: dict[str, Path]) -> None:
    library = Library(corpus_dir)
    library.open_index()
    assert answers(library) == correct
    shutil.rmtree(isolated_dirs["cache"])
    assert answers(library) == correct  # the open searcher still holds its files
    library.close()  # e.g. the app reopens its searcher after a rebuild elsewhere
    results = library.search("jakarta")
    assert [h.id for h in results.hits][:1] == ["headquarters"]
    assert "it was rebuilt on disk" in results.notice  # said once, where the reader looks
    assert library.search("jakarta").notice == ""
    assert answers(library) == correct
    assert library.index_info is not None and not library.index_info.in_memory


def test_index_deleted_and_cache_unwritable_falls_back_to_memory(
    corpus_dir: Path, correct: list[Any], isolated_dirs: dict[str, Path]
) -> None:
    library = Library(corpus_dir)
    library.open_index()
    library.close()
    shutil.rmtree(isolated_dirs["cache"])
    isolated_dirs["cache"].write_text("now a file", encoding="utf-8")
    results = library.search("jakarta")
    assert "it was rebuilt in memory" in results.notice
    assert library.index_info is not None and library.index_info.in_memory
    assert answers(library) == correct


def test_a_query_that_fails_on_a_healthy_index_does_not_rebuild_it(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(corpus_dir)
    library.open_index()
    rebuilds: list[str] = []
    monkeypatch.setattr(library, "_fallback_to_memory", rebuilds.append)

    def broken(*_: Any, **__: Any) -> Any:
        raise ValueError("a bug in query compilation")

    monkeypatch.setattr("aseantui.search.service.parse", broken)
    results = library.search("jakarta")
    assert results.notice.startswith("search failed") and results.hits == []
    assert rebuilds == []  # the index was checked and found intact: not rebuilt


# -- a cache that cannot be written -----------------------------------------------------


@pytest.fixture
def read_only_cache(isolated_dirs: dict[str, Path],
                    monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Turn the cache read-only (even for root): every write under it fails with EROFS."""
    cache = str(isolated_dirs["cache"])

    def inside(path: Any) -> bool:
        try:
            return os.path.abspath(os.fspath(path)).startswith(cache)
        except TypeError:  # a file descriptor
            return False

    def refuse(path: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir
    real_path_mkdir = pathlib.Path.mkdir
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if inside(file) and any(c in mode for c in "wax+"):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if inside(path) and flags & writing:
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if inside(path):
            refuse(path)
        real_mkdir(path, *args, **kwargs)

    def guarded_path_mkdir(self: pathlib.Path, *args: Any, **kwargs: Any) -> None:
        # Python 3.10's pathlib bound os.mkdir at import: patching os is not enough.
        if inside(self):
            refuse(self)
        real_path_mkdir(self, *args, **kwargs)

    def apply() -> None:
        monkeypatch.setattr(builtins, "open", guarded_open)
        monkeypatch.setattr(os, "open", guarded_os_open)
        monkeypatch.setattr(os, "mkdir", guarded_mkdir)
        monkeypatch.setattr(pathlib.Path, "mkdir", guarded_path_mkdir)

    return apply


def test_read_only_cache_without_an_index(read_only_cache: Callable[[], None],
                                          corpus_dir: Path, correct: list[Any],
                                          isolated_dirs: dict[str, Path]) -> None:
    read_only_cache()
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.in_memory
    assert info.notices == ["cannot write the index cache (Read-only file system): "
                            "the index is kept in memory for this session"]
    assert answers(library) == correct
    assert not isolated_dirs["cache"].exists()


def test_read_only_cache_with_a_current_index_is_used(read_only_cache: Callable[[], None],
                                                      corpus_dir: Path,
                                                      correct: list[Any]) -> None:
    build = build_on_disk(corpus_dir)
    read_only_cache()
    library = Library(corpus_dir)
    info = library.open_index()
    assert (info.action, info.location, info.notices) == ("reused", str(build), [])
    assert answers(library) == correct


def test_read_only_cache_with_a_stale_index(read_only_cache: Callable[[], None],
                                            corpus_dir: Path) -> None:
    build = build_on_disk(corpus_dir)
    before = {p.name: p.read_bytes() for p in build.iterdir()}
    glossary = corpus_dir / "en" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "informal talks", "zanzibar talks"), encoding="utf-8")
    read_only_cache()
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.in_memory and "Read-only file system" in info.notices[0]
    assert [h.id for h in library.search("zanzibar").hits] == ["glossary"]  # today's content
    assert {p.name: p.read_bytes() for p in build.iterdir()} == before  # not touched


@pytest.mark.parametrize("where", ["missing parent", "cache is a file"])
def test_cache_dir_missing_parent_or_a_file(where: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            correct: list[Any],
                                            cli: Callable[..., CliResult]) -> None:
    if where == "missing parent":
        cache = tmp_path / "no" / "such" / "parents" / "cache"
    else:
        cache = tmp_path / "cache-file"
        cache.write_text("", encoding="utf-8")
    monkeypatch.setenv("ASEANTUI_CACHE_DIR", str(cache))
    library = Library(FIXTURE)
    info = library.open_index()
    assert answers(library) == correct
    if where == "missing parent":
        assert (info.action, info.in_memory, info.notices) == ("built", False, [])
    else:
        assert info.in_memory and "Not a directory" in info.notices[0]
    result = cli("search", "jakarta", "--content", FIXTURE, "--json")
    assert result.code == 0 and "Traceback" not in result.err
    assert json.loads(result.out)["hits"][0]["id"] == "headquarters"
    assert ("kept in memory" in result.err) == (where != "missing parent")


# -- a full disk ---------------------------------------------------------------------------


def no_space(*_: Any, **__: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


real_commit = SegmentWriter.commit


def commit_on_a_full_disk(self: SegmentWriter, *args: Any, **kwargs: Any) -> Any:
    """Commits to files fail; the fallback's index in memory still commits."""
    if isinstance(self.storage, FileStorage):
        no_space()
    return real_commit(self, *args, **kwargs)


@pytest.mark.parametrize("fails", ["commit", "manifest"])
@pytest.mark.parametrize("situation", ["first build", "rebuild", "update"])
def test_full_disk_during_a_build(corpus_dir: Path, correct: list[Any], fails: str,
                                  situation: str, monkeypatch: pytest.MonkeyPatch) -> None:
    old = build_on_disk(corpus_dir) if situation != "first build" else None
    old_files = {p.name: p.read_bytes() for p in old.iterdir()} if old else {}
    if situation == "update":  # one changed entry: an update in place
        path = corpus_dir / "en" / "glossary.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nAppendix.\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        if fails == "commit":
            patch.setattr(SegmentWriter, "commit", commit_on_a_full_disk)
        else:
            patch.setattr(store, "atomic_write_text", no_space)
        library = Library(corpus_dir)
        info = library.open_index(rebuild=situation == "rebuild")
    assert info.in_memory
    assert info.notices == ["cannot write the index cache (No space left on device): "
                            "the index is kept in memory for this session"]
    if situation != "update":
        assert answers(library) == correct
    cache = corpus_dir.parent / "cache" / "index"
    builds = [p.name for p in next(cache.iterdir()).iterdir() if p.name.startswith("b-")]
    assert builds == ([old.name] if old else [])  # no half-written build left behind
    if old and situation == "rebuild":
        assert {p.name: p.read_bytes() for p in old.iterdir()} == old_files
    # Space again: the next start gets a good index on disk.
    again = Library(corpus_dir)
    info = again.open_index()
    assert not info.in_memory and info.notices in ([], [
        "the index cache was damaged or incomplete and has been rebuilt"])
    if situation != "update":
        assert answers(again) == correct
        if situation == "rebuild":
            assert info.action == "reused"  # the old index survived the failed rebuild


@pytest.mark.parametrize("fails", ["second job file", "final commit"])
def test_full_disk_during_a_multiprocess_build_stops_its_workers(
    tmp_path: Path, fails: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh's sub-writers used to wait forever when the main writer gave up."""
    content = write_generated(tmp_path / "generated", 250)
    monkeypatch.setattr(store, "MULTIPROCESS_MIN", 10)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started: list[Any] = []
    real_new_task, real_enqueue = store.SafeMpWriter._new_task, store.SafeMpWriter._enqueue

    def new_task(self: store.SafeMpWriter) -> Any:
        task = real_new_task(self)
        started.append(task)
        return task

    def enqueue(self: store.SafeMpWriter) -> None:
        if started:  # the first job went to a worker; there is no room for the next
            no_space()
        real_enqueue(self)

    monkeypatch.setattr(store.SafeMpWriter, "_new_task", new_task)
    if fails == "second job file":
        monkeypatch.setattr(store.SafeMpWriter, "_enqueue", enqueue)
    else:
        monkeypatch.setattr(store.SafeMpWriter, "_commit_toc", no_space)
    library = Library(content, cache_dir=tmp_path / "cache")
    info = library.open_index()
    assert info.in_memory and "No space left on device" in info.notices[0]
    assert [h.id for h in library.search("marker42 ").hits] == ["g0042"]
    assert started, "the multi-process writer was used"
    assert not any(task.is_alive() for task in started)
    assert multiprocessing.active_children() == []  # nothing left to hang the exit


# -- SIGKILL in the middle of a build ----------------------------------------------------------

BUILDER = """
import sys, time
from pathlib import Path
import aseantui.search.service as service
import aseantui.search.store as store
content, cache, procs, stop_at, rebuild = sys.argv[1:6]
store.MULTIPROCESS_MIN = 10 if procs == "2" else 10**9
real_task, real_make = store.SafeMpWriter._new_task, service.entry_document
def new_task(self):
    task = real_task(self)
    print("worker", task.pid, flush=True)
    return task
count = 0
def make(articles):
    global count
    count += 1
    if count == int(stop_at):
        print("midway", flush=True)
        time.sleep(120)  # killed here, for certain in the middle of the build
    return real_make(articles)
store.SafeMpWriter._new_task = new_task
service.entry_document = make
library = service.Library(content, cache_dir=Path(cache))
print(library.open_index(rebuild=rebuild == "1").action, flush=True)
"""


def write_generated(root: Path, entries: int) -> Path:
    """A larger corpus: `entries` pairs of small articles; 'marker<N>' is in entry N only."""
    for lang in ("en", "id"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        for number in range(entries):
            words = " ".join(f"word{(number * 7 + k) % 499}" for k in range(120))
            (root / lang / f"g{number:04d}.md").write_text(
                f"---\nid: g{number:04d}\nlang: {lang}\ntitle: Generated {number}\n"
                f"category: general\nsummary: Entry {number}.\naliases: []\nsources: []\n"
                f"---\n\n## Part\n\n{words} marker{number}\n",
                encoding="utf-8",
            )
    return root


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL and /proc")
@pytest.mark.parametrize(("procs", "had_index"), [("1", True), ("2", False)])
def test_sigkill_in_the_middle_of_a_build(tmp_path: Path, procs: str, had_index: bool) -> None:
    content = write_generated(tmp_path / "generated", 150)
    cache = tmp_path / "kill-cache"
    if had_index:
        Library(content, cache_dir=cache).open_index()
    child = subprocess.Popen(
        [sys.executable, "-c", BUILDER, str(content), str(cache), procs, "120",
         "1" if had_index else "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert child.stdout is not None
    workers = []
    for line in child.stdout:
        if line.startswith("worker"):
            workers.append(int(line.split()[1]))
        if line.strip() == "midway":
            break
    else:
        pytest.fail("the build finished before it could be killed")
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert (procs == "2") == bool(workers)
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(gone(pid) for pid in workers), "indexing processes outlived the build"

    library = Library(content, cache_dir=cache)
    info = library.open_index()
    assert not info.in_memory and info.notices == []
    assert info.action == ("reused" if had_index else "built")
    assert info.entries == 150
    for number in (0, 77, 149):
        assert [h.id for h in library.search(f"marker{number} ").hits] == [f"g{number:04d}"]
    builds = [p.name for p in Path(info.location).parent.iterdir() if p.name.startswith("b-")]
    assert builds == [Path(info.location).name]  # what the killed build left is tidied away
    with file_lock(Path(info.location).parent / "lock", timeout=1):
        pass  # nobody holds the lock any more


# -- two processes released at the same instant -------------------------------------------------

RACER = """
import json, os, sys, time
from pathlib import Path
content, cache, go = sys.argv[1:4]
from aseantui.search.service import Library
library = Library(content, cache_dir=Path(cache))
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
info = library.open_index()
hits = [h.id for h in library.search("marker42 ").hits]
print(json.dumps({"action": info.action, "memory": info.in_memory, "notices": info.notices,
                  "hits": hits}))
"""


def test_two_processes_released_together_build_once(tmp_path: Path) -> None:
    content = write_generated(tmp_path / "generated", 120)
    cache, go = tmp_path / "race-cache", tmp_path / "go"
    racers = [
        subprocess.Popen([sys.executable, "-c", RACER, str(content), str(cache), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for racer in racers:  # both have loaded the articles and wait for the signal
        assert racer.stdout is not None and racer.stdout.readline().strip() == "ready"
    go.write_text("go", encoding="utf-8")
    reports = []
    for racer in racers:
        out, err = racer.communicate(timeout=300)
        assert racer.returncode == 0 and "Traceback" not in err, err
        reports.append(json.loads(out))
    assert sorted(r["action"] for r in reports) == ["built", "reused"]
    assert all(r["hits"] == ["g0042"] and not r["memory"] and not r["notices"]
               for r in reports)
    folders = list((cache / "index").iterdir())
    assert len(folders) == 1
    assert len([p for p in folders[0].iterdir() if p.name.startswith("b-")]) == 1


@pytest.fixture(autouse=True)
def no_stray_children() -> Iterator[None]:
    yield
    assert multiprocessing.active_children() == []
