"""The quote stage's language data, read once: every word list the construction readers test words against.

Three files of :mod:`isnad.lang`: ``quotes_constructions.json`` (function words, closed classes and affixes
of the constructions, each list with its description), ``quotes_sources.json`` (the nouns that head a source;
the lists matched on keys go through :func:`isnad.components.attribution.in_list`) and the month names of
``times_months.tsv``.  Entries are written in full spelling and folded here (:func:`isnad.text.normalize.fold`).
This module is the only place that reads them, so that a general language-data loader can take its place.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from isnad.text.normalize import fold, key

CONSTRUCTIONS = "quotes_constructions.json"
SOURCES = "quotes_sources.json"


def _read(name: str) -> str:
    return resources.files("isnad.lang").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def data(name: str) -> dict[str, Any]:
    """The parsed JSON file ``name`` of :mod:`isnad.lang`."""
    return json.loads(_read(name))


def written(name: str) -> list[str] | dict[str, str]:
    """The entries of list ``name`` as written in the data: a list of words, or the pairs of a mapping."""
    constructions = data(CONSTRUCTIONS)
    if name in constructions:
        entry = constructions[name]
        return entry["pairs"] if "pairs" in entry else entry["words"]
    return data(SOURCES)[name]


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


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Keys of the words of month names (ديسمبر, كانون, ربيع …) of the times lexicon."""
    rows = _read("times_months.tsv").splitlines()
    return frozenset(key(w) for row in rows if row and not row.startswith("#") for w in row.split("\t")[0].split())
