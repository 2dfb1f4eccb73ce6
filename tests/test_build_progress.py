"""A first build of a large folder: articles parsed in worker processes, progress told,
BM25 length norms read in bulk; each gives what the one-at-a-time way gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import aseantui.content.parallel as parallel
from aseantui.content.load import article_files, load_corpus
from aseantui.content.parse import parse_article
from aseantui.search import schema
from aseantui.search.caches import CACHES
from aseantui.search.progress import Throttle, notice
from aseantui.search.service import Library
from conftest import FIXTURE


def many_files(tmp_path: Path, copies: int) -> Path:
    """The fixture corpus `copies` times over, each copy in a folder of its own."""
    root = tmp_path / "many"
    for n in range(copies):
        shutil.copytree(FIXTURE / "en", root / f"part{n}")
    return root


def test_workers_parse_what_this_process_parses(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = many_files(tmp_path, 6)
    files = list(article_files(root))
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    told: list[tuple[int, int]] = []
    in_workers = parallel.parse_files(files, lambda d, t: told.append((d, t)), workers=2)
    here = [parse_article(path, relpath) for path, relpath in files]
    assert in_workers == here
    assert told[-1] == (len(files), len(files))
    assert [d for d, _ in told] == sorted(d for d, _ in told)


def test_progress_of_a_first_build(tmp_path: Path) -> None:
    root = many_files(tmp_path, 2)
    told: list[tuple[str, int, int]] = []
    library = Library(root, lazy=True)
    info = library.open_index(progress=lambda *step: told.append(step))
    assert info.action == "built"
    phases = [phase for phase, _, _ in told]
    assert phases == sorted(phases, key=["parse", "index"].index)  # reading, then indexing
    assert ("parse", 14, 14) in told  # 14 files, 7 entries (the copies share ids)
    assert ("index", 7, 7) in told
    told.clear()
    Library(root, lazy=True).open_index(progress=lambda *step: told.append(step))
    assert told == []  # nothing to read or index: nothing to tell


def test_throttle_passes_on_the_last_step_and_few_others() -> None:
    shown: list[str] = []
    throttle = Throttle(shown.append, interval=3600)
    for done in range(1, 101):
        throttle("index", done, 100)
    assert shown == [notice("index", 1, 100), notice("index", 100, 100)]
    assert str(shown[-1]) == "Building the search index: 100 of 100 entries…"


def test_length_norms_read_at_once_are_those_read_one_by_one(tmp_path: Path) -> None:
    root = many_files(tmp_path, 3)
    library = Library(root)
    library.open_index()
    for count in (1, 2):  # one segment, then two (an incremental update adds one)
        if count == 2:
            page = root / "part0" / "glossary.md"
            page.write_text(page.read_text(encoding="utf-8") + "\nMore words.\n",
                            encoding="utf-8")
            library = Library(root)
            assert library.open_index().action.startswith("updated")
        searcher = library.searcher()
        readers = [searcher.reader(), *getattr(searcher.reader(), "readers", [])]
        assert len(readers) == (1 if count == 1 else 3)
        for reader in readers:
            for field in ("text_en", "name_en", "plain", "aliases"):
                codes = schema._length_codes(reader, field, reader.doc_count_all())
                assert codes is not None
                slow = [reader.doc_field_length(d, field, 1) or 1
                        for d in range(reader.doc_count_all())]
                from whoosh.util.numeric import byte_to_length
                fast = [(byte_to_length(c) if c else 0) or 1 for c in codes]
                assert fast == slow, field
        library.close()
        CACHES.clear()


def test_load_corpus_tells_how_far_parsing_is(tmp_path: Path) -> None:
    root = many_files(tmp_path, 1)
    told: list[tuple[int, int]] = []
    corpus = load_corpus(root, progress=lambda d, t: told.append((d, t)))
    assert len(corpus.articles) == 7 and told[-1] == (7, 7)
    assert corpus.stamps is not None and "/" in corpus.stamps.files
