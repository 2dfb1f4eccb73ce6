"""What a folder says about itself: title, declared core sections, the home screen's data."""

from __future__ import annotations

from pathlib import Path

from aseantui.content.folder import home, read_settings
from aseantui.content.load import load_corpus
from conftest import SHIPPED


def write(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_shipped_content_declares_its_core_sections() -> None:
    about = home(load_corpus(SHIPPED), "en")
    assert about.core == ("location", "history", "leadership", "functions")
    assert "ASEAN" in about.title
    assert not {c for c, _ in about.topics} & set(about.core)


def test_a_plain_folder_is_described_by_its_readme_and_folders(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Field Guide\n\nAbout.\n")
    write(tmp_path, "birds/robin.md", "# Robin\n\nA bird.\n")
    write(tmp_path, "birds/wren.md", "# Wren\n\nA bird.\n")
    write(tmp_path, "trees/oak.md", "# Oak\n\nA tree.\n")
    about = home(load_corpus(tmp_path), "en")
    assert about.title == "Field Guide" and "Field Guide" in about.intro
    assert about.core == ()  # no ASEAN sections for someone else's folder
    assert about.topics == (("birds", 2), ("trees", 1))
    assert "3 entries" in about.hint


def test_without_readme_the_folder_name_or_index_page_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "my_notes"
    write(folder, "a.md", "# A\n\nText.\n")
    assert home(load_corpus(folder), "id").title == "My notes"
    write(folder, "index.md", "# Notebook\n\nWelcome.\n")
    assert home(load_corpus(folder), "en").title == "Notebook"


def test_broken_settings_are_reported_and_ignored(tmp_path: Path) -> None:
    write(tmp_path, "aseantui.yaml", "core: history\ncolour: red\n")
    settings, problems = read_settings(tmp_path)
    assert settings.core == ()
    assert [p.message for p in problems] == [
        "unknown field 'colour' ignored", "field 'core' must be a list of category ids"]
