"""Load a folder of articles into a Corpus and check it as a whole."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from aseantui import cancel
from aseantui.content.cache import PREBUILT_PARSED, ParseCache
from aseantui.content.facts import check_facts
from aseantui.content.files import Stamps, article_files, folder_stamps_only
from aseantui.content.folder import FolderSettings, read_settings
from aseantui.content.model import (
    LANGS,
    Article,
    Link,
    Problem,
    Source,
    TimelineEvent,
    other_lang,
)
from aseantui.content.parallel import Parsed, Progress, parse_files
from aseantui.content.parse import parse_article
from aseantui.content.registry import load_sources, load_timeline
from aseantui.fsutil import stamp


@dataclass
class Corpus:
    """Every valid article of a content folder, with the problems found."""

    root: Path
    articles: dict[tuple[str, str], Article] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    settings: FolderSettings = field(default_factory=FolderSettings)
    """What the folder's aseantui.yaml declares (folder.py)."""
    notices: list[str] = field(default_factory=list)
    """What the reader should be told once that is not a problem of the content
    (a parse cache that cannot be written)."""
    stamps: Stamps | None = None
    """The stamps of the article files this corpus was read from (load_corpus), so that a
    later run can tell the folder has not changed without reading it (search/fresh.py)."""

    def __post_init__(self) -> None:
        self.by_path: dict[str, Article] = {a.relpath: a for a in self.articles.values()}

    # -- look-ups -------------------------------------------------------
    def get(self, entry_id: str, lang: str, *, fallback: bool = True) -> Article | None:
        article = self.articles.get((entry_id, lang))
        if article is None and fallback:
            article = self.articles.get((entry_id, other_lang(lang)))
        return article

    def find(self, name: str) -> str | None:
        """The id `name` stands for: itself, the only id that ends with '/name'
        (`common/tar` for `pages/common/tar`), or the only entry titled or aliased so."""
        ids = {entry_id for entry_id, _ in self.articles}
        if name in ids:
            return name
        endings = {i for i in ids if i.endswith("/" + name.strip("/"))}
        if len(endings) == 1:
            return endings.pop()
        wanted = " ".join(name.split()).casefold()
        named = {a.id for a in self.articles.values()
                 if wanted in (n.casefold() for n in (a.title, *a.aliases))}
        return named.pop() if len(named) == 1 else None

    def ids(self) -> list[str]:
        return sorted({entry_id for entry_id, _ in self.articles})

    def in_lang(self, lang: str) -> list[Article]:
        """One article per entry, in `lang` where it exists, sorted by title."""
        chosen = [self.get(entry_id, lang) for entry_id in self.ids()]
        return sorted((a for a in chosen if a is not None), key=lambda a: a.title.casefold())

    def resolve(self, link: Link) -> Article | None:
        """The article an internal link points to (`page.md` may also be `page/index.md`)."""
        if link.kind != "internal":
            return None
        found = self.by_path.get(link.target)
        if found is None and link.target.endswith("/index.md"):  # `page/` is `page.md` too
            found = self.by_path.get(f"{link.target[: -len('/index.md')]}.md")
        if found is None and link.target.endswith(".md"):
            found = self.by_path.get(f"{link.target[:-3]}/index.md") or self.by_path.get(
                f"{link.target[:-3]}/README.md")
        return found

    def backlinks(self, entry_id: str) -> list[str]:
        """Ids of the other entries that link to `entry_id` (either language)."""
        found = {
            article.id
            for article in self.articles.values()
            for link in article.internal_links()
            if (target := self.resolve(link)) is not None
            and target.id == entry_id
            and article.id != entry_id
        }
        return sorted(found)

    def closest(self, entry_id: str, n: int = 5) -> list[str]:
        ids = self.ids()
        titles = {a.title.casefold(): a.id for a in self.articles.values()}
        matches = difflib.get_close_matches(entry_id.casefold(), ids, n=n, cutoff=0.5)
        for title in difflib.get_close_matches(entry_id.casefold(), list(titles), n=n, cutoff=0.5):
            if titles[title] not in matches:
                matches.append(titles[title])
        return matches[:n]


