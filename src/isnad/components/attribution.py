"""Shared machinery of the quotes and sources stages: cue lexicon, word lists, source kinds.

Attribution in Arabic news is carried by a small closed class of words (reporting verbs in all their
conjugations, participles such as «مضيفا», phrases such as «بحسب»), so the cues are a lexicon
(``lang/cues.tsv``) expanded by a generator rule instead of a learned model; the noun lists that
decide a source's kind (media, document, anonymous …) are ``lang/quotes_sources.json``.
Everything here works on the folded text (``doc.norm.text``) so spelling variants of hamza, alef
maqsura and diacritics match the same entries; offsets go back to the original through ``doc``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from isnad import lang
from isnad.core.limits import WORD_PAIRS
from isnad.core.resources import resource
from isnad.text.normalize import fold, key

# Every function of one word or phrase below is pure and asked about the same few word types again and again
# (by each construction of the quotes stage and by the sources stage): memoised per type.
_PER_TYPE = WORD_PAIRS

QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", "‘": "’", "‹": "›", '"': '"'}


@dataclass(frozen=True)
class CueEntry:
    """One surface form of a cue: which lemma it belongs to and how it behaves."""

    lemma: str
    strength: str
    kind: str  # verb | prep | en | en_prep
    form: str  # past | present | participle | extra
    strict: bool
    gender: str = ""  # "m" or "f" for a singular form («قال»/«قالت», «مضيفا»/«مضيفة»), "" for plural, dual, phrase


@lru_cache(maxsize=_PER_TYPE)
def is_complementizer(word: str) -> bool:
    """أن/إن with a proclitic ب/و/ف and a pronoun suffix («بأنه», «إنهم»), or «that»: it opens a reported clause."""
    return word.casefold() in word_lists()["complementizers"]


def _past_forms(stem: str) -> list[tuple[str, str]]:
    return [(stem, "m"), (stem + "ت", "f"), (stem + "وا", ""), (stem + "ا", ""), (stem + "تا", "")]


def _present_forms(form: str) -> list[tuple[str, str]]:
    base = form[1:]
    return [("ي" + base, "m"), ("ت" + base, "f"), ("ي" + base + "ون", ""), ("ت" + base + "ان", ""),
            ("ي" + base + "ان", "")]


def _participle_forms(base: str) -> list[tuple[str, str]]:
    return [(base + "ا", "m"), (base + "ة", "f"), (base + "ين", ""), (base + "تين", ""), (base + "ون", "")]


def _extra_gender(form: str, lemma: str) -> str:
    """«قالت», «ادعت» are feminine, «قوله» masculine, «قولها» feminine; plurals and others say nothing."""
    if form.endswith("ت") and not lemma.endswith("ت"):
        return "f"
    return "f" if form.endswith("ها") else "m" if form.endswith("ه") else ""


@resource
def cue_lexicon() -> dict[str, CueEntry]:
    """Folded surface form -> entry, with every generated conjugation and object pronoun."""
    lexicon: dict[str, CueEntry] = {}
    for lemma, strength, kind, past, present, participle, extra, flags in lang.rows("cues.tsv"):
        strict = flags == "strict"
        entries: list[tuple[str, str, str]] = []
        if past != "-":
            entries += [(f, "past", g) for f, g in _past_forms(fold(past))]
        if present != "-":
            entries += [(f, "present", g) for f, g in _present_forms(fold(present))]
        if participle != "-":
            entries += [(f, "participle", g) for f, g in _participle_forms(fold(participle))]
        if extra != "-":
            entries += [
                (fold(f).casefold(), "extra", "") if kind.startswith("en") else
                (fold(f), "extra", _extra_gender(fold(f), fold(lemma)) if kind == "verb" else "")
                for f in extra.split(",")
            ]
        for form, pos, gender in entries:
            entry = CueEntry(fold(lemma), strength, kind, pos, strict, gender)
            if kind == "prep":
                lexicon[form] = entry  # «نقلا عن» is the phrase, not the dual of «نقل»
            else:
                lexicon.setdefault(form, entry)
            if kind == "verb" and pos in ("past", "present", "extra") and not form.endswith(("ه", "ها", "هم")):
                for suffix in ("ه", "ها", "هم"):
                    lexicon.setdefault(form + suffix, entry)
    return lexicon


@lru_cache(maxsize=_PER_TYPE)
def lookup_cue(word: str) -> tuple[CueEntry, int] | None:
    """The cue entry of a folded word and the length of its proclitic (و/ف, or ل before the present), or None."""
    lexicon = cue_lexicon()
    lower = word.casefold()
    if lower in lexicon:
        return lexicon[lower], 0
    if len(word) > 3 and word[0] in "وف" and word[1:] in lexicon:
        return lexicon[word[1:]], 1
    if len(word) > 4 and word[0] == "ل" and (entry := lexicon.get(word[1:])) is not None and entry.form == "present" and (
        entry.kind == "verb" and not entry.strict
    ):
        return entry, 1  # «…، ليضيف بأنه», «لتتهم "وايمو" مهندسها بـ…»: ل of the outcome with the present tense
    return None


@resource
def word_lists() -> dict[str, frozenset[str]]:
    """The noun lists of ``quotes_sources.json`` as sets of keys (article and clitics stripped)."""
    return {name: lang.words("quotes_sources.json", name)
            for name, values in lang.lists("quotes_sources.json").items() if isinstance(values, list)}


def without_article(word_key: str) -> str:
    """A key without its article and a proclitic joined to the article («وبالقوات» → «قوات»); a lone proclitic
    stays («وزارة»)."""
    for prefix in ("وال", "فال", "بال", "لل", "كال", "ال"):
        if word_key.startswith(prefix) and len(word_key) - len(prefix) >= 2:
            return word_key[len(prefix):]
    return word_key


@lru_cache(maxsize=_PER_TYPE)
def bare(word: str) -> str:
    """A key for list lookup: folded, article and one proclitic removed (وبالقوات -> قوات)."""
    w = key(word)
    stem = without_article(w)
    if stem == w and len(w) > 4 and w[0] in "وفبل":
        return w[1:]
    return stem


@lru_cache(maxsize=1)
def _bare_sets() -> dict[str, frozenset[str]]:
    return {name: frozenset(bare(w) for w in values) for name, values in word_lists().items()}


@lru_cache(maxsize=_PER_TYPE)
def in_list(word_list: str, word: str, exact: bool = False) -> bool:
    """Whether ``word`` (any clitic/article form unless ``exact``) is in the named list."""
    keys = word_lists()[word_list]
    if key(word) in keys:
        return True
    # «البيانات» -> «بيانات» is listed as is; «وبالقوات» -> «قوات» matches the list's own bare forms
    return not exact and (bare(word) in keys or bare(word) in _bare_sets()[word_list])


@lru_cache(maxsize=_PER_TYPE)
def phrase_in_list(word_list: str, text: str) -> bool:
    """Whether the folded key of ``text`` contains one of the list's multi-word entries."""
    k = " " + " ".join(re.findall(r"\w+", key(text))) + " "
    return any(" " in entry and f" {entry} " in k for entry in word_lists()[word_list])


