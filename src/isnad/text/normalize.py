"""Arabic-aware normalisation that never loses the way back to the original offsets.

``normalize(text)`` returns a :class:`NormalizedText`: the folded string plus, for every folded
character, the index of the original character it came from.  Extractors match patterns on the
folded string and convert match positions back with :meth:`NormalizedText.span`, so every span
they emit points into the exact input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from isnad.core.limits import WORD_TYPES

# Harakat, shadda, sukun, dagger alef, Quranic marks: removed.
_DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"} | {
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DD, 0x06DE, 0x06E9)
}
_REMOVED = _DIACRITICS | {"\u0640"}  # tatweel
# Invisible format characters (bidi controls, zero-width): removed from the folded text only.
_FORMAT = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"} | {
    chr(c) for c in range(0x202A, 0x202F)
} | {chr(c) for c in range(0x2066, 0x206A)}

_LETTER_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي",
    "ک": "ك", "ڪ": "ك",
    "ە": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "٬": ",", "٫": ".", "٪": "%",
}
for _i in range(10):
    _LETTER_FOLD[chr(0x0660 + _i)] = str(_i)  # Eastern Arabic digits
    _LETTER_FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits

# Stronger folding used only for matching keys (lexicons, gold comparison).
_KEY_FOLD = {"ة": "ه", "ؤ": "و", "ئ": "ي", "ء": ""}
_KEY_TABLE = str.maketrans(_KEY_FOLD)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _REMOVED or ch in _FORMAT:
        return ""
    if ch in _LETTER_FOLD:
        return _LETTER_FOLD[ch]
    if ord(ch) < 0x80:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch:
        return "".join(_fold_char(c) if c != ch else c for c in folded)
    return ch


@dataclass(frozen=True)
class NormalizedText:
    """A folded string and the map from each of its characters to the original string."""

    original: str
    text: str
    origin: tuple[int, ...]  # origin[i] = index in ``original`` of the char that produced text[i]

    def orig_index(self, i: int) -> int:
        """Original offset of folded position ``i`` (``len(text)`` maps to ``len(original)``)."""
        if i >= len(self.text):
            return len(self.original)
        return self.origin[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded slice ``text[start:end]``.

        The end is the end of the original character that produced ``text[end - 1]``, so a
        slice never cuts a character whose fold produced several characters, and trailing
        removed marks (diacritics of the last letter) stay inside the original span.
        """
        if end <= start:
            o = self.orig_index(start)
            return o, o
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1
        # Carry the diacritics/tatweel that follow the last letter in the original.
        while o_end < len(self.original) and self.original[o_end] in _REMOVED:
            o_end += 1
        return o_start, o_end


def normalize(text: str) -> NormalizedText:
    """Fold diacritics, tatweel, alef/hamza forms, ى/ي, Persian letters, digits, separators, NFKC.

    A text has a few hundred distinct characters: each is folded once and the text translated in one
    pass; the offset map is built per character only where a character vanishes or expands.
    """
    folds = {ch: _fold_char(ch) for ch in set(text)}
    folded = text.translate(str.maketrans(folds))
    lengths = {ch: len(f) for ch, f in folds.items()}
    if all(n == 1 for n in lengths.values()):
        origin: tuple[int, ...] = tuple(range(len(text)))
    elif all(n <= 1 for n in lengths.values()):
        origin = tuple(i for i, ch in enumerate(text) if lengths[ch])
    else:
        origin = tuple(i for i, ch in enumerate(text) for _ in range(lengths[ch]))
    if _GLUED.search(folded):
        folded, origin = _unglue(folded, origin)
    return NormalizedText(text, folded, origin)


# «بقيمة10 مليارات», «في2017», «7آب/أغسطس», «بالمئةالصين»: web text glues words to figures; the folded text
# gets a space there (mapped to the character before it), so every reader sees two words, as if written with
# the space, while offsets still point into the text as written.  A word glued before a figure is cut off only
# when it is one that introduces figures (``glued_before_numbers``): «فرانس24», «الجزيرة360» are names.
_GLUED = re.compile(r"(?<=[\u0621-\u064A])(?=\d)|(?<=\d)(?=[\u0621-\u064A])|(?<=ة)(?=ال)")
_DIGITS = re.compile(r"[\d.,]*\d")  # the figure a glued word stands before


@lru_cache(maxsize=1)
def _glued_before_numbers() -> frozenset[str]:
    from isnad import lang  # the language layer itself folds with this module

    return frozenset(fold(w) for w in lang.lists("numbers_ar.json")["glued_before_numbers"])


@lru_cache(maxsize=1)
def _scale_after() -> re.Pattern[str]:
    """A scale word or a percent sign after a figure («3,8 مليون»): a figure, whatever word it is glued to."""
    from isnad import lang

    scales = lang.lists("numbers_ar.json")["scale"]
    words = "|".join(sorted(map(re.escape, {fold(w) for w in scales}), key=len, reverse=True))
    return re.compile(rf"\s*(?:%|٪|{words})(?!\w)")


def _unglue(folded: str, origin: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    cuts = []
    for m in _GLUED.finditer(folded):
        at = m.start()
        if folded[at].isdigit():
            word_start = max(folded.rfind(" ", 0, at), folded.rfind("\n", 0, at)) + 1
            word = folded[word_start:at]
            if word not in _glued_before_numbers() and word[1:] not in _glued_before_numbers() and not (
                len(word) > 2 and _scale_after().match(folded, _DIGITS.match(folded, at).end())
            ):  # (a proclitic stays on its figure: «و2.5 مليون»)
                continue  # «فرانس24»: a name with its number (but «وفي2017», «بقيمة10», «إيران3,8 مليون» are cut)
        cuts.append(at)
    parts: list[str] = []
    mapped: list[int] = []
    last = 0
    for cut in cuts:
        parts += [folded[last:cut], " "]
        mapped += [*origin[last:cut], origin[cut - 1]]
        last = cut
    parts.append(folded[last:])
    mapped += origin[last:]
    return "".join(parts), tuple(mapped)


# Words and short phrases repeat: their folds are memoised (a document's few thousand word types).
_MEMO_MAX_LENGTH = 64


def fold(text: str) -> str:
    """The folded string alone (no map)."""
    if len(text) <= _MEMO_MAX_LENGTH:
        return _fold_short(text)
    return "".join(_fold_char(ch) for ch in text)


def key(text: str) -> str:
    """A matching key: ``fold`` plus ة→ه, hamza seats dropped, case folded, spaces collapsed."""
    if len(text) <= _MEMO_MAX_LENGTH:
        return _key_short(text)
    return _key(text)


@lru_cache(maxsize=WORD_TYPES)
def _fold_short(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=WORD_TYPES)
def _key_short(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    folded = fold(text).casefold().translate(_KEY_TABLE)
    return " ".join(folded.split())
