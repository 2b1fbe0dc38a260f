"""The ``entities`` stage: spans without proclitics or quote marks, short forms, linking, English."""

from __future__ import annotations

import datetime as dt

import pytest

from isnad.components.entities import (
    Mention,
    _consistent_labels,
    _definite,
    _join_short_forms,
    _merge_adjacent_people,
    clitic_length,
)
from isnad.core.doc import Doc
from isnad.core.pipeline import Pipeline
from isnad.model import Analysis, Document, Entity
from isnad.ner.tagger import TokenSpan, default_tagger
from offsets import offset_errors


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=["times", "entities"])


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
    ctx = Doc(Document(id="t", text=text, lang="ar"))
    long = (text.index("سعيد"), text.index("سعيد") + len("سعيد بوميدوحة"))
    first_short = text.index("بوميدوحة", long[1])
    mentions = [Mention(*long, "PER"), Mention(first_short, first_short + len("بوميدوحة"), "LOC")]
    out, joins = _join_short_forms(ctx, mentions)
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


# -- proclitics never eat real initial letters -----------------------------------------------------

def test_clitic_length_needs_a_known_rest_and_an_unknown_whole() -> None:
    gaz = default_tagger().gazetteer
    assert clitic_length("ولاية", gaz) == 0  # a head noun: not و + لاية, nor و + ل + اية
    assert clitic_length("وكالة", gaz) == 0
    assert clitic_length("فاس", gaz) == 0  # a known city: ف + «اس» would leave two letters
    assert clitic_length("وهران", gaz) == 0  # Oran starts with و
    assert clitic_length("ببغداد", gaz) == 1
    assert clitic_length("وبالعراق", gaz) == 2  # one letter at a time: و, then ب
    assert clitic_length("وزنكلوتي", gaz) == 0  # unknown rest: nothing is stripped
    assert clitic_length("وصلاح", gaz, tail="الدين") == 1  # the rest of a multi-word span is known


def test_article_needs_a_word_after_it() -> None:
    assert _definite("الخرطوم") and _definite("والأعمال") and _definite("للأنباء")
    assert not _definite("إلى") and not _definite("وكالة")


@pytest.mark.parametrize(("text", "surface", "label"), [
    ("وصلت المساعدات إلى ولاية كسلا شرق السودان.", "ولاية كسلا", "LOC"),
    ("فاس - قال المسؤول إن الأمطار كانت غزيرة.", "فاس", "LOC"),
    ("وزار الوفد وهران ثم عاد إلى الجزائر.", "وهران", "LOC"),
    ("وسجل ارتفاع في منسوب المياه قرب الخرطوم وأم درمان.", "أم درمان", "LOC"),
])
def test_initial_letters_survive(pipeline: Pipeline, text: str, surface: str, label: str) -> None:
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get(surface) == label, found
    assert not any(len(t) < 3 for t in found), found


# -- long organisation and place names -------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface"), [
    ("وقالت وكالة السودان للأنباء إن الوفد وصل.", "وكالة السودان للأنباء"),
    ("وقدم مركز الملك سلمان للإغاثة والأعمال الإنسانية مساعدات إلى اليمن.",
     "مركز الملك سلمان للإغاثة والأعمال الإنسانية"),
    ("وتوقعت المديرية العامة للأرصاد الجوية أمطارا غزيرة.", "المديرية العامة للأرصاد الجوية"),
    ("وقال المرصد الوطني للفلاحة إن الإنتاج تراجع.", "المرصد الوطني للفلاحة"),
    ("وطالبت جمعية منتجي الحوامض بدعم الفلاحين.", "جمعية منتجي الحوامض"),
    ("وأعلنت وكالة الحوض المائي لسبو عن ارتفاع المنسوب.", "وكالة الحوض المائي لسبو"),
    ("وقال المكتب الإعلامي لرئاسة مجلس الوزراء إن الاجتماع انتهى.", "المكتب الإعلامي لرئاسة مجلس الوزراء"),
    ("وقرر مصرف لبنان رفع الفائدة.", "مصرف لبنان"),
    ("وأعلنت هيئة الأرصاد والحماية البيئية تحذيرا.", "هيئة الأرصاد والحماية البيئية"),
])
def test_long_organisation_names(pipeline: Pipeline, text: str, surface: str) -> None:
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get(surface) == "ORG", found
    assert not any(surface in t and t != surface for t in found), found  # it ends where the name ends


