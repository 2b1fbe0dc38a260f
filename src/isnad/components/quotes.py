"""Quotes with their cue, speaker, channel and chain of transmission.

Rule-based on purpose: attribution in news prose is a handful of constructions around a closed class
of cues, and every span must be exact, so the rules below read the folded text token by token:
- verb cue (قال، أكد، أعلنت، يقول …) then subject, optional channel/time, then إن/أن/بأن, a colon or a
  quotation: indirect clause, Sabq-style direct speech, or a direct quote (content without marks);
- subject before the verb («العفو الدولية تقول إن», «وكانت مصادر تركية أفادت بأن»);
- zero-subject continuations (وأضاف أن، وتابع:) and participles (مضيفا، مشيرا إلى أن) take the nearest
  explicit speaker, whose mention becomes the quote's speaker (the gold convention);
- «بحسب/وفق/حسب X», «كما أوضح X», «على ما قال X» make the neighbouring clause an indirect quote of X,
  or, when that clause is already a quote, add X to its chain;
- the object is the content when there is no complementizer: «أعلنت الوزارة تعليق …», «نفى القنصل X علمه …»
  (a possessed or bare indefinite noun after the subject starts the object), «تعهدت تركيا بمنحه …»,
  «قدرت المنظمة إنتاج القمح بنحو N» (an estimate measured by «بـ + number»), «كما أدان …» (zero subject);
- a participle after any verb with an explicit subject takes that subject («وختمت حداد حديثها قائلة»);
- «بحسب تقرير صادر عن X يوم …،» covers the issuer and date; the clause after the comma is the content;
  «بحسب X –بدون تصرف-: «…»» (a short phrase, a colon, a quotation) is a direct quote of X, not the clause before;
- a speaker is a noun phrase that can act: particles, negations, relative pronouns and prepositions with a pronoun
  («مما يؤكد», «لم تعلن», «نفى فيها») never are, an adverbial after the verb («نقلت بدورها») is skipped, a verbal
  noun right after it («يزعم إعلان "…"») is the object, and after «التي/الذي» the antecedent speaks
  («صحيفة "ديلي ميل"، التي قالت إنه …»); with no such phrase the speaker is none rather than a wrong one;
- «اقرأ أيضًا:» is a news site's related-link marker, not a cue;
- short quoted terms after a verb of talking or a verbal noun are direct quotes («تحدثت عن «…»»,
  «إعلان بغداد "…"»); a judgement verb's quoted verdict is the content («اعتبرها X «إرهابية»»);
- headlines «X: claim» are quotes with no cue; long quotations with no cue continue the last speaker;
  short quoted names or terms («داعش») are not quotes.
Short forms of a person speaker («وتابع العلي» after «سامر العلي») and bare definite roles that refer back
(«وأضاف المسؤول», «المتحدث ذاته») carry the long form's name and entity; English pronoun speakers («He said»)
and honorific pronouns («وأوضح سموه») are the nearest explicit mention.  A paragraph-initial dateline
(«فاس - », «الرياض (واس) - », «BEIRUT (AP) — ») is skipped: neither the place nor the outlet is a speaker.
Demands («طالب X بـ…», «مطالبا بـ…») report the request; a bare «انتقد X الخطة» reports nothing.
The gold conventions are in ``shared/data/articles-dev/README.md`` (section Quotes).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from isnad.components.attribution import (
    QUOTE_PAIRS,
    CueEntry,
    Tok,
    bare,
    cue_lexicon,
    in_list,
    is_complementizer,
    is_speech_verb,
    lookup_cue,
    phrase_in_list,
    source_kind,
    tokens,
)
from isnad.core.doc import Doc
from isnad.core.registry import stage
from isnad.model import Cue, Quote, Span, Speaker, Transmitter
from isnad.text.normalize import fold, key

_COMMAS = {"،", ",", "؛", ";"}
_PREPS = {"الي", "علي", "عن", "من", "to", "about"}
_BOUNDARY_WORDS = {
    "كان", "كانت", "وكان", "وكانت", "لكن", "ولكن", "لكنه", "لكنها", "فيما", "بينما", "حيث", "كما", "و", "ف",
    "اذ", "فقد", "وقد", "ثم", "الا", "ان", "ما", "اما", "but", "and", "while", "as",
}
_KANA = {"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"}
_SPLIT_LEADERS = {"لكن", "لكنه", "لكنها", "ولكن", "كما", "فيما", "بينما", "اما", "و", "وهو", "وهي", "and", "but", "while"}
_CHANNEL_PREPS = {"في", "خلال", "عبر", "امام", "لدي", "اثناء", "in", "at", "on", "during"}
_OBJECT_ENDS = {"اذ", "بينما", "فيما", "في وقت", "في ظل", "بعد ان", "وسط"}
_FRONTED_PREPS = {"في", "وفي", "ففي", "ومن", "خلال", "وخلال", "منذ", "بعد", "وبعد", "قبل", "وقبل", "امس", "واليوم"}
_RELATIVES = {
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "ومقره", "ومقرها", "ومقرهم",
}
_TRAILING_ATTRIBUTION = re.compile(r"[،,]?\s*(?:علي حد|حسب|بحسب|وفق)\s+(?:قوله|قولها|قولهم|تعبيره|تعبيرها|وصفه|وصفها)\W*$")
_WRITER_CONTEXT = re.compile(r"[،,]?\s+(?:في وقت|في حين)\s+(?!سابق|لاحق|متاخر|مبكر|قريب|مضي|لاحق)")
_PURPOSE = re.compile(r"(?:من اجل|بهدف|بغيه|بغية|سعيا|حرصا)\b")  # «تعهد بـ"…" من أجل …»: the writer's purpose
_NISBA = ("ية", "يه", "يون", "يين", "يان", "ي")
_NEEDS_PREP = {"نقل": "عن", "دعا": "الي"}
_ESTIMATE_STEMS = {"قدر"}
_PRONOUNS = {"he", "she", "they", "هو", "هي", "هم"}
_EMPHATIC = {"نفسه", "نفسها", "نفسهم", "انفسهم", "ذاته", "ذاتها", "عينه", "عينها", "وحده", "وحدها"}
_PRONOUN_CLAUSE = {"وهو", "وهي", "وهذا", "وهذه"}
_MAX_FRAME = 24
_DEMAND_LEMMAS = {"طالب"}
_REPORTS_SAYING = re.compile(
    r"(?<!\w)(\w+)\s+(?:القائلة|القائل|التي تقول|التي تفيد|التي تشير|التي تتحدث|تفيد|تقول|تشير)\s+(?:ب?ان\w*|الي ان\w*|عن)\b"
)
_DEMONSTRATIVES = {"ذلك", "هذا", "هذه", "ذاك", "تلك", "الامر", "ذلك الامر", "هذا الامر", "it", "this", "that"}
_PREP_COMPLEMENTS = {fold("أعرب"): "عن"}  # «أعرب X عن أمله في أن …»
_TELLING = {fold("أبلغ")}
_CONTINUATIONS = {fold(w) for w in ("أضاف", "تابع", "استطرد")}
_GENERIC_OFFICIALS = {key(w) for w in ("مسؤول", "مسئول")}  # «المسؤول»: whichever named official the article is about
# A paragraph-initial dateline: a place of one to three words (maybe «, Country»), an optional bracketed agency or
# «: reporter» byline, a dash, then optionally the agency or outlet and another dash or colon:
# «فاس - », «الرياض (واس) - », «دمشق - سانا - », «بيروت – «الشرق الأوسط»: », «جدة: عبدالله الغامدي - »,
# «BEIRUT (AP) — ».
_W = r"[^\W\d][\w'.]*"
_DATELINE_PLACE = (
    rf"{_W}(?:[ \t]{_W}){{0,2}}(?:,[ \t]{_W}(?:[ \t]{_W})?)?[ \t]*(?:\([^()\n]{{1,40}}\)[ \t]*)?"
    rf"(?::[ \t]*{_W}(?:[ \t]{_W}){{0,2}}[ \t]*)?[-–—]+[ \t]*"
)
_DATELINES = (
    re.compile(_DATELINE_PLACE + rf"(?:[«\"“][^«»\"“”\n]{{1,40}}[»\"”][ \t]*[:،,\-–—]?[ \t]*|(?:\([^()\n]{{1,40}}\)|{_W}(?:[ \t]{_W})?)[ \t]*[-–—:]+[ \t]*)?"),
    re.compile(_DATELINE_PLACE),  # when what follows the dash is already the sentence: «فاس - قال المسؤول: …»
)
_MIN_QUOTE_WORDS = 4
_MIN_STANDALONE_WORDS = 6


@dataclass
class _Who:
    """A speaker mention in folded coordinates."""

    start: int
    end: int
    kind: str


@dataclass
class _Found:
    start: int  # content, folded offsets
    end: int
    kind: str
    cue: tuple[int, int, CueEntry] | None
    speaker: _Who | None
    channel: tuple[int, int] | None = None
    media: list[_Who] = field(default_factory=list)


@dataclass
class _Frame:
    """What follows a verb cue: subject, channel, transmitters, and how the content is introduced."""

    subject: _Who | None = None
    intro: tuple[str, int] | None = None  # ("comp", content start) | ("colon", pos) | ("quote", opening mark)
    channel: tuple[int, int] | None = None
    media: list[_Who] = field(default_factory=list)
    aborted: bool = False
    object_from: int | None = None  # «نفى القنصل محمد العتيبي علمه …»: where the verb's object starts
    break_at: int | None = None
    relayed: _Who | None = None
    lead: int | None = None  # «نقلت بدورها», «نفى فيها»: where the subject may start after an adverbial
    implicit: bool = False  # «…، نفى فيها وجود …»: «in which» right after the verb, the statement's author speaks


class _Extractor:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.folded = doc.norm.text
        self.toks = tokens(self.folded)
        self.tok_starts = [t.start for t in self.toks]
        self.regions = self._quote_regions()
        self.closers = {c: o for o, c in self.regions.items()}
        self.found: list[_Found] = []
        self.last: _Who | None = None
        self.extra_sources: list[_Who] = []
        self.speaker_words: set[str] = set()
        people = [e for e in doc.entities if e.label == "PER"]
        self.entity_ends = {self.to_folded(e.end): self.to_folded(e.start) for e in people}
        self.entity_starts = {self.to_folded(e.start) for e in doc.entities}
        self.person_spans = {self.to_folded(e.start): self.to_folded(e.end) for e in people}
        self.consumed: set[int] = set()
        self.previous: tuple[int, int] | None = None
        self.time_spans = [(self.to_folded(t.start), self.to_folded(t.end)) for t in doc.times]
        self.surnames = self._short_subjects()

    # ----- coordinates
    def to_folded(self, offset: int) -> int:
        return bisect.bisect_left(self.doc.norm.origin, offset)

    def orig(self, start: int, end: int) -> Span:
        return self.doc.folded_span(start, end)

    def index_at(self, offset: int) -> int:
        return bisect.bisect_left(self.tok_starts, offset)

    def _short_subjects(self) -> set[str]:
        """One-word subjects of a cue followed by إن/أن or a colon anywhere in the text («وأضاف حمدان أن»):
        the family names the article uses, so «وزير الطاقة وليد حمدان» can be read as role + name even where no
        complementizer closes the subject («وأعلن وزير الطاقة وليد حمدان إطلاق …»)."""
        toks = self.toks
        out: set[str] = set()
        for i in range(1, len(toks) - 1):
            word = toks[i].text
            if not toks[i].is_word or len(word) < 3 or lookup_cue(word) or word.isascii() or _is_time(word):
                continue  # «وأضاف أيضا أن» has no subject
            hit = lookup_cue(toks[i - 1].text)
            if hit is None or hit[0].kind != "verb" or hit[0].form == "participle":
                continue
            if not (is_complementizer(toks[i + 1].text) or toks[i + 1].text == ":"):
                continue
            if not any(in_list(name, word) for name in (
                "person_roles", "person_titles", "anonymous_heads", "organization_heads", "media_heads",
                "media_names", "document_heads", "states",
            )):
                out.add(word)
        return out

    def _name_run(self, j: int, hi: int) -> int | None:
        """Index of the last word of an unmarked name after a role («وليد حمدان» in «وزير الطاقة وليد حمدان
        إطلاق …»): up to three plain words ending with a family name the article uses as a subject."""
        for m in range(j, min(hi, j + 3)):
            t = self.toks[m]
            if not t.is_word or lookup_cue(t.text) or is_complementizer(t.text) or t.text in _PREPS:
                return None
            if t.text in self.surnames:
                return m
        return None

    # ----- quotation marks
    def _quote_regions(self) -> dict[int, int]:
        """Opening-mark offset -> closing-mark offset, per line, nested marks included."""
        regions: dict[int, int] = {}
        pos = 0
        for line in self.folded.split("\n"):
            stack: list[tuple[str, int]] = []
            for i, ch in enumerate(line):
                if stack and ch == stack[-1][0]:
                    _, opened = stack.pop()
                    regions[opened] = pos + i
                elif ch in QUOTE_PAIRS:
                    if ch == "‘" and i > 0 and line[i - 1].isalpha():
                        continue  # apostrophe
                    stack.append((QUOTE_PAIRS[ch], pos + i))
            pos += len(line) + 1
        return regions

    def region_words(self, opened: int) -> int:
        return sum(1 for t in tokens(self.folded, opened + 1, self.regions[opened]) if t.is_word)

    def inside_quote(self, pos: int) -> bool:
        return any(o < pos < c for o, c in self.regions.items())

    def _is_name_quote(self, j: int, hi: int, stop: int) -> bool:
        """A short quotation that names something («شرق», "الأونروا") rather than reporting words."""
        opened = self.toks[j].start
        if self.region_words(opened) > 3:
            return False
        m = self.index_at(self.regions[opened]) + 1
        tail = 0
        while m < hi and self.toks[m].start < stop and self.toks[m].text not in _COMMAS | {".", "!", "؟"}:
            tail += self.toks[m].is_word
            m += 1
        return tail > 1 or (m < hi and self.toks[m].text in _COMMAS and self._later_introducer(j, hi, stop))

    def _ends_clause(self, closed: int, stop: int) -> bool:
        return not self.folded[closed + 1:stop].strip(" .!؟?")

    # ----- main loop
    def run(self) -> None:
        paragraph = None
        for index, sentence in enumerate(self.doc.sentences):
            fs, fe = self.to_folded(sentence.start), self.to_folded(sentence.end)
            lo, hi = self.index_at(fs), self.index_at(fe)
            if sentence.paragraph != paragraph:
                fs, lo = self._after_dateline(fs, lo, hi)
                paragraph = sentence.paragraph
            before = len(self.found)
            self._sentence(fs, fe, lo, hi)
            if (sentence.heading or index == 0) and len(self.found) == before:
                self._headline(fe, lo, hi)
            self._quoted_terms(lo, hi)
            self._reports_saying(fs, fe)
            self._standalone(fs, fe, sentence.paragraph)
            self.previous = (lo, hi)

    def _reports_saying(self, fs: int, fe: int) -> None:
        """«نفيا التقارير القائلة إنهما …», «أنباء تفيد بأن …»: the reports are a source (media or document)
        even where what they say is the object of someone else's denial."""
        for m in _REPORTS_SAYING.finditer(self.folded, fs, fe):
            word = m.group(1)
            if in_list("media_heads", word) or in_list("document_heads", word):
                clitic = word[:1] in "وفب" and (word[1:3] == "ال" or any(
                    in_list(name, word[1:], exact=True) for name in ("media_heads", "document_heads")))
                start = m.start(1) + clitic
                self.extra_sources.append(_Who(start, m.end(1), source_kind(self.folded[start:m.end(1)])))

    def _after_dateline(self, fs: int, lo: int, hi: int) -> tuple[int, int]:
        """Skip a paragraph-initial dateline («فاس - », «الرياض (واس) - », «BEIRUT (AP) — »): the place is
        never a speaker and the bracketed agency is the article's own outlet, not a source."""
        head = self.toks[lo].text if hi > lo else ""
        if not head or head[:1] in "وف" and len(head) > 3:
            return fs, lo  # «وكان الفصيلان - "…" و"…" قد نفيا»: a parenthetical dash, not a dateline
        for pattern in _DATELINES:
            m = pattern.match(self.folded, fs)
            if m is None or m.end() >= self.toks[hi - 1].end:
                continue
            inside = [t for t in self.toks[lo:self.index_at(m.end())] if t.is_word]
            if not any(lookup_cue(t.text) or is_complementizer(t.text) or t.text in _BOUNDARY_WORDS | _KANA | _PREPS
                       for t in inside):
                return m.end(), self.index_at(m.end())
        return fs, lo

    def _sentence(self, fs: int, fe: int, lo: int, hi: int) -> None:
        toks = self.toks
        cues: list[tuple[int, CueEntry, int]] = []
        for k in range(lo, hi):
            if toks[k].is_word and not self.inside_quote(toks[k].start):
                hit = self._cue_at(k, lo, hi)
                if hit:
                    cues.append((k, *hit))
        splits = {k: at for k, entry, _ in cues if (at := self._split_point(k, entry, lo, hi)) is not None}
        covered_end = fs
        sentence_quotes: list[_Found] = []
        for k, entry, clitic in cues:
            if k in self.consumed or (toks[k].start < covered_end and k not in splits):
                continue
            stop = min([at for s, at in splits.items() if s > k] + [fe])
            found = self._from_cue(k, entry, clitic, lo, hi, fs, stop, sentence_quotes, covered_end)
            if found is None or found.start >= found.end or self._overlaps_existing(found):
                continue
            self.found.append(found)
            sentence_quotes.append(found)
            covered_end = max(covered_end, found.end)

    def _overlaps_existing(self, found: _Found) -> bool:
        for other in self.found:
            inter = min(other.end, found.end) - max(other.start, found.start)
            if inter > 0.5 * min(other.end - other.start, found.end - found.start):
                return True
        return False

    def _remember(self, who: _Who | None) -> None:
        if who is not None:
            self.last = who
            self.speaker_words.update(w for w in self.folded[who.start:who.end].split() if len(w) > 2)

    # ----- cues
    def _cue_at(self, k: int, lo: int, hi: int) -> tuple[CueEntry, int] | None:
        t = self.toks[k]
        hit = lookup_cue(t.text)
        if hit is None or _related_link().match(self.folded, t.start):
            return None  # «اقرأ أيضًا: …»: a related-link marker before a linked headline, not «أقرّا»
        entry, clitic = hit
        if entry.kind == "en" and not t.text.islower():
            return None
        if entry.strict:
            if t.text[clitic:] not in _lemma_forms(entry.lemma) or not (
                self._introducer_follows(k, hi, window=9, quotes=False, preps=False) or self._estimate_follows(k, hi)
                or self._demand_follows(k, entry, hi)
            ):
                return None
        elif entry.lemma in _NEEDS_PREP and not any(
            self.toks[j].text in (_NEEDS_PREP[entry.lemma], ":") or self._reporting_complementizer(j)
            for j in range(k + 1, min(hi, k + 14))
        ):
            return None  # «سفينة تنقل مساعدات»: carrying, not reporting; «دعا» reports only «دعا إلى»
        elif entry.form == "participle" and not self._introducer_follows(k, hi, window=3):
            prev = self.toks[k - 1].text if k > lo else ""
            if not (prev in _COMMAS and t.text.endswith("ا")):
                return None
        return entry, clitic

    def _impersonal(self, k: int, entry: CueEntry, clitic: int, lo: int, hi: int) -> bool:
        """«ويذكر أن», «فتبيّن أنه غير صحيح» (it turned out): nobody is reported, though the clause still ends the
        content before it."""
        return (
            entry.form == "present" and k + 1 < hi and is_complementizer(self.toks[k + 1].text)
            and in_list("impersonal_cues", self.toks[k].text[clitic:], exact=True) and self._left_np(k, lo)[0] is None
        )

    def _demand_follows(self, k: int, entry: CueEntry, hi: int) -> bool:
        """«طالب الاتحاد العام للشغل بزيادة الأجور», «مطالبا بإعادة فتح …»: a demand verb whose «بـ» complement
        (within the subject window, before any comma or other cue) is the request, reported speech of the subject."""
        if entry.lemma not in _DEMAND_LEMMAS:
            return False
        for j in range(k + 1, min(hi, k + 10)):
            t = self.toks[j]
            if not t.is_word or lookup_cue(t.text):
                return False
            if self._ba_complement(entry, t):
                return entry.form != "participle" or j == k + 1
        return False

    def _clause_end(self, k: int, hi: int) -> int:
        """Index of the first comma or cue after ``k`` (or ``hi``): where the verb's own clause ends."""
        for j in range(k + 1, hi):
            if self.toks[j].text in _COMMAS or self.toks[j].is_word and lookup_cue(self.toks[j].text):
                return j
        return hi

    def _estimate_follows(self, k: int, hi: int) -> bool:
        """«قدرت المنظمة إنتاج القمح بنحو 2.4 مليون طن»: an estimate verb whose object is measured by
        «بـ + number» reports the estimate without a complementizer."""
        if fold(self.toks[k].text).lstrip("وف")[:3] not in _ESTIMATE_STEMS:
            return False
        for j in range(k + 1, min(hi, k + 24)):
            text = self.toks[j].text
            if text in (".", "!", "؟", ":") or is_complementizer(text):
                return False
            if re.match(r"ب\d", text) or text in ("بنحو", "بحوالي", "بقرابة", "بما", "بين") and j + 1 < hi and (
                self.toks[j + 1].text[:1].isdigit() or self.toks[j + 1].text in ("يقارب", "يزيد", "لا")
            ):
                return True
        return False

    def _estimate(self, k: int, cue, lo: int, hi: int, stop: int) -> _Found | None:
        """«قدرت الأمم المتحدة في تقريرها الصادر في … عدد النازحين بنحو 2.9 مليون»: subject, an optional
        document channel, then the estimated object is the content."""
        toks = self.toks
        speaker = self._left_np(k, lo)[0]
        j = k + 1
        if speaker is None:
            speaker = self._simple_np(k + 1, hi)
            if speaker is None:
                return None
            j = self.index_at(speaker.end)
        channel = None
        while j < hi and (toks[j].text in _COMMAS or _is_time(toks[j].text)):
            j += 1
        if j + 1 < hi and toks[j].text in ("في", "خلال") and in_list("document_heads", toks[j + 1].text):
            document = self._simple_np(j + 1, hi)
            if document is not None:
                document, m = self._extend_issued(document, hi, stop)
                m = self.index_at(document.end)
                while m < hi and (self._date_token(m) or toks[m].text in ("في", "بتاريخ") or toks[m].text in _COMMAS
                                  or in_list("issued_words", toks[m].text, exact=True)):
                    m += 1
                channel = (toks[j].start, toks[m - 1].end)
                j = m
        if j >= hi or toks[j].start >= stop:
            return None
        self._remember(speaker)
        start = toks[j].start
        return _Found(start, self._object_end(start, stop, hi), "indirect", cue, speaker, channel)

    def _reporting_complementizer(self, j: int) -> bool:
        """إن/أن at token ``j`` that can open a reported clause: not after a subordinator («دون أن تذكره»)."""
        return is_complementizer(self.toks[j].text) and not (j > 0 and _listed("subordinators", self.toks[j - 1].text))

    def _introducer_follows(self, k: int, hi: int, window: int, quotes: bool = True, preps: bool = True) -> bool:
        count = 0
        j = k + 1
        while j < hi and count <= window:
            t = self.toks[j]
            if self._reporting_complementizer(j) or t.text == ":" or preps and t.text in ("الي", "علي"):
                return True
            if t.start in self.regions:
                n = self.region_words(t.start)
                if quotes and n >= 2:
                    return True
                if not quotes and n > 3:
                    return False
                j = self.index_at(self.regions[t.start]) + 1
                count += 1
                continue
            count += t.is_word
            j += 1
        return False

    def _split_point(self, k: int, entry: CueEntry, lo: int, hi: int) -> int | None:
        """Where a cue that starts a new report cuts the previous content (its comma), or None."""
        toks = self.toks
        if entry.form == "participle" and entry.lemma != "قال":
            j = k - 1
            while j >= lo and toks[j].text in _COMMAS | _SPLIT_LEADERS:
                j -= 1
            return toks[j + 1].start if j + 1 < k else toks[k].start
        if entry.kind == "prep" and self._introducer_follows(k, hi, window=8, quotes=False, preps=False):
            return None  # «ذكرت صحيفة X، نقلا عن مسؤولين، أن …»: part of the frame, not a new report
        if entry.kind == "prep" and k > lo and toks[k - 1].text in _PRONOUN_CLAUSE:
            return toks[k - 1].start  # «… بلغ 1.8 مليون طن وهو بحسب الفاو أدنى مستوى»: a new report
        j = k - 1
        if entry.kind == "verb":
            left, first = self._left_np(k, lo)
            if left is not None and first is not None:
                j = first - 1
            elif j > lo and _function_word(toks[j].text) and toks[j].text not in _BOUNDARY_WORDS | _SPLIT_LEADERS and (
                entry.form == "past" or not _listed("relative_pronouns", toks[j].text)
            ):
                # «…، مما يؤكد أن …», «…، والذين أكدوا له أن …»: a new clause ends the previous content (but not
                # «…، الذي يرجح أن …», a passive present)
                j -= 1
        if j >= lo and toks[j].text in _SPLIT_LEADERS and entry.kind != "prep":
            j -= 1
        if j >= lo and toks[j].text in _COMMAS:
            return toks[j].start
        return None

    # ----- one cue
    def _from_cue(self, k, entry, clitic, lo, hi, fs, stop, sentence_quotes, covered_end) -> _Found | None:
        toks = self.toks
        t = toks[k]
        cue = (t.start + clitic, t.end, entry)
        if self._impersonal(k, entry, clitic, lo, hi):
            return None
        if entry.kind in ("prep", "en_prep"):
            return self._prep(k, entry, clitic, lo, hi, fs, stop, sentence_quotes, covered_end)
        prev = toks[k - 1].text if k > lo else ""
        if prev == "كما" and k - 1 == lo and self.last is not None and not self._introducer_follows(
            k, self._clause_end(k, hi), window=9, quotes=False, preps=False
        ) and not ((np_ := self._simple_np(k + 1, hi)) is not None and self._sourcelike(np_)):
            # «كما أدان النظام القضائي …»: sentence-initial «كما» + verb continues the last speaker and what follows
            # is the object (unless it names a source: «كما أعلنت وزارة الصحة …»)
            if k + 1 >= hi:
                return None
            self._remember(self.last)
            start = toks[k + 1].start
            return self._content(start, self._object_end(start, stop, hi), cue, self.last, _Frame())
        if prev in ("كما", "ما") and k - 1 > lo and not self._introducer_follows(k, hi, window=6):
            return self._after(k, cue, lo, hi, fs, covered_end, sentence_quotes)  # «…، كما أوضح ليندمير»
        if entry.strict and not self._introducer_follows(k, hi, window=9, quotes=False, preps=False)  and not self._demand_follows(
            k, entry, hi
        ):
            return self._estimate(k, cue, lo, hi, stop)  # _cue_at let it through: «قدرت X Y بنحو N»
        if entry.kind == "en" and (found := self._english_after_quote(k, cue, lo, hi)) is not None:
            return found
        if entry.kind == "en" and (found := self._english_after_clause(k, cue, lo, hi, fs)) is not None:
            return found
        # «"…"، قال الوزير»
        if (
            entry.form != "participle" and k - 2 >= lo and prev in _COMMAS
            and toks[k - 2].start in self.closers and not self._introducer_follows(k, hi, window=6)
        ):
            opened = self.closers[toks[k - 2].start]
            before = self.index_at(opened) - 1
            if self.region_words(opened) >= 3 and (before < lo or not toks[before].is_word):
                # but «أدلى بها لقناة "فوكس نيوز" و"إن بي سي نيوز"، نفى فيها …»: a name in the clause, not a quotation
                speaker = self._simple_np(k + 1, hi) or self._left_np(k, lo)[0] or self.last
                self._remember(speaker)
                return _Found(opened + 1, self.regions[opened], "direct", cue, speaker)
        if entry.lemma in _DEMAND_LEMMAS and entry.form == "participle" and self._demand_follows(k, entry, hi):
            speaker = sentence_quotes[-1].speaker if sentence_quotes else self._clause_subject(lo, k) or self.last
            start = toks[k + 1].start  # «مطالبا بإعادة فتح المفاوضات»: the ب-complement is the request
            return self._content(start, self._object_end(start, stop, hi), cue, speaker, _Frame())
        relative = None
        if entry.form == "participle":
            speaker = sentence_quotes[-1].speaker if sentence_quotes else self._clause_subject(lo, k) or self.last
            frame = self._frame(k + 1, hi, stop, entry, allow_subject=False)
        elif entry.kind == "en" and t.text.endswith("ing") and prev in _COMMAS:
            # «The IMF welcomed the decision, saying it would help …»: the subject of the main clause speaks
            speaker = self._english_subject(lo, k) or self.last
            m = k + 1 + (k + 1 < hi and is_complementizer(toks[k + 1].text))
            if m >= hi or speaker is None:
                return None
            self._remember(speaker)
            return self._content(toks[m].start, stop, cue, speaker, _Frame())
        else:
            left, _ = self._left_np(k, lo)
            if left is None and entry.kind == "en":
                left = self._english_relative_subject(k, lo)
            frame = self._frame(k + 1, hi, stop, entry, allow_subject=entry.kind != "en" and left is None)
            if entry.lemma in _TELLING and frame.subject is not None:
                self._split_addressee(frame)
            speaker = left or frame.subject
            relative = self._relative_before(k, lo) if left is None else None
            if relative is not None:
                # After «التي/الذي» the pronoun is the subject and its antecedent speaks («صحيفة "ديلي ميل"، التي
                # قالت إنه …»), unless an object pronoun on the verb or a «فيه» after it refers back to the antecedent
                # («الاتفاق الذي أعلنه الرئيس», «تقريرها، الذي قالت فيه إنه …»). A source named after the verb is
                # the subject («التي قالت الوزارة إنها …», «التي تنفي فيها ريما رحباني شائعة …»); any other word
                # there is the object («الادعاء الذي يزعم إعلان "…"»). No speaker found means none, not the last one.
                oblique = self._object_suffix(k, entry, clitic) or frame.implicit
                explicit = frame.subject if frame.subject is not None and self._sourcelike(frame.subject) and (
                    oblique or frame.intro is not None or frame.object_from is not None and entry.form == "past"
                ) else None  # but «الراحل الذي يعتبر أحد مؤسسي الحزب»: a present with no إن/أن is no report of its own
                frame.subject = explicit
                if explicit is not None:
                    relative = None  # an ordinary subject after the verb
                else:
                    speaker = None if oblique else self._antecedent(relative, lo)
                    if speaker is None and entry.form == "present" and not (frame.intro and frame.intro[0] == "quote"):
                        return None  # «في الوقت الذي يُتوقع أن …»: a passive or impersonal present reports nobody
            if speaker is None and relative is None:
                connector = k > lo and _listed("speaker_connectors", toks[k - 1].text)
                if entry.form == "present" and not (clitic and frame.intro and frame.intro[0] == "comp") \
                        and not connector:  # «…، وبالتالي يؤكد: "…"»: the subject of the clause before goes on
                    return None  # «ورقة تفيد بأنه»; but «وتقولان إن» continues the last speaker
                if not frame.implicit:  # «…، نفى فيها وجود …»: whoever made the statements, not the last speaker
                    speaker = self.last
        if frame.aborted or entry.lemma in _DEMAND_LEMMAS and speaker is not None and speaker.kind == "document":
            return None  # «وطالب القرار الدول المجاورة بتفتيش …»: a resolution's terms, not reported speech
        if frame.intro is None and frame.object_from is not None and frame.subject is not None:
            self._remember(frame.subject)
            end = frame.break_at if frame.break_at is not None else stop
            start = toks[frame.object_from].start
            return self._content(start, self._object_end(start, end, hi), cue, frame.subject, frame)
        if frame.intro is None:
            if entry.form == "present" and self._left_np(k, lo)[0] is None:
                return None  # «وتعتبر إدلب …»: a present verb with no subject before it is not a report
            left_used = entry.form != "participle" and (self._left_np(k, lo)[0] is not None or relative is not None)
            if left_used or entry.form == "participle" or entry.kind == "en":
                self._remember(speaker)
            found = self._object_content(k, entry, lo, hi, stop, cue, speaker, frame, left_used)
            if found is not None and in_list("judgement_lemmas", entry.lemma, exact=True):
                term = next((o for o in sorted(self.regions) if found.start <= o < found.end and self.region_words(o) <= 3), None)
                if term is not None:  # «اعتبرها الاتحاد الأوروبي حتى 2008 «إرهابية»»: the quoted verdict is what was said
                    found.start, found.end, found.kind = term + 1, self.regions[term], "direct"
            return found
        self._remember(speaker)
        kind_, pos = frame.intro
        if kind_ == "colon" and entry.kind == "verb" and frame.channel is None and speaker is not frame.subject and sum(
            t.is_word and not _is_time(t.text) and not in_list("speech_nouns", t.text, exact=True) and not lookup_cue(t.text)
            for t in toks[k + 1:self.index_at(pos)]
        ) >= 2:
            return None  # «الأمم المتحدة تكشف عدد …: …»: a headline with an object, not speech
        if entry.form == "participle" and kind_ == "comp" and frame.channel is None and sum(
            t.is_word for t in toks[k + 1:self.index_at(pos) - 1]
        ) > 2:
            pos = toks[k + 1].start  # «واصفا بيان المسؤولين … بأنه أمر غير واقعي»: the object is reported too
        if kind_ == "quote":
            return _Found(pos + 1, self.regions[pos], "direct", cue, speaker, frame.channel, frame.media)
        if kind_ == "colon":
            j = self.index_at(pos) + 1
            if j < hi and toks[j].start in self.regions:
                opened = toks[j].start
                return _Found(opened + 1, self.regions[opened], "direct", cue, speaker, frame.channel, frame.media)
            if j >= hi:
                return None
            found = self._content(toks[j].start, stop, cue, speaker, frame)
            if found is not None and found.kind == "indirect":
                found.kind = "direct"
            return found
        if kind_ == "prep":
            stop = self._object_end(pos, stop, hi)
        return self._content(pos, stop, cue, speaker, frame)

    def _object_end(self, start: int, stop: int, hi: int) -> int:
        """Where a reported object ends: before «، إذ …», «، في وقت …» (the writer's context)."""
        toks = self.toks
        m = self.index_at(start)
        while m < hi and toks[m].start < stop:
            if toks[m].text in _COMMAS and m + 1 < hi:
                nxt = toks[m + 1].text
                two = nxt + " " + toks[m + 2].text if m + 2 < hi else nxt
                if nxt in _OBJECT_ENDS or two in _OBJECT_ENDS:
                    return toks[m].start
            m += 1
        return stop

    def _english_after_quote(self, k: int, cue, lo: int, hi: int) -> _Found | None:
        """«"…," the minister said» and «"…," said Anna Brown, an economist»."""
        toks = self.toks
        j = k - 1
        while j >= lo and toks[j].is_word and k - j <= 6:
            j -= 1
        while j >= lo and toks[j].text in _COMMAS:
            j -= 1
        if j < lo or toks[j].start not in self.closers:
            return None
        opened = self.closers[toks[j].start]
        if self.region_words(opened) < 2:
            return None
        m = self.index_at(toks[j].start) + 1
        while m < k and toks[m].text in _COMMAS:
            m += 1
        if m < k:
            speaker = self._who(toks[m], toks[k - 1])
        else:
            end = k + 1
            while end < hi and (toks[end].is_word or toks[end].text in _COMMAS or toks[end].text in "'’") and not (
                toks[end].text in _COMMAS and end + 1 < hi and toks[end + 1].text in _CHANNEL_PREPS
            ):  # «said Hassan Abdalla, the bank's governor, in a televised address»: the channel is not the name
                end += 1
            speaker = self._who(toks[k + 1], toks[end - 1]) if end > k + 1 else None
        self._remember(speaker)
        return _Found(opened + 1, self.regions[opened], "direct", cue, speaker or self.last)

    def _english_after_clause(self, k: int, cue, lo: int, hi: int, fs: int) -> _Found | None:
        """«More than 30,000 people have fled, the United Nations said on Tuesday.»"""
        toks = self.toks
        left, first = self._left_np(k, lo)
        if left is None or first is None or first - 1 < lo or toks[first - 1].text not in _COMMAS:
            return None
        m = k + 1
        addressee = None
        if cue[2].lemma == "tell":  # «… told The Associated Press on Wednesday.»: the outlet or audience told
            n = m + (m < hi and toks[m].text.casefold() == "the")
            while n < hi and toks[n].is_word and (toks[n].text[:1].isupper() or toks[n].text in ("reporters", "journalists")):
                n += 1
            if n > m and (who := self._who(toks[m], toks[n - 1])) is not None:
                addressee, m = who, n
        channel = None
        while m < hi and (_is_time(toks[m].text) or toks[m].text.casefold() in ("on", "in", "late", "early", "at")):
            n = m + 1  # «… the ministry said in a statement on Monday.»: the channel, then the time
            while n < hi and toks[n].is_word and n - m < 5 and not _is_time(toks[n].text):
                n += 1
            words = " ".join(toks[i].text.casefold() for i in range(m, n))
            if n > m + 1 and channel is None and any(words.startswith(c) for c in _english_channels()):
                channel, m = (toks[m].start, toks[n - 1].end), n
                continue
            m += 1
        if m < hi and toks[m].text not in (".", "!", "?"):
            return None
        self._remember(left)
        found = self._content(fs, toks[first - 1].start, cue, left, _Frame(channel=channel))
        if found is not None and addressee is not None and addressee.kind == "media":
            found.media.append(addressee)
        return found

    def _split_addressee(self, frame: _Frame) -> None:
        """«أبلغ مسؤولون حكوميون رويترز أنهم …»: the outlet told is the verb's object, the channel (like
        «قال لوكالة رويترز»), not part of the subject and not a source of its own."""
        subject = frame.subject
        words = tokens(self.folded, subject.start, subject.end)
        for n in (3, 2, 1):
            if len(words) > n and all(t.is_word for t in words[-n:]) and in_list(
                "media_names", " ".join(t.text for t in words[-n:]), exact=True
            ):
                outlet = words[-n]
                frame.subject = _Who(subject.start, words[-n - 1].end, source_kind(
                    self.folded[subject.start:words[-n - 1].end]))
                frame.channel = frame.channel or (outlet.start, subject.end)
                return

    def _english_subject(self, lo: int, k: int) -> _Who | None:
        """The capitalised noun phrase that opens an English sentence («The International Monetary Fund»)."""
        toks = self.toks
        m = lo
        while m < k and (toks[m].text[:1].isupper() or toks[m].text in ("of", "for", "and", "'", "’", "s")):
            m += 1
        return self._who(toks[lo], toks[m - 1]) if m > lo else None

    def _english_relative_subject(self, k: int, lo: int) -> _Who | None:
        """«A ministry spokesman, who spoke on condition of anonymity …, said …», «Officials, speaking on …,
        said …»: the noun phrase before a relative or participle clause set off by commas right before the verb."""
        toks = self.toks
        if k - 1 < lo or toks[k - 1].text not in _COMMAS:
            return None
        for c in range(k - 2, max(lo, k - 30) - 1, -1):
            if toks[c].text in (".", "!", "?"):
                return None
            if toks[c].text in _COMMAS:
                if c + 1 < k and (toks[c + 1].text in ("who", "which") or toks[c + 1].text.endswith("ing")) and c - 1 >= lo:
                    first = c - 1
                    while first - 1 >= lo and toks[first - 1].is_word and c - first < 8:
                        first -= 1
                    return self._who(toks[first], toks[c - 1])
                return None
        return None

    def _relative_before(self, k: int, lo: int) -> int | None:
        """Index of a relative pronoun right before the verb at ``k`` («التي قالت», «الذي لم يعلن»), or None."""
        j = k - 1
        while j >= lo and (self.toks[j].text in ("قد", "لقد") or _listed("negations", self.toks[j].text)):
            j -= 1
        return j if j >= lo and _listed("relative_pronouns", self.toks[j].text) else None

    def _object_suffix(self, k: int, entry: CueEntry, clitic: int) -> bool:
        """The verb carries an object pronoun («أعلنه»): after a relative, the antecedent is its object."""
        text = self.toks[k].text[clitic:]
        return text.endswith(("ه", "ها", "هم", "هما")) and text not in _lemma_forms(entry.lemma)

    def _antecedent(self, r: int, lo: int) -> _Who | None:
        """The noun phrase a relative pronoun at ``r`` refers to, when it can speak: «صحيفة "ديلي ميل" البريطانية»
        of «… من صحيفة "ديلي ميل" البريطانية، التي قالت». The longest phrase ending right before the pronoun
        (or its comma) whose head is a source word or an entity; None for «الادعاء الذي يزعم»."""
        toks = self.toks
        end_j = r - 1
        if end_j >= lo and toks[end_j].text in _COMMAS:
            end_j -= 1
        if end_j < lo:
            return None
        for s in range(max(lo, end_j - 8), end_j + 1):
            t = toks[s]
            if t.start in self.regions:
                head = tokens(self.folded, t.start + 1, self.regions[t.start])
                head_word = head[0].text if head else ""
            elif t.is_word and not self.inside_quote(t.start):
                head_word = t.text
            else:
                continue
            if not (t.start in self.entity_starts or head_word in self.speaker_words or any(in_list(name, head_word) for name in (
                "media_heads", "media_names", "document_heads", "anonymous_heads", "person_roles", "person_titles",
                "organization_heads", "states",
            ))):
                continue
            for tail in (False, True):
                who = self._simple_np(s, end_j + 1, tail=tail)
                if who is not None and who.start >= t.start and who.end == toks[end_j].end:
                    return who
        return None

    def _clause_subject(self, lo: int, k: int) -> _Who | None:
        """Subject of a sentence-initial verb that is not a cue («شكلت رئاسة المحكمة هيئة …، مشيرة إلى»)."""
        toks = self.toks
        j = lo
        comma = next((m for m in range(lo, min(k, lo + 4)) if toks[m].text in _COMMAS), None)
        if comma is not None:  # «إلى ذلك،», «من جهته،»
            j = comma + 1
        if j + 1 >= k:
            return None
        verb, head = toks[j].text, toks[j + 1].text
        if not toks[j].is_word or verb.startswith(("ال", "وال")) or verb in _PREPS or verb in _CHANNEL_PREPS:
            return None
        if any(in_list(name, verb) for name in ("organization_heads", "person_roles", "anonymous_heads", "states")):
            return None
        if in_list("speech_nouns", head, exact=True):
            return None  # «واختتم حديثه قائلا»: no subject here, the speaker is the last one
        if not (head.startswith("ال") or in_list("organization_heads", head) or in_list("person_roles", head)
                or in_list("anonymous_heads", head)
                or toks[j + 1].start in self.entity_starts or head in self.speaker_words or is_speech_verb(verb)):
            return None
        who = self._simple_np(j + 1, k, tight=True)
        return who if who is not None and who.end <= toks[k].start else None

    def _object_content(self, k, entry, lo, hi, stop, cue, speaker, frame, left_used) -> _Found | None:
        """No complementizer: «أعلنت الإمارات تعهدها …» — the verb's object is the content."""
        if entry.strict or entry.kind == "en" and speaker is None:
            return None
        toks = self.toks
        if entry.kind == "en":
            if k + 1 >= hi:
                return None
            start = toks[k + 1].start
        else:
            start_k = k + 1
            lead = start_k
            while lead < hi and toks[lead].is_word and (
                _adverbial(toks[lead].text) or _listed("pronoun_prepositions", toks[lead].text)
            ):
                lead += 1  # «نفى فيها وجود …», «وأكد بدوره ضرورة …»
            if not left_used and entry.form != "participle":
                np_ = self._simple_np(lead, hi, tail=False)  # an object follows: «أعلن وزير الطاقة إطلاق مناقصة»
                if np_ is not None and not _listed("object_heads", toks[lead].text) and (
                    lead == start_k or self._sourcelike(np_)
                ):
                    speaker = np_
                    self._remember(np_)
                    start_k = self.index_at(np_.end)
                else:
                    start_k = lead
            else:
                start_k = lead
            start_k = self._skip_gap(start_k, hi)
            if start_k >= hi or toks[start_k].start >= stop:
                return None
            start = toks[start_k].start
        return self._content(start, self._object_end(start, stop, hi), cue, speaker, frame)

    def _content(self, start: int, stop: int, cue, speaker, frame: _Frame) -> _Found | None:
        folded = self.folded
        end = stop
        while end > start and (folded[end - 1].isspace() or folded[end - 1] in ".،,؛;:-–"):
            end -= 1
        while start < end and folded[start].isspace():
            start += 1
        if end <= start:
            return None
        tail = _TRAILING_ATTRIBUTION.search(folded, start, end)
        if tail is not None:
            end = tail.start()
        link = next((m for m in _related_link().finditer(folded, start, end) if not self.inside_quote(m.start())), None)
        if link is not None:  # «… في ذات السياق،  اقرأ أيضًا: …»: the linked headline is not what was said
            end = link.start()
            while end > start and (folded[end - 1].isspace() or folded[end - 1] in ".،,؛;:-–"):
                end -= 1
        if folded[start:start + 1] in ("ب", "ل") and start + 1 in self.regions:
            start += 1  # «تعهد بـ"توفير السيولة"»: the preposition is not part of what was said
        for context in _WRITER_CONTEXT.finditer(folded, start, end):
            if not self.inside_quote(context.start()) and len(folded[start:context.start()].split()) >= 3:
                end = context.start()  # «… سيوفر "كل السيولة" في وقت تسارع فيه تراجع الليرة»: the writer's context
                break
        kind = "indirect"
        if start in self.regions:
            closed = self.regions[start]
            after = folded[closed + 1:end].strip(" .،,!؟?")
            if not after or folded[closed + 1:closed + 3].strip() in ("،", ",") or _PURPOSE.match(after):
                return _Found(start + 1, closed, "direct", cue, speaker, frame.channel, frame.media)
            kind = "mixed"
        elif any(start < o < end and self.region_words(o) >= 2 for o in self.regions):
            kind = "mixed"
        return _Found(start, end, kind, cue, speaker, frame.channel, frame.media)

    # ----- what follows a verb cue
    def _frame(self, k: int, hi: int, stop: int, entry: CueEntry, allow_subject: bool) -> _Frame:
        toks = self.toks
        frame = _Frame()
        subject: list[int] = []
        media: list[int] = []
        phase = "np" if allow_subject else "gap"
        j = k
        words = 0
        channel_start = None
        channel_end = None
        transmitted = entry.lemma == "نقل"
        loose = 0  # plain words after the subject: an object, so a later preposition is not the content
        while j < hi and toks[j].start < stop:
            t = toks[j]
            text = t.text
            nxt = toks[j + 1] if j + 1 < hi else None
            two = text + " " + nxt.text if nxt is not None else text
            if t.start in self.regions:
                opened = t.start
                n = self.region_words(opened)
                if n >= _MIN_QUOTE_WORDS or frame.object_from is None and not (
                    self._is_name_quote(j, hi, stop) or subject and phase == "np"
                    and not self._ends_clause(self.regions[opened], stop)
                ):  # but «نفى وجود محادثات … في سلسلة "قراصنة الكاريبي"»: a short quotation inside the object
                    frame.intro = ("quote", opened)
                    break
                close_j = self.index_at(self.regions[opened])
                if j > k and toks[j - 1].text == "ل":  # «قال لـ«عكاظ» الوكيل …»: the addressee
                    channel_start = j - 1 if channel_start is None else channel_start
                    channel_end = close_j + 1
                elif phase == "np":
                    subject += [j, close_j]
                j = close_j + 1
                words += n
                continue
            if text == ":":
                frame.intro = ("colon", t.start)
                break
            if is_complementizer(text):
                frame.intro = ("comp", t.end)
                break
            if phase == "np" and not subject and t.is_word and (_adverbial(text) or _listed("pronoun_prepositions", text)):
                frame.lead = j + 1  # «وقالت بدورها الوزيرة إن», «أكد فيها الوزير أن»: the subject may follow
                frame.implicit = frame.implicit or _listed("in_which_pronouns", text)
                j += 1
                continue
            if phase == "np" and not subject and t.is_word and _listed("object_heads", text):
                phase = "gap"  # «نفى صحة الادعاء», «يزعم إعلان "…"»: a verbal noun right after the verb is its object
                frame.object_from = j
                loose += 1
                j += 1
                words += 1
                continue
            if subject and phase == "np" and (self._ba_complement(entry, t) or text == "ب" and nxt is not None and (
                nxt.start in self.regions and in_list("ba_complement_lemmas", entry.lemma, exact=True)
            )):
                frame.intro = ("prep", t.start)  # «تعهدت تركيا بمنحه خطوط ائتمان»: the ب-complement is the pledge
                break
            if text in _PREPS:
                if nxt is not None and is_complementizer(nxt.text):
                    frame.intro = ("comp", nxt.end)
                    break
                if text == "عن" and transmitted and not media and subject:
                    media, subject, phase = subject, [], "np"
                    j += 1
                    continue
                if (subject or phase == "channel") and self._introducer_follows(
                    j, hi, window=8, quotes=False, preps=False
                ):
                    if phase == "np" and _PREP_COMPLEMENTS.get(entry.lemma) == text and nxt is not None and (
                        self._possessed_noun(nxt)
                    ):
                        phase = "gap"  # «أعرب الصفدي عن أمله في أن»: the verb's complement, not the name
                    elif phase == "np":  # «حسين علي أميري», «الأرقام الصادرة عن المنظمة … أن»: not the content
                        subject.append(j)
                    words += 1
                    j += 1
                    continue
                if nxt is not None and not loose:
                    frame.intro = ("prep", t.end)
                break
            if text in ("نقلته", "نقلتها", "نقلها", "نقلتهما"):
                media_np = self._simple_np(j + 1, hi)
                if media_np is not None:
                    frame.media.append(media_np)
            hit = lookup_cue(text) if t.is_word else None
            if hit is not None and hit[0].kind == "prep":
                self.consumed.add(j)
                after = j + 2 if nxt is not None and nxt.text in ("عن", "الي") else j + 1
                source_np = self._simple_np(after, hi)
                if source_np is not None:
                    if text.endswith("نقلا") and subject:
                        # «ذكرت صحيفة X نقلا عن مسؤولين أن …»: the officials speak, the paper transmits
                        media, subject = subject, []
                        frame.relayed = source_np
                    else:
                        frame.media.append(source_np)
                    j = self.index_at(source_np.end)
                    phase = "gap"
                    continue
            if hit is not None and hit[0].lemma == "قال" and hit[0].form in ("participle", "extra"):
                if loose and frame.object_from is not None:
                    frame.break_at = t.start  # «نفى X علمه بمكانه قائلا إن …»: two reports
                    break
                phase = "gap"  # «قائلا إن», «قوله إن»
                j += 1
                continue
            if hit is not None and text not in ("نقلته", "نقلتها") and (
                hit[0].kind == "verb" and hit[0].form != "participle" or hit[0].form == "participle"
            ):
                break
            if phase == "channel" and (text in _COMMAS or j > channel_start + 1 and (
                    _is_time(text) or phrase_in_list("time_words", two)) and not any(
                    in_list(words_, toks[j - 1].text, exact=True) for words_ in ("issued_words", "event_verbs"))):
                # «في مقابلة مع التلفزيون الرسمي أمس»: the time dates the speech, it is not the channel;
                # «في بيان صدر أمس» keeps it (it dates the statement's issue)
                channel_end = j
                phase = "gap"
            elif phase != "channel" and text in _CHANNEL_PREPS and phrase_in_list("time_words", two):
                phase = "gap" if phase == "np" else phase  # «في وقت سابق»
            elif (phase == "np" and not subject and text in _CHANNEL_PREPS) or text in _CHANNEL_PREPS and (
                phrase_in_list("channel_starts", two) or nxt is not None and self._possessed_noun(nxt)
                or toks[j - 1].text in _COMMAS  # «وأوضحت المندوبية، في مذكرة إخبارية، أن …»
            ) or in_list("channel_starts", text, exact=True) and text not in _CHANNEL_PREPS:
                # «في تقريره الشهري», «خلال كلمتها»: the speaker's own document or speech is the channel
                if channel_start is None:
                    channel_start = j
                phase = "channel"
            elif phase != "channel" and (_is_time(text) or phrase_in_list("time_words", two)):
                phase = "gap" if phase == "np" else phase
            elif text in ("قد", "لقد") or in_list("speech_nouns", text, exact=True):
                phase = "gap" if subject or text not in ("قد", "لقد") else phase  # «واختتم حديثه قائلا:»
            elif phase == "np" and text in _RELATIVES and subject:
                phase = "gap"  # «المفوضية التي حدثت أرقامها …»: the relative clause is not the name
            elif phase == "np" and subject and t.is_word and self.entity_ends.get(
                toks[subject[-1]].end, -1
            ) >= toks[subject[0]].start and (
                t.start not in self.entity_starts and not self._role_or_title(text) and not (
                    len(text) > 3 and text.endswith(_NISBA))  # «أوساط سياسية»
            ):
                # the subject was a name; a word after it that is no role starts the object, definite or not:
                # «وقال وزير المالية جورج خوري الحكومة ستدفع …»
                phase = "gap"
                frame.object_from = j
                loose += 1
            elif phase == "np" and subject and self._possessed_noun(t) and toks[j - 1].text not in _PREPS | _CHANNEL_PREPS:
                phase = "gap"  # «نفى القنصل محمد العتيبي علمه بمكانه»: a noun with a pronoun suffix is the object
                frame.object_from = j
                loose += 1
            elif phase == "np" and subject and self._closed_subject(subject) and self._bare_noun(t):
                phase = "gap"  # «أعلنت وزارة الصحة ارتفاع عدد …»: after a definite NP, an indefinite noun is the object
                frame.object_from = j
                loose += 1
            elif phase == "np" and (t.is_word and len(text) > 1 or text in "()-" or text in _COMMAS and subject):
                subject.append(j)
            elif phase == "gap" and t.is_word and len(text) > 1:
                loose += 1
            words += t.is_word
            if words > _MAX_FRAME:
                frame.aborted = True
                break
            j += 1
        while subject and (toks[subject[-1]].text in _COMMAS | {"("} or toks[subject[-1]].text in _CHANNEL_PREPS | _PREPS):
            subject.pop()
        if frame.lead is not None and frame.intro is None and frame.object_from is None:
            subject = []  # «نقلت بدورها الادعاء من …»: with no إن/أن and no object after it, the phrase is the object
        if subject:
            frame.subject = self._who(toks[subject[0]], toks[subject[-1]])
        elif frame.relayed is not None:
            frame.subject = frame.relayed
        if media:
            who = self._who(toks[media[0]], toks[media[-1]])
            if who is not None:
                frame.media.insert(0, who)
        if channel_start is not None:
            end_j = (channel_end if channel_end is not None else j) - 1
            while end_j > channel_start and toks[end_j].text in _COMMAS:
                end_j -= 1
            frame.channel = (toks[channel_start].start, toks[end_j].end)
        return frame

    def _later_introducer(self, j: int, hi: int, stop: int) -> bool:
        m = self.index_at(self.regions[self.toks[j].start]) + 1
        count = 0
        while m < hi and self.toks[m].start < stop and count < 18:
            t = self.toks[m]
            if is_complementizer(t.text) or t.text == ":":
                return True
            if t.start in self.regions and self.region_words(t.start) >= _MIN_QUOTE_WORDS:
                return True
            hit = lookup_cue(t.text)
            if hit is not None and hit[0].kind == "verb" and hit[0].form != "participle":
                return False
            count += t.is_word
            m += 1
        return False

    def _skip_gap(self, j: int, hi: int) -> int:
        """Skip time words, commas, a channel phrase up to its comma, and «عن» before an object."""
        toks = self.toks
        while j < hi:
            text = toks[j].text
            two = text + " " + toks[j + 1].text if j + 1 < hi else text
            if text in _COMMAS or _is_time(text) or phrase_in_list("time_words", two) or text == "عن":
                j += 1
            elif phrase_in_list("channel_starts", two) or text in ("خلال",):
                m = j + 1
                while m < hi and toks[m].text not in _COMMAS and m - j < 12:
                    m += 1
                if m < hi and toks[m].text in _COMMAS:
                    j = m + 1
                else:
                    break
            else:
                break
        return j

    def _who(self, first: Tok, last: Tok) -> _Who | None:
        start, end = first.start, last.end
        word = first.text
        i = self.index_at(first.start)
        before = self.toks[i - 1].text if i > 0 else ""
        # the preposition of «وفقا لمكتب …»: the source starts after it (but «والي» is a governor)
        hit = lookup_cue(before)
        if first.is_word and len(word) > 3 and word[0] == "ل" and hit is not None and hit[0].kind == "prep":
            start += 1
        while end > start and self.folded[end - 1] in " ،,(":
            end -= 1
        words = [t for t in tokens(self.folded, start, end) if t.is_word]
        while words and _adverbial(words[0].text):  # «نقلت بدورها …»: the adverbial is not the speaker
            words = words[1:]
            start = words[0].start if words else end
        if not words or _function_word(words[0].text) or all(
            _function_word(t.text) or _listed("demonstratives", t.text) for t in words
        ):
            return None  # «مما يؤكد», «لم تعلن», «نفى فيها»: a particle or pronoun is no speaker
        text = self.folded[start:end]
        if not any(ch.isalnum() for ch in text):
            return None
        return _Who(start, end, source_kind(text))

    def _simple_np(self, k: int, hi: int, tight: bool = False, tail: bool = True) -> _Who | None:
        """A noun phrase by shape: a head word, then definite words, short quoted names, ل-genitives; with
        ``tail``, up to three plain words that end the clause («قال محافظ عدن نايف البكري.»)."""
        toks = self.toks
        while k < hi and (toks[k].text in _COMMAS or toks[k].text in ("ما",) or (
            (hit := lookup_cue(toks[k].text)) is not None and hit[0].kind == "prep"
        )):
            k += 1
        if k >= hi:
            return None
        first = toks[k]
        if first.start in self.regions and self.region_words(first.start) <= 3:
            last_j = self.index_at(self.regions[first.start])
        elif first.is_word and not is_complementizer(first.text) and first.text not in _PREPS and not in_list(
            "time_words", first.text, exact=True
        ):
            last_j = k
            for n in (3, 2):  # a known multi-word outlet name: «هافنغتون بوست عربي»
                if k + n <= hi and all(toks[m].is_word for m in range(k, k + n)) and in_list(
                    "media_names", " ".join(toks[m].text for m in range(k, k + n)), exact=True
                ):
                    last_j = k + n - 1
                    break
        else:
            return None
        j = last_j + 1
        while j < hi:
            t = toks[j]
            text = t.text
            if t.start in self.regions and self.region_words(t.start) <= 3:
                last_j = self.index_at(self.regions[t.start])
                j = last_j + 1
                continue
            if t.start in self.person_spans and self.index_at(self.person_spans[t.start]) - 1 < hi:
                last_j = self.index_at(self.person_spans[t.start]) - 1  # «الرئيس المصري عبد الفتاح السيسي»
                j = last_j + 1
                continue
            if text == "(" and j + 2 < hi and toks[j + 2].text == ")":
                last_j = j + 2
                j += 3
                continue
            if not t.is_word or is_complementizer(text) or _is_time(text) or lookup_cue(text):
                break
            prev = toks[last_j].text
            if in_list("media_heads", prev) and (n := self._media_name_length(j, hi)):
                last_j = j + n - 1  # «وكالة فرانس برس», «وكالة رويترز»: the outlet's name after its head noun
                j = last_j + 1
                continue
            if in_list("document_heads", toks[k].text) and (text.startswith("اصدر") or text in ("صادر", "الصادر")):
                last_j = j
                j += 1
                continue
            nominal = (
                text.startswith(("ال", "لل"))
                or (text.startswith("ل") and j + 1 < hi and toks[j + 1].text.startswith("ال"))
                or (in_list("person_roles", prev) and not text.startswith(("ب", "عن")) and not self._is_ala(t))
                or text[:1].isupper()
                or text in self.speaker_words
                or (not prev.startswith(("ال", "لل")) and len(text) > 3 and text.endswith(_NISBA))  # «مصادر أمنية عراقية»
                or in_list("source_adjectives", text, exact=True)  # «مصادر مطلعة»
                or text in _EMPHATIC  # «حسب المعطيات ذاتها»
                or text[:1] == "و" and in_list("organization_heads", text[1:], exact=True)  # «الفاو وبرنامج …»
                or (not prev.startswith(("ال", "لل")) and in_list("organization_heads", text, exact=True))
            )
            if tight and nominal and j - k >= 2 and text.startswith("ال") and not text.endswith(_NISBA):
                break  # «رئيس الوزراء الوفد …»: a second definite noun is the object
            if not nominal and any(self._role_or_title(toks[m].text) for m in range(k, last_j + 1)) and (
                run := self._name_run(j, hi)
            ) is not None:
                last_j = run  # the name closes the phrase: «وزير المالية جورج خوري الحكومة ستدفع …»
                break
            if not nominal:
                if tail and self._short_tail(j, hi) and not self._closed_subject(list(range(k, last_j + 1))):
                    last_j = self._short_tail(j, hi)
                break
            last_j = j
            j += 1
        return self._who(first, toks[last_j])

    def _media_name_length(self, j: int, hi: int) -> int:
        """How many words of a known outlet name («رويترز», «فرانس برس») start at token ``j`` (0 for none)."""
        for n in (3, 2, 1):
            if j + n <= hi and all(self.toks[m].is_word for m in range(j, j + n)) and in_list(
                "media_names", " ".join(self.toks[m].text for m in range(j, j + n)), exact=True
            ):
                return n
        return 0

    @staticmethod
    def _role_or_title(text: str) -> bool:
        return in_list("person_roles", text) or in_list("person_titles", text, exact=True)

    def _closed_subject(self, subject: list[int]) -> bool:
        """A subject that cannot go on with a bare noun: it ends with a definite word and is not headed by a
        role or title (after «الرئيس التركي» a name may follow)."""
        toks = self.toks
        words = [toks[m].text for m in subject if toks[m].is_word]
        return bool(words) and words[-1].startswith(("ال", "لل")) and not any(self._role_or_title(w) for w in words)

    def _ba_complement(self, entry: CueEntry, t: Tok) -> bool:
        """A «بـ» complement of a verb that takes one (تعهد ب، طالب ب، اعترف ب), not a name starting with ب."""
        text = t.text
        return (
            (len(text) > 3 or text == "بما") and text[0] == "ب" and in_list("ba_complement_lemmas", entry.lemma, exact=True)
            and not in_list("states", text, exact=True) and t.start not in self.entity_starts
            and text not in self.speaker_words
        )

    def _possessed_noun(self, t: Tok) -> bool:
        """A word with a possessive suffix («علمه», «موقفها», «دعمهم»), which no name of a source carries."""
        text = t.text
        return (
            t.is_word and len(text) >= 4 and text.endswith(("ه", "ها", "هم", "هما", "هن")) and "الله" not in text
            and text not in _EMPHATIC and not text.startswith(("ال", "ب", "ل")) and text not in self.speaker_words
            and t.start not in self.entity_starts
        )

    def _bare_noun(self, t: Tok) -> bool:
        """An indefinite word that cannot continue a source's name (no article, nisba, list word or entity)."""
        text = t.text
        stem = text[1:] if text[:1] == "و" and len(text) > 3 else text
        return (
            t.is_word and len(text) > 2 and not text.isascii() and not text[:1].isdigit()
            and not stem.startswith(("ال", "ل")) and not text.endswith(_NISBA) and not _is_time(text)
            and t.start not in self.entity_starts and text not in self.speaker_words and not self._is_ala(t)
            and not in_list("source_adjectives", text, exact=True) and text not in _EMPHATIC
            and not any(in_list(name, stem) for name in (
                "organization_heads", "person_roles", "person_titles", "anonymous_heads", "states", "media_heads",
                "media_names", "document_heads", "speech_nouns",
            ))
        )

    def _is_ala(self, t: Tok) -> bool:
        """The preposition «على» (folded to the name «علي»): told apart by its original spelling."""
        return t.text == "علي" and self.orig(t.start, t.end).text.endswith("ى")

    def _short_tail(self, j: int, hi: int) -> int | None:
        """Index of the last word when at most three plain words run to the clause end («محافظ عدن نايف البكري.»)."""
        m = j
        while m < hi and self.toks[m].is_word and m - j < 4:
            text = self.toks[m].text
            if lookup_cue(text) or is_complementizer(text) or text in _PREPS or _is_time(text) or in_list(
                "speech_nouns", text, exact=True
            ):
                return None  # «وختمت حداد حديثها قائلة»: the speech noun is the object, not the name
            m += 1
        if m - j < 4 and (m >= hi or self.toks[m].text in (".", "!", "؟")):
            return m - 1
        return None

    def _left_np(self, k: int, lo: int) -> tuple[_Who | None, int | None]:
        """The subject before the verb («ولكن العفو الدولية تقول», «وكان أمير الكويت، الشيخ …، أعلن»)
        and the index of its first token."""
        toks = self.toks
        j = k - 1
        comma_before_verb = False
        while j >= lo and (toks[j].text in ("قد", "لقد") or toks[j].text in _COMMAS and not comma_before_verb or (
            toks[j].text in _folded_list("negations")  # «المسؤول لم يستبعد»: the negation is not the subject
        )):
            comma_before_verb = comma_before_verb or toks[j].text in _COMMAS
            j -= 1
        if j >= lo and toks[j].text in ("-", "–", "—"):
            return None, None  # «… - أعلن»: a dash right before the verb ends a dateline or byline, never a subject
        if j >= lo and _listed("relative_pronouns", toks[j].text):
            return None, None  # «صحيفة …، التي قالت»: the subject is the antecedent (``_antecedent``), not this phrase
        last = j
        first: int | None = None
        nearest: int | None = None  # first token after the nearest comma
        count = 0
        reason = "start"
        while j >= lo:
            t = toks[j]
            if t.text in _COMMAS:
                if first is None:
                    return None, None
                nearest = first if nearest is None else nearest
                if toks[first].text.isascii():
                    reason = "boundary"  # English appositions come after the name, not before the verb
                    break
                j -= 1
                continue
            if t.text in _KANA:
                reason = "kana"
                break
            if t.text in _FRONTED_PREPS:
                return None, None  # «وفي طهران نقلت …»: a fronted adverbial, not a subject
            coordinated = t.text == "و" and j > lo and toks[j - 1].start in self.closers and toks[j + 1].start in self.regions
            if not coordinated and (t.text in _BOUNDARY_WORDS or t.text in (".", ":", "!", "؟") or t.text in "-–" and (
                j > lo and toks[j - 1].text in "-–"
            )):  # but «"فيلق الرحمن" و"جيش الاسلام"» is one subject
                reason = "boundary"
                break
            if t.start in self.closers:
                opened = self.closers[t.start]
                if self.region_words(opened) > 10:
                    return None, None
                j = self.index_at(opened)
                first = j
                j -= 1
                count += 1
                continue
            if not t.is_word and t.text not in "()-–'’":
                return None, None
            if t.is_word and (lookup_cue(t.text) or is_complementizer(t.text) or t.text in _PREPS and not (
                t.text.isascii() and any(toks[m].text in ("who", "which") for m in range(max(lo, j - 4), j))
            )):  # «officials who asked not to be named told …»: a relative clause inside the English subject
                return None, None
            if t.is_word and t.text[:1] in "وف" and t.text[1:] in _KANA:
                reason = "kana"
                break
            first = j
            count += t.is_word
            if count > 12:
                return None, None
            if t.text[:1] in "وف" and t.text[1:3] == "ال":
                reason = "conj"
                break
            j -= 1
        if first is None or last < lo:
            return None, None
        if toks[first].start in self.regions and self.region_words(toks[first].start) > 3:
            return None, None  # «"…"، يقول أحد السكان»: the quotation, not its speaker
        if toks[k].text.endswith(("ه", "ها", "هم")) and any(
            toks[m].text in ("هو", "هي", "وهو", "وهي") for m in range(first, last + 1)
        ):
            return None, None  # «وهي جماعة اعتبرها الاتحاد …»: the antecedent of the object pronoun, not the subject
        if comma_before_verb and reason not in ("kana", "start"):
            return None, None
        if nearest is not None and reason == "boundary":
            first = nearest
        if sum(toks[m].is_word for m in range(first, last + 1)) > 8 and reason != "kana":
            return None, None
        who = self._who(toks[first], toks[last])
        if who is not None and self.folded[who.start] in "وف" and self.folded[who.start + 1:who.start + 3] == "ال":
            who.start += 1
        return who, first

    # ----- «بحسب X», «كما أوضح X»
    def _prep(self, k, entry, clitic, lo, hi, fs, stop, sentence_quotes, covered_end) -> _Found | None:
        toks = self.toks
        t = toks[k]
        j = k + 1
        cue_end = t.end
        if entry.kind == "en_prep":
            if j < hi and toks[j].text.casefold() == "to":
                cue_end = toks[j].end
                j += 1
            else:
                return None
        elif t.text[clitic:] == "جاء" and (j >= hi or toks[j].text != "في"):
            return None  # «وجاء قرار الوكالة بعد …»: only «جاء في بيان» attributes
        elif j < hi and toks[j].text in ("ما", "عن", "الي", "في"):
            cue_end = toks[j].end
            j += 1
        verb = lookup_cue(toks[j].text) if j < hi else None
        if verb is not None and verb[0].kind == "verb":
            self.consumed.add(j)
            cue_end = toks[j].end
            j += 1
            while j < hi and (_is_time(toks[j].text) or toks[j].text in ("به", "بها", "عنه", "عنها")):
                j += 1  # «بحسب ما أفادت به وكالة الأنباء»
        if entry.kind == "en_prep":
            speaker = self._english_np(j, hi)  # «according to» always names a source
        else:
            speaker = self._simple_np(j, hi) if j < hi else None
            if speaker is not None and not self._sourcelike(speaker):
                return None
        cue = (t.start + clitic, cue_end, entry)
        initial = k == lo or toks[k - 1].text in ("و", "ف") or toks[k - 1].text in _PRONOUN_CLAUSE
        m = self.index_at(speaker.end) if speaker is not None else j
        if speaker is not None:
            speaker, m = self._extend_issued(speaker, hi, stop)
            opened = self._colon_quotation(m, hi, stop)
            if opened is not None:  # «… بحسب فرانس24 –بدون تصرف-: «…»»: X's own words, not the clause before
                if speaker.kind in ("media", "document"):
                    self.extra_sources.append(speaker)
                self._remember(speaker)
                return _Found(opened + 1, self.regions[opened], "direct", (t.start + clitic, cue_end, entry), speaker)
        if speaker is None:
            if self.last is None or verb is None:
                return None
            speaker = self.last
        elif speaker.kind in ("media", "document"):
            self.extra_sources.append(speaker)
        if initial and speaker.end > t.start:
            while m < hi and (toks[m].text in _COMMAS or toks[m].text in ("فان", "فقد", "فانه", "فانها", "ف")):
                m += 1
            if m >= hi:
                return None
            return self._content(toks[m].start, stop, cue, speaker, _Frame())
        return self._before(k, t.start, cue, speaker, lo, fs, covered_end, sentence_quotes)

    def _colon_quotation(self, m: int, hi: int, stop: int) -> int | None:
        """The opening mark of a quotation right after a colon that ends a short phrase from token ``m`` on
        («بحسب فرانس24 –بدون تصرف-: «…»», «وبحسب موقع X ضمن تقرير عن المقابلة بتاريخ …: «…»»), or None."""
        toks = self.toks
        words = 0
        while m < hi and toks[m].start < stop:
            t = toks[m]
            if t.text == ":":
                n = m + 1
                if n < hi and toks[n].start in self.regions and self.region_words(toks[n].start) >= 2:
                    return toks[n].start
                return None
            if t.start in self.regions:  # a short quoted name in the phrase: «ضمن تقرير بعنوان "…"»
                if self.region_words(t.start) > 3:
                    return None
                words += 1
                m = self.index_at(self.regions[t.start]) + 1
                continue
            if t.text in (".", "!", "؟", "?") or t.is_word and (lookup_cue(t.text) or is_complementizer(t.text)):
                return None
            words += t.is_word
            if words > 12:
                return None
            m += 1
        return None

    def _english_np(self, j: int, hi: int) -> _Who | None:
        """An English noun phrase after «according to»: up to the comma, the clause end or a cue, ten words at most."""
        toks = self.toks
        end = j
        while end < hi and end - j < 10 and (toks[end].is_word or toks[end].text in "'’-") and not (
            lookup_cue(toks[end].text) and toks[end].text not in ("released", "issued", "published")
            or is_complementizer(toks[end].text)
        ):
            end += 1
        return self._who(toks[j], toks[end - 1]) if end > j else None

    def _extend_issued(self, who: _Who, hi: int, stop: int) -> tuple[_Who, int]:
        """«تقرير صادر عن منظمة الصحة العالمية يوم الخميس 5 ديسمبر 2024،»: the attribution goes on over
        who issued or published the document and when.  Returns the mention (through the issuer) and the
        index where the attributed clause may start (after the dates when a comma closes them)."""
        toks = self.toks
        m = self.index_at(who.end)
        end = who.end
        after_issued = m > 0 and in_list("issued_words", toks[m - 1].text, exact=True)
        while m < hi and toks[m].start < stop:
            text = toks[m].text
            if in_list("issued_words", text, exact=True) or (
                text in _RELATIVES and m + 1 < hi and in_list("issued_words", toks[m + 1].text, exact=True)
            ):
                after_issued, end, m = True, toks[m].end, m + 1
            elif after_issued and text in ("في", "بتاريخ") or self._date_token(m):
                m += 1
            elif after_issued and (text in ("عن", "من", "by") or toks[m].is_word and text not in _PREPS and in_list(
                "issued_words", toks[m - 1].text, exact=True
            )):
                issuer = self._simple_np(m + 1 if text in ("عن", "من", "by") else m, hi)
                if issuer is None or issuer.end > toks[min(hi, m + 12) - 1].end:
                    break
                after_issued, end, m = False, issuer.end, self.index_at(issuer.end)
            else:
                break
        first = self.index_at(who.start)
        last = self.index_at(end) - 1
        while last > first and (self._date_token(last) or toks[last].text in ("في", "بتاريخ") or in_list(
            "issued_words", toks[last].text, exact=True
        )):
            last -= 1  # «بيان الجيش الصادر في 3 مارس»: the date (and a bare «الصادر») is not the source
        end = toks[last].end
        if m >= hi or toks[m].text not in _COMMAS:
            m = self.index_at(end)
        return (who if end == who.end else _Who(who.start, end, who.kind)), m

    def _date_token(self, m: int) -> bool:
        """A token of a date or time expression: a digit, a month or weekday name, «يوم», «هـ», a time span."""
        t = self.toks[m]
        return (
            t.text.isdigit() or t.text in "/-" or _is_time(t.text) or in_list("date_words", t.text, exact=True)
            or _month_word(t.text) or any(s <= t.start < e for s, e in self.time_spans)
        )

    def _after(self, k, cue, lo, hi, fs, covered_end, sentence_quotes) -> _Found | None:
        speaker = self._simple_np(k + 1, hi)
        if speaker is None:
            return None
        at = self.toks[k - 1].start
        if self.toks[k - 1].text == "ما" and k - 2 >= lo:
            at = self.toks[k - 2].start
            cue = (at, cue[1], cue[2])
        self._remember(speaker)
        return self._before(self.index_at(at), at, cue, speaker, lo, fs, covered_end, sentence_quotes)

    def _before(self, k, at, cue, speaker, lo, fs, covered_end, sentence_quotes) -> _Found | None:
        """The clause before an attribution placed after it; a clause already quoted gets a chain link."""
        toks = self.toks
        if covered_end > fs:
            if sentence_quotes and speaker.kind == "media":
                sentence_quotes[-1].media.append(speaker)
            return None
        m = self.index_at(fs)
        while m < k and (toks[m].text in ("و", "ف") or toks[m].text in _COMMAS):
            m += 1
        if m >= k:
            return None
        dash = next((d for d in range(m, min(k, m + 4)) if toks[d].text in "-–"), None)
        if dash is not None and dash + 1 < k:  # «الخرطوم - قتل 12 شخصا …»: a dateline
            m = dash + 1
        first = toks[m]
        start = first.start + 1 if first.text[:1] in "وف" and len(first.text) > 3 else first.start
        return self._content(start, at, cue, speaker, _Frame())

    def _sourcelike(self, who: _Who) -> bool:
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
        return any(e.start <= self.orig(who.start, who.end).start < e.end or
                   self.orig(who.start, who.end).start <= e.start < self.orig(who.start, who.end).end
                   for e in self.doc.entities if e.label in ("PER", "ORG"))

    # ----- headlines and quotations without cue
    def _headline(self, fe: int, lo: int, hi: int) -> None:
        toks = self.toks
        colon = next((k for k in range(lo, hi) if toks[k].text == ":"), None)
        if colon is None or colon - lo > 4 or colon == lo or colon + 1 >= hi:
            return
        if _related_link().match(self.folded, toks[lo].start):
            return  # «اقرأ أيضا: …» names no speaker
        if any(toks[k].text[:1] in "يت" for k in range(lo + 1, colon)):
            return  # «الكوليرا تجتاح اليمن: …» has a verb: not an attribution
        who = self._who(toks[lo], toks[colon - 1])
        if who is None:
            return
        start, end = toks[colon + 1].start, fe
        while end > start and self.folded[end - 1] in " .!؟?":
            end -= 1
        if start in self.regions and self.regions[start] >= end - 1:
            start, end = start + 1, self.regions[start]
        self.found.append(_Found(start, end, "indirect", None, who))

    def _quoted_terms(self, lo: int, hi: int) -> None:
        """Short quotations reported by a verb of talking or a verbal noun: «تحدثت عن «مجموعة أساتذة»»,
        «بعد إعلان بغداد "انتهاء الحرب"».  The quoted words are the content (direct)."""
        toks = self.toks
        for j in range(lo + 2, hi):
            opened = toks[j].start
            if opened not in self.regions or self.region_words(opened) > 3 or self.inside_quote(opened):
                continue
            around = [q for q in self.found if q.start - 1 <= opened < q.end + 1]
            closed = self.regions[opened]
            speaker = None
            cue_at = None
            if toks[j - 1].text == "عن" and is_speech_verb(toks[j - 2].text):
                cue_at = j - 2
                speaker, first = self._left_np(cue_at, lo)
                cut = self._split_before(first, lo) if speaker is not None else None
                if around and (cut is None or not all(q.start < cut for q in around)):
                    continue
                for q in around:  # «قالت X إن الوضع متوتر، لكن وكالة الأنباء تحدثت عن «…»»: a second report
                    q.end = cut
                speaker = speaker or self._sentence_subject(lo, cue_at)
                if speaker is None and toks[cue_at].text[:1] == "و":  # «… موظفا.. وتتحدث عن "خطر وجودي"»
                    speaker = self._sentence_subject(*self.previous) if self.previous else None
            elif around:
                continue
            else:
                cue_at = next((m for m in range(max(lo, j - 4), j - 1) if in_list(
                    "speech_verbal_nouns", toks[m].text, exact=True)), None)
                if cue_at is not None:
                    speaker = self._simple_np(cue_at + 1, j)
                    if speaker is not None and (speaker.end > opened or not self._sourcelike(speaker)):
                        speaker = None
            if speaker is None or cue_at is None:
                continue
            c = toks[cue_at]
            bare_word = c.text[1:]
            clitic = int(c.text[:1] in "وفب" and len(c.text) > 4 and (
                is_speech_verb(bare_word) or in_list("speech_verbal_nouns", bare_word, exact=True)
            ))
            cue_end = toks[j - 1].end if toks[j - 1].text == "عن" else c.end
            cue = (c.start + clitic, cue_end, CueEntry(c.text[clitic:], "neutral", "verb", "extra", False))
            start, end, kind = opened + 1, closed, "direct"
            tail = self.index_at(closed) + 1
            rest = [t for t in toks[tail:hi] if t.is_word]
            if 0 < len(rest) <= 4 and not any(lookup_cue(t.text) or t.text in self.regions for t in rest):
                start, end, kind = opened, rest[-1].end, "indirect"  # «"تحريرها" من المتمردين الحوثيين»
            self._remember(speaker)
            self.found.append(_Found(start, end, kind, cue, speaker))

    def _split_before(self, first: int | None, lo: int) -> int | None:
        """The comma before a subject that starts a new clause («، لكن X …»), as a folded offset, or None."""
        if first is None:
            return None
        j = first - 1
        if j >= lo and self.toks[j].text in _SPLIT_LEADERS:
            j -= 1
        return self.toks[j].start if j >= lo and self.toks[j].text in _COMMAS else None

    def _sentence_subject(self, lo: int, k: int) -> _Who | None:
        """The subject before the first verb of the sentence, for a zero-subject verb after «و»
        («"الأونروا" تنهي عقود … وتتحدث عن …»)."""
        for m in range(lo + 1, k):
            if self.toks[m].is_word and self.toks[m].text[:1] in "يت" and len(self.toks[m].text) > 3:
                who = self._left_np(m, lo)[0]
                if who is not None:
                    return who
        return None

    def _standalone(self, fs: int, fe: int, paragraph: int) -> None:
        for opened, closed in sorted(self.regions.items()):
            if not fs <= opened < fe or self.last is None:
                continue
            if self.region_words(opened) < _MIN_STANDALONE_WORDS and not (
                self.region_words(opened) >= 2 and not self.folded[fs:opened].strip() and self._after_direct(fs, paragraph)
            ):
                continue
            if self.inside_quote(opened) or self.folded[closed + 1:fe].strip(" .،,!؟?\"'»”"):
                continue
            if _related_link().search(self.folded, fs, opened):
                continue  # «اقرأ أيضا: «…»»: a linked headline
            if any(q.start - 1 <= opened < q.end + 1 or opened < q.start < closed for q in self.found):
                continue
            if any(q.speaker and opened <= q.speaker.start < closed for q in self.found):
                continue
            self.found.append(_Found(opened + 1, closed, "direct", None, self.last))

    def _after_direct(self, fs: int, paragraph: int) -> bool:
        """Whether the last quote before ``fs`` is a direct one of the same paragraph: a quotation that makes
        up a whole sentence right after it goes on with the same speech («"…," X told reporters. "…"»)."""
        before = [q for q in self.found if q.end <= fs]
        if not before:
            return False
        last = max(before, key=lambda q: q.start)
        index = self.doc.sentence_at(self.orig(last.start, last.end).start)
        return last.kind == "direct" and index is not None and self.doc.sentences[index].paragraph == paragraph

    def _not_a_source(self, who: _Who) -> bool:
        """A subject of a reporting verb that cannot be a source: an event, a picture, a situation
        (``non_sources`` in the lexicon), unless the entities stage names it."""
        words = self.folded[who.start:who.end].split()
        return bool(words) and in_list("non_sources", words[0]) and not any(
            who.start <= s < who.end for s in self.entity_starts)

    def _person_before(self, offset: int) -> _Who | None:
        """The last person entity before ``offset`` («دشن الأمير خالد الفيصل … ونوه سموه بـ …»), or None."""
        starts = [s for s in self.person_spans if s < offset]
        if not starts:
            return None
        start = max(starts)
        return _Who(start, self.person_spans[start], "person")

    # ----- output
    def quotes(self) -> list[Quote]:
        out = []
        doc = self.doc
        people: list[Speaker] = []
        said: set[tuple[str, str]] = set()
        explicit: _Who | None = None
        for f in sorted(self.found, key=lambda q: q.start):
            said_by = self.folded[f.speaker.start:f.speaker.end] if f.speaker is not None else ""
            if said_by.casefold() in _PRONOUNS or said_by and in_list("honorific_pronouns", said_by, exact=True):
                # «He said …», «وأوضح سموه أن …»: the nearest explicit mention, else the person named last
                f.speaker = explicit or self._person_before(f.speaker.start) or f.speaker
            elif f.speaker is not None:
                explicit = f.speaker
        for f in self.found:
            if f.speaker is not None and self._not_a_source(f.speaker):
                continue  # «وأظهرت الصور أن …», «كشفت الأزمة أن …»: events and things show, nobody said it
            start, end = f.start, f.end
            while end > start and self.folded[end - 1] in " .,،؛;:":
                end -= 1
            while start < end and self.folded[start].isspace():
                start += 1
            if not any(ch.isalnum() for ch in self.folded[start:end]) or f.kind == "indirect" and (
                self.folded[start:end].strip().casefold() in _DEMONSTRATIVES
            ):
                continue  # «نفت الخارجية ذلك»: a pointer back to something already reported, not content
            content = self.orig(start, end)
            who = " ".join(_name_words(self.folded[f.speaker.start:f.speaker.end])) if f.speaker else ""
            repeated = (" ".join(_name_words(content.text)), who)
            if repeated in said:
                continue  # the gold convention lists a quote repeated verbatim by the same speaker once
            said.add(repeated)
            cue = None
            if f.cue is not None:
                s, e, entry = f.cue
                span = self.orig(s, e)
                cue = Cue(start=span.start, end=span.end, text=span.text, lemma=entry.lemma, strength=entry.strength)
            speaker = None
            chain: list[Transmitter] = []
            if f.speaker is not None:
                span = self.orig(f.speaker.start, f.speaker.end)
                speaker = Speaker(start=span.start, end=span.end, text=span.text)
                _identify(doc, speaker)
                kind = f.speaker.kind
                if kind == "person" and any(e.label == "ORG" and (e.start, e.end) == (span.start, span.end)
                                            for e in doc.entities):
                    kind = "organization"  # «مصرف لبنان»: the entities stage knows it is an institution
                long_form = _long_form(speaker, people) or _back_reference(speaker, people)
                if long_form is not None:  # «وأضافت حداد» after «ليلى حداد»: the same person
                    speaker.name, speaker.entity, kind = long_form.name or _name_part(long_form), long_form.entity, "person"
                elif kind == "person":
                    people.append(speaker)
                chain.append(Transmitter(text=span.text, start=span.start, end=span.end, kind=kind,
                                         entity=speaker.entity))
            for m in f.media:
                span = self.orig(m.start, m.end)
                chain.append(Transmitter(text=span.text, start=span.start, end=span.end, kind=m.kind))
            chain.append(Transmitter(text=doc.document.author or doc.document.outlet or "writer", kind="writer"))
            channel = self.orig(*f.channel) if f.channel else None
            out.append(Quote(start=content.start, end=content.end, text=content.text, kind=f.kind, cue=cue,
                             speaker=speaker, channel=channel, chain=chain, sentence=doc.sentence_at(content.start)))
        _name_unnamed_roles(sorted(out, key=lambda q: q.start))
        return out


