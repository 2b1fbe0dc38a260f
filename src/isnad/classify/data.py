"""Readers for the CheckThat! TSV files, in their own formats.

The subjectivity files have ``sentence_id / sentence / label (OBJ|SUBJ)`` (English adds
``solved_conflict``); the check-worthiness files have ``tweet_text`` and ``class_label`` as
``Yes/No`` (2024) or ``1/0`` (2022 1A/1B).  Fields with quotes are CSV-quoted, so the csv module
with its default quoting is the right parser.  Labels become 1 (SUBJ / Yes) or 0.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

TEXT_COLUMNS = ("sentence", "tweet_text", "text")
LABEL_COLUMNS = ("label", "class_label")
POSITIVE = {"subj", "yes", "1", "true"}
NEGATIVE = {"obj", "no", "0", "false"}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: int | None


def read_tsv(path: Path) -> list[Example]:
    """Examples of one TSV file; the text and label columns are found by name."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        first = next(reader, None)
        if first is None:
            raise ValueError(f"{path}: empty file; expected a header row naming the columns")
        header = [h.strip().lower() for h in first]
        text_col = _find(header, TEXT_COLUMNS, path)
        label_col = next((header.index(c) for c in LABEL_COLUMNS if c in header), None)
        id_col = next((i for i, h in enumerate(header) if h.endswith("id")), None)
        examples = []
        for n, row in enumerate(reader):
            if len(row) <= text_col:
                continue
            label = None
            if label_col is not None and label_col < len(row):
                label = parse_label(row[label_col], f"{path}:{reader.line_num}")
            ident = row[id_col] if id_col is not None and id_col < len(row) else str(n)
            examples.append(Example(ident, row[text_col].strip(), label))
    return examples


def _find(header: list[str], names: tuple[str, ...], path: Path) -> int:
    for name in names:
        if name in header:
            return header.index(name)
    raise ValueError(f"{path}: no column named {' or '.join(names)} in header {header}")


def parse_label(value: str, path: Path | str = "") -> int:
    low = value.strip().lower()
    if low in POSITIVE:
        return 1
    if low in NEGATIVE:
        return 0
    raise ValueError(f"{path}: unknown label {value!r}")


def guess_language(texts: list[str]) -> str:
    """``ar`` when Arabic letters outnumber Latin ones over the sample, else ``en``."""
    sample = " ".join(texts[:200])
    return "ar" if len(_ARABIC.findall(sample)) >= len(_LATIN.findall(sample)) else "en"


def dedupe(examples: list[Example], exclude: set[str] | frozenset[str] = frozenset()) -> list[Example]:
    """Drop unlabelled rows, repeated texts (the tweet sets repeat across editions) and ``exclude`` keys."""
    seen = set(exclude)
    result = []
    for ex in examples:
        key = text_key(ex.text)
        if key in seen or ex.label is None:
            continue
        seen.add(key)
        result.append(ex)
    return result


def text_key(text: str) -> str:
    """Whitespace-insensitive identity of a text, for de-duplication."""
    return " ".join(text.split())