def test_org_chain_stops_at_a_second_entity_and_at_verbs(pipeline: Pipeline) -> None:
    text = ("واجتمعت اللجنة مع ممثلي منظمة الصحة العالمية والصليب الأحمر. "
            "وقالت الشركة تجبي الرسوم. وأكد البنك أن الأرباح ارتفعت.")
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("منظمة الصحة العالمية") == "ORG" and found.get("الصليب الأحمر") == "ORG"
    assert not any(t.startswith(("منظمة الصحة العالمية و", "الشركة", "البنك")) for t in found), found


@pytest.mark.parametrize(("text", "surface", "label"), [
    ("وقالت شرطة تورنتو إن المشتبه به اعتقل.", "شرطة تورنتو", "ORG"),  # a name no lexicon knows after its head
    ("ويدرس بكلية سينيكا منذ عامين.", "كلية سينيكا", "ORG"),  # the clitic before a head noun stays out
    ("وقال متحدث باسم مؤسسة كهرباء لبنان إن التقنين مستمر.", "مؤسسة كهرباء لبنان", "ORG"),
    ("ومرت المسيرة في جادة بنسلفانيا وسط المدينة.", "جادة بنسلفانيا", "LOC"),
    ("وأغلق جسر وستمنستر بعد الهجوم.", "جسر وستمنستر", "LOC"),
])
def test_a_head_noun_names_an_institution_or_a_place_with_an_unknown_word(pipeline: Pipeline, text: str,
                                                                          surface: str, label: str) -> None:
    assert _surfaces(_run(pipeline, text).entities).get(surface) == label


def test_a_region_takes_its_compass_point_and_a_country_does_not(pipeline: Pipeline) -> None:
    text = "وتمتد المناورات إلى أوروبا الشرقية وشرق أفريقيا، وقصفت الطائرات شرق سوريا."
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("أوروبا الشرقية") == "LOC" and found.get("شرق أفريقيا") == "LOC", found
    assert found.get("سوريا") == "LOC" and "شرق سوريا" not in found, found


def test_a_short_form_in_brackets_after_a_name_is_that_name_wherever_it_stands(pipeline: Pipeline) -> None:
    text = "وقال التحالف العالمي للقاحات والتحصين (غافي) إن الحملة نجحت. وأضاف غافي أن الجرعات وصلت إلى غزة (جنوب)."
    found = _run(pipeline, text).entities
    assert [(e.text, e.label) for e in found if e.text == "غافي"] == [("غافي", "ORG")] * 2
    assert all(e.text != "جنوب" for e in found)  # a direction in brackets names nothing


def test_a_compound_given_name_a_national_team_and_a_sea(pipeline: Pipeline) -> None:
    text = "وقال رئيس الاتحاد خير الدين زطشي إن المنتخب الجزائري سيواجه المنتخب الوطني القطري قرب بحر مرمرة."
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("خير الدين زطشي") == "PER", found
    assert found.get("المنتخب الجزائري") == "ORG" and found.get("المنتخب الوطني القطري") == "ORG", found
    assert found.get("بحر مرمرة") == "LOC", found
    assert "المنتخب الأول" not in _surfaces(_run(pipeline, "وشارك المنتخب الأول في البطولة.").entities)


def test_forces_are_named_by_a_countrys_adjective_and_authorities_are_not(pipeline: Pipeline) -> None:
    text = ("وقصفت القوات التركية مواقع في الشمال، وشاركت القوات الجوية السعودية في المناورات، "
            "وانتشرت القوات الأمنية في الشوارع، وقالت السلطات الإيطالية إن الميناء مغلق.")
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("القوات التركية") == "ORG" and found.get("القوات الجوية السعودية") == "ORG", found
    assert not any(t.startswith(("القوات الأمنية", "السلطات")) for t in found), found


