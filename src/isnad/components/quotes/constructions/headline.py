"""Headlines «X: claim»: a heading (or the article's first sentence) whose first words, before a colon, name a
speaker is a quote of X with no cue.

But «اقرأ أيضا: …» names no speaker, and «الكوليرا تجتاح اليمن: …» has a verb before its colon: no attribution.
Only an actor speaks: a person, an office, an organisation, a state, an outlet or a document, by its head noun, the
entities stage or the article's own speakers; a section heading of an opinion piece or a site («المعركة في الموصل:
نقطة تحول», «الخلاصة: …», «فيديو: …»), an event («احتجاجات العراق: …», «إصابة صلاح: …») or a numbered list item
(«1- الهند: 69 مليار دولار») is no speaker.  The speaker ends before its topic or audience («قرقاش عن محادثات
جنيف: …», «نصر الله للبنانيين: …»).
"""

from __future__ import annotations

from isnad.components.attribution import in_list
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.found import Found, Who
from isnad.components.quotes.vocab import listed, related_link

#: the colon of a headline comes within this many words of its start
MAX_SPEAKER_WORDS = 4
_OPENING = "\"«“"
_CLOSING = "\"»”"


def read(sentence: Sentence) -> None:
    r, lo, hi = sentence.reader, sentence.lo, sentence.hi
    toks = r.toks
    # «بعد انتشار "تسجيل الخروج" بين مستخدميه.. "فيسبوك": …»: an ellipsis ends the lead-in before the speaker
    for m in range(lo, min(hi - 1, lo + 12)):
        if toks[m].text == "…" or toks[m].text == "." and toks[m + 1].text == ".":
            after = m + 1
            while after < hi and toks[after].text in (".", "…"):
                after += 1
            if ":" in (t.text for t in toks[after:after + MAX_SPEAKER_WORDS + 1]):
                lo = after
    colon = next((k for k in range(lo, min(hi, lo + MAX_SPEAKER_WORDS + 1)) if toks[k].text == ":"), None)
    if colon is None or colon == lo or colon + 1 >= hi:
        return
    if related_link().match(r.folded, toks[lo].start):
        return  # «اقرأ أيضا: …» names no speaker
    if any(toks[k].text[:1] in lexicon.words("present_prefixes") for k in range(lo + 1, colon)):
        return  # «الكوليرا تجتاح اليمن: …» has a verb: not an attribution
    end = next((m for m in range(lo + 1, colon) if _topic_or_audience(toks[m].text)), colon)
    who = phrases.who(r, toks[lo], toks[end - 1])  # «قرقاش عن محادثات جنيف: …», «نصر الله للبنانيين: …»
    if who is None or not _actor(sentence, lo, end):
        return
    if who.end - who.start > 2 and r.folded[who.start] in _OPENING and r.folded[who.end - 1] in _CLOSING:
        who = Who(who.start + 1, who.end - 1, who.kind)  # «"فيسبوك": …»: the name inside its quote marks
    if in_list("states", r.folded[who.start:who.end]) and r.verbal_noun(toks[colon + 1]):
        return  # «الجزائر: تعيين جمال بلماضي مدربا …»: a place labels the news, it says nothing
    start, end = toks[colon + 1].start, sentence.end
    while end > start and r.folded[end - 1] in " .!؟?":
        end -= 1
    if start in r.regions and r.regions[start] >= end - 1:
        start, end = start + 1, r.regions[start]
    r.add(Found(start, end, "indirect", None, who))


def _actor(sentence: Sentence, lo: int, colon: int) -> bool:
    """Whether the words ``lo:colon`` before a headline's colon name an actor that can speak."""
    r = sentence.reader
    toks = r.toks
    words = [m for m in range(lo, colon) if toks[m].is_word]
    if not words or toks[words[0]].text[:1].isdigit():
        return False  # «1- الهند: 69 مليار دولار»: a list item
    head = toks[words[0]]
    if in_list("non_sources", head.text) or listed("section_labels", head.text):
        return False  # «المعركة في الموصل: …», «الخلاصة: …», «فيديو: …»
    if any(in_list(name, head.text) for name in phrases.SOURCE_HEADS):
        return True  # «وزير الخارجية: …», «روسيا: …», «تقرير: …» (a report, though shaped like a verbal noun)
    if r.verbal_noun(head):
        return False  # «إصابة صلاح: …»: an event
    return r.entity_starts_within(head.start, head.end) or any(
        toks[m].text in r.speaker_words or toks[m].text in r.surnames or toks[m].text in r.person_names for m in words
    )  # «الإدريسي: …» with «عبد الرحيم الإدريسي» named in the text


def _topic_or_audience(word: str) -> bool:
    """A preposition of topic («عن», «بشأن», «حول») or an audience with ل («للبنانيين») after a headline's speaker."""
    return word in lexicon.words("headline_topic_prepositions") or listed("addressee_words", word) or len(word) > 3 and (
        word.startswith(lexicon.ordered("definite_prefixes")[1:]) or word[:1] in lexicon.words("addressee_prepositions")
        and in_list("media_names", word[1:], exact=True)
    )  # «للبنانيين», «لبي بي سي»
