"""Start an app headless, say when it is ready for input, and exit (run as a subprocess).

    python bench/launch.py baseline            # minimal Textual app (the yardstick)
    python bench/launch.py app [--search Q]... # aseantui, exactly as `make_app` builds it
    python bench/launch.py baseline --tty      # the baseline in a real terminal, until quit

The parent passes a pipe's write end in BENCH_READY_FD and notes the time
when "usable" and "ready" arrive: process start to each, interpreter start-up
and imports included, the same for both apps. *Usable*: the first screen
refresh after the screen is mounted, with the search box focused (the
baseline: its Input). *Ready*: the baseline when usable; aseantui when the
library (the loaded corpus and the open index) has been handed to the home
screen. With --search the app then searches each query through its search
box (for peak memory) and writes a JSON line with what it saw before exiting.

Deliberately imports nothing but the standard library before the app's own
imports, so the two start-ups differ only in what the apps need.
"""

from __future__ import annotations

import os
import sys
import time

_FD = int(os.environ.get("BENCH_READY_FD", "-1"))
_T0 = float(os.environ.get("BENCH_T0", "nan"))
"""time.monotonic() in the parent just before it started this process (one clock system-wide)."""
_PHASES: dict[str, float] = {}


def _mark(name: str) -> None:
    """Note when a phase of the start-up ends (seconds since the parent's BENCH_T0)."""
    _PHASES.setdefault(name, round(time.monotonic() - _T0, 4))


_mark("interpreter")


def _say(line: str) -> None:
    if _FD >= 0:
        os.write(_FD, (line + "\n").encode())
    else:  # run by hand
        sys.__stderr__.write(line + "\n")


BASELINE_TEXT = "A minimal Textual app."
"""What the baseline shows once painted (bench/sections/terminal.py waits for it)."""


def baseline(tty: bool = False) -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input, MarkdownViewer

    _mark("imports")

    class Baseline(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Input(placeholder="Search")
            yield MarkdownViewer(f"# Baseline\n\n{BASELINE_TEXT}", show_table_of_contents=False)
            yield Footer()

        def on_mount(self) -> None:
            if not tty:
                self.call_after_refresh(self.painted)

        def painted(self) -> None:
            if not isinstance(self.focused, Input):
                _say("unfocused")
            for mark in ("usable", "ready"):
                _say(mark)
                _mark(mark)
            self.exit()

    if tty:
        Baseline().run()
    else:
        Baseline().run(headless=True, size=(100, 30))
        _say_phases()
    return 0


def _say_phases() -> None:
    import json
    import math

    if not math.isnan(_T0):
        _say("phases " + json.dumps(_PHASES))


def app(searches: list[str]) -> int:
    import asyncio

    from aseantui.search.service import Library
    from aseantui.tui.app import make_app
    from aseantui.tui.screens.main import MainScreen

    _mark("imports")
    seen: dict[str, object] = {}
    done: set[str] = set()

    def shown(screen: MainScreen) -> None:
        _mark("home screen mounted")
        screen.call_after_refresh(usable, screen)

    def usable(screen: MainScreen) -> None:
        from textual.widgets import Input

        if not isinstance(screen.focused, Input):
            _say("unfocused")
        _say("usable")
        _mark("usable")
        done.add("usable")
        if "ready" in done:
            screen.app.call_later(after_ready, screen)

    async def ready(screen: MainScreen) -> None:
        _say("ready")
        _mark("ready")
        done.add("ready")
        if "usable" in done:
            screen.app.call_later(after_ready, screen)

    app_class = None
    if hasattr(MainScreen, "Ready"):
        # The screen says when it is mounted and ready with public messages.
        from aseantui.tui.app import AseanApp

        class BenchApp(AseanApp):
            def on_main_screen_shown(self) -> None:
                shown(self.main_screen())  # type: ignore[arg-type]

            async def on_main_screen_ready(self, event: MainScreen.Ready) -> None:
                await ready(self.main_screen())  # type: ignore[arg-type]

        app_class = BenchApp
    else:  # a snapshot from before the messages (bench compares commits)
        original = MainScreen._library_ready  # type: ignore[attr-defined]

        async def library_ready(self: MainScreen, library: object) -> None:
            _mark("library handed to the screen")
            await original(self, library)
            await ready(self)

        MainScreen._library_ready = library_ready  # type: ignore[attr-defined]
        mount = MainScreen.on_mount

        def on_mount(self: MainScreen) -> None:  # Textual passes the event only if asked
            mount(self)
            shown(self)

        MainScreen.on_mount = on_mount  # type: ignore[method-assign]

    # Where the time goes: thin wrappers that only note when each step ends.
    def traced(cls: type, name: str, label: str) -> None:
        method = getattr(cls, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            result = method(*args, **kwargs)
            _mark(label)
            return result

        setattr(cls, name, wrapper)

    traced(Library, "__init__", "corpus loaded (Library created)")
    traced(Library, "open_index", "index open")

    async def after_ready(screen: MainScreen) -> None:
        from textual.widgets import Input

        box = screen.query_one("#search", Input)
        for query in searches:
            before = screen.results
            box.value = query
            deadline = time.monotonic() + 60
            while not (screen.results is not before and screen.query_text == query):
                if time.monotonic() > deadline:
                    seen[query] = "timeout"
                    break
                await asyncio.sleep(0.002)
            else:
                assert screen.results is not None
                seen[query] = screen.results.total
        screen.app.exit()

    instance = make_app(app_class=app_class) if app_class else make_app()
    instance.run(headless=True, size=(100, 30))
    _say_phases()
    if searches:
        import json

        _say("searched " + json.dumps(seen))
    return 0


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "app"
    searches = [argv[i + 1] for i, a in enumerate(argv) if a == "--search" and i + 1 < len(argv)]
    if mode == "baseline":
        return baseline(tty="--tty" in argv)
    if mode == "app":
        return app(searches)
    sys.__stderr__.write(f"unknown mode {mode!r}\n")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
