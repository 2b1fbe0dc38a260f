"""The clause view: the sentence being read and the cue being tried in it, with the scans every construction uses.

A :class:`Sentence` is a cursor over the words ``lo:hi`` of one sentence (folded ``start:end``, after a
paragraph's dateline) and the quotes its cues gave so far; a :class:`Clause` adds the cue under the cursor: its
word ``k``, lexicon entry and proclitic, ``stop`` (where its content must end: the comma before the next report,
or the sentence end) and ``covered_end`` (how far the quotes of earlier cues reach).  The scans look forward or
back from a word for what a construction needs: an introducer (إن/أن, a colon, a quotation), the end of the
verb's clause or of a reported object, the gap of time words and channel phrases before an object.  Each scan is
bounded (a window of words, and at most :data:`~isnad.components.quotes.reader.MAX_MARKS` marks besides) and adds
what it examined to ``Reader.examined``, so that the work per sentence stays linear in its length whatever the
input (a run of 10,000 quotation marks, a text without punctuation).

A construction (:mod:`isnad.components.quotes.constructions`) reads a :class:`Clause` and returns the quote it
finds, None when the cue heads it but reports nothing, or :data:`NOT_MINE` when the cue does not head it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from isnad.components.attribution import CueEntry, in_list, is_complementizer, phrase_in_list
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.found import CueSpan, Found, Who
from isnad.components.quotes.reader import COMMAS, MAX_MARKS, MIN_QUOTE_WORDS, Reader
from isnad.components.quotes.tokens import Word
from isnad.components.quotes.vocab import adverbial, is_time, listed


class NotMine:
    """A construction's answer when the cue does not head it: the driver tries the next one."""

    def __repr__(self) -> str:
        return "NOT_MINE"


NOT_MINE: Final = NotMine()
#: what a construction returns: the quote, None (its cue reports nothing), or NOT_MINE
Reading = Found | None | NotMine

_INTRODUCING_PREPOSITIONS = lexicon.words("introducing_prepositions")
_OBJECT_ENDS = lexicon.words("object_ends")


