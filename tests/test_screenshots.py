"""The README's screenshots: made by the app (docs/screenshots/make.py) and linked so
that a package index can show them."""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
REPO_FILE = re.compile(
    r"https://(?:raw\.githubusercontent\.com/aseantui/aseantui/main|"
    r"github\.com/aseantui/aseantui/(?:blob|raw)/main)/([^)#\s]+)")


def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_shots", ROOT / "docs/screenshots/make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def screen_rows(svg: str) -> list[str]:
    """The screen's text, row by row, as Textual's SVG export lays it out."""
    rows: dict[float, list[str]] = {}
    for match in re.finditer(r'<text[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        rows.setdefault(float(match.group(1)), []).append(
            html.unescape(match.group(2)).replace("\xa0", " "))
    return ["".join(rows[y]) for y in sorted(rows)]


def test_readme_links_to_files_of_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = REPO_FILE.findall(readme)
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", readme)
    assert len(images) >= 3
    assert all(REPO_FILE.match(image) for image in images), images
    for path in linked:
        assert (ROOT / path).is_file(), path


async def test_the_shots_show_what_their_captions_say(tmp_path: Path) -> None:
    module = maker()
    made = {path.stem: screen_rows(path.read_text(encoding="utf-8"))
            for path in await module.make(tmp_path)}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in made:
        assert f"docs/screenshots/{name}.svg" in readme
        assert (ROOT / "docs/screenshots" / f"{name}.svg").is_file()
    rows = made["answer-en"]
    top = next(i for i, row in enumerate(rows) if "Answer" in row)
    bottom = next(i for i, row in enumerate(rows) if "Enter: open the entry" in row)
    assert any("Kao Kim Hourn" in row for row in rows[top:bottom])  # in the card
    reader = "\n".join(made["reader-id"])
    assert "Fakta utama" in reader and "per 30 November 2026" in reader
    search = "\n".join(made["search-id"])
    assert "hasil" in search and "Lokasi" in search
