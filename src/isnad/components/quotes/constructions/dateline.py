"""A paragraph-initial dateline: «فاس - », «الرياض (واس) - », «دمشق - سانا - », «بيروت – «الشرق الأوسط»: »,
«جدة: عبدالله الغامدي - », «BEIRUT (AP) — », «AMMAN, March 3 (Reuters) - ».

The place is never a speaker and the bracketed agency is the article's own outlet, not a source: the
paragraph's first sentence is read from after the dateline.  A place is one to three words (maybe «, Country»
or «, Month Day»),
then an optional bracketed agency or «: reporter» byline, a dash, then optionally the agency or outlet and
another dash or colon.
"""

from __future__ import annotations

import re

from isnad.components.attribution import is_complementizer
from isnad.components.quotes import lexicon
from isnad.components.quotes.reader import Reader

_W = r"[^\W\d][\w'.]*"
_PLACE = (
    rf"{_W}(?:[ \t]{_W}){{0,2}}(?:,[ \t]{_W}(?:[ \t](?:{_W}|\d{{1,2}}))?)?[ \t]*(?:\([^()\n]{{1,40}}\)[ \t]*)?"
    rf"(?::[ \t]*{_W}(?:[ \t]{_W}){{0,2}}[ \t]*)?[-–—]+(?:(?!\w)|(?<=[A-Za-z]-)(?=[A-Z]))[ \t]*"  # (a slug «Soccer-Iraq …»; not «a 38-year-old»)
)
_DATELINES = (
    re.compile(_PLACE + rf"(?:[«\"“][^«»\"“”\n]{{1,40}}[»\"”][ \t]*[:،,\-–—]?[ \t]*|(?:\([^()\n]{{1,40}}\)|{_W}(?:[ \t]{_W})?)[ \t]*[-–—:]+[ \t]*)?"),
    re.compile(_PLACE),  # when what follows the dash is already the sentence: «فاس - قال المسؤول: …»
)
_NOT_IN_DATELINE = ("clause_boundaries", "kana_forms", "prepositions")


def skip(r: Reader, start: int, lo: int, hi: int) -> tuple[int, int]:
    """The folded start and first word of the sentence ``lo:hi`` after its dateline (unchanged without one)."""
    head = r.toks[lo].text if hi > lo else ""
    if not head or head[:1] in lexicon.words("conjunction_proclitics") and len(head) > 3:
        return start, lo  # «وكان الفصيلان - "…" و"…" قد نفيا»: a parenthetical dash, not a dateline
    for pattern in _DATELINES:
        m = pattern.match(r.folded, start)
        if m is None or m.end() >= r.toks[hi - 1].end:
            continue
        inside = range(lo, r.index_at(m.end()))
        if not any(r.toks[i].is_word and (
            r.cues[i] or is_complementizer(r.toks[i].text)
            or any(r.toks[i].text in lexicon.words(name) for name in _NOT_IN_DATELINE)
        ) for i in inside):
            return m.end(), r.index_at(m.end())
    return start, lo
