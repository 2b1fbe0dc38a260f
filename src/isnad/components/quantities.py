"""Quantities: numbers with their bounds, unit and counted noun, as a fact-checker reads them.

A quantity is the whole mention — «أكثر من 30 ألف شخص», «حوالي 29%», «بين 5 و10 آلاف» — with its
value (or bounds for ranges and vague plurals) and a lower-case English unit (``person``, ``USD``,
``percent``, ``day`` …).  Numbers come from :mod:`isnad.text.numbers`; units, approximators and
currency resolution are data (``lexicons/units_*.tsv``).  Numbers inside dates found by the times
stage, identifiers (resolution 2216, case numbers), clock times and bare years are not quantities.
Dual nouns that count (يومين، سيارتي إسعاف) and fractions of a whole (نصف الهجمات) are.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from isnad import lang
from isnad.core.doc import Doc
from isnad.core.limits import WORD_TYPES
from isnad.core.registry import stage
from isnad.model import Quantity, Span
from isnad.text.normalize import key
from isnad.text.numbers import NumberMatch
from isnad.text.tokens import FoldedToken, TokenStream

_PROCLITICS = ("وب", "ول", "فب", "و", "ف", "ب", "ل")
_TIME_TYPES_BLOCKING = {"date", "range", "month", "year", "time", "set"}
# -ي adjectives after a noun (إيراني، يمنية، إعلاميين); definite ones do not agree with a bare count, and a
# bare -ي word starting with an imperfect prefix is more likely a verb (يدعى).
_NISBA = re.compile(r"(?!ال)(?:[^\W\d_]{3,}ي(?:ه|ا|ين|ون|ات)|(?![يتن])[^\W\d_]{3,}ي)")
# A -ي noun right after a number names people (15 سعوديا، 3 فلسطينيين); not broken plurals (قضايا).
_PEOPLE_NISBA = re.compile(r"[^\W\d_]{2,}[^\W\d_ا]ي(?:ا|ين|ون)")


@cache
def _context() -> dict:
    """The context word lists of ``lang/units_context.json``, keyed for matching."""
    data = lang.lists("units_context.json")
    out: dict = {name: {key(w) for w in words} for name, words in data.items() if isinstance(words, list)}
    for name in ("fractions", "half_words", "fraction_pronouns"):
        out[name] = {key(w): float(v) for w, v in data[name].items()}
    out["half_units"] = set(data["half_units"])
    return out


@dataclass
class _Cand:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    approx: bool = False
    unit: str | None = None
    counted: tuple[int, int] | None = None
    bare: bool = True  # no unit word of its own
    words: bool = False  # spelled out (خمسة), not digits


class _Lexicon:
    def __init__(self) -> None:
        self.units: dict[str, tuple[str, frozenset[str]]] = {}
        self.duals: dict[str, tuple[str, bool, str]] = {}  # dual form -> (unit, needs a following word, singular)
        self.before: dict[str, str] = {}
        self.en: dict[str, str] = {}
        self.bounds: dict[tuple[str, str], str] = {}
        self.currency: list[tuple[str, str, str, list[str]]] = []
        self.time_units: set[str] = set()
        self.rates: set[str] = set()
        self.places: set[str] = set()
        self.singulars: set[str] = set()  # base forms that have a dual: singular nouns
        plural_forms: set[str] = set()
        rows = list(lang.rows("units_ar.tsv"))
        for form, unit, flags in rows:
            k = key(form)
            fl = frozenset(f for f in flags.split(",") if f)
            if "before" in fl:
                self.before[k] = unit
                continue
            if "rate" in fl:
                self.rates.add(k)
                continue
            variants = [k, k + "ا"]
            if "nisba" in fl:
                variants += [k + "ون", k + "ين", k + "ه", k + "ات", k + "ا"]
            for v in variants:
                self.units.setdefault(v, (unit, fl))
                plural_forms.add(v)
            if "time" in fl:
                self.time_units.add(k)
            if "place" in fl:
                self.places.add(unit)
        for form, unit, flags in rows:
            k = key(form)
            if "dual" not in flags.split(",") or " " in k:
                continue  # a phrase's dual is its first word's (سيارتي إسعاف): see _duals
            self.singulars.update((k, k + "ا"))
            if k.endswith("ه"):
                stem = k[:-1] + "ت"
                self.duals[stem + "ان"] = (unit, False, k)
                self.duals[stem + "ين"] = (unit, False, k)
                if "construct" in flags.split(","):  # سيارتي إسعاف; not عائلتي (my family)
                    self.duals[stem + "ي"] = (unit, True, k)
            else:
                self.duals[k + "ان"] = (unit, False, k)
                if k + "ين" not in plural_forms:
                    self.duals[k + "ين"] = (unit, False, k)
        for form, unit, _ in lang.rows("units_en.tsv"):
            self.en[form.lower()] = unit
        self.signs = {form: unit for form, unit in self.en.items() if not form.isalnum()}  # $ € £
        for phrase, bound, position in lang.rows("units_bounds.tsv"):
            self.bounds[(key(phrase), position)] = bound
        for family, qualifier, code, countries in lang.rows("units_currency.tsv"):
            words = [] if countries == "-" else [key(c) for c in countries.split("|")]
            self.currency.append((family, key(qualifier), code, words))
        self.max_bound_words = max(len(p.split()) for p, _ in self.bounds)
        self.country_words = frozenset(w for row in self.currency for w in row[3])

    def unit_at(self, toks: Sequence[FoldedToken], i: int, article: bool = False) -> tuple[str, int] | None:
        """(unit, tokens used) of a unit noun starting at token ``i`` (longest phrase first)."""
        for n in (2, 1):
            if i + n > len(toks):
                continue
            phrase = " ".join(t.key for t in toks[i:i + n])
            candidates = [phrase]
            if article and phrase.startswith("ال"):
                candidates.append(phrase[2:])
            for c in candidates:
                if c in self.units:
                    return self.units[c][0], n
                if n == 1:
                    en = c.lower()
                    for form in (en, en[:-1] if en.endswith("s") else None, en[:-2] if en.endswith("es") else None):
                        if form and form in self.en and form.isalnum():
                            return self.en[form], 1
        return None


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


@lru_cache(maxsize=WORD_TYPES)
def _strip_clitic(word: str) -> tuple[str, int]:
    for c in _PROCLITICS:
        if word.startswith(c) and len(word) - len(c) >= 3:
            return word[len(c):], len(c)
    return word, 0


class _Index:
    """Token index of the folded text and the helpers that read around a number."""

    def __init__(self, tokens: TokenStream) -> None:
        self.folded = tokens.text
        self.toks = tokens
        self.lex = _lexicon()
        self._countries: Counter[str] | None = None

    def country_counts(self) -> Counter[str]:
        if self._countries is None:
            self._countries = _country_counts(self)
        return self._countries

    def index_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return self.toks.index_at(pos)

    def same_line(self, a: int, b: int) -> bool:
        return "\n" not in self.folded[a:b]

    def bound_before(self, start: int) -> tuple[str, int] | None:
        """(bound, folded start) of an approximator ending just before ``start``."""
        i = self.index_at(start)
        for n in range(self.lex.max_bound_words, 0, -1):
            if i - n < 0 or not self.same_line(self.toks[i - n].start, start):
                continue
            words = [t.key for t in self.toks[i - n:i]]
            bare, cut = _strip_clitic(words[0])
            for first, offset in ((words[0], 0), (bare, cut)):
                phrase = " ".join([first, *words[1:]])
                bound = self.lex.bounds.get((phrase, "before")) or self.lex.bounds.get((phrase.lower(), "before"))
                if bound:
                    return bound, self.toks[i - n].start + offset
        return None

    def bound_after(self, end: int) -> tuple[str, int] | None:
        i = self.index_at(end)
        for n in range(self.lex.max_bound_words, 0, -1):
            if i + n > len(self.toks) or not self.same_line(end, self.toks[i + n - 1].end):
                continue
            phrase = " ".join(t.key for t in self.toks[i:i + n])
            bound = self.lex.bounds.get((phrase, "after")) or self.lex.bounds.get((phrase.lower(), "after"))
            if bound:
                return bound, self.toks[i + n - 1].end
        return None

    def percent_after(self, end: int) -> int | None:
        i = self.index_at(end)
        for n in (3, 2, 1):
            if i + n > len(self.toks) or not self.same_line(end, self.toks[i + n - 1].end):
                continue
            if " ".join(t.key for t in self.toks[i:i + n]).lower() in _context()["percent"]:
                return self.toks[i + n - 1].end
        return None

    def unit_after(self, end: int, article: bool) -> tuple[str, int, int] | None:
        """(unit, noun start, noun end) of the unit noun right after ``end`` (or after «من» + ال…)."""
        i = self.index_at(end)
        if i < len(self.toks) and self.toks[i].start == end and self.toks[i].text in ")»\"":
            end, i = self.toks[i].end, i + 1  # «(34) آخرين»
        if i >= len(self.toks) or not self.same_line(end, self.toks[i].start) or self.toks[i].start - end > 2:
            return None
        found = self.lex.unit_at(self.toks, i, article)
        if found:
            unit, n = found
            return unit, self.toks[i].start, self.toks[i + n - 1].end
        tok = self.toks[i]
        if _PEOPLE_NISBA.fullmatch(tok.key) and tok.key not in _context()["not_people"]:
            return "person", tok.start, tok.end  # 15 سعوديا، 3 فلسطينيين
        if tok.key == "من":  # 14 من رجال الشرطة، الآلاف من الأسر
            for j in range(i + 1, min(i + 4, len(self.toks))):
                found = self.lex.unit_at(self.toks, j, article=True)
                after = self.toks[j + found[1]].key if found and j + found[1] < len(self.toks) else ""
                # Partitive «من» takes a definite noun (or one in construct with it); «101 من قارب» is not.
                definite = self.toks[j].key.startswith("ال") or after.startswith("ال")
                usable = found and found[0] not in _time_unit_names(self.lex)
                if found and usable and definite:
                    return found[0], self.toks[i].start, self.toks[j + found[1] - 1].end
                if not self.toks[j].text.isalpha():
                    break
        return None

    def extend_counted(self, end: int) -> int:
        """Nisba adjectives (مركزين إعلاميين) and a per-time adverb (يوميا) stay in the span."""
        i = self.index_at(end)
        while i < len(self.toks) and self.same_line(end, self.toks[i].start) and self.toks[i].start - end <= 1:
            k = self.toks[i].key
            if k in self.lex.rates:
                return self.toks[i].end
            if not _NISBA.fullmatch(k) or k.startswith("و") or _strip_clitic(k)[0] in self.lex.units or k in self.lex.units:
                break  # «ثلاث سنوات بمستشفى»: a noun with a preposition is not an adjective
            end = self.toks[i].end
            i += 1
        return end


def _currency_code(idx: _Index, family: str, noun_end: int) -> tuple[str, int]:
    """ISO code of a bare ريال/ليرة/… from the qualifier after it, else the document's countries."""
    rows = [r for r in idx.lex.currency if r[0] == family]
    i = idx.index_at(noun_end)
    if i < len(idx.toks) and idx.toks[i].start - noun_end <= 1:
        word = idx.toks[i].key
        word = word[2:] if word.startswith("ال") else word
        for _, qualifier, code, _countries in rows:
            if word in (qualifier, qualifier + "ه", qualifier + "ا"):
                return code, idx.toks[i].end
    counts = idx.country_counts()
    best = max(rows, key=lambda r: sum(counts[w] for w in r[3]))
    return (best[2] if sum(counts[w] for w in best[3]) else rows[0][2]), noun_end


