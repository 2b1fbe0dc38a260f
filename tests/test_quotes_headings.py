"""Headings read as quotes (issue 16, class 3): only an actor speaks a headline «X: claim».

A person, an office, an organisation, a state, an outlet or a document before the colon speaks; a section heading
of an opinion piece, a site's label, an event and a numbered list item do not.  Sentences written for the test.
"""

from __future__ import annotations

from isnad.model import Entity
from stages import run_stages
from test_quotes import at, only, run, span

BODY = "وقال الكاتب في مقاله إن الحرب طويلة."


def headline_quotes(heading: str) -> list:
    text = f"{heading}\n{BODY}"
    return [q for q in run(text).quotes if q.cue is None]


def test_section_headings_labels_events_and_list_items_do_not_speak():
    for heading in (
        "المعركة في حلب: نقطة تحول",
        "الخلاصة: الحرب لم تنته بعد",
        "للمزيد: عودة على أحداث المباراة النهائية",
        "فيديو: جولة في شوارع المدينة القديمة",
        "تحليل: ماذا بعد الانتخابات",
        "2- البرازيل: 40 مليار دولار",
        "دوري الأبطال: ريال مدريد يتأهل",
        "احتجاجات البصرة: الحكومة تعلن حالة التأهب",
        "إصابة اللاعب: النادي يطمئن جماهيره",
    ):
        assert headline_quotes(heading) == [], heading


def test_actors_speak_their_headline():
    for heading, speaker, said in (
        ("وزير المالية: لن نرفع الضرائب", "وزير المالية", "لن نرفع الضرائب"),
        ("روسيا: على لندن سحب دبلوماسييها", "روسيا", "على لندن سحب دبلوماسييها"),
        ("دراسة: القهوة تطيل العمر", "دراسة", "القهوة تطيل العمر"),
        ("مصادر: الاتفاق وشيك", "مصادر", "الاتفاق وشيك"),
    ):
        text = f"{heading}\n{BODY}"
        (q,) = headline_quotes(heading)
        assert (span(q.speaker), span(q)) == (at(text, speaker), at(text, said)), heading


def test_a_headline_speaker_ends_before_its_topic_or_audience():
    for heading, speaker in (
        ("الوزير عن محادثات جنيف: لن نتنازل", "الوزير"),
        ("الأمين العام للمتظاهرين: أصواتكم مسموعة", "الأمين العام"),
        ("الخارجية بشأن الأزمة: الحوار هو الحل", "الخارجية"),
    ):
        text = f"{heading}\n{BODY}"
        (q,) = headline_quotes(heading)
        assert span(q.speaker) == at(text, speaker), heading


def test_a_family_name_the_article_names_in_full_speaks_its_headline():
    text = "الخطيب: المخزون لا يكفي لأكثر من شهرين\nوقال المدير العام سامي الخطيب إن المخزون تراجع."
    start, end = at(text, "سامي الخطيب")
    person = Entity(start=start, end=end, text=text[start:end], label="PER")
    quotes = run_stages(text, ["quotes"], preset={"entities": [person], "times": []}).quotes
    assert [(q.speaker.text, q.text) for q in quotes if q.cue is None] == [("الخطيب", "المخزون لا يكفي لأكثر من شهرين")]


def test_an_ellipsis_ends_the_lead_in_and_quote_marks_do_not_belong_to_the_name():
    heading = 'بعد موجة الشكاوى بين المشتركين.. "الوزارة": "عطل فني" أصاب الشبكة'
    text = f"{heading}\n{BODY}"
    (q,) = headline_quotes(heading)
    assert span(q.speaker) == at(text, "الوزارة")
    assert span(q) == at(text, '"عطل فني" أصاب الشبكة')


def test_a_thing_with_its_owners_pronoun_is_no_speaker_but_an_office_is():
    assert run("ولم يؤكد نسبها إلى الرسام الكبير إلا بعد سنوات.").quotes == []
    text = "وقال رئيسها إن الشركة ستتوسع."
    assert span(run(text).quotes[0].speaker) == at(text, "رئيسها")


def test_a_report_speaks_in_a_headline_though_shaped_like_a_verbal_noun():
    text = "تقرير: الحكومة تخفض دعم الوقود بنسبة 10 بالمئة\nخفضت الحكومة دعم الوقود."
    q = only(run(text))
    assert (q.speaker.text, q.text) == ("تقرير", "الحكومة تخفض دعم الوقود بنسبة 10 بالمئة")
    assert run("إصابة صلاح: الفريق يترقب نتائج الفحوص\nأصيب اللاعب.").quotes == []  # an event speaks not


def test_a_place_before_a_verbal_noun_labels_the_news_and_says_nothing():
    quotes = run("الجزائر: تعيين جمال بلماضي مدربا جديدا للمنتخب\nأعلن الاتحاد تعيين المدرب.").quotes
    assert [q.speaker.text for q in quotes if q.speaker is not None] == ["الاتحاد"]
    text = "روسيا: لن نسمح بتكرار الهجوم\nقال الكرملين إن الرد قادم."
    assert span(run(text).quotes[0].speaker) == at(text, "روسيا")
