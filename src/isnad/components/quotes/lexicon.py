"""The quote stage's language data, read once: every word list the construction readers test words against.

Three files of :mod:`isnad.lang`: ``quotes_constructions.json`` (function words, closed classes and affixes
of the constructions, each list with its description), ``quotes_sources.json`` (the nouns that head a source;
the lists matched on keys go through :func:`isnad.components.attribution.in_list`) and the month names of
``times_months.tsv``.  Entries are written in full spelling and folded here (:func:`isnad.text.normalize.fold`).
They are read through :mod:`isnad.lang` (validated against its schema); this module folds them.
"""

from __future__ import annotations

from functools import cache

from isnad import lang
from isnad.text.normalize import fold, key

CONSTRUCTIONS = "quotes_constructions.json"
SOURCES = "quotes_sources.json"


def written(name: str) -> list[str] | dict[str, str]:
    """The entries of list ``name`` as written in the data: a list of words, or the pairs of a mapping."""
    constructions = lang.lists(CONSTRUCTIONS)
    return constructions[name] if name in constructions else lang.lists(SOURCES)[name]


@cache
def words(name: str) -> frozenset[str]:
    """The folded entries of list ``name``, to compare with a folded word as is (not keyed: «فيه» ≠ «فئة»)."""
    return frozenset(ordered(name))


@cache
def ordered(name: str) -> tuple[str, ...]:
    """The folded entries of list ``name`` in their written order (prefixes and suffixes for ``startswith``)."""
    return tuple(fold(w).casefold() for w in written(name))


@cache
def keys(name: str) -> frozenset[str]:
    """The entries of list ``name`` as matching keys (:func:`isnad.text.normalize.key`)."""
    return frozenset(key(w) for w in written(name))


@cache
def pairs(name: str) -> dict[str, str]:
    """The folded mapping ``name`` (a cue lemma -> the word it needs)."""
    entries = written(name)
    if not isinstance(entries, dict):
        raise TypeError(f"{name} is a list, not pairs")
    return {fold(k): fold(v) for k, v in entries.items()}


@cache
def month_words() -> frozenset[str]:
    """Keys of the words of month names (ديسمبر, كانون, ربيع …) of the times lexicon."""
    return frozenset(key(w) for row in lang.rows("times_months.tsv") for w in row[0].split())
