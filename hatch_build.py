"""Wheel build hook: ship the shipped content's search index and parsed articles.

A first launch then copies them instead of parsing and indexing everything
(aseantui.search.prebuilt explains how they are checked before use). Editable
installs skip this: they read the working tree, which changes under them.
"""

from __future__ import annotations

import shutil
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
        sys.path.insert(0, str(root / "src"))
        try:
            from aseantui.search.prebuilt import make

            made = make(root / "content", out)
        except Exception as exc:  # noqa: BLE001 - the program works without it, only slower to start
            self.app.display_warning(
                f"aseantui: no prebuilt index in this wheel ({exc!r}); "
                "the first launch will build it")
            return
        finally:
            sys.path.remove(str(root / "src"))
        self.app.display_info(f"aseantui: prebuilt index of {len(made['entries'])} entries")
        build_data["force_include"][str(out)] = "aseantui/data/prebuilt"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
