# ruff: noqa  (one-off experiment script; see README.md here)
"""Per query at N entries: which words are left out as common, postings walked, time.

    python bench/experiments/exp_10k_words.py CONTENT CACHE [PASSES] [SHARE ...]

Prints, for the query list, the time of Library.search as is, then with
query.COMMON_SHARE set to each SHARE, and with the large-index rules off.
"""
import sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.run import load_queries
from bench.common import percentile
from whoosh import query as wq
from aseantui.search.service import Library
import aseantui.search.query as qm


def main():
    content, cache = Path(sys.argv[1]), Path(sys.argv[2])
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    shares = [float(s) for s in sys.argv[4:]] or [0.2]
    lib = Library(content, cache_dir=cache); lib.open_index(); lib.search("kerjasama", lang="id")
    queries = load_queries()
    searcher = lib._searcher_now() if hasattr(lib, "_searcher_now") else None
    reader = lib._ix.reader()
    n = reader.doc_count_all()

    def postings(text):
        compiled = qm.parse(text, reader)
        leaves = [l for l in compiled.query.leaves() if isinstance(l, wq.Term)]
        return len(leaves), sum(reader.doc_frequency(l.fieldname, l.text) for l in leaves)

    def run(label, detail=False):
        ms, kinds, per = [], {}, {}
        for _ in range(reps):
            for lang, kind, text in queries:
                t = time.perf_counter(); lib.search(text, lang=lang); d = (time.perf_counter() - t) * 1000
                ms.append(d); kinds.setdefault(kind, []).append(d); per.setdefault(text, []).append(d)
        print(f"{label:44} p50 {percentile(ms,50):6.1f}  p95 {percentile(ms,95):6.1f}  max {max(ms):6.1f} | " +
              "  ".join(f"{k} {percentile(v,95):.1f}" for k, v in sorted(kinds.items())), flush=True)
        if detail:
            print(f"   {'ms':>6} {'terms':>5} {'postings':>8}  query [words left out as common]")
            for text, v in sorted(per.items(), key=lambda kv: -min(kv[1]))[:12]:
                words = qm._plain_words(qm._parser().parse(text))
                common = [w for w in words if qm._is_common(reader, w)]
                t, p = postings(text)
                print(f"   {min(v):6.1f} {t:5d} {p:8d}  {text!r} {common}")

    print(f"{n} documents; COMMON_SHARE {qm.COMMON_SHARE}, LARGE_INDEX {qm.LARGE_INDEX}")
    run("as is", detail=True)
    base = qm.COMMON_SHARE
    for share in shares:
        qm.COMMON_SHARE = share
        run(f"COMMON_SHARE = {share}", detail=True)
    qm.COMMON_SHARE = base
    qm.LARGE_INDEX = 10**12
    run("large-index rules off (no skip, 24 completions)")


if __name__ == "__main__":
    main()
