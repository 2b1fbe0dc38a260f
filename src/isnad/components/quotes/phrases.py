"""Noun phrases that speak: the speaker, subject or source a construction reads around its cue.

A speaker is a noun phrase that can act, read by shape: a head word, then definite words, short quoted names,
ل-genitives, nisba adjectives and known outlet names (:func:`simple_np`); read back from a verb up to a clause
boundary (:func:`left_np`); the antecedent of «التي/الذي» (:func:`antecedent`).  Particles, negations, relative
pronouns and prepositions with a pronoun («مما يؤكد», «لم تعلن», «نفى فيها») never are (:func:`who`).  Every
function takes the :class:`~isnad.components.quotes.reader.Reader` and explicit word bounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from isnad.components.attribution import in_list, is_complementizer, is_speech_verb, source_kind
from isnad.components.quotes import lexicon
from isnad.components.quotes.found import Who
from isnad.components.quotes.reader import COMMAS, MAX_MARKS
from isnad.components.quotes.vocab import adverbial, function_word, is_time, listed, role_or_title

if TYPE_CHECKING:
    from isnad.components.quotes.reader import Reader
    from isnad.components.quotes.tokens import Word

_PREPOSITIONS, _CONJUNCTIONS, _COORDINATING, _EMPHATICS, _KANA, _BOUNDARIES, _FRONTED, _VERBAL_PARTICLES = (
    lexicon.words(name) for name in (
        "prepositions", "conjunction_proclitics", "coordinating_conjunctions", "emphatics", "kana_forms",
        "clause_boundaries", "fronted_adverbials", "verbal_particles",
    )
)
_DEFINITE, _ARTICLE, _LAM, _NISBA = (
    lexicon.ordered(name) for name in ("definite_prefixes", "article_prefixes", "lam_proclitics", "nisba_endings")
)
_DASHES = ("-", "–", "—")
SOURCE_HEADS = ("media_heads", "media_names", "document_heads", "anonymous_heads", "person_roles", "person_titles",
                "organization_heads", "states")


def who(r: Reader, first: Word, last: Word) -> Who | None:
    """The mention from ``first`` to ``last``, or None when it cannot speak (a particle, a pronoun alone)."""
    start, end = first.start, last.end
    word = first.text
    i = r.index_at(first.start)
    # the preposition of «وفقا لمكتب …»: the source starts after it (but «والي» is a governor)
    hit = r.cues[i - 1] if i > 0 else None
    if first.is_word and len(word) > 3 and word.startswith(_LAM) and hit is not None and hit[0].kind == "prep":
        start += 1
    elif first.is_word and len(word) > 4 and word.startswith(lexicon.ordered("conjoined_articles")):
        start += 1  # «والجنرال مويو هو الذي أعلن»: the conjunction joins the sentence, the speaker starts after it
    while end > start and r.folded[end - 1] in " ،,(":
        end -= 1
    words = [t for t in r.words_between(start, end) if t.is_word]
    while words and adverbial(words[0].text):  # «نقلت بدورها …»: the adverbial is not the speaker
        words = words[1:]
        start = words[0].start if words else end
    if not words or function_word(words[0].text) or all(
        function_word(t.text) or listed("demonstratives", t.text) for t in words
    ):
        return None  # «مما يؤكد», «لم تعلن», «نفى فيها»: a particle or pronoun is no speaker
    if r.timed(r.index_at(words[0].start)):
        return None  # «واقترح 11 تشرين الثاني …»: a date, not a speaker
    if ".." in r.folded[start:end] or "…" in r.folded[start:end]:
        return None  # «بين المشتركين.. "الوزارة"»: an ellipsis parts two phrases of a headline
    if r.possessed_noun(words[0]) and not _possessed_source(words[0].text):
        return None  # «ولم يؤكد نسبها …»: a thing with its owner's pronoun (but «رئيسها», «متحدثها» speak)
    text = r.folded[start:end]
    if not any(ch.isalnum() for ch in text):
        return None
    return Who(start, end, source_kind(text))


def _possessed_source(word: str) -> bool:
    """«رئيسها», «متحدثها», «وزيره»: a source head with a possessive pronoun (its chair, its spokesman); «سموه»:
    an honorific that stands for a person."""
    if in_list("honorific_pronouns", word, exact=True):
        return True
    stem = next((word[:-len(s)] for s in lexicon.ordered("possessive_suffixes") if word.endswith(s)), word)
    return any(in_list(heads, stem) for heads in SOURCE_HEADS)


def simple_np(r: Reader, k: int, hi: int, tight: bool = False, tail: bool = True) -> Who | None:
    """A noun phrase by shape: a head word, then definite words, short quoted names, ل-genitives; with
    ``tail``, up to three plain words that end the clause («قال محافظ عدن نايف البكري.»)."""
    toks = r.toks
    first_k = k
    while k < hi and (toks[k].text in COMMAS or toks[k].text in lexicon.words("ma_particles") or (
        (hit := r.cues[k]) is not None and hit[0].kind == "prep"
    )):
        k += 1
    if k >= hi:
        r.examined += k - first_k
        return None
    first = toks[k]
    if first.start in r.regions and r.region_words(first.start) <= 3:
        last_j = r.index_at(r.regions[first.start])
    elif first.is_word and not is_complementizer(first.text) and first.text not in _PREPOSITIONS and not in_list(
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
        r.examined += k - first_k + 1
        return None
    j = last_j + 1
    while j < hi:
        t = toks[j]
        text = t.text
        if t.start in r.regions and r.region_words(t.start) <= 3:
            if quoted_adverbial(r, j):
                break  # «رونالدو "بشكل قاطع"»
            last_j = r.index_at(r.regions[t.start])
            j = last_j + 1
            continue
        if t.start in r.person_spans and r.index_at(r.person_spans[t.start]) - 1 < hi:
            last_j = r.index_at(r.person_spans[t.start]) - 1  # «الرئيس المصري عبد الفتاح السيسي»
            j = last_j + 1
            continue
        if text == "(" and j + 2 < hi and toks[j + 2].text == ")":
            last_j = j + 2
            j += 3
            continue
        if not t.is_word or is_complementizer(text) or is_time(text) or r.cues[j] or listed("relative_pronouns", text) or (
            r.timed(j) or in_list("date_words", text, exact=True) and j + 1 < hi and listed(
                "relative_time_adjectives", toks[j + 1].text)
        ):
            break  # «سالفيني الذي يشغل …», «مجلة X الألمانية الأسبوع الماضي»: a relative clause or a time
        prev = toks[last_j].text
        if in_list("media_heads", prev) and (n := media_name_length(r, j, hi)):
            last_j = j + n - 1  # «وكالة فرانس برس», «وكالة رويترز»: the outlet's name after its head noun
            j = last_j + 1
            continue
        if j == last_j + 1 and last_j == k and text in r.surnames and any(
            in_list(name, prev) for name in ("media_heads", "organization_heads")
        ):
            last_j = j  # «وكالة فيتش»: a name the article uses as a subject («وقالت فيتش إن») after its head noun
            j += 1
            continue
        if in_list("document_heads", toks[k].text) and (
            text.startswith(lexicon.ordered("issuing_prefixes")) or text in lexicon.words("issued_adjectives")
        ):
            last_j = j
            j += 1
            continue
        if text in lexicon.words("role_place_prepositions") and j + 1 < hi and (
            place_end := r.place_spans.get(toks[j + 1].start)
        ) is not None and any(role_or_title(toks[m].text) for m in range(k, last_j + 1)):
            after = r.index_at(place_end)
            run = None
            if after < hi and not toks[after].text.startswith(lexicon.ordered("audience_prefixes")):
                run = name_run(r, after, hi)
                if run is None and tail:
                    run = short_tail(r, after, hi)
            if run is not None:
                last_j = run  # «الناطق باسم وزارة الصحة في غزة أشرف القدرة»: the office's seat, then its holder
            break
        object_head = role_object(r, prev, t)
        nominal = (
            text.startswith(_DEFINITE)
            or (text.startswith(_LAM) and j + 1 < hi and (toks[j + 1].text.startswith(_ARTICLE) or (
                toks[j + 1].start in r.entity_starts and in_list("organization_heads", text[1:])
            )))  # «للأمم المتحدة», «لحكومة دبي»
            or (in_list("person_roles", prev) and text in lexicon.words("spoken_for_words"))  # «المتحدث باسم»
            or (in_list("person_roles", prev) and not text.startswith(lexicon.ordered("role_complement_prefixes"))
                and not r.is_ala(t) and text not in lexicon.words("channel_prepositions") and not object_head
                and not r.possessed_noun(t))  # «الوزير رفضه»: a verb with its object pronoun, not a name
            or text[:1].isupper()
            or text in r.speaker_words
            or (not prev.startswith(_DEFINITE) and len(text) > 3 and text.endswith(_NISBA))  # «مصادر أمنية عراقية»
            or in_list("source_adjectives", text, exact=True)  # «مصادر مطلعة»
            or text in _EMPHATICS  # «حسب المعطيات ذاتها»
            or text[:1] in _COORDINATING and in_list("organization_heads", text[1:], exact=True)  # «الفاو وبرنامج …»
            or (not prev.startswith(_DEFINITE) and in_list("organization_heads", text, exact=True))
        )
        if tight and nominal and (j - k >= 2 or prev.startswith(_ARTICLE)) and text.startswith(_ARTICLE) and not (
            definite_adjective(text) or role_or_title(text) or r.same_entity(toks[j - 1].start, t.end)
        ):
            break  # «رئيس الوزراء الوفد …», «الرئيس الوفد»: a second definite noun is the object
        if not nominal and any(role_or_title(toks[m].text) for m in range(k, last_j + 1)) and (
            run := name_run(r, j, hi)
        ) is not None:
            last_j = run  # the name closes the phrase: «وزير المالية جورج خوري الحكومة ستدفع …»
            break
        if not nominal:
            if tail and not object_head and (end := short_tail(r, j, hi)) and not r.closed_subject(list(range(k, last_j + 1))):
                last_j = end
            break
        last_j = j
        j += 1
    r.examined += j - first_k
    return who(r, first, toks[last_j])


def role_object(r: Reader, role: str, t: Word) -> bool:
    """Whether word ``t`` right after a ``role`` word is the verb's object, not the role's name or complement:
    an indefinite verbal noun the entities stage does not know after a definite role, which takes no
    genitive («اقترح الرئيس تنظيم استفتاء»; but «الرئيس ترامب», «وزير الاقتصاد», «رئيس تحرير»)."""
    return role.startswith(_DEFINITE) and in_list("person_roles", role) and not t.text.startswith(_DEFINITE) and (
        r.verbal_noun(t) and t.start not in r.entity_starts and t.text not in r.person_names)


def definite_adjective(text: str) -> bool:
    """A definite word that can be an adjective after a definite noun: a nisba («الإيطالي»), a listed adjective
    («العام», «العليا») or a participle («المتحدة», «المسلحة»)."""
    stem = text[2:] if text.startswith(_ARTICLE) else text
    return text.endswith(_NISBA) or text in lexicon.words("definite_adjectives") or text.startswith(
        lexicon.ordered("participle_adjective_prefixes")
    ) or len(stem) >= 4 and stem[1] == "ا" and stem[0] != "ا" or (  # فاعل: «المانحة», «العامل», «التابعة»
        len(stem) == 4 and stem[0] == "ا" and not stem.endswith("ة")  # أفعل: «الأكبر», «الأعظم»
    ) or len(stem) >= 5 and stem[0] == "م" and not any(  # مفعول: «المعروف», «المسؤول» (not «المعبر», «المجلس»)
        in_list(name, text) for name in SOURCE_HEADS
    )


def quoted_adverbial(r: Reader, j: int) -> bool:
    """A short quotation at word ``j`` that opens with a ب-word after a word that is no head noun of a source: an
    adverbial («ونفى رونالدو "بشكل قاطع"»), not a quoted name («موقع "بوابة الأهرام"»)."""
    toks = r.toks
    first = toks[j + 1].text if j + 1 < len(toks) else ""
    return j > 0 and first[:1] in lexicon.words("ba_prepositions") and len(first) > 3 and not any(
        in_list(name, toks[j - 1].text) for name in SOURCE_HEADS if name not in ("person_roles", "person_titles")
    )  # (a person's role takes no quoted name: «ونفى المدرب "بشكل قاطع"»)


def media_name_length(r: Reader, j: int, hi: int) -> int:
    """How many words of a known outlet name («رويترز», «فرانس برس») start at word ``j`` (0 for none)."""
    for n in (3, 2, 1):
        if j + n <= hi and all(r.toks[m].is_word for m in range(j, j + n)) and in_list(
            "media_names", " ".join(r.toks[m].text for m in range(j, j + n)), exact=True
        ):
            return n
    return 0


def name_run(r: Reader, j: int, hi: int) -> int | None:
    """Index of the last word of an unmarked name after a role («وليد حمدان» in «وزير الطاقة وليد حمدان
    إطلاق …»): up to three plain words ending with a family name the article uses as a subject."""
    for m in range(j, min(hi, j + 3)):
        t = r.toks[m]
        if not t.is_word or r.cues[m] or is_complementizer(t.text) or t.text in _PREPOSITIONS:
            return None
        if t.text in r.surnames:
            return m
    return None


def short_tail(r: Reader, j: int, hi: int) -> int | None:
    """Index of the last word when at most three plain words run to the clause end («محافظ عدن نايف البكري.»)."""
    m = j
    while m < hi and r.toks[m].is_word and m - j < 4:
        text = r.toks[m].text
        if r.cues[m] or is_complementizer(text) or text in _PREPOSITIONS or is_time(text) or in_list(
            "speech_nouns", text, exact=True
        ):
            return None  # «وختمت حداد حديثها قائلة»: the speech noun is the object, not the name
        m += 1
    if m - j < 4 and (m >= hi or r.toks[m].text in (".", "!", "؟")):
        return m - 1
    return None


def left_np(r: Reader, k: int, lo: int) -> tuple[Who | None, int | None]:
    """The subject before the verb at ``k`` («ولكن العفو الدولية تقول», «وكان أمير الكويت، الشيخ …، أعلن»)
    and the index of its first word; read once per verb (several constructions ask)."""
    if (k, lo) not in r.subjects:
        r.subjects[k, lo] = _left_np(r, k, lo)
    return r.subjects[k, lo]


def joined_dash(r: Reader, m: int) -> bool:
    """A dash at word ``m`` written against the words on both sides («Cairo-based», «al-Suwailem»): part of one
    word, no dateline's or aside's dash."""
    toks = r.toks
    return toks[m].text in _DASHES and 0 < m < len(toks) - 1 and toks[m - 1].end == toks[m].start and (
        toks[m].end == toks[m + 1].start)


def _english_verb_like(r: Reader, m: int) -> bool:
    """An English word that can be the verb after a subject: a cue, a listed clause verb or a past in -ed."""
    text = r.toks[m].text
    return r.cues[m] is not None or text.endswith("ed") or text in lexicon.words("english_clause_verbs")


def _abbreviation_dot(r: Reader, m: int, lo: int) -> bool:
    """A dot right after a single capital letter, inside an abbreviation («U.S.»), which ends no sentence."""
    toks = r.toks
    return toks[m].text == "." and m > lo and len(toks[m - 1].text) == 1 and toks[m - 1].text.isupper() and (
        toks[m - 1].end == toks[m].start)


def _name_particle(r: Reader, j: int) -> bool:
    """«al-Suwailem», «bin Salman»: a lower-case Arabic name particle before a capitalised name."""
    toks = r.toks
    if toks[j].text.casefold() not in lexicon.words("english_name_particles") or j + 1 >= len(toks):
        return False
    nxt = toks[j + 2] if toks[j + 1].text in _DASHES and j + 2 < len(toks) else toks[j + 1]
    return nxt.text[:1].isupper()


def _english_auxiliary(word: str) -> bool:
    """An auxiliary or adverb between an English subject and its verb («has», «also», «repeatedly»)."""
    return word.casefold() in lexicon.words("english_auxiliaries") or word.islower() and word.endswith("ly")


def without_auxiliaries(r: Reader, who: Who) -> Who | None:
    """An English subject without the auxiliaries and adverbs read into its end («The IMF has repeatedly»)."""
    words = r.words_between(who.start, who.end)
    while words and _english_auxiliary(words[-1].text):
        words.pop()
    if not words:
        return None
    return who if words[-1].end == who.end else Who(who.start, words[-1].end, who.kind)


def left_subject_now(r: Reader, k: int, lo: int) -> tuple[Who | None, int | None]:
    """The subject before the verb at ``k`` as the text stands now, without remembering it."""
    return _left_np(r, k, lo)


def _english_subject(r: Reader, k: int, lo: int) -> tuple[Who | None, int | None] | None:
    """The subject of an English reporting verb that follows it in its sentence: everything from the sentence
    start is the subject when no clause verb stands outside a relative clause, and the speaker is its head,
    up to the first comma or relative pronoun («A municipal official in Bar Elias who asked not to be named
    claimed that …», «Ashraf Ragab, head of the Importers' Association, warned that …»).  None when the words
    before the verb are not such a subject (the general reading then tries)."""
    toks = r.toks
    j = lo
    while j < k and (toks[j].text.casefold() in lexicon.words("english_sentence_openers") or toks[j].text in COMMAS):
        j += 1
    if j < k and toks[j].text.casefold() in lexicon.words("english_place_openers"):
        comma = next((m for m in range(j + 1, min(k, j + 5)) if toks[m].text in COMMAS), None)
        if comma is not None and all(toks[m].text[:1].isupper() for m in range(j + 1, comma)):
            j = comma + 1  # «In Benghazi, Osama Bukhatwa, a spokesman …, said»: the place before the subject
    while k - 1 > j and toks[k - 1].is_word and _english_auxiliary(toks[k - 1].text):
        k -= 1  # «The IMF, which approved a loan, has repeatedly called for …»: the subject ends before «has»
    if j >= k or not toks[j].text.isascii() or not (toks[j].text[:1].isupper() or _name_particle(r, j)) or k - j > 60:
        return None
    head_end: int | None = None
    relative = False
    words = 0
    m = j
    while m < k:
        t = toks[m]
        if t.start in r.regions:  # a short quoted name inside the subject, or any title in its relative clause
            opened = t.start  # («Hanan Saab, a professor whose book "Thirst: Water and Power" was published, said»)
            if r.region_words(opened) > 3 and not relative:
                return None
            m = r.index_at(r.regions[opened]) + 1
            continue
        if _abbreviation_dot(r, m, j):
            m += 1  # «The U.S. and British embassies»: the dot of an abbreviation
            continue
        if t.text in (".", ":", ";", "!", "?", "؟") or t.text in _DASHES and not (
            m > j and m + 1 < k and joined_dash(r, m)
        ):  # but «Cairo-based» is one word
            return None
        if t.text in COMMAS:
            head_end = m if head_end is None else head_end
            relative = False
        elif t.is_word and t.text.casefold() in lexicon.words("english_relatives"):
            head_end = m if head_end is None else head_end
            relative = True
        elif t.is_word and not relative and (
            r.cues[m] or t.text.casefold() in lexicon.words("english_clause_verbs") or is_complementizer(t.text)
        ):
            return None
        words += t.is_word
        m += 1
    commas = [m for m in range(j, k) if toks[m].text in COMMAS]
    if commas and commas[-1] != k - 1:
        return None  # «Talks failed, officials who asked not to be named said»: the clause before its subject
    if head_end is not None and toks[head_end].text in COMMAS:
        name_end = head_end + 1
        while name_end < k and toks[name_end].is_word and (toks[name_end].text[:1].isupper() or (
            toks[name_end].text.casefold() in lexicon.words("english_name_links")
        )):
            name_end += 1
        if name_end > head_end + 1 and name_end < k and toks[name_end].text in COMMAS and all(
            toks[m].text in COMMAS for m in range(name_end, k)
        ):  # «Her neighbor, Hossam Eldin Badr, told …»: the name in apposition is the speaker's
            head_end = name_end
    last = (head_end if head_end is not None else k) - 1
    while last > j and not toks[last].is_word:
        last -= 1
    if words == 0 or last < j or is_time(toks[j].text):
        return None
    last = _before_english_time(r, j, last)  # «The ministry in Amman on Sunday said»: the time is no name
    mention = who(r, toks[j], toks[last])
    return (mention, j) if mention is not None else None


def _left_np(r: Reader, k: int, lo: int) -> tuple[Who | None, int | None]:
    toks = r.toks
    if toks[k].text.isascii() and (english := _english_subject(r, k, lo)) is not None:
        return english
    if toks[k].text.isascii() and (rel := next((m for m in range(k - 1, max(lo, k - 4) - 1, -1)
                                                if toks[m].text.casefold() in lexicon.words("english_subject_relatives")),
                                               None)) is not None and (
        all(toks[m].is_word for m in range(rel, k)) and (head := english_subject(r, lo, rel)) is not None
    ):
        return head, lo  # «Mounir Haddad, the critic who last year described …»: the relative clause's antecedent
    j = k - 1
    comma_before_verb = False
    while j >= lo and (toks[j].text in _VERBAL_PARTICLES or toks[j].text in COMMAS and not comma_before_verb or (
        toks[j].text in lexicon.words("negations")  # «المسؤول لم يستبعد»: the negation is not the subject
    )):
        comma_before_verb = comma_before_verb or toks[j].text in COMMAS
        j -= 1
    if j > lo and toks[j].text in _KANA and toks[j + 1].text in _VERBAL_PARTICLES and toks[j - 1].is_word:
        # «يذكر أن الحزب الحاكم في الصين كان قد أعلن»: the subject stands before «كان قد», after the إن/أن
        c = next((m for m in range(j - 1, max(lo - 1, j - 10), -1) if is_complementizer(toks[m].text)
                  or toks[m].text in COMMAS), None)
        if c is not None and is_complementizer(toks[c].text) and c + 1 < j:
            mention = simple_np(r, c + 1, j, tail=False)
            rest = toks[r.index_at(mention.end):j] if mention is not None else []
            if mention is not None and r.sourcelike(mention) and (not rest or (
                rest[0].text in _PREPOSITIONS or rest[0].text in lexicon.words("channel_prepositions")
            ) and all(
                t.is_word and not r.cues[r.index_at(t.start)] for t in rest
            )):  # (with its place: «الحزب الحاكم في الصين»)
                return Who(mention.start, toks[j - 1].end, mention.kind), c + 1
        j -= 1
    if j >= lo and toks[j].text in _DASHES:
        return None, None  # «… - أعلن»: a dash right before the verb ends a dateline or byline, never a subject
    if j >= lo and listed("relative_pronouns", toks[j].text):
        return None, None  # «صحيفة …، التي قالت»: the subject is the antecedent (``antecedent``), not this phrase
    if j >= lo and listed("auxiliary_verbs", toks[j].text):
        return None, None  # «ومضى يقول»: the auxiliary's subject, zero here, is the verb's
    apposition = False
    if comma_before_verb:
        j, apposition = _skip_aside(r, j, lo)  # «فوزير الخارجية، في حديث لقناة محلية، قال»: the aside is not the subject
    last = j
    first: int | None = None
    nearest: int | None = None  # first word after the nearest comma
    count = marks = 0
    reason = "start"
    while j >= lo:
        t = toks[j]
        if t.text in COMMAS:
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
            if j > lo and listed("relative_pronouns", toks[j - 1].text):
                return None, None  # «الأزمة التي كان الوزير طرفا فيها، أكد …»: a relative clause, not the subject
            break
        if t.text in lexicon.words("topic_particles"):
            reason = "kana"  # «أما وزير الخارجية، فقال …»: the topic speaks
            break
        if listed("auxiliary_verbs", t.text):
            reason = "kana"  # «ومضى الوزير يقول»: the subject between the auxiliary and the verb
            break
        if (t.text in _PREPOSITIONS or t.text in _FRONTED) and first is not None and (
            kana := _kana_before(r, j, lo, 12 - count)
        ) is not None and kana + 1 < j:
            first, reason = kana + 1, "kana"  # «وكان أفضل لاعب في العالم قد نفى»: كان bounds the subject
            break
        if t.text in _FRONTED:
            return None, None  # «وفي طهران نقلت …»: a fronted adverbial, not a subject
        coordinated = t.text in _COORDINATING and j > lo and toks[j - 1].start in r.closers and (
            toks[j + 1].start in r.regions) or t.text.isascii() and t.text in lexicon.words("english_name_links") and (
            j > lo and toks[j - 1].text[:1].isupper() and toks[j + 1].text[:1].isupper()
        )  # «Officials in Rome and Paris said»: coordinated names inside one subject
        if not coordinated and (t.text in _BOUNDARIES or t.text in (".", ":", "!", "؟") or t.text in ("-", "–") and (
            j > lo and toks[j - 1].text in ("-", "–")
        )):  # but «"فيلق الرحمن" و"جيش الاسلام"» is one subject
            reason = "boundary"
            break
        if t.start in r.closers:
            opened = r.closers[t.start]
            if r.region_words(opened) > 10:
                return None, None
            j = r.index_at(opened)
            first = j
            j -= 1
            count += 1
            continue
        if not t.is_word and t.text not in ("(", ")", "-", "–", "'", "’"):
            return None, None
        if t.is_word and (r.cues[j] or is_complementizer(t.text) or t.text in _PREPOSITIONS and not (
            t.text.isascii() and any(toks[m].text in lexicon.words("english_relatives") for m in range(max(lo, j - 4), j))
        )):  # «officials who asked not to be named told …»: a relative clause inside the English subject
            return None, None
        if t.is_word and t.text[:1] in _CONJUNCTIONS and t.text[1:] in _KANA:
            reason = "kana"
            break
        first = j
        count += t.is_word
        marks += not t.is_word
        if count > 12 or marks > MAX_MARKS:
            return None, None
        if t.text[:1] in _CONJUNCTIONS and t.text[1:3] in _ARTICLE:
            reason = "conj"
            break
        j -= 1
    r.examined += k - j
    if first is None or last < lo:
        return None, None
    if first > lo and toks[first - 1].text in lexicon.words("relative_ma"):
        return None, None  # «ما توصل إليه يقول»: a relative clause, not the subject of the verb after it
    if is_time(toks[first].text) or r.timed(first) or toks[first].text[:1] in _CONJUNCTIONS and in_list(
        "date_words", toks[first].text[1:], exact=True
    ):
        return None, None  # «ومساء الثلاثاء قال …», «وأمس، أعلن …», «ويوم الخميس دعا …»: a fronted time
    if reason == "start" and count >= 3 and _joined_verb(r, first):
        return None, None  # «واستقبل الرئيس الوفد وطالب …»: a clause of its own verb, not a subject
    if toks[first].start in r.regions and r.region_words(toks[first].start) > 3:
        return None, None  # «"…"، يقول أحد السكان»: the quotation, not its speaker
    if toks[k].text.endswith(lexicon.ordered("object_pronoun_suffixes")) and any(
        toks[m].text in lexicon.words("antecedent_pronouns") for m in range(first, last + 1)
    ):
        return None, None  # «وهي جماعة اعتبرها الاتحاد …»: the antecedent of the object pronoun, not the subject
    if comma_before_verb and not apposition and reason not in ("kana", "start"):
        return None, None
    if nearest is not None and reason == "boundary":
        first = nearest
    if sum(toks[m].is_word for m in range(first, last + 1)) > 8 and reason != "kana":
        return None, None
    if toks[first].text.isascii():
        last = _before_english_time(r, first, last)  # «The ministry in Rabat on Sunday said»: the time is no name
    mention = who(r, toks[first], toks[last])
    if mention is not None and r.folded[mention.start] in _CONJUNCTIONS and (
        r.folded[mention.start + 1:mention.start + 3] in _ARTICLE or _joined_head(toks[first].text)
    ):
        mention.start += 1  # «والوزارة …», «فوزير الخارجية، …، قال»: the conjunction is not the name
        mention.kind = source_kind(r.folded[mention.start:mention.end])
    return mention, first


def _before_english_time(r: Reader, first: int, last: int) -> int:
    """The last word of an English subject before a trailing time («on Sunday», «late Tuesday», «yesterday»)."""
    toks = r.toks
    m = last
    while m > first and is_time(toks[m].text):
        m -= 1
        if m > first and toks[m].text.casefold() in lexicon.words("english_time_openers"):
            m -= 1
    r.examined += last - m
    return m


def _joined_verb(r: Reader, m: int) -> bool:
    """Whether word ``m`` is a verb joined to و/ف that opens its clause («واستقبل», «وواصل»): no article, no head
    noun of a source, no entity or known speaker, no quotation."""
    t = r.toks[m]
    word = t.text
    if not t.is_word or len(word) < 4 or word[:1] not in _CONJUNCTIONS or word[1:3] in _ARTICLE or (
        t.start in r.entity_starts or t.start in r.regions or word[1:] in r.speaker_words
    ):
        return False
    return not any(in_list(name, word) or in_list(name, word[1:]) for name in SOURCE_HEADS)


def _joined_head(word: str) -> bool:
    """«فوزير», «ووكالة»: a conjunction joined to a head noun of a source (but «وزارة» is one word)."""
    return len(word) > 3 and word[:1] in _CONJUNCTIONS and not any(
        in_list(name, word, exact=True) for name in SOURCE_HEADS
    ) and any(in_list(name, word[1:], exact=True) for name in SOURCE_HEADS)


def _skip_aside(r: Reader, j: int, lo: int) -> tuple[int, bool]:
    """Where to read a subject back from when a comma stands before the verb at ``j + 1``: before an aside
    between commas («، في حديث لقناة محلية،», «، أمس،», «، الذي كان يتحدث في البيت الأبيض،») that opens with a
    preposition, a time or a relative pronoun, or that follows a person's name («، نجم تشيلسي السابق،»); else
    ``j`` itself.  And whether the aside was such a description in apposition."""
    toks = r.toks
    m = j
    while m >= lo and j - m < 14 and toks[m].text not in COMMAS:
        t = toks[m]
        if t.text in (".", ":", "!", "؟") or t.start in r.closers or r.cues[m] or is_complementizer(t.text):
            r.examined += j - m
            return j, False
        m -= 1
    r.examined += j - m
    if m < lo or toks[m].text not in COMMAS or m + 1 > j:
        return j, False
    opener = toks[m + 1].text
    if opener in _FRONTED or opener in _PREPOSITIONS or opener in lexicon.words("channel_prepositions") or is_time(
        opener
    ) or listed("relative_pronouns", opener) or r.cues[m + 1] is not None and r.cues[m + 1][0].kind == "prep":
        return m - 1, False
    if m > lo and toks[m - 1].end in r.entity_ends:
        return m - 1, True  # «فرانك لامبارد، نجم تشيلسي السابق، قال»: a description in apposition to a person's name
    return j, False


def _kana_before(r: Reader, j: int, lo: int, window: int) -> int | None:
    """Index of a form of كان at most ``window`` words before word ``j``, with only plain words between (no mark,
    cue or complementizer), or None: the subject it opens may hold a preposition («وكان أفضل لاعب في العالم»)."""
    toks = r.toks
    m = j - 1
    words = 0
    while m >= lo and words <= window:
        t = toks[m]
        if t.text in _KANA or t.text[:1] in _CONJUNCTIONS and t.text[1:] in _KANA:
            r.examined += j - m
            return m
        if t.start in r.closers and r.region_words(r.closers[t.start]) <= 3:
            m = r.index_at(r.closers[t.start]) - 1  # «وكان تنظيم "ولاية سيناء"، المنتمي إلى …، قد أعلن»
            words += 1
            continue
        if not (t.is_word or t.text in COMMAS) or r.cues[m] or is_complementizer(t.text) or t.text in _BOUNDARIES:
            break
        words += t.is_word
        m -= 1
    r.examined += j - m
    return None


def relative_before(r: Reader, k: int, lo: int) -> int | None:
    """Index of a relative pronoun right before the verb at ``k`` («التي قالت», «الذي لم يعلن»), or None."""
    j = k - 1
    while j >= lo and (r.toks[j].text in _VERBAL_PARTICLES or listed("negations", r.toks[j].text)):
        j -= 1
    return j if j >= lo and listed("relative_pronouns", r.toks[j].text) else None


def antecedent(r: Reader, rel: int, lo: int) -> Who | None:
    """The noun phrase a relative pronoun at ``rel`` refers to, when it can speak: «صحيفة "ديلي ميل" البريطانية»
    of «… من صحيفة "ديلي ميل" البريطانية، التي قالت». The longest phrase ending right before the pronoun
    (or its comma) whose head is a source word or an entity; None for «الادعاء الذي يزعم»."""
    toks = r.toks
    end_j = rel - 1
    if end_j >= lo and toks[end_j].text in COMMAS:
        end_j -= 1
    if end_j > lo and toks[end_j].text in lexicon.words("cleft_pronouns"):
        end_j -= 1  # «الجنرال مويو هو الذي أعلن»: the pronoun of a cleft sentence points to the phrase before it
    if end_j < lo:
        return None
    for s in range(max(lo, end_j - 8), end_j + 1):
        t = toks[s]
        if t.start in r.regions:
            head = r.words_between(t.start + 1, r.regions[t.start])
            head_word = head[0].text if head else ""
        elif t.is_word and not r.inside_quote(t.start):
            head_word = t.text
        else:
            continue
        if not (t.start in r.entity_starts or head_word in r.speaker_words or any(
            in_list(name, head_word) for name in SOURCE_HEADS
        )):
            continue
        for tail in (False, True):
            mention = simple_np(r, s, end_j + 1, tail=tail)
            if mention is not None and mention.start >= t.start and mention.end == toks[end_j].end:
                return mention
    return None


def opened_subject(r: Reader, lo: int, k: int) -> Who | None:
    """The subject of the clause a contrast opener starts just before the participle at ``k``: «وكان الحكم قد صدر
    …، لكن القاضي أرجأه قائلا إنه …» → القاضي (before its verb), «بينما رد النائب قائلا» → النائب (after it)."""
    toks = r.toks
    for b in range(k - 2, max(lo, k - 6) - 1, -1):
        if toks[b].text in COMMAS or r.cues[b]:
            return None  # another clause or report comes between
        if toks[b].text in lexicon.words("contrast_openers"):
            mention = simple_np(r, b + 1, k, tight=True, tail=False)
            if mention is not None and mention.end < toks[k - 1].start:
                return mention  # «لكن القاضي أرجأه قائلا»: the subject, then its verb
            head = toks[b + 2] if b + 2 < k else None
            if head is not None and not toks[b + 1].text.startswith(_DEFINITE) and (
                head.text.startswith(_DEFINITE) or head.start in r.entity_starts
            ):  # «بينما رد النائب قائلا»: the verb, then its subject
                return simple_np(r, b + 2, k, tight=True, tail=False)
            return None
    return None


def sentence_topic(r: Reader, subject: Who | None) -> Who | None:
    """The person a sentence opens with as ``subject`` of its first verb («ورفض النائب سامي حداد القرار»), named by
    a role or as a person the entities stage knows; None for a thing or an institution."""
    if subject is None or subject.kind != "person":
        return None
    head = r.toks[r.index_at(subject.start)]
    if head.start in r.person_spans:  # «وربط أردوغان الأزمة …»: the name, not the name and the object
        return Who(head.start, r.person_spans[head.start], "person")
    return subject if role_or_title(head.text) else None


def clause_subject(r: Reader, lo: int, k: int) -> Who | None:
    """Subject of a sentence-initial verb that is not a cue («شكلت رئاسة المحكمة هيئة …، مشيرة إلى»)."""
    toks = r.toks
    j = lo
    comma = next((m for m in range(lo, min(k, lo + 4)) if toks[m].text in COMMAS), None)
    if comma is not None:  # «إلى ذلك،», «من جهته،»
        j = comma + 1
    if j + 1 >= k:
        return None
    verb, head = toks[j].text, toks[j + 1].text
    if not toks[j].is_word or verb.startswith(lexicon.ordered("article_or_wa_article")) or verb in _PREPOSITIONS or (
        verb in lexicon.words("channel_prepositions") or verb in _FRONTED
    ):
        return None  # «وعلى الرغم من …، مشيرا»: no verb, no subject
    if any(in_list(name, verb) for name in ("organization_heads", "person_roles", "anonymous_heads", "states")):
        return None
    if in_list("speech_nouns", head, exact=True):
        return None  # «واختتم حديثه قائلا»: no subject here, the speaker is the last one
    if not (head.startswith(_ARTICLE) or in_list("organization_heads", head) or in_list("person_roles", head)
            or in_list("anonymous_heads", head)
            or toks[j + 1].start in r.entity_starts or head in r.speaker_words or is_speech_verb(verb)):
        return None
    mention = simple_np(r, j + 1, k, tight=True)
    return mention if mention is not None and mention.end <= toks[k].start else None


def implicit_author(r: Reader, lo: int, k: int) -> Who | None:
    """Who made the statement or document that «فيها/فيه» after the verb at ``k`` points to («تصريحات أدلى بها
    أردوغان …، قال فيها إنه …», «وتقدمت مايورغا … بدعوى تطالب فيها بتعويض …»): the person named last before the
    verb in the sentence, else the subject right after the إن/أن of the clause («ذكرت الصحيفة أن سالفيني وجه رسالة
    قال فيها …»), else the subject of the sentence's first verb («أصدرت الوزارة بيانا قالت فيه إن …»)."""
    first, verb = r.toks[lo].start, r.toks[k].start
    person = r.person_before(verb)
    if person is not None and person.start >= first:
        return person
    for j in range(k - 1, max(lo, k - 16) - 1, -1):
        if is_complementizer(r.toks[j].text) and not r.inside_quote(r.toks[j].start):
            r.examined += k - j  # «ذكرت الصحيفة أن سالفيني وجه رسالة قال فيها …»
            if r.toks[j].text.endswith(lexicon.ordered("singular_complementizer_endings")):
                return person  # «قالت المنظمة إنه اعتقل بعد تغريدة رحب فيها …»: «ـه» is the person named before
            return simple_np(r, j + 1, k, tight=True)
    r.examined += min(k - lo, 16)
    subject = clause_subject(r, lo, k)
    if subject is None:
        return None
    after = r.index_at(subject.end)
    # «أصدرت الوزارة بيانا قالت فيه …», «رفعت النقابة دعوى تتهم فيها …»: the subject made the document named right
    # after it; a document made or published by anyone else («نشرت مجلة تصريحات لمتحدث …، نفى فيها») is no sign
    word = r.toks[after].text if after < k else ""
    if (in_list("document_heads", word) or word.endswith(lexicon.ordered("accusative_endings")) and (
        in_list("document_heads", word[:-1])
    )):
        return subject
    return None


def sentence_subject(r: Reader, lo: int, k: int) -> Who | None:
    """The subject before the first verb of the sentence that starts at word ``lo`` (before word ``k``), for a
    zero-subject verb after «و» («"الأونروا" تنهي عقود … وتتحدث عن …»).  The sentence is read once, however
    many verbs ask."""
    scan = r.first_subjects.setdefault(lo, [lo + 1, None])  # the next word to look at, the (word, subject) found
    while scan[1] is None and scan[0] < k:
        m = scan[0]
        scan[0] += 1
        r.examined += 1
        t = r.toks[m]
        if t.is_word and t.text[:1] in lexicon.words("present_prefixes") and len(t.text) > 3:
            mention = left_np(r, m, lo)[0]
            if mention is not None:
                scan[1] = (m, mention)
    return scan[1][1] if scan[1] is not None and scan[1][0] < k else None


def english_subject(r: Reader, lo: int, k: int) -> Who | None:
    """The capitalised noun phrase that opens an English sentence («The International Monetary Fund»)."""
    toks = r.toks
    m = lo
    while m < k and (toks[m].text[:1].isupper() or toks[m].text in lexicon.words("english_name_links") or (
        _abbreviation_dot(r, m, lo)
    ) or _name_particle(r, m) or m > lo and m + 1 < k and joined_dash(r, m)):
        m += 1  # (with the dots of «U.S.» and the particle of «al-Suwailem»)
    head = m
    while m < k and m - head < 2 and toks[m].is_word and toks[m].text.islower() and not (
        _english_verb_like(r, m) or toks[m].text in lexicon.words("english_name_links")
    ):
        m += 1  # «The U.S. and British embassies welcomed …»: the head noun after its capitalised modifiers
    if m > head and (m >= k or not _english_verb_like(r, m)):
        m = head  # no verb right after: the lower-case words were not the subject's head
    r.examined += m - lo
    return who(r, toks[lo], toks[m - 1]) if m > lo else None


def english_relative_subject(r: Reader, k: int, lo: int) -> Who | None:
    """«A ministry spokesman, who spoke on condition of anonymity …, said …», «Officials, speaking on …,
    said …»: the noun phrase before a relative or participle clause set off by commas right before the verb."""
    toks = r.toks
    if k - 1 < lo or toks[k - 1].text not in COMMAS:
        return None
    for c in range(k - 2, max(lo, k - 30) - 1, -1):
        if toks[c].text in (".", "!", "?"):
            return None
        if toks[c].text in COMMAS:
            if c + 1 < k and (toks[c + 1].text in lexicon.words("english_relatives") or toks[c + 1].text.endswith(
                lexicon.ordered("english_participle_endings")
            ) or toks[c + 1].text.casefold() in lexicon.words("english_aside_openers")) and c - 1 >= lo:
                first = c - 1
                while first - 1 >= lo and toks[first - 1].is_word and c - first < 8:
                    first -= 1
                return who(r, toks[first], toks[c - 1])
            return None
    return None


def english_np(r: Reader, j: int, hi: int) -> Who | None:
    """An English noun phrase after «according to»: up to the comma, the clause end or a cue, ten words at most."""
    toks = r.toks
    end = j
    while end < hi and end - j < 10 and (toks[end].is_word or toks[end].text in ("'", "’", "-")) and not (
        r.cues[end] and toks[end].text not in lexicon.words("english_issued_words")
        or is_complementizer(toks[end].text)
    ):
        end += 1
    return who(r, toks[j], toks[end - 1]) if end > j else None


def extend_issued(r: Reader, mention: Who, hi: int, stop: int) -> tuple[Who, int]:
    """«تقرير صادر عن منظمة الصحة العالمية يوم الخميس 5 ديسمبر 2024،»: the attribution goes on over
    who issued or published the document and when.  Returns the mention (through the issuer) and the
    index where the attributed clause may start (after the dates when a comma closes them)."""
    toks = r.toks
    date_prepositions = lexicon.words("date_prepositions")
    issuer_prepositions = lexicon.words("issuer_prepositions")
    m = r.index_at(mention.end)
    end = mention.end
    after_issued = m > 0 and in_list("issued_words", toks[m - 1].text, exact=True)
    while m < hi and toks[m].start < stop:
        text = toks[m].text
        if in_list("issued_words", text, exact=True) or (
            text in lexicon.words("subject_relatives") and m + 1 < hi
            and in_list("issued_words", toks[m + 1].text, exact=True)
        ):
            after_issued, end, m = True, toks[m].end, m + 1
        elif after_issued and text in date_prepositions or r.date_token(m):
            m += 1
        elif after_issued and (text in issuer_prepositions or toks[m].is_word and text not in _PREPOSITIONS and in_list(
            "issued_words", toks[m - 1].text, exact=True
        )):
            issuer = simple_np(r, m + 1 if text in issuer_prepositions else m, hi)
            if issuer is None or issuer.end > toks[min(hi, m + 12) - 1].end:
                break
            after_issued, end, m = False, issuer.end, r.index_at(issuer.end)
        else:
            break
    first = r.index_at(mention.start)
    last = r.index_at(end) - 1
    while last > first and (r.date_token(last) or toks[last].text in date_prepositions or in_list(
        "issued_words", toks[last].text, exact=True
    )):
        last -= 1  # «بيان الجيش الصادر في 3 مارس»: the date (and a bare «الصادر») is not the source
    end = toks[last].end
    if m >= hi or toks[m].text not in COMMAS:
        m = r.index_at(end)
    return (mention if end == mention.end else Who(mention.start, end, mention.kind)), m
