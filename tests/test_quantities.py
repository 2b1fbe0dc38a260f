"""Quantities: spans with bounds and units, values per the gold conventions, and what is not a quantity."""

from __future__ import annotations

import pytest

from isnad.model import Time
from stages import run_stages


def preset_times(text: str, times: list[tuple[str, str, str]] = ()) -> list[Time]:
    """Time items for the given ``(surface, type, value)`` (first occurrence of each surface)."""
    out = []
    for surface, kind, value in times:
        start = text.index(surface)
        out.append(Time(start=start, end=start + len(surface), text=surface, type=kind, value=value))
    return out


def _quantities(text: str, times: list[tuple[str, str, str]] = ()) -> list:
    """Quantities with exactly the given times known (the times stage's own quality is not under test)."""
    found = run_stages(text, ["quantities"], "ar", preset={"times": preset_times(text, times)}).quantities
    for q in found:
        assert q.text == text[q.start:q.end]
        if q.counted is not None:
            assert q.counted.text == text[q.counted.start:q.counted.end]
    return found


def _one(text: str):
    found = _quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("قتل ٢٢ شخصاً في الهجوم", "٢٢ شخصاً", 22, "person"),
        ("قتل ۲۲ مدنيا في الهجوم", "۲۲ مدنيا", 22, "person"),
        ("بلغ عدد القتلى 511,000 منذ بداية الحرب", "511,000", 511000, "person"),
        ("وصل 224 ألف مهاجر إلى أوروبا", "224 ألف مهاجر", 224000, "person"),
        ("خصصت 1.5 مليار دولار للإعمار", "1.5 مليار دولار", 1.5e9, "USD"),
        ("قدمت ألمانيا 350 مليون يورو", "350 مليون يورو", 3.5e8, "EUR"),
        ("أصيب خمسة وعشرون ألف شخص", "خمسة وعشرون ألف شخص", 25000, "person"),
        ("سجلت 111 ألفاً و65 حالة", "111 ألفاً و65 حالة", 111065, "case"),
        ("انتظر ثلاثة عشر يوما", "ثلاثة عشر يوما", 13, "day"),
        ("سقطت ثلاثمائة قذيفة", "ثلاثمائة قذيفة", 300, "shell"),
        ("قتل مدنيين اثنين في القصف", "مدنيين اثنين", 2, "person"),
        ("استمرت الحرب سنوات سبع", "سنوات سبع", 7, "year"),
        ("يعمل مولداً واحداً فقط", "مولداً واحداً", 1, "generator"),
        ("وشروعهم في قتل (34) آخرين", "34) آخرين", 34, "person"),
        ("قتل 15 سعوديا", "15 سعوديا", 15, "person"),
        ("أنتجت 4.6 أطنان من الأدوية", "4.6 أطنان", 4.6, "ton"),
        ("يبلغ العجز 396 ميغاواط", "396 ميغاواط", 396, "megawatt"),
        ("تبعد 57 كم عن بغداد", "57 كم", 57, "km"),
        ("سجل 3 آلاف شخص يوميا", "3 آلاف شخص يوميا", 3000, "person"),
        ("احتجزت عام ونصف", "عام ونصف", 1.5, "year"),
        ("يعيش 1.4 ﻣﻟﯾون ﻧﺎزح في إدلب", "1.4 ﻣﻟﯾون ﻧﺎزح", 1.4e6, "person"),
        ("يحتاج ٣٫٥ مليون طفل", "٣٫٥ مليون طفل", 3.5e6, "person"),
        ("خلال الـ24 ساعة الماضية", "24 ساعة", 24, "hour"),
        ("خلال الأيام الثلاثة الماضية", "الأيام الثلاثة", 3, "day"),
        ("About 30,000 people fled", "About 30,000 people", 30000, "person"),
        ("The UN asked for $1.5 billion", "$1.5 billion", 1.5e9, "USD"),
    ],
)
def test_value_unit_and_span(text: str, surface: str, value: float, unit: str) -> None:
    q = _one(text)
    assert q.text == surface
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high"),
    [
        ("قتل أكثر من 30 ألف شخص", "أكثر من 30 ألف شخص", 30000, 30000, None),
        ("أعدم 743 شخصا على الأقل", "743 شخصا على الأقل", 743, 743, None),
        ("وصل ما لا يقل عن 50 صاروخا", "ما لا يقل عن 50 صاروخا", 50, 50, None),
        ("قدمت ما يصل إلى مليار دولار سنوياً", "ما يصل إلى مليار دولار سنوياً", 1e9, None, 1e9),
        ("شارك نحو ألفي أستاذ", "نحو ألفي أستاذ", 2000, None, None),
        ("استمر ما يقارب من 6 أشهر", "ما يقارب من 6 أشهر", 6, None, None),
        ("فرّ بين 5 و10 آلاف مقاتل", "بين 5 و10 آلاف مقاتل", None, 5000, 10000),
        ("انقطعت من 20 إلى 30 ساعة", "20 إلى 30 ساعة", None, 20, 30),
        ("نزح 5-10 أطفال", "5-10 أطفال", None, 5, 10),
        ("احتجز ثلاثة أو أربعة فقط", "ثلاثة أو أربعة", None, 3, 4),
        ("شارك مئات الموظفين", "مئات الموظفين", None, 200, 999),
        ("فرّ الآلاف من المدنيين", "الآلاف من المدنيين", None, 2000, 9999),
        ("تحتاج عشرات المليارات من الدولارات", "عشرات المليارات من الدولارات", None, 1e10, 1e11 - 1),
        ("over 6 months", "over 6 months", 6, 6, None),
    ],
)
def test_bounds_ranges_and_vague(text: str, surface: str, value, low, high) -> None:
    q = _one(text)
    assert q.text == surface
    assert (q.value, q.low, q.high) == (value, low, high)