def _country_counts(idx: _Index) -> Counter[str]:
    """How often each country word of the currency table occurs in the document (as a word prefix)."""
    counts: Counter[str] = Counter()
    for tok in idx.toks:
        counts.update(_country_words(tok.key))
    return counts


@lru_cache(maxsize=WORD_TYPES)
def _country_words(word_key: str) -> tuple[str, ...]:
    """The currency table's country words that ``word_key`` starts with (with or without a proclitic)."""
    bare = _strip_clitic(word_key)[0]
    return tuple(w for w in _lexicon().country_words if word_key.startswith(w) or bare.startswith(w))


def _blocked_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(t.start, t.end) for t in doc.times if t.type in _TIME_TYPES_BLOCKING]


@cache
def _unit_words_en() -> frozenset[str]:
    return frozenset(row[0].lower() for row in lang.rows("units_en.tsv"))


def _is_identifier(idx: _Index, m: NumberMatch, counted: bool = False) -> bool:
    """Case numbers, codes and names with digits; ``counted``: a unit noun follows the number."""
    text = idx.folded
    before = text[max(0, m.start - 2):m.start]
    after = text[m.end:m.end + 2]
    if before.endswith("#") or text[m.end:m.end + 1] == "_":
        return True  # #100_براند_سعودي
    if re.search(r"[/:]\s?$", before) and re.search(r"\d", text[max(0, m.start - 4):m.start]):
        return True
    if re.match(r"\s?[/:]\s?\d", after) or re.match(r"[A-Za-z]", after[:1]) and not re.match(r"(?i)(k|m|bn|mn|mln|tn|b)\b", text[m.end:m.end + 4]):
        return True  # 13/5, 5N, 4G
    if re.match(r"\s?[-–.)]\s?[^\W\d_]", text[m.end:m.end + 4]) \
            and re.search(r"(?:^|[.:!?؟؛\n])\s*$", text[max(0, m.start - 3):m.start]):
        return True  # a list item's number: «... نهائي. 2- الهيئة نشرت»
    code = re.search(r"(?<![A-Za-z])([A-Z]{2,3})\s$", text[max(0, m.start - 5):m.start])
    if code and code.group(1).lower() not in _unit_words_en():
        return True  # JT 610, MH 17 (but USD 500 is money)
    joined = re.search(r"(\d+)[-–]$", text[max(0, m.start - 8):m.start])
    if joined and m.value is not None and int(joined.group(1)) > m.value:
        return True  # بوينغ 737-500: a model's second part; a range goes up (2010-2015)
    if re.search(r"[^\W\d_]{3}$", text[max(0, m.start - 3):m.start]):
        return True  # فرانس24, الجزيرة360: a name's digits (a proclitic «ب20» is one letter)
    if re.search(r"[^\W\d_]\s?[-–]\s?$", text[max(0, m.start - 4):m.start]):
        # كوفيد - 19; but after a dateline «الرباط - 15 شخصا» the number counts its noun
        return not (counted and re.search(r"[^\W\d_)]\s[-–]\s$", text[max(0, m.start - 4):m.start]))
    i = idx.index_at(m.start)
    j = i - 1
    while j >= 0 and idx.toks[j].text in "()[]«»\"'":
        j -= 1
    if j >= 0 and idx.same_line(idx.toks[j].start, m.start):
        word = idx.toks[j].key.lower()
        before_words = _context()["identifier_before"]
        # the word as written and without و/ف too: «وبوينغ» is و + «بوينغ», not وب + «وينغ»
        for form in {word, word[1:] if word[:1] in "وف" else word}:
            prev = _strip_clitic(form)[0]
            if form in before_words or prev in before_words or prev.startswith("ال") and prev[2:] in before_words:
                return True
    return False


