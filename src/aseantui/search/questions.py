"""Reading a query as a question: what kind of answer it asks for, about what.

"who" asks for a person, "kapan" for a date, "how many" for a number, "di
mana" for a place; "what", "apa" and no question word at all for anything
the query names. The other words, less stop words and the words that only
frame a question ("take office", "held"), say what the question is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aseantui.search.analysis import is_stop_word, plain_analyzer
from aseantui.search.factindex import DATE, NUMBER, OTHER, PERSON, PLACE, normalize
from aseantui.search.query import MAX_QUERY_CHARS, MAX_WORDS

WHO, WHEN, WHERE, HOW_MANY, WHICH = "who", "when", "where", "how-many", "which"
QUESTION_PHRASES: tuple[tuple[str, str], ...] = (
    # Longest first: "tahun berapa" is a when, "berapa" alone a how-many.
    ("what year", WHEN), ("which year", WHEN), ("what date", WHEN), ("what day", WHEN),
    ("since when", WHEN), ("how long ago", WHEN), ("tahun berapa", WHEN),
    ("tanggal berapa", WHEN), ("sejak kapan", WHEN), ("pada tahun berapa", WHEN),
    ("how many", HOW_MANY), ("how much", HOW_MANY), ("how long", HOW_MANY),
    ("berapa lama", HOW_MANY), ("berapa banyak", HOW_MANY), ("ada berapa", HOW_MANY),
    ("di mana", WHERE), ("di manakah", WHERE), ("ke mana", WHERE), ("dari mana", WHERE),
    ("yang mana", WHICH),
    ("who", WHO), ("whom", WHO), ("whose", WHO), ("siapa", WHO), ("siapakah", WHO),
    ("when", WHEN), ("kapan", WHEN), ("kapankah", WHEN),
    ("where", WHERE), ("dimana", WHERE), ("dimanakah", WHERE),
    ("berapa", HOW_MANY), ("berapakah", HOW_MANY),
    ("what", WHICH), ("which", WHICH), ("apa", WHICH), ("apakah", WHICH), ("mana", WHICH),
    ("manakah", WHICH),
)
KINDS: dict[str, dict[str, float]] = {
    # Kinds of fact each question accepts: 1.0 when the kind is what it asks
    # for, less when it may be (then only if the question names the fact).
    WHO: {PERSON: 1.0, PLACE: 0.5, OTHER: 0.5},
    WHEN: {DATE: 1.0},
    WHERE: {PLACE: 1.0, OTHER: 0.5},
    HOW_MANY: {NUMBER: 1.0},
}
FILLERS = frozenset(
    "take takes took taken get gets got located situated exactly called named "
    "exist exists happen happened mean means enter entered come came become became "
    "please tell know held berada terletak letaknya sebenarnya tolong sih dong diadakan "
    "digelar berlangsung dilaksanakan".split()
)
"""Words of the question's frame that name nothing ('take office', 'enter into force')."""
KEEP = frozenset(
    "sekarang kini now current currently next berikutnya selanjutnya mendatang before "
    "sebelum sebelumnya after sesudah setelah sesudahnya previous last latest terakhir".split()
)
"""Stop words that matter in a question: 'Sekjen ASEAN sekarang' is the current one,
and 'the next summit' is not the first."""
YEAR_FRAMES = frozenset({"tahun", "year", "in", "pada"})
MIN_TYPED = 3
"""A last word still being typed counts from this many letters ('se' is not yet one)."""

@dataclass(frozen=True)
class Question:
    """What a query asks: the kind of answer, and the words that say about what."""

    kind: str | None
    words: tuple[str, ...]
    typing: bool
    """True when the last word may still be being typed (no space after it)."""
    text_words: tuple[str, ...] = ()
    """Every word of the query, as typed (to compare it with an entry's aliases)."""


def read_question(text: str) -> Question:
    """The question word and the content words of `text` (either language)."""
    text = normalize(text[:MAX_QUERY_CHARS])
    tokens = [t.text for t in plain_analyzer()(text)]
    typing = bool(text) and not text[-1].isspace()
    kind: str | None = None
    found: set[int] = set()
    for phrase, phrase_kind in QUESTION_PHRASES:
        parts = phrase.split()
        for start in range(len(tokens) - len(parts) + 1):
            span = range(start, start + len(parts))
            if tokens[start : start + len(parts)] == parts and not found & set(span):
                # A question word still being typed ('wh') is not one yet.
                if typing and span[-1] == len(tokens) - 1 and len(tokens) == len(parts):
                    continue
                found.update(span)
                kind = kind or phrase_kind
    for i, token in enumerate(tokens[:-1]):
        if token in YEAR_FRAMES and re.fullmatch(r"\d{4}", tokens[i + 1]):
            found.add(i)  # 'tahun' in 'ketua asean tahun 2026'
    if typing and tokens and len(tokens[-1]) < MIN_TYPED and not tokens[-1].isdigit():
        found.add(len(tokens) - 1)
    words = [t for i, t in enumerate(tokens) if i not in found and t not in FILLERS
             and (t in KEEP or not is_stop_word(t))]
    typing = typing and bool(words) and bool(tokens) and words[-1] == tokens[-1] \
        and len(tokens) - 1 not in found
    return Question(kind, tuple(dict.fromkeys(words))[:MAX_WORDS], typing, tuple(tokens))
