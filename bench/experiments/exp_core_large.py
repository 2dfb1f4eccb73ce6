# ruff: noqa  (one-off experiment script; see README.md here)
"""Core query latency on a large index, as bench/worker.py `core` measures it, plus a profile.

    python bench/experiments/exp_core_large.py CONTENT CACHE [--passes N] [--profile]

CONTENT is a synthetic folder (bench/corpus.py write_corpus, e.g. 10,000 entries)
whose index is already in CACHE. Runs the 54 queries of bench/queries.tsv
(limit 10) N times (default 5) after one warm-up search, and prints p50/p95/max
overall and by kind, then the slowest queries; --profile adds cProfile's top
functions over one more pass.
"""
import cProfile, pstats, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.run import load_queries
from bench.common import percentile
from aseantui.search.service import Library


def main():
    content, cache = Path(sys.argv[1]), Path(sys.argv[2])
    passes = int(sys.argv[sys.argv.index("--passes") + 1]) if "--passes" in sys.argv else 5
    lib = Library(content, cache_dir=cache, prebuilt=False)
    info = lib.open_index()
    lib.search("kerjasama", lang="id")
    queries = load_queries()
    ms, kinds, per = [], {}, {}
    for _ in range(passes):
        for lang, kind, text in queries:
            t = time.perf_counter(); lib.search(text, lang=lang, limit=10); d = (time.perf_counter() - t) * 1000
            ms.append(d); kinds.setdefault(kind, []).append(d); per.setdefault(text, []).append(d)
    print(f"{info.entries} entries ({info.action}), {passes} passes: p50 {percentile(ms, 50):.1f} "
          f"p95 {percentile(ms, 95):.1f} max {max(ms):.1f} ms | " +
          "  ".join(f"{k} p95 {percentile(v, 95):.1f}" for k, v in sorted(kinds.items())))
    for text, v in sorted(per.items(), key=lambda kv: -sorted(kv[1])[len(kv[1]) // 2])[:8]:
        print(f"   median {sorted(v)[len(v) // 2]:6.1f} ms  {text!r}")
    if "--profile" in sys.argv:
        pr = cProfile.Profile(); pr.enable()
        for lang, kind, text in queries:
            lib.search(text, lang=lang, limit=10)
        pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
