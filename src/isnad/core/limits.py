"""How many word types each memo of a process keeps.

Most of the per-word work — a word's folded key, its clitic segmentations, its NER features, whether it
is on a cue list — is a pure function of the word type, memoised so that the few thousand types that make
up most of any article are computed once per process.  News vocabulary has no end (names, clitic
combinations, misspellings), so every memo is bounded: with 200,000 entries per memo a worker reading the
2018 corpus grew past 1.3 GB after 6,000 articles, and kept growing.  At :data:`WORD_TYPES` entries each,
the same worker levels off near 250 MB, and at the same speed as with twice as many (measured over 3,000
ANT articles: 244 MB and 26.0 articles/s here, 330 MB and 22.4 with 32,768 entries, in the same minutes).
"""

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

WORD_TYPES = 1 << 14
"""Entries per word-type memo (an ``lru_cache`` or a :class:`Memo`)."""

WORD_PAIRS = 1 << 15
"""Entries per memo keyed by a word and a list or position (a few lists ask about the same word)."""


class Memo(Generic[K, V]):
    """A bounded memo that keeps what is in use: two generations of at most ``limit // 2`` entries.

    Clearing a full dict throws away «في» with the one-off names, and the next sentence renders its
    common words again; here a full young generation becomes the old one, and a hit in the old one
    moves back into the young, so the words a corpus keeps using survive every turnover.  Measured on
    2,000 ANT articles with the NER renderer's memo: 131,000 word types rendered instead of 152,000
    with a cleared dict of the same bound.
    """

    __slots__ = ("_young", "_old", "_half")

    def __init__(self, limit: int = WORD_TYPES):
        self._young: dict[K, V] = {}
        self._old: dict[K, V] = {}
        self._half = max(1, limit // 2)

    def __getitem__(self, k: K) -> V:
        try:
            return self._young[k]
        except KeyError:
            found = self._old[k]  # a miss in both generations raises KeyError, as a dict does
        self[k] = found
        return found

    def get(self, k: K) -> V | None:
        """The remembered value, or None (for memos whose values are never None)."""
        try:
            return self[k]
        except KeyError:
            return None

    def __setitem__(self, k: K, value: V) -> None:
        young = self._young
        if len(young) >= self._half:
            self._old = young
            young = self._young = {}
        young[k] = value

    def __len__(self) -> int:
        return len(self._young) + len(self._old)
