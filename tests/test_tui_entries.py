"""What a request for an entry means (aseantui.tui.screens.entries), without a screen.

Expectations come from the shipped corpus itself (its categories, its core
sections), not from prose that editors may change.
"""

from __future__ import annotations

import random

import pytest

from aseantui.content.load import Corpus, load_corpus
from aseantui.tui.screens import entries
from conftest import SHIPPED


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SHIPPED)


def test_a_name_means_its_entry_in_any_case_or_alias(corpus: Corpus) -> None:
    assert entries.named(corpus, "leadership", "en") == entries.Target("leadership", "en")
    assert entries.named(corpus, "SEKJEN", "id").entry == "leadership"


def test_an_unknown_name_says_what_is_close(corpus: Corpus) -> None:
    target = entries.named(corpus, "leadershp", "en")
    assert (target.entry, target.missing) == ("", "leadershp")
    assert "leadership" in target.close


def test_a_category_of_several_entries_is_a_list(corpus: Corpus) -> None:
    several = [a for a in corpus.in_lang("en") if a.category == "leadership"]
    assert len(several) > 1
    assert entries.category(corpus, "leadership", "en") == entries.Target(category="leadership")


def test_a_category_of_one_entry_opens_it_and_leaves_no_filter(corpus: Corpus) -> None:
    counts: dict[str, list[str]] = {}
    for article in corpus.in_lang("en"):
        counts.setdefault(article.category, []).append(article.id)
    single = next(c for c, ids in sorted(counts.items()) if len(ids) == 1)
    target = entries.category(corpus, single, "en")
    assert target == entries.Target(counts[single][0], clear_filter=True)


def test_core_keys_follow_the_folder_s_own_sections(corpus: Corpus) -> None:
    core = corpus.settings.core
    assert len(core) == 4
    for number, name in enumerate(core):
        assert entries.core(corpus, number, "en") == entries.category(corpus, name, "en")
    assert entries.core(corpus, len(core), "en") == entries.NOWHERE  # not declared: nothing
    assert entries.core(corpus, -1, "en") == entries.NOWHERE


def test_random_picks_an_entry_of_the_corpus(corpus: Corpus) -> None:
    seen = {entries.any_entry(corpus, random.Random(seed)).entry for seed in range(20)}
    assert seen <= set(corpus.ids()) and len(seen) > 1
    assert entries.any_entry(Corpus(SHIPPED, {})).entry == ""


def test_a_pick_list_value_may_carry_an_anchor() -> None:
    assert entries.picked("history#founding") == entries.Target("history", anchor="founding")
    assert entries.picked("history") == entries.Target("history")


def test_an_entry_opens_in_the_interface_language_where_it_exists(corpus: Corpus) -> None:
    both = entries.article(corpus, "leadership", "en", "id")
    assert both is not None and both.lang == "id"
