# ruff: noqa  (one-off experiment script; see README.md here)
"""bench/launch.py app, with the corpus read from a pickle (simulates a parsed-corpus cache)."""
import os, sys, time
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
import launch  # noqa: E402  (marks 'interpreter')
mode = sys.argv[1]
if mode == "cached":
    import pickle
    blob = open(os.environ["CORPUS_PICKLE"], "rb").read()
    import aseantui.search.service as svc
    svc.load_corpus = lambda root: pickle.loads(blob)
raise SystemExit(launch.app([]))
