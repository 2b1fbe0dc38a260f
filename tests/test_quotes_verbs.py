"""Reporting verbs whose content is not an أن-clause, and false cues (issue 16, class 1): sentences written for
the test, exact offsets.

Accusations, threats, condemnations and demands report their ب-complement (with the object the verb names:
«اتهمت X Y بـ…» reports «Y بـ…»); a verb that only carries, shows or points is no cue («نقل الجرحى إلى …»,
«كشفت الشرطة عن أسماء …», «الأدلة تشير إلى …»); the writer's context after a comma («، وذلك ردا على …»)
is not part of what was said.
"""

from __future__ import annotations

import pytest

from stages import entity_at, run_stages
from test_quotes import at, only, run, span


def test_an_accusation_reports_its_object_and_complement():
    text = "اتهمت نقابة الصحفيين، الاثنين، وزارة الإعلام بالتضييق على المراسلين."
    q = only(run(text))
    assert span(q.speaker) == at(text, "نقابة الصحفيين")
    assert span(q) == at(text, "وزارة الإعلام بالتضييق على المراسلين")
    assert span(q.cue) == at(text, "اتهمت") and q.cue.strength == "doubting"
    text = "شركة الطيران تتهم المطار بـ\"الإهمال\" في الصيانة"
    q = only(run(text))
    assert span(q.speaker) == at(text, "شركة الطيران")
    assert span(q) == at(text, "المطار بـ\"الإهمال\" في الصيانة")
    text = "ويتهم مزارعون محليون الشركة بتلويث مياه النهر."
    q = only(run(text))
    assert span(q.speaker) == at(text, "مزارعون محليون")
    assert span(q) == at(text, "الشركة بتلويث مياه النهر")


def test_the_second_definite_noun_after_a_judgement_verb_is_its_object():
    text = "ووصفت الرئاسة القرار بأنه خطوة متسرعة."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الرئاسة")
    assert span(q) == at(text, "القرار بأنه خطوة متسرعة")
    text = "وأدانت الجامعة العربية القصف على الأحياء السكنية."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الجامعة العربية")
    assert span(q) == at(text, "القصف على الأحياء السكنية")
    text = "وأدانت القوات المسلحة الهجوم."  # a participle adjective goes on with the name
    assert span(only(run(text)).speaker) == at(text, "القوات المسلحة")


def test_threats_condemnations_and_vows_report_their_ba_complement():
    text = "وهدد رئيس الاتحاد، سامر الخطيب، الأحد بالانسحاب من البطولة."
    q = only(run(text))
    assert span(q.speaker) == at(text, "رئيس الاتحاد، سامر الخطيب")
    assert span(q) == at(text, "بالانسحاب من البطولة")
    assert span(q.cue) == at(text, "هدد") and q.cue.strength == "assertive"
    text = "البرلمان يهدد بحجب الثقة عن الحكومة"
    q = only(run(text))
    assert span(q.speaker) == at(text, "البرلمان") and span(q) == at(text, "بحجب الثقة عن الحكومة")
    text = "ونددت الخارجية الأربعاء بالاعتداء على السفارة."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الخارجية") and span(q) == at(text, "بالاعتداء على السفارة")
    text = "وتوعد قائد الشرطة بملاحقة المتورطين."
    q = only(run(text))
    assert span(q.speaker) == at(text, "قائد الشرطة") and span(q) == at(text, "بملاحقة المتورطين")


def test_a_threatening_thing_is_no_speaker():
    assert run("الجفاف يهدد المحاصيل في الجنوب.").quotes == []


def test_a_demand_participle_with_its_object():
    text = "وقال المحافظ إن الوضع مستقر، مطالبا السكان \"بالبقاء في منازلهم\"."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["الوضع مستقر", "السكان \"بالبقاء في منازلهم\""]
    assert span(quotes[1].speaker) == at(text, "المحافظ")


