"""The ``entities`` stage: spans without proclitics or quote marks, short forms, linking, English."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from isnad.extract.entities import Mention, _join_short_forms, _merge_adjacent_people, clitic_length
from isnad.model import Analysis, Document, Entity
from isnad.ner.tagger import TokenSpan, default_tagger
from isnad.pipeline import Pipeline
from offsets import offset_errors


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=["entities"])


def _run(pipeline: Pipeline, text: str, lang: str = "ar", published: dt.date | None = None) -> Analysis:
    analysis = pipeline(Document(id="t", text=text, lang=lang, published=published))
    assert offset_errors(analysis, text) == []
    return analysis


def _surfaces(entities: list[Entity]) -> dict[str, str]:
    return {e.text: e.label for e in entities}


def test_clitic_length_keeps_real_initial_letters() -> None:
    gaz = default_tagger().gazetteer
    assert clitic_length("والعراق", gaz) == 1
    assert clitic_length("لسوريا", gaz) == 1
    assert clitic_length("وبغداد", gaz) == 1
    assert clitic_length("وزارة", gaz) == 0
    assert clitic_length("لبنان", gaz) == 0
    assert clitic_length("بغداد", gaz) == 0
    assert clitic_length("وبوميدوحة", gaz, {"بوميدوحه"}) == 1


def test_spans_exclude_proclitics(pipeline: Pipeline) -> None:
    text = ("التقى وزير الخارجية الروسي سيرغي لافروف بالرئيس السوري وبشار الأسد في دمشق، "
            "وبحثا الأوضاع في لبنان والعراق وسوريا. وأعلنت وزارة الخارجية الأمريكية دعمها لسوريا.")
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("بشار الأسد") == "PER"
    assert found.get("العراق") == "LOC" and "والعراق" not in found
    assert found.get("سوريا") == "LOC" and "لسوريا" not in found and "وسوريا" not in found
    assert found.get("لبنان") == "LOC"
    assert found.get("دمشق") == "LOC"
    assert any(t.startswith("وزارة الخارجية") and lab == "ORG" for t, lab in found.items())
    # nationality adjectives are not entities
    assert "الروسي" not in found and "السوري" not in found


def test_quote_marks_are_excluded(pipeline: Pipeline) -> None:
    text = "قالت وكالة «رويترز» إن صحيفة \"الأهرام\" نشرت تقريرا عن «منظمة الصحة العالمية» في القاهرة."
    entities = _run(pipeline, text).entities
    assert all(not any(q in e.text for q in "«»\"") for e in entities)
    found = _surfaces(entities)
    assert found.get("رويترز") == "ORG"
    assert found.get("منظمة الصحة العالمية") == "ORG"


def test_short_forms_join_their_long_form(pipeline: Pipeline) -> None:
    text = ("قال الصحفي جمال خاشقجي إنه سيعود إلى اسطنبول. وأضاف خاشقجي أن الوضع صعب. "
            "وكان خاشقجي قد غادر الرياض.")
    entities = _run(pipeline, text, published=dt.date(2018, 10, 7)).entities
    people = [e for e in entities if "خاشقجي" in e.text]
    assert {e.text for e in people} == {"جمال خاشقجي", "خاشقجي"}
    assert all(e.label == "PER" for e in people)
    assert len({(e.entity, e.name) for e in people}) == 1


def test_join_relabels_a_short_form_and_adds_missed_ones() -> None:
    text = "قال سعيد بوميدوحة إن الوضع سيئ. وأكد بوميدوحة ذلك. ثم كرر بوميدوحة."
    ctx = SimpleNamespace(text=text)
    long = (text.index("سعيد"), text.index("سعيد") + len("سعيد بوميدوحة"))
    first_short = text.index("بوميدوحة", long[1])
    mentions = [Mention(*long, "PER"), Mention(first_short, first_short + len("بوميدوحة"), "LOC")]
    out, joins = _join_short_forms(ctx, mentions)  # type: ignore[arg-type]
    shorts = [m for m in out if text[m.start:m.end] == "بوميدوحة"]
    assert len(shorts) == 2 and all(m.label == "PER" for m in shorts)
    assert all(joins[(m.start, m.end)] == long for m in shorts)


def test_unknown_names_are_not_linked(pipeline: Pipeline) -> None:
    text = "قال المزارع زكريا قنطوري من قرية صغيرة إن المحصول تراجع."
    for e in _run(pipeline, text).entities:
        if "قنطوري" in e.text:
            assert e.entity is None and e.name is None


def test_english_entities(pipeline: Pipeline) -> None:
    text = ("The Ministry of Health said on Monday that 500 people died in Idlib. "
            "Spokesman Jens Laerke told Reuters that the Norwegian Refugee Council had left Aleppo.")
    found = _surfaces(_run(pipeline, text, lang="en").entities)
    assert found.get("Ministry of Health") == "ORG"
    assert found.get("Idlib") == "LOC"
    assert found.get("Jens Laerke") == "PER"
    assert found.get("Reuters") == "ORG"
    assert found.get("Norwegian Refugee Council") == "ORG"
    assert "The" not in found and "Spokesman" not in found and "Norwegian" not in found


def test_adjacent_person_pieces_form_one_name() -> None:
    spans = [TokenSpan(1, 1, "PER"), TokenSpan(2, 4, "PER"), TokenSpan(6, 6, "PER"), TokenSpan(7, 7, "LOC")]
    merged = _merge_adjacent_people(spans)
    assert [(s.first, s.last, s.label) for s in merged] == [(1, 4, "PER"), (6, 6, "PER"), (7, 7, "LOC")]