@pytest.mark.parametrize("text", [
    "وتعاقدت شركة متعاقدة مع الحكومة.",  # an Arabic adjective, plural or possessed noun names nothing
    "وأعلنت شركة قطارات عن تأخير الرحلات.",
    "وأطلقت الحكومة برنامج توسعها الجديد.",
    "وتعمل مدرسة للطلاب في الحي.",
    "ورست السفينة عند رصيف الميناء.",
    "وأعلنت فرقة إرهابية النار على الحشد.",
    "وتضرر 20 مستشفى و16 مؤسسة صحية.",
])
def test_a_head_noun_before_a_common_word_names_nothing(pipeline: Pipeline, text: str) -> None:
    assert _run(pipeline, text).entities == []


@pytest.mark.parametrize(("text", "surface"), [
    ("ويتعرض البرلمان العراقي لضغوط للموافقة على الموازنة.", "البرلمان العراقي"),  # a prepositional phrase
    ("وقدم صندوق النقد الدولي للمالية العامة توصيات جديدة.", "صندوق النقد الدولي"),  # a complete known name
    ("وافتتحت المؤسسة العامة لتحلية المياه محطة جديدة.", "المؤسسة العامة لتحلية المياه"),
    ("وأشاد الاتحاد الدولي لكرة القدم بالتنظيم.", "الاتحاد الدولي لكرة القدم"),
])
def test_an_organisation_name_ends_before_a_phrase_that_is_not_its_own(pipeline: Pipeline, text: str,
                                                                        surface: str) -> None:
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get(surface) == "ORG", found
    assert not any(surface in t and t != surface for t in found), found


@pytest.mark.parametrize(("text", "surface"), [
    ("وطالب الفلاحون بدعم الزراعة في سهل سايس.", "سهل سايس"),
    ("وهبطت الطائرة في مطار الملك خالد الدولي بالرياض.", "مطار الملك خالد الدولي"),
    ("ووصلت السفينة إلى ميناء جدة الإسلامي أمس.", "ميناء جدة الإسلامي"),
    ("وارتفع منسوب نهر سبو بعد الأمطار.", "نهر سبو"),
])
def test_place_heads_make_places_not_people(pipeline: Pipeline, text: str, surface: str) -> None:
    entities = _run(pipeline, text).entities
    found = _surfaces(entities)
    assert found.get(surface) == "LOC", found
    assert not any(e.label == "PER" for e in entities), found


# -- pieces of a longer name -------------------------------------------------------------------------

def test_pieces_of_a_longer_name_are_not_separate_entities(pipeline: Pipeline) -> None:
    text = ("وقدم مركز الملك سلمان للإغاثة والأعمال الإنسانية مساعدات. "
            "ويضم البنك الدولي مشاريع في منطقة الشرق الأوسط وشمال أفريقيا. "
            "وقال المرصد الوطني للفلاحة إن الإنتاج تراجع.")
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("مركز الملك سلمان للإغاثة والأعمال الإنسانية") == "ORG"
    for piece in ("سلمان", "الملك سلمان", "الشرق الأوسط", "شمال أفريقيا", "المرصد"):
        assert piece not in found, found
    assert any("الشرق الأوسط وشمال أفريقيا" in t and lab == "LOC" for t, lab in found.items()), found


def test_nested_entities_in_their_own_right_are_kept(pipeline: Pipeline) -> None:
    text = "وقالت وكالة السودان للأنباء إن مصرف لبنان رفع الفائدة. وزار الوفد الشرق الأوسط."
    entities = _run(pipeline, text).entities
    found = _surfaces(entities)
    assert found.get("وكالة السودان للأنباء") == "ORG" and found.get("مصرف لبنان") == "ORG"
    assert found.get("السودان") == "LOC" and found.get("لبنان") == "LOC"  # a country inside an org name
    assert found.get("الشرق الأوسط") == "LOC"  # standing alone


