"""Small text helpers shared by the core, the command line and the app."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
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


_CHAR_REF = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference, which Markdown turns into its character when rendering."""


def _strip(text: str) -> str:
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def _unsafe_reference(match: re.Match[str]) -> bool:
    decoded = html.unescape(match.group())
    return _strip(decoded) != decoded


def sanitize(text: str, *, keep_newlines: bool = True) -> str:
    """Remove terminal escape sequences, control and bidi-override characters.

    Character references to them (`&#x1b;`, `&#x202e;`, `&rlm;`) go too: the
    text may be rendered as Markdown, which would turn them into the real thing.
    """
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates from argv
    text = _strip(text)
    if "&" in text:
        text = _CHAR_REF.sub(lambda m: "" if _unsafe_reference(m) else m.group(), text)
    if not keep_newlines:
        text = " ".join(text.split())
    return text


def is_safe(text: str) -> bool:
    """True when `sanitize` would leave `text` as it is (newlines aside)."""
    return not (_ESCAPES.search(text) or _CONTROLS.search(text) or "\r" in text
                or _has_surrogate(text) or _first_unsafe_reference(text))


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _first_unsafe_reference(text: str) -> re.Match[str] | None:
    if "&" not in text:
        return None
    return next((m for m in _CHAR_REF.finditer(text) if _unsafe_reference(m)), None)


def sanitize_data(value: Any) -> Any:
    """`sanitize` every string in parsed YAML or JSON data (keys, values, list items).

    YAML escapes ("\\e", "\\u202e", "\\x07") make control characters only once the
    text is parsed, so sanitizing the file's text beforehand is not enough.
    """
    if isinstance(value, str):
        return value if is_safe(value) else sanitize(value)
    if isinstance(value, list):
        return [sanitize_data(v) for v in value]
    if isinstance(value, dict):
        return {sanitize_data(k): sanitize_data(v) for k, v in value.items()}
    return value


def first_unsafe_line(text: str) -> int:
    """1-based line of the first thing `sanitize` would remove, else 0."""
    text = text.replace("\r\n", "\n")
    starts = [m.start() for m in (_ESCAPES.search(text), _CONTROLS.search(text),
                                  _first_unsafe_reference(text)) if m is not None]
    return text.count("\n", 0, min(starts)) + 1 if starts else 0


_SLUG_STRIP = re.compile(r"[!\"#$%&'()*+,./:;<=>?@\[\\\]^`{|}~]+")


def slugify(text: str) -> str:
    """GitHub-style heading anchor: lower case, punctuation dropped, spaces to '-'.

    Matches the slugs Textual's Markdown widget gives headings, so an anchor
    that works on a code host also works in the app.
    """
    result = _SLUG_STRIP.sub("", text.strip().lower())
    return quote(re.sub(r"\s", "-", result))


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
"""Soft hyphen, zero-width spaces and joiners, word joiner, invisible operators, BOM:
nothing a reader sees, but each splits a word in two for the index."""


def normalize_for_search(text: str) -> str:
    """Text as the index and queries see it: invisible characters removed, then NFKC.

    'ASE\u200bAN', 'ASE\u00adAN' and the full-width 'ＡＳＥＡＮ' all become 'ASEAN'; the
    ligature 'ﬁ' becomes 'fi'. Applied by every analyzer (search/analysis.py) and
    to every query before it is parsed, so both sides agree.
    """
    text = _INVISIBLE.sub("", text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize(
        "NFKC", text)


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