def _range_partner(idx: _Index, matches: list[NumberMatch], k: int) -> tuple[int, int] | None:
    """(index of the second number, folded start of «بين/من» or the first number) for «X إلى Y» ranges."""
    a = matches[k]
    if k + 1 >= len(matches):
        return None
    b = matches[k + 1]
    between = idx.folded[a.end:b.start]
    words = [key(w) for w in re.findall(r"[^\W\d_]+|[-–]", between)]
    if not idx.same_line(a.end, b.start) or len(between) > 8 or len(words) != 1 or re.search(r"[^\w\s\-–]", between):
        return None
    i = idx.index_at(a.start)
    opener = idx.toks[i - 1] if i > 0 else None
    opened = opener is not None and _strip_clitic(opener.key)[0].lower() in _context()["range_open"]
    joiner = words[0].lower()
    if joiner in _context()["range_join"] or (opened and joiner in _context()["range_and"]):
        return k + 1, (opener.start if opened and opener else a.start)
    return None


def _candidates(doc: Doc, idx: _Index) -> list[_Cand]:
    """One candidate per number expression (a range «X إلى Y» is one), with unit and bounds."""
    matches = doc.numbers
    blocked = _blocked_spans(doc)
    dual_ranges = _dual_ranges(idx, matches)
    out: list[_Cand] = []
    k = 0
    while k < len(matches):
        m = matches[k]
        if k in dual_ranges:
            cand, k = dual_ranges[k], k + 1
            _apply_bounds(idx, cand)
            out.append(cand)
            continue
        cand, k = _range_or_single(idx, matches, k)
        o_start, o_end = doc.norm.span(m.start, matches[k - 1].end)
        number_is_time = any(s <= o_start and o_end <= e for s, e in blocked)
        _attach_unit(idx, cand, m)
        if number_is_time and cand.unit not in _time_unit_names(idx.lex):
            continue  # «15 مارس»: part of a date the times stage found; «6 أيام» stays
        if _skip(idx, m, cand):
            continue
        _apply_bounds(idx, cand)
        if cand.bare and cand.unit is None:
            cand.unit = _unit_from_context(idx, idx.index_at(cand.start))
        out.append(cand)
    return out


