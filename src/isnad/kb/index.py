"""The knowledge base: alias lookup, dated role resolution, linking and fast mention finding.

Aliases are indexed on their token keys (``isnad.text.normalize.key`` of each word token, joined
by one space), so spelling variants handled by normalisation (hamza seats, alef forms, ى/ي, ة/ه,
Persian letters, diacritics) need not be listed; lexical variants (غوتيريش/غوتيريس) are aliases.

``find_mentions`` scans word tokens once: only tokens whose key (or whose key after peeling the
proclitics و/ف + ب/ل/ك) starts some alias are extended into n-grams, longest first.  Spans are exact
substrings of the input and exclude the proclitic letters («وبغداد» → «بغداد»), except for the
ل+ال contraction, where the article's alef is gone: «للأمم المتحدة» is returned whole, as no
substring spells «الأمم».  A match never crosses a line break.  When an alias belongs to several
records, the span is returned once per record (same offsets), for the caller to disambiguate
with :meth:`KnowledgeBase.link`.

Folding alef forms costs short names their identity: «إب» (a Yemeni city), «أب» (father) and «آب»
(August) share one key, as do «راب» (Raab) and «رأب» (to mend).  A one-word alias of at most four
letters therefore does not match a surface that writes a hamza the alias does not have; a surface
that drops the alias's hamza still matches, as writers often leave it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from isnad.core.limits import WORD_TYPES
from isnad.kb.offices import OfficeLexicon, peel, token_keys
from isnad.kb.records import Record, Role, merge, read_records
from isnad.text.normalize import fold, key
from isnad.text.tokens import tokenize

DATA_DIR = Path(__file__).parent / "data"
_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
# A person whose every role ended this long before the date is unlikely to be meant.
_STALE = dt.timedelta(days=5 * 365)
_QID = re.compile(r"Q\d+$")


@dataclass(frozen=True)
class _Alias:
    record: Record
    short: bool  # never matched after a peeled preposition («لصالح» is not «ل + صالح»)
    exact: tuple[str, ...] | None  # acronyms ("US", "WHO") match only these exact surfaces
    written: tuple[str, ...] | None = None  # short one-word aliases as written: their hamza forms count


_ALEFS = "اأإآ"
_SHORT_NAME = 4  # letters in a one-word alias whose hamza forms must agree with the surface


def _hamza_clash(written: tuple[str, ...] | None, surface: str) -> bool:
    """True when ``surface`` writes a hamza-bearing alef where none of the ``written`` forms has it."""
    if not written:
        return False
    seen = [c for c in surface if c in _ALEFS]
    for form in written:
        mine = [c for c in form if c in _ALEFS]
        if len(mine) != len(seen) or all(c == "ا" or c == m for m, c in zip(mine, seen, strict=True)):
            return False
    return True


def alias_key(surface: str) -> str:
    """The index key of a surface: token keys joined by single spaces."""
    return " ".join(token_keys(surface))


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and alias.isascii() and all(c.isupper() for c in letters) and len(letters) <= 5


def _letters_offset(word: str, n: int) -> int:
    """Index in ``word`` after its first ``n`` letters and any marks that follow them."""
    i = count = 0
    while i < len(word) and count < n:
        if fold(word[i]):
            count += 1
        i += 1
    while i < len(word) and not fold(word[i]):
        i += 1
    return i


class KnowledgeBase:
    """Entities with aliases and dated roles, from the bundled data plus any user files."""

    def __init__(self, records: Iterable[Record], offices: OfficeLexicon | None = None) -> None:
        merged: dict[str, Record] = {}
        for record in records:
            merged[record.id] = merge(merged[record.id], record) if record.id in merged else record
        self.records: dict[str, Record] = _fold_wikidata(merged)
        self.offices = offices or OfficeLexicon.bundled()
        self._aliases: dict[str, list[_Alias]] = defaultdict(list)
        self._first: dict[str, int] = {}
        self._roles: dict[str, list[tuple[Record, Role]]] = defaultdict(list)
        self._owners: dict[tuple[str, ...], str] = {}
        for record in self.records.values():
            self._index(record)

    def _index(self, record: Record) -> None:
        short = set(record.short_aliases)
        for name in record.names():
            keys = token_keys(name)
            if not keys:
                continue
            exact = (name.replace(".", ""),) if _is_acronym(name) else None
            written = (name,) if len(keys) == 1 and len(keys[0]) <= _SHORT_NAME and not name.isascii() else None
            bucket = self._aliases[" ".join(keys)]
            old = next((a for a in bucket if a.record.id == record.id), None)
            if old is not None:  # several spellings of one record share a key: the most permissive wins
                exact = None if old.exact is None or exact is None else tuple({*old.exact, *exact})
                written = None if old.written is None or written is None else (*old.written, *written)
                bucket.remove(old)
                bucket.append(_Alias(record, old.short and name in short, exact, written))
            else:
                bucket.append(_Alias(record, name in short, exact, written))
            self._first[keys[0]] = max(self._first.get(keys[0], 0), len(keys))
            if record.type == "LOC" and record.kind == "country" and record.country:
                self._owners.setdefault(keys, record.country)
            elif record.type != "PER" and not _is_acronym(name):
                self._owners.setdefault(keys, record.id)
        for role in record.roles:
            self._roles[role.office].append((record, role))

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def from_paths(cls, paths: Iterable[Path], bundled: bool = True) -> KnowledgeBase:
        """A KB from record files/folders, on top of the bundled data unless ``bundled`` is False.

        Folders contribute their ``*.jsonl`` files; a ``.json`` array file must be named explicitly.
        """
        sources = ([DATA_DIR] if bundled else []) + [Path(p) for p in paths]
        return cls(read_records(sources))

    @classmethod
    def default(cls, extra_paths: tuple[Path, ...] = ()) -> KnowledgeBase:
        """The bundled KB merged with ``extra_paths`` (files or folders), loaded once per path tuple."""
        return _cached(tuple(Path(p).resolve() for p in extra_paths))

    # -- lookups --------------------------------------------------------------------------------

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def lookup(self, surface: str) -> list[Record]:
        """Records whose normalised alias equals the normalised ``surface``."""
        return [a.record for a in self._aliases.get(alias_key(surface), ())]

    def gazetteer(self) -> dict[str, str]:
        """Normalised alias → "PER" | "ORG" | "LOC" (the most common type among its records)."""
        out: dict[str, str] = {}
        for alias, entries in self._aliases.items():
            counts = Counter(a.record.type for a in entries)
            out[alias] = max(counts, key=lambda t: (counts[t], t == "ORG", t == "LOC"))
        return out

    def holders(self, office: str, owner: str | None, on: dt.date | None) -> list[Record]:
        """People holding ``office`` of ``owner`` (any owner when None) on ``on`` (ever, when None).

        On a handover day the holder who started that day is kept alone.
        """
        found: dict[str, tuple[Record, Role]] = {}
        for record, role in self._roles.get(office, ()):
            if owner is not None and role.country != owner:
                continue
            if on is not None and not role.active(on):
                continue
            previous = found.get(record.id)
            if previous is None or (role.start or dt.date.min) > (previous[1].start or dt.date.min):
                found[record.id] = (record, role)
        if on is not None and len(found) > 1:
            latest = max((r.start or dt.date.min) for _, r in found.values())
            newest = [rec for rec, r in found.values() if (r.start or dt.date.min) == latest]
            if len(newest) == 1 and latest == on:
                return newest
        return [rec for rec, _ in found.values()]

    def parse_role(self, role: str) -> tuple[str, str | None] | None:
        """``(office, owner)`` of a role phrase (owner: ISO code or organisation id), or None."""
        return self.offices.parse(role, self._owners)

    def resolve_role(self, role: str, on: dt.date | None) -> Record | None:
        """The holder of the office named by ``role`` on ``on``; a person named in ``role`` wins.

        None when the phrase names no known office or no owner (country, organisation), nobody or
        several people held it then, or ``on`` is None and the office had more than one holder.
        """
        people = {rec.id: rec for start, end, rec in self.find_mentions(role)
                  if rec.type == "PER" and self._named_in_role(role, start, end, rec)}
        if len(people) == 1:
            return next(iter(people.values()))
        parsed = self.parse_role(role)
        if parsed is None:
            return None
        office, owner = parsed
        if owner is None:
            # «وزير المالية» alone names no country: every country has one, and the data holding a
            # single finance minister for that date says nothing about which one the article means.
            return None
        found = self.holders(office, owner, on)
        return found[0] if len(found) == 1 else None

    def _named_in_role(self, role: str, start: int, end: int, record: Record) -> bool:
        """Whether the person alias at ``role[start:end]`` names the person of the phrase.

        A full name does; a short one («علوش», «الأسد») only alone or after an office or title
        («الرئيس الأسد»): in «مازن علوش» the family name is another man's.
        """
        if alias_key(role[start:end]) not in {alias_key(a) for a in record.short_aliases}:
            return True
        before = token_keys(role[:start])
        return not before or before[-1] in self.offices.prefixes or self.parse_role(role[:start]) is not None

    def link(self, surface: str, label: str | None = None, on: dt.date | None = None,
             context: Iterable[str] = frozenset()) -> Record | None:
        """The record meant by ``surface``: alias match, type agreement, co-occurring ids, date.

        Falls back to role resolution («الرئيس الروسي») for PER or unlabelled surfaces.  None when
        nothing matches or the best candidates tie.
        """
        want = _LABELS.get(label or "")
        if label and want is None:  # MISC and other labels have no records
            return None
        candidates = self._candidates(token_keys(surface))
        if want:
            candidates = [c for c in candidates if c.type == want]
        if not candidates:
            return self.resolve_role(surface, on) if want in (None, "PER") else None
        if len(candidates) == 1:
            return candidates[0]
        scores = {c.id: self._score(c, on, set(context)) for c in candidates}
        ranked = sorted(candidates, key=lambda c: -scores[c.id])
        if scores[ranked[0].id] > scores[ranked[1].id]:
            return ranked[0]
        return None

    def _candidates(self, keys: tuple[str, ...]) -> list[Record]:
        """Records for ``keys``: as is, else with a proclitic peeled, else without leading titles/head
        words («الأمير», «وكالة») or a trailing nationality adjective («حزب العدالة والتنمية التركي»)."""
        if not keys:
            return []
        found = [a.record for a in self._aliases.get(" ".join(keys), ())]
        if found:
            return found
        for variant, _, prep in peel(keys[0])[1:]:
            found = [a.record for a in self._aliases.get(" ".join((variant, *keys[1:])), ()) if not (a.short and prep)]
            if found:
                return found
        if len(keys) > 1 and keys[0] in self.offices.prefixes:
            return self._candidates(keys[1:])
        if len(keys) > 1 and (keys[-1],) in self.offices.demonyms:
            owner = self.offices.demonyms[(keys[-1],)]
            return [r for r in self._candidates(keys[:-1]) if owner in (r.country, r.id)]
        return []

    def _score(self, record: Record, on: dt.date | None, context: set[str]) -> float:
        score = 0.0
        if record.id in context:
            score += 3
        countries = {self.records[c].country for c in context if c in self.records} - {None}
        mine = {record.country} | {r.country for r in record.roles}
        if countries & mine:
            score += 1
        if on is not None and record.roles:
            if any(r.active(on) for r in record.roles):
                score += 2
            else:
                stale = all(r.end is not None and r.end + _STALE < on for r in record.roles)
                future = all(r.start is not None and r.start > on for r in record.roles)
                score -= stale or future
        return score

    # -- mention finding ------------------------------------------------------------------------

    def find_mentions(self, text: str) -> list[tuple[int, int, Record]]:
        """Every alias occurrence in ``text``: left to right, longest first, non-overlapping spans."""
        tokens = tokenize(text)
        memo: dict[str, str] = {}
        keys = []
        for tok in tokens:
            k = memo.get(tok.text)
            if k is None:
                k = memo[tok.text] = key(tok.text)
            keys.append(k)
        out: list[tuple[int, int, Record]] = []
        i, n_tok = 0, len(tokens)
        while i < n_tok:
            match = self._match_at(text, tokens, keys, i)
            if match is None:
                i += 1
                continue
            start, j, entries = match
            end = tokens[j].end
            out.extend((start, end, a.record) for a in entries)
            i = j + 1
        return out

    def _match_at(self, text: str, tokens: list, keys: list[str], i: int) -> tuple[int, int, list[_Alias]] | None:
        """The longest alias starting at token ``i`` (fewest peeled letters on ties): ``(start, j, entries)``."""
        best: tuple[int, int, list[_Alias]] | None = None
        for variant, peeled, prep in self._variants(keys[i]):
            longest = self._first.get(variant)
            if not longest or (best is not None and i + longest - 1 <= best[1]):
                continue
            start = tokens[i].start + _letters_offset(tokens[i].text, peeled) if peeled else tokens[i].start
            for n in range(min(longest, len(tokens) - i), 0, -1):
                j = i + n - 1
                if best is not None and j <= best[1]:
                    break
                if n == 1 and prep and len(variant) < 3:
                    break  # «لجو» alone is no «جو»: a two-letter rest counts only inside a longer alias
                if n > 1 and "\n" in text[tokens[j - 1].end:tokens[j].start]:
                    continue
                entries = self._aliases.get(" ".join((variant, *keys[i + 1:j + 1])))
                if not entries:
                    continue
                surface = text[start:tokens[j].end]
                good = [a for a in entries if not (a.short and prep)
                        and (a.exact is None or surface.replace(".", "") in a.exact)
                        and not _hamza_clash(a.written, surface)]
                if good:
                    best = (start, j, good)
                    break
        return best

    @staticmethod
    @lru_cache(maxsize=WORD_TYPES)
    def _variants(word_key: str) -> tuple[tuple[str, int, bool], ...]:
        return tuple(peel(word_key))


def _fold_wikidata(records: dict[str, Record]) -> dict[str, Record]:
    """Merge imported Wikidata records (``Q…`` ids) into a curated record of the same type and English name,
    so a user's Wikidata import and the bundled data do not make every famous name ambiguous."""
    curated = {(r.type, key(r.name_en)): r.id for r in records.values() if r.name_en and not _QID.match(r.id)}
    out = dict(records)
    for rid, record in records.items():
        target = curated.get((record.type, key(record.name_en))) if _QID.match(rid) else None
        if target is not None:
            out[target] = merge(out[target], record)
            del out[rid]
    return out


@lru_cache(maxsize=8)
def _cached(paths: tuple[Path, ...]) -> KnowledgeBase:
    return KnowledgeBase.from_paths(paths)
