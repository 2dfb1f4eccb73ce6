"""Content: parse, validate and load Markdown articles (no Textual here).

Names are imported on first use (PEP 562), so `from aseantui.content.model
import LANGS` (the command line's start-up) does not pay for markdown-it and
YAML.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "Corpus": "load",
    "load_corpus": "load",
    "CATEGORIES": "model",
    "LANGS": "model",
    "Article": "model",
    "Problem": "model",
    "Source": "model",
    "TimelineEvent": "model",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"aseantui.content.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'aseantui.content' has no attribute {name!r}")
