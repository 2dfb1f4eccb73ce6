"""The on-disk index: reuse, incremental update, full rebuild, crash safety, fallbacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aseantui.search.service as service
import aseantui.search.store as store
from aseantui.fsutil import LockTimeout, atomic_write_text, file_lock
from aseantui.search.service import Library
from aseantui.search.store import IndexStore, fingerprint
from conftest import FIXTURE, CliResult


@pytest.fixture
def built_ids(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the entries (re)indexed, in order: a spy on the document factory."""
    calls: list[str] = []
    real = service.entry_document

    def spy(articles: dict[str, Any]) -> dict[str, Any]:
        calls.append(next(iter(articles.values())).id)
        return real(articles)

    monkeypatch.setattr(service, "entry_document", spy)
    return calls


def manifest(library: Library) -> dict[str, Any]:
    data = IndexStore(library._cache_dir, library.content_dir).read_manifest()
    assert data is not None
    return data


def ids(library: Library, query: str) -> list[str]:
    return [hit.id for hit in library.search(query).hits]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_first_start_builds_in_the_cache_dir(corpus_dir: Path, built_ids: list[str],
                                              isolated_dirs: dict[str, Path]) -> None:
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.action == "built"
    assert not info.in_memory
    assert Path(info.location).parent.parent == isolated_dirs["cache"] / "index"
    assert sorted(built_ids) == library.corpus.ids()
    data = manifest(library)
    assert data["build"] == Path(info.location).name
    assert data["fingerprint"] == info.fingerprint
    assert sorted(data["entries"]) == library.corpus.ids()


def test_unchanged_content_is_not_reindexed(corpus_dir: Path, built_ids: list[str]) -> None:
    first = Library(corpus_dir)
    first.open_index()
    before = manifest(first)
    built_ids.clear()
    second = Library(corpus_dir)
    info = second.open_index()
    assert info.action == "reused"
    assert built_ids == []
    assert manifest(second) == before
    assert ids(second, "jakarta")[:1] == ["headquarters"]


def test_one_changed_article_is_updated_in_place(corpus_dir: Path,
                                                 built_ids: list[str]) -> None:
    first = Library(corpus_dir)
    old_info = first.open_index()
    before = manifest(first)
    edit(corpus_dir / "en" / "glossary.md", "informal talks", "zanzibar talks")
    built_ids.clear()

    second = Library(corpus_dir)
    info = second.open_index()
    assert info.action == "updated 1 entries"
    assert built_ids == ["glossary"]  # nothing else was re-indexed
    assert info.location == old_info.location  # the same build, updated
    after = manifest(second)
    assert after["build"] == before["build"]
    assert after["built_at"] == before["built_at"]
    changed = {i for i in after["entries"] if after["entries"][i] != before["entries"][i]}
    assert changed == {"glossary"}
    assert after["fingerprint"] != before["fingerprint"]
    assert ids(second, "zanzibar") == ["glossary"]
    assert "glossary" not in ids(second, "informal")
    assert ids(second, "jakarta")[:1] == ["headquarters"]  # the others are still there


def test_deleted_entry_is_removed(corpus_dir: Path, built_ids: list[str]) -> None:
    Library(corpus_dir).open_index()
    (corpus_dir / "en" / "glossary.md").unlink()
    (corpus_dir / "id" / "glossary.md").unlink()
    built_ids.clear()
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.action == "updated 1 entries"
    assert built_ids == []
    assert info.entries == 6
    assert "glossary" not in manifest(library)["entries"]
    assert ids(library, "coffee") == []
    assert library.searcher().doc_count() == 6


def test_added_entry_is_indexed(corpus_dir: Path, built_ids: list[str]) -> None:
    Library(corpus_dir).open_index()
    for lang, title in (("en", "Budget"), ("id", "Anggaran")):
        (corpus_dir / lang / "budget.md").write_text(
            f"---\nid: budget\nlang: {lang}\ntitle: {title}\ncategory: budget\n"
            "summary: Equal contributions.\naliases: []\nsources: []\n---\n\n"
            "Every member pays the same share.\n",
            encoding="utf-8",
        )
    built_ids.clear()
    library = Library(corpus_dir)
    assert library.open_index().action == "updated 1 entries"
    assert built_ids == ["budget"]
    assert ids(library, "anggaran") == ["budget"]


def test_many_changes_rebuild_everything(corpus_dir: Path, built_ids: list[str]) -> None:
    old = Library(corpus_dir).open_index()
    for path in sorted((corpus_dir / "en").glob("*.md"))[:5]:
        path.write_text(path.read_text(encoding="utf-8") + "\nAppendix.\n", encoding="utf-8")
    built_ids.clear()
    info = Library(corpus_dir).open_index()
    assert info.action == "built"
    assert sorted(built_ids) == sorted(p.stem for p in (corpus_dir / "en").glob("*.md"))
    assert info.location != old.location
    assert Path(info.location).is_dir()
    assert not Path(old.location).exists()  # the replaced build is cleaned up


