"""Peak memory: the app started, four searches typed, then exit (`bench/launch.py --search`).

With the shipped content here; with the largest synthetic corpus from the
index section's loop (`run`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.common import median
from bench.sections import Budget, get

QUERIES = ("sekjen", "headquarters of the asean secretariat", "orgnization structure",
           "kebayoran ba")


def run(bench: Any, name: str, cache: Path, content: Path | None = None) -> None:
    if content is None:
        bench.ensure_warm_index()
    children = []
    for number in range(bench.plan.memory_runs):
        bench.say(f"memory: {name}, run {number + 1}")
        bench.quiet(f"memory {name} run {number + 1}")
        children.append(bench.launch("app", bench.env(cache, content), QUERIES))
    searched = [line for line in children[-1].lines if line.startswith("searched ")]
    bench.results.setdefault("memory", {})[name] = {
        "peak_rss_mb": round(median([c.maxrss_mb for c in children]), 1),
        "runs_mb": [round(c.maxrss_mb, 1) for c in children],
        "ready_s": round(median([c.ready_s for c in children]), 3),
        "searches": json.loads(searched[-1].split(" ", 1)[1]) if searched else {},
    }


def measure(bench: Any) -> None:
    run(bench, "shipped", bench.warm_cache)


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f"peak RSS, app with {name.replace('_', ' ')} content",
             f"**{mem['peak_rss_mb']:.0f} MB** (ready in {mem['ready_s']:.2f} s)",
             "< 150 MB (issue 5)" if name == "shipped" else "")
            for name, mem in (get(report, "figures", "memory") or {}).items()]


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    return [Budget(5, "peak RSS, shipped content",
                   get(figures, "memory", "shipped", "peak_rss_mb"), "<", 150, "MB")]
