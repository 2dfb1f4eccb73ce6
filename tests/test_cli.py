"""The command line contract: search --json, show, list, index, version, dispatch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from aseantui import __version__
from conftest import FIXTURE, CliResult

Cli = Callable[..., CliResult]

HIT_KEYS = {"id": str, "lang": str, "title": str, "category": str, "score": float, "snippet": str}


def assert_search_contract(data: object, query: str) -> None:
    """Exactly the documented keys, with the documented types."""
    assert isinstance(data, dict)
    assert set(data) == {"query", "total", "suggestion", "hits"}
    assert data["query"] == query
    assert isinstance(data["total"], int) and not isinstance(data["total"], bool)
    assert data["suggestion"] is None or isinstance(data["suggestion"], str)
    assert isinstance(data["hits"], list)
    for hit in data["hits"]:
        assert set(hit) == set(HIT_KEYS)
        for key, kind in HIT_KEYS.items():
            assert type(hit[key]) is kind, (key, hit[key])
        assert hit["lang"] in ("en", "id")


# -- search --json -------------------------------------------------------------------


def test_search_json_is_one_object_with_the_documented_keys(cli: Cli) -> None:
    result = cli("search", "jakarta", "--content", FIXTURE, "--json")
    assert result.code == 0
    data = json.loads(result.out)  # fails on anything but one JSON document
    assert result.out.count("\n") == 1
    assert_search_contract(data, "jakarta")
    assert data["total"] >= 1
    assert data["hits"][0]["id"] == "headquarters"
    assert data["hits"][0]["category"] == "location"
    assert "**Jakarta**" in data["hits"][0]["snippet"]


def test_search_json_options(cli: Cli) -> None:
    result = cli("search", "sekretariat", "--content", FIXTURE, "--json", "--lang", "id",
                 "--limit", "2", "--category", "history")
    data = json.loads(result.out)
    assert_search_contract(data, "sekretariat")
    assert [(h["id"], h["lang"], h["title"]) for h in data["hits"]] == [
        ("founding", "id", "Pendirian Sekretariat")
    ]
    limited = json.loads(cli("search", "secretariat", "--content", FIXTURE, "--json",
                             "--limit", "2").out)
    assert len(limited["hits"]) == 2 and limited["total"] == 7


def test_search_json_with_no_hits_and_a_suggestion(cli: Cli) -> None:
    data = json.loads(cli("search", "bsli ", "--content", FIXTURE, "--json").out)
    assert_search_contract(data, "bsli ")
    assert data["hits"] == [] and data["total"] == 0
    assert data["suggestion"] == "bali "


@pytest.mark.parametrize("query", ["", '"', "((", "lang:", "🙂", "\x1b[2J", "a" * 1000])
def test_search_json_for_odd_queries(cli: Cli, query: str) -> None:
    result = cli("search", query, "--content", FIXTURE, "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert set(data) == {"query", "total", "suggestion", "hits"}
    assert "\x1b" not in result.out


def test_search_json_keeps_notices_off_stdout(cli: Cli) -> None:
    result = cli("search", "jakarta category:sports", "--content", FIXTURE, "--json")
    assert json.loads(result.out)["hits"][0]["id"] == "headquarters"
    assert "unknown category 'sports' ignored" in result.err


def test_search_json_through_the_installed_command(tmp_path: Path) -> None:
    env = dict(os.environ, ASEANTUI_CONTENT=str(FIXTURE))
    proc = subprocess.run(
        [sys.executable, "-m", "aseantui", "search", "siapa sekjen asean sekarang",
         "--lang", "id", "--json"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert_search_contract(data, "siapa sekjen asean sekarang")
    assert data["hits"][0]["id"] == "leadership"
    assert data["hits"][0]["lang"] == "id"


# -- search, readable -------------------------------------------------------------------


def test_search_readable_list(cli: Cli) -> None:
    result = cli("search", "jakarta", "--content", FIXTURE)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "2 result(s) for 'jakarta':"
    assert lines[1] == " 1. Location of the Headquarters"
    assert lines[2] == "    id: headquarters · category: Location · language: en"
    assert "Jakarta" in lines[3] and "**" not in result.out


def test_search_readable_marks_an_entry_in_the_other_language(cli: Cli,
                                                              corpus_dir: Path) -> None:
    (corpus_dir / "id" / "glossary.md").unlink()
    result = cli("search", "coffee", "--content", corpus_dir, "--lang", "id")
    lines = result.out.splitlines()
    assert lines[1:3] == [" 1. Glossary",
                          "    id: glossary · category: Glosarium · language: en (no id version)"]


def test_search_readable_no_results_with_suggestion(cli: Cli) -> None:
    result = cli("search", "bsli ", "--content", FIXTURE)
    assert result.code == 0
    assert result.out.splitlines() == ["Did you mean: bali?", "No results for 'bsli '."]


# -- show ------------------------------------------------------------------------------


def test_show_markdown(cli: Cli) -> None:
    result = cli("show", "founding", "--content", FIXTURE)
    assert result.code == 0
    out = result.out
    assert out.startswith("# Founding of the Secretariat\n\n## The Bali agreement\n")
    assert "[Secretary-General](leadership.md)" in out
    assert "## Sources\n\n- **[charter]** The Charter of the Association (The Association, 2007)" \
        in out
    assert "- **[koran]** Harian Contoh (Harian Contoh, 2019)" in out
    assert "id: founding" not in out  # no front matter


def test_show_text_in_indonesian(cli: Cli) -> None:
    result = cli("show", "founding", "--content", FIXTURE, "--lang", "id", "--format", "text")
    assert result.code == 0
    out = result.out
    assert "Pendirian Sekretariat" in out and "Persetujuan Bali" in out
    assert "Sumber" in out
    for markup in ("## ", "**", "](", "\x1b"):
        assert markup not in out


def test_show_falls_back_to_the_other_language_with_a_notice(cli: Cli,
                                                             corpus_dir: Path) -> None:
    (corpus_dir / "id" / "glossary.md").unlink()
    result = cli("show", "glossary", "--content", corpus_dir, "--lang", "id")
    assert result.code == 0
    assert result.out.startswith("# Glossary\n")
    assert "'glossary' has no id version; showing en" in result.err


def test_show_unknown_id_lists_close_matches(cli: Cli) -> None:
    result = cli("show", "foundng", "--content", FIXTURE)
    assert result.code == 1
    assert result.out == ""
    assert "no entry 'foundng'" in result.err
    assert "Did you mean: founding" in result.err


def test_show_unknown_id_without_close_matches(cli: Cli) -> None:
    result = cli("show", "zzzzzz", "--content", FIXTURE)
    assert result.code == 1
    assert result.err.strip() == "aseantui: no entry 'zzzzzz'."


def test_show_never_prints_terminal_escapes_from_content(cli: Cli, corpus_dir: Path) -> None:
    path = corpus_dir / "en" / "glossary.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\x1b]0;pwned\x07\x1b[2J evil\n",
                    encoding="utf-8")
    for fmt in ("markdown", "text"):
        result = cli("show", "glossary", "--content", corpus_dir, "--format", fmt)
        assert result.code == 0
        assert "\x1b" not in result.out and "\x07" not in result.out
        assert "evil" in result.out


# -- list ------------------------------------------------------------------------------


def test_list_readable(cli: Cli) -> None:
    result = cli("list", "--content", FIXTURE)
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 7
    assert lines[0].split() == ["founding", "en", "history", "Founding", "of", "the",
                                "Secretariat"]


def test_list_json_by_category_and_language(cli: Cli) -> None:
    result = cli("list", "--content", FIXTURE, "--json", "--lang", "id", "--category",
                 "leadership")
    assert json.loads(result.out) == [{
        "id": "leadership", "lang": "id", "title": "Kepemimpinan Sekretariat",
        "category": "leadership",
        "summary": "Siapa yang memimpin Sekretariat, berapa lama menjabat, dan siapa wakilnya.",
    }]


def test_list_json_sorted_by_title(cli: Cli) -> None:
    rows = json.loads(cli("list", "--content", FIXTURE, "--json").out)
    titles = [row["title"] for row in rows]
    assert titles == sorted(titles, key=str.casefold)
    assert {row["lang"] for row in rows} == {"en"}


# -- index -----------------------------------------------------------------------------


def test_index_status_then_reuse(cli: Cli, isolated_dirs: dict[str, Path]) -> None:
    first = cli("index", "--status", "--content", FIXTURE)
    assert first.code == 0
    status = dict(line.split(":", 1) for line in first.out.splitlines())
    assert status["location"].strip().startswith(str(isolated_dirs["cache"]))
    assert Path(status["location"].strip()).is_dir()
    assert status["entries"].strip() == "7"
    assert len(status["fingerprint"].strip()) == 16
    assert status["built"].strip()
    assert status["this run"].strip() == "built"
    again = cli("index", "--status", "--content", FIXTURE)
    assert again.out.replace("reused", "built") == first.out


def test_index_rebuild(cli: Cli) -> None:
    first = cli("index", "--content", FIXTURE)
    rebuilt = cli("index", "--rebuild", "--content", FIXTURE)
    assert rebuilt.code == 0
    assert rebuilt.out.startswith("index built: 7 entries at ")
    old = dict(line.split(":", 1) for line in first.out.splitlines())["location"].strip()
    new = rebuilt.out.rsplit(" at ", 1)[1].strip()
    assert new != old
    assert Path(new).is_dir() and not Path(old).exists()


# -- dispatch, version, errors ---------------------------------------------------------------


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"aseantui {__version__}"


def test_help_lists_the_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("search", "show", "list", "check", "index"):
        assert command in result.out


def test_usage_error_exits_2(cli: Cli) -> None:
    assert cli("search", "x", "--lang", "fr").code == 2
    assert cli("search", "x", "--category", "sports", "--content", FIXTURE).code == 2
    assert cli("show").code == 2
    for limit in ("0", "-3", "501", "many"):
        assert cli("search", "x", "--limit", limit, "--content", FIXTURE).code == 2


def test_search_total_is_every_match_whatever_the_limit(cli: Cli) -> None:
    totals = set()
    for limit in ("1", "2", "5", "500"):
        data = json.loads(cli("search", "secretariat", "--content", FIXTURE, "--json",
                              "--limit", limit).out)
        assert len(data["hits"]) == min(int(limit), data["total"])
        totals.add(data["total"])
    assert len(totals) == 1 and totals.pop() > 2


def test_a_query_starting_with_dashes_is_searchable_after_double_dash(
    cli: Cli, corpus_dir: Path
) -> None:
    (corpus_dir / "en" / "headquarters.md").write_text(
        (corpus_dir / "en" / "headquarters.md").read_text(encoding="utf-8")
        + "\nRun the tool with --force.\n", encoding="utf-8")
    result = cli("--content", corpus_dir, "search", "--json", "--", "--force")
    assert result.code == 0, result
    assert [h["id"] for h in json.loads(result.out)["hits"]] == ["headquarters"]


@pytest.mark.parametrize("name", ["Sejarah", "HISTORY", "history"])
def test_category_by_the_name_shown_for_it(cli: Cli, name: str) -> None:
    flag = json.loads(cli("search", "secretariat", "--category", name, "--content", FIXTURE,
                          "--json").out)
    query = json.loads(cli("search", f"secretariat category:{name}", "--content", FIXTURE,
                           "--json").out)
    assert flag["hits"] and {h["category"] for h in flag["hits"]} == {"history"}
    assert [h["id"] for h in query["hits"]] == [h["id"] for h in flag["hits"]]


def test_show_text_numbers_the_citations_and_lists_the_sources(cli: Cli) -> None:
    out = cli("show", "founding", "--content", FIXTURE, "--format", "text").out
    assert "[@" not in out and "[1, 2]" in out
    assert " 1 The Charter of the Association (The Association, 2007)" in out


def test_content_from_the_environment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASEANTUI_CONTENT", str(FIXTURE))
    result = cli("list", "--json")
    assert len(json.loads(result.out)) == 7


def test_content_option_before_the_command(cli: Cli) -> None:
    result = cli("--content", FIXTURE, "list", "--json")
    assert result.code == 0
    assert len(json.loads(result.out)) == 7
    result = cli("--lang", "id", "--content", FIXTURE, "search", "jakarta", "--json")
    assert json.loads(result.out)["hits"][0]["lang"] == "id"


def test_missing_content_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("search", "x", "--content", tmp_path / "missing")
    assert result.code == 1
    assert "content folder not found" in result.err


def test_the_app_is_not_started_for_commands(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import aseantui.tui

    def refuse(**_: object) -> int:
        raise AssertionError("the TUI was started")

    monkeypatch.setattr(aseantui.tui, "run_app", refuse)
    assert cli("check", "--content", FIXTURE).code == 0
    assert cli("--content", FIXTURE, "check").code == 0
