"""Indonesian stems kept from one run to the next (aseantui.search.stems)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aseantui.search import analysis, stems
from aseantui.search.caches import CACHES
from aseantui.search.service import Library
from conftest import FIXTURE


@pytest.fixture
def fresh_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A process that has stemmed nothing yet; returns the words Sastrawi is asked to stem."""
    CACHES.clear()  # the analyzers' stem filters keep caches of their own: cleared too
    asked: list[str] = []
    real = analysis._sastrawi()

    class Counting:
        def stem(self, word: str) -> Any:
            asked.append(word)
            return real.stem(word)

    monkeypatch.setattr(analysis, "_sastrawi", lambda: Counting())
    return asked


def test_a_build_saves_the_stems_and_the_next_run_does_not_recompute_them(
    fresh_run: list[str], isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(FIXTURE)
    assert library.open_index().action == "built"
    saved = json.loads((isolated_dirs["cache"] / stems.FILE).read_text(encoding="utf-8"))
    assert saved["stems"]["kepemimpinan"] == "pimpin"
    # A new run: nothing known, the file read when the index is opened.
    CACHES.clear()
    fresh_run.clear()
    library = Library(FIXTURE)
    assert library.open_index().action == "reused"
    results = library.search("pemimpin", lang="id")
    assert results.hits and any(hit for _, hit in results.hits[0].snippet.parts)
    assert fresh_run == []  # the query and every snippet found their stems in the file


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"version": 99, "stems": {}}',
                                     '{"version": 1, "stems": {"a": 1, "b": null}}'])
def test_a_garbled_stems_file_is_ignored_and_rewritten(
    fresh_run: list[str], isolated_dirs: dict[str, Path], garbage: str
) -> None:
    path = isolated_dirs["cache"] / stems.FILE
    path.parent.mkdir(parents=True)
    path.write_text(garbage, encoding="utf-8")
    library = Library(FIXTURE)
    library.open_index()
    assert library.search("kepemimpinan", lang="id").hits[0].id == "leadership"
    assert "kepemimpinan" in json.loads(path.read_text(encoding="utf-8"))["stems"]


def test_saving_to_an_unwritable_place_only_costs_speed(fresh_run: list[str],
                                                        tmp_path: Path) -> None:
    analysis.stem_id("kepemimpinan")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert stems.save(blocker / stems.FILE) is False
    assert stems.save(tmp_path / stems.FILE) is True
    assert stems.save(tmp_path / stems.FILE) is False  # nothing new to write


def test_learn_stems_the_vocabulary_of_an_index(fresh_run: list[str]) -> None:
    library = Library(FIXTURE, cache_dir=False)
    library.open_index()
    CACHES.stems.clear()
    stems.learn(library._ix)
    assert CACHES.stems["kepemimpinan"] == "pimpin"
