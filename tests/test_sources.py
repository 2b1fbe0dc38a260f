"""Sources: one entry per distinct source, its most explicit mention, and its kind."""

from __future__ import annotations

import datetime as dt

import pytest

from isnad.components.attribution import source_kind
from isnad.core.pipeline import Pipeline
from isnad.model import Analysis, Document, Entity
from offsets import offset_errors
from stages import entity_at, run_stages


def run(text: str, lang: str | None = None) -> Analysis:
    """Quotes and sources with no entities or times known (the constructions alone)."""
    analysis = run_stages(text, ["quotes", "sources"], lang, preset={"entities": [], "times": []})
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


def test_role_and_name_short_form_and_bare_role_are_one_person():
    text = ("وأكد وزير الطاقة وليد حمدان أن الإنتاج سيرتفع. وأضاف حمدان أن المحطة ستعمل قريبا. "
            "وقال الوزير إن الأسعار ستبقى ثابتة.")
    assert sources(text) == [("وزير الطاقة وليد حمدان", "person")]
    text = "وأعلن وزير الطاقة وليد حمدان إطلاق مناقصة جديدة. وأضاف حمدان أن المحطة ستعمل قريبا."
    assert sources(text) == [("وزير الطاقة وليد حمدان", "person")]


def test_name_with_a_following_role_and_its_family_name_are_one_person():
    text = "وقال عبد الرحيم الإدريسي مدير الوكالة إن المشروع تأخر. وأوضح الإدريسي أن التمويل متوفر."
    assert sources(text) == [("عبد الرحيم الإدريسي مدير الوكالة", "person")]
    assert sources("وأوضح الإدريسي أن التمويل متوفر.") == [("الإدريسي", "person")]


def test_a_bare_definite_official_refers_back_to_the_named_one():
    text = ("وقال عبد الرحيم الإدريسي، مدير الوكالة، إن المشروع تأخر. "
            "وأضاف المسؤول أن العمل سيستأنف.")
    analysis = run(text)
    assert [(s.text, s.kind) for s in analysis.sources] == [("عبد الرحيم الإدريسي، مدير الوكالة", "person")]
    assert analysis.quotes[1].speaker.text == "المسؤول" and analysis.quotes[1].speaker.name == "عبد الرحيم الإدريسي"
    assert sources("وقال المسؤول إن الأسعار ستنخفض.") == [("المسؤول", "anonymous")]  # nobody to refer back to


def test_generic_nouns_get_their_real_kind():
    text = "وأظهرت البيانات أن التضخم تراجع."
    assert sources(text) == [("البيانات", "document")]
    text = "وقال البنك إن الأسعار ارتفعت، بحسب تقريره الشهري الصادر أمس."
    assert sources(text) == [("البنك", "organization"), ("تقريره الشهري", "document")]


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("البيانات", "document"),
        ("الإدريسي", "person"),
        ("المسؤول", "anonymous"),
        ("الوزير", "person"),
        ("القرار", "document"),
        ("A spokesperson for the World Bank", "anonymous"),
        ("a ministry statement", "document"),
        ("مصرف لبنان", "organization"),
        ("IMF spokeswoman Julie Kozack", "person"),
        ("مقربون من رئيس الحكومة", "anonymous"),
    ],
)
def test_source_kind_of_generic_and_short_forms(surface, kind):
    assert source_kind(surface) == kind


def _with_people(text: str, *names: str) -> Analysis:
    """Quotes and sources after a stub entities stage that marks the given names as PER (first occurrence)."""

    people = []
    for name in names:
        start = text.index(name)
        people.append(Entity(start=start, end=start + len(name), text=name, label="PER"))
    analysis = run_stages(text, ["quotes", "sources"], preset={"entities": people, "times": []})
    assert offset_errors(analysis, text) == []
    return analysis


def test_family_name_source_takes_the_full_name_introduced_outside_a_quote():
    text = "استقبل عبد الرحيم الإدريسي، مدير الوكالة، وفدا من البنك الدولي أمس. وأوضح الإدريسي أن التمويل متوفر."
    analysis = _with_people(text, "عبد الرحيم الإدريسي")
    assert [(s.text, s.kind) for s in analysis.sources] == [("عبد الرحيم الإدريسي", "person")]


def test_honorific_with_no_quoted_antecedent_is_the_person_named_before():
    text = "دشن الأمير خالد الفيصل أمس مشروع توسعة الطريق. وأكد سموه أن المشروع يخدم الزوار."
    analysis = _with_people(text, "خالد الفيصل")
    assert analysis.quotes[0].speaker.text == "خالد الفيصل"
    assert [(s.text, s.kind) for s in analysis.sources] == [("خالد الفيصل", "person")]