def test_approx_flags() -> None:
    assert _one("استضافت حوالي 29% من النازحين").approx
    assert not _one("أنهت عقود 250 موظفا").approx
    assert not _one("انقطعت من 20 إلى 30 ساعة").approx
    assert _one("احتجز ثلاثة أو أربعة فقط").approx


@pytest.mark.parametrize(
    ("text", "value"),
    [("تمثل 80% من الحالات", 80), ("نسبة 40 بالمئة", 40), ("نحو 30 في المئة", 30), ("نحو 85 في المائة", 85),
     ("بلغت 94٪ من المرضى", 94), ("البطالة %12 حسب", 12), ("20 percent", 20), ("حوالي نصف الهجمات", 50),
     ("خسرت نحو ثلثي قيمتها", 66.7)],
)
def test_percent(text: str, value: float) -> None:
    q = _one(text)
    assert (q.value, q.unit) == (pytest.approx(value), "percent")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("تراجعت العملة الإيرانية إلى 150 ألف ريال للدولار في طهران", "IRR"),
        ("بلغت قيمة الصفقة 3.5 مليار ريال سعودي", "SAR"),
        ("تراجعت الليرة التركية في أنقرة إلى 6.5 ليرة مقابل الدولار", "TRY"),
        ("غرامة 10 آلاف جنيه مصري", "EGP"),
        ("جمعت الشركة حوالي 15 مليون شيكل", "ILS"),
        ("تبرع بـ 500 دينار عراقي", "IQD"),
        ("رسوم 20 درهم إماراتي", "AED"),
    ],
)
def test_currencies(text: str, unit: str) -> None:
    assert _one(text).unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("قضى يومين في المستشفى", 2, "day"), ("قتل جنديان في الهجوم", 2, "person"),
     ("أصيبت سيارتي إسعاف", 2, "ambulance"), ("أصدرت الحكومة مناقصتي استيراد", 2, "tender"),
     ("تقل أعمارها عن سنتين", 2, "year"), ("بات النازحون ليلتين في العراء", 2, "night"),
     # any feminine noun of the lexicon: its -تين/-تان is a dual and no other word
     ("يعطى اللقاح على جرعتين", 2, "dose"), ("ألغيت رحلتان إلى دبلن", 2, "flight")],
)
def test_duals(text: str, value: float, unit: str) -> None:
    q = _one(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "وفق القرار 2216 الصادر عن مجلس الأمن",
        "في القضية رقم 165 لسنة 2017",
        "نفذت عملية سيناء 2018 ضد المسلحين",
        "انتظرته من الساعة 13:00 حتى الليل",
        "عند الساعة 10 بتوقيت غرينتش",
        "أصيب بفيروس كوفيد-19 وطائرات F-16",
        "قتل عدة أشخاص وأصيب بضعة آخرون",
        "وصل في الوقت نفسه في آن واحد",
        "احتل الفريق المرتبة 3 في الدوري",
        "تشمل المفاوضات مدينتي حمورية وسقبا",
        "في النصف الأول من العام",
        "يتصل على الرقم 0501234567",
        "في الدورة الـ73 للجمعية العامة",
        "تقوم حركة طالبان بتسليمكم",
        "تركت وعائلتي روسيا بصورة نهائية",
        "البرنامج الإرشادي #100_براند_سعودي",
        "سجلت تونس إصابات بكوفيد - 19 أمس",
        "في عام 2005 يوم أقيمت القمة",
        "يعد واحدًا من أشهر الهاكرز",
        "يحقق النتيجة في اليوم الواحد",
        "على شعار مناورات درع الخليج 1 المقامة",
        "بطارية 5N جديدة",
        "بحسب فرانس24 وقناة الجزيرة360",
        "فقدت الاتصال بطائرة بوينغ 737-500 وبوينغ 787",
        "سقطت طائرة Lion Air JT 610 في البحر",
        "لم تستبعد الحزب بشكل نهائي. 2- الهيئة نشرت قائمة. 3) الحزب لم يحقق الشروط.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert _quantities(text) == []


def test_numbers_inside_dates_are_skipped_but_not_durations() -> None:
    text = "قتل 20 شخصا يوم 15 مارس 2018 خلال 6 أيام"
    found = _quantities(text, [("15 مارس 2018", "date", "2018-03-15"), ("6 أيام", "duration", "P6D")])
    assert [(q.text, q.unit) for q in found] == [("20 شخصا", "person"), ("6 أيام", "day")]


def test_bare_number_takes_the_unit_of_its_sentence() -> None:
    found = _quantities("أحصت 98 ألف مهاجر في إيطاليا، و124 ألفا في اليونان")
    assert [(q.text, q.value, q.unit) for q in found] == [("98 ألف مهاجر", 98000, "person"), ("124 ألفا", 124000, "person")]


def test_partitive_min_needs_a_definite_noun() -> None:
    assert _one("نجا 14 من رجال الشرطة").unit == "person"
    assert _one("نقلت 101 من قارب مطاطي").unit is None


def test_the_partitive_counts_the_first_definite_noun_after_min() -> None:
    # not a known noun further on («كأس»): what «من» takes is what is counted
    found = _one("وانسحب 19 من المتسابقين في كأس العالم")
    assert (found.text, found.unit) == ("19 من المتسابقين", "person")  # a participle's plural names people
    assert _one("وأغلقت 7 من المعابر في مدينة غزة").unit != "city"


def test_unit_is_not_inherited_by_a_number_with_its_own_noun_or_from_a_duration() -> None:
    found = _quantities("حقق 18 نقطة بعد فوزه بنتيجة ثلاثة أهداف")
    assert [(q.text, q.unit) for q in found] == [("18 نقطة", "point"), ("ثلاثة أهداف", "أهداف")]
    found = _quantities("فر قبل 12 يوما وارتفع العدد إلى 146 ألفا، وفق الأمم المتحدة")
    assert [(q.text, q.unit) for q in found] == [("12 يوما", "day"), ("146 ألفا", None)]


def test_adverbs_in_ya_are_not_people() -> None:
    assert _one("الكويت الأولى عربيا و٢٧ عالميا").unit is None
    assert _one("اعتقل 15 سعوديا").unit == "person"


def test_noun_before_number_word_agrees_with_it() -> None:
    assert _one("أعيد مواطنين بريطانيين اثنين").text == "مواطنين بريطانيين اثنين"
    found = _one("أسفر عن مقتل وإصابة العشرات")
    assert (found.text, found.unit) == ("العشرات", "person")


def test_definite_dual_counts_only_as_a_duration() -> None:
    text = "سيجري التدريب خلال العامين المقبلين في المغرب"
    assert _quantities(text) == []
    found = _quantities(text, [("العامين المقبلين", "duration", "P2Y")])
    assert [(q.text, q.value, q.unit) for q in found] == [("العامين", 2, "year")]


def test_adjectives_and_rates_extend_the_span_but_not_prepositional_nouns() -> None:
    assert _one("أصيب مركزين إعلاميين").text == "مركزين إعلاميين"
    assert _one("قضت ثلاث سنوات بمستشفى إينوفا").text == "ثلاث سنوات"
    assert _one("باع 8.2 ملايين دولار").value == 8200000


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("بلغت الاستثمارات ثلاثة ملايير درهم في المغرب", "ثلاثة ملايير درهم", 3e9, "MAD"),
        ("خصصت الحكومة المغربية 5 ملايير درهم للبرنامج", "5 ملايير درهم", 5e9, "MAD"),
        ("دفعت السعودية للشركة 12$ عن كل برميل", "12$", 12, "USD"),
        ("بلغ السعر 12 $ في الرياض بالريال السعودي", "12 $", 12, "USD"),
        ("بلغ الثمن € 5 في السعودية", "€ 5", 5, "EUR"),
        ("بيع بسعر 5€ في السعودية", "5€", 5, "EUR"),
        ("بلغ الدين 1.5 مليار $ حسب التقرير", "1.5 مليار $", 1.5e9, "USD"),
        ("يعيش 3 ملايين مغترب في الخارج", "3 ملايين مغترب", 3e6, "person"),
        ("يعيش مليون ونصف مغترب في أوروبا", "مليون ونصف مغترب", 1.5e6, "person"),
        ("يعمل 4 وزراء في الحكومة", "4 وزراء", 4, "person"),
        ("سقط 12 ضحية في الحادث", "12 ضحية", 12, "person"),
        ("وصل 1.5 مليون حاج إلى مكة", "1.5 مليون حاج", 1.5e6, "person"),
        ("درس 300 طالب في المعهد", "300 طالب", 300, "person"),
        ("شارك 3 ملايين ناخب في الاقتراع", "3 ملايين ناخب", 3e6, "person"),
        ("بقي في السجن عامين ونصف", "عامين ونصف", 2.5, "year"),
        ("انتظر ساعة ونصف قبل الإفراج عنه", "ساعة ونصف", 1.5, "hour"),
        ("استمرت المفاوضات ثلاث سنوات ونصف", "ثلاث سنوات ونصف", 3.5, "year"),
        ("تبلغ مساحتها 200 كيلومتر مربع", "200 كيلومتر مربع", 200, "km2"),
        ("تتسع لـ5 ملايين متر مكعب من المياه", "5 ملايين متر مكعب", 5e6, "m3"),
        ("تمتد على 300 متر مربع", "300 متر مربع", 300, "m2"),
        ("الرباط - 15 شخصا لقوا حتفهم في حادث سير", "15 شخصا", 15, "person"),
        ("ثلثاهم من النساء", "ثلثاهم", 66.7, "percent"),
    ],
)
def test_other_outlet_styles(text: str, surface: str, value: float, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.unit) == (surface, unit)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high"),
    [
        ("بلغت الخسائر ما يناهز 300 مليون درهم", "ما يناهز 300 مليون درهم", 3e8, None, None),
        ("سجلت الصادرات قيمة تفوق 20 مليار درهم", "تفوق 20 مليار درهم", 2e10, 2e10, None),
        ("بلغ عدد الضحايا رقما تناهز 40 ضحية", "تناهز 40 ضحية", 40, None, None),
        ("استقال ثلاثة وزراء على الأقل من الحكومة", "ثلاثة وزراء على الأقل", 3, 3, None),
    ],
)
def test_maghrebi_approximators(text: str, surface: str, value, low, high) -> None:
    q = _one(text)
    assert (q.text, q.value, q.low, q.high, q.approx) == (surface, value, low, high, True)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("تتراوح مدة الإقامة ما بين يومين وثلاثة أيام", "بين يومين وثلاثة أيام", 2, 3, "day"),
        ("استمرت الأزمة من أسبوعين إلى ثلاثة أسابيع", "أسبوعين إلى ثلاثة أسابيع", 2, 3, "week"),
        ("تستغرق الرحلة من ثلاثة إلى خمسة أيام", "ثلاثة إلى خمسة أيام", 3, 5, "day"),
        ("يحتاج الأمر يومين أو ثلاثة", "يومين أو ثلاثة", 2, 3, "day"),
    ],
)
def test_ranges_opened_by_a_dual_are_one_quantity(text: str, surface: str, low, high, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.value, q.low, q.high, q.unit) == (surface, None, low, high, unit)


