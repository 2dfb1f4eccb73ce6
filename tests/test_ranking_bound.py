"""Ranking works out coverage and proximity only for matches that can still make
the page; the page is the same as scoring the whole pool (the reference below)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from aseantui.search import ranking
from aseantui.search.query import Compiled, parse
from aseantui.search.service import Library
from conftest import SHARED, SHIPPED


def whole_pool(searcher: Any, compiled: Compiled, query: Any, limit: int
               ) -> list[tuple[int, float]]:
    """Every match of the pool scored, as ranking.rank did before the bound."""
    results = searcher.search(query, limit=max(limit, ranking.POOL), optimize=False)
    if len(compiled.units) < 2:
        return [(hit.docnum, float(hit.score or 0.0)) for hit in results[:limit]]
    reader = searcher.reader()
    weights = ranking._weights(reader, compiled.units)
    docnums = {hit.docnum for hit in results}
    covering = []
    for terms in compiled.units:
        found = set()
        for fieldname, text in terms:
            if (fieldname, text) in reader:
                found.update(d for d in reader.postings(fieldname, text).all_ids()
                             if d in docnums)
        covering.append(found)
    words = [word for word, _, _ in compiled.words]
    near = ranking._near(searcher, words, ranking.NEAR_SLOP, docnums)
    exact = ranking._near(searcher, words, 1, near) if near else set()
    scored = []
    for hit in results:
        covered = sum(w for w, docs in zip(weights, covering, strict=True) if hit.docnum in docs)
        score = float(hit.score or 0.0) * (covered / sum(weights)) ** ranking.COVERAGE_POWER
        score *= (1 + ranking.NEAR_BONUS * (hit.docnum in near)
                  + ranking.EXACT_BONUS * (hit.docnum in exact))
        scored.append((hit.docnum, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def queries_of(library: Library, count: int, seed: str) -> list[str]:
    """Two- to four-word queries from the index's own words, rare and common alike,
    the last one sometimes cut short (a prefix, as typed)."""
    reader = library.searcher().reader()
    vocabulary = [text for text in map(bytes.decode, reader.lexicon("plain"))
                  if text.isalpha() and len(text) > 2]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = rng.sample(vocabulary, rng.randint(2, 4))
        if rng.random() < 0.3:
            words[-1] = words[-1][: max(2, len(words[-1]) - 2)]
        else:
            words[-1] += " "
        out.append(" ".join(words))
    return out


def assert_same_pages(library: Library, queries: list[str]) -> None:
    searcher = library.searcher()
    checked = 0
    for text in queries:
        compiled = parse(text, searcher.reader())
        for limit in (1, 10, 30):
            ranked, _ = ranking.rank(searcher, compiled, compiled.query, None, limit)
            got = [(hit.docnum, score) for hit, score in ranked]
            expected = whole_pool(searcher, compiled, compiled.query, limit)
            assert [d for d, _ in got] == [d for d, _ in expected], (text, limit)
            assert [s for _, s in got] == pytest.approx([s for _, s in expected]), (text, limit)
            checked += len(compiled.units) >= 2
    assert checked, "no query had two words or more: the bound was never used"


def test_the_shipped_content_ranks_as_the_whole_pool() -> None:
    library = Library(SHIPPED, cache_dir=False, prebuilt=False)
    tsv = SHARED / "eval" / "queries.tsv"
    rows = tsv.read_text(encoding="utf-8").splitlines() if tsv.is_file() else []
    queries = [row.split("\t")[1] for row in rows if row.count("\t") >= 1
               and not row.startswith("#")]
    assert_same_pages(library, queries + queries_of(library, 60, "shipped"))


def test_a_synthetic_folder_with_common_words_ranks_as_the_whole_pool(tmp_path: Path) -> None:
    """Many entries sharing words, so pools are full and scores close together."""
    rng = random.Random(7)
    words = [f"w{n}" for n in range(60)] + ["common", "shared", "widely"]
    for n in range(700):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(5, 80)))
        (tmp_path / f"page-{n}.md").write_text(f"# Page {n} {rng.choice(words)}\n\n{body}\n",
                                              encoding="utf-8")
    library = Library(tmp_path, cache_dir=False, prebuilt=False)
    queries = ["common shared", "common widely w1", "w1 w2", "w3 w4 w5 w6", "shared w7 "]
    assert_same_pages(library, queries + queries_of(library, 40, "synthetic"))


@pytest.mark.skipif(not (SHARED / "corpora" / "rust-book").is_dir(), reason="no ../shared corpora")
def test_someone_elses_folder_ranks_as_the_whole_pool() -> None:
    library = Library(SHARED / "corpora" / "rust-book", cache_dir=False, prebuilt=False)
    assert_same_pages(library, ["ownership borrowing", "trait objects dyn", "error handling "
                                "result", "smart pointers box"] + queries_of(library, 40, "rust"))


def test_covering_skips_to_the_same_documents_as_reading_every_posting() -> None:
    library = Library(SHIPPED, cache_dir=False, prebuilt=False)
    reader = library.searcher().reader()
    rng = random.Random(3)
    terms = [("plain", t) for t in rng.sample(list(map(bytes.decode, reader.lexicon("plain"))), 40)]
    terms += [("plain", "asean"), ("plain", "nosuchword")]
    docs = list(range(reader.doc_count_all()))
    for size in (1, 5, len(docs)):
        pool = set(rng.sample(docs, min(size, len(docs))))
        for start in range(0, len(terms), 3):
            group = frozenset(terms[start:start + 3])
            expected = {d for field, text in group if (field, text) in reader
                        for d in reader.postings(field, text).all_ids() if d in pool}
            assert ranking._covering(reader, group, pool) == expected
