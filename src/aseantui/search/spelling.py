"""'Did you mean': a corrected query, offered only when it finds something.

A word is corrected when the index does not know it (and it is not a word
still being typed that known words start with). The correction is the
closest known word (fewest edits), the most common among equally close ones,
and never a stop word: 'kao kim horn' is 'kao kim hourn', not 'kao kim how'.
"""

from __future__ import annotations

from typing import Any

from aseantui.search.analysis import is_stop_word
from aseantui.search.query import Compiled, choose_matchers, near_terms, parse

FEW_RESULTS = 3
"""Below this many results a suggestion is looked for even if every word is known."""
MIN_WORD = 3
"""Shorter words are not corrected."""


def has_unknown_word(compiled: Compiled, reader: Any) -> bool:
    """True when a typed word of MIN_WORD letters or more is not in the index."""
    return any(len(w) >= MIN_WORD and ("plain", w) not in reader for w, _, _ in compiled.words)


def correction(reader: Any, word: str) -> str | None:
    """The known word `word` most likely misspells, or None."""
    options = [(term, distance) for term, distance in near_terms(reader, word)
               if term != word and not is_stop_word(term)]
    if not options:
        return None
    closest = min(distance for _, distance in options)
    return max((term for term, distance in options if distance == closest),
               key=lambda term: (reader.doc_frequency("plain", term), term))


def suggest(text: str, compiled: Compiled, searcher: Any) -> str | None:
    """A corrected query that finds something, or None."""
    reader = searcher.reader()
    corrected = text
    for word, start, end in sorted(compiled.words, key=lambda w: -w[1]):
        if len(word) < MIN_WORD or ("plain", word) in reader:
            continue
        if end == len(text) and any(True for _ in reader.expand_prefix("plain", word)):
            continue  # still being typed, and a known word starts like this
        best = correction(reader, word)
        if best is not None and text[start:end].lower() != best:
            corrected = corrected[:start] + best + corrected[end:]
    if corrected == text:
        return None
    # Offer the spelling only if it finds something: the first matching
    # document is enough (no scoring), found lazily by union trees.
    query = parse(corrected, reader).query
    choose_matchers(query, small=True)
    return corrected if next(iter(query.docs(searcher)), None) is not None else None
