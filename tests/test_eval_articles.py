"""The article scorer, on gold and system items built by hand."""

from __future__ import annotations

from isnad.core.doc import content_hash
from isnad.evaluation.articles import Report, fold, score_article, token_f1
from isnad.model import Analysis, DocumentInfo, Entity, Quantity, Quote, Source, Speaker, Time

TEXT = "قال الوزير أحمد إن 3 آلاف شخص نزحوا يوم 5 ديسمبر 2024، بحسب مصادر مطلعة."


def _span(surface: str) -> dict:
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface}


def _analysis(**lists) -> Analysis:
    return Analysis(id="t", document=DocumentInfo(id="t", lang="ar", published=None, title=None, chars=len(TEXT), content_hash=content_hash(TEXT)), **lists)


GOLD = {
    "id": "t",
    "text": TEXT,
    "quotes": [{"content": "3 آلاف شخص نزحوا يوم 5 ديسمبر 2024", "speaker": "الوزير أحمد",
                "speaker_aliases": ["Ahmad"], "cue": "قال", "kind": "indirect"}],
    "quantities": [{"surface": "3 آلاف شخص", "value": 3000, "low": None, "high": None, "approx": False, "unit": "person"}],
    "times": [{"surface": "5 ديسمبر 2024", "value": "2024-12-05", "type": "date"}],
    "entities": [{"surface": "أحمد", "type": "PER"}],
    "sources": [{"surface": "مصادر مطلعة", "kind": "anonymous"}],
}


def test_fold_and_token_f1() -> None:
    assert fold("«أحمدُ»  قال") == "احمد قال"
    assert token_f1("a b c d", "a b") == 2 * (0.5 * 1.0) / 1.5
    assert token_f1("", "a") == 0.0


def test_perfect_output_scores_one() -> None:
    analysis = _analysis(
        quotes=[Quote(**_span("3 آلاف شخص نزحوا يوم 5 ديسمبر 2024"), kind="indirect",
                      speaker=Speaker(**_span("الوزير أحمد")))],
        quantities=[Quantity(**_span("3 آلاف شخص"), value=3000, unit="person")],
        times=[Time(**_span("5 ديسمبر 2024"), type="date", value="2024-12-05")],
        entities=[Entity(**_span("أحمد"), label="PER")],
        sources=[Source(**_span("مصادر مطلعة"), kind="anonymous")],
    )
    report = Report()
    score_article(GOLD, analysis, report)
    for name, score in report.scores.items():
        assert score.f1 == 1.0, name
    assert report.accuracy("quantity-unit").value == 1.0
    assert not report.errors


def test_wrong_values_speakers_and_spurious_items_count() -> None:
    analysis = _analysis(
        quotes=[Quote(**_span("3 آلاف شخص نزحوا"), kind="indirect", speaker=Speaker(**_span("مصادر مطلعة")))],
        quantities=[Quantity(**_span("3 آلاف"), value=3, unit="person"), Quantity(**_span("5"), value=5)],
        times=[Time(**_span("5 ديسمبر 2024"), type="date", value="2024-12")],
        entities=[Entity(**_span("أحمد"), label="ORG")],
    )
    report = Report()
    score_article(GOLD, analysis, report)
    s = report.scores
    assert s["quotes"].tp == 1 and s["quotes+speaker"].tp == 0
    assert s["quantities"].tp == 1 and s["quantities"].system == 2 and s["quantities-value"].tp == 0
    assert s["times"].tp == 1 and s["times-value"].tp == 0
    assert s["entities"].tp == 1 and s["entities+label"].tp == 0
    assert s["sources"].gold == 1 and s["sources"].tp == 0
    kinds = {(e["kind"], e["error"]) for e in report.errors}
    assert ("quotes", "wrong speaker") in kinds and ("quantities", "spurious") in kinds
    assert ("times", "wrong value") in kinds and ("sources", "missed") in kinds


def test_vague_gold_value_accepts_bound_or_approx() -> None:
    gold = dict(GOLD, quotes=[], times=[], entities=[], sources=[],
                quantities=[{"surface": "3 آلاف شخص", "value": None, "low": 2000, "high": 9999, "approx": True, "unit": "person"}])
    report = Report()
    score_article(gold, _analysis(quantities=[Quantity(**_span("3 آلاف شخص"), low=2000, unit="person")]), report)
    assert report.scores["quantities-value"].tp == 1
