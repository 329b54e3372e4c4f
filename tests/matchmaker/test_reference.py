"""Reference data: countries and sides, China's regions, NACE Rev. 2, languages."""

from __future__ import annotations

import pytest

from matchmaker import reference
from matchmaker.enums import Side


def test_every_eu_member_state_is_on_the_european_side():
    assert len(reference.EU_MEMBER_STATES) == 27
    assert all(reference.side_for_country(code) == Side.EU for code in reference.EU_MEMBER_STATES)


@pytest.mark.parametrize("code", ["CN", "HK", "MO", "cn"])
def test_china_hong_kong_and_macao_are_on_the_chinese_side(code):
    assert reference.side_for_country(code) == Side.CN


@pytest.mark.parametrize("code", ["GB", "CH", "NO", "IS", "RS", "UA"])
def test_other_european_countries_are_on_the_european_side(code):
    assert reference.side_for_country(code) == Side.EU


def test_a_country_outside_the_fair_has_no_side():
    with pytest.raises(ValueError):
        reference.side_for_country("US")
    assert not reference.is_accepted_country("US")


def test_nace_has_21_sections_and_88_divisions():
    assert list(reference.NACE_SECTIONS) == [chr(c) for c in range(ord("A"), ord("U") + 1)]
    assert len(reference.NACE_DIVISIONS) == 88
    assert len(reference.nace_division_choices()) == 88
    assert reference.nace_section_for("62") == "J"
    assert reference.nace_section_for("01") == "A"
    assert reference.nace_section_for("99") == "U"
    assert reference.nace_section_for("04") is None
    assert sum(len(g) for _, g in reference.nace_grouped_division_choices()) == 88


def test_every_section_has_a_division():
    for letter in reference.NACE_SECTIONS:
        assert reference.nace_divisions_in_section(letter)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Sichuan", "Sichuan"),
        ("四川省", "Sichuan"),
        ("shanghai municipality", "Shanghai"),
        ("Tibet", "Xizang (Tibet)"),
        ("Bavaria", None),
        ("", None),
    ],
)
def test_china_regions_are_recognised_in_english_and_chinese(given, expected):
    assert reference.normalize_china_region(given) == expected


def test_mainland_china_has_31_provincial_level_regions():
    assert len(reference.CHINA_REGIONS) == 31


def test_languages_are_iso_639_1_codes():
    assert all(len(code) == 2 and code.islower() for code in reference.MEETING_LANGUAGES)
    assert {"en", "zh", "de", "fr"} <= set(reference.MEETING_LANGUAGES)
