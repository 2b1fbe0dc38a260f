"""CRF features for Arabic NER over whitespace/punctuation tokens (the ANERcorp tokenisation).

ANERcorp does not split clitics, so «والعراق» is one token tagged B-LOC.  The features therefore
look at the word *and* at its clitic-stripped forms (و ف ب ل ك ال), at affixes, at a light stem
(tashaphyne), at its shape, at its distributional cluster (:mod:`isnad.ner.clusters`), at its neighbours (±2) and
at gazetteer membership: single tokens and
multi-token runs whose stripped forms match a normalised alias (``isnad.text.normalize.key``) of
the NER lexicon or the knowledge base.  Trigger words (ministry, city, president …) give the model
the cues that announce an entity without memorising names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from tashaphyne.stemming import ArabicLightStemmer

from isnad.text.normalize import key

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_MAX_GAZ = 6

_stemmer = ArabicLightStemmer()


@lru_cache(maxsize=200_000)
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


@lru_cache(maxsize=200_000)
def core(word: str) -> str:
    """The word without proclitics and article: the part that names (العراق → عراق)."""
    c = candidates(word)[-1]
    if c.startswith("ال") and len(c) > 4:
        c = c[2:]
    return c


@lru_cache(maxsize=200_000)
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


@lru_cache(maxsize=1)
def triggers() -> dict[str, str]:
    """Trigger word (key) -> class, from ``lexicons/ner_triggers.json``."""
    data = json.loads(resources.files("isnad.lexicons").joinpath("ner_triggers.json").read_text("utf-8"))
    return {key(w): cls for cls, words in data.items() if not cls.startswith("_") for w in words}


def gazetteer_tags(tokens: Sequence[str], gazetteer: dict[str, str]) -> list[str]:
    """BIO-like gazetteer tags (``B-LOC``, ``I-ORG``, ``O``): longest alias match from each token.

    The first token of a match may carry proclitics; the following ones are compared by key.
    """
    tags = ["O"] * len(tokens)
    keys = [key(t) for t in tokens]
    i = 0
    while i < len(tokens):
        found = 0
        label = ""
        for n in range(min(_MAX_GAZ, len(tokens) - i), 0, -1):
            tail = keys[i + 1:i + n]
            for first in candidates(tokens[i]):
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


Clusters = dict[str, tuple[str, ...]]


def _cluster(word: str, clusters: Clusters) -> tuple[str, ...] | None:
    for cand in candidates(word):
        if cand in clusters:
            return clusters[cand]
    return None


def _token_features(word: str, gaz: str, clusters: Clusters) -> dict[str, str | float]:
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
        "cs2": c[-2:], "cs3": c[-3:], "cs4": c[-4:], "cp2": c[:2], "cp3": c[:3],
        "al": "ال" in (cand[:2] for cand in cands),
        "clitic": len(cands) > 1,
        "len": min(len(c), 8),
        "gaz": gaz,
    }
    cluster = _cluster(word, clusters)
    if cluster:
        feats.update(zip(("clc", "clf", "clx"), cluster, strict=False))
    trig = triggers()
    for cand in cands:
        if cand in trig:
            feats["trig"] = trig[cand]
            break
    return feats


def sentence_features(tokens: Sequence[str], gazetteer: dict[str, str],
                      clusters: Clusters | None = None) -> list[dict[str, str | float]]:
    """One feature dict per token, with the neighbours' main features prefixed by their offset."""
    gaz = gazetteer_tags(tokens, gazetteer)
    base = [_token_features(t, g, clusters or {}) for t, g in zip(tokens, gaz, strict=True)]
    out: list[dict[str, str | float]] = []
    n = len(tokens)
    # Topic: club names are ORG but look like places; a sports sentence says which.
    sport = any(f.get("trig") == "SPORT" for f in base)
    for i, f in enumerate(base):
        feats = dict(f)
        feats["bias"] = 1.0
        if sport:
            feats["sport"] = True
        if i == 0:
            feats["BOS"] = True
        if i == n - 1:
            feats["EOS"] = True
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                o = base[j]
                for name in ("w", "core", "gaz", "shape", "trig", "s2", "clc" if abs(d) == 2 else "clf"):
                    if name in o:
                        feats[f"{d}:{name}"] = o[name]
        if i > 0:
            feats["-1|0"] = f"{base[i - 1]['core']}|{f['core']}"
        if i < n - 1:
            feats["0|+1"] = f"{f['core']}|{base[i + 1]['core']}"
        out.append(feats)
    return out