@lru_cache(maxsize=_PER_TYPE)
def is_speech_verb(word: str) -> bool:
    """A verb of speaking that is not itself a cue («ختمت حداد حديثها قائلة», «ورد الوزير قائلا»):
    its subject is the speaker of a participle quote that follows."""
    verbs = word_lists()["speech_verbs"]
    w = key(word)
    candidates = {w} | ({w[1:]} if len(w) > 3 and w[0] in "وف" else set())
    for c in list(candidates):
        candidates |= {c[: -len(s)] for s in ("ت", "وا", "ا", "تا") if c.endswith(s) and len(c) - len(s) >= 2}
    return bool(candidates & verbs)


@lru_cache(maxsize=64)
def _bare_phrases(word_list: str) -> tuple[str, ...]:
    """The list's entries as bare keys word by word, each followed by a space."""
    return tuple(" ".join(bare(w) for w in entry.split()) + " " for entry in word_lists()[word_list])


def _starts_with_phrase(word_list: str, text: str) -> bool:
    k = " ".join(bare(w) for w in re.findall(r"\w+", text)) + " "
    return k.startswith(_bare_phrases(word_list))


def _english_kind(words: list[str]) -> str:
    article = words[0].casefold() in word_lists()["english_articles"] and len(words) > 1
    if article:
        words = words[1:]
    lowered = [w.casefold() for w in words]
    lists = word_lists()
    if any(w in lists["media_names"] for w in lowered) or any(w in lists["media_names"] for w in words) or (
        phrase_in_list("media_names", " ".join(words))
    ):
        return "media"
    if lowered[0] in lists["document_heads"] or len(words) <= 4 and lowered[-1] in lists["document_heads"]:
        return "document"  # «a statement», «a ministry statement»
    if not article and len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper():
        return "person"  # «David Swanson, a spokesman …»
    run = len(words)
    while run > 0 and words[run - 1][:1].isupper():
        run -= 1
    named = len(words) - run >= 2 and run > 0 and (  # a capitalised name right after the role word
        lowered[run - 1] in lists["anonymous_heads"] or lowered[run - 1] in lists["person_roles"]
    )
    if any(w in lists["anonymous_heads"] for w in lowered) and not named:  # but «IMF spokeswoman Julie Kozack»
        return "anonymous"
    if any(w in lists["person_roles"] for w in lowered):
        return "person"
    if any(w in lists["organization_heads"] for w in lowered) or any(w in lists["states"] for w in lowered):
        return "organization"
    if article and words[0][:1].isupper():
        return "organization"  # «the Syrian Observatory for Human Rights»
    if article and len(words) <= 3 and words[-1].endswith("s") and words[-1].islower():
        return "organization"  # «the rebels», «the local authorities»: a group speaking as such
    return "person"


