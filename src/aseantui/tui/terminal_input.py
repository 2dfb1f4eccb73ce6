"""Adapters for two borrowed Textual internals: how terminal input is decoded and read.

Textual's Linux drivers decode what the terminal sends with a strict UTF-8
decoder (`getincrementaldecoder("utf-8")()` in `run_input_thread`): one byte
that is not UTF-8 (a Latin-1 terminal, a paste of binary) raises
UnicodeDecodeError in the input thread and ends the app with a traceback
(Textual issue #6456, open). `replace_invalid_input` makes the drivers decode
with `errors="replace"`: the byte becomes U+FFFD and the app goes on.
tests/test_reliability_tty.py fails loudly if Textual stops decoding this way.

Alt+digit arrives as ESC and the digit from most Linux terminals and tmux.
Textual's parser table reads ESC 1 … ESC 0 as the characters macOS types for
Option+digit ("¡ ™ £ ¢ …", for WezTerm on macOS), so Alt+1 typed "¡" in a text
box, and a box had to refuse those characters, which macOS users type on
purpose. `esc_digits_as_alt` takes those entries out of the table: ESC 1 is
then Alt+1, and "¡" typed as itself is text. tests/test_terminal_reader.py
sends the real bytes through tmux.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver",
                  "textual.drivers.web_driver")
"""The drivers that decode input bytes as UTF-8 (the web driver: `aseantui serve`)."""


def _tolerant_decoder(encoding: str) -> Callable[..., Any]:
    decoder = codecs.getincrementaldecoder(encoding)

    def make(errors: str = "replace") -> codecs.IncrementalDecoder:
        return decoder(errors="replace")

    return make


def replace_invalid_input() -> list[str]:
    """Patch the drivers that decode input; returns the modules patched."""
    import importlib

    patched = []
    for name in DRIVER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # Windows: termios is missing; its driver reads UTF-16 keys
            continue
        if getattr(module, "getincrementaldecoder", None) is not None:
            module.getincrementaldecoder = _tolerant_decoder  # type: ignore[attr-defined]
            patched.append(name)
    return patched


ESC_DIGITS = tuple(f"\x1b{digit}" for digit in "1234567890")


def esc_digits_as_alt() -> list[str]:
    """Let ESC+digit be read as Alt+digit; returns the sequences taken out of the table."""
    from textual import _ansi_sequences

    table: dict[str, Any] = _ansi_sequences.ANSI_SEQUENCES_KEYS  # type: ignore[assignment]
    return [sequence for sequence in ESC_DIGITS if table.pop(sequence, None) is not None]
