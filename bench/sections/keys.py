"""Keystroke to results, in the app under Pilot (`bench/worker.py keys`).

The shipped content with a warm index: every query of `bench/queries.tsv`
typed character by character. Per key: *updated* (results for exactly that
text in the list), *painted* (the next screen refresh after that) and, where
the worker reports it, *shown* (the character painted in the search box).
The same worker on the large folder is in the `large` section.
"""

from __future__ import annotations

from typing import Any

from bench.common import median, run_worker
from bench.sections import Budget, get

MEASURES = ("shown", "updated", "updated_after_first", "painted", "painted_with_card")


def type_queries(bench: Any, queries: list[list[str]], runs: int, env: dict[str, str],
                 content: str, label: str) -> dict[str, Any]:
    """Type `queries` in `runs` fresh app processes; medians over the runs of each statistic."""
    done = []
    for number in range(runs):
        bench.say(f"keystrokes{label}: run {number + 1}/{runs} "
                  f"({sum(len(q[2]) for q in queries)} keys)")
        bench.quiet(f"keystrokes{label} run {number + 1}")
        done.append(run_worker("keys", {"data": env["ASEANTUI_DATA_DIR"], "content": content,
                                        "queries": queries}, env, timeout=7200))
    figures: dict[str, Any] = {
        "queries": len(queries),
        "keys_per_run": done[0]["keys"],
        "runs": len(done),
        "timeouts": sum(r["timeouts"] for r in done),
        "ready_s": round(median([r["ready_s"] for r in done]), 3),
        "keys_with_card": done[0].get("keys_with_card"),
    }
    for measure in MEASURES:
        if all(isinstance(r.get(measure), dict) for r in done):
            figures[measure] = {
                stat: round(median([r[measure][stat] for r in done]), 3)
                for stat in ("p50_ms", "p95_ms", "max_ms")
            }
    figures["first_key_ms"] = round(median([r["first_key_ms"] for r in done]), 3)
    figures["by_lang_p95_ms"] = {
        lang: round(median([r["by_lang"][lang]["p95_ms"] for r in done]), 3)
        for lang in done[0]["by_lang"]
    }
    figures["slowest"] = done[-1]["slowest"]
    return figures


def measure(bench: Any) -> None:
    from bench.run import sample_queries

    bench.ensure_warm_index()
    queries = sample_queries(bench.queries, bench.plan.key_queries)
    bench.results["keys"] = type_queries(bench, queries, bench.plan.key_runs,
                                         bench.env(bench.warm_cache), str(bench.shipped), "")


def stats(k: dict[str, Any], measure: str) -> str:
    m = k.get(measure)
    if not m:
        return "not measured (the keys worker does not report it)"
    return f"p50 {m['p50_ms']:.1f} ms, **p95 {m['p95_ms']:.1f} ms**, max {m['max_ms']:.0f} ms"


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    k = get(report, "figures", "keys")
    if not k:
        return []
    return [
        (f"shipped: keystroke to results painted ({k['keys_per_run']} keys x {k['runs']})",
         stats(k, "painted"), "p95 <= 40 ms"),
        ("shipped: keystroke to results list updated", stats(k, "updated"),
         "p95 <= 50 ms (issue 5)"),
        ("shipped: keystroke to the character shown in the box", stats(k, "shown"), ""),
        (f"shipped: keystroke to results painted, keys with an answer card "
         f"({k.get('keys_with_card') or 0} of {k['keys_per_run']}; the facts in before typing)",
         stats(k, "painted_with_card"), "p95 <= 40 ms (issues 11, 14)"),
        ("shipped: first keystroke after start-up (updated)", f"{k['first_key_ms']:.0f} ms", ""),
    ]


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    return [
        Budget(14, "keystroke → results painted p95, shipped content",
               get(figures, "keys", "painted", "p95_ms"), "<=", 40, "ms"),
        Budget(5, "keystroke → results list updated p95, shipped content",
               get(figures, "keys", "updated", "p95_ms"), "<=", 50, "ms"),
    ]
