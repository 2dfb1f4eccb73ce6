"""Small text helpers shared by the core, the command line and the app."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# Escape sequences first (so their parameters go with them), then single
# control characters. Newlines and tabs survive; everything else that could
# move the cursor, change colours, set the window title or reorder text does not.
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL / ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def sanitize(text: str, *, keep_newlines: bool = True) -> str:
    """Remove terminal escape sequences, control and bidi-override characters."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates from argv
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    if not keep_newlines:
        text = " ".join(text.split())
    return text


def first_unsafe_line(text: str) -> int:
    """1-based line of the first character `sanitize` would remove, else 0."""
    for pattern in (_ESCAPES, _CONTROLS):
        match = pattern.search(text.replace("\r\n", "\n"))
        if match:
            return text.count("\n", 0, match.start()) + 1
    return 0


_SLUG_STRIP = re.compile(r"[!\"#$%&'()*+,./:;<=>?@\[\\\]^`{|}~]+")


def slugify(text: str) -> str:
    """GitHub-style heading anchor: lower case, punctuation dropped, spaces to '-'.

    Matches the slugs Textual's Markdown widget gives headings, so an anchor
    that works on a code host also works in the app.
    """
    result = _SLUG_STRIP.sub("", text.strip().lower())
    return quote(re.sub(r"\s", "-", result))


def fold(text: str) -> str:
    """Lower case without accents: 'Hồ Chí Minh' -> 'ho chi minh'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def shorten(text: str, width: int) -> str:
    """Collapse whitespace and cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: max(width - 1, 1)].rsplit(" ", 1)[0] or text[: width - 1]
    return cut.rstrip(" ,;:") + "…"
