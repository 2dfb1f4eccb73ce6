"""The aseantui benchmark: what a reader feels, and the index costs behind it.

    python bench/run.py            # the full run (about 30-40 minutes on 2 cores)
    python bench/run.py --quick    # every figure, smaller sizes and fewer runs (< 2 minutes)

Prints a table and writes bench/results.json (--quick: bench/results-quick.json).
Every measurement runs in a fresh subprocess with its own temporary cache and
data dirs; nothing touches the user's real directories. This file is the
driver (options, plan, budgets, table); each section of measurements is a
module of bench/sections/. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    BENCH,
    ROOT,
    load_average,
    machine,
    median,
    run_child,
    snapshot,
    src_digest,
    use_code,
    wait_for_quiet,
)
from bench.sections import Budget  # noqa: E402

LAUNCH = str(BENCH / "launch.py")
QUERIES_FILE = BENCH / "queries.tsv"


@dataclass
class Plan:
    """How much to measure: the full run or --quick."""

    mode: str
    startup_rounds: int
    terminal_rounds: int
    key_runs: int
    key_queries: int | None  # None: all of them
    core_repeats: int
    sizes: list[int]
    build_repeats: int
    open_repeats: int
    update_repeats: int
    memory_runs: int
    typed_synthetic: bool
    cli_runs: int
    large_pages: int | None  # None: the whole large folder
    large_builds: int
    large_queries: int | None
    quiet_wait: float = 0.0
    """Before each measurement, wait up to this long for other work to stop (0: don't)."""
    sections: set[str] = field(default_factory=set)


FULL = dict(mode="full", startup_rounds=10, terminal_rounds=10, key_runs=3, key_queries=None,
            core_repeats=5, sizes=[1_000, 10_000], build_repeats=3, open_repeats=3,
            update_repeats=3, memory_runs=3, typed_synthetic=True, cli_runs=15,
            large_pages=None, large_builds=2, large_queries=None, quiet_wait=60.0)
QUICK = dict(mode="quick", startup_rounds=3, terminal_rounds=3, key_runs=1, key_queries=6,
             core_repeats=2, sizes=[400], build_repeats=1, open_repeats=2,
             update_repeats=2, memory_runs=1, typed_synthetic=False, cli_runs=5,
             large_pages=1_000, large_builds=1, large_queries=4)
SECTIONS = ("startup", "terminal", "keys", "core", "index", "memory", "articles", "large", "cli")
"""In the order they run; each is bench/sections/<name>.py."""


def load_queries(path: Path = QUERIES_FILE) -> list[list[str]]:
    """[ui_lang, kind, query] rows of a query list (lang<TAB>kind<TAB>query lines)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, kind, query = line.split("\t")
            rows.append([lang, kind, query])
    return rows


def sample_queries(queries: list[list[str]], n: int | None) -> list[list[str]]:
    """n queries spread over the list (both languages, every kind), or all of them."""
    if n is None or n >= len(queries):
        return queries
    step = len(queries) / n
    return [queries[int(i * step)] for i in range(n)]


def section(name: str) -> Any:
    import importlib

    return importlib.import_module(f"bench.sections.{name}")


class Bench:
    """What the sections share: the plan, temporary folders, environments, launching."""

    def __init__(self, plan: Plan, workdir: Path, log: Any = sys.stderr,
                 code: Path | None = None) -> None:
        self.plan = plan
        self.code = code
        self.live_digest = "" if code else src_digest()
        self.tmp = workdir
        self.log = log
        self.queries = load_queries()
        self.results: dict[str, Any] = {}
        from aseantui.paths import shipped_content

        self.shipped = shipped_content()
        self.warm_cache = self.fresh("cache-shipped")

    def say(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self.log, flush=True)

    def quiet(self, what: str) -> None:
        """Wait for a quiet machine (--wait-quiet), and note how busy it was."""
        if self.plan.quiet_wait <= 0:
            return
        busy = wait_for_quiet(self.plan.quiet_wait)
        self.results.setdefault("machine_busy", []).append([what, busy])

    def fresh(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.tmp))

    def env(self, cache: Path, content: Path | None = None) -> dict[str, str]:
        env = {"ASEANTUI_CACHE_DIR": str(cache), "ASEANTUI_DATA_DIR": str(self.fresh("data")),
               "NO_COLOR": "1"}
        if content is not None:
            env["ASEANTUI_CONTENT"] = str(content)
        return env

    def launch(self, mode: str, env: dict[str, str], searches: tuple[str, ...] = (),
               timeout: float = 900) -> Any:
        """bench/launch.py MODE in a fresh process (headless); fails unless it got ready."""
        args = [LAUNCH, mode]
        for query in searches:
            args += ["--search", query]
        child = run_child(args, env, timeout)
        if child.returncode != 0 or child.ready_s is None:
            raise RuntimeError(f"launch {mode} failed ({child.returncode}):\n{child.stderr}")
        return child

    def ensure_warm_index(self) -> None:
        """The shipped content's index in the warm cache (a first launch makes it)."""
        from aseantui.search.store import IndexStore

        if IndexStore(self.warm_cache, self.shipped).read_manifest() is None:
            self.launch("app", self.env(self.warm_cache))

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        load_before, host = load_average(), machine()
        timings = {}
        for name in SECTIONS:
            # The synthetic corpora of `index` also serve `core` and `memory`.
            if name in self.plan.sections or (name == "index" and self.plan.sections
                                              & {"core", "memory"}):
                begun = time.perf_counter()
                section(name).measure(self)
                timings[name] = round(time.perf_counter() - begun, 1)
        import resource

        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "benchmark": "aseantui bench/run.py",
            "mode": self.plan.mode,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(time.perf_counter() - started, 1),
            # All the measured processes' CPU time: on a busy machine, what the run
            # would take on a quiet one is nearer this than the wall time.
            "cpu_s": round(children.ru_utime + children.ru_stime, 1),
            "section_s": timings,
            "machine": host,
            "code": {
                "measured": "snapshot of the working tree" if self.code else "live import",
                "digest": src_digest(self.code) if self.code else self.live_digest,
                "working_tree_at_end": src_digest(),
            },
            "load_average": {"start": load_before, "end": load_average()},
            "plan": {k: (sorted(v) if isinstance(v, set) else v)
                     for k, v in self.plan.__dict__.items()},
            "figures": self.results,
            "budgets": budgets(self.results, self.plan),
        }


