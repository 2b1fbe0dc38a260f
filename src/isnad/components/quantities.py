"""Quantities: numbers with their bounds, unit and counted noun, as a fact-checker reads them.

A quantity is the whole mention — «أكثر من 30 ألف شخص», «حوالي 29%», «بين 5 و10 آلاف» — with its
value (or bounds for ranges and vague plurals) and a lower-case English unit (``person``, ``USD``,
``percent``, ``day`` …).  Numbers come from :mod:`isnad.text.numbers`; units, approximators and
currency resolution are data (``lexicons/units_*.tsv``).  Numbers inside dates found by the times
stage, identifiers (resolution 2216, case numbers), clock times and bare years are not quantities.
Dual nouns that count (يومين، سيارتي إسعاف) and fractions of a whole (نصف الهجمات) are.

What a number counts, in order: percent and currency signs; the unit noun after it (a row of
``units_ar.tsv``/``units_en.tsv``, a people noun by its shape — «3 ملايين سوري», «3 فلسطينيين» — or,
in English, the noun after its adjectives: "three Chilean miners"); «آخرين/أخرى» take the previous
unit of the sentence; a plural verb or «منهم» after a bare count makes people; an unknown noun
right after the number is its own unit («40 شجيرة» → شجيرة); then the context: a word before
(بإعدام 17), an exchange rate of the clause («الليرة … أمام الدولار … 4.92» → TRY), «عدد X»; bare
numbers joined by «و» to one with a unit share it, and an elliptic one takes the previous unit of
its sentence.  A rate («ألف برميل يومياً») keeps its unit and gives its period in ``per``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace as _replace
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
# ... and the bare singular after a number that takes one (3 ملايين سوري، 82900 لبناني), written with a
# final ي (not ى: «مقهى», «مبنى»), three letters or more before it, no article.
# A verb in the masculine plural (يحملون، تمكنوا، قتلوا) or with the object pronoun «هم» (أنقذتهم).
_HUMAN_VERB = re.compile(r"[يت][^\W\d_]{2,}ون|[^\W\d_]{3,}وا|[^\W\d_]{3,}[^ا]هم")
# An imperfect verb, also after the ل of purpose or the future س (يصل، لتصل، ستبلغ): no counted noun.
_VERB_START = re.compile(r"ي|[لسف][يتن](?=[^\W\d_]{2})")
# أنهت، أعادت، أكدت (a fem. plural ends in -ات); نجحت، قتلت (فعلت; but بيوت، زيوت: فعول)
_VERB_PAST_FEM = re.compile(r"ا[^\W\d_]{1,2}[^\W\d_ا]ت|[^\W\d_ا]{2}[^\W\d_او]ت")
# a definite sound masculine plural of a participle («المتعاقدين», «المستثمرين»; not «الملايين»)
_PEOPLE_PLURAL = re.compile(r"الم[^\W\d_]{3,}[^\W\d_اي]ين")
_PEOPLE_NISBA_ONE = re.compile(r"(?!ال)[^\W\d_]{2,}[^\W\d_اوي]ي")


@cache
def _context() -> dict:
    """The context word lists of ``lang/units_context.json``, keyed for matching."""
    data = lang.lists("units_context.json")
    out: dict = {name: {key(w) for w in words} for name, words in data.items() if isinstance(words, list)}
    for name in ("fractions", "half_words", "fraction_pronouns"):
        out[name] = {key(w): float(v) for w, v in data[name].items()}
    out["half_units"] = set(data["half_units"])
    out["rate_phrases"] = {key(w).lower(): period for w, period in data["rate_phrases"].items()}
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
    other: bool = False  # «و40 آخرين»: counts more of what the previous quantity counts
    share: bool = False  # a fraction of a whole (ثلثيهم): its percent is not the unit of the next number
    per: str | None = None  # a rate's period: «ألف برميل يومياً» → day


class _Lexicon:
    def __init__(self) -> None:
        self.units: dict[str, tuple[str, frozenset[str]]] = {}
        self.duals: dict[str, tuple[str, bool, str]] = {}  # dual form -> (unit, needs a following word, singular)
        self.before: dict[str, str] = {}
        self.en: dict[str, str] = {}
        self.bounds: dict[tuple[str, str], str] = {}
        self.currency: list[tuple[str, str, str, list[str]]] = []
        self.time_units: set[str] = set()
        self.rates: dict[str, str] = {}  # يوميا → day
        self.places: set[str] = set()
        self.singulars: set[str] = set()  # base forms that have a dual: singular nouns
        self.phrase_heads: dict[str, str] = {}  # «قلم» → polling station (from «قلم اقتراع»)
        self.currency_codes: set[str] = set()  # USD, TRY …: the units that are money
        self.half_or_one = {key(w) for w in ("ونصف", "ونصفا", "وربع", "واحد", "واحدا", "واحدة")}
        numbers = lang.lists("numbers_ar.json")  # «الخمس عشرة»: a number word before a teen's «عشرة»
        self.number_words = {key(w) for kind in ("unit", "ten") for w in numbers[kind]}
        self.senses: dict[str, list[tuple[str, frozenset[str]]]] = {}  # هدف → [(goal, cues), (target, cues)]
        for name, cues in lang.lists("units_context.json")["senses"].items():
            forms, unit = name.split(">")
            for form in forms.split(","):
                self.senses.setdefault(key(form), []).append((unit, frozenset(key(c) for c in cues)))
        self.others: dict[str, str | None] = {}  # «آخرين», «أخرى»: the previous unit, else this default
        plural_forms: set[str] = set()
        rows = list(lang.rows("units_ar.tsv"))
        for form, unit, flags in rows:
            k = key(form)
            fl = frozenset(f for f in flags.split(",") if f)
            if "before" in fl:
                self.before[k] = unit
                continue
            if "rate" in fl:
                self.rates[k] = unit
                continue
            if "other" in fl:
                for v in (k, k + "ا"):
                    self.others[v] = None if unit == "-" else unit
                continue
            variants = [k] if "abbr" in fl else [k, k + "ا"]  # «كم» takes no case ending: «كما» is «as»
            if " " in k:
                self.phrase_heads.setdefault(k.split()[0], unit)
            if "currency" in fl and not unit.startswith("="):
                self.currency_codes.add(unit)
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
            if " " in k or "dual" not in flags.split(",") and not (k.endswith("ه") and "currency" not in flags):
                continue  # a phrase's dual is its first word's (سيارتي إسعاف): see _duals; a feminine noun's
                # dual in -تان/-تين is no other word («جرعتين»), a masculine one's -ين may be its plural
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
            base = k[:-1] + "ت" if k.endswith("ه") else k
            for pronoun in ("ه", "ها", "هم"):  # «قتل مرافقاه» (his two companions): a dual in construct with a pronoun
                self.duals.setdefault(base + "ا" + pronoun, (unit, False, k))
        for form, unit, flags in lang.rows("units_en.tsv"):
            if "other" in flags.split(","):
                self.others[form.lower()] = None if unit == "-" else unit
                continue
            self.en[form.lower()] = unit
        self.signs = {form: unit for form, unit in self.en.items() if not form.isalnum()}  # $ € £
        for phrase, bound, position in lang.rows("units_bounds.tsv"):
            self.bounds[(key(phrase), position)] = bound
        self.currency_codes |= {u for u in self.en.values() if re.fullmatch(r"[A-Z]{3}", u)}
        for family, qualifier, code, countries in lang.rows("units_currency.tsv"):
            self.currency_codes.add(code)
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
                if n == 1 and c.lower() in self.others:  # «آخرين», «أخرى», "others": marked for _inherit_units
                    return "~" + (self.others[c.lower()] or ""), 1
                if c.isascii():  # "barrels", "basis points": the plural -s/-es of the last word is dropped
                    en = c.lower()
                    for form in (en, en[:-1] if en.endswith("s") else None, en[:-2] if en.endswith("es") else None):
                        if form and form in self.en and form.replace(" ", "").isalnum():
                            return self.en[form], n
        return None


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def counts(word: str) -> bool:
    """Whether ``word`` names what a number counts (a noun of ``units_ar.tsv``, with or without its case
    ending; a noun after a number takes no proclitic, and «بسبب» is a preposition): «2000 منزل» is a
    count, where «إلى 2019 بسبب» is a year."""
    return key(word) in _lexicon().units


@lru_cache(maxsize=WORD_TYPES)
def _english_adjective(word: str) -> bool:
    """A word that may stand between an English number and its noun: a capitalised or nationality word
    («Chilean», «Saudi»), or one of ``adjectives_en`` («new», «other»)."""
    lower = word.lower()
    if lower in _context()["adjectives_en"] or lower in _english_nationalities():
        return True
    return word[:1].isupper() and word[1:].islower() and lower.endswith(("ian", "ese", "ish", "ean", "i", "an"))


@cache
def _english_nationalities() -> frozenset[str]:
    return frozenset(w.lower() for w in lang.lists("ner_en.json")["NATIONALITY"])


@lru_cache(maxsize=WORD_TYPES)
def _english_singular(word: str) -> str:
    """«miners» → «miner», «cities» → «city», «boxes» → «box»: the unit string of an English noun."""
    for plural, singular in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[:-len(plural)] + singular
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


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
        self.blocked: list[tuple[int, int]] = []  # folded spans of the times found (dates, durations …)
        self.seen_units: set[str] = set()  # units of the two-word unit phrases met so far (قلم اقتراع)
        self._by_key: dict[str, list[int]] | None = None

    def where(self, test) -> list[int]:
        """Indices, in text order, of the tokens whose key passes ``test`` (tested once per distinct key):
        the passes over every token (duals, fractions …) look only where their words are."""
        if self._by_key is None:
            self._by_key = {}
            for i, tok in enumerate(self.toks):
                self._by_key.setdefault(tok.key, []).append(i)
        return sorted(i for k, found in self._by_key.items() if test(k) for i in found)

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

    def raw_last(self, tok: FoldedToken) -> str:
        """The last letter of a token as written (the fold makes «مقهى» and «سوري» end alike)."""
        if self.toks.norm is None:
            return tok.text[-1:]
        start, end = self.toks.original(tok)
        raw = self.toks.norm.original[start:end].rstrip("\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0640")
        return raw[-1:]

    def people_at(self, i: int, article: bool, singular: bool = False) -> bool:
        """A people noun by its shape: a -ي plural (3 فلسطينيين، 15 سعوديا، عشرات السوريين) or, where the
        number takes a singular noun (``singular``), a bare -ي nisba (3 ملايين سوري، 82900 لبناني)."""
        tok = self.toks[i]
        k = tok.key
        not_people = _context()["not_people"]
        if k in not_people or k + "ا" in not_people:
            return False
        if _PEOPLE_NISBA.fullmatch(k):
            return article or not k.startswith("ال")
        return singular and bool(_PEOPLE_NISBA_ONE.fullmatch(k)) and self.raw_last(tok) == "ي"

    def noun_unit(self, i: int, article: bool, singular: bool = False) -> tuple[str, int] | None:
        """(unit, tokens used) of the counted noun at token ``i``: the lexicon, else a people noun by shape."""
        found = self.lex.unit_at(self.toks, i, article)
        if found:
            return found
        if self.toks[i].kind == "word" and not self.toks[i].text.isascii() and self.people_at(i, article, singular):
            return "person", 1
        return None

    def unit_after(self, end: int, article: bool) -> tuple[str, int, int] | None:
        """(unit, noun start, noun end) of the unit noun right after ``end`` (or after «من» + ال…)."""
        i = self.index_at(end)
        if i < len(self.toks) and self.toks[i].start == end and self.toks[i].text in ")»\"":
            end, i = self.toks[i].end, i + 1  # «(34) آخرين»
        if i >= len(self.toks) or not self.same_line(end, self.toks[i].start) or self.toks[i].start - end > 2:
            return None
        found = self.noun_unit(i, article, singular=not article)
        if found is None and self.toks[i].text.isascii():
            return self._english_unit_after(i)
        if found:
            unit, n = found
            return unit, self.toks[i].start, self.toks[i + n - 1].end
        tok = self.toks[i]
        if tok.key == "من":  # 14 من رجال الشرطة، الآلاف من الأسر، ستة من موظفيه، 422 من عناصر "الخوذ البيضاء"
            for j in range(i + 1, min(i + 4, len(self.toks))):
                found = self.noun_unit(j, article=True)
                construct = None
                if not found and self.toks[j].kind == "word":
                    construct = _construct_base(self.toks[j].text)
                    unit = self.lex.units.get(construct) if construct else None
                    if unit is None and construct and construct.endswith("ين") and j == i + 1:
                        unit = ("person",)  # «اثنان من واضعي السياسات»: a sound masculine plural names people
                    found = (unit[0], 1) if unit else None
                after = self.toks[j + found[1]].key if found and j + found[1] < len(self.toks) else ""
                # Partitive «من» takes a definite noun (or one in construct with it, or with a pronoun:
                # «موظفيه», «مستخدمي فيسبوك»); «101 من قارب» is not.
                definite = self.toks[j].key.startswith("ال") or after.startswith("ال") or construct is not None
                usable = found and (found[0] not in _time_unit_names(self.lex) or construct)  # «23 من عمره»
                if found and usable and definite:
                    return found[0], self.toks[i].start, self.toks[j + found[1] - 1].end
                if not self.toks[j].text.isalpha():
                    break
                if self.toks[j].key.startswith("ال"):
                    # the first definite noun is what «من» takes: «19 من المتعاقدين في كأس العالم» counts the
                    # contractors, not the cup; an unknown sound masculine plural there names people
                    if j == i + 1 and not found and _PEOPLE_PLURAL.fullmatch(self.toks[j].key):
                        return "person", self.toks[i].start, self.toks[j].end
                    break
        return None

    def _english_unit_after(self, i: int) -> tuple[str, int, int] | None:
        """«three Chilean miners», «300 new workers»: adjectives before an English noun are stepped over."""
        ctx = _context()
        word = self.toks[i].text
        if word[:1].isupper() and word.endswith("s") and _english_adjective(word[:-1]) or word.lower() in _english_nationalities() \
                and word.endswith("s"):
            return "person", self.toks[i].start, self.toks[i].end  # «3 Americans», «40 Palestinians»
        j = i
        while j < len(self.toks) and j - i < 2 and self.toks[j].text.isascii() and self.toks[j].kind == "word" \
                and self.same_line(self.toks[i].start, self.toks[j].start) and _english_adjective(self.toks[j].text):
            j += 1
        if j == i or j >= len(self.toks) or not self.same_line(self.toks[i].start, self.toks[j].start):
            return None
        found = self.lex.unit_at(self.toks, j)
        if found:
            return found[0], self.toks[i].start, self.toks[j + found[1] - 1].end
        word = self.toks[j].text
        if word.isascii() and word.isalpha() and word.islower() and len(word) >= 3 and word not in ctx["not_counted_en"]:
            return _english_singular(word), self.toks[i].start, self.toks[j].end
        return None

    def noun_fallback(self, end: int, vague: bool, value: float | None) -> tuple[str, int, int] | None:
        """The counted noun right after a number when the lexicon does not know it: «ست عمليات ليلية» → عمليات.

        The unit is then the noun itself as written (Arabic script, no diacritics, no article, the
        accusative -ا of «13 هدفا» dropped) — a reader sees what is counted, and a noun the lexicon
        knows always has a lower-case English unit instead.  English nouns are singularised."""
        i = self.index_at(end)
        if i >= len(self.toks) or not self.same_line(end, self.toks[i].start) or self.toks[i].start - end > 1:
            return None
        tok = self.toks[i]
        ctx = _context()
        if tok.kind != "word" or len(tok.key) < 3 or any(s <= tok.start < e for s, e in self.blocked):
            return None  # «بين 3 و7 أيار»: a month name is no counted noun
        if tok.text.isascii():
            word = tok.text
            if word.isalpha() and word.islower() and word not in ctx["not_counted_en"]:
                return _english_singular(word), tok.start, tok.end
            return None
        k = tok.key
        definite = k.startswith("ال")
        if value is not None and value != int(value):
            return None  # «4.92 لتصل»: a decimal without a known unit is a rate or a price, not a count
        if definite and not vague:
            return None  # «2018 الماضي»: only a vague plural takes a definite noun (عشرات الأهداف)
        bare = k[2:] if definite else k
        # «5 وقتل»: و/ف is a conjunction, unless the word is a feminine noun of its own («14 وزارة»)
        if (k[0] in "وف" and not definite and not k.endswith(("ه", "ات"))) or len(bare) < 3 or k in ctx["not_counted"] \
                or bare in ctx["not_counted"] or k in ctx["not_people"] or k in self.lex.rates or k in ctx["ellipsis_followers"]:
            return None
        if not definite and (re.search(r"(?:وا|ون)$", k) or _VERB_START.match(k) or _VERB_PAST_FEM.fullmatch(k)):
            return None  # a verb («لتصل», «أنهت», «يحملون»: see _human_after)
        if k.startswith("ل") or _strip_clitic(k)[1] and _strip_clitic(k)[0].startswith("ال"):
            return None  # «الستة عشر للمونديال», «14 مليونا لإنهاء», «اثنين بالعاصمة»: a preposition, not the noun
        if value is not None and 3 <= value <= 10 and k.endswith("يه") and k[0] != "ا":
            return None  # «4 مدن كندية و3 مكسيكية»: after 3–10 the noun is plural; a -ية word is an adjective
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if _human_plural(bare, construct=nxt is not None and self.same_line(end, nxt.start) and nxt.key.startswith("ال")):
            return "person", tok.start, tok.end  # «ثلاثة مسعفين», «آلاف مثيري الشغب»
        head = self.lex.phrase_heads.get(k[:-1] if k.endswith("ا") else k)
        if head and head in self.seen_units:
            return head, tok.start, tok.end  # «232 قلم اقتراع … في 232 قلما»: the phrase of the article
        sense = self._sense(bare[:-1] if bare.endswith("ا") and bare[:-1] in self.lex.senses else bare, tok.start)
        if sense:
            return sense, tok.start, tok.end  # «29 هدفا» in a match report is goal, «تدمير 12 هدفا» target
        start, stop = self.toks.original(tok) if self.toks.norm is not None else (tok.start, tok.end)
        raw = self.toks.norm.original[start:stop] if self.toks.norm is not None else tok.text
        noun = _DIACRITICS.sub("", raw)
        if definite:
            noun = noun[2:]
        accusative = value is not None and 11 <= value % 100 <= 99 and value == int(value)
        if noun.endswith("ا") and len(noun) > 3 and noun[-2] not in "اوي" and (accusative or "\u064b" in raw):
            noun = noun[:-1]
        return noun, tok.start, tok.end

    def _sense(self, noun: str, pos: int) -> str | None:
        """The unit of a noun with two senses (هدف: goal or target) from the words of its sentence."""
        senses = self.lex.senses.get(noun)
        if not senses:
            return None
        lo, hi = _sentence_bounds(self, pos)
        words = {t.key for t in self.toks.between(lo, hi)} | {_strip_clitic(t.key)[0] for t in self.toks.between(lo, hi)}
        found = [unit for unit, cues in senses if words & cues]
        return found[0] if len(found) == 1 else None

    def extend_counted(self, end: int, with_rate: bool = False):
        """Nisba adjectives (مركزين إعلاميين) and a per-time adverb (يوميا) stay in the span; with
        ``with_rate``, (end, the rate's period or None), the period also from «في اليوم», "a day" after it."""
        i = self.index_at(end)
        while i < len(self.toks) and self.same_line(end, self.toks[i].start) and self.toks[i].start - end <= 1:
            k = self.toks[i].key
            if k in self.lex.rates:
                return (self.toks[i].end, self.lex.rates[k]) if with_rate else self.toks[i].end
            if not _NISBA.fullmatch(k) or k.startswith("و") or _strip_clitic(k)[0] in self.lex.units or k in self.lex.units:
                break  # «ثلاث سنوات بمستشفى»: a noun with a preposition is not an adjective
            end = self.toks[i].end
            i += 1
        return (end, self.rate_phrase(i)) if with_rate else end

    def rate_phrase(self, i: int) -> str | None:
        """The period of «في اليوم (الواحد)», «كل عام», "a day", "per year" at token ``i`` (not «في اليوم التالي»)."""
        phrases = _context()["rate_phrases"]
        if i + 1 >= len(self.toks) or not self.same_line(self.toks[i].start, self.toks[i + 1].end):
            return None
        per = phrases.get(f"{self.toks[i].key} {self.toks[i + 1].key}".lower())
        if per is None:
            return None
        nxt = self.toks[i + 2] if i + 2 < len(self.toks) else None
        if nxt is not None and self.same_line(self.toks[i].start, nxt.start) and nxt.key not in _context()["one_after_rate"] \
                and (nxt.key.startswith("ال") or nxt.kind == "num"):
            return None  # «في اليوم التالي», «في العام 2017»: a time, not a rate
        return per


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


def _space_missing(text: str, start: int) -> bool:
    """«لا يزال7700 منهم», «بينهم5300»: a particle, verb or pronoun-suffixed word written against the number
    (a missing space), not a name with digits such as «فرانس24»."""
    word = re.search(r"[^\W\d_]+$", text[max(0, start - 20):start])
    if word is None:
        return False
    k = key(word.group(0))
    return k in _context()["glued_before_number"] or k.endswith(("هم", "ها", "هن"))


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
    if re.search(r"[^\W\d_]{3}$", text[max(0, m.start - 3):m.start]) and not _space_missing(text, m.start):
        return True  # فرانس24, الجزيرة360: a name's digits (a proclitic «ب20» is one letter)
    if _QUOTED_NAME_END.match(text, m.end) and _QUOTED_NAME_START.search(text, max(0, m.start - 40), m.start):
        return True  # «"إس 400"», «"نوكيا 8110"», «موقع "سبورت 360"»: the number closes a quoted name
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
        if cand.bare and cand.unit is None:
            _attach_noun(idx, cand, m)
        _apply_bounds(idx, cand)
        if cand.bare and cand.unit is None:
            cand.unit = _unit_from_context(idx, idx.index_at(cand.start))
        out.append(cand)
    return out


# What the passes over every token look for, tested once per word type (see _Index.where).
@lru_cache(maxsize=WORD_TYPES)
def _dual_key(k: str) -> bool:
    duals = _lexicon().duals
    return (k if k in duals else _strip_clitic(k)[0]) in duals


@lru_cache(maxsize=WORD_TYPES)
def _dual_or_definite_dual_key(k: str) -> bool:
    duals = _lexicon().duals
    bare = k if k in duals else _strip_clitic(k)[0]
    return bare in duals or bare.startswith("ال") and bare[2:] in duals


@lru_cache(maxsize=WORD_TYPES)
def _fraction_key(k: str) -> bool:
    bare = _strip_clitic(k)[0]
    pronouns, fractions = _context()["fraction_pronouns"], _context()["fractions"]
    return k in pronouns or bare in pronouns or k in fractions or bare in fractions


@lru_cache(maxsize=WORD_TYPES)
def _time_unit_key(k: str) -> bool:
    units = _lexicon().time_units
    return (k if k in units else _strip_clitic(k)[0]) in units


def _bare_time_unit_key(k: str) -> bool:
    return k in _lexicon().time_units


def _dual_ranges(idx: _Index, matches: list[NumberMatch]) -> dict[int, _Cand]:
    """«ما بين يومين وثلاثة أيام», «من أسبوعين إلى ثلاثة أسابيع», «يومين أو ثلاثة»: a dual noun opens a range.

    Keyed by the index of the match that closes the range (it is consumed by the range)."""
    out: dict[int, _Cand] = {}
    starts = [m.start for m in matches]
    for ti in idx.where(_dual_key):
        tok = idx.toks[ti]
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
        if unit.startswith("~"):  # «آخرين»: the previous unit, see _inherit_units
            cand.other, unit = True, unit[1:]
            if cand.unit is None:
                cand.unit, cand.bare, cand.counted = unit or None, False, (n_start, n_end)
                cand.end = idx.extend_counted(n_end)
            return
        if cand.unit is None or cand.unit == unit:
            noun = key(idx.folded[n_start:n_end])
            unit = idx._sense(noun[:-1] if noun.endswith("ا") else noun, n_start) or unit  # «7.6 درجة» of a quake
            cand.unit, cand.bare, cand.counted = unit, False, (n_start, n_end)
            cand.end, cand.per = idx.extend_counted(n_end, with_rate=True)
            if " " in idx.folded[n_start:n_end]:
                idx.seen_units.add(unit)
    elif cand.words and m.value is not None:
        prev = _unit_before(idx, cand.start, m.value)
        if prev:
            cand.unit, cand.bare, cand.counted, cand.start = prev[0], False, (prev[1], prev[2]), prev[1]
    if cand.unit in idx.lex.currency_codes and (priced := _priced_per(idx, cand.end)) is not None:
        cand.unit, cand.end = f"{cand.unit} per {priced[0]}", priced[1]  # «80 دولارا للبرميل»: a price


def _priced_per(idx: _Index, end: int) -> tuple[str, int] | None:
    """«للبرميل», «للطن», «لكل سهم» right after a sum: (the unit it prices, the end of that word)."""
    i = idx.index_at(end)
    if i >= len(idx.toks) or not idx.same_line(end, idx.toks[i].start) or idx.toks[i].start - end > 1:
        return None
    k = idx.toks[i].key
    if k == "لكل" and i + 1 < len(idx.toks):
        found = idx.lex.units.get(idx.toks[i + 1].key)
        end_tok = idx.toks[i + 1]
    elif k.startswith("لل") and len(k) > 3:
        found = idx.lex.units.get(k[2:])
        end_tok = idx.toks[i]
    else:
        return None
    if found is None or found[0] not in _context()["priced_units"]:
        return None  # a commodity's price only (not «للدولار», an exchange rate, nor «للعملية», a fee)
    return found[0], end_tok.end


def _attach_noun(idx: _Index, cand: _Cand, m: NumberMatch) -> None:
    """A bare number followed by a human plural verb or pronoun is a count of people («أكثر من مليون
    يحملون الجنسية», «المئات منهم قتلوا»); else by the noun after it, even one the lexicon does not know."""
    if _human_after(idx, cand.end):
        cand.unit = "person"
        return
    found = idx.noun_fallback(cand.end, m.vague or _scale_of(idx.folded[m.start:m.end], m.value) > 1, cand.value)
    if found:
        cand.unit, cand.bare, cand.counted = found[0], False, (found[1], found[2])
        cand.end, cand.per = idx.extend_counted(found[2], with_rate=True)


def _human_after(idx: _Index, end: int) -> bool:
    """«منهم», «الذين», a verb in the masculine plural («يحملون», «قتلوا», «قد شاركوا») or one with a «هم»
    object («أنقذتهم») right after a number: its antecedent is people."""
    i = idx.index_at(end)
    ctx = _context()
    for j in range(i, min(i + 2, len(idx.toks))):
        tok = idx.toks[j]
        if not idx.same_line(end, tok.start) or tok.kind != "word" or tok.text.isascii():
            return False
        k = tok.key
        if k in ctx["human_after"]:
            return True
        if k in ctx["particles_before_verb"] and j == i:
            continue
        if k in ctx["not_counted"] or k in idx.lex.units or k.startswith("ال"):
            return False
        bare = _strip_clitic(k)[0] if k[:1] in "وف" else k
        if _HUMAN_VERB.fullmatch(bare):
            return True
        nxt = idx.toks[j + 1] if j + 1 < len(idx.toks) else None  # «عشرة يشتبه بانتمائهم»
        return bare[:1] in "يت" and nxt is not None and idx.same_line(end, nxt.start) and nxt.key.endswith("هم")
    return False


def _human_plural(word: str, construct: bool) -> bool:
    """Whether an unlisted noun (no article) is the sound masculine plural of a participle or a nisba, which
    Arabic gives to people only: «مسعفين», «متظاهرين», «نازحين», «أوكرانيين»; with ``construct`` (a definite
    word follows) also its construct form «مثيري (الشغب)».  Not a broken plural «قوانين», «ملايين», «مباني»."""
    if word.endswith("ين") and len(word) >= 6:
        stem = word[:-2]
    elif construct and word.endswith("ي") and len(word) >= 5:
        stem = word[:-1]
    else:
        return False
    if stem[-1] == "ي":
        return len(stem) >= 4 and stem[-2] not in "اوي"  # a nisba: «أوكراني» (not «ملاي» of «ملايين»)
    if stem[-1] == "ا":
        return False
    if stem[0] == "م":
        return len(stem) >= 4 and not (len(stem) == 4 and stem[2] == "ا" and construct)  # not «مباني»
    return len(stem) == 4 and stem[1] == "ا"  # فاعل: «لاعبين», «ناخبي»


@lru_cache(maxsize=WORD_TYPES)
def _construct_base(word: str) -> str | None:
    """The key of the listed form behind a noun (folded text, ة kept) in construct or with a pronoun:
    «موظفيه» → موظفين, «قواتها» → قوات, «مستخدمي» → مستخدمين, «عمره» → عمر; None when it has neither
    ending («مراقبة» ends in ة, not in the pronoun ه)."""
    stem = re.sub(r"(?:هما|هم|هن|ها|ه|نا|كم)$", "", word)
    if len(stem) < 3:
        return None
    if stem.endswith("ي"):
        return key(stem + "ن")  # a sound plural loses its ن in construct
    if stem.endswith("ت") and not stem.endswith("ات") and stem != word:
        return key(stem[:-1] + "ة")  # «سيارته» → سيارة
    return key(stem) if stem != word else None


def _unit_from_context(idx: _Index, i: int) -> str | None:
    """The unit of a bare number from the word before it (بإعدام 17), from an exchange rate of its clause
    («الليرة التركية أمام الدولار … 4.92») or from «عدد X» earlier in the clause."""
    if i > 0:
        prev = idx.toks[i - 1].key
        unit = idx.lex.before.get(prev) or idx.lex.before.get(_strip_clitic(prev)[0])
        if unit:
            return unit
    return _exchange_rate_unit(idx, i) or _unit_of_count(idx, i)


def _exchange_rate_unit(idx: _Index, i: int) -> str | None:
    """«تراجعت الليرة التركية أمام الدولار إلى 4.92»: a bare number in a clause that quotes one currency
    against another («أمام/مقابل الدولار», «للدولار», «سعر صرف») is in units of the currency priced, the one
    that is not the dollar (an exchange rate is quoted per dollar), as the gold's «6,65 ليرة للدولار»."""
    ctx = _context()
    anchor = idx.toks[i].start if i < len(idx.toks) else len(idx.folded)
    cue = False
    codes: list[str] = []
    after = [j for j in range(i + 1, min(i + 4, len(idx.toks))) if idx.same_line(anchor, idx.toks[j].start)]
    for j in after + list(range(min(i, len(idx.toks)) - 1, max(-1, i - 22), -1)):  # «6.08 مقابل الدولار»
        tok = idx.toks[j]
        if j < i and (tok.text in ".؛;!?؟" or not idx.same_line(tok.start, anchor)):
            break
        k = tok.key
        if k in ctx["exchange_cues"] or _strip_clitic(k)[0] in ctx["exchange_cues"]:
            cue = True
        form = "ال" + k[2:] if k.startswith("لل") else k  # «للدولار» = ل + الدولار
        found = idx.lex.unit_at([_replace(tok, key=form)], 0, article=True) if form != k else \
            idx.lex.unit_at(idx.toks, j, article=True)
        if not found:
            continue
        unit = found[0]
        if unit.startswith("="):
            unit = _currency_code(idx, unit[1:], tok.end)[0]
        if unit in idx.lex.currency_codes:
            codes.append(unit)
            cue = cue or form != k
    if not cue or len(set(codes)) < 2 and not any(c != "USD" for c in codes):
        return None
    local = [c for c in codes if c != "USD"]
    return local[0] if local else None


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
    for j in range(min(i, len(idx.toks)) - 1, max(-1, i - 25), -1):
        tok = idx.toks[j]
        if tok.text in ".؛;:!?؟\n" or not idx.same_line(tok.start, anchor):
            return None
        bare = _strip_clitic(tok.key)[0]
        if bare.endswith("هم") and bare[:-2] in _context()["count_words"]:
            return "person"  # «اللاجئين السوريين البالغ عددهم 4 ملايين»: «هم» refers back to people
        if bare in _context()["count_words"] and j + 1 < i:
            found = idx.noun_unit(j + 1, article=True)
            return found[0] if found and not found[0].startswith(("=", "~")) else None
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
    phrase = " ".join([bare] + [t.key for t in idx.toks[j + 1:i]])
    if j < i - 1 and phrase in idx.lex.units:
        found = idx.lex.units[phrase]  # «نقطة مئوية واحدة»: the phrase the adjective completes, not «نقطة»
    if found is None and idx.folded.startswith("ال", start) and (base := _construct_base(tok.text)):
        found = idx.lex.units.get(base)  # «مدارسهم الثلاث»: the noun with its owner's pronoun, then the number
        bare = base
    if found is None or found[0].startswith("=") or (value >= 2 and bare in idx.lex.singulars):
        return None
    return found[0], tok.start + cut, idx.toks[i - 1].end


# A quoted name that ends with its number: an opening mark, one word (not definite), the number, the closing mark.
_QUOTED_NAME_START = re.compile(r"[\"“«](?!ال)[^\W\d_]+[ \-]?$")
_QUOTED_NAME_END = re.compile(r"[\"”»]")


def _score(idx: _Index, m: NumberMatch, cand: _Cand) -> bool:
    """«فاز 2-1», «3 - صفر», «6-4 و6-3», «صفر-3»: a match score, not a quantity (nor a range).

    Two integers joined by a dash with no unit after them, the first not smaller than the second or a
    result word (بنتيجة، فاز، تعادل …) in the clause; a range «5-10 أطفال» has its noun."""
    text = idx.folded
    if cand.unit is not None:
        return False
    after = _SCORE_AFTER.match(text, m.end)
    before = _SCORE_BEFORE.search(text, max(0, m.start - 8), m.start)
    if not after and not before:
        return False
    if cand.low is not None:  # «1-2» read as a range with no unit
        first, second = cand.low, cand.high
    elif after:
        first, second = m.value, _score_value(after.group(1))
        if idx.percent_after(after.end()) is not None or idx.unit_after(after.end(), False):
            return False
    else:
        first, second = _score_value(before.group(1)), m.value
    if first is None or second is None or first != int(first) or second != int(second):
        return False
    if max(first, second) <= 20 and (first >= second or cand.low is None and before):
        return True
    return max(first, second) <= 200 and _near_score_cue(idx, m.start)


_SCORE_AFTER = re.compile(r"\s?[-–]\s?(\d{1,3}|صفر)(?![\d%]|[.,٫]\d)")
_SCORE_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}|صفر)\s?[-–]\s?$")