def test_half_of_something_else_is_not_added() -> None:
    found = _quantities("قتل 20 شخصا ونصف القتلى أطفال")
    assert [(q.text, q.value) for q in found] == [("20 شخصا", 20), ("نصف القتلى", 50)]
    assert _quantities("في نصفها الأول تراجعت الصادرات") == []
    assert _quantities("أصيب بفيروس كوفيد - 19 في المدينة") == []


def test_dirham_defaults_without_moroccan_context_but_follows_it() -> None:
    assert _one("رسوم 20 مليار درهم").unit == "AED"
    assert _one("رسوم 20 مليار درهم تبدأ في فاتح شتنبر").unit == "MAD"


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("استمرت الأزمة سنة ونصف السنة", "سنة ونصف السنة", 1.5, "year"),
        ("انتظر المرضى ساعة وربع في الطابور", "ساعة وربع", 1.25, "hour"),
        ("استغرقت الرحلة ساعتين ونصف", "ساعتين ونصف", 2.5, "hour"),
        ("It took two and a half years to finish", "two and a half years", 2.5, "year"),
        ("غزة - 3 شهداء في قصف", "3 شهداء", 3, "person"),
        ("أفرجت عن 33 رهينة", "33 رهينة", 33, "person"),
        ("At least 3 ministers quit", "At least 3 ministers", 3, "person"),
        ("قدرت الخسائر بمئات الملايير من الدراهم في المغرب", "مئات الملايير من الدراهم", None, "MAD"),
    ],
)
def test_halves_people_and_partitive_currency(text: str, surface: str, value, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.unit) == (surface, unit)
    assert q.value == (pytest.approx(value) if value is not None else None)


