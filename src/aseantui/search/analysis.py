"""Text analysis for the index: English, Indonesian and a plain (unstemmed) chain.

Analyzers are pickled into the index's schema by Whoosh, so everything here is
module-level and cheap to unpickle; the Sastrawi stemmer is built on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    SubstitutionFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from aseantui.search.caches import CACHES, STEMS_SIZE
from aseantui.text import normalize_for_search

# Words: letters and digits, joined by single dots ("u.s", "70a", "2.5").
TOKEN_PATTERN = r"\w+(\.?\w+)*"
MAX_TOKEN = 40
"""Longer 'words' are noise (hashes, base64); they are not indexed."""



@lru_cache(maxsize=1)
def _sastrawi() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def stem_id(word: str) -> str:
    """Sastrawi stem of one Indonesian word ('kepemimpinan' -> 'pimpin')."""
    known = CACHES.stems
    stem = known.get(word)
    if stem is None:
        stem = str(_sastrawi().stem(word)) or word
        if len(known) < STEMS_SIZE:
            known[word] = stem
    return stem


INDONESIAN_CONTENT_WORDS = frozenset(
    """
    akhir awal baru besar kecil panjang bulan hari satu dua tiga empat lima pertama kedua
    kelima terakhir kerja bekerja sama bersama jumlah berjumlah masa tempat setempat pihak
    orang kasus masalah persoalan luar khusus penting jauh dekat mulai dimulai berakhir
    pertanyaan jawaban bagian keadaan cara
    """.split()
)
"""Words on Sastrawi's stop list that carry meaning in this encyclopedia.

'kerja sama' (cooperation), 'masa jabatan' (term of office), 'luar negeri'
(foreign affairs), 'tiga pilar' (three pillars), 'staf setempat' (local
staff) and 'pertanyaan' (questions) must stay searchable.
"""


@lru_cache(maxsize=1)
def indonesian_stopwords() -> frozenset[str]:
    """Sastrawi's Indonesian stop words, less the content words above."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words()) - INDONESIAN_CONTENT_WORDS


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    return frozenset(stopwords_for_language("en"))


def is_stop_word(word: str) -> bool:
    """True for a stop word of either language ('the', 'yang').

    `word` is lower-cased and accent-folded, as the plain analyzer gives it.
    """
    return word in english_stopwords() or word in indonesian_stopwords()


class NormalizingTokenizer(RegexTokenizer):
    """RegexTokenizer over `normalize_for_search(text)`: no word is split by an invisible
    character, and compatibility forms (full-width, ligatures) are the plain letters."""

    def __call__(self, value: str, *args: Any, **kwargs: Any) -> Any:
        return super().__call__(normalize_for_search(value), *args, **kwargs)


def _base() -> Any:
    return (
        NormalizingTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
    )


def english_analyzer(*, stem: bool = True) -> Any:
    """Tokenize, lower-case, fold accents, drop English stop words, Snowball-stem.

    British and American spellings meet first: organisation / organization.
    """
    chain = (
        _base()
        | SubstitutionFilter(r"isation", "ization")
        | StopFilter(english_stopwords(), maxsize=MAX_TOKEN)
    )
    return chain | StemFilter(lang="en") if stem else chain


def indonesian_analyzer(*, stem: bool = True) -> Any:
    """Tokenize, lower-case, fold accents, drop Indonesian stop words, Sastrawi-stem."""
    chain = _base() | StopFilter(indonesian_stopwords(), maxsize=MAX_TOKEN)
    return chain | StemFilter(stemfn=stem_id, cachesize=100_000) if stem else chain


def plain_analyzer() -> Any:
    """Tokenize, lower-case and fold accents only: for phrases, typos and prefixes."""
    return _base() | StopFilter(frozenset(), minsize=1, maxsize=MAX_TOKEN)


def analyze(analyzer: Any, text: str) -> list[str]:
    return [token.text for token in analyzer(text)]
