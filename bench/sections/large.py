"""A large folder of small files: tldr-pages `pages/common` + `pages/linux` (about 6,600 pages).

The folder is `../shared/corpora/tldr` (its English pages, copied to the
temporary folder) when present, else 6,600 generated tldr-like pages
(`bench/corpus.write_small_corpus`). `--quick` takes the first 1,000 pages.
Measured on it:

* *first index build*: `aseantui index` on an empty cache, whole process,
  and whether it prints progress while it builds (numbers printed at least
  twice, half a second apart, before its last second); then the app's
  first launch in a terminal (bench/sections/terminal.py): the build as a
  reader sees it, and whether its status line shows changing numbers;
* *CLI search, warm*: `aseantui search QUERY`, whole process, median;
* *typing in the app*: `bench/worker.py keys` with the folder as content
  and the queries of `bench/queries-tldr.tsv` (a few built-in ones where
  that file is absent): key → character shown in the box (where the worker
  reports it), key → results updated and painted.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bench.common import BENCH, ROOT, median, run_command
from bench.sections import Budget, get
from bench.sections.cli import command, timed
from bench.sections.keys import stats, type_queries

TLDR = ROOT.parent / "shared" / "corpora" / "tldr"
TLDR_PARTS = ("common", "linux")
QUERIES = BENCH / "queries-tldr.tsv"
FALLBACK_QUERIES = [["en", "words", "extract archive"], ["en", "prefix", "list files in dir"],
                    ["en", "typo", "compres file"], ["en", "words", "network interface"],
                    ["en", "prefix", "git comm"], ["en", "words", "change file permissions"]]
SEARCHES = ("extract archive", "list files", "network interface")
PROGRESS_BEFORE_END = 1.0
PROGRESS_SPREAD = 0.5
"""Progress: at least two pieces of output with numbers, this far apart, and more than
PROGRESS_BEFORE_END seconds before the build ends."""


def folder(bench: Any, pages: int | None) -> tuple[Path, str]:
    """The large folder (the first `pages` pages, or all) and where it came from."""
    target = bench.fresh("large")
    if TLDR.is_dir():
        files = sorted(p for part in TLDR_PARTS for p in (TLDR / "pages" / part).glob("*.md"))
        for path in files[:pages] if pages else files:
            dest = target / "pages" / path.parent.name / path.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
        return target, f"tldr-pages pages/{'+'.join(TLDR_PARTS)} (../shared/corpora/tldr)"
    from bench.corpus import vocabularies, write_small_corpus

    vocab = vocabularies(bench.shipped)["en"]
    write_small_corpus(target, pages or 6_600, vocab)
    return target, "generated tldr-like pages (bench/corpus.py; ../shared/corpora/tldr absent)"


def queries(n: int | None) -> list[list[str]]:
    from bench.run import load_queries, sample_queries

    try:
        found = load_queries(QUERIES) if QUERIES.is_file() else FALLBACK_QUERIES
    except ValueError:  # not lang<TAB>kind<TAB>query lines
        found = FALLBACK_QUERIES
    return sample_queries(found, n)


def build(bench: Any, content: Path) -> tuple[dict[str, Any], Path]:
    """`aseantui index` on an empty cache: the first build, as the command line does it."""
    cache = bench.fresh("cache-large")
    bench.say("large folder: first index build (aseantui index)")
    bench.quiet("large build")
    # stderr on a terminal, as a user runs it: the command shows progress only there.
    done = run_command([*command(), "index"], bench.env(cache, content), timeout=7200,
                       tty_stderr=True)
    if done.returncode != 0:
        raise RuntimeError(f"aseantui index failed ({done.returncode}):\n{done.stderr}")
    # Progress: several pieces of output with numbers in them, spread over the build and
    # before its end (a warning before the build, or the summary at the end, is not).
    early = [(at, text) for at, text in done.chunks if at < done.wall_s - PROGRESS_BEFORE_END]
    numbered = [at for at, text in early if any(ch.isdigit() for ch in text)]
    progress = len(numbered) >= 2 and numbered[-1] - numbered[0] >= PROGRESS_SPREAD
    return {"wall_s": round(done.wall_s, 3), "cpu_s": round(done.cpu_s, 3),
            "progress_printed": progress, "outputs": len(done.chunks),
            "early_output": [text[:120] for _, text in early[:5]],
            "first_output_s": round(done.chunks[0][0], 3) if done.chunks else None,
            "entries": _entries(done.stdout), "last_lines": (done.stdout + done.stderr)
            .strip().splitlines()[-3:]}, cache


def _entries(status: str) -> int | None:
    for line in status.splitlines():
        if line.startswith("entries:"):
            return int(line.split(":", 1)[1])
    return None


def measure(bench: Any) -> None:
    plan = bench.plan
    content, source = folder(bench, plan.large_pages)
    pages = len(list(content.rglob("*.md")))
    figures: dict[str, Any] = {"source": source, "pages": pages, "scaled": bool(plan.large_pages)}
    builds = []
    for _ in range(plan.large_builds):
        found, cache = build(bench, content)
        builds.append(found)
    figures["build"] = {**builds[-1], "wall_s": round(median([b["wall_s"] for b in builds]), 3),
                        "runs_s": [b["wall_s"] for b in builds]}
    figures["entries"] = builds[-1]["entries"]
    env = bench.env(cache, content)
    bench.say("large folder: warm CLI searches")
    run_command([*command(), "search", SEARCHES[0]], env)  # warm up
    searches = [timed(bench, f"large search {q!r}", [*command(), "search", q], env,
                      max(1, plan.cli_runs // len(SEARCHES))) for q in SEARCHES]
    figures["search"] = {
        "median_s": round(median([w for s in searches for w in s["runs_s"]]), 4),
        "cpu_s": round(median([s["cpu_s"] for s in searches]), 4),
        "queries": list(SEARCHES), "runs": sum(s["runs"] for s in searches),
    }
    figures["keys"] = type_queries(bench, queries(plan.large_queries), plan.key_runs, env,
                                   str(content), " (large folder)")
    from bench.sections import terminal
    from bench.tmux import TMUX

    if TMUX is not None:
        figures["first_launch_tty"] = terminal.first_launch(bench, content, pages)
    bench.results["large"] = figures


def rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    g = get(report, "figures", "large")
    if not g:
        return []
    k, b = g["keys"], g["build"]
    scaled = " (--quick: scaled down)" if g["scaled"] else ""
    out = [
        ("large folder", f"{g['pages']} pages = {g['entries']} entries{scaled}: {g['source']}",
         ""),
        (f"large: typing, key → shown in the box ({k['keys_per_run']} keys x {k['runs']})",
         stats(k, "shown"), "p95 <= 50 ms"),
        ("large: typing, key → results painted", stats(k, "painted"), "p95 <= 100 ms"),
        ("large: typing, key → results list updated", stats(k, "updated"), ""),
        ("large: `aseantui search`, warm, whole process",
         f"**{g['search']['median_s'] * 1000:.0f} ms** (CPU {g['search']['cpu_s'] * 1000:.0f} "
         f"ms; {g['search']['runs']} runs)", "<= 350 ms"),
        ("large: first index build, `aseantui index`, whole process",
         f"**{b['wall_s']:.1f} s** (CPU {b['cpu_s']:.1f} s); progress printed: "
         f"{'yes' if b['progress_printed'] else 'no'}", "<= 12 s, with progress"),
    ]
    t = g.get("first_launch_tty")
    if t:
        out.append(("large: first launch of the app in tmux (builds the index)",
                    f"usable {t['usable'] * 1000:.0f} ms, library ready {t['ready']:.1f} s; "
                    f"progress shown: {'yes' if t['progress_shown'] else 'no'} "
                    f"(status lines: {'; '.join(t['status_lines'][:4]) or 'none'})",
                    "progress shown"))
    return out


def budgets(figures: dict[str, Any], plan: Any) -> list[Budget]:
    g = figures.get("large") or {}
    note = f"{g['pages']} pages, scaled down" if g.get("scaled") else ""
    search = get(g, "search", "median_s")
    build = get(g, "build", "wall_s")
    return [
        Budget(14, "typing on the large folder: key → shown in the box p95",
               get(g, "keys", "shown", "p95_ms"), "<=", 50, "ms", note),
        Budget(14, "typing on the large folder: key → results painted p95",
               get(g, "keys", "painted", "p95_ms"), "<=", 100, "ms", note),
        Budget(14, "`aseantui search` on the large folder, warm, whole process",
               None if search is None else round(search * 1000, 1), "<=", 350, "ms", note),
        Budget(14, "first index build of the large folder, whole process", build, "<=", 12, "s",
               note),
        Budget(14, "first index build: progress printed by the CLI",
               None if not g else int(get(g, "build", "progress_printed") is True), ">=", 1,
               "(1 = yes)", note),
        Budget(14, "first index build: progress shown in the app (tmux)",
               None if not get(g, "first_launch_tty") else
               int(get(g, "first_launch_tty", "progress_shown") is True), ">=", 1, "(1 = yes)",
               note),
    ]
