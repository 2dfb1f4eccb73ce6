"""Caches that must not lie: the parse cache is keyed by content, whatever the stamps say.

An edit that keeps a file's size and modification time was served stale
forever; one file name that is not UTF-8 stopped the cache from ever being
written, silently. Here: stamps that include the change time and inode, a
digest check wherever a stamp cannot be trusted (generated edits with every
time frozen), odd file names, and an unwritable cache reported once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aseantui.content import cache as cache_module
from aseantui.content import load as load_module
from aseantui.content.cache import ParseCache
from aseantui.content.load import load_corpus
from aseantui.content.parse import parse_article
from conftest import CliResult

HOUR_NS = 3600 * 10**9


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def counting(path: Path, relpath: str):  # type: ignore[no-untyped-def]
        calls.append(relpath)
        return parse_article(path, relpath)

    monkeypatch.setattr(load_module, "parse_article", counting)
    return calls


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the parse cache reads to check a digest."""
    calls: list[Path] = []
    real = cache_module._digest

    def counting(path: Path) -> str:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(cache_module, "_digest", counting)
    return calls


def an_hour_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps are taken an hour after the files last changed: they can be trusted."""
    real = cache_module.time.time_ns
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: real() + HOUR_NS)


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) and put the modification time back."""
    assert len(old.encode()) == len(new.encode())
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def test_an_edit_that_keeps_size_and_mtime_is_parsed_again(
        corpus_dir: Path, tmp_path: Path, parses: list[str], digests: list[Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    an_hour_later(monkeypatch)
    cache = tmp_path / "cache"
    load_corpus(corpus_dir, cache)
    parses.clear()
    load_corpus(corpus_dir, cache)
    assert parses == [] and digests == []  # old stamps are trusted: nothing read again
    page = corpus_dir / "en" / "glossary.md"
    same_size_edit(page, "Glossary", "GLOSSARY")
    corpus = load_corpus(corpus_dir, cache)
    assert parses == ["en/glossary.md"]  # the change time moved: checked, found, parsed
    assert "GLOSSARY" in corpus.articles[("glossary", "en")].title + \
        corpus.articles[("glossary", "en")].text


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=8, max_size=8))
def test_with_every_time_frozen_an_edit_is_still_found(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        word: str) -> None:
    """A coarse file system: size, times and inode all stay the same across the edit."""
    root = tmp_path_factory.mktemp("content")
    cache = tmp_path_factory.mktemp("cache")
    page = root / "note.md"
    page.write_text("# Note\n\nThe word is placeholder.\n", encoding="utf-8")
    info = page.stat()
    frozen = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    monkeypatch.setattr(load_module, "stamp", lambda path: frozen)
    assert "placeholder" in load_corpus(root, cache).articles[("note", "en")].text
    page.write_text(f"# Note\n\nThe word is {word}   .\n", encoding="utf-8")
    assert page.stat().st_size == info.st_size
    assert word in load_corpus(root, cache).articles[("note", "en")].text
    monkeypatch.undo()


def test_a_file_name_that_is_not_utf8_does_not_stop_the_cache(
        corpus_dir: Path, tmp_path: Path, parses: list[str]) -> None:
    odd = corpus_dir / "en" / os.fsdecode(b"caf\xe9-\xff.md")
    odd.write_text("# Cafe\n\nA page with a Latin-1 name.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_corpus(corpus_dir, cache)
    assert first.notices == []
    path = ParseCache(cache, corpus_dir).path
    assert path is not None and path.is_file()
    parses.clear()
    second = load_corpus(corpus_dir, cache)
    assert parses == []  # every file from the cache, the odd one included
    assert second.articles == first.articles


def test_a_cache_that_cannot_be_written_is_reported_once(
        corpus_dir: Path, tmp_path: Path, cli: Callable[..., CliResult],
        isolated_dirs: dict[str, Path]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    corpus = load_corpus(corpus_dir, blocker)
    (notice,) = corpus.notices
    assert notice.startswith("cannot write the parse cache (")
    assert len(corpus.articles) == 14
    os.environ["ASEANTUI_CACHE_DIR"] = str(blocker)  # restored by isolated_dirs' monkeypatch
    result = cli("search", "secretariat", "--content", corpus_dir)
    assert result.code == 0
    assert result.err.count("cannot write the parse cache") == 1
