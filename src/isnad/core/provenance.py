"""What produced an analysis: isnad's version, the stages, and hashes of the data they read.

A store compares ``fingerprint`` with the current pipeline's to find the analyses that are stale
(``isnad corpus reanalyze``).  The hashes cover every file of the language data, the bundled
trained models and the knowledge base (bundled and the user's ``--kb`` files), read once per
process; a change of any byte changes the fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from isnad import __version__
from isnad.core.resources import resource
from isnad.model import Provenance

PACKAGE = Path(__file__).resolve().parent.parent


def _digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]


@resource
def _bundled() -> tuple[str, str, str]:
    return (_digest(_files(PACKAGE / "lang")), _digest(_files(PACKAGE / "trained")),
            _digest(_files(PACKAGE / "kb" / "data")))


@resource
def provenance(stages: tuple[str, ...], kb_paths: tuple[Path, ...] = ()) -> Provenance:
    lang_data, models, kb = _bundled()
    if kb_paths:
        user = [p for path in kb_paths for p in (_files(path) if path.is_dir() else [path]) if p.exists()]
        kb = hashlib.sha256((kb + _digest(user)).encode()).hexdigest()[:16]
    whole = "|".join((__version__, ",".join(stages), lang_data, models, kb))
    return Provenance(isnad=__version__, stages=list(stages), lang_data=lang_data, models=models, kb=kb,
                      fingerprint=hashlib.sha256(whole.encode()).hexdigest()[:16])
