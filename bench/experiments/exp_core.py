# ruff: noqa  (one-off experiment script; see README.md here)
"""Experiments: which change to the query path buys what (core, shipped or synthetic)."""
import sys, time, tempfile
from pathlib import Path
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from bench.run import load_queries
from bench.common import percentile
from whoosh import query as wq
from aseantui.search.service import Library
import aseantui.search.service as svc
import aseantui.search.query as qm
from aseantui.search.snippets import Snippet

content = Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "-" else None
cache = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp())
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
lib = Library(content, cache_dir=cache)
print("index", lib.open_index().action, flush=True)
lib.search("kerjasama", lang="id")
queries = load_queries()

def run(label):
    ms, kinds = [], {}
    for _ in range(reps):
        for lang, kind, text in queries:
            t = time.perf_counter(); lib.search(text, lang=lang); d = (time.perf_counter() - t) * 1000
            ms.append(d); kinds.setdefault(kind, []).append(d)
    print(f"{label:48} p50 {percentile(ms,50):6.1f}  p95 {percentile(ms,95):6.1f}  max {max(ms):6.1f} | " +
          "  ".join(f"{k} {percentile(v,95):.1f}" for k, v in sorted(kinds.items())), flush=True)

run("as is")
run("as is (again)")
wq.Or.matcher_type = wq.Or.DEFAULT_MATCHER
run("E1 Or.matcher_type = DEFAULT_MATCHER")
orig_suggest = Library._suggest
Library._suggest = lambda self, *a, **k: None
run("E1+E2 no suggestion")
Library._suggest = orig_suggest
orig_snip = svc.make_snippet
svc.make_snippet = lambda body, terms, lang: Snippet(())
run("E1+E3 no snippets")
svc.make_snippet = orig_snip
orig_fuzzy = qm.fuzzy_terms
qm.fuzzy_terms = lambda reader, word, maxdist: []
run("E1+E4 no typo expansion")
qm.fuzzy_terms = orig_fuzzy
orig_prefix = qm.prefix_terms
qm.prefix_terms = lambda reader, prefix: []
run("E1+E6 no prefix completion")
qm.prefix_terms = orig_prefix
Library._suggest = lambda self, *a, **k: None
qm.fuzzy_terms = lambda reader, word, maxdist: []
svc.make_snippet = lambda body, terms, lang: Snippet(())
run("E1+E2+E3+E4: scoring only (+ prefix)")
qm.prefix_terms = lambda reader, prefix: []
run("E1..E6: scoring of exact words only")
