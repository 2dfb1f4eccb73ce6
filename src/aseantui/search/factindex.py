"""A small Whoosh index of facts, kept in memory beside the entry index.

One document per (entry, fact key), with the labels and values of both
languages, so that a question in either language finds the fact. Three
layers of fields tell the matcher where a word was found:

- the fact's labels and key (`lab*`): the question names the fact;
- its values (`val*`): the question mentions the answer;
- the entry's titles and aliases (`ctx*`): the question names the entry.

Each layer has a plain field (typos, prefixes) and one stemmed field per
language. `plain` holds every word of the three, for the typo and prefix
expansions of `search.query`, which read that field.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from aseantui.content.facts import Fact
from aseantui.content.load import Corpus
from aseantui.content.model import LANGS, Article
from aseantui.search import factcache
from aseantui.search.analysis import analyze, is_stop_word, plain_analyzer
from aseantui.search.schema import stemmed_analyzers
from aseantui.text import fold

LAYERS = ("lab", "val", "ctx")

# What a fact's value is, from its labels, key and value (see `fact_type`).
PERSON, PLACE, DATE, NUMBER, OTHER = "person", "place", "date", "number", "other"

_HINTS: dict[str, frozenset[str]] = {
    PLACE: frozenset(
        "address alamat district kecamatan kawasan city kota location lokasi letak seat "
        "headquarters capital ibukota venue tempat where place region wilayah "
        "country negara host tuan".split()
    ),
    PERSON: frozenset(
        "secretary sekretaris sekjen head kepala chair chairman chairs ketua leader "
        "leaders pemimpin pimpinan president presiden founder founders founding pendiri "
        "predecessor pendahulu successor pengganti holder pejabat minister menteri "
        "deputy deputi deputies signatories signatory penanda who siapa by oleh "
        "appointed diangkat dipimpin led".split()
    ),
    DATE: frozenset(
        "date tanggal since sejak signed ditandatangani established didirikan founded "
        "force berlaku began begins mulai start ends berakhir end held diadakan digelar "
        "admitted diterima year tahun day hari opened dibuka diresmikan joined bergabung "
        "launched diluncurkan adopted disahkan dates when kapan".split()
    ),
    NUMBER: frozenset(
        "count number jumlah length lama staff staf budget anggaran "
        "total size many berapa articles pasal chapters bab".split()
    ),
}
_PLACE_ENDINGS = re.compile(r"\b(at|in|di)$")
"""'Signed at', 'Ditandatangani di': the value is a place."""
_MONTHS = (
    "january february march april may june july august september october november december "
    "januari februari maret mei juni juli agustus oktober desember jan feb mar apr jun jul "
    "aug agu sep sept oct okt nov dec des"
).split()
_DATE = re.compile(
    r"\b(1[5-9]\d\d|20\d\d)\b|\b(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve satu dua tiga empat lima "
    "enam tujuh delapan sembilan sepuluh sebelas".split()
)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _is_number(value: str) -> bool:
    """'11', '5 years', 'lima tahun': a count or a length, not a date."""
    first = value.split()[:1]
    # 'five years' is a length; 'One Vision, One Identity' is a motto.
    return bool(first) and (first[0][0].isdigit() or first[0].strip(",.") in _NUMBER_WORDS) \
        and not _DATE.search(value)


def fact_kinds(labels: list[str], key: str, values: list[str]) -> frozenset[str]:
    """What kinds of answer a fact gives: PERSON, PLACE, DATE, NUMBER, or OTHER.

    A fact may give several: 'Chair: the Philippines (2026)' names who and
    when. Numbers and dates are read from the values; people and places
    from the words of the labels (both languages) and the key.
    """
    label_words = {w for label in labels for w in _words(label)} | set(key.split("-"))
    kinds: set[str] = set()
    if values and all(_is_number(v) for v in values):
        kinds.add(NUMBER)
    if values and all(_DATE.search(v) for v in values):
        kinds.add(DATE)
        if not any(_DATE.search(re.sub(r"\(.*?\)", "", v)) for v in values):
            kinds.add(OTHER)  # 'Timor-Leste (26 October 2025)': a name, dated
    if any(_PLACE_ENDINGS.search(fold(label).strip()) for label in labels):
        kinds.add(PLACE)
    for kind in (PLACE, PERSON):
        if label_words & _HINTS[kind] and NUMBER not in kinds:
            kinds.add(kind)
    if not kinds:
        for kind in (DATE, NUMBER):
            if label_words & _HINTS[kind]:
                kinds.add(kind)
    return frozenset(kinds or {OTHER})


def fact_type(labels: list[str], key: str, values: list[str]) -> str:
    """The main kind of answer a fact gives (see `fact_kinds`)."""
    kinds = fact_kinds(labels, key, values)
    return next(k for k in (NUMBER, DATE, PLACE, PERSON, OTHER) if k in kinds)


_SIGN = re.compile(r"\b(?:(?:di|ber)?tanda\s?tangan|(?:pe|me)nanda\s?tangan)"
                   r"(?:an|i|inya|nya|kan)?\b", re.IGNORECASE)
"""Indonesian forms of 'tanda tangan' (to sign), which Sastrawi leaves apart."""


def normalize(text: str) -> str:
    """Text as the fact index reads it: the forms of 'tanda tangan' made one word."""
    return _SIGN.sub("tandatangan", text)


@dataclass(frozen=True)
class FactEntry:
    """One fact of an entry in every language it is written in."""

    entry: str
    key: str
    order: int
    """Position in the entry's list (the first fact is the entry's headline)."""
    kinds: frozenset[str]
    facts: dict[str, Fact]
    articles: dict[str, Article]

    def in_lang(self, lang: str) -> tuple[Fact, Article]:
        """The fact and its article in `lang`, or in the other language if it has none."""
        chosen = lang if lang in self.facts else next(iter(self.facts))
        return self.facts[chosen], self.articles[chosen]


def _schema() -> Schema:
    fields: dict[str, Any] = {"ref": ID(stored=True, unique=True), "n": STORED()}
    plain = plain_analyzer()
    for layer in LAYERS:
        fields[f"{layer}_plain"] = TEXT(analyzer=plain, phrase=False)
        for lang, analyzer in stemmed_analyzers().items():
            fields[f"{layer}_{lang}"] = TEXT(analyzer=analyzer, phrase=False)
    fields["plain"] = TEXT(analyzer=plain, phrase=False)
    return Schema(**fields)


def collect(corpus: Corpus) -> list[FactEntry]:
    """Every fact of the corpus, one record per (entry, key), in entry and list order."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for entry_id in corpus.ids():
        for lang in LANGS:
            article = corpus.articles.get((entry_id, lang))
            for order, fact in enumerate(article.facts if article else ()):
                slot = found.setdefault((entry_id, fact.key),
                                        {"order": order, "facts": {}, "articles": {}})
                slot["facts"][lang] = fact
                slot["articles"][lang] = article
    records: list[FactEntry] = []
    for (entry_id, key), slot in found.items():
        facts: dict[str, Fact] = slot["facts"]
        kinds = fact_kinds([f.label for f in facts.values()], key,
                           [f.value for f in facts.values()])
        records.append(FactEntry(entry_id, key, slot["order"], kinds, facts, slot["articles"]))
    return records


