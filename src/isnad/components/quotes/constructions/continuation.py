"""Sentence-initial «كما» + verb: «كما أدان النظام القضائي …» continues the last speaker.

What follows the verb is its object, the content, unless it names a source («كما أعلنت وزارة الصحة …», read as
an ordinary verb-first report) or an introducer comes within the verb's clause.
"""

from __future__ import annotations

from isnad.components.quotes import lexicon
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.content import content
from isnad.components.quotes.frame import Frame


def read(clause: Clause) -> Reading:
    r, k = clause.reader, clause.k
    if not (
        clause.prev in lexicon.words("continuing_particles") and k - 1 == clause.lo and r.last is not None
        and not clause.introduced(9, quotes=False, preps=False, hi=clause.clause_end(k))
        and not ((np_ := clause.np(k + 1)) is not None and r.sourcelike(np_))
    ):
        return NOT_MINE
    if k + 1 >= clause.hi:
        return None
    r.remember(r.last)
    start = r.toks[k + 1].start
    return content(r, start, clause.object_end(start, clause.stop), clause.cue, r.last, Frame())
