"""The shipped content's index and parsed articles, made when the wheel is built.

Without them a first launch parses every article and indexes every entry:
about three quarters of a second, most of a cold start. The wheel build
(`hatch_build.py`) calls `make(content, out)` and ships `out` as
`aseantui/data/prebuilt`. At run time each part is used only where it
matches, so a stale or foreign prebuilt folder is merely ignored:

* the index (IndexStore) when its fingerprint is that of the entries loaded
  (the digests of their files, the schema and the parse version);
* each parsed article (ParseCache) when the SHA-256 of its file matches;
* the Indonesian stems (stems.py) whenever the cache has none yet.

    python -m aseantui.search.prebuilt CONTENT OUT
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from aseantui.content.cache import PREBUILT_PARSED, ParseCache
from aseantui.search import stems
from aseantui.search.service import Library
from aseantui.search.store import MANIFEST, IndexStore


def _epoch() -> int:
    """SOURCE_DATE_EPOCH (reproducible builds), else the ZIP epoch: never the clock."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))


def _built_at() -> str:
    return datetime.fromtimestamp(_epoch(), timezone.utc).isoformat(timespec="seconds")


def _portable(parsed: Path, content: Path) -> None:
    """Rewrite the parse cache without this machine's paths and file times.

    Stamps become zeros, so each article is used only after its file's digest
    matches (ParseCache.get); paths become relative and are set to the real
    ones when read.
    """
    data = json.loads(parsed.read_text(encoding="utf-8"))
    root = str(content.resolve())
    files = data.get("files", {})
    data["stamped_at"] = 0  # when the stamps were taken: the build's clock, not reproducible
    for entry in files.values():
        if isinstance(entry.get("stamp"), list):
            entry["stamp"] = [0] * len(entry["stamp"])
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    text = text.replace(json.dumps(root + os.sep)[1:-1], "").replace(json.dumps(root)[1:-1], ".")
    parsed.write_text(text, encoding="utf-8")


def make(content: Path, out: Path) -> dict[str, Any]:
    """Index and parse `content` into the folder `out` (replaced); returns its manifest.

    The same content gives the same bytes: Whoosh names segments with Python's
    `random`, seeded here; the build time comes from SOURCE_DATE_EPOCH.
    """
    from whoosh.filedb.filestore import FileStorage

    state = random.getstate()
    random.seed("aseantui-prebuilt")
    # A compound segment records each part's mtime; record the build epoch instead.
    file_modified = FileStorage.file_modified
    FileStorage.file_modified = lambda self, name: float(_epoch())  # type: ignore[method-assign]
    try:
        return _make(content, out)
    finally:
        FileStorage.file_modified = file_modified  # type: ignore[method-assign]
        random.setstate(state)


def _make(content: Path, out: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="aseantui-prebuilt-") as tmp:
        cache = Path(tmp)
        library = Library(content, cache_dir=cache, prebuilt=False)
        library.open_index(rebuild=True)
        library.close()
        store = IndexStore(cache, library.content_dir)
        manifest = store.read_manifest()
        parsed = ParseCache(cache, library.content_dir).path
        if manifest is None or parsed is None or not parsed.is_file():
            raise RuntimeError(f"no index or parse cache was written for {content}")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        assert store.base is not None
        shutil.copytree(store.base / manifest["build"], out / "index",
                        ignore=shutil.ignore_patterns("*WRITELOCK"))
        shutil.copyfile(parsed, out / PREBUILT_PARSED)
        _portable(out / PREBUILT_PARSED, library.content_dir)
        if (cache / stems.FILE).is_file():
            shutil.copyfile(cache / stems.FILE, out / stems.FILE)
    shipped = {key: manifest[key] for key in
               ("version", "schema", "fingerprint", "entries", "files")}
    shipped["built_at"] = _built_at()
    (out / MANIFEST).write_text(json.dumps(shipped, indent=1, sort_keys=True), encoding="utf-8")
    return shipped


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m aseantui.search.prebuilt CONTENT OUT", file=sys.stderr)
        return 2
    made = make(Path(args[0]), Path(args[1]))
    print(f"prebuilt {len(made['entries'])} entries (fingerprint {made['fingerprint']}) "
          f"in {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
