"""Loading articles: front matter, headings, text, links, citations, registries."""

from __future__ import annotations

from pathlib import Path

import pytest

from aseantui.content import load_corpus
from aseantui.content.load import Corpus, article_files
from aseantui.content.parse import parse_bytes
from conftest import FIXTURE

FRONT = """\
---
id: sample
lang: en
title: A Sample
category: general
summary: A sample article.
aliases: [Example, contoh]
sources: [charter]
---
"""


def parse(text: str | bytes, relpath: str = "en/sample.md"):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_bytes(data, Path("/content") / relpath, relpath)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURE)


def test_fixture_corpus_loads_every_article_without_problems(corpus: Corpus) -> None:
    assert corpus.problems == []
    assert corpus.skipped == 0
    assert len(corpus.articles) == 14
    assert corpus.ids() == [
        "founding", "functions", "glossary", "headquarters", "leadership", "secretariat",
        "structure",
    ]
    assert {lang for _, lang in corpus.articles} == {"en", "id"}


def test_front_matter_fields(corpus: Corpus) -> None:
    article = corpus.articles[("leadership", "en")]
    assert article.title == "The Secretary-General"
    assert article.category == "leadership"
    assert article.summary.startswith("Who leads the Secretariat")
    assert article.aliases == ("Secretary General", "Secretary-General of ASEAN", "SG", "Sekjen",
                               "Sekjen ASEAN", "Sekretaris Jenderal", "sekertaris jendral")
    assert article.sources == ("charter",)
    assert article.related == ("secretariat", "structure")
    assert article.relpath == "en/leadership.md"
    assert article.line_of("category") == 5
    assert article.body_line == 11
    assert not article.inferred
    twin = corpus.articles[("leadership", "id")]
    assert twin.title == "Kepemimpinan Sekretariat"


def test_related_is_optional(corpus: Corpus) -> None:
    assert corpus.articles[("headquarters", "en")].related == ()


def test_headings_carry_level_text_github_slug_and_line(corpus: Corpus) -> None:
    headings = corpus.articles[("founding", "id")].headings
    assert [(h.level, h.text, h.slug, h.line) for h in headings] == [
        (2, "Persetujuan Bali", "persetujuan-bali", 12),
        (2, "Tahun-tahun pertama", "tahun-tahun-pertama", 18),
    ]


def test_duplicate_headings_get_numbered_slugs() -> None:
    article, _ = parse(FRONT + "\n## Notes\n\n## Notes\n\n### What's new?\n")
    assert article is not None
    assert [h.slug for h in article.headings] == ["notes", "notes-1", "whats-new"]


def test_plain_text_has_no_markup_citations_or_front_matter(corpus: Corpus) -> None:
    text = corpus.articles[("secretariat", "en")].text
    assert "The Secretariat is the permanent office of the Association." in text
    assert "follows up on decisions." in text  # the citation and the space before it are gone
    assert "It is led by the Secretary-General and works from its headquarters in Jakarta." in text
    for markup in ("[@", "](", "##", "---", "category:"):
        assert markup not in text


def test_text_includes_tables_code_and_image_alt_text() -> None:
    article, _ = parse(
        FRONT + "\n| year | event |\n|---|---|\n| 1976 | founded |\n\n"
        "![a map of Jakarta](map.png)\n\n```\nraw code\n```\n"
    )
    assert article is not None
    assert article.text.split("\n") == ["year", "event", "1976", "founded", "a map of Jakarta",
                                        "raw code"]


def test_links_are_classified_with_targets_anchors_and_lines(corpus: Corpus) -> None:
    links = corpus.articles[("secretariat", "en")].links
    assert [(link.kind, link.text, link.target, link.anchor, link.line) for link in links] == [
        ("internal", "Secretary-General", "en/leadership.md", "", 17),
        ("internal", "headquarters", "en/headquarters.md", "the-building", 18),
        ("internal", "How it was founded", "en/founding.md", "", 22),
        ("internal", "Versi bahasa Indonesia", "id/secretariat.md", "", 23),
        ("external", "Official website", "", "", 24),
    ]
    assert links[-1].href == "https://asean.org/"


def test_internal_links_resolve_to_articles(corpus: Corpus) -> None:
    article = corpus.articles[("secretariat", "en")]
    resolved = [corpus.resolve(link) for link in article.internal_links()]
    assert [(a.id, a.lang) for a in resolved if a is not None] == [
        ("leadership", "en"), ("headquarters", "en"), ("founding", "en"), ("secretariat", "id"),
    ]
    assert corpus.backlinks("founding") == ["secretariat"]


def test_invalid_links_are_kept_as_invalid_and_reported() -> None:
    article, problems = parse(
        FRONT + "\n[a](/etc/passwd) [b](../../outside.md) [c](photo.png) [d](ftp://x.org/f.md)"
        " [e](mailto:info@example.org) [f](#local)\n"
    )
    assert article is not None
    kinds = [(link.text, link.kind) for link in article.links]
    assert kinds == [("a", "invalid"), ("b", "invalid"), ("c", "invalid"), ("d", "invalid"),
                     ("e", "external"), ("f", "internal")]
    assert article.links[-1].target == "en/sample.md"  # a link to a heading of itself
    assert [str(p) for p in problems] == [
        "/content/en/sample.md:11: link to '/etc/passwd' is not a relative path inside the "
        "content folder",
        "/content/en/sample.md:11: link to '../../outside.md' leaves the content folder",
        "/content/en/sample.md:11: link to 'photo.png' is not a Markdown article (.md)",
        "/content/en/sample.md:11: link to 'ftp://x.org/f.md' uses the 'ftp:' scheme "
        "(only http, https and mailto are allowed)",
    ]


