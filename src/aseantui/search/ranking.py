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

from math import log
from typing import Any

from whoosh import query as q

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
    postings are asked directly.
    """
    found: set[int] = set()
    for fieldname, text in terms:
        if (fieldname, text) not in reader:
            continue
        try:
            found.update(d for d in reader.postings(fieldname, text).all_ids() if d in docnums)
        except Exception:  # noqa: BLE001 - a field without postings: nothing found
            continue
        if len(found) == len(docnums):
            break
    return found


def _near(searcher: Any, words: list[str], slop: int, docnums: set[int]) -> set[int]:
    if len(words) < 2:
        return set()
    phrase = q.Phrase("plain", words, slop=slop)
    try:
        matcher = phrase.matcher(searcher)
        found = set()
        while matcher.is_active():
            if matcher.id() in docnums:
                found.add(matcher.id())
            matcher.next()
        return found
    except Exception:  # noqa: BLE001 - a bonus only: never let it fail a search
        return set()


def rank(searcher: Any, compiled: Compiled, query: Any, filter_query: Any, limit: int
         ) -> tuple[list[tuple[Any, float]], int]:
    """The best `limit` matches as (Whoosh hit, score), and how many documents match."""
    results = searcher.search(query, limit=max(limit, POOL), filter=filter_query,
                              optimize=False)
    total = len(results)
    if len(compiled.units) < 2:
        return [(hit, float(hit.score or 0.0)) for hit in results[:limit]], total
    reader = searcher.reader()
    weights = _weights(reader, compiled.units)
    full = sum(weights)
    docnums = {hit.docnum for hit in results}
    covering = [_covering(reader, terms, docnums) for terms in compiled.units]
    words = [word for word, _, _ in compiled.words]
    near = _near(searcher, words, NEAR_SLOP, docnums)
    exact = _near(searcher, words, 1, near) if near else set()
    scored = []
    for hit in results:
        covered = sum(w for w, docs in zip(weights, covering, strict=True)
                      if hit.docnum in docs)
        score = float(hit.score or 0.0) * (covered / full) ** COVERAGE_POWER
        score *= 1 + NEAR_BONUS * (hit.docnum in near) + EXACT_BONUS * (hit.docnum in exact)
        scored.append((hit, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit], total
