"""The claims stage: sentence scores, claim types, attribution, references and ranking.

The earlier stages are replaced by hand-built annotations, so these tests do not depend on the
extractors' current quality.
"""

from __future__ import annotations

import math

import pytest

from isnad.components import claims, classify
from isnad.core.doc import Doc
from isnad.core.registry import load_stages
from isnad.model import Analysis, Entity, Quantity, Quote, Source, Speaker, Time
from stages import make_doc

_FIELDS = ("quantities", "times", "entities", "quotes", "sources")


def make_ctx(text: str, lang: str = "ar") -> Doc:
    """A Doc whose earlier stages' fields are empty lists, for the test to fill by hand."""
    return make_doc(text, lang, preset={name: [] for name in _FIELDS})


def at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def run(ctx: Doc) -> Analysis:
    ctx.assign_ids(_FIELDS)
    stages = load_stages()
    ctx.run_stage(stages["classify"])
    ctx.run_stage(stages["claims"])
    return ctx.to_analysis()


def claim_of(analysis: Analysis, fragment: str):
    found = [c for c in analysis.claims if fragment in c.text]
    assert len(found) == 1, [c.text for c in analysis.claims]
    return found[0]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("سوف ترتفع أسعار الوقود في البلاد خلال الصيف.", "prediction"),
    ("وسيعقد المؤتمر الدولي في باريس لبحث الأزمة.", "prediction"),
    ("ارتفعت أسعار الخبز بسبب الحرب في البلاد.", "causal"),
    ("كانت الخسائر هذا العام أعلى من خسائر الحكومة السابقة.", "comparison"),
    ("السياسة الاقتصادية للحكومة تقوم على خفض الضرائب منذ عام 2015.", "event"),  # سياسة is not سـ + verb
    ("The minister said prices will rise next year.", "prediction"),
    ("Prices rose sharply because of the drought in the south.", "causal"),
])
def test_types_from_cues(sentence: str, expected: str) -> None:
    lang = "en" if sentence.isascii() else "ar"
    analysis = run(make_ctx(sentence, lang))
    assert analysis.claims[0].type == expected


def test_statistic_and_approximator_is_not_a_comparison() -> None:
    text = "قتل أكثر من 30 شخصا في الهجوم على القرية."
    ctx = make_ctx(text)
    s, e = at(text, "أكثر من 30 شخصا")
    ctx.quantities.append(Quantity(start=s, end=e, text=text[s:e], value=30, low=30, approx=True))
    claim = run(ctx).claims[0]
    assert claim.type == "statistic" and claim.quantities == [ctx.quantities[0].id]
    assert "1 figure" in claim.reasons


def test_attribution_named_anonymous_hearsay_writer() -> None:
    text = ("قال وزير الصحة إن المستشفيات تعمل بشكل طبيعي في العاصمة. "
            "وذكرت مصادر أمنية أن الهجوم استهدف مقر الشرطة في المدينة. "
            "ويقال إن الحكومة تدرس إغلاق المعابر الحدودية مع الجيران. "
            "وتقع المدينة على الساحل الشمالي للبلاد منذ قرون طويلة.")
    ctx = make_ctx(text)
    a = ctx
    sp, ep = at(text, "وزير الصحة")
    sq, eq = at(text, "المستشفيات تعمل بشكل طبيعي في العاصمة")
    a.quotes.append(Quote(start=sq, end=eq, text=text[sq:eq], kind="indirect",
                          speaker=Speaker(start=sp, end=ep, text=text[sp:ep])))
    ss, es = at(text, "مصادر أمنية")
    a.sources.append(Source(start=ss, end=es, text=text[ss:es], kind="anonymous"))
    run(ctx)
    minister = claim_of(a, "وزير الصحة")
    assert (minister.attribution, minister.attributed_to, minister.type) == ("named", "وزير الصحة", "quote")
    assert minister.quotes == [a.quotes[0].id]
    security = claim_of(a, "مصادر أمنية")
    assert (security.attribution, security.attributed_to, security.sources) == ("anonymous", "مصادر أمنية", [a.sources[0].id])
    assert "anonymous source" in security.reasons
    assert claim_of(a, "ويقال").attribution == "unattributed"
    assert claim_of(a, "الساحل").attribution == "writer"


