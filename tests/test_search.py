"""Search on the fixture corpus: ranking, syntax, filters, typing, typos, snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aseantui.search.query import MAX_QUERY_CHARS
from aseantui.search.service import Library, Results


def ids(results: Results) -> list[str]:
    return [hit.id for hit in results.hits]


def top(library: Library, query: str, lang: str = "en") -> str:
    results = library.search(query, lang=lang)
    assert results.hits, f"no hits for {query!r}"
    return results.hits[0].id


# -- the right entry first ----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("where is the secretariat located", "headquarters"),
        ("when was the secretariat founded", "founding"),
        ("who is the secretary general", "leadership"),
        ("what is ktt", "glossary"),
        ("how are the staff organised", "structure"),
        ("coordination of meetings", "functions"),
        ("organization", "structure"),  # American spelling of a British title
        ("Le Luong Minh", "leadership"),  # no accents typed
        ("cafe", "glossary"),
        ("jakarta", "headquarters"),
    ],
)
def test_english_queries(memory_library: Library, query: str, expected: str) -> None:
    assert top(memory_library, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("siapa sekjen asean sekarang", "leadership"),
        ("kepemimpinan", "leadership"),
        ("pemimpin", "leadership"),
        ("pimpinan sekretariat", "leadership"),
        ("didirikan", "founding"),
        ("kapan sekretariat didirikan", "founding"),
        ("di mana lokasi kantor sekretariat", "headquarters"),
        ("apa fungsi sekretariat", "functions"),
        ("struktur organisasi", "structure"),
        ("daftar istilah", "glossary"),
    ],
)
def test_indonesian_queries(memory_library: Library, query: str, expected: str) -> None:
    results = memory_library.search(query, lang="id")
    assert ids(results)[:1] == [expected]
    assert results.hits[0].lang == "id"


@pytest.mark.parametrize(
    ("query", "lang", "expected", "title"),
    [
        ("kantor pusat", "en", "headquarters", "Location of the Headquarters"),
        ("pendirian sekretariat", "en", "founding", "Founding of the Secretariat"),
        ("secretary-general", "id", "leadership", "Kepemimpinan Sekretariat"),
        ("organisation chart", "id", "structure", "Struktur Organisasi Sekretariat"),
    ],
)
def test_cross_language_queries(memory_library: Library, query: str, lang: str,
                                expected: str, title: str) -> None:
    hit = memory_library.search(query, lang=lang).hits[0]
    assert (hit.id, hit.lang, hit.title, hit.translated) == (expected, lang, title, False)


def test_titles_and_aliases_outweigh_body_text(memory_library: Library) -> None:
    structure = memory_library.article("structure", "en")
    leadership = memory_library.article("leadership", "en")
    assert structure is not None and leadership is not None
    # the structure article says it three times in its body, leadership once, in its title
    assert structure.text.count("Secretary-General") > leadership.text.count("Secretary-General")
    assert ids(memory_library.search("secretary-general"))[:2] == ["leadership", "structure"]
    # 'Sekjen' is only an alias of the leadership entry, in both languages
    assert ids(memory_library.search("sekjen", lang="id")) == ["leadership"]


def test_a_match_in_the_summary_counts_without_a_match_in_the_body(
    memory_library: Library,
) -> None:
    assert ids(memory_library.search("purpose")) == ["headquarters"]


def test_stop_words_do_not_rank(memory_library: Library) -> None:
    # 'what' and 'the' are in titles ('What the Secretariat Does'): they must not count
    assert ids(memory_library.search("what is the ktt")) == ids(memory_library.search("ktt"))
    assert ids(memory_library.search("apa itu ktt", lang="id")) == ids(
        memory_library.search("ktt", lang="id")
    )


def test_a_query_of_stop_words_only_still_searches(memory_library: Library) -> None:
    assert "functions" in ids(memory_library.search("what"))


# -- query syntax ----------------------------------------------------------------------


def test_quoted_phrase_matches_only_adjacent_words(memory_library: Library) -> None:
    assert sorted(ids(memory_library.search("new building"))) == ["founding", "headquarters"]
    assert ids(memory_library.search('"new building"')) == ["headquarters"]
    assert ids(memory_library.search('"building new"')) == []


def test_minus_excludes_a_word(memory_library: Library) -> None:
    everything = set(ids(memory_library.search("secretariat")))
    without = set(ids(memory_library.search("secretariat -jakarta")))
    assert everything - without == {"headquarters", "secretariat"}
    assert without  # the rest is still found


def test_excluding_a_stop_word_excludes_nothing(memory_library: Library) -> None:
    jakarta = ids(memory_library.search("jakarta"))
    assert ids(memory_library.search("jakarta -the")) == jakarta
    assert ids(memory_library.search("jakarta NOT the")) == jakarta


def test_hyphenated_word_is_not_an_exclusion(memory_library: Library) -> None:
    assert "leadership" in ids(memory_library.search("secretary-general"))


def test_category_filter_in_the_query(memory_library: Library) -> None:
    assert ids(memory_library.search("secretariat category:history")) == ["founding"]
    assert ids(memory_library.search("category:leadership")) == ["leadership"]
    assert ids(memory_library.search("sekretariat kategori:location", lang="id")) == [
        "headquarters"
    ]


def test_category_filter_as_an_argument(memory_library: Library) -> None:
    assert ids(memory_library.search("secretariat", category="functions")) == ["functions"]
    assert ids(memory_library.search("", category="glossary")) == ["glossary"]


def test_unknown_category_is_ignored_with_a_notice(memory_library: Library) -> None:
    results = memory_library.search("jakarta category:sports")
    assert ids(results)[:1] == ["headquarters"]
    assert results.notice == "unknown category 'sports' ignored"


def test_lang_filter_shows_that_language(memory_library: Library) -> None:
    results = memory_library.search("secretariat lang:id", lang="en")
    assert len(results.hits) == 7
    assert {hit.lang for hit in results.hits} == {"id"}
    assert results.hits[0].title == "Sekretariat ASEAN"


def test_lang_filter_leaves_out_entries_without_that_language(corpus_dir: Path) -> None:
    (corpus_dir / "id" / "glossary.md").unlink()
    library = Library(corpus_dir)
    assert "glossary" in ids(library.search("istilah"))
    assert "glossary" not in ids(library.search("istilah lang:id"))


# -- typing, typos and suggestions -------------------------------------------------------


def test_last_word_is_a_prefix_while_typing(memory_library: Library) -> None:
    assert ids(memory_library.search("headqu"))[:1] == ["headquarters"]
    assert ids(memory_library.search("kepemim", lang="id"))[:1] == ["leadership"]


def test_a_finished_word_is_not_a_prefix(memory_library: Library) -> None:
    assert ids(memory_library.search("headqu ")) == []
    # only the last word is being typed: 'headqu' before 'coffee' is a whole word
    assert ids(memory_library.search("headqu coffee")) == ["glossary"]


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("jakrta", "headquarters"),  # one letter missing, 6 letters
        ("headquaters", "headquarters"),  # one letter missing
        ("headqaurters", "headquarters"),  # two letters swapped: two edits
        ("glosary", "glossary"),
        ("kepemimpnan", "leadership"),
    ],
)
def test_typos_in_words_of_five_letters_or_more(memory_library: Library, typo: str,
                                                expected: str) -> None:
    assert ids(memory_library.search(typo + " "))[:1] == [expected]


def test_short_words_are_not_typo_tolerant(memory_library: Library) -> None:
    assert ids(memory_library.search("bali "))[:1] == ["founding"]
    assert ids(memory_library.search("bsli ")) == []


def test_did_you_mean_when_a_query_finds_little(memory_library: Library) -> None:
    results = memory_library.search("bsli ")
    assert results.total == 0
    assert results.suggestion == "bali "
    assert ids(memory_library.search(results.suggestion))[:1] == ["founding"]


def test_no_suggestion_when_the_query_is_fine(memory_library: Library) -> None:
    assert memory_library.search("jakarta").suggestion is None
    assert memory_library.search("zzzzzz qqqqq").suggestion is None  # nothing close


# -- results -----------------------------------------------------------------------


def test_snippets_highlight_the_matched_words(memory_library: Library) -> None:
    hit = memory_library.search("jakarta").hits[0]
    assert hit.snippet.has_match
    assert ("Jakarta", True) in hit.snippet.parts
    assert "**Jakarta**" in hit.as_json()["snippet"]
    assert "South **Jakarta**" in hit.snippet.markdown()


def test_snippets_highlight_every_form_of_an_indonesian_stem(memory_library: Library) -> None:
    hit = memory_library.search("kepemimpinan", lang="id").hits[0]
    marked = {text.lower() for text, matched in hit.snippet.parts if matched}
    assert {"pemimpin", "pimpinan"} <= marked


def test_snippet_falls_back_to_the_summary(memory_library: Library) -> None:
    hit = memory_library.search("sekjen", lang="id").hits[0]  # an alias, not in the body
    assert not hit.snippet.has_match
    assert hit.snippet.plain == hit.summary


def test_one_row_per_entry_in_the_asked_language(memory_library: Library) -> None:
    for lang in ("en", "id"):
        results = memory_library.search("sekretariat secretariat", lang=lang)
        assert len(ids(results)) == len(set(ids(results))) == 7
        assert {hit.lang for hit in results.hits} == {lang}
        assert not any(hit.translated for hit in results.hits)


def test_entry_missing_in_the_asked_language_comes_in_the_other_marked(
    corpus_dir: Path,
) -> None:
    (corpus_dir / "id" / "glossary.md").unlink()
    library = Library(corpus_dir)
    hit = library.search("coffee", lang="id").hits[0]
    assert (hit.id, hit.lang, hit.title, hit.translated) == ("glossary", "en", "Glossary", True)


def test_limit_caps_the_rows_but_not_the_total(memory_library: Library) -> None:
    results = memory_library.search("secretariat", limit=2)
    assert len(results.hits) == 2
    assert results.total == 7


def test_scores_descend(memory_library: Library) -> None:
    scores = [hit.score for hit in memory_library.search("secretariat jakarta").hits]
    assert scores == sorted(scores, reverse=True)


def test_empty_query_finds_nothing(memory_library: Library) -> None:
    assert memory_library.search("").total == 0
    assert memory_library.search("   ").total == 0


def test_overlong_query_is_shortened_with_a_notice(memory_library: Library) -> None:
    results = memory_library.search("jakarta " * 200)
    assert ids(results)[:1] == ["headquarters"]
    assert str(MAX_QUERY_CHARS) in results.notice


def test_control_characters_in_a_query_are_removed(memory_library: Library) -> None:
    results = memory_library.search("\x1b[31mjakarta\x1b[0m")
    assert results.query == "jakarta"
    assert ids(results)[:1] == ["headquarters"]


@pytest.mark.parametrize(
    "query",
    ['"', '"unclosed', "(", ")", "[a TO", "{", "*", "?", "~", "jakarta~9", "x:", ":",
     "category:", "lang:xx", "NOT", "AND OR", "-", "--", "+", "^", "a^b", "\\", "\x00",
     "\ud800", "🙂", "secr*t?riat", "*" * 50, "a " * 400],
)
def test_odd_queries_never_raise(memory_library: Library, query: str) -> None:
    results = memory_library.search(query)
    assert not results.notice.startswith("search failed")


@settings(max_examples=75, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_string_is_a_valid_query(memory_library: Library, query: str) -> None:
    results = memory_library.search(query, lang="id")
    assert not results.notice.startswith("search failed")
    assert len({hit.id for hit in results.hits}) == len(results.hits)


def _terms(query: object) -> set[str]:
    return {str(text) for _, text in query.iter_all_terms()}  # type: ignore[attr-defined]


def test_large_index_leaves_out_words_most_entries_contain(
    memory_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aseantui.search import query as query_module

    reader = memory_library.searcher().reader()
    common = "secretariat"  # in every fixture entry
    assert query_module._is_common(reader, common)
    assert not query_module._is_common(reader, "headquarters")
    normal = query_module.parse(f"{common} headquarters ", reader).query
    assert common in _terms(normal)
    monkeypatch.setattr(query_module, "LARGE_INDEX", 1)
    large = query_module.parse(f"{common} headquarters ", reader).query
    # Its text terms (long posting lists) are gone; only its aliases term
    # (short, and what highlights it in snippets) stays.
    fields = {field for field, text in large.iter_all_terms() if text == common}
    assert fields == {"aliases"} and "headquarters" in _terms(large)
    # ... but a query of nothing but common words still searches for them
    alone = query_module.parse(f"{common} ", reader).query
    assert common in _terms(alone)
    assert ids(memory_library.search(f"{common} headquarters"))[0] == "headquarters"


def test_small_index_scores_ors_with_union_trees(memory_library: Library) -> None:
    from whoosh import query as q

    from aseantui.search import query as query_module

    built = query_module.parse("headquarters jakarta", memory_library.searcher().reader()).query
    def walk(node: q.Query) -> list[q.Query]:
        return [node, *(n for child in node.children() for n in walk(child))]

    ors = [node for node in walk(built) if isinstance(node, q.Or)]
    assert ors and all(node.matcher_type == q.Or.DEFAULT_MATCHER for node in ors)


@pytest.mark.parametrize("query", ["secretariat headquarters", "sekretariat jakarta",
                                   "secretariet", "pemimpin", "organization structure"])
def test_ranking_scores_as_whoosh_bm25f_does(memory_library: Library, query: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-segment length cache changes the speed of scoring, not the scores."""
    from whoosh.scoring import BM25F

    from aseantui.search.schema import Ranking

    fast = [(h.id, h.score) for h in memory_library.search(query).hits]
    monkeypatch.setattr(Ranking, "scorer", BM25F.scorer)
    memory_library.close()  # a new searcher, scored by Whoosh's own scorer
    plain = [(h.id, h.score) for h in memory_library.search(query).hits]
    assert fast and [i for i, _ in fast] == [i for i, _ in plain]
    assert [s for _, s in fast] == pytest.approx([s for _, s in plain], rel=1e-9)


