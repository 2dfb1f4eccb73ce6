"""Unit tests of the Textual-free helpers under the reader: links, entry look-up,
the marks of a search's words and the snippets shown in the results."""

from __future__ import annotations

from pathlib import Path

import pytest

from aseantui.content.load import Corpus, load_corpus
from aseantui.content.lookup import find_entry
from aseantui.links import copy_text, describe, resolve
from aseantui.search.snippets import display_lines, fitted_snippet, query_stems, term_spans
from conftest import FIXTURE


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURE)


# -- links ----------------------------------------------------------------------------
def test_links_of_every_kind(corpus: Corpus) -> None:
    here = corpus.articles[("secretariat", "en")]
    entry = resolve("leadership.md", here, corpus, "en")
    assert entry.kind == "entry" and entry.entry is not None and entry.entry.id == "leadership"
    at = resolve("headquarters.md#the-building", here, corpus, "en")
    assert at.kind == "entry" and at.anchor == "the-building"
    assert resolve("#overview", here, corpus, "en").kind == "anchor"
    assert resolve("entry:founding", here, corpus, "id").entry.lang == "id"  # type: ignore[union-attr]
    cite = resolve("cite:charter", here, corpus, "en")
    assert cite.kind == "citation" and cite.source is not None
    assert resolve("https://asean.org/", here, corpus, "en").kind == "web"
    assert resolve("missing.md", here, corpus, "en").kind == "missing"
    assert resolve("entry:nothing", here, corpus, "en").kind == "missing"
    assert resolve("javascript:alert(1)", here, corpus, "en").kind == "invalid"
    assert resolve("../../outside.md", here, corpus, "en").kind == "invalid"


def test_copy_gives_what_a_reader_can_use(corpus: Corpus) -> None:
    here = corpus.articles[("secretariat", "en")]
    entry = copy_text(resolve("leadership.md", here, corpus, "en"))
    title = corpus.articles[("leadership", "en")].title
    assert entry == f"{title} — aseantui show leadership"
    assert copy_text(resolve("https://asean.org/x?y=1", here, corpus, "en")) == (
        "https://asean.org/x?y=1")
    source = corpus.sources["charter"]
    reference = copy_text(resolve("cite:charter", here, corpus, "en"))
    assert reference.startswith(source.title) and source.url in reference
    assert source.publisher in reference and "cite:" not in reference
    assert describe(resolve("cite:charter", here, corpus, "en")) == source.title


# -- look-up --------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "lang", "expected"), [
    ("leadership", "en", ("leadership", "en")),
    ("LEADERSHIP", "en", ("leadership", "en")),
    ("sekjen", "en", ("leadership", "en")),
    ("SG", "id", ("leadership", "id")),
    ("head office", "en", ("headquarters", "en")),
    ("location of the headquarters", "en", ("headquarters", "en")),
    ("Lokasi  Kantor-Pusat", "en", ("headquarters", "en")),
])
def test_entries_open_by_id_alias_or_title_in_any_case(
    corpus: Corpus, name: str, lang: str, expected: tuple[str, str]
) -> None:
    found = find_entry(corpus, name, lang)
    assert found is not None and found.key == expected


def test_an_unknown_name_finds_nothing(corpus: Corpus) -> None:
    assert find_entry(corpus, "no such thing", "en") is None
    assert find_entry(corpus, "  ", "en") is None


# -- marks and snippets -----------------------------------------------------------------
def test_marks_use_the_search_analysis() -> None:
    stems = query_stems("pejabat", "id")
    text = "Para pejabat dan jabatan itu; pejabatnya"
    marked = [text[s:e] for s, e in term_spans(text, stems, "id")]
    assert "pejabat" in marked and "jabatan" in marked
    english = query_stems("secretaries", "en")
    words = [w for w in "The secretary and the Secretaries met".split()
             if term_spans(w, english, "en")]
    assert words == ["secretary", "Secretaries"]


def test_a_partly_typed_word_marks_what_the_search_matched() -> None:
    stems = query_stems("pejam", "id", matched=["Pejambon"])
    text = "Jalan Taman Pejambon, Jakarta"
    assert [text[s:e] for s, e in term_spans(text, stems, "id")] == ["Pejambon"]


def test_snippets_read_as_text() -> None:
    body = (
        "## The list\n\n| # | name | country |\n|---|---|---|\n"
        "| 2 | Umarjadi Njotowijono | Indonesia |\n\n"
        "A paragraph that is wrapped\nover two lines [@facts] and mentions **Umarjadi**.\n"
    )
    lines = display_lines(body)
    assert "2: Umarjadi Njotowijono: Indonesia" in lines
    assert "A paragraph that is wrapped over two lines and mentions Umarjadi." in lines
    snippet = fitted_snippet("\n".join(lines), query_stems("umarjadi", "en"), "en", 150)
    assert snippet.plain == "2: Umarjadi Njotowijono: Indonesia"
    assert [text for text, matched in snippet.parts if matched] == ["Umarjadi"]


def test_long_lines_are_cut_at_words_with_ellipses() -> None:
    words = [f"word{n}" for n in range(60)]
    line = " ".join(words[:30] + ["Secretariat"] + words[30:])
    snippet = fitted_snippet(line, query_stems("secretariat", "en"), "en", 76)
    text = snippet.plain
    assert len(text) <= 76
    assert text.startswith("… ") and text.endswith(" …")
    inner = text.removeprefix("… ").removesuffix(" …").split()
    assert set(inner) <= set(line.split())  # whole words only, never "Secr…"
    assert "Secretariat" in inner


def test_show_on_the_command_line_takes_an_alias_in_any_case(cli) -> None:  # type: ignore[no-untyped-def]
    title = load_corpus(FIXTURE).articles[("leadership", "en")].title
    for name in ("SG", "sekjen", "Leadership"):
        done = cli("--content", FIXTURE, "show", name, "--format", "markdown")
        assert done.code == 0, done.err
        assert done.out.startswith(f"# {title}")


def test_site_style_links_of_foreign_pages_resolve_as_check_resolves_them(tmp_path: Path) -> None:
    """mdBook links chapters as `ch02.html`, mkdocs pages as `/guide/app/`."""
    from aseantui.content.load import load_corpus
    from aseantui.links import resolve

    (tmp_path / "guide").mkdir()
    (tmp_path / "ch01.md").write_text("# One\n\nSee [two](ch02.html) and [app](/guide/app/).\n",
                                      encoding="utf-8")
    (tmp_path / "ch02.md").write_text("# Two\n\nBack to [one](ch01.md).\n", encoding="utf-8")
    (tmp_path / "guide" / "app.md").write_text("# App\n\nText.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    one = next(a for a in corpus.articles.values() if a.title == "One")
    two = resolve("ch02.html", one, corpus, "en")
    app = resolve("/guide/app/", one, corpus, "en")
    assert two.kind == "entry" and two.entry is not None and two.entry.title == "Two"
    assert app.kind == "entry" and app.entry is not None and app.entry.title == "App"