def test_levantine_and_moroccan_source_phrases():
    text = ('وقال مصطفى بايتاس، الناطق الرسمي باسم الحكومة، إن "الحكومة واعية بحجم التحديات". '
            "وأضاف المتحدث ذاته أن الأمطار لم تكن كافية. "
            "واعتبر الخبير الاقتصادي نجيب أقصبي أن الخطة غير كافية. "
            "ويؤكد مقربون من رئيس الحكومة أن الأخير قدم التنازلات. "
            "ونقل زوار عين التينة عن رئيس المجلس قوله إن الوضع صعب.")
    assert sources(text) == [
        ("مصطفى بايتاس، الناطق الرسمي باسم الحكومة", "person"),  # «المتحدث ذاته» is the same spokesman
        ("الخبير الاقتصادي نجيب أقصبي", "person"),
        ("مقربون من رئيس الحكومة", "anonymous"),
        ("زوار عين التينة", "anonymous"),
        ("رئيس المجلس", "person"),
    ]


def test_emphatic_back_reference_merges_but_a_new_office_does_not():
    said = "وقال محمد العلوي، مدير الميناء، إن الحركة ارتفعت. "
    assert sources(said + "وأكد المسؤول الحكومي ذاته أن الأشغال ستنتهي قريبا.") == [
        ("محمد العلوي، مدير الميناء", "person")]
    assert sources(said + "وأكد المدير العام للشركة أن الأرباح تراجعت.") == [
        ("محمد العلوي، مدير الميناء", "person"), ("المدير العام للشركة", "person")]


def test_an_office_introduced_first_is_named_by_the_next_added_quote():
    text = ("قال مستشار للرئيس التركي إن الصحفي قتل في القنصلية. "
            "وأضاف ياسين أقطاي أن السلطات ترجح مشاركة 15 شخصا.")
    analysis = run(text)
    assert [(s.text, s.kind) for s in analysis.sources] == [("ياسين أقطاي", "person")]
    assert analysis.quotes[0].speaker.name in ("ياسين أقطاي", "Yasin Aktay")  # the knowledge base may know him
    text = "قال مستشار للرئيس التركي إن الصحفي قتل. وقال ياسين أقطاي إن التحقيق مستمر."
    assert len(run(text).sources) == 2  # «قال», unlike «أضاف», may introduce someone else


def test_reports_saying_something_are_a_source():
    text = "وكان الحزبان قد نفيا التقارير القائلة إنهما سيوقعان الاتفاق."
    assert sources(text) == [("الحزبان", "organization"), ("التقارير", "media")]


def test_events_and_pictures_are_not_sources():
    text = "وأظهرت الصور أن المبنى دمر بالكامل. وكشفت الأزمة أن النظام الصحي هش. وقالت الوزارة إن العمل مستمر."
    analysis = run(text)
    assert [q.text for q in analysis.quotes] == ["العمل مستمر"]
    assert [(s.text, s.kind) for s in analysis.sources] == [("الوزارة", "organization")]


def test_the_same_source_again_is_not_a_new_source():
    text = ("وأفادت مصادر هسبريس بأن الاجتماع تأجل. وأضافت المصادر ذاتها أن الموعد لم يحدد. "
            "وقال مصدر أمني إن المشتبه به اعتقل. وأكد المصدر نفسه أن التحقيق مستمر.")
    assert sources(text) == [("مصادر هسبريس", "anonymous"), ("مصدر أمني", "anonymous")]


def test_role_title_and_name_then_family_name_is_one_person():
    text = ("وأوضح لـ«عكاظ» مدير عام الشؤون الصحية الدكتور عدنان العبدالكريم أن الحالات مستقرة. "
            "وأضاف العبدالكريم أن الفرق الطبية جاهزة.")
    analysis = run(text)
    assert [(s.text, s.kind) for s in analysis.sources] == [
        ("مدير عام الشؤون الصحية الدكتور عدنان العبدالكريم", "person")]
    assert [q.speaker.name for q in analysis.quotes] == ["عدنان العبدالكريم"] * 2


def test_an_adviser_named_by_his_principal_two_ways_is_one_source():
    # «مستشار أردوغان» is not Erdogan; «مستشار للرئيس التركي» on that date is the same man's adviser
    text = ("مستشار أردوغان: الصحفي قتل في القنصلية\n"
            "قال مستشار للرئيس التركي إن الصحفي قتل في القنصلية في اسطنبول.")
    analysis = Pipeline(stages=["times", "entities", "quotes", "sources"])(
        Document(id="t", text=text, published=dt.date(2018, 10, 7)))
    assert offset_errors(analysis, text) == []
    people = [s for s in analysis.sources if s.kind == "person"]
    assert len(people) == 1, people
    assert people[0].entity != "per:recep-tayyip-erdogan"
    assert all(q.speaker is None or q.speaker.entity != "per:recep-tayyip-erdogan" for q in analysis.quotes)


