"""Quote then attribution: «"…"، قال الوزير», «"…"، يقول أحد السكان».

A quotation of three words or more closes right before the comma before the verb, and nothing but a mark opens
it: the verb's subject (after it, or before the quotation) speaks it.  But «أدلى بها لقناة "فوكس نيوز"
و"إن بي سي نيوز"، نفى فيها …»: a name in the clause (a word right before the opening mark), not a quotation.
"""

from __future__ import annotations

from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.found import Found
from isnad.components.quotes.reader import COMMAS


def read(clause: Clause) -> Reading:
    r, k, lo = clause.reader, clause.k, clause.lo
    toks = r.toks
    if not (
        clause.entry.form != "participle" and k - 2 >= lo and clause.prev in COMMAS
        and toks[k - 2].start in r.closers and not clause.introduced(6)
    ):
        return NOT_MINE
    opened = r.closers[toks[k - 2].start]
    before = r.index_at(opened) - 1
    if r.region_words(opened) < 3 or before >= lo and toks[before].is_word:
        return NOT_MINE
    speaker = clause.np(k + 1) or clause.left_subject() or r.last
    r.remember(speaker)
    return Found(opened + 1, r.regions[opened], "direct", clause.cue, speaker)