def test_a_currency_sign_beats_the_currency_of_the_sentence() -> None:
    found = _quantities("بلغ السعر 40 ريالا سعوديا أي ما يعادل 12 $ في الرياض")
    assert [(q.text, q.unit) for q in found] == [("40 ريالا سعوديا", "SAR"), ("12 $", "USD")]


# --- class 6 (issue 16): what a number counts on articles nobody tuned on --------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # a -ي nisba singular after a number that takes a singular noun, a -ي plural, a broken plural
        ("يقيم 4 ملايين عراقي في الخارج", "4 ملايين عراقي", 4e6, "person"),
        ("عاد 2500 مصري إلى بلادهم", "2500 مصري", 2500, "person"),
        ("اعتقلت الشرطة 5 أتراك قرب الحدود", "5 أتراك", 5, "person"),
        ("تجمع عشرات الأكراد أمام السفارة", "عشرات الأكراد", None, "person"),
        ("بلغ عدد الأردنيين المسجلين في الخارج 9400.", "9400", 9400, "person"),
        # a verb in the plural, or «منهم/بينهم», after a bare count: people
        ("غادر أكثر من ألفين يعملون في المصنع", "أكثر من ألفين", 2000, "person"),
        ("استقبلت الجزيرة مئات أنقذتهم السفن", "مئات", None, "person"),
        # English: adjectives before the noun are stepped over; nationality nouns are people
        ("Two Syrian pilots were captured", "Two Syrian pilots", 2, "person"),
        ("The ministry built 120 new schools", "120 new schools", 120, "school"),
        ("Police detained 7 Moroccans", "7 Moroccans", 7, "person"),
    ],
)
def test_people_and_nouns_after_adjectives(text: str, surface: str, value, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.unit) == (surface, unit)
    assert q.value == (pytest.approx(value) if value is not None else None)
    assert q.text == text[q.start:q.end]


