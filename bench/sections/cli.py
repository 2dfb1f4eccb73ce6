"""The command line, whole process: `aseantui --version`; `aseantui search`, shipped content.

Each run is the `aseantui` console script in a new process, as a user types
it; the figure is the wall time from starting the process to its exit
(median of the runs), with its CPU time. `python -c pass` gives the
interpreter's own floor on this machine. The same on the large folder is in
the `large` section.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bench.common import median, run_command
from bench.sections import Budget, get

SEARCHES = ("secretariat", "sekjen", "orgnization structure")


def command() -> list[str]:
    script = Path(sys.executable).parent / "aseantui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "aseantui"]


def timed(bench: Any, label: str, argv: list[str], env: dict[str, str], runs: int,
          ) -> dict[str, Any]:
    """`runs` whole-process runs of `argv`: median wall and CPU time."""
    walls, cpus = [], []
    for number in range(runs):
        bench.quiet(f"{label} run {number + 1}")
        done = run_command(argv, env, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
        walls.append(done.wall_s)
        cpus.append(done.cpu_s)
    return {"median_s": round(median(walls), 4), "min_s": round(min(walls), 4),
            "cpu_s": round(median(cpus), 4), "runs": runs,
            "runs_s": [round(w, 4) for w in walls]}


def measure(bench: Any) -> None:
    runs = bench.plan.cli_runs
    bench.say(f"command line: --version and search, {runs} runs each")
    figures = {
        "python": timed(bench, "python -c pass", [sys.executable, "-c", "pass"],
                        bench.env(bench.fresh("cache")), runs),
        "version": timed(bench, "--version", [*command(), "--version"],
                         bench.env(bench.fresh("cache")), runs),
    }
    bench.ensure_warm_index()
    env = bench.env(bench.warm_cache)
    for query in SEARCHES[:2]:  # warm up: the stems, the memo files
        run_command([*command(), "search", query], env)
    searches = [timed(bench, f"search {q!r}", [*command(), "search", q], env,
                      max(1, runs // len(SEARCHES))) for q in SEARCHES]
    figures["search_shipped"] = {
        "median_s": round(median([w for s in searches for w in s["runs_s"]]), 4),
        "cpu_s": round(median([s["cpu_s"] for s in searches]), 4),
        "queries": list(SEARCHES),
    }
    bench.results["cli"] = figures


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    c = get(report, "figures", "cli")
    if not c:
        return []
    return [
        ("`aseantui --version`, whole process (median)",
         f"**{c['version']['median_s'] * 1000:.0f} ms** (CPU {c['version']['cpu_s'] * 1000:.0f}"
         f" ms; `python -c pass` {c['python']['median_s'] * 1000:.0f} ms)", "<= 80 ms"),
        ("`aseantui search`, shipped content, warm, whole process",
         f"{c['search_shipped']['median_s'] * 1000:.0f} ms (CPU "
         f"{c['search_shipped']['cpu_s'] * 1000:.0f} ms)", ""),
    ]


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    value = get(figures, "cli", "version", "median_s")
    return [Budget(14, "`aseantui --version`, whole process",
                   None if value is None else round(value * 1000, 1), "<=", 80, "ms")]
