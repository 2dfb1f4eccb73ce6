"""Opening the index from stamps alone (search/fresh.py): a search on an unchanged folder
reads no article, and any change to the folder sends it the long way."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import aseantui.search.fresh as fresh
from aseantui.search.service import Library
from aseantui.search.store import IndexStore
from conftest import CliResult


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps count as soon as they are taken (normally only 3 s after a file's last change)."""
    monkeypatch.setattr(fresh, "RACY_NS", 0)


def answers(library: Library, query: str = "secretariat") -> list[tuple[str, str, str]]:
    return [(h.id, h.lang, h.snippet.plain) for h in library.search(query).hits]


def built(corpus_dir: Path) -> list[tuple[str, str, str]]:
    """Build the index of `corpus_dir` the usual way; what it answers."""
    library = Library(corpus_dir)
    library.open_index()
    found = answers(library)
    library.close()
    return found


def test_unchanged_folder_is_searched_without_reading_its_articles(
        corpus_dir: Path, settled: None) -> None:
    expected = built(corpus_dir)
    library = Library(corpus_dir, lazy=True)
    info = library.open_index()
    assert info.action == "reused"
    assert answers(library) == expected
    assert not library.loaded
    assert library.skipped == 0 and not library.loaded
    assert library.categories() == sorted({a.category for a in Library(corpus_dir)
                                           .corpus.articles.values()})


def test_a_stamp_taken_right_after_a_change_is_not_trusted(corpus_dir: Path) -> None:
    built(corpus_dir)  # the files and the record are seconds old: racy
    library = Library(corpus_dir, lazy=True)
    assert library.open_index().action == "reused"
    assert library.loaded


@pytest.mark.parametrize("change", ["edit", "add", "add-in-new-folder", "remove", "rename"])
def test_any_change_to_the_folder_takes_the_long_way(
        corpus_dir: Path, settled: None, change: str) -> None:
    built(corpus_dir)
    page = corpus_dir / "en" / "glossary.md"
    new = "---\nid: zanzibar\ntitle: Zanzibar\n---\n\nZanzibar quokka.\n"
    if change == "edit":
        page.write_text(page.read_text(encoding="utf-8") + "\nZanzibar quokka.\n",
                        encoding="utf-8")
    elif change == "add":
        (corpus_dir / "en" / "zanzibar.md").write_text(new, encoding="utf-8")
    elif change == "add-in-new-folder":
        (corpus_dir / "more").mkdir()
        (corpus_dir / "more" / "zanzibar.md").write_text(new, encoding="utf-8")
    elif change == "remove":
        page.unlink()
    else:
        page.rename(corpus_dir / "en" / "lexicon.md")
    library = Library(corpus_dir, lazy=True)
    library.open_index()
    assert library.loaded
    eager = Library(corpus_dir)
    assert answers(library, "zanzibar quokka") == answers(eager, "zanzibar quokka")
    assert answers(library, "glossary") == answers(eager, "glossary")


def test_an_article_added_to_a_folder_without_articles_is_seen(
        corpus_dir: Path, settled: None) -> None:
    (corpus_dir / "images").mkdir()
    (corpus_dir / "images" / "logo.txt").write_text("not an article", encoding="utf-8")
    built(corpus_dir)
    (corpus_dir / "images" / "zanzibar.md").write_text("# Zanzibar\n\nQuokka.\n",
                                                       encoding="utf-8")
    library = Library(corpus_dir, lazy=True)
    library.open_index()
    assert library.loaded
    assert [h.id for h in library.search("quokka").hits] == ["images/zanzibar"]


def test_broken_articles_are_counted_without_reading_them(
        corpus_dir: Path, settled: None, cli: Callable[..., CliResult]) -> None:
    (corpus_dir / "en" / "broken.md").write_text("---\nid: [unclosed\n---\nText\n",
                                                 encoding="utf-8")
    eager = Library(corpus_dir)
    assert eager.corpus.skipped == 1
    eager.open_index()
    library = Library(corpus_dir, lazy=True)
    library.open_index()
    assert library.skipped == 1 and not library.loaded
    result = cli("search", "secretariat", "--content", corpus_dir)
    assert result.code == 0
    assert "skipped 1 broken article(s)" in result.err


def test_a_damaged_index_file_is_still_found(corpus_dir: Path, settled: None) -> None:
    expected = built(corpus_dir)
    Library(corpus_dir, lazy=True).open_index()  # stamps of the checked index recorded
    store = IndexStore(corpus_dir.parent / "cache", corpus_dir)
    manifest = store.read_manifest()
    assert manifest is not None and store.intact(manifest)
    assert store.base is not None
    segment = next(p for p in (store.base / manifest["build"]).iterdir() if p.suffix == ".seg")
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    assert not store.intact(manifest)
    library = Library(corpus_dir, lazy=True)
    info = library.open_index()
    assert info.action == "built"
    assert info.notices == ["the index cache was damaged or incomplete and has been rebuilt"]
    assert answers(library) == expected


def test_a_garbled_record_only_costs_the_long_way(corpus_dir: Path, settled: None) -> None:
    expected = built(corpus_dir)
    store = IndexStore(corpus_dir.parent / "cache", corpus_dir)
    assert store.base is not None
    record = store.base / fresh.FILE
    data = json.loads(record.read_text(encoding="utf-8"))
    data["articles"]["files"] = {key: "garbage" for key in data["articles"]["files"]}
    record.write_text(json.dumps(data), encoding="utf-8")
    library = Library(corpus_dir, lazy=True)
    assert library.open_index().action == "reused"
    assert library.loaded
    assert answers(library) == expected
    record.write_text("[[[", encoding="utf-8")
    library = Library(corpus_dir, lazy=True)
    assert library.open_index().action == "reused"
    assert library.loaded and answers(library) == expected
