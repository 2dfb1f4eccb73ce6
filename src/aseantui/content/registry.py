"""The two data files beside the articles: `sources.yaml` and `timeline.yaml`."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from aseantui.content.model import LANGS, Problem, Source, TimelineEvent
from aseantui.content.yamlload import load_yaml
from aseantui.fsutil import RefusedFile, link_problem, read_text
from aseantui.text import sanitize, sanitize_data

SOURCES_FILE = "sources.yaml"
TIMELINE_FILE = "timeline.yaml"
DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ITEM = re.compile(r"\s*- ")
MAX_BYTES = 4_000_000
"""Largest registry file read (the shipped ones are ~15 KB; 4 MB is thousands of entries)."""


def _read_yaml(path: Path, key: str) -> tuple[list[Any], list[int], list[Problem]]:
    """The list under `key` in a YAML file, and the line of each of its items.

    A missing file is an empty list. The file is read once, bounded
    (fsutil.read_text): a FIFO, a device, a file over `MAX_BYTES` or a
    symbolic link out of the content folder is refused with a problem.
    """
    shown = str(path)
    if not os.path.lexists(path):
        return [], [], []
    try:
        if path.is_symlink() and (problem := link_problem(path, path.parent)):
            return [], [], [Problem(shown, 1, problem, fatal=True)]
        text = read_text(path, MAX_BYTES)
        data = sanitize_data(load_yaml(sanitize(text)))
    except UnicodeDecodeError:
        return [], [], [Problem(shown, 1, "not UTF-8", fatal=True)]
    except RefusedFile as exc:
        return [], [], [Problem(shown, 1, f"{exc.strerror}; not read", fatal=True)]
    except OSError as exc:
        return [], [], [Problem(shown, 1, f"cannot read file: {exc.strerror or exc}",
                                fatal=True)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return [], [], [Problem(shown, line, f"bad YAML: {getattr(exc, 'problem', exc)}",
                                fatal=True)]
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return [], [], [Problem(shown, 1, f"expected a top-level '{key}:' list", fatal=True)]
    lines = [n for n, line in enumerate(text.split("\n"), 1) if _ITEM.match(line)]
    return items, lines, []


def _lang_map(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value.strip()}
    if isinstance(value, dict):
        return {str(k): " ".join(str(v).split()) for k, v in value.items() if k in LANGS}
    return {}


def load_sources(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    path = root / SOURCES_FILE
    items, lines, problems = _read_yaml(path, "sources")
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
    items, lines, problems = _read_yaml(path, "events")
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
