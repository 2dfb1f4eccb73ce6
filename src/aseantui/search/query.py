"""Turn what a reader types into a Whoosh query over both languages.

Whoosh's own QueryParser reads the syntax (phrases, `-word`, `AND`/`OR`/`NOT`,
`category:` and `lang:` filters, `word*`, `word~`) against a small parsing
schema with one unstemmed text field. Each word it finds is then expanded
here into the fields of the index: English and Indonesian stems in titles,
aliases, headings, summaries and bodies; bounded typo and prefix expansions
over the unstemmed vocabulary.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from whoosh import query as q
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    OrGroup,
    PlusMinusPlugin,
    QueryParser,
    RangePlugin,
)
from whoosh.support.levenshtein import damerau_levenshtein

from aseantui.content.model import CATEGORIES, LANGS
from aseantui.i18n import Notice, category_for
from aseantui.search.analysis import analyze, is_stop_word, plain_analyzer
from aseantui.search.caches import CACHES
from aseantui.search.schema import (
    ALIAS_BOOST,
    NAME_BOOST,
    exact_name,
    stemmed_analyzers,
    unstemmed_analyzers,
)

MAX_QUERY_CHARS = 500
"""Longer input is cut: nobody types more, and it bounds the work per query."""
MAX_WORDS = 24
MAX_EXPANSIONS = 24
"""Most index terms a typo, prefix or wildcard may expand to."""
MAX_SCAN = 2_000
"""Most index terms looked at while expanding one prefix or wildcard."""
SMALL_INDEX = 1_000
"""Below this many entries ORs are scored by a tree of union matchers."""
LARGE_INDEX = 2_000
"""From this many entries, common words are left out and completions cut."""
COMMON_SHARE = 0.5
LARGE_INDEX_COMPLETIONS = 8
FUZZY_MIN = 5
FUZZY_BOOST = 0.5
PREFIX_BOOST = 0.7
EXACT_NAME_BOOST = 8.0
"""Weight of the whole query being an entry's title or alias, against one word's matches."""


@dataclass
class Compiled:
    """A query ready for the searcher, and what the service needs to explain it."""

    query: q.Query
    filters: dict[str, list[str]] = field(default_factory=dict)
    words: list[tuple[str, int, int]] = field(default_factory=list)
    """(word, start, end) of each plain word typed, for 'did you mean'."""
    notice: str = ""
    units: list[frozenset[tuple[str, str]]] = field(default_factory=list)
    """The index terms each typed word or phrase can match, for ranking by how many
    of them a document matches (results.py)."""

    def filter_query(self) -> q.Query | None:
        parts: list[q.Query] = []
        for name, values in self.filters.items():
            parts.append(q.Or([q.Term(name, v) for v in values]))
        return q.And(parts) if parts else None


_OPTION = re.compile(r"(?<![^\s(])--+(?=\w)")
"""Two or more dashes starting a word: a command-line option, searched as its word."""


@lru_cache(maxsize=1)
def _parser() -> QueryParser:
    schema = Schema(plain=TEXT(analyzer=plain_analyzer()), category=ID(), langs=ID())
    parser = QueryParser("plain", schema, group=OrGroup.factory(0.9))
    parser.remove_plugin_class(RangePlugin)
    # A '-' or '+' only counts as an operator at the start of a word, so
    # 'secretary-general' stays one (two-token) word.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(
        FieldAliasPlugin({"langs": ["lang", "bahasa"], "category": ["cat", "kategori"]})
    )
    return parser


def parse(text: str, reader: Any) -> Compiled:
    """Compile `text` for searching with `reader`; never raises on user input."""
    notice = ""
    # NUL and lone surrogates (from argv) are not text Whoosh can index or look up.
    text = text.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notice = Notice("query shortened to its first {n} characters", n=MAX_QUERY_CHARS)
    # '--force' is an option someone looks up, not '-' excluding '-force'.
    text = _OPTION.sub("", text)
    typing = bool(text) and not text[-1].isspace() and not text.endswith('"')
    try:
        tree = _parser().parse(text)
    except Exception:  # noqa: BLE001 - the parser has corner cases; fall back to bare words
        tree = bare_words(text)
    compiled = Compiled(q.NullQuery, notice=notice)
    tree = _extract_filters(tree, compiled, reader)
    last_end = max((leaf_end(leaf) for leaf in tree.leaves()), default=-1)
    builder = _Builder(reader, typing_end=len(text) if typing else -1, last_end=last_end)
    # Stop words ('where', 'is', 'yang') only count in a query made of nothing else.
    builder.drop_stop_words = not all(_is_stop_term(leaf) for leaf in tree.leaves())
    if reader.doc_count_all() >= LARGE_INDEX:
        # In a big index, a word found in most entries costs a walk over most
        # postings and tells them apart by almost nothing (its IDF is near 0):
        # leave it out when the query has a word that does tell them apart.
        common = {w for w in _plain_words(tree) if _is_common(reader, w)}
        if any(w not in common and not is_stop_word(w) for w in _plain_words(tree)):
            builder.skip = common
    built = builder.build(tree)
    name = exact_name(" ".join(word for word, _, _ in builder.words))
    if name and built is not q.NullQuery:
        # The whole query naming an entry (its title or an alias) puts it first.
        built = q.Or([built, q.Term("name_exact", name, boost=EXACT_NAME_BOOST)])
    choose_matchers(built, small=reader.doc_count_all() < SMALL_INDEX)
    compiled.words = builder.words
    compiled.units = builder.units
    if built is q.NullQuery and compiled.filters and not builder.words:
        built = q.Every()
    compiled.query = built
    return compiled


def bare_words(text: str) -> q.Query:
    """Every word of `text` as a plain term, with no syntax at all.

    The fallback when Whoosh's parser fails on some combination of operators
    ('0 ANDNOT ANDNOT 0'): re-parsing the words would meet the same operators.
    """
    terms: list[q.Query] = []
    for token in plain_analyzer()(text, chars=True):
        term = q.Term("plain", token.text)
        term.startchar, term.endchar = token.startchar, token.endchar
        terms.append(term)
    return q.Or(terms[:MAX_WORDS]) if terms else q.NullQuery


def leaf_end(leaf: q.Query) -> int:
    return int(getattr(leaf, "endchar", None) or -1)


def _plain_words(tree: q.Query) -> list[str]:
    return [str(leaf.text) for leaf in tree.leaves()
            if isinstance(leaf, q.Term) and leaf.fieldname == "plain"]


def _is_common(reader: Any, word: str) -> bool:
    """True when the word's stems are in most documents in every text field they occur in.

    Aliases are left out of the test: a word that is an alias of a few
    entries (`asean`) is still everywhere in the text, and its alias term
    stays in the query anyway (a short posting list).
    """
    share = COMMON_SHARE * reader.doc_count_all()
    frequencies: list[int] = []
    for lang, analyzer in stemmed_analyzers().items():
        if not has_lang(reader, lang):
            continue  # its fields are empty: every frequency would be 0
        frequencies += [reader.doc_frequency(f"text_{lang}", s) for s in analyze(analyzer, word)]
    found = [f for f in frequencies if f]
    return bool(found) and min(found) >= share


def choose_matchers(query: q.Query, *, small: bool) -> None:
    """Pick how each OR is scored, by the size of the whole index.

    Whoosh decides per segment (an array of scores for segments of up to
    5,000 documents, a tree of union matchers above), so the same query on
    the same entries cost twice as much when a multi-process build happened
    to leave a segment of 5,001. On a small index the tree is cheaper: the
    array's set-up (2,048 slots cleared in Python) outweighs the union it
    saves, about 1 ms a query on the shipped content. On a large one the
    array is cheaper, at any segment size. ORs with a coordination scale
    (the query's top level) keep Whoosh's choice: the array cannot count
    which words matched.
    """
    if isinstance(query, q.Or) and not query.scale:
        query.matcher_type = q.Or.DEFAULT_MATCHER if small else q.Or.ARRAY_MATCHER
    for child in query.children():
        choose_matchers(child, small=small)


def _is_stop_term(leaf: q.Query) -> bool:
    return isinstance(leaf, q.Term) and leaf.fieldname == "plain" and is_stop_word(str(leaf.text))


def index_categories(reader: Any) -> list[str]:
    """The categories of the entries in the index, and the fixed ones."""
    try:
        found = [_text(t) for t in islice(reader.lexicon("category"), 10_000)]
    except Exception:  # noqa: BLE001 - an index without the field: the fixed list
        found = []
    return list(dict.fromkeys([*found, *CATEGORIES]))


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


def _extract_filters(tree: q.Query, compiled: Compiled, reader: Any) -> q.Query:
    """Move top-level `category:` / `lang:` terms out of the scored query.

    A category is named by its id or by the name the interface shows it by,
    in either language (`category:ASEAN`, `kategori:sejarah`).
    """
    children = tree.subqueries if isinstance(tree, (q.Or, q.And)) else [tree]
    kept: list[q.Query] = []
    for child in children:
        if isinstance(child, q.Term) and child.fieldname in ("category", "langs"):
            value = str(child.text).lower()
            if child.fieldname == "category":
                value = category_for(value, index_categories(reader)) or value
                allowed: Sequence[str] = index_categories(reader)
            else:
                allowed = LANGS
            if value in allowed:
                compiled.filters.setdefault(child.fieldname, []).append(value)
            else:
                compiled.notice = Notice("unknown {field} '{value}' ignored",
                                         field=child.fieldname.rstrip("s"), value=value)
            continue
        kept.append(child)
    if not isinstance(tree, (q.Or, q.And)):
        return kept[0] if kept else q.NullQuery
    if not kept:
        return q.NullQuery
    return tree.__class__(kept, boost=tree.boost) if len(kept) > 1 else kept[0]


class _Builder:
    def __init__(self, reader: Any, typing_end: int, last_end: int) -> None:
        self.reader = reader
        self.typing_end = typing_end
        self.last_end = last_end
        self.drop_stop_words = False
        self.skip: set[str] = set()
        self.words: list[tuple[str, int, int]] = []
        self.units: list[frozenset[tuple[str, str]]] = []

    def unit(self, built: q.Query) -> q.Query:
        """Remember the terms of one typed word or phrase; return it unchanged."""
        terms = frozenset((str(f), t.decode("utf-8") if isinstance(t, bytes) else str(t))
                          for f, t in built.iter_all_terms())
        if terms:
            self.units.append(terms)
        return built

    def build(self, node: q.Query) -> q.Query:
        if isinstance(node, q.Term):
            return self.term(node)
        if isinstance(node, q.Phrase):
            return self.unit(
                q.Phrase("plain", [str(w) for w in node.words], slop=node.slop, boost=2.0))
        if isinstance(node, q.FuzzyTerm):
            return self.unit(
                self.expansion(fuzzy_terms(self.reader, str(node.text), node.maxdist)))
        if isinstance(node, q.Prefix):
            return self.unit(self.expansion(prefix_terms(self.reader, str(node.text))))
        if isinstance(node, q.Wildcard):
            return self.unit(self.expansion(wildcard_terms(self.reader, str(node.text))))
        if node is q.NullQuery or isinstance(node, q.Every):
            return node
        if isinstance(node, q.Not):
            units = len(self.units)
            inner = self.build(node.query)
            del self.units[units:]  # what is excluded is not ranked on
            return q.NullQuery if inner is q.NullQuery else q.Not(inner)
        if isinstance(node, q.BinaryQuery):
            return node.__class__(self.build(node.a), self.build(node.b))
        if isinstance(node, q.CompoundQuery):
            built = [self.build(child) for child in node.subqueries[:MAX_WORDS]]
            built = [b for b in built if b is not q.NullQuery]
            if not built:
                return q.NullQuery
            kwargs = {"scale": node.scale} if isinstance(node, q.Or) else {}
            return node.__class__(built, boost=node.boost, **kwargs)
        return q.NullQuery

    def term(self, node: q.Term) -> q.Query:
        """One typed word; counted for coverage unless it is a filter or a common word."""
        if node.fieldname != "plain":
            return q.Term(node.fieldname, node.text)
        word = str(node.text)
        if self.drop_stop_words and is_stop_word(word):
            return q.NullQuery
        start = getattr(node, "startchar", None)
        end = getattr(node, "endchar", None)
        if start is not None and end is not None:
            self.words.append((word, start, end))
        if word in self.skip:  # common: only where it names the entry (and highlighted)
            return q.Term("aliases", word, boost=ALIAS_BOOST * node.boost)
        typing = end is not None and end == self.typing_end == self.last_end
        return self.unit(word_query(self.reader, word, typing=typing, boost=node.boost))

    def expansion(self, terms: list[str]) -> q.Query:
        if not terms:
            return q.NullQuery
        return q.Or([q.Term("plain", t) for t in terms])


def word_query(reader: Any, word: str, *, typing: bool = False, boost: float = 1.0) -> q.Query:
    """Everything one typed word can match, weighted by where it matches."""
    alternatives: list[q.Query] = [q.Term("aliases", word, boost=ALIAS_BOOST)]
    known = ("plain", word) in reader
    stopword = True
    for lang, analyzer in stemmed_analyzers().items():
        if not has_lang(reader, lang):
            # No entry in this language: its terms could match nothing. Only whether
            # the word is one of its stop words counts, and that needs no stemming
            # (Sastrawi: 50 ms to load, 0.2 ms a word).
            stopword = stopword and not analyze(unstemmed_analyzers()[lang], word)
            continue
        stems = analyze(analyzer, word)
        if not stems:
            continue
        stopword = False
        fieldname = f"text_{lang}"
        known = known or any((fieldname, s) in reader for s in stems)
        terms = [q.Term(fieldname, s) for s in stems]
        alternatives.append(terms[0] if len(terms) == 1 else q.And(terms))
        names = [q.Term(f"name_{lang}", s, boost=NAME_BOOST) for s in stems]
        alternatives.append(names[0] if len(names) == 1 else q.And(names))
    if not known and not stopword and len(word) >= FUZZY_MIN:
        maxdist = 1 if len(word) < 7 else 2
        fuzzy = fuzzy_terms(reader, word, maxdist)
        alternatives += [q.Term("plain", t, boost=FUZZY_BOOST) for t in fuzzy]
    if typing and len(word) >= 2:
        completions = [t for t in prefix_terms(reader, word) if t != word]
        if reader.doc_count_all() >= LARGE_INDEX:
            completions = completions[:LARGE_INDEX_COMPLETIONS]
        alternatives += [q.Term("plain", t, boost=PREFIX_BOOST) for t in completions]
    # One flat OR, boosts on the terms: the same scores as nested ORs, but a
    # single union matcher to walk instead of one inside another.
    return q.Or(alternatives, boost=boost)


def has_lang(reader: Any, lang: str) -> bool:
    """True when the index holds an entry in `lang`."""
    try:
        return bool(reader.doc_frequency("langs", lang))
    except Exception:  # noqa: BLE001 - an index without the field: assume every language
        return True


def _bounded(terms: Iterator[Any]) -> Iterator[str]:
    for term in islice(terms, MAX_SCAN):
        yield term.decode("utf-8") if isinstance(term, bytes) else str(term)


def _memo(reader: Any, key: tuple[str, str], compute: Callable[[], Any]) -> Any:
    """An expansion worked out once per index reader (CACHES.expansions).

    Typing 'sekretariat' asks for the same typo and prefix expansions keystroke
    after keystroke, and 'did you mean' asks for the typo ones again; Whoosh's
    walk over the vocabulary is pure Python and costs milliseconds each time.
    """
    memo = CACHES.expansions_of(reader)
    if memo is None:  # a reader that cannot be weakly referenced: no memo
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def near_terms(reader: Any, word: str) -> list[tuple[str, int]]:
    """Index words within two edits of `word` (first letter kept) with their distance,
    closest first, then most frequent."""
    if not word or len(word) > 40:
        return []

    def compute() -> list[tuple[str, int]]:
        try:
            found = list(islice(_bounded(reader.terms_within("plain", word, 2, prefix=1)), 200))
        except Exception:  # noqa: BLE001 - an unusual word must not break the query
            return []
        ranked = sorted(
            ((term, damerau_levenshtein(word, term)) for term in found),
            key=lambda item: (item[1], -reader.doc_frequency("plain", item[0]), item[0]),
        )
        return ranked[:MAX_EXPANSIONS]

    return list(_memo(reader, ("near", word), compute))


def fuzzy_terms(reader: Any, word: str, maxdist: int) -> list[str]:
    """Index words within `maxdist` (at most 2) edits of `word`, closest first."""
    return [term for term, distance in near_terms(reader, word) if distance <= maxdist]


def prefix_terms(reader: Any, prefix: str) -> list[str]:
    if not prefix:
        return []
    return list(_memo(reader, ("prefix", prefix), lambda: list(
        islice(_bounded(reader.expand_prefix("plain", prefix)), MAX_EXPANSIONS))))


def wildcard_terms(reader: Any, pattern: str) -> list[str]:
    """Index words matching a `*`/`?` pattern, scanning a bounded slice of the vocabulary."""
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    regex = re.compile(fnmatch.translate(pattern))
    terms = reader.expand_prefix("plain", literal) if literal else reader.lexicon("plain")
    return [t for t in _bounded(terms) if regex.match(t)][:MAX_EXPANSIONS]