def test_a_final_alif_maqsura_noun_is_not_a_nisba() -> None:
    q = _one("افتتح 30 مقهى في المدينة")
    assert (q.text, q.unit) == ("30 مقهى", "مقهى")  # «مقهى» (café) ends in ى, not the -ي of «سوري»


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دمرت الغارات 6 شاحنات و3 أخرى", [("6 شاحنات", "truck"), ("3 أخرى", "truck")]),
        ("قتل 4 جنود وجرح 11 آخرين", [("4 جنود", "person"), ("11 آخرين", "person")]),
        ("أصيب 11 آخرون في الانفجار", [("11 آخرون", "person")]),
        ("The strikes destroyed 5 tanks and 2 others", [("5 tanks", "tank"), ("2 others", "tank")]),
    ],
)
def test_others_carry_the_previous_unit(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.text, q.unit) for q in _quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("خفض المركزي الفائدة 75 نقطة أساس", "75 نقطة أساس", "basis point"),
        ("رفع البنك الفائدة 4 نقاط إلى 20 في المئة", "4 نقاط", "percentage point"),
        ("صعد المؤشر الرئيسي 120 نقطة في الجلسة", "120 نقطة", "point"),
        ("حصد الفريق 71 نقطة في الدوري", "71 نقطة", "point"),
        ("تبلغ مساحة المحمية 40 كيلومترا مربعا", "40 كيلومترا مربعا", "km2"),
        ("تبلغ طاقة المرفأ 900 ألف حاوية نمطية", "900 ألف حاوية نمطية", "TEU"),
        ("The Fed raised rates by 25 basis points", "25 basis points", "basis point"),
    ],
)
def test_compound_units(text: str, surface: str, unit: str) -> None:
    q = next(q for q in _quantities(text) if q.text == surface)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "surface", "unit", "per"),
    [
        ("تنتج المصفاة 250 ألف برميل يومياً", "250 ألف برميل يومياً", "barrel", "day"),
        ("تضخ المحطة 3 ملايين لتر في اليوم الواحد", "3 ملايين لتر", "litre", "day"),
        ("The field pumps 80,000 barrels a day", "80,000 barrels", "barrel", "day"),
        ("قتل 5 أشخاص في اليوم التالي", "5 أشخاص", "person", None),
        ("أنفقت الحكومة 3 مليارات دولار في العام 2017", "3 مليارات دولار", "USD", None),
    ],
)
def test_rates_keep_the_unit_and_give_the_period(text: str, surface: str, unit: str, per) -> None:
    q = _one(text)
    assert (q.text, q.unit, q.per) == (surface, unit, per)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("نفذت القوات سبع عمليات ليلية", "سبع عمليات ليلية", "operation"),
        ("زرعت البلدية 40 شجيرة على الطريق", "40 شجيرة", "شجيرة"),
        ("أطلق الجيش 12 منطادا فوق المدينة", "12 منطادا", "منطاد"),
        ("وقعت الشركتان 3 اتفاقات جديدة", "3 اتفاقات", "اتفاقات"),
        ("رصدت الأقمار عشرات البراكين النشطة", "عشرات البراكين", "براكين"),
    ],
)
def test_an_unknown_counted_noun_is_the_unit_itself(text: str, surface: str, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.unit) == (surface, unit)
    assert q.counted is not None and q.counted.text in surface


@pytest.mark.parametrize(
    "text",
    [
        "بلغ المؤشر 4.92 لتصل السوق إلى القاع",  # a verb after a decimal
        "في العام 1187 أنهت القوات الحصار",  # a past verb
        "ضمت القائمة 4 مدن كندية و3 مكسيكية",  # an adjective: the noun was left out
    ],
)
def test_no_fallback_unit_from_a_verb_or_an_adjective(text: str) -> None:
    units = [q.unit for q in _quantities(text)]
    assert not any(u and u not in ("city",) and not u.isascii() for u in units), units


