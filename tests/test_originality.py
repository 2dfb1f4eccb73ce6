"""Articles must be written in our own words: no run of 8 or more consecutive
words of any seed document, nor of the bullets of the fact sheets (FACTS.md,
FACTS-more.md: notes, not prose to copy), may appear in the shipped content.

Run it alone while writing (`python tests/test_originality.py` prints every
offending run with its file).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FACT_SHEETS = tuple(ROOT.parent / "shared" / name for name in ("FACTS.md", "FACTS-more.md"))
CONTENT = ROOT / "content"
RUN = 8

# Official names of documents are facts, not prose: a name may be quoted whole
# (it counts as one word, so the words around it are still checked).
OFFICIAL_NAMES = ("agreement on the establishment of the asean secretariat",)

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_NON_WORD = re.compile(r"[^\w]+")


def words(text: str) -> list[str]:
    """Lower-cased words with punctuation and link targets removed."""
    text = _LINK_TARGET.sub("] ", text)
    normal = " ".join(w for w in _NON_WORD.sub(" ", text.lower()).split() if w != "_")
    for i, name in enumerate(OFFICIAL_NAMES):
        normal = re.sub(rf"\b{name}\b", f"officialname{i}", normal)
    return normal.split()


def shingles(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def bullets(sheet: Path) -> list[str]:
    """The bulleted notes of a fact sheet (its list of source titles and URLs is left out)."""
    lines = sheet.read_text(encoding="utf-8").splitlines()
    return [line[2:] for line in lines if line.startswith("- ")]


def copied_runs(
    seed_dir: Path, content_dir: Path, sheets: tuple[Path, ...] = ()
) -> list[tuple[str, str]]:
    """Every (content file, run of RUN words) that also occurs in a seed or a sheet's bullet."""
    seed_runs: set[tuple[str, ...]] = set()
    for seed in sorted(seed_dir.glob("*.txt")):
        seed_runs |= shingles(words(seed.read_text(encoding="utf-8")))
    for sheet in sheets:
        for bullet in bullets(sheet) if sheet.is_file() else []:
            seed_runs |= shingles(words(bullet))
    found = []
    for path in sorted(content_dir.rglob("*")):
        if path.suffix not in {".md", ".yaml", ".yml"} or not path.is_file():
            continue
        tokens = words(path.read_text(encoding="utf-8", errors="replace"))
        for i in range(len(tokens) - RUN + 1):
            run = tuple(tokens[i : i + RUN])
            if run in seed_runs:
                found.append((str(path.relative_to(content_dir)), " ".join(run)))
    return found


def test_words_normalises_case_punctuation_and_links() -> None:
    assert words("The [Secretariat](overview.md), in JAKARTA!") == [
        "the",
        "secretariat",
        "in",
        "jakarta",
    ]


def test_official_names_count_as_one_word() -> None:
    tokens = words("signed the Agreement on the Establishment of the ASEAN Secretariat in Bali")
    assert tokens == ["signed", "the", "officialname0", "in", "bali"]


def test_detector_catches_a_copied_run(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    content = tmp_path / "content"
    seeds.mkdir()
    content.mkdir()
    (seeds / "a.txt").write_text("one two three four five six seven eight nine", encoding="utf-8")
    (content / "ok.md").write_text("one two three four five six seven", encoding="utf-8")
    bad = "x ONE two, three four five six seven (eight)"
    (content / "bad.md").write_text(bad, encoding="utf-8")
    assert copied_runs(seeds, content) == [("bad.md", "one two three four five six seven eight")]


def test_detector_catches_a_run_copied_from_a_fact_sheet_bullet(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    content = tmp_path / "content"
    content.mkdir()
    sheet = tmp_path / "FACTS.md"
    sheet.write_text(
        "# Facts\n\n- the charter was signed in singapore on twenty november\n\n"
        "## Sources\n1. a title of exactly eight words in this line\n",
        encoding="utf-8",
    )
    (content / "a.md").write_text(
        "It says the charter was signed in Singapore on twenty November. "
        "A title of exactly eight words in this line.",
        encoding="utf-8",
    )
    found = copied_runs(tmp_path / "seeds", content, (sheet,))
    assert ("a.md", "the charter was signed in singapore on twenty") in found
    assert not [run for _, run in found if "title" in run]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")
def test_no_content_copies_eight_words_from_a_seed() -> None:
    assert CONTENT.is_dir()
    copied = copied_runs(SEEDS, CONTENT, FACT_SHEETS)
    listing = "\n".join(f"{f}: {r}" for f, r in copied)
    assert not copied, "copied from a seed or a fact sheet:\n" + listing


if __name__ == "__main__":
    runs = copied_runs(SEEDS, CONTENT, FACT_SHEETS)
    for file, run in runs:
        print(f"{file}: {run}")
    print(f"{len(runs)} copied run(s)")
    sys.exit(1 if runs else 0)
