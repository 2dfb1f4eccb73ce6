"""Shared fixtures. Every test runs with its cache and data dirs in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aseantui.cli import main
from aseantui.search.service import Library

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "content"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point the index cache and the user data dir at fresh tmp folders."""
    dirs = {"cache": tmp_path / "cache", "data": tmp_path / "data"}
    monkeypatch.setenv("ASEANTUI_CACHE_DIR", str(dirs["cache"]))
    monkeypatch.setenv("ASEANTUI_DATA_DIR", str(dirs["data"]))
    monkeypatch.setenv("ASEANTUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("ASEANTUI_CONTENT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return dirs


# -- the engine's fixture corpus and command-line helpers ---------------------

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "corpus"
"""A small invented encyclopedia (7 entries in en and id). Never written to."""


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A private, writable copy of the fixture corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def memory_library() -> Iterator[Library]:
    """The fixture corpus with its index in memory: for read-only search tests."""
    library = Library(FIXTURE, cache_dir=False)
    library.open_index()
    yield library
    library.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `aseantui ARGS...` through the real entry point; return code, stdout, stderr."""

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse errors and fatal CLI errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


# -- the app (Textual is imported only by the tests that use these) ----------------
@pytest.fixture
def new_app(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Any]:
    """Builds apps on the shipped content with their own data dir (see test_tui_support)."""
    from test_tui_support import app_factory

    return app_factory(tmp_path, tmp_path_factory, monkeypatch)


@pytest.fixture(params=["block", "long"])
def each_view(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the reader's block view, then with LongMarkdown for every entry
    (the threshold forced down): the two views must behave alike (issue 14)."""
    if request.param == "long":
        from aseantui.tui.longdoc import policy

        monkeypatch.setattr(policy, "LONG_DOCUMENT_CHARS", 1)
    return str(request.param)


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to open a web page."""
    import webbrowser

    from textual.app import App

    def refuse(*args: Any, **kwargs: Any) -> None:
        pytest.fail(f"a link was opened: {args}")

    monkeypatch.setattr(webbrowser, "open", refuse)
    monkeypatch.setattr(webbrowser, "open_new_tab", refuse)
    monkeypatch.setattr(App, "open_url", refuse)


@dataclass
class NoticeLog:
    pairs: list[tuple[str, str]]
    texts: list[str]


@pytest.fixture
def notice_log(monkeypatch: pytest.MonkeyPatch) -> NoticeLog:
    """Every notification the app shows, as it shows them."""
    from aseantui.tui.app import AseanApp

    log = NoticeLog([], [])
    original = AseanApp.notify

    def record(self: Any, message: str, *args: Any, **kwargs: Any) -> None:
        log.pairs.append((message, kwargs.get("severity", "information")))
        log.texts.append(message)
        original(self, message, *args, **kwargs)

    monkeypatch.setattr(AseanApp, "notify", record)
    return log


@pytest.fixture
def notices(notice_log: NoticeLog) -> list[tuple[str, str]]:
    """(message, severity) of every notification the app shows."""
    return notice_log.pairs


@pytest.fixture
def notice_texts(notice_log: NoticeLog) -> list[str]:
    """The message of every notification the app shows."""
    return notice_log.texts
