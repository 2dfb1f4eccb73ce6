"""Opening long articles: Textual's Markdown (the reader today) against LongMarkdown.

    python bench/articles.py '{"size": 94000, "widget": "old", "steps": 5}'   # one measurement

Run by bench/run.py (`--only articles`, bench/sections/articles.py), each
measurement in a fresh process.
The articles are made of the shipped articles' bodies repeated up to the
size (headings, lists, tables, entry links and citation links as the reader
shows them). Figures, all under Pilot at 100x40:

* *first screen*: from the start of `update(text)` until the screen has been
  refreshed after it (Textual's Markdown: `await update()`, which mounts every
  block; LongMarkdown: the first piece is laid out inside `update`);
* *PageDown step*: `scroll_page_down(animate=False)` until the next refresh,
  right after opening (for LongMarkdown, as soon as there are enough lines to
  page through, while the rest is still being laid out) and, for
  LongMarkdown, again once the layout is complete;
* *whole document laid out* (LongMarkdown only).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, summary_ms  # noqa: E402

SIZES = (8_000, 28_000, 94_000, 172_000, 2_000_000)
OLD_LIMIT = 200_000
"""Textual's Markdown is not measured above this: 666 KB took 145 s (issue 13)."""
_CITATION = re.compile(r"\[@([\w.-]+)(?:;\s*@[\w.-]+)*\]")


def article(size: int) -> str:
    """About `size` characters of realistic Markdown, cut at a block end."""
    bodies = []
    for path in sorted((ROOT / "content" / "en").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        bodies.append(_CITATION.sub(lambda m: f"[[{m.group(1)}]](cite:{m.group(1)})", body))
    whole = "\n\n".join(bodies)
    text = "# A long article\n\n"
    while len(text) < size:
        text += whole
    return text[: text.rfind("\n\n", 0, size)] + "\n"


# -- one measurement, in a fresh process --------------------------------------------------------
async def _measure(opts: dict[str, Any]) -> dict[str, Any]:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    from aseantui.content.parse import markdown_parser

    old = opts["widget"] == "old"
    if not old:  # code from before LongMarkdown has only the old widget
        from aseantui.tui.widgets.long_markdown import LongMarkdown

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            if old:
                with VerticalScroll():
                    yield Markdown(parser_factory=markdown_parser, open_links=False)
            else:
                yield LongMarkdown()

    text = article(int(opts["size"]))
    app = Bare()
    result: dict[str, Any] = {"widget": opts["widget"], "chars": len(text)}
    async with app.run_test(headless=True, size=(100, 40)) as pilot:
        await pilot.pause()

        async def refreshed() -> None:
            done = asyncio.Event()
            app.screen.call_after_refresh(done.set)
            await done.wait()

        async def steps(scroller: Any, count: int) -> list[float]:
            times = []
            for _ in range(count):
                start = time.perf_counter()
                scroller.scroll_page_down(animate=False)
                await refreshed()
                times.append(time.perf_counter() - start)
            return times

        start = time.perf_counter()
        if old:
            await app.query_one(Markdown).update(text)
        else:
            app.query_one(LongMarkdown).update(text)
        await refreshed()
        result["first_screen_s"] = time.perf_counter() - start
        scroller: Any = app.query_one(VerticalScroll) if old else app.query_one(LongMarkdown)
        if not old:  # wait for enough lines to page through (the rest is still being laid out)
            view = app.query_one(LongMarkdown)
            while view.virtual_size.height < 40 * (int(opts["steps"]) + 2) and not view.complete:
                await asyncio.sleep(0.005)
        result["pagedown"] = summary_ms(await steps(scroller, int(opts["steps"])))
        if not old:
            view = app.query_one(LongMarkdown)
            while not view.complete:
                await asyncio.sleep(0.01)
            result["complete_s"] = time.perf_counter() - start
            result["pagedown_complete"] = summary_ms(await steps(scroller, int(opts["steps"])))
            result["lines"] = view.virtual_size.height
    return result


def _answer(data: dict[str, Any]) -> None:
    line = (json.dumps(data) + "\n").encode()
    fd = int(os.environ.get("BENCH_READY_FD", "-1"))
    os.write(fd if fd >= 0 else 1, line)


if __name__ == "__main__":
    import asyncio

    _answer(asyncio.run(_measure(json.loads(sys.argv[1]))))
