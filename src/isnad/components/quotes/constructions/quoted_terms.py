"""Short quotations reported by a verb of talking or a verbal noun: «تحدثت عن «مجموعة أساتذة»», «بعد إعلان
بغداد "انتهاء الحرب"».

The quoted words (three at most) are the content, direct; or, when at most four plain words close the sentence
after them («"تحريرها" من المتمردين الحوثيين»), the quotation and those words, indirect.  After «تحدث عن» the
subject before the verb speaks (a new clause: «قالت X إن الوضع متوتر، لكن وكالة الأنباء تحدثت عن «…»» cuts the
quote before it), else the subject of the sentence's first verb, or of the sentence before for «… وتتحدث عن»;
after a verbal noun the source named after it («إعلان بغداد»).
"""

from __future__ import annotations

from isnad.components.attribution import CueEntry, in_list, is_speech_verb
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.found import Found, Who
from isnad.components.quotes.reader import COMMAS

#: a quoted term has at most this many words; a tail of at most TAIL_WORDS words after it belongs to it
TERM_WORDS = 3
TAIL_WORDS = 4


def read(sentence: Sentence) -> None:
    r, lo, hi = sentence.reader, sentence.lo, sentence.hi
    toks = r.toks
    about = lexicon.words("about_prepositions")
    r.examined += hi - lo
    for j in range(lo + 2, hi):
        opened = toks[j].start
        if opened not in r.regions or r.region_words(opened) > TERM_WORDS or r.inside_quote(opened):
            continue
        around = [q for q in r.found.near(opened - 1, opened + 1) if q.start - 1 <= opened < q.end + 1]
        closed = r.regions[opened]
        speaker: Who | None = None
        cue_at = None
        if toks[j - 1].text in about and is_speech_verb(toks[j - 2].text):
            cue_at = j - 2
            speaker, first = sentence.left(cue_at)
            cut = _split_before(sentence, first) if speaker is not None else None
            if around and (cut is None or not all(q.start < cut for q in around)):
                continue
            for q in around:  # «قالت X إن الوضع متوتر، لكن وكالة الأنباء تحدثت عن «…»»: a second report
                q.end = cut
            speaker = speaker or phrases.sentence_subject(r, lo, cue_at)
            if speaker is None and toks[cue_at].text[:1] in lexicon.words("coordinating_conjunctions"):
                # «… موظفا.. وتتحدث عن "خطر وجودي"»
                speaker = phrases.sentence_subject(r, *r.previous) if r.previous else None
        elif around:
            continue
        else:
            cue_at = next((m for m in range(max(lo, j - 4), j - 1) if in_list(
                "speech_verbal_nouns", toks[m].text, exact=True)), None)
            if cue_at is not None:
                speaker = phrases.simple_np(r, cue_at + 1, j)
                if speaker is not None and (speaker.end > opened or not r.sourcelike(speaker)):
                    speaker = None
        if speaker is None or cue_at is None:
            continue
        c = toks[cue_at]
        bare_word = c.text[1:]
        clitic = int(c.text[:1] in lexicon.words("word_proclitics") and len(c.text) > 4 and (
            is_speech_verb(bare_word) or in_list("speech_verbal_nouns", bare_word, exact=True)
        ))
        cue_end = toks[j - 1].end if toks[j - 1].text in about else c.end
        cue = (c.start + clitic, cue_end, CueEntry(c.text[clitic:], "neutral", "verb", "extra", False))
        start, end, kind = opened + 1, closed, "direct"
        rest = _words_after(sentence, r.index_at(closed) + 1, TAIL_WORDS + 1)
        if 0 < len(rest) <= TAIL_WORDS and not any(r.cues[i] for i in rest):
            start, end, kind = opened, toks[rest[-1]].end, "indirect"  # «"تحريرها" من المتمردين الحوثيين»
        r.remember(speaker)
        r.add(Found(start, end, kind, cue, speaker))


def _words_after(sentence: Sentence, m: int, most: int) -> list[int]:
    """Indices of the words from ``m`` to the sentence end, ``most`` of them at most."""
    r = sentence.reader
    out: list[int] = []
    first = m
    while m < sentence.hi and len(out) < most:
        if r.toks[m].is_word:
            out.append(m)
        m += 1
    r.examined += m - first
    return out


def _split_before(sentence: Sentence, first: int | None) -> int | None:
    """The comma before a subject that starts a new clause («، لكن X …»), as a folded offset, or None."""
    if first is None:
        return None
    toks, lo = sentence.reader.toks, sentence.lo
    j = first - 1
    if j >= lo and toks[j].text in lexicon.words("split_leaders"):
        j -= 1
    return toks[j].start if j >= lo and toks[j].text in COMMAS else None
