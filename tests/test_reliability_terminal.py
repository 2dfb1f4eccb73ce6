"""Terminal safety: content cannot drive the terminal it is shown in.

Articles, front matter (YAML escapes), character references, the source
registry, the timeline and the user's own state files all carry ANSI/OSC
escapes, BEL, backspaces and bidi overrides here. The command line strips
them from every output, `--json` stays valid JSON (lone surrogates
included), and the app renders them inert (Pilot tests over the screen's
widgets and its screenshot).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.widgets import OptionList, Static

from aseantui.cli import _print_json
from aseantui.tui.app import AseanApp, make_app
from conftest import CliResult
from test_tui_support import (
    main_screen,
    reader,
    results,
    search_for,
    settle,
    shown_entry,
    write_mini_corpus,
)

Cli = Callable[..., CliResult]

BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BAD = set("\x00\x07\x08\x0b\x0c\x1b\x7f" + C1 + BIDI + "\ufeff")

EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\x07\x08\x08\u202e\u2066\x9b31m\x1bP+q\x1b\\"
"""An OSC title change, clear screen, colour, BEL, backspaces, RLO, an isolate,
an 8-bit CSI and a DCS string: all in one."""

ARTICLE = """\
---
id: hostile
lang: {lang}
title: "\\e]0;pwned\\a Hostile \\u202e title &#x202e; \\x9b2J"
category: general
summary: "A summary \\e[5m blinking \\u2067"
aliases: ["\\e[2J alias", "H\\u00f4 Ch\\u00ed Minh"]
sources: [handbook, evil]
related: [location]
---

## Heading {evil} &#x202e;reversed &rlm;

Text {evil} hostileword in H\u1ed3 Ch\u00ed Minh City [@evil], &#27;[31m red, &#x202e;rlo.

