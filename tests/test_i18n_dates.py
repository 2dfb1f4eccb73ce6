"""Dates in the infobox and the answer card read as each language writes them."""

from __future__ import annotations

import pytest

from aseantui.i18n import long_date, tr


@pytest.mark.parametrize(("value", "lang", "shown"), [
    ("2026-11-30", "en", "30 November 2026"),
    ("2023-05-01", "id", "1 Mei 2023"),
    ("2008-12", "id", "Desember 2008"),
    ("2008-13-01", "en", "2008-13-01"),   # not a date: shown as written
    ("2008-02-40", "en", "2008-02-40"),
    ("1967", "en", "1967"),
    ("since 1976", "id", "since 1976"),
])
def test_long_date(value: str, lang: str, shown: str) -> None:
    assert long_date(value, lang) == shown


def test_as_of_means_as_of_in_indonesian() -> None:
    # "per" (as of), not "hingga" (until): a fact dated today is not one that ends today.
    assert tr("as of {date}", "id", date=long_date("2026-11-30", "id")) == "per 30 November 2026"