def test_a_demand_joined_by_wa_keeps_the_sentence_subject():
    text = "وزار رئيس الوزراء المعبر وطالب الأمم المتحدة بزيادة المساعدات."
    q = only(run(text))
    assert span(q.speaker) == at(text, "رئيس الوزراء")
    assert span(q) == at(text, "الأمم المتحدة بزيادة المساعدات")


def test_carrying_revealing_and_pointing_are_not_always_reporting():
    assert run("ونقل المصابون إلى مستشفى المدينة عن طريق الهلال الأحمر.").quotes == []
    assert run("وكشفت الشرطة عن أسماء الموقوفين وأعمارهم.").quotes == []
    assert run("الاستخبارات تكشف حقيقة اختفاء الطائرة").quotes == []
    assert run("والأدلة تشير إلى أن الحريق متعمد.").quotes == []
    text = "وكشفت الوزارة عن ارتفاع عدد المصابين إلى 40."  # a verbal noun: a nominal report
    q = only(run(text))
    assert span(q.speaker) == at(text, "الوزارة") and span(q) == at(text, "ارتفاع عدد المصابين إلى 40")
    text = "ونقلت وكالة الأنباء عن مصدر عسكري أن الطريق مغلق."
    q = only(run(text))
    assert span(q.speaker) == at(text, "مصدر عسكري")
    assert [link.text for link in q.chain[:2]] == ["مصدر عسكري", "وكالة الأنباء"]


def test_relay_forms_with_a_pronoun_agree():
    for form in ("نقلها", "نقلتها", "نقله"):
        text = f"وقال المدير في تصريحات {form} موقع الجزيرة إن العدد ارتفع."
        q = only(run(text))
        assert span(q.speaker) == at(text, "المدير"), form
        assert span(q) == at(text, "العدد ارتفع"), form
        assert span(q.channel) == at(text, f"في تصريحات {form} موقع الجزيرة"), form


def test_the_writers_context_after_a_comma_is_cut():
    text = "وحذرت الحكومة من أنها سترد بقوة، وذلك ردا على تهديدات الجماعة."
    q = only(run(text))
    assert span(q) == at(text, "سترد بقوة")
    text = "وأكد الاتحاد أنه يثق بقدرة المنظمين، رغم أعمال الشغب الأخيرة."
    assert span(only(run(text))) == at(text, "يثق بقدرة المنظمين")


def test_a_short_quoted_name_inside_a_channel_is_not_the_content():
    text = "وأوضح الوزير في مقابلة مع إذاعة \"صوت المدينة\" المحلية، وجود خطة لإعادة الإعمار."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الوزير")
    assert span(q) == at(text, "وجود خطة لإعادة الإعمار")


def test_a_hedge_with_kama_is_no_report():
    text = "وحول محاولة بعض الأطراف، كما وصفها، استغلال الأزمة في الأسواق، قال النائب، \"الحقيقة ستظهر قريبا للجميع\"."
    q = only(run(text))
    assert span(q.speaker) == at(text, "النائب") and span(q) == at(text, "الحقيقة ستظهر قريبا للجميع")


def test_a_view_verb_reports_a_quotation_after_its_subject():
    text = "ويرى محافظ البنك المركزي \"التضخم سيتراجع خلال الأشهر المقبلة\"."
    q = only(run(text))
    assert q.kind == "direct" and span(q.speaker) == at(text, "محافظ البنك المركزي")
    assert span(q) == at(text, "التضخم سيتراجع خلال الأشهر المقبلة")
    assert run("ويرى الزائر \"لوحات\" قديمة في القاعة.").quotes == []  # a short quotation: seeing, not saying


def test_what_a_statement_revealed_is_no_claim_of_its_own():
    text = "ونشرت المجلة حوارا مطولا معها، كشفت خلاله ما جرى في تلك الليلة."
    assert run(text).quotes == []