@dataclass(eq=False)
class Sentence:
    """The sentence being read: its words ``lo:hi``, folded ``start:end``, the quotes its cues gave so far."""

    reader: Reader
    lo: int
    hi: int
    start: int
    end: int
    quotes: list[Found] = field(default_factory=list)

    def text(self, j: int) -> str:
        """The word at ``j``, or "" outside the sentence."""
        return self.reader.toks[j].text if self.lo <= j < self.hi else ""

    def left(self, k: int) -> tuple[Who | None, int | None]:
        """The subject before the verb at ``k`` and the index of its first word (:func:`phrases.left_np`)."""
        return phrases.left_np(self.reader, k, self.lo)

    def np(self, j: int, tight: bool = False, tail: bool = True) -> Who | None:
        """The noun phrase that starts at word ``j`` (:func:`phrases.simple_np`), within the sentence."""
        return phrases.simple_np(self.reader, j, self.hi, tight=tight, tail=tail)

    # ----- scans forward
    def reporting_complementizer(self, j: int) -> bool:
        """إن/أن at word ``j`` that can open a reported clause: not after a subordinator («دون أن تذكره»)."""
        toks = self.reader.toks
        return is_complementizer(toks[j].text) and not (j > 0 and listed("subordinators", toks[j - 1].text))

    def introducer_follows(self, k: int, window: int, quotes: bool = True, preps: bool = True,
                           hi: int | None = None) -> bool:
        """Whether إن/أن, a colon, «إلى/على» (with ``preps``) or a quotation of two words or more (with ``quotes``)
        comes within ``window`` words after word ``k`` (before ``hi``); a quotation counts as one word, and
        without ``quotes`` one of more than three words ends the search."""
        r = self.reader
        hi = self.hi if hi is None else hi
        count = marks = 0
        j = k + 1
        follows = False
        while j < hi and count <= window and marks <= MAX_MARKS:
            t = r.toks[j]
            if self.reporting_complementizer(j) or t.text == ":" or preps and t.text in _INTRODUCING_PREPOSITIONS:
                follows = True
                break
            if t.start in r.regions:
                n = r.region_words(t.start)
                if quotes and n >= 2:
                    follows = True
                    break
                if not quotes and n > 3:
                    break
                j = r.index_at(r.regions[t.start]) + 1
                count += 1
                continue
            count += t.is_word
            marks += not t.is_word
            j += 1
        r.examined += count + marks
        return follows

    def quotation_follows(self, k: int, window: int) -> bool:
        """Whether a quotation of :data:`MIN_QUOTE_WORDS` words or more opens within ``window`` plain words after
        word ``k`` (no mark, cue or إن/أن before it)."""
        r = self.reader
        j, words = k + 1, 0
        while j < self.hi and words <= window:
            t = r.toks[j]
            if t.start in r.regions:
                r.examined += j - k
                return r.region_words(t.start) >= MIN_QUOTE_WORDS
            if not t.is_word or r.cues[j] or is_complementizer(t.text):
                break
            words += 1
            j += 1
        r.examined += j - k
        return False

    def clause_end(self, k: int) -> int:
        """Index of the first comma or cue after ``k`` (or ``hi``): where the verb's own clause ends."""
        r = self.reader
        j = k + 1
        while j < self.hi and r.toks[j].text not in COMMAS and r.cues[j] is None:
            j += 1
        r.examined += j - k
        return j

    def object_end(self, start: int, stop: int) -> int:
        """Where a reported object ends: before «، إذ …», «، في وقت …» (the writer's context)."""
        r = self.reader
        toks, hi = r.toks, self.hi
        m = first = r.index_at(start)
        end = stop
        while m < hi and toks[m].start < stop:
            if toks[m].text in COMMAS and m + 1 < hi:
                nxt = toks[m + 1].text
                two = nxt + " " + toks[m + 2].text if m + 2 < hi else nxt
                if nxt in _OBJECT_ENDS or two in _OBJECT_ENDS:
                    end = toks[m].start
                    break
            m += 1
        r.examined += m - first
        return end

    def skip_apposition(self, j: int) -> int:
        """After a subject, the index past an apposition between commas that a source's head noun opens («أعلنت
        ألفابت، الشركة الأم لغوغل، الاثنين، …»); else ``j``."""
        r = self.reader
        toks, hi = r.toks, self.hi
        if not (j + 1 < hi and toks[j].text in COMMAS and toks[j + 1].is_word and any(
            in_list(name, toks[j + 1].text) for name in ("organization_heads", "person_roles", "media_heads")
        )):
            return j
        m = j + 1
        while m < hi and m - j <= 8 and toks[m].is_word and not r.cues[m] and not is_complementizer(toks[m].text):
            m += 1
        r.examined += m - j
        return m if m < hi and toks[m].text in COMMAS else j

    def skip_gap(self, j: int) -> int:
        """Skip time words, commas, a channel phrase up to its comma, and «عن» before an object."""
        r = self.reader
        toks, hi = r.toks, self.hi
        first = j
        while j < hi:
            text = toks[j].text
            two = text + " " + toks[j + 1].text if j + 1 < hi else text
            if text in COMMAS or is_time(text) or phrase_in_list("time_words", two) or (
                text in lexicon.words("object_prepositions")
            ):
                j += 1
            elif phrase_in_list("channel_starts", two) or text in lexicon.words("gap_channel_prepositions"):
                m = j + 1
                while m < hi and toks[m].text not in COMMAS and m - j < 12:
                    m += 1
                if m < hi and toks[m].text in COMMAS:
                    j = m + 1
                else:
                    break
            else:
                break
        r.examined += j - first
        return j

    def later_introducer(self, j: int, stop: int) -> bool:
        """Whether إن/أن, a colon or a long quotation follows the quotation at word ``j`` within 18 words, before
        a verb cue: the short quotation is then a name in the subject, not the content."""
        r = self.reader
        toks = r.toks
        first = r.index_at(r.regions[toks[j].start]) + 1
        words = seen = 0
        follows = False
        for m in range(first, self.hi):
            t = toks[m]
            if t.start >= stop or words >= 18 or seen - words > MAX_MARKS:
                break
            seen += 1
            if is_complementizer(t.text) or t.text == ":" or (
                t.start in r.regions and r.region_words(t.start) >= MIN_QUOTE_WORDS
            ):
                follows = True
                break
            hit = r.cues[m]
            if hit is not None and hit[0].kind == "verb" and hit[0].form != "participle":
                break
            words += t.is_word
        r.examined += seen
        return follows

    def is_name_quote(self, j: int, stop: int) -> bool:
        """A short quotation that names something («شرق», "الأونروا") rather than reporting words."""
        r = self.reader
        toks, hi = r.toks, self.hi
        opened = toks[j].start
        if r.region_words(opened) > 3:
            return False
        m = first = r.index_at(r.regions[opened]) + 1
        tail = 0
        while m < hi and toks[m].start < stop and toks[m].text not in COMMAS and toks[m].text not in (".", "!", "؟"):
            tail += toks[m].is_word
            m += 1
            if tail > 1:
                break  # a second word after it: a name inside a longer phrase, whatever follows
        r.examined += m - first
        return tail > 1 or (m < hi and toks[m].text in COMMAS and self.later_introducer(j, stop))

    def ends_clause(self, closed: int, stop: int) -> bool:
        """Nothing but the clause's end marks between a closing mark and ``stop``."""
        return not self.reader.folded[closed + 1:stop].strip(" .!؟?")

    def colon_quotation(self, m: int, stop: int) -> int | None:
        """The opening mark of a quotation right after a colon that ends a short phrase from word ``m`` on
        («بحسب فرانس24 –بدون تصرف-: «…»», «وبحسب موقع X ضمن تقرير عن المقابلة بتاريخ …: «…»»), or None."""
        r = self.reader
        toks, hi = r.toks, self.hi
        words = marks = 0
        opened = None
        while m < hi and toks[m].start < stop and marks <= MAX_MARKS:
            t = toks[m]
            if t.text == ":":
                n = m + 1
                if n < hi and toks[n].start in r.regions and r.region_words(toks[n].start) >= 2:
                    opened = toks[n].start
                break
            if t.start in r.regions:  # a short quoted name in the phrase: «ضمن تقرير بعنوان "…"»
                if r.region_words(t.start) > 3:
                    break
                words += 1
                m = r.index_at(r.regions[t.start]) + 1
                continue
            if t.text in (".", "!", "؟", "?") or t.is_word and (r.cues[m] or is_complementizer(t.text)):
                break
            words += t.is_word
            marks += not t.is_word
            if words > 12:
                break
            m += 1
        r.examined += words + marks
        return opened

    # ----- what a verb's words say
    def demand_follows(self, k: int, entry: CueEntry) -> bool:
        """«طالب الاتحاد العام للشغل بزيادة الأجور», «مطالبا بإعادة فتح …»: a demand verb whose «بـ» complement
        (within the subject window, before any comma or other cue) is the request, reported speech of the subject."""
        if entry.lemma not in lexicon.words("demand_lemmas"):
            return False
        r = self.reader
        j = k + 1
        while j < min(self.hi, k + 10):
            t = r.toks[j]
            if t.start in r.regions and j + 1 < self.hi and r.ba_complement(entry, r.toks[j + 1]):
                t = r.toks[j + 1]  # «مطالبا كل المواطنين "بالاحتفاظ بالليرة"»: the request quoted
            elif t.start in r.regions and r.region_words(t.start) <= 3:
                j = r.index_at(r.regions[t.start]) + 1  # «طالبت "وايمو" سابقا بـ…»: a quoted name, the subject
                continue
            elif t.text == "(" and (close := next((m for m in range(j + 1, min(self.hi, j + 5))
                                                   if r.toks[m].text == ")"), None)) is not None:
                j = close + 1  # «طالب منظمة البلدان المصدرة للبترول (أوبك) بخفض …»: a short name in brackets
                continue
            elif not t.is_word or r.cues[j]:
                return False
            if r.ba_complement(entry, t):
                # a participle's object is short: «مطالبا بإعادة فتح …», «مطالبا كل المواطنين بـ…»
                return entry.form != "participle" or j - k <= 4
            j += 1
        return False

    def complement_follows(self, k: int, entry: CueEntry, window: int = 16) -> bool:
        """Whether the verb at ``k`` has a ب-complement («هدد بمنع …», «اتهم الشرطة بـ"التقصير"»), a colon or
        إن/أن within ``window`` words of its clause (commas, a time and short quoted names may stand between;
        another verb cue or the sentence's end stops the search)."""
        r = self.reader
        toks = r.toks
        words = marks = 0
        j = k + 1
        found = False
        while j < self.hi and words <= window and marks <= MAX_MARKS:
            t = toks[j]
            if t.text == ":" or self.reporting_complementizer(j):
                found = True
                break
            if t.text in (".", "!", "؟", "?"):
                break
            if t.start in r.regions:
                if r.region_words(t.start) > 3:
                    break
                j = r.index_at(r.regions[t.start]) + 1
                words += 1
                continue
            if t.is_word and (r.ba_complement(entry, t) or t.text in lexicon.words("ba_prepositions") and (
                j + 1 < self.hi and toks[j + 1].start in r.regions
            )):
                found = True
                break
            hit = r.cues[j]
            if t.is_word and hit is not None and hit[0].kind == "verb":
                break
            words += t.is_word
            marks += not t.is_word
            j += 1
        r.examined += words + marks
        return found

    def verbal_noun_object(self, k: int) -> bool:
        """Whether the object of the verb at ``k`` is a verbal noun or a figure, a nominal report («كشفت الوزارة عن
        ارتفاع عدد الإصابات», «تكشف مقتل …», «كشفت عن عدد النازحين»), not a thing shown («كشفت الشرطة عن أسماء
        المتهمين», «تكشف حقيقة …»): the word after the first «عن» of the clause, or after the verb when its subject
        stands before it (else the verb's own frame decides: True)."""
        r = self.reader
        toks = r.toks
        end = min(self.hi, k + 10)
        at = next((j + 1 for j in range(k + 1, end) if toks[j].text in lexicon.words("object_prepositions")), None)
        if at is None and self.left(k)[0] is not None:
            at = k + 1
        r.examined += end - k
        if at is None:
            m = k + 1
            while m < self.hi and (adverbial(toks[m].text) or listed("pronoun_prepositions", toks[m].text)):
                m += 1
            # «كشفت خلاله ما جرى»: what happened, shown; else «كشف مكتب الأمم المتحدة في بيان … عدد النازحين»:
            # the object is the frame's to find
            return not (m < self.hi and toks[m].text in lexicon.words("ma_particles"))
        return at < self.hi and r.verbal_noun(toks[at])

    def estimate_follows(self, k: int) -> bool:
        """«قدرت المنظمة إنتاج القمح بنحو 2.4 مليون طن»: an estimate verb whose object is measured by
        «بـ + number» reports the estimate without a complementizer."""
        r = self.reader
        stem = r.toks[k].text.lstrip("".join(lexicon.ordered("conjunction_proclitics")))[:3]
        if stem not in lexicon.words("estimate_stems"):
            return False
        measures, numbers = lexicon.words("estimate_measures"), lexicon.words("estimate_number_words")
        for j in range(k + 1, min(self.hi, k + 24)):
            text = r.toks[j].text
            if text in (".", "!", "؟", ":") or is_complementizer(text):
                return False
            if text[:1] in lexicon.words("ba_prepositions") and text[1:2].isdecimal() or text in measures and (
                j + 1 < self.hi and (r.toks[j + 1].text[:1].isdigit() or r.toks[j + 1].text in numbers)
            ):
                return True
        return False


