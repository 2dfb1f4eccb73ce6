"""A bare app that shows one Markdown file, for trying the long-document view.

    python -m aseantui.tui.longdoc.demo FILE [--old]

`--old` shows the file with Textual's Markdown widget instead (as the reader
does for short articles). Used by the Ctrl+Q test and the benchmark.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from aseantui.content.parse import markdown_parser
from aseantui.tui.widgets.long_markdown import LongMarkdown


class DemoApp(App[None]):
    """One document, in the long view or (old=True) in Textual's Markdown."""

    def __init__(self, markdown: str, *, old: bool = False) -> None:
        super().__init__()
        self.markdown = markdown
        self.old = old

    def compose(self) -> ComposeResult:
        if self.old:
            with VerticalScroll(id="scroll"):
                yield Markdown(self.markdown, parser_factory=markdown_parser, open_links=False)
        else:
            yield LongMarkdown(self.markdown, id="article")

    def on_mount(self) -> None:
        self.query_one("#scroll" if self.old else "#article").focus()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m aseantui.tui.longdoc.demo FILE [--old]", file=sys.stderr)
        return 2
    text = Path(args[0]).read_text(encoding="utf-8", errors="replace")
    DemoApp(text, old="--old" in args).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
