"""A verb cue with its subject before or after it: «قال الوزير إن …», «العفو الدولية تقول إن …», «وكانت مصادر
تركية أفادت بأن …», «صحيفة "ديلي ميل"، التي قالت إنه …», «وأضاف أن …».

The subject is the noun phrase before the verb (:func:`~isnad.components.quotes.phrases.left_np`), else the one
after it in its frame (:mod:`~isnad.components.quotes.frame`).  After «التي/الذي» the antecedent speaks, unless an
object pronoun on the verb or a «فيه» after it refers back to it.  With no subject, a past verb (or a present one
with a conjunction and إن/أن: «وتقولان إن») continues the last speaker (the zero-subject continuations «وأضاف أن»,
«وتابع:»); a present verb alone reports nobody («ورقة تفيد بأنه», «وتعتبر إدلب …»).  :func:`report` then reads
the content by how the frame introduces it: the verb's object (:mod:`.verb_object`) or an introducer (:mod:`.introduced`).
"""

from __future__ import annotations

from isnad.components.attribution import CueEntry, is_complementizer
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import Clause, Reading
from isnad.components.quotes.constructions import english, introduced, verb_object
from isnad.components.quotes.content import content
from isnad.components.quotes.found import Found, Who
from isnad.components.quotes.frame import Frame, read_frame, split_addressee
from isnad.components.quotes.reader import COMMAS
from isnad.components.quotes.vocab import lemma_forms, listed