@pytest.mark.parametrize(
    ("text", "values", "unit"),
    [
        ("تراجع الجنيه المصري أمام الدولار إلى 17.8", [17.8], "EGP"),
        ("هبطت الليرة التركية إلى 6.2 مقابل الدولار", [6.2], "TRY"),
        ("بقيت المعدلات عند 5 و6.5 و7 بالمئة", [5, 6.5, 7], "percent"),
    ],
)
def test_exchange_rates_and_coordinated_numbers(text: str, values: list[float], unit: str) -> None:
    found = _quantities(text)
    assert [q.value for q in found] == pytest.approx(values)
    assert {q.unit for q in found} == {unit}


def test_an_approximate_single_time_unit_counts_one() -> None:
    q = _one("بدأ الإضراب قبل نحو أسبوع في المصانع")
    assert (q.text, q.value, q.approx, q.unit) == ("نحو أسبوع", 1, True, "week")
    q = _one("توقف المشروع منذ أكثر من عام كامل")
    assert (q.text, q.value, q.low, q.unit) == ("أكثر من عام", 1, 1, "year")


def test_a_unit_phrase_of_the_article_names_its_short_form() -> None:
    found = _quantities("خصصت اللجنة 300 قلم اقتراع، وأغلقت 20 قلما بسبب الأمطار")
    assert [(q.text, q.unit) for q in found] == [("300 قلم اقتراع", "polling station"), ("20 قلما", "polling station")]


def test_an_abbreviation_takes_no_case_ending() -> None:
    found = _quantities("بلغت الخسائر 50 مليون دولار وليس 20 مليونا كما ذكرت الوزارة")
    assert [(q.text, q.unit) for q in found] == [("50 مليون دولار", "USD"), ("20 مليونا", "USD")]


# --- quantity values: what is not a quantity, and what was missed -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "فاز الفريق 3-1 على ضيفه",
        "تعادل المنتخبان 2 - 2 في الشوط الأول",
        "خسر بنتيجة صفر-3 أمام مضيفه",
        "فازت اللاعبة 6-4 و6-3",
        "تتراكم كميات كبيرة من القمامة",
        "أثنى الوزير على جهود المنظمة",
        'تسلمت الدفعة الأولى من منظومة "إس 300" الروسية',
        "تأهل المنتخب إلى دور الستة عشر",
        "سجل اللاعب في الدقيقة 85 من المباراة",
    ],
)
def test_scores_names_and_words_that_are_not_numbers(text: str) -> None:
    assert _quantities(text) == []


def test_a_range_with_its_noun_is_no_score() -> None:
    q = _one("نزح ما بين 3-8 أطفال من القرية")
    assert (q.low, q.high, q.unit) == (3, 8, "person")


def test_a_number_word_after_ila_is_counted() -> None:
    q = _one("ارتفع عدد القتلى إلى ثلاثة")
    assert (q.text, q.value, q.unit) == ("ثلاثة", 3, "person")  # «إلى» folds to «الي», not the article


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("فرضت عقوبات على الجهاز وخمسة من موظفيه", "خمسة من موظفيه", "person"),
        ("طردت الحكومة ثلاثة من دبلوماسيي السفارة", "ثلاثة من دبلوماسيي", "person"),
        ("نشرت البحرية 600 من قواتها في الخليج", "600 من قواتها", "person"),
        ("تعرضت حسابات الآلاف من مستخدمي تويتر للاختراق", "الآلاف من مستخدمي", "person"),
        ("اعتزل اللاعب وهو في 31 من عمره", "31 من عمره", "year"),
    ],
)
def test_the_partitive_reads_nouns_in_construct_or_with_a_pronoun(text: str, surface: str, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.unit) == (surface, unit)


def test_a_count_out_of_a_total_and_people_after_a_verb_with_hum() -> None:
    found = _quantities("أنقذت الفرق سبعة من أصل 15 عاملا")
    assert [(q.text, q.unit) for q in found] == [("سبعة", "person"), ("15 عاملا", "person")]
    q = _one("اعتقلت الشرطة تسعة يشتبه بتورطهم في السرقة")
    assert (q.text, q.unit) == ("تسعة", "person")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("سجل المهاجم 27 هدفا في الدوري هذا الموسم", "goal"),
        ("دمرت المقاتلات 14 هدفا في الغارات الأخيرة", "target"),
        ("وضعت الوزارة 5 أهداف للخطة", "أهداف"),  # no word of either sense: the noun itself
    ],
)
def test_a_noun_with_two_senses_takes_the_one_of_its_sentence(text: str, unit: str) -> None:
    assert _one(text).unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "أدرك المهاجم التعادل بتسديدة قوية (67) قبل أن يضيف الثاني",
        "تكشف سامسونغ عن غالاكسي إس 12 الشهر المقبل",
        "قالت قناة 13 الإسرائيلية إن",
        "انخفض سعر النفط عند النقطة 53 في التداولات",
    ],
)
def test_minutes_of_play_and_model_or_channel_numbers(text: str) -> None:
    assert _quantities(text) == []


