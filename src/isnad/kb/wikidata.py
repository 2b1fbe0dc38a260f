"""Import a Wikidata JSON dump into KB records (JSON Lines), so users can grow the KB offline.

Reads the official dump layout (a JSON array with one entity per line, lines ending in commas,
first line ``[`` and last ``]``), plain or gzip-compressed, streaming, so a full dump never has to
fit in memory; a small file holding one JSON array on any number of lines also works.  Each entity
becomes a record: type from ``P31`` (human → PER, state/city/settlement → LOC, organisation → ORG;
see ``data/wikidata.json``), canonical names from the ``en``/``ar`` labels, aliases from the labels
and aliases in Arabic, Egyptian Arabic, Persian and English, and dated roles from ``P39`` (position
held) with ``P580``/``P582`` (start/end) qualifiers.  Positions in the bundled mapping become
(office, country) pairs the role resolver understands; other positions keep their English label
when the position's own entity is in the dump, else their Q-id (records with such roles are held
back and written last, once every position label has been seen).  Imported records keep their
Q-ids; :class:`isnad.kb.KnowledgeBase` folds them into a bundled record of the same type and
English name when it loads them next to the bundled data.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from isnad.batch.progress import Progress
from isnad.inputs import InputError
from isnad.kb.records import Record, Role, parse_date, record_to_json
from isnad.outfile import AtomicOutput

DATA = Path(__file__).parent / "data" / "wikidata.json"
LANGS = ("ar", "arz", "fa", "en")
SOURCE = "Wikidata P39"


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _entity(item: object, where: str) -> dict[str, Any]:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise InputError(f"{where}: not a Wikidata entity (expected an object with an \"id\" such as \"Q42\")")
    return item


def located_entities(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, entity)`` for each entity of a dump, ``where`` naming the file and line.

    Raises :class:`~isnad.inputs.InputError` at the first line that is not an entity, or when the
    file is not UTF-8 JSON (or gzip of it).
    """
    try:
        with _open(path) as handle:
            first = handle.readline()
            if first.strip() != "[":
                try:
                    data = json.loads(first + handle.read())
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}: not a Wikidata JSON dump (invalid JSON at line {err.lineno}"
                                     f" column {err.colno}: {err.msg})") from None
                for i, item in enumerate(data if isinstance(data, list) else [data], start=1):
                    yield f"{path}: item {i}", _entity(item, f"{path}: item {i}")
                return
            for number, line in enumerate(handle, start=2):
                line = line.strip().rstrip(",")
                if not line or line == "]":
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{number}: not a Wikidata entity (malformed JSON, column {err.colno}:"
                                     f" {err.msg})") from None
                yield f"{path}:{number}", _entity(item, f"{path}:{number}")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; a Wikidata dump is JSON (.json, or .json.gz)") from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        raise InputError(f"{path}: not a readable gzip file ({err})") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


def iter_entities(path: Path) -> Iterator[dict[str, Any]]:
    """Entities of a dump, streamed line by line (falls back to one JSON document for small files)."""
    for _, entity in located_entities(path):
        yield entity


def _time(snak: dict[str, Any]) -> str | None:
    """A Wikidata time value as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` per its precision (None if BCE/vague)."""
    value = (snak.get("datavalue") or {}).get("value") or {}
    text, precision = value.get("time"), value.get("precision", 11)
    if not text or not text.startswith("+") or precision < 9:
        return None
    year, month, day = text[1:11].split("-")
    if precision == 9 or month == "00":
        return year.lstrip("0").zfill(4)
    if precision == 10 or day == "00":
        return f"{year.lstrip('0').zfill(4)}-{month}"
    return f"{year.lstrip('0').zfill(4)}-{month}-{day}"


