"""Every entry sits in the web of links: it links to at least three other
entries and at least two other entries link to it, in each language.

A reader who lands on any entry should have somewhere to go next, and every
entry should be reachable from more than one place. Counted per language over
distinct entries (two links to the same entry count once; links to itself and
to missing files do not count).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from aseantui.content import load_corpus
from aseantui.content.load import Corpus

ROOT = Path(__file__).resolve().parents[1]
MIN_OUT = 3
MIN_IN = 2


def outgoing(corpus: Corpus, lang: str) -> dict[str, set[str]]:
    """For each entry of `lang`, the other entries its body links to."""
    graph: dict[str, set[str]] = {}
    for (entry_id, article_lang), article in corpus.articles.items():
        if article_lang != lang:
            continue
        targets = {target.id for link in article.internal_links()
                   if (target := corpus.resolve(link)) is not None}
        graph[entry_id] = targets - {entry_id}
    return graph


def poorly_linked(graph: Mapping[str, set[str]], min_out: int = MIN_OUT,
                  min_in: int = MIN_IN) -> list[str]:
    """Entries with fewer than `min_out` outgoing or `min_in` incoming links."""
    incoming: dict[str, set[str]] = {entry: set() for entry in graph}
    for source, targets in graph.items():
        for target in targets:
            incoming.setdefault(target, set()).add(source)
    problems = []
    for entry in sorted(graph):
        out, into = len(graph[entry]), len(incoming[entry])
        if out < min_out or into < min_in:
            problems.append(f"{entry}: links to {out}, linked from {into} "
                            f"({', '.join(sorted(incoming[entry])) or 'nothing'})")
    return problems


def test_a_dead_end_and_an_orphan_are_reported() -> None:
    graph = {
        "a": {"b", "c", "d"},
        "b": {"a", "c", "d"},
        "c": {"a", "b", "d"},
        "d": {"a"},          # a dead end: links to one entry only
        "e": {"a", "b", "c"},  # an orphan: nothing links to it
    }
    found = poorly_linked(graph)
    assert [line.split(":")[0] for line in found] == ["d", "e"]
    assert poorly_linked({k: v for k, v in graph.items() if k not in "de"},
                         min_out=2) == []


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return load_corpus(ROOT / "content")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_shipped_entry_links_out_and_is_linked_to(shipped: Corpus, lang: str) -> None:
    graph = outgoing(shipped, lang)
    assert len(graph) >= 40, f"only {len(graph)} entries in {lang}"
    problems = poorly_linked(graph)
    assert not problems, f"{lang}: entries poorly linked:\n" + "\n".join(problems)