def test_units_are_spelt_as_the_gold_spells_them() -> None:
    assert _one("حفر الفلاحون على عمق 150 مترا").unit == "metre"
    assert _one("خزن السد 40 مليون متر مكعب").unit == "m3"
    assert _one("أنشئ 60 مركزا للتطعيم").unit == "centre"
    assert _one("تصل الحرارة إلى 48 درجة مئوية").unit == "celsius"  # not the plain «درجة» of a ranking


def test_count_words_with_hum_and_sound_plurals_in_construct_are_people() -> None:
    q = _one("استقبلت البلاد المهاجرين البالغ عددهم قرابة مليوني")
    assert (q.text, q.unit) == ("قرابة مليوني", "person")
    q = _one("صرح اثنان من مستشاري الرئيس بذلك")
    assert (q.text, q.unit) == ("اثنان من مستشاري", "person")
    assert _one("نفذت السلطات حكم الإعدام بحق أربعة").unit == "person"


@pytest.mark.parametrize("text", ["عثر على الحارس ميتا في منزله", "وزعت على الدول الخمس عشرة الأعضاء"])
def test_words_whose_key_looks_like_a_number(text: str) -> None:
    assert _quantities(text) == []  # «ميتا» (dead) is not «مئتا» (200); «عشرة» ends the definite «الخمس عشرة»


def test_a_dual_with_a_pronoun_counts_two() -> None:
    q = _one("نجا الزعيم وقتل حارساه في الهجوم")
    assert (q.text, q.value, q.unit) == ("حارساه", 2, "person")
    assert _quantities("انقطعت المياه عن المدينة") == []


def test_a_count_word_far_back_in_its_sentence_still_names_the_unit() -> None:
    q = _one("وبلغ عدد الإعدامات التي نفذتها السلطات في البلاد منذ مطلع السنة وحتى نهاية الربع الثاني (حزيران) 410، أي")
    assert (q.text, q.unit) == ("410", "execution")


def test_a_definite_number_after_a_noun_with_its_owners_pronoun_counts_that_noun() -> None:
    q = _one("وأغلقت السلطات مستشفياتهم الأربعة بسبب القصف")
    assert (q.text, q.value, q.unit) == ("مستشفياتهم الأربعة", 4, "hospital")


def test_a_definite_figure_counts_before_its_noun_or_after_a_plural_and_is_an_ordinal_after_a_singular() -> None:
    found = _quantities("وغادر الـ27 شخصا المبنى")
    assert [(q.text, q.value, q.unit) for q in found] == [("الـ27 شخصا", 27, "person")]
    found = _quantities("وتأهل المتسابقين الـ12 إلى النهائي")
    assert [(q.text, q.value, q.unit) for q in found] == [("الـ12", 12, "person")]
    assert _quantities("وافتتحت الدورة الـ23 للمهرجان في الذكرى الـ70 لتأسيسه") == []


def test_a_unit_phrase_before_its_number_word_is_read_whole() -> None:
    q = _one("وقد ينمو الاقتصاد بمقدار نقطة مئوية واحدة مع كل إصلاح")
    assert (q.text, q.value, q.unit) == ("نقطة مئوية واحدة", 1, "percentage point")


def test_a_number_after_min_haa_counts_what_was_just_counted() -> None:
    found = _quantities("تم الإبلاغ عن 33 هجوما، من بينها 10 نجح المتشددون في تنفيذها")
    assert [(q.text, q.value, q.unit) for q in found] == [("33 هجوما", 33, "attack"), ("10", 10, "attack")]
    found = _quantities("وقتل 50 شخصا منهم 12 طفلا")  # a noun of its own keeps its unit
    assert [(q.text, q.unit) for q in found] == [("50 شخصا", "person"), ("12 طفلا", "person")]


@pytest.mark.parametrize(("text", "unit"), [
    ("فاز الفريق بثلاث بطولات", "title"), ("وأطلقت الوزارة خمس حملات تطعيم", "campaign"),
    ("وضبطت الشرطة 17 شحنة مخدرات", "shipment"), ("وبلغت الصفقة 42 مليون رينغيت", "MYR"),
])
def test_frequent_counted_nouns_have_their_unit(text: str, unit: str) -> None:
    assert _one(text).unit == unit


def test_a_verb_after_a_bare_number_is_no_counted_noun() -> None:
    found = _quantities("وشارك في الرالي الـ20 نجحت منها 15 في الوصول")
    assert all(q.unit != "نجحت" for q in found)
    assert _one("وهدمت الجرافات 12 بيوتا").unit is not None  # فعول: a plural, not a verb


