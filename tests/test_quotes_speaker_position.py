"""Where Arabic puts the speaker (issue 16, class 2): sentences written for the test, exact offsets.

A fronted time, an aside between commas, a relative clause before the verb, an auxiliary «مضى/عاد», a topic after
«أما», a subject bounded by «كان» that holds a preposition, an audience addressed with ل: the speaker is the
noun phrase that acts, and a continuation takes it, not the word that stood where a subject usually stands.
"""

from __future__ import annotations

from isnad.core.pipeline import Pipeline
from isnad.model import Document, Entity
from stages import entity_at, run_stages
from test_quotes import at, only, run, span


def test_a_fronted_time_is_no_speaker_and_the_subject_after_the_verb_speaks():
    text = "ومساء الخميس قال المبعوث الأممي هانس غروندبرغ إن الهدنة صامدة."
    q = only(run(text))
    assert span(q.speaker) == at(text, "المبعوث الأممي هانس غروندبرغ")
    assert span(q) == at(text, "الهدنة صامدة")
    text = "وأمس، أعلنت الشرطة توقيف ثلاثة أشخاص."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الشرطة")
    assert span(q) == at(text, "توقيف ثلاثة أشخاص")


def test_an_auxiliary_verb_goes_on_with_the_last_speaker():
    text = ("قالت المدربة سلمى يوسف إن الفريق جاهز. ومضت تقول: \"لن نتراجع عن أهدافنا هذا الموسم\". "
            "وتابعت: \"الجمهور يستحق الفوز\".")
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["الفريق جاهز", "لن نتراجع عن أهدافنا هذا الموسم", "الجمهور يستحق الفوز"]
    speaker = at(text, "المدربة سلمى يوسف")
    assert [span(q.speaker) for q in quotes] == [speaker] * 3
    assert span(quotes[1].cue) == at(text, "تقول")
    text = "ثم عاد النائب المستقل ليقول إن القانون لن يمر. وعاد الوزير يقول إن الموازنة متوازنة."
    q = run(text).quotes[-1]
    assert span(q.speaker) == at(text, "الوزير")
    assert span(q) == at(text, "الموازنة متوازنة")


def test_a_subject_bounded_by_kana_may_hold_a_preposition():
    text = "وكان أكبر مصدر للقمح في المنطقة قد نفى، الأحد، وجود أزمة في المخزون."
    q = only(run(text))
    assert span(q.speaker) == at(text, "أكبر مصدر للقمح في المنطقة")
    assert span(q) == at(text, "وجود أزمة في المخزون")
    text = "وكان في عمّان قد أكد الناطق الرسمي أن المعبر سيفتح."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الناطق الرسمي")  # a phrase after كان that opens with في is no subject


def test_a_relative_clause_before_the_verb_is_not_its_subject():
    text = "وفي الجلسة التي شهدت سجالا حادا، التي كان الوزير أحد أطرافها، أكد النائب سامي حداد أن الاتفاق باطل."
    q = only(run(text))
    assert span(q.speaker) == at(text, "النائب سامي حداد")
    assert span(q) == at(text, "الاتفاق باطل")
    text = "وحول الصفقة التي كان المحافظ طرفا فيها، قال رئيس البلدية إن العقد سليم."
    q = only(run(text))
    assert span(q.speaker) == at(text, "رئيس البلدية")


def test_a_subject_with_an_aside_before_the_verb():
    text = "فوزير الداخلية الليبي، في حديث لإذاعة محلية، قال إن الطريق آمن."
    q = only(run(text))
    assert span(q.speaker) == at(text, "وزير الداخلية الليبي")  # without the conjunction ف
    assert span(q) == at(text, "الطريق آمن")
    text = "رئيسة البرلمان، التي كانت تتحدث أمام الصحفيين، قالت إن الجلسة تأجلت."
    q = only(run(text))
    assert span(q.speaker) == at(text, "رئيسة البرلمان")


def test_the_topic_after_amma_speaks_the_verb_after_its_comma():
    text = "أما نقابة الأطباء، فقالت إن الإضراب مستمر."
    q = only(run(text))
    assert span(q.speaker) == at(text, "نقابة الأطباء")
    assert span(q) == at(text, "الإضراب مستمر")


def test_fronted_phrases_are_not_speakers():
    for opener in ("وتعليقا على ذلك،", "وردا على سؤال،", "وبمناسبة اليوم الوطني،", "وحول موعد الانتخابات،"):
        text = f"{opener} قال الوزير إن الاستعدادات اكتملت."
        q = only(run(text))
        assert span(q.speaker) == at(text, "الوزير"), opener


