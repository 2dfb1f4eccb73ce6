"""Where the worst LongMarkdown PageDown step goes (issue 14, "scrolling never > 50 ms").

    python bench/experiments/exp_long_steps.py SIZE [STEPS] [--no-freeze]

Opens a SIZE-character article (bench/articles.py's) in LongMarkdown under Pilot at
100x40, pages down STEPS times while it is being laid out and STEPS times once it is
complete, and prints each step's time with the garbage collections that ran inside it
(generation, pause), from `gc.callbacks`. `--no-freeze`: without LongMarkdown's
`gc.freeze` of the laid-out document (as before it had one).
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.articles import article  # noqa: E402

PAUSES: list[tuple[float, int, float]] = []
_started: dict[str, float] = {}


def _watch(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started["t"] = time.perf_counter()
    else:
        now = time.perf_counter()
        PAUSES.append((now, int(info["generation"]), now - _started.get("t", now)))


async def main(size: int, steps: int, freeze: bool) -> dict[str, Any]:
    from textual.app import App, ComposeResult

    from aseantui.tui.widgets.long_markdown import LongMarkdown

    if not freeze:
        LongMarkdown._freeze = lambda self: None  # type: ignore[method-assign]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield LongMarkdown()

    gc.callbacks.append(_watch)
    app = Bare()
    out: dict[str, Any] = {"size": size}
    async with app.run_test(headless=True, size=(100, 40)) as pilot:
        await pilot.pause()

        async def refreshed() -> None:
            done = asyncio.Event()
            app.screen.call_after_refresh(done.set)
            await done.wait()

        async def page(count: int) -> list[dict[str, Any]]:
            rows = []
            for _ in range(count):
                start = time.perf_counter()
                view.scroll_page_down(animate=False)
                await refreshed()
                end = time.perf_counter()
                inside = [(g, round(p * 1000, 1)) for t, g, p in PAUSES if start <= t <= end]
                rows.append({"ms": round((end - start) * 1000, 1), "gc": inside})
                await asyncio.sleep(0.05)  # a reader's pace, not a held key
            return rows

        view = app.query_one(LongMarkdown)
        start = time.perf_counter()
        view.update(article(size))
        await refreshed()
        out["first_screen_ms"] = round((time.perf_counter() - start) * 1000, 1)
        while view.virtual_size.height < 40 * (steps + 2) and not view.complete:
            await asyncio.sleep(0.005)
        out["laying_out"] = await page(steps)
        while not view.complete:
            await asyncio.sleep(0.01)
        out["complete_s"] = round(time.perf_counter() - start, 2)
        out["complete"] = await page(steps)
        out["tracked_objects"] = len(gc.get_objects())
        out["gc_pauses_over_20ms"] = [(g, round(p * 1000)) for _, g, p in PAUSES if p > 0.02]
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    size = int(args[0])
    steps = int(args[1]) if len(args) > 1 else 10
    result = asyncio.run(main(size, steps, "--no-freeze" not in sys.argv))
    print(json.dumps(result))
    steps_ms = [r["ms"] for r in result["laying_out"] + result["complete"]]
    print(f"# first screen {result['first_screen_ms']} ms, steps p50 "
          f"{sorted(steps_ms)[len(steps_ms) // 2]} max {max(steps_ms)} ms, laid out in "
          f"{result['complete_s']} s, full collections over 20 ms: "
          f"{[p for g, p in result['gc_pauses_over_20ms'] if g == 2]}", file=sys.stderr)
