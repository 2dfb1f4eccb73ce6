"""The sections of bench/run.py, one module each.

Every module has the same three functions:

* `measure(bench)`: run its measurements (each in a fresh subprocess, through
  the helpers of `bench.run.Bench`) and put its figures in `bench.results`;
* `rows(report)`: lines of the detail table, as (figure, value, budget) tuples;
* `budgets(figures, plan)`: its budgets, as `bench.sections.Budget` tuples.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Budget(NamedTuple):
    """One budget: which issue set it, what is measured, how it is judged."""

    issue: int
    name: str
    value: Any
    op: str  # "<=", "<" or ">="
    limit: float
    unit: str
    note: str = ""


def get(data: Any, *keys: str) -> Any:
    """data[k1][k2]..., or None where a key is missing."""
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f} ms"
