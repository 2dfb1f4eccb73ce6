"""Profiles behind the budgets the benchmark misses (cProfile; stdlib only).

    python bench/profiles.py startup          # phases of a warm start, imports, library load
    python bench/profiles.py cold             # the first-launch index build (shipped content)
    python bench/profiles.py core [--size N]  # the query list via Library.search
                                             # (shipped content, or N synthetic entries)
    python bench/profiles.py build --size N [--procs 1|2]

Each prints the top entries (by cumulative and by own time). Runs in temporary
cache and data dirs.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BENCH  # noqa: E402


def show(profile: cProfile.Profile, top: int, title: str) -> None:
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        text = out.getvalue()
        body = text[text.find("   ncalls"):]
        print(f"\n=== {title}: top {top} by {key} ===\n{body.rstrip()}")


def import_times(top: int) -> None:
    """`python -X importtime` of the launcher: the slowest imports (cumulative, us)."""
    env = dict(os.environ, BENCH_READY_FD="-1")
    done = subprocess.run([sys.executable, "-X", "importtime", str(BENCH / "launch.py"), "app"],
                          capture_output=True, text=True, env=env, timeout=300)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        own, cumulative, name = line.split(":", 1)[1].split("|")
        if own.strip().isdigit():
            depth = (len(name) - len(name.lstrip()) - 1) // 2
            rows.append((int(cumulative), int(own), name.strip(), depth))
    print(f"\n=== imports of a warm start (-X importtime): top {top} cumulative ===")
    print(f"{'cumulative ms':>14} {'own ms':>8}  module")
    for cumulative, own, name, depth in sorted(rows, reverse=True)[:top]:
        print(f"{cumulative / 1000:14.1f} {own / 1000:8.1f}  {'  ' * depth}{name}")
    top_level = [r for r in rows if r[3] == 0]
    total = sum(r[0] for r in top_level) / 1000
    print(f"\n--- top-level imports, cumulative ms (total {total:.0f}) ---")
    for cumulative, _, name, _ in sorted(top_level, reverse=True)[:top]:
        print(f"{cumulative / 1000:14.1f}  {name}")


def phases() -> None:
    """Wall-clock phases of a warm start, measured inside one process."""
    t0 = time.perf_counter()
    import textual.app  # noqa: F401

    t1 = time.perf_counter()
    import aseantui.tui.app  # noqa: F401

    t2 = time.perf_counter()
    from aseantui.content.load import load_corpus
    from aseantui.paths import cache_dir, shipped_content
    from aseantui.search.service import Library

    # As the app does: through the parse cache (filled by the launch before).
    corpus = (load_corpus(shipped_content(), cache_dir())
              if "cache_root" in inspect.signature(load_corpus).parameters
              else load_corpus(shipped_content()))
    t3 = time.perf_counter()
    library = Library(shipped_content(), corpus=corpus)
    library.open_index()
    t4 = time.perf_counter()
    library.search("sekjen", lang="id")
    t5 = time.perf_counter()
    print("\n=== phases of a warm start, one process (ms) ===")
    for name, a, b in (("import textual.app", t0, t1), ("import aseantui.tui.app (rest)", t1, t2),
                       ("load_corpus (shipped, parse cache)", t2, t3),
                       ("Library.open_index (reuse)", t3, t4),
                       ("first search", t4, t5)):
        print(f"{(b - a) * 1000:9.1f}  {name}")


def startup(top: int) -> None:
    cache = tempfile.mkdtemp(prefix="profile-cache-")
    os.environ["ASEANTUI_CACHE_DIR"] = cache
    os.environ["ASEANTUI_DATA_DIR"] = tempfile.mkdtemp(prefix="profile-data-")
    subprocess.run([sys.executable, str(BENCH / "launch.py"), "app"], check=True,
                   env=dict(os.environ, BENCH_READY_FD="-1"), capture_output=True)
    import_times(top)
    # What the app's library worker does (the app runs it in a thread, which
    # cProfile does not follow; here it runs on the main thread).
    profile = cProfile.Profile()
    profile.enable()
    phases()
    profile.disable()
    show(profile, top, "warm start: imports + load_corpus + open_index + first search")


def cold(top: int) -> None:
    os.environ["ASEANTUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="profile-cache-")
    from aseantui.search.service import Library

    library = Library()
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    library.open_index()
    profile.disable()
    print(f"\ncold index build of the shipped content: {time.perf_counter() - start:.3f} s "
          f"({library.index_info.action if library.index_info else '?'})")
    show(profile, top, "cold start: Library.open_index with an empty cache")


def synthetic(size: int) -> Path:
    from aseantui.paths import shipped_content
    from bench.corpus import vocabularies, write_corpus

    folder = Path(tempfile.mkdtemp(prefix=f"profile-corpus{size}-"))
    return write_corpus(folder, size, vocabularies(shipped_content()))


def core(top: int, size: int, repeats: int) -> None:
    from aseantui.paths import shipped_content
    from aseantui.search.service import Library
    from bench.run import load_queries

    content = synthetic(size) if size else shipped_content()
    library = Library(content, cache_dir=Path(tempfile.mkdtemp(prefix="profile-cache-")))
    library.open_index()
    library.search("kerjasama", lang="id")
    queries = load_queries()
    timings: dict[str, list[float]] = {}
    profile = cProfile.Profile()
    for _ in range(repeats):
        for lang, kind, text in queries:
            start = time.perf_counter()
            profile.enable()
            library.search(text, lang=lang)
            profile.disable()
            timings.setdefault(f"{kind:6} {text}", []).append(time.perf_counter() - start)
    print(f"\n=== slowest queries ({'shipped' if not size else f'{size} entries'}), "
          "median ms under the profiler ===")
    ranked = sorted(timings.items(), key=lambda kv: -sorted(kv[1])[len(kv[1]) // 2])
    for name, values in ranked[:12]:
        print(f"{sorted(values)[len(values) // 2] * 1000:8.1f}  {name}")
    show(profile, top, f"core queries x{repeats}")


def build(top: int, size: int, procs: int) -> None:
    from aseantui.content.load import load_corpus
    from aseantui.search import store
    from aseantui.search.service import Library

    folder = synthetic(size)
    corpus = load_corpus(folder)
    store.MULTIPROCESS_MIN = 1 if procs > 1 else 10**12
    library = Library(folder, cache_dir=Path(tempfile.mkdtemp(prefix="profile-cache-")),
                      corpus=corpus)
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    library.open_index(rebuild=True)
    profile.disable()
    print(f"\nbuild of {size} entries, procs={procs}: {time.perf_counter() - start:.2f} s")
    show(profile, top, f"full build, {size} entries, procs={procs} (main process only)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", choices=("startup", "cold", "core", "build"))
    parser.add_argument("--size", type=int, default=0, help="synthetic entries (0: shipped)")
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.target == "startup":
        startup(args.top)
    elif args.target == "cold":
        cold(args.top)
    elif args.target == "core":
        core(args.top, args.size, args.repeats)
    else:
        build(args.top, args.size or 1000, args.procs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