def test_references_are_valid_and_inside_and_ranking_is_descending(monkeypatch: pytest.MonkeyPatch) -> None:
    # Constant classifier scores: the order then comes from specificity and attribution alone.
    monkeypatch.setattr(classify.classifiers, "predict", lambda task, lang, texts, *_: [0.5] * len(texts))
    text = ("مدينة بلا كهرباء\n"
            "وقالت الأمم المتحدة إن الطقس كان معتدلا في المنطقة.\n"
            "وأفادت مصادر طبية بمقتل 12 شخصا وإصابة 40 آخرين في 3 مارس 2018 في مدينة حلب.")
    ctx = make_ctx(text)
    a = ctx
    for surface, value in [("12 شخصا", 12), ("40 آخرين", 40)]:
        s, e = at(text, surface)
        a.quantities.append(Quantity(start=s, end=e, text=surface, value=value))
    s, e = at(text, "3 مارس 2018")
    a.times.append(Time(start=s, end=e, text=text[s:e], type="date", value="2018-03-03"))
    for surface, label in [("الأمم المتحدة", "ORG"), ("حلب", "LOC")]:
        s, e = at(text, surface)
        a.entities.append(Entity(start=s, end=e, text=surface, label=label))
    s, e = at(text, "مصادر طبية")
    a.sources.append(Source(start=s, end=e, text=text[s:e], kind="anonymous"))
    s, e = at(text, "الأمم المتحدة")
    a.sources.append(Source(start=s, end=e, text=text[s:e], kind="organization"))
    run(ctx)
    assert a.sentences[0].heading
    assert [c.sentence for c in a.claims] == [2, 1]  # the bare heading is skipped
    assert [c.priority for c in a.claims] == sorted((c.priority for c in a.claims), reverse=True)
    top = a.claims[0]
    assert top.type == "statistic" and top.attribution == "anonymous"
    assert {"2 figures", "1 date", "anonymous source"} <= set(top.reasons)
    for claim in a.claims:
        sentence = a.sentences[claim.sentence]
        assert (claim.start, claim.end, claim.text) == (sentence.start, sentence.end, sentence.text)
        assert 0.0 <= claim.priority <= 1.0
        for name in ("quantities", "times", "entities", "sources"):
            for ref in getattr(claim, name):
                item = next(i for i in getattr(a, name) if i.id == ref)
                assert sentence.start <= item.start and item.end <= sentence.end
    assert claim_of(a, "الطقس").entities == [a.entities[0].id] and claim_of(a, "الطقس").sources == [a.sources[0].id]
    assert top.entities == [a.entities[1].id] and top.sources == [a.sources[1].id]
    assert top.quantities == [q.id for q in a.quantities] and top.times == [a.times[0].id]
    assert top.quantities == [f"qty-{text.index('12 شخصا')}-{text.index('12 شخصا') + 7}",
                              f"qty-{text.index('40 آخرين')}-{text.index('40 آخرين') + 8}"]  # kind and offsets


def test_sentence_scores_set_on_every_sentence_including_headings() -> None:
    text = "الأمم المتحدة: 224 ألف مهاجر وصلوا إلى أوروبا\nوقالت المفوضية إن العدد ارتفع بشكل كبير هذا العام."
    a = run(make_ctx(text))
    assert a.sentences[0].heading
    for sentence in a.sentences:
        assert 0.0 <= sentence.subjectivity <= 1.0 and 0.0 <= sentence.checkworthiness <= 1.0
    claim = a.claims[0]
    assert claim.checkworthiness == a.sentences[claim.sentence].checkworthiness
    assert any(r.startswith("check-worthiness ") for r in claim.reasons)


def test_english_has_subjectivity_only_and_other_languages_still_get_claims() -> None:
    a = run(make_ctx("The government said the new bridge opened on Monday in the capital.", "en"))
    assert a.sentences[0].subjectivity is not None and a.sentences[0].checkworthiness is None
    assert len(a.claims) == 1
    f = run(make_ctx("Le gouvernement a annoncé que le nouveau pont a ouvert lundi.", "fr"))
    assert f.sentences[0].subjectivity is None and f.claims and f.claims[0].type == "event"


