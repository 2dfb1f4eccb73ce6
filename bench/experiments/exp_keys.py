"""Keystroke figures on the shipped content and on a tldr folder (perf-keys experiments).

    python bench/experiments/exp_keys.py [--tldr DIR] [--n N] [--only shipped|tldr] [--profile OUT]

Runs bench/worker.py keys in a fresh process with temporary data and a
given cache dir (ASEANTUI_CACHE_DIR from the environment, else /tmp/perfkeys/cache)
and prints shown/updated/painted p50/p95/max.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rows(path: Path, n: int | None) -> list[list[str]]:
    out = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
    if n is None or n >= len(out):
        return out
    step = len(out) / n
    return [out[int(i * step)] for i in range(n)]


def run(opts: dict[str, object], profile: str | None, code: str | None) -> dict[str, object]:
    env = dict(os.environ)
    if code:  # another state of the code: a folder holding src/aseantui (and content/)
        env["PYTHONPATH"] = str(Path(code) / "src")
    env.setdefault("ASEANTUI_CACHE_DIR", "/tmp/perfkeys/cache")
    cmd = [sys.executable]
    if profile:
        cmd += ["-m", "cProfile", "-o", profile]
    cmd += [str(ROOT / "bench" / "worker.py"), "keys", json.dumps(opts)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tldr", default="/tmp/perfkeys/tldr")
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--only", default="shipped,tldr")
    parser.add_argument("--profile", default=None)
    parser.add_argument("--code", default=None, help="measure the code in DIR/src")
    parser.add_argument("--pace", type=int, default=0, help="ms between keys (0: wait for results)")
    args = parser.parse_args()
    for which in args.only.split(","):
        with tempfile.TemporaryDirectory() as data:
            opts: dict[str, object] = {"data": data, "pace_ms": args.pace}
            if which == "tldr":
                opts["content"] = args.tldr
                opts["queries"] = rows(ROOT / "bench" / "queries-tldr.tsv", args.n)
            else:
                opts["queries"] = rows(ROOT / "bench" / "queries.tsv", args.n)
            prof = f"{args.profile}.{which}" if args.profile else None
            result = run(opts, prof, args.code)
        line = [f"{args.code or 'this':>20} {which:8} pace={args.pace}",
                f"keys={result['keys']} timeouts={result['timeouts']}"]
        for measure in ("shown", "updated", "painted"):
            s = result.get(measure)
            if isinstance(s, dict):
                line.append(f"{measure} {s['p50_ms']:.0f}/{s['p95_ms']:.0f}/{s['max_ms']:.0f}")
        print("  ".join(line) + "   (p50/p95/max ms)")
        print("   slowest:", result.get("slowest"))


if __name__ == "__main__":
    main()
