"""Quotes: each attribution construction on sentences written for the test, with exact offsets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isnad.components.attribution import lookup_cue
from isnad.core.pipeline import Pipeline
from isnad.model import Analysis, Document, Quote
from isnad.text.normalize import fold
from offsets import offset_errors
from stages import run_stages


def run(text: str, lang: str | None = None) -> Analysis:
    """Quotes and sources with no entities or times known (the constructions alone)."""
    analysis = run_stages(text, ["quotes", "sources"], lang, preset={"entities": [], "times": []})
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


def test_a_time_after_the_channel_dates_the_speech_and_is_left_out_of_the_channel():
    text = "وأضافت المنسقة في مقابلة مع التلفزيون الرسمي أمس: «الوضع أسوأ مما توقعنا»."
    q = only(run(text))
    assert span(q.speaker) == at(text, "المنسقة")
    assert span(q.channel) == at(text, "في مقابلة مع التلفزيون الرسمي")
    text = "وقالت الوزيرة في مؤتمر صحفي عقدته اليوم إن الحكومة ستفتح المعابر."
    assert span(only(run(text)).channel) == at(text, "في مؤتمر صحفي عقدته اليوم")


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
    analysis = run_stages(text, ["quotes", "sources"], published=dt.date(2018, 10, 7),
                          preset={"entities": [], "times": []})
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
    analysis = run(text)
    for quote in analysis.quotes:
        assert quote.start < quote.end


def test_participle_after_a_speech_verb_takes_its_bare_name_subject():
    text = ("قالت منسقة الإغاثة، سلمى يوسف، إن الوضع صعب. وكان رئيس الوزراء قد أعلن أن الحكومة سترسل مساعدات. "
            "وختمت يوسف كلمتها قائلة: «لن نترك هؤلاء الناس وحدهم في هذا الشتاء».")
    quotes = run(text).quotes
    assert quotes[-1].text == "لن نترك هؤلاء الناس وحدهم في هذا الشتاء"
    assert span(quotes[-1].speaker) == at(text, "يوسف", 1)
    assert quotes[-1].speaker.name == "سلمى يوسف"


def test_speech_verb_with_preposition_keeps_the_subject_only():
    text = "ورد المتحدث على أسئلة الصحفيين قائلا إن الحكومة لن تستقيل."
    q = only(run(text))
    assert q.text == "الحكومة لن تستقيل"
    assert span(q.speaker) == at(text, "المتحدث")


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("وبحسب تقرير صادر عن منظمة العمل الدولية يوم الاثنين 3 مارس 2025، خسر 40 ألف عامل وظائفهم.",
         "تقرير صادر عن منظمة العمل الدولية", "خسر 40 ألف عامل وظائفهم"),
        ("ووفقا لبيان صادر عن وزارة الداخلية، أوقفت الشرطة 12 مشتبها.",
         "بيان صادر عن وزارة الداخلية", "أوقفت الشرطة 12 مشتبها"),
        ("وبحسب دراسة نشرتها مجلة لانسيت الأسبوع الماضي، تراجعت نسبة التدخين.",
         "دراسة نشرتها مجلة لانسيت", "تراجعت نسبة التدخين"),
    ],
)
def test_according_to_a_document_issued_by_someone(text, speaker, content):
    q = only(run(text))
    assert q.text == content and q.kind == "indirect"
    assert span(q.speaker) == at(text, speaker)
    assert q.chain[0].kind == "document"


def test_short_form_of_a_person_carries_the_full_name():
    text = ("وأكد وزير الزراعة، كريم المصري، أن المحصول تراجع. وتابع المصري أن الأسعار سترتفع. "
            "وأضاف المصري أن الحكومة ستستورد القمح.")
    quotes = run(text).quotes
    assert [q.speaker.text for q in quotes] == ["وزير الزراعة، كريم المصري", "المصري", "المصري"]
    assert [q.speaker.name for q in quotes] == ["كريم المصري"] * 3
    assert [q.chain[0].kind for q in quotes] == ["person"] * 3


def test_estimate_verb_with_a_measured_object_and_a_document_channel():
    text = ("وزعم ناشطون أن الآلاف عالقون، بينما قدرت مصادر مطلعة أعداد العالقين بين 5 و8 آلاف. "
            "وقدرت الأمم المتحدة في تقريرها السنوي الصادر في 3 مارس 2024 عدد اللاجئين بنحو 1.2 مليون شخص.")
    quotes = run(text).quotes
    assert [q.text for q in quotes] == [
        "الآلاف عالقون", "أعداد العالقين بين 5 و8 آلاف", "عدد اللاجئين بنحو 1.2 مليون شخص"]
    assert [q.speaker.text for q in quotes] == ["ناشطون", "مصادر مطلعة", "الأمم المتحدة"]
    assert span(quotes[2].channel) == at(text, "في تقريرها السنوي الصادر في 3 مارس 2024")
    assert run("وقدر الحضور بالمئات في القاعة الكبرى.").quotes == []  # no number: not an estimate report


def test_object_after_the_verb_is_not_the_subject():
    text = "ونفى السفير الفرنسي جان دوبوا علمه بالصفقة قائلا إنه لم يطلع على العقد."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["علمه بالصفقة", "لم يطلع على العقد"]
    assert all(span(q.speaker) == at(text, "السفير الفرنسي جان دوبوا") for q in quotes)
    q = only(run("أعلنت وزارة النقل تعليق الرحلات."))
    assert q.text == "تعليق الرحلات" and q.speaker.text == "وزارة النقل"


def test_pledge_with_ba_complement_after_amma():
    text = "وقالت فرنسا إنها ستقدم 20 مليون يورو، أما اليابان فتعهدت بتقديم قروض قيمتها 3 مليارات دولار."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["ستقدم 20 مليون يورو", "بتقديم قروض قيمتها 3 مليارات دولار"]
    assert [q.speaker.text for q in quotes] == ["فرنسا", "اليابان"]


def test_sentence_initial_kama_continues_the_last_speaker():
    text = ("وقال فيليب مارتان إن الحصيلة مذهلة.\n"
            "كما أدان القانون «الجائر» الذي أقره البرلمان، مشيرا إلى أن الطعون سترتفع.\n"
            "كما أعلنت وزارة العدل تعديل القانون.")
    quotes = run(text).quotes
    assert [q.text for q in quotes] == [
        "الحصيلة مذهلة", "القانون «الجائر» الذي أقره البرلمان", "الطعون سترتفع", "تعديل القانون"]
    assert [q.speaker.text for q in quotes] == ["فيليب مارتان"] * 3 + ["وزارة العدل"]


def test_according_to_inside_a_clause_and_repeated_quote_and_writer_context():
    text = ("وقالت الحكومة إن الإنتاج بلغ مليون طن وهو بحسب المنظمة أدنى مستوى في عشرين عاما. "
            'وتعهد البنك بـ"ضخ السيولة اللازمة" من أجل الاستقرار. كما تعهد بـ"ضخ السيولة اللازمة". '
            'وأكد البنك أنه سيخفض الفائدة "بشكل تدريجي" في وقت تتراجع فيه العملة.')
    quotes = run(text).quotes
    assert [q.text for q in quotes] == [
        "الإنتاج بلغ مليون طن", "أدنى مستوى في عشرين عاما", "ضخ السيولة اللازمة",
        'سيخفض الفائدة "بشكل تدريجي"']
    assert quotes[1].speaker.text == "المنظمة" and quotes[1].cue.text == "بحسب"


def test_short_quoted_terms_after_talk_verbs_and_verbal_nouns():
    text = ('"المفوضية" تعلق برامجها.. وتتحدث عن "كارثة إنسانية"\n'
            'وقالت صحيفة «الصباح» المستقلة إن الوضع متوتر، لكن وكالة الأنباء الرسمية تحدثت عن «احتجاجات محدودة».\n'
            'وعاد السكان بعد إعلان الجيش "تطهير" البلدة من المسلحين.')
    quotes = run(text).quotes
    by_text = {q.text: q for q in quotes}
    assert by_text["كارثة إنسانية"].speaker.text == '"المفوضية"'
    assert by_text["كارثة إنسانية"].cue.text == "تتحدث عن" and by_text["كارثة إنسانية"].kind == "direct"
    assert by_text["احتجاجات محدودة"].speaker.text == "وكالة الأنباء الرسمية"
    assert by_text['"تطهير" البلدة من المسلحين'].speaker.text == "الجيش"
    assert by_text['"تطهير" البلدة من المسلحين'].cue.text == "إعلان"


FIXTURES = Path(__file__).parent / "fixtures"


def test_english_paragraph_with_speaker_after_quote_and_continuations():
    text = (FIXTURES / "quotes_en_floods.txt").read_text(encoding="utf-8")
    analysis = run(text, lang="en")
    got = [(q.text, q.speaker.text, q.kind) for q in analysis.quotes]
    assert got == [
        ("Heavy rain has forced more than 12,000 people from their homes", "the regional governor", "indirect"),
        ("We have never seen water rise this fast", "Governor Maria Lopez", "direct"),
        ("Entire villages are cut off", "Governor Maria Lopez", "direct"),
        ("rescue teams had reached 40 villages by nightfall", "Lopez", "indirect"),
        ("At least 15 people have died", "the Red Cross", "indirect"),
    ]
    assert [q.speaker.name for q in analysis.quotes[1:4]] == ["Maria Lopez"] * 3  # the short form names its long form
    assert [q.cue.text if q.cue else None for q in analysis.quotes] == ["said", "told", None, "added", "according to"]
    assert [(s.text, s.kind) for s in analysis.sources] == [
        ("the regional governor", "person"), ("Governor Maria Lopez", "person"), ("the Red Cross", "organization")]


def test_english_paragraph_with_anonymous_officials_pronoun_and_document():
    text = (FIXTURES / "quotes_en_talks.txt").read_text(encoding="utf-8")
    analysis = run(text, lang="en")
    got = [(q.text, q.speaker.text) for q in analysis.quotes]
    assert got == [
        ("Negotiators failed to agree on a prisoner exchange", "officials who asked not to be named"),
        ("The gap is still wide", "David Chen, a spokesman for the mediation team"),
        ("the next round would start in March", "David Chen, a spokesman for the mediation team"),  # «He said»
        ("talks had collapsed", "The foreign ministry"),
        ("300 fighters remain in custody", "a statement released by the rebels"),
    ]
    assert analysis.quotes[0].chain[1].text == "The Associated Press"
    assert analysis.quotes[1].speaker.name == "David Chen"
    assert sorted((s.text, s.kind) for s in analysis.sources) == sorted([
        ("officials who asked not to be named", "anonymous"), ("The Associated Press", "media"),
        ("David Chen, a spokesman for the mediation team", "person"), ("The foreign ministry", "organization"),
        ("a statement released by the rebels", "document"),
    ])


def test_quoted_verdict_of_a_judgement_verb_and_outlet_names():
    text = "وهي جماعة اعتبرها الاتحاد الأفريقي حتى عام 2010 «متمردة» والأمم المتحدة حتى العام 2012."
    q = only(run(text))
    assert q.kind == "direct" and q.text == "متمردة" and q.speaker.text == "الاتحاد الأفريقي"
    text = "وقال الوزير بحسب هافنغتون بوست عربي إن العلاقات قائمة."
    assert ("هافنغتون بوست عربي", "media") in [(s.text, s.kind) for s in run(text).sources]


def test_english_wire_story_dateline_statement_and_spokesperson():
    text = (FIXTURES / "quotes_en_wire.txt").read_text(encoding="utf-8")
    analysis = run(text, lang="en")
    got = [(q.text, q.speaker.text, q.kind) for q in analysis.quotes]
    assert got == [
        ("Lebanon's government will cut fuel subsidies next month", "the finance ministry", "indirect"),
        ("We have no other choice", "Finance Minister Karim Haddad", "direct"),
        ("the central bank's reserves had fallen below $10 billion", "Finance Minister Karim Haddad", "indirect"),
        ("the lender was ready to support a reform plan", "A spokesperson for the World Bank", "indirect"),
        ("the cuts will save $2 billion a year", "a ministry statement", "indirect"),
    ]
    assert analysis.quotes[0].channel.text == "in a statement"  # «said in a statement on Monday»
    assert analysis.quotes[1].speaker.name == "Karim Haddad" and analysis.quotes[1].speaker.role == "Finance Minister"
    assert [(s.text, s.kind) for s in analysis.sources] == [
        ("the finance ministry", "organization"), ("Finance Minister Karim Haddad", "person"),
        ("A spokesperson for the World Bank", "anonymous"), ("a ministry statement", "document"),
    ]  # neither BEIRUT nor the dateline's (AP) is a source


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("فاس - قال المسؤول إن المشروع سينطلق الشهر المقبل.", "المسؤول", "المشروع سينطلق الشهر المقبل"),
        ("الرياض (واس) - أعلن وزير الصحة أن الحملة ستشمل جميع المناطق.", "وزير الصحة", "الحملة ستشمل جميع المناطق"),
        ("بيروت – «الشرق الأوسط»: قال مصدر حكومي إن الجلسة تأجلت.", "مصدر حكومي", "الجلسة تأجلت"),
        ("عنوان الخبر\nالدار البيضاء - أكدت الوزارة أن الموسم ناجح.", "الوزارة", "الموسم ناجح"),
        ("GENEVA, Switzerland (Reuters) - The agency said the talks would resume on Monday.", "The agency",
         "the talks would resume on Monday"),
        ("WASHINGTON — Officials said the embassy would reopen.", "Officials", "the embassy would reopen"),
        ("NEW YORK (AP) — The company said it would cut jobs.", "The company", "it would cut jobs"),
        ("دمشق - سانا - أعلنت وزارة الصحة أن اللقاح متوفر.", "وزارة الصحة", "اللقاح متوفر"),
        ("الرباط - (ماب) - قال وزير الفلاحة إن الموسم جيد.", "وزير الفلاحة", "الموسم جيد"),
        ("جدة: عبدالله الغامدي - قال مدير الصحة إن الحالات تراجعت.", "مدير الصحة", "الحالات تراجعت"),
        ("فاس - قال المسؤول: المشروع سينطلق الشهر المقبل.", "المسؤول", "المشروع سينطلق الشهر المقبل"),
    ],
)
def test_a_paragraph_initial_dateline_is_never_the_speaker(text, speaker, content):
    analysis = run(text)
    q = only(analysis)
    assert (q.speaker.text, q.text) == (speaker, content)
    assert [s.text for s in analysis.sources] == [speaker]  # the bracketed agency is the outlet, not a source


def test_a_dash_inside_a_sentence_is_no_dateline():
    text = 'وكان الحزبان - "حزب النور" و"حزب الوفد" قد نفيا أن يكون الاتفاق قد وقع.'
    assert only(run(text)).speaker.text == 'الحزبان - "حزب النور" و"حزب الوفد"'


def test_role_and_name_without_complementizer_stop_before_the_reported_clause():
    text = "وقال وزير المالية جورج خوري الحكومة ستدفع الرواتب في موعدها. وأضاف خوري أن العجز سيتراجع."
    quotes = run(text).quotes
    assert [(q.speaker.text, q.text) for q in quotes] == [
        ("وزير المالية جورج خوري", "الحكومة ستدفع الرواتب في موعدها"), ("خوري", "العجز سيتراجع")]
    assert quotes[0].speaker.name == "جورج خوري" and quotes[0].speaker.role == "وزير المالية"
    assert quotes[1].speaker.name == "جورج خوري"
    text = "وأعلن وزير الطاقة إطلاق مناقصة جديدة."  # no name: the object starts right after the role
    assert [(q.speaker.text, q.text) for q in run(text).quotes] == [("وزير الطاقة", "إطلاق مناقصة جديدة")]


def test_demands_are_indirect_quotes_but_a_bare_criticism_is_not():
    text = ("وطالب الاتحاد العام للشغل بزيادة الأجور، مطالبا بإعادة فتح المفاوضات. "
            "ودعا رئيس الحكومة إلى وقف التصعيد فورا. وانتقد النائب الخطة.")
    quotes = run(text).quotes
    assert [(q.text, q.speaker.text, q.cue.text, q.kind) for q in quotes] == [
        ("بزيادة الأجور", "الاتحاد العام للشغل", "طالب", "indirect"),
        ("بإعادة فتح المفاوضات", "الاتحاد العام للشغل", "مطالبا", "indirect"),
        ("وقف التصعيد فورا", "رئيس الحكومة", "دعا", "indirect"),
    ]
    text = "وطالب القرار الدول المجاورة بتفتيش الشحنات المتجهة إلى اليمن."
    assert run(text).quotes == []  # the terms of a resolution, not something said


def test_channel_with_a_possessed_document_is_not_part_of_the_speaker():
    q = only(run("وقال البنك المركزي في تقريره الشهري إن التضخم تراجع."))
    assert q.speaker.text == "البنك المركزي" and q.channel.text == "في تقريره الشهري"


def test_honorific_pronoun_subjects_are_the_person_named_before():
    text = ("أكد الأمير فيصل بن سلمان أمير منطقة المدينة المنورة أن المشروع يخدم الزوار. "
            "وأوضح سموه أن العمل سيبدأ قريبا. وبين معاليه أن التكلفة مرتفعة.")
    analysis = run(text)
    named = at(text, "الأمير فيصل بن سلمان أمير منطقة المدينة المنورة")
    assert [span(q.speaker) for q in analysis.quotes] == [named] * 3
    assert [s.text for s in analysis.sources] == ["الأمير فيصل بن سلمان أمير منطقة المدينة المنورة"]


def test_channel_after_a_comma_emphatic_source_and_plural_subject_of_a_participle():
    text = "وأوضحت المندوبية، في مذكرة إخبارية، أن عدد العاطلين ارتفع."
    q = only(run(text))
    assert q.speaker.text == "المندوبية" and q.channel.text == "في مذكرة إخبارية"
    text = "وحسب المعطيات ذاتها، فإن البطالة بلغت 17 في المائة."
    q = only(run(text))
    assert q.speaker.text == "المعطيات ذاتها" and q.text == "البطالة بلغت 17 في المائة"
    text = "وقال مصدر في الوزارة إن الخطة جاهزة. وانتقد نواب في البرلمان أداء الحكومة، مطالبين بمحاسبة المسؤولين."
    quotes = run(text).quotes
    assert [(q.text, q.speaker.text) for q in quotes] == [
        ("الخطة جاهزة", "مصدر في الوزارة"), ("بمحاسبة المسؤولين", "نواب")]


def test_role_with_coordinated_ministry_and_name_splits_role_from_name():
    q = only(run("وأكد وزير الاقتصاد والتجارة اللبناني أمين سلام أن الأسعار ستنخفض."))
    assert q.speaker.role == "وزير الاقتصاد والتجارة اللبناني" and q.speaker.name == "أمين سلام"


def test_english_relative_clause_subject_participle_and_titled_names():
    text = (FIXTURES / "quotes_en_rates.txt").read_text(encoding="utf-8")
    analysis = run(text, lang="en")
    got = [(q.text, q.speaker.text, q.kind) for q in analysis.quotes]
    assert got == [
        ("the government expects growth to slow", "A ministry spokesman", "indirect"),
        ("This is a painful but necessary step", "Hassan Abdalla, the bank's governor", "direct"),
        ("it would help stabilize the currency", "The International Monetary Fund", "indirect"),
        ("talks on a new loan were progressing", "IMF spokeswoman Julie Kozack", "indirect"),
        ("the move had been widely expected", "Analysts", "indirect"),
    ]
    assert analysis.quotes[3].speaker.name == "Julie Kozack"
    assert [(s.text, s.kind) for s in analysis.sources] == [
        ("A ministry spokesman", "anonymous"), ("Hassan Abdalla, the bank's governor", "person"),
        ("The International Monetary Fund", "organization"), ("IMF spokeswoman Julie Kozack", "person"),
        ("Analysts", "anonymous"),
    ]  # CAIRO and the dateline's (AP) are neither speakers nor sources


def test_outlet_told_without_a_preposition_is_the_channel_not_the_subject():
    text = "وفي مايو أبلغ مسؤولون حكوميون رويترز أنهم يتوقعون ارتفاع الإنتاج."
    analysis = run(text)
    q = only(analysis)
    assert q.speaker.text == "مسؤولون حكوميون" and q.channel.text == "رويترز"
    assert [(s.text, s.kind) for s in analysis.sources] == [("مسؤولون حكوميون", "anonymous")]


def test_according_to_what_an_outlet_reported():
    q = only(run("وبحسب ما أفادت به وكالة الأنباء الرسمية، فإن الاجتماع انتهى دون اتفاق."))
    assert (q.text, q.speaker.text, q.kind) == ("الاجتماع انتهى دون اتفاق", "وكالة الأنباء الرسمية", "indirect")


def test_prepositional_complement_is_not_the_speaker_and_a_bare_demonstrative_is_no_content():
    q = only(run("وأعرب الوزير عن أمله في أن تنجح المفاوضات."))
    assert (q.speaker.text, q.text) == ("الوزير", "تنجح المفاوضات")
    text = "وأكدت مصادر دبلوماسية أن الزيارة ستتم الأسبوع المقبل، فيما نفت الخارجية ذلك."
    assert [q.text for q in run(text).quotes] == ["الزيارة ستتم الأسبوع المقبل"]


def test_english_subject_before_a_participle_clause_and_told_reporters_that():
    q = only(run("Officials, speaking on condition of anonymity, said the talks had stalled.", lang="en"))
    assert (q.speaker.text, q.text) == ("Officials", "the talks had stalled")
    q = only(run("Haddad told reporters that the plan would be presented to parliament.", lang="en"))
    assert (q.speaker.text, q.text) == ("Haddad", "the plan would be presented to parliament")


def test_particles_negations_and_pronouns_are_never_speakers():
    text = "وقال المسؤول إن الوضع هادئ، مما يؤكد أن الخطة نجحت."
    analysis = run(text)
    q = only(analysis)  # «مما يؤكد أن»: the writer's inference, no speaker; it still ends the official's words
    assert (q.text, q.speaker.text) == ("الوضع هادئ", "المسؤول")
    assert [s.text for s in analysis.sources] == ["المسؤول"]
    text = "لم تعلن المعابر الحدودية عن موعد افتتاح الإجازات."
    assert span(only(run(text)).speaker) == at(text, "المعابر الحدودية")
    text = ("نشرت مجلة فوربس تصريحات لمتحدث باسم الممثل، أدلى بها لقناة \"فوكس نيوز\" و\"إن بي سي نيوز\"، "
            "نفى فيها وجود محادثات مع شركة \"ديزني\" لعودة الممثل.")
    q = only(run(text))  # «نفى فيها»: «in which» he denied; neither «فيها» nor the quoted channel name is the quote
    assert q.speaker is None and q.cue.text == "نفى"
    assert span(q) == at(text, "وجود محادثات مع شركة \"ديزني\" لعودة الممثل")


def test_an_adverbial_between_the_verb_and_its_subject_is_skipped():
    text = "وقالت بدورها الوزيرة إن الخطة جاهزة."
    assert span(only(run(text)).speaker) == at(text, "الوزيرة")
    text = ("اتضح أن الصحيفة نقلته من موقع مجلة \"بوب توبيك\"، التي نقلت بدورها الادعاء من \"مصدر قريب من الشركة\" "
            "دون أن تذكره.")
    assert run(text).quotes == []  # «نقلت … من» with «دون أن» reports no words, and «بدورها الادعاء» speaks none


def test_a_relative_pronoun_subject_is_its_antecedent_and_a_verbal_noun_object_is_no_speaker():
    text = ("ونقلت وسائل الإعلام الادعاء من صحيفة \"ديلي ميل\" البريطانية، التي قالت إنه من المقرر أن يعود "
            "الممثل لأداء الشخصية.")
    q = only(run(text))
    assert span(q.speaker) == at(text, "صحيفة \"ديلي ميل\" البريطانية")
    assert q.text == "من المقرر أن يعود الممثل لأداء الشخصية"
    text = "الخطة التي قالت الوزارة إنها ستنفذ الشهر المقبل تأجلت."
    assert span(only(run(text)).speaker) == at(text, "الوزارة")  # a source named after the verb is its subject
    assert run("والتزم الوزير بالاتفاق الذي أعلنه الرئيس أمس.").quotes == []  # «أعلنه»: the antecedent is the object
    text = ("أجرى الفريق بحثا للتحقق من صحة الادعاء الذي يزعم إعلان \"موعد افتتاح إجازات عيد الفطر للسوريين في "
            "تركيا\"، فتبين أنه غير صحيح.")
    q = only(run(text))  # «فتبين أنه» (it turned out) is impersonal
    assert (q.kind, q.speaker) == ("direct", None)
    assert span(q) == at(text, "موعد افتتاح إجازات عيد الفطر للسوريين في تركيا")
    text = "وقال المعبر في بيان إن الإجازات لم تحدد بعد. ونفى صحة الادعاء المتداول حول افتتاح المعابر."
    quotes = run(text).quotes
    assert [q.speaker.text for q in quotes] == ["المعبر", "المعبر"]
    assert quotes[1].text == "صحة الادعاء المتداول حول افتتاح المعابر"


def test_read_also_marker_is_no_reporting_cue():
    assert run("اقرأ أيضًا: هذا البيان مفبرك ولا صحة لاستقالة رئيس الهيئة.").quotes == []
    assert run("إقرأ أيضاً: «الوزير يستقيل من منصبه بعد الفضيحة الكبرى»").quotes == []
    text = "وقال المسؤول إن الوضع هادئ في المدينة،  اقرأ أيضا: «الوزير يستقيل من منصبه بعد الفضيحة الكبرى»"
    assert [q.text for q in run(text).quotes] == ["الوضع هادئ في المدينة"]


@pytest.mark.parametrize("text, speaker, content", [
    ("ولا يظهر المقطع ضيفًا أحرج الرئيس في لقاء حديث بحسب وكالة فرانس برس –بدون تصرف-: «يصوت الأمريكيون في "
     "الخامس من نوفمبر لانتخاب رئيس جديد».", "وكالة فرانس برس", "يصوت الأمريكيون في الخامس من نوفمبر لانتخاب رئيس جديد"),
    ("وقال المسؤول إن الوضع هادئ. كما ظهر المنتج في المشهد الأخير، وبحسب موقع ABC NEWS ضمن تقريرٍ عن المقابلة "
     "بتاريخ 25 سبتمبر 2024: «جلس بايدن مع المضيفين لمدة نصف ساعة تقريبا».", "موقع ABC NEWS",
     "جلس بايدن مع المضيفين لمدة نصف ساعة تقريبا"),
    ("وتراجعت الأسعار أمس، نقلا عن صحيفة الغارديان: \"الحكومة ستعلن خطة جديدة للدعم\".", "صحيفة الغارديان",
     "الحكومة ستعلن خطة جديدة للدعم"),
], ids=["bihasb-after-a-clause", "wa-bihasb-with-report-and-date", "naqlan-an"])
def test_according_to_x_then_a_colon_and_a_quotation_is_a_direct_quote_of_x(text, speaker, content):
    quotes = [q for q in run(text).quotes if q.cue is None or q.cue.text != "قال"]
    assert len(quotes) == 1, [q.text for q in quotes]  # the clause before «بحسب» is not X's content
    q = quotes[0]
    assert (q.kind, q.cue.strength) == ("direct", "neutral")
    assert span(q.speaker) == at(text, speaker)
    assert span(q) == at(text, content)


def test_a_connector_before_the_verb_is_no_speaker_and_keeps_the_quote():
    # «وبالتالي» ("and so") is no speaker, and the quotation after it is still reported speech
    text = ("ويرفض الناشط هذه الاتهامات، وقد عمل مع الوزارة مدة 15 سنة، "
            "وبالتالي يؤكد: «مذكرة الاعتقال هي بسبب الفيديو ليس إلا».")
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["مذكرة الاعتقال هي بسبب الفيديو ليس إلا"], quotes
    assert quotes[0].speaker is None or "بالتالي" not in quotes[0].speaker.text


@pytest.mark.parametrize(("text", "name"), [
    ("وقال المتحدث باسم الممثل جوني ديب إن الخبر غير صحيح.", None),
    ("وقال المتحدث باسم الرئيس الروسي فلاديمير بوتين إن الاجتماع ممكن.", None),
    ("وقال المتحدث باسم الرئيس الروسي دميتري بيسكوف إن الاجتماع ممكن.", "Dmitry Peskov"),
    ("وقال المتحدث باسم الحكومة سامي العلي إن الاجتماع ممكن.", "سامي العلي"),
])
def test_a_spokesman_is_not_the_person_he_speaks_for(text, name):
    analysis = Pipeline()(Document(id="t", text=text, published=dt.date(2023, 6, 1)))
    assert offset_errors(analysis, text) == []
    speaker = analysis.quotes[0].speaker
    assert speaker is not None and speaker.name == name, speaker


def test_a_straight_mark_with_a_space_before_and_a_word_after_opens_a_nested_quotation():
    text = 'وقال الوزير إنه "العقد الأكبر في تاريخ شركة "أفق". وأضاف أن "الصفقة تعكس الثقة بالصناعة".'
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ['العقد الأكبر في تاريخ شركة "أفق"', "الصفقة تعكس الثقة بالصناعة"]
    assert [span(q.speaker) for q in quotes] == [at(text, "الوزير")] * 2
    text = 'وقال الوزير: "هذا أمر "مهم" جدا" في المؤتمر.'
    assert only(run(text)).text == 'هذا أمر "مهم" جدا'