def test_kb_match_keeps_its_record_after_title_trim(pipeline: Pipeline) -> None:
    text = "وبحث الملك سلمان مع ولي العهد محمد بن سلمان الأوضاع."
    by_text = {e.text: e for e in _run(pipeline, text, published=dt.date(2018, 1, 1)).entities}
    assert by_text["محمد بن سلمان"].entity == "per:mohammed-bin-salman"
    assert "سلمان" not in by_text or by_text["سلمان"].entity != "per:mohammed-bin-salman"


def test_place_head_does_not_take_a_clitic_phrase(pipeline: Pipeline) -> None:
    text = "وقتل جنديان في هجوم على كمين بمصر أمس، وقصفت الطائرات محافظة صلاح الدين وصلاح الدين كلها."
    found = _surfaces(_run(pipeline, text).entities)
    assert "كمين بمصر" not in found and found.get("مصر") == "LOC", found
    assert "وصلاح الدين" not in found and found.get("صلاح الدين") == "LOC", found


def test_a_first_name_is_not_trimmed_for_a_clitic_reading(pipeline: Pipeline) -> None:
    # «ليلى» read as ل + «يلي» ("follows") is a common word; as written it is a given name
    text = "قالت منسقة الشؤون الإنسانية في مكتب الأمم المتحدة بدمشق، ليلى حداد، إن الفيضانات شردت الآلاف."
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert surfaces.get("ليلى حداد") == "PER"
    assert "حداد" not in surfaces


def test_an_indefinite_description_is_not_an_organisation(pipeline: Pipeline) -> None:
    # «منظمة إغاثة دولية» is "an international relief organisation": noun + indefinite adjective
    text = "نفى مسؤول في منظمة إغاثة دولية ما ورد في التقرير، فيما رحبت منظمة العفو الدولية بالقرار."
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert "إغاثة" not in surfaces and "منظمة إغاثة دولية" not in surfaces
    assert surfaces.get("منظمة العفو الدولية") == "ORG"


def test_names_listed_after_commas_lose_their_conjunction(pipeline: Pipeline) -> None:
    # every item of an Arabic list takes و; a first name that starts with و (وليد) keeps it
    text = ("تقدم البرنامج خمس مذيعات هن ووبي غولدبرغ، وجوي بيهار، وصني هوستن. "
            "وقال لجو بايدن إن الوفد ضم أحمد، وليد الحلبي.")
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert surfaces.get("صني هوستن") == "PER", surfaces
    assert not any(s.startswith(("وجوي", "وصني")) for s in surfaces), surfaces
    assert surfaces.get("جو بايدن") == "PER" and "لجو بايدن" not in surfaces
    assert "ليد الحلبي" not in surfaces


def test_two_people_joined_by_and_are_two_mentions(pipeline: Pipeline) -> None:
    text = "وجرت المناظرة بين نائبة الرئيس كامالا هاريس ودونالد ترامب، وحضرها محمد وليد الحلبي."
    entities = _run(pipeline, text, published=dt.date(2024, 9, 10)).entities
    people = {e.text: e.entity for e in entities if e.label == "PER"}
    assert people.get("كامالا هاريس") == "per:kamala-harris", people
    assert people.get("دونالد ترامب") == "per:donald-trump", people
    assert "كامالا هاريس ودونالد ترامب" not in people
    assert "محمد وليد الحلبي" in people  # a name with a و-initial word is not two people


def test_a_family_name_alone_does_not_link_another_man(pipeline: Pipeline) -> None:
    # «علوش» alone is Zahran Alloush in the KB; «مازن علوش» is somebody else
    text = "وقال مدير المكتب الإعلامي في المعبر مازن علوش إن المعبر سيغلق."
    entities = _run(pipeline, text, published=dt.date(2024, 3, 1)).entities
    found = {e.text: e.entity for e in entities}
    assert "مازن علوش" in found and found["مازن علوش"] is None, found


