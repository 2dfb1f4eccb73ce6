"""Every file aseantui opens goes through here: bounded reads, safe walks, atomic writes.

A content or state folder on a real machine holds more than small regular
files: FIFOs and devices named like them, symbolic links to `/dev/zero` or out
of the folder, symbolic link loops, folders nested a thousand deep, files of
a hundred megabytes, JSON nested six hundred deep. Reads here are bounded
(regular files only, opened without blocking, at most `limit` bytes, JSON no
deeper than `MAX_JSON_DEPTH`), and refusals are `RefusedFile` (an OSError, so
`except OSError` handles them) whose `strerror` is the sentence to show.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

MAX_JSON_DEPTH = 64
"""Deepest nesting of lists and objects in a JSON file aseantui reads (its own need 4)."""
MAX_WALK_DEPTH = 64
"""Deepest folder read under a content folder (an encyclopedia needs 3)."""


class RefusedFile(OSError):
    """A file that is not read: not a regular file, too large, outside its folder."""

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = errno.EINVAL
                 ) -> None:
        super().__init__(code, reason, str(path))


def too_large(size: int, limit: int) -> str:
    """The sentence for a file over its limit: 'file too large (20.0 MB; the limit is 2 MB)'."""
    return f"file too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading in binary; raises OSError (RefusedFile) otherwise.

    Opened non-blocking, so a FIFO cannot hang the open, and checked with
    fstat before anything is read: a device (`/dev/zero` behind a symbolic
    link) is refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    handle = open(os.open(path, flags), "rb")  # noqa: SIM115 - returned to the caller
    try:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise RefusedFile(path, "not a regular file")
    except BaseException:
        handle.close()
        raise
    return handle


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most `limit` bytes of a regular file (open_regular); a larger one is refused
    (RefusedFile) without being read."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise RefusedFile(path, too_large(size, limit), errno.EFBIG)
        data = handle.read(limit + 1)  # the file may have grown since fstat
    if len(data) > limit:
        raise RefusedFile(path, too_large(max(len(data), size), limit), errno.EFBIG)
    return data


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """The first `size` bytes of a regular file (open_regular), however large it is."""
    with open_regular(path) as handle:
        return handle.read(size)


def read_text(path: str | os.PathLike[str], limit: int) -> str:
    """A bounded UTF-8 text file, without its byte order mark.

    Raises OSError (refused or unreadable) or UnicodeDecodeError (a ValueError).
    """
    return read_bytes(path, limit).decode("utf-8").removeprefix("\ufeff")


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in parsed JSON (iterative: any depth)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_json(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """JSON (a UTF-8 byte order mark allowed) no deeper than `max_depth`; raises ValueError."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text.removeprefix("\ufeff"))
    except RecursionError:
        raise ValueError(f"nested more than {max_depth} levels deep") from None
    if json_depth(value) > max_depth:
        raise ValueError(f"nested more than {max_depth} levels deep")
    return value


def read_json(path: str | os.PathLike[str], limit: int, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A bounded JSON file: raises OSError (refused, unreadable) or ValueError (not JSON)."""
    return parse_json(read_bytes(path, limit), max_depth)


def real_path(path: str | os.PathLike[str]) -> Path:
    """`path` with symbolic links resolved as far as they go; never raises on a loop.

    `Path.resolve` raises RuntimeError on a symbolic link loop (Python < 3.13).
    """
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def link_problem(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """Why a symbolic link at `path` must not be read, or '' when it stays inside `root`."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop; not read"
        return "symbolic link to nothing; not read"
    except (RuntimeError, ValueError):
        return "symbolic link loop; not read"
    if not target.is_relative_to(real_path(root)):
        return "symbolic link out of the content folder; not read"
    return ""


@dataclass
class Walk:
    """The files under a folder, in a stable order; loops and depth are bounded.

    Folders are read with `os.scandir` from an explicit stack (no recursion
    limit to hit), symbolic links to folders are not followed, a folder met
    twice (a bind mount loop) is read once, folders deeper than `max_depth`
    are skipped, and symbolic links to files are kept only when they lead to
    a file inside the folder. What was skipped, and why, is in `skipped`.
    """

    root: Path
    keep_dir: Callable[[str], bool] = lambda name: True
    keep_file: Callable[[str], bool] = lambda name: True
    max_depth: int = MAX_WALK_DEPTH
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Path, str]]:
        """(path, path relative to root with '/') of every file kept."""
        seen: set[tuple[int, int]] = set()
        stack: list[tuple[Path, str, int]] = [(self.root, "", 0)]
        while stack:
            folder, prefix, depth = stack.pop()
            try:
                info = os.stat(folder)
                if (info.st_dev, info.st_ino) in seen:
                    self.skipped.append((folder, "folder already read (a loop); not read again"))
                    continue
                seen.add((info.st_dev, info.st_ino))
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda e: e.name)
            except OSError as exc:
                if folder != self.root:
                    self.skipped.append((folder, f"cannot read folder: {exc.strerror or exc}"))
                continue
            folders = []
            for entry in entries:
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    is_link = entry.is_symlink()
                except OSError:
                    continue
                relpath = prefix + entry.name
                if is_dir:
                    if self.keep_dir(entry.name):
                        folders.append((Path(entry.path), relpath + "/", depth + 1))
                    continue
                if not self.keep_file(entry.name):
                    continue
                if is_link:
                    problem = link_problem(entry.path, self.root)
                    if problem:
                        self.skipped.append((Path(entry.path), problem))
                        continue
                yield Path(entry.path), relpath
            for sub in reversed(folders):
                if sub[2] > self.max_depth:
                    self.skipped.append(
                        (sub[0], f"folder nested more than {self.max_depth} deep; not read"))
                else:
                    stack.append(sub)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` as atomic_write_bytes does."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never half.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over the target. On any failure the temporary file is removed
    and the old file is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class LockTimeout(Exception):
    pass


def _try_lock(handle: IO[str]) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if needed) across processes.

    The operating system releases it if the process dies, so a killed build
    never leaves the index locked.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise LockTimeout(f"{path} is held by another process")
            time.sleep(0.05)
        yield
        # Closing the file releases the lock.


Stamp = tuple[int, int, int, int]
"""(size, mtime ns, ctime ns, inode) of a file: changes when anyone writes it (an
atomic write is a new inode)."""


def stamp(path: Path | str) -> Stamp | None:
    """The file's `Stamp`, or None if it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
