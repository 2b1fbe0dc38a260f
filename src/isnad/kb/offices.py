"""Parsing role phrases («الرئيس الروسي», «وزير خارجية العراق», "the Russian president",
«الأمين العام للأمم المتحدة») into an (office, owner) pair that the KB can look up among dated roles.

Why a lexicon and not a model: the set of office titles and nationality adjectives is small and closed,
and the answer must be exact.  The lexicon (``data/offices.json``) lists office phrases in Arabic and
English with the canonical office name used in the KB's roles, and nationality adjectives in all
their forms (الروسي/الروسية/روسي, الأمريكي/الأميركي, "Russian", "US") with the ISO code they stand
for.  Country names and organisation names come from the KB itself (passed in as ``owners``).
Phrases are compared token by token on :func:`isnad.text.normalize.key` forms, so hamza, alef,
ya and ta-marbuta spellings do not matter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from isnad.text.normalize import key
from isnad.text.tokens import tokenize

DATA = Path(__file__).parent / "data" / "offices.json"
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_US_DOTTED = re.compile(r"\bU\.S\.(?:A\.)?", re.IGNORECASE)


def token_keys(text: str) -> tuple[str, ...]:
    """Matching keys of the word tokens of ``text`` (the unit every phrase table is keyed on)."""
    text = _US_DOTTED.sub("US", text)
    return tuple(k for k in (key(t.text) for t in tokenize(text)) if k)


def peel(word_key: str) -> list[tuple[str, int, bool]]:
    """``(rest, letters peeled, preposition)`` for ``word_key`` and its forms without و/ف then ب/ل/ك.

    ``preposition`` tells that ب/ل/ك went too.  For لل+X read as ل+الX, ``rest`` is ``ال``+X while
    only the conjunction letters (if any) count as peeled: no substring of the word spells the article.
    """
    out = [(word_key, 0, False)]
    bases = [(word_key, 0)]
    if len(word_key) >= 3 and word_key[0] in _CONJ:  # «وأم درمان»: a two-letter rest can start a longer name
        bases.append((word_key[1:], 1))
        out.append((word_key[1:], 1, False))
    for base, n in bases:
        # «لجو بايدن»: a three-letter word may lose its preposition; a two-letter rest only ever starts
        # a longer alias (the matcher checks that).
        if len(base) >= 3 and base[0] in _PREP:
            out.append((base[1:], n + 1, True))
            if base.startswith("لل"):
                out.append(("ا" + base[1:], n, True))
    return out


def clitic_variants(word_key: str) -> list[str]:
    """``word_key`` and the forms left after peeling proclitics (see :func:`peel`)."""
    return [rest for rest, _, _ in peel(word_key)]


@dataclass(frozen=True)
class OfficeEntry:
    office: str
    country: str | None  # fixed owner when the phrase names it («المرشد» → IR, «الأمين العام للأمم المتحدة»)


class OfficeLexicon:
    """Office phrases and nationality adjectives, matched on token keys."""

    def __init__(self, data: dict) -> None:
        self.phrases: dict[tuple[str, ...], OfficeEntry] = {}
        for item in data["offices"]:
            entry = OfficeEntry(item["office"], item.get("country"))
            for phrase in (*item.get("ar", ()), *item.get("en", ())):
                keys = token_keys(phrase)
                if keys:
                    self.phrases[keys] = entry
        self.demonyms: dict[tuple[str, ...], str] = {}
        for code, forms in data["demonyms"].items():
            for phrase in (*forms.get("ar", ()), *forms.get("en", ())):
                keys = token_keys(phrase)
                if keys:
                    self.demonyms[keys] = code
        self.max_phrase = max(len(k) for k in self.phrases)
        prefixes = data.get("name_prefixes", {})
        self.prefixes = {k for w in (*prefixes.get("ar", ()), *prefixes.get("en", ())) for k in token_keys(w)}

    @classmethod
    @lru_cache(maxsize=1)
    def bundled(cls) -> OfficeLexicon:
        return cls(json.loads(DATA.read_text(encoding="utf-8")))

    def find_office(self, keys: tuple[str, ...]) -> tuple[int, int, OfficeEntry] | None:
        """The longest office phrase in ``keys`` (earliest on ties): ``(start, end, entry)``."""
        best: tuple[int, int, OfficeEntry] | None = None
        for i in range(len(keys)):
            for first in clitic_variants(keys[i])[:2]:
                for n in range(min(self.max_phrase, len(keys) - i), 0, -1):
                    entry = self.phrases.get((first, *keys[i + 1:i + n]))
                    if entry is not None:
                        if best is None or n > best[1] - best[0]:
                            best = (i, i + n, entry)
                        break
        return best

    def find_owner(self, keys: tuple[str, ...], owners: dict[tuple[str, ...], str]) -> str | None:
        """The first nationality adjective, country or organisation name in ``keys`` (clitics peeled)."""
        # a role phrase is a few words: trying every length is cheaper than measuring thousands of names
        for i in range(len(keys)):
            for first in clitic_variants(keys[i]):
                for n in range(len(keys) - i, 0, -1):
                    phrase = (first, *keys[i + 1:i + n])
                    code = self.demonyms.get(phrase) or owners.get(phrase)
                    if code:
                        return code
        return None

    def parse(self, text: str, owners: dict[tuple[str, ...], str]) -> tuple[str, str | None] | None:
        """``(office, owner)`` for a role phrase, owner an ISO code or organisation id (or None)."""
        keys = token_keys(text)
        found = self.find_office(keys)
        if found is None:
            return None
        start, end, entry = found
        if entry.country:
            return entry.office, entry.country
        return entry.office, self.find_owner(keys[end:], owners) or self.find_owner(keys[:start], owners)
