"""The Arabic NER tagger: a CRF (python-crfsuite) over :mod:`isnad.ner.features`.

The model file ``isnad/models/ner-ar.crfsuite`` ships with the package, with the files written
beside it by :mod:`isnad.ner.train` (training entity strings, word clusters, common words), and is
loaded once per process (well under a second; no network).  The feature gazetteer is the NER
lexicon plus the knowledge base's aliases plus the training entity strings.  Labels come out as
PER/ORG/LOC/MISC: ANERcorp's PERS is mapped to PER.  ``tag_text`` tokenises with offsets and
returns entity token spans; the caller (:mod:`isnad.extract.entities`) turns them into character
spans without proclitics.  When ``ner-ar.doc.crfsuite`` is beside the model, ``tag_text`` and
``tag_document`` run a second CRF that also sees how the first pass tagged the same words in the
article's other sentences (:mod:`isnad.ner.train`); ``tag`` is the first pass alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from isnad.kb import KnowledgeBase
from isnad.ner import clusters
from isnad.ner.features import (
    WordStats,
    document_counts,
    document_features,
    sentence_features,
    stacked_features,
    window_features,
)
from isnad.text.normalize import key
from isnad.text.segment import split_sentences
from isnad.text.tokens import Token, tokenize

MODEL_NAME = "ner-ar.crfsuite"
LABELS = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


@dataclass(frozen=True)
class TokenSpan:
    """Tokens ``[first, last]`` of a sentence tagged ``label``."""

    first: int
    last: int
    label: str


def model_path() -> Path:
    return Path(__file__).resolve().parent.parent / "models" / MODEL_NAME


def gazetteer_path(model: Path) -> Path:
    """The entity strings of the model's training data, stored beside it."""
    return model.with_suffix(".gazetteer.tsv")


def clusters_path(model: Path) -> Path:
    """The word clusters the model was trained with."""
    return model.with_suffix(".clusters.tsv")


def stats_path(model: Path) -> Path:
    """How each word of the model's training data was tagged (:func:`isnad.ner.features.word_stats`)."""
    return model.with_suffix(".words.tsv")


def doc_model_path(model: Path) -> Path:
    """The pass-2 (document consistency) CRF stacked on the model."""
    return model.with_suffix(".doc.crfsuite")


def common_path(model: Path) -> Path:
    """Words of the model's training data that are almost never part of an entity."""
    return model.with_suffix(".common.txt")


