"""The content after an introducer: إن/أن («قال الوزير إن …», indirect), a colon («وأضاف: …», «قال: «…»», direct
whether quoted or not), a quotation right after the frame («قال الوزير «…»», direct), a ب-complement or a
preposition («تعهدت تركيا بمنحه خطوط ائتمان», «أشار إلى …»).

But «الأمم المتحدة تكشف عدد …: …» is a headline with an object before its colon, not speech; and a participle
whose إن/أن comes after an object («واصفا بيان المسؤولين … بأنه أمر غير واقعي») reports the object too.
"""

from __future__ import annotations

from isnad.components.attribution import in_list
from isnad.components.quotes.clause import Clause
from isnad.components.quotes.content import content
from isnad.components.quotes.found import Found, Who
from isnad.components.quotes.frame import Frame
from isnad.components.quotes.vocab import is_time


def report(clause: Clause, speaker: Who | None, frame: Frame) -> Found | None:
    r, k, hi, entry = clause.reader, clause.k, clause.hi, clause.entry
    toks = r.toks
    assert frame.intro is not None
    kind, pos = frame.intro
    stop = clause.stop
    if kind == "colon" and entry.kind == "verb" and frame.channel is None and speaker is not frame.subject and sum(
        toks[m].is_word and not is_time(toks[m].text) and not in_list("speech_nouns", toks[m].text, exact=True)
        and not r.cues[m] for m in range(k + 1, r.index_at(pos))
    ) >= 2:
        return None  # «الأمم المتحدة تكشف عدد …: …»: a headline with an object, not speech
    if entry.form == "participle" and kind == "comp" and frame.channel is None and sum(
        t.is_word for t in toks[k + 1:r.index_at(pos) - 1]
    ) > 2:
        pos = toks[k + 1].start  # «واصفا بيان المسؤولين … بأنه أمر غير واقعي»: the object is reported too
    if kind == "quote":
        return Found(pos + 1, r.regions[pos], "direct", clause.cue, speaker, frame.channel, frame.media)
    if kind == "colon":
        j = r.index_at(pos) + 1
        if j < hi and toks[j].start in r.regions:
            opened = toks[j].start
            return Found(opened + 1, r.regions[opened], "direct", clause.cue, speaker, frame.channel, frame.media)
        if j >= hi:
            return None
        found = content(r, toks[j].start, stop, clause.cue, speaker, frame)
        if found is not None and found.kind == "indirect":
            found.kind = "direct"
        return found
    if kind == "prep":
        stop = clause.object_end(pos, stop)
    return content(r, pos, stop, clause.cue, speaker, frame)
