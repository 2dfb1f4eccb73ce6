"""Wheel build hook: ship the shipped content's search index and parsed articles.

A first launch then copies them instead of parsing and indexing everything
(aseantui.search.prebuilt explains how they are checked before use). Editable
installs skip this: they read the working tree, which changes under them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltIndexHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        self._tmp = Path(tempfile.mkdtemp(prefix="aseantui-wheel-"))
        out = self._tmp / "prebuilt"
        # A process of its own with a fixed hash seed: the index pickles its schema's
        # stop-word sets, whose order follows the seed (reproducible wheels).
        env = {**os.environ, "PYTHONHASHSEED": "0",
               "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"),
                                                           os.environ.get("PYTHONPATH")]))}
        made = subprocess.run(
            [sys.executable, "-m", "aseantui.search.prebuilt", str(root / "content"), str(out)],
            env=env, capture_output=True, text=True, check=False)
        if made.returncode != 0:  # the program works without it, only slower to start
            self.app.display_warning(
                f"aseantui: no prebuilt index in this wheel ({made.stderr.strip()[-500:]}); "
                "the first launch will build it")
            return
        self.app.display_info(f"aseantui: {made.stdout.strip()}")
        build_data["force_include"][str(out)] = "aseantui/data/prebuilt"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
