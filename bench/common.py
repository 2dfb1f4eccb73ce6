"""Small helpers shared by the benchmark's parts: statistics, machine, subprocesses."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def percentile(values: list[float], pct: float) -> float:
    """Linear-interpolated percentile (like numpy's default); nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict[str, Any]:
    """p50/p95/max/mean (in ms) of a list of durations in seconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "max_ms": round(max(ms), 3) if ms else float("nan"),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else float("nan"),
    }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def dir_size(path: Path) -> int:
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += (Path(folder) / name).stat().st_size
            except OSError:
                pass
    return total


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _mem_total_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def _git() -> dict[str, Any]:
    def run(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    return {"commit": run("rev-parse", "--short", "HEAD"),
            "dirty": bool(run("status", "--porcelain", "--", "src"))}


def src_digest(root: Path = ROOT) -> str:
    """A digest of the package source and content under `root` (src/ and content/)."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("src", "content"):
        for path in sorted((root / folder).rglob("*")):
            # (src/aseantui/data: what a snapshot adds to look like the wheel)
            if path.is_file() and "__pycache__" not in path.parts \
                    and path.relative_to(root).parts[:3] != ("src", "aseantui", "data"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def use_code(folder: Path) -> Path:
    """Import aseantui from `folder`/src (a snapshot), here and in every subprocess."""
    source = str(folder.resolve() / "src")
    sys.path.insert(0, source)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [source, *filter(None, [os.environ.get("PYTHONPATH")])])
    return folder.resolve()


def snapshot(workdir: Path) -> Path | None:
    """Copy src/ and content/ of this checkout to `workdir`/snapshot; None if not a checkout.

    The benchmark then imports the copy (PYTHONPATH, here and in every
    subprocess), so a whole run measures one state of the code even while
    the working tree is being edited. `python -m bench.common snapshot DIR`
    makes one to measure (--code DIR) and profile (PYTHONPATH=DIR/src) alike.

    The copy is laid out as the wheel installs it: the content and, where the
    code can make it (hatch_build.py), the prebuilt index under
    aseantui/data/. A cold start then measures a user's first launch.
    """
    import compileall
    import shutil

    if not (ROOT / "src" / "aseantui" / "__init__.py").is_file():
        return None
    target = workdir / "snapshot"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "src", target / "src", ignore=ignore)
    if (ROOT / "content").is_dir():
        shutil.copytree(ROOT / "content", target / "content", ignore=ignore)
    wheel_layout(target)
    compileall.compile_dir(target / "src", quiet=1)
    return use_code(target)


def wheel_layout(target: Path) -> None:
    """Add to the snapshot in `target` what the wheel adds under aseantui/data/.

    The content, and the prebuilt index when the snapshot's code can make it
    (hatch_build.py; commits before it had none).
    """
    import shutil

    content = target / "content"
    data = target / "src" / "aseantui" / "data"
    if not content.is_dir() or (data / "content").exists():
        return
    shutil.copytree(content, data / "content")
    if (target / "src" / "aseantui" / "search" / "prebuilt.py").is_file():
        subprocess.run(
            [sys.executable, "-m", "aseantui.search.prebuilt", str(data / "content"),
             str(data / "prebuilt")], check=True, stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(target / "src")})


def _cpu_jiffies() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def machine_busy(window: float = 0.5) -> float | None:
    """Share of all CPUs busy over `window` seconds (0..1); None where unknown."""
    before = _cpu_jiffies()
    time.sleep(window)
    after = _cpu_jiffies()
    if before is None or after is None or after[1] == before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])


def wait_for_quiet(max_wait: float, threshold: float = 0.2) -> float | None:
    """Wait (up to `max_wait` s) until other work uses under `threshold` of the CPUs.

    Returns the last busy share seen, recorded next to each measurement: the
    benchmark shares its machine, and a busy machine slows every figure.
    """
    busy = machine_busy()
    deadline = time.monotonic() + max_wait
    while busy is not None and busy > threshold and time.monotonic() < deadline:
        busy = machine_busy(1.0)
    return None if busy is None else round(busy, 3)


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_mb": _mem_total_mb(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": f"{platform.system()} {platform.release()}",
        "platform": platform.platform(),
        "packages": {d: _version(d) for d in
                     ("aseantui", "textual", "whoosh3", "markdown-it-py", "PySastrawi")},
        "git": _git(),
    }


@dataclass
class Child:
    """What one benchmark subprocess reported."""

    ready_s: float | None
    maxrss_mb: float
    lines: list[str]
    returncode: int
    stderr: str
    wall_s: float
    marks: dict[str, float]
    """When each one-word line ("usable", "ready") first arrived, s after the start."""
    cpu_s: float
    """The child's user + system CPU time (from wait4): steadier than wall time when
    other work shares the machine."""


