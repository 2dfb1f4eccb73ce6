"""The event tables in timeline.md are generated from timeline.yaml and kept in sync."""

from __future__ import annotations

import shutil
from pathlib import Path

from aseantui.content.load import load_corpus
from aseantui.content.timeline import format_date, main, sync, updated_text, with_sources

SHIPPED = Path(__file__).resolve().parents[1] / "content"


def test_dates_are_spelled_out_in_each_language() -> None:
    assert format_date("1976-02-24", "en") == "24 February 1976"
    assert format_date("1976-02-24", "id") == "24 Februari 1976"
    assert format_date("2021-08", "id") == "Agustus 2021"
    assert format_date("1967", "en") == "1967"


def test_only_the_text_between_the_markers_is_replaced() -> None:
    text = "intro\n<!-- timeline:begin -->\nold\n<!-- timeline:end -->\noutro\n"
    assert updated_text(text, "new") == (
        "intro\n<!-- timeline:begin -->\nnew\n<!-- timeline:end -->\noutro\n"
    )
    assert updated_text("no markers here", "new") is None


def test_cited_sources_are_added_to_the_front_matter() -> None:
    text = "---\nid: t\nsources:\n  - facts\n  - tugasin\nrelated: []\n---\nbody"
    assert with_sources(text, ["tugasin", "asean-charter"]) == (
        "---\nid: t\nsources: [facts, tugasin, asean-charter]\nrelated: []\n---\nbody"
    )


def test_shipped_timeline_tables_are_up_to_date() -> None:
    assert sync(SHIPPED, check=True) == [], (
        "run: python -m aseantui.content.timeline content/"
    )


def test_sync_rewrites_a_stale_table_and_check_reports_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SHIPPED, content)
    page = content / "en" / "timeline.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("<!-- timeline:begin -->")
    end = text.index("<!-- timeline:end -->")
    page.write_text(text[:start] + "<!-- timeline:begin -->\n" + text[end:], encoding="utf-8")
    assert main([str(content), "--check"]) == 1
    assert main([str(content)]) == 0
    assert main([str(content), "--check"]) == 0
    corpus = load_corpus(content)
    article = corpus.get("timeline", "en")
    assert article is not None
    years = {event.date[:4] for event in corpus.timeline}
    assert years and all(year in article.text for year in years)
    assert not [p for p in corpus.problems if "timeline" in p.path]