def test_the_object_of_an_accusation_starts_where_the_subject_is_complete():
    cases = [
        ("واتهمت قطر السعودية بعرقلة الحج.", "قطر", "السعودية بعرقلة الحج"),  # two states
        ("واتهم الرئيس الديمقراطيين بتعطيل الإصلاح.", "الرئيس", "الديمقراطيين بتعطيل الإصلاح"),  # a plural after
        ("اتهمت نقابة المعلمين وزارة التربية بالمماطلة.", "نقابة المعلمين", "وزارة التربية بالمماطلة"),
        ("واتهمت جماعة الإخوان المسلمين الحكومة بالتضييق.", "جماعة الإخوان المسلمين", "الحكومة بالتضييق"),
    ]
    for text, speaker, said in cases:
        q = only(run(text))
        assert (span(q.speaker), span(q)) == (at(text, speaker), at(text, said)), text


def test_adjectives_of_a_subject_are_not_its_object():
    for text, speaker in (
        ("وتعهدت الجهات المانحة الأربعاء بتقديم مساعدات.", "الجهات المانحة"),
        ("وأعرب الحبر الأعظم عن حزنه.", "الحبر الأعظم"),
        ("وأعلنت الهيئة التابعة للوزارة تعليق عملها.", "الهيئة التابعة للوزارة"),
    ):
        assert span(only(run(text)).speaker) == at(text, speaker), text
    text = "ودعت الحكومة الأميركية المستهلكين إلى تجنب الخس."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الحكومة الأميركية")
    assert span(q) == at(text, "المستهلكين إلى تجنب الخس")


def test_is_considered_is_no_report_but_an_actor_considering_is():
    assert run("ويعتبر مطار المدينة أكثر المطارات ازدحاما في المنطقة.").quotes == []
    text = "وتعتبر الحكومة القرار خطوة إيجابية."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الحكومة") and span(q) == at(text, "القرار خطوة إيجابية")


def test_a_long_quoted_name_after_an_institutions_head_noun_is_part_of_the_subject():
    text = "وقالت منظمة \"أطباء بلا حدود في الشرق\" إن المستشفى تعرض للقصف."
    q = only(run(text))
    assert span(q.speaker) == at(text, "منظمة \"أطباء بلا حدود في الشرق\"")
    assert span(q) == at(text, "المستشفى تعرض للقصف")
    text = "وقال رئيس الشركة، والذي يبلغ من العمر 70 عاما، إن الأرباح ارتفعت."
    q = only(run(text))
    assert span(q.speaker) == at(text, "رئيس الشركة")


def test_a_witness_who_recounts_reports_but_a_novel_that_tells_a_story_does_not():
    text = "وروت الناجية أن المسلحين أطلقوا النار على الحافلة."
    q = only(run(text))
    assert (span(q.speaker), span(q)) == (at(text, "الناجية"), at(text, "المسلحين أطلقوا النار على الحافلة"))
    assert run("وتروي الرواية قصة عائلة فلسطينية.").quotes == []


def test_welcoming_praising_advising_and_recommending_report_their_complement():
    text = "ورحبت نقابة المعلمين بالقرار الجديد."
    q = only(run(text))
    assert span(q.speaker) == at(text, "نقابة المعلمين")
    assert span(q.cue) == at(text, "رحبت")
    text = "وتوصي منظمة الصحة العالمية بإعطاء اللقاح على جرعتين."
    q = only(run(text))
    assert span(q.speaker) == at(text, "منظمة الصحة العالمية")
    text = "ونصحت الشرطة السائقين بتجنب الطريق الساحلي."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الشرطة")
    assert span(q) == at(text, "السائقين بتجنب الطريق الساحلي")
    text = "وقالت الشركة إن الأرباح تضاعفت. إلا أنها أشادت بالجهود الحكومية."  # «بالـ» right after the verb
    assert [span(q.speaker) for q in run(text).quotes] == [at(text, "الشركة")] * 2
    # no complement: nothing reported; «أبرز» is also «the most prominent»
    assert run("ويشيد الملعب الجديد على أطراف المدينة.").quotes == []
    assert run("وكان أبرز المشاكل نقص المياه في القرى.").quotes == []