# -- budgets and the table ---------------------------------------------------------------
def budgets(results: dict[str, Any], plan: Plan) -> list[dict[str, Any]]:
    """Every budget (issue 14's first, then issue 5's still in force), measured and judged."""
    found: list[Budget] = []
    for name in SECTIONS:
        found += section(name).budgets(results, plan)
    found.sort(key=lambda b: -b.issue)  # stable: issue 14 first, each in section order
    out = []
    for b in found:
        value = b.value
        if value is None or (isinstance(value, float) and math.isnan(value)):
            met = None
        elif b.op == "<=":
            met = value <= b.limit
        elif b.op == "<":
            met = value < b.limit
        else:
            met = value >= b.limit
        out.append({"issue": b.issue, "budget": b.name, "value": value,
                    "limit": f"{b.op} {b.limit}", "unit": b.unit, "met": met, "note": b.note})
    return out


def machine_line(report: dict[str, Any]) -> str:
    m = report["machine"]
    return (f"{m['cpu']}, {m['cores']} cores, {m['memory_mb']} MB RAM; Python {m['python']}; "
            f"{m['os']}; textual {m['packages']['textual']}, whoosh3 "
            f"{m['packages']['whoosh3']}; aseantui {m['packages']['aseantui']} "
            f"(git {m['git']['commit']}{', src modified' if m['git']['dirty'] else ''})")


def table(report: dict[str, Any]) -> str:
    """The results as Markdown: budgets first, then every figure."""
    f = report["figures"]
    busy = [b for _, b in f.get("machine_busy", []) if b is not None]
    lines = [
        f"Machine: {machine_line(report)}.",
        f"Mode: {report['mode']}; {report['date']}; took {report['duration_s']} s "
        f"({report.get('cpu_s', '?')} s CPU in its subprocesses); "
        f"load average {report['load_average']['start']} -> {report['load_average']['end']}; "
        f"code: {report['code']['measured']} {report['code']['digest']}.",
        *([f"Other work on the machine before each measurement (share of all CPUs busy): "
           f"median {median(busy):.2f}, max {max(busy):.2f}."] if busy else []),
        "",
        "| budget (issue) | measured | limit | met |",
        "|---|---|---|---|",
    ]
    for b in report["budgets"]:
        met = "n/a" if b["met"] is None else ("yes" if b["met"] else "**NO**")
        value = "not measured" if b["value"] is None else f"{b['value']} {b['unit']}"
        note = f" ({b['note']})" if b.get("note") else ""
        lines.append(f"| {b['budget']}{note} ({b.get('issue', 5)}) | {value} | {b['limit']} "
                     f"{b['unit']} | {met} |")
    lines += ["", "| figure | value | budget |", "|---|---|---|"]
    for name in SECTIONS:
        for figure, value, budget in section(name).rows(report):
            lines.append(f"| {figure} | {value} | {budget} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes, fewer runs (< 2 min)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections (default all: {','.join(SECTIONS)})")
    parser.add_argument("--sizes", help="synthetic corpus sizes, e.g. 1000,10000")
    parser.add_argument("--large-pages", type=int, metavar="N",
                        help="pages of the large folder (default: all; --quick: 1000)")
    parser.add_argument("--out", type=Path, help="where to write the JSON "
                        "(default bench/results.json, --quick: bench/results-quick.json)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--wait-quiet", type=float, metavar="SECONDS",
                        help="before each measurement wait up to SECONDS for other processes "
                        "to leave the CPUs idle (full run: 60, --quick: 0 = don't wait)")
    parser.add_argument("--code", type=Path, metavar="DIR",
                        help="measure the snapshot in DIR (from `python -m bench.common snapshot "
                        "DIR`) instead of taking a new one")
    parser.add_argument("--live", action="store_true",
                        help="import the working tree directly instead of a snapshot of it")
    args = parser.parse_args(argv)

    plan = Plan(**(QUICK if args.quick else FULL))
    plan.sections = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = plan.sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if args.wait_quiet is not None:
        plan.quiet_wait = args.wait_quiet
    if args.sizes:
        plan.sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.large_pages is not None:
        plan.large_pages = args.large_pages or None
    out = args.out or BENCH / ("results-quick.json" if args.quick else "results.json")

    workdir = Path(tempfile.mkdtemp(prefix="aseantui-bench-"))
    # Nothing below may touch the real cache or data dirs, nor inherit a content folder.
    os.environ.pop("ASEANTUI_CONTENT", None)
    os.environ["ASEANTUI_CACHE_DIR"] = str(workdir / "unused-cache")
    os.environ["ASEANTUI_DATA_DIR"] = str(workdir / "unused-data")
    try:
        if args.code:
            code: Path | None = use_code(args.code)
        else:
            code = None if args.live else snapshot(workdir)
        report = Bench(plan, workdir, code=code).run()
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(report))
    print(f"\nwritten to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
