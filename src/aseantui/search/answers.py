"""Direct answers: the fact that answers a question, or none.

A query is a question when it has a question word ("who", "kapan", "how
many", "di mana"...: questions.py), or names a fact ("secretary general
term"). Its other words are looked up in the fact index (factindex.py) with
the analysis and the typo and prefix expansions of the entry search
(query.py). A fact is an answer only when

- the question's words are found in the fact or its entry (`coverage`,
  each word weighted by how rare it is among the facts),
- the kind of its value fits the question (a "when" gets a date),
- the question names the fact by its label; or, for who/when/where/how
  many, every word names its entry and the fact is the entry's headline
  (its first, or its only fact of that kind);
- a word besides the label and the common words ('asean') names its entry;
- the answer is not already in the question.

Among those, the score prefers the fact whose label and entry title the
question names most fully, and the entry the entry search ranks first.

Anything less gives no answer: a wrong answer is worse than none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import query as q

from aseantui.content.facts import value_in_text
from aseantui.content.load import Corpus
from aseantui.content.model import LANGS, Article
from aseantui.search.analysis import analyze
from aseantui.search.factindex import (
    DATE,
    NUMBER,
    OTHER,
    PERSON,
    PLACE,
    FactEntry,
    FactIndex,
    stems,
)
from aseantui.search.query import fuzzy_terms, prefix_terms
from aseantui.search.questions import (
    HOW_MANY,
    KINDS,
    WHEN,
    WHERE,
    WHICH,
    WHO,
    Question,
    read_question,
)
from aseantui.search.schema import stemmed_analyzers
from aseantui.text import fold

__all__ = ["HOW_MANY", "WHEN", "WHERE", "WHICH", "WHO", "Answer", "Answerer", "read_question"]

ANY_KIND = {PERSON: 0.8, PLACE: 0.8, DATE: 0.8, NUMBER: 0.8, OTHER: 0.8}
MIN_COVERAGE = 0.8
COMMON_SHARE, COMMON_MIN = 0.5, 50
"""A word in the context of half the facts or more is common (given 50 facts)."""
MAX_WEIGHT = 2.5
"""No one word outweighs the others more than this: one unknown word in a long
question ('when was the forum first held') does not sink it alone."""
"""Share of the question's weight that must be found in the fact or its entry."""
MIN_CONFIDENCE = 0.45
CONTEXT_WEIGHT = 0.5
"""A word found only among the entry's titles and aliases counts half in the score."""
RARE = math.log(3)
"""Weight of a word found in at most half the facts: a query without a question
word must name its fact with at least one such word."""
VALUE_WEIGHT = 0.3
"""A word found in a fact's value says less about the fact than one in its label."""
FUZZY_BOOST, PREFIX_BOOST = 0.5, 0.7
STEM_PREFIX_MIN = 4
MAX_COMPLETIONS = 8
"""Most completions of a word being typed (the search allows 24)."""
FUZZY_TWO = 9
ORDER_STEP = 0.002
"""Of facts that fit alike, the one listed first (an entry's headline fact) wins."""
ENTRY_WEIGHT, MAX_ENTRIES = 0.1, 10
"""How much the entry search's ranking counts (the first entry most), and how deep."""


