"""Which files of a content folder are articles, and their stamps.

Light on purpose (no Markdown, no YAML): the command line asks "has anything
changed since the index was built?" (search/fresh.py) with this alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aseantui.content.model import Problem
from aseantui.fsutil import MAX_WALK_DEPTH, Stamp, Walk, stamp


def is_article_name(name: str) -> bool:
    return name.lower().endswith(".md") and not name.startswith((".", "_")) \
        and name.lower() != "readme.md"


def article_files(root: Path, problems: list[Problem] | None = None
                  ) -> Iterator[tuple[Path, str]]:
    """(path, path relative to root) of every article file, in a stable order.

    Hidden and `_` files and folders and README.md are skipped. The walk
    (fsutil.Walk) follows no symbolic link to a folder, reads no file through a
    link that leaves the folder or loops, and stops at a depth limit: what it
    skips is added to `problems`.
    """
    walk = Walk(root, keep_dir=lambda name: not name.startswith((".", "_")),
                keep_file=is_article_name)
    yield from walk
    if problems is not None:
        problems.extend(Problem(str(path), 1, reason) for path, reason in walk.skipped)


@dataclass
class Stamps:
    """The stamp of every article file of a folder, and when they were taken."""

    taken_at: int = field(default_factory=time.time_ns)
    """Before the first stamp was taken (ns since the epoch)."""
    files: dict[str, Stamp | None] = field(default_factory=dict)
    """relpath -> stamp (None: it could not be stat'ed); folders as relpath + '/', the
    folder itself as '/'."""


def folder_stamps(root: Path) -> Stamps:
    """The stamps of `root`'s folders and article files now (keys as in `Stamps.files`)."""
    stamps = Stamps()
    stamps.files.update(folder_stamps_only(root))
    for path, relpath in article_files(root):
        stamps.files[relpath] = stamp(path)
    return stamps


def folder_stamps_only(root: Path) -> dict[str, Stamp | None]:
    """The stamp of `root` and of every folder below it that a walk for articles may enter,
    keyed by relpath + '/' ('/' for `root`).

    A folder's times change when a name is added to it, removed or renamed:
    with these, "no file was added anywhere" needs one stat a folder, not a
    listing of each. More folders than `article_files` enters may be listed
    (never fewer): that only makes the answer more cautious.
    """
    found: dict[str, Stamp | None] = {"/": stamp(root)}
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, str, int]] = [(str(root), "", 0)]
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = [e for e in scan if not e.name.startswith((".", "_"))
                           and e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        if depth >= MAX_WALK_DEPTH:
            continue
        for entry in entries:
            relpath = f"{prefix}{entry.name}/"
            found[relpath] = stamp(entry.path)
            stack.append((entry.path, relpath, depth + 1))
    return found


def restamp(root: Path, recorded: dict[str, Stamp | None]) -> dict[str, Stamp | None]:
    """The stamps now of the folders and files of `recorded` (keys as `folder_stamps` gives)."""
    base = str(root)
    return {key: stamp(base if key == "/" else os.path.join(base, key))
            for key in recorded}