def test_citations_single_and_grouped_with_lines(corpus: Corpus) -> None:
    founding = corpus.articles[("founding", "en")]
    assert [(c.source_ids, c.line) for c in founding.citations] == [(("charter", "koran"), 16)]
    functions = corpus.articles[("functions", "en")]
    assert functions.cited_ids() == ["charter", "handbook"]


def test_citation_split_by_a_line_break_still_counts() -> None:
    article, problems = parse(FRONT + "\nText cites [@charter;\n@koran] here.\n")
    assert article is not None and problems == []
    assert [c.source_ids for c in article.citations] == [("charter", "koran")]
    assert "@" not in article.text and "cites here." in article.text


def test_citation_inside_code_is_not_a_citation() -> None:
    article, problems = parse(FRONT + "\nText [@charter].\n\n```\nnot [@ghost]\n```\n")
    assert article is not None and problems == []
    assert article.cited_ids() == ["charter"]


def test_article_without_front_matter_is_inferred_from_its_path_and_heading() -> None:
    article, problems = parse("# Field Notes\n\nWritten on a visit.\n\nMore.\n", "id/misc/notes.md")
    assert article is not None
    assert (article.id, article.lang, article.title, article.category, article.summary) == (
        "misc/notes", "id", "Field Notes", "misc", "Written on a visit."
    )
    assert article.inferred
    assert "# Field Notes" not in article.body  # the title is not shown twice
    assert [str(p) for p in problems] == [
        "/content/id/misc/notes.md:1: note: no front matter: using id 'misc/notes', lang 'id', "
        "title 'Field Notes'"
    ]


def test_inferred_article_without_heading_takes_its_title_from_the_file_name() -> None:
    article, _ = parse("Just a paragraph.\n", "my_travel-notes.md")
    assert article is not None
    assert (article.id, article.lang, article.title) == (
        "my_travel-notes", "en", "My travel notes"
    )


def test_byte_order_mark_and_crlf_line_endings_are_accepted() -> None:
    article, problems = parse(("\ufeff" + FRONT + "\n## Part\n\nText.\n").replace("\n", "\r\n"))
    assert problems == []
    assert article is not None
    assert article.title == "A Sample"
    assert article.headings[0].line == 11


def test_control_characters_are_removed_and_reported() -> None:
    article, problems = parse(FRONT + "\nred \x1b[31mtext\x1b[0m here\n")
    assert article is not None
    assert article.text == "red text here"
    assert "\x1b" not in article.body
    assert [str(p) for p in problems] == [
        "/content/en/sample.md:11: terminal control characters removed"
    ]


def test_long_title_is_shortened_with_a_warning() -> None:
    article, problems = parse(FRONT.replace("title: A Sample", "title: " + "word " * 60))
    assert article is not None
    assert len(article.title) <= 200 and article.title.endswith("…")
    assert [p.message for p in problems] == ["title longer than 200 characters (shortened)"]
    assert not problems[0].fatal


def test_unknown_front_matter_field_is_a_warning() -> None:
    article, problems = parse(FRONT.replace("lang: en\n", "lang: en\nauthor: me\n"))
    assert article is not None
    assert [(p.line, p.message, p.fatal) for p in problems] == [
        (4, "unknown field 'author' ignored", False)
    ]


def test_article_files_skip_hidden_underscore_and_readme(tmp_path: Path) -> None:
    for name in ("a.md", "README.md", "_draft.md", ".hidden.md", "notes.txt", "_private/b.md",
                 ".git/c.md", "en/d.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# x\n", encoding="utf-8")
    assert [rel for _, rel in article_files(tmp_path)] == ["a.md", "en/d.md"]


def test_sources_registry(corpus: Corpus) -> None:
    assert sorted(corpus.sources) == ["charter", "handbook", "koran"]
    charter = corpus.sources["charter"]
    assert charter.kind == "reference"
    assert charter.url == "https://asean.org/"
    assert charter.describe("id") == "Perjanjian yang memberi Perhimpunan bentuk hukumnya."
    assert corpus.sources["koran"].assess("id") == ""


def test_timeline_is_sorted_with_lines(corpus: Corpus) -> None:
    assert [(e.date, e.entry, e.year, e.line) for e in corpus.timeline] == [
        ("1976-02-24", "founding", 1976, 2),
        ("1981", "headquarters", 1981, 7),
    ]
    assert corpus.timeline[1].text["id"] == "Sekretariat pindah ke gedungnya sendiri di Jakarta."


def test_lookups_fall_back_to_the_other_language(corpus_dir: Path) -> None:
    (corpus_dir / "id" / "glossary.md").unlink()
    corpus = load_corpus(corpus_dir)
    article = corpus.get("glossary", "id")
    assert article is not None and article.lang == "en"
    assert corpus.get("glossary", "id", fallback=False) is None
    assert [a.lang for a in corpus.in_lang("id")].count("en") == 1


def test_closest_ids_for_a_misspelt_id(corpus: Corpus) -> None:
    assert corpus.closest("foundng")[0] == "founding"
    assert corpus.closest("zzzzzz") == []
