"""Finding an entry by what a reader calls it: its id, an alias or its title, in any case.

`aseantui sekjen`, `aseantui Location` and `aseantui show SG` all name an
entry; the command line and the app both ask `find_entry`.
"""

from __future__ import annotations

import re
import unicodedata

from aseantui.content.load import Corpus
from aseantui.content.model import Article, Heading


def normalise(name: str) -> str:
    """Case, accents, spaces, hyphens and underscores do not matter in a name."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", " ", plain).strip()


def find_entry(corpus: Corpus, name: str, lang: str) -> Article | None:
    """The entry `name` names, in `lang` where it exists; None when nothing does.

    An exact id wins, then what `Corpus.find` finds (an id's last path part, a
    title or alias only one entry has), then an id in another case, then an
    alias, then a title (both languages' aliases and titles; English first).
    """
    exact = corpus.get(name, lang)
    if exact is not None:
        return exact
    found = corpus.find(name)  # a path's last part, or the one entry titled so
    if found is not None:
        return corpus.get(found, lang)
    wanted = normalise(name)
    if not wanted:
        return None
    for pick in (_by_id, _by_alias, _by_title):
        entry_id = pick(corpus, wanted)
        if entry_id is not None:
            return corpus.get(entry_id, lang)
    return None


def _by_id(corpus: Corpus, wanted: str) -> str | None:
    return next((i for i in corpus.ids() if normalise(i) == wanted), None)


def _by_alias(corpus: Corpus, wanted: str) -> str | None:
    return next((a.id for a in _ordered(corpus)
                 if any(normalise(alias) == wanted for alias in a.aliases)), None)


def _by_title(corpus: Corpus, wanted: str) -> str | None:
    return next((a.id for a in _ordered(corpus) if normalise(a.title) == wanted), None)


def _ordered(corpus: Corpus) -> list[Article]:
    """Every article, English first, then by id: the same answer on every run."""
    return sorted(corpus.articles.values(), key=lambda a: (a.lang != "en", a.id))



def event_anchor(article: Article, year: int, text: str) -> str:
    """The heading slug of the section of `article` that tells of an event in `year`
    described by `text` (most shared words among the sections naming the year);
    "" when no section names the year."""
    words = set(re.findall(r"\w{4,}", normalise(text)))
    best, best_score = "", (0, 0)
    for heading, body in _sections(article):
        if str(year) not in body and str(year) not in heading.text:
            continue
        shared = len(words & set(re.findall(r"\w{4,}", normalise(body))))
        score = (shared, -body.count("\n"))
        if score > best_score or not best:
            best, best_score = heading.slug, score
    return best


def _sections(article: Article) -> list[tuple[Heading, str]]:
    """Each ## / ### heading of `article` with the body text under it."""
    lines = article.body.splitlines()
    headings = [h for h in article.headings if h.level in (2, 3)]
    found: list[tuple[Heading, str]] = []
    starts = []
    for heading in headings:
        # headings are matched by text: `line` counts from the file, not the body
        index = next((i for i, line in enumerate(lines)
                      if line.lstrip("#").strip() == heading.text and line.startswith("#")
                      and i not in starts), -1)
        starts.append(index)
    for number, heading in enumerate(headings):
        start = starts[number]
        if start < 0:
            continue
        end = next((s for s in starts[number + 1:] if s > start), len(lines))
        found.append((heading, "\n".join(lines[start + 1:end])))
    return found
