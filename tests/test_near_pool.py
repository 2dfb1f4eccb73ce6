"""The proximity bonus restricted to the ranking pool finds what Whoosh's phrase
matcher over the whole index finds, within the pool."""

from __future__ import annotations

import random
from typing import Any

import pytest
from whoosh import query as q

from aseantui.search.ranking import _near
from aseantui.search.service import Library


def phrase_everywhere(searcher: Any, words: list[str], slop: int) -> set[int]:
    phrase: Any = q.Phrase("plain", words, slop=slop)
    matcher = phrase.matcher(searcher)
    found = set()
    while matcher.is_active():
        found.add(matcher.id())
        matcher.next()
    return found


@pytest.mark.parametrize("words", [["asean", "secretariat"], ["secretary", "general"],
                                   ["the", "asean", "secretariat"], ["jakarta", "asean"],
                                   ["sekretariat", "asean"], ["no", "suchword"]])
@pytest.mark.parametrize("slop", [1, 4])
def test_near_in_a_pool_is_the_phrase_matcher_within_it(
        memory_library: Library, words: list[str], slop: int) -> None:
    searcher = memory_library.searcher()
    everywhere = phrase_everywhere(searcher, words, slop) if all(
        ("plain", w) in searcher.reader() for w in words) else set()
    docs = list(range(searcher.doc_count_all()))
    rng = random.Random(" ".join(words))
    for size in (1, 3, len(docs)):
        pool = set(rng.sample(docs, min(size, len(docs))))
        assert _near(searcher, words, slop, pool) == everywhere & pool
    if words[:2] == ["asean", "secretariat"]:
        assert everywhere  # the comparison is not between two empty sets