def _dual_ranges(idx: _Index, matches: list[NumberMatch]) -> dict[int, _Cand]:
    """«ما بين يومين وثلاثة أيام», «من أسبوعين إلى ثلاثة أسابيع», «يومين أو ثلاثة»: a dual noun opens a range.

    Keyed by the index of the match that closes the range (it is consumed by the range)."""
    out: dict[int, _Cand] = {}
    starts = [m.start for m in matches]
    for tok in idx.toks:
        bare, cut = _strip_clitic(tok.key) if tok.key not in idx.lex.duals else (tok.key, 0)
        found = idx.lex.duals.get(bare)
        k = bisect.bisect_left(starts, tok.end)
        if not found or found[1] or k >= len(matches) or matches[k].vague or matches[k].value is None:
            continue
        b = matches[k]
        a = NumberMatch(tok.start + cut, tok.end, 2.0, None, None, False, False)
        partner = _range_partner(idx, [a, b], 0)
        if partner is None or b.value <= 2:
            continue
        cand = _Cand(partner[1], b.end, None, 2.0, b.value, _joined_by_or(idx, a, b), words=True)
        _attach_unit(idx, cand, b)
        if cand.unit is None and _elliptic(idx, b.end):
            cand.unit, cand.bare = found[0], False  # «يومين أو ثلاثة»
        if cand.unit == found[0]:
            out[k] = cand
    return out


