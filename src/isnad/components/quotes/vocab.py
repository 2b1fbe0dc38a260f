"""What one word is to the attribution rules: closed-class tests on a folded word, memoised per word type.

A text repeats few word types and several constructions ask the same question of the same word, so each answer
is computed once (``lru_cache``) from the lists of :mod:`isnad.components.quotes.lexicon`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from isnad.components.attribution import cue_lexicon, in_list
from isnad.components.quotes import lexicon
from isnad.core.limits import WORD_PAIRS
from isnad.text.normalize import key

_PER_TYPE = WORD_PAIRS


@lru_cache(maxsize=_PER_TYPE)
def listed(name: str, word: str) -> bool:
    """``word`` is in the lexicon list ``name`` as is or after a proclitic و/ف («ولم», «وفيها»)."""
    words = lexicon.words(name)
    word = word.casefold()
    return word in words or len(word) > 2 and word[:1] in lexicon.words("conjunction_proclitics") and (
        word[1:] in words)


@lru_cache(maxsize=_PER_TYPE)
def function_word(word: str) -> bool:
    """A particle, negation, relative pronoun or preposition with a pronoun suffix («مما», «لم», «التي», «فيها»):
    it never starts the noun phrase of a speaker."""
    return any(listed(name, word) for name in ("non_speaker_words", "relative_pronouns", "pronoun_prepositions"))


def adverbial(word: str) -> bool:
    """«بدورها», «أيضا»: an adverbial that may stand between a verb and its subject, never part of the subject."""
    return listed("speaker_adverbials", word)


@lru_cache(maxsize=_PER_TYPE)
def is_time(word: str) -> bool:
    """A time word or adverb («أمس», «الأحد», «وأمس»), matched exactly so that «أحد» (one) is not Sunday."""
    return in_list("time_words", word, exact=True) or word[:1] in lexicon.words("conjunction_proclitics") and (
        in_list("time_words", word[1:], exact=True))


@lru_cache(maxsize=_PER_TYPE)
def month_word(word: str) -> bool:
    """A word of a month name (ديسمبر, كانون, ربيع …) from the times lexicon."""
    return key(word) in lexicon.month_words()


@lru_cache(maxsize=_PER_TYPE)
def role_or_title(word: str) -> bool:
    """A role («وزير», «المتحدث») or a title («الدكتور»): a name may follow it in the same phrase."""
    return in_list("person_roles", word) or in_list("person_titles", word, exact=True)


@lru_cache(maxsize=256)
def lemma_forms(lemma: str) -> frozenset[str]:
    """Forms of an ambiguous cue that count: no object pronouns (بينها is «between them»)."""
    suffixes = lexicon.ordered("object_pronoun_suffixes")
    return frozenset(form for form, e in cue_lexicon().items() if e.lemma == lemma and not form.endswith(suffixes))


@lru_cache(maxsize=1)
def related_link() -> re.Pattern[str]:
    """A news site's related-link marker («اقرأ أيضًا:») in folded text."""
    phrases = sorted(lexicon.words("related_link_markers"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def english_channels() -> tuple[str, ...]:
    """English channel phrases of the lexicon («in a statement», «at a news conference»)."""
    return tuple(c for c in lexicon.ordered("channel_starts") if c.isascii() and " " in c)