def test_schema_change_rebuilds_everything(corpus_dir: Path, built_ids: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    old = Library(corpus_dir).open_index()
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    built_ids.clear()
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.action == "built"
    assert len(built_ids) == 7
    assert info.location != old.location
    assert info.fingerprint != old.fingerprint
    assert manifest(library)["schema"] == store.SCHEMA_VERSION


def test_rebuild_on_request(corpus_dir: Path, built_ids: list[str]) -> None:
    library = Library(corpus_dir)
    old = library.open_index()
    built_ids.clear()
    info = library.open_index(rebuild=True)
    assert info.action == "built"
    assert len(built_ids) == 7
    assert info.location != old.location
    assert ids(library, "jakarta")[:1] == ["headquarters"]


def test_fingerprint_follows_digests_and_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    base = fingerprint({"a": "1", "b": "2"})
    assert fingerprint({"b": "2", "a": "1"}) == base  # order does not matter
    assert fingerprint({"a": "1", "b": "3"}) != base
    assert fingerprint({"a": "1"}) != base
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    assert fingerprint({"a": "1", "b": "2"}) != base


def test_each_content_folder_has_its_own_index(corpus_dir: Path) -> None:
    mine = Library(corpus_dir).open_index()
    shipped_copy = Library(FIXTURE).open_index()
    assert mine.fingerprint == shipped_copy.fingerprint  # same articles ...
    assert Path(mine.location).parent != Path(shipped_copy.location).parent  # ... own cache


@pytest.mark.parametrize("damage", ["manifest", "segment", "build"])
def test_damaged_cache_is_rebuilt(corpus_dir: Path, damage: str) -> None:
    first = Library(corpus_dir)
    old = first.open_index()
    first.close()
    build = Path(old.location)
    if damage == "manifest":
        (build.parent / "manifest.json").write_text("{not json", encoding="utf-8")
    elif damage == "segment":
        segment = next(p for p in build.iterdir() if p.suffix == ".seg")
        segment.write_bytes(segment.read_bytes()[:10])
    else:
        for path in build.iterdir():
            path.unlink()
        build.rmdir()
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.action == "built"
    assert not info.in_memory
    assert ids(library, "jakarta")[:1] == ["headquarters"]


def test_crash_mid_build_leaves_the_old_index_usable(corpus_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    old = Library(corpus_dir).open_index()
    real = service.entry_document
    calls = 0

    def crash(articles: dict[str, Any]) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt  # the user gave up half-way
        return real(articles)

    monkeypatch.setattr(service, "entry_document", crash)
    with pytest.raises(KeyboardInterrupt):
        Library(corpus_dir).open_index(rebuild=True)
    monkeypatch.setattr(service, "entry_document", real)

    builds = [p.name for p in Path(old.location).parent.iterdir() if p.name.startswith("b-")]
    assert builds == [Path(old.location).name]  # the half-built folder is gone
    library = Library(corpus_dir)
    info = library.open_index()
    assert (info.action, info.location) == ("reused", old.location)
    assert ids(library, "jakarta")[:1] == ["headquarters"]


# -- when the cache cannot be written ---------------------------------------------------


@pytest.fixture
def unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache dir that cannot be created, even by root: its parent is a regular file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    cache = blocker / "cache"
    monkeypatch.setenv("ASEANTUI_CACHE_DIR", str(cache))
    return cache


def test_unwritable_cache_falls_back_to_memory(unwritable_cache: Path) -> None:
    library = Library(FIXTURE)
    info = library.open_index()
    assert info.in_memory
    assert info.location == "memory"
    assert info.action == "built in memory"
    assert info.entries == 7
    assert any("cannot write the index cache" in notice for notice in info.notices)
    assert ids(library, "jakarta")[:1] == ["headquarters"]
    assert not unwritable_cache.exists()


def test_cli_works_with_an_unwritable_cache(unwritable_cache: Path,
                                            cli: Callable[..., CliResult]) -> None:
    result = cli("search", "jakarta", "--content", FIXTURE, "--json")
    assert result.code == 0
    assert json.loads(result.out)["hits"][0]["id"] == "headquarters"
    assert "kept in memory" in result.err
    status = cli("index", "--status", "--content", FIXTURE)
    assert status.code == 0
    assert "location:    memory" in status.out.splitlines()


def test_no_cache_dir_at_all_is_memory_too() -> None:
    info = Library(FIXTURE, cache_dir=False).open_index()
    assert info.in_memory
    assert info.notices == ["no cache directory: the index is kept in memory for this session"]


# -- two processes ---------------------------------------------------------------------------


def test_two_processes_starting_at_once(corpus_dir: Path,
                                        isolated_dirs: dict[str, Path]) -> None:
    env = dict(os.environ, ASEANTUI_CONTENT=str(corpus_dir),
               ASEANTUI_CACHE_DIR=str(isolated_dirs["cache"]))
    command = [sys.executable, "-m", "aseantui", "search", "jakarta", "--json"]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, encoding="utf-8") for _ in range(3)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "memory" not in err
        assert json.loads(out)["hits"][0]["id"] == "headquarters"
    library = Library(corpus_dir)
    info = library.open_index()
    assert info.action == "reused"
    builds = [p for p in Path(info.location).parent.iterdir() if p.name.startswith("b-")]
    assert len(builds) == 1


# -- the file helpers under it -----------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "state.json"
    atomic_write_text(target, "one")
    atomic_write_text(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert [p.name for p in target.parent.iterdir()] == ["state.json"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    atomic_write_text(target, "old")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "bad \ud800 surrogate")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_file_lock_is_exclusive(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    with file_lock(lock):
        with pytest.raises(LockTimeout), file_lock(lock, timeout=0.1):
            pass
    with file_lock(lock, timeout=0.1):  # released on exit
        pass
