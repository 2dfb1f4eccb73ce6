"""Start-up in a real terminal: from launching the command in a tmux pane to the screen.

Each launch runs in its own tmux server (`bench/tmux.py`), 100x30, the
shell already waiting, so the clock covers only the program. The screen is
read every few milliseconds through tmux's control mode. For each launch:

* *painted*: the first screen (the app: the search box's placeholder and the
  footer; the baseline: its Markdown text and footer);
* *usable*: a probe typed as soon as the screen is painted shows in the
  search box (so the box had the focus and the app was taking keys);
* *ready* (the app only): the results for the probe are on screen, which
  needs the library (corpus and index) to be loaded.

The baseline is `bench/launch.py baseline --tty` (Header, Input,
MarkdownViewer, Footer); the app is the `aseantui` console script.
Rounds alternate baseline and warm app. With a large folder (section
`large`), one more launch on an empty cache records the first index build as
a reader sees it, including every status line shown meanwhile (progress).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import BENCH, median
from bench.sections import Budget, get
from bench.sections.cli import command

PROBE = "qjx"
APP_PAINTED = ("Type to search", "Help")
BASELINE_PAINTED = ("A minimal Textual app.", "palette")
STATUS_ROW = 4
"""The app's status line (under the search box), where progress would show."""


def passed_env(env: dict[str, str]) -> dict[str, str]:
    """What a launch in the pane gets: the bench's own variables, the code snapshot's path."""
    out = {k: v for k, v in env.items() if k != "NO_COLOR"}  # colours as a user sees them
    if os.environ.get("PYTHONPATH"):
        out["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return out


def launch(argv: list[str], env: dict[str, str], painted: tuple[str, ...], app: bool,
           timeout: float) -> dict[str, Any]:
    """One launch in a new pane: seconds to painted, usable and (app) ready."""
    from bench.tmux import Pane

    marks: dict[str, float] = {}
    status: list[str] = []
    screen = ""
    with Pane.ready(argv, passed_env(env)) as pane:
        start = pane.go()
        while True:
            now = time.perf_counter() - start
            if now > timeout:
                raise RuntimeError(f"{argv[-1]}: not ready after {timeout:.0f} s; the screen:\n"
                                   f"{screen}")
            screen = pane.capture()
            if "painted" not in marks and all(text in screen for text in painted):
                marks["painted"] = now
                pane.type_text(PROBE)
            lines = [line for line in screen.splitlines() if PROBE in line]
            if "painted" in marks and "usable" not in marks and lines:
                marks["usable"] = now
            if app:
                rows = screen.splitlines()
                row = rows[STATUS_ROW].strip() if len(rows) > STATUS_ROW else ""
                if row and PROBE not in row and row not in status:
                    status.append(row)
                if len(lines) >= 2:  # the box and the results' status line
                    marks["ready"] = now
            if "usable" in marks and (not app or "ready" in marks):
                break
            time.sleep(0.004)
    return {"marks": marks, "status_lines": status[:20]}


def measure(bench: Any) -> None:
    from bench.tmux import TMUX

    if TMUX is None:
        bench.results["terminal"] = {"skipped": "tmux is not installed"}
        return
    bench.ensure_warm_index()
    baseline = [sys.executable, str(BENCH / "launch.py"), "baseline", "--tty"]
    app = [*command(), "--lang", "en"]
    runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "warm": []}
    bench.say("terminal: warming up")
    launch(baseline, bench.env(bench.fresh("cache")), BASELINE_PAINTED, False, 120)
    launch(app, bench.env(bench.warm_cache), APP_PAINTED, True, 120)
    rounds = bench.plan.terminal_rounds
    for number in range(rounds):
        bench.say(f"terminal: round {number + 1}/{rounds}")
        bench.quiet(f"terminal round {number + 1}")
        runs["baseline"].append(launch(baseline, bench.env(bench.fresh("cache")),
                                       BASELINE_PAINTED, False, 120))
        runs["warm"].append(launch(app, bench.env(bench.warm_cache), APP_PAINTED, True, 120))
    figures: dict[str, Any] = {"rounds": rounds}
    for kind, done in runs.items():
        figures[kind] = {
            mark: round(median([r["marks"][mark] for r in done]), 4)
            for mark in ("painted", "usable", "ready") if mark in done[0]["marks"]
        }
        figures[kind]["usable_runs_s"] = [round(r["marks"]["usable"], 4) for r in done]
    base = figures["baseline"]["usable"]
    figures["warm_usable_ratio"] = round(figures["warm"]["usable"] / base, 3)
    figures["warm_ready_ratio"] = round(figures["warm"]["ready"] / base, 3)
    bench.results["terminal"] = figures


def first_launch(bench: Any, content: Path, pages: int) -> dict[str, Any]:
    """The app's first launch on `content` (empty cache) in a terminal: the index build."""
    bench.say(f"terminal: first launch on the large folder ({pages} pages, builds the index)")
    env = bench.env(bench.fresh("cache-large-tty"), content)
    found = launch([*command(), "--lang", "en"], env, APP_PAINTED, True, 3600)
    numbered = [s for s in found["status_lines"] if any(ch.isdigit() for ch in s)]
    return {**{k: round(v, 3) for k, v in found["marks"].items()},
            "status_lines": found["status_lines"], "progress_shown": len(numbered) >= 2}


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    t = get(report, "figures", "terminal")
    if not t:
        return []
    if "skipped" in t:
        return [("start-up in a terminal (tmux)", f"not measured: {t['skipped']}", "")]
    b, w = t["baseline"], t["warm"]
    return [
        (f"start-up in tmux, baseline: painted / usable ({t['rounds']} rounds)",
         f"{b['painted'] * 1000:.0f} / {b['usable'] * 1000:.0f} ms", ""),
        ("start-up in tmux, warm app: painted / usable",
         f"{w['painted'] * 1000:.0f} / {w['usable'] * 1000:.0f} ms = "
         f"**{t['warm_usable_ratio']:.2f}x** baseline", "<= 1.25x"),
        ("start-up in tmux, warm app: library ready (results for a key typed at once)",
         f"{w['ready'] * 1000:.0f} ms = {t['warm_ready_ratio']:.2f}x baseline", ""),
    ]


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    return [Budget(14, "warm start to a usable screen / baseline, real terminal (tmux)",
                   get(figures, "terminal", "warm_usable_ratio"), "<=", 1.25, "x")]
