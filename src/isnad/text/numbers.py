"""Number expressions in folded Arabic/English text: digits, scale words, number words, vague plurals.

Quantities and times both need to read «2.5 مليار», «خمسة وعشرون ألفا», «مئات الآلاف» or «511,000»
as numbers with exact offsets, so the parsing lives here once.  Input is the *folded* text of
:func:`isnad.text.normalize.normalize` (digits already Western, ٬→, ٫→.), and offsets are offsets
into it.  The word lists are data (``lang/numbers_ar.json``, ``numbers_en.json``).

Vague plurals follow the gold conventions: عشرات 10–99, مئات 200–999, آلاف 2000–9999, generalised
by the scale that follows (عشرات الآلاف 10000–99999, مئات الملايين 2e8–999999999 …); their
``value`` is ``None``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from isnad import lang
from isnad.core.limits import WORD_PAIRS, WORD_TYPES, Memo
from isnad.text.normalize import key
from isnad.text.tokens import TokenStream


@dataclass(frozen=True)
class NumberMatch:
    """One number expression: ``folded[start:end]``; vague ones have ``value`` None and bounds."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    vague: bool


_LATIN = re.compile(r"[A-Za-z]")
_CURRENCY_SIGNS = "$£€"


@dataclass(frozen=True)
class _Atom:
    kind: str  # D unit teen ten hundred scale scale2 fraction
    value: float
    start: int  # folded offset after any proclitic
    joined: bool  # preceded by the conjunction و / and
    english: bool
    word: str
    plural: bool = False  # آلاف / ملايين: vague when alone


class _Lexicon:
    def __init__(self) -> None:
        self.words: dict[str, tuple[str, float, bool]] = {}  # key -> (kind, value, plural)
        self.vague: dict[str, tuple[str, float]] = {}  # key -> ("tens"|"hundreds"|"plural", scale)
        self.no_article: set[str] = set()
        self.proclitics: list[str] = []
        # Per word type, once: text repeats its words.  Cleared when large (a corpus has millions of types).
        self._looked_up: Memo[tuple[str, bool], tuple[str, float, bool, int, bool] | None] = Memo(WORD_PAIRS)
        self._vague_looked_up: Memo[str, tuple[str, float, int] | None] = Memo(WORD_TYPES)
        self.suffix: dict[str, float] = {}
        for name in ("numbers_ar.json", "numbers_en.json"):
            data = lang.lists(name)
            for kind in ("unit", "teen_only", "ten", "hundred", "scale", "scale2", "fraction"):
                for form, value in data.get(kind, {}).items():
                    self.words[key(form)] = (kind, float(value), False)
            for form, value in data.get("vague_plural", {}).items():
                self.vague[key(form)] = ("plural", float(value))
                if self.words.get(key(form), ("",))[0] == "scale":
                    self.words[key(form)] = ("scale", float(value), True)
            for form in data.get("vague_tens", []):
                self.vague[key(form)] = ("tens", 1.0)
            for form in data.get("vague_hundreds", []):
                self.vague[key(form)] = ("hundreds", 1.0)
            self.no_article |= {key(f) for f in data.get("no_article", [])}
            self.proclitics += data.get("proclitics", [])
            self.suffix |= {k: float(v) for k, v in data.get("suffix", {}).items()}
        self.proclitics.sort(key=len, reverse=True)

    def lookup(self, word: str, article_ok: bool = True) -> tuple[str, float, bool, int, bool] | None:
        """(kind, value, plural, prefix length, joined-by-و) of a word, proclitics and article split off."""
        try:
            return self._looked_up[(word, article_ok)]
        except KeyError:
            found = self._looked_up[(word, article_ok)] = self._lookup(word, article_ok)
            return found

    def _lookup(self, word: str, article_ok: bool) -> tuple[str, float, bool, int, bool] | None:
        if "ء" in word:
            return None  # no number word has a bare hamza, and key() would turn أثناء into اثنا
        k = key(word)
        if k in self.words:
            return (*self.words[k], 0, False)
        for clitic in [""] + self.proclitics:
            if not k.startswith(clitic):
                continue
            rest = k[len(clitic):]
            if len(rest) < 3:
                continue
            joined = clitic.startswith("و")
            if clitic and rest in self.words:
                return (*self.words[rest], len(clitic), joined)
            for article in ("ال", "ل") if clitic.endswith("ل") else ("ال",):
                if article_ok and rest.startswith(article):
                    bare = rest[len(article):]
                    entry = self.words.get(bare)
                    if entry and entry[0] == "unit" and bare not in self.no_article:
                        return (*entry, len(clitic), joined)
        return None

    def lookup_vague(self, word: str) -> tuple[str, float, int] | None:
        try:
            return self._vague_looked_up[word]
        except KeyError:
            found = self._vague_looked_up[word] = self._lookup_vague(word)
            return found

    def _lookup_vague(self, word: str) -> tuple[str, float, int] | None:
        if "ء" in word:
            return None
        k = key(word)
        for clitic in [""] + self.proclitics:
            if k.startswith(clitic):
                rest = k[len(clitic):]
                for bare in (rest, rest[2:] if rest.startswith("ال") else None):
                    if bare and bare in self.vague:
                        return (*self.vague[bare], len(clitic))
        return None

    def scale_after(self, word: str) -> float | None:
        """Scale of a word that follows a number or a fraction (الف، آلاف، المليون …)."""
        k = key(word)
        for bare in (k, k[2:] if k.startswith("ال") else None):
            entry = self.words.get(bare) if bare else None
            if entry and entry[0] == "scale":
                return entry[1]
        return None


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


