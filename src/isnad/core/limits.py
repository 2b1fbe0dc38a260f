"""How many word types each memo of a process keeps.

Most of the per-word work — a word's folded key, its clitic segmentations, its NER features, whether it
is on a cue list — is a pure function of the word type, memoised so that the few thousand types that make
up most of any article are computed once per process.  News vocabulary has no end (names, clitic
combinations, misspellings), so every memo is bounded: with 200,000 entries per memo a worker reading the
2018 corpus grew past 1.3 GB after 6,000 articles, and kept growing.  At :data:`WORD_TYPES` entries each,
the same worker levels off near 250 MB, and at the same speed as with twice as many (measured over 3,000
ANT articles: 244 MB and 26.0 articles/s here, 330 MB and 22.4 with 32,768 entries, in the same minutes).
"""

WORD_TYPES = 1 << 14
"""Entries per word-type memo (an ``lru_cache`` or a dict cleared when it passes this size)."""

WORD_PAIRS = 1 << 15
"""Entries per memo keyed by a word and a list or position (a few lists ask about the same word)."""
