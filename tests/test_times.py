"""Times extraction: every pattern family, offsets into the exact input, anchoring on publication."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from isnad.components.times import extract
from isnad.core.pipeline import Pipeline
from isnad.model import Document

PUB = dt.date(2024, 12, 8)  # a Sunday
REPO = Path(__file__).resolve().parent.parent


def found(text: str, published: dt.date | None = PUB) -> list[tuple[str, str, str | None]]:
    times = extract(text, published)
    for t in times:
        assert t.text == text[t.start:t.end]
    return [(t.text, t.type, t.value) for t in times]


def one(text: str, published: dt.date | None = PUB) -> tuple[str, str, str | None]:
    result = found(text, published)
    assert len(result) == 1, result
    return result[0]


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("وصل في 7 ديسمبر 2024 إلى المدينة", "7 ديسمبر 2024", "2024-12-07"),
    ("في 7 كانون الأول/ديسمبر 2024", "7 كانون الأول/ديسمبر 2024", "2024-12-07"),
    ("في 3 أيلول/ سبتمبر 2020", "3 أيلول/ سبتمبر 2020", "2020-09-03"),
    ("يوم 7 جوان 2017", "يوم 7 جوان 2017", "2017-06-07"),
    ("في 5 يوليوز 2023", "5 يوليوز 2023", "2023-07-05"),
    ("في 12 غشت 2019", "12 غشت 2019", "2019-08-12"),
    ("في 27 أفريل 2017", "27 أفريل 2017", "2017-04-27"),
    ("في 22 فبراير شباط 2015", "22 فبراير شباط 2015", "2015-02-22"),
    ("منذ الرابع من أيلول 2018", "الرابع من أيلول 2018", "2018-09-04"),
    ("في 13 يونيو عام 1973", "13 يونيو عام 1973", "1973-06-13"),
])
def test_month_names_of_every_system(text, surface, value):
    assert one(text) == (surface, "date", value)


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("وصل في الثاني من شهر أيلول 2024.", "الثاني من شهر أيلول 2024", "2024-09-02"),
    ("وحددت الخميس الثاني من شهر أيلول/ سبتمبر 2021 موعدا", "الخميس الثاني من شهر أيلول/ سبتمبر 2021", "2021-09-02"),
    ("وصل في العاشر من شهر رمضان 1445.", "العاشر من شهر رمضان 1445", "2024-03-20"),
])
def test_day_of_the_month_named_with_shahr(text, surface, value):
    assert one(text)[0] == surface and one(text)[2] == value


def test_weekday_with_a_modifier_before_a_date_is_part_of_it():
    assert one("نشرتها الصحيفة يوم الأربعاء الفائت 4 كانون الأول.") == (
        "يوم الأربعاء الفائت 4 كانون الأول", "date", "2024-12-04")


def test_weekday_before_a_date_is_part_of_it():
    assert one("وصل السبت 1 أغسطس 2015 إلى عدن") == ("السبت 1 أغسطس 2015", "date", "2015-08-01")


@pytest.mark.parametrize(("text", "value"), [
    ("في 15 رمضان 1445 هـ", "2024-03-25"),
    ("في 1 محرم 1446", "2024-07-07"),
    ("في 10 ذو الحجة 1445 هـ", "2024-06-16"),
    ("في 15 رمضان", "2024-03-25"),
])
def test_hijri_dates_become_gregorian(text, value):
    assert one(text)[1:] == ("date", value)


def test_hijri_month_names_alone_are_not_dates():
    assert found("قال رجب طيب أردوغان إن رمضان كان صعبا") == []


@pytest.mark.parametrize(("text", "value"), [
    ("بتاريخ 2024/12/07", "2024-12-07"),
    ("بتاريخ ٧/١٢/٢٠٢٤", "2024-12-07"),
    ("في 2024-12-07", "2024-12-07"),
    ("في 07.12.2024", "2024-12-07"),
])
def test_numeric_dates_are_day_month_year(text, value):
    assert one(text)[1:] == ("date", value)


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("أعلنت الوزارة أمس أن", "أمس", "2024-12-07"),
    ("بلغ عدد الحالات حتى أمس 1068", "أمس", "2024-12-07"),
    ("وقع الحادث أول من أمس", "أول من أمس", "2024-12-06"),
    ("سقطت القذائف الليلة قبل الماضية", "الليلة قبل الماضية", "2024-12-06"),
    ("يعقد الاجتماع غداً الاثنين", "غداً الاثنين", "2024-12-09"),
    ("قال مساء أمس السبت", "مساء أمس السبت", "2024-12-07"),
    ("شغلت أمس (الأربعاء) مولدا", "أمس (الأربعاء)", "2024-12-07"),
    ("ذكرت في وقت متأخر من يوم السبت", "وقت متأخر من يوم السبت", "2024-12-07"),
    ("أعلن الأحد أن", "الأحد", "2024-12-08"),
    ("تعطلت الثلاثاء الماضي", "الثلاثاء الماضي", "2024-12-03"),
    ("يبدأ الخميس المقبل", "الخميس المقبل", "2024-12-12"),
    ("بحلول منتصف نهار الأحد", "منتصف نهار الأحد", "2024-12-08"),
    ("أعلن اليوم الأحد", "اليوم الأحد", "2024-12-08"),
    ("سيصل صباح اليوم", "صباح اليوم", "2024-12-08"),
    ("ارتفعت الأسعار الشهر الماضي", "الشهر الماضي", "2024-11"),
    ("في الشهر الجاري", "الشهر الجاري", "2024-12"),
    ("العام المقبل", "العام المقبل", "2025"),
    ("مقابل العام الماضي", "العام الماضي", "2023"),
])
def test_relative_expressions_resolve_on_publication(text, surface, value):
    assert one(text)[0::2] == (surface, value)


def test_weekday_of_publication_day_is_that_day():
    assert one("قضت المحكمة الخميس بإعدام", dt.date(2018, 10, 11))[2] == "2018-10-11"


def test_a_weekday_named_with_today_wins_over_a_publication_date_a_day_off():
    # posted after midnight or stamped in another time zone: «اليوم الاثنين» is the Monday, not the Tuesday
    assert one("قرر مجلس الوزراء اليوم الاثنين", dt.date(2018, 2, 20))[2] == "2018-02-19"
    assert one("ويصل الوفد غدا الأربعاء", dt.date(2018, 2, 20))[2] == "2018-02-21"  # agreeing: unchanged
    assert one("ويصل الوفد غدا الخميس", dt.date(2018, 2, 20))[2] == "2018-02-22"


def test_relative_without_publication_is_unanchored():
    times = extract("قال أمس إن الاجتماع في 7 ديسمبر", None)
    assert [(t.text, t.value, t.anchored) for t in times] == [
        ("أمس", None, False), ("7 ديسمبر", "XXXX-12-07", False),
    ]
    assert [t.anchored for t in extract("في 7 ديسمبر 2024", None)] == [True]


@pytest.mark.parametrize(("text", "published", "value"), [
    ("في 28 ديسمبر", dt.date(2025, 1, 5), "2024-12-28"),
    ("منذ مارس الماضي", dt.date(2015, 3, 20), "2014-03"),
    ("منذ مارس الماضي", dt.date(2015, 7, 22), "2015-03"),
    ("في 3 يناير المقبل", dt.date(2024, 12, 20), "2025-01-03"),
    ("الذي يبدأ في أكتوبر", dt.date(2015, 7, 23), "2015-10"),
    ("يوم 7 جوان الجاري", dt.date(2017, 6, 11), "2017-06-07"),
])
def test_year_inference_across_year_boundary(text, published, value):
    assert one(text, published)[2] == value


@pytest.mark.parametrize(("text", "value"), [
    ("في عام 2011 اندلعت", "2011"),
    ("والولايات المتحدة حتى العام 2012.", "2012"),
    ("ما سجل سنة 2017.", "2017"),
    ("ستقدم مساعدات في 2018، أما", "2018"),
    ("المحصول الضعيف لعام 2014 فإن", "2014"),
    ("منذ بداية العام في وقت", "2024"),
    ("أرجئ المؤتمر إلى 2026 بسبب الخلافات.", "2026"),
    ("سيبقى القانون ساريا لغاية 2030، وفق الوزارة.", "2030"),
])
def test_years_need_a_cue(text, value):
    assert one(text)[1:] == ("year", value)


@pytest.mark.parametrize("text", [
    "قرار مجلس الأمن رقم 2216",
    "القرار 2216 بشأن اليمن",
    "في القضية رقم (165 / 2017) جنايات",
    "دفع 2015 دولارا",
    "أصيب 2015 شخصا",
    "دمرت السيول في 2000 منزل بالكامل",
    "وارتفعت الحصيلة إلى 2012 قتيلا",
    "وصلت الصادرات إلى 2019 طنا",
])
def test_numbers_that_are_not_years(text):
    assert found(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("من 27 نوفمبر حتى 7 ديسمبر 2024", "2024-11-27/2024-12-07"),
    ("بين عامي 2011 و2024", "2011/2024"),
    ("حكم اليمن في الفترة من ١٩٧٨ وحتى ٢٠١٢ حين", "1978/2012"),
    ("خلال الفترة من 3 مارس إلى 5 أبريل 2024", "2024-03-03/2024-04-05"),
    ("في كانون الثاني/يناير وشباط/فبراير", "2024-01/2024-02"),
    ("في النصف الأول من هذا العام", "2024-01/2024-06"),
    ("خلال الشهرين الأوليين من 2018.", "2018-01/2018-02"),
    ("الأقل منذ الستينيات بسبب", "1960/1969"),
    ("من 20 ديسمبر 2023 إلى 5 يناير", "2023-12-20/2024-01-05"),
    ("توقع البنك نموا بنسبة 2% في 2025 و2026.", "2025/2026"),
    ("وتعطلت الخدمة يومي الجمعة والسبت الماضيين.", "2024-12-06/2024-12-07"),
    ("وتعقد القمة الأربعاء والخميس المقبلين.", "2024-12-11/2024-12-12"),
])
def test_ranges(text, value):
    assert one(text)[1:] == ("range", value)


def test_a_month_cue_inside_a_quotation_counts():
    assert found('ونشرت اللجنة تقريرها "نهاية أيلول/سبتمبر"للسماح بمراجعته.') == [
        ("نهاية أيلول/سبتمبر", "month", "2024-09")]


def test_two_days_that_do_not_follow_each_other_stay_two_dates():
    assert [v for _, _, v in found("وزار الوفد المخيم الاثنين والأربعاء الماضيين.")] == ["2024-12-02", "2024-12-04"]


def test_an_age_between_commas_is_no_duration():
    assert found("واعتقلت الشرطة المصور سامر خليل، 27 عاما، أثناء التظاهرة.") == []
    assert found("وقضى في السجن 10 سنوات، ثم أفرج عنه.") == [("10 سنوات", "duration", "P10Y")]


def test_a_list_of_years_stays_a_list_of_years():
    assert [v for _, _, v in found("تراجع الإنتاج في 2015 و2016 و2017 بشدة")] == ["2015", "2016", "2017"]
    assert [v for _, _, v in found("وقع الزلزالان في 2003 و2011.")] == ["2003", "2011"]


def test_since_a_year_is_the_year():
    assert one("منذ عام 2011") == ("عام 2011", "year", "2011")


@pytest.mark.parametrize(("text", "value"), [
    ("المختفي منذ 6 أيام", "P6D"),
    ("تصل إلى 30 ساعة", "PT30H"),
    ("على مدى 10 سنوات", "P10Y"),
    ("منذ ما يقارب من 6 أشهر", "P6M"),
    ("بعد أكثر من 20 يوما من", "P20D"),
    ("بعد اعتقاله لعام ونصف", "P1Y6M"),
    ("استمر 3 سنوات ونصف", "P3Y6M"),
    ("لمدة يومين", "P2D"),
    ("لمدة عامين", "P2Y"),
    ("عدد نازحي إدلب خلال أسبوع", "P1W"),
    ("انتظر نصف ساعة", "PT30M"),
    ("قبل 5 ساعات", "PT5H"),
    ("بعد 8 أشهر على", "P8M"),
])
def test_durations_with_digits(text, value):
    assert one(text)[1:] == ("duration", value)


@pytest.mark.parametrize(("text", "value"), [
    ("استمرت أحد عشر يومًا", "P11D"),
    ("خلال ثلاثة أسابيع", "P3W"),
    ("استمرت نحو أربعة أشهر", "P4M"),
    ("في أعقاب ثلاث سنوات من المعارك", "P3Y"),
    ("الأفضل في عشر سنوات.", "P10Y"),
    ("منذ اندلاعها قبل سنوات سبع، مضيفا", "P7Y"),
    ("تمت خلال فترات متفاوتة من الثلاثة الأشهر الماضية", "P3M"),
])
def test_durations_with_number_words(text, value):
    assert one(text)[1:] == ("duration", value)


@pytest.mark.parametrize("text", [
    "تبلغ من العمر 29 عاما",
    "طفل عمره 5 سنوات",
    "تحت سن 15 سنة",
    "تقل أعمارها عن سنتين",
    "قبل أيام من الحادث",
    "عادوا الأسبوع الماضي إلى عدن",
    "بعد دقائق معدودة",
    "منذ أعوام استخدمت السلطات",
    "خلال عام 2015 ارتفع",
    "توفي الأربعاء عن 60 عاما متأثرا",
    "عند الساعة الثانية و30 دقيقة",
])
def test_ages_and_vague_expressions_are_not_times(text):
    assert [t for t in found(text) if t[1] == "duration"] == []
    assert "الأسبوع" not in " ".join(t[0] for t in found(text))


@pytest.mark.parametrize("text", [
    "العالم اليوم لم يعد كما كان",
    "نحن اليوم أمام تحد كبير",
    "وهذا ما نراه حتى اليوم في المنطقة",
    "عين اليوم – متابعات",
    "نشرت الصحيفة اليومية",
    "في حرب أكتوبر المجيدة",
])
def test_rhetorical_today_and_named_events_are_not_dates(text):
    assert found(text) == []


def test_reported_today_is_a_date():
    assert one("أعلنت الحكومة اليوم أن الاجتماع") == ("اليوم", "date", "2024-12-08")


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("It happened on December 7, 2024 in Paris", "December 7, 2024", "2024-12-07"),
    ("signed 7 Dec 2024.", "7 Dec 2024", "2024-12-07"),
    ("He said yesterday that", "yesterday", "2024-12-07"),
    ("The talks ended on Tuesday", "on Tuesday", "2024-12-03"),
    ("for 3 weeks", "3 weeks", "P3W"),
    ("between 2011 and 2024", "between 2011 and 2024", "2011/2024"),
    ("since 2011", "2011", "2011"),
    ("in March 2020", "March 2020", "2020-03"),
])
def test_english(text, surface, value):
    assert one(text)[0::2] == (surface, value)


def test_english_vague_week_is_not_annotated():
    assert found("Prices fell last week") == []


def test_offsets_survive_diacritics_tatweel_and_eastern_digits():
    text = "وقالت الوزارة أمسِ إنّ الحصار استمر ٤ أشـهر منذ ٢٢ فبرايـر ٢٠١٥."
    times = extract(text, dt.date(2015, 8, 2))
    assert [(t.text, t.value) for t in times] == [
        ("أمسِ", "2015-08-01"), ("٤ أشـهر", "P4M"), ("٢٢ فبرايـر ٢٠١٥", "2015-02-22"),
    ]


def test_pipeline_stage_appends_times():
    doc = Document(id="t", text="قال الوزير أمس إن الحرب استمرت 6 أيام.", lang="ar", published=PUB)
    analysis = Pipeline(stages=["times"])(doc)
    assert [(t.text, t.value) for t in analysis.times] == [("أمس", "2024-12-07"), ("6 أيام", "P6D")]
    for t in analysis.times:
        assert doc.text[t.start:t.end] == t.text


def test_bench_script_skips_without_data(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_times.py"), "--data", str(tmp_path)],
        capture_output=True, text=True, timeout=60, env={**os.environ},
    )
    assert result.returncode == 0
    assert "not found" in result.stdout


@pytest.mark.parametrize(("text", "surface", "type_", "value"), [
    ("استغرقت 14 ساعة و20 دقيقة في", "14 ساعة و20 دقيقة", "duration", "PT14H20M"),
    ("الموافق 1436/10/5هـ", "1436/10/5هـ", "date", "2015-07-21"),
    ("في العاشر من الشهر الجاري", "العاشر من الشهر الجاري", "date", "2024-12-10"),
    ("في 15 من الشهر الماضي", "15 من الشهر الماضي", "date", "2024-11-15"),
    ("اعتقل بتاريخ 18/3 وأفرج عنه", "بتاريخ 18/3", "date", "2024-03-18"),
    ("الموافق 26 /9/2022 ويمكن", "26 /9/2022", "date", "2022-09-26"),
    ("وفي شباط /فبراير2008 شنت", "شباط /فبراير2008", "month", "2008-02"),
    ("في العام السابق 2017.", "العام السابق 2017", "year", "2017"),
    ("في مارس من العام الماضي", "مارس من العام الماضي", "month", "2023-03"),
    ("يعقد الاجتماع غدا في القاهرة", "غدا", "date", "2024-12-09"),
    ("في مطلع 2018 قال", "مطلع 2018", "year", "2018"),
    ("في عامي 2016 و2017", "عامي 2016 و2017", "range", "2016/2017"),
    ("في ديسمبر وفبراير المقبلين", "فبراير المقبلين", "month", "2025-02"),
    ("خلال العامين الماضيين", "العامين الماضيين", "duration", "P2Y"),
    ("منذ أكثر من عام", "أكثر من عام", "duration", "P1Y"),
    ("لمدة شهر واحد", "شهر واحد", "duration", "P1M"),
    ("أعلن في وقت لاحق من اليوم", "في وقت لاحق من اليوم", "date", "2024-12-08"),
    ("صادر يوم الخميس 5 ديسمبر 2024، سجلت", "يوم الخميس 5 ديسمبر 2024", "date", "2024-12-05"),
])
def test_more_forms(text, surface, type_, value):
    assert (surface, type_, value) in found(text)


def test_year_relative_to_the_last_written_year():
    assert found("تضاعف في عام 2017 مقارنة بالعام الذي سبقه") == [
        ("عام 2017", "year", "2017"), ("العام الذي سبقه", "year", "2016"),
    ]


@pytest.mark.parametrize("text", [
    "غدا الوضع أسوأ",
    "خلاف بين الاثنين",
    "مارس الضغط على الحكومة",
    "تدهور صحة خامنئي (81 عاما)",
    "من أجل غد أفضل",
])
def test_words_that_only_look_like_times(text):
    assert found(text) == []


def test_month_takes_the_year_written_earlier_in_the_sentence():
    assert found("في عام 2014 أعدم 289 شخصا وفي يونيو أعدم 30.")[1] == ("يونيو", "month", "2014-06")
    assert found("في عام 2014. وفي يونيو أعدم 30.")[1] == ("يونيو", "month", "2024-06")


def test_backward_weekday_pair_is_not_a_range():
    assert [t[1] for t in found("من الأحد حتى الثلاثاء")] == ["date", "date"]


def test_example_article_times(example_path):
    text = example_path.read_text(encoding="utf-8")
    got = {(t.text, t.value) for t in extract(text, dt.date(2024, 12, 8))}
    assert {("أمس", "2024-12-07"), ("أحد عشر يوماً", "P11D"), ("من 24 نوفمبر حتى 4 ديسمبر", "2024-11-24/2024-12-04"),
            ("12 ربيع الآخر 1446 هـ", "2024-10-15"), ("الشهر الماضي", "2024-11")} <= got


def test_dev_articles_times_value_f1(dev_articles):
    from isnad.evaluation.articles import evaluate

    report = evaluate(dev_articles[0].parent, Pipeline(stages=["times"]))
    assert report.score("times-value").f1 >= 0.9


def test_weekday_in_a_future_context_is_the_coming_one():
    assert one("من المقرر أن يعقد المجلس جلسة الخميس")[2] == "2024-12-12"
    assert one("عقد المجلس جلسة الخميس")[2] == "2024-12-05"


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("تنطلق الدراسة في فاتح شتنبر المقبل", "فاتح شتنبر المقبل", "2025-09-01"),
    ("دخل القانون حيز التنفيذ في فاتح يناير 2023", "فاتح يناير 2023", "2023-01-01"),
])
def test_moroccan_fatih_is_the_first_of_the_month(text, surface, value):
    assert one(text) == (surface, "date", value)


def test_same_month_and_year_resolve_to_the_previous_mention_or_nothing():
    assert found("وقع الزلزال في 8 شتنبر 2023، وفي الشهر نفسه بدأت عملية الإعمار") == [
        ("8 شتنبر 2023", "date", "2023-09-08"), ("الشهر نفسه", "month", "2023-09")]
    assert found("سجل المغرب نموا في عام 2019، وفي العام نفسه ارتفعت الصادرات")[-1] == ("العام نفسه", "year", "2019")
    assert found("وفي العام نفسه ارتفعت الصادرات، وفي نفس الشهر تراجعت") == []


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("يتوقع أن يكتمل المشروع مطلع 2024", "مطلع 2024", "2024"),
    ("انخفضت الصادرات أواخر 2023", "أواخر 2023", "2023"),
    ("ستنتهي الأشغال منتصف العام", "منتصف العام", "2024"),
])
def test_year_edges(text, surface, value):
    assert one(text) == (surface, "year", value)


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("تتراوح مدة الإقامة ما بين يومين وثلاثة أيام", "ثلاثة أيام", "P3D"),
    ("استمرت الأزمة من أسبوعين إلى ثلاثة أسابيع", "ثلاثة أسابيع", "P3W"),
    ("تستغرق الرحلة من ثلاثة إلى خمسة أيام", "خمسة أيام", "P5D"),
    ("بقي في السجن عامين ونصف", "عامين ونصف", "P2Y6M"),
    ("انتظر ساعة ونصف قبل الإفراج عنه", "ساعة ونصف", "PT1H30M"),
])
def test_duration_ranges_are_one_item_and_halves_are_added(text, surface, value):
    assert one(text) == (surface, "duration", value)


def test_a_dual_joined_to_another_unit_stays_a_compound_duration():
    assert one("قضى يومين و3 ساعات في الطريق") == ("يومين و3 ساعات", "duration", "P2DT3H")


def test_following_month_comes_after_the_date_written_before_it():
    assert found("في 31 دجنبر 2023 أعلنت الوزارة، وفي فاتح يناير الموالي بدأ التطبيق") == [
        ("31 دجنبر 2023", "date", "2023-12-31"), ("فاتح يناير الموالي", "date", "2024-01-01")]
    assert one("ستبدأ الدراسة في شتنبر الموالي") == ("شتنبر الموالي", "month", "2025-09")


def test_half_with_the_unit_restated_and_english_half():
    assert one("استمرت الأزمة سنة ونصف السنة") == ("سنة ونصف السنة", "duration", "P1Y6M")
    assert one("It took two and a half years to finish") == ("two and a half years", "duration", "P2Y6M")


# --- class 8 (issue 16): times on articles nobody tuned on (PUB is Sunday 2024-12-08) -----------------------


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("زار الوفد المدينة في 10 و11 أيار 2023", "10 و11 أيار 2023", "2023-05-10/2023-05-11"),
    ("أقيم المعرض بين 3 و7 تشرين الأول", "بين 3 و7 تشرين الأول", "2024-10-03/2024-10-07"),
    ("استمرت الهدنة من 15 إلى 17 نوفمبر", "من 15 إلى 17 نوفمبر", "2024-11-15/2024-11-17"),
    ("عقدت الجلسات يومي 2 و3 ديسمبر", "يومي 2 و3 ديسمبر", "2024-12-02/2024-12-03"),
    ("The talks ran between Oct. 3 and 7", "between Oct. 3 and 7", "2024-10-03/2024-10-07"),
    ("The fair ran Nov 4-6 in Dubai", "Nov 4-6", "2024-11-04/2024-11-06"),
])
def test_two_days_of_one_month_are_one_range(text, surface, value):
    assert one(text) == (surface, "range", value)


@pytest.mark.parametrize(("text", "surface", "value"), [
    # the nearest tense signal before the weekday decides: a future cue or verb → the next such day
    ("على أن يصوت المقيمون في الخارج والبالغ عددهم 7200، الخميس", "الخميس", "2024-12-12"),
    ("سيلتقي الوزير نظيره الفرنسي الثلاثاء في باريس", "الثلاثاء", "2024-12-10"),
    ("يواجه المنتخب ضيفه الأربعاء في الرباط", "الأربعاء", "2024-12-11"),
    ("وتدخل الهدنة حيز التنفيذ اعتبارا من الاثنين", "الاثنين", "2024-12-09"),
    ("ويسري الحظر انطلاقا من الخميس", "الخميس", "2024-12-12"),
    ("وأعلنت الوزارة فتح المعبر اعتبارا من الخميس", "الخميس", "2024-12-12"),
    # ... a verb in the past, «منذ», another clause or a long description keep the last one
    ("قالت الوزارة الثلاثاء إنها ستفرض رسوما جديدة", "الثلاثاء", "2024-12-03"),
    ("يرتفع سعر السهم منذ الثلاثاء", "الثلاثاء", "2024-12-03"),
    ("وأكدت أن الجولة التي سيتم فيها التصويت، بحسب رسالة اطلعت عليها الوكالة الاثنين", "الاثنين", "2024-12-02"),
    ("ويظهر الفيديو رجلا يسحب طفلا من تحت أنقاض المبنى المنهار في وسط المدينة يوم الثلاثاء", "يوم الثلاثاء",
     "2024-12-03"),
    ("أصدرت القرار اعتبارا من الأربعاء", "الأربعاء", "2024-12-04"),
    ("He said on Tuesday that the talks will resume on Thursday", "on Thursday", "2024-12-12"),
    # names that look like سـ + verb, a past plan, a quoted name, a weekday inside a quotation
    ("انتقد النجم الإسباني سيسك فابريغاس الخطة بعد الخسارة السبت", "السبت", "2024-12-07"),
    ("وكان من المقرر أن تبدأ المحاكمة السبت", "السبت", "2024-12-07"),
    ('ستقام المباراة على ملعب "سانتياغو برنابيو" في مدريد السبت', "السبت", "2024-12-14"),
    ('وقالت المتحدثة "اعتبارا من السبت نفتح المعبر"', "السبت", "2024-12-14"),
    ("The runoff is set for Saturday", "Saturday", "2024-12-14"),
])
def test_a_weekday_in_a_future_clause_is_the_next_one(text, surface, value):
    assert (surface, "date", value) in found(text)


def test_a_month_in_a_future_clause_is_not_last_year():
    assert one("وتستضيف قطر البطولة بين 10 مارس و20 أبريل") == (
        "بين 10 مارس و20 أبريل", "range", "2025-03-10/2025-04-20")
    assert one("اندلعت الاحتجاجات في 10 مارس") == ("10 مارس", "date", "2024-03-10")
    assert one("قالت الشركة إنها سترفع الأسعار اعتبارا من 30 نوفمبر") == ("30 نوفمبر", "date", "2024-11-30")


def test_the_same_day_is_the_last_date_written():
    assert found("أعلنت الحكومة الخميس قرارها. وفي اليوم ذاته، تظاهر المئات") == [
        ("الخميس", "date", "2024-12-05"), ("اليوم ذاته", "date", "2024-12-05")]
    assert found("وصل الوفد، الثلاثاء، وهو نفس اليوم الذي شهد الانفجار")[-1] == ("نفس اليوم", "date", "2024-12-03")
    assert found("وفي نفس اليوم من عام 1990 وقعت الحرب") == [("عام 1990", "year", "1990")]
    assert found("وفي اليوم ذاته تظاهر المئات") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("وقالت الشركة في بيان اليوم إن الأرباح تراجعت", [("اليوم", "date", "2024-12-08")]),
    ("وأعلن الجيش في وقت سابق اليوم مقتل جنديين", [("اليوم", "date", "2024-12-08")]),
    ("قالت الشرطة في بيان صدر اليوم إن", [("اليوم", "date", "2024-12-08")]),
    ("هنأ الرئيس نظيره في اتصال هاتفي اليوم بفوزه", [("اليوم", "date", "2024-12-08")]),
    ("يعيش العالم اليوم أزمة غير مسبوقة", []),
    ("الانتخابات التي ستجري الشهرالقادم", [("الشهرالقادم", "month", "2025-01")]),
])
def test_today_after_a_statement_and_glued_relative_months(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("فاز بالكأس أعوام 2009 و2012 و2016", [("أعوام 2009", "year", "2009"), ("2012", "year", "2012"),
                                           ("2016", "year", "2016")]),
    ("شارك في النهائيات في 1994 و1998", [("في 1994", "year", "1994"), ("1998", "year", "1998")]),
    ("وصل إلى النادي في صيف 2019", [("2019", "year", "2019")]),
    ("نمت الصادرات 20% مقارنة بـ2021", [("2021", "year", "2021")]),
    ("أعادت بموجبه رفات الجنود بين العامين 1995 و2001", [("بين العامين 1995 و2001", "range", "1995/2001")]),
    ("the 2015 agreement collapsed in late 2018", [("2015", "year", "2015"), ("late 2018", "year", "2018")]),
    ("prices fell in the 1990s", [("1990s", "range", "1990/1999")]),
    ("On Jan. 9, the court met again", [("Jan. 9", "date", "2024-01-09")]),
    ("the plant closed in March last year", [("March last year", "month", "2023-03")]),
    ("بلغت الواردات 2015 و2016 دولار", []),
])
def test_years_in_lists_seasons_comparisons_and_english_dates(text, expected):
    assert found(text) == expected


def test_a_phrase_with_its_article_glued_to_the_word_before_reads_as_the_phrase() -> None:
    # the patterns accept «الأشهرالأربعة» (a common typo); every table they index must accept it too
    assert found("اتسع العجز إلى 5 مليارات في الأشهر الأربعة الأولى من العام") == \
        [("الأشهر الأربعة الأولى من العام", "range", "2024-01/2024-04")]
    assert found("اتسع العجز إلى 5 مليارات في الأشهرالأربعة الأولى من العام") == \
        [("الأشهرالأربعة الأولى من العام", "range", "2024-01/2024-04")]


def test_every_relative_phrase_glued_is_read_without_error() -> None:
    from isnad import lang

    for entry in lang.lists("times_relative.json").values():
        phrases = entry if isinstance(entry, dict) else {w: None for w in entry}
        for phrase in phrases:
            words = phrase.split()
            glued = [i for i in range(1, len(words)) if words[i].startswith("ال")]
            for i in glued:
                text = " ".join(words[:i]) + words[i] + " " + " ".join(words[i + 1:])
                found(f"قال الوزير {text} من العام الماضي إن 3 أشخاص قتلوا في 2017")  # must not raise


def test_a_year_of_history_after_am_or_sana_and_a_lifespan_in_brackets():
    assert found("بني القصر عام 1650 على ضفة النهر") == [("عام 1650", "year", "1650")]
    assert found("وعاش ابن خلدون (1332-1406) في تونس") == [("1332-1406", "range", "1332/1406")]
    # no cue, a counted noun, or too long for a life: no year
    assert found("وزعت في 1500 منزل") == []
    assert found("وزار موقع عام 1200 زائر") == []
    assert found("وسجلت (1200-1500) إصابة") == []


def test_a_dual_duration_keeps_its_preposition_outside():
    assert found("ووقع هجوم ثان بعد ذلك بشهرين") == [("شهرين", "duration", "P2M")]
    assert found("وتأخرت الرحلة بيومين") == [("يومين", "duration", "P2D")]
    assert found("وتراجع الاقتصاد بالعامين") == []  # a definite dual needs its «الماضيين/المقبلين»


def test_a_unit_repeated_around_baad_is_no_duration():
    assert found("وتضخم حجم الدولة عاما بعد عام") == []
    assert found("وتزداد المعاناة يوما بعد يوم، وسيعود بعد عام") == [("بعد عام", "duration", "P1Y")]


def test_a_bare_today_inside_a_quotation_is_the_day_the_speaker_spoke():
    day = PUB.isoformat()
    assert found('وقال المطار: "ألغيت كافة الرحلات اليوم، لكن بعض الشركات نقلت رحلاتها".') == [("اليوم", "date", day)]
    assert found("نعيش اليوم في عالم مختلف.") == []  # outside a quotation, «nowadays» is no date
    assert found('وأضاف "كان العمل يستمر 14 ساعة في اليوم".') == [("14 ساعة", "duration", "PT14H")]
