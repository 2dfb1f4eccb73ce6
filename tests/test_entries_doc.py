"""docs/ENTRIES.md lists every shipped entry with both of its titles."""

from __future__ import annotations

from pathlib import Path

from aseantui.content.load import load_corpus

ROOT = Path(__file__).resolve().parents[1]


def test_every_entry_is_listed_with_both_titles() -> None:
    listed = {}
    for line in (ROOT / "docs" / "ENTRIES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("id (file name)", "---"):
            listed[cells[0]] = (cells[1], cells[2], cells[3])
    corpus = load_corpus(ROOT / "content")
    shipped = {}
    for article in corpus.articles.values():
        category, en, id_ = shipped.get(article.id, (article.category, "", ""))
        if article.lang == "en":
            en = article.title
        else:
            id_ = article.title
        shipped[article.id] = (category, en, id_)
    assert listed == shipped
