"""What follows a verb cue, read word by word: its subject, channel, transmitters, and how the content opens.

After «قال» come, in some order, the subject («وزير الخارجية الإيراني»), a channel («في بيان صدر أمس»,
«لـ«عكاظ»»), times, transmitters («نقلا عن مسؤولين») and then the introducer: إن/أن («comp»), a colon, a
quotation, a ب-complement or a preposition («prep»), or, with none, the verb's object («أعلنت الوزارة تعليق
…»: ``object_from``).  The reader is in one of three phases: ``np`` (reading the subject), ``channel`` (inside
a channel phrase) and ``gap`` (between them and the content).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from isnad.components.attribution import CueEntry, in_list, is_complementizer, phrase_in_list, source_kind
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Sentence
from isnad.components.quotes.found import Who
from isnad.components.quotes.reader import COMMAS, MAX_MARKS, MIN_QUOTE_WORDS, Reader
from isnad.components.quotes.tokens import Word
from isnad.components.quotes.vocab import adverbial, is_time, listed, role_or_title

#: words read after the verb before the frame gives up (no introducer, no object: not a report)
MAX_FRAME = 24
#: a quoted name right after an institution's or outlet's head noun has at most this many words
MAX_NAME_WORDS = 6

_PREPOSITIONS = lexicon.words("prepositions")
_CHANNEL_PREPOSITIONS = lexicon.words("channel_prepositions")
_NISBA = lexicon.ordered("nisba_endings")
_DEFINITE = lexicon.ordered("definite_prefixes")
_ARTICLE = lexicon.ordered("article_prefixes")
_BA = lexicon.words("ba_prepositions")
_BA_ARTICLE = tuple(ba + article for ba in _BA for article in _ARTICLE)
_ADDRESSING = lexicon.words("addressee_prepositions")
_DONE = -1  # a step's answer: the frame is read


@dataclass
class Frame:
    """What follows a verb cue: subject, channel, transmitters, and how the content is introduced."""

    subject: Who | None = None
    intro: tuple[str, int] | None = None  # ("comp", content start) | ("colon", pos) | ("quote", opening mark) | ("prep", pos)
    channel: tuple[int, int] | None = None
    media: list[Who] = field(default_factory=list)
    aborted: bool = False
    object_from: int | None = None  # «نفى القنصل محمد العتيبي علمه …»: where the verb's object starts
    break_at: int | None = None
    relayed: Who | None = None
    lead: int | None = None  # «نقلت بدورها», «نفى فيها»: where the subject may start after an adverbial
    implicit: bool = False  # «…، نفى فيها وجود …»: «in which» right after the verb, the statement's author speaks


def read_frame(sentence: Sentence, k: int, stop: int, entry: CueEntry, allow_subject: bool) -> Frame:
    """The frame of the verb whose first following word is ``k``, read up to ``stop``."""
    return _FrameReader(sentence, k, stop, entry, allow_subject).read()


class _FrameReader:
    """One reading of a frame: the phase, the words of the subject and transmitter, the channel's bounds."""

    def __init__(self, sentence: Sentence, k: int, stop: int, entry: CueEntry, allow_subject: bool):
        self.sentence = sentence
        self.r: Reader = sentence.reader
        self.hi: int = sentence.hi
        self.k, self.stop, self.entry = k, stop, entry
        self.frame = Frame()
        self.subject: list[int] = []
        self.media: list[int] = []
        self.phase = "np" if allow_subject else "gap"
        self.words = 0
        self.marks = 0
        self.channel_start: int | None = None
        self.channel_end: int | None = None
        self.transmitted = entry.lemma in lexicon.words("relay_lemmas")
        self.loose = 0  # plain words after the subject: an object, so a later preposition is not the content
        self.with_object = entry.lemma in lexicon.words("object_complement_lemmas")  # «اتهم X بـ…»: X is reported

    def read(self) -> Frame:
        r, toks = self.r, self.r.toks
        j = self.k
        while j < self.hi and toks[j].start < self.stop:
            nxt = self._step(j)
            if nxt == _DONE:
                break
            j = nxt
        r.examined += self.words + self.marks
        return self._finish(j)

    def _step(self, j: int) -> int:
        """Read the word at ``j``: the index to go on from, or ``_DONE``."""
        toks, frame = self.r.toks, self.frame
        t = toks[j]
        text = t.text
        if t.start in self.r.regions:
            return self._quotation(j)
        if text == ":":
            frame.intro = ("colon", t.start)
            return _DONE
        if is_complementizer(text):
            if self.entry.kind == "en" and self.loose and j > self.k and toks[j - 1].text.casefold() == "and":
                return _DONE  # «said their forces had targeted "…" and that …»: the clause goes on, no new one
            if not (self.with_object and frame.object_from is not None):
                frame.intro = ("comp", t.end)  # but «وصفت الخارجية القرار بأنه …»: the object is reported too
            return _DONE
        if self.phase == "np" and not self.subject and t.is_word and (
            adverbial(text) or listed("pronoun_prepositions", text)
        ):
            frame.lead = j + 1  # «وقالت بدورها الوزيرة إن», «أكد فيها الوزير أن»: the subject may follow
            frame.implicit = frame.implicit or listed("in_which_pronouns", text)
            if frame.implicit and self.with_object:
                self.phase = "gap"  # «وتتهم فيها اللاعب بـ…»: after «فيها» an accusation names its object
            return j + 1
        if self.phase == "np" and not self.subject and t.is_word and (listed("object_heads", text) or (
            self._verbal_noun_object(j)
        )):
            self.phase = "gap"  # «نفى صحة الادعاء», «يزعم إعلان "…"»: a verbal noun right after the verb is its object
            frame.object_from = j
            self.loose += 1
            self.words += 1
            return j + 1
        nxt = toks[j + 1] if j + 1 < self.hi else None
        if text[:1] in _BA and not self._in_apposition(j) and (self.subject or self.phase == "gap" or frame.lead == j or j == self.k and (
            text.startswith(_BA_ARTICLE) or self.r.verbal_noun(Word(t.start + 1, t.end, text[1:], True))
        )) and self.phase in ("np", "gap") and (  # (right after the verb «بالـ» or ب + a verbal noun is no
            # subject: «إلا أنها أشادت باللجنة …», «وتعهدوا بتحرٍّ …»; but «وأفاد بيان موانئ دبي بأنه»)
            self.r.ba_complement(self.entry, t) or (
                text in lexicon.words("ba_prepositions") and nxt is not None and nxt.start in self.r.regions
                and in_list("ba_complement_lemmas", self.entry.lemma, exact=True)
            )
        ):
            if self.with_object and frame.object_from is not None:
                return _DONE  # «اتهمت الشركة الحكومة بالاستيلاء …»: the object and its ب-complement are reported
            if len(self.subject) == 1 and self.entry.lemma in lexicon.words("object_first_lemmas"):
                frame.object_from, self.subject = self.subject[0], []
                return _DONE  # «واتهم الحوثيين بتنفيذ …»: one word alone before it is the accused, not the accuser
            if self.phase == "np" or not self.loose:
                frame.intro = ("prep", t.start)  # «تعهدت تركيا بمنحه خطوط ائتمان»: the ب-complement is the pledge
                return _DONE
        if text in _PREPOSITIONS and not (self.subject and self.r.names_ali(t) and self._name_ends(j)):
            return self._preposition(j)  # but «محمد علي إن …», «الباحث علي مراد "…"»: a name, not «على»
        if text in lexicon.words("relayed_by_forms"):
            media_np = phrases.simple_np(self.r, j + 1, self.hi)
            if media_np is not None:
                frame.media.append(media_np)
        after_cue = self._cue_word(j)
        if after_cue is not None:
            return after_cue
        told = self._addressee(j) if text[:1] in _ADDRESSING else None
        if told is not None:  # «قال المسؤول للصحفيين إن», «قال X لفرانس برس إن»: the audience, not the speaker
            while told < self.hi and self.r.toks[told].text.startswith(_DEFINITE) and (
                self.r.toks[told].text.endswith(_NISBA)
            ):
                told += 1  # «لوسائل الإعلام المحلية»
            if self.channel_start is None:
                self.channel_start, self.channel_end = j, told
            if self.subject and self.phase == "np":
                self.phase = "gap"  # the speaker was named before its audience
            self.words += told - j
            return told
        self._classify(j)
        self.words += t.is_word
        self.marks += not t.is_word
        if self.words > MAX_FRAME or self.marks > MAX_MARKS:
            frame.aborted = True
            return _DONE
        return j + 1

    def _verbal_noun_object(self, j: int) -> bool:
        """An indefinite verbal noun right after the verb, before an indefinite noun, with no إن/أن to come: the
        object of a verb whose subject is a pronoun («وقد اقترح أولا تنظيم عرض مماثل …»), not a subject; but
        «أعلن تحالف دعم الشرعية أن …», «أفاد تقرير حول …» and the names the entities stage knows are subjects."""
        r, toks = self.r, self.r.toks
        t = toks[j]
        nxt = toks[j + 1] if j + 1 < self.hi else None
        if nxt is None or t.text.startswith(_DEFINITE) or t.start in r.entity_starts or t.text in r.person_names:
            return False
        if any(in_list(name, t.text) for name in ("document_heads", "media_heads", "anonymous_heads", "person_roles")):
            return False  # «أفاد تقرير حول …»: a report speaks (an «تنظيم» before a bare noun is organising)
        construct = nxt.text.startswith(_ARTICLE) and not in_list("organization_heads", t.text)
        return r.verbal_noun(t) and (r.bare_noun(nxt) or nxt.start in r.regions or construct) and (
            not self.sentence.introducer_follows(j, window=8, quotes=False, preps=False)
        )  # (or before a quotation: «وأكد انتساب "جميع المستوردين …"»; or in construct, «وأعلن تعيين المدرب …»,
        #    but an institution named so speaks: «أعلن اتحاد الكرة»)

    def _in_apposition(self, j: int) -> bool:
        """Word ``j`` follows a definite word that opens an aside after the subject's comma («واتهم أبو تريكة،
        الفائز بلقب …، راموس بـ…»): its ب belongs to the description, not to the verb."""
        toks = self.r.toks
        return bool(self.subject) and j >= 2 and toks[j - 1].text.startswith(_ARTICLE) and toks[j - 2].text in COMMAS and (
            not is_time(toks[j - 1].text) and not self.r.timed(j - 1))  # (but «، الأحد بالانسحاب»: a time)

    def _name_ends(self, j: int) -> bool:
        """Whether the name of a subject ends at word ``j`` or the plain word after it: an introducer, a comma or a
        colon follows («محمد علي إن …», «علي مراد "…"»), unlike «أكد الوزير علي أهمية الحوار»."""
        toks = self.r.toks
        for m in (j + 1, j + 2):
            if m >= self.hi:
                return False
            t = toks[m]
            if is_complementizer(t.text) or t.text in COMMAS or t.text == ":" or t.start in self.r.regions:
                return True
            if not t.is_word or t.text.startswith(_DEFINITE):
                return False
        return False

    def _addressee(self, j: int) -> int | None:
        """The index after an audience or outlet addressed with ل at word ``j`` («للصحفيين», «لوسائل الإعلام»,
        «لفرانس برس», «لـ بي بي سي»), or None."""
        toks, hi = self.r.toks, self.hi
        text = toks[j].text
        if text[:1] not in lexicon.words("addressee_prepositions"):
            return None
        if listed("addressee_words", text):
            return j + 2 if j + 1 < hi and toks[j + 1].text.startswith(_DEFINITE) and (
                text.endswith(lexicon.ordered("addressee_construct_endings"))) else j + 1
        if text in lexicon.words("addressee_prepositions"):
            n = phrases.media_name_length(self.r, j + 1, hi)
            return j + 1 + n if n else None
        if text.startswith("لل") and in_list("media_heads", text[2:], exact=True):
            return j + 1  # «وقالت للصحيفة وهي تبكي: …»: the paper she spoke to
        t = toks[j]
        if len(text) > 4 and self.subject and self.r.possessed_noun(Word(t.start + 1, t.end, text[1:], True)):
            return j + 1  # «قال الزوجان لمؤيديهما على الإنترنت إن …»: their own audience
        if len(text) > 2 and text[:1] in lexicon.words("addressee_prepositions"):
            rest = text[1:]
            for n in (3, 2, 1):
                if j + n <= hi and all(toks[m].is_word for m in range(j, j + n)) and in_list(
                    "media_names", " ".join([rest, *(toks[m].text for m in range(j + 1, j + n))]), exact=True
                ):
                    return j + n
        return None

    def _quotation(self, j: int) -> int:
        """A quotation after the verb: the content, unless it is a short name in the subject or object."""
        r, toks, frame = self.r, self.r.toks, self.frame
        opened = toks[j].start
        n = r.region_words(opened)
        if self.entry.kind == "en" and any(toks[m].is_word for m in range(self.k, j)):
            # «said their forces had targeted "a British oil ship"»: a quoted phrase inside the reported clause
            self.loose += 1
            return r.index_at(r.regions[opened]) + 1
        named = n <= MAX_NAME_WORDS and self.phase == "np" and self.subject and j > self.k and any(
            in_list(heads, toks[j - 1].text) for heads in ("organization_heads", "media_heads")
        ) and self.sentence.later_introducer(j, self.stop)  # «قالت منظمة "أس أو أس ميديتيرانيه" إن …»: a name
        if not named and n >= MIN_QUOTE_WORDS or frame.object_from is None and self.phase != "channel" and not (
            named or self.sentence.is_name_quote(j, self.stop) or self.subject and self.phase == "np"
            and not self.sentence.ends_clause(r.regions[opened], self.stop)
        ):  # but «نفى وجود محادثات … في سلسلة "قراصنة الكاريبي"»: a short quotation inside the object
            frame.intro = ("quote", opened)
            return _DONE
        close_j = r.index_at(r.regions[opened])
        if j > self.k and toks[j - 1].text in lexicon.words("addressee_prepositions"):
            # «قال لـ«عكاظ» الوكيل …»: the addressee
            self.channel_start = j - 1 if self.channel_start is None else self.channel_start
            self.channel_end = close_j + 1
        elif self.phase == "np" and self.subject and phrases.quoted_adverbial(r, j):
            self._object_from(j)  # «ونفى رونالدو "بشكل قاطع" …»: a quoted adverbial ends the name (not «موقع "بوابة …"»)
        elif self.phase == "np":
            self.subject += [j, close_j]
        self.words += n
        return close_j + 1

    def _preposition(self, j: int) -> int:
        """A preposition: «إلى أن» opens the content, «نقل X عن Y» makes X the transmitter, a preposition
        inside the subject or channel goes on when an introducer follows, else it opens the content."""
        toks, frame = self.r.toks, self.frame
        text = toks[j].text
        nxt = toks[j + 1] if j + 1 < self.hi else None
        if nxt is not None and is_complementizer(nxt.text):
            frame.intro = ("comp", nxt.end)
            return _DONE
        if text in lexicon.words("relay_prepositions") and self.transmitted and not self.media and self.subject:
            self.media, self.subject, self.phase = self.subject, [], "np"
            return j + 1
        if self.phase == "np" and self.subject and text in lexicon.words("headline_topic_prepositions") and (
            toks[self.subject[-1]].end in self.r.entity_ends or toks[self.subject[-1]].text in self.r.person_names
        ):
            self.phase = "gap"  # «وقال المسماري عن القبض على عشماوي: …»: after a person's name, what he spoke about
            return j + 1
        if self.phase == "np" and self.subject and nxt is not None and phrase_in_list(
            "channel_starts", text + " " + nxt.text
        ):
            self.channel_start = j  # «وقال شيمشك على تويتر إن …»: the medium the speaker used, not his name
            self.phase = "channel"
            return j + 1
        if (self.subject or self.phase == "channel") and self.sentence.introducer_follows(
            j, window=8, quotes=False, preps=False
        ):
            if self.phase == "np" and lexicon.pairs("prepositional_complements").get(self.entry.lemma) == text and (
                nxt is not None and self.r.possessed_noun(nxt)
            ):
                self.phase = "gap"  # «أعرب الصفدي عن أمله في أن»: the verb's complement, not the name
            elif self.phase == "np":  # «حسين علي أميري», «الأرقام الصادرة عن المنظمة … أن»: not the content
                self.subject.append(j)
            self.words += 1
            return j + 1
        if nxt is not None and not self.loose:
            frame.intro = ("prep", toks[j].end)
        return _DONE

    def _cue_word(self, j: int) -> int | None:
        """Another cue after the verb: a prepositional one names a transmitter («نقلا عن مسؤولين»), «قائلا إن»
        goes on, a verb ends the frame.  The index to go on from, ``_DONE``, or None for no cue."""
        r, toks, frame = self.r, self.r.toks, self.frame
        t = toks[j]
        hit = r.cues[j]
        if hit is None:
            return None
        entry = hit[0]
        if entry.kind == "prep":
            r.consumed.add(j)
            nxt = toks[j + 1] if j + 1 < self.hi else None
            after = j + 2 if nxt is not None and nxt.text in lexicon.words("relaying_particles") else j + 1
            if after < self.hi and toks[after].text in lexicon.words("ma_particles"):
                after += 1  # «وفق ما نقلت وكالة …», «بحسب ما ذكرت صحيفة …»: the outlet after the verb
                if after < self.hi and (verb := r.cues[after]) is not None and verb[0].kind == "verb":
                    r.consumed.add(after)
                    after += 1
                    while after < self.hi and (is_time(toks[after].text) or toks[after].text in lexicon.words(
                        "prep_cue_pronouns"
                    )):
                        after += 1
            source_np = phrases.simple_np(r, after, self.hi)
            if source_np is not None:
                if t.text.endswith(lexicon.ordered("relaying_preposition_endings")) and self.subject:
                    # «ذكرت صحيفة X نقلا عن مسؤولين أن …»: the officials speak, the paper transmits
                    self.media, self.subject = self.subject, []
                    frame.relayed = source_np
                else:
                    frame.media.append(source_np)
                self.phase = "gap"
                return r.index_at(source_np.end)
        if entry.lemma in lexicon.words("plain_say_lemmas") and entry.form in ("participle", "extra"):
            if self.loose and frame.object_from is not None:
                frame.break_at = t.start  # «نفى X علمه بمكانه قائلا إن …»: two reports
                return _DONE
            self.phase = "gap"  # «قائلا إن», «قوله إن»
            return j + 1
        if t.text not in lexicon.words("relayed_by_frame_forms") and (
            entry.kind == "verb" and entry.form != "participle" or entry.form == "participle"
        ):
            return _DONE
        return None

    def _classify(self, j: int) -> None:
        """Any other word: it moves the phase (a channel, a time, the object after a name) or joins the subject."""
        r, toks = self.r, self.r.toks
        t = toks[j]
        text = t.text
        nxt = toks[j + 1] if j + 1 < self.hi else None
        two = text + " " + nxt.text if nxt is not None else text
        phase, subject = self.phase, self.subject
        if phase == "channel" and (text in COMMAS or j > self.channel_start + 1 and (
                is_time(text) or phrase_in_list("time_words", two)) and not any(
                in_list(words_, toks[j - 1].text, exact=True) for words_ in ("issued_words", "event_verbs"))):
            # «في مقابلة مع التلفزيون الرسمي أمس»: the time dates the speech, it is not the channel;
            # «في بيان صدر أمس» keeps it (it dates the statement's issue)
            self.channel_end = j
            self.phase = "gap"
        elif phase != "channel" and text in _CHANNEL_PREPOSITIONS and phrase_in_list("time_words", two):
            self.phase = "gap" if phase == "np" else phase  # «في وقت سابق»
        elif (phase == "np" and not subject and text in _CHANNEL_PREPOSITIONS) or text in _CHANNEL_PREPOSITIONS and (
            phrase_in_list("channel_starts", two) or nxt is not None and r.possessed_noun(nxt)
            or toks[j - 1].text in COMMAS  # «وأوضحت المندوبية، في مذكرة إخبارية، أن …»
        ) or in_list("channel_starts", text, exact=True) and text not in _CHANNEL_PREPOSITIONS:
            # «في تقريره الشهري», «خلال كلمتها»: the speaker's own document or speech is the channel
            if self.channel_start is None:
                self.channel_start = j
            self.phase = "channel"
        elif phase != "channel" and (is_time(text) or phrase_in_list("time_words", two)):
            self.phase = "gap" if phase == "np" else phase
        elif text in lexicon.words("verbal_particles") or in_list("speech_nouns", text, exact=True):
            # «واختتم حديثه قائلا:»
            self.phase = "gap" if subject or text not in lexicon.words("verbal_particles") else phase
        elif phase == "np" and not subject and text in lexicon.words("pronoun_clause_openers") and (
            self.channel_start is not None
        ):  # «وقالت للصحيفة وهي تبكي: …»: a circumstantial clause after the audience, no subject
            self.phase = "gap"
        elif phase == "np" and subject and (
            text in lexicon.words("pronoun_clause_openers") and toks[j - 1].text in COMMAS
            or text in lexicon.words("time_prepositions")
        ):  # «وقال فيليب تشاتفيلد، وهو صديقها السابق …», «وقال أنغس عقب إنهاء التحقيق إنها …»: a description
            self.phase = "gap"  # of the speaker or the time of the speech follows the name, not more of it
        elif phase == "np" and listed("subject_relatives", text) and subject:  # «، والذي يبلغ …» too
            self.phase = "gap"  # «المفوضية التي حدثت أرقامها …»: the relative clause is not the name
        elif phase == "np" and subject and t.is_word and r.entity_ends.get(
            toks[subject[-1]].end, -1
        ) >= toks[subject[0]].start and (
            t.start not in r.entity_starts and not (role_or_title(text) and not self.with_object) and not (
                len(text) > 3 and text.endswith(_NISBA))  # «أوساط سياسية»
        ):  # (an accusation's or description's object may be an office: «ووصف كينيدي وزير الخارجية بأنه …»)
            # the subject was a name; a word after it that is no role starts the object, definite or not:
            # «وقال وزير المالية جورج خوري الحكومة ستدفع …»
            self._object_from(j)
        elif phase == "np" and subject and text.startswith(_ARTICLE) and toks[j - 1].end in r.place_ends and (
            r.index_at(r.place_ends[toks[j - 1].end]) == subject[0]
        ) and not phrases.definite_adjective(text) and not role_or_title(text) and t.start not in r.entity_starts:
            self._object_from(j)  # «وأعلنت فنزويلا الحداد ثلاثة أيام»: after a place that speaks, a definite noun
            # is the object (but «فنزويلا البوليفارية»: an adjective)
        elif phase == "np" and subject and r.possessed_noun(t) and toks[j - 1].text not in _PREPOSITIONS and (
            toks[j - 1].text not in _CHANNEL_PREPOSITIONS
        ):
            self._object_from(j)  # «نفى القنصل محمد العتيبي علمه بمكانه»: a noun with a pronoun suffix is the object
        elif phase == "np" and subject and r.closed_subject(subject) and (r.bare_noun(t) or (
            not text.startswith(_DEFINITE) and r.verbal_noun(t) and t.start not in r.entity_starts
        )):  # «أعلنت وزارة الصحة ارتفاع عدد …», «أعلن الاتحاد تعيين المدرب»: after a definite NP, an indefinite
            self._object_from(j)  # noun (a verbal noun too, whatever its ending) is the object
        elif phase == "np" and subject and self.with_object and t.is_word and not text.startswith(_DEFINITE) and (
            nxt is not None and nxt.text.startswith(_ARTICLE)
        ) and (r.closed_subject(subject) and not role_or_title(text) or len(subject) == 1 and (
            toks[subject[0]].text in r.surnames or toks[subject[0]].text in r.speaker_words
            or toks[subject[0]].start in r.entity_starts
        )):  # «اتهمت نقابة الصحفيين وزارة الإعلام بـ…», «دعا فتح منسقة الشؤون الإنسانية إلى …»: a new construct
            self._object_from(j)  # after a complete subject (a name the article uses as one) is the object
        elif phase == "np" and subject and phrases.role_object(r, toks[subject[-1]].text, t):
            self._object_from(j)  # «اقترح الرئيس تنظيم استفتاء»: the object, not a name
        elif phase == "np" and subject and text.startswith(_ARTICLE) and self._second_definite(j):
            self._object_from(j)  # «ووصفت الخارجية القرار بأنه …»: a second definite noun is the object
        elif phase == "np" and (t.is_word and len(text) > 1 or text in ("(", ")", "-") or text in COMMAS and subject):
            subject.append(j)
        elif phase == "gap" and t.is_word and len(text) > 1:
            if self.with_object and self.frame.object_from is None and not self.loose:
                self.frame.object_from = j  # «اتهمت الشركة، الخميس، الحكومة بـ…»: the object after the gap
            self.loose += 1

    def _second_definite(self, j: int) -> bool:
        """A definite noun right after a complete subject that is no adjective of it («الخارجية القرار», «الجامعة
        العربية الهجوم», «مسؤولون أمريكيون الصين», «قطر السعودية»), outside a name the entities stage knows: the
        verb's object, when the verb takes one with a ب-complement or no إن/أن comes next («وأدانت الجامعة العربية
        الهجوم على المدنيين»)."""
        r, toks = self.r, self.r.toks
        t, prev = toks[j], toks[j - 1]
        text, before = t.text, prev.text
        if not text.startswith(_ARTICLE) or any(toks[m].text in COMMAS for m in self.subject[-4:]):
            return False  # «سامسونغ، الشركة الكورية العملاقة، …»: inside an apposition, its own words
        states = in_list("states", before, exact=True), in_list("states", text, exact=True)
        plural = lexicon.ordered("sound_plural_endings")
        disagrees = text.endswith(plural) and self._singular_complete(before)
        if not (t.is_word and prev.is_word and text.startswith(_ARTICLE) and (
            before.startswith(_ARTICLE) or self.with_object and (any(states) or prev.end in r.entity_ends or disagrees)
            or len(self.subject) > 1 and before.endswith(lexicon.ordered("plural_nisba_endings"))
        )):
            return False
        if r.same_entity(prev.start, t.end) and not (all(states) or disagrees) or role_or_title(text):
            return False  # «الإمارات العربية المتحدة», «الرئيس الأمريكي الرئيس …»; but «قطر السعودية» is two
        if disagrees:
            pass  # «ترامب الديمقراطيين», «الحكومة المستهلكين»: a plural is no adjective of a singular
        elif text.endswith(plural):
            return False  # «الإخوان المسلمين»: a plural adjective after what may be a plural noun
        elif in_list("states", text, exact=True) and self.with_object and not before.endswith(_NISBA):
            pass  # «اتهمت قطر السعودية بـ…»; but «المملكة العربية السعودية»
        elif phrases.definite_adjective(text) or in_list("states", text, exact=True):
            return False
        return self.with_object or not self.sentence.introducer_follows(j, window=8, quotes=False, preps=False)

    @staticmethod
    def _singular_complete(word: str) -> bool:
        """A word that ends a singular noun phrase, after which a sound plural cannot be an adjective or a genitive:
        a definite singular («الأميركية», «الحكومة») or a name («ترامب»); not a construct head («نقابة الصحفيين»,
        «مجلس النواب») nor a broken plural («الإخوان المسلمين»)."""
        feminine = lexicon.ordered("feminine_endings")
        if word.startswith(_ARTICLE):
            return word.endswith(feminine) or word.endswith(_NISBA) or role_or_title(word)  # «الرئيس»
        return not word.endswith(feminine) and not word.endswith(lexicon.ordered("sound_plural_endings")) and not any(
            in_list(name, word) for name in phrases.SOURCE_HEADS
        )

    def _object_from(self, j: int) -> None:
        self.phase = "gap"
        self.frame.object_from = j
        self.loose += 1

    def _finish(self, j: int) -> Frame:
        """The subject, transmitter and channel from the words read, ``j`` being where the reading stopped."""
        r, toks, frame, subject = self.r, self.r.toks, self.frame, self.subject
        while subject and (toks[subject[-1]].text in COMMAS or toks[subject[-1]].text == "(" or (
            toks[subject[-1]].text in _CHANNEL_PREPOSITIONS) or toks[subject[-1]].text in _PREPOSITIONS and not (
            r.names_ali(toks[subject[-1]]))
        ):  # but the name «علي» (folded like the preposition «على») may end a subject
            subject.pop()
        if frame.lead is not None and frame.intro is None and frame.object_from is None:
            subject = []  # «نقلت بدورها الادعاء من …»: with no إن/أن and no object after it, the phrase is the object
        if subject:
            frame.subject = phrases.who(r, toks[subject[0]], toks[subject[-1]])
        elif frame.relayed is not None:
            frame.subject = frame.relayed
        if self.media:
            mention = phrases.who(r, toks[self.media[0]], toks[self.media[-1]])
            if mention is not None:
                frame.media.insert(0, mention)
        if self.channel_start is not None:
            end_j = (self.channel_end if self.channel_end is not None else j) - 1
            while end_j > self.channel_start and toks[end_j].text in COMMAS:
                end_j -= 1
            frame.channel = (toks[self.channel_start].start, toks[end_j].end)
        return frame


def split_addressee(r: Reader, frame: Frame) -> None:
    """«أبلغ مسؤولون حكوميون رويترز أنهم …»: the outlet told is the verb's object, the channel (like
    «قال لوكالة رويترز»), not part of the subject and not a source of its own."""
    subject = frame.subject
    assert subject is not None
    words = r.words_between(subject.start, subject.end)
    for n in (3, 2, 1):
        if len(words) > n and all(t.is_word for t in words[-n:]) and in_list(
            "media_names", " ".join(t.text for t in words[-n:]), exact=True
        ):
            outlet = words[-n]
            frame.subject = Who(subject.start, words[-n - 1].end, source_kind(
                r.folded[subject.start:words[-n - 1].end]))
            frame.channel = frame.channel or (outlet.start, subject.end)
            return