WORDS = ["Sekretariat", "kepemimpinan", "organisation", "U.S.", "Jakarta,", "café", "the",
         "yang", "x" * 45, "2.5", "didirikan", "Secretaries-General", "ÉTAT", "70a", "—"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40),
       st.sampled_from(["en", "id"]))
def test_snippet_positions_are_what_the_analyzer_finds(words: list[str], lang: str) -> None:
    """Word by word with a cache, the same stems at the same places as the whole-text pass."""
    from aseantui.search.schema import stemmed_analyzers
    from aseantui.search.snippets import _positions
    from aseantui.text import normalize_for_search

    text = normalize_for_search(" ".join(words))  # as the index stores bodies (schema.py)
    expected: dict[str, list[tuple[int, int]]] = {}
    for token in stemmed_analyzers()[lang](text, chars=True):
        expected.setdefault(token.text, []).append((token.startchar, token.endchar))
    assert _positions(text, lang) == expected


def test_category_filter_takes_the_shown_name_of_organisation() -> None:
    from aseantui.i18n import category_for

    assert category_for("ASEAN", ["history", "organisation"]) == "organisation"
    assert category_for("komunitas asean", ["community"]) == "community"
    assert category_for("Css types", ["css_types"]) == "css_types"
    assert category_for("sports", ["history"]) is None


