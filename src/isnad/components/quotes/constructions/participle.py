"""Participles: «…، مشيرا إلى أن …», «…، مضيفا: …», «وختمت حداد حديثها قائلة …».

A participle has no subject of its own: it takes the subject of a clause opened right before it by «لكن/بينما»
(«…، لكن القاضي أرجأه قائلا»), else the speaker of the sentence's last quote («وأكد الرئيس أن …، مشيرا إلى أن
…»), else the subject of a sentence-initial verb that is not a cue («شكلت رئاسة المحكمة هيئة …، مشيرة إلى»), else
the last speaker.  Its frame and content are read like a verb's
(:func:`~isnad.components.quotes.constructions.verb.report`).
"""

from __future__ import annotations

from isnad.components.quotes import phrases
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.constructions.verb import report
from isnad.components.quotes.frame import read_frame


def read(clause: Clause) -> Reading:
    if clause.entry.form != "participle":
        return NOT_MINE
    r, k = clause.reader, clause.k
    speaker = phrases.opened_subject(r, clause.lo, k) or r.agreeing(
        clause.quotes[-1].speaker if clause.quotes else phrases.clause_subject(r, clause.lo, k) or r.last,
        clause.entry, r.toks[k].start)  # «وجاء في البيان: …، مضيفة: …»: not the statement, the company
    frame = read_frame(clause, k + 1, clause.stop, clause.entry, allow_subject=False)
    return report(clause, speaker, frame, relative=None)
