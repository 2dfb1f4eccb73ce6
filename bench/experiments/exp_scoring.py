# ruff: noqa  (one-off experiment script; see README.md here)
import sys, time
from pathlib import Path
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from bench.run import load_queries
from bench.common import percentile
from whoosh import query as wq
from aseantui.search.service import Library
from aseantui.search.query import parse
content, cache = Path(sys.argv[1]), Path(sys.argv[2])
lib = Library(content, cache_dir=cache); lib.open_index(); lib.search("kerjasama", lang="id")
s = lib.searcher(); r = s.reader()
print("docs", s.doc_count(), "segments", len(lib._ix._segments()))
print("df text_en:asean", r.doc_frequency("text_en", "asean"), "df plain:secretariat", r.doc_frequency("plain", "secretariat"))
def t(label, fn, n=5):
    ds = []
    for _ in range(n):
        a = time.perf_counter(); out = fn(); ds.append((time.perf_counter() - a) * 1000)
    print(f"{label:60} median {sorted(ds)[n//2]:7.1f} ms  -> {out}")
t("Term text_en:asean, limit 10, optimize=False", lambda: len(s.search(wq.Term("text_en", "asean"), limit=10, optimize=False)))
t("Term text_en:asean, limit 10, optimize=True", lambda: s.search(wq.Term("text_en", "asean"), limit=10).scored_length())
for text in ["struktur organisasi sekretariat asean", "headquarters of the asean secretariat", "asean secretariat ", "secretariat headq"]:
    c = parse(text, r)
    n_terms = len(list(c.query.iter_all_terms()))
    t(f"'{text}' ({n_terms} terms) parse", lambda: len(list(parse(text, r).query.iter_all_terms())))
    t(f"'{text}' search optimize=False", lambda: len(s.search(c.query, limit=10, optimize=False)))
    t(f"'{text}' search optimize=True", lambda: s.search(c.query, limit=10).scored_length())
    t(f"'{text}' Library.search", lambda: lib.search(text).total)
