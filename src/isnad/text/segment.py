"""Paragraphs, sentences and headings for Arabic and English news text, with exact offsets.

Rules, in the order they matter:
- a paragraph is a run of non-empty lines separated by a newline;
- a sentence ends at ``. ! ? ؟ …`` (or ``!?`` runs), followed by closing quotes/brackets, then space;
- ``، ؛ ,`` never end a sentence; a dot between digits (3.5, ٣٫٥) or after a known abbreviation,
  an initial (``J. Smith``) or a one-letter Arabic abbreviation (``د.``) does not either;
- inside an open quotation (« “ ") terminal punctuation does not split, so a quote that spans
  sentences stays one sentence, unless the quotation never closes within the paragraph;
- a heading is a short line with no final punctuation (titles, crossheads in opinion pieces);
- a sentence holds at most ``MAX_SENTENCE_TOKENS`` tokens: a longer run (text without punctuation,
  10,000 quote marks) is cut after its last comma in the second half of the window, else at the
  limit.  The NER encoder runs once per sentence and its cost per token grows with the sentence's
  length, so unbounded sentences made junk input cost up to 8× normal text of the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from isnad.text.tokens import count_tokens, tokenize

_TERMINALS = ".!?؟…"
_CLOSERS = "\"'»”’)]}›"
_OPENERS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e",
    "a.m", "p.m", "approx", "est", "fig", "al",
}
_ARABIC_ABBREVIATIONS = {"د", "م", "ق", "هـ", "ه", "أ", "ج", "ص", "ت", "ب", "ش"}
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_MAX_HEADING_WORDS = 14
#: the longest sentence of the dev and check articles has 109 tokens (p99 88): real text is never cut
MAX_SENTENCE_TOKENS = 120
_CLAUSE_ENDS = frozenset("،,؛;")


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int
    paragraph: int
    heading: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding whitespace."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        spans.append((m.start() + lead, m.start() + lead + len(stripped)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    lower = word.lower()
    if lower in _ABBREVIATIONS or lower.rstrip(".") in _ABBREVIATIONS:
        return True
    if word in _ARABIC_ABBREVIATIONS:
        return True
    # Initials: "J. Smith".
    return len(word) == 1 and word.isupper()


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    open_quotes: list[str] = []
    ascii_quote_open = False
    sent_start = start
    i = start
    # A quotation that does not close in this paragraph must not swallow it.
    unbalanced = _has_unbalanced_quotes(text[start:end])
    while i < end:
        ch = text[i]
        if ch in _OPENERS:
            open_quotes.append(_OPENERS[ch])
        elif open_quotes and ch == open_quotes[-1]:
            open_quotes.pop()
        elif ch == '"':
            ascii_quote_open = not ascii_quote_open
        inside = (open_quotes or ascii_quote_open) and not unbalanced
        if ch in _CLOSERS and not inside and i > start and text[i - 1] in _TERMINALS:
            j = i + 1
            while j < end and text[j] in _CLOSERS:
                j += 1
            if j >= end or text[j].isspace():  # «… انتهى.» then a new sentence
                pieces.append((sent_start, j))
                while j < end and text[j].isspace():
                    j += 1
                sent_start = i = j
                continue
        if ch in _TERMINALS and not inside:
            if ch == "." and _dot_continues(text, i, end):
                i += 1
                continue
            j = i + 1
            while j < end and (text[j] in _TERMINALS or text[j] in _CLOSERS):
                if text[j] == '"':
                    ascii_quote_open = not ascii_quote_open
                j += 1
            if j >= end or text[j].isspace():
                pieces.append((sent_start, j))
                while j < end and text[j].isspace():
                    j += 1
                sent_start = j
                i = j
                continue
        i += 1
    if sent_start < end:
        pieces.append((sent_start, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _dot_continues(text: str, i: int, end: int) -> bool:
    """A dot inside a number, a URL, or after an abbreviation does not end a sentence."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < end else ""
    if prev.isdigit() and nxt.isdigit():
        return True
    if nxt and not nxt.isspace() and nxt not in _CLOSERS and nxt not in _TERMINALS:
        return True  # "U.S.A", "example.com", "3.5"
    if _is_abbreviation(text, i):
        # An abbreviation at the very end of a paragraph still ends it.
        return i + 1 < end
    return False


def _has_unbalanced_quotes(segment: str) -> bool:
    depth = 0
    for ch in segment:
        if ch in _OPENERS:
            depth += 1
        elif ch in _OPENERS.values() and ch not in _OPENERS:
            depth -= 1
    return depth != 0 or segment.count('"') % 2 == 1


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped[-1] in _TERMINALS + _CLOSERS + ":،,؛;":
        return False
    return len(stripped.split()) <= _MAX_HEADING_WORDS


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into pieces of at most ``MAX_SENTENCE_TOKENS`` tokens."""
    if end - start <= MAX_SENTENCE_TOKENS or count_tokens(text, start, end) <= MAX_SENTENCE_TOKENS:
        return [(start, end)]  # most sentences: counted without making tokens
    tokens = tokenize(text, start, end)
    pieces = []
    first = 0
    while len(tokens) - first > MAX_SENTENCE_TOKENS:
        cut = first + MAX_SENTENCE_TOKENS  # the first token of the next piece
        for j in range(cut - 1, first + MAX_SENTENCE_TOKENS // 2, -1):
            if tokens[j].text in _CLAUSE_ENDS:
                cut = j + 1
                break
        pieces.append((start if first == 0 else tokens[first].start, tokens[cut - 1].end))
        first = cut
    pieces.append((tokens[first].start, end))
    return pieces


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentences of ``text`` in order, each with its paragraph index and heading flag."""
    result: list[SentenceSpan] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        if _is_heading(text[p_start:p_end]):
            spans = [(p_start, p_end)]
            heading = True
        else:
            spans = _split_paragraph(text, p_start, p_end)
            heading = False
        for s, e in spans:
            pieces = _bounded(text, s, e)
            for a, b in pieces:
                result.append(SentenceSpan(a, b, p_index, heading and len(pieces) == 1))
    return result
