# ruff: noqa  (one-off experiment script; see README.md here)
import os, sys, tempfile, pickle, statistics, json
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from pathlib import Path
from bench.common import run_child
from aseantui.content.load import load_corpus
from aseantui.paths import shipped_content
pk = tempfile.mktemp(suffix=".pickle")
open(pk, "wb").write(pickle.dumps(load_corpus(shipped_content()), protocol=pickle.HIGHEST_PROTOCOL))
cache = tempfile.mkdtemp(); data = tempfile.mkdtemp()
env = {"ASEANTUI_CACHE_DIR": cache, "ASEANTUI_DATA_DIR": data, "CORPUS_PICKLE": pk}
L = str(Path(__file__).resolve().parents[1] / "launch.py"); C = str(Path(__file__).resolve().parent / "launch_cached.py")
run_child([L, "app"], env); run_child([L, "baseline"], env); run_child([C, "cached"], env)
res = {"baseline": [], "app": [], "cached": []}
ph = {"app": [], "cached": []}
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 7):
    res["baseline"].append(run_child([L, "baseline"], env).ready_s)
    for name, args in (("app", [L, "app"]), ("cached", [C, "cached"])):
        c = run_child(args, env); res[name].append(c.ready_s)
        ph[name] += [json.loads(l.split(" ", 1)[1]) for l in c.lines if l.startswith("phases ")]
b = statistics.median(res["baseline"])
for k, v in res.items():
    print(f"{k:9} median {statistics.median(v)*1000:6.0f} ms  ratio {statistics.median(v)/b:.2f}")
for k, v in ph.items():
    keys = v[0].keys()
    print(k, {kk: round(statistics.median(p[kk] for p in v) * 1000) for kk in keys})