def _range_or_single(idx: _Index, matches: list[NumberMatch], k: int) -> tuple[_Cand, int]:
    """The candidate starting at match ``k`` and the index of the next unused match."""
    m = matches[k]
    cand = _Cand(m.start, m.end, m.value, m.low, m.high, m.approx, words=not idx.folded[m.start].isdigit())
    partner = _range_partner(idx, matches, k)
    if partner is None or m.vague or matches[partner[0]].vague:
        return cand, k + 1
    b = matches[partner[0]]
    low, high = m.value, b.value
    if low is None or high is None:
        return cand, k + 1
    scale = _scale_of(idx.folded[b.start:b.end], b.value)
    if scale > 1 and _scale_of(idx.folded[m.start:m.end], m.value) == 1 and low * scale <= high:
        low *= scale  # بين 5 و10 آلاف
    if low >= high:
        return cand, k + 1  # «2-1» is a score, not a range
    words = m.start != partner[1] or cand.words
    return _Cand(partner[1], b.end, None, low, high, _joined_by_or(idx, m, b), words=words), partner[0] + 1


def _attach_unit(idx: _Index, cand: _Cand, m: NumberMatch) -> None:
    """Percent, a currency sign, the unit noun after the number, or (for number words) the noun before it."""
    folded = idx.folded
    pct = idx.percent_after(cand.end)
    if pct is not None:
        cand.unit, cand.end, cand.bare = "percent", pct, False
        return
    if folded[cand.start - 1:cand.start] == "%" and not folded[cand.start - 2:cand.start - 1].isdigit():
        cand.unit, cand.start, cand.bare = "percent", cand.start - 1, False  # «%40» typed right-to-left
        return
    before = re.search(r"(\S)\s?$", folded[max(0, cand.start - 2):cand.start])
    after = re.match(r"\s?(\S)", folded[cand.end:cand.end + 2])
    if before and before.group(1) in idx.lex.signs:  # «$5», «€ 5»
        cand.unit, cand.bare = idx.lex.signs[before.group(1)], False
        cand.start = max(0, cand.start - 2) + before.start(1)
    elif after and after.group(1) in idx.lex.signs:  # «12$», «12 $», «5€»: the sign beats the context
        cand.unit, cand.end, cand.bare = idx.lex.signs[after.group(1)], cand.end + after.end(1), False
    found = idx.unit_after(cand.end, article=folded.startswith("ال", m.start) or m.vague)
    if found:
        unit, n_start, n_end = found
        if unit.startswith("="):
            unit, n_end = _currency_code(idx, unit[1:], n_end)
        if cand.unit is None or cand.unit == unit:
            cand.unit, cand.bare, cand.counted = unit, False, (n_start, n_end)
            cand.end = idx.extend_counted(n_end)
    elif cand.words and m.value is not None:
        prev = _unit_before(idx, cand.start, m.value)
        if prev:
            cand.unit, cand.bare, cand.counted, cand.start = prev[0], False, (prev[1], prev[2]), prev[1]


def _unit_from_context(idx: _Index, i: int) -> str | None:
    """The unit of a bare number from the word before it (بإعدام 17) or from «عدد X» earlier in the clause."""
    if i > 0:
        prev = idx.toks[i - 1].key
        unit = idx.lex.before.get(prev) or idx.lex.before.get(_strip_clitic(prev)[0])
        if unit:
            return unit
    return _unit_of_count(idx, i)


def _joined_by_or(idx: _Index, a: NumberMatch, b: NumberMatch) -> bool:
    """«ثلاثة أو أربعة» is an estimate: approx; «20 إلى 30» is an explicit range."""
    return bool(re.search(r"\b(?:او|or)\b", key(idx.folded[a.end:b.start])))


@cache
def _time_unit_names(lex: _Lexicon) -> frozenset[str]:
    return frozenset(lex.units[u][0] for u in lex.time_units)


