"""Title and byline of a plain-text article, read from its first and last lines.

A ``.txt`` article carries no fields, but news text has a shape: the headline is the first line,
short and without final punctuation, with the body after it; the byline is a line of its own near
the top or the bottom: «✍️ ليلى حداد», «بقلم: د. سامر العلي», "By Jane Smith".  The text itself is
never changed (offsets stay exact); only the document's ``title`` and ``author`` are filled.
"""

from __future__ import annotations

import re

from isnad.text.segment import paragraphs

_HEADLINE_MAX_WORDS = 14
_HEADLINE_MAX_CHARS = 200
_HEADLINE_ENDINGS = ".!?؟…:،,؛;»\"”)]"
_BYLINE_LINES = 5  # a byline sits in the first or the last few lines of an article
# A name is a few words of letters (Arabic or Latin), dots of initials or titles (د. J.),
# apostrophes and hyphens (O'Neil, al-Ali); the words "and"/"و" join co-authors.
_WORD = r"[^\W\d_][\w.'’\-\u0640\u064B-\u065F\u0670]*"  # with tatweel and diacritics
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,5}}"
_BYLINES = (
    re.compile(rf"^✍[\ufe0f\U0001F3FB-\U0001F3FF]*\s*[:：\-–—]?\s*(?P<name>{_NAME})\s*$"),
    re.compile(rf"^بقلم\s*[:：\-–—]?\s*(?P<name>{_NAME})\s*$"),
    re.compile(rf"^[Bb]y\s*[:：]?\s+(?P<name>{_NAME})\s*$"),
)

_PROFESSION = re.compile(r"^(?:الكاتبة|الكاتب|الصحفية|الصحفي|الصحافية|الصحافي)\s+")
_NAME_PARTICLES = frozenset({"and", "de", "da", "van", "von", "bin", "ibn", "abu"})


def _name_word(word: str) -> bool:
    return word[0].isupper() or word.lower() in _NAME_PARTICLES or word.lower().startswith(("al-", "el-"))


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, no final punctuation, and the body follows."""
    lines = paragraphs(text)
    if len(lines) < 2:
        return None
    start, end = lines[0]
    first = text[start:end]
    if len(first) > _HEADLINE_MAX_CHARS or len(first.split()) > _HEADLINE_MAX_WORDS:
        return None
    if first[-1] in _HEADLINE_ENDINGS or byline_of(first) is not None:
        return None
    return first


def byline_of(line: str) -> str | None:
    """The name in a byline line («✍️ name», «بقلم name», "By Name"), else None."""
    for pattern in _BYLINES:
        match = pattern.match(line.strip())
        if match is None:
            continue
        name = _PROFESSION.sub("", match.group("name")).strip(" .-–—")
        # "By the time we arrived": an English byline names someone, in capitals
        if pattern is _BYLINES[2] and not all(_name_word(w) for w in name.split()):
            return None
        return name or None
    return None


def byline(text: str) -> str | None:
    """The author named by a byline among the first or last lines of ``text``."""
    lines = paragraphs(text)
    candidates = lines[:_BYLINE_LINES] + lines[-_BYLINE_LINES:]
    for start, end in candidates:
        name = byline_of(text[start:end])
        if name is not None:
            return name
    return None
