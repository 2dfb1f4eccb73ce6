"""Ranking that holds on any corpus: coverage of the query first, then BM25F, then proximity.

Whoosh scores the query as one OR of every word's alternatives (BM25F over
titles, aliases, headings and bodies). Left alone, one rare word in a short
title outscores a page whose body holds every word typed ("list open ports"
gave `ports` and `open` before `ss` and `netstat`). So the best few hundred
matches are scored again here:

* each typed word or phrase counts by its IDF, and a page's score is scaled by
  the share of that weight it matches, to the power COVERAGE_POWER: a page
  with every word beats one with a single rare word;
* pages where the words stand close together (a phrase with a small slop on
  the unstemmed field) get a bonus.
"""

from __future__ import annotations

from bisect import bisect_right
from math import log
from typing import Any

from whoosh import query as q
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query.spans import SpanNear2

from aseantui.search.query import Compiled

POOL = 500
"""How many of Whoosh's best matches are scored again."""
COVERAGE_POWER = 8.0
"""Close to requiring every word (a page with 3 of 4 equally rare words keeps a
tenth of its score), yet a page missing one still ranks above nothing."""
NEAR_SLOP = 4
"""Words this close (positions apart) count as standing together."""
NEAR_BONUS = 0.2
EXACT_BONUS = 0.2
"""Extra for the words in the order typed, side by side."""
BEST_BONUS = 1 + NEAR_BONUS + EXACT_BONUS
"""The most the coverage score of a match can be multiplied by."""
SURE = 30
"""Matches (by Whoosh's score) whose coverage is worked out first to bound the rest."""
SKIP_RATIO = 16
"""Postings are skipped through, not read whole, when this many times longer than
the documents asked about (a skip costs about as much as decoding a block)."""


def _weights(reader: Any, units: list[frozenset[tuple[str, str]]]) -> list[float]:
    """The IDF of each word or phrase: that of its rarest form in a text field."""
    total = max(reader.doc_count_all(), 1)
    weights = []
    for terms in units:
        frequencies = [reader.doc_frequency(f, t) for f, t in terms]
        df = max((f for f in frequencies if f), default=0) or 1
        weights.append(log(1 + (total - df + 0.5) / (df + 0.5)) + 0.05)
    return weights


def _covering(reader: Any, terms: frozenset[tuple[str, str]], docnums: set[int]) -> set[int]:
    """Which of `docnums` contain at least one of `terms` (read from the postings).

    Whoosh's array matchers do not say which terms a document matched, so the
    postings are asked directly: read whole, or, for a few documents against
    a long list, through `_Pool`, which skips to each in turn (blocks of
    postings holding none of them are passed over without being decoded).
    """
    found: set[int] = set()
    for fieldname, text in terms:
        if (fieldname, text) not in reader:
            continue
        try:
            matcher = reader.postings(fieldname, text)
            if len(docnums) * SKIP_RATIO > reader.doc_frequency(fieldname, text):
                found.update(d for d in matcher.all_ids() if d in docnums)
                continue
            pool = _Pool(matcher, sorted(docnums - found))
            while pool.is_active():
                found.add(pool.id())
                pool.next()
        except Exception:  # noqa: BLE001 - a field without postings: nothing found
            continue
        if len(found) == len(docnums):
            break
    return found


def _near(searcher: Any, words: list[str], slop: int, docnums: set[int]) -> set[int]:
    """Which of `docnums` have `words` in order, at most `slop` positions apart ("plain").

    Whoosh's phrase matcher, fed only the postings of `docnums`: run over the
    whole index it worked out the positions of every entry holding all the
    words, most of them outside the pool (on 10,000 entries, 40 % of the time
    of a query of common words). Same matcher, same answer for the pool.
    """
    if len(words) < 2 or not docnums:
        return set()
    try:
        reader = searcher.reader()
        if any(("plain", word) not in reader for word in words):
            return set()  # as Phrase.matcher: a word not in the index matches nothing
        pool = sorted(docnums)
        ms = [_Pool(q.Term("plain", word).matcher(searcher), pool) for word in words]
        matcher = SpanNear2.SpanNear2Matcher(ms, slop=slop, ordered=True, mindist=1)
        found = set()
        while matcher.is_active():
            found.add(matcher.id())
            matcher.next()
        return found & docnums
    except Exception:  # noqa: BLE001 - a bonus only: never let it fail a search
        return set()