def load_corpus(root: Path, cache_root: Path | None = None, prebuilt: Path | None = None,
                progress: Progress | None = None) -> Corpus:
    """Parse every article under `root`; invalid files are reported and skipped.

    With `cache_root`, unchanged files come from the parse cache (cache.py),
    which a first run fills from `prebuilt` (the parse cache shipped in the wheel).
    Many files to parse are parsed in worker processes (parallel.py);
    `progress(done, total)` is told how far that is.
    """
    articles: dict[tuple[str, str], Article] = {}
    problems: list[Problem] = []
    stamps = Stamps()
    stamps.files.update(folder_stamps_only(root))  # before any file: a later change shows
    skipped = 0
    cache = ParseCache(cache_root, root, prebuilt and prebuilt / PREBUILT_PARSED) \
        if cache_root else None
    files = list(article_files(root, problems))
    results: list[Parsed | None] = []
    for path, relpath in files:
        cancel.check()  # the app is quitting: stop between files
        file_stamp = stamps.files[relpath] = stamp(path)
        results.append(cache.get(path, relpath, file_stamp) if cache else None)
    todo = [file for file, parsed in zip(files, results, strict=True) if parsed is None]
    fresh = iter(parse_files(todo, progress, parse=parse_article))
    for (path, relpath), parsed in zip(files, results, strict=True):
        if parsed is None:
            parsed = next(fresh)
            if cache:
                cache.put(path, relpath, stamps.files[relpath], parsed)
        article, found = parsed
        problems.extend(found)
        if article is None:
            skipped += any(p.fatal for p in found)
            continue
        earlier = articles.get(article.key)
        if earlier is not None:
            # An article with front matter wins over one whose id was guessed
            # from its file name ('Glossary.md' must not displace glossary.md).
            kept, dropped = (article, earlier) if earlier.inferred and not article.inferred \
                else (earlier, article)
            problems.append(
                Problem(
                    str(dropped.path),
                    dropped.line_of("id"),
                    f"duplicate entry: id '{article.id}' in lang '{article.lang}' "
                    f"is already defined in {kept.path}",
                    fatal=True,
                )
            )
            skipped += 1
            articles[article.key] = kept
            continue
        articles[article.key] = article
    notices: list[str] = []
    if cache:
        cache.save()
        notices += [cache.notice] if cache.notice else []
    articles = _folder_categories(articles)
    sources, source_problems = load_sources(root)
    timeline, timeline_problems = load_timeline(root)
    settings, settings_problems = read_settings(root)
    corpus = Corpus(root, articles, sources, timeline, problems, skipped, settings, notices,
                    stamps)
    corpus.problems.extend(source_problems + timeline_problems + settings_problems)
    corpus.problems.extend(check_links(corpus))
    corpus.problems.extend(check_facts(corpus))
    return corpus


def _folder_categories(articles: dict[tuple[str, str], Article]
                       ) -> dict[tuple[str, str], Article]:
    """Categories taken from folders, one level down while every page shares the top one.

    tldr keeps everything in `pages/`: its categories are `common`, `linux`, ...
    """
    depth = 0
    while True:
        by_folder = {k: a for k, a in articles.items()
                     if a.inferred and a.category == _folder(a.id, depth)}
        folders = {a.category for a in by_folder.values()}
        if len(folders) != 1 or not any(_folder(a.id, depth + 1) for a in by_folder.values()):
            return articles
        depth += 1
        articles = {**articles, **{
            k: replace(a, category=_folder(a.id, depth) or "general")
            for k, a in by_folder.items()}}


def _folder(entry_id: str, depth: int) -> str:
    parts = entry_id.lower().split("/")[:-1]
    return "-".join(parts[depth].split()) if depth < len(parts) else ""


