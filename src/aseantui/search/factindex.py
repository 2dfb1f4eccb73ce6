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

import re
from dataclasses import dataclass
from typing import Any

from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from aseantui.content.facts import Fact
from aseantui.content.load import Corpus
from aseantui.content.model import LANGS, Article
from aseantui.search.analysis import plain_analyzer
from aseantui.search.schema import stemmed_analyzers
from aseantui.text import fold

LAYERS = ("lab", "val", "ctx")

# What a fact's value is, from its labels, key and value (see `fact_type`).
PERSON, PLACE, DATE, NUMBER, OTHER = "person", "place", "date", "number", "other"

_HINTS: dict[str, frozenset[str]] = {
    PLACE: frozenset(
        "address alamat district kecamatan kawasan city kota location lokasi letak seat "
        "kedudukan headquarters capital ibukota venue tempat where place region wilayah "
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


def fact_type(labels: list[str], key: str, values: list[str]) -> str:
    """PERSON, PLACE, DATE, NUMBER or OTHER: what kind of answer a fact gives.

    The values decide when they are numbers or dates; otherwise the words of
    the labels (both languages) and the key do.
    """
    label_words = {w for label in labels for w in _words(label)} | set(key.split("-"))
    if values and all(_is_number(v) for v in values):
        return NUMBER
    if values and all(_DATE.search(v) for v in values):
        return DATE
    if any(_PLACE_ENDINGS.search(fold(label).strip()) for label in labels):
        return PLACE
    for kind in (PLACE, PERSON, DATE, NUMBER):
        if label_words & _HINTS[kind]:
            return kind
    return OTHER


@dataclass(frozen=True)
class FactEntry:
    """One fact of an entry in every language it is written in."""

    entry: str
    key: str
    order: int
    """Position in the entry's list (the first fact is the entry's headline)."""
    kind: str
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
        kind = fact_type([f.label for f in facts.values()], key,
                         [f.value for f in facts.values()])
        records.append(FactEntry(entry_id, key, slot["order"], kind, facts, slot["articles"]))
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
        joined = "\n".join(texts)
        document[f"{layer}_plain"] = joined
        for lang in LANGS:
            document[f"{layer}_{lang}"] = joined
    document["plain"] = "\n".join("\n".join(texts) for texts in layers.values())
    return document


class FactIndex:
    """The facts of one corpus and their in-memory Whoosh index (built on creation)."""

    def __init__(self, corpus: Corpus) -> None:
        self.records = collect(corpus)
        self.index: Any = RamStorage().create_index(_schema())
        if self.records:
            writer = self.index.writer()
            for number, record in enumerate(self.records):
                writer.add_document(**_document(number, record))
            writer.commit()
        self._searcher: Any = None

    def searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