def test_an_audience_addressed_with_lam_is_the_channel_not_the_speaker():
    text = "وقال أحد المحققين لفرانس برس هذا الأسبوع إن الملف أعيد فتحه."
    q = only(run(text))
    assert span(q.speaker) == at(text, "أحد المحققين")
    assert span(q.channel) == at(text, "لفرانس برس")
    assert span(q) == at(text, "الملف أعيد فتحه")
    text = "وقال الناطق للصحفيين إن الحزمة جاهزة."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الناطق")
    assert span(q.channel) == at(text, "للصحفيين")
    text = "وقالت الوزيرة لوسائل الإعلام المحلية إن الموعد لم يتغير."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الوزيرة")
    assert span(q.channel) == at(text, "لوسائل الإعلام المحلية")
    text = "وقال لبي بي سي الخبير الاقتصادي سمير النمر إن الأسعار سترتفع."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الخبير الاقتصادي سمير النمر")
    assert span(q.channel) == at(text, "لبي بي سي")
    assert [s.text for s in run(text).sources] == ["الخبير الاقتصادي سمير النمر"]  # the addressee is no source


def test_the_author_of_a_statement_speaks_after_fiha():
    text = "ورفعت الجمعية دعوى تتهم فيها البلدية بهدم المنازل، وتطالب فيها بتعويض السكان."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["البلدية بهدم المنازل", "بتعويض السكان"]
    assert [span(q.speaker) for q in quotes] == [at(text, "الجمعية")] * 2
    text = "وأصدرت الهيئة بيانا قالت فيه إن التحقيق مستمر."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الهيئة") and span(q) == at(text, "التحقيق مستمر")
    text = "وذكرت الصحيفة أن الوزير بعث رسالة إلى النواب قال فيها إنه لن يستقيل."
    quotes = run(text).quotes
    assert [(q.text, q.speaker.text) for q in quotes] == [
        ("الوزير بعث رسالة إلى النواب", "الصحيفة"), ("لن يستقيل", "الوزير")]
    # a document published by someone else: the author is not its publisher
    text = "ونشرت المجلة مقابلة مطولة مع مصدر، نفى فيها وجود أي خلاف."
    q = only(run(text))
    assert q.speaker is None


def test_an_attribution_between_commas_covers_its_whole_clause():
    text = "ويحق للمقيمين في الخارج، وفق الهيئة الانتخابية، التصويت في 40 مركزا."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الهيئة الانتخابية")
    assert span(q) == at(text, "يحق للمقيمين في الخارج، وفق الهيئة الانتخابية، التصويت في 40 مركزا")
    text = "وتراجعت الصادرات، علما أن حجم الإنتاج يبلغ، بحسب خبراء، نحو مليون طن، لكنه لا يكفي السوق."
    q = only(run(text))
    assert span(q.speaker) == at(text, "خبراء")
    assert span(q) == at(text, "حجم الإنتاج يبلغ، بحسب خبراء، نحو مليون طن")


def test_a_relaying_outlet_inside_a_verbs_frame_joins_the_chain():
    text = "وقال الوزير للصحفيين الجمعة، وفق ما نقلت الوكالة الرسمية، \"الانتخابات ستجري في موعدها المحدد\"."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الوزير")
    assert span(q) == at(text, "الانتخابات ستجري في موعدها المحدد")
    assert [link.text for link in q.chain[:2]] == ["الوزير", "الوكالة الرسمية"]


def test_a_fronted_day_is_no_speaker_but_a_number_may_start_one():
    text = "ويوم الخميس دعا الرئيس إلى إطلاق سراح المعتقلين."
    assert span(only(run(text)).speaker) == at(text, "الرئيس")
    text = "12 منظمة غير حكومية قالت إن الوضع خطير."
    assert span(only(run(text)).speaker) == at(text, "12 منظمة غير حكومية")


def test_an_apposition_after_the_subject_is_neither_speaker_nor_content():
    text = "وأعلنت سامسونغ، الشركة الكورية العملاقة، الخميس، تسجيل أرباح قياسية."
    q = only(run(text))
    assert span(q.speaker) == at(text, "سامسونغ")
    assert span(q) == at(text, "تسجيل أرباح قياسية")


