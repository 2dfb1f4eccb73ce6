"""Structured facts: the `facts:` list of an article's front matter, and its checks.

Each fact is one infobox row and one possible answer to a question:

    facts:
      - key: signed                 # [a-z0-9-], unique in the entry, same in both twins
        label: Signed               # in the file's language
        value: 20 November 2007     # short; must appear in the article's text
        as_of: 2026-11-30           # optional: the date the value holds at
        sources: [asean-charter]    # ids from sources.yaml

`parse_facts` reads one file's list (problems that need only that file);
`check_facts` checks what needs the whole folder: sources, twins, the body.
A fact that is wrong in itself is reported and left out; the article still loads.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aseantui.content.model import LANGS, Problem, other_lang
from aseantui.text import fold, shorten

if TYPE_CHECKING:
    from aseantui.content.load import Corpus

KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
MAX_VALUE = 80
"""Longest value: an infobox row, not a paragraph."""
MAX_LABEL = 60
FIELDS = ("key", "label", "value", "as_of", "sources")


@dataclass(frozen=True)
class Fact:
    """One labelled value of an entry, with the sources it rests on."""

    key: str
    label: str
    value: str
    as_of: str | None = None
    sources: tuple[str, ...] = ()
    line: int = 1


def _scalar(value: Any) -> str | None:
    """A YAML scalar as text ('2007' and 2007 alike); None for lists, mappings, null."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text or None


def item_lines(front_matter: str) -> list[int]:
    """File line of each item of the `facts:` list (front matter starts on line 2)."""
    lines = front_matter.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"facts\s*:", line)), None)
    if start is None:
        return []
    found: list[int] = []
    indent: int | None = None
    for number, line in enumerate(lines[start + 1 :], start=start + 3):
        if re.match(r"[A-Za-z_]", line):  # the next top-level field
            break
        match = re.match(r"(\s*)-(\s|$)", line)
        if match and (indent is None or len(match.group(1)) == indent):
            indent = len(match.group(1))
            found.append(number)
    return found


def parse_facts(
    raw: Any, front_matter: str, shown: str, line_of: Callable[[str], int]
) -> tuple[tuple[Fact, ...], list[Problem]]:
    """The valid facts of one article's `facts:` field, and the problems with the others."""
    problems: list[Problem] = []
    if raw is None:
        return (), problems
    if not isinstance(raw, list):
        problems.append(Problem(shown, line_of("facts"),
                                "field 'facts' must be a list of facts (key, label, value)"))
        return (), problems
    lines = item_lines(front_matter)
    facts: list[Fact] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        line = lines[number - 1] if number <= len(lines) else line_of("facts")

        def report(message: str, line: int = line) -> None:
            problems.append(Problem(shown, line, message))

        if not isinstance(item, dict):
            report(f"fact {number} must be a mapping with key, label and value")
            continue
        key = _scalar(item.get("key"))
        if key is None or not KEY_PATTERN.fullmatch(key):
            shown_key = f"'{shorten(key, 40)}'" if key else "missing"
            report(f"fact {number}: bad key {shown_key} "
                   "(use lower-case letters, digits and '-', at most 60)")
            continue
        if key in seen:
            report(f"duplicate fact key '{key}'")
            continue
        seen.add(key)
        for name in sorted(set(map(str, item)) - set(FIELDS)):
            report(f"fact '{key}': unknown field '{name}' ignored")
        label = _scalar(item.get("label"))
        value = _scalar(item.get("value"))
        if label is None:
            report(f"fact '{key}' has no label")
            continue
        if value is None:
            report(f"fact '{key}' has no value")
            continue
        if len(value) > MAX_VALUE:
            report(f"fact '{key}': value longer than {MAX_VALUE} characters ({len(value)})")
            continue
        if len(label) > MAX_LABEL:
            report(f"fact '{key}': label longer than {MAX_LABEL} characters (shortened)")
            label = shorten(label, MAX_LABEL)
        as_of = _scalar(item.get("as_of"))
        if item.get("as_of") is not None and as_of is None:
            report(f"fact '{key}': as_of must be a date such as 2026-11-30")
        sources = item.get("sources", [])
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            report(f"fact '{key}': sources must be a list of source ids")
            sources = []
        ids = tuple(dict.fromkeys(s.strip().lstrip("@") for s in sources if s.strip()))
        facts.append(Fact(key, label, value, as_of, ids, line))
    return tuple(facts), problems


def _normal(text: str) -> str:
    """Text as compared with a value: accents, case, dashes and spacing ignored."""
    return " ".join(re.sub(r"[\u2010-\u2015\u2212]", "-", fold(text)).split())


def value_in_text(value: str, text: str) -> bool:
    return _normal(value) in _normal(text)


def check_facts(corpus: Corpus) -> list[Problem]:
    """Problems of facts that need the folder: sources, the article's text, twins."""
    problems: list[Problem] = []
    for article in sorted(corpus.articles.values(), key=lambda a: a.relpath):
        shown = str(article.path)
        listed = set(article.sources)
        for fact in article.facts:
            for source_id in fact.sources:
                if source_id not in corpus.sources:
                    problems.append(Problem(
                        shown, fact.line, f"fact '{fact.key}' cites unknown source '{source_id}'"))
                elif source_id not in listed:
                    problems.append(Problem(
                        shown, fact.line, f"fact '{fact.key}' cites '{source_id}', which is "
                        "missing from the 'sources' field"))
            if not value_in_text(fact.value, article.text):
                problems.append(Problem(
                    shown, fact.line, f"fact '{fact.key}': value '{shorten(fact.value, 40)}' "
                    "not found in the entry's text"))
        twin = corpus.articles.get((article.id, other_lang(article.lang)))
        if twin is not None and article.lang == LANGS[0]:
            problems.extend(_twin_keys(article.facts, twin.facts, shown, str(twin.path),
                                       article.line_of("facts")))
    return problems


def _twin_keys(here: Iterable[Fact], there: Iterable[Fact], shown: str, twin: str,
               line: int) -> list[Problem]:
    mine = [f.key for f in here]
    theirs = [f.key for f in there]
    only_here = [k for k in mine if k not in theirs]
    only_there = [k for k in theirs if k not in mine]
    if not only_here and not only_there:
        return []
    parts = []
    if only_here:
        parts.append(f"only here: {', '.join(only_here)}")
    if only_there:
        parts.append(f"only there: {', '.join(only_there)}")
    return [Problem(shown, line, f"fact keys differ from its twin {twin} ({'; '.join(parts)})")]