def _score_value(text: str) -> float | None:
    return 0.0 if text == "صفر" else float(text)


def _near_score_cue(idx: _Index, start: int) -> bool:
    i = idx.index_at(start)
    cues = _context()["score_cues"]
    for j in range(max(0, i - 12), min(len(idx.toks), i + 12)):
        tok = idx.toks[j]
        if tok.key.lower() in cues or _strip_clitic(tok.key)[0] in cues:
            return True
    return False


# An ordinal before «عشر» (الحادي، الثالث، السابع …): ال + C + ا + C + C(ي)
_ORDINAL = re.compile(r"ال[^\W\d_]ا[^\W\d_][^\W\d_](?:ي|ه|يه)?|الحادي(?:ه)?")
# Words whose key starts like the article without being a definite noun (إلى → الي, الذي …).
_ARTICLE_LOOKALIKES = frozenset({"الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})


def _skip(idx: _Index, m: NumberMatch, cand: _Cand) -> bool:
    """Not a quantity: identifiers, years, long digit strings, lone «واحد», ordinal «عشر», match scores."""
    text = idx.folded[m.start:m.end]
    if _is_identifier(idx, m, counted=not cand.bare):
        return True
    if _score(idx, m, cand):
        return True
    nxt = idx.toks[idx.index_at(m.end)] if idx.index_at(m.end) < len(idx.toks) else None
    if cand.words and m.value == 1 and nxt is not None and nxt.key == "من":
        return True  # «واحد من أبرز …» = one of
    i = idx.index_at(m.end)
    if i < len(idx.toks) and idx.toks[i].key.lower() in _context()["clock_after"] and idx.same_line(m.end, idx.toks[i].start):
        return True
    if re.search(r"(?:^|\s)ال\s?$", idx.folded[max(0, m.start - 4):m.start]) and cand.unit not in _time_unit_names(idx.lex):
        return not _definite_cardinal(idx, m, cand)  # الدورة الـ73، الذكرى الـ70: ordinal
    year_like = re.fullmatch(r"(?:14|19|20)\d\d", text)  # 14xx: Hijri years
    if year_like and cand.counted and key(idx.folded[cand.counted[0]:cand.counted[1]]) in _context()["year_before_unit"]:
        return True  # «عام 2005 يوم أقيمت القمة»: a year, then «يوم» = when
    if cand.bare and cand.unit is None:
        if year_like or re.fullmatch(r"\d{8,}", text):
            return True
        if m.value is not None and m.value <= 1:
            return True  # a lone «واحد» or «1» (درع الخليج 1) counts nothing
        if cand.words and not m.vague:  # «الأقمار عشرات» is no ordinal
            i = idx.index_at(m.start)
            prev = idx.toks[i - 1] if i > 0 else None
            if prev is not None and prev.key.startswith("ال") and prev.key not in _ARTICLE_LOOKALIKES \
                    and idx.same_line(prev.start, m.start) and (_ORDINAL.fullmatch(prev.key) or idx.folded.startswith("ال", m.start)
                                                                or prev.key[2:] in _lexicon().number_words):
                return True  # الحادي عشر، الثالث عشر (but not «أنقذت الفرق سبعة», nor «إلى ثلاثة», key «الي»)
    return False


def _definite_cardinal(idx: _Index, m: NumberMatch, cand: _Cand) -> bool:
    """«الـN» counts when its own noun follows («الـ47 رياضيا», «الـ24 ساعة الماضية») or a definite sound plural
    stands before it («المشاركين الـ47», «الدول الأعضاء الـ28» not: «الأعضاء» is broken); after a singular it is
    an ordinal («الدورة الـ73», «الذكرى الـ70»). The plural before it lends its unit."""
    i = idx.index_at(m.start) - 1
    article = idx.folded.rfind("ال", max(0, m.start - 3), m.start)
    if i >= 0 and idx.toks[i].key == "ال":
        i -= 1  # «الـ47» as two tokens: the word before is the one before «ال»
    if not cand.bare or idx.noun_fallback(m.end, vague=False, value=m.value) is not None:
        cand.start = min(cand.start, article)  # the article is the quantity's: «الـ47 رياضيا»
        return True
    if i < 0 or not idx.same_line(idx.toks[i].start, m.start):
        return False
    prev = idx.toks[i].key
    if not (prev.startswith("ال") and len(prev) > 5 and prev.endswith(("ين", "ون", "ات"))):
        return False
    found = idx.noun_unit(i, article=True)
    if found is not None:
        cand.unit = found[0]
    elif _PEOPLE_PLURAL.fullmatch(prev):
        cand.unit = "person"  # «المتسابقين الـ12»
    cand.start = min(cand.start, article)
    return True


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
    for i in idx.where(_dual_or_definite_dual_key):
        tok = idx.toks[i]
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
    for i in idx.where(_fraction_key):
        tok = idx.toks[i]
        bare, cut = _strip_clitic(tok.key)
        nxt = idx.toks[i + 1] if i + 1 < len(idx.toks) else None
        if nxt is not None and nxt.key in _context()["not_after_fraction"]:
            continue  # «نصفها الأول»: a half of a period, not a share
        if (tok.key in pronouns or bare in pronouns) and not any(s < tok.end and tok.start < e for s, e in taken):
            start = tok.start + (cut if tok.key not in pronouns else 0)
            cand = _Cand(start, tok.end, pronouns.get(tok.key, pronouns.get(bare)), unit="percent", bare=False, share=True)
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
            cand = _Cand(start, nxt.end, share, unit="percent", bare=False, share=True)
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
        if i + 1 < len(idx.toks) and idx.toks[i].text in ("،", ",") and idx.toks[i].start == cand.end and (
            idx.toks[i + 1].start - idx.toks[i].end <= 1
        ):
            i += 1  # «3 أعوام، ونصف العام»: a comma before the half
        elif i >= len(idx.toks) or idx.toks[i].start - cand.end > 1:
            continue
        if i >= len(idx.toks) or idx.toks[i].key not in halves:
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
    for i in idx.where(_time_unit_key):
        if i + 1 >= len(idx.toks):
            continue
        tok, nxt = idx.toks[i], idx.toks[i + 1]
        bare, cut = _strip_clitic(tok.key) if tok.key not in idx.lex.time_units else (tok.key, 0)
        if bare in idx.lex.time_units and nxt.key in halves and not any(s < nxt.end and tok.start < e for s, e in taken):
            unit = idx.lex.units[bare][0]
            value = 1 + halves[nxt.key]
            end = idx.toks[i + 2].end if _restated_unit(idx, i + 2, unit) else nxt.end
            out.append(_Cand(tok.start + cut, end, value, unit=unit, counted=(tok.start + cut, tok.end), bare=False))
    return out


def _approx_single_units(idx: _Index, taken: list[tuple[int, int]]) -> list[_Cand]:
    """«منذ نحو شهر», «قبل أكثر من عام»: an approximator before a singular time unit counts one of it."""
    out = []
    for i in idx.where(_bare_time_unit_key):
        tok = idx.toks[i]
        if any(s < tok.end and tok.start < e for s, e in taken):
            continue
        nxt = idx.toks[i + 1] if i + 1 < len(idx.toks) else None
        if nxt is not None and idx.same_line(tok.end, nxt.start) and (nxt.key.startswith("ال") or nxt.kind == "num"
                                                                      or nxt.key in idx.lex.half_or_one):
            continue  # «نحو شهر رمضان», «أكثر من عام 2015»; «عام ونصف» and «شهر واحد» are read elsewhere
        bound = idx.bound_before(tok.start)
        if bound is None or bound[0] == "max":
            continue
        cand = _Cand(tok.start, tok.end, 1.0, unit=idx.lex.units[tok.key][0], counted=(tok.start, tok.end), bare=False)
        _apply_bounds(idx, cand)
        out.append(cand)
    return out


def _share_coordinated_unit(idx: _Index, cands: list[_Cand]) -> None:
    """«عند 8.0 و9.25 و7.25 في المئة»: bare numbers joined by «و» or a comma to a number with its unit share it."""
    for a, b in zip(reversed(cands[:-1]), reversed(cands[1:]), strict=True):
        if a.unit is None and a.bare and b.unit is not None and not (b.other or b.share) \
                and _COORDINATION.fullmatch(idx.folded[a.end:b.start]) and a.words == b.words:
            a.unit = b.unit


_COORDINATION = re.compile(r"\s*(?:[,،]\s*)?(?:و|and)?\s*")
_OUT_OF = re.compile(r"\s*(?:من\s+(?:اصل|بين|مجموع)|out\s+of|of)\s*")


def _share_total_unit(idx: _Index, cands: list[_Cand]) -> None:
    """«انتشال ستة من أصل 12 صبيا»: a bare count out of a total counts what the total counts."""
    for a, b in zip(cands, cands[1:], strict=False):
        if a.unit is None and a.bare and b.unit is not None and not b.share and _OUT_OF.fullmatch(idx.folded[a.end:b.start]):
            a.unit = b.unit


def _match_minute(idx: _Index, cand: _Cand) -> bool:
    """«سجل هدف التعادل (79)»: a bare number alone in brackets in a match report is the minute of play."""
    if cand.unit is not None or not cand.bare or cand.value is None or cand.value > 130:
        return False
    text = idx.folded
    if not (re.search(r"\(\s*$", text[max(0, cand.start - 2):cand.start]) and re.match(r"\s*\+?\d*\s*\)", text[cand.end:cand.end + 6])):
        return False
    return _near_score_cue(idx, cand.start) or bool(_MATCH_WORDS.search(text[max(0, cand.start - 80):cand.start]))


_MATCH_WORDS = re.compile(r"(?:هدف|سجل|تسديد|ركلة|الحارس|مرمى|شباك|كرة|تمريرة)")


def _percentage_points(doc: Doc, idx: _Index, cands: list[_Cand]) -> None:
    """«رفع الفائدة ثلاث نقاط» (to 16.5 percent): points of a rate are percentage points; an index's stay points."""
    ctx = _context()
    for cand in cands:
        if cand.unit != "point":
            continue
        sentence = doc.sentence_at(doc.norm.orig_index(cand.start))
        same = [c for c in cands if c is not cand and doc.sentence_at(doc.norm.orig_index(c.start)) == sentence]
        lo, hi = _sentence_bounds(idx, cand.start)
        words = {_strip_clitic(t.key)[0] for t in idx.toks.between(lo, hi)} | {t.key for t in idx.toks.between(lo, hi)}
        if words & ctx["index_words"]:
            continue
        if any(c.unit == "percent" for c in same) or words & ctx["percentage_point_context"]:
            cand.unit = "percentage point"


def _sentence_bounds(idx: _Index, pos: int) -> tuple[int, int]:
    """Folded start and end of the sentence-like stretch around ``pos`` (cut at . ! ? ؟ and line breaks)."""
    text = idx.folded
    starts = [text.rfind(c, 0, pos) for c in ".!?؟\n"]
    ends = [e for e in (text.find(c, pos) for c in ".!?؟\n") if e != -1]
    return max(starts) + 1, min(ends, default=len(text))


def _inherit_units(doc: Doc, idx: _Index, cands: list[_Cand]) -> None:
    """A bare number takes the unit of the previous quantity of its sentence (98 ألف مهاجر … و124 ألفا)."""
    previous: dict[int | None, str] = {}
    for cand in sorted(cands, key=lambda c: c.start):
        sentence = doc.sentence_at(doc.norm.orig_index(cand.start))
        if cand.unit is None and cand.bare and _vague_word(idx, cand) and _elliptic(idx, cand.end):
            cand.unit = "person"  # «أودى بحياة العشرات», «كان الآلاف في وداعها»: a crowd, whatever came before
        elif cand.unit is None and cand.bare and sentence in previous and _elliptic(idx, cand.end):
            cand.unit = previous[sentence]
        elif sentence in previous and (cand.unit is None or not cand.unit.isascii()) and _OF_THEM.search(
            idx.folded[max(0, cand.start - 12):cand.start]
        ):  # «33 هجوما، من بينها 10 نجح المتشددون في تنفيذها»: ten of the attacks, not of «نجح» (a lexicon's unit
            # is ASCII; the noun as written is only a guess)
            if cand.counted is not None:
                cand.end = cand.counted[0]
                while cand.end > cand.start and idx.folded[cand.end - 1].isspace():
                    cand.end -= 1
                cand.counted = None
            cand.unit = previous[sentence]
        elif cand.other and sentence in previous:
            cand.unit = previous[sentence]  # «دمرت 3 دبابات و4 أخرى» → tank
        if cand.unit is not None and cand.unit not in _time_unit_names(idx.lex) and not cand.share:
            previous[sentence] = cand.unit


def _same_figure_units(idx: _Index, cands: list[_Cand]) -> None:
    """A figure left without a unit takes the one the article gives the same figure elsewhere, when only one:
    «ويعرض 14 مليوناً» in the headline is the body's «14 مليون يورو».  Only a headline's figure or one of a
    thousand or more, since small numbers recur with other meanings («21 شهرا» and «من 21 حاليا»)."""
    units: dict[float, set[str]] = {}
    for cand in cands:
        if cand.value is not None and cand.unit is not None and cand.unit.isascii() and not cand.other:
            units.setdefault(cand.value, set()).add(cand.unit)
    headline_end = idx.folded.find("\n")
    for cand in cands:
        if cand.unit is None and cand.value is not None and len(found := units.get(cand.value, ())) == 1 and (
            cand.value >= 1000 or 0 <= cand.start < headline_end
        ):
            cand.unit = next(iter(found))


def _vague_word(idx: _Index, cand: _Cand) -> bool:
    """A vague plural standing for a number, spelled out and alone: «العشرات», «بالمئات», «آلاف»."""
    return cand.words and cand.value is None and cand.low is not None and " " not in idx.folded[cand.start:cand.end]


# «منها», «منهم», «من بينها», «بينهم» right before a number: so many of what was just counted
_OF_THEM = re.compile(r"(?:^|\s)(?:من\s+)?(?:بين|من)(?:ها|هم|هن)\s*$")


def _elliptic(idx: _Index, end: int) -> bool:
    """Nothing noun-like follows the number (punctuation, a preposition …), so its noun was left out."""
    i = idx.index_at(end)
    if i >= len(idx.toks) or not idx.same_line(end, idx.toks[i].start):
        return True
    tok = idx.toks[i]
    return not tok.text.isalpha() or tok.key in _context()["ellipsis_followers"] or bool(_NISBA.fullmatch(tok.key))


def extract(doc: Doc) -> list[Quantity]:
    """The quantities of the document in ``doc`` (not yet added to the analysis)."""
    idx = _Index(doc.tokens)
    idx.blocked = [(bisect.bisect_left(doc.norm.origin, t.start), bisect.bisect_left(doc.norm.origin, t.end))
                   for t in doc.times]
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
    cands += _approx_single_units(idx, taken)
    taken = [(c.start, c.end) for c in cands]
    cands += _fractions(idx, taken)
    cands.sort(key=lambda c: c.start)
    cands = [c for c in cands if not _match_minute(idx, c)]
    _share_coordinated_unit(idx, cands)
    _share_total_unit(idx, cands)
    _inherit_units(doc, idx, cands)
    _same_figure_units(idx, cands)
    _percentage_points(doc, idx, cands)
    out = []
    for cand in cands:
        span = doc.folded_span(cand.start, cand.end)
        counted = doc.folded_span(*cand.counted) if cand.counted else None
        out.append(
            Quantity(
                start=span.start, end=span.end, text=span.text, value=cand.value, low=cand.low,
                high=cand.high, approx=cand.approx, unit=cand.unit, per=cand.per,
                counted=Span(start=counted.start, end=counted.end, text=counted.text) if counted else None,
            )
        )
    return out


@stage("quantities", requires=["times"], assigns=["quantities"])
def annotate(doc: Doc) -> None:
    doc.quantities.extend(extract(doc))

