"""The quote stage's language data: every list described and used, no duplicates, foldable, no contradictions."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from isnad import lang
from isnad.components.attribution import in_list, is_complementizer
from isnad.components.quotes import lexicon
from isnad.text.normalize import fold, key

PACKAGE = Path(lexicon.__file__).parent
RAW_CONSTRUCTIONS = json.loads(lang.raw_text(lexicon.CONSTRUCTIONS))
CONSTRUCTIONS = {name: entry for name, entry in RAW_CONSTRUCTIONS.items() if not name.startswith("_")}
SOURCES = {name: words for name, words in lang.lists(lexicon.SOURCES).items() if isinstance(words, list)}
ALL = sorted(CONSTRUCTIONS) + sorted(SOURCES)

# Lists whose words play roles that exclude each other: a word in both would take the first role read and
# silently never the other (a preposition is not a channel, an object's head noun is no speaker …).
SPEAKER_HEADS = ("person_roles", "anonymous_heads", "organization_heads", "media_heads", "media_names",
                 "document_heads", "states")
CONTRADICTIONS = [
    ("prepositions", "channel_prepositions"),
    ("clause_boundaries", "fronted_adverbials"),
    ("kana_forms", "fronted_adverbials"),
    ("subject_relatives", "clause_boundaries"),
    ("complementizers", "prepositions"),
    ("media_heads", "document_heads"),
    ("person_roles", "organization_heads"),
    ("media_heads", "organization_heads"),
    ("document_heads", "organization_heads"),
    *((other, head) for other in ("object_heads", "non_sources", "speaker_adverbials", "speech_nouns", "time_words",
                                  "emphatics", "pronoun_prepositions") for head in SPEAKER_HEADS),
]


def entries(name: str) -> list[str]:
    written = lexicon.written(name)
    return list(written) + (list(written.values()) if isinstance(written, dict) else [])


@pytest.mark.parametrize("name", sorted(CONSTRUCTIONS))
def test_every_construction_list_is_described(name):
    entry = CONSTRUCTIONS[name]
    assert set(entry) in ({"doc", "words"}, {"doc", "pairs"}), name
    assert len(entry["doc"]) > 20, name
    assert entry.get("words") or entry.get("pairs"), name


@pytest.mark.parametrize("name", ALL)
def test_no_duplicates_inside_a_list_once_folded(name):
    folded = [fold(w).casefold() for w in lexicon.written(name)]
    assert len(folded) == len(set(folded)), sorted(w for w in folded if folded.count(w) > 1)


@pytest.mark.parametrize("name", ALL)
def test_every_entry_is_foldable_and_clean(name):
    for word in entries(name):
        assert word and word == word.strip() and "  " not in word, (name, word)
        assert fold(fold(word)) == fold(word), (name, word)
    for word in lexicon.words(name):
        assert fold(word) == word and word.casefold() == word, (name, word)


def test_every_construction_list_is_read_by_the_code_and_every_name_read_exists():
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    assert {name for name in CONSTRUCTIONS if f'"{name}"' not in code} == set(), "lists no code reads"
    read = set(re.findall(r'(?:lexicon\.(?:words|ordered|pairs|keys|written)|listed)\(\s*"([a-z_]+)"', code))
    assert read - set(CONSTRUCTIONS) - set(SOURCES) == set(), "lists the code reads that the data lacks"


@pytest.mark.parametrize(("first", "second"), CONTRADICTIONS)
def test_no_word_in_two_lists_that_contradict_each_other(first, second):
    # compared as the lists are matched: the construction lists on folded words, the source nouns on keys
    match = fold if first in CONSTRUCTIONS or second in CONSTRUCTIONS else key
    assert {match(w) for w in entries(first)} & {match(w) for w in entries(second)} == set()


def test_a_word_in_two_speaker_lists_is_a_known_overlap():
    allowed = {  # «وزير»: an unnamed minister and a role; «مراسل»: an outlet's reporter, an anonymous person
        ("anonymous_heads", "person_roles"): {"وزير", "spokesman", "spokeswoman"},
        ("anonymous_heads", "media_heads"): {"مراسل"},
    }
    for first, second in itertools.combinations(sorted(SPEAKER_HEADS), 2):
        shared = {key(w) for w in entries(first)} & {key(w) for w in entries(second)}
        assert shared == allowed.get((first, second), set()), (first, second, shared)


def test_morphology_lists_are_affixes_and_the_complementizers_are_all_forms():
    for name, entry in CONSTRUCTIONS.items():
        if entry["doc"].startswith("Morphology"):
            assert all(" " not in w and len(fold(w)) <= 3 for w in entry["words"]), name
    assert all(is_complementizer(fold(w)) for w in ("بأنهم", "فإنه", "إننا", "That"))
    assert not any(is_complementizer(fold(w)) for w in ("أنباء", "بأنهمو", "لأن"))
    assert in_list("complementizers", "إنهما", exact=True)
