# ruff: noqa  (one-off experiment script; see README.md here)
import sys
from pathlib import Path
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))

from bench.run import load_queries
from whoosh import query as wq
from aseantui.search.service import Library
import aseantui.search.service as svc
import aseantui.search.query as qm
content = None if sys.argv[1] == "-" else Path(sys.argv[1]); cache = Path(sys.argv[2]); share = float(sys.argv[3])
lib = Library(content, cache_dir=cache); lib.open_index()
queries = load_queries()
base = {t: [h.id for h in lib.search(t, lang=l).hits] for l, k, t in queries}
orig = qm.parse
def parse(text, reader):
    c = orig(text, reader); n = reader.doc_count_all()
    leaves = [x for x in c.query.leaves() if isinstance(x, wq.Term)]
    rare = [x for x in leaves if reader.doc_frequency(x.fieldname, x.text) <= share * n]
    if rare and len(rare) < len(leaves):
        c.query = c.query.accept(lambda node: wq.NullQuery if isinstance(node, wq.Term) and reader.doc_frequency(node.fieldname, node.text) > share * n else node).normalize()
    return c
svc.parse = parse
same1 = same3 = 0
for l, k, t in queries:
    new = [h.id for h in lib.search(t, lang=l).hits]
    same1 += new[:1] == base[t][:1]; same3 += set(new[:3]) == set(base[t][:3])
    if new[:3] != base[t][:3]: print(f"  {t!r}: {base[t][:3]} -> {new[:3]}")
print(f"share {share}: top-1 same {same1}/{len(queries)}, top-3 set same {same3}/{len(queries)}")
