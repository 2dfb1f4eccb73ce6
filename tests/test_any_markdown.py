"""Other people's Markdown: ids from paths, foreign front matter, languages, titles, check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aseantui.content.infer import humanise, split_path
from aseantui.content.load import load_corpus
from conftest import CliResult


def write(root: Path, relpath: str, text: str) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        ("pages/common/tar.md", ("pages/common/tar", "")),
        ("pages.id/common/tar.md", ("pages/common/tar", "id")),
        ("docs-id/guide/index.md", ("docs/guide/index", "id")),
        ("notes_en/a.md", ("notes/a", "en")),
        ("en/history.md", ("history", "en")),
        ("id/sub/history.md", ("sub/history", "id")),
        ("guide/start.id.md", ("guide/start", "id")),
        ("pages.fr/common/ls.md", ("pages/common/ls", "fr")),
        ("how-to/design.md", ("how-to/design", "")),  # 'to' is a word here, not Tonga
        ("my/notes.md", ("my/notes", "")),
        ("common/clang++.md", ("common/clang++", "")),
    ],
)
def test_ids_are_paths_without_language_part_and_extension(
    relpath: str, expected: tuple[str, str]
) -> None:
    assert split_path(relpath) == expected


def test_humanised_titles_drop_chapter_numbers() -> None:
    assert humanise("src/ch03-02-data-types.md") == "Data types"
    assert humanise("my_travel-notes.md") == "My travel notes"


def test_plain_folder_loads_every_file_with_ids_that_never_collide(tmp_path: Path) -> None:
    for name in ("clang", "clang++", "[", "!", "index"):
        write(tmp_path, f"common/{name}.md", f"# {name}\n\n> Does {name}.\n")
    write(tmp_path, "linux/index.md", "# Linux\n\nPages for Linux.\n")
    write(tmp_path, "guide/index.md", "# Guide\n\nThe guide.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == 0
    assert sorted(corpus.ids()) == sorted([
        "common/clang", "common/clang++", "common/[", "common/!", "common/index",
        "linux/index", "guide/index",
    ])
    assert not [p for p in corpus.problems if not p.note]


def test_title_from_first_heading_is_not_repeated_in_the_body(tmp_path: Path) -> None:
    write(tmp_path, "tar.md", "<!-- a comment -->\n# tar\n\n> Archiving utility.\n\n- Create.\n")
    write(tmp_path, "ch01.md", "## Data Types\n\nEvery value has a type.\n\n## Scalars\n")
    write(tmp_path, "0001-private-fields.md", "- Start: 2014\n\n# Summary\n\nFields.\n")
    corpus = load_corpus(tmp_path)
    tar = corpus.articles[("tar", "en")]
    assert tar.title == "tar" and "# tar" not in tar.body
    assert tar.summary == "Archiving utility."
    assert "tar" not in [h.text for h in tar.headings]
    chapter = corpus.articles[("ch01", "en")]
    assert chapter.title == "Data Types" and "Data Types" not in chapter.body
    assert [h.text for h in chapter.headings] == ["Scalars"]
    # a heading after other text is a section, not the title
    rfc = corpus.articles[("0001-private-fields", "en")]
    assert rfc.title == "Private fields" and "# Summary" in rfc.body


@pytest.mark.parametrize(
    "front",
    [
        # mkdocs / Jekyll
        "---\ntitle: The Button\ndescription: A clickable widget.\ntags: [widgets, input]\n---\n",
        # Hugo, TOML
        '+++\ntitle = "The Button"\nsummary = "A clickable widget."\n'
        'tags = ["widgets", "input"]\ndraft = false\n+++\n',
        # Obsidian
        "---\naliases: [Btn, /old/url/]\ntags: widgets, input\ntitle: The Button\n"
        "summary: A clickable widget.\n---\n",
        # Zola, TOML with a section
        '+++\ntitle = "The Button"\ndescription = "A clickable widget."\n'
        '[taxonomies]\ntags = ["widgets"]\n+++\n',
    ],
)
def test_foreign_front_matter_is_read_not_refused(tmp_path: Path, front: str) -> None:
    write(tmp_path, "widgets/button.md", front + "\n# The Button\n\nPress it.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == 0
    article = corpus.articles[("widgets/button", "en")]
    assert (article.title, article.summary) == ("The Button", "A clickable widget.")
    assert "# The Button" not in article.body
    assert "/old/url/" not in article.aliases
    assert not [p for p in corpus.problems if not p.note], corpus.problems


def test_front_matter_language_and_unsupported_languages(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: A\nlanguage: id-ID\n---\nTeks.\n")
    write(tmp_path, "b.md", "---\ntitle: B\nlang: fr\n---\nTexte.\n")
    corpus = load_corpus(tmp_path)
    assert ("a", "id") in corpus.articles
    assert "b" not in corpus.ids() and corpus.skipped == 0
    assert any(p.note and "'fr'" in p.message for p in corpus.problems)


def test_twins_pair_by_path_without_the_language_part(tmp_path: Path) -> None:
    write(tmp_path, "pages/common/tar.md", "# tar\n\n> Archiving utility.\n")
    write(tmp_path, "pages.id/common/tar.md", "# tar\n\n> Alat pengarsip berkas.\n")
    write(tmp_path, "pages/common/ls.md", "# ls\n\n> List files.\n")
    corpus = load_corpus(tmp_path)
    assert set(corpus.articles) == {
        ("pages/common/tar", "en"), ("pages/common/tar", "id"), ("pages/common/ls", "en")}
    assert {a.category for a in corpus.articles.values()} == {"common"}


def test_check_on_someone_elses_folder_has_no_false_problems(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    write(tmp_path, "src/ch01.md", "# One\n\nSee [two](ch02.html#wheres-it) and "
          "[the end](ch02.md#The-End), `[@not-a-citation]`.\n\n```\n[@nor-this]\n```\n\n"
          "![logo](img/logo.png) and [site](/guide/) and [readme](README.md).\n")
    write(tmp_path, "src/ch02.md", "# Two\n\n## Where’s it?\n\n## The End\n")
    write(tmp_path, "src/README.md", "Read me.\n")
    write(tmp_path, "guide/index.md", "# Guide\n")
    result = cli("check", "--content", tmp_path)
    assert result.code == 0, result
    assert result.out == ""
    verbose = cli("check", "--verbose", "--content", tmp_path)
    assert verbose.code == 0
    assert "citation" not in verbose.out
    assert "broken" not in verbose.out  # the .html and anchor links resolve
    assert "'/guide/'" not in verbose.out


def test_our_own_entries_still_get_problems(tmp_path: Path, cli: Callable[..., CliResult]
                                            ) -> None:
    write(tmp_path, "en/a.md", "---\nid: a\nlang: en\ntitle: A\ncategory: general\n"
          "summary: S.\naliases: []\nsources: []\n---\n\nSee [b](b.md).\n")
    result = cli("check", "--content", tmp_path)
    assert result.code == 1
    assert "broken link to 'b.md'" in result.out and "has no twin" in result.out


def test_show_finds_a_path_id_by_its_end_and_links_odd_ids_safely(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    write(tmp_path, "pages/common/tar.md", "# tar\n\n> Archiving utility.\n")
    write(tmp_path, "pages/common/my tool (old).md", "# old\n\nSee [tar](tar.md).\n")
    shown = cli("show", "common/tar", "--content", tmp_path)
    assert shown.code == 0 and shown.out.startswith("# tar\n")
    from aseantui.content.load import load_corpus
    from aseantui.render import reader_markdown

    corpus = load_corpus(tmp_path)
    text = reader_markdown(corpus.articles[("pages/common/tar", "en")], corpus, "en")
    assert "[old](<entry:pages/common/my tool (old)>)" in text


def test_an_entry_is_found_by_title_or_alias_when_only_one_has_it(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: Alpha Page\naliases: [First]\n---\nText.\n")
    write(tmp_path, "b.md", "# Beta\n\nText.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.find("alpha page") == "a" and corpus.find("First") == "a"
    assert corpus.find("b") == "b" and corpus.find("Gamma") is None
