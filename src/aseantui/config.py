"""The user's configuration file: set once what otherwise needs an option each time.

`config.toml` in the user config dir (e.g. `~/.config/aseantui/config.toml`;
moved by ASEANTUI_CONFIG). Every key is optional:

    content = "~/notes"          # default content folder (--content and $ASEANTUI_CONTENT win)
    language = "id"              # interface language, en or id (--lang wins)
    theme = "gruvbox"            # a Textual theme name

    [keys]                       # remap keys by binding id (README, "Changing keys")
    back = "alt+left,ctrl+o"
    "reader.bookmark" = "B"

A file that cannot be read or is not valid is reported, with the line where
TOML gives one, and the program goes on with the defaults: a typo in the
configuration never stops the encyclopedia from opening.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aseantui.content.model import LANGS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_ENV = "ASEANTUI_CONFIG"
FILE_NAME = "config.toml"
MAX_BYTES = 64 * 1024
_KEY_SPEC = re.compile(r"^[\w+\-]+(,[\w+\-]+)*$")
_BINDING_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")

EXAMPLE = '''# aseantui configuration (every key is optional)
# content = "~/my-markdown-notes"   # default content folder
# language = "id"                    # interface language: en or id
# theme = "textual-dark"             # a Textual theme name

# [keys]                             # remap keys by binding id
# "reader.bookmark" = "B"
# back = "alt+left,ctrl+o"
'''


@dataclass(frozen=True)
class Config:
    content: str | None = None
    language: str | None = None
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    path: Path | None = None


def config_path() -> Path:
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("aseantui", appauthor=False)) / FILE_NAME


def load(path: Path | None = None) -> Config:
    """The configuration at `path` (default: config_path()); absent means all defaults."""
    path = path or config_path()
    shown = str(path)
    try:
        if not path.exists():
            return Config(path=path)
        if not path.is_file():
            return Config(path=path, problems=(f"{shown}: not a regular file; ignored",))
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Config(path=path, problems=(f"{shown}: cannot be read ({exc.strerror}); ignored",))
    if len(raw) > MAX_BYTES:
        too_big = f"{shown}: larger than {MAX_BYTES // 1024} KB; ignored"
        return Config(path=path, problems=(too_big,))
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Config(path=path, problems=(f"{shown}: not UTF-8 text; ignored",))
    except tomllib.TOMLDecodeError as exc:
        return Config(path=path, problems=(f"{shown}: not valid TOML: {exc}; ignored",))
    return _validated(data, path)


def _validated(data: dict[str, Any], path: Path) -> Config:
    shown = str(path)
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in ("content", "theme"):
            if isinstance(value, str) and value.strip():
                values[name] = value.strip()
            else:
                problems.append(f"{shown}: '{name}' must be a non-empty string")
        elif name == "language":
            if value in LANGS:
                values[name] = value
            else:
                problems.append(f"{shown}: 'language' must be one of {', '.join(LANGS)}, "
                                f"not {value!r}")
        elif name == "keys":
            if isinstance(value, dict):
                values["keys"] = _keys(value, shown, problems)
            else:
                problems.append(f"{shown}: 'keys' must be a table ([keys])")
        else:
            problems.append(f"{shown}: unknown setting '{name}' ignored "
                            "(known: content, language, theme, keys)")
    if "content" in values:
        values["content"] = str(Path(values["content"]).expanduser())
    return Config(**values, problems=tuple(problems), path=path)


def _keys(table: dict[str, Any], shown: str, problems: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for binding, spec in table.items():
        if not _BINDING_ID.match(binding):
            problems.append(f"{shown}: [keys] {binding!r} is not a binding id")
        elif not isinstance(spec, str) or not _KEY_SPEC.match(spec.replace(" ", "")):
            problems.append(f"{shown}: [keys] {binding} = {spec!r} is not a key list "
                            "such as \"ctrl+o\" or \"j,down\"")
        else:
            keys[binding] = spec.replace(" ", "")
    return keys
