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
from aseantui.fsutil import Walk

Stamp = tuple[int, int, int, int]
"""(size, mtime ns, ctime ns, inode) of a file."""


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


def stamp(path: Path | str) -> Stamp | None:
    """(size, mtime ns, ctime ns, inode) of a file, or None if it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


@dataclass
class Stamps:
    """The stamp of every article file of a folder, and when they were taken."""

    taken_at: int = field(default_factory=time.time_ns)
    """Before the first stamp was taken (ns since the epoch)."""
    files: dict[str, Stamp | None] = field(default_factory=dict)
    """relpath -> stamp (None: the file could not be stat'ed)."""


def folder_stamps(root: Path) -> Stamps:
    """The stamps of `root`'s article files now (a walk and one stat a file)."""
    stamps = Stamps()
    for path, relpath in article_files(root):
        stamps.files[relpath] = stamp(path)
    return stamps