def test_in_which_after_a_clause_with_a_pronoun_subject_points_to_the_person_named_before():
    text = "واعتقل الداعية سلمان العودة في أيلول. وقالت المنظمة إنه اعتقل بعد تغريدة قال فيها إن المصالحة ممكنة."
    quotes = run_stages(text, ["times", "entities", "quotes"]).quotes
    assert [q.text for q in quotes] == ["اعتقل بعد تغريدة", "المصالحة ممكنة"]
    assert quotes[1].speaker is not None and quotes[1].speaker.text.startswith("سلمان")  # not «اعتقل بعد تغريدة»


def test_after_a_comma_a_verb_of_demand_keeps_the_sentences_subject_unless_a_speaker_follows():
    text = "وقالت الشرطة إن الطريق مغلق، ونصحت سائقي السيارات بتجنب المنطقة."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "الشرطة")] * 2
    assert span(quotes[1]) == at(text, "سائقي السيارات بتجنب المنطقة")
    text = "وقال الوزير إن الوضع صعب، ودعت الوزارة المواطنين إلى الهدوء."
    assert [span(q.speaker) for q in run(text).quotes] == [at(text, "الوزير"), at(text, "الوزارة")]


def test_a_negated_verb_with_no_an_reports_nothing():
    text = "وقال البيان إن الرئيس استقال، ولم يذكر البيان مكان وجوده أو ظروف اختفائه."
    assert [q.text for q in run(text).quotes] == ["الرئيس استقال"]
    text = "ولم يذكر البيان أن الرئيس استقال."  # with أن it still tells what was (not) said
    assert [q.text for q in run(text).quotes] == ["الرئيس استقال"]


def test_what_a_statement_says_is_said_by_whoever_issued_it():
    text = 'وأعلنت الشركة أن الحسابات اخترقت. وجاء في البيان: "نعمل جاهدين لفهم التفاصيل".'
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "الشركة")] * 2
    text = "وأعلنت الشركة أن الحسابات اخترقت. وجاء في البيان أن التحقيق مستمر."  # a bare statement, then أن
    quotes = run(text).quotes
    assert [(span(q.speaker), q.text) for q in quotes] == [(at(text, "الشركة"), "الحسابات اخترقت"),
                                                          (at(text, "الشركة"), "التحقيق مستمر")]
    text = "وجاء في بيان للمجلس المحلي أن القصف مستمر."
    q = only(run(text))
    assert (span(q.speaker), span(q)) == (at(text, "للمجلس المحلي"), at(text, "القصف مستمر"))


def test_a_verbal_noun_after_a_complete_subject_is_the_object_whatever_its_ending():
    text = "أعلن الاتحاد الجزائري تعيين المدرب الجديد."
    q = only(run(text))
    assert (span(q.speaker), span(q)) == (at(text, "الاتحاد الجزائري"), at(text, "تعيين المدرب الجديد"))


def test_a_demand_after_a_quoted_subject_and_an_adverb():
    text = "وقد طالبت \"نوفا\" سابقا بتعويض قدره مليون دولار."
    q = only(run(text))
    assert q.speaker is not None and "نوفا" in q.speaker.text
    assert span(q) == at(text, "بتعويض قدره مليون دولار")


def test_a_present_cue_with_the_lam_of_outcome_reports_for_the_same_speaker():
    text = "وقال المدير إن الشركة لم تخالف القانون، ليضيف بأنه لا يخشى التحقيق."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["الشركة لم تخالف القانون", "لا يخشى التحقيق"]
    assert [span(q.speaker) for q in quotes] == [at(text, "المدير")] * 2
    text = "وخسر الفريق المباراة ليؤكد المدرب أن الأداء كان سيئا."
    assert span(only(run(text)).speaker) == at(text, "المدرب")


