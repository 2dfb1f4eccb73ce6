"""Start-up, headless: the app against a bare Textual app, each in a new process.

`bench/launch.py` runs each app headless and says when it is *usable* (the
first refresh after the home screen is mounted, the search box focused) and
*ready* (the library handed to the home screen; the baseline: usable). The
three kinds alternate in rounds after warm-up runs: the baseline, *warm*
(the index already in the cache) and *cold* (an empty cache: a first launch).
"""

from __future__ import annotations

import json
from typing import Any

from bench.common import median
from bench.sections import Budget, get

KINDS = ("baseline", "warm", "cold")


def measure(bench: Any) -> None:
    bench.say("start-up: warming up (and building the warm index)")
    bench.launch("baseline", bench.env(bench.fresh("cache")))
    bench.launch("app", bench.env(bench.warm_cache))  # builds the index of the warm runs
    bench.launch("app", bench.env(bench.warm_cache))
    runs: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    rounds = bench.plan.startup_rounds
    for number in range(rounds):
        bench.say(f"start-up: round {number + 1}/{rounds}")
        bench.quiet(f"start-up round {number + 1}")
        runs["baseline"].append(bench.launch("baseline", bench.env(bench.fresh("cache"))))
        runs["warm"].append(bench.launch("app", bench.env(bench.warm_cache)))
        runs["cold"].append(bench.launch("app", bench.env(bench.fresh("cache"))))
    figures: dict[str, Any] = {}
    for kind, children in runs.items():
        ready = [c.ready_s for c in children]
        usable = [c.marks.get("usable", c.ready_s) for c in children]
        figures[kind] = {
            "median_s": round(median(ready), 4),
            "usable_s": round(median(usable), 4),
            "min_s": round(min(ready), 4),
            "max_s": round(max(ready), 4),
            "runs_s": [round(r, 4) for r in ready],
            "usable_runs_s": [round(u, 4) for u in usable],
            "unfocused": sum("unfocused" in c.marks for c in children),
            "maxrss_mb": round(median([c.maxrss_mb for c in children]), 1),
            "cpu_s": round(median([c.cpu_s for c in children]), 4),
            "phases_s": phases(children),
        }
    base = figures["baseline"]["usable_s"]
    figures["warm_usable_ratio"] = round(figures["warm"]["usable_s"] / base, 3)
    figures["cold_usable_ratio"] = round(figures["cold"]["usable_s"] / base, 3)
    # CPU time of the whole process (it exits once ready): a check on the wall-time
    # ratios when other work shares the machine.
    figures["warm_cpu_ratio"] = round(figures["warm"]["cpu_s"] / figures["baseline"]["cpu_s"], 3)
    base = figures["baseline"]["median_s"]
    figures["warm_ratio"] = round(figures["warm"]["median_s"] / base, 3)
    figures["cold_ratio"] = round(figures["cold"]["median_s"] / base, 3)
    bench.results["startup"] = figures


def phases(children: list[Any]) -> dict[str, float]:
    """Median time (s since the process was started) at which each start-up phase ended."""
    seen: dict[str, list[float]] = {}
    for child in children:
        for line in child.lines:
            if line.startswith("phases "):
                for name, at in json.loads(line.split(" ", 1)[1]).items():
                    seen.setdefault(name, []).append(at)
    ordered = sorted(seen.items(), key=lambda kv: median(kv[1]))
    return {name: round(median(values), 4) for name, values in ordered}


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    s = get(report, "figures", "startup")
    if not s:
        return []
    out = [("start-up headless, baseline Textual app: usable (median)",
            f"{s['baseline']['usable_s'] * 1000:.0f} ms", "")]
    for kind, label in (("warm", "warm (index built)"), ("cold", "cold (first launch)")):
        usable = s[kind].get("usable_s", s[kind]["median_s"])
        ratio = s.get(f"{kind}_usable_ratio", s[f"{kind}_ratio"])
        out.append((f"start-up headless, {label}: usable", f"{usable * 1000:.0f} ms = "
                    f"**{ratio:.2f}x** baseline", "<= 1.25x" if kind == "warm" else ""))
        out.append((f"start-up headless, {label}: library ready",
                    f"{s[kind]['median_s'] * 1000:.0f} ms = {s[f'{kind}_ratio']:.2f}x baseline",
                    "<= 1.8x (issue 5)" if kind == "cold" else ""))
    for kind in KINDS:
        found = s[kind].get("phases_s") or {}
        if found:
            out.append((f"&nbsp;&nbsp;{kind}: phase ends (ms after process start)",
                        ", ".join(f"{k} {v * 1000:.0f}" for k, v in found.items()), ""))
    if "warm_cpu_ratio" in s:
        out.append(("start-up headless: CPU time of the whole process, baseline / warm",
                    f"{s['baseline']['cpu_s'] * 1000:.0f} / {s['warm']['cpu_s'] * 1000:.0f} ms "
                    f"= {s['warm_cpu_ratio']:.2f}x (steadier than wall time on a busy machine)",
                    ""))
    out.append(("peak RSS at ready: baseline / warm app",
                f"{s['baseline']['maxrss_mb']:.0f} MB / {s['warm']['maxrss_mb']:.0f} MB", ""))
    return out


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    s = figures.get("startup") or {}
    return [
        Budget(14, "warm start to a usable screen / baseline, headless",
               s.get("warm_usable_ratio"), "<=", 1.25, "x"),
        Budget(5, "cold start-up (library ready) / baseline, headless",
               s.get("cold_ratio"), "<=", 1.8, "x"),
    ]