def _document(number: int, record: FactEntry) -> dict[str, Any]:
    key_words = record.key.replace("-", " ")
    labels = [f.label for f in record.facts.values()] + [key_words]
    values = [f.value for f in record.facts.values()]
    context: list[str] = []
    for article in record.articles.values():
        context += [article.title, *article.aliases]
    layers = {"lab": labels, "val": values, "ctx": list(dict.fromkeys(context))}
    document: dict[str, Any] = {"ref": f"{record.entry}/{record.key}", "n": number}
    for layer, texts in layers.items():
        joined = normalize("\n".join(texts))
        document[f"{layer}_plain"] = joined
        for lang in LANGS:
            document[f"{layer}_{lang}"] = joined
    document["plain"] = normalize("\n".join("\n".join(texts) for texts in layers.values()))
    return document


def _label_size(record: FactEntry) -> float:
    """Words in the fact's labels (stop words aside), averaged over its languages."""
    sizes = [len({w for w in _words(normalize(f.label)) if not is_stop_word(w)})
             for f in record.facts.values()]
    return max(1.0, sum(sizes) / max(len(sizes), 1))


def stems(words: list[str]) -> frozenset[str]:
    """English and Indonesian stems of `words`, to compare words across forms."""
    found: set[str] = set()
    for analyzer in stemmed_analyzers().values():
        for word in words:
            found.update(analyze(analyzer, word))
    return frozenset(found)


