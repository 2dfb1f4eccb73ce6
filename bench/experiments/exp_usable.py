# ruff: noqa  (one-off experiment script; see README.md here)
"""Start-up to a usable screen, headless and in tmux, against the bare Textual app.

    python bench/experiments/exp_usable.py headless [ROUNDS]
    python bench/experiments/exp_usable.py tmux [ROUNDS]

headless: process start to the app's `MainScreen.Usable` (home painted, search
box focused) and to `MainScreen.Ready` (library loaded), against the baseline
of bench/launch.py ("ready" in on_mount, before its first paint) and the same
baseline after its first paint. Runs alternate, one machine, one run.
tmux: `tmux new-session -d -x 100 -y 30 CMD` to the first `capture-pane -p`
that shows the home text (the baseline: its Markdown text), polled every 5 ms.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
LAUNCH = str(ROOT / "bench" / "launch.py")
ME = str(Path(__file__).resolve())


# -- children ------------------------------------------------------------------------
def _say(line):
    fd = int(os.environ.get("BENCH_READY_FD", "-1"))
    if fd >= 0:
        os.write(fd, (line + "\n").encode())


T0 = float(os.environ.get("BENCH_T0", "nan"))
PHASES = {}


def _mark(name):
    if T0 == T0:
        PHASES.setdefault(name, round((time.monotonic() - T0) * 1000))


def baseline_widgets():
    """The bare app of bench/launch.py: Header, Input, MarkdownViewer, Footer."""
    from textual.widgets import Footer, Header, Input, MarkdownViewer

    yield Header()
    yield Input(placeholder="Search")
    yield MarkdownViewer("# Baseline\n\nA minimal Textual app.", show_table_of_contents=False)
    yield Footer()


def child_baseline(stay):
    from textual.app import App
    from textual.widgets import Footer, Header, Input, MarkdownViewer  # timed as imports

    _mark("imports")

    class Baseline(App):
        def compose(self):
            yield from baseline_widgets()

        def on_mount(self):
            _mark("mounted")
            self.call_after_refresh(self.painted)

        def painted(self):
            _mark("painted")
            _say("ready")
            if stay and os.environ.get("PHASES_FILE"):
                Path(os.environ["PHASES_FILE"]).write_text(json.dumps(PHASES))
            if not stay:
                self.exit()

    Baseline().run(headless=not stay, size=(100, 30))
    _say("phases " + json.dumps(PHASES))


def child_app(tty=False):
    from aseantui.tui.app import AseanApp, make_app

    _mark("imports")

    class BenchApp(AseanApp):
        def on_main_screen_shown(self):
            _mark("shown")

        def on_main_screen_usable(self):
            _mark("usable")
            _say("ready")

        def on_main_screen_ready(self):
            _mark("library ready")
            if not tty:
                self.exit()
            elif os.environ.get("PHASES_FILE"):
                Path(os.environ["PHASES_FILE"]).write_text(json.dumps(PHASES))

    if tty:
        make_app(app_class=BenchApp).run()
        return
    make_app(app_class=BenchApp).run(headless=True, size=(100, 30))
    _say("phases " + json.dumps(PHASES))
    mods = sorted(m for m in sys.modules if m.split(".")[0] in ("whoosh", "markdown_it", "yaml"))
    _say("heavy " + json.dumps(len(mods)))


def profile(which):
    """cProfile from the end of imports to the first paint (usable), top entries."""
    import cProfile, pstats
    from textual.app import App
    from aseantui.tui.app import AseanApp, make_app

    prof = cProfile.Profile()

    class Baseline(App):
        def compose(self):
            yield from baseline_widgets()

        def on_mount(self):
            self.call_after_refresh(self.done)

        def done(self):
            prof.disable()
            self.exit()

    class BenchApp(AseanApp):
        def on_main_screen_usable(self):
            prof.disable()
            self.exit()

    app = Baseline() if which == "baseline" else make_app(app_class=BenchApp)
    t = time.perf_counter()
    prof.enable()
    app.run(headless=True, size=(100, 30))
    print(f"{which}: {(time.perf_counter() - t) * 1000:.0f} ms wall to the end of the run")
    st = pstats.Stats(prof).strip_dirs()
    st.sort_stats("cumulative").print_stats(int(os.environ.get("TOP", "45")))
    st.sort_stats("tottime").print_stats(25)
    for name in os.environ.get("CALLERS", "").split(","):
        if name:
            st.print_callers(name)


# -- parent ---------------------------------------------------------------------------
def headless(rounds):
    from bench.common import run_child

    env = {"ASEANTUI_CACHE_DIR": tempfile.mkdtemp(), "ASEANTUI_DATA_DIR": tempfile.mkdtemp()}
    for _ in range(2):  # builds the index and the saved home
        run_child([ME, "child-app"], env)
    before = os.environ.get("BEFORE_SRC")  # the code before, for "launch.py app" side by side
    kinds = {
        "baseline (launch.py: on_mount)": ([LAUNCH, "baseline"], {}),
        "baseline, first paint": ([ME, "child-baseline"], {}),
        "aseantui, usable": ([ME, "child-app"], {}),
        "launch.py app (library ready)": ([LAUNCH, "app"], {}),
    }
    if before:
        kinds["BEFORE: launch.py app (library ready)"] = ([LAUNCH, "app"], {"PYTHONPATH": before})
        run_child([LAUNCH, "app"], {**env, "PYTHONPATH": before})
    runs = {k: [] for k in kinds}
    phases = {k: [] for k in kinds}
    for _ in range(rounds):
        for name, (args, extra) in kinds.items():
            c = run_child(args, {**env, **extra})
            runs[name].append(c.ready_s)
            for line in c.lines:
                if line.startswith("phases "):
                    phases[name].append(json.loads(line.split(" ", 1)[1]))
    base = statistics.median(runs["baseline (launch.py: on_mount)"])
    painted = statistics.median(runs["baseline, first paint"])
    for name, values in runs.items():
        m = statistics.median(values)
        print(f"{name:32} median {m * 1000:5.0f} ms  /launch.py baseline {m / base:.2f}x"
              f"  /painted baseline {m / painted:.2f}x")
        if phases[name]:
            keys = phases[name][0].keys()
            print("   phases (ms):", {k: statistics.median(p.get(k, 0) for p in phases[name]) for k in keys})


def tmux_time(socket, command, marker, env, timeout=20.0, linger=0.0):
    name = f"s{time.monotonic_ns()}"
    start = time.monotonic()
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", "100", "-y", "30", "-s", name,
                    *[f"-e{k}={v}" for k, v in env.items()], command], check=True)
    seen = None
    while time.monotonic() - start < timeout:
        out = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", name],
                             capture_output=True, text=True).stdout
        if (marker(out) if callable(marker) else marker in out):
            seen = time.monotonic() - start
            break
        time.sleep(0.005)
    time.sleep(linger)  # warm-up: let the app save its index and home
    subprocess.run(["tmux", "-L", socket, "kill-session", "-t", name], check=False)
    return seen


def tmux(rounds):
    socket = f"exp-usable-{os.getpid()}"
    env = {"ASEANTUI_CACHE_DIR": tempfile.mkdtemp(), "ASEANTUI_DATA_DIR": tempfile.mkdtemp(),
           "TERM": "xterm-256color"}
    before = os.environ.get("BEFORE_SRC")
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", "keep", "sleep 3600"], check=True)
    try:
        kinds = {
            "baseline": (f"{sys.executable} {ME} child-baseline-stay", "A minimal Textual app"),
            "aseantui": (f"{sys.executable} -m aseantui", "Search the ASEAN Secretariat encyclopedia"),
        }
        kinds["aseantui direct (make_app)"] = (f"{sys.executable} {ME} child-app-tty",
                                               "Search the ASEAN Secretariat encyclopedia")
        if before:
            kinds["BEFORE"] = (f"env PYTHONPATH={before} {sys.executable} -m aseantui",
                               "Search the ASEAN Secretariat encyclopedia")
        for cmd, _marker in list(kinds.values())[1:2] + list(kinds.values())[3:]:
            for _ in range(2):  # builds the index, saves home
                tmux_time(socket, cmd, lambda out: "More topics" in out and "Preparing" not in out, env,
                          linger=3.0)
        runs = {k: [] for k in kinds}
        for _ in range(rounds):
            for name, (cmd, marker) in kinds.items():
                runs[name].append(tmux_time(socket, cmd, marker, env))
        base = statistics.median(runs["baseline"])
        for name, values in runs.items():
            if None in values:
                print(name, "not seen in", values)
                values = [v for v in values if v is not None] or [float("nan")]
            m = statistics.median(values)
            print(f"tmux {name:10} median {m * 1000:5.0f} ms  ratio {m / base:.2f}x  runs {[round(v * 1000) for v in values]}")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False)


if __name__ == "__main__":
    mode = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 7
    if mode == "child-baseline":
        child_baseline(False)
    elif mode == "child-baseline-stay":
        child_baseline(True)
    elif mode == "child-app-tty":
        child_app(True)
    elif mode == "child-app":
        child_app()
    elif mode == "profile":
        profile(sys.argv[2])
    elif mode == "headless":
        headless(n)
    elif mode == "tmux":
        tmux(n)
