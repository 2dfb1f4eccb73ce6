"""The app saves the index of a large folder (the multi-process build) like any other.

Under Textual the multi-process build failed ("bad value(s) in fds_to_keep"):
sub-processes are given stderr's file descriptor, and Textual's replacement
for stderr has none. The app ran on an in-memory index and rebuilt it at
every launch. The app is launched in a fresh process (multiprocessing's
helper processes are started once per process) on a generated folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from aseantui.search.store import MULTIPROCESS_MIN, IndexStore

ENTRIES = 2_500

LAUNCH = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from aseantui.tui.app import make_app

    async def main():
        app = make_app(content=sys.argv[1], lang="en", data_dir=Path(sys.argv[2]))
        async with app.run_test() as pilot:
            for _ in range(3000):
                await app.workers.wait_for_complete()
                await pilot.pause(0.05)
                screen = app.main_screen()
                if screen is not None and screen.library is not None:
                    break
            info = screen.library.index_info
            print("INDEX", info.location, info.entries, info.notices)
            home = screen.query_one("#home-menu")
            print("HOME", [str(o.prompt) for o in home.options])

    if __name__ == "__main__":
        asyncio.run(main())
""")


def test_the_app_saves_the_index_of_a_large_folder(tmp_path: Path) -> None:
    assert ENTRIES >= MULTIPROCESS_MIN  # the multi-process build is the one under test
    content = tmp_path / "pages"
    for n in range(ENTRIES):
        folder = content / ("tools" if n % 2 else "guides")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{n}.md").write_text(
            f"# Page {n}\n\n> Does thing number {n}.\n\n- Run it: `tool-{n} --all`\n",
            encoding="utf-8")
    env = {**os.environ, "ASEANTUI_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(content), str(tmp_path / "user")],
        env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "fds_to_keep" not in result.stdout + result.stderr
    index_line = next(line for line in result.stdout.splitlines() if line.startswith("INDEX"))
    assert index_line.split()[1] != "memory", result.stdout
    # a usable index on disk: the manifest names it, every entry is in it
    store = IndexStore(tmp_path / "cache", content)
    manifest = store.read_manifest()
    assert manifest is not None and len(manifest["entries"]) == ENTRIES
    assert store.intact(manifest)
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(store.base / manifest["build"]))
    assert ix.doc_count() == ENTRIES
    # and the home screen described this folder, not the ASEAN sections
    home = next(line for line in result.stdout.splitlines() if line.startswith("HOME"))
    assert "Core sections" not in home and "Guides" in home and "Tools" in home
