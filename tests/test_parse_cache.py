"""The parse cache: unchanged articles are not parsed again at start-up."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aseantui.content import load as load_module
from aseantui.content.cache import CACHE_VERSION, ParseCache, stamp
from aseantui.content.load import load_corpus
from aseantui.content.parse import PARSE_VERSION, parse_article


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The relpaths parse_article is called for."""
    calls: list[str] = []

    def counting(path: Path, relpath: str):  # type: ignore[no-untyped-def]
        calls.append(relpath)
        return parse_article(path, relpath)

    monkeypatch.setattr(load_module, "parse_article", counting)
    return calls


def test_second_load_parses_nothing_and_gives_the_same_corpus(
    corpus_dir: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(corpus_dir, cache)
    assert len(parses) == 14
    parses.clear()
    second = load_corpus(corpus_dir, cache)
    assert parses == []
    assert second.articles == first.articles
    assert second.problems == first.problems
    assert second.skipped == first.skipped


def test_a_changed_file_is_parsed_again(
    corpus_dir: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    load_corpus(corpus_dir, cache)
    page = corpus_dir / "en" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n",
                    encoding="utf-8")
    info = page.stat()
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    parses.clear()
    corpus = load_corpus(corpus_dir, cache)
    assert parses == ["en/glossary.md"]
    assert "A new closing line." in corpus.articles[("glossary", "en")].text


def test_broken_files_keep_their_problems_from_the_cache(
    corpus_dir: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    (corpus_dir / "en" / "empty.md").write_text("", encoding="utf-8")
    first = load_corpus(corpus_dir, cache)
    parses.clear()
    second = load_corpus(corpus_dir, cache)
    assert parses == []
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    assert any("empty file" in str(p) for p in second.problems)
    assert second.skipped == first.skipped == 1


def test_a_damaged_or_foreign_cache_is_ignored(
    corpus_dir: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    fresh = load_corpus(corpus_dir, cache)
    cache_file = ParseCache(cache, corpus_dir).path
    assert cache_file is not None and cache_file.exists()
    file_stamp = stamp(corpus_dir / "en" / "glossary.md") or (0, 0, 0, 0)
    record = {"stamp": list(file_stamp), "article": {"id": 3}, "problems": []}
    wrong_record = json.dumps(
        {"version": [CACHE_VERSION, PARSE_VERSION], "files": {"en/glossary.md": record}}
    )
    for garbage in ("{not json", '{"version": 999, "files": {}}', wrong_record):
        cache_file.write_text(garbage, encoding="utf-8")
        parses.clear()
        corpus = load_corpus(corpus_dir, cache)
        assert len(parses) == 14
        assert corpus.articles == fresh.articles


def test_an_unwritable_cache_dir_only_costs_speed(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    corpus = load_corpus(corpus_dir, blocker)
    assert len(corpus.articles) == 14


def test_a_touched_but_unchanged_file_is_not_parsed_again(
    corpus_dir: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    load_corpus(corpus_dir, cache)
    page = corpus_dir / "en" / "glossary.md"
    info = page.stat()
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    parses.clear()
    load_corpus(corpus_dir, cache)
    assert parses == []  # same bytes: the cached parse is still right
    parses.clear()
    load_corpus(corpus_dir, cache)
    assert parses == []


def test_a_new_parse_version_reparses_and_reindexes(
    corpus_dir: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aseantui.content import cache as cache_module
    from aseantui.search import store

    cache = tmp_path / "cache"
    load_corpus(corpus_dir, cache)
    before = store.fingerprint({"x": "1"})
    monkeypatch.setattr(cache_module, "PARSE_VERSION", cache_module.PARSE_VERSION + 1)
    monkeypatch.setattr(store, "PARSE_VERSION", store.PARSE_VERSION + 1)
    parses.clear()
    load_corpus(corpus_dir, cache)
    assert len(parses) == 14
    assert store.fingerprint({"x": "1"}) != before