def _title_stems(record: FactEntry) -> list[frozenset[str]]:
    """The stems of the entry's title in each language (to see how much a query names)."""
    return [stems(_words(normalize(a.title))) for a in record.articles.values()]


def _name_key(text: str) -> str:
    return re.sub(r"^(the|para|sang)\s+", "", " ".join(_words(text)))


def _entry_names(records: list[FactEntry]) -> dict[str, str]:
    """Folded titles and aliases of the entries that have facts, when not ambiguous."""
    names: dict[str, set[str]] = {}
    for record in {record.entry: record for record in records}.values():  # one per entry
        for article in record.articles.values():
            for name in (article.title, *article.aliases):
                names.setdefault(_name_key(name), set()).add(record.entry)
    return {name: next(iter(ids)) for name, ids in names.items() if len(ids) == 1 and name}


def _code() -> list[Path]:
    """The modules whose code decides what the index holds (part of the cache key)."""
    from aseantui.search import analysis, schema

    return [Path(__file__), Path(analysis.__file__), Path(schema.__file__)]


def _open(documents: list[dict[str, Any]], cache: Path | None) -> Any:
    """The fact index of `documents`: read from `cache` when saved from the same
    documents by the same code, else built (and saved there when it can be)."""
    wanted = ""
    if cache is not None and documents:
        try:
            wanted = factcache.key(documents, _code())
        except OSError:
            cache = None  # the code cannot be read back (a zip import): no cache
    if cache is not None and wanted:
        files = factcache.load(cache, wanted)
        if files is not None:
            storage = RamStorage()
            storage.files = files
            with contextlib.suppress(Exception):  # a damaged index: built again below
                index = storage.open_index()
                if index.doc_count_all() == len(documents):
                    return index
    storage = RamStorage()
    index = storage.create_index(_schema())
    if documents:
        writer = index.writer()
        for document in documents:
            writer.add_document(**document)
        writer.commit()
        if cache is not None and wanted:
            with contextlib.suppress(OSError):  # read-only or full: built again next time
                factcache.save(cache, wanted, dict(storage.files))
    return index


class FactIndex:
    """The facts of one corpus and their in-memory Whoosh index (built on creation)."""

    def __init__(self, corpus: Corpus, cache: Path | None = None) -> None:
        """`cache`: the file the index is saved in and read back from (factcache)."""
        self.records = collect(corpus)
        self.index: Any = _open([_document(n, r) for n, r in enumerate(self.records)], cache)
        self._searcher: Any = None
        self.label_sizes = [_label_size(record) for record in self.records]
        by_entry = {record.entry: _title_stems(record) for record in self.records}
        self.titles = [by_entry[record.entry] for record in self.records]
        self.value_words = [
            [frozenset(w for w in _words(f.value) if not is_stop_word(w))
             for f in record.facts.values()] for record in self.records]
        self.label_words = [frozenset(w for f in record.facts.values() for w in _words(f.label))
                            for record in self.records]
        self.by_entry: dict[str, list[int]] = {}
        for number, record in enumerate(self.records):
            self.by_entry.setdefault(record.entry, []).append(number)
        self._names = _entry_names(self.records)

    def headline(self, number: int, wanted: set[str]) -> bool:
        """True when fact `number` is its entry's first fact, or its only one of the
        `wanted` kinds (a 'who' question wants a person)."""
        record = self.records[number]
        if record.order == 0:
            return True
        same = [n for n in self.by_entry[record.entry] if self.records[n].kinds & wanted]
        return same == [number]

    def entry_named(self, text: str) -> str | None:
        """The entry whose title or alias is exactly `text` ('the' aside), if just one."""
        return self._names.get(_name_key(text))

    def searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
