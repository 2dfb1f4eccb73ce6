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
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from aseantui.content.cache import PREBUILT_PARSED, ParseCache
from aseantui.search import stems
from aseantui.search.service import Library
from aseantui.search.store import MANIFEST, IndexStore


def make(content: Path, out: Path) -> dict[str, Any]:
    """Index and parse `content` into the folder `out` (replaced); returns its manifest."""
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
        if (cache / stems.FILE).is_file():
            shutil.copyfile(cache / stems.FILE, out / stems.FILE)
    shipped = {key: manifest[key] for key in
               ("version", "schema", "fingerprint", "entries", "files", "built_at")}
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