@lru_cache(maxsize=32)
def _folded_list(name: str) -> frozenset[str]:
    """A word list of the lexicon, folded but not keyed: «فيه» and «فئة» share a key but are different words."""
    data = json.loads(resources.files("isnad.lang").joinpath("quotes_sources.json").read_text(encoding="utf-8"))
    return frozenset(fold(w).casefold() for w in data[name])


def _listed(name: str, word: str) -> bool:
    """``word`` is in the lexicon list ``name`` as is or after a proclitic و/ف («ولم», «وفيها»)."""
    words = _folded_list(name)
    word = word.casefold()
    return word in words or len(word) > 2 and word[:1] in "وف" and word[1:] in words


def _function_word(word: str) -> bool:
    """A particle, negation, relative pronoun or preposition with a pronoun suffix («مما», «لم», «التي», «فيها»):
    it never starts the noun phrase of a speaker."""
    return any(_listed(name, word) for name in ("non_speaker_words", "relative_pronouns", "pronoun_prepositions"))


def _adverbial(word: str) -> bool:
    """«بدورها», «أيضا»: an adverbial that may stand between a verb and its subject, never part of the subject."""
    return _listed("speaker_adverbials", word)


@lru_cache(maxsize=1)
def _related_link() -> re.Pattern[str]:
    """A news site's related-link marker («اقرأ أيضًا:») in folded text."""
    phrases = sorted(_folded_list("related_link_markers"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)",
                      re.IGNORECASE)


