"""Quotes: each attribution construction on sentences written for the test, with exact offsets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isnad.extract.attribution import lookup_cue
from isnad.model import Analysis, Document, Quote
from isnad.pipeline import Pipeline
from isnad.text.normalize import fold
from offsets import offset_errors

PIPELINE = Pipeline(stages=["quotes", "sources"])


def run(text: str, lang: str | None = None) -> Analysis:
    analysis = PIPELINE(Document(id="t", text=text, lang=lang))
    assert offset_errors(analysis, text) == []
    return analysis


def at(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def span(item) -> tuple[int, int]:
    return item.start, item.end


def only(analysis: Analysis) -> Quote:
    assert len(analysis.quotes) == 1, [q.text for q in analysis.quotes]
    return analysis.quotes[0]


def test_cue_lexicon_conjugations_and_clitics():
    for form in ("قال", "قالت", "قالوا", "وقال", "فقال", "يقول", "تقول", "يقولون", "قائلا", "وأضافت", "أكدوا",
                 "اعتبرته", "يرى", "مشيرة"):
        assert lookup_cue(fold(form)) is not None, form
    assert lookup_cue("وزير") is None
    assert lookup_cue("قالب") is None


def test_direct_quote_after_complementizer_with_channel():
    text = "وقال وزير الخارجية الإيراني، في بيان صدر أمس، إن «الاتفاق لن يصمد طويلا»."
    q = only(run(text))
    assert q.kind == "direct"
    assert span(q) == at(text, "الاتفاق لن يصمد طويلا")
    assert span(q.cue) == at(text, "قال") and q.cue.lemma == "قال" and q.cue.strength == "neutral"
    assert span(q.speaker) == at(text, "وزير الخارجية الإيراني")
    assert span(q.channel) == at(text, "في بيان صدر أمس")
    assert q.sentence == 0


def test_indirect_participle_split_and_zero_subject_continuation():
    text = ("وأكد الرئيس الروسي أن بلاده لن تتراجع عن موقفها، مشيرا إلى أن المحادثات ستستمر. "
            "وأضاف أن الوفد سيعود الأسبوع المقبل.")
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["بلاده لن تتراجع عن موقفها", "المحادثات ستستمر", "الوفد سيعود الأسبوع المقبل"]
    assert all(q.kind == "indirect" for q in quotes)
    speaker = at(text, "الرئيس الروسي")
    assert [span(q.speaker) for q in quotes] == [speaker] * 3  # continuations point at the explicit mention
    assert quotes[0].cue.strength == "assertive"
    assert span(quotes[1].cue) == at(text, "مشيرا")
    assert span(quotes[2].cue) == at(text, "أضاف")
    assert quotes[2].sentence == 1


def test_participle_after_a_non_reporting_verb_takes_its_subject():
    text = "وقال الوزير إن الوضع مستقر. واستقبل رئيس الوزراء الوفد الأوروبي أمس، مشيرا إلى أن التعاون مستمر."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["الوضع مستقر", "التعاون مستمر"]
    assert span(quotes[1].speaker) == at(text, "رئيس الوزراء")


def test_speaker_after_the_quote():
    text = "«لن نسمح بتكرار ما حدث»، قال المتحدث باسم الجيش."
    q = only(run(text))
    assert q.kind == "direct" and span(q) == at(text, "لن نسمح بتكرار ما حدث")
    assert span(q.speaker) == at(text, "المتحدث باسم الجيش")


def test_colon_introduction_with_curly_quotes_and_previous_speaker():
    text = "وقال وزير الاقتصاد إن النمو سيتحسن. واختتم حديثه قائلاً: “سنواصل العمل حتى النهاية”."
    quotes = run(text).quotes
    assert len(quotes) == 2
    assert quotes[1].kind == "direct" and span(quotes[1]) == at(text, "سنواصل العمل حتى النهاية")
    assert span(quotes[1].speaker) == at(text, "وزير الاقتصاد")


def test_unquoted_speech_after_colon_is_direct():
    text = "وقال المدير العام للشركة: الأرباح ارتفعت بنسبة 20 بالمئة هذا العام."
    q = only(run(text))
    assert q.kind == "direct"
    assert span(q) == at(text, "الأرباح ارتفعت بنسبة 20 بالمئة هذا العام")
    assert span(q.speaker) == at(text, "المدير العام للشركة")


def test_quote_spanning_two_sentences_stays_one():
    text = "وقال الوزير: «لن نتراجع. سنواصل العمل»."
    q = only(run(text))
    assert span(q) == at(text, "لن نتراجع. سنواصل العمل")


def test_mixed_quote_is_one_quote():
    text = 'وقال المتحدث إن الهجوم كان "عملا إرهابيا جبانا" استهدف المدنيين.'
    q = only(run(text))
    assert q.kind == "mixed"
    assert span(q) == at(text, 'الهجوم كان "عملا إرهابيا جبانا" استهدف المدنيين')


def test_scare_quotes_are_not_quotes():
    assert run('وسيطر تنظيم "داعش" على المدينة بعد معارك استمرت أسابيع.').quotes == []


def test_headline_attribution_has_no_cue():
    text = "وزارة الصحة: ارتفاع الإصابات إلى 120\nوسجلت المستشفيات حالات جديدة."
    q = only(run(text))
    assert q.cue is None
    assert span(q) == at(text, "ارتفاع الإصابات إلى 120")
    assert span(q.speaker) == at(text, "وزارة الصحة")


def test_according_to_after_the_clause():
    text = "وقتل 12 شخصا في الهجوم، بحسب وكالة رويترز."
    q = only(run(text))
    assert q.kind == "indirect" and span(q) == at(text, "قتل 12 شخصا في الهجوم")
    assert span(q.cue) == at(text, "بحسب")
    assert span(q.speaker) == at(text, "وكالة رويترز")


def test_dateline_is_not_content_and_governor_is_not_a_clitic():
    text = ("الخرطوم - قتل 12 شخصا في اشتباكات قبلية، وفق ما أفاد مسؤول محلي.\n"
            "وأكد والي جنوب دارفور، حامد التجاني، أن الحكومة لن تتهاون.")
    first, second = run(text).quotes
    assert span(first) == at(text, "قتل 12 شخصا في اشتباكات قبلية")
    assert span(first.cue) == at(text, "وفق ما أفاد")
    assert span(first.speaker) == at(text, "مسؤول محلي")
    assert span(second.speaker) == at(text, "والي جنوب دارفور، حامد التجاني")
    assert second.speaker.name == "حامد التجاني" and second.speaker.role == "والي جنوب دارفور"


def test_according_to_before_the_clause():
    text = "ووفقا لمكتب الأمم المتحدة، فقد نزح أكثر من 30 ألف شخص."
    q = only(run(text))
    assert span(q) == at(text, "نزح أكثر من 30 ألف شخص")
    assert span(q.speaker) == at(text, "مكتب الأمم المتحدة")


def test_chain_outlet_reports_official():
    text = "ونقلت وكالة الأنباء الرسمية عن وزير الداخلية قوله إن الوضع تحت السيطرة."
    q = only(run(text))
    assert span(q) == at(text, "الوضع تحت السيطرة")
    assert span(q.speaker) == at(text, "وزير الداخلية")
    assert [link.kind for link in q.chain] == ["person", "media", "writer"]
    assert (q.chain[1].start, q.chain[1].end) == at(text, "وكالة الأنباء الرسمية")


def test_newspaper_citing_officials_and_tweet_channel():
    text = ("وذكرت صحيفة نيويورك تايمز، نقلا عن مسؤولين أمريكيين، أن العقوبات تستهدف قطاع النفط.\n"
            'وكتب وزير الخارجية في تغريدة على تويتر: "سنواصل الضغط حتى النهاية".')
    first, second = run(text).quotes
    assert span(first) == at(text, "العقوبات تستهدف قطاع النفط")
    assert span(first.speaker) == at(text, "مسؤولين أمريكيين")
    assert [(link.text, link.kind) for link in first.chain] == [
        ("مسؤولين أمريكيين", "anonymous"), ("صحيفة نيويورك تايمز", "media"), ("writer", "writer")
    ]
    assert span(second) == at(text, "سنواصل الضغط حتى النهاية")
    assert span(second.channel) == at(text, "في تغريدة على تويتر")
    assert span(second.speaker) == at(text, "وزير الخارجية")


def test_cue_strength_doubting_and_tentative():
    doubting = only(run("وزعم المتحدث أن القوات انسحبت من المدينة."))
    assert doubting.cue.strength == "doubting" and doubting.cue.lemma == "زعم"
    tentative = only(run("ورجح الخبراء أن ترتفع الأسعار خلال الشهر المقبل."))
    assert tentative.cue.strength == "tentative"


def test_subject_before_verb_after_kana():
    text = "وكانت مصادر مطلعة قد أفادت بأن الاجتماع تأجل إلى الأسبوع المقبل."
    q = only(run(text))
    assert span(q.speaker) == at(text, "مصادر مطلعة")
    assert span(q) == at(text, "الاجتماع تأجل إلى الأسبوع المقبل")


def test_apposition_gives_name_and_role():
    text = "وقال مسعود رجوي، زعيم المقاومة الإيرانية، إن النظام يواجه أزمة."
    q = only(run(text))
    assert q.speaker.name == "مسعود رجوي"
    assert q.speaker.role == "زعيم المقاومة الإيرانية"


def test_object_of_announcement_without_complementizer():
    text = "أعلنت وزارة الدفاع تعليق التدريبات العسكرية، بينما استمرت المفاوضات."
    q = only(run(text))
    assert span(q.speaker) == at(text, "وزارة الدفاع")
    assert span(q) == at(text, "تعليق التدريبات العسكرية")


def test_impersonal_and_non_reporting_uses_are_ignored():
    assert run("ويذكر أن المدينة شهدت احتجاجات في العام الماضي.").quotes == []
    assert run("وصلت سفينة تنقل مساعدات إنسانية إلى الميناء.").quotes == []
    assert run("وتقع المدينة بين النهرين الكبيرين في الشمال.").quotes == []


def test_present_tense_speaker_after_quote_and_trailing_hedge():
    text = ("وشدد رئيس المجلس البلدي على أهمية مشاركة المواطنين، على حد قوله.\n"
            '"المشروع سيغير وجه المدينة خلال سنوات قليلة"، يقول أحد سكان الحي.')
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["أهمية مشاركة المواطنين", "المشروع سيغير وجه المدينة خلال سنوات قليلة"]
    assert span(quotes[0].speaker) == at(text, "رئيس المجلس البلدي")
    assert span(quotes[1].speaker) == at(text, "أحد سكان الحي")
    assert quotes[1].sentence == 1


def test_kb_resolves_role_and_name():
    text = "وقال الرئيس التركي، رجب طيب أردوغان، إن التحقيق مستمر."
    analysis = PIPELINE(Document(id="t", text=text, published=dt.date(2018, 10, 7)))
    speaker = only(analysis).speaker
    assert speaker.entity is not None and "erdo" in (speaker.name or "").casefold()
    assert speaker.role == "الرئيس التركي"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The minister said that the plan had failed.", "the plan had failed", "The minister"),
        ('"We will not accept this," the minister said.', "We will not accept this", "the minister"),
        ('Prime Minister John Smith told Reuters: "The talks are over."', "The talks are over",
         "Prime Minister John Smith"),
        ("More than 200 people died, according to the health ministry.", "More than 200 people died",
         "the health ministry"),
        ('"Prices will rise," said Anna Brown, an economist.', "Prices will rise", "Anna Brown, an economist"),
        ("Thousands have fled the city, the United Nations said on Tuesday.", "Thousands have fled the city",
         "the United Nations"),
        ("Turkey's president warned that an offensive would cause a disaster.",
         "an offensive would cause a disaster", "Turkey's president"),
    ],
)
def test_english_constructions(text, content, speaker):
    q = only(run(text, lang="en"))
    assert span(q) == at(text, content)
    assert span(q.speaker) == at(text, speaker)


def test_english_cue_strength():
    q = only(run("The company claimed the report was false.", lang="en"))
    assert q.cue.strength == "doubting" and q.text == "the report was false"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "قال", "وأضاف", "إن", "أن", "«", "»", '"', "“", "”", ":", "،", ".", "الوزير", "مصادر", "بحسب", "وفقا",
    "لوكالة", "رويترز", "عن", "قوله", "مشيرا", "إلى", "في", "بيان", "said", "according", "to", "that", "\n", " ",
    "the", "minister", "كانت", "قد", "أعلنت", "الحكومة", "تعهدها",
]), max_size=30))
def test_offsets_hold_on_arbitrary_cue_soup(words):
    text = " ".join(words)
    analysis = PIPELINE(Document(id="t", text=text))
    assert offset_errors(analysis, text) == []
    for quote in analysis.quotes:
        assert quote.start < quote.end
