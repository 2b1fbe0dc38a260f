"""Demands: «طالب الاتحاد العام للشغل بزيادة الأجور», «مطالبا بإعادة فتح المفاوضات».

A demand verb reports the request, its ب-complement.  The participle («مطالبا بـ…», the complement right after
it) takes the speaker of the sentence's last quote, else the subject of the sentence's first verb, else the
last speaker; the finite verb is read by :mod:`~isnad.components.quotes.constructions.verb` (its ب-complement
is the content).  A bare «انتقد X الخطة» reports nothing.
"""

from __future__ import annotations

from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.content import content
from isnad.components.quotes.frame import Frame


def read(clause: Clause) -> Reading:
    entry = clause.entry
    if not (entry.lemma in lexicon.words("demand_lemmas") and entry.form == "participle"
            and clause.demand_follows(clause.k, entry)):
        return NOT_MINE
    r, k = clause.reader, clause.k
    speaker = clause.quotes[-1].speaker if clause.quotes else phrases.clause_subject(r, clause.lo, k) or r.last
    start = r.toks[k + 1].start  # «مطالبا بإعادة فتح المفاوضات»: the ب-complement is the request
    return content(r, start, clause.object_end(start, clause.stop), clause.cue, speaker, Frame())
