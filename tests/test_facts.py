"""Structured facts (`facts:` front matter): parsing, the cache, and `aseantui check`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aseantui.content.facts import Fact, check_facts, value_in_text
from aseantui.content.load import load_corpus
from aseantui.content.parse import parse_article
from conftest import SHIPPED, CliResult

FACTS = Path(__file__).resolve().parent / "fixtures" / "facts"
Cli = Callable[..., CliResult]


@pytest.fixture
def facts_dir(tmp_path: Path) -> Path:
    target = tmp_path / "facts"
    shutil.copytree(FACTS, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(cli: Cli, root: Path) -> list[str]:
    result = cli("check", "--content", root)
    assert result.code == 1, result
    return result.out.splitlines()


def test_facts_are_parsed_in_order_with_their_fields() -> None:
    article, found = parse_article(FACTS / "en" / "leadership.md", "en/leadership.md")
    assert article is not None and found == []
    assert [f.key for f in article.facts] == [
        "secretary-general", "country", "since", "term-ends", "appointed-by", "term-length"]
    first = article.facts[0]
    assert first == Fact("secretary-general", "Secretary-General", "Dr. Kao Kim Hourn",
                         "2026-11-30", ("sheet",), first.line)
    # The line of each fact is the line of its list item in the file.
    lines = (FACTS / "en" / "leadership.md").read_text(encoding="utf-8").split("\n")
    assert lines[first.line - 1].strip() == "- key: secretary-general"
    assert lines[article.facts[4].line - 1].strip() == "- key: appointed-by"


def test_quoted_and_unquoted_scalars_become_text(facts_dir: Path) -> None:
    path = facts_dir / "en" / "members.md"
    edit(path, 'value: "11"', "value: 11")
    article, _ = parse_article(path, "en/members.md")
    assert article is not None and article.facts[0].value == "11"
    assert article.facts[0].as_of == "2026-11-30"  # an unquoted YAML date


def test_an_article_without_facts_has_none() -> None:
    article, _ = parse_article(FACTS / "en" / "archives.md", "en/archives.md")
    assert article is not None and article.facts == ()


def test_the_fixture_folder_checks_clean(cli: Cli) -> None:
    result = cli("check", "--content", FACTS)
    assert result.code == 0, result.out


def test_facts_survive_the_parse_cache(tmp_path: Path) -> None:
    fresh = load_corpus(FACTS, tmp_path / "cache")
    cached = load_corpus(FACTS, tmp_path / "cache")
    key = ("leadership", "id")
    assert cached.articles[key].facts == fresh.articles[key].facts
    assert cached.articles[key].facts[0].sources == ("sheet",)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("sources: [charter-text]\n  - key: term-length",
         "sources: [nowhere]\n  - key: term-length",
         "fact 'appointed-by' cites unknown source 'nowhere'"),
        ("    label: Country\n", "", "fact 'country' has no label"),
        ("value: Cambodia", "value: " + "Cambodia " * 12,
         "fact 'country': value longer than 80 characters (107)"),
        ("value: Cambodia", "value: Kingdom of Cambodia",
         "fact 'country': value 'Kingdom of Cambodia' not found in the entry's text"),
        ("key: country", "key: Country Of Origin",
         "fact 2: bad key 'Country Of Origin' (use lower-case letters, digits and '-', "
         "at most 60)"),
        ("key: country", "key: since", "duplicate fact key 'since'"),
        ("    label: Country\n", "    label: Country\n    unit: none\n",
         "fact 'country': unknown field 'unit' ignored"),
        ("value: Cambodia", "value: [Cambodia]", "fact 'country' has no value"),
        ("sources: [sheet]\n  - key: since", "sources: sheet-and-more\n  - key: since",
         "fact 'country' cites unknown source 'sheet-and-more'"),
    ],
)
def test_check_reports_a_bad_fact_at_its_line(
    cli: Cli, facts_dir: Path, old: str, new: str, message: str
) -> None:
    path = facts_dir / "en" / "leadership.md"
    edit(path, old, new)
    lines = path.read_text(encoding="utf-8").split("\n")
    found = [line for line in problems(cli, facts_dir) if message in line]
    assert len(found) == 1, problems(cli, facts_dir)
    file_part, line_part, _ = found[0].split(":", 2)
    assert file_part == str(path)
    assert lines[int(line_part) - 1].lstrip().startswith("- key:")


def test_a_bad_fact_is_left_out_but_the_article_loads(facts_dir: Path) -> None:
    edit(facts_dir / "en" / "leadership.md", "    label: Country\n", "")
    corpus = load_corpus(facts_dir)
    article = corpus.articles[("leadership", "en")]
    assert "country" not in [f.key for f in article.facts]
    assert len(article.facts) == 5


def test_facts_that_are_not_a_list(cli: Cli, facts_dir: Path) -> None:
    path = facts_dir / "en" / "archives.md"
    edit(path, "sources: [sheet]\n", "sources: [sheet]\nfacts: {key: x}\n")
    assert problems(cli, facts_dir) == [
        f"{path}:9: field 'facts' must be a list of facts (key, label, value)",
    ]


def test_a_fact_source_missing_from_the_sources_field(cli: Cli, facts_dir: Path) -> None:
    path = facts_dir / "en" / "location.md"
    edit(path, "sources: [sheet]\n  - key: city", "sources: [charter-text]\n  - key: city")
    assert [line.split(":", 2)[2] for line in problems(cli, facts_dir)] == [
        " fact 'district' cites 'charter-text', which is missing from the 'sources' field",
    ]


def test_twins_must_have_the_same_keys(cli: Cli, facts_dir: Path) -> None:
    en = facts_dir / "en" / "charter.md"
    edit(facts_dir / "id" / "charter.md", "key: signed-at", "key: signed-in")
    assert problems(cli, facts_dir) == [
        f"{en}:9: fact keys differ from its twin {facts_dir / 'id' / 'charter.md'} "
        "(only here: signed-at; only there: signed-in)",
    ]


def test_the_value_check_ignores_case_spacing_and_emphasis() -> None:
    assert value_in_text("Dr. Kao Kim Hourn", "held by **dr. kao  kim\nhourn**".replace("**", ""))
    assert value_in_text("2019–2020", "from 2019-2020")
    assert not value_in_text("Dr. Kao Kim Hourn", "Kao Kim Hourn")


def test_every_shipped_fact_is_valid() -> None:
    """The shipped content's facts: sources known and listed, values in the text, twins agree."""
    corpus = load_corpus(SHIPPED)
    fact_problems = check_facts(corpus)
    assert fact_problems == [], "\n".join(map(str, fact_problems))
    bad = [str(p) for p in corpus.problems if "fact" in p.message]
    assert bad == [], "\n".join(bad)
