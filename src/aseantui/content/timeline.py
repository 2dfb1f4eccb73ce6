"""Render timeline.yaml into the event table of each language's timeline.md.

    python -m aseantui.content.timeline CONTENT_DIR          # rewrite the tables
    python -m aseantui.content.timeline CONTENT_DIR --check  # exit 1 if out of date

Only the text between the `<!-- timeline:begin -->` and `<!-- timeline:end -->`
markers is generated; the rest of each timeline.md is written by hand.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from aseantui.content.load import Corpus, load_corpus
from aseantui.content.model import TimelineEvent
from aseantui.content.parse import MAX_BYTES
from aseantui.fsutil import read_text

BEGIN = "<!-- timeline:begin -->"
END = "<!-- timeline:end -->"
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
}
HEADERS = {"en": ("Date", "Event"), "id": ("Tanggal", "Peristiwa")}


def format_date(date: str, lang: str) -> str:
    """'1976-02-24' -> '24 February 1976'; '1992-01' -> 'January 1992'; '1967' -> '1967'."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[lang][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render_table(corpus: Corpus, events: Sequence[TimelineEvent], lang: str, page: str) -> str:
    """The Markdown event table for the timeline article at `page` (relative path)."""
    date_header, event_header = HEADERS[lang]
    lines = [f"| {date_header} | {event_header} |", "|---|---|"]
    folder = posixpath.dirname(page)
    for event in events:
        text = event.text.get(lang) or next(iter(event.text.values()))
        article = corpus.get(event.entry, lang)
        cell = _cell(text)
        if article is not None:
            href = posixpath.relpath(article.relpath, folder or ".")
            cell += f" ([{_cell(article.title)}]({href}))"
        if event.sources:
            cell += " [" + "; ".join(f"@{s}" for s in event.sources) + "]"
        lines.append(f"| {format_date(event.date, lang)} | {cell} |")
    return "\n".join(lines)


def updated_text(text: str, table: str) -> str | None:
    """`text` with the table between the markers replaced, or None without markers."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return f"{text[: start + len(BEGIN)]}\n{table}\n{text[end:]}"


def with_sources(text: str, needed: Sequence[str]) -> str:
    """`text` whose front-matter `sources:` list also names every id in `needed`."""
    lines = text.split("\n")
    try:
        end = lines.index("---", 1)
    except ValueError:
        return text
    for number in range(1, end):
        if lines[number].startswith("sources:"):
            block = number + 1
            while block < end and lines[block].lstrip().startswith("- "):
                block += 1
            current = yaml.safe_load("\n".join(lines[number:block])).get("sources") or []
            merged = list(dict.fromkeys([*map(str, current), *needed]))
            lines[number:block] = [f"sources: [{', '.join(merged)}]"]
            return "\n".join(lines)
    return text


def sync(root: Path, *, check: bool = False) -> list[str]:
    """Rewrite (or, with `check`, compare) every timeline article; returns the stale ones."""
    corpus = load_corpus(root)
    stale = []
    for article in corpus.articles.values():
        if article.category != "timeline":
            continue
        text = read_text(article.path, MAX_BYTES)  # bounded, as every read (fsutil)
        new = updated_text(text, render_table(corpus, corpus.timeline, article.lang,
                                              article.relpath))
        if new is None:
            continue
        cited = [s for event in corpus.timeline for s in event.sources if s in corpus.sources]
        new = with_sources(new, cited)
        if new == text:
            continue
        stale.append(article.relpath)
        if not check:
            article.path.write_text(new, encoding="utf-8")
    return sorted(stale)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aseantui.content.timeline")
    parser.add_argument("content", type=Path)
    parser.add_argument("--check", action="store_true", help="only report stale tables")
    args = parser.parse_args(argv)
    stale = sync(args.content, check=args.check)
    for relpath in stale:
        print(f"{'out of date' if args.check else 'updated'}: {relpath}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
