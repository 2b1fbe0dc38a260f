"""Named entities (PER/ORG/LOC) with knowledge-base links: the ``entities`` pipeline stage.

Arabic: the ANERcorp CRF (:mod:`isnad.ner.tagger`) tags each sentence; spans are cut to exclude a
leading proclitic (و ف ب ل ك, peeled one letter at a time and only when the rest is a known form —
gazetteer, trigger word, a word standing alone in the document — and the whole word is not itself
a curated name or head noun, so «ولاية», «وكالة», «فاس» and «وهران» keep their first letter) and
surrounding quote marks.  Spans are then cleaned with a few general rules (word lists in
``lexicons/ner_rules_ar.json``): titles and common words are trimmed off person names and a
family name with ال the model stopped before is added; a generic descriptor before a known name is
dropped («وكالة رويترز» → «رويترز»), and a name after a media descriptor is an ORG; a name ends at a
clitic-bearing cue («… لوكالة بلومبيرغ»).  Head nouns build the names the model cuts short: an ORG
head with its genitive/adjective chain (definite words, لـ/للـ-phrases, construct nouns, و + a
definite word: «مركز الملك سلمان للإغاثة والأعمال الإنسانية», «المكتب الإعلامي لرئاسة مجلس الوزراء»,
«مصرف لبنان»), and places after a place head («ناحية هبهب», «سهل سايس», «مطار الملك خالد الدولي»).
Pieces of a longer name that never stand alone are dropped («سلمان» in «مركز الملك سلمان»).
Knowledge-base alias matches (``kb.find_mentions``) are cleaned the same way and merged in as
high-precision mentions (they win over an overlapping shorter CRF span, and are kept when nested
inside a longer ORG, which the gold convention keeps too).

English: a lighter, rule-based recogniser over runs of capitalised tokens (joined by «of/the/al/bin
…»): the knowledge base labels a run it knows; otherwise organisation and place head words
(Ministry, Agency … / City, Province …), a preceding place preposition (in, at, from) or a personal
title decide; nationality adjectives and sentence-initial function words are dropped.

The gold convention excludes MISC and nationality adjectives (السعودي، الإيرانية), so neither is
emitted.  Linking: an unambiguous KB alias match keeps its record; every other mention goes
through ``kb.link`` with the publication date and the ids of the other unambiguous mentions as context; within a document a short person form (الأسد) joins
the long form it is part of (بشار الأسد) and takes its entity id and name; short forms that the
model missed are added after the first long mention.  Ambiguous or unknown → entity/name null.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from isnad import lang
from isnad.components.attribution import in_list
from isnad.core.doc import Doc
from isnad.core.registry import stage
from isnad.core.resources import resource
from isnad.kb import KnowledgeBase, Record
from isnad.model import Entity
from isnad.ner.features import candidates, context_words, core, triggers
from isnad.ner.tagger import Tagger, TokenSpan, default_tagger
from isnad.ner.tagger import gazetteer as lexicon_or_kb_gazetteer
from isnad.text.normalize import key
from isnad.text.tokens import Token, tokenize

_CONJ = "وف"
_PREP = "بلك"
_QUOTES = set("\"'«»“”„‘’‹›()[]{}<>-–—,.:;!?؟،؛")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_WORD_BEFORE = re.compile(r"(?<!\w)(\w+)\s$")  # the word right before a name (its compass point, its first part)
_WORD_AFTER = re.compile(r"\s(\w+)(?!\w)")  # the word right after a name
_BRACKETED = re.compile(r" ?\(([\u0621-\u064A]+(?: [\u0621-\u064A]+){0,2})\)")  # «(غافي)»: one to three Arabic words
_EMIT = ("PER", "ORG", "LOC")
_MAX_MENTION_CHARS = 300  # longer than any name: bounds the search for a mention's neighbours


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    record: Record | None = None  # KB record when the mention came from the knowledge base


@resource
def _en_lexicon() -> dict[str, set[str]]:
    return {k: set(v) for k, v in lang.lists("ner_en.json").items()}


# ---------------------------------------------------------------- Arabic


@resource
def _ar_rules() -> dict[str, frozenset[str]]:
    """The span rule lists of ``lang/ner_rules_ar.json`` as keys."""
    return {name: lang.words("ner_rules_ar.json", name) for name in lang.lists("ner_rules_ar.json")}


def _known(word_key: str, gazetteer: dict[str, str]) -> bool:
    return word_key in gazetteer or word_key in triggers()


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """Head nouns of the span rules (وكالة، ولاية، مصرف …): words that are never clitic + name."""
    rules = _ar_rules()
    compound = {head.split()[0] for head in rules["ORG_COMPOUND_HEADS"]}  # «لسلاح الجو» is ل + «سلاح»
    return frozenset(compound).union(*(rules[k] for k in ("ORG_HEADS", "LOC_HEADS", "LOC_HEADS_BOTH", "LOC_HEADS_BARE")))


@resource
def _place_heads() -> frozenset[str]:
    rules = _ar_rules()
    return rules["LOC_HEADS"] | rules["LOC_HEADS_BOTH"] | rules["LOC_HEADS_BARE"]


def _known_as_is(word_key: str) -> bool:
    """A whole word the curated lists know (lexicon gazetteer, KB alias, trigger or head noun).

    The model's training-entity list is left out on purpose: it holds clitic-bearing forms
    (ببغداد، بمصر) copied from the corpus, so it cannot veto a split.
    """
    return word_key in lexicon_or_kb_gazetteer() or word_key in triggers() or word_key in _heads()


def clitic_length(word: str, gazetteer: dict[str, str], doc_words: set[str] = frozenset(), tail: str = "") -> int:
    """How many leading characters of ``word`` are a proclitic to leave out of an entity span.

    Letters are peeled one at a time (a conjunction و/ف first, then a preposition ب/ل/ك), and a
    peel counts only when the rest is a known form (gazetteer, trigger word, a definite word with
    ال, or a word seen standing alone in the same document), keeps at least three letters, and the
    word before the peel is not itself a curated known form or head noun (ولاية، وكالة، فاس stay
    whole).  ``لل`` (لـ + ال) cannot be split without losing the alef, so it is kept.  ``tail``: the
    following words of a multi-word span («وصلاح» + «الدين»: the rest «صلاح الدين» is a known name).
    """
    best = 0
    n = 0
    while n < 2 and word[n:n + 1] in (_CONJ + _PREP if n == 0 else _PREP):
        here = word[n:]
        if _known_as_is(key(here)) or tail and _known_as_is(f"{key(here)} {tail}"):
            break
        rest = here[1:]
        rest_key = key(rest)
        if tail and len(rest_key) >= 2 and _known_as_is(f"{rest_key} {tail}"):
            best = n + 1  # «لجو بايدن»: a two-letter first name of a known full name
            n += 1
            continue
        if len(rest_key) < 3 or (here[0] == "ل" and rest.startswith("ل")):
            break
        if here[0] == "ك" and not rest_key.startswith("ال") and rest_key not in doc_words:
            break  # «كاندي» is a name, not «ك» + «اندي»: «as» rarely stands before a bare name
        if (rest_key.startswith("ال") and len(rest_key) > 3 or rest_key.startswith("لل") and len(rest_key) > 4
                or _known(rest_key, gazetteer) or rest_key in _heads() or rest_key in doc_words
                or tail and f"{rest_key} {tail}" in gazetteer):  # («بكلية سينيكا»: a head noun after the clitic)
            best = n + 1
        n += 1
    return best


def _listed_after_comma(previous: str, word: str) -> bool:
    """«…، وجوي بيهار»: a name after a comma that starts with و is و + the name, as Arabic lists
    join every item with و, unless the word is a first name that starts with و (وليد، وائل)."""
    return (previous in ("،", ",") and word[:1] == "و" and len(key(word[1:])) >= 3
            and key(word) not in _ar_rules()["WAW_NAMES"] and not _known_as_is(key(word)))


def _definite(word: str) -> bool:
    """Has the article ال (after any proclitic): «الي» and «وكالة» → «اله» are not definite words."""
    return any(c.startswith("ال") and len(c) > 3 for c in candidates(word))


def _nisba(word: str) -> bool:
    """An adjective of relation (السعودي، الإيرانية، روسية): ends in ي/ية and has no other ending."""
    w = candidates(word)[-1]
    w = w[:-1] if w.endswith("ه") else w
    return w.endswith("ي") and len(w) >= 4


def _prev_word(tokens: list[Token], i: int) -> Token | None:
    """The word before token i, skipping quote marks (a comma or full stop ends the search)."""
    j = i - 1
    while j >= 0 and tokens[j].text in "\"'«»“”„‘’‹›":
        j -= 1
    return tokens[j] if j >= 0 and tokens[j].is_word else None


def _is_adjective(tokens: list[Token], i: int, gazetteer: dict[str, str]) -> bool:
    """Token i is a nationality adjective agreeing with the noun before it, not a place name."""
    word = tokens[i].text
    if not _nisba(word):
        return False
    prev = _prev_word(tokens, i)
    if prev is None or key(prev.text) in _ar_rules()["ADJ_CONTEXT"]:
        # «في السعودية», sentence start: a noun, unless it is not a known place at all.
        return not any(c in gazetteer for c in candidates(word))
    if key(prev.text).endswith("ه") and not key(word).endswith("ه"):
        return False  # a feminine noun takes a feminine adjective: «حكومة جيبوتي» is Djibouti's government
    return _definite(prev.text) == _definite(word)


def _common(tagger_common: set[str], word: str, gazetteer: dict[str, str]) -> bool:
    cands = candidates(word)
    return any(c in tagger_common for c in cands) and not any(c in gazetteer for c in cands)


def _has_prep(word: str) -> bool:
    """Starts with بـ/كـ/فـ (+ال): the word opens a new phrase, it does not continue a name."""
    k = key(word)
    return k.startswith(("بال", "كال", "فال", "وبال", "ولل"))


@dataclass
class _Span:
    first: int
    last: int
    label: str


def _names_as_written(text: str) -> frozenset[str]:
    """Words of ``NAMES_SPELT_LIKE_PARTICLES`` that are names in this document.

    Keys fold ى into ي, so «علي» (Ali) and «على» (on) share one.  A document that writes ى
    anywhere tells them apart, and there «علي» is the name; where it never does (a common Egyptian
    spelling), «علي» may be the preposition and stays a stop word.
    """
    if "ى" not in text:
        return frozenset()
    return frozenset(lang.lists("ner_rules_ar.json")["NAMES_SPELT_LIKE_PARTICLES"])


def _bare(word: str) -> str:
    """``word`` without diacritics or tatweel, letters as written (ى and ي kept apart)."""
    return "".join(c for c in word if not unicodedata.combining(c) and c != "ـ")


def _clean(span: _Span, tokens: list[Token], tagger: Tagger, gaz: dict[str, str], kb: bool = False,
           names: frozenset[str] = frozenset()) -> _Span | None:
    """Trim quotes, stop words, titles and common words around names and generic descriptors.

    ``kb``: the span is a knowledge-base alias match, so its words are not checked for commonness.
    ``names``: words that are names as written in this document (:func:`_names_as_written`).
    """
    rules = _ar_rules()
    first, last = span.first, span.last

    def k(i: int) -> str:
        return key(tokens[i].text)

    def name(i: int) -> bool:
        return _bare(tokens[i].text) in names

    def stop(i: int) -> bool:
        return tokens[i].text in _QUOTES or not tokens[i].is_word or k(i) in rules["STOP"] and not name(i)

    while first <= last and stop(first):
        first += 1
    while first <= last and (stop(last) or k(last) in rules["NOT_NAME_ADJ"]):
        last -= 1
    if first > last or any(c in rules["NOT_ENTITY_HEADS"] for c in candidates(tokens[first].text)):
        return None
    for i in range(first + 1, last + 1):
        # A complementizer, a relative pronoun or a reporting verb never stands inside a name: the span
        # has run into the clause after it («المنظمة إن أعمال الهدم …», «الوزير الذي قال»).
        if (k(i) in rules["CLAUSE_WORDS"] or _joined_relative(k(i))) and not name(i):
            last = i - 1
            break
    for i in range(first + 1, last + 1):
        # «محمد بن سلمان لوكالة بلومبيرغ»: a clitic-bearing descriptor or cue word ends the name.
        cands = candidates(tokens[i].text)
        if len(cands) > 1 and any(c in rules["MEDIA_DESCRIPTORS"] or triggers().get(c) == "SAY" for c in cands[1:]):
            last = i - 1
            break
    while last > first and _LATIN.search(tokens[last - 1].text) and _nisba(tokens[last].text):
        last -= 1  # «مناظرة ABC News الرئاسية»: the Arabic adjective describes the debate
    words = [t.text for t in tokens[first:last + 1]]
    if not kb and all(_LATIN.search(w) for w in words):
        # Latin names inside Arabic text: acronyms only (CNN); ship names and the like are not entities.
        # An acronym may lead a longer name: «ABC News», «BBC Arabic».
        return _Span(first, last, "ORG") if words[0].isupper() and len(words[0]) > 1 else None
    if span.label == "PER":
        # «المدعو حذيفة البدري», «سعود الكردي المكنى أبو عبد الله»: a boundary word is no part of the name,
        # and what follows it is an alias, not the rest of this name.
        while first < last and k(first) in rules["NAME_BOUNDARIES"]:
            first += 1
        inner = next((i for i in range(first + 1, last + 1) if k(i) in rules["NAME_BOUNDARIES"]), None)
        if inner is not None:
            last = inner - 1
        titles = _name_titles()
        # the word as written, not a clitic-stripped reading: «ليلى» is a name, not ل + «يلي»
        while first < last and (k(first) in titles or not kb and k(first) in tagger.common and k(first) not in gaz
                                and not name(first)):
            first += 1
        while not kb and first < last and _construct_plural(k(first)) and not name(first):
            first += 1  # «محامو رونالدو»: the lawyers of a person, not part of his name
        while not kb and last > first and _present_verb(k(last)) and not name(last) and k(last) not in gaz and (
            last + 1 < len(tokens) and tokens[last + 1].is_word
        ):
            last -= 1  # «رونالدو يرضخ ويدفع»: the verb after a headline's subject (but «تشانغ يسوي، المتحدث»)
        if first == last and (k(first) in titles or not kb and _common(tagger.common, tokens[first].text, gaz)
                              and not name(first)):
            return None
        while not kb and last + 1 < len(tokens) and last - span.last < 2 and _surname(tokens[last + 1], tagger, gaz):
            last += 1  # «توفيق الربيعة»: the model often stops before a family name with ال
        while not kb and last > first and (k(last) in titles or k(last)[-1:] == "ه" and k(last)[:-1] in titles) and (
            not name(last) and last + 1 < len(tokens) and (_definite(tokens[last + 1].text) or k(last + 1) == "باسم")
        ):
            last -= 1  # «هيذر ناورت الناطقة باسم …»: her role, with its complement, follows the name
    if not kb:
        while last > first and (_has_prep(tokens[last].text) or clitic_length(tokens[last].text, gaz)
                                and key(tokens[last].text)[:1] in _PREP and key(tokens[last].text) not in gaz) and (
            span.label != "PER" or _phrase_after_name(tokens[last].text, tagger)
        ):
            last -= 1
    if not kb and span.label != "PER" and " ".join(key(w) for w in words) not in gaz:
        while last > first and _common(tagger.common, tokens[last].text, gaz) and not _definite(tokens[last].text):
            last -= 1
    if span.label == "ORG" and last > first and any(c in rules["DESCRIPTORS"] for c in candidates(tokens[first].text)):
        rest = " ".join(key(t.text) for t in tokens[first + 1:last + 1])
        name_only = any(c in rules["DESCRIPTORS_NAME_ONLY"] for c in candidates(tokens[first].text))
        single_name = last == first + 1 and not _definite(tokens[last].text)
        if single_name and not kb and last < span.last and _nisba(tokens[last + 1].text) \
                and not _definite(tokens[last + 1].text):
            return None  # «منظمة إغاثة دولية»: noun + indefinite adjective, a description, not a name
        if single_name or (not name_only and rest in gaz):
            first += 1
    if first == last and span.label == "LOC" and _is_adjective(tokens, first, gaz):
        return None
    prev = _prev_word(tokens, first)
    label = span.label
    if prev is not None and any(c in rules["MEDIA_DESCRIPTORS"] for c in candidates(prev.text)):
        label = "ORG"  # «لوكالة بلومبيرغ», «قناة "العربية"»: a named outlet
    if first == last and span.label == "LOC" and prev is not None and _definite(tokens[first].text) \
            and _definite(prev.text) and _common(tagger.common, prev.text, gaz) and prev.text not in triggers():
        return None  # «المدى المتوسط»: a definite adjective after a definite noun
    if first == last and span.label != "PER" and _nisba(tokens[first].text) and _definite(tokens[first].text) \
            and not any(c in gaz for c in candidates(tokens[first].text)):
        return None
    if first == last and not kb and k(first) in rules["ORG_HEADS"]:
        return None  # «حزب "النصر"»: the head alone is no name (the quoted name is one)
    if first == last and not kb and (core(tokens[first].text) in _place_heads()
                                     or any(c in _place_heads() for c in candidates(tokens[first].text))):
        return None  # «وبلدات», «قرية»: a place noun alone names no place
    return _Span(first, last, label)


def _phrase_after_name(word: str, tagger: Tagger) -> bool:
    """Whether a word opening with a preposition after a person's name is a phrase of its own («بالرياض»,
    «بالزي», «لـCNN»), not a family name that starts with those letters («بالوتيلي», «كالين»): what follows
    the letter is a word the lists know or a short one, or the word is not all Arabic letters."""
    rest = word[1:]
    if not rest.isalpha():
        return True
    if word[0] == "ك":
        return False
    rest_key = key(rest)
    return _common(tagger.common, rest, {}) or _known_as_is(rest_key) or _known_as_is(rest_key[2:]) or (
        len(rest_key) <= 4)


def _construct_plural(word_key: str) -> bool:
    """A participle's sound plural in construct, م + consonant … و («محامو», «ممثلو», «مقاتلو»): people of someone,
    never the start of a name (names in -و such as «ماريو», «مارسيلو» have a vowel after the م)."""
    return len(word_key) >= 5 and word_key[0] == "م" and word_key[1] not in "اوي" and word_key.endswith("و")


def _present_verb(word_key: str) -> bool:
    """A present-tense verb of the third person, يفعل («يرضخ», «يطلب»), that is no given name («يوسف», «ياسر»,
    «يزيد»): it never ends a person's name."""
    return len(word_key) == 4 and word_key[0] == "ي" and word_key[1] not in "اوي" and (
        context_words().get(word_key) != "GIVEN")


