"""Ranking on other people's Markdown, measured against SQLite FTS5 on the same files.

For each shared corpus (../shared/corpora: tldr in English and Indonesian, the
Rust book, the Rust RFCs, Textual's docs) the queries in tests/fixtures/ranking
are run through aseantui and through an FTS5 table over the same articles
(`porter unicode61` tokenizer, bm25 with the title weighted 10, every word
required, any word when that finds fewer than three pages). A query succeeds
when one of its expected entries is in the top 3. aseantui must do at least
as well as FTS5 on every corpus. Each corpus is indexed once per session.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from aseantui.content.load import Corpus
from aseantui.search.service import Library

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
QUERIES = Path(__file__).resolve().parent / "fixtures" / "ranking"
TOP = 3
CASES = {
    # query file: (corpus folder, language of the queries)
    "tldr-en": ("tldr", "en"),
    "tldr-id": ("tldr", "id"),
    "rust-book": ("rust-book", "en"),
    "rust-rfcs": ("rust-rfcs", "en"),
    "textual-docs": ("textual-docs", "en"),
}

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora is absent")


@dataclass(frozen=True)
class Query:
    text: str
    expected: frozenset[str]


def read_queries(name: str) -> list[Query]:
    queries = []
    for line in (QUERIES / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, ids = line.split("\t")
            queries.append(Query(text, frozenset(ids.split())))
    return queries


class Fts5:
    """The baseline: one FTS5 row per article, ranked by bm25 with the title weighted 10."""

    def __init__(self, corpus: Corpus) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE pages USING fts5(entry UNINDEXED, title, body, "
                        "tokenize='porter unicode61')")
        self.db.executemany(
            "INSERT INTO pages VALUES (?, ?, ?)",
            [(a.id, a.title, f"{a.summary}\n{a.text}") for a in corpus.articles.values()])

    def search(self, text: str) -> list[str]:
        words = [f'"{w}"' for w in re.findall(r"\w+", text.lower())]
        found: list[str] = []
        for joiner in (" AND ", " OR "):
            rows = self.db.execute(
                "SELECT entry FROM pages WHERE pages MATCH ? ORDER BY bm25(pages, 10.0, 1.0) "
                "LIMIT 50", (joiner.join(words),)).fetchall()
            found += [entry for (entry,) in rows if entry not in found]
            if len(found) >= TOP:
                break
        return found[:TOP]


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Library, Fts5]]]:
    """aseantui and FTS5 over each corpus, built on first use and kept for the session."""
    made: dict[str, tuple[Library, Fts5]] = {}

    class Lazy(dict[str, tuple[Library, Fts5]]):
        def __missing__(self, folder: str) -> tuple[Library, Fts5]:
            cache = tmp_path_factory.mktemp(f"cache-{folder}")
            library = Library(SHARED / folder, cache_dir=cache, prebuilt=False)
            library.open_index()
            made[folder] = (library, Fts5(library.corpus))
            return made[folder]

    yield Lazy()
    for library, fts in made.values():
        library.close()
        fts.db.close()


@pytest.mark.parametrize("name", list(CASES))
def test_top3_at_least_as_good_as_sqlite_fts5(
    name: str, engines: dict[str, tuple[Library, Fts5]]
) -> None:
    folder, lang = CASES[name]
    library, fts = engines[folder]
    ids = set(library.corpus.ids())
    queries = read_queries(name)
    assert len(queries) >= 20
    ours = theirs = 0
    misses = []
    for query in queries:
        expected = query.expected & ids
        assert expected, f"{name}: no expected entry of {query.text!r} is in the corpus"
        got = [hit.id for hit in library.search(query.text, lang=lang, limit=TOP).hits]
        ours += bool(expected & set(got))
        theirs += bool(expected & set(fts.search(query.text)))
        if not expected & set(got):
            misses.append(f"{query.text!r}: {got}")
    print(f"{name}: aseantui {ours}/{len(queries)}, FTS5 {theirs}/{len(queries)}; "
          f"aseantui missed {misses}")
    assert ours >= theirs, f"{name}: aseantui {ours}, FTS5 {theirs}; missed: {misses}"
