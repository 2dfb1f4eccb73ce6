"""Print pip constraints that pin every runtime dependency to its lowest allowed version.

.ci/run installs the package with these constraints in a second environment
and runs the suite there, so a lower bound in pyproject.toml that is too low
fails CI instead of a user's install.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
LOWER = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)(.*)$")


def constraints() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = LOWER.match(requirement)
        if match is None:
            raise SystemExit(f"no lower bound in dependency {requirement!r}")
        name, version, rest = match.groups()
        marker = rest.split(";", 1)[1].strip() if ";" in rest else ""
        pins.append(f"{name}=={version}" + (f"; {marker}" if marker else ""))
    return pins


if __name__ == "__main__":
    print("\n".join(constraints()))
