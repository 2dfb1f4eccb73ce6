"""What a request for an entry means, decided on the corpus (Textual-free).

The main screen is asked for entries in many ways: a name typed on the command
line, a category on home, a core-section key, "random", a row of a pick list.
Each is answered here as a `Target` (open this entry, list this category, or
say that nothing matched); the screen only carries it out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aseantui.content.load import Corpus
    from aseantui.content.model import Article


@dataclass(frozen=True)
class Target:
    """Where a request leads: an entry, a category's list, or nowhere (`missing`)."""

    entry: str = ""
    lang: str = ""
    anchor: str = ""
    category: str = ""
    """List this category's entries (when `entry` is empty)."""
    clear_filter: bool = False
    """Opened as a category's only entry: leave no category filter behind."""
    missing: str = ""
    """What was asked for and not found."""
    close: tuple[str, ...] = ()
    """Ids close to `missing` (a hint)."""


NOWHERE = Target()


def article(corpus: Corpus, entry_id: str, lang: str | None, ui_lang: str) -> Article | None:
    """The entry in the interface language where it exists, else in `lang`."""
    return corpus.get(entry_id, ui_lang, fallback=False) or corpus.get(entry_id, lang or ui_lang)


def named(corpus: Corpus, name: str, lang: str) -> Target:
    """The entry called `name` (id, alias or title, any case), or what is close to it."""
    from aseantui.content.lookup import find_entry

    found = find_entry(corpus, name, lang)
    if found is None:
        return Target(missing=name, close=tuple(corpus.closest(name)))
    return Target(found.id, found.lang)


def category(corpus: Corpus, name: str, lang: str) -> Target:
    """A category's only entry, else its list."""
    entries = [a for a in corpus.in_lang(lang) if a.category == name]
    if len(entries) == 1:
        return Target(entries[0].id, clear_filter=True)
    return Target(category=name)


def core(corpus: Corpus, number: int, lang: str) -> Target:
    """The `number`th core section (from 0) the folder declares, if it declares one."""
    sections = corpus.settings.core
    return category(corpus, sections[number], lang) if 0 <= number < len(sections) else NOWHERE


def any_entry(corpus: Corpus, pick: random.Random | None = None) -> Target:
    """An entry chosen at random (none in an empty folder)."""
    ids = corpus.ids()
    choose = pick.choice if pick is not None else random.choice
    return Target(choose(ids)) if ids else NOWHERE


def picked(value: str) -> Target:
    """A pick list's value: `entry` or `entry#anchor`."""
    entry, _, anchor = value.partition("#")
    return Target(entry, anchor=anchor)