@resource
def _person_triggers() -> frozenset[str]:
    """Keys of the titles and roles that announce a person («الرئيس», «الناطق», and the particles «أبو», «بن»)."""
    return frozenset(w for w, c in triggers().items() if c == "PER")


@resource
def _name_titles() -> frozenset[str]:
    """The person triggers a name never contains: titles and roles, not the particles of names («أبو», «بن»)."""
    return _person_triggers() - _ar_rules()["NAME_PARTICLES"]


def _surname(tok: Token, tagger: Tagger, gaz: dict[str, str]) -> bool:
    """A definite word that can end a person's name: rare in running text, no cue, no clitic."""
    word = tok.text
    k = key(word)
    rules = _ar_rules()
    return (tok.is_word and k.startswith("ال") and len(k) > 4 and k not in rules["STOP"]
            and k not in rules["NAME_BOUNDARIES"] and not _verbal_noun(k)
            and k not in triggers() and not _common(tagger.common, word, gaz) and gaz.get(k) not in ("LOC", "ORG"))


@resource
def _time_phrases() -> frozenset[str]:
    """Keys of the phrases that date a clause («الأسبوع الماضي», «يوم الخميس», «أمس»), from the quotes' time
    words: those of two words, and «أمس»; a single «العام» or «الخميس» may be part of a name."""
    words = lang.lists("quotes_sources.json")["time_words"]
    return frozenset(key(w) for w in words if len(w.split()) == 2 and not w.isascii()) | {key("أمس")}


