"""`aseantui check`: one test per kind of problem, as `path:line: message` and exit 1.

Every test breaks a private copy of the fixture corpus in one way and expects
exactly the lines that one breakage should produce.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE, CliResult

Cli = Callable[..., CliResult]

HEAD = """\
---
id: {id}
lang: {lang}
title: {title}
category: {category}
summary: A short summary.
aliases: []
sources: []
---

Body text.
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def article(id: str = "extra", lang: str = "en", title: str = "Extra",  # noqa: A002
            category: str = "general") -> str:
    return HEAD.format(id=id, lang=lang, title=title, category=category)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(cli: Cli, root: Path) -> list[str]:
    """The problems `aseantui check` prints for `root`; asserts exit code 1."""
    result = cli("check", "--content", root)
    assert result.code == 1, result
    return result.out.splitlines()


def test_clean_corpus_passes(cli: Cli) -> None:
    result = cli("check", "--content", FIXTURE)
    assert result.code == 0
    assert result.out == ""
    assert "14 article(s) in 7 entries loaded, 0 skipped, 0 problem(s)" in result.err


def test_bad_yaml(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "bad.md", article().replace("title: Extra", "title: A: B"))
    assert check(cli, corpus_dir) == [
        f"{bad}:4: bad YAML in front matter: mapping values are not allowed here"
    ]


def test_front_matter_that_is_not_a_mapping(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "list.md", "---\n- id\n- lang\n---\n\nText.\n")
    assert check(cli, corpus_dir) == [f"{bad}:1: front matter must be a YAML mapping of fields"]


def test_unclosed_front_matter(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "open.md", "---\nid: open\nlang: en\n\nText.\n")
    assert check(cli, corpus_dir) == [f"{bad}:1: front matter is not closed with a '---' line"]


@pytest.mark.parametrize("field", ["title", "summary"])
def test_missing_required_field(cli: Cli, corpus_dir: Path, field: str) -> None:
    text = "".join(
        line for line in article().splitlines(keepends=True) if not line.startswith(f"{field}:")
    )
    bad = write(corpus_dir / "en" / "missing.md", text)
    assert check(cli, corpus_dir) == [f"{bad}:1: missing required field '{field}'"]


def test_missing_list_field(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "missing.md", article().replace("aliases: []\n", ""))
    assert check(cli, corpus_dir) == [
        f"{bad}:1: missing required field 'aliases' (use [] for none)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("title: Extra", "title: 1976", 4, "field 'title' must be a non-empty string, not int"),
        ("title: Extra", "title: ''", 4,
         "field 'title' must be a non-empty string, not empty text"),
        ("title: Extra", "title:", 4,
         "field 'title' must be a non-empty string, not an empty value"),
        ("sources: []", "sources: []\nrelated:", 9,
         "field 'related' must be a list of strings, not an empty value"),
        ("aliases: []", "aliases: Sekjen", 7,
         "field 'aliases' must be a list of strings, not text"),
        ("sources: []", "sources: [1, 2]", 8,
         "field 'sources' must be a list of strings, not a list containing int"),
        ("sources: []", "sources: {a: b}", 8,
         "field 'sources' must be a list of strings, not a mapping"),
    ],
)
def test_wrong_type(cli: Cli, corpus_dir: Path, old: str, new: str, line: int,
                    message: str) -> None:
    bad = write(corpus_dir / "en" / "typed.md", article().replace(old, new))
    assert check(cli, corpus_dir) == [f"{bad}:{line}: {message}"]


def test_unknown_category(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "sport.md", article(category="sports"))
    assert check(cli, corpus_dir) == [
        f"{bad}:5: unknown category 'sports' (see docs/CONTENT.md)"
    ]


def test_unknown_language(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "fr" / "extra.md", article(lang="fr"))
    assert check(cli, corpus_dir) == [f"{bad}:3: unknown lang 'fr' (expected one of: en, id)"]


def test_malformed_id(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "extra.md", article(id="Extra Entry"))
    assert check(cli, corpus_dir) == [
        f"{bad}:2: id 'Extra Entry' must be lower-case letters, digits, '-' or '_'"
    ]


def test_duplicate_id_and_lang(cli: Cli, corpus_dir: Path) -> None:
    original = corpus_dir / "en" / "glossary.md"
    copy = write(corpus_dir / "en" / "zz-glossary-copy.md", original.read_text(encoding="utf-8"))
    assert check(cli, corpus_dir) == [
        f"{copy}:2: duplicate entry: id 'glossary' in lang 'en' is already defined in {original}"
    ]