def run_child(args: list[str], env: dict[str, str], timeout: float = 600) -> Child:
    """Run `python ARGS` with a pipe in BENCH_READY_FD; time when 'ready' arrives.

    The child's own peak RSS comes from wait4 (this child only, not its siblings).
    """
    import select
    import tempfile

    read_fd, write_fd = os.pipe()
    errors = tempfile.TemporaryFile()
    full_env = dict(os.environ, **env, BENCH_READY_FD=str(write_fd),
                    BENCH_T0=repr(time.monotonic()))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args], env=full_env, pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
        cwd=ROOT,
    )
    os.close(write_fd)
    marks: dict[str, float] = {}
    buffer = b""
    deadline = start + timeout
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                proc.kill()
                break
            readable, _, _ = select.select([read_fd], [], [], left)
            if not readable:
                continue
            chunk = os.read(read_fd, 65536)
            now = time.perf_counter()
            if not chunk:
                break
            buffer += chunk
            for line in buffer.split(b"\n")[:-1]:
                if line and b" " not in line:
                    marks.setdefault(line.decode("utf-8", "replace"), now - start)
    finally:
        os.close(read_fd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    stderr = errors.read().decode("utf-8", "replace")
    errors.close()
    return Child(marks.get("ready"), usage.ru_maxrss / 1024,
                 buffer.decode("utf-8", "replace").splitlines(), proc.returncode, stderr[-4000:],
                 wall, marks, usage.ru_utime + usage.ru_stime)


@dataclass
class Timed:
    """A whole command's run: wall and CPU time, its output and when each piece came."""

    wall_s: float
    cpu_s: float
    returncode: int
    stdout: str
    stderr: str
    chunks: list[tuple[float, str]]
    """(seconds after the start, text) of every piece of output, both streams."""


def run_command(argv: list[str], env: dict[str, str], timeout: float = 3600,
                tty_stderr: bool = False) -> Timed:
    """Run `argv` as a user would (no pipe but its own output); time the whole process.

    `tty_stderr`: stderr is a terminal (a pseudo-terminal read here), as when a
    user runs the command, so what it says only to a terminal (progress) is seen.
    """
    import selectors

    err_fd = -1
    if tty_stderr:
        import pty

        err_fd, child_err = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=dict(os.environ, **env), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE,
                            stderr=child_err if tty_stderr else subprocess.PIPE, cwd=ROOT)
    if tty_stderr:
        os.close(child_err)
    assert proc.stdout is not None and (proc.stderr is not None or tty_stderr)
    err_stream = open(err_fd, "rb", buffering=0) if tty_stderr else proc.stderr  # noqa: SIM115
    assert err_stream is not None
    streams = {proc.stdout: "out", err_stream: "err"}
    text = {"out": b"", "err": b""}
    chunks: list[tuple[float, str]] = []
    with selectors.DefaultSelector() as selector:
        for stream in streams:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            left = start + timeout - time.perf_counter()
            if left <= 0:
                proc.kill()
                break
            for key, _ in selector.select(left):
                try:
                    data = os.read(key.fd, 65536)
                except OSError:  # a pseudo-terminal whose other end closed (EIO)
                    data = b""
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                name = streams[key.fileobj]  # type: ignore[index]
                text[name] += data
                chunks.append((time.perf_counter() - start, data.decode("utf-8", "replace")))
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    err_stream.close()
    return Timed(wall, usage.ru_utime + usage.ru_stime, proc.returncode,
                 text["out"].decode("utf-8", "replace"), text["err"].decode("utf-8", "replace"),
                 chunks)


def run_worker(command: str, options: dict[str, Any], env: dict[str, str],
               timeout: float = 3600) -> dict[str, Any]:
    """Run `bench/worker.py COMMAND` in a fresh process; its JSON answer plus peak RSS."""
    args = [str(BENCH / "worker.py"), command, json.dumps(options)]
    child = run_child(args, env, timeout)
    answers = [line for line in child.lines if line.startswith("{")]
    if child.returncode != 0 or not answers:
        raise RuntimeError(f"worker {command} failed ({child.returncode}):\n{child.stderr}")
    result: dict[str, Any] = json.loads(answers[-1])
    result["maxrss_mb"] = round(child.maxrss_mb, 1)
    return result


if __name__ == "__main__":
    if sys.argv[1:2] == ["snapshot"] and len(sys.argv) == 3:
        made = snapshot(Path(sys.argv[2]))
        print(f"{made} {src_digest(made) if made else ''}")
    elif sys.argv[1:2] == ["layout"] and len(sys.argv) == 3:
        wheel_layout(Path(sys.argv[2]))
    else:
        print("usage: python -m bench.common snapshot DIR | layout SNAPSHOT", file=sys.stderr)
