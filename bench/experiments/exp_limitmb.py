# ruff: noqa  (one-off experiment script; see README.md here)
import sys, time, tempfile, resource
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from pathlib import Path
from aseantui.content.load import load_corpus
from aseantui.search import store
from aseantui.search.service import Library
folder = Path(sys.argv[2])
corpus = load_corpus(folder)
mb = int(sys.argv[1])
store.MULTIPROCESS_MIN = 10**12
def write(ix, ids, make, procs=1):
    writer = ix.writer(limitmb=mb)
    for entry_id in ids:
        writer.add_document(**make(entry_id))
    writer.commit()
store._write_documents = write
lib = Library(folder, cache_dir=Path(tempfile.mkdtemp()), corpus=corpus)
t = time.perf_counter(); lib.open_index(rebuild=True)
print(f"limitmb={mb}: {time.perf_counter() - t:.2f} s, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MB", flush=True)
