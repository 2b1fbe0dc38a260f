"""What the matcher reads of one article: a digest to group articles into events, units to link claims.

Everything comes from the stored analysis (the JSON contract) and the article's text, with the
folding and light stemming of the search index (:func:`isnad.text.search.word_terms`), so «الأسد»,
«بالأسد» and «الاسد» are one term here as in a search.

- :class:`Digest` — an article as a bag of terms (title words counted twice), the knowledge-base
  entities it names (an unlinked name stands for itself: ``~سرمدا``), its figures (value and unit),
  its dates and a MinHash signature of its word 4-grams (near-duplicate wire copy).
- :class:`Unit` — one statement of an article: a clause (a sentence cut at its commas and clause
  openers, pieces too short to say anything joined to their neighbour), or a figure inside a clause.
  A unit carries its span (the figure with its noun, or the clause), its content terms, and for a
  figure what it counts and what happened to what it counts (:class:`Figure`).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from isnad import lang
from isnad.text.search import word_terms

_LANG_FILE = "matching.json"
# words and numbers of the original text (the tokens of the search index), and clause punctuation
_WORD = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+(?:[\u064B-\u065F\u0670\u0640]*[^\W\d_]*)*")
_CLAUSE_PUNCT = re.compile(r"[،,;؛:]|\.\.+| [-–—] ")
#: a piece of a sentence with fewer content terms than this joins its neighbour
MIN_CLAUSE_TERMS = 3
#: a statement unit needs this many content terms
MIN_UNIT_TERMS = 3
#: words on each side of a figure that say what it counts and what happened to it
FIGURE_WINDOW = 5
#: words after a figure that can say what happened to it («36 شخصا قتلوا»; further on is another clause)
OUTCOME_AFTER = 5
#: characters around a figure in which a place makes its scope («واحد باتجاه نجران»)
SCOPE_CHARS = 30
MINHASH_PERMUTATIONS = 64
_MERSENNE = (1 << 61) - 1
_rng = np.random.default_rng(20180218)  # fixed: signatures must be comparable across runs and processes
_PERM_A = _rng.integers(1, _MERSENNE, MINHASH_PERMUTATIONS, dtype=np.uint64)
_PERM_B = _rng.integers(0, _MERSENNE, MINHASH_PERMUTATIONS, dtype=np.uint64)


def term(word: str) -> str:
    """The search term of a word as written (folded, article and plural ending removed)."""
    return word_terms(word)[0]


def forms(word: str) -> tuple[str, ...]:
    """The search term of a word and its other readings («وجرح» is «وجرح» or و + «جرح»)."""
    primary, others = word_terms(word)
    return (primary, *others)


Phrases = dict[str, tuple[tuple[str, ...], ...]]  # first term -> the phrases (tuples of terms) it starts


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    def terms(words: list[str]) -> Phrases:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in words:
            parts = tuple(term(w) for w in _WORD.findall(phrase))
            index.setdefault(parts[0], []).append(parts)
        return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in index.items()}

    data = lang.lists(_LANG_FILE)
    return {
        "stop": terms([w for group in data["stopwords"].values() for w in group]),
        "openers": terms([w for group in data["clause_openers"].values() for w in group]),
        "outcomes": {name: terms(words) for name, words in data["outcomes"].items()},
        "superseded": terms(data["superseded"]),
        "update": terms(data["update"]),
        "negations": terms(data["negations"]),
        "since": terms(data["since"]),
    }


#: outcome groups that say what a figure counts (a passenger is no crew member); the others say what happened
COUNTED_GROUPS = ("passengers", "crew", "children", "women")


def superseded_words() -> frozenset[str]:
    """Every term of the phrases that mark a figure as earlier («حصيلة سابقة»: «حصيله», «سابقه»)."""
    return frozenset(t for phrases in _vocabulary()["superseded"].values() for phrase in phrases for t in phrase)


def is_content(t: str) -> bool:
    return len(t) >= 2 and not t[:1].isdigit() and t not in _vocabulary()["stop"]


Word = tuple[int, int, tuple[str, ...]]  # start, end, forms (the search term first)


def _phrase_at(words: Sequence[Word], i: int, phrases: Phrases) -> int:
    """Length in words of a phrase of ``phrases`` starting at word ``i`` (0: none), any reading of each word."""
    for first in words[i][2]:
        for phrase in phrases.get(first, ()):
            if i + len(phrase) <= len(words) and all(
                    phrase[k] in words[i + k][2] for k in range(1, len(phrase))):
                return len(phrase)
    return 0


def has_phrase(words: Sequence[Word], phrases: Phrases) -> bool:
    return any(_phrase_at(words, i, phrases) for i in range(len(words)))


# ---------------------------------------------------------------------- digest (events)
@dataclass
class Digest:
    """An article as the event grouping sees it (stored as JSON in ``event_digests``)."""

    article_id: str
    published: str | None  # UTC timestamp or date, for ordering
    day: str | None  # the publication date
    outlet: str | None
    title: str | None
    terms: dict[str, int]
    entities: list[str]
    figures: list[str]
    dates: list[str]
    minhash: list[int]
    lang: str | None = None  # the article's language (kept in ``articles``, not in the digest)

    def to_json(self) -> dict[str, Any]:
        return {"t": self.terms, "e": self.entities, "f": self.figures, "d": self.dates, "m": self.minhash}

    @classmethod
    def from_json(cls, article_id: str, published: str | None, day: str | None, outlet: str | None,
                  title: str | None, data: dict[str, Any], lang: str | None = None) -> Digest:
        return cls(article_id, published, day, outlet, title, data["t"], data["e"], data["f"], data["d"], data["m"],
                   lang)


def minhash(tokens: list[str], n: int = 4) -> list[int]:
    """MinHash signature (``MINHASH_PERMUTATIONS`` values) of the word ``n``-grams of ``tokens``."""
    shingles = {" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))}
    hashes = np.array([zlib.crc32(s.encode("utf-8")) for s in shingles], dtype=np.uint64)
    # (a * x + b) mod p over 61-bit values: x < 2^32 and a < 2^61 overflow 64 bits, so split a
    a_high, a_low = _PERM_A >> np.uint64(32), _PERM_A & np.uint64(0xFFFFFFFF)
    x = hashes[:, None]
    mixed = ((a_high[None, :] * x % _MERSENNE) * np.uint64(1 << 32) % _MERSENNE + a_low[None, :] * x
             + _PERM_B[None, :]) % _MERSENNE
    return [int(v) & 0xFFFFFFFF for v in mixed.min(axis=0)]


_PLACE_LEVELS = {"country": "country", "governorate": "region", "province": "region", "region": "region",
                 "state": "region", "city": "local", "capital": "local", "town": "local", "village": "local",
                 "district": "local", "neighbourhood": "local"}


@lru_cache(maxsize=4096)
def place_level(key: str) -> str | None:
    """``country``, ``region`` or ``local`` for a place's entity key (a name the KB does not know: local)."""
    if key.startswith("~"):
        return "local"
    from isnad.kb import KnowledgeBase

    record = KnowledgeBase.default().get(key)
    return _PLACE_LEVELS.get(record.kind or "") if record is not None else None


