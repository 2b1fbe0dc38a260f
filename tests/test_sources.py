"""Sources: one entry per distinct source, its most explicit mention, and its kind."""

from __future__ import annotations

import pytest

from isnad.extract.attribution import source_kind
from isnad.model import Analysis, Document
from isnad.pipeline import Pipeline
from offsets import offset_errors

PIPELINE = Pipeline(stages=["quotes", "sources"])


def run(text: str, lang: str | None = None) -> Analysis:
    analysis = PIPELINE(Document(id="t", text=text, lang=lang))
    assert offset_errors(analysis, text) == []
    return analysis


def sources(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    return [(s.text, s.kind) for s in run(text, lang).sources]


def test_one_entry_per_source_with_its_fullest_mention():
    text = "وقال سعيد بوميدوحة إن الحصيلة مذهلة. وأضاف بوميدوحة أن العدد سيرتفع. وقال بوميدوحة إن الوضع خطير."
    assert sources(text) == [("سعيد بوميدوحة", "person")]


def test_short_and_long_names_of_an_organisation_merge():
    text = ("وقال المرصد السوري لحقوق الانسان إن الاشتباكات مستمرة. "
            "ويقول المرصد إن المفاوضات متعثرة.")
    assert sources(text) == [("المرصد السوري لحقوق الانسان", "organization")]


def test_outlet_in_the_chain_is_a_media_source():
    text = "ونقلت وكالة رويترز عن مسؤول طلب عدم الكشف عن هويته قوله إن الهجوم أوقع قتلى."
    assert sorted(sources(text)) == [("مسؤول طلب عدم الكشف عن هويته", "anonymous"), ("وكالة رويترز", "media")]


def test_outlet_cited_after_a_quote_is_a_source_but_not_a_new_quote():
    text = 'وذكر المتحدث باسم الوكالة أن التمويل تراجع بشدة، وفق "فرانس برس".'
    analysis = run(text)
    assert len(analysis.quotes) == 1
    assert ('"فرانس برس"', "media") in [(s.text, s.kind) for s in analysis.sources]
    assert [link.kind for link in analysis.quotes[0].chain][-2:] == ["media", "writer"]


def test_document_and_anonymous_and_state_sources():
    text = ("وأشار التقرير إلى أن الإنتاج تراجع. وأفادت مصادر أمنية بأن الهجوم وقع ليلا. "
            "وقالت السعودية إنها ستقدم مساعدات.")
    assert sources(text) == [("التقرير", "document"), ("مصادر أمنية", "anonymous"), ("السعودية", "organization")]


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("وزير الداخلية", "person"),
        ("وزير سوري", "anonymous"),
        ("متحدث باسم القوة", "anonymous"),
        ("وكالة الأنباء السورية الرسمية (سانا)", "media"),
        ("صحيفة «شرق»", "media"),
        ("تقارير", "media"),
        ("بيان أصدره المجلس", "document"),
        ("وزارة الصحة", "organization"),
        ("الرئيس التركي، رجب طيب أردوغان", "person"),
        ("the health ministry", "organization"),
        ("Anna Brown, an economist", "person"),
        ("officials", "anonymous"),
        ("الطبيب عمر الشامي، مدير مستشفى المدينة", "person"),
        ("مركز اعلام الغوطة التابع للمعارضة", "media"),
        ("آخر الأرقام الصادرة عن وزارة الصحة", "document"),
        ("تقرير صادر عن منظمة الصحة العالمية", "document"),
        ("The Associated Press", "media"),
        ("the rebels", "organization"),
    ],
)
def test_source_kind(surface, kind):
    assert source_kind(surface) == kind


def test_english_according_to_media():
    text = "Two soldiers were killed in the attack, according to Reuters."
    assert sources(text, lang="en") == [("Reuters", "media")]


def test_no_source_without_attribution():
    assert run("ارتفعت أسعار النفط بنسبة 3 في المئة خلال تعاملات اليوم.").sources == []


def test_short_form_of_a_person_is_the_same_source():
    text = ("وأكد وزير الزراعة، كريم المصري، أن المحصول تراجع. وتابع المصري أن الأسعار سترتفع. "
            "وقال الطبيب سامي حداد، مدير مستشفى المدينة، إن الحالات تزايدت.")
    assert sources(text) == [("وزير الزراعة، كريم المصري", "person"), ("الطبيب سامي حداد، مدير مستشفى المدينة", "person")]


def test_acronym_and_own_reporter_are_the_outlet():
    text = ("وذكرت وكالة الأنباء الليبية الرسمية (لانا) أن الاشتباكات توقفت. "
            "ونقلت لانا عن مراسلها قوله إن الهدوء يسود المدينة.")
    assert sources(text) == [("وكالة الأنباء الليبية الرسمية (لانا)", "media")]


def test_coordinated_quoted_names_are_one_subject():
    text = 'وكان الحزبان - "حزب النور" و"حزب الوفد" قد نفيا أن يكون الاتفاق قد وقع.'
    assert sources(text) == [('الحزبان - "حزب النور" و"حزب الوفد"', "organization")]
