"""CRF features for Arabic NER over whitespace/punctuation tokens (the ANERcorp tokenisation).

ANERcorp does not split clitics, so «والعراق» is one token tagged B-LOC.  The features therefore
look at the word *and* at its clitic-stripped forms (و ف ب ل ك ال), at affixes, at a light stem
(tashaphyne), at its shape, at its distributional cluster (:mod:`isnad.ner.clusters`, or "none" for
a word too rare to have one — often a foreign name), at its neighbours (±2, cores ±3) and at
gazetteer membership: multi-token runs whose stripped forms match a normalised alias
(``isnad.text.normalize.key``) of the NER lexicons or the knowledge base, and single words by the
roles (``B-PER``, ``I-ORG`` …) they play inside aliases, so an unseen full name still shows a known
first name.  Trigger words (ministry, city, president …) and context words (nationality
adjectives after a club or player, professions before a name, heads such as «سيارة» or «برنامج»
before a brand or title) give the model the cues that announce an entity without memorising
names; a word between quote marks is flagged (titles, brands).

How each word was tagged in (other folds of) the training data, or that it was never seen, is a
feature too (:func:`word_stats`).

Measured on the dev split (micro-F1, see :mod:`isnad_train.ner`): 0.688 before; word roles, the
"none" cluster and the quote flag 0.693; core affixes 1-4 and cores at ±3 0.698; context words and
the clubs/companies lexicon 0.711 (0.700 with the dev's own club and brand names removed from it);
keeping features seen once 0.718; word stats 0.725; countries, capitals and cities 0.731; given
names 0.735.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from tashaphyne.stemming import ArabicLightStemmer

from isnad import lang
from isnad.core.limits import WORD_TYPES, Memo
from isnad.core.resources import resource
from isnad.ner.clusters import CONTEXT_FEATURES, Clusters, WordContexts
from isnad.text.normalize import key

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_MAX_GAZ = 6

_stemmer = ArabicLightStemmer()


@lru_cache(maxsize=WORD_TYPES)
def candidates(word: str) -> tuple[str, ...]:
    """Keys of ``word`` with its proclitics (و/ف, then ب/ل/ك, لل→ال) removed; the full form first."""
    w = key(word)
    out = [w]
    rest = w
    if rest[:1] in _CONJ and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest.startswith("لل") and len(rest) > 4:
        out.append("ال" + rest[2:])
    elif rest[:1] in _PREP and len(rest) > 3:
        out.append(rest[1:])
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=WORD_TYPES)
def core(word: str) -> str:
    """The word without proclitics and article: the part that names (العراق → عراق)."""
    c = candidates(word)[-1]
    if c.startswith("ال") and len(c) > 4:
        c = c[2:]
    return c


@lru_cache(maxsize=WORD_TYPES)
def light_stem(word: str) -> str:
    if not _ARABIC.search(word):
        return word.lower()
    try:
        return _stemmer.light_stem(key(word)) or word
    except Exception:  # noqa: BLE001 - tashaphyne raises on odd input; a missing stem is harmless
        return word


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if _LATIN.search(word):
        return "latin-cap" if word[:1].isupper() else "latin"
    if _ARABIC.search(word):
        return "arabic"
    if word.isalnum():
        return "other"
    return "punct"


@resource
def triggers() -> dict[str, str]:
    """Trigger word (key) -> class, from ``lang/ner_triggers.json``."""
    return {key(w): cls for cls, words in lang.lists("ner_triggers.json").items() for w in words}


@resource
def context_words() -> dict[str, str]:
    """Context word (key) -> class (NAT, ROLE, WORK, GIVEN), from ``lang/ner_context.json``."""
    return {key(w): cls for cls, words in lang.lists("ner_context.json").items() for w in words}


def gazetteer_tags(tokens: Sequence[str], gazetteer: dict[str, str]) -> list[str]:
    """BIO-like gazetteer tags (``B-LOC``, ``I-ORG``, ``O``): longest alias match from each token.

    The first token of a match may carry proclitics; the following ones are compared by key.
    """
    lengths = alias_lengths(gazetteer)
    tags = ["O"] * len(tokens)
    keys = [key(t) for t in tokens]
    i = 0
    while i < len(tokens):
        found = 0
        label = ""
        firsts = [c for c in candidates(tokens[i]) if c in lengths]  # most words start no alias
        longest = max((lengths[c] for c in firsts), default=0)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            tail = keys[i + 1:i + n]
            for first in firsts:
                lab = gazetteer.get(" ".join([first, *tail]))
                if lab:
                    found, label = n, lab
                    break
            if found:
                break
        if found:
            tags[i] = "B-" + label
            for j in range(i + 1, i + found):
                tags[j] = "I-" + label
            i += found
        else:
            i += 1
    return tags


_ALIAS_LENGTHS: dict[int, tuple[dict[str, str], dict[str, int]]] = {}


def alias_lengths(gazetteer: dict[str, str]) -> dict[str, int]:
    """First word of an alias -> the most words an alias starting with it has (up to ``_MAX_GAZ``).

    Kept per gazetteer object (training alternates a few fold gazetteers; tagging uses one).
    """
    hit = _ALIAS_LENGTHS.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    out: dict[str, int] = {}
    for alias in gazetteer:
        words = alias.split(" ")
        out[words[0]] = min(max(out.get(words[0], 0), len(words)), _MAX_GAZ)
    if len(_ALIAS_LENGTHS) >= _TOKEN_GAZ_CACHE:
        _ALIAS_LENGTHS.clear()
    _ALIAS_LENGTHS[id(gazetteer)] = (gazetteer, out)
    return out


WordStats = dict[str, str]


def word_stats(sentences: Iterable[Sequence[Sequence[str]]]) -> WordStats:
    """Core of each word of tagged sentences -> how it was tagged: ``B-PERS:all``, ``O:most``, ``I-ORG:some``.

    Computed on other folds during training and on all of train for inference; a word missing from
    it is "unseen", which for a capitalless script is the strongest hint that a word is a name.
    """
    counts: dict[str, Counter[str]] = {}
    for sent in sentences:
        for row in sent:
            counts.setdefault(core(row[0]), Counter())[row[1]] += 1
    out: WordStats = {}
    for word, tags in counts.items():
        top, n = tags.most_common(1)[0]
        share = n / sum(tags.values())
        out[word] = f"{top}:{'all' if share == 1 else 'most' if share >= 0.5 else 'some'}"
    return out
# Training alternates between one gazetteer per jackknife fold; inference uses one.
_TOKEN_GAZ_CACHE = 8
_token_gaz_cache: dict[int, tuple[dict[str, str], dict[str, str]]] = {}


def token_gazetteer(gazetteer: dict[str, str]) -> dict[str, str]:
    """Word -> ``B-LAB``/``I-LAB`` roles it plays in the gazetteer's aliases (``|``-joined, sorted).

    Unseen full names often reuse a known first name or family name; the word-level roles carry that.
    """
    hit = _token_gaz_cache.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    roles: dict[str, set[str]] = {}
    for alias, label in gazetteer.items():
        for i, word in enumerate(alias.split()):
            roles.setdefault(word, set()).add(("B-" if i == 0 else "I-") + label)
    out = {w: "|".join(sorted(r)) for w, r in roles.items()}
    if len(_token_gaz_cache) >= _TOKEN_GAZ_CACHE:
        _token_gaz_cache.clear()
    _token_gaz_cache[id(gazetteer)] = (gazetteer, out)
    return out


def _cluster(word: str, clusters: Clusters) -> tuple[str, ...] | None:
    for cand in candidates(word):
        if cand in clusters:
            return clusters[cand]
    return None


def _word_features(word: str, clusters: Clusters, tgaz: dict[str, str], stats: WordStats | None,
                   contexts: WordContexts | None) -> dict[str, str | float]:
    """The features of a word type (everything but its gazetteer tag, which depends on its neighbours)."""
    w = key(word)
    c = core(word)
    cands = candidates(word)
    feats: dict[str, str | float] = {
        "w": w,
        "core": c,
        "stem": light_stem(word),
        "shape": _shape(word),
        "p1": w[:1], "p2": w[:2], "p3": w[:3],
        "s1": w[-1:], "s2": w[-2:], "s3": w[-3:],
        "cs1": c[-1:], "cs2": c[-2:], "cs3": c[-3:], "cs4": c[-4:],
        "cp1": c[:1], "cp2": c[:2], "cp3": c[:3], "cp4": c[:4],
        "al": "ال" in (cand[:2] for cand in cands),
        "clitic": len(cands) > 1,
        "len": min(len(c), 8),
    }
    if stats is not None and feats["shape"] == "arabic":
        feats["ws"] = stats.get(c, "unseen")
    cluster = _cluster(word, clusters)
    if cluster:
        feats.update(zip(("clc", "clf", "clx"), cluster, strict=False))
    elif feats["shape"] == "arabic":
        feats["clc"] = "none"
    if contexts and feats["shape"] == "arabic":
        feats.update(zip(CONTEXT_FEATURES, contexts.get(c, ("rare",)), strict=False))
    for cand in cands:
        if cand in tgaz:
            feats["tgaz"] = tgaz[cand]
            break
    trig = triggers()
    for cand in cands:
        if cand in trig:
            feats["trig"] = trig[cand]
            break
    ctx = context_words()
    for cand in cands:
        if cand in ctx:
            feats["ctx"] = ctx[cand]
            break
    return feats


_NEIGHBOUR_NAMES = {d: ("w", "core", "gaz", "tgaz", "ws", "shape", "trig", "ctx", "s2", "clc" if abs(d) == 2 else "clf")
                    for d in (-2, -1, 1, 2)}


def _base_features(tokens: Sequence[str], gazetteer: dict[str, str], clusters: Clusters | None,
                   stats: WordStats | None, memo: Memo[str, dict[str, str | float]] | None,
                   contexts: WordContexts | None) -> tuple[list[dict[str, str | float]], list[str]]:
    """Each token's own word-type features (memoised in ``memo``) and its gazetteer tag."""
    gaz = gazetteer_tags(tokens, gazetteer)
    tgaz = token_gazetteer(gazetteer)
    memo = Memo() if memo is None else memo
    words = []
    for t in tokens:
        word = memo.get(t)
        if word is None:
            word = memo[t] = _word_features(t, clusters or {}, tgaz, stats, contexts)
        words.append(word)
    return words, gaz


