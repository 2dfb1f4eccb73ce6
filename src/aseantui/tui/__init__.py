"""The Textual app (the only part of aseantui that imports Textual)."""

from __future__ import annotations


def run_app(content: str | None = None, entry: str | None = None, lang: str | None = None) -> int:
    from aseantui.tui.app import make_app

    app = make_app(content=content, entry=entry, lang=lang)
    app.run()
    return int(app.return_code or 0)