def _scale_of(text: str, value: float | None) -> float:
    """The scale word's factor in a number text (10 آلاف → 1000), 1 when it has none."""
    digits = re.match(r"[\d.,\s]+", text)
    if not digits or value is None:
        return 1.0
    try:
        plain = float(digits.group().strip().replace(",", ""))
    except ValueError:
        return 1.0
    return value / plain if plain else 1.0


def _unit_of_count(idx: _Index, i: int) -> str | None:
    """«عدد قتلى الحرب وصل إلى 511,000»: the noun after عدد/حصيلة earlier in the clause names the unit."""
    # A malformed number at the very end of the text leaves no token at ``i``.
    anchor = idx.toks[i].start if i < len(idx.toks) else idx.toks[-1].end if idx.toks else 0
    for j in range(min(i, len(idx.toks)) - 1, max(-1, i - 15), -1):
        tok = idx.toks[j]
        if tok.text in ".؛;:!?؟\n" or not idx.same_line(tok.start, anchor):
            return None
        if _strip_clitic(tok.key)[0] in _context()["count_words"] and j + 1 < i:
            found = idx.lex.unit_at(idx.toks, j + 1, article=True)
            return found[0] if found and not found[0].startswith("=") else None
    return None


def _unit_before(idx: _Index, start: int, value: float) -> tuple[str, int, int] | None:
    """«مدنيين اثنين», «سنوات سبع», «مولدا واحدا»: a unit noun right before a spelled-out number.

    The noun agrees with the number: singular for one, plural for more (so «إصابة ثلاثة» — a verbal noun
    governing the number — is not read as three cases)."""
    i = idx.index_at(start)
    if i == 0 or not idx.same_line(idx.toks[i - 1].start, start):
        return None
    j = i - 1
    while j > 0 and i - j <= 2 and _NISBA.fullmatch(idx.toks[j].key) and idx.toks[j].key not in idx.lex.units:
        j -= 1  # «مواطنين بريطانيين اثنين»: step over the adjectives to the noun
    tok = idx.toks[j]
    if not idx.same_line(tok.start, start):
        return None
    bare, cut = (tok.key, 0) if tok.key in idx.lex.units else _strip_clitic(tok.key)
    if bare.startswith("ال") and idx.folded.startswith("ال", start):
        if value == 1:
            return None  # «في اليوم الواحد» = per day
        bare = bare[2:]  # الأيام الثلاثة: a definite number agrees with a definite noun
    found = idx.lex.units.get(bare)
    if found is None or found[0].startswith("=") or (value >= 2 and bare in idx.lex.singulars):
        return None
    return found[0], tok.start + cut, idx.toks[i - 1].end


def _skip(idx: _Index, m: NumberMatch, cand: _Cand) -> bool:
    """Not a quantity: identifiers, years, long digit strings, lone «واحد», ordinal «عشر»."""
    text = idx.folded[m.start:m.end]
    if _is_identifier(idx, m, counted=not cand.bare):
        return True
    nxt = idx.toks[idx.index_at(m.end)] if idx.index_at(m.end) < len(idx.toks) else None
    if cand.words and m.value == 1 and nxt is not None and nxt.key == "من":
        return True  # «واحد من أبرز …» = one of
    i = idx.index_at(m.end)
    if i < len(idx.toks) and idx.toks[i].key.lower() in _context()["clock_after"] and idx.same_line(m.end, idx.toks[i].start):
        return True
    if re.search(r"(?:^|\s)ال\s?$", idx.folded[max(0, m.start - 4):m.start]) and cand.unit not in _time_unit_names(idx.lex):
        return True  # الدورة الـ73، الذكرى الـ70: ordinal; but «الـ24 ساعة الماضية» is a duration
    year_like = re.fullmatch(r"(?:14|19|20)\d\d", text)  # 14xx: Hijri years
    if year_like and cand.counted and key(idx.folded[cand.counted[0]:cand.counted[1]]) in _context()["year_before_unit"]:
        return True  # «عام 2005 يوم أقيمت القمة»: a year, then «يوم» = when
    if cand.bare and cand.unit is None:
        if year_like or re.fullmatch(r"\d{8,}", text):
            return True
        if m.value is not None and m.value <= 1:
            return True  # a lone «واحد» or «1» (درع الخليج 1) counts nothing
        if cand.words:
            i = idx.index_at(m.start)
            if i > 0 and idx.toks[i - 1].key.startswith("ال") and idx.same_line(idx.toks[i - 1].start, m.start):
                return True  # الحادي عشر، القرن العشرين
    return False