# ----- issue 16, class 5: one source per actor at its fullest mention; an outlet that conveys the story


def test_an_outlet_that_publishes_the_story_is_a_media_source():
    text = "ونشرت وكالة \"سند\" الإخبارية الخميس صورا للموقع المدمر."
    assert sources(text) == [("وكالة \"سند\" الإخبارية", "media")]
    text = "وكانت الفنانة قد تحدثت في مقابلة نشرتها مجلة \"الأفق\" اللبنانية الشهر الماضي."
    assert sources(text) == [("مجلة \"الأفق\" اللبنانية", "media")]
    text = "يشار إلى أن صحيفة \"الغد\" أول من كتبت عن القضية."
    assert sources(text) == [("صحيفة \"الغد\"", "media")]
    assert sources("ونشرت الوزارة صورا للموقع.") == []  # a ministry is no outlet


def test_an_outlet_relaying_a_quote_after_it_joins_the_chain_and_the_sources():
    text = "وقالت الشركة، في بيان، إن \"الحكومة صادرت المحطة\"، وفقا لما نقله المكتب الإعلامي لحكومة الشارقة."
    analysis = run(text)
    (q,) = analysis.quotes
    assert [link.text for link in q.chain[:2]] == ["الشركة", "المكتب الإعلامي لحكومة الشارقة"]
    assert ("المكتب الإعلامي لحكومة الشارقة", "media") in [(s.text, s.kind) for s in analysis.sources]


def test_a_quoted_or_contained_short_name_is_the_same_source():
    text = ("وقال الاتحاد الآسيوي لكرة القدم \"آفك\" إن البطولة ستقام في موعدها. وأضاف آفك أن الملاعب جاهزة.")
    assert sources(text) == [("الاتحاد الآسيوي لكرة القدم \"آفك\"", "organization")]
    text = "وقالت شركة نفط الشمال العالمية إن الإنتاج ارتفع. وأكدت نفط الشمال أن الصادرات مستمرة."
    assert sources(text) == [("شركة نفط الشمال العالمية", "organization")]


def test_a_bare_name_becomes_its_fullest_mention_in_the_article():
    text = ("وأصدرت وكالة موديز للتصنيف الائتماني تقريرا عن الديون. وقالت موديز إن النمو سيتباطأ هذا العام.")
    assert [s.text for s in run(text).sources] == ["وكالة موديز للتصنيف الائتماني"]


def test_a_short_name_in_brackets_takes_its_long_form():
    text = ("وقال الناتو إن المناورات ستبدأ الشهر المقبل. ويشارك في المناورات جنود من منظمة حلف شمال الأطلسي "
            "(الناتو) ومن دول أخرى.")
    assert sources(text) == [("منظمة حلف شمال الأطلسي (الناتو)", "organization")]
    # a bracket after a phrase with no head noun of an institution is no long form
    text = "وقال الحزب إن مرشحه سيفوز. ويعرف المرشح بين أنصاره بلقب الزعيم الشاب (الحزب) منذ عقود."
    assert [t for t, _ in sources(text)] == ["الحزب"]


def test_a_station_that_reports_is_a_media_source():
    assert sources("وقالت محطة فوكس نيوز الإخبارية إن الطريق أغلق.") == [("محطة فوكس نيوز الإخبارية", "media")]


def test_a_bare_institution_is_listed_at_its_fuller_mention():
    text = "وطوقت الشرطة الإيطالية الحي. وقالت الشرطة إن المشتبه به اعتقل."
    assert sources(text) == [("الشرطة الإيطالية", "organization")]
    assert sources("وقالت الحكومة إن الوضع هادئ.") == [("الحكومة", "organization")]


def test_an_office_holder_named_between_commas_is_listed_by_the_name():
    text = "وقال المدير العام للمستشفى، أحمد الخطيب، إن الأقسام ممتلئة. وأضاف أن الأطباء يعملون بلا توقف."
    found = run_stages(text, ["times", "entities", "quotes", "sources"]).sources  # the entities stage names him
    assert [(s.text, s.kind) for s in found] == [("أحمد الخطيب", "person")]
    text = "واعتذر المدير العام للمستشفى، أحمد الخطيب، وقال إن الأقسام ممتلئة."  # the speaker read without him
    found = run_stages(text, ["times", "entities", "quotes", "sources"]).sources
    assert [(s.text, s.kind) for s in found] == [("أحمد الخطيب", "person")]
    text = "وقال المدير العام للمستشفى إن الأقسام ممتلئة."  # no name: the office stays
    assert sources(text) == [("المدير العام للمستشفى", "person")]


