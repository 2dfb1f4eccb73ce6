"""Where things live: content, the index cache and the user's saved state.

Each can be moved with an environment variable (tests point them at tmp dirs):
ASEANTUI_CONTENT, ASEANTUI_CACHE_DIR, ASEANTUI_DATA_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "aseantui"
CONTENT_ENV = "ASEANTUI_CONTENT"
CACHE_ENV = "ASEANTUI_CACHE_DIR"
DATA_ENV = "ASEANTUI_DATA_DIR"


def shipped_content() -> Path:
    """The articles that come with the program.

    In an installed wheel they sit inside the package (`aseantui/data/content`);
    in a source checkout (editable install) they are the repository's `content/`.
    """
    package = Path(__file__).resolve().parent
    bundled = package / "data" / "content"
    if bundled.is_dir():
        return bundled
    return package.parent.parent / "content"


def prebuilt_dir() -> Path | None:
    """The index and parsed articles of the shipped content, made when the wheel was
    built (aseantui.search.prebuilt), or None (a source checkout)."""
    prebuilt = Path(__file__).resolve().parent / "data" / "prebuilt"
    return prebuilt if (prebuilt / "manifest.json").is_file() else None


def content_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The content folder: an explicit argument, else $ASEANTUI_CONTENT, else the
    configuration file's `content`, else the shipped one."""
    chosen = explicit or os.environ.get(CONTENT_ENV)
    if not chosen:
        from aseantui.config import load

        chosen = load().content
    return Path(chosen).expanduser() if chosen else shipped_content()


def cache_dir() -> Path:
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    chosen = os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