def test_an_office_after_a_named_subject_is_the_object_of_a_description():
    text = "ووصف جون كينيدي وزير الخارجية الروسي بأنه \"متنمر\"."
    start, end = at(text, "جون كينيدي")
    person = Entity(start=start, end=end, text=text[start:end], label="PER")
    analysis = run_stages(text, ["quotes"], preset={"entities": [person], "times": []})
    q = only(analysis)
    assert span(q.speaker) == (start, end)
    assert span(q) == at(text, "وزير الخارجية الروسي بأنه \"متنمر\"")


def test_a_quoted_adverbial_after_the_name_and_the_name_ali_are_not_cut_wrongly():
    text = "ونفى المدرب \"بشكل قاطع\" كل ما نشر عن رحيله."
    q = only(run(text))
    assert span(q.speaker) == at(text, "المدرب")
    text = "ويقول الباحث الاجتماعي علي نصار \"الشباب يبحثون عن فرص خارج البلاد\"."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الباحث الاجتماعي علي نصار")
    text = "وأكد الوزير علي أهمية الحوار بين الأطراف."  # «علي» written for «على»: a preposition here
    q = only(run(text))
    assert span(q.speaker) == at(text, "الوزير")


def test_the_writers_own_analysis_is_not_the_last_speakers():
    text = ("قال قائد الجيش إن القوات استعادت المدينة. غير أن هذه الرواية تبدو واهية. "
            "ويرى أن الحل العسكري لن ينهي الأزمة.")
    quotes = run(text).quotes
    assert [(q.text, q.speaker.text) for q in quotes] == [("القوات استعادت المدينة", "قائد الجيش")]
    text = ("قال قائد الجيش إن القوات استعادت المدينة. غير أن هذه الرواية تبدو واهية أمام الوقائع. "
            "\"لم يعد هناك ما نخسره في هذه المدينة المنكوبة\".")
    assert [q.text for q in run(text).quotes] == ["القوات استعادت المدينة"]
    text = "قالت الوزيرة إن الخطة جاهزة. وتقول إن التمويل مضمون."  # right after: she goes on
    assert [q.speaker.text for q in run(text).quotes] == ["الوزيرة", "الوزيرة"]


def test_a_quotation_with_no_cue_is_the_person_named_before_it_in_the_sentence():
    text = ("وقال المتحدث باسم الاتحاد إن الترتيبات كافية. وتستضيف روسيا البطولة الصيف المقبل. "
            "ورأى فيها الرئيس الروسي فلاديمير بوتين فرصة للسخرية "
            "بقوله في حينها \"كيف تمكن مشجعونا من هزيمة الآلاف منهم\".")
    start, end = at(text, "فلاديمير بوتين")
    person = Entity(start=start, end=end, text=text[start:end], label="PER")
    quotes = run_stages(text, ["quotes"], preset={"entities": [person], "times": []}).quotes
    assert [(q.text, q.speaker.text) for q in quotes][-1] == ("كيف تمكن مشجعونا من هزيمة الآلاف منهم",
                                                               "فلاديمير بوتين")


def test_a_call_on_an_office_holder_names_the_caller():
    text = ("وقال حداد إن الوضع خطير. ودعا حداد منسقة الشؤون الإنسانية في البلاد، منى سليم، إلى \"التدخل "
            "السريع للإفراج عن السفن المحتجزة\".")
    quotes = run(text).quotes
    assert [q.speaker.text for q in quotes] == ["حداد", "حداد"]


def test_a_description_or_a_time_after_the_name_is_not_the_speaker():
    cases = [
        ('وقال سامي الخطيب، وهو أحد سكان الحي، إن "المياه غمرت الطوابق الأولى".', "سامي الخطيب"),
        ("وقالت منى العلي، وهي محامية العائلة، إن الحكم سيستأنف.", "منى العلي"),
        ("وقال الوزير عقب انتهاء الجلسة إن الاتفاق بات قريبا.", "الوزير"),
        ("وأكد المتحدث قبل بدء المؤتمر أن الوفد سيصل غدا.", "المتحدث"),
    ]
    for text, speaker in cases:
        q = only(run(text))
        assert span(q.speaker) == at(text, speaker), text


def test_a_relative_clause_after_ma_is_no_subject():
    text = 'وكتب في تقريره ما خلص إليه يقول "لا شك أن الحريق كان متعمدا".'
    assert all(q.speaker is None or q.speaker.text != "خلص إليه" for q in run(text).quotes)


def with_times(text: str):
    """Quotes with the times stage run first (no entities): what it finds bounds a speaker."""
    return run_stages(text, ["times", "quotes", "sources"], preset={"entities": []})