def _apply_bounds(idx: _Index, cand: _Cand) -> None:
    before = idx.bound_before(cand.start)
    after = idx.bound_after(cand.end)
    for found in (before, after):
        if not found:
            continue
        bound, pos = found
        if found is before:
            cand.start = pos
        else:
            cand.end = pos
        cand.approx = True
        if cand.value is not None:
            if bound == "min":
                cand.low = cand.value
            elif bound == "max":
                cand.high = cand.value


def _duals(idx: _Index, taken: list[tuple[int, int]], durations: list[tuple[int, int]]) -> list[_Cand]:
    """Dual nouns that count (يومين، جنديان، سيارتي إسعاف); a definite dual (الشهرين) usually refers back to a
    named pair, so it counts only where the times stage read it as a duration."""
    out = []
    for i, tok in enumerate(idx.toks):
        bare, cut = _strip_clitic(tok.key) if tok.key not in idx.lex.duals else (tok.key, 0)
        if bare.startswith("ال") and bare[2:] in idx.lex.duals:
            if not any(s <= tok.start and tok.end <= e for s, e in durations):
                continue
            bare = bare[2:]
        found = idx.lex.duals.get(bare)
        if not found or any(s < tok.end and tok.start < e for s, e in taken):
            continue
        unit, needs_next, singular = found
        if nxt_phrase := (idx.toks[i + 1].key if i + 1 < len(idx.toks) else ""):
            unit = idx.lex.units.get(f"{singular} {nxt_phrase}", (unit,))[0]  # سيارتي إسعاف → ambulance
        if needs_next and unit in idx.lex.places:
            continue  # مدينتي حمورية وسقبا: a construct dual of a place names a pair, it does not count
        nxt = idx.toks[i + 1] if i + 1 < len(idx.toks) else None
        if nxt is not None and re.fullmatch(r"اثن(?:ين|ان|تين|تان)", nxt.key):
            continue  # مدنيين اثنين: the number word is the quantity
        if needs_next and (nxt is None or not nxt.text.isalpha() or nxt.start - tok.end > 1):
            continue
        end = tok.end
        if needs_next and nxt is not None:
            end = nxt.end
        end = idx.extend_counted(end)
        cand = _Cand(tok.start + cut, end, 2.0, unit=unit, counted=(tok.start + cut, end), bare=False)
        _apply_bounds(idx, cand)
        out.append(cand)
    return out


def _fractions(idx: _Index, taken: list[tuple[int, int]]) -> list[_Cand]:
    """«نصف إجمالي», «حوالي نصف الهجمات», «ثلثي قيمتها»: a share of a whole, in percent."""
    out = []
    pronouns = _context()["fraction_pronouns"]
    for i, tok in enumerate(idx.toks):
        bare, cut = _strip_clitic(tok.key)
        nxt = idx.toks[i + 1] if i + 1 < len(idx.toks) else None
        if nxt is not None and nxt.key in _context()["not_after_fraction"]:
            continue  # «نصفها الأول»: a half of a period, not a share
        if (tok.key in pronouns or bare in pronouns) and not any(s < tok.end and tok.start < e for s, e in taken):
            start = tok.start + (cut if tok.key not in pronouns else 0)
            cand = _Cand(start, tok.end, pronouns.get(tok.key, pronouns.get(bare)), unit="percent", bare=False)
            _apply_bounds(idx, cand)
            out.append(cand)  # «ثلثاهم من النساء»
            continue
        share = _context()["fractions"].get(tok.key, _context()["fractions"].get(bare))
        if share is None or any(s < tok.end and tok.start < e for s, e in taken):
            continue
        if nxt is None or not nxt.text.isalpha() or nxt.start - tok.end > 1:
            continue
        start = tok.start + (cut if tok.key not in _context()["fractions"] else 0)
        time_unit = idx.lex.units.get(nxt.key)
        if time_unit and nxt.key in idx.lex.time_units:
            cand = _Cand(start, nxt.end, share / 100, unit=time_unit[0], counted=(nxt.start, nxt.end), bare=False)
        elif nxt.key in idx.lex.units:
            continue
        else:
            cand = _Cand(start, nxt.end, share, unit="percent", bare=False)
        _apply_bounds(idx, cand)
        out.append(cand)
    return out


