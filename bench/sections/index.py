"""Index costs on synthetic corpora (`bench/corpus.py`), and the core and memory runs on them.

For each size of the plan: write the corpus, full builds with the single- and
the multi-process writer, opening the existing index, and (largest size)
the incremental update of one entry. The `core` and `memory` sections also
measure the synthetic corpora written here, so this loop runs when any of
the three is asked for.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Any

from bench.common import median, run_worker
from bench.sections import Budget, core, get, memory


def measure(bench: Any) -> None:
    from bench.corpus import vocabularies, write_corpus

    vocab = vocabularies(bench.shipped)
    sections = bench.plan.sections
    sizes = bench.plan.sizes
    for size in sizes:
        largest = size == sizes[-1]
        bench.say(f"synthetic corpus: writing {size} entries")
        start = time.perf_counter()
        folder = write_corpus(bench.fresh(f"corpus{size}"), size, vocab)
        written = time.perf_counter() - start
        cache = bench.fresh(f"cache{size}")
        if "index" in sections or "core" in sections:
            costs(bench, size, folder, cache, written,
                  full=largest or bench.plan.mode == "full")
        if "core" in sections:
            core.run(bench, f"synthetic_{size}", folder, cache, typed=bench.plan.typed_synthetic)
        if largest and "index" in sections:
            incremental(bench, size, folder, cache, vocab)
        if largest and "memory" in sections:
            memory.run(bench, f"synthetic_{size}", cache, folder)


def costs(bench: Any, size: int, folder: Path, cache: Path, written: float, full: bool) -> None:
    from aseantui.search.store import MULTIPROCESS_MIN

    plan = bench.plan
    figures: dict[str, Any] = {"entries": size, "write_corpus_s": round(written, 3),
                               "multiprocess_min": MULTIPROCESS_MIN}
    # The last build stays for the queries: make it the writer the product
    # would choose at this size.
    default = 2 if size >= MULTIPROCESS_MIN and (os.cpu_count() or 1) > 1 else 1
    order = [1, 2] if default == 2 else [2, 1]
    if "index" not in plan.sections or not full:
        order = [default]
    builds: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for number in range(plan.build_repeats if "index" in plan.sections else 1):
        for procs in order:
            bench.say(f"index {size}: full build, procs={procs}, run {number + 1}")
            bench.quiet(f"build {size} procs={procs} run {number + 1}")
            builds[procs].append(run_worker("build", {
                "content": str(folder), "cache": str(cache), "procs": procs,
            }, bench.env(cache), timeout=7200))
    for procs, runs in builds.items():
        if not runs:
            continue
        figures["single" if procs == 1 else "multi"] = {
            "build_s": round(median([r["build_s"] for r in runs]), 3),
            "entries_per_s": round(median([r["entries_per_s"] for r in runs]), 2),
            "runs_s": [r["build_s"] for r in runs],
            "cpu_s": round(median([r.get("cpu_s", math.nan) for r in runs]), 3),
            "loadavg": [r.get("loadavg") for r in runs],
            "disk_mb": round(median([r["disk_bytes"] for r in runs]) / 2**20, 2),
            "segments": runs[-1]["segments"],
            "maxrss_mb": round(median([r["maxrss_mb"] for r in runs]), 1),
        }
    if figures.get("single") and figures.get("multi"):
        figures["multi_speedup"] = round(
            figures["multi"]["entries_per_s"] / figures["single"]["entries_per_s"], 3)
    every = [r for runs in builds.values() for r in runs]
    figures["load_corpus_s"] = round(median([r["load_s"] for r in every]), 3)
    figures["articles"] = every[0]["articles"]
    figures["default_writer"] = "multi" if default == 2 else "single"
    figures["disk_mb"] = round(every[-1]["disk_bytes"] / 2**20, 2)
    if "index" in plan.sections:
        opens = []
        for number in range(plan.open_repeats):
            bench.say(f"index {size}: open existing, run {number + 1}")
            bench.quiet(f"open {size} run {number + 1}")
            opens.append(run_worker("open", {"content": str(folder), "cache": str(cache)},
                                    bench.env(cache)))
        figures["open"] = {
            "open_s": round(median([r["open_s"] for r in opens]), 4),
            "first_search_s": round(median([r["first_search_s"] for r in opens]), 4),
            "load_corpus_s": round(median([r["load_s"] for r in opens]), 3),
            "actions": sorted({r["action"] for r in opens}),
        }
    bench.results.setdefault("index", {})[str(size)] = figures


def incremental(bench: Any, size: int, folder: Path, cache: Path, vocab: Any) -> None:
    from bench.corpus import edit_entry

    runs = []
    for number in range(bench.plan.update_repeats):
        entry = (number * 7919 + 17) % size
        edit_entry(folder, entry, size, vocab, edit=number + 1)
        bench.say(f"index {size}: incremental update of one entry, run {number + 1}")
        bench.quiet(f"update {size} run {number + 1}")
        runs.append(run_worker("update", {"content": str(folder), "cache": str(cache)},
                               bench.env(cache)))
    bench.results["index"][str(size)]["update_one"] = {
        "update_s": round(median([r["update_s"] for r in runs]), 4),
        "runs_s": [r["update_s"] for r in runs],
        "load_corpus_s": round(median([r["load_s"] for r in runs]), 3),
        "actions": sorted({r["action"] for r in runs}),
        "segments_after": runs[-1]["segments"],
    }


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    largest = str(max(report["plan"]["sizes"])) if report["plan"]["sizes"] else ""
    for size, x in (get(report, "figures", "index") or {}).items():
        for label in ("single", "multi"):
            if label in x:
                out.append((f"index {size}: full build, {label}-process",
                            f"{x[label]['build_s']:.2f} s = {x[label]['entries_per_s']:.0f} "
                            f"entries/s ({x[label]['segments']} segment(s))", ""))
        if "multi_speedup" in x:
            out.append((f"index {size}: multi / single throughput",
                        f"**{x['multi_speedup']:.2f}x**",
                        ">= 1.5x (issue 5)" if size == largest else ""))
        out.append((f"index {size}: load + parse the corpus, no parse cache "
                    f"({x['articles']} files)", f"{x['load_corpus_s']:.2f} s", ""))
        if "update_one" in x:
            u = x["update_one"]
            out.append((f"index {size}: incremental update of one entry",
                        f"**{u['update_s']:.3f} s** (+ {u['load_corpus_s']:.2f} s corpus load "
                        "through the parse cache)", "< 1 s (issue 5)"))
        if "open" in x:
            out.append((f"index {size}: load the corpus through the parse cache (unchanged "
                        "files)", f"{x['open']['load_corpus_s']:.2f} s", ""))
            out.append((f"index {size}: open existing index",
                        f"{x['open']['open_s'] * 1000:.1f} ms (first search "
                        f"{x['open']['first_search_s'] * 1000:.0f} ms)", ""))
        out.append((f"index {size}: on-disk size",
                    f"{x['disk_mb']:.2f} MB ({x['default_writer']} writer)", ""))
    return out


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    largest = str(max(plan.sizes)) if plan.sizes else ""
    at = f"at {largest} entries" if largest else ""
    return [
        Budget(5, "incremental update of one entry",
               get(figures, "index", largest, "update_one", "update_s"), "<", 1.0, "s", at),
        Budget(5, "multi-process / single-process build throughput",
               get(figures, "index", largest, "multi_speedup"), ">=", 1.5, "x", at),
    ]