def test_a_time_after_the_subject_is_no_part_of_the_speaker():
    text = "وأعلن مكتب الرئاسة مطلع آذار/مارس أن الزيارة تأجلت."
    q = only(with_times(text))
    assert span(q.speaker) == at(text, "مكتب الرئاسة")
    assert span(q) == at(text, "الزيارة تأجلت")


def test_a_date_right_after_the_verb_is_no_speaker_and_the_last_speaker_goes_on():
    text = "قالت وزارة الثقافة إن المهرجان سيقام هذا العام. واقترحت 12 تشرين الأول/أكتوبر موعدا لافتتاحه."
    quotes = with_times(text).quotes
    assert [q.text for q in quotes] == ["المهرجان سيقام هذا العام", "12 تشرين الأول/أكتوبر موعدا لافتتاحه"]
    assert [span(q.speaker) for q in quotes] == [at(text, "وزارة الثقافة")] * 2


def test_a_verbal_noun_after_a_role_is_the_object_not_a_name():
    text = "واقترح الرئيس تنظيم استفتاء على الدستور."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الرئيس")
    assert span(q) == at(text, "تنظيم استفتاء على الدستور")
    text = "وقال الرئيس تبون إن الانتخابات ستجري في موعدها."  # a name after the role stays in the speaker
    assert span(only(run(text)).speaker) == at(text, "الرئيس تبون")
    text = "وقال رئيس تحرير الصحيفة سامي نجار إن القرار خاطئ."  # an indefinite role takes a genitive
    assert span(only(run(text)).speaker) == at(text, "رئيس تحرير الصحيفة سامي نجار")


def test_a_participle_after_a_contrast_takes_the_subject_of_its_clause():
    text = "وكانت الجلسة قد بدأت صباحا، لكن المحامي قاطعها قائلا إن موكله بريء."
    q = only(run(text))
    assert span(q.speaker) == at(text, "المحامي")
    assert span(q) == at(text, "موكله بريء")
    text = "قال المدير إن المصنع سيغلق، بينما رد العمال قائلين إنهم سيعتصمون."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "المدير"), at(text, "العمال")]


def full(text: str):
    return run_stages(text, ["times", "entities", "quotes", "sources"])


def test_a_statement_with_no_subject_follows_the_person_the_sentence_before_was_about():
    text = ("وقال وزير النقل إن الأسعار سترتفع. ورفض النائب سامي حداد القرارات الجديدة. "
            "وأكد في بيان أن المواطنين لا يتحملون أي زيادة.")
    quotes = full(text).quotes  # the entities stage bounds the name
    assert [span(q.speaker) for q in quotes] == [at(text, "وزير النقل"), at(text, "النائب سامي حداد")]
    text = "وقال وزير النقل إن الأسعار سترتفع. وشهدت المدينة احتجاجات واسعة. وأكد أن الحكومة لن تتراجع."
    quotes = run(text).quotes  # a place is no one who speaks: the last speaker goes on
    assert [span(q.speaker) for q in quotes] == [at(text, "وزير النقل")] * 2


def test_after_a_reporting_verb_any_subject_is_a_source():
    text = "وظلت المريضة تتألم لسنوات، بحسب ما قاله الطبيب المعالج."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الطبيب المعالج")
    assert run("وتم ذلك وفق آلية توافقية بين الطرفين.").quotes == []


def test_an_age_in_brackets_ends_the_speakers_name():
    text = "وقال سامر خليل (34 عاما) من حلب إن الطريق مغلق."
    q = only(run(text))
    assert span(q.speaker) == at(text, "سامر خليل")


def test_a_verb_with_no_subject_inside_a_sentence_goes_on_with_that_sentences_subject():
    text = ("وقال وزير العدل إن المحاكمة علنية. وبعد صدور الحكم، تمسك المتهم سامي نجار ببراءته، "
            "لكنه أضاف أن الحكم لم يفاجئه.")
    quotes = full(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "وزير العدل"), at(text, "المتهم سامي نجار")]
    text = "وقال وزير العدل إن المحاكمة علنية، وأضاف أن الحكم نهائي."  # the sentence's own speaker goes on
    assert [span(q.speaker) for q in run(text).quotes] == [at(text, "وزير العدل")] * 2


