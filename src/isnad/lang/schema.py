"""The schema of isnad's language data: every file, every list in it, what it holds and for whom.

The loader (:mod:`isnad.lang`) refuses a file that does not match its declaration (an undeclared
list, a missing one, a value of the wrong kind), so a list cannot be added, renamed or mistyped
without the schema saying so.  ``tests/test_lang.py`` checks the data against the rules of
:data:`DISJOINT` and the general ones: no entry twice in a list (after key folding), every entry
foldable (:func:`isnad.text.normalize.key` leaves something and folding is idempotent), table keys
unique.

Kinds of value:
- ``words``: a list of words or phrases, matched by key (folded, ة→ه, hamza seats, casefold);
- ``map``: words → a number, a string or a list (a value per entry: 3 for «ثلاثة», P30M …);
- ``groups``: group name → words (one file holding the cue lists of several claim types);
- ``text``: one string.
A ``Table`` is a tab-separated file with named columns; ``#`` starts a comment line.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    kind: str  # words | map | groups | text
    about: str


@dataclass(frozen=True)
class Lists:
    """A JSON file of named entries; ``_doc`` (and ``_doc_*``) keys hold its prose documentation."""

    lang: str  # ar | en | ar+en
    about: str
    entries: dict[str, Entry]


@dataclass(frozen=True)
class Table:
    """A tab-separated file; rows may be shorter than ``columns`` (missing cells are empty)."""

    lang: str
    about: str
    columns: tuple[str, ...]
    key_columns: tuple[int, ...] = (0,)  # these cells together are unique per row
    min_columns: int = 2
    required: tuple[int, ...] = field(default=(0,))  # cells that may not be empty


def words(about: str) -> Entry:
    return Entry("words", about)


def mapping(about: str) -> Entry:
    return Entry("map", about)


FILES: dict[str, Lists | Table] = {
    "claims_cues.json": Lists("ar+en", "claim types and hearsay (isnad.components.claims)", {
        "ar": Entry("groups", "Arabic cue phrases by claim type: causal, comparison, approximators, prediction, "
                              "hearsay, future_prefix_exclude, future_word_exclude"),
        "en": Entry("groups", "English cue phrases by claim type"),
    }),
    "cues.tsv": Table("ar+en", "reporting cues with strength and conjugation stems (quotes, sources)",
                      ("lemma", "strength", "kind", "past", "present", "participle", "extra", "flags"),
                      key_columns=(0, 2), min_columns=8, required=(0, 1, 2)),
    "matching.json": Lists("ar+en", "matching articles and claims across outlets (isnad.matching)", {
        "stopwords": Entry("groups", "words that never make two statements alike (function words, reporting verbs)"),
        "clause_openers": Entry("groups", "words and phrases that open a new clause inside a sentence"),
        "outcomes": Entry("groups", "what happened to what a figure counts: killed, injured, missing …"),
        "superseded": words("markers of a figure its own article presents as an earlier one («حصيلة سابقة»)"),
        "update": words("markers of the newest state of a changing count («ارتفع»، «حتى الآن»)"),
        "negations": words("words that turn a statement into its opposite («لم»، «من دون»، «فشل»)"),
        "since": words("words before a time from which a state lasts («منذ»): no other period of a figure"),
    }),
    "ner_context.json": Lists("ar", "context words for the NER features (isnad.ner.features)", {
        "NAT": words("nationality adjectives: a club or a person precedes them"),
        "ROLE": words("professions before a person's name"),
        "WORK": words("heads before a title, brand or model name"),
        "GIVEN": words("common given names: a person's name starts or goes on there"),
    }),
    "ner_en.json": Lists("en", "English entity rules (isnad.components.entities)", {
        "ORG": words("organisation head words inside a capitalised run"),
        "LOC": words("place head words inside a capitalised run"),
        "PER_TITLE": words("titles before a person's name"),
        "LOC_PREP": words("prepositions that announce a place"),
        "CONNECT": words("small words that join a capitalised run (of, the, al, bin …)"),
        "NOT_NAME": words("capitalised words that never start or end a name (sentence-initial function words …)"),
        "NATIONALITY_SUFFIXES": words("endings of nationality adjectives"),
        "NATIONALITY": words("nationality adjectives, never an entity"),
    }),
    "ner_gazetteer.tsv": Table("ar", "well-known places and organisations for the NER gazetteer feature",
                               ("alias", "label")),
    "ner_world.tsv": Table("ar", "countries, capitals, cities, regions, clubs, companies, media, parties",
                           ("alias", "label")),
    "ner_rules_ar.json": Lists("ar", "Arabic entity span rules (isnad.components.entities)", {
        "ORG_HEADS": words("organisation head nouns: a name is built from them with its genitive chain"),
        "ORG_NEEDS_NISBA": words("organisation heads that name an organisation only with a nisba or a name after"),
        "LOC_HEADS": words("place heads kept in the place's span («ناحية هبهب»)"),
        "LOC_DEF_HEADS": words("definite place heads that start a place name only before a name"),
        "DESCRIPTORS": words("generic descriptors dropped before a known name («وكالة رويترز» → «رويترز»)"),
        "DESCRIPTORS_NAME_ONLY": words("descriptors dropped only before a name the knowledge base knows"),
        "STOP": words("words that end or never begin a name"),
        "CLAUSE_WORDS": words("complementizers, relative pronouns and reporting verbs: never inside a name"),
        "ADJ_CONTEXT": words("words before which an adjective is read as an adjective, not a name"),
        "LOC_HEADS_BOTH": words("place heads whose name is tagged with and without the head"),
        "LOC_HEADS_BARE": words("place heads left out of the place's span («قرية» + name → name)"),
        "NOT_NAME_ADJ": words("adjectives that never end a name («الموالية»)"),
        "NAME_PARTICLES": words("particles inside personal names (أبو، بن، عبد)"),
        "NAME_BOUNDARIES": words("words that stand between a name and an alias («… المكنى أبو عبد الله», «المدعو …»)"),
        "NOT_ENTITY_HEADS": words("heads of things that are not entities (diseases, operations, ships)"),
        "GROUPS": words("religious and ethnic groups: not entities in the gold convention"),
        "DESCRIPTIVE_PLACE_HEADS": words("place nouns that with a nationality adjective describe a place "
                                         "(«العاصمة الروسية») rather than name it"),
        "MEDIA_DESCRIPTORS": words("media descriptors: the name after them is an ORG"),
        "ORG_FIRST_ADJ": words("adjectives that may follow an organisation head directly"),
        "LOC_TRAILING_ADJ": words("adjectives that end a facility's name («مطار … الدولي»)"),
        "ORG_DEF_HEADS_LONG": words("definite organisation heads that need a long chain to be a name"),
        "WAW_NAMES": words("first names that begin with و (not the conjunction)"),
        "COMMON_NOUN_NAMES": words("names that are common nouns before a definite adjective («القاعدة الجوية»)"),
        "NAMES_SPELT_LIKE_PARTICLES": words("names written like a particle («علي» / «على»)"),
    }),
    "ner_triggers.json": Lists("ar", "trigger words that announce an entity class (NER features)", {
        "ORG": words("words that announce an organisation"),
        "LOC": words("words that announce a place"),
        "PER": words("titles and roles that announce a person"),
        "SAY": words("reporting verbs (a speaker stands next to them)"),
        "PREP": words("prepositions (a place often follows)"),
        "SPORT": words("sports words: club names are ORG in a sports sentence"),
    }),
    "numbers_ar.json": Lists("ar", "Arabic number words (isnad.text.numbers)", {
        "unit": mapping("1-10"), "teen_only": mapping("numbers only before عشر/عشرة"),
        "ten": mapping("20-90"), "hundred": mapping("100-900"), "scale": mapping("×1000 …"),
        "scale2": mapping("dual of a scale (2 × scale)"), "fraction": mapping("fractions before a scale word"),
        "vague_tens": words("عشرات: tens"), "vague_hundreds": words("مئات: hundreds"),
        "vague_plural": mapping("plurals of a scale used alone (آلاف)"),
        "no_article": words("forms that must not take ال (الاثنين is Monday)"),
        "proclitics": words("proclitics split off a number word"),
    }),
    "numbers_en.json": Lists("en", "English number words (isnad.text.numbers)", {
        "unit": mapping("1-19"), "ten": mapping("20-90"), "hundred": mapping("hundred"),
        "scale": mapping("thousand, million …"), "suffix": mapping("k, m, bn … glued to digits"),
        "fraction": mapping("half, quarter"), "vague_tens": words("dozens, tens"),
        "vague_hundreds": words("hundreds"), "vague_plural": mapping("thousands, millions …"),
    }),
    "quotes_sources.json": Lists("ar+en", "quotes and sources (isnad.components.attribution, quotes, sources)", {
        "media_heads": words("heads of media names (وكالة، صحيفة)"),
        "media_names": words("news agencies and outlets"),
        "document_heads": words("documents cited as sources (بيان، تقرير)"),
        "anonymous_heads": words("unnamed sources (مصادر، مسؤول)"),
        "person_roles": words("offices and roles of a person"),
        "organization_heads": words("organisation heads that make a source an organisation"),
        "states": words("states speaking as such"),
        "time_words": words("time words that end a speaker or channel"),
        "channel_starts": words("phrases that open a channel («في بيان»)"),
        "complementizers": words("أن/إن and their forms"),
        "prepositions_after_cue": words("prepositions a cue governs"),
        "writer": Entry("text", "the name of the last link of a chain when the article has no author"),
        "speech_nouns": words("nouns of speech (حديثه، كلمته)"),
        "speech_verbs": words("verbs of speech that are not reporting cues on their own"),
        "person_titles": words("titles before a name"),
        "issued_words": words("«صادر عن»: a document issued by"),
        "event_verbs": words("verbs of an issue or event («بيان صدر أمس»)"),
        "date_words": words("words that belong to a date"),
        "source_adjectives": words("adjectives of anonymous sources (مطلعة)"),
        "speech_verbal_nouns": words("verbal nouns of speech"),
        "ba_complement_lemmas": words("cues whose content follows بـ"),
        "judgement_lemmas": words("cues of judgement (اعتبر، وصف)"),
        "honorific_pronouns": words("honorifics that stand for a person (سموه)"),
        "non_sources": words("nouns that are never a source"),
        "speaker_connectors": words("connectors that continue the last speaker"),
        "non_speaker_words": words("particles and conjunctions that never head a speaker"),
        "relative_pronouns": words("relative pronouns"),
        "pronoun_prepositions": words("prepositions with a pronoun suffix"),
        "demonstratives": words("demonstratives"),
        "speaker_adverbials": words("adverbials between a verb and its subject (بدوره)"),
        "negations": words("negations between a subject and its verb"),
        "subordinators": words("subordinators that start no reported clause"),
        "related_link_markers": words("«اقرأ أيضا» markers of related links"),
        "impersonal_cues": words("impersonal cue forms (يذكر أن)"),
        "in_which_pronouns": words("«فيه/فيها» after a verb"),
        "object_heads": words("verbal nouns that start a cue's object"),
    }),
    "times_months.tsv": Table("ar+en", "month names in five naming systems", ("name", "month", "system", "context"),
                              key_columns=(0, 2), min_columns=4, required=(0, 1, 2)),
    "times_relative.json": Lists("ar+en", "relative and auxiliary time expressions (isnad.components.times)", {
        "days": mapping("days relative to publication (أمس → -1)"),
        "weak_days": words("«اليوم»: a date only in a reporting context"),
        "dayparts": words("parts of a day"),
        "modifiers": mapping("«الماضي» -1, «المقبل» +1 …"),
        "this_year": words("this year"), "last_year": words("last year"), "next_year": words("next year"),
        "this_month": words("this month"), "last_month": words("last month"), "next_month": words("next month"),
        "year_edges": words("parts of a year (مطلع، نهاية)"), "month_edges": words("parts of a month"),
        "bare_year_cues": words("words before a bare year that make it a year"),
        "year_suffixes": words("«م»، «ميلادي»"), "hijri_suffixes": words("«هـ»، «هجري»"),
        "halves": mapping("halves and quarters of a year → months"),
        "decades": mapping("decades → first year"), "ordinal_days": mapping("ordinal day names → day"),
        "range_open": words("words that open a range"), "range_join": words("words that join a range"),
        "approximators": words("bounds before a duration"), "duration_cues": words("words before a duration"),
        "age_cues": words("words before an age"), "age_after": words("words after an age"),
        "half_words": mapping("«ونصف» → 0.5"), "half_units": mapping("«نصف ساعة» → PT30M"),
        "number_after_unit": words("plural units a number may follow"),
        "day_verbs": words("verbs whose subject's weekday is a date"),
        "month_alone_cues": words("words before a bare month name that make it a month"),
        "verb_like_days": words("day words that are also verbs (غدا)"),
        "bare_year_cues_in_span": words("cues kept inside a year's span"),
        "mentioned_month": mapping("«الشهر نفسه» → offset from the last month written"),
        "mentioned_year": mapping("«العام نفسه» → offset from the last year written"),
        "ambiguous_month_cues": words("cues before a month name that is also a word"),
        "numeric_date_cues": words("cues before a numeric date"),
        "not_weekday_before": words("words before which a weekday is not a date"),
        "not_weekday_after": words("words after which a weekday is not a date"),
        "vague_now_before": words("«حتى الآن»: no date"), "one_words": words("«واحد» after a unit"),
        "dual_modifiers": words("dual modifiers («اليومين الماضيين»)"), "death_words": words("death words"),
        "clock_cues": words("clock cues"), "future_cues": words("future cues"),
        "following": words("«الموالي»: the next such month"),
        "year_edge_words": words("«نهاية العام»: parts of the year or month written with a bare unit"),
        "weekday_before_en": words("English words before a weekday (last, next, this, on)"),
        "range_joins_extra": words("joiners of two durations besides range_join (-, أو)"),
        "day_complements": words("words after a bare «اليوم» that make it a date (أن، عن)"),
        "duration_modifiers": words("«الأيام الثلاثة الماضية»: modifiers after a counted unit"),
        "duration_modifiers_before_number": words("«الأيام الماضية الثلاثة»: modifiers between the unit and the number"),
    }),
    "times_units.tsv": Table("ar+en", "duration units", ("form", "unit", "count"), min_columns=3),
    "times_weekdays.tsv": Table("ar+en", "weekday names", ("name", "weekday")),
    "units_ar.tsv": Table("ar", "nouns that name what a number counts", ("form", "unit", "flags"), key_columns=(0, 2)),
    "units_bounds.tsv": Table("ar+en", "approximators and bounds around a number", ("phrase", "bound", "position"),
                              key_columns=(0, 2), min_columns=3),
    "units_context.json": Lists("ar+en", "context words for quantities and findings", {
        "identifier_before": words("words before an identifier number (رقم، قرار)"),
        "clock_after": words("words after a clock time"), "count_words": words("«عدد»، «حصيلة»"),
        "percent": words("percent signs and words"), "fractions": mapping("fractions → percent"),
        "not_after_fraction": words("words after which a fraction is not a share"),
        "range_join": words("range joiners"), "range_and": words("«و» in a range"),
        "range_open": words("«بين»"), "ellipsis_followers": words("words after an elliptic number"),
        "part_cues": words("«بينهم»: parts of a total"), "part_cues_en": words("«including»"),
        "context_skip": words("prepositions skipped when looking for a unit"),
        "year_before_unit": words("«يوم»، «عام» before a number"),
        "not_people": words("adverbs that are not people"),
        "half_words": mapping("«ونصف» → 0.5"), "half_units": words("units that take «ونصف»"),
        "fraction_pronouns": mapping("«نصفهم» → 50"),
    }),
    "units_currency.tsv": Table("ar", "how a bare currency noun gets its ISO code",
                                ("family", "qualifier", "code", "country words"), key_columns=(0, 1), min_columns=3,
                                required=(0, 2)),
    "units_en.tsv": Table("en", "English unit nouns", ("form", "unit", "flags")),
}

#: lists that must share no entry (a word in both would be read two contradictory ways)
DISJOINT: tuple[tuple[str, str], ...] = (
    ("ner_rules_ar.json:STOP", "ner_rules_ar.json:ORG_HEADS"),
    ("ner_rules_ar.json:STOP", "ner_rules_ar.json:LOC_HEADS"),
    ("ner_rules_ar.json:LOC_HEADS", "ner_rules_ar.json:ORG_HEADS"),
    ("ner_rules_ar.json:LOC_HEADS", "ner_rules_ar.json:LOC_HEADS_BARE"),
    ("ner_rules_ar.json:NOT_NAME_ADJ", "ner_rules_ar.json:ORG_FIRST_ADJ"),
    ("ner_triggers.json:ORG", "ner_triggers.json:LOC"),
    ("ner_triggers.json:ORG", "ner_triggers.json:PER"),
    ("ner_triggers.json:LOC", "ner_triggers.json:PER"),
    ("ner_en.json:NATIONALITY", "ner_en.json:ORG"),
    ("times_relative.json:last_year", "times_relative.json:next_year"),
    ("times_relative.json:last_month", "times_relative.json:next_month"),
    ("times_relative.json:this_year", "times_relative.json:last_year"),
    ("quotes_sources.json:anonymous_heads", "quotes_sources.json:media_heads"),
    ("quotes_sources.json:anonymous_heads", "quotes_sources.json:document_heads"),
    ("quotes_sources.json:media_heads", "quotes_sources.json:document_heads"),
    ("quotes_sources.json:relative_pronouns", "quotes_sources.json:demonstratives"),
)
