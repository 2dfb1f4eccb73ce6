"""Any query at all: it returns Results, never raises, and its work is bounded.

Property-based (hypothesis) over arbitrary Unicode, query syntax fragments,
unbalanced quotes and brackets, lone operators, unknown fields, NUL bytes and
very long input, against the fixture corpus with its index in memory.

"Bounded" is checked structurally, not by the clock: the compiled query has at
most MAX_EXPANSIONS terms per typo/prefix/wildcard expansion, and no
expansion reads more than MAX_SCAN terms of the vocabulary. The only time
limit is hypothesis's per-example deadline, generous for a loaded CI box.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import islice
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh import query as q

from aseantui.search import query as query_module
from aseantui.search.query import MAX_EXPANSIONS, MAX_QUERY_CHARS, MAX_SCAN, parse
from aseantui.search.service import Library, Results

DEADLINE = timedelta(seconds=2)
SHARED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

SYNTAX = [
    '"', "'", "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE",
    "-", "+", "*", "?", "~", "~2", "^", "^3", ":", "\\", "/", "TO", "<", ">", "=",
    "foo:bar", "category:", "category:history", "lang:", "lang:id", "cat:x", "bahasa:en",
    "title:jakarta", "id:founding", "*:*", "\x00", "\ud800", "\u202e", "\x1b[31m",
    "jakarta", "sekretariat", "secretary-general", "1976", "kopi", "caf", "jakrta",
]
"""Fragments a reader (or a fuzzer) may combine into a query."""

queries = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(SYNTAX) | st.text(max_size=6), max_size=30).map(" ".join),
    st.lists(st.sampled_from(SYNTAX), max_size=40).map("".join),
    st.builds(lambda c, n: c * n, st.sampled_from(['"', "(", ")", "*", "?", "~", "-", "a*"]),
              st.integers(1, 400)),
)


class CountingReader:
    """A reader that counts the vocabulary terms each expansion pulls."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self.pulled: list[int] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

    def __contains__(self, item: object) -> bool:
        return item in self._reader

    def _counted(self, terms: Iterator[Any]) -> Iterator[Any]:
        self.pulled.append(0)
        for term in terms:
            self.pulled[-1] += 1
            yield term

    def expand_prefix(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        return self._counted(self._reader.expand_prefix(*args, **kwargs))

    def lexicon(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        return self._counted(self._reader.lexicon(*args, **kwargs))

    def terms_within(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        return self._counted(iter(self._reader.terms_within(*args, **kwargs)))


def expansions(node: q.Query) -> Iterator[q.Or]:
    """Every typo / prefix / wildcard expansion: an Or of terms of the plain field."""
    if isinstance(node, q.Or) and node.subqueries and all(
        isinstance(s, q.Term) and s.fieldname == "plain" for s in node.subqueries
    ):
        yield node
    for child in node.children():
        yield from expansions(child)


@pytest.fixture
def watched(memory_library: Library, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The memory library, failing the test if a query ever made it rebuild its index."""

    def blame(reason: str) -> None:
        raise AssertionError(f"a query made the index rebuild ({reason})")

    monkeypatch.setattr(memory_library, "_fallback_to_memory", blame)
    return memory_library


def check(library: Library, text: str, lang: str = "en") -> Results:
    results = library.search(text, lang=lang, limit=5)
    assert isinstance(results, Results)
    assert not results.notice.startswith("search failed"), results.notice
    assert results.total >= len(results.hits)
    assert len({hit.id for hit in results.hits}) == len(results.hits)
    for hit in results.hits:
        assert hit.lang in ("en", "id")
    return results


@settings(max_examples=2000, deadline=DEADLINE, suppress_health_check=SHARED)
@given(text=queries, lang=st.sampled_from(["en", "id"]))
@example(text="\x00" * 50, lang="en")
@example(text="(" * 300, lang="en")
@example(text='"' * 301, lang="id")
@example(text="foo:bar baz:", lang="en")
@example(text="AND", lang="en")
@example(text="0 ANDNOT ANDNOT 0", lang="en")
@example(text="a* b* c* d* e* f* g* h* i* j* k* l* m*", lang="id")
def test_any_query_returns_results(watched: Library, text: str, lang: str) -> None:
    check(watched, text, lang)


@settings(max_examples=1000, deadline=DEADLINE, suppress_health_check=SHARED)
@given(text=queries)
@example(text="\ud800*")  # a lone surrogate (from argv) once made Whoosh raise
@example(text="0 ANDNOT ANDNOT 0")  # once failed in Whoosh's parser, then in the fallback
def test_expansion_is_bounded(memory_library: Library, text: str) -> None:
    reader = CountingReader(memory_library.searcher().reader())
    compiled = parse(text, reader)
    assert all(pulled <= MAX_SCAN for pulled in reader.pulled), reader.pulled
    for expansion in expansions(compiled.query):
        assert len(expansion.subqueries) <= MAX_EXPANSIONS


@pytest.mark.parametrize(
    "text",
    ["AND", "OR", "NOT", "-", "+", "*", "?", "~", "^", ":", '"', "'", "(", ")", "((", "))",
     '"unbalanced', "unbalanced)", "foo:bar", "foo:", ":bar", "category:nosuch", "lang:xx",
     "\x00", "jakarta\x00sekretariat", "\ud800\udfff", "*" * 10_000, "jakarta " * 1250,
     "a" * 10_000, "é" * 10_000, "(" * 10_000, '"' * 10_000, "a~" * 5000],
)
def test_named_odd_queries(watched: Library, text: str) -> None:
    results = check(watched, text)
    if len(text) > MAX_QUERY_CHARS:  # cut, and the reader is told
        assert str(MAX_QUERY_CHARS) in results.notice


def test_unknown_fields_are_searched_as_words_or_explained(watched: Library) -> None:
    results = check(watched, "foo:jakarta")
    assert results.hits  # the word still counts
    assert "category" in check(watched, "category:nosuch jakarta").notice


def test_a_wildcard_over_the_whole_vocabulary_is_capped(memory_library: Library) -> None:
    reader = memory_library.searcher().reader()
    vocabulary = sum(1 for _ in islice(reader.lexicon("plain"), MAX_SCAN + 1))
    assert vocabulary > MAX_EXPANSIONS  # the cap is what limits the next query
    compiled = parse("*a*", CountingReader(reader))
    for expansion in expansions(compiled.query):
        assert len(expansion.subqueries) <= MAX_EXPANSIONS
    assert len(query_module.wildcard_terms(reader, "*")) == MAX_EXPANSIONS
    assert len(query_module.prefix_terms(reader, "a")) <= MAX_EXPANSIONS
    assert len(query_module.fuzzy_terms(reader, "sekretariat", 2)) <= MAX_EXPANSIONS
