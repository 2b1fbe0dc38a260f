"""The content of a quote: a span of the sentence trimmed of what was not said.

A construction finds where the content starts and where it must stop; :func:`content` trims the marks at its
ends, a trailing hedge («… على حد قوله»), a related-link marker, a ب/ل before a quotation («تعهد بـ"…"») and
the writer's own context after it («… في وقت تسارع فيه تراجع الليرة»), and tells a direct quote (a whole
quotation), a mixed one (quoted words inside) and an indirect one apart.  :func:`clause_before` is the content
of an attribution placed after its clause («…، كما أوضح ليندمير», «… بحسب الفاو»).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from isnad.components.quotes import lexicon
from isnad.components.quotes.found import CueSpan, Found, Who
from isnad.components.quotes.frame import Frame
from isnad.components.quotes.reader import COMMAS, Reader
from isnad.components.quotes.vocab import related_link

if TYPE_CHECKING:
    from isnad.components.quotes.clause import Sentence

_END_MARKS = ".،,؛;:-–"


@lru_cache(maxsize=1)
def _trailing_hedge() -> re.Pattern[str]:
    """«… على حد قوله», «… حسب تعبيرها» at the end of the content."""
    heads = "|".join(map(re.escape, lexicon.ordered("trailing_hedge_heads")))
    words = "|".join(map(re.escape, lexicon.ordered("trailing_hedge_words")))
    return re.compile(rf"[،,]?\s*(?:{heads})\s+(?:{words})\W*$")


@lru_cache(maxsize=1)
def _writer_context() -> re.Pattern[str]:
    """«… في وقت …», «… في حين …» (but not «في وقت سابق»): the writer's context after the content."""
    openers = "|".join(map(re.escape, lexicon.ordered("writer_context_openers")))
    times = "|".join(map(re.escape, lexicon.ordered("writer_context_times")))
    return re.compile(rf"[،,]?\s+(?:{openers})\s+(?!{times})")


@lru_cache(maxsize=1)
def _writer_context_after_comma() -> re.Pattern[str]:
    """«…، وذلك ردا على …», «…، رغم …» after a comma: the writer's context after the content."""
    openers = "|".join(map(re.escape, sorted(lexicon.ordered("writer_context_after_comma"), key=len, reverse=True)))
    return re.compile(rf"[،,]\s*(?:{openers})(?!\w)")


@lru_cache(maxsize=1)
def _purpose() -> re.Pattern[str]:
    """A purpose phrase right after a quotation («تعهد بـ"…" من أجل …»): the writer's, not said."""
    return re.compile(r"(?:" + "|".join(map(re.escape, lexicon.ordered("purpose_openers"))) + r")\b")


def content(r: Reader, start: int, stop: int, cue: CueSpan | None, speaker: Who | None, frame: Frame) -> Found | None:
    """The quote whose content runs from folded ``start`` to ``stop``, trimmed; None when nothing is left."""
    folded = r.folded
    end = stop
    while end > start and (folded[end - 1].isspace() or folded[end - 1] in _END_MARKS):
        end -= 1
    while start < end and folded[start].isspace():
        start += 1
    if end <= start:
        return None
    tail = _trailing_hedge().search(folded, start, end)
    if tail is not None:
        end = tail.start()
    link = next((m for m in related_link().finditer(folded, start, end) if not r.inside_quote(m.start())), None)
    if link is not None:  # «… في ذات السياق،  اقرأ أيضًا: …»: the linked headline is not what was said
        end = link.start()
        while end > start and (folded[end - 1].isspace() or folded[end - 1] in _END_MARKS):
            end -= 1
    if folded[start:start + 1] in lexicon.words("preposition_proclitics") and start + 1 in r.regions:
        start += 1  # «تعهد بـ"توفير السيولة"»: the preposition is not part of what was said
    for pattern, least in ((_writer_context(), 3), (_writer_context_after_comma(), 2)):
        for context in pattern.finditer(folded, start, end):
            if not r.inside_quote(context.start()) and len(folded[start:context.start()].split()) >= least:
                end = context.start()  # «… سيوفر "كل السيولة" في وقت تسارع فيه تراجع الليرة»: the writer's context
                break
    kind = "indirect"
    if start in r.regions:
        closed = r.regions[start]
        after = folded[closed + 1:end].strip(" .،,!؟?")
        if not after or folded[closed + 1:closed + 3].strip() in ("،", ",") or _purpose().match(after):
            return Found(start + 1, closed, "direct", cue, speaker, frame.channel, frame.media)
        kind = "mixed"
    elif any(r.region_words(o) >= 2 for o in r.regions_in(start + 1, end)):
        kind = "mixed"
    return Found(start, end, kind, cue, speaker, frame.channel, frame.media)


def clause_before(sentence: Sentence, k: int, at: int, cue: CueSpan, speaker: Who, covered_end: int
                  ) -> Found | None:
    """The clause before an attribution placed after it (up to folded ``at``, word ``k``); a clause already
    quoted gets a chain link instead (the outlet that reported it)."""
    r = sentence.reader
    toks = r.toks
    if covered_end > sentence.start:
        if sentence.quotes and speaker.kind == "media":
            sentence.quotes[-1].media.append(speaker)
        return None
    m = r.index_at(sentence.start)
    while m < k and (toks[m].text in lexicon.words("conjunctions") or toks[m].text in COMMAS):
        m += 1
    if m >= k:
        return None
    dash = next((d for d in range(m, min(k, m + 4)) if toks[d].text in ("-", "–")), None)
    if dash is not None and dash + 1 < k:  # «الخرطوم - قتل 12 شخصا …»: a dateline
        m = dash + 1
    first = toks[m]
    start = first.start + 1 if first.text[:1] in lexicon.words("conjunction_proclitics") and len(first.text) > 3 else (
        first.start)
    return content(r, start, at, cue, speaker, Frame())
