"""The shipped encyclopedia answers the queries its writers expect readers to type.

Each content batch keeps its queries in tests/fixtures/queries/<batch>.tsv
(`query<TAB>lang<TAB>expected entry id`, a header line first). A query succeeds
when the expected entry is among the first three hits. The shared evaluation
(../shared/eval) covers the first edition; these cover every entry.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from aseantui.search.service import Library

ROOT = Path(__file__).resolve().parents[1]
QUERIES = Path(__file__).resolve().parent / "fixtures" / "queries"
MIN_SUCCESS = 0.9


def load_queries() -> list[tuple[str, str, str, str]]:
    rows = []
    for path in sorted(QUERIES.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                rows.append((path.name, row["query"], row["lang"], row["expected"]))
    return rows


@pytest.fixture(scope="module")
def shipped() -> Iterator[Library]:
    library = Library(ROOT / "content", cache_dir=False)
    library.open_index()
    yield library
    library.close()


def test_every_expected_entry_exists(shipped: Library) -> None:
    ids = set(shipped.corpus.ids())
    missing = sorted({(f, e) for f, _, _, e in load_queries() if e not in ids})
    assert not missing, f"queries expect entries that do not exist: {missing}"


def test_each_batch_has_queries_in_both_languages() -> None:
    rows = load_queries()
    assert rows, f"no query files in {QUERIES}"
    for name in {f for f, *_ in rows}:
        langs = {lang for f, _, lang, _ in rows if f == name}
        assert langs == {"en", "id"}, f"{name}: languages {langs}"


def test_queries_find_their_entry_in_the_top_three(shipped: Library) -> None:
    rows = load_queries()
    misses = []
    for name, query, lang, expected in rows:
        hits = [hit.id for hit in shipped.search(query, lang=lang, limit=3).hits]
        if expected not in hits:
            misses.append(f"{name}: {query!r} [{lang}] -> {hits}, expected {expected}")
    success = 1 - len(misses) / len(rows)
    assert success >= MIN_SUCCESS, f"success@3 {success:.2f} < {MIN_SUCCESS}:\n" + "\n".join(
        misses
    )