def test_a_price_per_unit_and_the_magnitude_of_a_quake() -> None:
    found = _quantities("وارتفع سعر النفط إلى 80 دولارا للبرميل، وبيع السهم بـ 5 دولارات لكل سهم")
    assert [(q.text, q.unit) for q in found] == [("80 دولارا للبرميل", "USD per barrel"),
                                                  ("5 دولارات لكل سهم", "USD per share")]
    assert _one("وضرب زلزال بقوة 7.6 درجة على مقياس ريختر").unit == "magnitude"
    assert _one("وبلغت الحرارة 40 درجة في الظل").unit == "degree"
    assert _one("وبلغ سعر الصرف 3.75 ريال للدولار").unit == "SAR"  # an exchange rate, no price of a dollar


def test_a_fee_per_operation_is_no_commodity_price() -> None:
    assert _one("وتصل رسوم التحويل إلى 12$ للعملية الواحدة").unit == "USD"


def test_a_noun_before_a_number_word_does_not_override_the_unit_after_it() -> None:
    assert _one("وأقام في المدينة سياح خمسة أيام").unit == "day"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("وأصيب أربعة مسعفين في القصف", "أربعة مسعفين"),  # مُفعِل
        ("شارك آلاف مثيري الشغب في الصدامات", "آلاف مثيري"),  # construct form before a definite word
        ("انضم سبعة لاعبين إلى المعسكر", "سبعة لاعبين"),  # فاعل
        ("اعتقلت الشرطة خمسة أوكرانيين", "خمسة أوكرانيين"),  # a nisba
    ],
)
def test_an_unlisted_sound_masculine_plural_counts_people(text: str, surface: str) -> None:
    q = _one(text)
    assert (q.text, q.unit) == (surface, "person")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("أقر البرلمان ثلاثة قوانين جديدة", "قوانين"),  # a broken plural in -ين
        ("أغلقت السلطات عشرات مقاهي الحي القديم", "مقاهي"),  # a broken plural in -ي before a definite word
    ],
)
def test_a_broken_plural_in_yn_or_y_does_not_count_people(text: str, unit: str) -> None:
    assert [q.unit for q in _quantities(text)] == [unit]


@pytest.mark.parametrize(
    "text",
    [
        "وشحنت 360 ألف جرعة إلى المخيم حيث أودى الوباء بحياة العشرات.",  # not the doses of the sentence
        "وكان الآلاف في استقبال الفريق عند المطار.",
        "ونزل الملايين إلى الشوارع.",
    ],
)
def test_a_vague_plural_standing_alone_counts_people(text: str) -> None:
    q = _quantities(text)[-1]
    assert q.text.endswith(("العشرات", "الآلاف", "الملايين")) and q.unit == "person"


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("وحكم عليه بغرامة قدرها مليونا يورو.", "مليونا يورو", 2_000_000, "EUR"),  # the dual in construct
        ("جمعت ألفا وخمسمئة توقيع في يوم واحد.", "ألفا وخمسمئة توقيع", 1500, None),  # the accusative, then more
        ("وبلغت الخسائر 43 مليونا.", "43 مليونا", 43_000_000, None),
    ],
)
def test_a_scale_word_in_a_alone_before_a_noun_is_a_dual(text, surface, value, unit) -> None:
    q = _quantities(text)[0]
    assert (q.text, q.value) == (surface, value)
    if unit:
        assert q.unit == unit


def test_a_preposition_after_a_figure_is_no_counted_noun_and_a_waw_noun_is():
    assert [(q.text, q.unit) for q in _quantities("وعرض النادي 3 ملايين لإنهاء العقد.")] == [("3 ملايين", None)]
    assert [q.unit for q in _quantities("وتضم الحكومة الجديدة 14 وكالة فرعية.")] == ["وكالة"]


def test_a_headline_figure_takes_the_unit_the_body_gives_it():
    text = "النادي يعرض 14 مليوناً لإنهاء النزاع\nوعرض النادي دفع 14 مليون يورو لإنهاء النزاع مع اللاعب."
    assert [(q.value, q.unit) for q in _quantities(text)] == [(14_000_000, "EUR"), (14_000_000, "EUR")]
    text = "عنوان الخبر\nوعوقب اللاعب بالإيقاف 21 شهرا.\nوقال إنه سيعود بعد أن يبلغ 21."
    assert [q.unit for q in _quantities(text)] == ["month", None]  # a small figure of the body: another one


def test_a_half_after_a_comma_still_adds_to_the_duration():
    assert [(q.text, q.value, q.unit) for q in _quantities("ووقع عقدا لمدة 3 أعوام، ونصف العام مع النادي.")] == [
        ("3 أعوام، ونصف العام", 3.5, "year")]


def test_a_number_written_against_a_particle_still_counts_but_a_name_with_digits_does_not():
    found = _quantities("ومن بين هؤلاء لا يزال7700 منهم في عداد المفقودين بينهم5300 في الشمال.")
    assert [(q.text, q.unit) for q in found] == [("7700", "person"), ("5300", "person")]
    assert _quantities("وقالت قناة فرانس24 إن الهجوم فشل.") == []