def _is_time(word: str) -> bool:
    """A time word or adverb («أمس», «الأحد», «وأمس»), matched exactly so that «أحد» (one) is not Sunday."""
    return in_list("time_words", word, exact=True) or word[:1] in "وف" and in_list("time_words", word[1:], exact=True)


@lru_cache(maxsize=1)
def _english_channels() -> tuple[str, ...]:
    """English channel phrases of the lexicon («in a statement», «at a news conference»)."""
    data = json.loads(resources.files("isnad.lang").joinpath("quotes_sources.json").read_text(encoding="utf-8"))
    return tuple(c for c in data["channel_starts"] if c.isascii() and " " in c)


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    rows = resources.files("isnad.lang").joinpath("times_months.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(key(w) for row in rows if row and not row.startswith("#") for w in row.split("\t")[0].split())


def _month_word(word: str) -> bool:
    """A word of a month name (ديسمبر, كانون, ربيع …) from the times lexicon."""
    return key(word) in _month_words()


@lru_cache(maxsize=256)
def _lemma_forms(lemma: str) -> frozenset[str]:
    """Forms of an ambiguous cue that count: no object pronouns (بينها is «between them»)."""
    return frozenset(
        form for form, e in cue_lexicon().items() if e.lemma == lemma and not form.endswith(("ه", "ها", "هم"))
    )


def _name_words(text: str) -> list[str]:
    return [key(w) for w in re.findall(r"\w+", text)]


def _name_part(speaker: Speaker) -> str:
    """The name of a person speaker without its role («ليلى حداد» of «منسقة …، ليلى حداد»)."""
    if speaker.role and speaker.text.startswith(speaker.role):
        return speaker.text[len(speaker.role):].strip(" ،,") or speaker.text
    return speaker.text


def _long_form(speaker: Speaker, people: list[Speaker]) -> Speaker | None:
    """The earlier person speaker whose name ends with this one- or two-word short form, or None.

    Arabic news names a person in full once and by the family name afterwards («وتابع العلي» after
    «سامر العلي»); the entities stage does not always join the two, so the speaker mentions are."""
    if speaker.entity is not None or speaker.name and key(speaker.name) != key(speaker.text):
        return None
    short = _name_words(speaker.text)
    if not 1 <= len(short) <= 2 or any(
        in_list(name, short[0]) for name in (
            "person_roles", "person_titles", "anonymous_heads", "organization_heads", "media_heads", "document_heads",
        )
    ):
        return None
    for earlier in reversed(people):
        for text in [*re.split("[،,]", earlier.text), earlier.name or "", _before_role(earlier.text)]:
            words = _name_words(text)
            if len(words) > len(short) and words[-len(short):] == short:
                return earlier
    return None


def _name_unnamed_roles(quotes: list[Quote]) -> None:
    """«قال مستشار للرئيس التركي إن …» then «وأضاف ياسين أقطاي …» in the next sentence: «added» continues
    the same speech, so the named speaker is the office-holder introduced by role only (the name goes to
    the first mention, and the sources stage merges the two)."""
    for before, quote in zip(quotes, quotes[1:], strict=False):
        first, then = before.speaker, quote.speaker
        if first is None or then is None or quote.cue is None or quote.cue.lemma not in _CONTINUATIONS:
            continue
        if before.sentence is None or quote.sentence != before.sentence + 1:
            continue
        role_words, name_words = first.text.split(), then.text.split()
        if first.name or first.entity or "،" in first.text or "," in first.text or not in_list(
            "person_roles", role_words[0]
        ) or len(name_words) < 2 or in_list("person_roles", name_words[0]) or key(name_words[0]).startswith("ال"):
            continue
        first.name = then.name or then.text


def _before_role(text: str) -> str:
    """The name before a role that follows it without a comma: «عبد الرحيم الإدريسي» of «عبد الرحيم الإدريسي مدير
    الوكالة» (empty when the text starts with the role)."""
    words = text.split()
    for i, word in enumerate(words[1:], 1):
        if in_list("person_roles", word):
            return " ".join(words[:i])
    return ""


def _back_reference(speaker: Speaker, people: list[Speaker]) -> Speaker | None:
    """The earlier person speaker that a bare definite role refers back to, or None: «وأضاف المسؤول» after
    «عبد الرحيم الإدريسي، مدير الوكالة» (any named official), «وقال الوزير» after «وزير الطاقة وليد حمدان»
    (the same office)."""
    words = _name_words(speaker.text)
    if speaker.entity is not None or not 1 <= len(words) <= 3 or not words[0].startswith("ال"):
        return None
    emphatic = {key(w) for w in _EMPHATIC}
    same = any(w in emphatic for w in words[1:])  # «المتحدث ذاته», «المسؤول الحكومي نفسه»
    if not all(w in emphatic or w.startswith("ال") and w.endswith(_NISBA) for w in words[1:]):
        return None  # «المسؤول الأمني» may refer back, «المدير العام للشركة» names a new office
    head = bare(words[0])
    generic = head in _GENERIC_OFFICIALS or same
    if not generic and not in_list("person_roles", words[0]):
        return None
    for earlier in reversed(people):
        earlier_words = {bare(w) for w in _name_words(earlier.text)}
        if generic and (earlier.role or any(in_list("person_roles", w) for w in earlier_words)) or head in earlier_words:
            return earlier if len(_name_words(earlier.text)) > len(words) else None
    return None


def _speaks_for(doc: Doc, role: str, name: str) -> bool:
    """Whether the person ``name`` after a «… باسم …» role is the one spoken for, not the spokesman.

    «المتحدث باسم جوني ديب», «المتحدث باسم الممثل جوني ديب», «المتحدث باسم الرئيس الروسي فلاديمير
    بوتين»: the principal; «المتحدث باسم الرئيس الروسي دميتري بيسكوف» or «المتحدث باسم الخارجية الروسية
    ماريا زاخاروفا»: the spokesman's own name.  An office after «باسم» is resolved on the publication
    date and compared with the name; a description that names no office or institution («الممثل»,
«اللاعب») is the named person's.
    """
    words = role.split()
    at = next((i for i, w in enumerate(words) if key(w) == "باسم"), None)
    if at is None:
        return False
    after = " ".join(words[at + 1:])
    if not after:
        return True
    holder = doc.kb.resolve_role(after, doc.published)
    if holder is not None:
        named = doc.kb.link(name, "PER", doc.published)
        return named is not None and named.id == holder.id
    return doc.kb.parse_role(after) is None and doc.kb.link(after) is None and not any(
        in_list("organization_heads", w) for w in after.split()
    )  # «باسم الخارجية الروسية/البيت الأبيض/الحكومة …»: an institution, whose spokesman is then named


def _identify(doc: Doc, speaker: Speaker) -> None:
    """Entity id, name and role of a speaker: an entity of the entities stage or a knowledge-base
    mention inside the span gives the identity; the words before it are the role («الرئيس التركي،
    رجب طيب أردوغان»); a bare role is resolved to its holder on the publication date."""
    kb = doc.kb
    inner = [
        (e.start, e.end, e.entity, e.name or e.text, e.label) for e in doc.entities
        if e.label in ("PER", "ORG") and speaker.start <= e.start and e.end <= speaker.end
    ]
    if not inner:
        inner = [
            (speaker.start + s, speaker.start + e, record.id, record.name_en or record.name_ar, record.type)
            for s, e, record in kb.find_mentions(speaker.text) if record.type in ("PER", "ORG")
        ]
    for start, end, entity, name, label in sorted(inner):
        role = doc.text[speaker.start:start].strip(" ،,")
        words = role.split()
        if role and not (
            label == "PER" and in_list("person_roles", words[0]) and len(words) <= 5
            and not (len(words) == 1 and not fold(words[0]).startswith("ال"))  # «مستشار أردوغان»: his adviser
        ):
            continue
        mention = doc.text[start:end]
        if label == "ORG" and any(in_list("person_roles", w.casefold()) for w in doc.text[end:speaker.end].split()[:2]):
            continue  # «IMF spokeswoman Julie Kozack», «وزارة الخارجية المتحدث …»: the employer, not the speaker
        if label == "PER" and mention.isascii() and name and not set(name.split()) & set(mention.split()):
            break  # «Finance Minister Karim Haddad» linked to another holder of the office: the name in the text wins
        if label == "PER" and role and _speaks_for(doc, role, mention):
            speaker.role = speaker.text  # «المتحدث باسم بوتين»: an unnamed spokesman, not Putin
            return
        speaker.entity, speaker.name, speaker.role = entity, name, role or None
        return
    parts = [p.strip() for p in speaker.text.replace("،", ",").split(",") if p.strip()]
    if len(parts) >= 2:  # apposition: «مسعود رجوي، زعيم المقاومة الإيرانية» or «الرئيس التركي، رجب طيب أردوغان»
        titled = in_list("person_titles", parts[0].split()[0], exact=True)
        if titled:  # «الطبيب عمر الشامي، مدير مستشفى إدلب»: the title goes with the name
            name, role = parts[0].split(maxsplit=1)[-1], parts[1]
        else:
            name, role = (parts[1], parts[0]) if in_list("person_roles", parts[0].split()[0]) else (parts[0], parts[1])
        role_words = role.split()
        if role_words[0].casefold() in ("a", "an", "the") and len(role_words) > 1:
            role_words = role_words[1:]  # «David Chen, a spokesman for …»
        if in_list("person_roles", role_words[0].casefold()):
            speaker.name, speaker.role = name, role
            record = kb.resolve_role(role, doc.published)
            speaker.entity = record.id if record is not None else None
            return
    words = speaker.text.split()
    titles = [i for i, w in enumerate(words[:3]) if in_list("person_roles", w.casefold())]
    if speaker.text.isascii() and titles and len(words) - titles[-1] > 2 and all(
        w[:1].isupper() for w in words[titles[-1] + 1:]
    ):
        # «Governor Maria Lopez», «Finance Minister Karim Haddad»: a title before a capitalised name
        speaker.name, speaker.role = " ".join(words[titles[-1] + 1:]), " ".join(words[:titles[-1] + 1])
        return
    if words and in_list("person_roles", words[0]):
        cut = 1
        titled = [i for i, w in enumerate(words[1:-1], 1) if in_list("person_titles", w, exact=True)]
        if titled and not speaker.text.isascii():  # «مدير عام الشؤون الصحية الدكتور عدنان العبدالكريم»
            speaker.role, speaker.name = " ".join(words[:titled[-1]]), " ".join(words[titled[-1] + 1:])
            return

        def definite(i: int) -> bool:
            return i < len(words) and fold(words[i]).startswith(("ال", "لل", "وال", "بال"))

        # «وزير الاقتصاد والتجارة اللبناني», «رئيس مجلس الوزراء», «مدير عام فرع الوزارة»: definite words, «عام»
        # and construct heads (a word before a definite one) belong to the role; «أمين سلام» after it is a name
        while cut < len(words) and (definite(cut) or fold(words[cut]) == "عام" or definite(cut + 1)):
            cut += 1
        while cut < len(words) - 1 and in_list("person_titles", words[cut], exact=True):
            cut += 1  # «… المهندس محمد الغامدي»: the title goes with the role
        if 1 < cut < len(words) and not speaker.text.isascii():
            # «وزير الطاقة وليد حمدان»: the role is followed by the holder's own name, which wins over a guess
            role, name = " ".join(words[:cut]), " ".join(words[cut:])
            if _speaks_for(doc, role, name):
                speaker.role = speaker.text  # «المتحدث باسم الممثل جوني ديب»: Depp's spokesman is unnamed
            else:
                speaker.role, speaker.name = role, name
            return
        speaker.role = speaker.text
        for n in range(min(len(words), 6), 1, -1):
            record = kb.resolve_role(" ".join(words[:n]).strip(" ،,"), doc.published)
            if record is not None:
                speaker.entity, speaker.name = record.id, record.name_en or record.name_ar
                return


@stage("quotes", requires=["entities", "times"], assigns=["quotes", "attributions"])
def annotate(doc: Doc) -> None:
    extractor = _Extractor(doc)
    extractor.run()
    doc.quotes.extend(extractor.quotes())
    doc.attributions = [
        (extractor.orig(w.start, w.end), w.kind) for w in extractor.extra_sources
    ]