def test_did_you_mean_prefers_the_closest_word_and_never_a_stop_word(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"how-{n}.md").write_text(
            f"# How {n}\n\nHow to do it, how to know how, and show how.\n", encoding="utf-8")
    (tmp_path / "sg.md").write_text("# Secretary-General\n\nDr. Kao Kim Hourn of Cambodia.\n",
                                    encoding="utf-8")
    library = Library(tmp_path, cache_dir=False, prebuilt=False)
    results = library.search("kao kim horn ", lang="en")
    assert results.suggestion == "kao kim hourn "
    assert [hit.id for hit in results.hits][:1] == ["sg"]


def test_search_caches_have_one_owner_that_clears_them(memory_library: Library) -> None:
    from aseantui.search.caches import CACHES

    memory_library.search("secretariaat", lang="en")
    memory_library.search("pemimpin", lang="id")
    assert CACHES.stems and len(CACHES.expansions)
    CACHES.clear()
    assert not CACHES.stems and not len(CACHES.expansions) and not len(CACHES.norms)
    assert memory_library.search("pemimpin", lang="id").hits  # and search goes on


def test_exact_name_ignores_case_punctuation_and_spacing() -> None:
    from aseantui.search.schema import exact_name

    assert exact_name("  Secretary-General  of ASEAN!") == "secretary general of asean"
    assert exact_name("ＡＳＥＡＮ") == "asean"  # full-width letters, NFKC


def test_a_query_that_is_an_entry_s_name_finds_that_entry_first() -> None:
    """'asean' is in every shipped entry; the entry whose alias it is comes first."""
    library = Library(Path(__file__).resolve().parents[1] / "content", cache_dir=False)
    try:
        for query, lang in (("asean", "en"), ("ASEAN!", "id"), ("apa itu asean", "id")):
            first = library.search(query, lang=lang, limit=1).hits
            assert first and first[0].id == "asean", (query, first)
    finally:
        library.close()
