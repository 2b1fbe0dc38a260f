"""Corpus queries: from what a user types to an FTS5 expression, and matches back in the original text.

A query is words (all must match), ``"quoted phrases"`` or «phrases», ``OR`` between two parts,
``-word`` to exclude, and ``word*`` for a prefix.  Every word goes through the same folding and
light stemming as the index (:mod:`isnad.text.search`), so «الاسد», «الأسد», «أسد» and «وبالأسد»
ask for the same term.  The index holds folded terms, so a snippet cannot come from FTS5's own
``snippet()``: the matched words are found again in the original text (:func:`matches`), with
offsets into it, and highlighted there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from isnad.text.normalize import key
from isnad.text.search import find, query_term
from isnad.text.tokens import tokenize

_PARTS = re.compile(r'(-?)(?:"([^"]*)"|«([^»]*)»|(\S+))')
SNIPPET_CHARS = 240


class QueryError(ValueError):
    """A query that cannot be searched, with a message for the user."""


@dataclass(frozen=True)
class QueryPart:
    """A word, a phrase (several terms in order), a prefix, an excluded part, or OR."""

    terms: tuple[str, ...]
    prefix: bool = False
    negated: bool = False
    is_or: bool = False


def _terms(text: str) -> tuple[str, ...]:
    return tuple(query_term(t.text) for t in tokenize(text) if t.is_word)


def parse_query(query: str) -> list[QueryPart]:
    """The parts of a query: words, phrases, OR, excluded words, prefixes."""
    parts: list[QueryPart] = []
    for match in _PARTS.finditer(query):
        negated, quoted, guillemets, word = match.groups()
        if word == "OR" and not negated:
            parts.append(QueryPart((), is_or=True))
            continue
        phrase = quoted if quoted is not None else guillemets
        if phrase is not None:
            terms = _terms(phrase)
            if terms:
                parts.append(QueryPart(terms, negated=bool(negated)))
            continue
        prefix = word.endswith("*")
        if prefix:  # a prefix is folded, not stemmed: «حكوم*» must not become a plural's singular
            stem = "".join(key(t.text) for t in tokenize(word.rstrip("*")) if t.is_word)
            if stem:
                parts.append(QueryPart((stem,), prefix=True, negated=bool(negated)))
            continue
        parts.extend(QueryPart((term,), negated=bool(negated)) for term in _terms(word))
    return parts


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression of a query; None when it has no word to search for."""
    expression: list[str] = []
    operator = "AND"
    for part in parse_query(query):
        if part.is_or:
            operator = "OR"
            continue
        if len(part.terms) > 1:  # a phrase: words in order, in the title or the text
            term = "{title text} : " + _quoted(" ".join(part.terms))
        else:
            term = _quoted(part.terms[0]) + (" *" if part.prefix else "")
        if part.negated:
            if not expression:
                raise QueryError(f"{query!r}: a query cannot start with an excluded word (-word)")
            expression.append(f"NOT {term}")
        else:
            expression.append(f"{operator} {term}" if expression else term)
        operator = "AND"
    return " ".join(expression) or None


def matches(text: str, query: str | list[QueryPart]) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of every word that a positive part of ``query`` asks for."""
    exact: set[str] = set()
    prefixes: list[str] = []
    for part in parse_query(query) if isinstance(query, str) else query:
        if part.negated or part.is_or:
            continue
        if part.prefix:
            prefixes.append(part.terms[0])
        else:
            exact.update(part.terms)
    return find(text, exact, tuple(prefixes))


def snippet_window(text: str, found: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[int, int]:
    """``(start, end)`` of the stretch of ``text`` of about ``width`` characters with the most matches."""
    if len(text) <= width:
        return 0, len(text)
    if not found:
        start, end = 0, width
    else:
        best = max(range(len(found)),
                   key=lambda i: (sum(1 for s, _ in found[i:] if s < found[i][0] + width * 2 // 3), -i))
        start = max(0, found[best][0] - width // 3)
        end = min(len(text), start + width)
        start = max(0, end - width)
    return _word_boundary(text, start, -1), _word_boundary(text, end, 1)


def _word_boundary(text: str, position: int, step: int, reach: int = 20) -> int:
    """The nearest space boundary within ``reach`` characters (whole words at a snippet's ends)."""
    for moved in range(reach):
        at = position + step * moved
        if at <= 0 or at >= len(text):
            return max(0, min(at, len(text)))
        if text[at - 1 if step < 0 else at].isspace():
            return at
    return position


def highlight(text: str, found: list[tuple[int, int]], start: int, end: int, mark: tuple[str, str]) -> str:
    """``text[start:end]`` with every match inside it wrapped in ``mark``; newlines become spaces."""
    out = []
    position = start
    for s, e in found:
        if s < start or e > end:
            continue
        out.append(text[position:s])
        out.append(f"{mark[0]}{text[s:e]}{mark[1]}")
        position = e
    out.append(text[position:end])
    return "".join(out).replace("\n", " ")
