# ruff: noqa  (one-off experiment script; see README.md here)
import sys, time
from pathlib import Path
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from bench.run import load_queries
from bench.common import percentile
from whoosh import query as wq
from aseantui.search.service import Library
import aseantui.search.service as svc
import aseantui.search.query as qm
content, cache = Path(sys.argv[1]), Path(sys.argv[2])
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 2
lib = Library(content, cache_dir=cache); lib.open_index(); lib.search("kerjasama", lang="id")
queries = load_queries()
def run(label):
    ms, kinds = [], {}
    for _ in range(reps):
        for lang, kind, text in queries:
            t = time.perf_counter(); lib.search(text, lang=lang); d = (time.perf_counter() - t) * 1000
            ms.append(d); kinds.setdefault(kind, []).append(d)
    print(f"{label:52} p50 {percentile(ms,50):6.1f}  p95 {percentile(ms,95):6.1f}  max {max(ms):6.1f} | " +
          "  ".join(f"{k} {percentile(v,95):.1f}" for k, v in sorted(kinds.items())), flush=True)
run("as is")
for n in (8, 4):
    qm.MAX_EXPANSIONS = n
    run(f"E8 at most {n} prefix/typo expansions")
qm.MAX_EXPANSIONS = 24
orig_parse = qm.parse
def make_parse(share):
    def parse(text, reader):
        compiled = orig_parse(text, reader)
        n = reader.doc_count_all()
        leaves = [l for l in compiled.query.leaves() if isinstance(l, wq.Term)]
        rare = [l for l in leaves if reader.doc_frequency(l.fieldname, l.text) <= share * n]
        if rare and len(rare) < len(leaves):
            def drop(node):
                if isinstance(node, wq.Term) and reader.doc_frequency(node.fieldname, node.text) > share * n:
                    return wq.NullQuery
                return node
            compiled.query = compiled.query.accept(drop).normalize()
        return compiled
    return parse
for share in (0.5, 0.2):
    svc.parse = make_parse(share)
    run(f"E7 drop terms in > {int(share*100)}% of entries (if rarer ones)")
    qm.MAX_EXPANSIONS = 8
    run(f"E7+E8(8) drop > {int(share*100)}% and 8 expansions")
    qm.MAX_EXPANSIONS = 24
svc.parse = orig_parse