def test_a_verbal_noun_right_after_a_verb_with_a_pronoun_subject_is_its_object():
    text = "وقال وزير الثقافة إن الاحتفال ناجح. وقد اقترح أولا تنظيم مهرجان سنوي في الساحة."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "وزير الثقافة")] * 2
    assert span(quotes[1]) == at(text, "تنظيم مهرجان سنوي في الساحة")
    text = "وأفاد تقرير حول أوضاع العمال في المصانع، أعدته منظمة مستقلة، أن الأجور متدنية."
    assert span(only(run(text)).speaker) == at(text, "تقرير حول أوضاع العمال في المصانع")


def test_a_verb_with_an_agent_after_min_qibal_is_a_passive_and_reports_nothing():
    assert run('وشارك 40 لاعبا اعتبروا "مؤهلين" من قبل الاتحاد الدولي.').quotes == []
    text = "وقال الوزير من قبل إن المشروع سيكتمل."  # «من قبل» alone is "before"
    assert span(only(run(text)).speaker) == at(text, "الوزير")


def test_a_speaker_carried_over_agrees_with_the_verb_in_gender():
    text = ('وأعلنت الشركة أن الأرباح ارتفعت، حسب البيان. وجاء في البيان: "سنواصل التحقيق"، '
            'مضيفة: "نعتذر لعملائنا". وشددت على أن البيانات آمنة.')
    quotes = run(text).quotes
    assert [q.text for q in quotes][-2:] == ["نعتذر لعملائنا", "البيانات آمنة"]
    assert [span(q.speaker) for q in quotes][-2:] == [at(text, "الشركة")] * 2  # not the (masculine) statement
    text = "وقال المتحدث إن الاجتماع انتهى. وأعلنت الشركة أن العقد وقع. وأضاف أن المفاوضات كانت صعبة."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "المتحدث"), at(text, "الشركة"), at(text, "المتحدث")]


def test_a_masculine_noun_right_after_a_feminine_verb_is_its_object():
    text = "وقالت الوزارة إن القمة ستعقد قريبا. وأكدت موعد الاجتماع في العاصمة."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "الوزارة")] * 2
    assert span(quotes[1]) == at(text, "موعد الاجتماع في العاصمة")


def test_a_subject_before_kana_qad_after_an_impersonal_an_speaks():
    text = "وقال البيان إن المدير استقال. يذكر أن الحزب الحاكم في البلاد كان قد أعلن، الأحد، أن المدير موقوف."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "البيان"), at(text, "الحزب الحاكم في البلاد")]


def test_a_duration_after_the_verb_is_no_speaker():
    text = "وبعد ظهورها مجددا، اعتبرت لفترة طويلة إنها عائدة لأحد معاصري الرسام."
    assert all(q.speaker is None or "لفترة" not in q.speaker.text for q in run(text).quotes)


def test_lakinnaha_opening_a_sentence_points_to_the_subject_of_the_sentence_before():
    text = ("وقال المتحدث إن المناورات دفاعية. أصدرت وزارة الخارجية بيانا عن التعاون العسكري. "
            "لكنها قالت إن التدريبات لا تستهدف أحدا.")
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "المتحدث"), at(text, "وزارة الخارجية")]
    text = ("وقالت الوزيرة إن المناورات دفاعية. أصدر المجلس بيانا عن التعاون العسكري. "
            "لكنها قالت إن التدريبات لا تستهدف أحدا.")  # «لكنها» cannot be the council: the last speaker
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "الوزيرة")] * 2


def test_qawluhu_after_a_comma_completes_a_relay():
    text = 'ونقلت صحيفة "الأفق" عن رئيس قسم الزلازل سامي نجار، قوله إن "هناك سيناريو مخيفا".'
    q = only(run(text))
    assert span(q.speaker) == at(text, "رئيس قسم الزلازل سامي نجار")
    assert span(q) == at(text, "هناك سيناريو مخيفا")


def test_the_paper_spoken_to_and_a_circumstantial_clause_are_no_speaker():
    text = 'وقالت الموظفة إنها شعرت بالإحباط. وقالت للصحيفة وهي تبكي: "لا أريد أن أفقد وظيفتي".'
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "الموظفة")] * 2
    assert quotes[1].channel is not None and quotes[1].channel.text == "للصحيفة"


def test_an_audience_with_its_owners_pronoun_and_a_date_after_fi_are_no_part_of_the_speaker():
    text = "وقال الزوجان لمؤيديهما على الإنترنت إن الأموال ستذهب إلى صندوقين."
    assert span(only(run(text)).speaker) == at(text, "الزوجان")
    text = "وأعلن النادي في 12 تموز/يوليو أن المدرب اعتذر."
    assert span(only(with_times(text)).speaker) == at(text, "النادي")


