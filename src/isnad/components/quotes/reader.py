"""The article being read: its words, quotation marks and entities, and what has been found so far.

One :class:`Reader` per document, shared by every sentence and construction: the words of the clause view
(:mod:`isnad.components.quotes.tokens`) with their cue lookups, the quotation regions with their word counts,
the entities in folded coordinates, the quotes found (and the few that may still reach the sentence being
read), the last explicit speaker.  Everything that a construction asks of a position is answered here in
constant or logarithmic time, so the work per sentence does not grow with the number of quotation marks or
quotes elsewhere in the article.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from isnad.components.attribution import (
    QUOTE_PAIRS,
    CueEntry,
    bare,
    in_list,
    is_complementizer,
    lookup_cue,
    phrase_in_list,
)
from isnad.components.quotes import lexicon
from isnad.components.quotes.found import Found, QuoteIndex, Who
from isnad.components.quotes.tokens import Word, words
from isnad.components.quotes.vocab import is_time, month_word, role_or_title
from isnad.core.doc import Doc
from isnad.model import Span
from isnad.text.normalize import fold, key

COMMAS = frozenset({"،", ",", "؛", ";"})
_MARKS = re.compile("[" + re.escape("".join(set(QUOTE_PAIRS) | set(QUOTE_PAIRS.values()))) + "\n]")
_AP_OPEN, _AP_CLOSE = lexicon.written("ap_quotation_marks")
_TIME_PREPOSITIONS = frozenset(lexicon.words("channel_prepositions") | lexicon.words("prepositions"))
#: marks (punctuation, quotation marks) a word-counting scan goes over beyond its window of words
MAX_MARKS = 64
#: a quotation of at least this many words is speech, not a quoted name in a phrase
MIN_QUOTE_WORDS = 4

_SUBJECT_HEADS = ("person_roles", "person_titles", "anonymous_heads", "organization_heads", "media_heads",
                  "media_names", "document_heads", "states")
_EMPHATICS = lexicon.words("emphatics")
_POSSESSIVES = lexicon.ordered("possessive_suffixes")
_NISBA = lexicon.ordered("nisba_endings")
_DEFINITE = lexicon.ordered("definite_prefixes")


@functools.cache
def _publishing_forms() -> frozenset[str]:
    """The publishing verbs («نشرت», «بثته») with and without a joined و/ف."""
    forms = lexicon.words("publishing_verbs")
    return frozenset(forms) | {c + f for c in lexicon.words("conjunction_proclitics") for f in forms}


_BEFORE_OPENER = frozenset(" \t(«[:،,")


def _opens(folded: str, pos: int) -> bool:
    """A mark that is both opener and closer («"») with a space before it and a word right after it opens a
    quotation nested in the open one («إنه "العقد الأكبر على صعيد مبيعات "تايفون". وأضاف أن "…"»): it does
    not close the open one, so a report between two quotations stays outside both."""
    return 0 < pos < len(folded) - 1 and folded[pos - 1] in _BEFORE_OPENER and folded[pos + 1].isalnum()


class Reader:
    """The document's words, quotation regions and entities (folded coordinates), and the quotes found."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.folded = doc.norm.text
        self.toks: list[Word] = words(doc.tokens)
        self.tok_starts = [t.start for t in self.toks]
        types = {t.text for t in self.toks if t.is_word}
        cues = {text: lookup_cue(text) for text in types}  # once per word type
        self.cues: list[tuple[CueEntry, int] | None] = [
            None if (hit := cues.get(t.text)) is not None and self._written_as_verbal_noun(t, hit) else hit
            for t in self.toks
        ]
        published = types & _publishing_forms()
        self._publishing = [i for i, t in enumerate(self.toks) if t.text in published] if published else []
        self.regions = self._quote_regions()
        self.mark_tails: set[int] = set()  # the second mark of a two-character closing mark («''» of AP style)
        self.mark_heads: set[int] = set()  # the first mark of a two-character opening mark («``»)
        self._ap_regions()
        self.closers = {c: o for o, c in self.regions.items()}
        self._words_before = [0, *itertools.accumulate(t.is_word for t in self.toks)]
        self._region_words = {o: self._words_before[self.index_at(c)] - self._words_before[self.index_at(o + 1)]
                              for o, c in self.regions.items()}
        self._outer_starts, self._outer_ends = self._outer_regions()
        self.openers = sorted(self.regions)
        self._by_closer = sorted((c, o) for o, c in self.regions.items())
        self._reach = list(itertools.accumulate(reversed([o for _, o in self._by_closer]), min))[::-1]
        self.found = QuoteIndex()
        self.last: Who | None = None
        # the person a sentence with no quote was about, as the subject of its first verb («ورفض النائب X
        # القرار.»), and that sentence's index: the next sentence's «وأكد في بيان أن …» is theirs
        self.topic: tuple[Who, int] | None = None
        # the subject of that sentence's first verb, any source (an institution too: «أصدرت الوزارة بيانا …»)
        self.subject_topic: tuple[Who, int] | None = None
        self.sentence = 0  # the index of the sentence being read
        self.last_sentence = -1  # where the last speaker was named or spoke
        self.extra_sources: list[Who] = []
        self.speaker_words: set[str] = set()
        self.consumed: set[int] = set()
        self.previous: tuple[int, int] | None = None
        self.subjects: dict[tuple[int, int], tuple[Who | None, int | None]] = {}  # left subject of a verb, per sentence
        self.first_subjects: dict[int, list] = {}  # per sentence: how far it was read for its first verb's subject
        self.examined = 0  # words and marks looked at by the scans (bounded per sentence)
        people = [e for e in doc.entities if e.label == "PER"]
        self.person_names = {fold(w) for e in people for w in e.text.split()[-1:]}  # «الإدريسي» of «عبد الرحيم الإدريسي»
        self.entity_ends = {self.to_folded(e.end): self.to_folded(e.start) for e in people}
        self.place_ends = {self.to_folded(e.end): self.to_folded(e.start) for e in doc.entities if e.label == "LOC"}
        self.place_spans = {start: end for end, start in self.place_ends.items()}
        self._entity_spans = sorted((self.to_folded(e.start), self.to_folded(e.end)) for e in doc.entities)
        self._entity_spans_starts = [s for s, _ in self._entity_spans]
        self.entity_starts = set(self._entity_spans_starts)
        self._entity_starts_sorted = sorted(self.entity_starts)
        self.person_spans = {self.to_folded(e.start): self.to_folded(e.end) for e in people}
        self._person_starts = sorted(self.person_spans)
        agents = sorted((e.start, e.end) for e in doc.entities if e.label in ("PER", "ORG"))
        self._agent_starts = [s for s, _ in agents]
        self._agent_reach = list(itertools.accumulate((e for _, e in agents), max))
        self._timed = set()
        for t in doc.times:
            start, end = self.to_folded(t.start), self.to_folded(t.end)
            self._timed.update(range(self.index_at(start), self.index_at(end)))
        self.surnames = self._short_subjects()

    def publishing_between(self, lo: int, hi: int) -> list[int]:
        """Indices of the publishing verbs («نشرت», «بثت») among the words ``lo:hi``."""
        return self._publishing[bisect.bisect_left(self._publishing, lo):bisect.bisect_left(self._publishing, hi)]

    # ----- coordinates
    def to_folded(self, offset: int) -> int:
        return bisect.bisect_left(self.doc.norm.origin, offset)

    def _written_as_verbal_noun(self, t: Word, hit: tuple[CueEntry, int]) -> bool:
        """A past-tense cue written with hamza below: «إدانتهم» is their conviction (إفعال), not «أدانتهم» (she
        condemned them); the fold spells both alike."""
        entry, proclitic = hit
        if entry.form != "past" or not t.text[proclitic:].startswith("ا"):
            return False
        span = self.orig(t.start, t.end)
        return self.doc.text[span.start + proclitic:span.start + proclitic + 1] == lexicon.written("hamza_below_alef")[0]

    def orig(self, start: int, end: int) -> Span:
        return self.doc.folded_span(start, end)

    def index_at(self, offset: int) -> int:
        """Index of the first word starting at or after folded ``offset``."""
        return bisect.bisect_left(self.tok_starts, offset)

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words of folded ``[start, end)`` (``end`` at a word's end); a word cut by ``start`` is read from there
        («مكتب» of «لمكتب» after «وفقا»)."""
        i = self.index_at(start)
        out = self.toks[i:self.index_at(end)]
        if i > 0 and self.toks[i - 1].end > start:
            cut = self.toks[i - 1]
            rest = self.folded[start:cut.end]
            if rest[0].isalnum() or rest[0] == "_":
                return [Word(start, cut.end, rest, True), *out]
            # a cut inside «.5» of «ل.5»: the separator is a mark and the digits after it a word
            return [Word(start, start + 1, rest[0], False), Word(start + 1, cut.end, rest[1:], True), *out]
        return out

    # ----- quotation marks
    def _quote_regions(self) -> dict[int, int]:
        """Opening-mark offset -> closing-mark offset, per line, nested marks included."""
        regions: dict[int, int] = {}
        stack: list[tuple[str, int]] = []
        folded = self.folded
        for m in _MARKS.finditer(folded):
            ch, pos = m.group(), m.start()
            if ch == "\n":
                stack = []  # a quotation does not run over a line break
            elif stack and ch == stack[-1][0] and not (ch in QUOTE_PAIRS and _opens(folded, pos)):
                regions[stack.pop()[1]] = pos
            elif ch in QUOTE_PAIRS:
                if ch == "‘" and pos > 0 and folded[pos - 1].isalpha():
                    continue  # apostrophe
                stack.append((QUOTE_PAIRS[ch], pos))
        return regions

    def _ap_regions(self) -> None:
        """AP-style quotations «``…''» (two backticks, two apostrophes, on one line): the region runs from the second
        backtick to the first apostrophe, so that the content is what lies between, as with one-character marks."""
        folded = self.folded
        start = folded.find(_AP_OPEN)
        while start != -1:
            line_end = folded.find("\n", start)
            close = folded.find(_AP_CLOSE, start + 2, line_end if line_end != -1 else len(folded))
            if close == -1:
                start = folded.find(_AP_OPEN, start + 2)
                continue
            if not any(start < o < close for o in self.regions):
                self.regions[start + 1] = close
                self.mark_tails.add(close + 1)
                self.mark_heads.add(start)
            start = folded.find(_AP_OPEN, close + 2)

    def _outer_regions(self) -> tuple[list[int], list[int]]:
        """The regions not inside another one, in text order (nested marks pair up within a line)."""
        starts: list[int] = []
        ends: list[int] = []
        for o in sorted(self.regions):
            if not ends or o > ends[-1]:
                starts.append(o)
                ends.append(self.regions[o])
        return starts, ends

    def region_words(self, opened: int) -> int:
        """How many words the quotation opened at ``opened`` holds."""
        return self._region_words[opened]

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_left(self._outer_starts, pos) - 1
        return i >= 0 and pos < self._outer_ends[i]

    def regions_in(self, start: int, end: int) -> list[int]:
        """Opening marks in folded ``[start, end)``, in text order."""
        return self.openers[bisect.bisect_left(self.openers, start):bisect.bisect_left(self.openers, end)]

    def first_region_between(self, start: int, end: int, max_words: int) -> int | None:
        """The first opening mark in ``[start, end)`` of a quotation of at most ``max_words`` words."""
        return next((o for o in self.regions_in(start, end) if self.region_words(o) <= max_words), None)

    # ----- found quotes
    def start_sentence(self, start: int) -> None:
        """Forget the quotes that can no longer overlap anything from the sentence at ``start`` on: a quote found
        later starts in its sentence, or at the opening mark of a quotation that closes there."""
        i = bisect.bisect_left(self._by_closer, (start, -1))
        self.found.forget_before(min(start, self._reach[i]) if i < len(self._reach) else start)

    def add(self, found: Found) -> None:
        self.found.add(found)
        if found.speaker is not None and found.speaker == self.last:
            self.last_sentence = self.sentence

    def last_is_recent(self) -> bool:
        """Whether the last speaker spoke in this sentence or the one before: a zero-subject present verb or a
        quotation with no cue goes on with them only then, not after the writer's own sentences («قال الوزير …
        غير أن هذه الرواية تبدو واهية. ويرى أن …»)."""
        return self.sentence - self.last_sentence <= 1

    def agrees(self, who: Who, entry: CueEntry) -> bool:
        """Whether a speaker can be the subject of the cue by gender: a feminine verb or participle («شددت»,
        «مضيفة») takes no masculine head («البيان», «الوزير»), a masculine one («وأضاف») no definite feminine
        noun («الشركة»); names, plurals and states are never judged."""
        words_ = self.folded[who.start:who.end].split()
        if not words_ or entry.kind != "verb" or not entry.gender:
            return True
        head = words_[0]
        if entry.gender == "f":
            return not in_list("masculine_speaker_heads", head)
        stem = bare(head)
        return not (key(head).startswith(("ال", "وال", "فال")) and stem.endswith("ه") and len(stem) > 3 and not (
            in_list("person_roles", head)))  # but «الخليفة»: a man's office

    def masculine_noun(self, j: int) -> bool:
        """Word ``j`` is a common noun, masculine and singular by its shape, in construct with a definite noun
        («موعد الاجتماع», «موقع المناورات») or a listed masculine head («البيان»): no feminine or plural ending, no
        broken plural (an alef third: «مصادر», «وسائل», «أوساط»), no name the article or the entities stage knows
        (a name is no construct head: «سامسونغ، الشركة …»), no state."""
        t = self.toks[j]
        text = t.text
        if in_list("masculine_speaker_heads", text):
            return True
        nxt = self.toks[j + 1].text if j + 1 < len(self.toks) else ""
        return len(text) >= 3 and not text.startswith("ال") and nxt.startswith("ال") and not text.endswith(
            ("ة", "ه", "ات", "ون", "ين", "ا", "ى", "اء")
        ) and text[2:3] != "ا" and not (text[:1] == "ا" and text[3:4] == "ا") and t.start not in self.entity_starts and text not in self.speaker_words and not (
            in_list("states", text) or in_list("anonymous_heads", text) or in_list("media_names", text)
        )

    def agreeing(self, who: Who | None, entry: CueEntry, before: int) -> Who | None:
        """``who``, or when it cannot be the cue's subject by gender, the last speaker before ``before`` who can
        («أعلنت الشركة …، حسب البيان. وجاء في البيان: …، مضيفة: …» → الشركة)."""
        if who is None or self.agrees(who, entry):
            return who
        for found in reversed(self.found.all):  # (found in text order, sentence by sentence)
            if found.start < before and found.speaker is not None and self.agrees(found.speaker, entry) and (
                found.speaker.kind != "document"
            ):
                return found.speaker
        return who

    def remember(self, who: Who | None) -> None:
        if who is not None:
            self.last = who
            self.last_sentence = self.sentence
            self.speaker_words.update(w for w in self.folded[who.start:who.end].split() if len(w) > 2)

    # ----- entities and times
    def person_before(self, offset: int) -> Who | None:
        """The last person entity before ``offset`` («دشن الأمير خالد الفيصل … ونوه سموه بـ …»), or None."""
        i = bisect.bisect_left(self._person_starts, offset)
        if i == 0:
            return None
        start = self._person_starts[i - 1]
        return Who(start, self.person_spans[start], "person")

    def entity_starts_within(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._entity_starts_sorted, start)
        return i < len(self._entity_starts_sorted) and self._entity_starts_sorted[i] < end

    def agent_overlaps(self, start: int, end: int) -> bool:
        """Whether a person or organisation entity overlaps the original ``[start, end)`` at its start."""
        i = bisect.bisect_right(self._agent_starts, start) - 1
        if i >= 0 and self._agent_reach[i] > start:
            return True  # an entity that starts before and runs over ``start``
        j = bisect.bisect_left(self._agent_starts, start)
        return j < len(self._agent_starts) and self._agent_starts[j] < end

    def verbal_noun(self, t: Word) -> bool:
        """A verbal noun (masdar) by its pattern or the list of announced nouns: تفعيل («تسجيل»), افتعال
        («ارتفاع»), انفعال («انخفاض»), استفعال («استخدام»), تفاعل («تراجع»), إفعال written with its hamza
        («إطلاق», not the plural «أسماء»), or «مقتل», «وفاة», «وجود» …"""
        text = t.text
        stem = text[2:] if text.startswith(_DEFINITE) else text
        if in_list("announced_nouns", stem, exact=True) or in_list("announced_nouns", text):
            return True
        n = len(stem)
        if n == 5 and stem[0] == "ت" and (stem[3] == "ي" or stem[2] == "ا"):
            return True  # تفعيل, تفاعل
        if n == 6 and stem[0] == "ا" and stem[4] == "ا" and (stem[2] == "ت" or stem[1] == "ن"):
            return True  # افتعال, انفعال
        if n == 7 and stem.startswith("است") and stem[5] == "ا":
            return True  # استفعال
        if n == 5 and stem[0] == "ا" and stem[3] == "ا":
            original = self.doc.text[self.orig(t.start, t.end).start:self.orig(t.start, t.end).end]
            return original[len(original) - n:][:1] == lexicon.written("hamza_below_alef")[0]
        return False

    def same_entity(self, start: int, end: int) -> bool:
        """Whether one entity covers folded ``[start, end)`` («الإمارات العربية المتحدة»)."""
        i = bisect.bisect_right(self._entity_spans_starts, start)
        return any(e >= end for _, e in self._entity_spans[max(0, i - 4):i])  # nested entities: a few start before

    def timed(self, m: int) -> bool:
        """Whether word ``m`` is inside a time expression of the times stage."""
        return m in self._timed

    def before_time(self, start: int, end: int) -> int:
        """The end of folded ``[start, end)`` before the first time expression or bracketed age after its first
        word: a speaker is never «البيت الأبيض مطلع شباط/فبراير», whichever construction read it."""
        first = self.index_at(start)
        for m in range(first + 1, self.index_at(end)):
            if m in self._timed or self.toks[m].text == "(" and m + 1 < len(self.toks) and (
                self.toks[m + 1].text[:1].isdigit()
            ):  # nor «إليو كاندي (18 عاما) من السنغال»: an age in brackets ends the name
                while m - 1 > first and self.toks[m - 1].text in _TIME_PREPOSITIONS:
                    m -= 1  # «وأعلن النادي القطري في 12 تموز/يوليو أن …»: the preposition goes with the date
                return max(start, self.toks[m - 1].end)
        return end

    def date_token(self, m: int) -> bool:
        """A token of a date or time expression: a digit, a month or weekday name, «يوم», «هـ», a time span."""
        t = self.toks[m]
        return (
            t.text.isdigit() or t.text in ("/", "-") or is_time(t.text) or in_list("date_words", t.text, exact=True)
            or month_word(t.text) or m in self._timed
        )

    # ----- words that a speaker's phrase cannot hold
    def possessed_noun(self, t: Word) -> bool:
        """A word with a possessive suffix («علمه», «موقفها», «دعمهم»), which no name of a source carries."""
        text = t.text
        return (
            t.is_word and len(text) >= 4 and text.endswith(_POSSESSIVES)
            and not any(w in text for w in lexicon.ordered("possessive_lookalikes"))
            and text not in _EMPHATICS and not text.startswith(lexicon.ordered("article_or_preposition_prefixes"))
            and text not in self.speaker_words and t.start not in self.entity_starts
        )

    def bare_noun(self, t: Word) -> bool:
        """An indefinite word that cannot continue a source's name (no article, nisba, list word or entity)."""
        text = t.text
        stem = text[1:] if text[:1] in lexicon.words("coordinating_conjunctions") and len(text) > 3 else text
        return (
            t.is_word and len(text) > 2 and not text.isascii() and not text[:1].isdigit()
            and not stem.startswith(lexicon.ordered("article_or_lam_prefixes")) and not text.endswith(_NISBA)
            and not is_time(text) and t.start not in self.entity_starts and text not in self.speaker_words
            and not self.is_ala(t) and not in_list("source_adjectives", text, exact=True) and text not in _EMPHATICS
            and not any(in_list(name, stem) for name in (
                "organization_heads", "person_roles", "person_titles", "anonymous_heads", "states", "media_heads",
                "media_names", "document_heads", "speech_nouns",
            ))
        )

    def is_ala(self, t: Word) -> bool:
        """The preposition «على» (folded to the name «علي»): told apart by its original spelling."""
        (ala,) = lexicon.written("preposition_ala")
        return t.text == fold(ala) and self.orig(t.start, t.end).text.endswith(ala[-1])

    def names_ali(self, t: Word) -> bool:
        """The name «علي», folded like the preposition «على» but written with a final ي."""
        (ala,) = lexicon.written("preposition_ala")
        return t.text == fold(ala) and not self.is_ala(t)

    def ba_complement(self, entry: CueEntry, t: Word) -> bool:
        """A «بـ» complement of a verb that takes one (تعهد ب، طالب ب، اعترف ب), not a name starting with ب."""
        text = t.text
        return (
            (len(text) > 3 or text in lexicon.words("ba_complement_words")) and text[:1] in lexicon.words("ba_prepositions")
            and in_list("ba_complement_lemmas", entry.lemma, exact=True)
            and not in_list("states", text, exact=True) and t.start not in self.entity_starts
            and text not in self.speaker_words
        )

    def not_a_source(self, who: Who) -> bool:
        """A subject of a reporting verb that cannot be a source: an event, a picture, a situation
        (``non_sources`` in the lexicon), unless the entities stage names it."""
        words_ = self.folded[who.start:who.end].split()
        return bool(words_) and in_list("non_sources", words_[0]) and not self.entity_starts_within(who.start, who.end)

    def sourcelike(self, who: Who) -> bool:
        """Whether a phrase after «بحسب/وفق» names a source (not «وفق آلية توافقية»)."""
        text = self.folded[who.start:who.end]
        if text.isascii():
            return any(w[:1].isupper() for w in text.split()) or who.kind != "person"
        head = text.split()[0] if text.split() else ""
        if any(in_list(name, head) for name in (
            "media_heads", "document_heads", "anonymous_heads", "person_roles", "organization_heads", "states"
        )) or phrase_in_list("media_names", text) or in_list("media_names", head):
            return True
        if any(w in self.speaker_words for w in text.split()):
            return True
        span = self.orig(who.start, who.end)
        return self.agent_overlaps(span.start, span.end)

    def closed_subject(self, subject: list[int]) -> bool:
        """A subject that cannot go on with a bare noun: it ends with a definite word and is not headed by a
        role or title (after «الرئيس التركي» a name may follow)."""
        words_ = [self.toks[m].text for m in subject if self.toks[m].is_word]
        return bool(words_) and words_[-1].startswith(_DEFINITE) and not any(role_or_title(w) for w in words_)

    # ----- the article's own speakers
    def _short_subjects(self) -> set[str]:
        """One-word subjects of a cue followed by إن/أن or a colon anywhere in the text («وأضاف حمدان أن»):
        the family names the article uses, so «وزير الطاقة وليد حمدان» can be read as role + name even where no
        complementizer closes the subject («وأعلن وزير الطاقة وليد حمدان إطلاق …»)."""
        toks = self.toks
        out: set[str] = set()
        for i in range(1, len(toks) - 1):
            hit = self.cues[i - 1]
            if hit is None or hit[0].kind != "verb" or hit[0].form == "participle":
                continue
            word = toks[i].text
            if not toks[i].is_word or len(word) < 3 or self.cues[i] or word.isascii() or is_time(word):
                continue  # «وأضاف أيضا أن» has no subject
            if not (is_complementizer(toks[i + 1].text) or toks[i + 1].text == ":"):
                continue
            if not any(in_list(name, word) for name in _SUBJECT_HEADS):
                out.add(word)
        return out