def entity_key(item: dict[str, Any]) -> str | None:
    """A knowledge-base id, or ``~`` + the folded name of an entity the knowledge base does not know."""
    if item.get("entity"):
        return str(item["entity"])
    words = [term(w) for w in _WORD.findall(item.get("text") or "")]
    return "~" + " ".join(words) if words else None


def figure_key(quantity: dict[str, Any]) -> str | None:
    """``value|unit`` of a figure worth sharing between articles (not 1 or 2, which every story has)."""
    value = quantity.get("value")
    if value is None or not quantity.get("unit") or (float(value).is_integer() and value < 3):
        return None
    return f"{value:g}|{quantity['unit']}"


def digest(article: dict[str, Any], analysis: dict[str, Any]) -> Digest:
    """The digest of a stored article (``article``: a row of ``articles``) and its analysis JSON."""
    text, title = article["text"], article.get("title") or ""
    words = [term(w) for w in _WORD.findall(text)]
    counts = Counter(t for t in words if is_content(t))
    if title and not text.startswith(title):
        counts.update(t for t in (term(w) for w in _WORD.findall(title)) if is_content(t))
    counts.update(t for t in (term(w) for w in _WORD.findall(text.split("\n", 1)[0])) if is_content(t))  # headline twice
    entities = sorted({k for e in analysis.get("entities", []) if (k := entity_key(e))})
    figures = sorted({k for q in analysis.get("quantities", []) if (k := figure_key(q))})
    dates = sorted({t["value"] for t in analysis.get("times", []) if t.get("type") == "date" and t.get("value")})
    return Digest(article["id"], article.get("published_utc") or article.get("published_date"),
                  article.get("published_date"), article.get("outlet"), title or text.split("\n", 1)[0],
                  dict(counts), entities, figures, dates, minhash(words) if words else [])


