"""The reading of an article: sentence by sentence, cue by cue, each construction tried in a fixed order.

For each sentence (after a paragraph's dateline) the cues outside quotations are found first, and where a cue
that starts a new report cuts the clause before it (its split point: the comma before «، مشيرا», «، وأضاف»); then
each cue not yet covered by a quote of the sentence is read as a :class:`~isnad.components.quotes.clause.Clause`
by the constructions of :data:`CUE_CONSTRUCTIONS`, the first that recognises it deciding.  Then the sentence is
read for a headline «X: …», short quoted terms, reports that say, and standalone quotations.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from isnad.components.attribution import CueEntry, is_complementizer
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading, Sentence
from isnad.components.quotes.constructions import (
    attribution_after,
    continuation,
    dateline,
    demand,
    english,
    estimate,
    headline,
    impersonal,
    participle,
    prepositional,
    publishing,
    quote_first,
    quoted_terms,
    reports_saying,
    standalone,
    verb,
)
from isnad.components.quotes.reader import COMMAS, Reader
from isnad.components.quotes.vocab import function_word, lemma_forms, listed, related_link
from isnad.core.doc import Doc

#: the constructions a cue is tried with, in this order; the first that does not answer NOT_MINE decides
CUE_CONSTRUCTIONS: tuple[Callable[[Clause], Reading], ...] = (
    impersonal.read,  # «ويذكر أن»: nobody
    prepositional.read,  # «بحسب X», «نقلا عن X», «according to X»
    continuation.read,  # sentence-initial «كما أدان …»: the last speaker
    attribution_after.read,  # «…، كما أوضح X»
    estimate.read,  # «قدرت X Y بنحو N»
    english.after_quote,  # «"…," the minister said»
    english.after_clause,  # «…, the United Nations said on Tuesday.»
    quote_first.read,  # «"…"، قال الوزير»
    demand.read,  # «مطالبا بإعادة فتح …»
    participle.read,  # «، مشيرا إلى أن …»
    english.participle,  # «, saying it would help …»
    verb.read,  # «قال الوزير إن …», «العفو الدولية تقول إن …», «وأضاف: …»
)

_SPLIT_LEADERS = lexicon.words("split_leaders")
_BOUNDARIES = lexicon.words("clause_boundaries")


def read(doc: Doc) -> Reader:
    """Read every sentence of ``doc``: the reader holds the quotes found and the sources noted on the way."""
    r = Reader(doc)
    paragraph = None
    for index, sentence in enumerate(doc.sentences):
        start, end = r.to_folded(sentence.start), r.to_folded(sentence.end)
        lo, hi = r.index_at(start), r.index_at(end)
        if sentence.paragraph != paragraph:
            start, lo = dateline.skip(r, start, lo, hi)
            paragraph = sentence.paragraph
        r.start_sentence(start)
        r.sentence = index
        view = Sentence(r, lo, hi, start, end)
        before = len(r.found)
        _read_cues(view)
        if (sentence.heading or index == 0) and len(r.found) == before:
            headline.read(view)
        quoted_terms.read(view)
        reports_saying.read(view)
        publishing.read(view)
        standalone.read(view, sentence.paragraph)
        if len(r.found) == before:
            # the subject of the sentence's first verb (it ends before the sentence's last word)
            subject = phrases.clause_subject(r, lo, hi - 1) if hi - 1 > lo else None
            topic = phrases.sentence_topic(r, subject)
            r.topic = (topic, index) if topic is not None else None
            r.subject_topic = (subject, index) if subject is not None and r.sourcelike(subject) else None
        else:
            r.topic = r.subject_topic = None
        r.previous = (lo, hi)
    return r


def _read_cues(sentence: Sentence) -> None:
    """Each cue of the sentence, in order, by the first construction that recognises it."""
    r, lo, hi = sentence.reader, sentence.lo, sentence.hi
    toks = r.toks
    cues: list[tuple[int, CueEntry, int]] = []
    for k in range(lo, hi):
        if r.cues[k] is not None and not r.inside_quote(toks[k].start):
            hit = _cue_at(sentence, k)
            if hit:
                cues.append((k, *hit))
    r.examined += hi - lo
    splits = [(k, at) for k, entry, _ in cues if (at := _split_point(sentence, k, entry)) is not None]
    split_at = dict(splits)
    split_words = [k for k, _ in splits]
    # the nearest split point after a cue: the smallest cut among the later cues
    nearest = list(itertools.accumulate(reversed([at for _, at in splits]), min))[::-1]
    covered_end = sentence.start
    for k, entry, clitic in cues:
        if k in r.consumed or (toks[k].start < covered_end and k not in split_at):
            continue
        after = bisect.bisect_right(split_words, k)
        stop = min(nearest[after], sentence.end) if after < len(nearest) else sentence.end
        clause = Clause(r, lo, hi, sentence.start, sentence.end, sentence.quotes, k=k, entry=entry, clitic=clitic,
                        stop=stop, covered_end=covered_end)
        found = _read_cue(clause)
        if found is None or found.start >= found.end or r.found.overlaps(found):
            continue
        r.add(found)
        sentence.quotes.append(found)
        covered_end = max(covered_end, found.end)


def _read_cue(clause: Clause) -> Reading:
    for construction in CUE_CONSTRUCTIONS:
        found = construction(clause)
        if found is not NOT_MINE:
            return found
    return None


def _cue_at(sentence: Sentence, k: int) -> tuple[CueEntry, int] | None:
    """The cue entry and proclitic length of word ``k`` when it reports here: not «سفينة تنقل مساعدات», not a
    strict cue without its introducer, not «اقرأ أيضًا:»."""
    r = sentence.reader
    t = r.toks[k]
    hit = r.cues[k]
    if hit is None or related_link().match(r.folded, t.start):
        return None  # «اقرأ أيضًا: …»: a related-link marker before a linked headline, not «أقرّا»
    entry, clitic = hit
    if entry.kind == "en" and not t.text.islower():
        return None
    if entry.kind == "en" and entry.lemma in (english := lexicon.pairs("english_cues_needing")) and not any(
        r.toks[j].text.casefold() == english[entry.lemma] for j in range(k + 1, min(sentence.hi, k + 10))
    ):
        return None  # «the UN called an emergency meeting»: no «for», no report
    if entry.strict:
        if t.text[clitic:] not in lemma_forms(entry.lemma) or not (
            sentence.introducer_follows(k, window=9, quotes=False, preps=False) or sentence.estimate_follows(k)
            or sentence.demand_follows(k, entry) or entry.lemma in lexicon.words("strict_cues_with_quotation") and (
                sentence.quotation_follows(k, window=9)
            )
        ):
            return None
    elif entry.lemma in lexicon.words("cues_needing_complement") and not sentence.complement_follows(k, entry):
        return None  # «الجفاف يهدد المحاصيل»: no ب-complement, colon or إن/أن, no report
    elif entry.lemma in (needs := lexicon.pairs("cues_needing_preposition")) and not _needed_follows(
        sentence, k, needs[entry.lemma]
    ):
        return None  # «سفينة تنقل مساعدات», «نقل الجرحى إلى المستشفى»: carrying, not reporting; «دعا» needs «إلى»
    elif entry.lemma in lexicon.words("cues_reporting_verbal_nouns") and not sentence.introducer_follows(
        k, window=20, preps=False
    ) and not sentence.verbal_noun_object(k):
        return None  # «كشفت الشرطة عن أسماء المتهمين», «تكشف حقيقة …»: a thing shown, not a claim
    elif entry.form == "participle" and not sentence.introducer_follows(k, window=3):
        prev = sentence.text(k - 1)
        if not (prev in COMMAS and t.text.endswith(lexicon.ordered("participle_endings"))):
            return None
    return entry, clitic


def _needed_follows(sentence: Sentence, k: int, needed: str) -> bool:
    """Whether the preposition a cue needs («عن» of «نقل عن», «إلى» of «دعا إلى»), a colon or إن/أن comes within
    the next words; but not an idiom of the preposition («عن طريق») nor after a transport («نقل … إلى»)."""
    r = sentence.reader
    for j in range(k + 1, min(sentence.hi, k + 18)):  # «دعا فتح منسقة الشؤون …، ليزا غراندي، إلى "…"»
        text = r.toks[j].text
        if j < k + 14 and (text == ":" or sentence.reporting_complementizer(j)):
            return True
        if text in lexicon.words("transport_prepositions") and needed not in lexicon.words("transport_prepositions"):
            return False  # «نقل الجرحى إلى مستشفى المدينة عن طريق …»
        if text == needed:
            return not (j + 1 < sentence.hi and r.toks[j + 1].text in lexicon.words("preposition_idioms"))
    return False


def _frame_before(sentence: Sentence, k: int) -> bool:
    """Whether a verb cue opens the clause within the few words before word ``k`` (its subject, channel and time
    between): a prepositional cue there is inside the verb's frame («وقال الوزير للصحفيين، وفق ما نقلت …»)."""
    r = sentence.reader
    for j in range(k - 1, max(sentence.lo, k - 12) - 1, -1):
        hit = r.cues[j]
        if hit is not None and hit[0].kind == "verb" and hit[0].form != "participle":
            return True
        if r.toks[j].start in r.closers or is_complementizer(r.toks[j].text):
            return False
    return False