def test_the_object_of_an_attention_idiom_is_no_speaker():
    text = "وتحدث المبعوث عن اللجنة. ولفت الأنظار إلى أن السبب هو الحكومة."
    q = run(text).quotes[-1]
    assert span(q.speaker) == at(text, "المبعوث")
    assert span(q) == at(text, "السبب هو الحكومة")


def test_a_verbal_noun_before_a_quotation_is_the_object_of_a_verb_with_no_subject():
    text = "وقال المحقق إن الشركات مرتبطة بالجماعة. وأكد انتساب \"جميع المستوردين إلى الجماعة\"."
    q = run(text).quotes[-1]
    assert span(q.speaker) == at(text, "المحقق")


def test_a_verbal_noun_written_with_hamza_below_is_no_past_cue():
    text = "وقضت المحكمة بإعدامهم بعد إدانتهم في قتل ضابطين."
    assert run(text).quotes == []
    text = "وأدانتهم المحكمة بقتل ضابطين."
    assert len(run(text).quotes) == 1  # the verb, with hamza above


def test_what_a_named_person_spoke_about_is_no_part_of_his_name():
    text = "وقال العميد سامي حداد إن الجيش تقدم. وقال حداد عن القبض على المتهم: \"نحمل لكم خبرا سارا\"."
    person = entity_at(text, "سامي حداد", "PER")
    q = run_stages(text, ["quotes"], preset={"entities": [person], "times": []}).quotes[-1]
    assert span(q.speaker) == at(text, "حداد", 1)
    assert q.text == "نحمل لكم خبرا سارا"


def test_a_contrast_after_a_comma_opens_the_same_speakers_next_report():
    text = "وقال الوزير إن الاتفاق ممكن في الخريف، إلا أنه قال إن بلاده تستعد لاحتمال الفشل."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["الاتفاق ممكن في الخريف", "بلاده تستعد لاحتمال الفشل"]
    assert [span(q.speaker) for q in quotes] == [at(text, "الوزير")] * 2


def test_one_word_alone_before_an_accusation_is_the_accused():
    text = "وقال التقرير إن الإيرادات ارتفعت. واتهم الحوثيين أيضا بتنفيذ آليات غير قانونية."
    q = run(text).quotes[-1]
    assert span(q.speaker) == at(text, "التقرير")
    text = "واتهمت الحكومة المعارضة بتنفيذ الهجمات."
    assert span(only(run(text)).speaker) == at(text, "الحكومة")  # two words: the accuser, then the accused


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("وتوصل البحث إلى أن ربع الفتيات تعرضن للأذى.", "البحث", "ربع الفتيات تعرضن للأذى"),
        ("ولاحظ الفريق أن الجماعة تسيطر على الواردات.", "الفريق", "الجماعة تسيطر على الواردات"),
        ("وعلقت الرئاسة بأن هذا موقف قديم.", "الرئاسة", "هذا موقف قديم"),
    ],
)
def test_finding_noting_and_commenting_report_with_their_introducer(text, speaker, content):
    q = only(run(text))
    assert span(q.speaker) == at(text, speaker) and q.text == content


def test_expressing_reports_only_with_its_preposition():
    assert len(run("وعبرت المنظمة عن أسفها لسقوط الضحايا.").quotes) == 1
    assert run("وعبروا الحدود إلى تركيا قبل أيام.").quotes == []


def test_a_demand_with_its_subject_before_it_and_a_name_in_brackets():
    text = "والرئيس طالب الحكومة بخفض الأسعار."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الرئيس") and q.text == "الحكومة بخفض الأسعار"
    text = "وكان الرئيس قد طالب منظمة البلدان المصدرة للبترول (أوبك) بخفض الأسعار."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الرئيس") and q.text.endswith("بخفض الأسعار")
