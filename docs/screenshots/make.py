"""Make the README's screenshots with the app itself, on the shipped content.

    python docs/screenshots/make.py [OUT_DIR]     # default: this folder

Each shot starts the app headless (Textual's `run_test`) at 100x32 with an
empty data folder, does what a reader would (type a question, open an entry)
and saves the screen as SVG. Re-run it after a change to what those screens
show; tests/test_screenshots.py runs it too and checks what the shots contain.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from textual.widgets import Input

from aseantui.tui.app import make_app

HERE = Path(__file__).resolve().parent
SIZE = (100, 32)


@dataclass(frozen=True)
class Shot:
    name: str
    caption: str
    lang: str
    entry: str | None = None
    typed: str = ""


SHOTS = (
    Shot("answer-en", "A question answered as it is typed, above the results", "en",
         typed="who leads the asean secretariat"),
    Shot("reader-id", "An entry in Indonesian, with its infobox and sources", "id",
         entry="leadership"),
    Shot("search-id", "Searching in Indonesian: snippets with the matched words", "id",
         typed="gedung sekretariat"),
)


async def _shoot(shot: Shot, out: Path, data: Path) -> Path:
    app = make_app(entry=shot.entry, lang=shot.lang, data_dir=data / shot.name)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for char in shot.typed:
            await pilot.press("space" if char == " " else char)
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for box in app.query(Input):
            box.cursor_blink = False
        await pilot.pause()
        path = out / f"{shot.name}.svg"
        path.write_text(app.export_screenshot(title=f"aseantui: {shot.caption}"),
                        encoding="utf-8")
    return path


async def make(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aseantui-shots-") as data:
        return [await _shoot(shot, out, Path(data)) for shot in SHOTS]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE
    for path in asyncio.run(make(out)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
