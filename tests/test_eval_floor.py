"""End-to-end quality floors with the real scorer, so a regression in any stage fails the suite.

The floors sit well below the measured scores (README and the closing notes give those): they catch
breakage (a stage that stops finding quotes, a unit lexicon that fails to load), not small drifts.
The check articles in tests/fixtures/heldout were written and annotated for isnad by someone who had
not seen the extractors; the dev articles come from ../shared/data and are skipped when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isnad.core.pipeline import Pipeline
from isnad.evaluation.articles import evaluate

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"

CHECK_FLOORS = {"quotes": 0.85, "quotes+speaker": 0.80, "quantities-value": 0.85, "times-value": 0.85,
                "sources": 0.65, "entities+label": 0.60}
DEV_FLOORS = {"quotes": 0.90, "quotes+speaker": 0.88, "quantities-value": 0.95, "times-value": 0.95,
              "sources": 0.90, "entities+label": 0.85}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _check(report, floors: dict[str, float]) -> None:
    low = {name: round(report.scores[name].f1, 3) for name, floor in floors.items() if report.scores[name].f1 < floor}
    assert not low, f"F1 below floor: {low}"


def test_check_articles_floor(pipeline: Pipeline) -> None:
    _check(evaluate(HELDOUT, pipeline), CHECK_FLOORS)


def test_dev_articles_floor(pipeline: Pipeline, shared_data: Path) -> None:
    _check(evaluate(shared_data / "articles-dev", pipeline), DEV_FLOORS)