def test_month_names_and_common_words_are_not_places() -> None:
    # «آب» (August) folds to the letters of the Yemeni city «إب»; «العديد من» is "many of"
    text = "وصل العديد من النازحين في 23 أغسطس/آب إلى مدينة إب، وقال أب لثلاثة أطفال إنه رأب الصدع."
    pipeline = Pipeline(stages=["times", "entities"])
    entities = _run(pipeline, text, published=dt.date(2024, 10, 1)).entities
    found = {e.text: e.entity for e in entities}
    assert "آب" not in found and "العديد" not in found and "أب" not in found, found
    assert found.get("إب") == "loc:ibb", found  # «مدينة» describes it (no region «إب» in the text)
    assert all(e.entity != "per:dominic-raab" for e in entities), found


def test_a_name_that_is_a_common_noun_before_an_adjective(pipeline: Pipeline) -> None:
    text = "تعرضت القاعدة الجوية الروسية لهجوم تبناه تنظيم القاعدة، وإن القاعدة أعلنت مسؤوليتها."
    entities = _run(pipeline, text).entities
    assert [(e.text, e.start) for e in entities if e.entity == "org:al-qaeda"] == [
        ("القاعدة", text.index("القاعدة،")), ("القاعدة", text.index("القاعدة أعلنت"))]


def test_an_organisation_head_alone_is_no_name(pipeline: Pipeline) -> None:
    text = 'استبعدت الهيئة حزب "النصر" التركي من الانتخابات، بينما شاركت حركة حماس.'
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert "حزب" not in surfaces and surfaces.get("النصر") == "ORG", surfaces
    assert surfaces.get("حركة حماس") == "ORG"


def test_ali_is_a_name_where_the_text_writes_alif_maqsura(pipeline: Pipeline) -> None:
    # keys fold ى into ي: «علي» (Ali) and «على» (on) share one; this text writes «على» with ى
    text = "وأبلغ القضاء محمد علي عبر جلسة فيديو، وقال علي عبد الله صالح إن الهجوم على المدينة فشل."
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert surfaces.get("محمد علي") == "PER" and surfaces.get("علي عبد الله صالح") == "PER", surfaces


# -- span mechanisms that generalise (sentences written for these tests) -------------------------

@pytest.mark.parametrize(("text", "name", "not_in_name"), [
    ("وأعلنت الشرطة مقتل المدعو خالد الزعبي في المداهمة.", "خالد الزعبي", "المدعو"),
    ("وقتل في الغارة القيادي سامر الحلبي المكنى أبو علي الشامي.", "سامر الحلبي", "المكنى"),
])
def test_a_name_boundary_word_is_not_part_of_the_name(pipeline: Pipeline, text: str, name: str,
                                                      not_in_name: str) -> None:
    people = [e.text for e in _run(pipeline, text).entities if e.label == "PER"]
    assert name in people, people
    assert not any(not_in_name in p for p in people)


def test_an_organisation_name_stops_where_agreement_breaks(pipeline: Pipeline) -> None:
    text = "وأكدت وزارة الخارجية الأمريكية التمويل السعودي للمشروع في بيان أمس."
    orgs = [e.text for e in _run(pipeline, text).entities if e.label == "ORG"]
    assert "وزارة الخارجية الأمريكية" in orgs and not any("التمويل" in o for o in orgs)
    text = "وقالت المؤسسة السورية العامة لتجارة الحبوب إن المخزون كاف."
    orgs = [e.text for e in _run(pipeline, text).entities if e.label == "ORG"]
    assert "المؤسسة السورية العامة لتجارة الحبوب" in orgs, orgs


def test_a_span_ends_before_a_complementizer(pipeline: Pipeline) -> None:
    text = "وذكرت منظمة العفو الدولية أن الاعتقالات طالت عشرات الناشطين."
    for e in _run(pipeline, text).entities:
        assert "أن" not in e.text.split(), e.text


def test_a_government_of_a_named_state_is_an_organisation(pipeline: Pipeline) -> None:
    text = "ورفضت حكومة جيبوتي القرار الذي أصدرته المحكمة."
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("حكومة جيبوتي") == "ORG" and found.get("جيبوتي") == "LOC"
    assert "الحكومة" not in _surfaces(_run(pipeline, "وقالت الحكومة إنها ستدرس الأمر.").entities)


