"""Word tokens with offsets, and Arabic proclitic handling that keeps them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters/digits/marks, with number-internal separators (6,000 / 3.5 / ٣٫٥) kept in one token.
_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+(?:[\u064B-\u065F\u0670\u0640]*[^\W\d_]*)*|\S", re.UNICODE)
_PROCLITICS = ("وب", "وك", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def strip_proclitic(word: str, known: set[str] | None = None) -> tuple[str, int]:
    """Split leading و/ف/ب/ل/ك (one conjunction and one preposition at most) off an Arabic word.

    Returns ``(rest, n)`` with ``rest == word[n:]``, so offsets stay exact.  With ``known``, a
    split is only made when ``rest`` (or ``ا`` + rest, for ``للأمم``) is a known form, which
    avoids cutting real initial letters (``وزير`` is not و + زير).  Without it, a split needs the
    rest to start with ال or to keep at least four letters.
    """
    for clitic in _PROCLITICS:
        if not word.startswith(clitic) or len(word) <= len(clitic) + 1:
            continue
        rest = word[len(clitic):]
        if known is not None:
            if rest in known or (clitic.endswith("ل") and "ا" + rest in known):
                return rest, len(clitic)
        elif rest.startswith("ال") or len(rest) >= 4:
            return rest, len(clitic)
    return word, 0
