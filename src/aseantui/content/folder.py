"""What a content folder says about itself: its title, its core sections, its home screen.

A folder may hold `aseantui.yaml` (every field optional):

    title: {en: ASEAN Secretariat encyclopedia, id: Ensiklopedia Sekretariat ASEAN}
    intro: {en: Search the ASEAN Secretariat encyclopedia, id: ...}
    hint: {en: "Type to search ..., e.g. 'sekjen'", id: ...}
    core: [location, history, leadership, functions]

`core` lists the categories put one keystroke away (Alt+1 ...); a folder that
declares none has none. Without a title the folder is named by its README's
first heading, else its top `index.md`, else the folder's own name. The home
screen is described here as plain data (`home`), so that the app only draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from aseantui.content.infer import humanise
from aseantui.content.model import LANGS, Problem
from aseantui.content.yamlload import load_yaml
from aseantui.fsutil import RefusedFile, read_bytes, read_head, real_path
from aseantui.text import sanitize_data, shorten

if TYPE_CHECKING:
    from aseantui.content.load import Corpus

SETTINGS = "aseantui.yaml"
MAX_SETTINGS_BYTES = 64_000


@dataclass(frozen=True)
class FolderSettings:
    """The folder's own `aseantui.yaml` (empty when there is none)."""

    title: dict[str, str] = field(default_factory=dict)
    intro: dict[str, str] = field(default_factory=dict)
    hint: dict[str, str] = field(default_factory=dict)
    core: tuple[str, ...] = ()


def _texts(value: Any) -> dict[str, str]:
    """{lang: text} from a string (every language) or a mapping by language."""
    if isinstance(value, str) and value.strip():
        return {lang: " ".join(value.split()) for lang in LANGS}
    if isinstance(value, dict):
        return {str(k): " ".join(v.split()) for k, v in value.items()
                if str(k) in LANGS and isinstance(v, str) and v.strip()}
    return {}


def read_settings(root: Path) -> tuple[FolderSettings, list[Problem]]:
    """The folder's settings; a broken file is reported and ignored."""
    path = root / SETTINGS
    shown = str(path)
    try:
        data = read_bytes(path, MAX_SETTINGS_BYTES)  # regular files only, bounded (fsutil)
    except FileNotFoundError:
        return FolderSettings(), []
    except RefusedFile as exc:
        return FolderSettings(), [Problem(shown, 1, f"{exc.strerror}; not read")]
    except OSError as exc:
        return FolderSettings(), [Problem(shown, 1, f"cannot read file: {exc.strerror or exc}")]
    try:
        parsed = sanitize_data(load_yaml(data.decode("utf-8")))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return FolderSettings(), [Problem(shown, mark.line + 1 if mark else 1,
                                          f"bad YAML: {getattr(exc, 'problem', None) or exc}")]
    if parsed is None:
        return FolderSettings(), []
    if not isinstance(parsed, dict):
        return FolderSettings(), [Problem(shown, 1, "must be a YAML mapping of fields")]
    problems = [Problem(shown, 1, f"unknown field '{name}' ignored")
                for name in sorted(set(map(str, parsed)) - {"title", "intro", "hint", "core"})]
    core = parsed.get("core", [])
    if not isinstance(core, list) or not all(isinstance(c, str) for c in core):
        problems.append(Problem(shown, 1, "field 'core' must be a list of category ids"))
        core = []
    settings = FolderSettings(_texts(parsed.get("title")), _texts(parsed.get("intro")),
                              _texts(parsed.get("hint")), tuple(dict.fromkeys(core)))
    return settings, problems


def folder_title(corpus: Corpus, lang: str) -> str:
    """The folder's name for people: declared, else its README's or index page's title."""
    declared = corpus.settings.title
    if declared:
        return declared.get(lang) or next(iter(declared.values()))
    readme = _readme_heading(corpus.root)
    if readme:
        return readme
    for name in ("index", "_index", "SUMMARY"):  # a site's front page, mdBook's contents
        index = corpus.get(name, lang)
        if index is not None and index.title.casefold() not in ("index", "summary"):
            return index.title
    return humanise(real_path(corpus.root).name + ".md") or str(corpus.root)


def _readme_heading(root: Path) -> str:
    for name in ("README.md", "readme.md", "Readme.md"):
        try:
            text = read_head(root / name, 20_000).decode("utf-8", "replace")
        except OSError:
            continue
        match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
        if match:
            return shorten(str(sanitize_data(match.group(1))), 80)
    return ""


@dataclass(frozen=True)
class Home:
    """The home screen of a folder, as data: the app draws it, tests read it."""

    title: str
    intro: str
    hint: str
    core: tuple[str, ...]
    """Categories declared as core sections, that have entries."""
    topics: tuple[tuple[str, int], ...]
    """The other categories (or top folders), with how many entries each has."""


def home(corpus: Corpus, lang: str) -> Home:
    """What the home screen shows for `corpus` in the interface language `lang`."""
    from aseantui.i18n import tr

    counts: dict[str, int] = {}
    for entry_id in corpus.ids():
        article = corpus.get(entry_id, lang)
        if article is not None:
            counts[article.category] = counts.get(article.category, 0) + 1
    core = tuple(c for c in corpus.settings.core if c in counts)
    title = folder_title(corpus, lang)
    settings = corpus.settings
    intro = settings.intro.get(lang) or tr("Search {title}", lang, title=title)
    hint = settings.hint.get(lang) or tr(
        "{n} entries. Type to search, or pick a topic below", lang, n=len(corpus.ids()))
    from aseantui.content.model import CATEGORIES

    order = {c: i for i, c in enumerate(CATEGORIES)}
    topics = tuple(sorted(((c, n) for c, n in counts.items() if c not in core),
                          key=lambda cn: (order.get(cn[0], len(order)), cn[0])))
    return Home(title, intro, hint, core, topics)