@resource
def _verbal_noun_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lang.lists("ner_rules_ar.json")["VERBAL_NOUN_PATTERNS"]))


def _verbal_noun(word_key: str) -> bool:
    """A definite verbal noun (masdar) of a derived verb: «التخفيف», «الانسحاب», «الاستقبال»."""
    return _verbal_noun_patterns().match(word_key) is not None


def _name_word(word: str, tagger: Tagger, gaz: dict[str, str]) -> bool:
    """Could start a place name after a head noun: not a stop/common word, adjective or clitic form."""
    rules = _ar_rules()
    return not (key(word) in rules["STOP"] or _common(tagger.common, word, gaz) or _LATIN.search(word)
                or _nisba(word) or _has_prep(word) or clitic_length(word, gaz) > 0 or _DIGIT.search(word)
                or key(word) in triggers())  # «رصيف الميناء», «مستشفى و16»: no name


def _state_nisba(word: str, gaz: dict[str, str]) -> bool:
    """An adjective of a country the gazetteer knows: «التركية» (تركيا), «الجزائرية» (الجزائر), «الأمريكية»."""
    k = key(word)
    stem = k[2:] if k.startswith("ال") else k
    for ending in ("يه", "ي"):
        if stem.endswith(ending) and len(stem) > len(ending) + 1:
            stem = stem[:-len(ending)]
            return any(gaz.get(form) == "LOC" for form in (k, stem, stem + "ا", stem + "يا", "ال" + stem))
    return False


def _org_chain(tokens: list[Token], i: int, tagger: Tagger, gaz: dict[str, str]) -> int:
    """Last token of the name an ORG head noun at ``i`` opens (``i`` when there is none).

    The name is the genitive/adjective chain after the head: definite nouns and adjectives
    (المرصد الوطني، والأعمال الإنسانية), لـ/للـ-phrases (للأنباء، لسبو، لرئاسة مجلس الوزراء), an
    indefinite noun in construct before a definite one (جمعية منتجي الحوامض) and, right after the
    head, a known name (مصرف لبنان) or a title with its name (مركز الملك سلمان).  A verb, a
    preposition, punctuation, a clitic-bearing phrase (بالـ …) or another entity's head ends it.
    """
    rules = _ar_rules()
    n = len(tokens)
    head = candidates(tokens[i].text)
    definite_head = _definite(tokens[i].text)

    def word(j: int) -> str | None:
        return tokens[j].text if j < n and tokens[j].is_word else None

    def name(w: str) -> bool:  # (a long nisba-shaped place the gazetteer lists is a name: «برلمان زيمبابوي»; a
        # short one is also an adjective: «مركز مالي» is a financial centre)
        return key(w) in gaz and not _common(tagger.common, w, gaz) and not _DIGIT.search(w) and (
            not _nisba(w) or gaz[key(w)] == "LOC" and not _definite(w) and len(key(w)) >= 6)

    def open_word(w: str | None) -> bool:
        """Can be an indefinite noun in construct: not a stop word, cue, clitic phrase or verb-like form."""
        if w is None:
            return False
        k = key(w)
        return k not in rules["STOP"] and triggers().get(k) != "SAY" and not _has_prep(w) and k[:1] not in "بكي" \
            and not k.endswith(("ها", "هم", "هما", "كم", "نا")) and not (len(k) == 4 and k.endswith("ت")) \
            and not (k.endswith("يه") and _nisba(w))  # «فرقة إرهابية»: an adjective is no construct noun (but
        # a plural in construct may end in -ي: «رابطة مشجعي النادي»)

    state_head = any(h in rules["ORG_STATE_HEADS"] for h in head)
    j = i
    construct = True  # the previous word takes a genitive (the head, a لـ-noun, a construct noun)
    while j - i < 8:
        w = word(j + 1)
        if w is None:
            break
        wk = key(w)
        nxt = word(j + 2)
        service = state_head and wk in rules["SERVICE_ADJ"]  # «القوات المسلحة الروسية», «القوات الجوية السعودية»
        if wk in rules["CLAUSE_WORDS"] or _joined_relative(wk):
            break  # «الاتحاد والتي تضم …»: a relative clause, however its pronoun is joined
        if wk in rules["STOP"] or wk in rules["NOT_NAME_ADJ"] and not service or _has_prep(w) or (
            triggers().get(wk) == "SAY"
        ):
            break
        if _DIGIT.search(w):
            break  # «شركة تسيلا 420 دولارا»
        if j == i and not definite_head and (wk.startswith("لل") or wk[:1] == "ل" and _verbal_noun("ال" + wk[1:])):
            break  # «مدرسة للطلاب», «لجنة لتحديد …»: a لـ-phrase right after an indefinite head describes it
        if j == i and definite_head:
            if _definite(w) and (_nisba(w) or wk in rules["ORG_FIRST_ADJ"] or service):
                j += 1
                construct = False
                continue
            break
        if wk.startswith("و") and j > i and (
                " ".join(key(t.text) for t in tokens[i:j + 1]) in gaz
                or any(triggers().get(c) in ("ORG", "LOC") or c in gaz or nxt is not None and f"{c} {key(nxt)}" in gaz
                       for c in candidates(w)[1:])):
            break  # «… والجيش», «منظمة الصحة العالمية والصليب الأحمر»: a second entity, not part of this name
        if triggers().get(wk) == "PER":
            if j == i and nxt is not None and _name_word(nxt, tagger, gaz) and not _definite(nxt):
                j += 2  # «مركز الملك سلمان»
                continue
            break
        if j == i + 1 and key(tokens[j].text) in gaz and _definite(w) and not _nisba(w) and not wk.startswith(("لل", "و")):
            break  # «حكومة جيبوتي القرار»: after the name only an adjective continues («مصرف لبنان المركزي»)
        if j > i and _disagrees(tokens[j].text, w):
            break  # «وزارة الخارجية الأمريكية التمويل»: a word that does not agree with the adjective before
            #       it is no further adjective of the name but a new phrase
        if wk.startswith("ل") and j > i and " ".join(key(t.text) for t in tokens[i:j + 1]) in gaz and not any(
            " ".join(key(t.text) for t in tokens[i:j + more]) in gaz for more in (2, 3)
        ):  # (but «الاتحاد الدولي لكرة القدم» is a longer known name)
            break  # «صندوق النقد الدولي للمالية العامة»: a complete known name takes no لـ-phrase of its own
        if _definite(w) or (j == i or construct and j > i) and name(w):
            j += 1  # (after a construct noun, a known name closes it: «مؤسسة كهرباء لبنان»)
            construct = False
        elif j == i and not definite_head and len(wk) > 2 and not _definite(w) and _name_word(w, tagger, gaz) and not (
            _verbal_noun(wk) or _verbal_noun("ال" + wk) or open_word(nxt) and nxt is not None and _definite(nxt)
            or wk.endswith(("ه", "ات", "ين", "ون", "ها", "هم", "هما", "كم", "نا"))
        ):  # (an Arabic feminine, plural or possessed noun — «شركة متعاقدة», «شركة قطارات», «برنامج توسعها» —
            # is no name)
            j += 1  # «شرطة تورنتو», «كلية سينيكا»: a word no lexicon knows, right after an indefinite head, names it
            construct = True  # (or stands in construct with a known name: «مؤسسة كهرباء لبنان»)
        elif wk.startswith("ل") and not wk.startswith("لل") and len(wk) > 3 and not name(w):
            rest = w[1:]
            if name(rest):
                j += 1
                construct = False
            elif open_word(nxt) and not key(nxt).startswith("لل") and (
                _definite(nxt) or word(j + 3) is not None and _definite(word(j + 3))
            ):  # «الهيئة العامة لتحلية المياه»; but «البرلمان اللبناني لضغوط للموافقة»: a prepositional phrase
                j += 1
                construct = True
            else:
                break
        elif construct and open_word(w) and nxt is not None and (_definite(nxt) or name(nxt)) and not _has_prep(nxt) and not (
            j == i and not definite_head and _verbal_noun("ال" + wk) and key(nxt).startswith("لل")
        ):  # (but «شركة تصنيع للسيارات» describes a company: a verbal noun, then a لـ-phrase)
            j += 1  # an indefinite noun in construct: «جمعية منتجي الحوامض», «لرئاسة مجلس الوزراء»
        else:
            break
    if j == i + 1 and any(h in rules["DESCRIPTORS"] or h in rules["ORG_DEF_HEADS_LONG"] for h in head):
        return i  # «وكالة رويترز» (the descriptor rule keeps the bare name), «اللجنة الاقتصادية»
    if state_head and not any(_state_nisba(t.text, gaz) for t in tokens[i + 1:j + 1]):
        return i  # «القوات التركية», «السلطات الجزائرية» name a state's; «القوات الأمنية» names none
    return j


