"""Headlines «X: claim»: a heading (or the article's first sentence) whose first words, before a colon, name a
speaker is a quote of X with no cue.

But «اقرأ أيضا: …» names no speaker, and «الكوليرا تجتاح اليمن: …» has a verb before its colon: no attribution.
"""

from __future__ import annotations

from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.found import Found
from isnad.components.quotes.vocab import related_link

#: the colon of a headline comes within this many words of its start
MAX_SPEAKER_WORDS = 4


def read(sentence: Sentence) -> None:
    r, lo, hi = sentence.reader, sentence.lo, sentence.hi
    toks = r.toks
    colon = next((k for k in range(lo, min(hi, lo + MAX_SPEAKER_WORDS + 1)) if toks[k].text == ":"), None)
    if colon is None or colon == lo or colon + 1 >= hi:
        return
    if related_link().match(r.folded, toks[lo].start):
        return  # «اقرأ أيضا: …» names no speaker
    if any(toks[k].text[:1] in lexicon.words("present_prefixes") for k in range(lo + 1, colon)):
        return  # «الكوليرا تجتاح اليمن: …» has a verb: not an attribution
    who = phrases.who(r, toks[lo], toks[colon - 1])
    if who is None:
        return
    start, end = toks[colon + 1].start, sentence.end
    while end > start and r.folded[end - 1] in " .!؟?":
        end -= 1
    if start in r.regions and r.regions[start] >= end - 1:
        start, end = start + 1, r.regions[start]
    r.add(Found(start, end, "indirect", None, who))
