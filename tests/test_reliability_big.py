"""Big but legal documents, core side: `check` and loading stay linear and bounded.

A 2 MB run of `![` took `check` 64 s (markdown-it-py scans from every unclosed
bracket to the end of the paragraph), and 20,000 headings each linked to
made the link check quadratic. Markup so dense that even a linear parse is
slow is kept as plain text (content/mdbounds.py). No timing assertions: each
document must finish within a generous subprocess timeout, and the bounds are
checked by what they do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aseantui.content import mdbounds
from aseantui.content.load import load_corpus
from aseantui.content.mdbounds import MAX_MARKUP, bound_markdown, escape_unclosed_brackets
from aseantui.content.parse import markdown_parser
from conftest import FIXTURE, SHIPPED

FRONT = ("---\nid: {id}\nlang: en\ntitle: {title}\ncategory: general\nsummary: A summary.\n"
         "aliases: []\nsources: []\n---\n\n")


def article(root: Path, entry: str, title: str, body: str) -> None:
    (root / "en").mkdir(parents=True, exist_ok=True)
    (root / "en" / f"{entry}.md").write_text(FRONT.format(id=entry, title=title) + body,
                                             encoding="utf-8")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="[]!`a (x)\n\\*<>~#-:1.&;\t", max_size=100))
def test_escaped_brackets_render_exactly_as_before(text: str) -> None:
    """Escaping is done only where it changes nothing a reader sees (budget set to 0)."""
    original = mdbounds.SCAN_BUDGET
    mdbounds.SCAN_BUDGET = 0
    try:
        escaped = escape_unclosed_brackets(text)
    finally:
        mdbounds.SCAN_BUDGET = original
    assert markdown_parser().render(escaped) == markdown_parser().render(text)


@pytest.mark.parametrize("folder", [SHIPPED, FIXTURE], ids=["shipped", "fixture"])
def test_ordinary_articles_are_parsed_exactly_as_written(folder: Path) -> None:
    articles = sorted(folder.rglob("*.md"))
    assert articles
    for path in articles:
        text = path.read_text(encoding="utf-8")
        assert bound_markdown(text)[0] == text, path


def test_twenty_thousand_headings_are_parsed_as_markdown() -> None:
    body = "".join(f"## Heading {n}\n\nSee [it](#heading-{n}).\n\n" for n in range(20_000))
    assert mdbounds.markup_units(body) <= MAX_MARKUP


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aseantui", "check", "--content", str(root)],
                          capture_output=True, text=True, timeout=240)


def test_pathological_documents_are_checked_and_loaded(tmp_path: Path) -> None:
    root = tmp_path / "content"
    article(root, "brackets", "Brackets", "![" * 999_000)  # 2 MB with the front matter
    article(root, "long-line", "Long line", "word " * 380_000 + "needle\n")
    article(root, "headings", "Headings", "".join(
        f"## Heading {n}\n\nSee [it](#heading-{n}).\n\n" for n in range(20_000)))
    article(root, "unclosed", "Unclosed", "Text ![" + "![a" * 40_000 + "\n")
    article(root, "nested", "Nested", "[" * 60_000 + "]" * 60_000 + "\n")
    article(root, "list", "List", "- item\n" * 200_000)
    run = run_check(root)  # a generous timeout: minutes each before the bounds
    assert "Traceback" not in run.stderr
    assert "7 skipped" not in run.stderr and " 0 skipped" in run.stderr
    shown_plain = [line for line in run.stdout.splitlines() if "shown as plain text" in line]
    assert sorted(Path(line.split(":")[0]).stem for line in shown_plain) == ["brackets", "list"]
    corpus = load_corpus(root)
    assert len(corpus.articles) == 6
    headings = corpus.articles[("headings", "en")]
    assert len(headings.headings) == 20_000
    assert not [p for p in corpus.problems if "broken link" in p.message]
    assert "needle" in corpus.articles[("long-line", "en")].text
    assert corpus.articles[("brackets", "en")].text.startswith("![![")  # kept, verbatim
