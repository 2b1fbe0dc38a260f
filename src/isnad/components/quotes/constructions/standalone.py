"""Standalone quotations: a quotation of six words or more that ends its sentence, with no cue, continues the last
speaker when that speaker spoke in this sentence or the one before; after the writer's own sentences it is the words
of the person named before it in its sentence, or of nobody; so does a shorter one (two words or more) that makes up a whole sentence right after a direct quote
of the same paragraph («"…," X told reporters. "…"»).

Not a linked headline («اقرأ أيضا: «…»»), nor a quotation inside another or overlapping a quote already found.
"""

from __future__ import annotations

from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.found import Found
from isnad.components.quotes.vocab import related_link

#: a quotation with no cue is speech from this many words on
MIN_WORDS = 6
_AFTER_QUOTATION = " .،,!؟?\"'»”"


def read(sentence: Sentence, paragraph: int | None) -> None:
    r = sentence.reader
    recent = r.last if r.last is not None and r.last_is_recent() else None
    folded, start, end = r.folded, sentence.start, sentence.end
    text = folded[start:end]
    last_said = start + len(text.rstrip(_AFTER_QUOTATION))  # only closing marks after this
    first_said = start + len(text) - len(text.lstrip())
    link = None
    for opened in r.regions_in(start, end):
        closed = r.regions[opened]
        words = r.region_words(opened)
        opens_sentence = first_said >= opened or first_said + 1 == opened and first_said in r.mark_heads  # «``…''»
        if words < MIN_WORDS and not (words >= 2 and opens_sentence and _after_direct(sentence, paragraph)):
            continue
        if r.inside_quote(opened) or last_said > closed + 1:
            continue
        if link is None:
            match = related_link().search(folded, start, end)
            link = match.start() if match is not None else end
        if link < opened:
            continue  # «اقرأ أيضا: «…»»: a linked headline
        if any(q.start - 1 <= opened < q.end + 1 or opened < q.start < closed
               for q in r.found.near(opened - 1, max(opened + 1, closed - 1))):
            continue
        if any(q.speaker and opened <= q.speaker.start < closed for q in r.found.nearby):
            continue
        named = r.person_before(opened) if recent is None else None
        speaker = named if named is not None and named.start >= start else recent
        # «رأى فيها الرئيس بوتين فرصة … بقوله "…"» after the writer's sentences: the person named in the sentence
        if speaker is None:
            continue  # a quotation after the writer's own sentences is not the last speaker's
        r.add(Found(opened + 1, closed, "direct", None, speaker))


def _after_direct(sentence: Sentence, paragraph: int | None) -> bool:
    """Whether the last quote before the sentence is a direct one of the same paragraph: a quotation that makes
    up a whole sentence right after it goes on with the same speech."""
    r = sentence.reader
    last = r.found.last_ended_before(sentence.start)
    if last is None:
        return False
    index = r.doc.sentence_at(r.orig(last.start, last.end).start)
    return last.kind == "direct" and index is not None and r.doc.sentences[index].paragraph == paragraph
