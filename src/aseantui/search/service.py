"""The query service: a loaded corpus, its index, and search over both.

This is the one object the command line and the app talk to. It never imports
Textual, and `search` answers any string without raising.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aseantui import paths
from aseantui.content.load import Corpus, load_corpus
from aseantui.content.model import LANGS, Article, other_lang
from aseantui.i18n import Notice, category_for
from aseantui.search import stems
from aseantui.search import store as index_store
from aseantui.search.query import (
    Compiled,
    choose_matchers,
    index_categories,
    near_terms,
    parse,
)
from aseantui.search.ranking import rank
from aseantui.search.schema import Ranking, entry_document
from aseantui.search.snippets import Snippet, highlight_terms, make_snippet
from aseantui.search.store import IndexInfo, IndexStore
from aseantui.text import sanitize, shorten

MAX_LIMIT = 500
FEW_RESULTS = 3
"""Below this many results a 'did you mean' suggestion is looked for."""


@dataclass(frozen=True)
class Hit:
    id: str
    lang: str
    title: str
    category: str
    score: float
    snippet: Snippet
    summary: str
    translated: bool
    """True when the entry is not available in the language asked for."""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "category": self.category,
            "score": round(self.score, 4),
            "snippet": self.snippet.markdown() if self.snippet.parts else self.summary,
        }


@dataclass
class Results:
    query: str
    total: int = 0
    suggestion: str | None = None
    hits: list[Hit] = field(default_factory=list)
    notice: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "hits": [hit.as_json() for hit in self.hits],
        }


class Library:
    """Articles of one content folder, searchable in English and Indonesian."""

    def __init__(
        self,
        content: str | Path | None = None,
        *,
        cache_dir: Path | None | bool = True,
        corpus: Corpus | None = None,
        prebuilt: Path | None | bool = True,
    ) -> None:
        self.content_dir = paths.content_dir(content)
        if cache_dir is True:
            cache_dir = paths.cache_dir()
        self._cache_dir: Path | None = cache_dir or None
        # What the wheel ships prebuilt (prebuilt.py): used only where it matches.
        self._prebuilt = paths.prebuilt_dir() if prebuilt is True else prebuilt or None
        self.corpus = corpus if corpus is not None else load_corpus(
            self.content_dir, self._cache_dir, self._prebuilt
        )
        self._ix: Any = None
        self._searcher: Any = None
        self._lock = threading.RLock()
        self.index_info: IndexInfo | None = None

    # -- articles ---------------------------------------------------------
    def article(self, entry_id: str, lang: str) -> Article | None:
        return self.corpus.get(entry_id, lang)

    def _entries(self) -> dict[str, dict[str, Article]]:
        entries: dict[str, dict[str, Article]] = {}
        for (entry_id, lang), article in self.corpus.articles.items():
            entries.setdefault(entry_id, {})[lang] = article
        return {k: dict(sorted(v.items())) for k, v in entries.items()}

    # -- index -------------------------------------------------------------
    def open_index(self, *, rebuild: bool = False) -> IndexInfo:
        """Open (building or updating as needed) the index; safe to call again."""
        with self._lock:
            if self._ix is not None and not rebuild:
                assert self.index_info is not None
                return self.index_info
            entries = self._entries()
            digests = {i: "+".join(a.digest for a in arts.values()) for i, arts in entries.items()}

            def make(entry_id: str) -> dict[str, Any]:
                return entry_document(entries[entry_id])

            saved_stems = self._cache_dir / stems.FILE if self._cache_dir else None
            if not stems.load(saved_stems) and self._prebuilt is not None:
                stems.load(self._prebuilt / stems.FILE)
            store = IndexStore(self._cache_dir, self.content_dir, self._prebuilt)
            self._close_searcher()
            self._ix, self.index_info = store.open(digests, make, rebuild=rebuild)
            action = self.index_info.action
            if action != "reused":  # indexing met new words
                if action == "built" and len(digests) >= index_store.MULTIPROCESS_MIN:
                    stems.learn(self._ix)  # sub-processes did the stemming
                stems.save(saved_stems)
            return self.index_info

    def _fallback_to_memory(self, reason: str) -> str:
        """The index failed while searching: rebuild it; in memory if the disk lets us down.

        Returns the notice that says so.
        """
        self._close_searcher()
        self._ix = None
        info = self.open_index(rebuild=True)
        where = "in memory" if info.in_memory else "on disk"
        notice = Notice(f"the search index could not be read ({{reason}}); it was rebuilt {where}",
                        reason=reason)
        info.notices.append(notice)
        return notice

    def _index_works(self) -> bool:
        """True when the index reads back intact, so a failed search was not its fault."""
        self._close_searcher()
        info = self.index_info
        try:
            if info is not None and not info.in_memory:
                store = IndexStore(self._cache_dir, self.content_dir)
                manifest = store.read_manifest()
                if manifest is None or manifest.get("build") != Path(info.location).name:
                    return False
                if not store.intact(manifest):
                    return False
            searcher = self.searcher()
            expected = info.entries if info is not None else searcher.doc_count()
            return bool(searcher.doc_count() == expected)
        except Exception:  # noqa: BLE001 - anything wrong here means the index is at fault
            return False

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:  # noqa: BLE001
                pass
            self._searcher = None

    def searcher(self) -> Any:
        with self._lock:
            if self._ix is None:
                self.open_index()
            if self._searcher is None:
                self._searcher = self._ix.searcher(weighting=Ranking())
            return self._searcher

    def close(self) -> None:
        with self._lock:
            self._close_searcher()

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
        text = sanitize(raw, keep_newlines=False)
        if text and raw[-1].isspace():
            text += " "  # a trailing space ends the last word: it is no longer a prefix
        lang = lang if lang in LANGS else "en"
        limit = max(1, min(int(limit), MAX_LIMIT))
        with self._lock:
            rebuilt = ""
            for attempt in (1, 2):
                try:
                    results = self._search(text, lang, limit, category)
                except Exception as exc:  # noqa: BLE001 - search answers every string
                    # Rebuild only when the index is at fault, not for every
                    # keystroke of a query that trips over a bug.
                    if attempt == 2 or self._index_works():
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
        query = compiled.query if compiled.query is not None else None
        if compiled.filters and not compiled.words and text.strip() in ("", "*"):
            from whoosh.query import Every

            query = Every()
        ranked, results.total = rank(searcher, compiled, query, compiled.filter_query(), limit)
        terms = {lg: highlight_terms(query.iter_all_terms(), lg) for lg in LANGS}
        for hit, score in ranked:
            results.hits.append(self._hit(hit, lang, terms, score))
        if results.total < FEW_RESULTS or self._has_unknown_word(compiled, searcher):
            results.suggestion = self._suggest(text, compiled, searcher, results.total)
        return results

    def _hit(self, hit: Any, lang: str, terms: dict[str, frozenset[str]], score: float) -> Hit:
        langs = str(hit.get("langs", "")).split()
        shown = lang if lang in langs else (langs[0] if langs else lang)
        body = hit.get(f"body_{shown}", "")
        snippet = make_snippet(body, terms[shown], shown)
        summary = str(hit.get(f"summary_{shown}", ""))
        return Hit(
            id=hit["id"],
            lang=shown,
            title=str(hit.get(f"title_{shown}", hit["id"])),
            category=str(hit.get("category", "")),
            score=score,
            snippet=snippet if snippet.has_match else Snippet.of(shorten(summary, 200)),
            summary=summary,
            translated=shown != lang,
        )

    def _has_unknown_word(self, compiled: Compiled, searcher: Any) -> bool:
        reader = searcher.reader()
        return any(len(w) >= 3 and ("plain", w) not in reader for w, _, _ in compiled.words)

    def _suggest(self, text: str, compiled: Compiled, searcher: Any, total: int) -> str | None:
        """A corrected query that finds more, or None."""
        reader = searcher.reader()
        corrected = text
        for word, start, end in sorted(compiled.words, key=lambda w: -w[1]):
            if len(word) < 3 or ("plain", word) in reader:
                continue
            if end == len(text) and any(True for _ in reader.expand_prefix("plain", word)):
                continue  # still being typed, and a known word starts like this
            # Like Whoosh's corrector, the most common word within two edits (a
            # misspelling kept as an alias is rare); near_terms has the walk
            # over the vocabulary memoised from the typo expansion.
            options = [term for term, _ in near_terms(reader, word) if term != word]
            if options:
                best = max(options, key=lambda t: reader.doc_frequency("plain", t))
                if text[start:end].lower() != best:
                    corrected = corrected[:start] + best + corrected[end:]
        if corrected == text:
            return None
        # Offer the spelling only if it finds something: a misspelt word that
        # still matched through typo tolerance deserves its correction shown.
        # The first matching document is enough: no scoring, no full walk, and
        # union trees (they find it lazily) rather than arrays (they preload).
        query = parse(corrected, reader).query
        choose_matchers(query, small=True)
        return corrected if next(iter(query.docs(searcher)), None) is not None else None

    # -- helpers for callers ---------------------------------------------------
    def other(self, article: Article) -> Article | None:
        return self.corpus.articles.get((article.id, other_lang(article.lang)))


LibraryFactory = Callable[[], Library]
