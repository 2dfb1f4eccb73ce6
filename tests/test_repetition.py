"""Each fact is told once: no sentence-level passage is restated across many entries.

The measure: after normalisation (lower case, punctuation, link targets,
citation keys and Markdown marks removed), a window of WINDOW consecutive words
of an entry's body counts as restated when more than MAX_ENTRIES entries of the
same language contain it. Twelve words is about a clause; a short phrase
("the ASEAN Secretariat in Jakarta") stays free to recur, a copied sentence
does not. Front matter, tables and code are left out: tables repeat column
layouts, not prose.

Run it alone (`python tests/test_repetition.py`) to list every restated window.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
WINDOW = 12
MAX_ENTRIES = 3

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CITATION = re.compile(r"\[@[^\]]*\]")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_NON_WORD = re.compile(r"[^\w]+")


def body_words(text: str) -> list[str]:
    text = _FRONT_MATTER.sub("", text)
    text = _FENCE.sub(" ", text)
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("|")]
    text = _LINK_TARGET.sub("] ", _CITATION.sub(" ", "\n".join(lines)))
    return [w for w in _NON_WORD.sub(" ", text.lower()).split() if w != "_"]


def restated(files: dict[str, str], window: int = WINDOW, limit: int = MAX_ENTRIES) -> dict[
    tuple[str, ...], set[str]
]:
    """Windows of `window` words found in more than `limit` of the given entries."""
    where: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, text in files.items():
        tokens = body_words(text)
        for i in range(len(tokens) - window + 1):
            where[tuple(tokens[i : i + window])].add(name)
    return {run: names for run, names in where.items() if len(names) > limit}


def entries(lang: str) -> dict[str, str]:
    return {
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted((CONTENT / lang).glob("*.md"))
    }


def test_a_window_shared_by_four_entries_is_found_and_three_is_allowed() -> None:
    sentence = "the secretariat moved into its new building on the jakarta site in 2019"
    four = {f"e{i}": f"---\nid: e{i}\n---\nIntro {i}. {sentence.title()} [@facts].\n"
            for i in range(4)}
    found = restated(four)
    assert found and all(names == set(four) for names in found.values())
    three = dict(list(four.items())[:3])
    assert restated(three) == {}


def test_tables_front_matter_and_links_do_not_count() -> None:
    row = "| a | b | c | d | e | f | g | h | i | j | k | l | m |"
    files = {
        f"e{i}": f"---\nsummary: {'word ' * 20}\n---\n{row}\n"
                 f"See [the same twelve words in a link text here for all of us](x{i}.md)."
        for i in range(5)
    }
    found = restated(files)
    assert all("a b c d" not in " ".join(run) for run in found)
    assert all("word word" not in " ".join(run) for run in found)
    assert found  # the link *text* is prose and still counts


def test_no_fact_is_restated_in_more_than_three_entries() -> None:
    problems = []
    for lang in ("en", "id"):
        for run, names in sorted(restated(entries(lang)).items()):
            problems.append(f"{lang}: {' '.join(run)!r} in {', '.join(sorted(names))}")
    assert not problems, f"{len(problems)} restated window(s):\n" + "\n".join(problems[:40])


if __name__ == "__main__":
    count = 0
    for lang in ("en", "id"):
        for run, names in sorted(restated(entries(lang)).items()):
            count += 1
            print(f"{lang}: {' '.join(run)} :: {', '.join(sorted(names))}")
    print(f"{count} restated window(s)")
    sys.exit(1 if count else 0)
