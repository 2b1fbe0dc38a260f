"""The language data: every file matches its schema, every list is clean, no two lists contradict each other."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from isnad import lang
from isnad.lang.schema import DISJOINT, FILES, Lists, Table
from isnad.text.normalize import fold, key

LIST_FILES = [name for name, spec in FILES.items() if isinstance(spec, Lists)]
TABLES = [name for name, spec in FILES.items() if isinstance(spec, Table)]


def test_every_data_file_is_declared_and_every_declared_file_exists() -> None:
    present = {p.name for p in resources.files("isnad.lang").iterdir() if p.name.endswith((".json", ".tsv"))}
    assert present == set(FILES) | {"schema.json"}


@pytest.mark.parametrize("name", LIST_FILES)
def test_lists_match_the_schema(name: str) -> None:
    assert set(lang.lists(name)) == set(FILES[name].entries)


def _word_lists(name: str) -> dict[str, list[str]]:
    """Every list of words in a file, including the lists inside a groups entry and a map's keys."""
    out: dict[str, list[str]] = {}
    for entry, value in lang.lists(name).items():
        kind = FILES[name].entries[entry].kind
        if kind == "words":
            out[entry] = value
        elif kind == "map":
            out[entry] = list(value)
        elif kind == "groups":
            out.update({f"{entry}.{group}": words for group, words in value.items()})
    return out


@pytest.mark.parametrize("name", LIST_FILES)
def test_no_entry_twice_in_a_list_and_every_entry_folds(name: str) -> None:
    problems = []
    for entry, words in _word_lists(name).items():
        keys = Counter(fold(w).casefold() for w in words)  # spelling variants of hamza, ى, diacritics
        problems += [f"{entry}: {k!r} {n} times" for k, n in keys.items() if n > 1]
        problems += [f"{entry}: {w!r} folds to nothing" for w in words if not key(w)]
        problems += [f"{entry}: {w!r} does not fold stably" for w in words if fold(fold(w)) != fold(w)]
    assert problems == []


@pytest.mark.parametrize("name", TABLES)
def test_table_keys_are_unique_and_fold(name: str) -> None:
    spec = FILES[name]
    assert isinstance(spec, Table)
    seen = Counter(tuple(fold(row[i]).casefold() for i in spec.key_columns) for row in lang.rows(name))
    assert [k for k, n in seen.items() if n > 1] == []
    assert [row for row in lang.rows(name) if not key(row[0])] == []


@pytest.mark.parametrize(("first", "second"), DISJOINT)
def test_lists_that_contradict_each_other_share_no_entry(first: str, second: str) -> None:
    a_file, a_entry = first.split(":")
    b_file, b_entry = second.split(":")
    assert lang.words(a_file, a_entry) & lang.words(b_file, b_entry) == frozenset()


def test_a_file_that_breaks_the_schema_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    lang.lists.cache_clear()
    good = lang.raw_text("ner_context.json")
    data = json.loads(good)
    data["SURPRISE"] = ["x"]
    monkeypatch.setattr(lang, "raw_text", lambda name: json.dumps(data))
    with pytest.raises(lang.LangDataError, match=r"ner_context.json: entries not in the schema: \['SURPRISE'\]"):
        lang.lists("ner_context.json")
    data.pop("SURPRISE")
    data["GIVEN"] = "محمد"
    with pytest.raises(lang.LangDataError, match="ner_context.json:GIVEN: expected a list"):
        lang.lists("ner_context.json")
    monkeypatch.undo()
    lang.lists.cache_clear()
    assert lang.lists("ner_context.json")["GIVEN"]


def test_a_table_row_with_too_many_cells_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    lang.rows.cache_clear()
    monkeypatch.setattr(lang, "raw_text", lambda name: "# comment\nيناير\t1\tgregorian\t0\textra\n")
    with pytest.raises(lang.LangDataError, match="times_months.tsv:2: 5 columns"):
        lang.rows("times_months.tsv")
    monkeypatch.undo()
    lang.rows.cache_clear()
