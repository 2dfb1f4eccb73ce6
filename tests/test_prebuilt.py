"""The prebuilt index and parse cache a wheel ships (aseantui.search.prebuilt).

A first launch copies them instead of parsing and indexing; anything that does
not match the content being opened (other files, a damaged copy) is ignored.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from aseantui.content import load as load_module
from aseantui.search.prebuilt import make
from aseantui.search.service import Library
from conftest import FIXTURE, ROOT

COPIED = "copied from the prebuilt index"


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made from a copy of the fixture corpus in another folder, as a wheel build does."""
    base = tmp_path_factory.mktemp("prebuilt")
    source = base / "source"
    shutil.copytree(FIXTURE, source)
    made = make(source, base / "out")
    assert len(made["entries"]) == 7
    return base / "out"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The relative paths that load_corpus actually parses (not taken from a cache)."""
    seen: list[str] = []
    real = load_module.parse_article

    def counting(path: Path, relpath: str) -> Any:
        seen.append(relpath)
        return real(path, relpath)

    monkeypatch.setattr(load_module, "parse_article", counting)
    return seen


def test_make_writes_an_index_a_parse_cache_and_a_manifest(prebuilt: Path) -> None:
    manifest = json.loads((prebuilt / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["entries"]) == {p.stem for p in (FIXTURE / "en").glob("*.md")}
    assert set(manifest["files"]) == {p.name for p in (prebuilt / "index").iterdir()}
    parsed = json.loads((prebuilt / "parsed.json").read_text(encoding="utf-8"))
    assert len(parsed["files"]) == 14
    learned = json.loads((prebuilt / "stems-id.json").read_text(encoding="utf-8"))
    assert learned["stems"]["kepemimpinan"] == "pimpin"


def test_first_launch_copies_instead_of_building(prebuilt: Path, corpus_dir: Path,
                                                 parses: list[str]) -> None:
    library = Library(corpus_dir, prebuilt=prebuilt)
    assert parses == []  # every article came from the prebuilt parse cache
    # ... and belongs to the folder opened, not the one the prebuilt was made from
    assert all(a.path.is_relative_to(corpus_dir) for a in library.corpus.articles.values())
    info = library.open_index()
    assert info.action == COPIED and not info.in_memory and not info.notices
    assert library.search("where is the secretariat located").hits[0].id == "headquarters"
    # The copy is now the cache: the next start reuses it.
    assert Library(corpus_dir, prebuilt=prebuilt).open_index().action == "reused"


def test_an_edited_article_is_parsed_and_the_index_built(prebuilt: Path, corpus_dir: Path,
                                                         parses: list[str]) -> None:
    page = corpus_dir / "en" / "headquarters.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Jakarta", "Djakarta"),
                    encoding="utf-8")
    library = Library(corpus_dir, prebuilt=prebuilt)
    assert parses == ["en/headquarters.md"]
    assert library.open_index().action == "built"
    assert library.search("djakarta").hits[0].id == "headquarters"


def test_a_stale_cache_is_replaced_by_a_matching_prebuilt_index(
    prebuilt: Path, corpus_dir: Path
) -> None:
    page = corpus_dir / "en" / "glossary.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nAn extra line.\n", encoding="utf-8")
    assert Library(corpus_dir, prebuilt=prebuilt).open_index().action == "built"
    page.write_text(original, encoding="utf-8")  # back to what the prebuilt index holds
    assert Library(corpus_dir, prebuilt=prebuilt).open_index().action == COPIED


def test_a_damaged_prebuilt_index_is_ignored(prebuilt: Path, corpus_dir: Path,
                                             tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(prebuilt, damaged)
    segment = next((damaged / "index").glob("*.seg"))
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    library = Library(corpus_dir, prebuilt=damaged)
    info = library.open_index()
    assert info.action == "built" and not info.in_memory
    assert library.search("jakarta").hits[0].id == "headquarters"


@pytest.mark.parametrize("garbage", ["", "{", '{"schema": "x"}', "[]"])
def test_a_garbled_prebuilt_manifest_is_ignored(prebuilt: Path, corpus_dir: Path,
                                                tmp_path: Path, garbage: str) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(prebuilt, broken)
    (broken / "manifest.json").write_text(garbage, encoding="utf-8")
    (broken / "parsed.json").write_text(garbage, encoding="utf-8")
    library = Library(corpus_dir, prebuilt=broken)
    assert library.open_index().action == "built"
    assert len(library.corpus.articles) == 14


def test_an_explicit_rebuild_builds(prebuilt: Path, corpus_dir: Path) -> None:
    assert Library(corpus_dir, prebuilt=prebuilt).open_index(rebuild=True).action == "built"


def test_the_wheel_ships_content_and_a_prebuilt_index(tmp_path: Path) -> None:
    """A wheel built from this checkout (hatchling is a test extra): its first launch copies."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True)
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(next(wheels.glob("aseantui-*.whl"))) as wheel:
        names = wheel.namelist()
        wheel.extractall(unpacked)
    assert "aseantui/data/content/sources.yaml" in names
    assert "aseantui/data/prebuilt/manifest.json" in names
    env = {**os.environ, "PYTHONPATH": str(unpacked), "ASEANTUI_CACHE_DIR": str(tmp_path / "c")}
    status = subprocess.run([sys.executable, "-m", "aseantui", "index", "--status"], env=env,
                            capture_output=True, text=True, check=True, cwd=tmp_path)
    assert COPIED in status.stdout
    found = subprocess.run([sys.executable, "-m", "aseantui", "search", "--json", "sekjen"],
                           env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert json.loads(found.stdout)["hits"][0]["id"] == "leadership"


def test_with_no_cache_to_write_the_prebuilt_index_is_read_in_place(
    prebuilt: Path, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ASEANTUI_CACHE_DIR", str(blocker / "cache"))
    before = {p.name: p.stat().st_mtime_ns for p in (prebuilt / "index").iterdir()}
    library = Library(corpus_dir, prebuilt=prebuilt)
    info = library.open_index()
    assert (info.action, info.location, info.notices) == (
        "opened the prebuilt index", str(prebuilt / "index"), [])
    assert library.search("where is the secretariat located").hits[0].id == "headquarters"
    assert {p.name: p.stat().st_mtime_ns for p in (prebuilt / "index").iterdir()} == before


def test_with_no_cache_a_damaged_prebuilt_index_means_memory(
    prebuilt: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(prebuilt, damaged)
    segment = next((damaged / "index").glob("*.seg"))
    data = bytearray(segment.read_bytes())
    data[100] ^= 0xFF
    segment.write_bytes(bytes(data))
    info = Library(corpus_dir, cache_dir=False, prebuilt=damaged).open_index()
    assert info.in_memory and info.action == "built in memory"