def test_groups_descriptions_and_bare_place_nouns_are_not_entities(pipeline: Pipeline) -> None:
    text = ("واتهم الأكراد والشيعة الحكومة بالتمييز. ووصل الوفد إلى العاصمة الروسية أمس، "
            "ثم زار بلدات في الريف.")
    found = _surfaces(_run(pipeline, text).entities)
    assert not {"الأكراد", "الشيعة", "العاصمة الروسية", "بلدات"} & set(found), found


def test_two_given_names_joined_by_and_are_two_people() -> None:
    from isnad.components.entities import _split_coordinated
    from isnad.core.doc import Doc

    text = "وترك الرجل طفلين هما يوسف ومريم."
    start = text.index("يوسف")
    doc = Doc(Document(id="t", text=text, lang="ar"))
    out = _split_coordinated(doc, [Mention(start, start + len("يوسف ومريم"), "PER")])
    assert sorted(text[m.start:m.end] for m in out) == ["مريم", "يوسف"]


def test_a_verbal_noun_after_a_name_is_no_family_name(pipeline: Pipeline) -> None:
    for text, name in [("وحاول أردوغان التخفيف من حدة الأزمة مع واشنطن.", "أردوغان"),
                       ("وقرر ترامب الانسحاب من الاتفاق النووي.", "ترامب")]:
        people = [e.text for e in _run(pipeline, text, published=dt.date(2018, 8, 1)).entities if e.label == "PER"]
        assert people == [name], people


def test_a_one_word_alias_that_is_a_common_word_needs_the_model_or_a_full_mention(pipeline: Pipeline) -> None:
    # «ينبع» is a Saudi city and the verb "springs from"; «المفوضية» a common noun and UNHCR's short name.
    found = _surfaces(_run(pipeline, "وقال إن الخلاف ينبع من سوء الفهم بين الطرفين.").entities)
    assert "ينبع" not in found, found
    text = ("وقالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن العدد ارتفع. "
            "وأضافت المفوضية أن المخيمات مكتظة.")
    assert _surfaces(_run(pipeline, text).entities).get("المفوضية") == "ORG"


def test_an_institution_with_a_nationality_is_an_organisation(pipeline: Pipeline) -> None:
    for text, name in [("وأصدرت الرئاسة التركية بيانا أمس.", "الرئاسة التركية"),
                       ("وقالت المخابرات المصرية إن الخلية فككت.", "المخابرات المصرية")]:
        assert _surfaces(_run(pipeline, text).entities).get(name) == "ORG"
    assert _surfaces(_run(pipeline, "وقالت الرئاسة إنها ستدرس الأمر.").entities) == {}


def test_a_hyphenated_name_is_one_person(pipeline: Pipeline) -> None:
    text = "وقالت الكاتبة ماري جونز-ويليامز إن الرواية ستصدر قريبا، وأضافت جونز-ويليامز أنها بدأت كتابتها قبل عامين."
    persons = [e.text for e in _run(pipeline, text).entities if e.label == "PER"]
    assert "ماري جونز-ويليامز" in persons
    assert not {"جونز", "ويليامز", "ماري جونز"} & set(persons)
    summit = "وتستضيف سنغافورة قمة ترامب-كيم يوم الثلاثاء المقبل."
    assert "ترامب-كيم" not in [e.text for e in _run(pipeline, summit, published=dt.date(2018, 6, 8)).entities]


def test_a_city_head_stays_only_where_a_region_shares_the_name(pipeline: Pipeline) -> None:
    text = "وقصفت الطائرات مدينة حمص ومدينة تدمر."
    assert _surfaces(_run(pipeline, text).entities) == {"حمص": "LOC", "تدمر": "LOC"}
    text = "وفي محافظة حمص وحدها نزح الآلاف، بينهم مئات من مدينة حمص."
    assert _surfaces(_run(pipeline, text).entities) == {"محافظة حمص": "LOC", "مدينة حمص": "LOC"}


def test_a_time_phrase_after_a_name_is_no_part_of_it(pipeline: Pipeline) -> None:
    text = "وصادق المجلس الوطني الاتحادي الأسبوع الماضي على الموازنة."
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert surfaces and not any("الأسبوع" in s for s in surfaces)


