"""The command line fits the ecosystem: help, version, completion, paths, colour."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from aseantui.cli import COMMANDS, build_command_parser
from aseantui.completion import script
from conftest import CliResult

Cli = Callable[..., CliResult]


def test_top_level_help_lists_commands_examples_environment_and_exit_codes(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in COMMANDS:
        assert f"\n  {command}" in result.out, command
    for name in ("ASEANTUI_CONTENT", "ASEANTUI_CACHE_DIR", "ASEANTUI_DATA_DIR",
                 "ASEANTUI_CONFIG", "NO_COLOR", "LANGUAGE"):
        assert name in result.out
    assert "examples:" in result.out and "exit status:" in result.out


def test_every_argument_of_every_command_has_help() -> None:
    parser = build_command_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        for action in command._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.option_strings or action.dest}"


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(cli: Cli, flag: str) -> None:
    result = cli(flag)
    assert result.code == 0 and result.out.startswith("aseantui ")


def test_version_imports_neither_markdown_nor_yaml() -> None:
    code = ("import sys; from aseantui.cli import main; main(['--version']); "
            "print(sorted(m for m in ('markdown_it', 'yaml', 'whoosh', 'textual', 'rich') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_the_commands(cli: Cli, shell: str) -> None:
    result = cli("completion", shell)
    assert result.code == 0
    for command in ("search", "show", "check", "serve", "completion"):
        assert command in result.out
    assert "--lang" in result.out or "-l lang" in result.out


def test_the_fish_script_offers_the_choices_of_options() -> None:
    text = script("fish", build_command_parser())
    assert "complete -c aseantui -n '__fish_seen_subcommand_from search' -l lang -x -a 'en id'" \
        in text


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_is_valid_bash(tmp_path: Path) -> None:
    path = tmp_path / "c.bash"
    path.write_text(script("bash", build_command_parser()), encoding="utf-8")
    subprocess.run(["bash", "-n", str(path)], check=True, timeout=30)


def test_paths_names_every_place(cli: Cli, isolated_dirs: dict[str, Path]) -> None:
    result = cli("paths", "--json")
    where = json.loads(result.out)
    assert set(where) == {"content", "index", "cache", "state", "settings", "bookmarks",
                          "history", "config"}
    assert where["state"] == str(isolated_dirs["data"])
    assert where["index"].startswith(str(isolated_dirs["cache"]))
    text = cli("paths").out
    assert "state:" in text and str(isolated_dirs["data"]) in text


def test_an_empty_no_color_keeps_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    from aseantui.helptext import no_color

    monkeypatch.setenv("NO_COLOR", "")
    assert not no_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert no_color()
