"""Content: parse, validate and load Markdown articles (no Textual here)."""

from aseantui.content.load import Corpus, load_corpus
from aseantui.content.model import CATEGORIES, LANGS, Article, Problem, Source, TimelineEvent

__all__ = [
    "CATEGORIES",
    "LANGS",
    "Article",
    "Corpus",
    "Problem",
    "Source",
    "TimelineEvent",
    "load_corpus",
]
