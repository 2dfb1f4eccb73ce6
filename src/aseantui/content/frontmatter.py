"""Front matter: ours (validated strictly) and everybody else's (read for what it says).

A file whose front matter has an `id` is one of ours and must have every field
of docs/CONTENT.md. Any other front matter (mkdocs, Hugo, Jekyll, Obsidian,
Zola) is read leniently for what it shares with ours: `title`,
`description`/`summary`, `tags`/`categories`/`keywords`, `lang`/`language`,
`aliases` and `draft`; the rest is somebody else's business and ignored.
YAML goes between `---` lines, TOML between `+++` lines.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from aseantui.content.facts import parse_facts
from aseantui.content.model import CATEGORIES, LANGS, Problem
from aseantui.content.yamlload import all_safe, load_yaml
from aseantui.text import sanitize, sanitize_data, shorten

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_TITLE = 200
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
KNOWN_FIELDS = {
    "id", "lang", "title", "category", "summary", "aliases", "sources", "related", "facts",
}
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*")


@dataclass
class Foreign:
    """What someone else's front matter says, in our terms (empty where it is silent)."""

    title: str = ""
    summary: str = ""
    lang: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    draft: bool = False
    problems: list[Problem] = field(default_factory=list)


def split_toml(source: str) -> tuple[str, str, int] | None:
    """(TOML text, source with the front matter blanked out, index of the first line
    after it) for a `+++` block, else None.

    The lines are blanked rather than removed so that line numbers stay true.
    """
    lines = source.split("\n")
    if not lines or not _TOML_FENCE.fullmatch(lines[0]):
        return None
    end = next((i for i in range(1, len(lines)) if _TOML_FENCE.fullmatch(lines[i])), None)
    if end is None:
        return None
    return "\n".join(lines[1:end]), "\n" * (end + 1) + "\n".join(lines[end + 1:]), end + 1


def read_mapping(text: str, kind: str, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse YAML or TOML front matter into a mapping; None (with a fatal problem) if it is not."""
    try:
        data = tomllib.loads(text) if kind == "toml" else load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(shown, line, f"bad YAML in front matter: {reason}", fatal=True)]
    except tomllib.TOMLDecodeError as exc:
        line = int(getattr(exc, "lineno", 0) or 0) + 1 or 1
        reason = str(exc).split(" (at ")[0]
        return None, [Problem(shown, line, f"bad TOML in front matter: {reason}", fatal=True)]
    if data is None and kind == "yaml":
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "front matter must be a YAML mapping of fields",
                              fatal=True)]
    problems: list[Problem] = []
    unsafe = [str(k) for k, v in data.items() if not (all_safe(k) and all_safe(v))]
    if unsafe:
        lines = field_lines(text)
        where = min(lines.get(sanitize(name), 1) for name in unsafe)
        problems.append(Problem(shown, where, "terminal control characters removed"))
        data = sanitize_data(data)
    return data, problems


def is_ours(data: dict[str, Any]) -> bool:
    """True for front matter in aseantui's own format (it names the entry's id)."""
    return "id" in data


def field_lines(text: str) -> dict[str, int]:
    """File line of each top-level key (front matter starts on line 2)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=2):
        match = re.match(r"([A-Za-z_][\w-]*)\s*[:=]", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _words(value: Any) -> tuple[str, ...]:
    """Strings of a list, or of a comma-separated string; anything else gives ()."""
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        return ()
    found = (" ".join(str(v).split()) for v in items if isinstance(v, (str, int, float)))
    return tuple(dict.fromkeys(v for v in found if v))


def _text(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""


def foreign(data: dict[str, Any], text: str, shown: str) -> Foreign:
    """Read someone else's front matter for what it shares with ours."""
    from aseantui.content.infer import language_code

    found = Foreign()
    found.title = shorten(_text(data.get("title")), MAX_TITLE)
    found.summary = _text(data.get("description") or data.get("summary") or data.get("excerpt"))
    raw_lang = data.get("lang", data.get("language", data.get("locale")))
    found.lang = language_code(raw_lang)
    if raw_lang is not None and not found.lang:
        line = field_lines(text).get("lang", field_lines(text).get("language", 1))
        found.problems.append(Problem(shown, line,
                                      f"language '{shorten(str(raw_lang), 40)}' not recognised",
                                      note=True))
    category = data.get("category") if "category" in data else data.get("section")
    found.category = _text(category)
    found.tags = tuple(dict.fromkeys(
        _words(data.get("tags")) + _words(data.get("categories")) + _words(data.get("keywords"))))
    # Hugo's aliases are old URLs (/posts/old/), Obsidian's are other names.
    found.aliases = tuple(a for a in _words(data.get("aliases")) if "/" not in a)
    found.draft = data.get("draft") is True
    return found


def ours(data: dict[str, Any], text: str, shown: str
         ) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Validate front matter in our own format; Article fields, or None with fatal problems."""
    problems: list[Problem] = []
    lines = field_lines(text)

    def fail(line: int, message: str) -> None:
        problems.append(Problem(shown, line, message, fatal=True))

    def line_of(name: str) -> int:
        return lines.get(name, 1)

    meta: dict[str, Any] = {}
    for name in ("id", "lang", "title", "category", "summary"):
        value = data.get(name)
        if name not in data:
            fail(1, f"missing required field '{name}'")
        elif not isinstance(value, str) or not value.strip():
            fail(line_of(name), f"field '{name}' must be a non-empty string, not {_kind(value)}")
        else:
            meta[name] = " ".join(value.split())
    for name in ("aliases", "sources", "related"):
        value = data.get(name, [] if name == "related" else None)
        if name not in data and name != "related":
            fail(1, f"missing required field '{name}' (use [] for none)")
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(line_of(name), f"field '{name}' must be a list of strings, not {_kind(value)}")
        else:
            meta[name] = tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))
    for name in sorted(set(map(str, data)) - KNOWN_FIELDS):
        problems.append(Problem(shown, line_of(name), f"unknown field '{name}' ignored"))
    if "id" in meta and not ID_PATTERN.fullmatch(meta["id"]):
        fail(line_of("id"), f"id '{meta['id']}' must be lower-case letters, digits, '-' or '_'")
    if "lang" in meta and meta["lang"] not in LANGS:
        expected = ", ".join(LANGS)
        fail(line_of("lang"), f"unknown lang '{meta['lang']}' (expected one of: {expected})")
    if "category" in meta and meta["category"] not in CATEGORIES:
        fail(line_of("category"), f"unknown category '{meta['category']}' (see docs/CONTENT.md)")
    if len(meta.get("title", "")) > MAX_TITLE:
        problems.append(
            Problem(
                shown, line_of("title"), f"title longer than {MAX_TITLE} characters (shortened)"
            )
        )
        meta["title"] = shorten(meta["title"], MAX_TITLE)
    meta["facts"], fact_problems = parse_facts(data.get("facts"), text, shown, line_of)
    problems.extend(fact_problems)
    if any(p.fatal for p in problems):
        return None, problems
    meta["field_lines"] = tuple(sorted(lines.items()))
    return meta, problems


def _kind(value: object) -> str:
    """How a value of the wrong type reads in a message: 'int', 'a list containing int'."""
    if value is None:
        return "an empty value"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    if isinstance(value, list):
        odd = [v for v in value if not isinstance(v, str)]
        return f"a list containing {_kind(odd[0])}" if odd else "a list"
    return {dict: "a mapping", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
