"""Tokens with offsets, and Arabic proclitic segmentation computed once per word type.

Two tokenisers, for two kinds of input:

- :class:`TokenStream`: the tokens of a document's *folded* text (:mod:`isnad.text.normalize`),
  built once per document by :class:`isnad.core.doc.Doc` and shared by every stage.  Each token
  knows its kind (word, number, punctuation), its matching key, whether a line break precedes
  it, its offsets in the folded text and, through the stream, in the original text.
- :func:`tokenize`: tokens of any original string (a knowledge-base alias, a span of the input),
  with diacritics kept inside words.

Proclitics (و ف ب ل ك and their pairs) are split by :func:`segmentations`, which lists every
plausible reading of a word (``وبالقوات`` → ``و+ب+القوات``, ``و+بالقوات``, whole) once per word
type; each consumer keeps the reading its own evidence supports (a known name, a unit, a cue).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from isnad.core.limits import WORD_TYPES
from isnad.text.normalize import NormalizedText, key

# Original text: letters/digits/marks, with number-internal separators (6,000 / 3.5 / ٣٫٥) kept in one token.
_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+(?:[\u064B-\u065F\u0670\u0640]*[^\W\d_]*)*|\S", re.UNICODE)
# Folded text: thousands groups ("," or a space + exactly three digits), else a plain number with an
# optional decimal part; a run of letters; any other non-space character.
DIGITS = r"\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f])\d{3}(?!\d))+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_FOLDED_TOKEN = re.compile(rf"(?P<num>{DIGITS})|(?P<word>[^\W\d_]+)|(?P<punct>\S)")

#: proclitic sequences, longest first: one conjunction (و ف) and one preposition (ب ل ك) at most
PROCLITICS = ("وب", "وك", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of the original string ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def count_tokens(text: str, start: int = 0, end: int | None = None) -> int:
    """How many tokens :func:`tokenize` would make of ``text[start:end]``."""
    return len(_TOKEN.findall(text, start, len(text) if end is None else end))


@dataclass(frozen=True, slots=True)
class FoldedToken:
    """A token of the folded text: ``start``/``end`` index ``norm.text``; ``i`` is its position."""

    i: int
    start: int
    end: int
    text: str
    kind: str  # "word" | "num" | "punct"
    key: str
    newline_before: bool
    space_before: bool

    @property
    def is_word(self) -> bool:
        return self.kind != "punct"

    @property
    def splits(self) -> tuple[tuple[int, str], ...]:
        """``(proclitic length, rest)`` readings of the key, whole word first (:func:`segmentations`)."""
        return segmentations(self.key)


class TokenStream(Sequence[FoldedToken]):
    """The tokens of one folded text, with offset lookups both ways (to the original through ``norm``)."""

    def __init__(self, source: NormalizedText | str):
        self.norm = source if isinstance(source, NormalizedText) else None
        self.text = folded = source.text if isinstance(source, NormalizedText) else source
        toks: list[FoldedToken] = []
        last = 0
        for m in _FOLDED_TOKEN.finditer(folded):
            gap = folded[last:m.start()]
            text = m.group()
            toks.append(FoldedToken(len(toks), m.start(), m.end(), text, m.lastgroup or "punct", key(text),
                                    "\n" in gap, bool(gap)))
            last = m.end()
        self._toks = toks
        self._starts = [t.start for t in toks]

    def __len__(self) -> int:
        return len(self._toks)

    def __getitem__(self, i):  # type: ignore[override]
        return self._toks[i]

    def __iter__(self) -> Iterator[FoldedToken]:
        return iter(self._toks)

    def index_at(self, pos: int) -> int:
        """Index of the first token starting at or after folded offset ``pos``."""
        return bisect.bisect_left(self._starts, pos)

    def between(self, start: int, end: int) -> list[FoldedToken]:
        """The tokens lying inside folded ``[start, end)``."""
        return self._toks[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    def original(self, tok: FoldedToken) -> tuple[int, int]:
        """``(start, end)`` of the token in the original text."""
        if self.norm is None:
            return tok.start, tok.end
        return self.norm.span(tok.start, tok.end)


@lru_cache(maxsize=WORD_TYPES)
def segmentations(word: str) -> tuple[tuple[int, str], ...]:
    """Every reading of ``word`` as proclitics + rest: ``(0, word)`` first, then longer splits first.

    A split needs at least two letters left (``وزير`` may be و + زير; whether it *is* is the
    consumer's call, with its own lexicon).
    """
    out = [(0, word)]
    for clitic in PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            out.append((len(clitic), word[len(clitic):]))
    return tuple(out)


def strip_proclitic(word: str, known: set[str] | None = None) -> tuple[str, int]:
    """Split leading و/ف/ب/ل/ك (one conjunction and one preposition at most) off an Arabic word.

    Returns ``(rest, n)`` with ``rest == word[n:]``, so offsets stay exact.  With ``known``, a
    split is only made when ``rest`` (or ``ا`` + rest, for ``للأمم``) is a known form, which
    avoids cutting real initial letters (``وزير`` is not و + زير).  Without it, a split needs the
    rest to start with ال or to keep at least four letters.
    """
    for n, rest in segmentations(word)[1:]:
        if len(rest) < 2:
            continue
        if known is not None:
            if rest in known or (word[n - 1] == "ل" and "ا" + rest in known):
                return rest, n
        elif rest.startswith("ال") or len(rest) >= 4:
            return rest, n
    return word, 0
