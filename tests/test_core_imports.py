"""The core (content, index, query, and the command line's search path) never imports Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import FIXTURE

PROGRAM = """
import io, json, sys, contextlib
import aseantui.content, aseantui.content.load, aseantui.content.parse
import aseantui.search.service, aseantui.search.query, aseantui.search.store
import aseantui.render, aseantui.text, aseantui.paths, aseantui.fsutil
from aseantui.cli import main
from aseantui.search.service import Library

library = Library(sys.argv[1])
hits = library.search("jakarta").hits
out = io.StringIO()
with contextlib.redirect_stdout(out):
    for args in (["search", "jakarta", "--json"], ["show", "founding", "--format", "text"],
                 ["list"], ["check"], ["index", "--status"]):
        assert main([*args, "--content", sys.argv[1]]) == 0, args
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"hits": [h.id for h in hits], "textual": loaded}))
"""


def test_core_and_cli_commands_do_not_import_textual() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(FIXTURE)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
        env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["hits"][:1] == ["headquarters"]  # the program really ran
    assert report["textual"] == []


def test_the_check_itself_would_notice_textual() -> None:
    """Guard against a vacuous pass: importing the app does load Textual."""
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys, aseantui.tui.app; print('textual' in sys.modules)"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"