def _position_features(i: int, n: int, sport: bool, quoted: bool) -> dict[str, float]:
    feats: dict[str, float] = {"bias": 1.0}
    if sport:
        feats["sport"] = True
    if quoted:
        feats["quoted"] = True
    if i == 0:
        feats["BOS"] = True
    if i == n - 1:
        feats["EOS"] = True
    return feats


def sentence_features(tokens: Sequence[str], gazetteer: dict[str, str], clusters: Clusters | None = None,
                      stats: WordStats | None = None, memo: Memo[str, dict[str, str | float]] | None = None,
                      contexts: WordContexts | None = None) -> list[dict[str, str | float]]:
    """One feature dict per token, with the neighbours' main features prefixed by their offset.

    ``memo`` keeps each word type's own features between calls with the same gazetteer, clusters and
    stats (the tagger passes one; a text repeats few word types, so most words cost a lookup).
    """
    words, gaz = _base_features(tokens, gazetteer, clusters, stats, memo, contexts)
    base = [{**word, "gaz": g} for word, g in zip(words, gaz, strict=True)]
    quoted = _quoted(tokens)
    out: list[dict[str, str | float]] = []
    n = len(tokens)
    # Topic: club names are ORG but look like places; a sports sentence says which.
    sport = any(f.get("trig") == "SPORT" for f in base)
    for i, f in enumerate(base):
        feats = dict(f)
        feats.update(_position_features(i, n, sport, quoted[i]))
        for d, names in _NEIGHBOUR_NAMES.items():
            j = i + d
            if 0 <= j < n:
                o = base[j]
                for name in names:
                    if name in o:
                        feats[f"{d}:{name}"] = o[name]
        for d in (-3, 3):
            if 0 <= i + d < n:
                feats[f"{d}:core"] = base[i + d]["core"]
        if i > 0:
            feats["-1|0"] = f"{base[i - 1]['core']}|{f['core']}"
        if i < n - 1:
            feats["0|+1"] = f"{f['core']}|{base[i + 1]['core']}"
        out.append(feats)
    return out