def test_a_definite_noun_after_a_place_that_speaks_is_the_object_and_a_fronted_bihadhihi_no_subject():
    text = "وأعلنت فنزويلا الحداد ثلاثة أيام على وفاة الفنان."
    q = only(full(text))
    assert (span(q.speaker), span(q)) == (at(text, "فنزويلا"), at(text, "الحداد ثلاثة أيام على وفاة الفنان"))
    text = "بهذه الكلمات أعلن المبعوث الأممي تنحيه عن منصبه."
    assert span(only(run(text)).speaker) == at(text, "المبعوث الأممي")


def test_a_spokesman_named_after_the_seat_of_his_office_speaks_after_kama():
    text = "وأصيب عدد من المتظاهرين قرب السياج، كما ذكر الناطق باسم وزارة الصحة في رفح سامي عودة."
    analysis = run_stages(text, ["quotes"], preset={"entities": [entity_at(text, "رفح", "LOC")], "times": []})
    q = only(analysis)
    assert span(q.speaker) == at(text, "الناطق باسم وزارة الصحة في رفح سامي عودة")
    assert span(q) == at(text, "أصيب عدد من المتظاهرين قرب السياج")
    text = "وتراجعت الأسعار، كما ذكر المتحدث باسم الغرفة التجارية."
    assert span(only(run(text)).speaker) == at(text, "المتحدث باسم الغرفة التجارية")


def test_an_audience_after_the_seat_of_an_office_is_no_name():
    text = "وتراجعت الأسعار، كما ذكر وزير الاقتصاد في بيروت للصحفيين."
    analysis = run_stages(text, ["quotes"], preset={"entities": [entity_at(text, "بيروت", "LOC")], "times": []})
    assert span(only(analysis).speaker) == at(text, "وزير الاقتصاد")


def test_a_cleft_subject_speaks_without_its_pronoun_or_conjunction():
    text = "والوزير خالد سعيد هو الذي أعلن أن المعبر سيفتح غدا."
    q = only(run(text))
    assert span(q.speaker) == at(text, "الوزير خالد سعيد")
    assert span(q) == at(text, "المعبر سيفتح غدا")


def test_a_medium_or_occasion_after_the_name_is_no_part_of_it():
    for text, medium in (("وقال الوزير سامي حداد على تويتر إن الاتفاق قريب.", "على تويتر"),
                         ("وقال وزير الخارجية على هامش القمة إن الاتفاق قريب.", "على هامش القمة"),
                         ("وكتبت النائبة على صفحتها أن الاتفاق قريب.", "على صفحتها")):
        q = only(run(text))
        assert text[q.speaker.end:].lstrip().startswith(medium), q.speaker.text
        assert span(q) == at(text, "الاتفاق قريب")


def test_a_verbal_noun_in_construct_after_a_verb_with_no_subject_is_its_object():
    text = "وأعلن النادي أن المدرب اعتذر، وأعلن تعيين المدرب السابق للمنتخب سامي حداد خلفا له."
    quotes = run(text).quotes
    assert [span(q.speaker) for q in quotes] == [at(text, "النادي")] * 2
    text = "وأعلن اتحاد الكرة تعيين المدرب الجديد."  # an institution named by such a noun speaks
    assert span(only(run(text)).speaker) == at(text, "اتحاد الكرة")


def test_a_relative_pronoun_of_the_other_gender_is_no_subject_of_the_verb():
    text = "وتقدمت المنظمة بالتعازي بعد الهجوم على مستشفى الثورة الذي قالت إنه \"أحد أكبر المستشفيات\"."
    q = only(Pipeline()(Document(id="t", text=text, lang="ar")))
    assert span(q.speaker) == at(text, "المنظمة")


def test_a_description_in_apposition_after_a_name_before_the_verb():
    text = "وقال الوزير إن الحل قريب. لكن فرانك لامبارد، نجم تشيلسي السابق، قال إن ما حدث سوء حظ."
    person = entity_at(text, "فرانك لامبارد", "PER")
    quotes = run_stages(text, ["quotes"], preset={"entities": [person], "times": []}).quotes
    assert span(quotes[-1].speaker) == at(text, "فرانك لامبارد")


def test_a_ba_inside_an_apposition_is_no_complement_of_the_accusation():
    text = "واتهم سامي حداد، الفائز بلقب أفضل لاعب في أفريقيا، المدافع \"بارتكاب جريمة بحق زميله\"."
    q = only(run(text))
    assert q.text == "بارتكاب جريمة بحق زميله"