@dataclass(eq=False, kw_only=True)
class Clause(Sentence):
    """A cue in the sentence being read: its word ``k``, entry and proclitic length, ``stop`` (where its content
    ends) and ``covered_end`` (how far the quotes of the sentence's earlier cues reach)."""

    k: int
    entry: CueEntry
    clitic: int
    stop: int
    covered_end: int

    @property
    def word(self) -> Word:
        return self.reader.toks[self.k]

    @property
    def cue(self) -> CueSpan:
        """The cue's folded span (without its proclitic) and entry."""
        t = self.word
        return t.start + self.clitic, t.end, self.entry

    @property
    def bare_text(self) -> str:
        """The cue word without its proclitic («قال» of «وقال»)."""
        return self.word.text[self.clitic:]

    @property
    def prev(self) -> str:
        """The word before the cue, or "" at the sentence start."""
        return self.text(self.k - 1)

    def left_subject(self) -> Who | None:
        """The subject before the cue («ولكن العفو الدولية تقول»), or None."""
        return self.left(self.k)[0]

    def introduced(self, window: int, quotes: bool = True, preps: bool = True, hi: int | None = None) -> bool:
        """Whether an introducer follows the cue within ``window`` words (:meth:`Sentence.introducer_follows`)."""
        return self.introducer_follows(self.k, window, quotes, preps, hi)

    def impersonal(self) -> bool:
        """«ويذكر أن», «فتبيّن أنه غير صحيح» (it turned out): nobody is reported, though the clause still ends the
        content before it."""
        k = self.k
        return (
            self.entry.form == "present" and k + 1 < self.hi and is_complementizer(self.reader.toks[k + 1].text)
            and in_list("impersonal_cues", self.bare_text, exact=True) and self.left_subject() is None
        )
