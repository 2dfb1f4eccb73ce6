# ruff: noqa  (one-off experiment script; see README.md here)
import sys, time, pickle, statistics
from pathlib import Path
import yaml
from aseantui.content.load import load_corpus
from aseantui.paths import shipped_content
import aseantui.content.parse as parse_mod
import aseantui.content.yamlload as yl
root = Path(sys.argv[1]) if len(sys.argv) > 1 else shipped_content()
def med(fn, n=7):
    ds = []
    for _ in range(n):
        t = time.perf_counter(); out = fn(); ds.append(time.perf_counter() - t)
    return statistics.median(ds) * 1000, out
ms, corpus = med(lambda: load_corpus(root))
print(f"load_corpus: {ms:.1f} ms, {len(corpus.articles)} articles")
# YAML share: time load_yaml on the front matters alone
fronts = []
for p in sorted(root.rglob("*.md")):
    text = p.read_text()
    if text.startswith("---"):
        fronts.append(text.split("\n---", 1)[0][4:])
ms_y, _ = med(lambda: [yl.load_yaml(f) for f in fronts])
print(f"  front matter via load_yaml (pure-Python SafeLoader subclass): {ms_y:.1f} ms")
ms_c, _ = med(lambda: [yaml.load(f, Loader=yaml.CSafeLoader) for f in fronts])
print(f"  same with yaml.CSafeLoader (libyaml): {ms_c:.1f} ms")
ms_e, _ = med(lambda: [list(yaml.parse(f, Loader=yaml.CSafeLoader)) for f in fronts])
print(f"  libyaml event pre-scan (for the alias/depth checks): {ms_e:.1f} ms")
md = parse_mod.markdown_parser()
bodies = [p.read_text() for p in sorted(root.rglob("*.md"))]
ms_m, _ = med(lambda: [md.parse(b) for b in bodies])
print(f"  markdown-it parse of all files: {ms_m:.1f} ms")
blob = pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL)
ms_p, _ = med(lambda: pickle.loads(blob))
print(f"  pickle of the parsed corpus: {len(blob)/1024:.0f} KB, loads in {ms_p:.1f} ms")
ms_s, _ = med(lambda: [(p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*.md")])
print(f"  stat() of every file (cache validation): {ms_s:.1f} ms")
import hashlib
ms_h, _ = med(lambda: [hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.md")])
print(f"  read + sha256 of every file (cache validation by content): {ms_h:.1f} ms")