def _digit_value(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f])\d{3})+(?:\.\d+)?", text):
        return float(re.sub(r"[, \u00a0\u2009\u202f]", "", text))
    return float(text.replace(",", "."))


def _is_identifier_digit(folded: str, start: int) -> bool:
    """Digits glued to a Latin word (A320) or hyphenated to a word (COVID-19, إف-16) are part of a name."""
    before = folded[start - 1] if start else ""
    if _LATIN.match(before):
        return True
    return before in "-/" and start >= 2 and folded[start - 2].isalpha()


class _Parser:
    def __init__(self, stream: TokenStream) -> None:
        self.folded = stream.text
        self.toks = stream
        self.lex = _lexicon()

    # -- atoms -------------------------------------------------------------------------------
    def atom(self, i: int, first: bool) -> tuple[_Atom, int] | None:
        """The number atom at token ``i`` (and the index after it), with a connector before it."""
        toks = self.toks
        if i >= len(toks):
            return None
        joined = False
        if not first:
            if toks[i].newline_before:
                return None
            if toks[i].text.lower() in ("و", "and") and i + 1 < len(toks):
                if toks[i + 1].newline_before:
                    return None
                joined = True
                i += 1
            elif toks[i].text == "-" and not toks[i].space_before and i + 1 < len(toks) and not toks[i + 1].space_before:
                joined = True  # twenty-five
                i += 1
        tok = toks[i]
        english = tok.text.isascii()
        if tok.kind == "num":
            if _is_identifier_digit(self.folded, tok.start):
                return None
            return _Atom("D", _digit_value(tok.text), tok.start, joined, True, tok.text), i + 1
        if tok.kind != "word":
            return None
        found = self.lex.lookup(tok.text)
        if found is None and first and tok.text.startswith("ال") and i + 1 < len(toks):
            # «تجاوزت التسعين مليون دولار»: a definite number word before its scale is that number (alone,
            # «العشرين» is an ordinal: «القرن العشرين»)
            bare = self.lex.lookup(tok.text[2:], article_ok=False)
            scale = self.lex.lookup(toks[i + 1].text)
            if bare is not None and not bare[3] and bare[0] in ("ten", "hundred") and scale and scale[0] == "scale":
                found = bare
        if found is None:
            return None
        kind, value, plural, prefix, clitic_joined = found
        if not first and prefix and not clitic_joined:
            return None
        if not first and clitic_joined and joined:
            return None
        atom = _Atom(kind, value, tok.start + prefix, joined or clitic_joined, english, tok.text.lower(), plural)
        return atom, i + 1

    def next_is(self, i: int, kinds: tuple[str, ...], joined: bool | None = None) -> tuple[_Atom, int] | None:
        got = self.atom(i, first=False)
        if got and got[0].kind in kinds and (joined is None or got[0].joined == joined):
            return got
        return None

    # -- segments: a value below a scale, then the scale ---------------------------------------
    def segment(self, i: int, first: bool) -> tuple[float, float | None, int, int] | None:
        """(value, scale, folded start, next token index) of a number up to and including its scale."""
        got = self.atom(i, first)
        if got is None:
            return None
        a, j = got
        if not first and not a.joined:
            return None
        if a.kind == "scale" and a.plural:
            return None  # bare آلاف / ملايين: vague, handled by the caller
        value = a.value
        if a.kind == "D":
            pass
        elif a.kind == "unit":
            if a.word in ("a", "an") and not self.next_is(j, ("hundred", "scale"), joined=False):
                return None  # the article counts only in "a hundred", "a million"
            value, j = self._after_unit(a, j)
        elif a.kind == "teen_only":
            teen = self.next_is(j, ("unit",), joined=False)
            if teen is None or teen[0].value != 10:
                return None
            value, j = 10 + a.value, teen[1]
        elif a.kind == "ten":
            if a.english:
                unit = self.next_is(j, ("unit",))
                if unit and unit[0].english and unit[0].value < 10:
                    value, j = value + unit[0].value, unit[1]
        elif a.kind == "hundred":
            value, j = self._after_hundred(value, j, a.english)
        elif a.kind == "fraction":
            scale_tok = j < len(self.toks) and not self.toks[j].newline_before and self.lex.scale_after(self.toks[j].text)
            if not scale_tok:
                return None
            return value * scale_tok, scale_tok, a.start, j + 1
        elif a.kind in ("scale", "scale2"):
            two = a.kind == "scale2" or first and self._dual_in_construct(i, j)
            return (2.0 if two else 1.0) * a.value, a.value, a.start, j
        scale, j = self._scale(j, a)
        return value * (scale or 1.0), scale, a.start, j

    def _dual_in_construct(self, i: int, j: int) -> bool:
        """«مليونا يورو», «ألفا شخص»: a scale word in -ا with no number before it and a noun after it is the
        dual in construct (two million), not the accusative «مليوناً» (a million), which takes no noun."""
        tok = self.toks[i]
        if not tok.text.endswith("ا") or tok.text.isascii() or j >= len(self.toks):
            return False
        nxt = self.toks[j]
        if nxt.kind != "word" or nxt.newline_before or nxt.text.isascii() or nxt.text.startswith("و") or (
            self.lex.lookup(nxt.text) is not None
        ):
            return False  # «ألفا وخمسمئة»: the accusative, with more of the number after it
        norm = self.toks.norm
        if norm is not None:
            start, stop = self.toks.original(tok)
            if "\u064b" in norm.original[start:stop]:
                return False  # «مليوناً» written with its tanween
        return True

    def _after_unit(self, a: _Atom, j: int) -> tuple[float, int]:
        value = a.value
        nxt = self.next_is(j, ("unit",), joined=False)
        if nxt and nxt[0].value == 10 and value < 10 and not a.english:
            return 10 + value, nxt[1]  # ثلاثة عشر
        nxt = self.next_is(j, ("hundred",), joined=False)
        if nxt and nxt[0].value == 100 and 1 <= value <= 9:
            return self._after_hundred(value * 100, nxt[1], a.english)
        nxt = self.next_is(j, ("ten",), joined=True)
        if nxt and value < 10 and not a.english:
            return value + nxt[0].value, nxt[1]  # خمسة وعشرون
        return value, j

    def _after_hundred(self, value: float, j: int, english: bool) -> tuple[float, int]:
        nxt = self.atom(j, first=False)
        if nxt is None or not (nxt[0].joined or english):
            return value, j
        a, k = nxt
        if a.kind == "D" and a.value < 100 and a.value == int(a.value):
            return value + a.value, k
        if a.kind == "ten":
            if english:
                unit = self.next_is(k, ("unit",))
                if unit and unit[0].value < 10:
                    return value + a.value + unit[0].value, unit[1]
            return value + a.value, k
        if a.kind == "unit" and a.word not in ("a", "an"):
            sub, k = self._after_unit(a, k)
            return value + sub, k
        if a.kind == "teen_only":
            teen = self.next_is(k, ("unit",), joined=False)
            if teen and teen[0].value == 10:
                return value + 10 + a.value, teen[1]
        return value, j

    def _scale(self, j: int, a: _Atom) -> tuple[float | None, int]:
        if j >= len(self.toks) or self.toks[j].newline_before:
            return None, j
        tok = self.toks[j]
        if a.kind == "D" and tok.kind == "word" and tok.text.lower() in self.lex.suffix:
            word = tok.text.lower()
            glued = not tok.space_before
            sign = self.folded[a.start - 1] if a.start else ""
            if word in ("m", "b"):
                if glued and sign in _CURRENCY_SIGNS:
                    return self.lex.suffix[word], j + 1
                return None, j
            if glued or word in ("bn", "mn", "mln"):
                return self.lex.suffix[word], j + 1
        nxt = self.atom(j, first=False)
        if nxt and nxt[0].kind == "scale" and not nxt[0].joined and self.toks[j].start == nxt[0].start:
            return nxt[0].value, nxt[1]
        return None, j

    # -- whole expressions -------------------------------------------------------------------
    def vague_at(self, i: int) -> tuple[NumberMatch, int] | None:
        tok = self.toks[i]
        if tok.kind != "word":
            return None
        found = self.lex.lookup_vague(tok.text)
        if found is None:
            return None
        kind, scale, prefix = found
        start, j = tok.start + prefix, i + 1
        if kind in ("tens", "hundreds") and j < len(self.toks) and not self.toks[j].newline_before:
            k = j + 1 if self.toks[j].text.lower() == "of" and j + 1 < len(self.toks) else j
            nxt = self.lex.lookup_vague(self.toks[k].text) if k < len(self.toks) else None
            if nxt and nxt[0] == "plural" and nxt[2] == 0 and not self.toks[k].newline_before:
                scale, j = nxt[1], k + 1
        low, high = {"tens": (10, 100), "hundreds": (200, 1000), "plural": (2, 10)}[kind]
        end = self.toks[j - 1].end
        return NumberMatch(start, end, None, _clean(low * scale), _clean(high * scale - 1), True, True), j

    def number_at(self, i: int) -> tuple[NumberMatch, int] | None:
        seg = self.segment(i, first=True)
        if seg is None:
            return None
        total, last_scale, start, j = seg
        while last_scale:
            half = self.atom(j, first=False)
            if half and half[0].joined and half[0].kind == "fraction" and half[0].value == 0.5:
                after = self.toks[half[1]] if half[1] < len(self.toks) else None
                scale = self.lex.scale_after(after.text) if after is not None and not after.newline_before else None
                if scale is None or scale == last_scale:
                    total += 0.5 * last_scale  # مليون ونصف، مليار ونصف المليار
                    j = half[1] + (1 if scale else 0)
                    break
            more = self.segment(j, first=False)
            if more is None:
                break
            value, scale, _, k = more
            if scale is None and value < last_scale:
                total, j = total + value, k
                break
            if scale is not None and scale < last_scale:
                total, last_scale, j = total + value, scale, k
                continue
            break
        if not math.isfinite(total):
            return None  # a digit run too long for a float (thousands of digits) is no figure
        if total == int(total) and self._words_at(j, ("and", "a", "half")):
            total, j = total + 0.5, j + 3  # two and a half (years)
        end = self.toks[j - 1].end
        return NumberMatch(start, end, _clean(total), None, None, False, False), j

    def _words_at(self, j: int, words: tuple[str, ...]) -> bool:
        toks = self.toks[j:j + len(words)]
        return len(toks) == len(words) and all(
            t.text.lower() == w and not t.newline_before for t, w in zip(toks, words, strict=True))

    def run(self) -> list[NumberMatch]:
        found: list[NumberMatch] = []
        i = 0
        while i < len(self.toks):
            got = self.vague_at(i) or self.number_at(i)
            if got is None:
                i += 1
                continue
            match, j = got
            found.append(match)
            i = max(j, i + 1)
        return found


def _clean(value: float) -> float:
    """8.2 × 10⁶ is 8200000, not 8199999.999999999: keep 12 significant digits."""
    return float(f"{value:.12g}")


def find_numbers(folded: str | TokenStream) -> list[NumberMatch]:
    """Every number expression in folded text (longest match, left to right), offsets into the folded text.

    A document's numbers are read once from its token stream (``Doc.numbers``); a string is tokenised here.
    """
    return _Parser(folded if isinstance(folded, TokenStream) else TokenStream(folded)).run()


def parse_number(folded: str) -> float | None:
    """The value of a string that is exactly one (non-vague) number expression, else None."""
    text = folded.strip()
    matches = find_numbers(text)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text) and not matches[0].vague:
        return matches[0].value
    return None
