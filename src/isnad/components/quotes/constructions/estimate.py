"""Estimates: «قدرت الأمم المتحدة في تقريرها الصادر في … عدد النازحين بنحو 2.9 مليون».

An estimate verb (a strict cue) with no introducer reports its object when the object is measured by «بـ + number»
(:meth:`~isnad.components.quotes.clause.Sentence.estimate_follows`): the subject, an optional document channel, then
the estimated object is the content.
"""

from __future__ import annotations

from isnad.components.attribution import in_list
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.found import Found
from isnad.components.quotes.reader import COMMAS
from isnad.components.quotes.vocab import is_time


def read(clause: Clause) -> Reading:
    if not clause.entry.strict or clause.introduced(9, quotes=False, preps=False) or clause.demand_follows(
        clause.k, clause.entry
    ) or clause.entry.lemma in lexicon.words("strict_cues_with_quotation") and clause.quotation_follows(clause.k, 9):
        return NOT_MINE
    r, k, hi = clause.reader, clause.k, clause.hi
    toks = r.toks
    speaker = clause.left_subject()
    j = k + 1
    if speaker is None:
        speaker = clause.np(k + 1)
        if speaker is None:
            return None
        j = r.index_at(speaker.end)
    channel = None
    while j < hi and (toks[j].text in COMMAS or is_time(toks[j].text)):
        j += 1
    if j + 1 < hi and toks[j].text in lexicon.words("document_channel_prepositions") and in_list(
        "document_heads", toks[j + 1].text
    ):
        document = clause.np(j + 1)
        if document is not None:
            document, _ = phrases.extend_issued(r, document, hi, clause.stop)
            m = r.index_at(document.end)
            while m < hi and (r.date_token(m) or toks[m].text in lexicon.words("date_prepositions")
                              or toks[m].text in COMMAS or in_list("issued_words", toks[m].text, exact=True)):
                m += 1
            channel = (toks[j].start, toks[m - 1].end)
            j = m
    if j >= hi or toks[j].start >= clause.stop:
        return None
    r.remember(speaker)
    start = toks[j].start
    return Found(start, clause.object_end(start, clause.stop), "indirect", clause.cue, speaker, channel)
