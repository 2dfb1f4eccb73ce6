"""Unicode normalisation before analysis: a word is found however it was encoded.

Zero-width spaces, soft hyphens, joiners or a BOM inside a word made it
unfindable (the tokenizer cut it in two); full-width letters and ligatures
did not match their plain forms. `text.normalize_for_search` is applied by
every analyzer and to every query.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aseantui.search.analysis import (
    analyze,
    english_analyzer,
    indonesian_analyzer,
    plain_analyzer,
)
from aseantui.search.service import Library
from aseantui.text import normalize_for_search

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"


@given(st.text())
def test_normalisation_is_idempotent_nfkc_and_leaves_nothing_invisible(text: str) -> None:
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once
    assert unicodedata.is_normalized("NFKC", once)
    assert not set(once) & set(INVISIBLE)


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzàéô", min_size=2, max_size=15)


@given(WORDS, st.data())
def test_invisible_characters_inside_a_word_change_nothing(word: str, data: st.DataObject
                                                            ) -> None:
    cuts = data.draw(st.lists(st.integers(1, len(word) - 1), max_size=3))
    marked = word
    for cut in sorted(cuts, reverse=True):
        marked = marked[:cut] + data.draw(st.sampled_from(INVISIBLE)) + marked[cut:]
    for analyzer in (plain_analyzer(), english_analyzer(), indonesian_analyzer()):
        assert analyze(analyzer, marked) == analyze(analyzer, word)


def test_compatibility_forms_are_the_plain_letters() -> None:
    plain = plain_analyzer()
    assert analyze(plain, "\uff21\uff33\uff25\uff21\uff2e \ufb01nance") == ["asean", "finance"]


def test_articles_and_queries_with_invisible_characters_are_found(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "en").mkdir(parents=True)
    (root / "en" / "odd.md").write_text(
        "# Odd\n\nThe Zanzi\u200bbaroo treaty and the Quux\u00adington accord.\n",
        encoding="utf-8")
    library = Library(root, cache_dir=False, prebuilt=False)
    for query in ("zanzibaroo", "quuxington", "Zan\u200bzibaroo", "\uff51uuxington"):
        results = library.search(query)
        assert [hit.id for hit in results.hits] == ["odd"], query
    library.close()
