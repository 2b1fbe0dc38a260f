"""Search terms: the words of a text folded and lightly stemmed, with their original offsets.

A corpus index and a query must fold the same way, or «الأسد» in a query misses «الاسد» in an
article.  Both go through :func:`isnad.text.normalize.key` (diacritics, tatweel, alef/hamza forms,
ى/ي, ة/ه, Persian letters, digits, case) and then a light stemmer:

- the article and the proclitics written before it are removed: «الأسد», «بالأسد», «وبالأسد»,
  «للأسد» all give ``اسد``, like «أسد»;
- a sound feminine plural ends like its singular: «الحكومات» gives ``حكومه`` like «الحكومة»;
- a bare proclitic (و ف ب ك ل with no article after it) is ambiguous: «وزير» is no و + «زير», but
  «وأسد» is و + «أسد».  A word's *primary* term keeps it; its *alternative* terms are the
  readings without it (:func:`isnad.text.tokens.segmentations`).  An index stores both, a query
  asks for the primary term only: «أسد» finds «وأسد», and «وزير» does not find «زير».

Suffixes other than ات are kept: stripping ة, ين or ان would make «الدولة» find «الدول», «البحرين»
find «البحر» and «السودان» find «سود».
"""

from __future__ import annotations

import re
from functools import lru_cache

from isnad.core.limits import WORD_TYPES
from isnad.text.normalize import key
from isnad.text.tokens import segmentations

# و/ف, then ب/ك/ل, then the article; "لل" is ل + ال with the alef dropped («للأسد»)
_DEFINITE = re.compile(r"^[وف]?(?:[بك]?ال|لل)")
_MIN_STEM = 2  # letters left after removing an article or a proclitic («السد» is ال + «سد»)
# after a proclitic and the article, two letters are too weak a reading to be the primary term
# («والدة» is no و + ال + «دة»); it stays an alternative («والسد» is found by «السد»)
_MIN_STEM_AFTER_CLITIC = 3
_WHOLE = frozenset({"الله", "اللهم"})  # an article reading would give «له»
_NUMBER_SEPARATORS = str.maketrans("", "", ",")
# the word and number tokens of isnad.text.tokens.tokenize (its punctuation tokens are not searched)
_WORD = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+(?:[\u064B-\u065F\u0670\u0640]*[^\W\d_]*)*")


def _plural_to_singular(stem: str) -> str:
    if stem.endswith("ات") and len(stem) - 2 >= 3:
        return stem[:-2] + "ه"
    return stem


def _without_definite(word: str, after_clitic: int = _MIN_STEM_AFTER_CLITIC) -> str:
    if word in _WHOLE:
        return word
    match = _DEFINITE.match(word)
    if match is None:
        return word
    least = _MIN_STEM if match.end() == 2 and word.startswith("ال") else after_clitic
    return word[match.end():] if len(word) - match.end() >= least else word


@lru_cache(maxsize=WORD_TYPES)
def _terms_of_key(folded: str) -> tuple[str, tuple[str, ...]]:
    if not folded[:1].isalpha() or folded.isascii():
        return folded.translate(_NUMBER_SEPARATORS) if folded[:1].isdigit() else folded, ()
    bare = _without_definite(folded)
    primary = _plural_to_singular(bare)
    alternatives: list[str] = []
    if bare == folded:  # no article read: a bare proclitic (or a short stem after one) may start the word
        readings = [_without_definite(folded, _MIN_STEM)] + [rest for _, rest in segmentations(folded)[1:]]
        for reading in readings:
            term = _plural_to_singular(_without_definite(reading))
            if len(term) >= _MIN_STEM and term != primary and term not in alternatives:
                alternatives.append(term)
    return primary, tuple(alternatives)


@lru_cache(maxsize=WORD_TYPES)
def word_terms(word: str) -> tuple[str, tuple[str, ...]]:
    """``(primary term, alternative terms)`` of one word as written (memoised: a corpus repeats its words)."""
    return _terms_of_key(key(word))


def query_term(word: str) -> str:
    """The term a query word asks for (its primary term)."""
    return word_terms(word)[0]


def find(text: str, terms: set[str], prefixes: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of every word indexed under one of ``terms`` or a term starting with a prefix."""
    found = []
    for match in _WORD.finditer(text):
        primary, alternatives = word_terms(match.group())
        if primary in terms or (alternatives and not terms.isdisjoint(alternatives)) \
                or (prefixes and any(term.startswith(prefixes) for term in (primary, *alternatives))):
            found.append(match.span())
    return found


def index_text(text: str) -> tuple[str, str]:
    """``(primary terms, alternative terms)`` of a text, space-separated, for a full-text index.

    The primary terms keep the order of the words (phrase queries match them); the alternatives
    are a bag of the other readings.
    """
    primary: list[str] = []
    alternatives: list[str] = []
    for token in _WORD.findall(text):
        term, others = word_terms(token)
        if term:
            primary.append(term)
            alternatives.extend(others)
    return " ".join(primary), " ".join(alternatives)


__all__ = ["find", "index_text", "query_term", "word_terms"]
