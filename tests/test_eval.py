"""The shared search evaluation runs end to end against the installed command."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from conftest import SHARED

EVAL = SHARED / "eval" / "search_eval.py"


@pytest.mark.skipif(
    not EVAL.is_file(),
    reason=f"{EVAL} is absent: the shared evaluation lives beside the repository, not in it",
)
def test_search_eval_runs_against_the_installed_command() -> None:
    command = shlex.join([sys.executable, "-m", "aseantui"])
    proc = subprocess.run(
        [sys.executable, str(EVAL), "--cmd", command, "--min-at-k", "0.9"],
        capture_output=True, text=True, encoding="utf-8", timeout=900, check=False,
        env=dict(os.environ),  # cache and data dirs point into tmp_path (conftest)
    )
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert summary.startswith("search_eval: success@1"), proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
