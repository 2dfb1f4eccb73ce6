"""The Whoosh schema: one document per entry, both languages side by side."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from math import log
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length

from aseantui.content.model import LANGS, Article
from aseantui.search.analysis import english_analyzer, indonesian_analyzer, plain_analyzer
from aseantui.search.caches import CACHES
from aseantui.text import normalize_for_search

SCHEMA_VERSION = 12
"""Bump when the schema or the analysis changes: old indexes are rebuilt (changes
to what parsing extracts bump content.parse.PARSE_VERSION instead)."""

ALIAS_BOOST = 3.0
"""Weight of a match among an entry's titles and aliases (a body word is 1)."""
NAME_BOOST = 2.0
"""Weight of a stemmed match in an entry's title or aliases (`name_<lang>`).

A field of its own, with its own length normalisation (BM25F): a title word
counts on a page of 10,000 words as on a page of 100. Coverage of the query
(ranking.py) keeps one title word from beating a page that has every word."""
REPEAT = {"title": 3, "headings": 2, "summary": 1, "tags": 1, "body": 1}
"""How many times each part goes into a language's `text_` field.

One field per language, with titles and headings repeated, weighs where a
word occurs without letting a common word score once per field: BM25's term
saturation keeps the repeats from counting fully. (Whoosh's DisjunctionMax,
the usual tool for this, scores documents from the wrong sub-matcher.)
"""

_WORD_FIELDS = tuple(f"{kind}_{lang}" for kind in ("text", "name") for lang in LANGS)
IDF_FIELDS: dict[str, tuple[str, ...]] = {
    "aliases": ("aliases", "plain"), **{name: _WORD_FIELDS for name in _WORD_FIELDS}}
"""The fields whose largest document frequency is a term's: one IDF per word for
the whole document, whatever field or language it is found in."""


class Ranking(BM25F):
    """BM25F with the probabilistic IDF used by Lucene.

    Whoosh's default IDF, log(N / (df + 1)) + 1, still gives a word found in
    every entry ("ASEAN", "Sekretariat") two thirds of the weight of a word
    found in two; here such words weigh almost nothing, so the word that
    tells entries apart decides the ranking.
    """

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        # One IDF per word for the whole document, as BM25F has it: a word in
        # every page ('rust' in the Rust book) is no rarer for being in few titles.
        df = max(parent.doc_frequency(name, text)
                 for name in IDF_FIELDS.get(fieldname, (fieldname,)))
        n = parent.doc_count_all()
        return log(1 + (n - df + 0.5) / (df + 0.5))

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if type(scorer) is BM25FScorer:
            scorer = _Scorer(searcher, fieldname, text, scorer.B, scorer.K1, qf=qf)
        return scorer


class _Scorer(BM25FScorer):
    """BM25F with each document's length normalisation worked out once per segment.

    Whoosh's scorer decodes the document's field length from its column for
    every posting it scores; on a large index that is half the time of a
    query. The normalisation depends only on the document and the field, so a
    list of it per segment (dropped with the segment's reader) makes scoring
    a posting one lookup and one division. Same formula, same scores.
    """

    def __init__(self, searcher: Any, fieldname: str, text: str, B: float, K1: float,
                 qf: int = 1) -> None:
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self.norms = _norms(searcher, fieldname, K1 * (1 - B), K1 * B / self.avgfl)
        self.top = self.idf * (K1 + 1)

    def score(self, matcher: Any) -> float:
        weight = matcher.weight()
        return float(self.top * weight / (weight + self.norms[matcher.id()]))


def _norms(searcher: Any, fieldname: str, base: float, per_unit: float) -> list[float]:
    """K1 * ((1 - B) + B * length / avgfl) for every document of the searcher's segment."""
    reader = searcher.reader()
    key = (fieldname, base, per_unit)
    try:
        cached = CACHES.norms.setdefault(reader, {})
    except TypeError:  # a reader that cannot be weakly referenced
        cached = {}
    if key not in cached:
        count = reader.doc_count_all()
        codes = _length_codes(reader, fieldname, count)
        if codes is not None:  # one division per possible code, not per document
            table = [base + per_unit * ((byte_to_length(c) if c else 0) or 1)
                     for c in range(256)]
            cached[key] = [table[c] for c in codes]
        else:
            cached[key] = [base + per_unit * (searcher.doc_field_length(doc, fieldname, 1) or 1)
                           for doc in range(count)]
    return cached[key]