def _disagrees(adjective: str, word: str) -> bool:
    """``word`` cannot continue a name after the definite nisba ``adjective``: it is a definite word
    (not a لـ-phrase, not joined by و) of the other gender («الأمريكية التمويل», «المركزي المفاجئة»)."""
    a, w = key(adjective), key(word)
    if not (_definite(adjective) and _nisba(adjective) and w.startswith("ال")):
        return False
    return a.endswith("يه") != w.endswith("ه")


def _loc_name(tokens: list[Token], i: int, tagger: Tagger, gaz: dict[str, str]) -> int:
    """Last token of a place name after the LOC head at ``i`` (``i`` when there is none):
    «ناحية هبهب», «مطار الملك خالد الدولي», «ميناء جدة الإسلامي»."""
    rules = _ar_rules()
    n = len(tokens)

    def ok(j: int) -> bool:
        return j < n and tokens[j].is_word and _name_word(tokens[j].text, tagger, gaz)

    j = i + 1
    if j < n and tokens[j].is_word and triggers().get(key(tokens[j].text)) == "PER" and ok(j + 1):
        j += 1  # «مطار الملك خالد»
    elif not ok(j):
        return i
    if ok(j + 1) and not _definite(tokens[j + 1].text) and key(tokens[j + 1].text) not in triggers() \
            and key(tokens[j].text) not in gaz:
        j += 1
    if j + 1 < n and tokens[j + 1].is_word and key(tokens[j + 1].text) in rules["LOC_TRAILING_ADJ"]:
        j += 1
    return j


def _rule_spans(tokens: list[Token], tagger: Tagger, gaz: dict[str, str]) -> list[_Span]:
    """ORG names built on a head noun (وزارة الداخلية، وكالة السودان للأنباء) and places after a
    head noun (ناحية هبهب، نهر سبو; «بلدة جسرين» gives the bare name, «مدينة إدلب» both forms)."""
    rules = _ar_rules()
    out: list[_Span] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not tok.is_word:
            continue
        head = candidates(tok.text)
        if i + 1 < n and any(f"{h} {key(tokens[i + 1].text)}" in rules["ORG_COMPOUND_HEADS"] for h in head):
            j = i + 1
            while j + 1 < n and _definite(tokens[j + 1].text) and _nisba(tokens[j + 1].text):
                j += 1  # «سلاح الجو الملكي البريطاني»
            if j > i + 1:  # (with no state's adjective, «عرض لسلاح الجو» names no one's)
                out.append(_Span(i, j, "ORG"))
            continue
        if any(h in rules["ORG_HEADS"] for h in head):
            if _definite(tok.text) and not any(h in rules["ORG_NEEDS_NISBA"] or h in rules["ORG_DEF_HEADS_LONG"]
                                               for h in head):
                continue
            j = _org_chain(tokens, i, tagger, gaz)
            if j > i:
                out.append(_Span(i, j, "ORG"))
            continue
        kinds = [name for name in ("LOC_HEADS", "LOC_HEADS_BOTH", "LOC_HEADS_BARE") if any(h in rules[name] for h in head)]
        if kinds and (j := _loc_name(tokens, i, tagger, gaz)) > i:
            if kinds[0] != "LOC_HEADS_BARE":
                out.append(_Span(i, j, "LOC"))
            if kinds[0] != "LOC_HEADS":
                out.append(_Span(i + 1, j, "LOC"))
        elif any(h in rules["LOC_DEF_HEADS"] for h in head) and i + 1 < n and _nisba(tokens[i + 1].text) \
                and _definite(tokens[i + 1].text) and key(tokens[i + 1].text) not in rules["NOT_NAME_ADJ"]:
            out.append(_Span(i, i + 1, "LOC"))
    return out


def _kb_spans(tokens: list[Token], kb_mentions: list[Mention]) -> list[tuple[_Span, Mention]]:
    """KB mentions inside this token list, as token spans."""
    out = []
    for m in kb_mentions:
        firsts = [i for i, t in enumerate(tokens) if t.start <= m.start < t.end]
        lasts = [i for i, t in enumerate(tokens) if t.start < m.end <= t.end]
        if firsts and lasts:
            out.append((_Span(firsts[0], lasts[0], m.label), m))
    return out


def _merge_adjacent_people(spans: list[TokenSpan]) -> list[TokenSpan]:
    """«محمد» B-PER + «رضا بور ابراهيمي» B-PER with nothing between them: one name."""
    out: list[TokenSpan] = []
    for sp in spans:
        if out and sp.label == "PER" == out[-1].label and sp.first == out[-1].last + 1:
            out[-1] = TokenSpan(out[-1].first, sp.last, "PER")
        else:
            out.append(sp)
    return out