def check_links(corpus: Corpus) -> list[Problem]:
    """Problems that need the whole corpus: twins, links, sources, related ids."""
    problems: list[Problem] = []
    ids = set(corpus.ids())
    anchors: dict[str, frozenset[str]] = {}  # per target, not per link (has_anchor)
    for article in sorted(corpus.articles.values(), key=lambda a: a.relpath):
        shown = str(article.path)
        twin = corpus.articles.get((article.id, other_lang(article.lang)))
        if twin is None:
            # Only our own entries promise a translation; other folders are what they are.
            problems.append(
                Problem(shown, article.line_of("id"),
                        f"entry '{article.id}' has no twin in lang '{other_lang(article.lang)}'",
                        note=article.inferred)
            )
        elif _structure(article) != _structure(twin) and article.lang == LANGS[0] \
                and not (article.inferred or twin.inferred):
            problems.append(
                Problem(shown, 1, f"heading structure differs from its twin {twin.path} "
                        f"({_describe(article)} here, {_describe(twin)} there)")
            )
        for link in article.links:
            problems.extend(_check_link(corpus, article, link, anchors))
        listed = set(article.sources)
        for source_id in article.sources:
            if source_id not in corpus.sources:
                problems.append(
                    Problem(shown, article.line_of("sources"), f"unknown source id '{source_id}'")
                )
        # `[@name]` in someone else's page is a mention, not one of our citations.
        for citation in () if article.inferred else article.citations:
            for source_id in citation.source_ids:
                if source_id not in corpus.sources:
                    problems.append(
                        Problem(shown, citation.line, f"citation of unknown source '{source_id}'")
                    )
                elif source_id not in listed:
                    problems.append(
                        Problem(shown, citation.line,
                                f"cited source '{source_id}' is missing from the 'sources' field")
                    )
        for related in article.related:
            if related not in ids:
                problems.append(
                    Problem(shown, article.line_of("related"), f"unknown related entry '{related}'")
                )
    for event in corpus.timeline:
        shown = str(corpus.root / "timeline.yaml")
        if event.entry not in ids:
            problems.append(
                Problem(shown, event.line, f"event links to unknown entry '{event.entry}'")
            )
        for source_id in event.sources:
            if source_id not in corpus.sources:
                problems.append(Problem(shown, event.line, f"unknown source id '{source_id}'"))
    return problems


def _check_link(corpus: Corpus, article: Article, link: Link,
                anchors: dict[str, frozenset[str]]) -> list[Problem]:
    """A broken link or anchor is a problem; a link to a file that is not an entry a note."""
    shown = str(article.path)
    if link.kind == "file":
        if not (corpus.root / link.target).exists():
            return [Problem(shown, link.line, f"link to '{link.href}': no such file in the "
                            "folder", note=True)]
        return []
    if link.kind != "internal":
        return []
    target = corpus.resolve(link)
    if target is None:
        on_disk = (corpus.root / link.target).is_file()
        if on_disk:  # a README, a skipped file: there, but not an entry
            return [Problem(shown, link.line, f"link to '{link.href}': {link.target} is not "
                            "an entry", note=True)]
        # In someone else's folder a broken link is theirs to fix: a note.
        return [Problem(shown, link.line, f"broken link to '{link.href}'",
                        note=article.inferred)]
    if link.anchor and not has_anchor(target, link.anchor, anchors):
        return [Problem(shown, link.line, f"broken link to '{link.href}': no heading "
                        f"'{link.anchor}' in {target.relpath}", note=article.inferred)]
    return []


def has_anchor(article: Article, anchor: str,
               known: dict[str, frozenset[str]] | None = None) -> bool:
    """True when `anchor` names a heading of `article` as the reader slugs it.

    Compared without case or percent-encoding (`#ID` finds the heading `ID`);
    an HTML `id` or `name` attribute in the page is an anchor too. `known`
    keeps each article's anchors between calls: checking 20,000 links to an
    article of 20,000 headings works them out once, not once per link.
    """
    anchors = known.get(article.relpath) if known is not None else None
    if anchors is None:
        anchors = _anchors(article)
        if known is not None:
            known[article.relpath] = anchors
    return _loose(anchor) in anchors or f"\0{unquote(anchor)}" in anchors


_HTML_ANCHOR = re.compile(r"""(?:id|name)=(?:"([^"]*)"|'([^']*)')""")


def _anchors(article: Article) -> frozenset[str]:
    """Every anchor of `article`: its headings' slugs and texts and its title (loose), and
    each HTML id or name attribute (as written, marked with a NUL)."""
    found = {_loose(h.slug) for h in article.headings} | {_loose(h.text) for h in article.headings}
    if article.title:
        found.add(_loose(article.title))
    for match in _HTML_ANCHOR.finditer(article.body):
        found.add("\0" + (match.group(1) if match.group(1) is not None else match.group(2)))
    return frozenset(found)


def _loose(anchor: str) -> str:
    """An anchor or heading as every slugger agrees on it: lower case, spaces as '-',
    nothing but letters, digits, '-' and '_' (Textual keeps 'Where’s', GitHub does not)."""
    text = re.sub(r"\s", "-", unquote(anchor).strip().casefold())
    return re.sub(r"[^\w-]", "", text)


def _structure(article: Article) -> list[int]:
    return [h.level for h in article.headings if h.level in (2, 3)]


def _describe(article: Article) -> str:
    levels = _structure(article)
    counts: dict[int, int] = defaultdict(int)
    for level in levels:
        counts[level] += 1
    return ", ".join(f"{counts[lv]} h{lv}" for lv in sorted(counts)) or "no headings"
