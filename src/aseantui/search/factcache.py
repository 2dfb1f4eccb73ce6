"""The fact index kept between runs: one file per content folder in the cache dir.

The fact index (factindex.py) is a small Whoosh index in memory. Writing it
costs about half a second of CPU for the shipped content, at every start,
while the reader types. So its files are saved after a build and read back
when the facts are the same: the file's key is a digest of every document
written to the index and of the code that analyses them. A file that is
damaged, from other facts or other code, or unreadable is ignored and written
again; when nothing can be written, the index is built at every start as
before.

File: MAGIC, the key and the SHA-256 of the payload (one line each), then the
payload: each index file as a name and its bytes, with their lengths.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAGIC = b"aseantui-facts 1\n"
MAX_BYTES = 64 * 1024 * 1024
"""A fact index is a few hundred KB; a larger file is not ours."""
_LENGTHS = struct.Struct("<II")


def key(documents: Iterable[dict[str, Any]], code: Iterable[Path]) -> str:
    """What the saved index must have been built from: these documents, by this code."""
    import whoosh

    digest = hashlib.sha256(MAGIC + whoosh.versionstring().encode())
    for path in code:
        digest.update(path.read_bytes())
    for document in documents:
        digest.update(json.dumps(document, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def load(path: Path, wanted: str) -> dict[str, bytes] | None:
    """The index files saved in `path` under the key `wanted`, or None."""
    from aseantui.fsutil import read_bytes

    try:
        data = read_bytes(path, MAX_BYTES)
    except OSError:
        return None
    head, _, rest = data.partition(b"\n")
    if head + b"\n" != MAGIC:
        return None
    saved_key, _, rest = rest.partition(b"\n")
    checksum, _, payload = rest.partition(b"\n")
    if saved_key.decode("ascii", "replace") != wanted:
        return None
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        return None  # damaged: built again and saved over
    files: dict[str, bytes] = {}
    at = 0
    try:
        while at < len(payload):
            name_size, size = _LENGTHS.unpack_from(payload, at)
            at += _LENGTHS.size
            name = payload[at:at + name_size].decode("utf-8")
            at += name_size
            files[name] = payload[at:at + size]
            at += size
    except (struct.error, UnicodeDecodeError):
        return None
    return files if at == len(payload) else None


def save(path: Path, saved_key: str, files: dict[str, bytes]) -> None:
    """Save the index files under `saved_key`; raises OSError when it cannot."""
    from aseantui.fsutil import atomic_write_bytes

    parts = []
    for name, data in files.items():
        encoded = name.encode("utf-8")
        parts += [_LENGTHS.pack(len(encoded), len(data)), encoded, data]
    payload = b"".join(parts)
    head = MAGIC + saved_key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode()
    atomic_write_bytes(path, head + b"\n" + payload)