@lru_cache(maxsize=_PER_TYPE)
def source_kind(text: str) -> str:
    """person | organization | media | document | anonymous for a source's surface (gold README kinds)."""
    words = [w for w in re.findall(r"\w+", fold(text)) if w]
    if not words:
        return "anonymous"
    english = words[0].isascii()
    if english:
        return _english_kind(words)
    if len(words) > 1 and key(words[0]) in word_lists()["latest_words"]:
        words = words[1:]  # «آخر الأرقام الصادرة عن …»: the latest figures are still figures
        text = " ".join(words)
    if len(words) > 1 and key(words[0]) in word_lists()["quantifier_words"]:
        members = source_kind(" ".join(words[1:]))  # «بعض المصادر», «أحد المسؤولين»: some of a group, unnamed
        return "anonymous" if members in ("anonymous", "person") else members
    head = words[0]
    first_key = key(head)
    if _unnamed_people(first_key):
        return "anonymous"  # «محامون», «محامو رونالدو», «مصدران»: several of a role or of a source, unnamed
    starts_definite = first_key.startswith(("ال", "لل")) or bare(head) != first_key and first_key[1:3] == "ال"
    if in_list("document_heads", head):
        return "document"
    if len(words) > 1 and in_list("person_titles", head, exact=True):
        return "person"  # «الطبيب عمر الشامي، مدير مستشفى …»: a titled name, whatever institution follows
    if (in_list("media_heads", head) or in_list("media_names", head) or _starts_with_phrase("media_names", text)
            or _starts_with_phrase("media_heads", text)) and (
        not in_list("anonymous_heads", head)
    ):
        return "media"
    if in_list("person_roles", head) and len(words) > 1 and key(words[1]).startswith("ال"):
        return "person"  # «وزير الداخلية»: an identifiable office-holder, unlike «وزير سوري»
    if in_list("anonymous_heads", head) and (not starts_definite or key(head) in word_lists()["collective_definites"] or (
        len(words) == 1 and not in_list("person_roles", head)  # «المسؤول» with no named official before it
    )):
        # «متحدث باسم القوة», «مصادر أمنية», «وزير سوري»: an unnamed person or group.
        if len(words) <= 6 and not any(_looks_like_name(w) for w in words[1:]):
            return "anonymous"
        if not in_list("person_roles", head):
            return "anonymous"
    if in_list("states", text) or phrase_in_list("states", text) and len(words) <= 3:
        return "organization"
    if in_list("organization_heads", head) and not in_list("person_roles", head):
        return "organization"
    if in_list("person_roles", head):
        return "person"
    if len(words) == 1 and first_key.startswith("ال") and first_key.endswith("ي") and len(first_key) > 5:
        return "person"  # «الإدريسي», «البكري»: a family name (nisba form) alone is a person, not an institution
    if len(words) == 1 and first_key.startswith("ال") and first_key.endswith("ان") and len(first_key) > 6 and (
        first_key[2:-2].endswith("ي") or in_list("person_roles", first_key[:-2])
    ):
        return "person"  # «الصحفيان», «الوزيران»: two people (the dual of a nisba or a role), no institution
    if first_key.startswith("ال") and _participle(first_key[2:]):
        return "person"  # «المسؤول الكوري الجنوبي», «المحلل الاقتصادي»: someone who does something, named before
    if starts_definite or first_key.endswith("ه") and len(words) > 1 and key(words[1]).startswith("ال"):
        return "organization"  # «قيادة الجيش»: a feminine institution noun in construct
    return "person"


def _unnamed_people(first_key: str) -> bool:
    """A plural or dual of a role or an anonymous head, no article: «محامون», «محامو» (in construct), «مصدران»."""
    for ending in ("ون", "ين", "ان", "و"):
        stem = first_key[: -len(ending)]
        if first_key.endswith(ending) and len(stem) >= 3 and (
            in_list("person_roles", stem) or in_list("person_roles", stem + "ي") or in_list("anonymous_heads", stem)
        ) and not first_key.startswith("ال"):
            return True
    return False


def _participle(stem: str) -> bool:
    """A masculine singular participle (folded, no article) of a shape no place noun shares: فاعل («لاعب»),
    مُفاعِل («مهاجم»), مفعول («مسؤول»), مُتفعِّل («متحدث»), مُستفعِل («مستشار»).  Four-letter م-words are left out
    («المعهد», «المكتب» are places), as are feminine and plural forms."""
    if stem.endswith(("ه", "ات", "ون", "ين", "ي", "و", "ا")) or len(stem) < 4:
        return False  # (a long vowel at the end is a foreign name: «الناتو»)
    if len(stem) == 4:
        return stem[1] == "ا"
    return stem[0] == "م" and (stem[2] == "ا" and len(stem) == 5 or stem[3] == "و" and len(stem) == 5
                               or stem.startswith(("مت", "مست")) and len(stem) >= 5)


def _looks_like_name(word: str) -> bool:
    """A capitalised Latin word; Arabic has no case, so Arabic names are not guessed here."""
    return word[:1].isupper()
