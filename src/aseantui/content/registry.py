"""The two data files beside the articles: `sources.yaml` and `timeline.yaml`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from aseantui.content.model import LANGS, Problem, Source, TimelineEvent
from aseantui.content.yamlload import load_yaml
from aseantui.text import sanitize, sanitize_data

SOURCES_FILE = "sources.yaml"
TIMELINE_FILE = "timeline.yaml"
DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _read_yaml(path: Path, key: str) -> tuple[list[Any], list[Problem]]:
    """The list under `key` in a YAML file; a missing file is an empty list."""
    shown = str(path)
    if not path.is_file():
        return [], []
    try:
        data = sanitize_data(load_yaml(sanitize(path.read_text(encoding="utf-8"))))
    except UnicodeDecodeError:
        return [], [Problem(shown, 1, "not UTF-8", fatal=True)]
    except OSError as exc:
        return [], [Problem(shown, 1, f"cannot read file: {exc.strerror or exc}", fatal=True)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return [], [Problem(shown, line, f"bad YAML: {getattr(exc, 'problem', exc)}", fatal=True)]
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return [], [Problem(shown, 1, f"expected a top-level '{key}:' list", fatal=True)]
    return items, []


def _item_lines(path: Path) -> list[int]:
    """Line numbers of the list items ('  - ') in a registry file, in order."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [n for n, line in enumerate(text.split("\n"), 1) if re.match(r"\s*- ", line)]


def _lang_map(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value.strip()}
    if isinstance(value, dict):
        return {str(k): " ".join(str(v).split()) for k, v in value.items() if k in LANGS}
    return {}


def load_sources(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    path = root / SOURCES_FILE
    items, problems = _read_yaml(path, "sources")
    lines = _item_lines(path)
    sources: dict[str, Source] = {}
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(Problem(str(path), line, "source needs an 'id'", fatal=True))
            continue
        if not isinstance(item.get("title"), str):
            problems.append(Problem(str(path), line, f"source '{item['id']}' needs a 'title'"))
        if item["id"] in sources:
            problems.append(Problem(str(path), line, f"duplicate source id '{item['id']}'"))
            continue
        sources[item["id"]] = Source(
            id=item["id"],
            kind=str(item.get("kind", "reference")),
            title=" ".join(str(item.get("title", item["id"])).split()),
            publisher=str(item.get("publisher", "")),
            language=str(item.get("language", "")),
            date=str(item.get("date", "")),
            file=str(item.get("file", "")),
            url=str(item.get("url", "")),
            description=_lang_map(item.get("description")),
            reliability=_lang_map(item.get("reliability")),
        )
    return sources, problems


def load_timeline(root: Path) -> tuple[list[TimelineEvent], list[Problem]]:
    path = root / TIMELINE_FILE
    items, problems = _read_yaml(path, "events")
    lines = _item_lines(path)
    events: list[TimelineEvent] = []
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(item, dict):
            problems.append(Problem(str(path), line, "event must be a mapping"))
            continue
        when = item.get("date")
        when = when.isoformat() if isinstance(when, date) else str(when)
        if not DATE_PATTERN.fullmatch(when):
            problems.append(
                Problem(str(path), line, f"bad date '{when}' (YYYY, YYYY-MM or YYYY-MM-DD)")
            )
            continue
        text = _lang_map({k: item.get(k) for k in LANGS if item.get(k)})
        if not text or not isinstance(item.get("entry"), str):
            problems.append(
                Problem(str(path), line, "event needs 'entry' and text in 'en' or 'id'")
            )
            continue
        sources = item.get("sources") or []
        events.append(
            TimelineEvent(when, item["entry"], text, tuple(map(str, sources)), line)
        )
    events.sort(key=lambda e: e.date)
    return events, problems
