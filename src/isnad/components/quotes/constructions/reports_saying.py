"""Reports that say: «نفيا التقارير القائلة إنهما …», «أنباء تفيد بأن …».

The reports are a source (media or document) even where what they say is the object of someone else's denial:
a media or document noun right before a word of ``report_saying_words`` and إن/أن or «عن» is added to the
article's sources (``Reader.extra_sources``), with no quote of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from isnad.components.attribution import in_list, source_kind
from isnad.components.quotes import lexicon
from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.found import Who

_HEADS = ("media_heads", "document_heads")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    saying = "|".join(map(re.escape, lexicon.ordered("report_saying_words")))
    openers = "|".join(re.escape(w) + r"\w*" for w in lexicon.ordered("report_saying_openers"))
    prepositions = "|".join(map(re.escape, lexicon.ordered("report_saying_prepositions")))
    return re.compile(rf"(?<!\w)(\w+)\s+(?:{saying})\s+(?:{openers}|{prepositions})\b")


def read(sentence: Sentence) -> None:
    r = sentence.reader
    for m in _pattern().finditer(r.folded, sentence.start, sentence.end):
        word = m.group(1)
        if any(in_list(name, word) for name in _HEADS):
            clitic = word[:1] in lexicon.words("word_proclitics") and (
                word[1:3] in lexicon.words("article_prefixes")
                or any(in_list(name, word[1:], exact=True) for name in _HEADS))
            start = m.start(1) + clitic
            r.extra_sources.append(Who(start, m.end(1), source_kind(r.folded[start:m.end(1)])))
