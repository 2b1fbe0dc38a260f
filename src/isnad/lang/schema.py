"""The schema of isnad's language data: every file, every list in it, what it holds and for whom.

The schema itself is data (``lang/schema.json``); a file may describe its own lists instead
(``"entries": "described"``: every list is ``{"doc": …, "words": […]}`` or ``{"doc": …, "pairs": {…}}``).  The loader (:mod:`isnad.lang`) refuses a file
that does not match its declaration (an undeclared list, a missing one, a value of the wrong
kind), so a list cannot be added, renamed or mistyped without the schema saying so.
``tests/test_lang.py`` checks the data against the rules of :data:`DISJOINT` and the general ones:
no entry twice in a list (after folding), every entry foldable, table keys unique.

Kinds of value:
- ``words``: a list of words or phrases, matched by key (folded, ة→ه, hamza seats, casefold);
- ``map``: words → a number, a string or a list (a value per entry: 3 for «ثلاثة», P30M …);
- ``groups``: group name → words (one file holding the cue lists of several claim types);
- ``text``: one string.
A :class:`Table` is a tab-separated file with named columns; ``#`` starts a comment line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

KINDS = ("words", "map", "groups", "text")


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
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
    key_columns: tuple[int, ...]  # these cells together are unique per row
    min_columns: int
    required: tuple[int, ...]  # cells that may not be empty


def _read() -> tuple[dict[str, Lists | Table], tuple[tuple[str, str], ...]]:
    data = json.loads(resources.files("isnad.lang").joinpath("schema.json").read_text(encoding="utf-8"))
    files: dict[str, Lists | Table] = {}
    for name, spec in data["files"].items():
        if spec.get("entries") == "described":
            files[name] = Lists(spec["lang"], spec["about"], _described(name))
        elif "entries" in spec:
            entries = {k: Entry(kind, about) for k, (kind, about) in spec["entries"].items()}
            unknown = sorted({e.kind for e in entries.values()} - set(KINDS))
            if unknown:
                raise ValueError(f"schema.json: {name}: unknown kinds {unknown}")
            files[name] = Lists(spec["lang"], spec["about"], entries)
        else:
            files[name] = Table(spec["lang"], spec["about"], tuple(spec["columns"]), tuple(spec["key_columns"]),
                                spec["min_columns"], tuple(spec["required"]))
    return files, tuple((a, b) for a, b in data["disjoint"])


def _described(name: str) -> dict[str, Entry]:
    """The entries of a file whose every list carries its own description: ``{"doc": …, "words": […]}``
    or ``{"doc": …, "pairs": {…}}``."""
    data = json.loads(resources.files("isnad.lang").joinpath(name).read_text(encoding="utf-8"))
    out = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if not (isinstance(value, dict) and isinstance(value.get("doc"), str) and ("words" in value) != ("pairs" in value)):
            raise ValueError(f"{name}:{key}: expected {{\"doc\": …, \"words\": […]}} or {{\"doc\": …, \"pairs\": {{…}}}}")
        out[key] = Entry("words" if "words" in value else "map", value["doc"])
    return out


#: every language data file and what it declares
#: lists that must share no entry (a word in both would be read two contradictory ways)
FILES, DISJOINT = _read()
