"""Time a program in a real terminal: a private tmux server read through control mode.

    with Pane.ready(argv, env, size=(100, 30)) as pane:   # the program waits for a go
        start = pane.go()                                # the shell execs the program now
        screen = pane.capture()                          # the visible screen as text

The pane runs `sh -c 'read go; exec env -i VARS ARGV'`, so the shell and the
terminal are up before the clock starts, and `go()` (Enter) starts only the
program. The screen is read through one tmux client in control mode (`tmux
-C`): each capture is a line on its stdin, not a new process, so polling
every few milliseconds costs the measured program little CPU. Each Pane has
its own server socket (`-L`); leaving the `with` kills that server and the
program in it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

TMUX = shutil.which("tmux")


class Pane:
    def __init__(self, socket: str) -> None:
        self.socket = socket
        self.control: subprocess.Popen[bytes] | None = None

    @classmethod
    def ready(cls, argv: Sequence[str], env: Mapping[str, str],
              size: tuple[int, int] = (100, 30)) -> Pane:
        """A pane whose shell waits for `go()` before it execs `argv` with exactly `env`."""
        if TMUX is None:
            raise RuntimeError("tmux is not installed")
        pane = cls(f"aseantui-bench-{uuid.uuid4().hex[:12]}")
        variables = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color",
                     "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                     "HOME": os.environ.get("HOME", "/tmp"), **env}
        program = shlex.join(["env", "-i", *(f"{k}={v}" for k, v in variables.items()), *argv])
        shell = f"read go; exec {program}"
        width, height = size
        try:
            pane._tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(width),
                       "-y", str(height), "sh", "-c", shell)
            pane._tmux("set-option", "-g", "window-size", "manual")
            pane._tmux("set-option", "-t", "bench", "remain-on-exit", "on")
            pane.control = subprocess.Popen(
                [TMUX, "-L", pane.socket, "-C", "attach-session", "-t", "bench"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            while pane._command("display-message -p bench-sync") != ["bench-sync"]:
                pass  # the first reply may be the attach's own
        except BaseException:
            pane.close()
            raise
        return pane

    def go(self) -> float:
        """Start the program (Enter to the waiting shell); perf_counter() just before."""
        start = time.perf_counter()
        self._command("send-keys -t bench Enter")
        return start

    def capture(self) -> str:
        """The visible screen, one line per row."""
        return "\n".join(self._command("capture-pane -p -t bench"))

    def type_text(self, text: str) -> None:
        """Type `text` literally (one write to the terminal)."""
        self._command(f"send-keys -t bench -l {shlex.quote(text)}")

    def send_keys(self, *keys: str) -> None:
        """tmux key names ("Escape", "C-q")."""
        self._command("send-keys -t bench " + " ".join(shlex.quote(k) for k in keys))

    def _command(self, line: str) -> list[str]:
        """Run one tmux command through the control client; its output lines."""
        assert self.control is not None and self.control.stdin and self.control.stdout
        self.control.stdin.write(line.encode() + b"\n")
        self.control.stdin.flush()
        out: list[str] = []
        inside = False
        while True:
            raw = self.control.stdout.readline()
            if not raw:
                raise RuntimeError(f"the tmux control client went away during {line!r}")
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if not inside:
                inside = text.startswith("%begin ")
                continue  # notifications (%output, %session-changed...) between replies
            if text.startswith("%end ") or text.startswith("%error "):
                if text.startswith("%error "):
                    raise RuntimeError(f"tmux {line!r} failed: {' '.join(out)}")
                return out
            out.append(text)

    def close(self) -> None:
        """Kill this pane's tmux server (and the program in it)."""
        if self.control is not None:
            self.control.kill()
            self.control.wait()
            self.control = None
        if TMUX is not None:
            subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True,
                           check=False, timeout=30)
        # The server leaves its socket file behind.
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)

    def __enter__(self) -> Pane:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def _tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True,
                              timeout=30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout
