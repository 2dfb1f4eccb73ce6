"""Opening long articles: Textual's Markdown (*old*) against LongMarkdown (*new*).

Each case is `bench/articles.py` in a fresh process (see there for what is
timed): first screen, PageDown steps while the rest is laid out and, for
LongMarkdown, once it is complete. The reader uses LongMarkdown from 8,000
characters; code from before LongMarkdown has only the old widget, which is
then what the budgets judge (measured to 172 KB even with `--quick`).
"""

from __future__ import annotations

import json
from typing import Any

from bench.common import BENCH, median, run_child
from bench.sections import Budget, get

SIZES = (8_000, 28_000, 94_000, 172_000, 2_000_000)
QUICK_SIZES = (28_000, 94_000, 172_000, 2_000_000)
OLD_LIMIT = 200_000
"""Textual's Markdown is not measured above this: 666 KB took 145 s (issue 13)."""
QUICK_OLD_LIMIT = 30_000


def one(bench: Any, size: int, widget: str, steps: int, number: int) -> dict[str, Any] | None:
    """One case in a fresh process; None when the code has no such widget."""
    bench.say(f"articles: {size // 1000} KB, {widget} widget, run {number + 1}")
    bench.quiet(f"articles {size} {widget} {number + 1}")
    child = run_child([str(BENCH / "articles.py"), json.dumps(
        {"size": size, "widget": widget, "steps": steps})], bench.env(bench.fresh("c")),
        timeout=900)
    answers = [line for line in child.lines if line.startswith("{")]
    if child.returncode != 0 or not answers:
        if "long_markdown" in child.stderr and "ModuleNotFoundError" in child.stderr:
            return None
        raise RuntimeError(f"articles {size} {widget} failed:\n{child.stderr}")
    result: dict[str, Any] = json.loads(answers[-1])
    return result


def measure(bench: Any) -> None:
    """Every size with both widgets (the old one up to its limit), `repeats` processes each."""
    quick = bench.plan.mode == "quick"
    repeats, steps = (1, 3) if quick else (3, 10)
    figures: dict[str, Any] = {}
    missing: set[str] = set()
    for size in QUICK_SIZES if quick else SIZES:
        for widget in ("new", "old"):
            # Without LongMarkdown the old widget is the reader's: measure it to OLD_LIMIT.
            if widget == "old" and size > (QUICK_OLD_LIMIT if quick and "new" not in missing
                                           else OLD_LIMIT):
                continue
            runs = []
            for number in range(repeats):
                found = None if widget in missing else one(bench, size, widget, steps, number)
                if found is None:
                    missing.add(widget)
                    break
                runs.append(found)
            if not runs:
                continue
            entry = {
                "chars": runs[0]["chars"],
                "first_screen_ms": round(median([r["first_screen_s"] for r in runs]) * 1000, 1),
                "pagedown_p50_ms": round(median([r["pagedown"]["p50_ms"] for r in runs]), 1),
                "pagedown_max_ms": round(max(r["pagedown"]["max_ms"] for r in runs), 1),
            }
            if widget == "new":
                entry["complete_s"] = round(median([r["complete_s"] for r in runs]), 2)
                entry["pagedown_complete_max_ms"] = round(
                    max(r["pagedown_complete"]["max_ms"] for r in runs), 1)
            figures.setdefault(str(size), {})[widget] = entry
    if missing:
        figures["missing"] = sorted(missing)
    bench.results["articles"] = figures


def _sizes(figures: dict[str, Any]) -> dict[str, Any]:
    return {size: both for size, both in figures.items() if size.isdigit()}


def label(size: str) -> str:
    return f"{int(size) // 1000} KB" if int(size) < 1_000_000 else f"{int(size) / 1e6:.0f} MB"


def worst_step(entry: dict[str, Any]) -> float:
    return float(max(entry["pagedown_max_ms"], entry.get("pagedown_complete_max_ms", 0.0)))


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for size, both in _sizes(get(report, "figures", "articles") or {}).items():
        old, new = both.get("old"), both.get("new")
        parts = [f"Markdown {old['first_screen_ms']:.0f} ms" if old
                 else "Markdown not measured (minutes)"]
        if new:
            parts.append(f"**LongMarkdown {new['first_screen_ms']:.0f} ms** (all laid out in "
                         f"{new['complete_s']:.2f} s)")
        out.append((f"open a {label(size)} article → first screen", "; ".join(parts),
                    "<= 150 ms"))
        parts = [f"Markdown p50 {old['pagedown_p50_ms']:.0f} / max {old['pagedown_max_ms']:.0f} "
                 "ms" if old else "Markdown not measured"]
        if new:
            parts.append(f"**LongMarkdown max {worst_step(new):.0f} ms** (p50 "
                         f"{new['pagedown_p50_ms']:.0f} ms while laying out)")
        out.append((f"&nbsp;&nbsp;PageDown step, {label(size)}", "; ".join(parts), "<= 50 ms"))
    return out


def reader_widget(both: dict[str, Any]) -> dict[str, Any] | None:
    """The figures of the widget the reader uses: LongMarkdown where the code has it."""
    return both.get("new") or both.get("old")


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    """The issue 14 budgets, on the reader's widget, the worst size measured."""
    sizes = _sizes(figures.get("articles") or {})
    used = [(size, w) for size, both in sizes.items() if (w := reader_widget(both))]
    first = max((w["first_screen_ms"] for _, w in used), default=None)
    step = max((worst_step(w) for _, w in used), default=None)
    largest = label(max(sizes, key=int)) if sizes else ""
    note = f"sizes to {largest}" if largest else ""
    return [Budget(14, "open an article → first screen, any size to 2 MB", first, "<=", 150,
                   "ms", note),
            Budget(14, "scrolling an article: PageDown step, any size to 2 MB", step, "<=", 50,
                   "ms", note)]