See [the {evil} link](location.md), [outside](../../outside/secret.md),
[file](file:///etc/passwd), [script](javascript:alert(1)) and
[{evil}web](https://example.org/{evil}).

## Second

More hostileword text.
"""

SOURCE = """\
  - id: evil
    kind: reference
    title: "\\e]0;x\\a Evil \\u202e source &#x202e;"
    publisher: "\\e[31mPress"
    language: en
    date: "2020"
    url: "https://example.org/\\e[2J"
    description: {en: "Described \\u202e here &rlm;", id: "\\x07Deskripsi"}
    reliability: {en: "\\e[5mBlinking", id: "Dapat \\u2066dipercaya"}
"""

EVENT = """\
  - date: "1990"
    entry: hostile
    en: "\\e]0;t\\a A hostile \\u202e event"
    id: "\\e[31mPeristiwa"
    sources: [evil]
"""


def strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in strings(k) + strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


def inert(text: str, where: str = "") -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in text if c in BAD or (c < " " and c not in "\n\t")})
    assert not bad, f"{where}: {bad}"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = write_mini_corpus(tmp_path / "content")
    for lang in ("en", "id"):
        (root / lang / "hostile.md").write_text(ARTICLE.format(lang=lang, evil=EVIL),
                                                encoding="utf-8")
    with open(root / "sources.yaml", "a", encoding="utf-8") as handle:
        handle.write(SOURCE)
    with open(root / "timeline.yaml", "a", encoding="utf-8") as handle:
        handle.write(EVENT)
    return root


@pytest.fixture
def hostile_state(tmp_path: Path) -> Path:
    """A data dir whose bookmarks and history (written by someone else) carry escapes."""
    data = tmp_path / "user"
    data.mkdir()
    mark = {"entry": "hostile", "lang": "en", "title": f"{EVIL}Bookmarked", "added": EVIL}
    # Lists show an entry's current title; a saved title only for an entry that is gone.
    gone = {"entry": "gone", "lang": "en", "title": f"{EVIL}Bookmarked", "added": EVIL}
    visit = {"entry": "hostile", "lang": "en", "title": f"{EVIL}Visited", "at": EVIL}
    (data / "bookmarks.json").write_text(json.dumps({"version": 1, "bookmarks": [mark, gone]}),
                                         encoding="utf-8")
    (data / "history.json").write_text(json.dumps({"version": 1, "history": [visit]}),
                                       encoding="utf-8")
    return data


# -- the command line ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "hostileword"], ["search", "hostileword", "--lang", "id"],
        ["search", "hostile title"], ["search", "alias"], ["search", "blinking"],
        ["search", f"{EVIL}hostileword\ud800"], ["list"], ["list", "--lang", "id"],
        ["show", "hostile"], ["show", "hostile", "--format", "text"],
        ["show", "hostile", "--lang", "id", "--format", "text"], ["check"],
        ["index", "--status"], ["show", f"{EVIL}nosuch"],
    ],
    ids=lambda a: " ".join(a).encode("ascii", "replace").decode(),
)
def test_cli_output_is_stripped(hostile: Path, cli: Cli, args: list[str]) -> None:
    result = cli(*args, "--content", hostile)
    assert result.code in (0, 1), result.err
    inert(result.out, "stdout")
    inert(result.err, "stderr")
    if args[:2] == ["search", "hostileword"]:
        assert "Hostile" in result.out


@pytest.mark.parametrize(
    "args",
    [["search", "hostileword"], ["search", "hostileword", "--lang", "id"],
     ["search", f"\x1b[31m{EVIL}\ud800\udfff hostile"], ["list"], ["list", "--lang", "id"]],
    ids=["search", "search-id", "odd-query", "list", "list-id"],
)
def test_cli_json_is_valid_and_inert(hostile: Path, cli: Cli, args: list[str]) -> None:
    result = cli(*args, "--json", "--content", hostile)
    assert result.code == 0, result.err
    assert result.out.endswith("\n") and result.out.count("\n") == 1  # one line
    data = json.loads(result.out)
    inert(result.out, "raw JSON")
    inert(" ".join(strings(data)), "decoded JSON")  # nothing hidden behind \\u either
    if args[0] == "search" and "hostileword" in args[1]:
        assert data["hits"][0]["id"] == "hostile"


def test_json_writer_escapes_what_a_terminal_would_act_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    value = {"surrogate": "\ud800 and \udfff", "c1": C1, "bidi": BIDI, "c0": "\x1b\x07\x00",
             "text": "Hồ Chí Minh ✓"}
    _print_json(value)
    out = capsys.readouterr().out
    inert(out)
    assert "\ud800" not in out
    assert json.loads(out) == value  # nothing lost: all of it is there as \\u escapes
    assert "Hồ Chí Minh ✓" in out  # ordinary text stays readable


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_the_text(hostile: Path, encoding: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING=encoding, ASEANTUI_CONTENT=str(hostile))
    for args in (["search", "hostileword", "--json"], ["search", "hostileword"],
                 ["show", "hostile", "--format", "text"], ["list", "--json"]):
        proc = subprocess.run([sys.executable, "-m", "aseantui", *args], env=env,
                              capture_output=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
        out = proc.stdout.decode(encoding)
        inert(out)
        if "--json" in args:
            json.loads(out)
        if args == ["search", "hostileword", "--json"]:
            assert "Ch\\u00ed Minh" in out  # escaped, not lost


# -- the app -----------------------------------------------------------------------------------


def screen_text(app: AseanApp) -> str:
    """Everything the current screen would paint: its widgets' content and a screenshot."""
    parts = [app.export_screenshot(), str(app.title), str(app.sub_title)]
    for screen in app.screen_stack:
        parts += [str(screen.title or ""), str(screen.sub_title or "")]
    for widget in app.screen.walk_children():
        if isinstance(widget, Static):
            content = widget.content
            parts.append(content.plain if isinstance(content, Content) else str(content))
        elif isinstance(widget, OptionList):
            for index in range(widget.option_count):
                prompt = widget.get_option_at_index(index).prompt
                parts.append(prompt.plain if hasattr(prompt, "plain") else str(prompt))
    return "\n".join(parts)


def check_screen(app: AseanApp, where: str) -> str:
    text = screen_text(app)
    inert(text, where)
    return text


async def test_the_app_shows_hostile_content_inert(hostile: Path, hostile_state: Path) -> None:
    app = make_app(content=hostile, data_dir=hostile_state, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        check_screen(app, "home, recently read")
        await search_for(pilot, "hostileword")
        assert results(app).hits and results(app).hits[0].id == "hostile"
        assert "Hostile" in check_screen(app, "results")
        await pilot.press("enter")
        await settle(pilot)
        assert shown_entry(app) == ("hostile", "en")
        text = check_screen(app, "reader")
        assert "hostileword" in text and "Heading" in text
        assert reader(app).article.links  # the links are there, and inert
        await pilot.press("t")  # the table of contents, with the hostile heading
        await pilot.pause()
        check_screen(app, "contents")
        for _ in range(len(reader(app).article.links)):
            reader(app).article.focus()
            await pilot.press("tab")
            await pilot.pause()
            check_screen(app, "link bar")
        await pilot.press("s")  # the sources, from the registry
        await settle(pilot)
        assert "Evil" in check_screen(app, "sources")
        await pilot.press("escape")
        await pilot.pause()
        for key, expected in (("f3", "hostile event"), ("f4", "Bookmarked"), ("f5", "Hostile")):
            await pilot.press(key)  # timeline, bookmarks, history
            await settle(pilot)
            assert expected in check_screen(app, key)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+l")  # the Indonesian twin
        await settle(pilot)
        assert shown_entry(app) == ("hostile", "id")
        check_screen(app, "reader, id")
        assert app.is_running


async def test_following_every_link_in_the_app_reads_nothing_outside(
    hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = hostile.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nid: secret\n---\nSENTINEL\n", encoding="utf-8")
    opened: list[str] = []

    def recording(real: Callable[..., Any]) -> Callable[..., Any]:
        def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, bytes, os.PathLike)):
                opened.append(os.path.realpath(os.fsdecode(file)))
            return real(file, *args, **kwargs)

        return spy

    app = make_app(content=hostile, data_dir=tmp_path / "user", entry="hostile", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown_entry(app) == ("hostile", "en")
        monkeypatch.setattr(builtins, "open", recording(builtins.open))
        monkeypatch.setattr(io, "open", recording(io.open))
        monkeypatch.setattr(os, "open", recording(os.open))
        hrefs = [spot.href for spot in reader(app).article.links]
        assert "../../outside/secret.md" in hrefs and "file:///etc/passwd" in hrefs
        for href in hrefs:
            reader(app).follow(href)
            await settle(pilot)
            assert app.is_running
            if shown_entry(app) != ("hostile", "en"):
                await main_screen(app).open_entry("hostile", "en")
                await settle(pilot)
    real_outside = os.path.realpath(outside)
    assert not [p for p in opened if p.startswith(real_outside) or p.startswith("/etc/")]
