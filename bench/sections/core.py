"""Core query latency: `Library.search` in a fresh process (`bench/worker.py core`).

The 54 queries of `bench/queries.tsv` (realistic, prefix and typo), several
passes, on the shipped content (limit 10 and 30) and on each synthetic
corpus of the `index` section (bench/sections/index.py writes them and calls
`run` here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.common import run_worker
from bench.sections import Budget, get


def run(bench: Any, name: str, content: Path, cache: Path, *, typed: bool,
        limits: tuple[int, ...] = (10,)) -> None:
    for limit in limits:
        bench.say(f"core queries: {name}, limit {limit}")
        bench.quiet(f"core {name} limit {limit}")
        result = run_worker("core", {
            "content": str(content), "cache": str(cache), "queries": bench.queries,
            "repeats": bench.plan.core_repeats, "limit": limit,
            "typed": typed and limit == limits[0],
        }, bench.env(cache))
        key = name if limit == limits[0] else f"{name}_limit{limit}"
        bench.results.setdefault("core", {})[key] = result


def measure(bench: Any) -> None:
    """The shipped content; the synthetic sizes run from the index section's loop."""
    bench.ensure_warm_index()
    run(bench, "shipped", bench.shipped, bench.warm_cache, typed=True, limits=(10, 30))


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    largest = f"synthetic_{max(report['plan']['sizes'])}" if report["plan"]["sizes"] else ""
    for name, c in (get(report, "figures", "core") or {}).items():
        budget = "p95 <= 5 ms (issue 5)" if name == "shipped" else (
            "p95 <= 25 ms" if name == largest else "")
        label = name.replace("synthetic_", "synthetic ").replace("_limit", ", limit ")
        out.append((f"core query, {label} ({c['entries']} entries, limit {c['limit']})",
                    f"p50 {c['all']['p50_ms']:.1f} ms, **p95 {c['all']['p95_ms']:.1f} ms**, "
                    f"max {c['all']['max_ms']:.1f} ms", budget))
        kinds = ", ".join(f"{kind} {v['p95_ms']:.1f}" for kind, v in c["by_kind"].items())
        out.append(("&nbsp;&nbsp;p95 by kind; first pass; first search",
                    f"{kinds} ms; first pass {c['first_pass']['p95_ms']:.1f} ms; "
                    f"first search {c['first_search_ms']:.0f} ms", ""))
        if c.get("unmemoised"):
            u = c["unmemoised"]
            out.append(("&nbsp;&nbsp;expansion memo emptied before each search",
                        f"p50 {u['p50_ms']:.1f} ms, p95 {u['p95_ms']:.1f} ms, "
                        f"max {u['max_ms']:.1f} ms", ""))
        if "typed" in c:
            t = c["typed"]
            out.append(("&nbsp;&nbsp;every prefix as typed", f"p50 {t['p50_ms']:.1f} ms, "
                        f"p95 {t['p95_ms']:.1f} ms, max {t['max_ms']:.1f} ms", ""))
    return out


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    largest = max(plan.sizes) if plan.sizes else 0
    note = "" if largest >= 10_000 else f"at {largest} entries (scaled down)"
    return [
        Budget(14, "core query p95 at 10,000 synthetic entries",
               get(figures, "core", f"synthetic_{largest}", "all", "p95_ms"), "<=", 25, "ms",
               note),
        Budget(5, "core query p95, shipped content",
               get(figures, "core", "shipped", "all", "p95_ms"), "<=", 5, "ms"),
    ]
