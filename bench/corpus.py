"""Synthetic content folders built from the vocabulary of the shipped articles.

Each synthetic entry is a pair of valid articles (en/<id>.md and id/<id>.md)
with front matter, the same heading structure in both languages, a few
internal links and about `words` words of body text per language. Words are
drawn from the real articles of that language with their real frequencies,
so common words ("asean", "sekretariat") have long posting lists and rare
ones (names, years) short ones, as in the shipped content.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from aseantui.content.model import CATEGORIES, LANGS

SEE = {"en": "See", "id": "Lihat"}
WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass
class Vocabulary:
    """Words of one language with cumulative weights for `random.choices`."""

    words: list[str]
    cum_weights: list[int]

    @classmethod
    def from_texts(cls, texts: list[str]) -> Vocabulary:
        counts = Counter(w for text in texts for w in WORD.findall(text))
        words = sorted(counts, key=lambda w: (-counts[w], w))
        cum: list[int] = []
        total = 0
        for w in words:
            total += counts[w]
            cum.append(total)
        return cls(words, cum)

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


def vocabularies(content: Path) -> dict[str, Vocabulary]:
    """The vocabulary of each language in a content folder (bodies, titles, summaries)."""
    from aseantui.content.load import load_corpus

    corpus = load_corpus(content)
    texts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for article in corpus.articles.values():
        texts[article.lang] += [article.title, article.summary, article.text]
    return {lang: Vocabulary.from_texts(texts[lang]) for lang in LANGS}


def _sentence(vocab: Vocabulary, rng: random.Random, n: int) -> str:
    words = vocab.sample(rng, n)
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


def _phrase(vocab: Vocabulary, rng: random.Random, lo: int, hi: int) -> str:
    words = vocab.sample(rng, rng.randint(lo, hi))
    return " ".join(w[:1].upper() + w[1:] for w in words)


def entry_id(number: int) -> str:
    return f"syn-{number:05d}"


def article_text(
    number: int, lang: str, vocab: Vocabulary, total: int, words: int, seed: int,
    edit: int = 0,
) -> str:
    """The Markdown source of entry `number` in `lang` (deterministic for a seed).

    `edit` > 0 gives a changed version of the same entry (for incremental updates).
    """
    # The structure (sections, category, links) depends only on the entry, so
    # both languages have the same headings; the words depend on the language.
    shape = random.Random(f"{seed}:{number}")
    category = shape.choice(CATEGORIES)
    sections = shape.randint(3, 5)
    related = sorted({entry_id(shape.randrange(total)) for _ in range(shape.randint(0, 2))})
    related = [r for r in related if r != entry_id(number)]
    links = [entry_id(shape.randrange(total)) for _ in range(2)]
    rng = random.Random(f"{seed}:{number}:{lang}:{edit}")
    title = _phrase(vocab, rng, 2, 5)
    summary = _sentence(vocab, rng, rng.randint(15, 28))
    aliases = [_phrase(vocab, rng, 1, 3).lower() for _ in range(rng.randint(0, 3))]
    budget = max(50, words - len(summary.split()))
    per_section = budget // sections
    body: list[str] = []
    for s in range(sections):
        body.append(f"## {_phrase(vocab, rng, 1, 4)}")
        body.append("")
        left = per_section
        link = links[s] if s < len(links) else ""
        while left > 0:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                n = min(left, rng.randint(8, 22))
                if n <= 0:
                    break
                sentences.append(_sentence(vocab, rng, n))
                left -= n
            if link:
                label = " ".join(vocab.sample(rng, 2))
                sentences.append(f"{SEE[lang]} [{label}]({link}.md).")
                link = ""
            body.append(" ".join(sentences))
            body.append("")
    front = [
        "---",
        f"id: {entry_id(number)}",
        f"lang: {lang}",
        f"title: {_yaml(title)}",
        f"category: {category}",
        f"summary: {_yaml(summary)}",
        f"aliases: [{', '.join(_yaml(a) for a in aliases)}]",
        "sources: []",
        f"related: [{', '.join(related)}]",
        "---",
        "",
    ]
    return "\n".join(front + body)


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(
    target: Path, entries: int, vocab: dict[str, Vocabulary], *, words: int = 500, seed: int = 1
) -> Path:
    """Write `entries` bilingual entries under `target` (en/ and id/); returns `target`."""
    for lang in LANGS:
        folder = target / lang
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(entries):
            text = article_text(number, lang, vocab[lang], entries, words, seed)
            (folder / f"{entry_id(number)}.md").write_text(text, encoding="utf-8")
    return target


def edit_entry(
    target: Path, number: int, entries: int, vocab: dict[str, Vocabulary], *,
    words: int = 500, seed: int = 1, edit: int = 1,
) -> list[Path]:
    """Rewrite both articles of one entry with new text; returns the changed files."""
    changed = []
    for lang in LANGS:
        path = target / lang / f"{entry_id(number)}.md"
        path.write_text(article_text(number, lang, vocab[lang], entries, words, seed, edit),
                        encoding="utf-8")
        changed.append(path)
    return changed


# -- small files, like tldr-pages -------------------------------------------------------
def small_page(name: str, vocab: Vocabulary, rng: random.Random) -> str:
    """A tldr-like page: a title, a two-line description, 4-8 examples of a command."""
    lines = [f"# {name}", "", f"> {_sentence(vocab, rng, rng.randint(6, 14))}",
             f"> More information: <https://example.org/{name}>.", ""]
    for _ in range(rng.randint(4, 8)):
        words = " ".join(vocab.sample(rng, rng.randint(4, 10)))
        option = vocab.sample(rng, 1)[0].lower()
        lines += [f"- {words[:1].upper()}{words[1:]}:", "",
                  f"`{name} --{option} {{{{path/to/file}}}}`", ""]
    return "\n".join(lines)


def write_small_corpus(target: Path, pages: int, vocab: Vocabulary, *, seed: int = 1) -> Path:
    """Write `pages` small English pages without front matter under `target`/pages/common.

    Shaped like tldr-pages (about 1 KB each, the id taken from the file name):
    the stand-in for `../shared/corpora/tldr` where that folder is absent.
    """
    folder = target / "pages" / "common"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < pages:
        parts = [w.lower() for w in vocab.sample(rng, rng.randint(1, 2)) if w.isascii()]
        name = "-".join(parts)
        if name and name not in names:
            names.add(name)
            (folder / f"{name}.md").write_text(small_page(name, vocab, rng), encoding="utf-8")
    return target
