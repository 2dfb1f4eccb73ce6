"""The terminal: bytes that are not UTF-8, no terminal at all, closed or full outputs,
and a paste of 100 KB.

Real processes throughout: the app runs in a pseudo-terminal (`os.openpty`),
the commands with their stdin or stdout closed, sent to /dev/full or to a
closed pipe. Every run has a generous timeout: "finishes", not "is fast".
"""

from __future__ import annotations

import fcntl
import inspect
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events

from aseantui.search.query import MAX_QUERY_CHARS
from aseantui.tui.app import AseanApp
from test_tui_support import search_box, settle

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "corpus"
COMMAND = [sys.executable, "-m", "aseantui"]


def env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, ASEANTUI_CONTENT=str(FIXTURE), ASEANTUI_CACHE_DIR=str(tmp_path / "c"),
                ASEANTUI_DATA_DIR=str(tmp_path / "d"), TERM="xterm-256color", LC_ALL="C.UTF-8")


# -- the app in a pseudo-terminal --------------------------------------------------
class Terminal:
    """`aseantui` running in a pseudo-terminal of 100x30, read as it writes."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen([*COMMAND, *args], stdin=slave, stdout=slave,
                                        stderr=slave, env=env(tmp_path), start_new_session=True)
        os.close(slave)
        self.output = b""

    def read_until(self, text: bytes, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while text not in self.output and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.2)[0]:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the app has gone and the terminal closed
                    break
        return text in self.output

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read_until(b"\x00never", timeout=0.2)
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        self.read_until(b"\x00never", timeout=0.5)
        os.close(self.master)
        return code


def test_bytes_that_are_not_utf8_are_replaced_not_fatal(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    try:
        assert terminal.read_until(b"aseantui"), terminal.output[-500:]
        terminal.read_until(b"\x00never", timeout=2)  # let it settle
        terminal.send(b"caf\xe9 \xff\xfe \xc3")  # Latin-1 text, two bytes never in UTF-8, a cut
        terminal.send(b"\xa9 ok")
        terminal.read_until(b"\x00never", timeout=2)
        assert terminal.process.poll() is None, terminal.output[-2000:]  # still running
        terminal.send(b"\x11")  # Ctrl+Q
    finally:
        code = terminal.finish()
    assert code == 0
    assert b"Traceback" not in terminal.output and b"UnicodeDecodeError" not in terminal.output


def test_the_input_adapter_still_fits_textual() -> None:
    """Fails loudly when Textual changes how its drivers decode input (terminal_input.py)."""
    from textual.drivers import linux_driver

    from aseantui.tui.terminal_input import replace_invalid_input

    source = inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
    assert 'getincrementaldecoder("utf-8")()' in source
    assert "textual.drivers.linux_driver" in replace_invalid_input()
    decoder = linux_driver.getincrementaldecoder("utf-8")()
    assert decoder.decode(b"caf\xe9 \xff", final=True) == "caf\ufffd \ufffd"


# -- no terminal -------------------------------------------------------------------
def close_fd(number: int) -> Callable[[], None]:
    return lambda: os.close(number)


@pytest.mark.parametrize("how", ["stdin /dev/null", "stdin closed", "stdout a pipe"])
def test_without_a_terminal_the_app_refuses_at_once(tmp_path: Path, how: str) -> None:
    master, slave = os.openpty()
    options: dict[str, Any] = {
        "stdin /dev/null": {"stdin": subprocess.DEVNULL, "stdout": slave},
        "stdin closed": {"stdin": slave, "stdout": slave, "preexec_fn": close_fd(0)},
        "stdout a pipe": {"stdin": slave, "stdout": subprocess.PIPE},
    }[how]
    try:
        run = subprocess.run([*COMMAND, "typo"], stderr=subprocess.PIPE, text=True,
                             env=env(tmp_path), timeout=20, **options)
    finally:
        os.close(slave)
        os.close(master)
    assert run.returncode == 2
    (line,) = run.stderr.splitlines()
    assert line.startswith("aseantui: the app needs a terminal")


@pytest.mark.parametrize("args", [["list"], ["search", "secretariat"], ["check"]])
def test_commands_work_in_pipes_with_stdin_closed(tmp_path: Path, args: list[str]) -> None:
    run = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env(tmp_path),
                         timeout=60, preexec_fn=close_fd(0))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() or "problem(s)" in run.stderr


# -- outputs that cannot be written ------------------------------------------------
OUTPUT_COMMANDS = [["list"], ["list", "--json"], ["search", "secretariat"], ["show", "founding"],
                   ["index", "--status"], ["--help"], ["--version"], ["search", "--help"]]


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("output", ["/dev/full", "closed"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_1(tmp_path: Path, output: str,
                                                                  args: list[str]) -> None:
    if output == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open(os.devnull if output == "closed" else output, "w") as target:
        run = subprocess.run([*COMMAND, *args], stdout=target, stderr=subprocess.PIPE, text=True,
                             env=env(tmp_path), timeout=60,
                             preexec_fn=close_fd(1) if output == "closed" else None)
    assert run.returncode == 1, run.stderr
    (line,) = run.stderr.splitlines()[-1:]
    assert line.startswith("aseantui: cannot write the output: ")
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


@pytest.mark.parametrize("args", [["list", "--json"], ["--help"], ["search", "x", "--json"]])
def test_a_closed_pipe_is_exit_0_and_silent(tmp_path: Path, args: list[str]) -> None:
    """The `| head` convention (documented in RELIABILITY.md), for every kind of output."""
    read, write = os.pipe()
    os.close(read)
    run = subprocess.run([*COMMAND, *args], stdout=write, stderr=subprocess.PIPE,
                         env=env(tmp_path), timeout=60)
    os.close(write)
    assert run.returncode == 0 and run.stderr == b""


# -- a paste of 100 KB ----------------------------------------------------------------
async def test_a_huge_paste_is_cut_to_the_query_limit(new_app: Callable[..., AseanApp],
                                                      notice_texts: list[str]) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        box = search_box(app)
        box.focus()
        await pilot.pause()
        box.post_message(events.Paste("asean " * 17_000))  # 102 KB on one line
        await settle(pilot)
        assert len(box.value) == MAX_QUERY_CHARS and box.value.startswith("asean asean")
        assert f"query shortened to its first {MAX_QUERY_CHARS} characters" in notice_texts
        await pilot.press("x", "y")  # typed past the limit: refused, not appended
        await settle(pilot)
        assert len(box.value) == MAX_QUERY_CHARS and not box.value.endswith("xy")
        await pilot.press("end", "backspace", "z")
        await settle(pilot)
        assert len(box.value) == MAX_QUERY_CHARS and box.value.endswith("z")  # room: typed


def test_a_served_app_is_not_refused(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
                                     ) -> None:
    """`aseantui serve` runs the app through pipes with Textual's web driver: no tty needed."""
    import aseantui.tui

    started: list[dict[str, Any]] = []
    monkeypatch.setattr(aseantui.tui, "run_app", lambda **options: started.append(options) or 0)
    assert cli("typo").code == 2 and not started  # pytest's pipes: not a terminal
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert cli("typo").code == 0 and started[0]["entry"] == "typo"