def _arabic_mentions(doc: Doc, kb_mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(model and rule mentions, cleaned KB mentions)."""
    tagger = default_tagger()
    gaz = tagger.gazetteer
    text = doc.text
    sentences = doc.sentences or []
    ranges = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    doc_words = {key(t.text) for t in doc.words if t.is_word}
    names = _names_as_written(text)
    named_in_full = {m.record for m in kb_mentions if " " in text[m.start:m.end].strip()}
    out: list[Mention] = []
    kb_out: list[Mention] = []
    for start, end in ranges:
        tokens = doc.words_in(start, end)
        spans = tagger.spans(tokens)
        tagged = {i for span in spans for i in range(span.first, span.last + 1)}
        for sp, m in _kb_spans(tokens, [m for m in kb_mentions if start <= m.start < end]):
            if sp.first == sp.last and sp.first not in tagged and _common(tagger.common, tokens[sp.first].text, {}) \
                    and m.record not in named_in_full:
                continue  # «ينبع» (springs from), «الباب» (the door): a one-word alias that is a common word names
                #           something only where the model reads a name there too, or as the short form of a
                #           name the article writes in full («المفوضية» after «المفوضية السامية … للاجئين»)
            c = _clean(sp, tokens, tagger, gaz, kb=True, names=names)
            if c is None:
                continue
            s = m.start if c.first == sp.first else tokens[c.first].start
            e = m.end if c.last == sp.last else tokens[c.last].end
            kb_out.append(Mention(s, e, m.label, m.record))
        cleaned = [c for sp in _merge_adjacent_people(spans) if sp.label in _EMIT
                   if (c := _clean(_Span(sp.first, sp.last, sp.label), tokens, tagger, gaz, names=names))]
        for rule in _rule_spans(tokens, tagger, gaz):
            # The model ran past where the head noun's grammar ends the name («حكومة جيبوتي القرار»).
            cleaned = [rule if c.first == rule.first and c.label == rule.label == "ORG" and c.last > rule.last
                       else c for c in cleaned]
            inside = [c for c in cleaned if c.first <= rule.last and rule.first <= c.last]
            if all(rule.first <= c.first and c.last <= rule.last for c in inside):
                # The rule span covers the model's pieces: it replaces same-label pieces, keeps nested names.
                cleaned = [c for c in cleaned if c not in inside or c.label != rule.label or
                           (c.first, c.last) == (rule.first + 1, rule.last)] + [rule]
        for sp in cleaned:
            toks = tokens[sp.first:sp.last + 1]
            n = clitic_length(toks[0].text, gaz, doc_words, " ".join(key(t.text) for t in toks[1:]))
            if not n and sp.first and _listed_after_comma(tokens[sp.first - 1].text, toks[0].text):
                n = 1
            s, e = toks[0].start + n, toks[-1].end
            if e - s >= 2:
                out.append(Mention(s, e, sp.label))
    return out, kb_out


_HYPHENS = frozenset("-\u2010\u2011")


def _join_hyphenated(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A person's name written with a hyphen and no space is one name («لوسيندا ميثوين-كامبل», «جونز-ويليامز»):
    the tokenizer splits at the hyphen, so the tagger sees two names, or a name and a word.  When the knowledge
    base knows either part, they are two («قمة ترامب-كيم»: two people, the summit of both)."""
    text = doc.text
    out: list[Mention] = []

    def known(start: int, end: int) -> bool:
        return doc.kb.link(text[start:end], "PER", doc.published) is not None

    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        prev = out[-1] if out else None
        if prev is not None and prev.label == "PER" and m.start == prev.end + 1 and (
            text[prev.end] in _HYPHENS and prev.record is None and m.record is None
        ) and not (known(prev.start, prev.end) or known(m.start, m.end)):
            out[-1] = Mention(prev.start, m.end, "PER")  # whatever the tagger made of the part after the hyphen
        else:
            out.append(m)
    # a person followed by «-word» that no mention holds: the word is the rest of the name
    taken = [(m.start, m.end) for m in out]
    for i, m in enumerate(out):
        if m.label != "PER" or m.record is not None or m.end >= len(text) - 1 or text[m.end] not in _HYPHENS:
            continue
        word = _WORD_AFTER_HYPHEN.match(text, m.end + 1)
        if word is None or any(s < word.end() and word.start() < e for s, e in taken) or (
            known(m.start, m.end) or known(word.start(), word.end())
        ):
            continue
        out[i] = Mention(m.start, word.end(), m.label)
    return out


_WORD_AFTER_HYPHEN = re.compile(r"[^\W\d_]{2,}")


def _split_coordinated(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Two people joined by و in one PER span («كامالا هاريس ودونالد ترامب») become two mentions.

    Arabic names do not contain the conjunction, but some start with و (وليد، وائل: the
    ``WAW_NAMES`` list), so a span splits at a و-word only when both halves have two words or one
    half is a person the knowledge base knows.
    """
    text = doc.text
    out = []
    for m in mentions:
        if m.label in ("LOC", "ORG"):
            out += _split_known_places(doc, m)
            continue
        cut = _waw_cut(text[m.start:m.end]) if m.label == "PER" else None
        if cut is None:
            out.append(m)
            continue
        left, right = text[m.start:m.start + cut.start].rstrip(), text[m.start + cut.start + 1:m.end]

        def person(surface: str) -> bool:
            return any(r.type == "PER" for r in doc.kb.lookup(surface))

        def given_name(surface: str) -> bool:
            return context_words().get(key(surface)) == "GIVEN"

        if (len(left.split()) >= 2 and len(right.split()) >= 2) or person(left) or person(right) \
                or given_name(right) or given_name(left):  # «عبد الله وعائشة»: two children, not one name
            out += [Mention(m.start, m.start + len(left), "PER"), Mention(m.start + cut.start + 1, m.end, "PER")]
        else:
            out.append(m)
    return out


def _waw_cut(surface: str) -> Token | None:
    """The first word after the first that starts with the conjunction «و» (not a name that starts with و:
    ``WAW_NAMES``), in a mention's surface; None when there is none."""
    words = [t for t in tokenize(surface) if t.is_word]
    return next((t for t in words[1:] if t.text[:1] == "و" and len(key(t.text[1:])) >= 2
                 and key(t.text) not in _ar_rules()["WAW_NAMES"]), None)


def _split_known_places(doc: Doc, m: Mention) -> list[Mention]:
    """«الحديدة ورأس عيسى», «البرلمان الأوروبي والبرلمانات الوطنية»: a place or institution span that runs over
    «و» into a second phrase is cut there: a place when what stands before «و» is a name the knowledge base knows,
    an institution when it is a head with its nisba and a new definite noun follows (so «حزب العدالة والتنمية»,
    «هيئة الإعلام المرئي والمسموع» stay whole); the second phrase stays a place of its own, an institution only when
    known."""
    text = doc.text
    cut = _waw_cut(text[m.start:m.end])
    if cut is None:
        return [m]
    left, right = text[m.start:m.start + cut.start].rstrip(), text[m.start + cut.start + 1:m.end]
    left_words, right_words = left.split(), right.split()
    complete = len(left_words) >= 2 and _definite(left_words[-1]) and _nisba(left_words[-1]) and (
        left_words[-1].endswith(("ي", "ية", "ى"))
    )  # «البرلمان الأوروبي» (not «الموانئ», whose hamza folds to ي)
    adjective = _nisba(right_words[0]) or _participle_shape(key(right_words[0]))  # «والمسموع», «والقروية»
    known_left = any(r.type == "ORG" for r in doc.kb.lookup(left))  # «سناب تشات وتويتر»
    if m.label == "ORG" and not known_left and (not complete or adjective or not _definite(right_words[0])):
        return [m]  # (an institution's name may coordinate its own words: «هيئة الموانئ والمناطق الحرة»)
    if m.label == "LOC" and not any(r.type in ("LOC", "ORG") for r in doc.kb.lookup(left)) and (
        key(left) not in lexicon_or_kb_gazetteer()
    ):
        return [m]
    out = [Mention(m.start, m.start + len(left), m.label)]
    if m.label == "LOC" or any(r.type == "ORG" for r in doc.kb.lookup(right)):
        out.append(Mention(m.start + cut.start + 1, m.end, m.label))
    return out


def _joined_relative(word_key: str) -> bool:
    """«والتي», «والذي», «والذين»: a relative pronoun with «و» joined (not «فان» of «باتريك فان …»)."""
    return word_key.startswith("وال") and word_key[1:] in _ar_rules()["CLAUSE_WORDS"]


def _participle_shape(word_key: str) -> bool:
    """A definite participle used as an adjective, مفعول or فاعل («المسموع», «الحاكم»)."""
    stem = word_key[2:] if word_key.startswith("ال") else word_key
    return len(stem) == 5 and stem[0] == "م" and stem[3] == "و" or len(stem) == 4 and stem[1] == "ا"


def _arabic_filter(doc: Doc, mentions: list[Mention], gaz: dict[str, str]) -> list[Mention]:
    """Drop what the gold convention excludes: «للأمم المتحدة» (the surface cannot lose لـ) and
    lone nationality adjectives («مصادر تركية»), whichever recogniser found them; and a name that is
    also a common noun (``COMMON_NOUN_NAMES``) when a definite adjective follows it."""
    tokens = doc.words
    by_start = {t.start: i for i, t in enumerate(tokens)}
    out = []
    for m in mentions:
        m = _before_time_phrase(m, tokens, by_start)
        surface = doc.text[m.start:m.end]
        if _dative(surface, gaz):
            continue
        i = by_start.get(m.start)
        if m.label == "LOC" and i is not None and tokens[i].end == m.end and _is_adjective(tokens, i, gaz):
            continue
        if i is not None and tokens[i].end == m.end and key(surface) in _ar_rules()["COMMON_NOUN_NAMES"] \
                and i + 1 < len(tokens) and _nisba(tokens[i + 1].text) and _definite(tokens[i + 1].text):
            continue  # «القاعدة الجوية» is an air base, not al-Qaeda
        if key(surface) in _ar_rules()["GROUPS"]:
            continue  # «السنة», «الأكراد»: a religious or ethnic group, not an organisation or a place
        if m.label == "LOC" and _description(surface):
            continue  # «العاصمة الروسية»: Moscow described (the KB knows whom it means), not named
        out.append(m)
    return out


def _before_time_phrase(m: Mention, tokens: list[Token], by_start: dict[int, int]) -> Mention:
    """The mention cut before a time phrase that a recogniser ran into: «البرلمان اللبناني الأسبوع الماضي»."""
    i = by_start.get(m.start)
    if i is None:
        return m
    phrases = _time_phrases()
    for j in range(i + 1, len(tokens)):
        if tokens[j].end > m.end:
            break
        word = key(tokens[j].text)
        pair = f"{word} {key(tokens[j + 1].text)}" if j + 1 < len(tokens) and tokens[j + 1].end <= m.end else ""
        if word in phrases or pair in phrases:
            return replace(m, end=tokens[j - 1].end)
    return m


def _description(surface: str) -> bool:
    """A place noun with a nationality adjective only: «العاصمة الروسية», «البلاد التركية»."""
    words = [key(w) for w in surface.split()]
    return len(words) == 2 and words[0] in _ar_rules()["DESCRIPTIVE_PLACE_HEADS"] and \
        context_words().get(words[1]) == "NAT"


# ---------------------------------------------------------------- English

def _english_mentions(doc: Doc, kb: KnowledgeBase) -> list[Mention]:
    lex = _en_lexicon()
    text = doc.text
    out: list[Mention] = []
    sentences = doc.sentences or []
    ranges = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    for start, end in ranges:
        tokens = doc.words_in(start, end)
        i = 0
        while i < len(tokens):
            if not _capitalised(tokens[i].text) or tokens[i].text.lower() in lex["NOT_NAME"] | lex["PER_TITLE"]:
                i += 1
                continue
            j = i
            while True:
                if j + 1 < len(tokens) and _capitalised(tokens[j + 1].text) and _adjacent(tokens, j, text):
                    j += 1
                elif (j + 2 < len(tokens) and tokens[j + 1].text.lower() in lex["CONNECT"]
                      and _capitalised(tokens[j + 2].text) and _adjacent(tokens, j, text)
                      and _adjacent(tokens, j + 1, text)):
                    j += 2
                else:
                    break
            label = _english_label(tokens, i, j, i == 0, kb, lex)
            if label:
                out.append(Mention(tokens[i].start, tokens[j].end, label))
            i = j + 1
    return out


def _capitalised(word: str) -> bool:
    return bool(word[:1].isupper() and word[:1].isalpha())


def _adjacent(tokens: list[Token], j: int, text: str) -> bool:
    """Only spaces between token j and j+1 (a comma or line break ends a name)."""
    return text[tokens[j].end:tokens[j + 1].start].strip() == ""


def _english_label(tokens: list[Token], i: int, j: int, initial: bool, kb: KnowledgeBase,
                   lex: dict[str, set[str]]) -> str | None:
    words = [t.text for t in tokens[i:j + 1]]
    lower = [w.lower().rstrip(".") for w in words]
    surface = " ".join(words)
    records = kb.lookup(surface)
    if records and len({r.type for r in records}) == 1:
        return records[0].type
    if len(words) == 1 and (lower[0] in lex["NATIONALITY"] or lower[0].endswith(tuple(lex["NATIONALITY_SUFFIXES"]))):
        return None
    if any(w in lex["ORG"] for w in lower) or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1):
        return "ORG"
    if any(w in lex["LOC"] for w in lower[1:]) or lower[0] in ("lake", "mount", "gulf"):
        return "LOC"
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    if prev.rstrip(".") in lex["PER_TITLE"]:
        return "PER"
    if prev in lex["LOC_PREP"] and len(words) <= 2:
        return "LOC"
    if initial and len(words) == 1:
        return None
    if 2 <= len(words) <= 4:
        return "PER"
    return None


# ---------------------------------------------------------------- merging and linking


def _merge(doc: Doc, model: list[Mention], kb_mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """KB mentions win over overlapping model spans they cover; nested ones survive inside ORG.

    A place the KB knows inside a KB organisation's name is added («السودان» in «وكالة السودان
    للأنباء»), as the gold convention keeps nested entities.
    """
    out = list(kb_mentions)
    for k in kb_mentions:
        if k.label == "ORG" and " " in doc.text[k.start:k.end]:
            # «مصرف لبنان», «وكالة السودان للأنباء»: the place named inside an organisation's name.
            inner = doc.text.find(" ", k.start) + 1
            out += [Mention(inner + s, inner + e, "LOC", r) for s, e, r in kb.find_mentions(doc.text[inner:k.end])
                    if r.type == "LOC"]
    for m in model:
        overlapping = [k for k in kb_mentions if k.start < m.end and m.start < k.end]
        if not overlapping:
            out.append(m)
        elif all(m.start <= k.start and k.end <= m.end and (m.start, m.end) != (k.start, k.end) for k in overlapping):
            # A longer model span around known names: keep it; keep the nested names only inside ORG.
            out.append(m)
            if m.label != "ORG":
                out = [x for x in out if x not in overlapping or x.label != m.label]
    return out


def _join_short_forms(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], dict[tuple[int, int], tuple[int, int]]]:
    """Add missed short person forms, relabel and map each short mention to its long form's span.

    A single word equal to the first or last word of exactly one multi-word person name of the
    document is that person (its label becomes PER); standing alone after the first full mention, a
    last name is added when the recogniser missed it.  A lone «ال…» word tagged PER that is no part
    of a name and not in the knowledge base is dropped (family names like البكري come with a full
    mention).
    """
    text = doc.text
    parts: dict[str, set[str]] = {}  # word key -> keys of the long forms it belongs to
    last_parts: set[str] = set()
    long_span: dict[str, tuple[int, int]] = {}
    for m in mentions:
        words = text[m.start:m.end].split()
        if m.label != "PER" or len(words) < 2:
            continue
        long_key = key(text[m.start:m.end])
        long_span.setdefault(long_key, (m.start, m.end))
        for w in (words[0], words[-1]):
            k = key(w)
            if len(k) >= 3 and k not in triggers():
                parts.setdefault(k, set()).add(long_key)
        last_parts.add(key(words[-1]))
    taken = [(m.start, m.end) for m in mentions]
    for tok in doc.words:
        k = key(tok.text)
        owners = parts.get(k, set())
        if len(owners) != 1 or k not in last_parts or tok.start <= long_span[next(iter(owners))][0]:
            continue
        if any(s < tok.end and tok.start < e for s, e in taken):
            continue
        mentions.append(Mention(tok.start, tok.end, "PER"))
        taken.append((tok.start, tok.end))
    out: list[Mention] = []
    joins: dict[tuple[int, int], tuple[int, int]] = {}
    for m in mentions:
        words = text[m.start:m.end].split()
        owners = parts.get(key(words[0]), set()) if len(words) == 1 and m.record is None else set()
        if len(owners) == 1:
            m = replace(m, label="PER")
            joins[(m.start, m.end)] = long_span[next(iter(owners))]
        elif m.label == "PER" and len(words) == 1 and m.record is None and key(words[0]).startswith("ال"):
            continue
        out.append(m)
    return out, joins


def _drop_inner_pieces(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Drop pieces of a longer emitted name that never stand alone in the document.

    «سلمان» in «مركز الملك سلمان للإغاثة», «الشرق الأوسط» in «الشرق الأوسط وشمال أفريقيا», «المرصد»
    at the head of «المرصد الوطني للفلاحة» are not mentions of their own.  Kept, as the gold
    convention does: a surface that also occurs outside a longer name, a known place or
    organisation inside an organisation's name («وكالة السودان للأنباء» → السودان; at its start only
    a name of several words: «حزب العدالة والتنمية» in «حزب العدالة والتنمية التركي»).  A bare place
    after «مدينة» goes too unless it also stands alone (the dev gold has «مدينة غزة» without «غزة»).
    A span crossing the edge of a longer one (the model's «خالد الدولي» in «مطار الملك خالد الدولي»)
    is dropped unless the knowledge base knows it.
    """
    text = doc.text

    def inside(m: Mention, o: Mention) -> bool:
        return o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)

    def crosses(m: Mention, o: Mention) -> bool:
        return o.start < m.start < o.end < m.end or m.start < o.start < m.end < o.end

    # Mentions are a few words long: an outer one starts at most a sentence's length before.
    by_start = sorted(mentions, key=lambda o: o.start)
    starts = [o.start for o in by_start]

    def near(m: Mention) -> list[Mention]:
        return by_start[bisect.bisect_left(starts, m.start - _MAX_MENTION_CHARS):bisect.bisect_right(starts, m.end)]

    outers = {id(m): [o for o in near(m) if inside(m, o)] for m in mentions}
    alone = {key(text[m.start:m.end]) for m in mentions if not outers[id(m)]}
    out = []
    for m in mentions:
        if m.record is None and any(crosses(m, o) and o.end - o.start > m.end - m.start for o in near(m)):
            continue
        if not outers[id(m)] or key(text[m.start:m.end]) in alone:
            out.append(m)
            continue
        keep = all(
            o.label == "ORG" and m.record is not None and m.label in ("LOC", "ORG")
            and (m.start > o.start or " " in text[m.start:m.end])
            for o in outers[id(m)]
        )
        if keep:
            out.append(m)
    return out


def _consistent_labels(doc: Doc, mentions: Iterable[Mention]) -> list[Mention]:
    """One label per surface in a document: the KB's, else the majority (ties: first seen)."""
    mentions = list(mentions)
    votes: dict[str, Counter[str]] = {}
    kb_label: dict[str, str] = {}
    for m in mentions:
        k = key(doc.text[m.start:m.end])
        votes.setdefault(k, Counter())[m.label] += 1
        if m.record is not None:
            kb_label[k] = m.record.type
    rules = _ar_rules()
    gaz = default_tagger().gazetteer
    named_by_head: dict[str, str] = {}  # «وكالة فيتش للتصنيف»: «فيتش» alone is that organisation too (but
    for m in mentions:  # «شرطة تورنتو»: an institution of a place, the place stays one)
        words = key(doc.text[m.start:m.end]).split()
        if m.label == "ORG" and len(words) > 1 and words[0] in rules["DESCRIPTORS"] and gaz.get(words[1]) != "LOC":
            named_by_head[words[1]] = "ORG"
    out = []
    for m in mentions:
        k = key(doc.text[m.start:m.end])
        out.append(replace(m, label=kb_label.get(k) or named_by_head.get(k) or votes[k].most_common(1)[0][0]))
    return out


@resource
def _month_names() -> frozenset[str]:
    return frozenset(key(row[0]) for row in lang.rows("times_months.tsv"))


def _drop_month_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A month name inside a date the times stage found is no place or person: «23 أغسطس/آب» is not
    the Yemeni city إب (same letters once alef forms are folded), «10 نيسان» not the car maker."""
    dates = [(t.start, t.end) for t in doc.times]
    return [m for m in mentions if key(doc.text[m.start:m.end]) not in _month_names()
            or not any(s <= m.start and m.end <= e for s, e in dates)]


def _city_heads(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """«مدينة X» is a name of its own only where the article also names a region X («مدينة إدلب» beside
    «محافظة إدلب», «مدينة غزة» beside «قطاع غزة»); elsewhere the head is a description and X alone the
    name («مدينة رفح» → «رفح»)."""
    rules = _ar_rules()
    folded = ""
    out = []
    for m in mentions:
        head, _, name = doc.text[m.start:m.end].partition(" ")
        if m.label != "LOC" or not name or key(head) not in rules["LOC_HEADS_BOTH"]:
            out.append(m)
            continue
        folded = folded or key(doc.text)
        if any(f"{key(region)} {key(name)}" in folded for region in rules["REGION_HEADS"]):
            out.append(m)
        else:
            out.append(replace(m, start=m.start + len(head) + 1, record=None))
    return out


def _clubs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A city right after a word of the game names its club: «نجم برشلونة», «في مرمى وست هام», «لاعبي ليفربول»."""
    heads = _ar_rules()["CLUB_CONTEXT"]
    out = []
    for m in mentions:
        before = doc.text[max(0, m.start - 20):m.start].split()
        if m.label == "LOC" and before and any(c in heads for c in candidates(before[-1])) and not in_list(
            "states", doc.text[m.start:m.end]
        ):  # (a country stays a place: «لاعب فرنسا» plays for its national side, named «منتخب فرنسا»)
            m = replace(m, label="ORG", record=None)
        out.append(m)
    return out


def _bracketed_short_forms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """«التحالف العالمي للقاحات والتحصين (غافي)», «محكمة التحكيم الرياضي (كاس)»: the short form in brackets right
    after an organisation's or a place's name is that name too, with its label, here and wherever the article
    uses it alone."""
    text = doc.text
    common, rules = default_tagger().common, _ar_rules()
    short: dict[str, str] = {}
    for m in mentions:
        if m.label in ("ORG", "LOC") and (b := _BRACKETED.match(text, m.end)) is not None and not any(
            key(w) in common or key(w) in rules["COMPASS_POINTS"] for w in b.group(1).split()
        ):  # but «غزة (جنوب)», «(الأحد)»: a direction or a common word describes, it names nothing
            short[b.group(1)] = m.label
    if not short:
        return mentions
    keyed = {key(surface): label for surface, label in short.items()}
    out = [replace(m, label=keyed.get(key(text[m.start:m.end]), m.label)) for m in mentions]
    known = {(m.start, m.end) for m in out}
    for surface, label in short.items():
        for found in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if (found.start(), found.end()) not in known:
                out.append(Mention(found.start(), found.end(), label))
    return out


def _compound_given_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """«خير الدين زطشي», «سيف الإسلام القذافي»: a person's name that starts with the second part of a compound
    given name («الدين», «الإسلام») takes back its first part."""
    rules = _ar_rules()
    text = doc.text
    out = []
    for m in mentions:
        head = text[m.start:m.end].split(" ", 1)[0]
        before = _WORD_BEFORE.search(text, max(0, m.start - 12), m.start) if m.label == "PER" else None
        if before is not None and key(head) in rules["COMPOUND_NAME_TAILS"] and (
            key(before.group(1)) not in rules["STOP"] and key(before.group(1)) not in triggers()
        ):
            out.append(replace(m, start=before.start(1), record=None))
        else:
            out.append(m)
    return out


def _names_after_roles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """«وقال الناطق باسم وزارة الصحة أشرف القدرة إن …», «وقال الناطق العسكري مرعي زغبية إن …»: two or three plain
    words between a role phrase and the إن/أن or colon of what the person said (or the end of a sentence with a
    reporting verb: «كما ذكر الناطق … في غزة أشرف القدرة.») are the person's name, when no recogniser found a
    name there.  The role word stands within the seven tokens before them, the word right
    before them is definite or ends a name, and none of them is a stop word, a title, a cue or a time (only the
    first may not be definite)."""
    rules = _ar_rules()
    titles = _person_triggers()
    tokens = doc.words
    tagger = default_tagger()
    taken = sorted((m.start, m.end) for m in mentions)
    ends = {m.end for m in mentions}
    timed = [(t.start, t.end) for t in doc.times]
    added = []
    for i, tok in enumerate(tokens):
        closing = tok.text == "." and _said_before(tokens, i, rules)  # «…، كما ذكر الناطق … أشرف القدرة.»
        if not (key(tok.text) in rules["CLAUSE_WORDS"] and key(tok.text).startswith(("ان", "بان")) or tok.text == ":"
                or closing):
            continue
        for n in (3, 2):
            first = i - n
            if first < 2:
                continue
            run = tokens[first:i]
            before = tokens[first - 1]
            if not _first_name_shape(run[0].text, tagger) or any(
                key(t.text) in rules["STOP"] or key(t.text) in titles or not t.text.isalpha() or _has_prep(t.text)
                or triggers().get(key(t.text)) is not None or any(s <= t.start < e for s, e in timed) for t in run
            ):
                continue
            if not (_definite(before.text) or before.end in ends) or not any(
                key(t.text) in titles or key(t.text)[-1:] == "ه" and key(t.text)[:-1] in titles
                for t in tokens[max(0, first - 7):first]
            ):
                continue
            start, end = run[0].start, run[-1].end
            if doc.text[run[-1].end:tok.start].strip() not in ("", "،", ","):
                continue
            i_taken = bisect.bisect_left(taken, (start, -1))
            if i_taken < len(taken) and taken[i_taken][0] < end or i_taken and taken[i_taken - 1][1] > start:
                break  # a recogniser found something there already
            added.append(Mention(start, end, "PER"))
            break
    return mentions + added


def _said_before(tokens: list[Token], i: int, rules: dict[str, frozenset[str]]) -> bool:
    """A reporting verb within the ten words before ``i`` with no إن/أن after it: the words up to ``i`` are
    still its subject, not what was said («كما ذكر الناطق … أشرف القدرة.», but not «قالت إن الشركة حذفت …»)."""
    for t in reversed(tokens[max(0, i - 10):i]):
        if any(triggers().get(c) == "SAY" for c in candidates(t.text)):
            return True
        if key(t.text) in rules["CLAUSE_WORDS"]:
            return False
    return False


def _first_name_shape(word: str, tagger: Tagger) -> bool:
    """A word that may open a person's name: not definite (a family name may be: «أشرف القدرة»), not a common
    word unless a given name («أشرف»), not a preposition joined to a common word («باسم»)."""
    if _definite(word) or word[:1] in _PREP and _common(tagger.common, word[1:], {}):
        return False
    return not _common(tagger.common, word, {}) or context_words().get(key(word)) == "GIVEN"


def _split_scripts(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """«إليزابيث دووسكين Elizabeth Dwoskin»: a name followed by its original in Latin letters is two mentions of
    one name, each in its own script (the Latin one keeps the label)."""
    out = []
    for m in mentions:
        surface = doc.text[m.start:m.end]
        cut = _SCRIPT_CHANGE.search(surface)
        if cut is None or len(surface) - cut.end() < 3:
            out.append(m)  # (not «أزاكو I»: a numeral, no original spelling)
            continue
        out += [replace(m, end=m.start + cut.start()), replace(m, start=m.start + cut.end(), record=None)]
    return out


# an Arabic word, spaces, then a Latin word: where a name's original spelling follows it
_SCRIPT_CHANGE = re.compile(r"(?<=[\u0600-\u06FF])\s+(?=[A-Za-z])")


def _compass_regions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A continent or region with its compass point is one place: «شرق أفريقيا», «أوروبا الشرقية», «شمال سيناء»
    (a country keeps its own name: «شرق سوريا» → سوريا)."""
    rules = _ar_rules()
    text = doc.text
    out = []
    for m in mentions:
        if m.label != "LOC" or key(text[m.start:m.end]) not in rules["COMPASS_REGIONS"]:
            out.append(m)
            continue
        start, end = m.start, m.end
        before = _WORD_BEFORE.search(text, max(0, start - 12), start)
        if before is not None:
            word = key(before.group(1))
            clitic = 1 if word[:1] in _CONJ + _PREP and word[1:] in rules["COMPASS_POINTS"] else 0
            if clitic or word in rules["COMPASS_POINTS"]:
                start = before.start(1) + clitic  # «وشرق أفريقيا»: without the conjunction
        after = _WORD_AFTER.match(text, end)
        if after is not None and key(after.group(1)) in rules["COMPASS_ADJECTIVES"]:
            end = after.end(1)
        out.append(m if (start, end) == (m.start, m.end) else replace(m, start=start, end=end, record=None))
    return out


def _agency_names(doc: Doc, mentions: list[Mention], gaz: dict[str, str]) -> list[Mention]:
    """«وكالة رويترز للأنباء», «وكالة الأناضول للأنباء»: an agency with a name of its own (an organisation the
    lexicons or the KB know) is that name, as «وكالة رويترز» is «رويترز»; «وكالة الأنباء السورية» has none
    and «وكالة السودان للأنباء» is not Sudan: they stay whole."""
    rules = _ar_rules()
    out = []
    for m in mentions:
        words = doc.text[m.start:m.end].split(" ")
        if m.label == "ORG" and len(words) >= 3 and key(words[-1]) in rules["AGENCY_TAILS"] and any(
            c in rules["MEDIA_DESCRIPTORS"] for c in candidates(words[0])
        ):
            name = " ".join(words[1:-1])
            if gaz.get(key(name)) == "ORG":  # «وكالة السودان للأنباء» is not Sudan
                start = m.start + len(words[0]) + 1
                m = replace(m, start=start, end=start + len(name), record=None)
        out.append(m)
    return out


def _dative(surface: str, gaz: dict[str, str]) -> bool:
    """«للأمم المتحدة»: a name with لـ joined to its article, which the gold convention leaves out (the surface
    cannot lose the preposition), unless the gazetteer lists it so."""
    return key(surface).startswith("لل") and key(surface) not in gaz


def _inside_datives(doc: Doc, kb: KnowledgeBase, datives: list[Mention]) -> list[Mention]:
    """The names inside a knowledge-base match left out as a dative, after its first word: «للتحالف الدولي
    بقيادة الولايات المتحدة» is no mention, but the «الولايات المتحدة» it holds is one."""
    out = []
    for m in datives:
        after = doc.text.find(" ", m.start, m.end) + 1
        if after > 0:
            out += [Mention(after + s, after + e, r.type, r) for s, e, r in kb.find_mentions(doc.text[after:m.end])
                    if r.type in _EMIT]
    return _arabic_filter(doc, out, default_tagger().gazetteer)


def _kb_find(kb: KnowledgeBase, text: str) -> list[Mention]:
    """KB alias matches; a match on a word with a leading و/ف/ب/ل/ك gives way to a longer one
    without it («وأم درمان» is و + «أم درمان», not the agency alias «وام»)."""
    out = []
    for s, e, r in kb.find_mentions(text):
        if r.type not in _EMIT:
            continue
        if text[s:s + 1] in _CONJ + _PREP:
            longer = [(s + 1 + s2, s + 1 + e2, r2) for s2, e2, r2 in kb.find_mentions(text[s + 1:e + 60])
                      if s2 == 0 and s + 1 + e2 > e and r2.type in _EMIT]
            if longer:
                out += [Mention(s2, e2, r2.type, r2) for s2, e2, r2 in longer]
                continue
        out.append(Mention(s, e, r.type, r))
    return sorted(set(out), key=lambda m: (m.start, -m.end))


@stage("entities", requires=["times"], assigns=["entities"])
def annotate(doc: Doc) -> None:
    kb = doc.kb
    text = doc.text
    kb_mentions = _kb_find(kb, text)
    if doc.lang == "ar":
        model, kb_mentions = _arabic_mentions(doc, kb_mentions)
        model = _split_coordinated(doc, _join_hyphenated(doc, model))
        gaz = default_tagger().gazetteer
        model = _arabic_filter(doc, model, gaz)
        datives = [m for m in kb_mentions if _dative(doc.text[m.start:m.end], gaz)]
        kb_mentions = _arabic_filter(doc, kb_mentions, gaz) + _inside_datives(doc, kb, datives)
    elif doc.lang == "en":
        model = _english_mentions(doc, kb)
    else:
        model = []
    mentions = _consistent_labels(doc, _drop_month_names(doc, _merge(doc, model, kb_mentions, kb)))
    if doc.lang == "ar":
        mentions = _compound_given_names(doc, _compass_regions(doc, _clubs(doc, _city_heads(doc, mentions))))
        mentions = _split_scripts(doc, _names_after_roles(doc, mentions))
        mentions = _agency_names(doc, _bracketed_short_forms(doc, mentions), default_tagger().gazetteer)
    mentions, joins = _join_short_forms(doc, mentions)
    mentions = _drop_inner_pieces(doc, mentions)
    context_ids = {m.record.id for m in mentions if m.record is not None}
    kb_records: dict[tuple[int, int], set[Record]] = {}
    for m in mentions:
        if m.record is not None:
            kb_records.setdefault((m.start, m.end), set()).add(m.record)
    # An unambiguous KB match keeps its record even when its surface lost a title («الملك سلمان» → سلمان).
    links = {(m.start, m.end): next(iter(recs)) if len(recs := kb_records.get((m.start, m.end), set())) == 1
             and next(iter(recs)).type == m.label
             else kb.link(text[m.start:m.end], m.label, doc.published, context_ids) for m in mentions}
    seen: set[tuple[int, int]] = set()
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        # A short form takes its long form's identity, even when that is unknown (no guessing).
        record = links.get(joins.get((m.start, m.end), (m.start, m.end)))
        doc.entities.append(Entity(
            start=m.start, end=m.end, text=text[m.start:m.end], label=m.label,
            entity=record.id if record is not None else None,
            name=record.name_en if record is not None else None,
        ))
