"""The two analyzers: English (Snowball, stop words, accents) and Indonesian (Sastrawi)."""

from __future__ import annotations

import pytest

from aseantui.search.analysis import (
    MAX_TOKEN,
    analyze,
    english_analyzer,
    indonesian_analyzer,
    plain_analyzer,
    stem_id,
)

EN = english_analyzer()
ID = indonesian_analyzer()
PLAIN = plain_analyzer()


def en(text: str) -> list[str]:
    return analyze(EN, text)


def id_(text: str) -> list[str]:
    return analyze(ID, text)


# -- English ---------------------------------------------------------------------


def test_english_stems_inflections_to_one_form() -> None:
    assert len(set(en("coordinate coordinates coordinated coordinating"))) == 1
    assert en("meetings") == en("meeting")
    assert en("located") == en("location")


def test_english_drops_stop_words() -> None:
    assert en("where is the secretariat of the association") == en("secretariat association")
    assert en("the of and is where what who") == []


def test_english_folds_case_and_accents() -> None:
    assert en("Café HỒ CHÍ MINH") == ["cafe", "ho", "chi", "minh"]
    assert en("Lê Lương Minh") == en("le luong minh")


@pytest.mark.parametrize(
    "british",
    ["organisation", "organisations", "Organisation's"],
)
def test_british_and_american_spellings_meet(british: str) -> None:
    assert en(british)[0] == en("organization")[0]


def test_english_keeps_dotted_and_alphanumeric_words_whole() -> None:
    assert en("2.5 per cent in 70a") == ["2.5", "per", "cent", "70a"]


def test_overlong_tokens_are_not_indexed() -> None:
    assert en("x" * (MAX_TOKEN + 1)) == []
    assert en("x" * MAX_TOKEN) == ["x" * MAX_TOKEN]


# -- Indonesian ------------------------------------------------------------------


def test_kepemimpinan_pemimpin_and_pimpinan_meet() -> None:
    stems = {word: id_(word) for word in ("kepemimpinan", "pemimpin", "pimpinan", "dipimpin")}
    assert set(map(tuple, stems.values())) == {("pimpin",)}


def test_didirikan_and_pendirian_meet() -> None:
    assert id_("didirikan") == id_("pendirian") == id_("mendirikan") == ["diri"]


def test_indonesian_drops_stop_words() -> None:
    assert id_("siapa yang memimpin sekretariat di jakarta") == ["pimpin", "sekretariat",
                                                                   "jakarta"]
    assert id_("yang dan di ke dari adalah") == []


def test_indonesian_folds_case_and_accents() -> None:
    assert id_("EKONOMI Pendidikan") == ["ekonomi", "didik"]
    assert id_("Kafé") == ["kafe"]


def test_sastrawi_stemmer_directly() -> None:
    assert stem_id("kepemimpinan") == "pimpin"
    assert stem_id("perjanjian") == "janji"


# -- plain -----------------------------------------------------------------------


def test_plain_analyzer_keeps_every_word_unstemmed() -> None:
    assert analyze(PLAIN, "The Leaders of ASEAN, dipimpin!") == [
        "the", "leaders", "of", "asean", "dipimpin"
    ]
    assert analyze(PLAIN, "Café") == ["cafe"]
