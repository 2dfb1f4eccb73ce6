# ruff: noqa  (one-off experiment script; see README.md here)
"""Issue 14's large-folder rows: first build and warm CLI search on tldr-pages.

    python bench/experiments/exp_large_folder.py [TLDR] [--rounds N] [--code SRC ...]

TLDR is ../shared/corpora/tldr by default. Its `pages/common` and `pages/linux`
(6,642 files) are copied to a temporary folder as `pages/common`, `pages/linux`.
For each SRC (a `src` folder to import, e.g. an older commit's, made with
`git archive COMMIT src | tar -x -C DIR`; default: the installed package) it
measures, each in a new process, with its own empty cache dir:

* first build: `aseantui index --content DIR` (wall, CPU of the process and
  of its children, peak RSS);
* warm search: `aseantui search QUERY --content DIR`, ROUNDS times, the
  SRCs alternating (median and min of wall and CPU).

Bytecode is written (PYTHONDONTWRITEBYTECODE is unset), as an installed wheel
has it: with it set, every run compiles aseantui's sources again (~0.1 s).
"""
import os, resource, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

QUERY = "extract archive"


def run(args, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
    return wall, cpu, after.ru_maxrss // 1024, done


def main():
    argv = sys.argv[1:]
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 10
    codes = [argv[i + 1] for i, a in enumerate(argv) if a == "--code"] or [""]
    positional = [a for i, a in enumerate(argv) if not a.startswith("--")
                  and (i == 0 or argv[i - 1] not in ("--rounds", "--code"))]
    tldr = Path(positional[0]) if positional else Path(__file__).resolve().parents[3] / "shared/corpora/tldr"
    with tempfile.TemporaryDirectory(prefix="large-folder-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "tldr"
        for part in ("common", "linux"):
            shutil.copytree(tldr / "pages" / part, folder / "pages" / part)
        print(f"{sum(1 for _ in folder.rglob('*.md'))} files in {folder}")
        envs = []
        for n, code in enumerate(codes):
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env.update(ASEANTUI_CACHE_DIR=str(tmp / f"cache{n}"), ASEANTUI_DATA_DIR=str(tmp / "data"),
                       NO_COLOR="1")
            if code:
                env["PYTHONPATH"] = code
            envs.append(env)
            wall, cpu, rss, done = run([sys.executable, "-m", "aseantui", "index", "--content", str(folder)], env)
            print(f"[{code or 'installed'}] first build: {wall:.1f} s wall, {cpu:.1f} s CPU "
                  f"(with worker processes), peak RSS {rss} MB; {done.stdout.splitlines()[-1]}")
        time.sleep(3.5)  # stamps count only once a file is 3 s old (search/fresh.py)
        samples = {n: [] for n in range(len(codes))}
        for n, env in enumerate(envs):  # warm-up: bytecode written, caches settled
            run([sys.executable, "-m", "aseantui", "search", QUERY, "--content", str(folder)], env)
        for _ in range(rounds):
            for n, env in enumerate(envs):
                wall, cpu, _, _ = run([sys.executable, "-m", "aseantui", "search", QUERY,
                                       "--content", str(folder)], env)
                samples[n].append((wall, cpu))
        for n, code in enumerate(codes):
            walls = [w for w, _ in samples[n]]
            cpus = [c for _, c in samples[n]]
            print(f"[{code or 'installed'}] warm search x{rounds}: wall median {statistics.median(walls)*1000:.0f} ms "
                  f"(min {min(walls)*1000:.0f}), CPU median {statistics.median(cpus)*1000:.0f} ms "
                  f"(min {min(cpus)*1000:.0f})")
        print("load average:", os.getloadavg())


if __name__ == "__main__":
    main()
