"""The fact index is saved after a build and read back at the next start, only
when built from the same facts; a damaged or unwritable file costs a build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.filestore import RamStorage

from aseantui.search import factcache
from aseantui.search.answers import Answerer
from aseantui.search.service import Library
from conftest import SHIPPED

QUESTIONS = [("address of the asean secretariat", "en"), ("where is the asean secretariat", "en"),
             ("siapa sekretaris jenderal asean", "id"),
             ("when was the asean charter signed", "en")]


def answers(answerer: Answerer) -> list[str | None]:
    out = []
    for text, lang in QUESTIONS:
        found = answerer.answer(text, lang)
        out.append(f"{found.entry}/{found.key}={found.value}" if found else None)
    return out


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts fact index builds (an index created in memory and written to)."""
    count: list[int] = []
    real = RamStorage.create_index

    def counting(self: RamStorage, *args: Any, **kwargs: Any) -> Any:
        count.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(RamStorage, "create_index", counting)
    return count


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(SHIPPED, cache_dir=False, prebuilt=False)


def test_the_second_start_reads_the_saved_index_and_answers_the_same(
        library: Library, tmp_path: Path, builds: list[int]) -> None:
    cache = tmp_path / "facts" / "folder.bin"
    built = answers(Answerer(library.corpus, cache))
    assert builds == [1] and cache.is_file()
    assert answers(Answerer(library.corpus, cache)) == built
    assert builds == [1], "the saved index was built again"
    assert answers(Answerer(library.corpus)) == built
    assert built[:2] == ["location/address=Jalan Sisingamangaraja 70A",
                         "overview/seat=Jakarta, Indonesia"]


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage", "fifo", "directory"])
def test_a_damaged_file_is_built_again_and_saved_over(
        library: Library, tmp_path: Path, builds: list[int], damage: str) -> None:
    cache = tmp_path / "facts.bin"
    expected = answers(Answerer(library.corpus, cache))
    data = cache.read_bytes()
    if damage == "flip":
        cache.write_bytes(data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:])
    elif damage == "truncate":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "garbage":
        cache.write_bytes(factcache.MAGIC + b"\x00\xff" * 1000)
    elif damage == "fifo":  # read, it would block: refused as not a regular file
        cache.unlink()
        os.mkfifo(cache)
    else:
        cache.unlink()
        cache.mkdir()
    assert answers(Answerer(library.corpus, cache)) == expected
    assert len(builds) == 2
    if damage != "directory":  # a folder in its place cannot be replaced: built each time
        saved_key = data.split(b"\n")[1].decode()
        assert factcache.load(cache, saved_key) is not None, "not saved over"
        assert answers(Answerer(library.corpus, cache)) == expected
        assert len(builds) == 2


def test_other_facts_are_not_read_from_a_file_saved_for_these(
        tmp_path: Path, builds: list[int]) -> None:
    content = tmp_path / "content"
    shutil.copytree(SHIPPED, content)
    cache = tmp_path / "facts.bin"
    before = answers(Answerer(Library(content, cache_dir=False, prebuilt=False).corpus, cache))
    assert before[0] is not None and "Sisingamangaraja 70A" in before[0]
    location = content / "en" / "location.md"
    location.write_text(location.read_text(encoding="utf-8").replace(
        "value: Jalan Sisingamangaraja 70A", "value: Jalan Merdeka 1"), encoding="utf-8")
    after = answers(Answerer(Library(content, cache_dir=False, prebuilt=False).corpus, cache))
    assert len(builds) == 2
    assert after[0] is not None and "Jalan Merdeka 1" in after[0]


def test_an_unwritable_cache_still_answers(library: Library, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: Any, **__: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("aseantui.fsutil.atomic_write_bytes", full)
    cache = tmp_path / "facts.bin"
    assert answers(Answerer(library.corpus, cache)) == answers(Answerer(library.corpus))
    assert not cache.exists()


def test_the_library_keeps_one_file_per_content_folder(tmp_path: Path) -> None:
    first = Library(SHIPPED, cache_dir=tmp_path, prebuilt=False, lazy=True)
    other = Library(tmp_path / "elsewhere", cache_dir=tmp_path, prebuilt=False, lazy=True)
    assert first.fact_cache is not None and first.fact_cache.parent == tmp_path / "facts"
    assert first.fact_cache != other.fact_cache
    assert Library(SHIPPED, cache_dir=False, prebuilt=False, lazy=True).fact_cache is None