def test_an_agency_with_a_name_of_its_own_is_that_name(pipeline: Pipeline) -> None:
    text = "وأفادت وكالة رويترز للأنباء بأن الهدنة صامدة، فيما قالت الوكالة الوطنية للإعلام إن المعبر مغلق."
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert surfaces.get("رويترز") == "ORG" and "وكالة رويترز للأنباء" not in surfaces, surfaces
    assert surfaces.get("الوكالة الوطنية للإعلام") == "ORG", surfaces  # no name of its own: whole


def test_kaf_is_no_proclitic_before_a_bare_name(pipeline: Pipeline) -> None:
    text = "وقال المهاجر إليو كاندي إن الرحلة طالت. وأضاف كاندي أن الطعام نفد."
    surfaces = _surfaces(_run(pipeline, text).entities)
    assert "كاندي" in surfaces and "اندي" not in surfaces, surfaces


def test_a_name_an_outlet_or_agency_head_introduced_keeps_its_label_alone() -> None:
    text = "وخفضت وكالة فيتش للتصنيف تصنيف تركيا. وقالت فيتش إن المخاطر كبيرة. وقالت شرطة تورنتو إن تورنتو آمنة."
    doc = Doc(Document(id="t", text=text, lang="ar"))

    def at(surface: str, label: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return Mention(start, start + len(surface), label)

    mentions = [at("وكالة فيتش للتصنيف", "ORG"), at("فيتش", "PER", 1), at("شرطة تورنتو", "ORG"),
                at("تورنتو", "LOC", 1)]
    labels = {text[m.start:m.end]: m.label for m in _consistent_labels(doc, mentions)}
    assert labels["فيتش"] == "ORG"  # the recogniser's «person» gives way to the agency the article named
    assert labels["تورنتو"] == "LOC"  # the place of an institution stays a place


def test_a_place_inside_a_dative_name_is_still_found(pipeline: Pipeline) -> None:
    text = "وقتل عشرات في غارات للتحالف الدولي بقيادة الولايات المتحدة قرب الرقة."
    found = _surfaces(_run(pipeline, text).entities)
    assert found.get("الولايات المتحدة") == "LOC"
    assert not any(t.startswith("للتحالف") for t in found)


def test_a_service_with_its_state_and_a_parliament_with_its_country(pipeline: Pipeline) -> None:
    found = _surfaces(_run(pipeline, "وتضررت طائرات تابعة لسلاح الجو الروسي في القصف.").entities)
    assert found.get("سلاح الجو الروسي") == "ORG"
    assert not _surfaces(_run(pipeline, "وتضمن البرنامج عرضا لسلاح الجو في العاصمة.").entities)
    found = _surfaces(_run(pipeline, "وقال برلمان زيمبابوي إن الجلسة ستعقد غدا.").entities)
    assert found.get("برلمان زيمبابوي") == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وقال المهاجم ماريو بالوتيلي إنه سعيد بالعودة.", "ماريو بالوتيلي"),  # بال… is a surname, not بـ + ال
        ("وقال المتحدث إبراهيم كالين إن الزيارة ستتم.", "إبراهيم كالين"),
        ("المهاجم رونالدو يرضخ ويدفع الغرامة", "رونالدو"),  # the verb after a headline's subject
        ("وقال محامو رونالدو إن موكلهم بريء.", "رونالدو"),  # his lawyers are not part of his name
    ],
)
def test_a_person_span_keeps_its_surname_and_leaves_out_a_verb_or_his_people(pipeline: Pipeline, text, name) -> None:
    people = [t for t, label in _surfaces(_run(pipeline, text).entities).items() if label == "PER"]
    assert people == [name]


def test_a_role_after_a_name_with_its_complement_is_no_part_of_it(pipeline: Pipeline) -> None:
    text = "وقالت هيذر ناورت الناطقة باسم الخارجية إن النقاش متواصل."
    people = [t for t, label in _surfaces(_run(pipeline, text).entities).items() if label == "PER"]
    assert people == ["هيذر ناورت"]