def test_missing_twin(cli: Cli, corpus_dir: Path) -> None:
    (corpus_dir / "id" / "glossary.md").unlink()
    assert check(cli, corpus_dir) == [
        f"{corpus_dir / 'en' / 'glossary.md'}:2: entry 'glossary' has no twin in lang 'id'"
    ]


def test_broken_internal_link(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "informal talks", "informal [talks](diplomacy.md)")
    assert check(cli, corpus_dir) == [f"{path}:16: broken link to 'diplomacy.md'"]


def test_broken_link_to_the_other_language(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "secretariat.md"
    edit(path, "../id/secretariat.md", "../id/sekretariat.md")
    assert check(cli, corpus_dir) == [f"{path}:23: broken link to '../id/sekretariat.md'"]


def test_broken_anchor(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "secretariat.md"
    edit(path, "headquarters.md#the-building", "headquarters.md#the-garden")
    assert check(cli, corpus_dir) == [
        f"{path}:18: broken link to 'headquarters.md#the-garden': no heading 'the-garden' "
        "in en/headquarters.md"
    ]


def test_invalid_link(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "informal talks", "informal [talks](../../secrets.md)")
    assert check(cli, corpus_dir) == [
        f"{path}:16: link to '../../secrets.md' leaves the content folder"
    ]


def test_unknown_source_id(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "sources: []", "sources: [almanac]")
    assert check(cli, corpus_dir) == [f"{path}:8: unknown source id 'almanac'"]


def test_citation_of_unknown_source(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "over coffee.", "over coffee [@almanac].")
    assert check(cli, corpus_dir) == [f"{path}:16: citation of unknown source 'almanac'"]


def test_cited_source_not_listed_in_sources(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "over coffee.", "over coffee [@handbook].")
    assert check(cli, corpus_dir) == [
        f"{path}:16: cited source 'handbook' is missing from the 'sources' field"
    ]


def test_malformed_citation(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "over coffee.", "over coffee [@handbook.")
    assert check(cli, corpus_dir) == [
        f"{path}:16: malformed citation near '[@handbook.' (write [@id] or [@id; @other])"
    ]


def test_unknown_related_entry(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    edit(path, "sources: []", "sources: []\nrelated: [budget]")
    assert check(cli, corpus_dir) == [f"{path}:9: unknown related entry 'budget'"]


def test_heading_structure_differs_from_twin(cli: Cli, corpus_dir: Path) -> None:
    edit(corpus_dir / "id" / "glossary.md", "## Istilah", "## Istilah\n\n### Singkatan")
    assert check(cli, corpus_dir) == [
        f"{corpus_dir / 'en' / 'glossary.md'}:1: heading structure differs from its twin "
        f"{corpus_dir / 'id' / 'glossary.md'} (1 h2 here, 1 h2, 1 h3 there)"
    ]


def test_not_utf8(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "latin1.md", article(title="Café").encode("latin-1"))
    assert check(cli, corpus_dir) == [
        f"{bad}:4: not UTF-8 (invalid byte 0xe9 at offset 33)"
    ]


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\xef\xbb\xbf\n"], ids=["zero", "blank", "bom"])
def test_empty_file(cli: Cli, corpus_dir: Path, data: bytes) -> None:
    bad = write(corpus_dir / "en" / "empty.md", data)
    assert check(cli, corpus_dir) == [f"{bad}:1: empty file"]


def test_binary_file(cli: Cli, corpus_dir: Path) -> None:
    bad = write(corpus_dir / "en" / "image.md", b"---\nid: x\x00\x01\x02\n")
    assert check(cli, corpus_dir) == [f"{bad}:2: binary file (contains NUL bytes)"]


def test_article_without_front_matter_is_a_note_not_a_problem(cli: Cli, corpus_dir: Path) -> None:
    write(corpus_dir / "en" / "notes.md", "# Notes\n\nA loose page.\n")
    write(corpus_dir / "id" / "notes.md", "# Catatan\n\nHalaman lepas.\n")
    quiet = cli("check", "--content", corpus_dir)
    assert quiet.code == 0 and quiet.out == "" and "2 note(s)" in quiet.err
    verbose = cli("check", "--verbose", "--content", corpus_dir)
    assert verbose.code == 0
    assert verbose.out.splitlines() == [
        f"{corpus_dir / 'en' / 'notes.md'}:1: note: no front matter: using id 'notes', "
        "lang 'en', title 'Notes'",
        f"{corpus_dir / 'id' / 'notes.md'}:1: note: no front matter: using id 'notes', "
        "lang 'id', title 'Catatan'",
    ]


@pytest.mark.parametrize("make", ["empty", "missing", "no-markdown"])
def test_check_on_an_empty_or_wrong_folder_says_so(cli: Cli, tmp_path: Path, make: str) -> None:
    folder = tmp_path / "folder"
    if make != "missing":
        folder.mkdir()
    if make == "no-markdown":
        (folder / "notes.txt").write_text("text\n", encoding="utf-8")
    result = cli("check", "--content", folder)
    assert result.code == 1
    assert str(folder) in result.err and ("no Markdown" in result.err or "not found" in result.err)


def test_bad_sources_registry(cli: Cli, corpus_dir: Path) -> None:
    registry = corpus_dir / "sources.yaml"
    registry.write_text("sources:\n  - id: charter\n    title: A: B\n", encoding="utf-8")
    lines = check(cli, corpus_dir)
    assert f"{registry}:3: bad YAML: mapping values are not allowed here" in lines
    # every citation now points at an unknown source, and is reported where it is
    assert f"{corpus_dir / 'en' / 'founding.md'}:16: citation of unknown source 'charter'" in lines


def test_timeline_event_for_unknown_entry(cli: Cli, corpus_dir: Path) -> None:
    edit(corpus_dir / "timeline.yaml", "entry: headquarters", "entry: hq")
    assert check(cli, corpus_dir) == [
        f"{corpus_dir / 'timeline.yaml'}:7: event links to unknown entry 'hq'"
    ]


def test_problems_are_sorted_by_path_and_line(cli: Cli, corpus_dir: Path) -> None:
    write(corpus_dir / "en" / "b-empty.md", b"")
    write(corpus_dir / "en" / "a-sport.md", article(category="sports"))
    lines = check(cli, corpus_dir)
    assert [line.split(":")[0] for line in lines] == [
        str(corpus_dir / "en" / "a-sport.md"), str(corpus_dir / "en" / "b-empty.md")
    ]


def test_missing_content_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "--content", tmp_path / "nowhere")
    assert result.code == 1
    assert "content folder not found" in result.err


# -- every other command loads the valid articles and says how many it skipped ----


@pytest.fixture
def broken_dir(corpus_dir: Path) -> Path:
    write(corpus_dir / "en" / "empty.md", b"")
    write(corpus_dir / "en" / "sport.md", article(category="sports"))
    write(corpus_dir / "id" / "latin1.md", article(lang="id", title="Café").encode("latin-1"))
    return corpus_dir


SKIPPED = "skipped 3 broken article(s)"


def test_list_skips_broken_articles(cli: Cli, broken_dir: Path) -> None:
    result = cli("list", "--content", broken_dir, "--json")
    assert result.code == 0
    assert SKIPPED in result.err and "aseantui check" in result.err
    assert len(json.loads(result.out)) == 7


def test_search_skips_broken_articles(cli: Cli, broken_dir: Path) -> None:
    result = cli("search", "jakarta", "--content", broken_dir, "--json")
    assert result.code == 0
    assert SKIPPED in result.err
    assert json.loads(result.out)["hits"][0]["id"] == "headquarters"


def test_show_skips_broken_articles(cli: Cli, broken_dir: Path) -> None:
    result = cli("show", "glossary", "--content", broken_dir)
    assert result.code == 0
    assert SKIPPED in result.err
    assert result.out.startswith("# Glossary\n")


def test_index_skips_broken_articles(cli: Cli, broken_dir: Path) -> None:
    result = cli("index", "--status", "--content", broken_dir)
    assert result.code == 0
    assert SKIPPED in result.err
    assert "entries:     7" in result.out


def test_check_counts_skipped_articles(cli: Cli, broken_dir: Path) -> None:
    result = cli("check", "--content", broken_dir)
    assert result.code == 1
    assert len(result.out.splitlines()) == 3
    assert "14 article(s) in 7 entries loaded, 3 skipped, 3 problem(s)" in result.err


def test_no_skip_notice_for_a_clean_folder(cli: Cli) -> None:
    result = cli("list", "--content", FIXTURE)
    assert result.code == 0
    assert "skipped" not in result.err
