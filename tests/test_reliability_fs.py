"""Filesystem shapes: symbolic link loops, deep folders, links out of the folder,
FIFOs, devices and huge files, wherever aseantui reads (fsutil is the one place).

Each shape used to crash every command (RuntimeError from Path.resolve,
RecursionError from os.walk), hang it (a FIFO) or read without end
(/dev/zero, a 106 MB sources.yaml). Commands that might hang run in a
subprocess with a generous timeout: a hang fails the test instead of the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aseantui.content import load_corpus
from aseantui.fsutil import (
    MAX_JSON_DEPTH,
    MAX_WALK_DEPTH,
    RefusedFile,
    Walk,
    parse_json,
    read_bytes,
    read_json,
    real_path,
)
from conftest import CliResult

Cli = Callable[..., CliResult]
FIXTURE_ENTRIES = 7


def problems(root: Path) -> dict[str, list[str]]:
    corpus = load_corpus(root)
    found: dict[str, list[str]] = {}
    for problem in corpus.problems:
        found.setdefault(Path(problem.path).name, []).append(problem.message)
    return found


def test_symbolic_link_loops_are_reported_and_the_rest_loads(corpus_dir: Path, cli: Cli) -> None:
    (corpus_dir / "en" / "self.md").symlink_to("self.md")
    (corpus_dir / "en" / "ping.md").symlink_to("pong.md")
    (corpus_dir / "en" / "pong.md").symlink_to("ping.md")
    (corpus_dir / "en" / "loop-dir").symlink_to(".")  # a folder loop: not followed
    found = problems(corpus_dir)
    for name in ("self.md", "ping.md", "pong.md"):
        assert found[name] == ["symbolic link loop; not read"]
    assert len(load_corpus(corpus_dir).ids()) == FIXTURE_ENTRIES
    result = cli("check", "--content", corpus_dir)
    assert result.code == 1 and "symbolic link loop" in result.out
    assert "Traceback" not in result.err
    assert cli("search", "secretariat", "--content", corpus_dir).code == 0
    assert cli("list", "--content", corpus_dir).out.count("\n") == FIXTURE_ENTRIES


def test_a_content_folder_that_is_itself_a_loop(tmp_path: Path, cli: Cli) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    for args in (["check"], ["search", "x"], ["list"]):
        result = cli(*args, "--content", loop)
        assert result.code == 1 and "content folder not found" in result.err


def nested(base: Path, depth: int) -> Path:
    """A folder `depth` levels under `base`, made one level at a time (no recursion)."""
    folder = base
    for _ in range(depth):
        folder = folder / "d"
        folder.mkdir()
    return folder


def test_a_folder_nested_990_deep_is_cut_at_the_limit(corpus_dir: Path, cli: Cli) -> None:
    bottom = nested(corpus_dir, 990)
    (bottom / "deep.md").write_text("# Deep\n\nAt the bottom.\n", encoding="utf-8")
    shallow = nested(corpus_dir / "en", 3)
    (shallow / "shallow.md").write_text("# Shallow\n\nNear the top.\n", encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    names = {Path(a.relpath).name for a in corpus.articles.values()}
    assert "shallow.md" in names and "deep.md" not in names
    cut = [p for p in corpus.problems if "nested more than" in p.message]
    assert len(cut) == 1
    assert cut[0].message == f"folder nested more than {MAX_WALK_DEPTH} deep; not read"
    assert cli("check", "--content", corpus_dir).code == 1
    assert cli("search", "shallow", "--content", corpus_dir).code == 0


def test_a_registry_linked_out_of_the_folder_is_not_read(corpus_dir: Path, tmp_path: Path,
                                                         cli: Cli) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("sources:\n  - id: stolen\n    title: SECRET-OUTSIDE\n", encoding="utf-8")
    (corpus_dir / "sources.yaml").unlink()
    (corpus_dir / "sources.yaml").symlink_to(outside)
    corpus = load_corpus(corpus_dir)
    assert corpus.sources == {}
    assert any(p.message == "symbolic link out of the content folder; not read"
               and Path(p.path).name == "sources.yaml" for p in corpus.problems)
    result = cli("check", "--content", corpus_dir)
    assert "SECRET-OUTSIDE" not in result.out + result.err
    assert "out of the content folder" in result.out


def test_an_article_linked_out_of_the_folder_is_reported(corpus_dir: Path, tmp_path: Path
                                                         ) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n\nSECRET-OUTSIDE\n", encoding="utf-8")
    (corpus_dir / "en" / "outside.md").symlink_to(outside)
    (corpus_dir / "en" / "inside.md").symlink_to("founding.md")  # inside: still read
    corpus = load_corpus(corpus_dir)
    assert "outside.md" not in {Path(a.relpath).name for a in corpus.articles.values()}
    assert problems(corpus_dir)["outside.md"] == [
        "symbolic link out of the content folder; not read"]
    assert all("SECRET-OUTSIDE" not in a.text for a in corpus.articles.values())
    assert any(p.path.endswith("inside.md") for p in corpus.problems)  # a duplicate id


@pytest.mark.parametrize("name", ["sources.yaml", "timeline.yaml"])
def test_a_huge_registry_is_refused_without_reading_it(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / name
    with open(path, "r+b") as handle:  # sparse: 106 MB on paper, nothing on disk
        handle.truncate(106_000_000)
    found = problems(corpus_dir)[name]
    assert "file too large (106.0 MB; the limit is 4 MB); not read" in found


def run_cli(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`aseantui ARGS` in a subprocess: a hang is a failure after `timeout`, not a stuck suite."""
    return subprocess.run([sys.executable, "-m", "aseantui", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=os.environ.copy())


@pytest.mark.parametrize("shape", ["fifo", "dev-zero"])
def test_registries_and_caches_that_are_not_files_do_not_hang(corpus_dir: Path, shape: str,
                                                              isolated_dirs: dict[str, Path]
                                                              ) -> None:
    """FIFOs and /dev/zero in place of the registries and every cache file."""
    assert run_cli("search", "secretariat", "--content", corpus_dir).returncode == 0
    cache = isolated_dirs["cache"]
    targets = [corpus_dir / "timeline.yaml", *cache.rglob("*.json")]
    assert len(targets) >= 3  # the parse cache, the index manifest, the stems
    for path in targets:
        path.unlink()
        if shape == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
    result = run_cli("search", "secretariat", "--content", corpus_dir)
    assert result.returncode == 0, result.stderr
    assert "result(s) for 'secretariat'" in result.stdout
    assert "Traceback" not in result.stderr
    check = run_cli("check", "--content", corpus_dir)
    reason = "not a regular file" if shape == "fifo" else "symbolic link out of the content folder"
    assert f"timeline.yaml:1: {reason}; not read" in check.stdout


def test_bounded_reads(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 11)
    assert read_bytes(path, 11) == b"x" * 11
    with pytest.raises(RefusedFile, match=r"file too large"):
        read_bytes(path, 10)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(RefusedFile, match="not a regular file"):
        read_bytes(tmp_path / "fifo", 10)
    with pytest.raises(RefusedFile, match="not a regular file"):
        read_bytes("/dev/zero", 10)
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf{\"a\": [1]}")
    assert read_json(tmp_path / "bom.json", 100) == {"a": [1]}


@given(st.integers(min_value=1, max_value=100_000), st.sampled_from("[{"))
def test_json_of_any_depth_is_refused_or_read(depth: int, bracket: str) -> None:
    opening = '{"k":' if bracket == "{" else "["
    closing = "}" if bracket == "{" else "]"
    text = opening * (depth - 1) + "[]" + closing * (depth - 1)
    if depth <= MAX_JSON_DEPTH:
        value = parse_json(text)
        for _ in range(depth - 1):
            value = value["k"] if bracket == "{" else value[0]
        assert value == []
    else:
        with pytest.raises(ValueError, match="nested more than"):
            parse_json(text)


# -- any tree of folders, files and symbolic links ------------------------------
NAMES = st.sampled_from(["a", "b", "c.md", "d.md", ".."])


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """(kind, path, link target) rows: folders, files and links, anywhere, to anything."""
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        path = "/".join(draw(st.lists(st.sampled_from(["a", "b", "c.md", "d.md"]),
                                      min_size=1, max_size=4)))
        kind = draw(st.sampled_from(["dir", "file", "link"]))
        target = "/".join(draw(st.lists(NAMES, min_size=1, max_size=4)))
        if draw(st.booleans()):
            target = "../outside/" + target
        rows.append((kind, path, target))
    return rows


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trees())
def test_any_tree_is_walked_to_the_end_and_never_leaves_the_folder(
        tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, str]]) -> None:
    base = tmp_path_factory.mktemp("tree")
    root, outside = base / "root", base / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "c.md").write_text("outside", encoding="utf-8")
    for kind, relpath, target in rows:
        path = root / relpath
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "dir":
                path.mkdir()
            elif kind == "file":
                path.write_text("inside", encoding="utf-8")
            else:
                path.symlink_to(target)
        except OSError:
            continue  # a file in the way of a folder, a name taken: that shape is not made
    walk = Walk(root)
    found = list(walk)
    real_root = real_path(root)
    for path, relpath in found:
        assert real_path(path).is_relative_to(real_root)
        assert path == root / relpath
    assert len({relpath for _, relpath in found}) == len(found)
    assert all(reason.endswith("not read") or "loop" in reason for _, reason in walk.skipped)
