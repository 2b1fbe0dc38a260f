"""Dates, months, years, ranges and durations, resolved to ISO 8601 against the publication date.

A fact-checker needs *when*: «أمس» in an article of 2015-08-07 is 2015-08-06, «السبت» is the last
Saturday on or before publication, «4 أشهر» is P4M.  The extractor is rule based: small pattern
families (month names of every naming system, Hijri dates, numeric dates, relative days and
weekdays, years with a cue, ranges, durations) run on the folded text, every candidate keeps its
folded offsets, overlapping candidates are resolved longest first, and neighbouring items joined
by «من … إلى …» become ranges.  The word lists are lexicons (``lexicons/times_*``); number words
come from :mod:`isnad.text.numbers`.  Annotation conventions follow the articles gold set:
vague expressions (الأسبوع الماضي، مؤخرا، قبل أيام) and clock times are not annotated, and a
rhetorical «اليوم» ("nowadays") is left alone rather than turned into a precise date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from hijridate import Gregorian, Hijri

from isnad import lang
from isnad.components.quantities import counts
from isnad.core.doc import Doc
from isnad.core.registry import stage
from isnad.model import Time
from isnad.text.normalize import NormalizedText, fold, normalize
from isnad.text.numbers import NumberMatch, find_numbers, parse_number

_CLITIC = r"(?<!\w)(?:[وفبلك]|وب|ول|فب|فل|وك)?"
_END = r"(?!\w)"
_LETTER_END = r"(?![^\W\d_])"  # a month name may touch its year: «فبراير2008»
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NAMED_YEAR = r"(?:1\d\d\d|20\d\d)"  # after «عام/سنة», or as a lifespan, a year of history too («عام 1500»)
_LIFESPAN = 120  # years: «(1452-1519)» in brackets is a life, «(1000-2000)» is no one's
_HIJRI_YEAR = r"(?:1[34]\d\d)"
_DIGITS_LEFT = r"(?<![\d.,:/])"
_DIGITS_RIGHT = r"(?![\d:%]|[.,/]\d)"
_NEXT_WORD = re.compile(r"\s+(\w+)")
_QUOTES = frozenset('"«»“”')
_FUTURE = 2  # a month's modifier when its clause speaks of the future (not «المقبل», which is 1)
_UNIT_DESIGNATORS = {"Y": ("Y", 12, "M"), "M": ("M", 30, "D"), "W": ("W", 7, "D"), "D": ("D", 24, "H"),
                     "H": ("H", 60, "MIN"), "MIN": ("M", 60, "S"), "S": ("S", 0, "")}


# ---------------------------------------------------------------------------------------------
# Lexicons


def _k(text: str) -> str:
    """Lookup key of a folded phrase: single spaces, case folded."""
    return " ".join(fold(text).split()).casefold()


def _alt(words) -> str:
    """A regex alternation of folded phrases, longest first, spaces matching any whitespace; a word with the
    article may be glued to the one before it, a common typo («الشهرالقادم», «العامالماضي»)."""
    forms = sorted({_k(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(_phrase_pattern(f) for f in forms) + ")"


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    out = re.escape(words[0])
    for word in words[1:]:
        out += (r"\s*" if word.startswith("ال") else r"\s+") + re.escape(word)
    return out


@dataclass(frozen=True)
class _Lex:
    months: dict[str, tuple[int, str, bool]]  # key -> (month, system, needs context)
    weekdays: dict[str, int]
    units: dict[str, tuple[str, str]]  # key -> (unit, "1" singular | "n" plural | "2" dual)
    rel: dict
    past_verbs: frozenset[str]  # «قال», «أعلنت», «هاجموا» …: a clause in the past
    present_reporting: frozenset[str]  # «يقول», «تشير» …: an imperfect that does not make a future
    future_prefix_exclude: tuple[str, ...]  # سـ-nouns (سيارة، سنة), shared with the claims stage
    future_word_exclude: frozenset[str]
    names: frozenset[str]  # given names and first words of the world list: «ستيفن», «سيول» are no سـ-verbs
    names_before: frozenset[str]  # role words before a person's name («المدرب»)
    past_reporting: frozenset[str]  # «أعلن», «قالت» …: a past that reports, and may report a plan


@cache
def _lex() -> _Lex:
    months = {_k(n): (int(m), s, c == "1") for n, m, s, c in lang.rows("times_months.tsv")}
    weekdays = {_k(n): int(w) for n, w in lang.rows("times_weekdays.tsv")}
    units = {_k(f): (u, c) for f, u, c in lang.rows("times_units.tsv")}
    # Every entry as its lookup key, once: word lists become sets, maps are keyed.
    rel = {name: _Phrases({_k(w): v for w, v in entry.items()}) if isinstance(entry, dict)
           else frozenset(_k(w) for w in entry)
           for name, entry in lang.lists("times_relative.json").items()}
    past: set[str] = {w for w in rel["day_verbs"] if not w.startswith(("ي", "ت"))} | set(rel["past_verbs"])
    reporting: set[str] = set()
    present: set[str] = set()
    for _lemma, _strength, kind, past_stem, present_3ms, *rest in lang.rows("cues.tsv"):
        if "strict" in rest[-1]:
            continue  # «بين» (between), «قدر» (amount): cues that are also ordinary words
        if kind == "verb" and past_stem not in ("", "-"):
            stem = _k(past_stem)
            reporting |= {stem, stem + "ت", stem + "وا"}
        if kind == "verb" and present_3ms.startswith("ي"):
            stem = _k(present_3ms)
            present |= {stem, "ت" + stem[1:]}
    past |= reporting
    claims = lang.lists("claims_cues.json")["ar"]
    ner = lang.lists("ner_context.json")
    names = {_k(w) for w in ner["GIVEN"]} | {_k(row[0]).split()[0] for row in lang.rows("ner_world.tsv") if _k(row[0])}
    return _Lex(months, weekdays, units, rel, frozenset(past), frozenset(present),
                tuple(_k(w) for w in claims["future_prefix_exclude"]), frozenset(_k(w) for w in claims["future_word_exclude"]),
                frozenset(names), frozenset(_k(w) for w in ner["ROLE"]), frozenset(reporting))


@cache
def _patterns() -> dict[str, re.Pattern]:
    lex = _lex()
    rel = lex.rel
    greg = [n for n, (_, s, _) in lex.months.items() if s != "hijri"]
    hijri = [n for n, (_, s, _) in lex.months.items() if s == "hijri"]
    month = _alt(greg)
    weekday = _alt(lex.weekdays)
    mods = _alt(rel["modifiers"])
    ordinal = _alt(rel["ordinal_days"])
    units = _alt(lex.units)
    approx = _alt(rel["approximators"])
    hijri_suffix = _alt(rel["hijri_suffixes"])
    flags = re.IGNORECASE
    p = {
        "month": rf"{_CLITIC}(?P<m>{month}){_LETTER_END}",
        "hijri": rf"{_CLITIC}(?P<m>{_alt(hijri)}){_END}",
        "month_and": rf"(?<!\w){month}\s*[)\"»”]?\s*(?:و|and)?\s*$",
        "pair": rf"^(?:\s*[/(\-–]\s*|\s+)(?P<m>{month})(?:\s*\))?{_LETTER_END}",
        # What may stand left of a month name: weekday (+ «الماضي»), «يوم», a day number or ordinal, «من (شهر)».
        "left_day": rf"(?:(?P<wd>(?:(?<!\w)(?:يوم|نهار)\s+)?{weekday}(?:\s+(?:{mods}))?)\s*[،,]?\s+)?"
                    rf"(?:(?<!\w)(?:يوم|نهار|on)\s+)?"
                    rf"(?:(?P<d>{_DIGITS_LEFT}{_DAY})(?:st|nd|rd|th)?|(?P<o>{ordinal}))(?:\s+(?:من|of)(?:\s+شهر)?)?\s*$",
        "left_edge": rf"(?:(?<!\w)(?P<e>{_alt(rel['month_edges'])})\s+)$",
        "right_day": rf"^\s+(?P<d>{_DAY})(?:st|nd|rd|th)?{_DIGITS_RIGHT}",
        "right_year": rf"^\s*[،,]?\s*(?:(?:من\s+)?(?:ال)?(?:عام|سنة)\s+)?(?P<y>{_YEAR}){_DIGITS_RIGHT}(?:\s*(?:{_alt(rel['year_suffixes'])}){_END})?",
        "right_hyear": rf"^\s*[،,]?\s*(?P<y>{_HIJRI_YEAR}){_DIGITS_RIGHT}(?:\s*{hijri_suffix}{_END})?",
        "right_mod": rf"^\s+(?P<mod>{mods}){_END}",
        "right_following": rf"^\s+(?P<f>{_alt(rel['following'])}){_END}",
        "right_relyear": rf"^\s+(?:من\s+|of\s+)?(?P<r>{_alt(rel['this_year'] | rel['last_year'] | rel['next_year'])}){_END}",
        # digits first (a weekday before them is found by numeric_wd): a regex that may start with a weekday
        # is tried at every position of the text
        "numeric": rf"{_DIGITS_LEFT}(?:(?P<y1>{_YEAR})(?P<s1>[/.\-])(?P<m1>1[0-2]|0?[1-9])(?P=s1)(?P<d1>{_DAY})"
                   rf"|(?P<d2>{_DAY})(?P<s2>\s?/\s?|[.\-])(?P<m2>{_DAY})(?P<s3>\s?/\s?|[.\-])(?P<y2>{_YEAR})){_DIGITS_RIGHT}",
        "numeric_wd": rf"(?P<wd>{weekday})\s*[،,]?\s+$",
        "days": rf"{_CLITIC}(?P<b>(?:(?P<dp>{_alt(rel['dayparts'])})\s+)?(?:(?:يوم|نهار)\s+)?"
                rf"(?:(?P<rel>{_alt(rel['days'])})(?:\s*[(،,]?\s*(?P<wd1>{weekday})\s*\)?)?"
                rf"|(?:(?P<pre>{_alt(rel['weekday_before_en'])})\s+)?(?P<wd>{weekday})"
                rf"(?:\s+(?P<mod>{mods}))?)){_END}",
        "year": rf"{_CLITIC}(?:(?P<edge>{_alt(rel['year_edges'])})\s+)?"
                rf"(?P<cue>(?:ال|ل)?(?:عام|سنة|أعوام|سنوات)|عامي|year|years|in|since)\s+(?P<y>{_NAMED_YEAR}){_DIGITS_RIGHT}"
                rf"(?:\s*(?:{_alt(rel['year_suffixes'])}){_END})?",
        "bare_year": rf"{_CLITIC}(?P<cue>{_alt(rel['bare_year_cues'])})\s+(?P<y>{_YEAR}){_DIGITS_RIGHT}"
                     r"(?!\s*(?:[-–]|الف|مليون|مليار|دولار))",
        "rel_year": rf"{_CLITIC}(?:(?P<edge>{_alt(rel['year_edges'])})\s+)?"
                    rf"(?P<r>{_alt(rel['this_year'] | rel['last_year'] | rel['next_year'])}){_END}"
                    rf"(?:\s+(?P<y>{_YEAR}){_DIGITS_RIGHT})?",
        "edge_year": rf"{_CLITIC}(?P<edge>{_alt(rel['year_edge_words'])})"
                     rf"\s+(?:ال|هذا\s+ال)(?P<u>عام|سنة|شهر){_END}(?!\s+(?:\d|ال|الذي|الماضي|المقبل))",
        "mentioned_year": rf"{_CLITIC}(?P<r>{_alt(rel['mentioned_year'])}){_END}",
        "mentioned_month": rf"{_CLITIC}(?P<r>{_alt(rel['mentioned_month'])}){_END}",
        "mentioned_day": rf"{_CLITIC}(?P<r>{_alt(rel['mentioned_day'])}){_END}(?!\s+من\s+(?:ال)?(?:عام|سنة))",
        "year_list": rf"^\s*[،,]?\s*(?:و|او|أو|and|or)\s*(?P<y>{_YEAR}){_DIGITS_RIGHT}(?!\s*(?:[-–]|الف|مليون|مليار|دولار))",
        "statement_before": rf"(?<!\w)(?:[وف]?في|عبر)\s+(?:{_alt(rel['day_after_statements'])})"
                            r"(?:\s+(?!من\b|ذلك\b|هذا\b)[^\s\d]+){0,2}\s*[،,]?\s*$",
        "compared_year": rf"(?<!\w)(?:[وب]?مقارنة|قياسا|بالمقارنة)\s+(?:ب|مع\s+|ل|إلى\s+|الى\s+)(?:(?:ال)?(?:عام|سنة)\s+)?"
                         rf"(?P<y>{_YEAR}){_DIGITS_RIGHT}",
        "en_year_noun": rf"(?<![\w-])the\s+(?P<y>{_YEAR})(?=\s+[a-z])",
        "en_year_edge": rf"(?<!\w)(?P<e>early|mid|late|end\s+of)[\s-](?P<y>{_YEAR}){_DIGITS_RIGHT}",
        "en_decade": r"(?<!\w)(?:the\s+)?(?P<d>(?:19|20)\d0)'?s(?!\w)",
        "range_left": rf"(?<!\S)(?P<a>[^\s]+)\s*(?P<j>{_alt(rel['range_join'] | rel['range_joins_extra'])}|و|and)\s*$",
        "numeric_hijri": rf"{_DIGITS_LEFT}(?:(?P<y1>{_HIJRI_YEAR})(?P<s1>[/.\-])(?P<m1>1[0-2]|0?[1-9])(?P=s1)(?P<d1>{_DAY})"
                         rf"|(?P<d2>{_DAY})(?P<s2>[/.\-])(?P<m2>1[0-2]|0?[1-9])(?P=s2)(?P<y2>{_HIJRI_YEAR})){_DIGITS_RIGHT}"
                         rf"(?:\s*{hijri_suffix}{_END})?",
        "day_month": rf"{_CLITIC}(?P<cue>{_alt(rel['numeric_date_cues'])})\s+{_DIGITS_LEFT}(?P<d>{_DAY})\s*/\s*"
                     rf"(?P<m>1[0-2]|0?[1-9])(?![\d/.,:%])",
        "rel_month": rf"{_CLITIC}(?P<r>{_alt(rel['this_month'] | rel['last_month'] | rel['next_month'])}){_END}",
        "part_year": rf"{_CLITIC}(?P<h>{_alt(rel['halves'])})\s+(?:من|of)\s+(?:(?P<cue>(?:ال)?(?:عام|سنة))\s+)?"
                     rf"(?:(?P<y>{_YEAR}){_DIGITS_RIGHT}|(?P<r>{_alt(rel['this_year'] | rel['last_year'])}){_END}"
                     r"|(?P<bare>ال(?:عام|سنة))(?!\w|\s+(?:\d|ال)))",
        "decade": rf"{_CLITIC}(?P<dec>{_alt(rel['decades'])}){_END}",
        "lifespan": rf"\(\s*(?P<a>{_NAMED_YEAR})\s*[-–]\s*(?P<b>{_NAMED_YEAR})\s*\)",
        "year_range": rf"{_CLITIC}(?P<open>من|بين|عامي|سنتي|from|between)\s+(?:(?:ال)?(?:عام|عامي|عامين|سنة|سنتي|سنتين|years?)\s+)?"
                      rf"(?P<a>{_YEAR}){_DIGITS_RIGHT}\s*(?:و\s*)?(?:حتى|إلى|الى|لغاية|to|until|and|و|-|–)\s*"
                      rf"(?:(?:ال)?(?:عام|سنة)\s+)?(?P<b>{_YEAR}){_DIGITS_RIGHT}"
                      rf"|(?P<cue2>(?:(?:ال|ل)?(?:عام|عامي|سنة|موسم)|years?)\s+)?{_DIGITS_LEFT}(?P<a2>{_YEAR})\s*[-–/]\s*"
                      rf"(?P<b2>{_YEAR}){_DIGITS_RIGHT}",
        "duration": rf"(?:(?P<ap>{approx})\s+)?{_DIGITS_LEFT}(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>{units}){_END}"
                    rf"(?:\s+(?P<half>{_alt(rel['half_words'])}){_END})?",
        "unit": rf"{_CLITIC}(?P<art>ال)?(?P<u>{units}){_END}(?:\s+(?P<half>{_alt(rel['half_words'])}){_END})?",
        "left_wd": rf"(?<!\w)(?P<wd>{weekday})\s*,?\s+$",
        "unit_after": rf"^\s+(?:ال)?(?P<u>{units}){_END}(?:\s+(?P<half>{_alt(rel['half_words'])}){_END})?",
        "half_unit": rf"{_CLITIC}(?P<h>{_alt(rel['half_units'])}){_END}",
        "single": rf"{_CLITIC}(?P<cue>{_alt(rel['duration_cues'])})\s+(?P<u>{units}){_END}"
                  rf"(?:\s+(?P<half>{_alt(rel['half_words'])}){_END})?",
        "unit_half": rf"{_CLITIC}(?P<u>{units})\s+(?P<half>{_alt(rel['half_words'])}){_END}",
        "approx_single": rf"{_CLITIC}(?P<cue>{approx})\s+(?P<u>{units}){_END}"
                         rf"(?:\s+(?P<half>{_alt(rel['half_words'])}){_END})?",
        "unit_number": rf"(?<!\w)(?P<u>{_alt(rel['number_after_unit'])})\s+(?P<w>[^\W\d_]+){_END}",
        "unit_one": rf"{_CLITIC}(?P<u>{units})\s+(?P<one>{_alt(rel['one_words'])}){_END}",
        "def_dual": rf"(?<!\w)ال(?P<u>{units})\s+(?P<mod>{_alt(rel['dual_modifiers'])}){_END}",
        "future": rf"(?<!\w){_alt(rel['future_cues'])}(?!\w)[^.!?؟\n]*$",
        "future_signal": rf"(?<!\w)(?:{_alt(rel['future_cues'])}|[وف]?س[يتن][^\W\d_]{{2,}}|[وف]?على\s+ان)(?!\w)",
        "past_signal": rf"(?<!\w)[وف]?(?:{_alt(lex.past_verbs)}|(?![يتنس])[^\W\d_]{{2,}}وا)(?!\w)"
                       r"|(?<!\w)[وف]?[ات](?!ل)[^\W\d_]{2,}[^\W\d_ا]ت(?!\w)"  # انتصرت، توصلت (not انتخابات، السبت)
                       r"|(?<!\w)(?:منذ|since|last)\s*$"  # «منذ الثلاثاء»: since last Tuesday
                       r"|(?<!\w)(?:said|told|was|were|had|did|[a-z]{3,}ed)(?!\w)",
        "clause_break": rf"(?<!\w)(?:{_alt(rel['clause_breaks'])})(?!\w)|[\"«»“”]",
        "imperfect_opener": r"\s*[\"«]?(?:[وف])?(?P<v>[يت][^\W\d_]{3,})(?!\w)",
        "weak_future": rf"(?<!\w)(?:{_alt(rel['future_cues_weak'])})(?!\w)",
        "was_before": r"(?<!\w)[وف]?(?:كان|كانت|كانوا|was|were)\s+$",  # «كان من المقرر», «كانت ستعقد»: a past plan
        "day_pair_left": rf"(?:(?<!\w)(?P<o>{_alt(rel['range_open'])}|يومي|أيام|ايام)\s+)?{_DIGITS_LEFT}(?P<d0>{_DAY})"
                         rf"\s*(?:و|-|–|{_alt(rel['range_join'])})\s*$",
        "day_pair_right": rf"^\s*(?:-|–|and|to|through|until)\s*(?P<d2>{_DAY}){_DIGITS_RIGHT}",
        "vague_now": rf"(?<!\w){_alt(rel['vague_now_before'])}\s*$",
        "approx_before": rf"(?<!\w)(?P<ap>{approx})\s+$",
        "join": rf"^\s*(?:و\s*)?{_alt(rel['range_join'])}\s*$",
        "join_and": r"^\s*(?:و|and)\s*$",
        "range_open": rf"(?<!\w)(?:[وف])?(?P<o>{_alt(rel['range_open'])})\s+$",
        "def_duration": rf"(?<!\w)ال(?P<w>[^\W\d_]+|\d+)\s+ال(?P<u>{units})\s+(?P<mod>{_alt(rel['duration_modifiers'])})"
                        rf"{_END}|(?<!\w)ال(?P<u2>{units})\s+(?:ال)?(?P<w2>[^\W\d_]+|\d+)\s+"
                        rf"(?P<mod2>{_alt(rel['duration_modifiers_before_number'])}){_END}",
    }
    return {name: re.compile(_fold_pattern(pattern), flags) for name, pattern in p.items()}


def _fold_pattern(pattern: str) -> str:
    """Literal Arabic inside hand-written patterns is folded like the text (إ→ا …)."""
    return "".join(fold(c) if "\u0600" <= c <= "\u06ff" and c != "ـ" else c for c in pattern)


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Item:
    start: int  # folded offsets
    end: int
    type: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_explicit: bool = False
    value: str | None = None  # set directly for ranges, durations, decades
    anchored: bool = True
    priority: int = 0
    mod: int | None = None  # الماضي / المقبل / الجاري on a month or day-month
    inferred: bool = False  # a day/month whose year was guessed from the publication date
    following: bool = False  # «يناير الموالي»: the first such month after the date mentioned before it
    parts: dict[str, int] | None = None  # a duration's amounts per unit
    first_day: int | None = None  # «10 و11 مايو», «بين 3 و7 أيار», "May 3-7": the range's first day

    @property
    def kind(self) -> str:
        return "range" if self.first_day is not None and self.type == "date" else self.type

    def iso(self) -> str | None:
        if self.value is not None or self.type in ("duration", "range"):
            return self.value
        if self.year is None and self.month is None:
            return None
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.type == "year":
            return y
        if self.type == "month":
            return f"{y}-{self.month:02d}"
        if self.first_day is not None:
            return f"{y}-{self.month:02d}-{self.first_day:02d}/{y}-{self.month:02d}-{self.day:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"


class _Phrases(dict):
    """Phrase key -> value, found also as matched without a space: the patterns of :func:`_alt` accept
    the article glued to the word before it («الأشهرالأربعة الأولى»), and the lookup must follow them."""

    def __init__(self, entries: dict):
        super().__init__(entries)
        self._glued = {k.replace(" ", ""): v for k, v in entries.items()}

    def __missing__(self, phrase: str):
        return self._glued[phrase.replace(" ", "")]

    def get(self, phrase: str, default=None):
        try:
            return self[phrase]
        except KeyError:
            return default

    def __contains__(self, phrase: object) -> bool:
        return dict.__contains__(self, phrase) or (isinstance(phrase, str) and phrase.replace(" ", "") in self._glued)


def _k_at(text: str) -> str:
    return " ".join(text.split()).casefold()


def _infer_year(month: int, day: int | None, mod: int | None, published: dt.date | None) -> int | None:
    """The year of a day/month written without one, from the publication date.

    «الماضي» means the last such month/day before publication, «المقبل» the next one after; with
    no modifier the publication year is kept unless the month lies more than three months after the
    publication month (an article of January speaking of «ديسمبر» means the previous December); in a
    future context (``_FUTURE``) it is kept unless the month lies more than two months before it (an article
    of October planning for «مارس» means the next March; «اعتبارا من 30 يوليو» early in August is this year).
    """
    if published is None:
        return None
    year = published.year
    target = (month, day or 0)
    now = (published.month, published.day if day else 0)
    if mod == -1:
        return year - 1 if target >= now else year
    if mod == 1:
        return year + 1 if target <= now else year
    if mod == _FUTURE:  # a future context: not last year; next year only for a month well before this one
        return year + 1 if published.month - month > 2 else year
    if mod is None and month - published.month > 3:
        return year - 1
    return year


def _resolve_weekday(weekday: int, mod: int | None, published: dt.date) -> dt.date:
    """The weekday on or before publication; «الماضي» strictly before, «المقبل» strictly after.

    ``mod == 0`` (a future context without «المقبل») means on or after publication.
    """
    back = (published.weekday() - weekday) % 7
    if mod == 0:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    if mod == 1:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if mod == -1 and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _date_item(start: int, end: int, d: dt.date | None, priority: int = 0) -> _Item:
    if d is None:
        return _Item(start, end, "date", anchored=False, priority=priority)
    return _Item(start, end, "date", d.year, d.month, d.day, priority=priority)


class _Scanner:
    """Runs the pattern families over one folded text and keeps the candidates."""

    def __init__(self, text: str, published: dt.date | None, numbers: list[NumberMatch] | None = None):
        self.t = text
        self.numbers = find_numbers(text) if numbers is None else numbers
        self.pub = published
        self.lex = _lex()
        self.p = _patterns()
        self.items: list[_Item] = []

    # -- helpers ---------------------------------------------------------------------------
    def _mod(self, word: str | None) -> int | None:
        return None if word is None else self.lex.rel["modifiers"].get(_k_at(word))

    def _left(self, name: str, end: int, width: int = 60) -> _Shifted | None:
        lo = max(0, end - width)
        m = self.p[name].search(self.t[lo:end])
        return _Shifted(m, lo) if m else None

    def _right(self, name: str, start: int, width: int = 40) -> _Shifted | None:
        m = self.p[name].search(self.t[start:start + width])
        return _Shifted(m, start) if m else None

    def add(self, item: _Item) -> None:
        if item.end > item.start:
            self.items.append(item)

    # -- families --------------------------------------------------------------------------
    def months(self) -> None:
        lex = self.lex
        for m in self.p["month"].finditer(self.t):
            month, system, needs_ctx = lex.months[_k_at(m.group("m"))]
            start, end = m.start("m"), m.end("m")
            paired = False
            pair = self._right("pair", end)
            if pair and lex.months[_k_at(pair.group("m"))][0] == month:
                end, paired = pair.end(), True
            day = wd = None
            left = self._left("left_day", start)
            if left:
                day = int(left.group("d")) if left.group("d") else lex.rel["ordinal_days"].get(_k_at(left.group("o")))
                if day is not None:
                    wd = left.group("wd")
                    start = left.start("wd") if wd else left.start()
            english = system == "en"
            if english and self.t[end:end + 1] == "." and len(m.group("m")) <= 4:
                end += 1  # «Jan. 9», «Sept. 3»
            first_day = None
            if day is not None and not wd:
                pair_left = self._left("day_pair_left", start, 30)
                if pair_left and int(pair_left.group("d0")) < day:  # «10 و11 مايو», «بين 3 و7 أيار»
                    first_day = int(pair_left.group("d0"))
                    start = pair_left.start("o") if pair_left.group("o") else pair_left.start("d0")
            if day is None and english:
                rd = self._right("right_day", end)
                if rd:
                    day, end = int(rd.group("d")), rd.end()
                    lw = self._left("left_wd", start, 20)
                    start = lw.start("wd") if lw else start
                    pair_right = self._right("day_pair_right", end, 20)
                    if pair_right and int(pair_right.group("d2")) > day:  # "May 3-7", "between May 3 and 7"
                        first_day, day, end = day, int(pair_right.group("d2")), pair_right.end()
                        opener = self._left("range_open", start, 12)
                        start = opener.start("o") if opener else start
            year = None
            ry = self._right("right_year", end)
            if ry:
                year, end = int(ry.group("y")), ry.end()
            mod = None
            rr = self._right("right_relyear", end) if year is None and self.pub is not None else None
            if rr:  # "September last year": the year, before «last» alone is read as a modifier
                year, end = self.pub.year + self._year_offset(rr.group("r")), rr.end()
            rm = self._right("right_mod", end) if year is None else None
            following = self._right("right_following", end) if year is None and rm is None else None
            if rm:
                mod = self._mod(rm.group("mod"))
                end = rm.end()
            elif following:
                rm, end = following, following.end()
            if needs_ctx and not (day or year or paired or rm or self._month_cue(start, ambiguous=True)):
                continue  # «مارس الضغط», «نيسان», «آب»: verbs, brands and nouns too
            if not (day or year or rm) and not self._month_cue(start):
                continue  # «حرب أكتوبر», «ثورة يناير»: a month alone needs «في/منذ/شهر …» before it
            if day is None:
                edge = self._left("left_edge", start, 30)
                if edge:
                    start = edge.start("e")
            if mod is None and year is None and self._future(start, weak=False):
                mod = _FUTURE  # «تستضيف روسيا كأس العالم بين 14 يونيو و15 يوليو»: the next such month
            self._add_calendar(start, end, year, month, day, mod, following=following is not None, first_day=first_day)

    def _future(self, start: int, weak: bool = True) -> bool:
        """Is the clause before ``start`` about the future?  The nearest tense signal before it decides,
        back to the start of its sentence: a future cue («من المقرر», «على أن», «المقبلة», سـ + verb,
        "will"), a sentence that opens with a verb in the imperfect («وتستضيف روسيا … الأحد»), against a
        verb in the past («قال», «أعلن», "said") — «قالت الصين الجمعة إنها ستفرض» is last Friday.  ``weak``:
        «اعتبارا من/بدءا من» alone make a future (for a weekday, not for a month: «دراسة بدءا من يناير»).  The
        opening imperfect counts within ten words of the weekday (see ``_event_imperfect``)."""
        sentence = max(self.t.rfind(c, 0, start) for c in ".!?؟\n") + 1
        lo = max(sentence, start - 220)
        window = self.t[lo:start]
        paragraph = self.t.rfind("\n", 0, start) + 1
        cut = max((m.end() for m in self.p["clause_break"].finditer(window)
                   if m.group() not in _QUOTES or self._quotation_edge(paragraph, lo + m.start(), start)), default=0)
        window = window[cut:]  # «… التي سيتم …، بحسب رسالة … الاثنين»: only the weekday's own clause
        near = len(window) - 30  # «المواجهة المقبلة يوم الثلاثاء»; not «العام المقبل … خلال اجتماع الاثنين»
        future = [m.end() for m in self.p["future_signal"].finditer(window)
                  if not self._not_future_verb(m.group()) and not self._after_title(window, m.start())
                  and not self.p["was_before"].search(window[:m.start()])
                  and (m.end() >= near or _k_at(m.group()) not in self.lex.rel["modifiers"])]
        past_matches = list(self.p["past_signal"].finditer(window))
        past = [m.end() for m in past_matches]
        weak_cue = [m.start() for m in self.p["weak_future"].finditer(window)] if weak else []
        if weak_cue and all(
            m.end() <= weak_cue[-1] and _k_at(m.group()).lstrip("وف") in self.lex.past_reporting for m in past_matches
        ):  # «اعتبارا من الثلاثاء» with no verb in the past, or after a verb that announces it («أعلن … انطلاقا
            return True  # من الثلاثاء»); but «أتى اعتبارا من السبت» is since
        opener = self.p["imperfect_opener"].match(window) if lo == sentence and cut == 0 else None
        if opener and len(window[opener.end():].split()) <= 10 and self._event_imperfect(opener.group("v")):
            future.append(opener.end())  # «يواجه المنتخب الفرنسي الثلاثاء»; not «ويظهر الفيديو … (14 words) الثلاثاء»
        return bool(future) and max(future) > max(past, default=-1)

    def _quotation_edge(self, paragraph: int, at: int, start: int) -> bool:
        """Does the quote mark at ``at`` part the weekday at ``start`` from the clause before it?  Yes for the
        end of a quotation of four words or more (someone else's tense) and for the opening of the quotation the
        weekday stands in; not for a quoted name («ملعب "سانتياغو برنابيو"»).  Straight quotes pair up from the
        start of the paragraph."""
        mark = self.t[at]
        opening = mark in "«“" or (mark == '"' and self.t.count('"', paragraph, at) % 2 == 0)
        if opening:
            closer = "»" if mark == "«" else "”" if mark == "“" else '"'
            return self.t.find(closer, at + 1, start) == -1  # the weekday is inside this quotation
        opener = self.t.rfind("«" if mark == "»" else "“" if mark == "”" else '"', paragraph, at)
        return opener == -1 or len(self.t[opener + 1:at].split()) >= 4

    def _after_title(self, window: str, start: int) -> bool:
        """«المدرب سيرجيو», «النجم الإسباني سيسك»: a سـ-word right after a role word (and its nationality) is a
        name; not after any noun: «الجيش السوري سيعلق» is a verb."""
        before = window[:start].split()
        if not before:
            return False
        if before[-1] in self.lex.names_before:
            return True
        nisba = before[-1].startswith("ال") and before[-1].endswith("ي") and len(before[-1]) > 4
        return nisba and len(before) > 1 and before[-2] in self.lex.names_before  # «النجم الإسباني سيسك»

    def _event_imperfect(self, verb: str) -> bool:
        """A clause-opening imperfect that makes the clause future: a ي-form («يواجه», «يبدأ»), or a ت-form
        known as an event verb or of form X («تعقد», «تستضيف»: «تراجعت», «تظاهر» are past), not a reporting
        verb («يقول») nor a noun of a lexicon («يوم»)."""
        if verb in self.lex.present_reporting or verb in self.lex.units:
            return False
        return verb.startswith("ي") or verb in self.lex.rel["day_verbs"] or verb.startswith("تست")

    def _not_future_verb(self, word: str) -> bool:
        """سـ-words that are nouns, not a future verb: a feminine or plural ending (سيارة، سنوات، سيناء), a word of
        the claims stage's lists (whole words; its prefixes only for short words: «سيول» but not «سيلتقي»), or of
        ``not_future_verbs`` (سيشيل)."""
        raw = word.strip()
        w = raw[1:] if raw[:1] in "وف" and raw[1:2] == "س" else raw
        if not w.startswith("س") or " " in w:
            return False
        stem = re.sub(r"(?:ها|هم|هما|هن|ه)$", "", w)  # «سياساتها», «سيارته»: a noun with a pronoun
        if w.endswith(("ة", "ات", "اء")) or stem.endswith(("ات", "ت")) and stem != w \
                or w in self.lex.rel["not_future_verbs"] or w in self.lex.names:
            return True  # «سيارة», «ستيفن», «سيول» (a city of the world list)
        if raw in self.lex.future_word_exclude or w in self.lex.future_word_exclude:
            return True
        return any(w.startswith(p) and len(w) <= len(p) + 1 for p in self.lex.future_prefix_exclude)

    def _month_cue(self, start: int, ambiguous: bool = False) -> bool:
        before = self.t[max(0, start - 20):start].split()
        if not before:
            return False
        if self._left("month_and", start, 40):
            return True  # the second of «أغسطس وسبتمبر»
        word = before[-1].casefold().lstrip("\"«“(")  # «"نهاية أيلول/سبتمبر"»: the cue inside a quotation
        cues = self.lex.rel["ambiguous_month_cues" if ambiguous else "month_alone_cues"]
        return word in cues or (word[:1] in "وفبل" and word[1:] in cues) or (word[:2] in ("وب", "ول") and word[2:] in cues)

    def _add_calendar(self, start: int, end: int, year: int | None, month: int, day: int | None,
                      mod: int | None, following: bool = False, first_day: int | None = None) -> None:
        explicit = year is not None
        anchored = True
        if year is None:
            year = _infer_year(month, day, mod, self.pub)
            anchored = year is not None
        if day is not None:
            try:
                dt.date(year or 2000, month, day)
            except ValueError:
                return
        kind = "date" if day is not None else "month"
        if following and year is not None:
            year = _infer_year(month, day, 1, self.pub)  # without an earlier date: the next such month
        self.add(_Item(start, end, kind, year, month, day, explicit, anchored=anchored, priority=2, mod=mod,
                       inferred=not explicit and mod in (None, _FUTURE), following=following, first_day=first_day))

    def hijri(self) -> None:
        lex = self.lex
        for m in self.p["hijri"].finditer(self.t):
            month = lex.months[_k_at(m.group("m"))][0]
            start, end = m.start("m"), m.end("m")
            left = self._left("left_day", start)
            day = None
            if left:
                day = int(left.group("d")) if left.group("d") else lex.rel["ordinal_days"].get(_k_at(left.group("o")))
            ry = self._right("right_hyear", end)
            if day is None or (ry is None and self.pub is None):
                continue  # a Hijri month name alone is too often a personal name (رمضان، رجب)
            start = left.start("wd") if left.group("wd") else left.start()
            if ry:
                hyear, end = int(ry.group("y")), ry.end()
            else:
                hyear = Gregorian(self.pub.year, self.pub.month, self.pub.day).to_hijri().year
            try:
                g = Hijri(hyear, month, day).to_gregorian()
                if ry is None and dt.date(g.year, g.month, g.day) > self.pub + dt.timedelta(days=92):
                    g = Hijri(hyear - 1, month, day).to_gregorian()  # as for Gregorian months: the last one
            except (ValueError, OverflowError):
                continue
            self.add(_Item(start, end, "date", g.year, g.month, g.day, ry is not None,
                           anchored=ry is not None or self.pub is not None, priority=2))

    def numeric(self) -> None:
        for m in self.p["numeric_hijri"].finditer(self.t):  # Saudi style 1436/10/5هـ
            y, mo, d = (m.group("y1"), m.group("m1"), m.group("d1")) if m.group("y1") else (
                m.group("y2"), m.group("m2"), m.group("d2"))
            try:
                g = Hijri(int(y), int(mo), int(d)).to_gregorian()
            except (ValueError, OverflowError):
                continue
            self.add(_Item(m.start(), m.end(), "date", g.year, g.month, g.day, True, priority=2))
        for m in self.p["day_month"].finditer(self.t):  # «بتاريخ 18/3»
            self._add_calendar(m.start("cue"), m.end(), None, int(m.group("m")), int(m.group("d")), None)
        for m in self.p["numeric"].finditer(self.t):
            if m.group("y1"):
                y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
            else:
                if m.group("s2").strip() != m.group("s3").strip():
                    continue
                y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
                if mo > 12 >= d:  # 10/14/2022: month first, as in English
                    mo, d = d, mo
            try:
                dt.date(y, mo, d)
            except ValueError:
                continue
            wd = self._left("numeric_wd", m.start(), 20)
            self.add(_Item(wd.start() if wd else m.start(), m.end(), "date", y, mo, d, True, priority=2))

    def days(self) -> None:
        rel = self.lex.rel
        weak = rel["weak_days"]
        verb_like = rel["verb_like_days"]
        for m in self.p["days"].finditer(self.t):
            start = m.start("b")
            end = m.end()
            if m.group("rel"):
                key = _k_at(m.group("rel"))
                if key in weak and not (m.group("dp") or m.group("wd1")) and not self._day_context(m.start("rel"), end):
                    continue
                if key in weak and self._vague_now(m.start("rel")) and not m.group("wd1"):
                    continue
                if key in verb_like and not (m.group("dp") or m.group("wd1")) and self._verb_follows(end):
                    continue
                offset = rel["days"][key]
                d = self.pub + dt.timedelta(days=offset) if self.pub else None
                if d is not None and m.group("wd1"):
                    # «اليوم الاثنين» in an article stamped Tuesday (posted after midnight, or stamped in another
                    # time zone): the weekday the writer names wins when it is a day off; a wider gap is no slip
                    shift = (self.lex.weekdays[_k_at(m.group("wd1"))] - d.weekday()) % 7
                    d += dt.timedelta(days={1: 1, 6: -1}.get(shift, 0))
            else:
                if self._not_weekday(m.start("wd"), end):
                    continue
                wd = self.lex.weekdays[_k_at(m.group("wd"))]
                pre = _k_at(m.group("pre")) if m.group("pre") else None
                mod = self._mod(m.group("mod")) if m.group("mod") else {"last": -1, "next": 1}.get(pre or "")
                if mod is None and self._future(start):
                    mod = 0  # «من المقرر أن يعقد المجلس جلسة الخميس»: on or after publication
                d = _resolve_weekday(wd, mod, self.pub) if self.pub else None
            self.add(_date_item(start, end, d, priority=1))

    def _repeated_unit(self, start: int, unit: str) -> bool:
        """The word before ``start`` is a form of the same time unit («عاما بعد عام»)."""
        before = self.t[max(0, start - 12):start].split()
        if not before:
            return False
        word = _k_at(before[-1])
        forms = (word, word[1:]) if word[:1] in "وف" else (word,)  # «ويوما بعد يوم»
        return any(self.lex.units.get(w, ("",))[0] == unit for w in forms)

    def _not_weekday(self, start: int, end: int) -> bool:
        """«بين الاثنين», «الاثنين معا»: «the two», not Monday."""
        before = self.t[max(0, start - 12):start].split()
        after = self.t[end:end + 8].split()
        rel = self.lex.rel
        return bool((before and before[-1] in rel["not_weekday_before"])
                    or (after and after[0] in rel["not_weekday_after"]))

    def _verb_follows(self, end: int) -> bool:
        """«غدا الوضع أسوأ», «غدا واضحا»: the verb «غدا» (became), not «غداً» (tomorrow)."""
        nxt = self.t[end:end + 20].split()
        return bool(nxt) and (nxt[0].startswith("ال") or (len(nxt[0]) > 2 and nxt[0].endswith("ا")))

    def _vague_now(self, start: int) -> bool:
        return bool(self._left("vague_now", start, 12))

    def _day_context(self, start: int, end: int) -> bool:
        """A bare «اليوم»/«غدا» is a date next to a reporting verb or before «أن/إن/عن», not «العالم اليوم»."""
        verbs = self.lex.rel["day_verbs"]
        before = self.t[max(0, start - 30):start].split()
        after = self.t[end:end + 12].split()
        prev = before[-1].lstrip("و") if before and self.t[start - 1:start].isspace() else ""
        nxt = after[0] if after else ""
        if prev in verbs or (len(before) > 1 and before[-2].lstrip("و") in verbs and prev.startswith("ال")):
            return True
        if self._left("statement_before", start, 50):
            return True  # «وقالت الوزارة في بيان اليوم», «أعلنت في وقت سابق اليوم»
        if _inside_quotation(self.t, start) and prev not in self.lex.rel["per_day_prepositions"]:
            return True  # «وقال المطار: "ألغيت كافة الرحلات اليوم"»: the day the speaker spoke (not «14 ساعة في اليوم»)
        return nxt in self.lex.rel["day_complements"]

    def years(self) -> None:
        for m in self.p["year"].finditer(self.t):
            start = m.start("edge") if m.group("edge") else m.start("cue")
            year, cue = int(m.group("y")), _k_at(m.group("cue"))
            if year < 1800 and (cue.removeprefix("ال").removeprefix("ل") not in ("عام", "سنة", "year") or (
                self._counted_after(m.end())
            )):  # a year of history needs «عام/سنة» right before it («عام 1500»), not «في 1500», and no counted
                continue  # noun after it («موقع عام 1200 زائر»: «عام» the adjective)
            if cue in ("in", "since"):
                start = m.start("y")
            self.add(_Item(start, m.end(), "year", year, year_explicit=True, priority=1))
        in_span = self.lex.rel["bare_year_cues_in_span"]
        for m in self.p["bare_year"].finditer(self.t):
            if self._identifier_before(m.start()) or self._counted_after(m.end()):
                continue
            start = m.start("cue") if _k_at(m.group("cue")) in in_span else m.start("y")
            self.add(_Item(start, m.end(), "year", int(m.group("y")), year_explicit=True))
        rel = self.lex.rel
        for m in self.p["rel_year"].finditer(self.t):
            start = m.start("edge") if m.group("edge") else m.start("r")
            if m.group("y"):  # «العام السابق 2017»: the written year wins
                self.add(_Item(start, m.end(), "year", int(m.group("y")), year_explicit=True, priority=1))
            else:
                self._add_relative_year(start, m.end(), self._year_offset(m.group("r")))
        for m in self.p["edge_year"].finditer(self.t):  # «منذ بداية العام», «منتصف الشهر»
            if m.group("u") != "شهر":
                self._add_relative_year(m.start("edge"), m.end(), 0)
            elif self.pub is None:
                self.add(_Item(m.start("edge"), m.end(), "month", anchored=False))
            else:
                self.add(_Item(m.start("edge"), m.end(), "month", self.pub.year, self.pub.month, year_explicit=True))
        for m in self.p["mentioned_year"].finditer(self.t):
            earlier = [i for i in self.items if i.year_explicit and i.year and i.end <= m.start()]
            if earlier:  # «مقارنة بالعام الذي سبقه»: relative to the last year written
                prev = max(earlier, key=lambda i: i.end)
                offset = rel["mentioned_year"][_k_at(m.group("r"))]
                self.add(_Item(m.start("r"), m.end(), "year", prev.year + offset, year_explicit=True))
        for m in self.p["mentioned_day"].finditer(self.t):
            earlier = [i for i in self.items if i.type == "date" and i.anchored and i.year and i.first_day is None
                       and i.end <= m.start()]
            if earlier:  # «وفي اليوم ذاته», «وهو نفس اليوم الذي»: the day of the last date written before it
                prev = max(earlier, key=lambda i: i.end)
                self.add(_Item(m.start("r"), m.end(), "date", prev.year, prev.month, prev.day, year_explicit=True,
                               priority=2))
        for m in self.p["mentioned_month"].finditer(self.t):
            earlier = [i for i in self.items if i.month and i.year and i.anchored and i.end <= m.start()
                       and i.type in ("date", "month")]
            if earlier:  # «وفي الشهر نفسه»: the month of the last date or month written before it
                prev = max(earlier, key=lambda i: i.end)
                index = prev.year * 12 + prev.month - 1 + rel["mentioned_month"][_k_at(m.group("r"))]
                self.add(_Item(m.start("r"), m.end(), "month", index // 12, index % 12 + 1, year_explicit=True))
        for m in self.p["part_year"].finditer(self.t):
            lo, hi = rel["halves"][_k_at(m.group("h"))]
            if m.group("y"):
                year = int(m.group("y"))
            elif m.group("bare"):
                year = self.pub.year if self.pub else None
            else:
                year = self.pub.year + self._year_offset(m.group("r")) if self.pub else None
            value = f"{year:04d}-{lo:02d}/{year:04d}-{hi:02d}" if year else None
            self.add(_Item(m.start("h"), m.end(), "range", value=value, anchored=year is not None, priority=3))
        for m in self.p["decade"].finditer(self.t):
            first = rel["decades"][_k_at(m.group("dec"))]
            self.add(_Item(m.start("dec"), m.end(), "range", value=f"{first}/{first + 9}", priority=1))
        for m in self.p["year_range"].finditer(self.t):
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("a2"), m.group("b2"))
            if int(a) >= int(b):
                continue
            start = m.start("open") if m.group("open") else m.start()
            self.add(_Item(start, m.end(), "range", value=f"{a}/{b}", priority=3))
        for m in self.p["lifespan"].finditer(self.t) if "(" in self.t else ():
            a, b = int(m.group("a")), int(m.group("b"))
            if 0 < b - a <= _LIFESPAN:  # «ورسم دافينشي (1452-1519) اللوحة»: the years of a life, in brackets
                self.add(_Item(m.start("a"), m.end("b"), "range", value=f"{a}/{b}", priority=3))
        t = self.t  # each scan below only where its words occur at all
        for m in self.p["compared_year"].finditer(t) if "مقارن" in t or "قياسا" in t else ():  # «مقارنة بـ2016»
            self.add(_Item(m.start("y"), m.end(), "year", int(m.group("y")), year_explicit=True))
        for m in self.p["en_year_noun"].finditer(t) if "the " in t else ():  # "the 2015 agreement"
            self.add(_Item(m.start("y"), m.end("y"), "year", int(m.group("y")), year_explicit=True))
        edges = "early" in t or "mid" in t or "late" in t or "end of" in t
        for m in self.p["en_year_edge"].finditer(t) if edges else ():  # "late 2016", "mid-2017"
            self.add(_Item(m.start("e"), m.end(), "year", int(m.group("y")), year_explicit=True, priority=1))
        for m in self.p["en_decade"].finditer(t) if "0s" in t or "0's" in t else ():  # "the 1990s"
            first = int(m.group("d"))
            self.add(_Item(m.start("d"), m.end(), "range", value=f"{first}/{first + 9}", priority=1))
        self._year_lists()

    def _year_lists(self) -> None:
        """«أعوام 2006 و2009 و2011», «عامي 1929 و1959»: years joined by «و/أو» to a year are years too."""
        queue = [i for i in self.items if i.type == "year" and i.year_explicit and i.year and i.value is None]
        seen = {i.end for i in queue}
        listed: set[int] = set()  # ids of the years reached through the list, not written with a cue of their own
        while queue:
            item = queue.pop()
            nxt = self._right("year_list", item.end, 16)
            if nxt is None or nxt.end() in seen:
                continue
            year = int(nxt.group("y"))
            if year == item.year + 1 and id(item) not in listed and self._right("year_list", nxt.end(), 16) is None:
                # «في 2017 و2018»: two consecutive years alone are one span of time, as «الخميس والجمعة»
                start = self.t.find(str(item.year), item.start, item.end)
                self.add(_Item(start, nxt.end(), "range", value=f"{item.year}/{year}", priority=3))
                continue
            new = _Item(nxt.start("y"), nxt.end(), "year", year, year_explicit=True)
            listed.add(id(new))
            self.add(new)
            seen.add(new.end)
            queue.append(new)

    def _year_offset(self, phrase: str) -> int:
        key, rel = _k_at(phrase), self.lex.rel
        if key in rel["this_year"]:
            return 0
        return -1 if key in rel["last_year"] else 1

    def _identifier_before(self, start: int) -> bool:
        """«القرار 2216», «رقم 2015», «165 / 2017»: numbers that are not years."""
        before = self.t[max(0, start - 12):start]
        return bool(re.search(r"(?:رقم|القرار|قرار|المادة|/)\s*$", before))

    def _counted_after(self, end: int) -> bool:
        """«في 2000 منزل», «إلى 2000 شخص»: a number followed by what it counts is no year."""
        after = _NEXT_WORD.match(self.t, end)
        return bool(after) and counts(after.group(1))

    def _add_relative_year(self, start: int, end: int, offset: int) -> None:
        year = self.pub.year + offset if self.pub else None
        self.add(_Item(start, end, "year", year, year_explicit=True, anchored=year is not None, priority=1))

    def relative_months(self) -> None:
        rel = self.lex.rel
        for m in self.p["rel_month"].finditer(self.t):
            key = _k_at(m.group("r"))
            offset = 0 if key in rel["this_month"] else (
                -1 if key in rel["last_month"] else 1)
            if self.pub is None:
                self.add(_Item(m.start("r"), m.end(), "month", anchored=False, priority=1))
                continue
            index = self.pub.year * 12 + self.pub.month - 1 + offset
            year, month = index // 12, index % 12 + 1
            left = self._left("left_day", m.start("r"))
            day = None
            if left:
                day = int(left.group("d")) if left.group("d") else rel["ordinal_days"].get(_k_at(left.group("o")))
            if day is not None:  # «في العاشر من الشهر الجاري»
                start = left.start("wd") if left.group("wd") else left.start()
                self._add_calendar(start, m.end(), year, month, day, None)
            else:
                self.add(_Item(m.start("r"), m.end(), "month", year, month, year_explicit=True, priority=1))

    # -- durations -------------------------------------------------------------------------
    def durations(self) -> None:
        units = self.lex.units
        for m in self.p["duration"].finditer(self.t):
            unit, _ = units[_k_at(m.group("u"))]
            amount = float(m.group("n").replace(",", "."))
            start = m.start("ap") if m.group("ap") else m.start("n")
            self._add_duration(start, m.end(), amount, unit, m.group("half"), m.start("n"))
        for num in self.numbers:
            if num.value is None or re.fullmatch(r"[\d.,]+", self.t[num.start:num.end].strip()):
                continue  # digits are handled above
            um = self._right("unit_after", num.end)
            if um is None:
                continue
            ap = self._left("approx_before", num.start, 30)
            start = ap.start("ap") if ap else num.start
            unit = units[_k_at(um.group("u"))][0]
            self._add_duration(start, um.end(), float(num.value), unit, um.group("half"), num.start)
        # Number after the noun: «قبل سنوات سبع».
        for m in self.p["unit_number"].finditer(self.t):
            value = parse_number(m.group("w"))
            if value is not None and value == int(value) and 2 < value <= 10:
                self._add_duration(m.start("u"), m.end(), value, units[_k_at(m.group("u"))][0], None, m.start())
        # Duals alone: «يومين», «لمدة عامين».
        for m in self.p["unit"].finditer(self.t):
            unit, count = units[_k_at(m.group("u"))]
            if count != "2" or m.group("art"):
                continue  # «بعد ذلك بشهرين» counts; «العامين» needs its modifier (def_dual)
            self._add_duration(m.start("u"), m.end(), 2, unit, m.group("half"), m.start(), priority=-1)
        # A singular unit after a duration cue: «خلال أسبوع», «لعام ونصف».
        for name in ("single", "approx_single", "unit_half", "unit_one"):
            for m in self.p[name].finditer(self.t):
                unit, count = units[_k_at(m.group("u"))]
                if count != "1" or (name != "unit_one" and self._followed_by_date(m.end())):
                    continue
                if name == "single" and self._repeated_unit(m.start("cue"), unit):
                    continue  # «عاما بعد عام», «يوما بعد يوم»: year after year, no span of time
                start = m.start("cue") if name in ("single", "approx_single") else m.start("u")
                half = m.group("half") if name != "unit_one" else None
                self._add_duration(start, m.end(), 1, unit, half, m.start("u"), priority=-1)
        for m in self.p["def_dual"].finditer(self.t):  # «خلال العامين الماضيين»
            unit, count = units[_k_at(m.group("u"))]
            if count == "2":
                self._add_duration(m.start(), m.end(), 2, unit, None, m.start())
        for m in self.p["half_unit"].finditer(self.t):
            value = self.lex.rel["half_units"][_k_at(m.group("h"))]
            self.add(_Item(m.start("h"), m.end(), "duration", value=value))
        for m in self.p["def_duration"].finditer(self.t):
            word, unit_form = (m.group("w"), m.group("u")) if m.group("w") else (m.group("w2"), m.group("u2"))
            value = float(word) if word.isdigit() else parse_number(word)
            if value is None:
                continue
            self._add_duration(m.start(), m.end(), value, units[_k_at(unit_form)][0], None, m.start(), priority=1)

    def _followed_by_date(self, end: int) -> bool:
        """«خلال عام 2015», «خلال شهر رمضان», «يوم الأحد»: the unit names a period, not a length."""
        nxt = self.t[end:end + 20].split()
        if not nxt:
            return False
        word = nxt[0]
        return bool(re.match(r"\d", word)) or _k_at(word) in self.lex.months or _k_at(word) in self.lex.weekdays \
            or word.startswith("ال")

    def _add_duration(self, start: int, end: int, amount: float, unit: str, half: str | None, num_start: int,
                      priority: int = 0) -> None:
        if amount <= 0 or self._not_a_duration(num_start, end, unit):
            return
        if half:
            amount += self.lex.rel["half_words"][_k_at(half)]
        if unit == "DEC":
            if amount > 10:
                return
            amount, unit = amount * 10, "Y"
        parts = _duration_parts(amount, unit)
        self.add(_Item(start, end, "duration", value=_iso_duration(parts), priority=priority, parts=parts))

    def _not_a_duration(self, start: int, end: int, unit: str) -> bool:
        """Ages («تبلغ من العمر 29 عاما») are quantities, and «الساعة الثانية و30 دقيقة» is a clock time."""
        rel = self.lex.rel
        cues = rel["age_cues"]
        if any(w in rel["clock_cues"] for w in self.t[max(0, start - 40):start].split()[-3:]):
            return True
        before = [w.lstrip("وفبل") or w for w in self.t[max(0, start - 40):start].split()][-4:]
        if any(w in cues or (w.startswith("ل") and w[1:] in cues) for w in before):
            return True
        if unit == "Y" and self.t[start - 1:start] == "(" and self.t[end:end + 1] == ")":
            return True  # «خامنئي (81 عاما)»
        if unit == "Y" and self.t[max(0, start - 3):start].rstrip()[-1:] in ("،", ",") and (
            self.t[end:end + 3].lstrip()[:1] in ("،", ",")
        ):
            return True  # «وا لون، 32 عاما، وكياو سو أو»: an age between commas after a name
        wider = self.t[max(0, start - 60):start].split()[-6:]
        if unit == "Y" and wider and wider[-1] == "عن" and any(w in rel["death_words"] for w in wider):
            return True  # «توفي الأربعاء عن 60 عاما»
        return bool(re.match(rf"\s*(?:{_alt(rel['age_after'])})", self.t[end:end + 15], re.IGNORECASE))

    # -- resolution ------------------------------------------------------------------------
    def resolve(self) -> list[_Item]:
        chosen: list[_Item] = []
        for item in sorted(self.items, key=lambda i: (-(i.end - i.start), -i.priority, i.start)):
            if all(item.end <= c.start or item.start >= c.end for c in chosen):
                chosen.append(item)
        chosen.sort(key=lambda i: i.start)
        return self._ranges(self._duration_ranges(self._compound_durations(self._years_from_context(chosen))))

    def _duration_ranges(self, items: list[_Item]) -> list[_Item]:
        """«ما بين يومين وثلاثة أيام», «20 إلى 30 ساعة»: a range of lengths is one item, the end that carries
        the unit noun (as the gold does: «20 إلى 30 ساعة» → «30 ساعة» PT30H); a dual at the other end
        («يومين») is not emitted as a duration of its own."""
        numbers = {(n.start, n.end) for n in self.numbers}
        drop: set[int] = set()
        for item in items:
            if item.type != "duration" or not item.parts:
                continue
            left = self._left("range_left", item.start, 40)
            if left is None or not self._range_end(left.group("a"), left.start("a"), left.end("a"), numbers):
                continue
            if _k_at(left.group("j")) not in ("و", "and") or self._left("range_open", left.start("a"), 30):
                drop.update(j for j, other in enumerate(items) if other.type == "duration"
                            and other.start <= left.start("a") < other.end)
        return [item for k, item in enumerate(items) if k not in drop]

    def _range_end(self, word: str, start: int, end: int, numbers: set[tuple[int, int]]) -> bool:
        """The other end of a duration range: a number (digits or words) or a dual unit noun (يومين)."""
        bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
        if re.fullmatch(r"\d+(?:[.,]\d+)?", word) or (start, end) in numbers or parse_number(bare) is not None:
            return True
        return any(self.lex.units.get(_k_at(w), ("", ""))[1] == "2" for w in (word, bare))

    def _years_from_context(self, items: list[_Item]) -> list[_Item]:
        """«في عام 2014 … وفي يونيو»: a month without a year takes the year written before it in the sentence;
        «في 31 دجنبر 2023 … وفي فاتح يناير الموالي»: the first such month after the last date written."""
        out: list[_Item] = []
        for item in items:
            if item.following:
                earlier = [p for p in out if p.year_explicit and p.year and p.month and p.type in ("date", "month")]
                if earlier:
                    prev = earlier[-1]
                    later = (item.month or 0, item.day or 0) > (prev.month or 0, prev.day or 0)
                    item = replace(item, year=prev.year if later else prev.year + 1, anchored=True)
            elif item.inferred:
                for prev in reversed(out):
                    if re.search(r"[.!?؟\n]", self.t[prev.end:item.start]):
                        break
                    if prev.year_explicit and prev.year and prev.type in ("date", "month", "year"):
                        item = replace(item, year=prev.year, anchored=True)
                        break
            out.append(item)
        return out

    def _compound_durations(self, items: list[_Item]) -> list[_Item]:
        """«14 ساعة و20 دقيقة» is one duration, PT14H20M."""
        out: list[_Item] = []
        for item in items:
            prev = out[-1] if out else None
            if (prev is not None and prev.parts and item.parts
                    and self.p["join_and"].match(self.t[prev.end:item.start])
                    and _ORDER.index(min(item.parts, key=_ORDER.index)) > _ORDER.index(max(prev.parts, key=_ORDER.index))):
                parts = prev.parts | item.parts
                out[-1] = replace(prev, end=item.end, parts=parts, value=_iso_duration(parts))
            else:
                out.append(item)
        return out

    def _ranges(self, items: list[_Item]) -> list[_Item]:
        """«من 27 نوفمبر حتى 7 ديسمبر», «بين بداية يناير إلى منتصف يوليو», «يناير وفبراير» → ranges."""
        out: list[_Item] = []
        i = 0
        while i < len(items):
            a = items[i]
            b = items[i + 1] if i + 1 < len(items) else None
            if b is not None and a.type in ("date", "month", "year") and b.type == a.type and a.iso() and b.iso():
                between = self.t[a.end:b.start]
                opener = self._left("range_open", a.start, 30)
                consecutive_months = (
                    a.type == "month" and self.p["join_and"].match(between) and a.month and b.month
                    and b.month == a.month % 12 + 1
                )
                first, last = _share_year(a, b)
                consecutive_days = (  # «يومي الخميس والجمعة», «الخميس والجمعة المقبلين»
                    a.type == "date" and self.p["join_and"].match(between) and _next_day(first, last)
                )
                joined = (opener and self.p["join"].match(between)) or consecutive_months or consecutive_days
                if joined and first.iso() <= last.iso():  # «من الأحد حتى الثلاثاء» backwards: left alone
                    start = opener.start("o") if opener else a.start
                    out.append(_Item(start, b.end, "range", value=f"{first.iso()}/{last.iso()}",
                                     anchored=first.anchored and last.anchored))
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out


class _Shifted:
    """A match of a window, with positions shifted back to the whole text."""

    def __init__(self, m: re.Match, offset: int):
        self.m, self.offset = m, offset

    def group(self, name: str | int = 0) -> str | None:
        return self.m.group(name)

    def start(self, name: str | int = 0) -> int:
        return self.m.start(name) + self.offset

    def end(self, name: str | int = 0) -> int:
        return self.m.end(name) + self.offset


def _next_day(a: _Item, b: _Item) -> bool:
    """Whether ``b`` is the day after ``a`` (two whole dates)."""
    if not (a.year and a.month and a.day and b.year and b.month and b.day) or a.first_day or b.first_day:
        return False
    try:
        return dt.date(b.year, b.month, b.day) - dt.date(a.year, a.month, a.day) == dt.timedelta(days=1)
    except ValueError:
        return False


def _share_year(a: _Item, b: _Item) -> tuple[_Item, _Item]:
    """In «من 27 نوفمبر حتى 7 ديسمبر 2024» the year written once belongs to both ends.

    A year written out (or fixed by «الماضي/المقبل») wins over one inferred from the publication
    date; with none written, the second end follows the first.
    """
    if a.year is None or b.year is None or a.type == "year":
        return a, b
    if a.inferred and not b.inferred:
        year = b.year - 1 if (a.month, a.day or 0) > (b.month, b.day or 0) else b.year
        return replace(a, year=year), b
    if b.inferred:
        year = a.year + 1 if (b.month, b.day or 0) < (a.month, a.day or 0) else a.year
        return a, replace(b, year=year)
    return a, b


_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")


def _duration_parts(amount: float, unit: str) -> dict[str, int]:
    """{"Y": 1, "M": 6} for 1.5 years: a fractional part is carried to the next smaller unit."""
    whole = int(amount)
    _, factor, smaller = _UNIT_DESIGNATORS[unit]
    parts = {unit: whole} if whole else {}
    rest = round((amount - whole) * factor)
    if rest and smaller:
        parts[smaller] = rest
    return parts


def _iso_duration(parts: dict[str, int]) -> str:
    """P3W, PT30H, P1Y6M, PT14H20M."""
    ordered = [(u, parts[u]) for u in _ORDER if parts.get(u)]
    date_part = "".join(f"{n}{_UNIT_DESIGNATORS[u][0]}" for u, n in ordered if u in ("Y", "M", "W", "D"))
    time_part = "".join(f"{n}{_UNIT_DESIGNATORS[u][0]}" for u, n in ordered if u in ("H", "MIN", "S"))
    return "P" + date_part + ("T" + time_part if time_part else "")


# ---------------------------------------------------------------------------------------------
# Entry points


def find_times(norm: NormalizedText, published: dt.date | None, numbers: list[NumberMatch] | None = None,
               ) -> list[tuple[int, int, str, str | None, bool]]:
    """``(start, end, type, value, anchored)`` with *original* offsets, in text order."""
    scanner = _Scanner(norm.text, published, numbers)
    scanner.months()
    scanner.hijri()
    scanner.numeric()
    scanner.days()
    scanner.years()
    scanner.relative_months()
    scanner.durations()
    result = []
    for item in scanner.resolve():
        start, end = norm.span(item.start, item.end)
        result.append((start, end, item.kind, item.iso(), item.anchored))
    return result


def extract(text: str, published: dt.date | None = None) -> list[Time]:
    """The times of a text (for library use and tests; the pipeline calls :func:`annotate`)."""
    return [Time(start=s, end=e, text=text[s:e], type=t, value=v, anchored=a)
            for s, e, t, v, a in find_times(normalize(text), published)]


@stage("times", assigns=["times"])
def annotate(doc: Doc) -> None:
    for start, end, kind, value, anchored in find_times(doc.norm, doc.published, doc.numbers):
        span = doc.span(start, end)
        doc.times.append(Time(**span.model_dump(), type=kind, value=value, anchored=anchored))


def _inside_quotation(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation of its paragraph: an odd number of straight quotation marks
    before it, or a «/“ opened and not closed."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    return before.count('"') % 2 == 1 or before.count("«") > before.count("»") or before.count("“") > before.count("”")
