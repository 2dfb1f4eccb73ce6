"""What a package index and its users see: metadata, licences, README links,
reproducible wheels, and a lockfile that matches the declared dependencies."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TREE = ("src", "content", "pyproject.toml", "hatch_build.py", "README.md", "LICENSE",
        "LICENSE-content.md")


def test_metadata_is_complete() -> None:
    assert PROJECT["license"]
    assert set(PROJECT["license-files"]) >= {"LICENSE", "LICENSE-content.md"}
    for key in ("Homepage", "Documentation", "Changelog", "Issues"):
        assert key in PROJECT["urls"], key
    versions = {c.rsplit(" :: ", 1)[-1] for c in PROJECT["classifiers"]
                if c.startswith("Programming Language :: Python :: 3.")}
    assert versions == {"3.10", "3.11", "3.12", "3.13"}
    for name in ("LICENSE", "LICENSE-content.md", "CHANGELOG.md", "CONTRIBUTING.md"):
        assert (ROOT / name).is_file(), name


def test_textual_is_bounded_below_its_next_major() -> None:
    textual = next(d for d in PROJECT["dependencies"] if d.startswith("textual>"))
    assert re.search(r"<\d+", textual), textual


def test_readme_links_work_on_a_package_index() -> None:
    """A package index shows README.md alone: relative links and ../shared are dead there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", text)
    relative = [t for t in targets if not re.match(r"^(https?://|mailto:|#)", t)]
    assert not relative, relative
    assert "../shared" not in text


def test_the_lockfile_pins_every_declared_dependency() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    locked = {p["name"].lower().replace("_", "-") for p in lock["package"]}
    declared = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]
    names = {re.split(r"[<>=!;\[ ]", d, maxsplit=1)[0].lower().replace("_", "-")
             for d in declared}
    assert names <= locked, sorted(names - locked)


def test_the_lockfile_was_made_from_these_requirements() -> None:
    """A bound changed in pyproject.toml without `uv lock` leaves a stale lock: caught here."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    ours = next(p for p in lock["package"] if p["name"] == "aseantui")

    def canonical(spec: str) -> str:
        return ",".join(sorted(part.strip() for part in spec.split(",") if part.strip()))

    recorded = {(r["name"], canonical(r.get("specifier", "")))
                for r in ours["metadata"]["requires-dist"]}
    declared = set()
    for requirement in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]:
        requirement = requirement.split(";", 1)[0].strip()
        match = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
        assert match is not None, requirement
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        declared.add((name, canonical(match.group(2))))
    assert declared == recorded, sorted(declared ^ recorded)


def build_wheel(tree: Path, out: Path) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764460800"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(tree)], check=True, env=env, timeout=600,
                   capture_output=True)
    return next(out.glob("aseantui-*.whl"))


def test_the_same_tree_builds_the_same_wheel_bytes(tmp_path: Path) -> None:
    """Built twice from copies at different paths (so paths and mtimes differ)."""
    digests, members = [], []
    for name in ("first-checkout", "second/checkout"):
        tree = tmp_path / name
        for part in TREE:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, tree / part,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                tree.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, tree / part)
        wheel = build_wheel(tree, tmp_path / f"wheels-{len(digests)}")
        digests.append(hashlib.sha256(wheel.read_bytes()).hexdigest())
        with zipfile.ZipFile(wheel) as archive:
            members.append({i.filename: i.CRC for i in archive.infolist()})
            parsed = archive.read("aseantui/data/prebuilt/parsed.json").decode("utf-8")
            assert str(tree) not in parsed
    differing = sorted(k for k in members[0] if members[0].get(k) != members[1].get(k))
    assert not differing, differing
    assert digests[0] == digests[1]


def test_pipx_installs_the_wheel(tmp_path: Path) -> None:
    """As a user installs a tool: pipx (a test extra) puts it in a venv of its own."""
    wheel = build_wheel(ROOT, tmp_path / "wheels")
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"),
           "PIPX_BIN_DIR": str(tmp_path / "bin"), "PIPX_MAN_DIR": str(tmp_path / "man")}
    subprocess.run([sys.executable, "-m", "pipx", "install", str(wheel)], check=True, env=env,
                   timeout=900, capture_output=True)
    out = subprocess.run([str(tmp_path / "bin" / "aseantui"), "--version"], env=env,
                         capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.startswith("aseantui ")