def test_a_bare_institution_is_listed_at_the_named_one_with_its_head():
    text = ("وقالت وزارة الدفاع الصينية إن التدريبات دفاعية. وأكدت الوزارة أن القوات ستعود. "
            "وقال المتحدث إن الجنود بخير.")
    found = run_stages(text, ["times", "entities", "quotes", "sources"]).sources
    assert [(s.text, s.kind) for s in found][:1] == [("وزارة الدفاع الصينية", "organization")]
    assert all(s.text != "الوزارة" for s in found)


@pytest.mark.parametrize(("surface", "kind"), [("الصحفيان", "person"), ("الوزيران", "person"),
                                               ("الجانبان", "organization")])
def test_two_people_named_by_a_dual_are_persons(surface, kind):
    assert source_kind(surface) == kind


def test_a_bare_spokesman_and_the_one_named_with_his_seat_are_one_source():
    text = ("وقال الناطق باسم الوزارة إن المصابة نقلت إلى المستشفى. "
            "واندلعت مواجهات شرق المدينة، كما ذكر الناطق باسم وزارة الصحة في رفح سامي عودة.")
    place = entity_at(text, "رفح", "LOC")
    analysis = run_stages(text, ["quotes", "sources"], preset={"entities": [place], "times": []})
    assert [(s.text, s.kind) for s in analysis.sources] == [
        ("الناطق باسم وزارة الصحة في رفح سامي عودة", "person")]


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("المسؤول الكوري الجنوبي", "person"),  # مفعول
        ("المهاجم الدولي السابق", "person"),  # مُفاعِل
        ("المحلل الاقتصادي", "person"),  # مُفعِّل, definite: someone the article introduced
        ("المعهد الوطني", "organization"),  # a four-letter م-noun is a place or an institution
        ("المختبر المركزي", "organization"),
        ("الناتو", "organization"),
    ],
)
def test_a_definite_participle_is_a_person_and_a_noun_of_place_is_not(surface: str, kind: str) -> None:
    assert source_kind(surface) == kind


def test_a_description_of_the_player_named_before_is_the_same_source_listed_by_name():
    text = ("وقال واين روني إنه سعيد بالانتقال إلى الفريق. "
            "وأضاف المهاجم الدولي الإنجليزي السابق أن الفريق طموح.")
    analysis = Pipeline()(Document(id="t", text=text, lang="ar"))
    assert [(s.text, s.kind) for s in analysis.sources] == [("واين روني", "person")]
    assert analysis.quotes[1].speaker.name == "واين روني"


def test_a_share_of_poll_respondents_is_no_source_of_its_own():
    text = ("وأظهر استطلاع للرأي أن معظم المستخدمين راضون. وقال ربع المستخدمين إنهم يستخدمون الموقع يوميا. "
            "وأفادت نسبة 64 بالمئة بأنهم لم يغيروا عاداتهم.")
    assert [s.text for s in run(text).sources] == ["استطلاع للرأي"]


def test_a_titled_family_name_is_listed_at_the_full_name_introduced_before():
    text = ("وجرت مباحثات بين الوزيرين في لندن ونظيره، سامي حداد. "
            "والجنرال حداد هو الذي أعلن أن الجيش سيطر على الحكم.")
    person = entity_at(text, "سامي حداد", "PER")
    analysis = run_stages(text, ["quotes", "sources"], preset={"entities": [person], "times": []})
    assert [(s.text, s.kind) for s in analysis.sources] == [("سامي حداد", "person")]


def test_a_bare_institution_takes_its_adjectives_written_elsewhere():
    text = "وتشك النيابة العامة المدريدية في أن اللاعب أخفى دخله. وقالت النيابة إن التحقيق مستمر."
    assert sources(text) == [("النيابة العامة المدريدية", "organization")]


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("بعض المصادر", "anonymous"),  # some of a group
        ("أحد المسؤولين", "anonymous"),
        ("مصدران مقربان من القضية", "anonymous"),  # a dual of an anonymous head
        ("محامون ممثلون عن الشركتين", "anonymous"),  # a plural of a role
        ("محامو اللاعب", "anonymous"),  # the same in construct
        ("بحث لإحدى منظمات رعاية الأطفال", "document"),
        ("المحامي سامي حداد", "person"),
    ],
)
def test_unnamed_members_of_a_group_are_anonymous(surface: str, kind: str) -> None:
    assert source_kind(surface) == kind
