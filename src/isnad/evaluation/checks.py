"""Up-front checks of the files ``isnad eval`` scores against, so that a wrong file fails once, clearly.

A score over garbage is worse than an error: a CoNLL file whose second column holds no tags used
to score micro-F1 0.000 and exit 0.  Each check reads the whole file and raises
:class:`~isnad.inputs.InputError` naming the file, the first bad line and what was expected.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from isnad.inputs import InputError

_TAG = re.compile(r"^(?:O|[BIES]-[A-Za-z]+)$")


def _text(path: Path, what: str) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file, not {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (byte {err.start}); {what} must be UTF-8") from None


def check_conll(path: Path) -> Path:
    """``path`` when it is a CoNLL file ``token TAG [PREDICTED]`` with BIO tags and at least one gold entity."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a CoNLL file")
    rows = bad = entities = 0
    first_bad = ""
    for number, line in enumerate(_text(path, "a CoNLL file").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        rows += 1
        tags = fields[1:3]
        if not tags or not all(_TAG.match(tag) for tag in tags):
            bad += 1
            first_bad = first_bad or f"{path}:{number}: {line.strip()[:60]!r}"
            continue
        entities += tags[0] != "O"
    if not rows:
        raise InputError(f"{path}: no tokens; a CoNLL file has 'token TAG' lines, a blank line between sentences")
    if bad:
        raise InputError(f"{first_bad} is not 'token TAG' with a BIO tag such as B-PER, I-LOC or O"
                         f" ({bad:,} of {rows:,} lines are like this)")
    if not entities:
        raise InputError(f"{path}: no gold entity (every tag is O); there is nothing to score")
    return path


def check_tsv(path: Path) -> Path:
    """``path`` when it is a CheckThat! TSV with a header, a text column and a label on every row."""
    from isnad.classify.data import read_tsv

    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a TSV file")
    _text(path, "a TSV file")
    try:
        examples = read_tsv(path)
    except (ValueError, csv.Error) as err:
        raise InputError(str(err) if str(err).startswith(str(path)) else f"{path}: {err}") from None
    labelled = sum(1 for ex in examples if ex.label is not None)
    if not labelled:
        raise InputError(f"{path}: no labelled rows (a 'label' or 'class_label' column); there is nothing to score")
    return path
