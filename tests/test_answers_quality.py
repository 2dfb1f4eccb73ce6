"""The question set: direct answers on the shipped content, in both languages.

tests/fixtures/answers/questions.tsv holds questions as readers ask them,
each with the entries that may answer it (`a|b`) and a part of the expected
value (`11|eleven`: any of them), keyed by entry and value rather than by
fact key, which the content's editors choose. Rows without an entry must get
no answer at all. `python tests/test_answers_quality.py [CONTENT]` prints
every row's result and the two figures.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from aseantui.content.load import load_corpus
from aseantui.search.answers import Answer, Answerer
from aseantui.search.service import Library

QUESTIONS = Path(__file__).resolve().parent / "fixtures" / "answers" / "questions.tsv"
SHIPPED = Path(__file__).resolve().parents[1] / "content"
MIN_CORRECT = 0.9
MAX_FALSE = 1


@dataclass(frozen=True)
class Row:
    question: str
    lang: str
    entries: tuple[str, ...]
    values: tuple[str, ...]

    def accepts(self, answer: Answer | None) -> bool:
        if not self.entries:
            return answer is None
        return answer is not None and answer.entry in self.entries and any(
            v.casefold() in answer.value.casefold() for v in self.values)


def read_rows(path: Path = QUESTIONS) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(r["question"], r["lang"], tuple(filter(None, r["entries"].split("|"))),
                tuple(filter(None, r["value"].split("|"))))
            for r in csv.DictReader(handle, delimiter="\t")
        ]


def evaluate(root: Path) -> tuple[list[tuple[Row, Answer | None]], float, int]:
    """Every row with its answer; the share of questions answered right; false answers."""
    library = Library(root, cache_dir=False, prebuilt=False)
    answerer = Answerer(library.corpus)
    results = []
    for row in read_rows():
        hits = [hit.id for hit in library.search(row.question, row.lang).hits]
        results.append((row, answerer.answer(row.question, row.lang, hits)))
    library.close()
    asked = [(row, a) for row, a in results if row.entries]
    correct = sum(row.accepts(a) for row, a in asked) / len(asked)
    false = sum(a is not None for row, a in results if not row.entries)
    return results, correct, false


def test_the_question_set_is_as_described() -> None:
    rows = read_rows()
    asked = [r for r in rows if r.entries]
    assert len(asked) >= 60 and len([r for r in rows if not r.entries]) >= 20
    assert len([r for r in asked if r.lang == "id"]) >= len(asked) // 2
    assert all(r.values for r in asked) and all(r.lang in ("en", "id") for r in rows)
    assert len({(r.question, r.lang) for r in rows}) == len(rows)


def test_answers_on_the_shipped_content() -> None:
    corpus = load_corpus(SHIPPED)
    if not any(a.facts for a in corpus.articles.values()):
        pytest.skip("the shipped content has no facts yet (issue 10 writes them)")
    results, correct, false = evaluate(SHIPPED)
    wrong = [f"{row.question!r} ({row.lang}): "
             + (f"{a.entry}/{a.key} = {a.value!r}" if a else "no answer")
             for row, a in results if not row.accepts(a)]
    assert correct >= MIN_CORRECT, "\n".join(wrong)
    assert false <= MAX_FALSE, "\n".join(wrong)


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED
    results, correct, false = evaluate(where)
    for row, answer in results:
        mark = "ok " if row.accepts(answer) else "BAD"
        got = f"{answer.entry}/{answer.key} = {answer.value!r} ({answer.score:.2f})" \
            if answer else "-"
        print(f"{mark} {row.lang} {row.question:50} {got}")
    print(f"correct {correct:.1%}, false answers {false} of "
          f"{sum(1 for row, _ in results if not row.entries)}")
