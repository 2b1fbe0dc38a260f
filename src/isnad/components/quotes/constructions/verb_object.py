"""A verb whose object is the content, with no complementizer: «أعلنت الإمارات تعهدها …», «أعلن وزير الطاقة
إطلاق مناقصة», «نفى القنصل X علمه …», «اعتبرها الاتحاد الأوروبي حتى 2008 «إرهابية»».

The object starts after the subject (when the subject follows the verb, it is a noun phrase that names a source
or stands right after the verb), adverbials («بدوره»), time words and a channel phrase; it ends before the
writer's context («، إذ …»).  A judgement verb's quoted verdict is the content, direct.  A present verb with no
subject before it reports nothing («وتعتبر إدلب …»).
"""

from __future__ import annotations

from isnad.components.attribution import cue_lexicon, in_list
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Clause
from isnad.components.quotes.constructions import english
from isnad.components.quotes.content import content
from isnad.components.quotes.found import Found, Who
from isnad.components.quotes.frame import Frame
from isnad.components.quotes.vocab import adverbial, listed

#: a quoted verdict of a judgement verb has at most this many words («إرهابية»)
VERDICT_WORDS = 3


def report(clause: Clause, speaker: Who | None, frame: Frame, relative: int | None) -> Found | None:
    r, entry = clause.reader, clause.entry
    if entry.form == "present" and clause.left_subject() is None and not (frame.implicit and speaker is not None):
        return None  # «وتعتبر إدلب …»: a present verb with no subject before it is not a report (but «بدعوى
        # تتهم فيها اللاعب بـ…» reports for the suit's author)
    left_used = entry.form != "participle" and (clause.left_subject() is not None or relative is not None)
    if left_used or entry.form == "participle" or entry.kind == "en":
        r.remember(speaker)
    found = _object_content(clause, speaker, frame, left_used)
    if found is not None and in_list("judgement_lemmas", entry.lemma, exact=True) and not (
        entry.lemma in lexicon.words("object_complement_lemmas") and not _object_pronoun(clause.bare_text, entry.lemma)
    ):  # but «اتهمت الشركة الحكومة بـ«الاستيلاء»»: the object named, the accusation is the object and its complement
        term = r.first_region_between(found.start, found.end, VERDICT_WORDS)
        if term is not None:  # «اعتبرها الاتحاد الأوروبي حتى 2008 «إرهابية»»: the quoted verdict is what was said
            found.start, found.end, found.kind = term + 1, r.regions[term], "direct"
    return found


def _object_content(clause: Clause, speaker: Who | None, frame: Frame, left_used: bool) -> Found | None:
    """No complementizer: «أعلنت الإمارات تعهدها …» — the verb's object is the content."""
    r, k, hi, entry = clause.reader, clause.k, clause.hi, clause.entry
    if entry.strict or entry.kind == "en" and speaker is None:
        return None
    toks = r.toks
    if entry.kind == "en":
        first = k + 1
        if first < hi and toks[first].text.casefold() == lexicon.pairs("english_cues_needing").get(entry.lemma):
            first += 1  # «called for a ceasefire»: the request, without «for»
        first, channel = english.skip_time_and_channel(r, first, hi)  # «said Monday it had …»
        if channel is not None and frame.channel is None:
            frame.channel = channel
        if first >= hi or not toks[first].is_word:
            return None
        start = toks[first].start
    else:
        start_k = k + 1
        lead = start_k
        while lead < hi and toks[lead].is_word and (
            adverbial(toks[lead].text) or listed("pronoun_prepositions", toks[lead].text)
        ):
            lead += 1  # «نفى فيها وجود …», «وأكد بدوره ضرورة …»
        if not left_used and entry.form != "participle" and not (
            frame.implicit and entry.lemma in lexicon.words("object_complement_lemmas")
        ):  # but «دعوى تتهم فيها الشركة بـ…»: the suit's author accuses, the company is the object
            np_ = phrases.simple_np(r, lead, hi, tail=False)  # an object follows: «أعلن وزير الطاقة إطلاق مناقصة»
            if np_ is not None and not listed("object_heads", toks[lead].text) and frame.object_from != lead and (
                lead == start_k or r.sourcelike(np_)
            ):
                speaker = np_
                r.remember(np_)
                start_k = clause.skip_apposition(r.index_at(np_.end))  # «أعلنت ألفابت، الشركة الأم لغوغل، …»
            else:
                start_k = lead
        else:
            start_k = lead
        start_k = clause.skip_gap(start_k)
        if start_k >= hi or toks[start_k].start >= clause.stop:
            return None
        start = toks[start_k].start
    return content(r, start, clause.object_end(start, clause.stop), clause.cue, speaker, frame)


def _object_pronoun(word: str, lemma: str) -> bool:
    """Whether the cue word carries an object pronoun («وصفوها», «اعتبرها», «اتهمه»): its bare form is a form of
    the same lemma (but «تتهم» is a form, not «تت» + «هم»)."""
    forms = cue_lexicon()
    for suffix in lexicon.ordered("verb_object_suffixes"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and any(
            (e := forms.get(form)) is not None and e.lemma == lemma for form in (stem, stem + "ا")
        ):
            return True
    return False