def _item_ids(claims: dict[str, Any], prop: str) -> list[str]:
    out = []
    for statement in claims.get(prop, ()):
        value = ((statement.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if isinstance(value, dict) and value.get("id"):
            out.append(value["id"])
    return out


class Importer:
    """Turns entities into records; remembers position labels seen on the way."""

    def __init__(self, mapping: dict[str, Any] | None = None) -> None:
        mapping = mapping or json.loads(DATA.read_text(encoding="utf-8"))
        self.types: dict[str, str] = mapping["types"]
        self.positions: dict[str, dict[str, str | None]] = mapping["positions"]
        self.position_class: str = mapping["position_class"]
        self.labels: dict[str, str] = {}

    def _names(self, entity: dict[str, Any]) -> tuple[str, str, list[str]]:
        labels = entity.get("labels") or {}
        names: dict[str, None] = {}
        for lang in LANGS:
            if lang in labels:
                names.setdefault(labels[lang]["value"], None)
            for alias in (entity.get("aliases") or {}).get(lang, ()):
                names.setdefault(alias["value"], None)
        en = (labels.get("en") or {}).get("value", "")
        ar = (labels.get("ar") or labels.get("arz") or {}).get("value", "")
        return en, ar, [n for n in names if n not in (en, ar)]

    def _roles(self, claims: dict[str, Any]) -> list[tuple[str, Role]]:
        roles = []
        for statement in claims.get("P39", ()):
            value = ((statement.get("mainsnak") or {}).get("datavalue") or {}).get("value") or {}
            qid = value.get("id")
            if not qid:
                continue
            qualifiers = statement.get("qualifiers") or {}
            start = next((t for t in map(_time, qualifiers.get("P580", ())) if t), None)
            end = next((t for t in map(_time, qualifiers.get("P582", ())) if t), None)
            known = self.positions.get(qid)
            office = known["office"] if known else qid
            country = known.get("country") if known else None
            roles.append((qid, Role(office, country, parse_date(start), parse_date(end, end=True),
                                    f"{SOURCE} {qid}")))
        return roles

    def convert(self, entity: dict[str, Any]) -> tuple[Record | None, list[str]]:
        """The record of one entity (None when its type is not PER/ORG/LOC) and its unmapped position ids."""
        claims = entity.get("claims") or {}
        classes = _item_ids(claims, "P31")
        en, ar, aliases = self._names(entity)
        if self.position_class in classes and en:
            self.labels[entity["id"]] = en
        rtype = next((self.types[c] for c in classes if c in self.types), None)
        roles = self._roles(claims)
        if rtype is None and roles:
            rtype = "PER"
        if rtype is None or entity.get("type", "item") != "item" or not (en or ar):
            return None, []
        record = Record(id=entity["id"], type=rtype, name_en=en, name_ar=ar, aliases=tuple(aliases),
                        roles=tuple(r for _, r in roles))
        return record, [q for q, r in roles if r.office == q]

    def relabel(self, record: Record) -> Record:
        """Replace unmapped position ids by the position labels seen anywhere in the dump."""
        if not any(r.office in self.labels for r in record.roles):
            return record
        roles = tuple(Role(self.labels.get(r.office, r.office), r.country, r.start, r.end, r.source)
                      for r in record.roles)
        return Record(record.id, record.type, record.name_en, record.name_ar, record.aliases, roles)


def import_dump(dump: Path, output: Path, progress: Progress | None = None) -> int:
    """Convert ``dump`` to a JSON Lines KB file at ``output``; returns the number of records written.

    ``output`` is replaced only once the whole dump has been read: a dump that turns out to be bad
    half-way (:class:`~isnad.inputs.InputError`) leaves it as it was.
    """
    importer = Importer()
    pending: list[Record] = []
    count = entities = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    target = AtomicOutput(output)
    with target as out:
        for where, entity in located_entities(dump):
            entities += 1
            if progress is not None:
                progress.update()
            try:
                record, unmapped = importer.convert(entity)
            except (AttributeError, KeyError, TypeError, ValueError) as err:
                raise InputError(f"{where}: malformed Wikidata entity {entity['id']} ({type(err).__name__}: {err})") from None
            if record is None:
                continue
            if unmapped:
                pending.append(record)  # written at the end, once every position label has been seen
                continue
            out.write(json.dumps(record_to_json(record), ensure_ascii=False) + "\n")
            count += 1
        if not entities:
            raise InputError(f"{dump}: no entities in the dump")
        for record in pending:
            out.write(json.dumps(record_to_json(importer.relabel(record)), ensure_ascii=False) + "\n")
            count += 1
        target.commit()
    return count


def import_main(dump: Path, output: Path) -> int:
    """CLI entry point of ``isnad kb import-wikidata``: exit status 0 on success (bad input raises InputError)."""
    with Progress(None, "entities") as progress:
        count = import_dump(Path(dump), Path(output), progress)
        progress.summary(f"wrote {count:,} KB records to {output} from {progress.done:,} entities")
    return 0