def _length_codes(reader: Any, fieldname: str, count: int) -> bytes | None:
    """The one-byte length codes of a field for every document of a segment, read at once.

    Whoosh decodes them one document at a time (0.1 s for five fields of
    6,600 documents, paid by the first search of every process); its whoosh3
    codec keeps them as a column of unsigned bytes, read here in one piece.
    None when the reader is not of that kind: the caller asks per document.
    """
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader

        subreaders = getattr(reader, "readers", None)
        if subreaders is not None:  # several segments: theirs one after the other
            parts = [_length_codes(r, fieldname, r.doc_count_all()) for r in subreaders]
            if any(p is None for p in parts):
                return None
            joined = b"".join(p for p in parts if p is not None)
            return joined if len(joined) == count else None
        perdoc = getattr(reader, "_perdoc", None)
        if type(perdoc) is not W3PerDocReader:
            return None
        column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if column is None:
            return bytes(count)  # no lengths: every document counts as length 1
        if getattr(column, "_typecode", None) != "B" or column._fixedlen != 1:
            return None
        stored = min(column._count, count)
        codes = bytes(column._dbfile.get(column._basepos, stored)) if stored else b""
        return codes + bytes(count - stored)  # documents after the last stored: code 0
    except Exception:  # noqa: BLE001 - another Whoosh: the slow, public way
        return None


@lru_cache(maxsize=1)
def stemmed_analyzers() -> dict[str, Any]:
    """The analyzer of each language's text fields, by language."""
    return {"en": english_analyzer(), "id": indonesian_analyzer()}


@lru_cache(maxsize=1)
def unstemmed_analyzers() -> dict[str, Any]:
    """Each language's analyzer without its stemmer: the same words kept and dropped."""
    return {"en": english_analyzer(stem=False), "id": indonesian_analyzer(stem=False)}


_NOT_WORD = re.compile(r"[\W_]+")


def exact_name(text: str) -> str:
    """A title or alias as one term: case, accents' forms and punctuation ignored.

    A query that is exactly an entry's name ("asean", "sekjen", "tar") then
    finds that entry first, however common its words are elsewhere.
    """
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def build_schema() -> Schema:
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "category": ID(stored=True),
        "langs": KEYWORD(stored=True),
        "digest": STORED(),
        "aliases": TEXT(analyzer=plain_analyzer(), phrase=False),
        "name_exact": KEYWORD(commas=True, scorable=True),
        "plain": TEXT(analyzer=plain_analyzer(), phrase=True),
    }
    for lang in LANGS:
        fields[f"text_{lang}"] = TEXT(analyzer=stemmed_analyzers()[lang], phrase=False)
        fields[f"name_{lang}"] = TEXT(analyzer=stemmed_analyzers()[lang], phrase=False)
        for stored in ("title", "summary", "body"):
            fields[f"{stored}_{lang}"] = STORED()
    return Schema(**fields)


def entry_document(articles: dict[str, Article]) -> dict[str, Any]:
    """The index document for one entry, from its articles by language."""
    first = next(iter(articles.values()))
    aliases: dict[str, None] = {}
    for article in articles.values():
        aliases.update(dict.fromkeys([article.title, *article.aliases]))
    document: dict[str, Any] = {
        "id": first.id,
        "category": first.category,
        "langs": " ".join(sorted(articles)),
        "digest": "+".join(articles[lang].digest for lang in sorted(articles)),
        "aliases": "\n".join(aliases),
        "name_exact": ",".join(filter(None, dict.fromkeys(map(exact_name, aliases)))),
    }
    plain: list[str] = ["\n".join(aliases)]
    for lang, article in articles.items():
        parts = {
            "title": article.title,
            "headings": "\n".join(h.text for h in article.headings),
            "summary": article.summary,
            "tags": "\n".join(article.tags),
            "body": article.text,
        }
        document[f"name_{lang}"] = "\n".join([article.title, *article.aliases])
        document[f"text_{lang}"] = "\n".join(
            text for kind, text in parts.items() for _ in range(REPEAT[kind])
        )
        document[f"title_{lang}"] = article.title
        document[f"summary_{lang}"] = article.summary
        # Snippets are cut from this text with the analyzers' word pattern: normalised,
        # it splits words where the analyzers do (text.normalize_for_search).
        document[f"body_{lang}"] = normalize_for_search(article.text)
        plain += [article.summary, article.text]
    document["plain"] = "\n".join(plain)
    return document