@dataclass(frozen=True)
class Answer:
    """The fact that answers a question, in the language it was asked in."""

    entry: str
    key: str
    lang: str
    value: str
    label: str
    title: str
    as_of: str | None
    sources: tuple[str, ...]
    score: float
    anchor: str
    """Slug of the heading of the section that states the value ('' for the top)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "label": self.label,
            "entry": self.entry,
            "lang": self.lang,
            "as_of": self.as_of,
            "sources": list(self.sources),
            "score": round(self.score, 4),
        }


def section_of(article: Article, value: str) -> str:
    """Slug of the heading of the first section that states `value` ('' before any)."""
    lines = article.body.split("\n")
    starts = [(h.line - article.body_line, h.slug) for h in article.headings if h.level >= 2]
    bounds = [(0, ""), *starts, (len(lines), "")]
    for (start, slug), (end, _) in zip(bounds, bounds[1:], strict=False):
        section = re.sub(r"[*_`\[\]]", "", "\n".join(lines[max(start, 0):end]))
        if value_in_text(value, section):
            return slug
    return ""


def _word_query(reader: Any, word: str, typing: bool, common: float
                ) -> tuple[q.Query, dict[tuple[str, str], str]]:
    """Everything one word can match in each layer, and which layer each term is in."""
    layers: dict[tuple[str, str], str] = {}
    alternatives: list[q.Query] = []

    def add(field: str, text: str, boost: float) -> None:
        if (field, text) in layers or (field, text) not in reader:
            return  # a term the index lacks costs a matcher and finds nothing
        alternatives.append(q.Term(field, text, boost=boost))
        layers[(field, text)] = field.split("_")[0]

    expansions = [(word, 1.0)]
    if len(word) >= 5 and ("plain", word) not in reader:
        # One edit below nine letters (search allows two from seven): 'currency'
        # must not find 'Current flag'.
        maxdist = 1 if len(word) < FUZZY_TWO else 2
        expansions += [(t, FUZZY_BOOST) for t in fuzzy_terms(reader, word, maxdist)]
    completions = [(t, PREFIX_BOOST) for t in prefix_terms(reader, word)
                   if t != word and reader.doc_frequency("ctx_plain", t) < common
                   ][:MAX_COMPLETIONS] if typing else []
    for layer in ("lab", "val", "ctx"):
        # A value's words are matched (to see what the question mentions) but
        # hardly scored: the question asks for the value, it does not hold it.
        weight = {"ctx": CONTEXT_WEIGHT, "val": 0.05}.get(layer, 1.0)
        for text, boost in expansions + (completions if layer != "val" else []):
            add(f"{layer}_plain", text, boost * weight)
        if layer == "val":
            continue  # values are names, dates and numbers: their words as written
        for lang, analyzer in stemmed_analyzers().items():
            for stem in analyze(analyzer, word):
                add(f"{layer}_{lang}", stem, weight)
    # Labels are short nouns where questions have verbs: 'signed' finds
    # 'Signatories', 'founded' 'Founder' (an English stem as a prefix).
    for stem in analyze(stemmed_analyzers()["en"], word):
        if len(stem) >= STEM_PREFIX_MIN:
            for text in prefix_terms(reader, stem):
                add("lab_plain", text, FUZZY_BOOST)
    return q.Or(alternatives), layers


class Answerer:
    """Answers questions from the facts of one corpus (build once, ask often)."""

    def __init__(self, corpus: Corpus, cache: Path | None = None) -> None:
        """`cache`: a file to keep the fact index in between runs (factcache)."""
        self.facts = FactIndex(corpus, cache)

    def close(self) -> None:
        self.facts.close()

    def answer(self, text: str, lang: str = "en", entries: Sequence[str] = ()) -> Answer | None:
        """The answer to `text` in `lang`, or None when no fact answers it well enough.

        `entries`: the ids the entry search ranks first for `text`, best first
        (optional): of two facts that fit as well, the one in the better entry wins.
        """
        lang = lang if lang in LANGS else "en"
        if not self.facts.records or not text or not text.strip():
            return None
        try:
            question = read_question(text)
            if not question.words:
                return None
            best = self._best(question, {e: 1 / (rank + 1) for rank, e in
                                         reversed(list(enumerate(entries[:MAX_ENTRIES])))})
        except Exception:  # noqa: BLE001 - a query must never break typing in the app
            return None
        if best is None:
            return None
        record, score = best
        fact, article = record.in_lang(lang)
        return Answer(record.entry, record.key, article.lang, fact.value, fact.label,
                      article.title, fact.as_of, fact.sources, score,
                      section_of(article, fact.value))

    def _best(self, question: Question, prior: dict[str, float]
              ) -> tuple[FactEntry, float] | None:
        searcher = self.facts.searcher()
        reader = searcher.reader()
        total = reader.doc_count_all()
        last = len(question.words) - 1
        queries: list[q.Query] = []
        owner: dict[tuple[str, str], tuple[str, str]] = {}  # term -> (word, layer)
        # A word in the context of most facts ('asean') is taken as found in all
        # of them without asking Whoosh, which would score every fact for it.
        common = {w for w in question.words
                  if reader.doc_frequency("ctx_plain", w) >= COMMON_SHARE * total}
        if total < COMMON_MIN:
            common = set()  # too few facts to tell
        elif len(common) == len(question.words):
            return None  # nothing in the question tells one fact from another
        for index, word in enumerate(question.words):
            if word in common:
                continue
            word_q, term_layers = _word_query(reader, word, question.typing and index == last,
                                              COMMON_SHARE * total)
            queries.append(word_q)
            for term, layer in term_layers.items():
                owner.setdefault(term, (word, layer))
        hits = searcher.search(q.Or(queries), limit=None, terms=True)
        found: dict[int, tuple[dict[str, set[str]], float]] = {}
        frequency: dict[str, int] = {}
        for hit in hits:
            layers: dict[str, set[str]] = {"lab": set(), "val": set(), "ctx": set(common)}
            for field, raw in hit.matched_terms():
                text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                word, layer = owner.get((field, text), ("", ""))
                if word:
                    layers[layer].add(word)
            found[hit["n"]] = (layers, float(hit.score or 0.0))
            for word in set().union(*layers.values()):
                frequency[word] = frequency.get(word, 0) + 1
        frequency.update({w: total for w in common})
        weight = {w: min(MAX_WEIGHT, math.log(1 + total / (frequency.get(w, 0) + 0.5)))
                  for w in question.words}
        whole = sum(weight.values())
        top = max((score for _, score in found.values()), default=0.0) or 1.0
        kinds = KINDS.get(question.kind or "", ANY_KIND)
        wanted = {kind for kind, fit in kinds.items() if fit == 1.0}
        asked = stems(list(question.words))
        distinct = asked - stems(sorted(common))
        named_entry = self.facts.entry_named(" ".join(question.text_words))
        candidates: list[tuple[float, int, FactEntry]] = []
        for number, (layers, relevance) in found.items():
            record = self.facts.records[number]
            fit = max(kinds.get(kind, 0.0) for kind in record.kinds)
            if not fit:
                continue
            matched = set().union(*layers.values())
            coverage = sum(weight[w] for w in matched) / whole
            if coverage < MIN_COVERAGE:
                continue
            named = sum(weight[w] for w in layers["lab"]) / whole
            if named == 0 and (fit < 1.0 or question.kind in (None, WHICH) or coverage < 0.95
                               or not self.facts.headline(number, wanted)):
                # Only a who/when/where/how-many all of whose words name the entry
                # may be answered from the entry alone: by its headline fact, or its
                # only fact of that kind.
                continue
            if question.kind in (None, WHICH) and max(
                    (weight[w] for w in layers["lab"]), default=0) < RARE:
                continue  # 'asean' is in every label and title: it names no fact
            if not (layers["ctx"] | layers["val"]) - common and not (
                    any(t & distinct for t in self.facts.titles[number])):
                # Nothing in the question but the label says which entry ('Founded' in
                # 'when was ASEAN founded' is also Kao Kim Hourn's university).
                continue
            if self._echoes(number, question):
                continue
            valued = {w for w in layers["val"] - layers["lab"] if weight[w] >= RARE}
            inner = named + VALUE_WEIGHT * sum(weight[w] for w in valued) / whole
            # Of two labels that hold the question's words, the one with fewer
            # other words is the one asked about ('Founded', not 'AUN founded').
            precision = min(1.0, len(layers["lab"]) / self.facts.label_sizes[number])
            # And of two entries, the one whose title the question names more of
            # ('ASEAN' for 'when was ASEAN founded', not 'History of the Secretariat').
            titled = max((len(t & asked) / len(t) for t in self.facts.titles[number] if t),
                         default=0.0)
            if named_entry == record.entry:
                coverage += 0.5  # the whole question is one of the entry's aliases
            score = (0.3 * coverage + 0.2 * inner + 0.15 * fit + 0.1 * precision
                     + 0.05 * relevance / top + 0.15 * titled
                     + ENTRY_WEIGHT * prior.get(record.entry, 0.0)) - ORDER_STEP * record.order
            candidates.append((score, -record.order, record))
        if not candidates:
            return None
        score, _, record = max(candidates, key=lambda c: (c[0], c[1]))
        if score < MIN_CONFIDENCE:
            return None
        return self._follow(record, question), min(1.0, score)

    def _follow(self, record: FactEntry, question: Question) -> FactEntry:
        """The fact a value points to: 'Head: the Secretary-General of ASEAN' is answered
        by the first person-fact of the entry named 'Secretary-General of ASEAN'."""
        wanted = {k for k, fit in KINDS.get(question.kind or "", {}).items() if fit == 1.0}
        if not wanted:
            return record
        for fact in record.facts.values():
            target = self.facts.entry_named(fact.value)
            if not target or target == record.entry:
                continue
            named = set(re.findall(r"\w+", fold(fact.value))) - {"the"}
            for number in self.facts.by_entry.get(target, []):
                # The pointed-to fact must be about what the value names: its label
                # shares a word with the value ('Current Secretary-General').
                other = self.facts.records[number]
                if other.kinds & wanted and self.facts.label_words[number] & named:
                    return other
        return record

    def _echoes(self, number: int, question: Question) -> bool:
        """True when the question already holds the answer ('who is Kao Kim Hourn')."""
        asked = set(question.words)
        for words in self.facts.value_words[number]:
            allowed = 1 if len(words) >= 4 else 0  # 'Dr.' in 'who is Kao Kim Hourn'
            if words and len(words - asked) <= allowed:
                return True
        return False
