"""Within-article consistency: figures of one article that cannot all be right.

A fact-checker's first cheap test is internal: does «11 يوما» fit «من 24 نوفمبر إلى 4 ديسمبر» in the
same sentence, do the parts («منهم 30 طفلا و25 امرأة») fit in the total, does the headline give the
same number as the body?  This stage reads what the times and quantities stages found and reports
``Finding`` items.  It is deliberately conservative: a finding must be a contradiction on the face
of the text, never a guess, so the rules demand the same sentence, the same unit and the same noun.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache

from isnad import lang
from isnad.core.doc import Doc
from isnad.core.registry import stage
from isnad.model import Finding, Quantity, Span, Time
from isnad.text.normalize import key

_DURATION = re.compile(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$")
_TIME_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}


@cache
def _words(name: str) -> set[str]:
    """A word list of ``lang/units_context.json`` (part cues: «بينهم»; context_skip: prepositions …)."""
    return lang.words("units_context.json", name)


def _span(item: Span) -> Span:
    return Span(start=item.start, end=item.end, text=item.text)


def _finding(kind: str, message: str, *items: Span) -> Finding:
    return Finding(kind=kind, message=message, spans=[_span(item) for item in items])


def _sentence_of(doc: Doc, item: Span) -> int | None:
    return doc.sentence_at(item.start)


def _duration_days(value: str) -> tuple[float, str] | None:
    """(days, finest unit) of an ISO duration such as P11D, P2W, P4M."""
    m = _DURATION.match(value or "")
    if not m or not any(m.groups()):
        return None
    y, mo, w, d = (float(g) if g else 0.0 for g in m.groups())
    finest = "D" if d else "W" if w else "M" if mo else "Y"
    return y * 365.25 + mo * 30.44 + w * 7 + d, finest


def _range_dates(value: str) -> tuple[dt.date, dt.date, str] | None:
    """(start, end, precision) of an ISO interval with both ends of the same precision."""
    if not value or "/" not in value:
        return None
    a, b = value.split("/", 1)
    try:
        if len(a) == 10 and len(b) == 10:
            return dt.date.fromisoformat(a), dt.date.fromisoformat(b), "D"
        if len(a) == 7 and len(b) == 7:
            return dt.date.fromisoformat(a + "-01"), dt.date.fromisoformat(b + "-01"), "M"
    except ValueError:
        return None
    return None


def _duration_mismatches(doc: Doc) -> list[Finding]:
    by_sentence: dict[int, tuple[list[tuple[Time | Quantity, float, str]], list[tuple[Time, dt.date, dt.date, str]]]] = {}
    for t in doc.times:
        sentence = _sentence_of(doc, t)
        if sentence is None:
            continue
        durations, ranges = by_sentence.setdefault(sentence, ([], []))
        if t.type == "duration" and t.value and (parsed := _duration_days(t.value)):
            durations.append((t, *parsed))
        elif t.type == "range" and (dates := _range_dates(t.value or "")):
            ranges.append((t, *dates))
    for q in doc.quantities:  # a numbered duration the times stage did not read
        sentence = _sentence_of(doc, q)
        if sentence is None or q.unit not in _TIME_UNIT_DAYS or q.value is None or q.approx:
            continue
        durations, _ = by_sentence.setdefault(sentence, ([], []))
        if not any(d.start < q.end and q.start < d.end for d, _, _ in durations):
            durations.append((q, q.value * _TIME_UNIT_DAYS[q.unit], {"day": "D", "week": "W"}.get(q.unit, "M")))
    findings = []
    for durations, ranges in by_sentence.values():
        if len(durations) != 1 or len(ranges) != 1:
            continue  # several of either: which goes with which is a guess
        (dur, days, finest), (rng, start, end, precision) = durations[0], ranges[0]
        if dur.start < rng.end and rng.start < dur.end:
            continue
        if finest in ("D", "W") and precision == "D":
            exclusive = (end - start).days
            if min(abs(days - exclusive), abs(days - exclusive - 1)) <= 1:
                continue
        elif finest in ("M", "Y") and precision in ("D", "M"):
            months = (end.year - start.year) * 12 + end.month - start.month
            if min(abs(days / 30.44 - months), abs(days / 30.44 - months - 1)) <= 1:
                continue
        else:
            continue
        findings.append(_finding("duration_mismatch",
                                 f"«{dur.text}» does not match the period «{rng.text}» ({rng.value}) in the same sentence",
                                 dur, rng))
    return findings


def _exact(q: Quantity) -> bool:
    return q.value is not None and not q.approx and q.low is None and q.high is None


def _totals_and_parts(doc: Doc) -> list[Finding]:
    folded = doc.norm.text
    findings = []
    quantities = doc.quantities
    sentence_of = [_sentence_of(doc, q) for q in quantities]
    by_sentence: dict[int | None, list[int]] = {}
    for i, sentence in enumerate(sentence_of):
        by_sentence.setdefault(sentence, []).append(i)
    for i, total in enumerate(quantities):
        if not _exact(total) or total.unit in (None, "percent"):
            continue
        following = [quantities[j] for j in by_sentence[sentence_of[i]] if j > i]
        if not following:
            continue
        # The cue must sit between the total and the first part.
        f_from = _folded_index(doc, total.end)
        f_to = _folded_index(doc, following[0].start)
        between = key(folded[f_from:f_to])
        words = set(re.findall(r"[^\W\d_]+", between))
        cues = _words("part_cues") | _words("part_cues_en")
        if not (words & cues or any(" " in c and c in between for c in cues)):
            continue
        if len(re.findall(r"[^\W\d_]+", between)) > 6:
            continue
        parts = []
        for q in following:
            if q.unit != total.unit or not _exact(q):
                break
            parts.append(q)
        if parts and sum(q.value for q in parts) > total.value:  # type: ignore[misc]
            listed = " + ".join(q.text for q in parts)
            findings.append(_finding("total_less_than_parts",
                                     f"the parts ({listed}) add up to more than the total «{total.text}»", total, *parts))
    return findings


def _folded_index(doc: Doc, original: int) -> int:
    return bisect.bisect_left(doc.norm.origin, original)


def _head(q: Quantity) -> str | None:
    if q.counted is None:
        return None
    words = key(q.counted.text).split()
    if not words:
        return None
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    return head[:-1] if head.endswith("ا") and len(head) > 3 else head


def _context_word(doc: Doc, q: Quantity) -> str | None:
    """The nearest content word before the quantity (the verb or noun that says what the count is)."""
    f_start = _folded_index(doc, q.start)
    words = re.findall(r"[^\W\d_]+", doc.norm.text[max(0, f_start - 60):f_start])
    for word in reversed(words):
        k = key(word)
        if k in _words("context_skip") or len(k) < 3:
            continue
        for clitic in ("وب", "و", "ب", "ل", "ف"):
            if k.startswith(clitic) and len(k) - len(clitic) >= 3:
                k = k[len(clitic):]
                break
        return k
    return None


def _conflicting_values(doc: Doc) -> list[Finding]:
    """The headline and the body give the same count of the same thing with different values."""
    findings = []
    single_lead = sum(1 for s in doc.sentences if s.paragraph == 0) == 1 and len(doc.sentences) > 1
    headline = [q for q in doc.quantities if _in_headline(doc, q, single_lead)]
    body = [q for q in doc.quantities if not _in_headline(doc, q, single_lead)]
    for h in headline:
        if not _exact(h) or h.unit in (None, "percent") or h.unit in _TIME_UNIT_DAYS or _head(h) is None:
            continue
        same = [
            b for b in body
            if b.unit == h.unit and _head(b) == _head(h) and _context_word(doc, b) == _context_word(doc, h)
        ]
        if same and all(_exact(b) for b in same) and all(b.value != h.value for b in same):
            b = same[0]
            findings.append(_finding("conflicting_values", f"the headline says «{h.text}» but the body says «{b.text}»",
                                     h, b))
    return findings


def _in_headline(doc: Doc, item: Span, single_lead: bool) -> bool:
    """In a heading, or in a first paragraph of one sentence (``single_lead``) followed by others."""
    i = _sentence_of(doc, item)
    if i is None:
        return False
    sentence = doc.sentences[i]
    return sentence.heading or (sentence.paragraph == 0 and single_lead)


@stage("findings", requires=["quantities", "times"], assigns=["findings"])
def annotate(doc: Doc) -> None:
    doc.findings.extend(_duration_mismatches(doc) + _totals_and_parts(doc) + _conflicting_values(doc))
