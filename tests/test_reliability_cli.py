"""The documented exit codes, command by command: 0 success, 1 not found or
problems found, 2 usage error. Never a traceback, whatever the arguments.

tests/test_cli.py and tests/test_check.py cover the main cases one by one;
this table adds the rest of each command's outcomes (a missing or unusable
content folder for every command, each kind of usage error, a closed pipe).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE, CliResult

Cli = Callable[..., CliResult]
OK, PROBLEM, USAGE = 0, 1, 2
COMMANDS = ("search", "show", "list", "check", "index")

CASES: list[tuple[list[str], int]] = [
    # search
    (["search", "jakarta"], OK),
    (["search", "no such words anywhere zzzz"], OK),  # no results is not an error
    (["search", ""], OK),
    (["search", "jakarta", "--json", "--limit", "0"], USAGE),  # limits are 1-500
    (["search", "jakarta", "--json", "--limit", "500"], OK),
    (["search"], USAGE),
    (["search", "x", "--limit", "ten"], USAGE),
    (["search", "x", "--lang", "fr"], USAGE),
    (["search", "x", "--category", "sports"], USAGE),
    (["search", "x", "--content", "{missing}"], PROBLEM),
    (["search", "x", "--content", "{file}"], PROBLEM),
    # show
    (["show", "founding"], OK),
    (["show", "founding", "--lang", "id", "--format", "text"], OK),
    (["show", "nosuchentry"], PROBLEM),
    (["show", "../../etc/passwd"], PROBLEM),
    (["show"], USAGE),
    (["show", "founding", "--format", "html"], USAGE),
    (["show", "founding", "--content", "{missing}"], PROBLEM),
    # list
    (["list"], OK),
    (["list", "--category", "history", "--json"], OK),
    (["list", "--category", "sports"], USAGE),
    (["list", "extra"], USAGE),
    (["list", "--content", "{missing}"], PROBLEM),
    # check
    (["check"], OK),
    (["check", "--content", "{broken}"], PROBLEM),
    (["check", "--content", "{missing}"], PROBLEM),
    (["check", "--content", "{file}"], PROBLEM),
    (["check", "--json"], USAGE),
    # index
    (["index"], OK),
    (["index", "--status"], OK),
    (["index", "--rebuild"], OK),
    (["index", "--bogus"], USAGE),
    (["index", "--content", "{missing}"], PROBLEM),
    # the app's own parser, and help
    (["--bogus"], USAGE),
    (["--lang", "fr"], USAGE),
    (["--version"], OK),
    (["--help"], OK),
    *[([command, "--help"], OK) for command in COMMANDS],
]


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    broken = tmp_path / "broken"
    (broken / "en").mkdir(parents=True)
    (broken / "en" / "bad.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    return {"missing": str(tmp_path / "missing"), "file": str(a_file), "broken": str(broken)}


@pytest.mark.parametrize(("args", "code"), CASES,
                         ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_exit_code(cli: Cli, places: dict[str, str], args: list[str], code: int) -> None:
    args = [a.format(**places) for a in args]
    if args[0] in COMMANDS and "--content" not in args and "--help" not in args:
        args += ["--content", str(FIXTURE)]
    result = cli(*args)
    assert result.code == code, (args, result)
    assert "Traceback" not in result.err
    if code == USAGE:
        assert "usage:" in result.err.lower()  # rich-argparse writes "Usage:"
    elif code == PROBLEM:
        assert result.err.strip(), "a problem is explained on stderr"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
@pytest.mark.parametrize("args", [["list"], ["search", "secretariat"], ["show", "founding"]])
def test_a_closed_pipe_is_not_an_error(args: list[str]) -> None:
    """`aseantui list | head -0`: the reader went away; no traceback, exit 0."""
    read, write = os.pipe()
    os.close(read)
    env = dict(os.environ, ASEANTUI_CONTENT=str(FIXTURE))
    proc = subprocess.run([sys.executable, "-m", "aseantui", *args], stdout=write,
                          stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    os.close(write)
    assert proc.returncode == 0
    assert proc.stderr == b""
