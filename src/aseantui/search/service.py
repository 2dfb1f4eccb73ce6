"""The query service: a loaded corpus, its index, and search over both.

This is the one object the command line and the app talk to. It never imports
Textual, and `search` answers any string without raising. The parts live in
files of their own: the index handle (handle.py), query parsing (query.py),
ranking (ranking.py), result rows (results.py), 'did you mean' (spelling.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aseantui import paths
from aseantui.content.files import Stamps
from aseantui.content.model import LANGS, Article, other_lang
from aseantui.i18n import category_for
from aseantui.search.handle import IndexHandle, Progress
from aseantui.search.query import has_lang, index_categories, parse
from aseantui.search.ranking import rank
from aseantui.search.results import Hit, Results, make_hit
from aseantui.search.schema import entry_document
from aseantui.search.snippets import highlight_terms
from aseantui.search.spelling import FEW_RESULTS, has_unknown_word, suggest
from aseantui.search.store import IndexInfo
from aseantui.text import normalize_for_search, sanitize

if TYPE_CHECKING:
    from aseantui.content.load import Corpus

__all__ = ["FEW_RESULTS", "MAX_LIMIT", "Hit", "Library", "LibraryFactory", "Results"]

MAX_LIMIT = 500


class Library:
    """Articles of one content folder, searchable in English and Indonesian."""

    def __init__(
        self,
        content: str | Path | None = None,
        *,
        cache_dir: Path | None | bool = True,
        corpus: Corpus | None = None,
        prebuilt: Path | None | bool = True,
        lazy: bool = False,
    ) -> None:
        """`lazy`: read the articles only when something needs them. Searching does
        not, while the folder is as it was when the index was last opened (fresh.py):
        the command line's `search` then costs an index open, not a corpus load."""
        self.content_dir = paths.content_dir(content)
        if cache_dir is True:
            cache_dir = paths.cache_dir()
        self._cache_dir: Path | None = cache_dir or None
        # What the wheel ships prebuilt (prebuilt.py): used only where it matches.
        self._prebuilt = paths.prebuilt_dir() if prebuilt is True else prebuilt or None
        self._corpus = corpus
        self._loading = threading.Lock()
        self._progress: Progress | None = None
        self.index = IndexHandle(self.content_dir, self._cache_dir, self._prebuilt,
                                 self._documents, seen=self._seen,
                                 quick=lambda: self._corpus is None)
        if corpus is None and not lazy:
            self.load()

    # -- the articles --------------------------------------------------------
    @property
    def corpus(self) -> Corpus:
        """Every article of the folder, read (parse cache, else parsing) on first use."""
        return self._corpus if self._corpus is not None else self.load()

    def load(self, progress: Progress | None = None) -> Corpus:
        """Read the articles now, if not yet done; `progress("parse", done, total)` while
        files are parsed."""
        with self._loading:
            if self._corpus is None:
                from aseantui.content.load import load_corpus  # markdown-it, YAML

                tell = progress or self._progress
                self._corpus = load_corpus(
                    self.content_dir, self._cache_dir, self._prebuilt,
                    (lambda done, total: tell("parse", done, total)) if tell else None)
            return self._corpus

    @property
    def loaded(self) -> bool:
        return self._corpus is not None

    @property
    def fact_cache(self) -> Path | None:
        """Where the folder's fact index is kept between runs (factcache), if anywhere."""
        if self._cache_dir is None:
            return None
        from aseantui.search.store import content_key

        return self._cache_dir / "facts" / f"{content_key(self.content_dir)}.bin"

    @property
    def skipped(self) -> int:
        """Articles skipped as broken (known without loading them once the index is open)."""
        if self._corpus is None and self.index.skipped is not None:
            return self.index.skipped
        return self.corpus.skipped

    def categories(self) -> list[str]:
        """The categories of the folder's entries, sorted (from the index while the
        articles are not loaded)."""
        if self._corpus is None:
            with self.index.lock:
                reader = self.searcher().reader()
                return sorted(t.decode("utf-8") if isinstance(t, bytes) else str(t)
                              for t in reader.lexicon("category"))
        return sorted({a.category for a in self.corpus.articles.values()})

    def _seen(self) -> tuple[Stamps | None, int]:
        corpus = self._corpus
        return (corpus.stamps, corpus.skipped) if corpus is not None else (None, 0)

    # -- articles ---------------------------------------------------------
    def article(self, entry_id: str, lang: str) -> Article | None:
        return self.corpus.get(entry_id, lang)

    def other(self, article: Article) -> Article | None:
        return self.corpus.articles.get((article.id, other_lang(article.lang)))

    def _entries(self) -> dict[str, dict[str, Article]]:
        entries: dict[str, dict[str, Article]] = {}
        for (entry_id, lang), article in self.corpus.articles.items():
            entries.setdefault(entry_id, {})[lang] = article
        return {k: dict(sorted(v.items())) for k, v in entries.items()}

    def _documents(self) -> tuple[dict[str, str], Callable[[str], dict[str, Any]]]:
        entries = self._entries()
        digests = {i: "+".join(a.digest for a in arts.values()) for i, arts in entries.items()}

        def make(entry_id: str) -> dict[str, Any]:
            return entry_document(entries[entry_id])

        return digests, make

    # -- index (handle.py) ---------------------------------------------------
    @property
    def index_info(self) -> IndexInfo | None:
        return self.index.info

    @property
    def _ix(self) -> Any:
        return self.index.ix

    def open_index(self, *, rebuild: bool = False, progress: Progress | None = None
                   ) -> IndexInfo:
        """Open (building or updating as needed) the index; safe to call again.

        `progress(phase, done, total)` is told how far reading ("parse") and
        indexing ("index") the articles are, when there is such work to do.
        """
        self._progress = progress
        try:
            return self.index.open(rebuild=rebuild, progress=progress)
        finally:
            self._progress = None

    def _fallback_to_memory(self, reason: str) -> str:
        return self.index.rebuild(reason)

    def searcher(self) -> Any:
        return self.index.searcher()

    def close(self) -> None:
        self.index.close()

    # -- search --------------------------------------------------------------
    def search(
        self,
        text: str,
        lang: str = "en",
        limit: int = 10,
        category: str | None = None,
    ) -> Results:
        """Entries matching `text`, best first, one row per entry, in `lang` where possible."""
        raw = str(text) if text else ""
        text = normalize_for_search(sanitize(raw, keep_newlines=False))
        if text and raw[-1].isspace():
            text += " "  # a trailing space ends the last word: it is no longer a prefix
        lang = lang if lang in LANGS else "en"
        limit = max(1, min(int(limit), MAX_LIMIT))
        with self.index.lock:
            rebuilt = ""
            for attempt in (1, 2):
                try:
                    results = self._search(text, lang, limit, category)
                except Exception as exc:  # noqa: BLE001 - search answers every string
                    # Rebuild only when the index is at fault, not for every
                    # keystroke of a query that trips over a bug.
                    if attempt == 2 or self.index.works():
                        return Results(text, notice=f"search failed: {exc!r:.200}")
                    rebuilt = self._fallback_to_memory(type(exc).__name__)
                    continue
                if rebuilt:
                    results.notice = rebuilt if not results.notice else " · ".join(
                        (rebuilt, results.notice))
                return results
        raise AssertionError("unreachable")  # pragma: no cover

    def _search(self, text: str, lang: str, limit: int, category: str | None) -> Results:
        searcher = self.searcher()
        results = Results(text)
        if not text.strip() and not category:
            return results
        compiled = parse(text, searcher.reader())
        results.notice = compiled.notice
        if category:
            known = index_categories(searcher.reader())
            compiled.filters.setdefault("category", []).append(
                category_for(category, known) or category)
        if "langs" in compiled.filters and len(set(compiled.filters["langs"])) == 1:
            lang = compiled.filters["langs"][0]
        query = compiled.query
        if compiled.filters and not compiled.words and text.strip() in ("", "*"):
            from whoosh.query import Every

            query = Every()
        ranked, results.total = rank(searcher, compiled, query, compiled.filter_query(), limit)
        # No hit is in a language the index has no entry in: its stems are not needed.
        terms = {lg: highlight_terms(query.iter_all_terms() if has_lang(searcher.reader(), lg)
                                     else (), lg) for lg in LANGS}
        results.hits = [make_hit(hit, lang, terms, score) for hit, score in ranked]
        if results.total < FEW_RESULTS or has_unknown_word(compiled, searcher.reader()):
            results.suggestion = suggest(text, compiled, searcher)
        return results


LibraryFactory = Callable[[], Library]