def _add_halves(idx: _Index, cands: list[_Cand]) -> None:
    """«عامين ونصف» = 2.5 years, «ثلاثة كيلومترات ونصف» = 3.5 km: ونصف/وربع after a counted duration or measure.

    Not before a definite noun (« 20 عاما ونصف السكان » is half of something else)."""
    halves, measures = _context()["half_words"], _context()["half_units"] | _time_unit_names(idx.lex)
    for cand in cands:
        if cand.value is None or cand.unit not in measures or cand.value >= 1000:
            continue
        i = idx.index_at(cand.end)
        if i >= len(idx.toks) or idx.toks[i].start - cand.end > 1 or idx.toks[i].key not in halves:
            continue
        nxt = idx.toks[i + 1] if i + 1 < len(idx.toks) else None
        restated = _restated_unit(idx, i + 1, cand.unit)
        if nxt is not None and nxt.key.startswith("ال") and idx.same_line(cand.end, nxt.start) and not restated:
            continue
        cand.value += halves[idx.toks[i].key]
        cand.end = nxt.end if restated and nxt is not None else idx.toks[i].end


def _restated_unit(idx: _Index, i: int, unit: str | None) -> bool:
    """«سنة ونصف السنة»: the unit repeated with the article after ونصف belongs to the half."""
    if i >= len(idx.toks) or not idx.toks[i].key.startswith("ال"):
        return False
    found = idx.lex.units.get(idx.toks[i].key[2:])
    return found is not None and found[0] == unit


def _half_after_unit(idx: _Index, taken: list[tuple[int, int]]) -> list[_Cand]:
    """«عام ونصف», «ساعة وربع»: a singular time unit with ونصف/وربع is one and a fraction."""
    out = []
    halves = _context()["half_words"]
    for i, tok in enumerate(idx.toks[:-1]):
        nxt = idx.toks[i + 1]
        bare, cut = _strip_clitic(tok.key) if tok.key not in idx.lex.time_units else (tok.key, 0)
        if bare in idx.lex.time_units and nxt.key in halves and not any(s < nxt.end and tok.start < e for s, e in taken):
            unit = idx.lex.units[bare][0]
            value = 1 + halves[nxt.key]
            end = idx.toks[i + 2].end if _restated_unit(idx, i + 2, unit) else nxt.end
            out.append(_Cand(tok.start + cut, end, value, unit=unit, counted=(tok.start + cut, tok.end), bare=False))
    return out


def _inherit_units(doc: Doc, idx: _Index, cands: list[_Cand]) -> None:
    """A bare number takes the unit of the previous quantity of its sentence (98 ألف مهاجر … و124 ألفا)."""
    previous: dict[int | None, str] = {}
    for cand in sorted(cands, key=lambda c: c.start):
        sentence = doc.sentence_at(doc.norm.orig_index(cand.start))
        if cand.unit is None and cand.bare and sentence in previous and _elliptic(idx, cand.end):
            cand.unit = previous[sentence]
        if cand.unit is not None and cand.unit not in _time_unit_names(idx.lex):
            previous[sentence] = cand.unit


def _elliptic(idx: _Index, end: int) -> bool:
    """Nothing noun-like follows the number (punctuation, a preposition …), so its noun was left out."""
    i = idx.index_at(end)
    if i >= len(idx.toks) or not idx.same_line(end, idx.toks[i].start):
        return True
    tok = idx.toks[i]
    return not tok.text.isalpha() or tok.key in _context()["ellipsis_followers"]


def extract(doc: Doc) -> list[Quantity]:
    """The quantities of the document in ``doc`` (not yet added to the analysis)."""
    idx = _Index(doc.tokens)
    cands = _candidates(doc, idx)
    taken = [(c.start, c.end) for c in cands]
    durations = []
    for t in doc.times:
        if t.type == "duration":
            f_start = bisect.bisect_left(doc.norm.origin, t.start)
            f_end = bisect.bisect_left(doc.norm.origin, t.end)
            durations.append((f_start, f_end))
    cands += _duals(idx, taken, durations)
    _add_halves(idx, cands)
    taken = [(c.start, c.end) for c in cands]
    cands += _half_after_unit(idx, taken)
    taken = [(c.start, c.end) for c in cands]
    cands += _fractions(idx, taken)
    _inherit_units(doc, idx, cands)
    out = []
    for cand in cands:
        span = doc.folded_span(cand.start, cand.end)
        counted = doc.folded_span(*cand.counted) if cand.counted else None
        out.append(
            Quantity(
                start=span.start, end=span.end, text=span.text, value=cand.value, low=cand.low,
                high=cand.high, approx=cand.approx, unit=cand.unit,
                counted=Span(start=counted.start, end=counted.end, text=counted.text) if counted else None,
            )
        )
    return out


@stage("quantities", requires=["times"], assigns=["quantities"])
def annotate(doc: Doc) -> None:
    doc.quantities.extend(extract(doc))

