"""Number parsing shared by quantities and times: digits, scales, Arabic/English words, vague plurals."""

from __future__ import annotations

import pytest

from isnad.text.normalize import normalize
from isnad.text.numbers import find_numbers, parse_number


def _found(text: str) -> list[tuple[str, float | None, float | None, float | None]]:
    folded = normalize(text).text
    return [(folded[m.start:m.end], m.value, m.low, m.high) for m in find_numbers(folded)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("١٢٣", 123), ("۴۵", 45), ("511,000", 511000), ("511٬000", 511000), ("1,000,000", 1e6),
        ("10 000", 10000), ("10\u202f000", 10000), ("3.5", 3.5), ("٣٫٥", 3.5), ("6,65", 6.65), ("7,2362", 7.2362),
        ("100 ألف", 100000), ("2.5 مليار", 2.5e9), ("مليون ونصف", 1.5e6), ("نصف مليون", 5e5),
        ("3 آلاف", 3000), ("ألفين", 2000), ("ألفي", 2000), ("مليونين", 2e6), ("مليار", 1e9), ("بليون", 1e9),
        ("تريليون", 1e12), ("1.4 ﻣﻟﯾون", 1.4e6), ("3 ملايين و500 ألف", 3.5e6), ("111 ألفاً و65", 111065),
        ("ثلاثة", 3), ("ثلاث", 3), ("اثنان", 2), ("اثنتين", 2), ("واحدة", 1), ("ثمانيَ", 8),
        ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("اثنتا عشرة", 12), ("ثلاثة عشر", 13),
        ("عشرون", 20), ("تسعين", 90), ("مئة", 100), ("مائة", 100), ("مئتان", 200), ("مائتي", 200),
        ("ثلاثمائة", 300), ("ثلاث مئة", 300), ("خمسة وعشرون ألفا", 25000), ("مئتي ألف", 200000),
        ("ألفين وخمسمائة", 2500), ("ثلاثمائة وخمسة وعشرون", 325), ("ثلاثة ملايين", 3e6),
        ("twenty-five thousand", 25000), ("a million", 1e6), ("two hundred and five", 205), ("5bn", 5e9),
        ("4 million", 4e6), ("$5m", 5e6),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    folded = normalize(text).text.lstrip("$")
    assert parse_number(folded) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("عشرات", 10, 99), ("مئات", 200, 999), ("آلاف", 2000, 9999), ("ملايين", 2e6, 1e7 - 1),
        ("عشرات الآلاف", 10000, 99999), ("مئات الآلاف", 200000, 999999), ("مئات الملايين", 2e8, 1e9 - 1),
        ("عشرات المليارات", 1e10, 1e11 - 1), ("الآلاف", 2000, 9999), ("dozens", 10, 99),
        ("hundreds of thousands", 200000, 999999), ("thousands", 2000, 9999),
    ],
)
def test_vague(text: str, low: float, high: float) -> None:
    folded = normalize(text).text
    (match,) = find_numbers(folded)
    assert (match.value, match.low, match.high, match.approx, match.vague) == (None, low, high, True, True)
    assert (match.start, match.end) == (0, len(folded))
    assert parse_number(folded) is None


def test_offsets_and_longest_match() -> None:
    text = "قتل 22 شخصاً وأصيب خمسة وعشرون آخرون، وفرّ 5 آلاف و10 آلاف نزحوا"
    found = _found(text)
    assert [f[:2] for f in found] == [("22", 22), ("خمسة وعشرون", 25), ("5 الاف", 5000), ("10 الاف", 10000)]
    norm = normalize(text)
    for m in find_numbers(norm.text):
        s, e = norm.span(m.start, m.end)
        assert normalize(text[s:e]).text == norm.text[m.start:m.end]


def test_proclitic_is_outside_the_span() -> None:
    assert _found("بخمسة ملايين") == [("خمسة ملايين", 5e6, None, None)]
    assert _found("الثلاثة الأشهر") == [("الثلاثة", 3, None, None)]


@pytest.mark.parametrize(
    "text", ["في المائة", "يوم الاثنين", "يوم الأحد", "أحد المسؤولين", "لست أدري", "A320", "COVID-19", "عدة", "بضعة"]
)
def test_not_numbers(text: str) -> None:
    assert _found(text) == []


def test_percent_word_is_not_a_hundred() -> None:
    assert _found("80 بالمئة") == [("80", 80, None, None)]


@pytest.mark.parametrize(("text", "value"), [("ثلاثة ملايير", 3e9), ("5 ملاير", 5e9), ("عشرة مليارات", 1e10)])
def test_maghrebi_billion_plurals(text: str, value: float) -> None:
    assert parse_number(normalize(text).text) == pytest.approx(value)


def test_maghrebi_billions_alone_are_vague() -> None:
    assert _found("خسر ملايير الدراهم") == [("ملايير", None, 2e9, 1e10 - 1)]


def test_a_digit_run_too_long_for_a_float_is_not_a_figure() -> None:
    text = normalize("الرمز " + "١٢٣٤٥٦٧٨٩٠" * 50 + " و 40 شاحنة").text
    values = [n.value for n in find_numbers(text)]
    assert values == [40]


def test_a_definite_number_word_before_its_scale_is_that_number_and_an_ordinal_alone_is_not() -> None:
    assert [(m.value, m.start) for m in find_numbers("تجاوزت الكلفة الثمانين مليون دولار")] == [(80_000_000, 14)]
    assert find_numbers("في مطلع القرن العشرين") == []
