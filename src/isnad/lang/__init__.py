"""isnad's language data: every word list, map and table of Arabic and English, behind one loader.

The files sit in this package; :mod:`isnad.lang.schema` declares each of them and each of its
lists.  Stages ask for what they need:

- :func:`lists` — a JSON file's entries as written (validated against the schema);
- :func:`words` — one list as a frozenset of matching keys (:func:`isnad.text.normalize.key`);
- :func:`rows` — a table's rows, padded to its columns, comments and blank lines skipped.

Everything is read once per process, under a lock (:func:`isnad.core.resources.resource`), so
threads and workers share it.  A file that does not match the schema raises :class:`LangDataError`
naming the file and the entry; ``tests/test_lang.py`` also checks every list for duplicates, for
entries that fold to nothing and for the conflicts :data:`isnad.lang.schema.DISJOINT` forbids.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from isnad.core.resources import resource
from isnad.lang.schema import FILES, Lists, Table
from isnad.text.normalize import key


class LangDataError(ValueError):
    """A language data file that does not match its schema."""


def _declared(name: str) -> Lists | Table:
    try:
        return FILES[name]
    except KeyError:
        raise LangDataError(f"{name}: not a declared language data file (see isnad.lang.schema)") from None


def raw_text(name: str) -> str:
    _declared(name)
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@resource
def lists(name: str) -> dict[str, Any]:
    """The entries of a JSON lists file (documentation keys ``_doc…``/``_comment`` left out)."""
    spec = _declared(name)
    if not isinstance(spec, Lists):
        raise LangDataError(f"{name}: is a table; use rows()")
    try:
        data = json.loads(raw_text(name))
    except json.JSONDecodeError as err:
        raise LangDataError(f"{name}: invalid JSON at line {err.lineno}: {err.msg}") from None
    if not isinstance(data, dict):
        raise LangDataError(f"{name}: expected a JSON object")
    entries = {k: v for k, v in data.items() if not k.startswith("_")}
    if all(isinstance(v, dict) and "doc" in v for v in entries.values()):  # a self-described file
        entries = {k: v.get("words", v.get("pairs")) for k, v in entries.items()}
    undeclared = sorted(set(entries) - set(spec.entries))
    missing = sorted(set(spec.entries) - set(entries))
    if undeclared or missing:
        raise LangDataError(f"{name}: entries not in the schema: {undeclared}; declared but missing: {missing}")
    for entry_name, value in entries.items():
        problem = _kind_problem(spec.entries[entry_name].kind, value)
        if problem:
            raise LangDataError(f"{name}:{entry_name}: {problem}")
    return entries


def _kind_problem(kind: str, value: Any) -> str | None:
    if kind == "words":
        ok = isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)
        return None if ok else "expected a list of non-empty strings"
    if kind == "map":
        return None if isinstance(value, dict) and all(isinstance(k, str) for k in value) else "expected an object"
    if kind == "groups":
        ok = isinstance(value, dict) and all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in value.values())
        return None if ok else "expected an object of string lists"
    if kind == "text":
        return None if isinstance(value, str) else "expected a string"
    return f"unknown kind {kind!r} in the schema"


@resource
def words(name: str, entry: str) -> frozenset[str]:
    """A word list (or a group ``"ar.hearsay"`` of a groups entry) as matching keys."""
    head, _, group = entry.partition(".")
    value = lists(name)[head]
    if group:
        value = value.get(group, [])
    if not isinstance(value, list):
        raise LangDataError(f"{name}:{entry}: not a word list")
    return frozenset(key(w) for w in value)


@resource
def rows(name: str) -> list[tuple[str, ...]]:
    """The rows of a table, each padded with empty cells to the declared columns."""
    spec = _declared(name)
    if not isinstance(spec, Table):
        raise LangDataError(f"{name}: is a lists file; use lists() or words()")
    width = len(spec.columns)
    out = []
    for number, line in enumerate(raw_text(name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not spec.min_columns <= len(cells) <= width:
            raise LangDataError(f"{name}:{number}: {len(cells)} columns, expected {spec.min_columns} to {width} "
                                f"({', '.join(spec.columns)})")
        cells += [""] * (width - len(cells))
        empty = [spec.columns[i] for i in spec.required if not cells[i]]
        if empty:
            raise LangDataError(f"{name}:{number}: empty {', '.join(empty)}")
        out.append(tuple(cells))
    return out


__all__ = ["LangDataError", "lists", "raw_text", "rows", "words"]