class _Pool(WrappingMatcher):
    """A term's postings restricted to a sorted list of documents, reached by skipping."""

    def __init__(self, child: Any, ids: list[int]) -> None:
        super().__init__(child)
        self._ids = ids
        self._set = set(ids)
        self._done = False
        self._find_next()

    def is_active(self) -> bool:
        return not self._done and bool(self.child.is_active())

    def _find_next(self) -> None:
        child = self.child
        while child.is_active():
            doc = child.id()
            if doc in self._set:
                return
            at = bisect_right(self._ids, doc)
            if at == len(self._ids):
                self._done = True
                return
            child.skip_to(self._ids[at])

    def next(self) -> None:
        self.child.next()
        self._find_next()

    def skip_to(self, id: int) -> None:  # noqa: A002 - Whoosh's name
        if self.child.is_active():
            self.child.skip_to(id)
        self._find_next()

    def copy(self) -> _Pool:
        return _Pool(self.child.copy(), self._ids)


def rank(searcher: Any, compiled: Compiled, query: Any, filter_query: Any, limit: int
         ) -> tuple[list[tuple[Any, float]], int]:
    """The best `limit` matches as (Whoosh hit, score), and how many documents match.

    Coverage and proximity are worked out only for the matches that can still
    reach the best `limit`: a match's final score lies between its coverage
    score and BEST_BONUS times its Whoosh score, so once `limit` matches are
    known to score at least T, a match whose Whoosh score times BEST_BONUS is
    below T cannot make it. The first SURE matches by Whoosh's score give T.
    Same pages as scoring the whole pool (tests/test_ranking_bound.py).
    """
    results = searcher.search(query, limit=max(limit, POOL), filter=filter_query,
                              optimize=False)
    total = len(results)
    if len(compiled.units) < 2:
        return [(hit, float(hit.score or 0.0)) for hit in results[:limit]], total
    hits = list(results)  # best Whoosh score first
    reader = searcher.reader()
    weights = _weights(reader, compiled.units)
    full = sum(weights)
    covering: list[set[int]] = [set() for _ in compiled.units]
    done: set[int] = set()

    def cover(docnums: set[int]) -> None:
        for found, terms in zip(covering, compiled.units, strict=True):
            found.update(_covering(reader, terms, docnums - done))
        done.update(docnums)

    def base(hit: Any) -> float:
        covered = sum(w for w, docs in zip(weights, covering, strict=True)
                      if hit.docnum in docs)
        share: float = (covered / full) ** COVERAGE_POWER
        return float(hit.score or 0.0) * share

    first = hits[:max(SURE, limit)]
    cover({hit.docnum for hit in first})
    sure = sorted((base(hit) for hit in first), reverse=True)
    threshold = sure[limit - 1] if len(sure) >= limit else 0.0
    candidates = [hit for hit in hits if float(hit.score or 0.0) * BEST_BONUS >= threshold]
    docnums = {hit.docnum for hit in candidates}
    cover(docnums)
    words = [word for word, _, _ in compiled.words]
    near = _near(searcher, words, NEAR_SLOP, docnums)
    exact = _near(searcher, words, 1, near) if near else set()
    scored = []
    for hit in candidates:
        score = base(hit)
        score *= 1 + NEAR_BONUS * (hit.docnum in near) + EXACT_BONUS * (hit.docnum in exact)
        scored.append((hit, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit], total