# ---------------------------------------------------------------------- units (claims)
@dataclass(frozen=True)
class Figure:
    """A figure as a claim value: the quantity's reading, what it counts and what happened to it."""

    value: float | None
    low: float | None
    high: float | None
    approx: bool
    unit: str | None
    counted: str  # one of COUNTED_GROUPS, or "any"
    outcome: str | None  # killed, injured … (None: not said)
    scope: frozenset[str]  # places right next to the figure
    past: frozenset[str]  # dates of its clause well before the article (another reference period)
    item: str  # the quantity's id in the analysis
    subject: frozenset[str] = frozenset()  # who or what the figure is of («حصل أردوغان على 53%»), not its source


@dataclass
class Unit:
    """One statement of an article: a clause, or one figure of a clause."""

    article: str
    start: int  # the mention: the figure with its noun, or the clause
    end: int
    text: str
    terms: frozenset[str]  # content terms and entities of the clause (around the figure, for a figure)
    figure: Figure | None = None
    dates: frozenset[str] = frozenset()
    negated: bool = False
    superseded: bool = False  # its own article presents it as an earlier figure
    updating: bool = False  # it is the newest state of a changing count («ارتفعت … إلى»)
    source: str | None = None


def _words(text: str, start: int, end: int) -> list[Word]:
    return [(m.start(), m.end(), forms(m.group())) for m in _WORD.finditer(text, start, end)]


def _content(words: Sequence[Word]) -> set[str]:
    return {t for _, _, fs in words for t in fs if is_content(t)}