def read(clause: Clause) -> Reading:
    r, k, lo, entry = clause.reader, clause.k, clause.lo, clause.entry
    if entry.kind == "en" and _english_non_report(clause):
        return None
    if entry.kind != "en" and _passive_agent(clause):
        return None  # «168 رياضيا اعتُبروا "نظيفين" من قبل اللجنة»: were considered, by an agent named after
    left = clause.left_subject()
    if left is None and entry.kind == "en":
        left = phrases.english_relative_subject(r, k, lo)
    if left is not None and entry.kind == "en":
        left = phrases.without_auxiliaries(r, left)  # «The IMF has repeatedly called for …»
    if left is None and (shared := _shared_subject(clause)) is not None:
        # «وواصل سالفيني خطابه … وطالب حلف شمال الأطلسي بحماية إيطاليا»: the verb joined by و goes on with the
        # sentence's subject, and the noun phrase after it is its object, reported with the complement
        r.remember(shared)
        start = r.toks[k + 1].start
        return content(r, start, clause.object_end(start, clause.stop), clause.cue, shared, Frame())
    frame = read_frame(clause, k + 1, clause.stop, entry, allow_subject=entry.kind != "en" and left is None)
    if frame.intro is None and _negated(clause):
        return None  # «ولم يذكر البيان مكان وجوده»: what was not said, with no إن/أن, is no report
    if entry.lemma in lexicon.words("telling_lemmas") and frame.subject is not None:
        split_addressee(r, frame)
    if left is None and frame.subject is not None and frame.lead is None and frame.intro is None and (
        entry.gender == "f" and r.index_at(frame.subject.start) == k + 1 and r.masculine_noun(k + 1)
    ):  # «وأكدت موقع المناورات في …»: a masculine noun after a feminine verb is its object, not its subject
        frame.object_from, frame.subject = k + 1, None
    speaker = left or frame.subject
    if left is None and entry.form == "present" and entry.lemma in lexicon.words("passive_prone_lemmas") and (
        frame.subject is not None
    ) and not (
        frame.intro and frame.intro[0] in ("comp", "colon", "quote")
    ) and not r.sourcelike(frame.subject):
        return None  # «ويعتبر مطار أمستردام أكثر المطارات نشاطا»: is considered, no one reports it
    relative = phrases.relative_before(r, k, lo) if left is None else None
    if relative is not None:
        # After «التي/الذي» the pronoun is the subject and its antecedent speaks («صحيفة "ديلي ميل"، التي
        # قالت إنه …»), unless an object pronoun on the verb or a «فيه» after it refers back to the antecedent
        # («الاتفاق الذي أعلنه الرئيس», «تقريرها، الذي قالت فيه إنه …»). A source named after the verb is
        # the subject («التي قالت الوزارة إنها …», «التي تنفي فيها ريما رحباني شائعة …»); any other word
        # there is the object («الادعاء الذي يزعم إعلان "…"»). No speaker found means none, not the last one.
        oblique = _object_suffix(clause) or frame.implicit
        explicit = frame.subject if frame.subject is not None and r.sourcelike(frame.subject) and (
            oblique or frame.intro is not None or frame.object_from is not None and entry.form == "past"
        ) else None  # but «الراحل الذي يعتبر أحد مؤسسي الحزب»: a present with no إن/أن is no report of its own
        frame.subject = explicit
        if explicit is not None:
            relative = None  # an ordinary subject after the verb
        else:
            speaker = None if oblique else phrases.antecedent(r, relative, lo)
            if speaker is not None and _disagrees_with_relative(r.toks[relative].text, entry):
                speaker, relative = None, None  # «مستشفى الثورة الذي قالت إنه …»: «الذي» is no subject of «قالت»
            if speaker is None and entry.form == "present" and not (frame.intro and frame.intro[0] == "quote"):
                return None  # «في الوقت الذي يُتوقع أن …»: a passive or impersonal present reports nobody
    if speaker is None and relative is None:
        connector = k > lo and (listed("speaker_connectors", r.toks[k - 1].text) or listed(
            "auxiliary_verbs", r.toks[k - 1].text))  # «ومضى يقول:»: the auxiliary goes on with the last speaker
        if frame.implicit:
            # «…، نفى فيها وجود …», «بدعوى تطالب فيها بتعويض …»: whoever made the statements or filed the suit,
            # named earlier in the sentence, not the last speaker
            speaker = phrases.implicit_author(r, lo, k)
        elif entry.form == "present" and not (
            clause.clitic and frame.intro and frame.intro[0] == "comp" and r.last_is_recent()
        ) and not connector:  # «…، وبالتالي يؤكد: "…"»: the subject of the clause before goes on
            return None  # «ورقة تفيد بأنه»; «وتقولان إن» continues the last speaker, but not after the writer's words
        elif r.topic is not None and r.topic[1] == r.sentence - 1 and k == lo and clause.clitic and (
            r.last is None or r.topic[0].start > r.last.start
        ):  # «ورفض النائب X القرار. وأكد في بيان أن …»: the person the sentence before was about
            speaker = r.topic[0]
        elif k == lo + 1 and listed("pronoun_contrast_openers", r.toks[lo].text) and r.subject_topic is not None and (
            r.subject_topic[1] == r.sentence - 1 and r.agrees(r.subject_topic[0], entry)
        ):  # «أصدرت وزارة الدفاع بيانا … . لكنها قالت إن …»: the pronoun is the subject of the sentence before
            speaker = r.subject_topic[0]
        elif k > lo and entry.form == "past" and not connector and (
            own := clause.quotes[-1].speaker if clause.quotes else phrases.clause_subject(r, lo, k)
        ) is not None:  # «بعد صدور الحكم، تمسك كياو بموقفه، لكنه أضاف أن …»: the subject of the sentence's
            speaker = own  # own first verb goes on, as for a participle, before the last speaker of the article
        else:
            speaker = r.last
        speaker = r.agreeing(speaker, entry, r.toks[k].start)  # «وشددت» after «البيان»: the company goes on
    if speaker is None and entry.strict:
        return None  # «بين مستخدميه.. "فيسبوك": …»: «بين» (between) with no one who could have «shown» anything
    return report(clause, speaker, frame, relative)


def report(clause: Clause, speaker: Who | None, frame: Frame, relative: int | None) -> Found | None:
    """What the verb reports, by how its frame goes on: an object after a named subject, the object with no
    introducer, or the content after إن/أن, a colon, a quotation or a ب-complement."""
    r, entry = clause.reader, clause.entry
    if frame.aborted or entry.lemma in lexicon.words("demand_lemmas") and speaker is not None and (
        speaker.kind == "document"
    ):
        return None  # «وطالب القرار الدول المجاورة بتفتيش …»: a resolution's terms, not reported speech
    subject = frame.subject
    if subject is None and speaker is not None and entry.lemma in lexicon.words("object_complement_lemmas"):
        subject = speaker  # «والرئيس طالب الحكومة بخفض الأسعار»: the subject before the verb, then object and بـ
    if frame.intro is None and frame.object_from is not None and subject is not None:
        r.remember(subject)
        end = frame.break_at if frame.break_at is not None else clause.stop
        start = r.toks[frame.object_from].start
        return content(r, start, clause.object_end(start, end), clause.cue, subject, frame)
    if frame.intro is None:
        if entry.kind == "en":
            after, _ = english.skip_time_and_channel(r, clause.k + 1, clause.hi)
            if after >= clause.hi or not r.toks[after].is_word:
                return None  # «The ministry said in a statement on Monday.»: the channel and time, nothing reported
        return verb_object.report(clause, speaker, frame, relative)
    r.remember(speaker)
    return introduced.report(clause, speaker, frame)


