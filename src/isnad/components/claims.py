"""Claims: which sentences a fact-checker should look at first, and why.

Runs after entities, times, quantities, quotes and sources.  For every sentence (headings
included) it sets ``subjectivity`` and ``checkworthiness`` from the bundled classifiers (one
vectorised call per document; Arabic and English subjectivity, Arabic check-worthiness).  Then
each sentence that says something checkable becomes a :class:`Claim`:

- type: prediction cues, then the writer's evaluative cues (opinion: «تبدو واهية», «لا شك», "should"; in a
  sentence with no quote), then causal / comparison cues (``lang/claims_cues.json``), then figures (statistic),
  then a reported quote, then high subjectivity (opinion), else event;
- attribution: from the quotes and sources overlapping the sentence (named or anonymous), else
  hearsay cues (يقال، ترددت أنباء, "reportedly") make it unattributed, else it is the writer's;
- priority in [0, 1]: check-worthiness (blended with the verifiable-claim model, which carries
  over from tweets to news sentences better), specificity (figures, dates, named actors) and
  attribution (unsourced and anonymous rank up, named sources rank down); predictions and
  opinions are discounted because they cannot be checked against facts yet.

Headings become claims only when they carry a figure, date, quote or source (a headline claim);
bare headings (section titles) and sentences of fewer than three words are skipped.  Claims are
emitted by descending priority, each referencing the annotations it rests on by list index.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from isnad import lang as language_data
from isnad.core.doc import Doc
from isnad.core.registry import stage
from isnad.model import Claim, Quote, Sentence, Source
from isnad.text.normalize import fold

CUE_KINDS = ("causal", "comparison", "approximators", "prediction", "hearsay", "evaluative")
OPINION_THRESHOLD = 0.5
MIN_WORDS = 3
# Weights of the priority: check-worthiness, specificity, attribution.
W_CHECK, W_SPECIFIC, W_ATTRIBUTION = 0.45, 0.35, 0.20
ATTRIBUTION_SCORE = {"unattributed": 1.0, "anonymous": 0.9, "writer": 0.6, "named": 0.3}
TYPE_FACTOR = {"prediction": 0.75, "opinion": 0.6}
_WORD = re.compile(r"\w+")
# Annotation lists referenced when they lie inside the claim's sentence (quotes: when they overlap it).
_CONTAINED = ("quantities", "times", "entities", "sources")


@dataclass(frozen=True)
class Cues:
    patterns: dict[str, re.Pattern[str]]
    future: re.Pattern[str] | None
    future_exclude_prefixes: tuple[str, ...]
    future_exclude_words: frozenset[str]


def _alternation(phrases: list[str], arabic: bool) -> re.Pattern[str]:
    folded = sorted({fold(p).casefold() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in folded)
    clitic = "[وف]?" if arabic else ""
    return re.compile(rf"(?<!\w){clitic}(?:{body})(?!\w)")


@lru_cache(maxsize=4)
def cues(lang: str) -> Cues | None:
    """The compiled cue patterns for ``lang`` (None when the lexicon has no entry for it)."""
    table = language_data.lists("claims_cues.json").get(lang)
    if table is None:
        return None
    arabic = lang == "ar"
    patterns = {kind: _alternation(table[kind], arabic) for kind in CUE_KINDS if table.get(kind)}
    future = re.compile(r"(?<!\w)[وف]?س[يتن]\w{2,}") if arabic else None
    return Cues(patterns, future, tuple(fold(p) for p in table.get("future_prefix_exclude", [])),
                frozenset(fold(w) for w in table.get("future_word_exclude", [])))


def _cue_spans(cue_set: Cues, kind: str, text: str) -> list[tuple[int, int]]:
    pattern = cue_set.patterns.get(kind)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def _future_verbs(cue_set: Cues, text: str) -> list[tuple[int, int]]:
    """Spans of سـ + imperfect verb (سيعقد، وستبدأ), leaving out nouns that merely look like one."""
    if cue_set.future is None:
        return []
    spans = []
    for m in cue_set.future.finditer(text):
        word = m.group()
        stem = word[1:] if word[0] in "وف" else word
        if word not in cue_set.future_exclude_words and not stem.startswith(cue_set.future_exclude_prefixes):
            spans.append(m.span())
    return spans


def _claim_type(doc: Doc, cue_set: Cues | None, nstart: int, nend: int, quantity_spans: list[tuple[int, int]],
                has_quote: bool, subjectivity: float | None) -> tuple[str, str | None]:
    """The claim type and, for a cue-decided type, the cue as written in the original text."""
    if cue_set is not None:
        text = doc.norm.text[nstart:nend].casefold()
        found = _cue_spans(cue_set, "prediction", text) or _future_verbs(cue_set, text)
        if found:
            return "prediction", _original(doc, nstart, found[0])
        found = _cue_spans(cue_set, "evaluative", text)
        if found and not has_quote:
            # «غير أن هذه الرواية تبدو واهية», «لا شك أن …», «يجب أن …»: the writer's own judgement, an opinion
            # whatever its subjectivity score (and not the claim of the person named last)
            return "opinion", _original(doc, nstart, found[0])
        found = _cue_spans(cue_set, "causal", text)
        if found:
            return "causal", _original(doc, nstart, found[0])
        approximators = _cue_spans(cue_set, "approximators", text)
        for start, end in _cue_spans(cue_set, "comparison", text):
            before_number = re.match(r"\s*\d", text[end:end + 3]) is not None
            on_quantity = any(s < nstart + end and nstart + start < e for s, e in quantity_spans)
            if not ((start, end) in approximators and (before_number or on_quantity)):
                return "comparison", _original(doc, nstart, (start, end))
    if quantity_spans:
        return "statistic", None
    if has_quote:
        return "quote", None
    if subjectivity is not None and subjectivity >= OPINION_THRESHOLD:
        return "opinion", None
    return "event", None


def _original(doc: Doc, offset: int, span: tuple[int, int]) -> str:
    start, end = doc.norm.span(offset + span[0], offset + span[1])
    return doc.text[start:end]


def _speaker_is_anonymous(quote: Quote, sources: list[Source]) -> bool:
    if quote.chain and quote.chain[0].kind == "anonymous":
        return True
    speaker = quote.speaker
    return speaker is not None and any(
        s.kind == "anonymous" and s.start < speaker.end and speaker.start < s.end for s in sources
    )


def _attribution(quotes: list[Quote], sources: list[Source], all_sources: list[Source],
                 hearsay: bool) -> tuple[str, str | None]:
    for quote in quotes:
        if quote.speaker is not None:
            who = quote.speaker.name or quote.speaker.text
            return ("anonymous" if _speaker_is_anonymous(quote, all_sources) else "named"), who
        if quote.chain and quote.chain[0].kind == "anonymous":
            return "anonymous", quote.chain[0].text
    anonymous = [s for s in sources if s.kind == "anonymous"]
    if anonymous:
        return "anonymous", anonymous[0].text
    if sources:
        return "named", sources[0].name or sources[0].text
    if quotes or hearsay:
        return "unattributed", None
    return "writer", None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@stage("claims", requires=["quantities", "times", "entities", "quotes", "sources", "scores"], assigns=["claims"])
def annotate(doc: Doc) -> None:
    """The document's claims, highest priority first."""
    if not doc.sentences:
        return
    cue_set = cues(doc.lang)
    starts = {name: [item.start for item in getattr(doc, name)] for name in _CONTAINED}
    # A quote may run past its sentence (or begin in an earlier one): it counts wherever it overlaps.
    quotes_of: dict[int, list[int]] = {}
    sentence_starts = [s.start for s in doc.sentences]
    for i, q in enumerate(doc.quotes):
        first = max(0, bisect.bisect_right(sentence_starts, q.start) - 1)
        for k in range(first, bisect.bisect_left(sentence_starts, q.end)):
            if q.start < doc.sentences[k].end:
                quotes_of.setdefault(k, []).append(i)
    claims: list[Claim] = []
    for index, sentence in enumerate(doc.sentences):
        claim = _build(doc, cue_set, index, sentence, doc.scores[index], starts, quotes_of.get(index, []))
        if claim is not None:
            claims.append(claim)
    claims.sort(key=lambda c: (-c.priority, c.start))
    doc.claims = claims