def _clauses(text: str, start: int, end: int, words: list[Word], cue_starts: list[int],
             names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence (its ``words``) cut at clause punctuation, clause openers and reporting cues; short
    pieces joined.

    A piece says something when it has ``MIN_CLAUSE_TERMS`` content terms outside names: «بحسب
    المرصد السوري لحقوق الإنسان» credits a source and joins the clause it belongs to.
    """
    cuts = {start, end}
    cuts.update(m.end() for m in _CLAUSE_PUNCT.finditer(text, start, end))
    cuts.update(c for c in cue_starts if start < c < end)
    openers = _vocabulary()["openers"]
    for i in range(1, len(words)):
        if _phrase_at(words, i, openers):
            cuts.add(words[i][0])
    points = sorted(cuts)
    merged: list[list[int]] = []
    for a, b in zip(points, points[1:], strict=False):
        if not text[a:b].strip():
            continue
        said = len(_content([w for w in words if a <= w[0] < b
                             and not any(ns <= w[0] < ne for ns, ne in names)]))
        if merged and (said < MIN_CLAUSE_TERMS or merged[-1][2] < MIN_CLAUSE_TERMS):
            merged[-1][1] = b
            merged[-1][2] += said
        else:
            merged.append([a, b, said])
    out = []
    for a, b, _ in merged:
        while a < b and (text[a].isspace() or text[a] in _TRIM):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in _TRIM):
            b -= 1
        if b > a:
            out.append((a, b))
    return out


_TRIM = "،,;؛:.-–—\"«»'()"


def _outcome(words: Sequence[Word]) -> str | None:
    groups = _vocabulary()["outcomes"]
    for _, _, fs in words:
        for name, phrases in groups.items():
            if name not in COUNTED_GROUPS and any(f in phrases for f in fs):
                return name
    return None


def _counted(words: Sequence[Word]) -> str:
    groups = _vocabulary()["outcomes"]
    for _, _, fs in words:
        for name in COUNTED_GROUPS:
            if any(f in groups[name] for f in fs):
                return name
    return "any"


def _credible(name: str | None, known: bool) -> bool:
    """A name worth giving as the source an outlet credits: one the KB knows, or more than one word."""
    return bool(name) and (known or len(_WORD.findall(name or "")) > 1)


def _quote_speakers(analysis: dict[str, Any]) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of the article's quotes: a statement inside one is credited to its speaker."""
    out = []
    for q in analysis.get("quotes", []):
        speaker = q.get("speaker") or {}
        name = speaker.get("name") or speaker.get("text")
        if _credible(name, bool(speaker.get("entity"))):
            out.append((q["start"], q["end"], name))
    return out


def article_units(article: dict[str, Any], analysis: dict[str, Any]) -> list[Unit]:
    """The units of one stored article (``article``: id, text, published_date) with its analysis JSON."""
    text = article["text"]
    published = date_of(article.get("published_date"))
    vocab = _vocabulary()
    cue_starts = [q["cue"]["start"] for q in analysis.get("quotes", []) if q.get("cue")]
    quotes = _quote_speakers(analysis)
    sources = [(s["start"], s.get("name") or s["text"]) for s in analysis.get("sources", [])
               if _credible(s.get("name") or s["text"], bool(s.get("entity")))]
    entities = [(e["start"], e["end"], entity_key(e), e.get("label")) for e in analysis.get("entities", [])]
    names = [(e[0], e[1]) for e in entities] + [(s["start"], s["end"]) for s in analysis.get("sources", [])]
    # who an article credits (its sources, its quotes' speakers) is never what a figure is of
    credited = [(s["start"], s["end"]) for s in analysis.get("sources", [])] + [
        (q["speaker"]["start"], q["speaker"]["end"]) for q in analysis.get("quotes", []) if q.get("speaker")]
    quantities = sorted(analysis.get("quantities", []), key=lambda q: q["start"])
    times = [(t["start"], t["end"], t.get("type"), t.get("value")) for t in analysis.get("times", [])]
    units: list[Unit] = []
    for sentence in analysis.get("sentences", []):
        s_start, s_end = sentence["start"], sentence["end"]
        sentence_sources = [name for start, name in sources if s_start <= start < s_end]
        sentence_words = _words(text, s_start, s_end)
        # a background period anywhere in the sentence («في فبراير … ما أسفر عن مقتل 65»، «مقتل 6 … في 1976»)
        past = frozenset(v for s, _, kind, v in times if s_start <= s < s_end and _is_past(v, kind, published)
                         and not has_phrase([w for w in sentence_words if w[1] <= s][-SINCE_WORDS:], vocab["since"]))
        for c_start, c_end in _clauses(text, s_start, s_end, sentence_words, cue_starts, names):
            words = [w for w in sentence_words if c_start <= w[0] < c_end]
            clause_entities = {k for s, e, k, _ in entities if c_start <= s < c_end and k}
            content = frozenset(_content(words) | {f"@{k}" for k in clause_entities})
            clause_dates = frozenset(v for s, _, kind, v in times if c_start <= s < c_end and kind == "date" and v)
            source = next((name for qs, qe, name in quotes if qs <= c_start < qe or c_start <= qs < c_end), None)
            source = source or (sentence_sources[0] if sentence_sources else None)
            common = {"article": article["id"], "dates": clause_dates,
                      "negated": has_phrase(words, vocab["negations"]),
                      "superseded": has_phrase(words, vocab["superseded"]),
                      "updating": has_phrase(words, vocab["update"]), "source": source}
            figures = [q for q in quantities if c_start <= q["start"] < c_end and _is_claim_figure(q)]
            # the clause as a statement (its figures are units of their own too: «أغلقت مطار صلالة لمدة 24 ساعة»
            # states the closing and its length)
            if len(content) >= MIN_UNIT_TERMS:
                units.append(Unit(start=c_start, end=c_end, text=text[c_start:c_end], terms=content, **common))
            for q in figures:  # a figure's context may run past its clause: its words come from the sentence
                units.append(_figure_unit(text, q, sentence_words, entities, credited, past, common))
    return units


#: words before a time in which «منذ» makes it the start of a state lasting until now (not a past period)
SINCE_WORDS = 4
#: a date more than this many days before its article is another reference period («في فبراير»)
PAST_DAYS = 7


def _is_past(value: str | None, kind: str | None, published: dt.date | None) -> bool:
    """Is a time of a figure's clause a period before the article's own (a background figure)?"""
    if not value or not published or kind not in ("year", "month", "date"):
        return False
    if len(value) == 4:
        return value < f"{published.year:04d}"
    if len(value) == 7:
        return value < f"{published.year:04d}-{published.month:02d}"
    day = date_of(value)
    return day is not None and (published - day).days > PAST_DAYS


def _is_claim_figure(quantity: dict[str, Any]) -> bool:
    """A figure that can be a claim's value: a count, share, sum or duration (not a bare ordinal-like number)."""
    return quantity.get("unit") is not None or quantity.get("low") is not None or quantity.get("high") is not None


def _figure_unit(text: str, q: dict[str, Any], words: list[Word],
                 entities: list[tuple[int, int, str | None, str | None]], credited: list[tuple[int, int]],
                 past: frozenset[str], common: dict[str, Any]) -> Unit:
    inside = [i for i, (s, e, _) in enumerate(words) if s >= q["start"] and e <= q["end"]]
    first = inside[0] if inside else next((i for i, (s, _, _) in enumerate(words) if s >= q["start"]), len(words))
    last = inside[-1] if inside else first
    lo, hi = max(0, first - FIGURE_WINDOW), min(len(words), last + 1 + FIGURE_WINDOW)
    own = [words[i] for i in inside]
    if q.get("counted"):
        own += _words(text, q["counted"]["start"], q["counted"]["end"])
    # the outcome nearest the figure: its own noun («قتيلا»), then the words before it, then after it
    near = own + list(reversed(words[lo:first])) + words[last + 1:last + 1 + OUTCOME_AFTER]
    noun = own + words[last + 1:last + 2]  # what it counts may follow a range («من 11 إلى 20 راكبا»)
    start, end = q["start"], q["end"]
    if first > 0 and _outcome(words[first - 1:first]):
        start = words[first - 1][0]  # «مقتل 39 مدنيا»: the figure with what happened to it
    elif last + 1 < len(words) and words[last + 1][0] >= end and _outcome(words[last + 1:last + 2]):
        end = words[last + 1][1]  # «36 شخصا قتلوا»
    scope = frozenset(k for s, e, k, label in entities
                      if label == "LOC" and k and q["start"] - SCOPE_CHARS <= s and e <= q["end"] + SCOPE_CHARS)
    before = words[lo][0] if lo < first else q["start"]
    holders = [(label, k) for s, e, k, label in entities if label in ("PER", "ORG") and k and before <= s
               and e <= q["start"] and not any(cs <= s < ce for cs, ce in credited)]
    # a person before an organisation: «محرم إنجه مرشح حزب الشعب الجمهوري على 30.3»
    subject = frozenset(k for label, k in holders if label == "PER") or frozenset(k for _, k in holders)
    figure = Figure(q.get("value"), q.get("low"), q.get("high"), bool(q.get("approx")), q.get("unit"),
                    _counted(noun), _outcome(near), scope, past, q["id"], subject)
    window = words[lo:hi]
    terms = frozenset(_content(window) | {f"@{k}" for s, _, k, _ in entities
                                          if k and window and window[0][0] <= s < window[-1][1]})
    return Unit(start=start, end=end, text=text[start:end], terms=terms, figure=figure, **common)


def date_of(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