def test_a_city_after_a_word_of_the_game_is_its_club(pipeline: Pipeline) -> None:
    found = _surfaces(_run(pipeline, "وسجل المهاجم ثلاثية في مرمى تورينو في نوفمبر.").entities)
    assert found.get("تورينو") == "ORG"
    found = _surfaces(_run(pipeline, "وزار الوفد تورينو في نوفمبر.").entities)
    assert found.get("تورينو") == "LOC"


def test_the_prosecution_is_an_institution_with_its_adjectives(pipeline: Pipeline) -> None:
    found = _surfaces(_run(pipeline, "وتشك النيابة العامة الإسبانية في أن اللاعب أخفى دخله.").entities)
    assert found.get("النيابة العامة الإسبانية") == "ORG"


def test_a_name_between_a_role_and_what_the_person_said(pipeline: Pipeline) -> None:
    text = "وقال الناطق العسكري مرعي زغبية إن الجيش تقدم."
    assert _surfaces(_run(pipeline, text).entities).get("مرعي زغبية") == "PER"
    text = "وأصيب عدد من الأشخاص، كما ذكر الناطق باسم وزارة الصحة في رفح مرعي زغبية."
    assert _surfaces(_run(pipeline, text).entities).get("مرعي زغبية") == "PER"
    text = "وقال المتحدث باسم الوزارة اليوم إن الاتفاق قريب."  # a time, not a name
    assert not any(label == "PER" for label in _surfaces(_run(pipeline, text).entities).values())
    text = "وقال رئيس الوزراء في مؤتمر صحفي إن الاتفاق قريب."  # a channel, not a name
    assert not any(label == "PER" for label in _surfaces(_run(pipeline, text).entities).values())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("سلمت الشحنات في ميناءي الحديدة ورأس عيسى.", {"الحديدة": "LOC", "رأس عيسى": "LOC"}),
        ("ويجب أن يوافق البرلمان الأوروبي والبرلمانات الوطنية على الاتفاق.", {"البرلمان الأوروبي": "ORG"}),
        ("وفاز حزب العدالة والتنمية بالانتخابات.", {"حزب العدالة والتنمية": "ORG"}),
        ("ووقع الاتفاق في مقر هيئة الموانئ والمناطق الحرة في جيبوتي.", {"هيئة الموانئ والمناطق الحرة": "ORG"}),
    ],
)
def test_coordinated_places_split_and_a_name_with_its_own_coordination_stays(pipeline, text, names) -> None:
    found = _surfaces(_run(pipeline, text).entities)
    assert {name: found.get(name) for name in names} == names


@pytest.mark.parametrize(
    "text",
    [
        "وأعلن الاتحاد والتي تضم 27 دولة موقفها.",  # a joined relative pronoun ends the name
        "وأسس رجل الأعمال شركة تصنيع للسيارات في المدينة.",  # a company described, not named
        "وشكلت الحكومة لجنة لتحديد الإطار الزمني لسداد المبلغ.",  # a committee with its purpose
    ],
)
def test_descriptions_of_an_institution_are_no_names(pipeline, text) -> None:
    assert not any(label == "ORG" for label in _surfaces(_run(pipeline, text).entities).values())


def test_a_name_and_its_original_in_latin_letters_are_two_mentions(pipeline: Pipeline) -> None:
    assert _surfaces(_run(pipeline, "وتولى العرش الملك أزاكو I في القرن الماضي.").entities).get("I") is None
    text = "وقالت الصحفية إليزابيث دووسكين Elizabeth Dwoskin إن الشركة حذفت الحسابات."
    people = {t for t, label in _surfaces(_run(pipeline, text).entities).items() if label == "PER"}
    assert people == {"إليزابيث دووسكين", "Elizabeth Dwoskin"}


def test_well_known_companies_are_organisations(pipeline: Pipeline) -> None:
    found = _surfaces(_run(pipeline, "وتراجعت أسهم سناب تشات وتويتر، فيما قالت مايكروسوفت إن أرباحها ارتفعت.").entities)
    assert {found.get(n) for n in ("سناب تشات", "تويتر", "مايكروسوفت")} == {"ORG"}
