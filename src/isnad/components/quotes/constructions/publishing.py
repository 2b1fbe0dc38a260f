"""Outlets that publish: «ونشرت وكالة "أعماق" … صورة …», «تقرير نشرته مجلة "در شبيغل"», «صحيفة "نيويورك تايمز" أول
من كتبت عن القصة».

An outlet that conveys the story is a source even where it is not quoted (the gold convention: «an outlet that
conveys the claim is a source»): a media noun phrase after a publishing verb (``publishing_verbs``), or before it
(«صحيفة X أول من كتبت»), is added to the article's sources (``Reader.extra_sources``), with no quote of its own.
"""

from __future__ import annotations

from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.vocab import listed


def read(sentence: Sentence) -> None:
    r, lo, hi = sentence.reader, sentence.lo, sentence.hi
    toks = r.toks
    for k in r.publishing_between(lo, hi):
        if r.inside_quote(toks[k].start):
            continue
        outlet = sentence.np(k + 1, tail=False)
        if outlet is None or outlet.kind != "media":
            at = k
            if k - 2 >= lo and toks[k - 1].text in lexicon.words("first_to_particles") and listed(
                "first_to_words", toks[k - 2].text
            ):
                at = k - 2  # «صحيفة "نيويورك تايمز" أول من كتبت»
            outlet = phrases.left_np(r, at, lo)[0]
        if outlet is not None and outlet.kind == "media":
            r.extra_sources.append(outlet)
