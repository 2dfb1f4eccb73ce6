"""Drive the installed `aseantui` in a real terminal (tmux), as a user would.

Pilot presses key *names*; a terminal sends *bytes* (Alt+1 arrives as ESC 1).
These helpers start the console script of the venv running the tests inside a
private tmux server, send keys or raw bytes, and read the screen back as text.

    with Terminal.start(["--lang", "en"], env=dirs) as term:
        term.wait_for("Core sections")
        term.send_bytes("\\x1b1")           # Alt+1 as terminals send it
        term.send_keys("Down", "Enter")     # tmux key names
        screen = term.wait_for(lambda text: "Location" in text)

Each Terminal has its own tmux socket (`-L`), so tests never see each other's
sessions or the user's; `close()` (or leaving the `with`) kills the server.
The tmux server does not inherit the test's environment: every variable the
app needs is passed explicitly on its command line.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pytest

TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
"""Mark for tests of this tier: skipped (with the reason) only where tmux is absent."""

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for the screen; the first start may build the search index."""


def aseantui_script() -> Path:
    """The `aseantui` console script of the venv running the tests."""
    bindir = Path(sys.executable).parent
    script = bindir / ("aseantui.exe" if os.name == "nt" else "aseantui")
    if not script.exists():
        pytest.fail(f"the aseantui console script is not installed next to {sys.executable}")
    return script


class Terminal:
    """One app running in a detached tmux session of a private tmux server."""

    def __init__(self, socket: str, session: str) -> None:
        self.socket = socket
        self.session = session

    # -- starting and stopping ------------------------------------------------
    @classmethod
    def start(
        cls,
        args: Sequence[str] = (),
        env: Mapping[str, str | Path] | None = None,
        size: tuple[int, int] = (100, 30),
        command: Sequence[str | Path] | None = None,
    ) -> Terminal:
        """Run `aseantui ARGS` (or `command`) in a `size` terminal with exactly `env` added.

        The app sees only LANG, LC_ALL, TERM (tmux's own), PATH, HOME and `env`:
        the screen looks as users see it, whatever the test run has set.
        """
        assert TMUX is not None, "use the needs_tmux mark"
        socket = f"aseantui-test-{uuid.uuid4().hex[:12]}"
        term = cls(socket, "app")
        argv = [str(part) for part in (command or [aseantui_script(), *args])]
        variables = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color",
                     "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                     "HOME": os.environ.get("HOME", "/tmp")}
        variables.update({key: str(value) for key, value in (env or {}).items()})
        # env -i: the tmux server copies the environment of whoever started it (the
        # test run: COLUMNS, NO_COLOR...); the app gets exactly `variables`.
        line = shlex.join(["env", "-i", *(f"{k}={v}" for k, v in variables.items()), *argv])
        width, height = size
        try:
            term._tmux("new-session", "-d", "-s", term.session, "-x", str(width),
                       "-y", str(height), line)
            term._tmux("set-option", "-t", term.session, "remain-on-exit", "on")
        except BaseException:
            term.close()
            raise
        return term

    def close(self) -> None:
        """Kill this terminal's tmux server (and the app in it)."""
        if TMUX is not None:
            subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True,
                           check=False, timeout=30)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # -- keys -------------------------------------------------------------------
    def send_keys(self, *keys: str) -> None:
        """Send tmux key names ("Enter", "Down", "BTab", "Escape", "C-l", "t")."""
        self._tmux("send-keys", "-t", self.session, *keys)

    def send_bytes(self, data: str) -> None:
        """Send `data` exactly as bytes from the keyboard ("\\x1b1" is Alt+1)."""
        encoded = data.encode("utf-8")
        self._tmux("send-keys", "-t", self.session, "-H", *(f"{b:02x}" for b in encoded))

    def type_text(self, text: str) -> None:
        """Type `text` literally, character by character as a terminal would send it."""
        self._tmux("send-keys", "-t", self.session, "-l", text)

    # -- the screen ---------------------------------------------------------------
    def capture(self) -> str:
        """The visible screen as text, one line per row."""
        return self._tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(
        self, expected: str | Callable[[str], bool], timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        """Poll the screen until it shows `expected` (text, or a test on the screen).

        Returns the screen; fails the test with the last screen if time runs out.
        """
        def check(text: str) -> bool:
            return expected in text if isinstance(expected, str) else expected(text)

        deadline = time.monotonic() + timeout
        screen = self.capture()
        while not check(screen):
            if time.monotonic() > deadline:
                pytest.fail(f"the screen never showed {expected!r}; it shows:\n{screen}")
            time.sleep(0.05)
            screen = self.capture()
        return screen

    def wait_until_stable(self, quiet: float = 0.5, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Poll until the screen has not changed for `quiet` seconds; return it."""
        deadline = time.monotonic() + timeout
        screen = self.capture()
        since = time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                pytest.fail(f"the screen never settled; it shows:\n{screen}")
            time.sleep(0.05)
            now = self.capture()
            if now != screen:
                screen, since = now, time.monotonic()
        return screen

    def _tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout
