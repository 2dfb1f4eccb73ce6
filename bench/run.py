"""The aseantui benchmark: start-up, keystroke to results, query latency, index costs, memory.

    python bench/run.py            # the full run (about 20-30 minutes on 2 cores)
    python bench/run.py --quick    # the same figures, smaller corpora and fewer runs (< 1 minute)

Prints a table and writes bench/results.json (--quick: bench/results-quick.json).
Every measurement runs in a fresh subprocess with its own temporary cache and
data dirs; nothing touches the user's real directories. See bench/README.md.
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
    run_worker,
    snapshot,
    src_digest,
    use_code,
    wait_for_quiet,
)

LAUNCH = str(BENCH / "launch.py")
QUERIES_FILE = BENCH / "queries.tsv"
MEMORY_QUERIES = ("sekjen", "headquarters of the asean secretariat", "orgnization structure",
                  "kebayoran ba")


@dataclass
class Plan:
    """How much to measure: the full run or --quick."""

    mode: str
    startup_rounds: int
    key_runs: int
    key_queries: int | None  # None: all of them
    core_repeats: int
    sizes: list[int]
    build_repeats: int
    open_repeats: int
    update_repeats: int
    memory_runs: int
    typed_synthetic: bool
    quiet_wait: float = 0.0
    """Before each measurement, wait up to this long for other work to stop (0: don't)."""
    sections: set[str] = field(default_factory=set)


FULL = dict(mode="full", startup_rounds=10, key_runs=3, key_queries=None, core_repeats=5,
            sizes=[1_000, 10_000], build_repeats=3, open_repeats=3, update_repeats=3,
            memory_runs=3, typed_synthetic=True, quiet_wait=60.0)
QUICK = dict(mode="quick", startup_rounds=3, key_runs=1, key_queries=6, core_repeats=2,
             sizes=[100, 400], build_repeats=1, open_repeats=2, update_repeats=2,
             memory_runs=1, typed_synthetic=False)
SECTIONS = ("startup", "keys", "core", "index", "memory", "articles")


def load_queries(path: Path = QUERIES_FILE) -> list[list[str]]:
    """[ui_lang, kind, query] rows of the fixed query list."""
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


class Bench:
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

    # -- helpers ------------------------------------------------------------
    def say(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self.log, flush=True)

    def quiet(self, what: str) -> None:
        """Wait for a quiet machine (--wait-quiet), and note how busy it was."""
        if self.plan.quiet_wait <= 0:
            return
        busy = wait_for_quiet(self.plan.quiet_wait)
        self.results.setdefault("machine_busy", []).append([what, busy])

    def fresh(self, name: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.tmp))
        return path

    def env(self, cache: Path, content: Path | None = None) -> dict[str, str]:
        env = {"ASEANTUI_CACHE_DIR": str(cache), "ASEANTUI_DATA_DIR": str(self.fresh("data")),
               "NO_COLOR": "1"}
        if content is not None:
            env["ASEANTUI_CONTENT"] = str(content)
        return env

    def launch(self, mode: str, env: dict[str, str], searches: tuple[str, ...] = (),
               timeout: float = 900) -> Any:
        args = [LAUNCH, mode]
        for query in searches:
            args += ["--search", query]
        child = run_child(args, env, timeout)
        if child.returncode != 0 or child.ready_s is None:
            raise RuntimeError(f"launch {mode} failed ({child.returncode}):\n{child.stderr}")
        return child

    # -- 1. start-up ----------------------------------------------------------
    def startup(self) -> None:
        self.say("start-up: warming up (and building the warm index)")
        self.launch("baseline", self.env(self.fresh("cache")))
        self.launch("app", self.env(self.warm_cache))  # builds the index of the warm runs
        self.launch("app", self.env(self.warm_cache))
        runs: dict[str, list[Any]] = {"baseline": [], "warm": [], "cold": []}
        for number in range(self.plan.startup_rounds):
            self.say(f"start-up: round {number + 1}/{self.plan.startup_rounds}")
            self.quiet(f"start-up round {number + 1}")
            runs["baseline"].append(self.launch("baseline", self.env(self.fresh("cache"))))
            runs["warm"].append(self.launch("app", self.env(self.warm_cache)))
            runs["cold"].append(self.launch("app", self.env(self.fresh("cache"))))
        figures: dict[str, Any] = {}
        for name, children in runs.items():
            ready = [c.ready_s for c in children]
            figures[name] = {
                "median_s": round(median(ready), 4),
                "min_s": round(min(ready), 4),
                "max_s": round(max(ready), 4),
                "runs_s": [round(r, 4) for r in ready],
                "maxrss_mb": round(median([c.maxrss_mb for c in children]), 1),
                "phases_s": _phases(children),
            }
        base = figures["baseline"]["median_s"]
        figures["warm_ratio"] = round(figures["warm"]["median_s"] / base, 3)
        figures["cold_ratio"] = round(figures["cold"]["median_s"] / base, 3)
        self.results["startup"] = figures

    # -- 2. keystroke to results -------------------------------------------------
    def keys(self) -> None:
        self.ensure_warm_index()
        queries = sample_queries(self.queries, self.plan.key_queries)
        runs = []
        for number in range(self.plan.key_runs):
            self.say(f"keystrokes: run {number + 1}/{self.plan.key_runs} "
                     f"({sum(len(q[2]) for q in queries)} keys)")
            self.quiet(f"keystrokes run {number + 1}")
            env = self.env(self.warm_cache)
            runs.append(run_worker("keys", {"data": env["ASEANTUI_DATA_DIR"],
                                            "content": str(self.shipped),
                                            "queries": queries}, env))
        figures: dict[str, Any] = {
            "queries": len(queries),
            "keys_per_run": runs[0]["keys"],
            "runs": len(runs),
            "timeouts": sum(r["timeouts"] for r in runs),
        }
        for measure in ("updated", "updated_after_first", "painted"):
            figures[measure] = {
                stat: round(median([r[measure][stat] for r in runs]), 3)
                for stat in ("p50_ms", "p95_ms", "max_ms")
            }
        figures["first_key_ms"] = round(median([r["first_key_ms"] for r in runs]), 3)
        figures["by_lang_p95_ms"] = {
            lang: round(median([r["by_lang"][lang]["p95_ms"] for r in runs]), 3)
            for lang in runs[0]["by_lang"]
        }
        figures["slowest"] = runs[-1]["slowest"]
        self.results["keys"] = figures

    def ensure_warm_index(self) -> None:
        from aseantui.search.store import IndexStore

        if IndexStore(self.warm_cache, self.shipped).read_manifest() is None:
            self.launch("app", self.env(self.warm_cache))

    # -- 3. core query latency ------------------------------------------------------
    def core(self, name: str, content: Path, cache: Path, *, typed: bool,
             limits: tuple[int, ...] = (10,)) -> None:
        for limit in limits:
            self.say(f"core queries: {name}, limit {limit}")
            self.quiet(f"core {name} limit {limit}")
            result = run_worker("core", {
                "content": str(content), "cache": str(cache), "queries": self.queries,
                "repeats": self.plan.core_repeats, "limit": limit,
                "typed": typed and limit == limits[0],
            }, self.env(cache))
            key = name if limit == limits[0] else f"{name}_limit{limit}"
            self.results.setdefault("core", {})[key] = result

    # -- 4. index costs at each synthetic size ------------------------------------------
    def synthetic(self) -> None:
        from bench.corpus import vocabularies, write_corpus

        vocab = vocabularies(self.shipped)
        sizes = self.plan.sizes
        for size in sizes:
            largest = size == sizes[-1]
            self.say(f"synthetic corpus: writing {size} entries")
            start = time.perf_counter()
            folder = write_corpus(self.fresh(f"corpus{size}"), size, vocab)
            written = time.perf_counter() - start
            cache = self.fresh(f"cache{size}")
            if "index" in self.plan.sections or "core" in self.plan.sections:
                self.index_costs(size, folder, cache, written, full=largest or
                                 self.plan.mode == "full")
            if "core" in self.plan.sections:
                self.core(f"synthetic_{size}", folder, cache, typed=self.plan.typed_synthetic)
            if largest and "index" in self.plan.sections:
                self.incremental(size, folder, cache, vocab)
            if largest and "memory" in self.plan.sections:
                self.memory(f"synthetic_{size}", cache, folder)

    def index_costs(self, size: int, folder: Path, cache: Path, written: float,
                    full: bool) -> None:
        from aseantui.search.store import MULTIPROCESS_MIN

        figures: dict[str, Any] = {"entries": size, "write_corpus_s": round(written, 3),
                                   "multiprocess_min": MULTIPROCESS_MIN}
        # The last build stays for the queries: make it the writer the product
        # would choose at this size.
        default = 2 if size >= MULTIPROCESS_MIN and (os.cpu_count() or 1) > 1 else 1
        order = [1, 2] if default == 2 else [2, 1]
        if "index" not in self.plan.sections or not full:
            order = [default]
        builds: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
        for number in range(self.plan.build_repeats if "index" in self.plan.sections else 1):
            for procs in order:
                self.say(f"index {size}: full build, procs={procs}, run {number + 1}")
                self.quiet(f"build {size} procs={procs} run {number + 1}")
                builds[procs].append(run_worker("build", {
                    "content": str(folder), "cache": str(cache), "procs": procs,
                }, self.env(cache), timeout=7200))
        for procs, runs in builds.items():
            if not runs:
                continue
            label = "single" if procs == 1 else "multi"
            figures[label] = {
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
        if "index" in self.plan.sections:
            opens = []
            for number in range(self.plan.open_repeats):
                self.say(f"index {size}: open existing, run {number + 1}")
                self.quiet(f"open {size} run {number + 1}")
                opens.append(run_worker("open", {"content": str(folder), "cache": str(cache)},
                                        self.env(cache)))
            figures["open"] = {
                "open_s": round(median([r["open_s"] for r in opens]), 4),
                "first_search_s": round(median([r["first_search_s"] for r in opens]), 4),
                "load_corpus_s": round(median([r["load_s"] for r in opens]), 3),
                "actions": sorted({r["action"] for r in opens}),
            }
        self.results.setdefault("index", {})[str(size)] = figures

    def incremental(self, size: int, folder: Path, cache: Path, vocab: Any) -> None:
        from bench.corpus import edit_entry

        runs = []
        for number in range(self.plan.update_repeats):
            entry = (number * 7919 + 17) % size
            edit_entry(folder, entry, size, vocab, edit=number + 1)
            self.say(f"index {size}: incremental update of one entry, run {number + 1}")
            self.quiet(f"update {size} run {number + 1}")
            runs.append(run_worker("update", {"content": str(folder), "cache": str(cache)},
                                   self.env(cache)))
        self.results["index"][str(size)]["update_one"] = {
            "update_s": round(median([r["update_s"] for r in runs]), 4),
            "runs_s": [r["update_s"] for r in runs],
            "load_corpus_s": round(median([r["load_s"] for r in runs]), 3),
            "actions": sorted({r["action"] for r in runs}),
            "segments_after": runs[-1]["segments"],
        }

    # -- 5. memory ---------------------------------------------------------------------
    def memory(self, name: str, cache: Path, content: Path | None = None) -> None:
        if content is None:
            self.ensure_warm_index()
        children = []
        for number in range(self.plan.memory_runs):
            self.say(f"memory: {name}, run {number + 1}")
            self.quiet(f"memory {name} run {number + 1}")
            children.append(self.launch("app", self.env(cache, content), MEMORY_QUERIES))
        searched = [line for line in children[-1].lines if line.startswith("searched ")]
        self.results.setdefault("memory", {})[name] = {
            "peak_rss_mb": round(median([c.maxrss_mb for c in children]), 1),
            "runs_mb": [round(c.maxrss_mb, 1) for c in children],
            "ready_s": round(median([c.ready_s for c in children]), 3),
            "searches": json.loads(searched[-1].split(" ", 1)[1]) if searched else {},
        }

    # -- all ---------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        sections = self.plan.sections
        started = time.perf_counter()
        load_before, host = load_average(), machine()
        if "startup" in sections:
            self.startup()
        if "keys" in sections:
            self.keys()
        if "core" in sections:
            self.ensure_warm_index()
            self.core("shipped", self.shipped, self.warm_cache, typed=True, limits=(10, 30))
        if "memory" in sections:
            self.memory("shipped", self.warm_cache)
        if sections & {"index", "core", "memory"}:
            self.synthetic()
        if "articles" in sections:
            from bench import articles

            self.results["articles"] = articles.measure(self)
        return {
            "benchmark": "aseantui bench/run.py",
            "mode": self.plan.mode,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(time.perf_counter() - started, 1),
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


def _phases(children: list[Any]) -> dict[str, float]:
    """Median time (s since the process was started) at which each start-up phase ended."""
    seen: dict[str, list[float]] = {}
    for child in children:
        for line in child.lines:
            if line.startswith("phases "):
                for name, at in json.loads(line.split(" ", 1)[1]).items():
                    seen.setdefault(name, []).append(at)
    ordered = sorted(seen.items(), key=lambda kv: median(kv[1]))
    return {name: round(median(values), 4) for name, values in ordered}


# -- budgets and the table ---------------------------------------------------------------
def _get(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def budgets(results: dict[str, Any], plan: Plan) -> list[dict[str, Any]]:
    """Each budget of issue 5 with the measured value and whether it is met."""
    largest = str(max(plan.sizes)) if plan.sizes else ""
    at = f" ({largest} entries{', quick' if plan.mode == 'quick' else ''})"
    rows = [
        ("warm start-up / baseline", _get(results, "startup", "warm_ratio"), "<=", 1.3, "x"),
        ("cold start-up / baseline", _get(results, "startup", "cold_ratio"), "<=", 1.8, "x"),
        ("keystroke to results p95", _get(results, "keys", "updated", "p95_ms"), "<=", 50, "ms"),
        ("core query p95, shipped", _get(results, "core", "shipped", "all", "p95_ms"),
         "<=", 5, "ms"),
        (f"core query p95{at}", _get(results, "core", f"synthetic_{largest}", "all", "p95_ms"),
         "<=", 30, "ms"),
        (f"incremental update of one entry{at}",
         _get(results, "index", largest, "update_one", "update_s"), "<", 1.0, "s"),
        (f"multi-process / single-process build throughput{at}",
         _get(results, "index", largest, "multi_speedup"), ">=", 1.5, "x"),
        ("peak RSS, shipped content", _get(results, "memory", "shipped", "peak_rss_mb"),
         "<", 150, "MB"),
    ]
    from bench import articles

    rows += articles.budgets(results.get("articles"))
    out = []
    for name, value, op, limit, unit in rows:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            met = None
        elif op == "<=":
            met = value <= limit
        elif op == "<":
            met = value < limit
        else:
            met = value >= limit
        out.append({"budget": name, "value": value, "limit": f"{op} {limit}", "unit": unit,
                    "met": met})
    return out


def table(report: dict[str, Any]) -> str:
    """The results as a Markdown table (also pasted into bench/README.md)."""
    f = report["figures"]
    m = report["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_mb']} MB RAM; "
        f"Python {m['python']}; {m['os']}; textual {m['packages']['textual']}, "
        f"whoosh3 {m['packages']['whoosh3']}; aseantui {m['packages']['aseantui']} "
        f"(git {m['git']['commit']}{', src modified' if m['git']['dirty'] else ''}).",
        f"Mode: {report['mode']}; {report['date']}; took {report['duration_s']} s; "
        f"load average {report['load_average']['start']} -> {report['load_average']['end']}; "
        f"code: {report['code']['measured']} {report['code']['digest']}.",
        *([f"Other work on the machine before each measurement (share of all CPUs busy): "
           f"median {median([b for _, b in f['machine_busy'] if b is not None]):.2f}, "
           f"max {max((b for _, b in f['machine_busy'] if b is not None), default=0):.2f}."]
          if f.get("machine_busy") else []),
        "",
        "| figure | value | budget |",
        "|---|---|---|",
    ]

    def row(name: str, value: Any, budget: str = "") -> None:
        lines.append(f"| {name} | {value} | {budget} |")

    s = f.get("startup")
    if s:
        row("start-up, baseline Textual app (median)", f"{s['baseline']['median_s'] * 1000:.0f} ms")
        row("start-up, warm (index built)", f"{s['warm']['median_s'] * 1000:.0f} ms = "
            f"**{s['warm_ratio']:.2f}x** baseline", "<= 1.3x")
        row("start-up, cold (no index)", f"{s['cold']['median_s'] * 1000:.0f} ms = "
            f"**{s['cold_ratio']:.2f}x** baseline", "<= 1.8x")
        for name in ("baseline", "warm", "cold"):
            phases = s[name].get("phases_s") or {}
            if phases:
                row(f"&nbsp;&nbsp;{name}: phase ends (ms after process start)",
                    ", ".join(f"{k} {v * 1000:.0f}" for k, v in phases.items()))
    k = f.get("keys")
    if k:
        row(f"keystroke to results list updated ({k['keys_per_run']} keys x {k['runs']})",
            f"p50 {k['updated']['p50_ms']:.1f} ms, **p95 {k['updated']['p95_ms']:.1f} ms**, "
            f"max {k['updated']['max_ms']:.0f} ms", "p95 <= 50 ms")
        row("keystroke to results painted (next refresh)",
            f"p50 {k['painted']['p50_ms']:.1f} ms, p95 {k['painted']['p95_ms']:.1f} ms")
        row("first keystroke after start-up", f"{k['first_key_ms']:.0f} ms")
    for name, c in (f.get("core") or {}).items():
        budget = "p95 <= 5 ms" if name == "shipped" else (
            "p95 <= 30 ms" if name == f"synthetic_{max(report['plan']['sizes'])}" else "")
        label = name.replace("synthetic_", "synthetic ").replace("_limit", ", limit ")
        row(f"core query, {label} ({c['entries']} entries, limit {c['limit']})",
            f"p50 {c['all']['p50_ms']:.1f} ms, **p95 {c['all']['p95_ms']:.1f} ms**, "
            f"max {c['all']['max_ms']:.1f} ms", budget)
        kinds = ", ".join(f"{kind} {v['p95_ms']:.1f}" for kind, v in c["by_kind"].items())
        row("&nbsp;&nbsp;p95 by kind; first pass; first search", f"{kinds} ms; first pass "
            f"{c['first_pass']['p95_ms']:.1f} ms; first search {c['first_search_ms']:.0f} ms")
        if c.get("unmemoised"):
            u = c["unmemoised"]
            row("&nbsp;&nbsp;expansion memo emptied before each search",
                f"p50 {u['p50_ms']:.1f} ms, p95 {u['p95_ms']:.1f} ms, max {u['max_ms']:.1f} ms")
        if "typed" in c:
            row("&nbsp;&nbsp;every prefix as typed",
                f"p50 {c['typed']['p50_ms']:.1f} ms, p95 {c['typed']['p95_ms']:.1f} ms, "
                f"max {c['typed']['max_ms']:.1f} ms")
    for size, x in (f.get("index") or {}).items():
        for label in ("single", "multi"):
            if label in x:
                row(f"index {size}: full build, {label}-process",
                    f"{x[label]['build_s']:.2f} s = {x[label]['entries_per_s']:.0f} entries/s "
                    f"({x[label]['segments']} segment(s))")
        if "multi_speedup" in x:
            row(f"index {size}: multi / single throughput", f"**{x['multi_speedup']:.2f}x**",
                ">= 1.5x" if size == str(max(report["plan"]["sizes"])) else "")
        row(f"index {size}: load + parse the corpus, no parse cache ({x['articles']} files)",
            f"{x['load_corpus_s']:.2f} s")
        if "update_one" in x:
            u = x["update_one"]
            row(f"index {size}: incremental update of one entry",
                f"**{u['update_s']:.3f} s** (+ {u['load_corpus_s']:.2f} s corpus load through "
                "the parse cache)", "< 1 s")
        if "open" in x:
            row(f"index {size}: load the corpus through the parse cache (unchanged files)",
                f"{x['open']['load_corpus_s']:.2f} s")
            row(f"index {size}: open existing index", f"{x['open']['open_s'] * 1000:.1f} ms "
                f"(first search {x['open']['first_search_s'] * 1000:.0f} ms)")
        row(f"index {size}: on-disk size", f"{x['disk_mb']:.2f} MB ({x['default_writer']} writer)")
    for name, mem in (f.get("memory") or {}).items():
        row(f"peak RSS, app with {name.replace('_', ' ')} content",
            f"**{mem['peak_rss_mb']:.0f} MB** (ready in {mem['ready_s']:.2f} s)",
            "< 150 MB" if name == "shipped" else "")
    from bench import articles

    for name, value, budget in articles.rows(f.get("articles")):
        row(name, value, budget)
    if s:
        row("peak RSS at ready: baseline / warm app",
            f"{s['baseline']['maxrss_mb']:.0f} MB / {s['warm']['maxrss_mb']:.0f} MB")
    lines += ["", "| budget | measured | limit | met |", "|---|---|---|---|"]
    for b in report["budgets"]:
        met = "n/a" if b["met"] is None else ("yes" if b["met"] else "**NO**")
        lines.append(f"| {b['budget']} | {b['value']} {b['unit']} | {b['limit']} {b['unit']} "
                     f"| {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpora, few runs (< 2 min)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections (default all: {','.join(SECTIONS)})")
    parser.add_argument("--sizes", help="synthetic corpus sizes, e.g. 1000,10000")
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