_Attributes = tuple[tuple[str, ...], tuple[float, ...]]
"""Attribute names and their weights, in two tuples (a word type keeps a few dozen)."""
_ONE = 1.0
_NONE: dict[str, str] = {}


class AttributeRenderer:
    """The features of :func:`sentence_features` as the CRF's attributes, keeping only those the model
    has weights for, with each word type's share rendered once.

    The tagger's cost was in handing python-crfsuite some 65 named features per token, most of them
    unknown to the model (a rare word's ``w``, ``stem``, affixes …); the model keeps about 43,000
    attributes.  A word type is remembered as what the model can use of it — its own attributes, its
    attributes as each neighbour and its core — a few hundred bytes instead of its full features, and at
    most ``limit`` types are kept.  The result tags exactly as the full features do (``tests/test_ner.py``).
    """

    def __init__(self, known: set[str], limit: int = WORD_TYPES):
        self.known = known
        # The model's own attribute strings by feature name and value, so that a remembered type points at
        # them instead of holding copies, and a feature is looked up without first writing "name:value".
        # Every colon of an attribute is a possible split (names such as "-1:w" hold colons too); a split
        # the features never ask for is never looked up.
        self._values: dict[str, dict[str, str]] = {}
        for a in known:
            for i, char in enumerate(a):
                if char == ":":
                    self._values.setdefault(a[:i], {})[a[i + 1:]] = a
        self._types: Memo[str, _RenderedType] = Memo(limit)
        self._gaz_attrs: dict[tuple[int, str], str | None] = {}  # (offset, gazetteer tag) -> attribute if known
        self._positions: dict[tuple[bool, bool, bool, bool], dict[str, float]] = {}  # (first, last, sport, quoted)

    def _useful(self, pairs: Iterable[tuple[str, str | float]]) -> _Attributes:
        names, weights = [], []
        values = self._values
        known = self.known
        for name, value in pairs:
            if isinstance(value, str):  # python-crfsuite's rule for a string: "name:value", weight 1
                shared = values.get(name, _NONE).get(value)
                if shared is not None:
                    names.append(shared)
                    weights.append(_ONE)
            elif value and name in known:  # a number or a boolean: the name, with the value as weight
                names.append(name)
                weights.append(float(value))
        return tuple(names), tuple(weights)

    def _render(self, word: dict[str, str | float]) -> _RenderedType:
        neighbours = tuple(self._useful((f"{d}:{name}", word[name]) for name in names
                                        if name != "gaz" and name in word)
                           for d, names in _NEIGHBOUR_NAMES.items())
        return _RenderedType(self._useful(word.items()), neighbours, str(word["core"]),
                             word.get("trig") == "SPORT")

    def sentence(self, tokens: Sequence[str], gazetteer: dict[str, str], clusters: Clusters | None,
                 stats: WordStats | None, contexts: WordContexts | None) -> list[dict[str, float]]:
        types = self._types
        gaz = gazetteer_tags(tokens, gazetteer)
        rendered = []
        sport = False
        for t in tokens:
            r = types.get(t)
            if r is None:
                r = types[t] = self._render(_word_features(t, clusters or {}, token_gazetteer(gazetteer),
                                                           stats, contexts))
            rendered.append(r)
            sport = sport or r.sport
        quoted = _quoted(tokens)
        n = len(tokens)
        known = self.known
        # the position features the model knows, per kind of position; each gazetteer tag as each offset's attribute
        positions = self._positions
        gaz_attrs = self._gaz_attrs
        out = []
        for i, r in enumerate(rendered):
            attrs = dict(zip(*r.own, strict=True))
            where = (i == 0, i == n - 1, sport, quoted[i])
            position = positions.get(where)
            if position is None:
                position = positions[where] = {name: float(value) for name, value in
                                               _position_features(i, n, sport, quoted[i]).items() if name in known}
            attrs.update(position)
            for d in (0, -2, -1, 1, 2):
                if 0 <= i + d < n:
                    tag = gaz[i + d]
                    attr = gaz_attrs.get((d, tag), "")
                    if attr == "":
                        name = f"gaz:{tag}" if d == 0 else f"{d}:gaz:{tag}"
                        attr = gaz_attrs[d, tag] = name if name in known else None
                    if attr is not None:
                        attrs[attr] = 1.0
            for k, d in enumerate(_NEIGHBOUR_NAMES):
                j = i + d
                if 0 <= j < n:
                    names, weights = rendered[j].neighbours[k]
                    if names:
                        attrs.update(zip(names, weights, strict=True))
            core = r.core
            pairs = [f"{d}:core:{rendered[i + d].core}" for d in (-3, 3) if 0 <= i + d < n]
            if i > 0:
                pairs.append(f"-1|0:{rendered[i - 1].core}|{core}")
            if i < n - 1:
                pairs.append(f"0|+1:{core}|{rendered[i + 1].core}")
            for attr in pairs:
                if attr in known:
                    attrs[attr] = 1.0
            out.append(attrs)
        return out


class _RenderedType(NamedTuple):
    """What the model can use of one word type: its own attributes, its attributes as the neighbour at
    each offset of :data:`_NEIGHBOUR_NAMES`, its core and whether it marks a sports sentence."""

    own: _Attributes
    neighbours: tuple[_Attributes, ...]
    core: str
    sport: bool


_OPEN = {"«": "»", '"': '"', "“": "”"}


def _quoted(tokens: Sequence[str]) -> list[bool]:
    """Whether each token stands between an opening quote mark and its closing mark (titles, brands)."""
    out = [False] * len(tokens)
    closer = ""
    start = -1
    for i, tok in enumerate(tokens):
        if closer and tok == closer:
            for j in range(start + 1, i):
                out[j] = True
            closer = ""
        elif tok in _OPEN and not closer:
            closer, start = _OPEN[tok], i
    return out