def _read_tsv(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            alias, label = line.split("\t")
            out[key(alias)] = label
    return out


@lru_cache(maxsize=1)
def lexicon_gazetteer() -> dict[str, str]:
    """Normalised alias -> label from ``lexicons/ner_gazetteer.tsv`` and ``lexicons/ner_world.tsv``."""
    out: dict[str, str] = {}
    for name in ("ner_world.tsv", "ner_gazetteer.tsv"):
        out.update(_read_tsv(resources.files("isnad.lexicons").joinpath(name).read_text("utf-8")))
    return out


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """The feature gazetteer: the NER lexicon, extended by the knowledge base when it is installed."""
    gaz = dict(lexicon_gazetteer())
    for alias, label in KnowledgeBase.default().gazetteer().items():
        gaz.setdefault(key(alias), label)
    return gaz


class Tagger:
    """A loaded CRF model with its gazetteer (base gazetteer + its training data's entity strings)."""

    def __init__(self, path: Path | None = None):
        self.path = path or model_path()
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        extra = gazetteer_path(self.path)
        self.gazetteer = _read_tsv(extra.read_text("utf-8")) if extra.is_file() else {}
        self.gazetteer.update(gazetteer())
        self.clusters = clusters.read(clusters_path(self.path))
        stats = stats_path(self.path)
        self.stats: WordStats | None = None
        if stats.is_file():
            self.stats = dict(line.split("\t") for line in stats.read_text("utf-8").splitlines() if line)
        common = common_path(self.path)
        self.common = set(common.read_text("utf-8").split()) if common.is_file() else set()
        self._doc: pycrfsuite.Tagger | None = None
        if doc_model_path(self.path).is_file():
            self._doc = pycrfsuite.Tagger()
            self._doc.open(str(doc_model_path(self.path)))
        self._doc_cache: _DocumentCache | None = None

    def _features(self, tokens: Sequence[str]) -> list[dict[str, str | float]]:
        return sentence_features(tokens, self.gazetteer, self.clusters, self.stats)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (ANERcorp names) for one sentence of tokens, without document context (pass 1)."""
        if not tokens:
            return []
        return self._tagger.tag(self._features(tokens))

    def _stacked(self, tokens: Sequence[str], doc: list[dict[str, str | bool]]) -> list[str]:
        assert self._doc is not None
        return self._doc.tag(stacked_features(self._features(tokens), doc)) if tokens else []

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for consecutive sentences: pass 1, then pass 2 with how each word was tagged nearby."""
        first = [self.tag(s) for s in sentences]
        if self._doc is None:
            return first
        docs = window_features(sentences, first)
        return [self._stacked(s, d) for s, d in zip(sentences, docs, strict=True)]

    def tag_text(self, text: str, start: int = 0, end: int | None = None) -> tuple[list[Token], list[TokenSpan]]:
        """Tokens of ``text[start:end]`` and the entity token spans the model finds in them.

        With the document model, the rest of ``text`` (split into sentences and tagged once per text)
        is the context: a name tagged elsewhere in the article is easier to recognise here.  The
        features and pass-1 tags of each sentence are computed once per text and reused.
        """
        tokens = tokenize(text, start, end)
        words = [t.text for t in tokens]
        if self._doc is None or not words:
            return tokens, bio_spans(self.tag(words))
        if self._doc_cache is None or self._doc_cache.text is not text:
            self._doc_cache = self._document(text)
        cache = self._doc_cache
        stop = len(text) if end is None else end
        i = cache.index.get((start, stop))
        if i is not None and cache.toks[i] == words:
            feats, own = cache.feats[i], cache.tags[i]
        else:
            feats = self._features(words)
            own = self._tagger.tag(feats)
        others = [j for j, (s, e) in enumerate(cache.bounds) if e <= start or s >= stop]
        elsewhere = document_counts([cache.toks[j] for j in others], [cache.tags[j] for j in others])
        return tokens, bio_spans(self._doc.tag(stacked_features(feats, document_features(words, own, elsewhere))))

    def _document(self, text: str) -> _DocumentCache:
        bounds = [(s.start, s.end) for s in split_sentences(text)]
        toks = [[t.text for t in tokenize(text, s, e)] for s, e in bounds]
        feats = [self._features(t) if t else [] for t in toks]
        tags = [self._tagger.tag(f) if f else [] for f in feats]
        return _DocumentCache(text, bounds, {b: i for i, b in enumerate(bounds)}, toks, feats, tags)


@dataclass
class _DocumentCache:
    """Pass-1 work on the last text tagged: sentence bounds, tokens, features and tags."""

    text: str
    bounds: list[tuple[int, int]]
    index: dict[tuple[int, int], int]
    toks: list[list[str]]
    feats: list[list[dict[str, str | float]]]
    tags: list[list[str]]


def bio_spans(tags: Sequence[str]) -> list[TokenSpan]:
    """Entity spans from BIO tags, lenient like conlleval: a stray ``I-X`` opens an entity."""
    spans: list[TokenSpan] = []
    first = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        continues = prefix == "I" and lab == label and first >= 0
        if first >= 0 and not continues:
            spans.append(TokenSpan(first, i - 1, LABELS.get(label, label)))
            first = -1
        if prefix in ("B", "I") and not continues:
            first, label = i, lab
    return spans


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    return Tagger()
