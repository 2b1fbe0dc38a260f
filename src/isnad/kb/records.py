"""KB record types and the JSON (Lines) record format shared by the bundled data, user files and the
Wikidata importer.

One record per entity::

    {"id": "per:vladimir-putin", "type": "PER", "name_en": "Vladimir Putin", "name_ar": "فلاديمير بوتين",
     "aliases": ["بوتين", "Putin"], "short_aliases": ["بوتين"], "country": "RU", "kind": null,
     "roles": [{"office": "president", "country": "RU", "start": "2012-05-07", "end": null,
                "source": "Wikipedia list of office-holders"}]}

``short_aliases`` (family names, common words such as «صالح») are matched like other aliases, but
never after a peeled preposition ب/ل/ك («لصالح» is "in favour of", not "to Saleh"; «وصالح» still matches).
Role ``country`` is an ISO 3166-1 alpha-2 code for offices of a state, or the KB id of the
organisation for offices of an organisation (``org:un`` for the UN secretary-general).  Dates may be
partial ("2014", "2014-06"): a partial start counts from the first day of the period, a partial end
until its last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class Role:
    """A dated office held by a person: ``office`` of ``country`` between ``start`` and ``end``."""

    office: str
    country: str | None
    start: dt.date | None
    end: dt.date | None
    source: str

    def active(self, on: dt.date) -> bool:
        """Whether the role was held on ``on`` (open ends count as ongoing)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Record:
    """One entity: id, PER/ORG/LOC type, canonical names, all aliases, dated roles.

    ``country`` is the ISO code the entity belongs to (a country's own code for a country record);
    ``kind`` a free subtype ("country", "city", "governorate", "ministry", "armed group", "media"…).
    """

    id: str
    type: str
    name_en: str
    name_ar: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    country: str | None = None
    kind: str | None = None
    short_aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Canonical names and aliases, without duplicates, in a stable order."""
        seen: dict[str, None] = {}
        for name in (self.name_en, self.name_ar, *self.aliases, *self.short_aliases):
            if name:
                seen.setdefault(name, None)
        return tuple(seen)


def parse_date(value: str | None, *, end: bool = False) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → a date (partial ends go to the period's last day)."""
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-") if p]
    year = parts[0]
    month = parts[1] if len(parts) > 1 and parts[1] else (12 if end else 1)
    last = calendar.monthrange(year, month)[1] if end else 1
    day = parts[2] if len(parts) > 2 and parts[2] else last
    return dt.date(year, month, day)


def role_from_json(data: dict[str, Any]) -> Role:
    return Role(
        office=str(data["office"]),
        country=data.get("country"),
        start=parse_date(data.get("start")),
        end=parse_date(data.get("end"), end=True),
        source=str(data.get("source") or ""),
    )


def record_from_json(data: dict[str, Any]) -> Record:
    """Build a record from its JSON object; raises ``ValueError`` on a bad id or type."""
    rid = str(data.get("id") or "")
    rtype = str(data.get("type") or "").upper()
    if not rid or rtype not in TYPES:
        raise ValueError(f"KB record needs an id and a type in {TYPES}: {data!r:.200}")
    return Record(
        id=rid,
        type=rtype,
        name_en=str(data.get("name_en") or ""),
        name_ar=str(data.get("name_ar") or ""),
        aliases=tuple(str(a) for a in data.get("aliases") or ()),
        roles=tuple(role_from_json(r) for r in data.get("roles") or ()),
        country=data.get("country"),
        kind=data.get("kind"),
        short_aliases=tuple(str(a) for a in data.get("short_aliases") or ()),
    )


def _date_json(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def record_to_json(record: Record) -> dict[str, Any]:
    """The JSON object of a record (inverse of :func:`record_from_json`, dates as full ISO dates)."""
    out: dict[str, Any] = {
        "id": record.id,
        "type": record.type,
        "name_en": record.name_en,
        "name_ar": record.name_ar,
        "aliases": list(record.aliases),
    }
    if record.short_aliases:
        out["short_aliases"] = list(record.short_aliases)
    if record.country:
        out["country"] = record.country
    if record.kind:
        out["kind"] = record.kind
    if record.roles:
        out["roles"] = [
            {"office": r.office, "country": r.country, "start": _date_json(r.start), "end": _date_json(r.end),
             "source": r.source}
            for r in record.roles
        ]
    return out


def merge(a: Record, b: Record) -> Record:
    """Two records with the same id: names of ``a`` win, aliases and roles are united."""
    aliases = tuple(dict.fromkeys((*a.aliases, *b.aliases, b.name_en, b.name_ar)).keys())
    aliases = tuple(x for x in aliases if x and x not in (a.name_en, a.name_ar))
    return Record(
        id=a.id,
        type=a.type,
        name_en=a.name_en or b.name_en,
        name_ar=a.name_ar or b.name_ar,
        aliases=aliases,
        roles=tuple(dict.fromkeys((*a.roles, *b.roles)).keys()),
        country=a.country or b.country,
        kind=a.kind or b.kind,
        short_aliases=tuple(dict.fromkeys((*a.short_aliases, *b.short_aliases)).keys()),
    )


class KBError(Exception):
    """A knowledge-base file that cannot be read, with a message naming the file and line."""


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():  # only JSON Lines: a folder may hold other JSON (the bundled lexicons do)
        yield from sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    elif path.exists():
        yield path
    else:
        raise KBError(f"{path}: no such knowledge-base file or folder")


def _record(item: object, where: str) -> Record:
    if not isinstance(item, dict):
        raise KBError(f"{where}: expected a JSON object (a KB record), got {type(item).__name__}")
    try:
        return record_from_json(item)
    except (ValueError, TypeError, KeyError, AttributeError) as err:  # bad id/type, dates, roles
        detail = f"missing {err}" if isinstance(err, KeyError) else str(err)
        raise KBError(f"{where}: not a valid KB record ({detail})") from None


def read_records(paths: Iterable[Path]) -> Iterator[Record]:
    """Records from ``.jsonl`` files (one object a line), ``.json`` files (an array) or folders of ``.jsonl``.

    Raises :class:`KBError` naming the file (and line) of the first problem: a missing path, a file
    that is not UTF-8 JSON, a line that is not a record.
    """
    for path in paths:
        for file in _files(Path(path)):
            try:
                if file.suffix == ".json":
                    try:
                        items = json.loads(file.read_text(encoding="utf-8"))
                    except json.JSONDecodeError as err:
                        raise KBError(f"{file}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
                    for item in items if isinstance(items, list) else [items]:
                        yield _record(item, str(file))
                    continue
                with file.open(encoding="utf-8") as handle:
                    for number, line in enumerate(handle, start=1):
                        line = line.strip()
                        if not line or line.startswith("//"):
                            continue
                        try:
                            item = json.loads(line)
                        except json.JSONDecodeError as err:
                            raise KBError(f"{file}:{number}: malformed JSON (column {err.colno}: {err.msg})") from None
                        yield _record(item, f"{file}:{number}")
            except UnicodeDecodeError:
                raise KBError(f"{file}: not UTF-8 text (a knowledge-base file is JSON Lines)") from None
            except OSError as err:
                raise KBError(f"{file}: cannot read ({err.strerror or err})") from None


def check_files(paths: Iterable[Path]) -> int:
    """Read every record of the user's KB ``paths`` (raising :class:`KBError` on the first problem);
    returns the number of records, so a command can refuse a bad ``--kb`` before any work."""
    return sum(1 for _ in read_records(paths))
