"""The text layer: normalisation with offset maps, segmentation, tokens, language id."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isnad.text.langid import detect
from isnad.text.normalize import fold, key, normalize
from isnad.text.segment import MAX_SENTENCE_TOKENS, paragraphs, split_sentences
from isnad.text.tokens import strip_proclitic, tokenize

# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("original", "folded"),
    [
        ("مُحَمَّدٌ", "محمد"),  # harakat, shadda, tanween
        ("الـــرئيس", "الرئيس"),  # tatweel
        ("أإآٱ", "اااا"),  # alef/hamza forms
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("ایران کرد", "ايران كرد"),  # Persian ya and kaf
        ("٣٥٠٠", "3500"),  # Eastern Arabic digits
        ("۱۴۰۲", "1402"),  # Persian digits
        ("٣٬٥٠٠", "3,500"),  # Arabic thousands separator
        ("٣٫٥", "3.5"),  # Arabic decimal separator
        ("٪٥٠", "%50"),
        ("ﻣﻟﯾون", "مليون"),  # presentation forms (NFKC), as in real articles
        ("ﷲ", "الله"),  # ligature expands to several letters
        ("\u202bنص\u202c", "نص"),  # bidi embedding controls removed
    ],
)
def test_fold_cases(original: str, folded: str) -> None:
    assert normalize(original).text == folded


def test_key_is_stronger_than_fold() -> None:
    assert key("المدرسة") == key("المدرسه")
    assert key("  Hello   World ") == "hello world"
    assert fold("المدرسة") != fold("المدرسه")


def test_map_through_every_normalisation() -> None:
    original = "قال الرَّئِيـــسُ إنّ ٣٬٥٠٠ مدنيّ و٢٫٥ مليون لاجئ في ﻣﻟﯾون ایران ﷺ."
    norm = normalize(original)
    # Each folded character came from the original character at origin[i].
    for i, ch in enumerate(norm.text):
        source = original[norm.origin[i]]
        assert fold(source).find(ch) >= 0, (i, ch, source)
    # Spans found on the folded text map back to exact original substrings.
    for word in ("الرئيس", "3,500", "2.5", "مليون", "ايران", "مدني"):
        m = re.search(re.escape(word), norm.text)
        assert m, word
        start, end = norm.span(m.start(), m.end())
        assert fold(original[start:end]) == word


def test_span_keeps_trailing_diacritics_and_whole_ligatures() -> None:
    original = "مدنيٌّ آخر"
    norm = normalize(original)
    start, end = norm.span(0, 4)
    assert original[start:end] == "مدنيٌّ"
    lig = "x ﷲ y"
    n2 = normalize(lig)
    assert len(n2.text) > len(lig)  # the ligature expanded
    s, e = n2.span(2, 3)  # first char of the expansion maps to the whole ligature
    assert lig[s:e] == "ﷲ"


def test_empty_span_and_end_of_text() -> None:
    norm = normalize("نص")
    assert norm.span(2, 2) == (2, 2)
    assert norm.orig_index(10) == 2


@given(st.text(alphabet=st.sampled_from(list("اأإآبتثةىيیکك٠١٢٣٤٥٦٧٨٩٬٫ـًٌٍَُِّْ 0123456789,.abc\u200f")), max_size=60))
def test_map_is_monotonic_and_in_range(text: str) -> None:
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text)
    assert all(0 <= o < len(text) for o in norm.origin)
    assert list(norm.origin) == sorted(norm.origin)
    for i in range(len(norm.text)):
        s, e = norm.span(i, i + 1)
        assert 0 <= s < e <= len(text)


# ---------------------------------------------------------------- segmentation


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_arabic_sentence_ends_and_non_ends() -> None:
    text = "قال الوزير إن النمو بلغ 3.5 بالمئة، وإن العجز ٣٫٥ مليار؛ ثم غادر. هل هذا صحيح؟ نعم! انتهى…"
    assert _sentences(text) == [
        "قال الوزير إن النمو بلغ 3.5 بالمئة، وإن العجز ٣٫٥ مليار؛ ثم غادر.",
        "هل هذا صحيح؟",
        "نعم!",
        "انتهى…",
    ]


def test_numbers_and_abbreviations_do_not_split() -> None:
    text = "Mr. Smith said the U.S. economy grew 3.5% to $6,000 per head. Dr. Jones disagreed."
    assert _sentences(text) == [
        "Mr. Smith said the U.S. economy grew 3.5% to $6,000 per head.",
        "Dr. Jones disagreed.",
    ]
    assert _sentences("قال د. أحمد إن 6,000 شخص نزحوا. ثم عاد.") == ["قال د. أحمد إن 6,000 شخص نزحوا.", "ثم عاد."]


def test_quote_spanning_sentences_stays_whole_and_closing_quote_ends() -> None:
    text = "وأضاف: «هذا جيد. بل ممتاز.» ثم غادر القاعة."
    assert _sentences(text) == ["وأضاف: «هذا جيد. بل ممتاز.»", "ثم غادر القاعة."]
    text = 'He said: "We will stay. We will fight." Then he left.'
    assert _sentences(text) == ['He said: "We will stay. We will fight."', "Then he left."]


def test_unclosed_quote_does_not_swallow_paragraph() -> None:
    text = "قال: «هذا جيد. ثم غادر. وانتهى الاجتماع."
    assert len(_sentences(text)) == 3


def test_headings_and_paragraphs() -> None:
    text = "الأمم المتحدة تحذر من كارثة\n\nقال المتحدث إن الوضع خطير.\nوأضاف أن المساعدات لا تكفي.\n"
    sentences = split_sentences(text)
    assert [s.heading for s in sentences] == [True, False, False]
    assert [s.paragraph for s in sentences] == [0, 1, 2]
    assert paragraphs(text)[0] == (0, len("الأمم المتحدة تحذر من كارثة"))
    # A long line without final punctuation is a paragraph, not a heading.
    long_line = " ".join(["كلمة"] * 30)
    assert split_sentences(long_line)[0].heading is False


@pytest.mark.parametrize("junk", ["«" * 10_000, '"' * 5_000, "«»" * 3_000, " ".join(["كلمة"] * 1_000),
                                  "، ".join([" ".join(["كلمة"] * 7)] * 100), "ب" * 20_000])
def test_sentences_are_bounded_so_junk_costs_no_more_per_token(junk: str) -> None:
    # The NER encoder's cost per token grows with the sentence length: an unpunctuated page or 10,000
    # quote marks used to be one sentence, 8x the cost of normal text.
    text = "عنوان\n" + junk + "\nجملة عادية."
    sentences = split_sentences(text)
    assert all(len(tokenize(text, s.start, s.end)) <= MAX_SENTENCE_TOKENS for s in sentences)
    assert "".join(text[s.start:s.end] for s in sentences).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert all(text[s.start:s.end].strip() == text[s.start:s.end] for s in sentences)
    assert sentences[-1].paragraph == 2 and _sentences(text)[-1] == "جملة عادية."
    if "،" in junk:  # cut after a comma, not in the middle of a clause
        assert all(text[s.start:s.end].endswith("،") for s in sentences[1:-2])


def test_real_sentences_are_never_cut(dev_articles: list, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from isnad.text import segment

    texts = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in dev_articles]
    bounded = [split_sentences(text) for text in texts]
    monkeypatch.setattr(segment, "MAX_SENTENCE_TOKENS", 10**9)
    assert [split_sentences(text) for text in texts] == bounded


def test_sentence_offsets_are_exact() -> None:
    text = "  عنوان\n\n  جملة أولى.   جملة ثانية؟  \n"
    for s in split_sentences(text):
        assert text[s.start:s.end].strip() == text[s.start:s.end]
        assert text[s.start:s.end]


# ---------------------------------------------------------------- tokens and language


def test_tokens_keep_offsets_and_numbers() -> None:
    text = "قال إن ٣٫٥ مليون و6,000 شخص، «نعم»."
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert "٣٫٥" in [t.text for t in toks]
    assert "6,000" in [t.text for t in toks]


def test_strip_proclitic() -> None:
    assert strip_proclitic("وبشار") == ("بشار", 1)
    assert strip_proclitic("والحكومة") == ("الحكومة", 1)
    assert strip_proclitic("وزير") == ("وزير", 0)
    assert strip_proclitic("لبنان", known={"لبنان"}) == ("لبنان", 0)
    assert strip_proclitic("للأمم", known={"الأمم"}) == ("لأمم", 1)


def test_language_identification() -> None:
    assert detect("قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل.") == "ar"
    assert detect("The foreign minister said talks would resume next week.") == "en"
    assert detect("   ") == "und"


def test_arabic_typed_with_persian_letters_is_arabic_without_the_model() -> None:
    from isnad.text.langid import _arabic_by_function_words

    # ی and ک from a Persian keyboard, in an Arabic sentence
    arabic = "وقال المتحدث باسم الوزارة فی بیان إن الهجوم وقع علی الطریق بین المدینتین، وإن کل الضحایا من المدنیین."
    assert _arabic_by_function_words(arabic)
    assert detect(arabic) == "ar"
    persian = "وزیر امور خارجه گفت که این مذاکرات در هفته آینده از سر گرفته می شود و ما برای آن آماده هستیم."
    assert not _arabic_by_function_words(persian)
    assert detect(persian) == "fa"
    urdu = "وزیر خارجہ نے کہا کہ یہ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے اور ہم اس کے لیے تیار ہیں۔"
    assert not _arabic_by_function_words(urdu)
    assert detect(urdu) == "ur"


def test_each_function_word_marks_one_language() -> None:
    from isnad import lang
    from isnad.text.langid import _SCRIPT_FOLD

    owners: dict[str, set[str]] = {}
    for code, words in lang.lists("langid_arabic_script.json").items():
        for word in words:
            owners.setdefault(word.translate(_SCRIPT_FOLD), set()).add(code)
    assert {w: c for w, c in owners.items() if len(c) > 1} == {}


def test_a_word_glued_to_a_figure_is_read_as_two_words_with_offsets_into_the_text_as_written() -> None:
    from isnad.components.times import extract

    text = "وصدرت البلاد سلعا في2016 بقيمة12 مليار دولار، و40 بالمئةالنفط، اعتبارا من 3آذار/مارس."
    norm = normalize(text)
    assert "في 2016" in norm.text and "بقيمة 12" in norm.text and "بالمئة النفط" in norm.text
    at = norm.text.index("12")
    assert text[slice(*norm.span(at, at + 2))] == "12"
    assert [(t.text, t.value) for t in extract(text, dt.date(2016, 5, 1))] == [
        ("في2016", "2016"), ("3آذار/مارس", "2016-03-03")]
    # a figure with its scale is a figure whatever it is glued to; a name with its number stays one word
    assert "ليبيا 1,2 مليون" in normalize("وتنتج ليبيا1,2 مليون برميل").text
    assert "فرانس24" in normalize("بحسب فرانس24 والجزيرة360").text
    assert "والجزيرة360" in normalize("بحسب فرانس24 والجزيرة360").text