def _contained(items: list, starts: list[int], sentence: Sentence) -> list[int]:
    """Indices of the items (sorted by start) that lie inside the sentence."""
    first, last = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
    return [i for i in range(first, last) if items[i].end <= sentence.end]


def _build(doc: Doc, cue_set: Cues | None, index: int, sentence: Sentence, claim_score: float | None,
           starts: dict[str, list[int]], quotes: list[int]) -> Claim | None:
    a = doc
    quantities, times, entities, sources = (_contained(getattr(a, name), starts[name], sentence) for name in _CONTAINED)
    words = len(_WORD.findall(sentence.text))
    if words < MIN_WORDS or (sentence.heading and not (quantities or times or quotes or sources)):
        return None

    nstart, nend = _folded_bounds(doc, sentence)
    hearsay = cue_set is not None and bool(_cue_spans(cue_set, "hearsay", doc.norm.text[nstart:nend].casefold()))
    attribution, attributed_to = _attribution([a.quotes[i] for i in quotes], [a.sources[i] for i in sources],
                                              a.sources, hearsay)
    quantity_spans = [_folded_start_end(doc, a.quantities[i].start, a.quantities[i].end) for i in quantities]
    claim_type, cue = _claim_type(doc, cue_set, nstart, nend, quantity_spans, bool(quotes), sentence.subjectivity)

    actors = sum(1 for i in entities if a.entities[i].label in ("PER", "ORG"))
    places = len(entities) - actors
    specificity = 1.0 - math.exp(-(0.6 * len(quantities) + 0.4 * len(times) + 0.3 * actors + 0.15 * places))
    check = _check_score(sentence.checkworthiness, claim_score)
    priority = W_CHECK * (check if check is not None else 0.5) + W_SPECIFIC * specificity
    priority += W_ATTRIBUTION * ATTRIBUTION_SCORE[attribution]
    priority *= TYPE_FACTOR.get(claim_type, 1.0)

    reasons = []
    if quantities:
        reasons.append(_plural(len(quantities), "figure"))
    if times:
        reasons.append(_plural(len(times), "date"))
    if actors:
        reasons.append(_plural(actors, "named actor"))
    reasons.append({"unattributed": "unsourced report", "anonymous": "anonymous source",
                    "writer": "no source given", "named": "named source"}[attribution])
    if sentence.checkworthiness is not None:
        reasons.append(f"check-worthiness {sentence.checkworthiness:.2f}")
    if claim_score is not None and claim_score >= 0.5:
        reasons.append(f"verifiable claim {claim_score:.2f}")
    if cue is not None:
        reasons.append(f"{claim_type} cue «{cue}»")
    if claim_type == "opinion" and sentence.subjectivity is not None:
        reasons.append(f"opinion (subjectivity {sentence.subjectivity:.2f})")
    if sentence.heading:
        reasons.append("headline")

    return Claim(
        start=sentence.start, end=sentence.end, text=sentence.text, sentence=index, type=claim_type,
        attribution=attribution, attributed_to=attributed_to, checkworthiness=sentence.checkworthiness,
        subjectivity=sentence.subjectivity, priority=round(min(1.0, max(0.0, priority)), 4), reasons=reasons,
        quantities=[a.quantities[i].id for i in quantities], times=[a.times[i].id for i in times],
        entities=[a.entities[i].id for i in entities], quotes=[a.quotes[i].id for i in quotes],
        sources=[a.sources[i].id for i in sources],
    )


def _check_score(checkworthiness: float | None, claim_score: float | None) -> float | None:
    """Tweet check-worthiness blended with the verifiable-claim probability when both exist."""
    if checkworthiness is None:
        return claim_score
    if claim_score is None:
        return checkworthiness
    return 0.4 * checkworthiness + 0.6 * claim_score


def _folded_start_end(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Folded offsets of the original span ``[start, end)`` (``norm.origin`` is non-decreasing)."""
    origin = doc.norm.origin
    return bisect.bisect_left(origin, start), bisect.bisect_left(origin, end)


def _folded_bounds(doc: Doc, sentence: Sentence) -> tuple[int, int]:
    return _folded_start_end(doc, sentence.start, sentence.end)
