"""Issue 14's table: each row as the issue measured it, on the base commit now, and on this code.

    python -m bench.compare [--base COMMIT] [DIR]   # DIR: bench/results-14 (bench/issue14.sh)

Reads DIR/base-*.json and DIR/main-*.json (reports of bench/run.py; each
side's groups merged, later groups adding to or replacing earlier ones:
`large` has the whole large folder, `core10k` the 10,000-entry index) and
prints the Markdown table of bench/README.md, then the machine and each
run (date, duration, load, code digest).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import machine_line  # noqa: E402
from bench.sections import get  # noqa: E402
from bench.sections.articles import reader_widget, worst_step  # noqa: E402

GROUPS = ("quick", "large", "core10k")
Figure = tuple[str, float | None]
"""(text shown, value judged against the budget) of one side."""


def merged(folder: Path, side: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    figures: dict[str, Any] = {}
    reports = []
    for group in GROUPS:
        path = folder / f"{side}-{group}.json"
        if not path.is_file():
            continue
        report = json.loads(path.read_text(encoding="utf-8"))
        reports.append({**report, "group": group})
        for name, value in report["figures"].items():
            if isinstance(value, dict) and isinstance(figures.get(name), dict):
                figures[name] = {**figures[name], **value}
            else:
                figures[name] = value
    return figures, reports


def _ratio(f: dict[str, Any], section: str, key: str, usable: str, base: str) -> Figure:
    s = f.get(section)
    if not s or key not in s:
        return "not measured", None
    cpu = f"; CPU {s['warm_cpu_ratio']:.2f}x" if "warm_cpu_ratio" in s else ""
    return (f"**{s[key]:.2f}x** ({get(s, 'warm', usable) * 1000:.0f} vs "
            f"{get(s, 'baseline', base) * 1000:.0f} ms{cpu})", s[key])


def _p95(f: dict[str, Any], *keys: str) -> Figure:
    m = get(f, *keys)
    if not m:
        return "not measured", None
    return f"**p95 {m['p95_ms']:.0f} ms** (p50 {m['p50_ms']:.0f}, max {m['max_ms']:.0f})", \
        m["p95_ms"]


def _large(f: dict[str, Any]) -> str:
    g = f.get("large") or {}
    return f" ({g['pages']} pages, scaled down)" if g.get("scaled") else ""


def _article(size: str) -> Callable[[dict[str, Any]], Figure]:
    def figure(f: dict[str, Any]) -> Figure:
        both = get(f, "articles", size)
        w = reader_widget(both) if both else None
        if not w:
            return "not measured", None
        name = "LongMarkdown" if "new" in both else "Markdown"
        first, step = w["first_screen_ms"], worst_step(w)
        return f"**{first:.0f} ms**, steps ≤ {step:.0f} ms ({name})", max(first / 150,
                                                                          step / 50)
    return figure


def _process(f: dict[str, Any], *keys: str) -> Figure:
    """A whole process: median wall time, and its CPU time (steadier on a busy machine)."""
    m = get(f, *keys)
    if not m:
        return "not measured", None
    return f"**{m['median_s'] * 1000:.0f} ms** (CPU {m['cpu_s'] * 1000:.0f} ms)", \
        m["median_s"] * 1000


def _build(f: dict[str, Any]) -> Figure:
    g = f.get("large")
    if not g:
        return "not measured", None
    tty = g.get("first_launch_tty") or {}
    shown = {True: "yes", False: "no"}.get(tty.get("progress_shown"), "?")
    progress = g["build"]["progress_printed"] and tty.get("progress_shown")
    return (f"**{g['build']['wall_s']:.1f} s** (CPU {g['build']['cpu_s']:.1f} s); progress: CLI "
            f"{'yes' if g['build']['progress_printed'] else 'no'}, app {shown}{_large(f)}",
            g["build"]["wall_s"] if progress else float("inf"))


def _core(f: dict[str, Any]) -> Figure:
    sizes = sorted(int(k.split("_")[1]) for k in f.get("core") or {}
                   if k.startswith("synthetic_") and "limit" not in k)
    if not sizes:
        return "not measured", None
    c = f["core"][f"synthetic_{sizes[-1]}"]
    at = "" if sizes[-1] == 10_000 else f" (at {sizes[-1]} entries)"
    return f"**p95 {c['all']['p95_ms']:.0f} ms** (p50 {c['all']['p50_ms']:.0f}){at}", \
        c["all"]["p95_ms"] if not at else None


ROWS: list[tuple[str, str, Callable[[dict[str, Any]], Figure], str, float]] = [
    ("warm start → usable screen / bare Textual app, real terminal (tmux)",
     "1.46x (0.59 s vs 0.41 s)",
     lambda f: _ratio(f, "terminal", "warm_usable_ratio", "usable", "usable"), "≤ 1.25x", 1.25),
    ("&nbsp;&nbsp;the same, library ready (tmux: results for a key typed at once)", "–",
     lambda f: _ratio(f, "terminal", "warm_ready_ratio", "ready", "usable"), "–", 0),
    ("warm start → usable screen / bare Textual app, headless (bench/launch.py)", "1.59x",
     lambda f: _ratio(f, "startup", "warm_usable_ratio", "usable_s", "usable_s"), "≤ 1.25x",
     1.25),
    ("keystroke → results painted, shipped content", "p95 110 ms (p50 57)",
     lambda f: _p95(f, "keys", "painted"), "p95 ≤ 40 ms", 40),
    ("typing on the 6,600-entry folder: key → shown in the box", "p95 268 ms (max 447)",
     lambda f: _p95(f, "large", "keys", "shown"), "p95 ≤ 50 ms", 50),
    ("typing on the 6,600-entry folder: key → results painted", "–",
     lambda f: _p95(f, "large", "keys", "painted"), "p95 ≤ 100 ms", 100),
    ("open a 28 KB article: first screen, PageDown steps", "0.87 s, steps 1.1–3.3 s",
     _article("28000"), "≤ 150 ms, steps ≤ 50 ms", 1),
    ("open a 94 KB article", "3.05 s", _article("94000"), "≤ 150 ms, steps ≤ 50 ms", 1),
    ("open a 172 KB article", "5.77 s", _article("172000"), "≤ 150 ms, steps ≤ 50 ms", 1),
    ("open a 2 MB article", "–", _article("2000000"), "≤ 150 ms, steps ≤ 50 ms", 1),
    ("`aseantui search`, 6,600-entry folder, warm, whole process", "1.2 s",
     lambda f: _process(f, "large", "search"), "≤ 350 ms", 350),
    ("`aseantui --version`, whole process", "0.27 s",
     lambda f: _process(f, "cli", "version"), "≤ 80 ms", 80),
    ("first index build, 6,600 small files (`aseantui index`)", "35 s", _build,
     "≤ 12 s, progress shown", 12),
    ("core query p95, 10,000 synthetic entries", "39 ms", _core, "p95 ≤ 25 ms", 25),
]


def table(before: dict[str, Any], after: dict[str, Any], base: str) -> str:
    lines = [f"| row | issue 14 (2026-11-23) | before: {base}, measured now | after: this code "
             "| budget | met |", "|---|---|---|---|---|---|"]
    for name, issue, figure, budget, limit in ROWS:
        was, _ = figure(before)
        now, value = figure(after)
        met = "–" if not limit else "not measured" if value is None else (
            "yes" if value <= limit else "**no**")
        lines.append(f"| {name} | {issue} | {was} | {now} | {budget} | {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent / "results-14")
    parser.add_argument("--base", default="d3f9047")
    args = parser.parse_args(argv)
    before, base_reports = merged(args.folder, "base")
    after, main_reports = merged(args.folder, "main")
    print(table(before, after, args.base))
    print()
    runs = [(side, r) for side, reports in (("before", base_reports), ("after", main_reports))
            for r in reports]
    machines = sorted({machine_line(r).split(" (git ")[0] for _, r in runs})
    print(f"Machine: {'; or '.join(machines)}.")
    print()
    for side, r in runs:
        cpu = f", {r['cpu_s']} s CPU" if "cpu_s" in r else ""
        print(f"* {side}, `{r['group']}`: {r['date']}, {r['duration_s']:.0f} s{cpu}, load "
              f"{r['load_average']['start'][0]}→{r['load_average']['end'][0]}, code "
              f"{r['code']['digest']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