def _shared_subject(clause: Clause) -> Who | None:
    """The subject of the sentence's first verb, for a verb of ``object_complement_lemmas`` joined to it by و inside
    the clause (no comma before it): the noun phrase after such a verb is its object, not a new subject."""
    r, k, lo, entry = clause.reader, clause.k, clause.lo, clause.entry
    if not (entry.lemma in lexicon.words("object_complement_lemmas") and clause.clitic and entry.form == "past"
            and k > lo + 2 and k + 1 < clause.hi
            and r.toks[k].text[:1] in lexicon.words("coordinating_conjunctions")):
        return None
    if clause.prev in COMMAS and ((after := phrases.simple_np(r, k + 1, clause.hi)) is None or r.sourcelike(after)):
        return None  # after a comma a new subject may come («…، ودعت الوزارة المواطنين إلى …»); but «…، ونصحت
        # سائقي السيارات بتجنب …»: no one who speaks, the object of the sentence's subject
    if not clause.complement_follows(k, entry, window=8):
        return None
    return phrases.clause_subject(r, lo, k)


def _negated(clause: Clause) -> bool:
    """A negation right before the verb («لم يذكر», «ولم يذكر»)."""
    before = clause.prev
    negations = lexicon.words("negations")
    return before in negations or before[:1] in lexicon.words("coordinating_conjunctions") and before[1:] in negations


def _disagrees_with_relative(pronoun: str, entry: CueEntry) -> bool:
    """A relative pronoun of one gender before a verb of the other («الذي قالت»): the antecedent is the verb's
    object or topic, and the speaker is someone else."""
    if entry.kind != "verb" or not entry.gender:
        return False
    genders = lexicon.pairs("relative_pronoun_genders")
    return genders.get(pronoun.removeprefix("و"), entry.gender) != entry.gender


def _english_non_report(clause: Clause) -> bool:
    """«is said to be», «were said to be», «have been accused of» (a passive with no speaker), «did not say when …»,
    «never said» (what was not said), «said nothing about …»: no report."""
    r, k, lo, hi = clause.reader, clause.k, clause.lo, clause.hi
    toks = r.toks
    before = [toks[j].text.casefold() for j in range(max(lo, k - 2), k)]
    after = toks[k + 1].text.casefold() if k + 1 < hi else ""
    words = lexicon.words
    verb = toks[k].text.casefold()
    passive = bool(before) and before[-1] in words("english_be_forms") and verb.endswith("ed") and (
        verb not in words("english_relaying_passives") and "by" not in (
            toks[j].text.casefold() for j in range(k + 1, min(hi, k + 3)))
    )  # «Both sides have been accused of war crimes»: a passive with no agent reports no one
    return bool(before) and before[-1] in words("english_be_forms") and after == "to" or any(
        w in words("english_negations") for w in before
    ) or after in words("english_nothing") or passive


def _passive_agent(clause: Clause) -> bool:
    """A passive verb's agent, «من قبل» + a definite noun or a name, in the few words after the verb: the verb
    reports nothing of its own (and «من قبل» alone, "before", is no agent: «كما قال من قبل»)."""
    r, k = clause.reader, clause.k
    toks = r.toks
    for j in range(k + 1, min(k + 7, clause.hi - 2)):
        text = toks[j].text
        if is_complementizer(text) or text == ":" or text in COMMAS:
            return False
        if text == "من" and toks[j + 1].text == "قبل" and toks[j + 2].is_word and (
            toks[j + 2].text.startswith(lexicon.ordered("article_prefixes")) or toks[j + 2].start in r.entity_starts
        ):
            return True
    return False


def _object_suffix(clause: Clause) -> bool:
    """The verb carries an object pronoun («أعلنه»): after a relative, the antecedent is its object."""
    text = clause.bare_text
    return text.endswith(lexicon.ordered("verb_object_suffixes")) and text not in lemma_forms(clause.entry.lemma)
