"""Within-article findings: duration vs stated period, parts vs total, headline vs body."""

from __future__ import annotations

from stages import run_stages
from test_quantities import preset_times


def _findings(text: str, times: list[tuple[str, str, str]] = ()) -> list:
    """Findings with the given times (so the test does not depend on the times stage) and real quantities."""
    findings = run_stages(text, ["quantities", "findings"], "ar", preset={"times": preset_times(text, times)}).findings
    for finding in findings:
        for span in finding.spans:
            assert span.text == text[span.start:span.end]
    return findings


_RANGE = ("من 24 نوفمبر إلى 4 ديسمبر 2024", "range", "2024-11-24/2024-12-04")


def test_duration_matching_its_range_is_fine() -> None:
    text = "استمرت الحملة 11 يوما من 24 نوفمبر إلى 4 ديسمبر 2024."
    assert _findings(text, [("11 يوما", "duration", "P11D"), _RANGE]) == []
    text = "استمرت الحملة 10 أيام من 24 نوفمبر إلى 4 ديسمبر 2024."
    assert _findings(text, [("10 أيام", "duration", "P10D"), _RANGE]) == []


def test_duration_mismatch() -> None:
    text = "استمرت الحملة 6 أيام من 24 نوفمبر إلى 4 ديسمبر 2024."
    (finding,) = _findings(text, [("6 أيام", "duration", "P6D"), _RANGE])
    assert finding.kind == "duration_mismatch"
    assert [s.text for s in finding.spans] == ["6 أيام", _RANGE[0]]


def test_duration_mismatch_from_a_quantity_when_times_missed_the_duration() -> None:
    text = "استمرت الحملة 3 أسابيع من 24 نوفمبر إلى 4 ديسمبر 2024."
    (finding,) = _findings(text, [_RANGE])
    assert finding.kind == "duration_mismatch"


def test_duration_and_range_in_different_sentences_are_not_compared() -> None:
    text = "استمرت الحملة 6 أيام. وامتدت المفاوضات من 24 نوفمبر إلى 4 ديسمبر 2024."
    assert _findings(text, [("6 أيام", "duration", "P6D"), _RANGE]) == []


def test_total_less_than_parts() -> None:
    (finding,) = _findings("قتل 50 شخصا، بينهم 30 طفلا و25 امرأة.")
    assert finding.kind == "total_less_than_parts"
    assert [s.text for s in finding.spans] == ["50 شخصا", "30 طفلا", "25 امرأة"]


def test_parts_within_total_or_without_cue_are_fine() -> None:
    assert _findings("قتل 50 شخصا، بينهم 20 طفلا و25 امرأة.") == []
    assert _findings("قتل 50 شخصا في حلب و30 طفلا و25 امرأة في إدلب.") == []
    assert _findings("قتل أكثر من 50 شخصا، بينهم 30 طفلا و25 امرأة.") == []


def test_headline_and_body_conflict() -> None:
    text = "مقتل 20 شخصا في انفجار ببغداد\nأعلنت الشرطة مقتل 25 شخصا في انفجار سيارة مفخخة ببغداد."
    (finding,) = _findings(text)
    assert finding.kind == "conflicting_values"
    assert [s.text for s in finding.spans] == ["20 شخصا", "25 شخصا"]


def test_headline_and_body_agree_or_count_other_things() -> None:
    assert _findings("مقتل 20 شخصا في انفجار ببغداد\nأعلنت الشرطة مقتل 20 شخصا في انفجار.") == []
    text = "الأمم المتحدة: 224 ألف مهاجر وصلوا إلى أوروبا\nوأحصت المفوضية 98 ألف مهاجر في إيطاليا."
    assert _findings(text) == []


def test_english_total_and_parts() -> None:
    (finding,) = _findings("In all 50 people were killed, including 30 children and 25 women.")
    assert finding.kind == "total_less_than_parts"
    assert _findings("At least 50 people were killed, including 30 children and 25 women.") == []
