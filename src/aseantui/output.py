"""What the command line writes: terminal-safe text, JSON, and output errors.

Everything printed goes through here: control sequences from the content are
removed, JSON is inert in a terminal, and a full disk or a closed stdout ends
in one line on stderr instead of a traceback (cli.py's exit codes).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from typing import Any, TextIO

from aseantui.text import sanitize

EXIT_OK, EXIT_PROBLEM = 0, 1
"""The command line's exit codes for output that was cut short (see cli.py)."""

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ufeff\ud800-\udfff]")
"""Characters json.dumps(ensure_ascii=False) leaves raw that a terminal may act on."""


def _out(text: str, stream: TextIO | None = None, *, safe: bool = False) -> None:
    """Print text with any terminal control sequences removed (unless already `safe`)."""
    stream = stream or sys.stdout
    stream.write((text if safe else sanitize(text)) + "\n")


def _err(text: str) -> None:
    try:
        _out(text, sys.stderr)
    except (AttributeError, OSError, ValueError):  # no stderr to tell it to
        pass


class OutputError(Exception):
    """Writing to stdout failed (EPIPE, ENOSPC, EIO, ...); the OSError is its cause."""


class _GuardedStream:
    """stdout, whose write errors are OutputError: told apart from any other OSError."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputError(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(exc) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _reserve_standard_fds() -> None:
    """Open /dev/null on a closed stdin, stdout or stderr (`aseantui ... >&-`).

    Otherwise the next file opened (an index file) would take that number, and
    whatever is printed would be written into it.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)


def _silence_stdout() -> None:
    """Send what is still buffered for stdout to /dev/null, so that exiting cannot fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):  # pytest's capture, or no stdout at all
        pass


def _output_failed(error: BaseException | None) -> int:
    _silence_stdout()
    if isinstance(error, BrokenPipeError):
        return EXIT_OK  # the reader went away (`| head`): the shell convention, no message
    reason = getattr(error, "strerror", None) or error or "unknown error"
    _err(f"aseantui: cannot write the output: {reason}")
    return EXIT_PROBLEM


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def _is_utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def _print_json(value: object) -> None:
    """One line of JSON, valid for any content and inert in a terminal.

    Control, bidi and lone surrogate characters are written as \\u escapes, and
    everything non-ASCII is escaped when stdout cannot encode it.
    """
    text = json.dumps(value, ensure_ascii=not _is_utf8(sys.stdout))
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _tolerant_streams() -> None:
    """Print what the terminal's encoding cannot show as '?' instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="replace")


def _bold(text: str) -> str:
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\x1b[1m{text}\x1b[0m"
    return f"**{text}**"


def _highlight(text: str) -> str:
    """A matched word: bold on a terminal that takes colour, as it is anywhere else
    (search prints text, not Markdown)."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\x1b[1m{text}\x1b[0m"
    return text


class _ProgressLine:
    """One line on a terminal's stderr that says how far long work has got, rewritten in
    place and erased when the work is done. Nothing when stderr is not a terminal."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, message: str) -> None:
        try:
            sys.stderr.write(f"\r\x1b[2Kaseantui: {sanitize(message)}")
            sys.stderr.flush()
            self.shown = True
        except (AttributeError, OSError, ValueError):
            pass

    def close(self) -> None:
        if self.shown:
            self.shown = False
            try:
                sys.stderr.write("\r\x1b[2K")
                sys.stderr.flush()
            except (AttributeError, OSError, ValueError):
                pass


def _progress_line() -> _ProgressLine | None:
    """A progress line for stderr, if stderr is a terminal."""
    return _ProgressLine() if _is_terminal(sys.stderr) else None


def _open(library: Any, rebuild: bool = False) -> Any:
    """Open the index, saying how far reading and indexing are on a terminal's stderr."""
    from aseantui.search.progress import Throttle

    line = _progress_line()
    try:
        info = library.open_index(rebuild=rebuild, progress=Throttle(line) if line else None)
    finally:
        if line:
            line.close()
    if library.loaded or library.index.skipped is not None:
        _say_skipped(library)
    return info


def _say_skipped(library: Any) -> None:
    for notice in library.corpus.notices if library.loaded else []:
        _err(f"aseantui: {notice}")
    if library.skipped:
        _err(
            f"aseantui: skipped {library.skipped} broken article(s) in "
            f"{library.content_dir}; run 'aseantui check' for details"
        )