def _relayed_before(sentence: Sentence, k: int) -> bool:
    """A relaying verb («نقلت») and its «عن» before the cue at ``k`` in its clause, with no إن/أن between."""
    r, lo = sentence.reader, sentence.lo
    toks = r.toks
    seen_from = False
    for j in range(k - 1, max(lo - 1, k - 25), -1):
        if is_complementizer(toks[j].text):
            return False
        seen_from = seen_from or toks[j].text in lexicon.words("relay_prepositions")
        hit = r.cues[j]
        if hit is not None and hit[0].kind == "verb" and hit[0].lemma in lexicon.words("relay_lemmas"):
            return seen_from
    return False


def _split_point(sentence: Sentence, k: int, entry: CueEntry) -> int | None:
    """Where a cue that starts a new report cuts the previous content (its comma), or None."""
    r, lo = sentence.reader, sentence.lo
    toks = r.toks
    if entry.form == "extra" and entry.lemma in lexicon.words("plain_say_lemmas") and _relayed_before(sentence, k):
        return None  # «ونقلت صحيفة X عن رئيس القسم فلان، قوله إن …»: «قوله» completes the relay, no new report
    if entry.form == "participle" and entry.lemma not in lexicon.words("plain_say_lemmas"):
        j = k - 1
        while j >= lo and (toks[j].text in COMMAS or toks[j].text in _SPLIT_LEADERS):
            j -= 1
        return toks[j + 1].start if j + 1 < k else toks[k].start
    if entry.kind == "prep" and sentence.introducer_follows(k, window=12, quotes=False, preps=False) or (
        entry.kind == "prep" and k > sentence.lo and r.toks[k - 1].text in COMMAS and _frame_before(sentence, k)
        and sentence.introducer_follows(k, window=12, preps=False)
    ):
        return None  # «ذكرت صحيفة X، نقلا عن مسؤولين، أن …», «وقال X، وفق ما نقلت الوكالة، "…"»: part of the frame
    if entry.kind == "prep" and k > lo and toks[k - 1].text in lexicon.words("pronoun_clause_openers"):
        return toks[k - 1].start  # «… بلغ 1.8 مليون طن وهو بحسب الفاو أدنى مستوى»: a new report
    if entry.kind == "verb" and k > lo and k + 1 < sentence.hi and listed("in_which_pronouns", toks[k + 1].text) and (
        toks[k - 1].is_word
    ):
        return toks[k].start  # «… وجه رسالة إلى السلطات قال فيها إنه …»: the letter's words are a report of their own
    j = k - 1
    if entry.kind == "en" and not toks[k].text.casefold().endswith("ing") and k - 1 > lo:
        # «…, while the United Nations called for …», «… and the opposition said …»: a new subject after a clause
        # link starts a new report (a comma alone may close an apposition: «Rima Haddad, the minister, noted»)
        left, first = phrases.left_subject_now(r, k, lo)  # (as the text stands now: not remembered)
        if left is not None and first is not None and first - 1 > lo and (
            toks[first - 1].text.casefold() in lexicon.words("english_clause_links")
        ) and (toks[first].text[:1].isupper() or toks[first].text.casefold() in lexicon.words("english_determiners")):
            j = first - 1
            return toks[j - 1].start if toks[j - 1].text in COMMAS else toks[j].start
        if left is None and toks[k - 1].text.casefold() in lexicon.words("english_clause_links") and (
            toks[k - 1].text.casefold() != "as"
        ):  # «Sudani vowed to rebuild the city and described the attack as …»: a second report, same subject
            return toks[k - 2].start if toks[k - 2].text in COMMAS else toks[k - 1].start
    if entry.kind == "verb":
        left, first = sentence.left(k)
        if left is not None and first is not None:
            j = first - 1
        elif j > lo and function_word(toks[j].text) and toks[j].text not in _BOUNDARIES and (
            toks[j].text not in _SPLIT_LEADERS) and (
            entry.form == "past" or not listed("relative_pronouns", toks[j].text)
        ):
            # «…، مما يؤكد أن …», «…، والذين أكدوا له أن …»: a new clause ends the previous content (but not
            # «…، الذي يرجح أن …», a passive present)
            j -= 1
    if j >= lo and toks[j].text in _SPLIT_LEADERS and entry.kind != "prep":
        j -= 1
    elif entry.kind == "verb" and j > lo and is_complementizer(toks[j].text) and toks[j - 1].text in lexicon.words(
        "exception_particles"
    ):
        j -= 2  # «…، إلا أنه قال إن …», «…، غير أنها أكدت أن …»: a contrast opens the same speaker's next report
    if j >= lo and toks[j].text in COMMAS:
        return toks[j].start
    return None