def test_opinion_from_high_subjectivity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify.classifiers, "predict",
                        lambda task, lang, texts, *_: [0.9] * len(texts) if task == "subjectivity" else None)
    claim = run(make_ctx("إنه قرار مخز ومهين لكل المواطنين في هذا البلد.")).claims[0]
    assert claim.type == "opinion" and any(r.startswith("opinion") for r in claim.reasons)


@pytest.mark.parametrize(("subjectivity", "expected"), [(0.49, "event"), (0.5, "opinion"), (0.51, "opinion")])
def test_opinion_threshold_is_inclusive_at_one_half(monkeypatch: pytest.MonkeyPatch, subjectivity: float,
                                                    expected: str) -> None:
    monkeypatch.setattr(classify.classifiers, "predict",
                        lambda task, lang, texts, *_: [subjectivity] * len(texts) if task == "subjectivity" else None)
    claim = run(make_ctx("وصل الوفد إلى العاصمة بعد رحلة طويلة عبر البلاد.")).claims[0]
    assert claim.type == expected


def test_priority_is_the_documented_weighted_sum(monkeypatch: pytest.MonkeyPatch) -> None:
    # check-worthiness 0.8 (tweet model) blended 0.4/0.6 with the verifiable-claim score 0.5 -> 0.62;
    # one figure: specificity 1 - exp(-0.6); anonymous source: 0.9; statistic: no type discount.
    monkeypatch.setattr(classify.classifiers, "predict",
                        lambda task, lang, texts, *_: [0.8 if lang == "ar" else 0.5] * len(texts)
                        if task == "checkworthiness" else None)
    text = "وقالت مصادر طبية إن 12 شخصا قتلوا في القصف."
    ctx = make_ctx(text)
    s, e = at(text, "12 شخصا")
    ctx.quantities.append(Quantity(start=s, end=e, text=text[s:e], value=12, unit="person"))
    s, e = at(text, "مصادر طبية")
    ctx.sources.append(Source(start=s, end=e, text=text[s:e], kind="anonymous"))
    claim = run(ctx).claims[0]
    check = 0.4 * 0.8 + 0.6 * 0.5
    expected = (claims.W_CHECK * check + claims.W_SPECIFIC * (1 - math.exp(-0.6))
                + claims.W_ATTRIBUTION * claims.ATTRIBUTION_SCORE["anonymous"])
    assert claim.type == "statistic" and claim.attribution == "anonymous"
    assert claim.priority == pytest.approx(round(expected, 4))
    assert (claims.W_CHECK, claims.W_SPECIFIC, claims.W_ATTRIBUTION) == (0.45, 0.35, 0.20)
    assert abs(claims.W_CHECK + claims.W_SPECIFIC + claims.W_ATTRIBUTION - 1.0) < 1e-9


# ----- issue 16, class 9: an opinion piece's evaluative sentences and the writer's own analysis


@pytest.mark.parametrize("sentence", [
    "غير أن هذه الرواية الرسمية تبدو واهية أمام ما يجري على الأرض.",
    "ولا شك أن المدنيين هم من يدفعون الثمن الأكبر في هذه الحرب.",
    "ويجب أن تتحمل الحكومة مسؤولية ما جرى في المدينة.",
    "The official account seems flimsy given what is happening on the ground.",
])
def test_the_writers_evaluation_is_an_opinion_not_an_event(sentence):
    lang = "en" if sentence.isascii() else "ar"
    c = claim_of(run(make_ctx(sentence, lang)), sentence[:20])
    assert c.type == "opinion" and c.attribution == "writer"
    assert any(r.startswith("opinion cue «") for r in c.reasons), c.reasons


def test_an_evaluative_word_inside_a_quote_leaves_the_quote_claim():
    text = "وقال الوزير إن الرواية تبدو واهية."
    ctx = make_ctx(text)
    start, end = at(text, "الرواية تبدو واهية")
    s_start, s_end = at(text, "الوزير")
    ctx.quotes = [Quote(start=start, end=end, text=text[start:end], kind="indirect",
                        speaker=Speaker(start=s_start, end=s_end, text="الوزير"))]
    assert claim_of(run(ctx), "الوزير").type == "quote"
