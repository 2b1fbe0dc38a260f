"""The Arabic NER tagger: a CRF (python-crfsuite) over :mod:`isnad.ner.features`, decoded jointly
with a fine-tuned encoder.

The model file ``isnad/models/ner-ar.crfsuite`` ships with the package, with the files written
beside it by :mod:`isnad.ner.train` (training entity strings, word clusters, common words), and is
loaded once per process (about a second; no network).  Beside the surface features, each word
gets the tag probabilities of :mod:`isnad.ner.context`: a regression over the word's vector from
multilingual-e5-small, run in numpy by :mod:`isnad.ner.encoder` (``ner-ar.context.npz``).  A second
copy of the encoder, fine-tuned on ANERcorp (low-rank adapters merged at load,
``ner-ar.adapters.npz``, :mod:`isnad.ner.adapters`), gives its own tag probabilities; the CRF's
marginals and those are decoded together (:mod:`isnad.ner.decode`).  The feature gazetteer is the
NER lexicon plus the knowledge base's aliases plus the training entity strings.  Labels come out as
PER/ORG/LOC/MISC: ANERcorp's PERS is mapped to PER.  ``tag_text`` tokenises with offsets and
returns entity token spans; the caller (:mod:`isnad.components.entities`) turns them into character
spans without proclitics.  The encoders run once per text over all its sentences (batched), not
once per sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pycrfsuite

from isnad.kb import KnowledgeBase
from isnad.ner import clusters, context, decode
from isnad.ner.adapters import Adapters, FineTunedTagger
from isnad.ner.features import WordStats, sentence_features
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


def normalise_tag(tag: str) -> str:
    """ANERcorp's tag names to the contract's (``B-PERS`` → ``B-PER``)."""
    prefix, _, lab = tag.partition("-")
    return f"{prefix}-{LABELS.get(lab, lab)}" if lab else tag


def model_path() -> Path:
    return Path(__file__).resolve().parent.parent / "trained" / MODEL_NAME


def gazetteer_path(model: Path) -> Path:
    """The entity strings of the model's training data, stored beside it."""
    return model.with_suffix(".gazetteer.tsv")


def clusters_path(model: Path) -> Path:
    """The word clusters the model was trained with."""
    return model.with_suffix(".clusters.tsv")


def stats_path(model: Path) -> Path:
    """How each word of the model's training data was tagged (:func:`isnad.ner.features.word_stats`)."""
    return model.with_suffix(".words.tsv")


def context_path(model: Path) -> Path:
    """The tag-probability regression over encoder vectors (:mod:`isnad.ner.context`)."""
    return model.with_suffix(".context.npz")


def adapters_path(model: Path) -> Path:
    """The fine-tuned encoder's adapters and tag head (:mod:`isnad.ner.adapters`)."""
    return model.with_suffix(".adapters.npz")


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
        out.update(_read_tsv(resources.files("isnad.lang").joinpath(name).read_text("utf-8")))
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
        self._doc_cache: _DocumentCache | None = None
        self.context: context.ContextModel | None = None
        if context_path(self.path).is_file():
            self.context = context.ContextModel.load(context_path(self.path))
        self.finetuned: FineTunedTagger | None = None
        encoder = context.encoder() if adapters_path(self.path).is_file() else None
        if encoder is not None:
            self.finetuned = FineTunedTagger(Adapters.load(adapters_path(self.path)), encoder)
        self._crf_labels = [normalise_tag(lab) for lab in self._tagger.labels()]

    def probabilities(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray | None]:
        """The context model's tag probabilities per sentence (None without a context model or encoder)."""
        vecs = context.vectors(sentences) if self.context is not None else None
        if vecs is None or self.context is None:
            return [None] * len(sentences)
        return [self.context.probabilities(v) for v in vecs]

    def finetuned_probabilities(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray | None]:
        """The fine-tuned encoder's tag probabilities per sentence (None without adapters or encoder)."""
        if self.finetuned is None:
            return [None] * len(sentences)
        return list(self.finetuned.probabilities(sentences))

    def _marginals(self, n: int, labels: Sequence[str]) -> np.ndarray:
        """The CRF's marginal probability of each label at each of the ``n`` positions last set."""
        out = np.zeros((n, len(labels)), dtype=np.float64)
        for raw, label in zip(self._tagger.labels(), self._crf_labels, strict=True):
            column = labels.index(label)
            for i in range(n):
                out[i, column] += self._tagger.marginal(raw, i)
        return out

    def _features(self, tokens: Sequence[str], probs: np.ndarray | None) -> list[dict[str, str | float]]:
        feats = sentence_features(tokens, self.gazetteer, self.clusters, self.stats)
        if probs is not None and self.context is not None:
            context.add_features(feats, probs, self.context.labels)
        return feats

    def tag(self, tokens: Sequence[str], probs: np.ndarray | None = None,
            finetuned: np.ndarray | None = None) -> list[str]:
        """BIO tags (``B-PER`` …) for one sentence of tokens.

        ``probs`` are the sentence's context probabilities and ``finetuned`` the fine-tuned encoder's,
        computed here when not given.  With the fine-tuned encoder, the CRF's marginals and its
        probabilities are decoded together (:mod:`isnad.ner.decode`); without it, the CRF alone.
        """
        if not tokens:
            return []
        if probs is None:
            probs = self.probabilities([tokens])[0]
        if finetuned is None:
            finetuned = self.finetuned_probabilities([tokens])[0]
        feats = self._features(tokens, probs)
        if finetuned is None or self.finetuned is None:
            return [normalise_tag(t) for t in self._tagger.tag(feats)]
        self._tagger.set(feats)
        labels = self.finetuned.labels
        return decode.combine(self._marginals(len(tokens), labels), finetuned, labels)

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for many sentences, the encoders batched over all of them."""
        return [self.tag(s, p, f) for s, p, f in zip(sentences, self.probabilities(sentences),
                                                      self.finetuned_probabilities(sentences), strict=True)]

    def tag_text(self, text: str, start: int = 0, end: int | None = None) -> tuple[list[Token], list[TokenSpan]]:
        """Tokens of ``text[start:end]`` and the entity token spans the model finds in them.

        Callers tag a text sentence by sentence; the first call splits the whole text into sentences
        and tags them all at once (one batched encoder run), later calls reuse the result.
        """
        tokens = tokenize(text, start, end)
        words = [t.text for t in tokens]
        if not words:
            return tokens, []
        if self._doc_cache is None or self._doc_cache.text is not text:
            self._doc_cache = self._document(text)
        cache = self._doc_cache
        i = cache.index.get((start, len(text) if end is None else end))
        if i is not None and cache.toks[i] == words:
            return tokens, bio_spans(cache.tags[i])
        return tokens, bio_spans(self.tag(words))

    def _document(self, text: str) -> _DocumentCache:
        bounds = [(s.start, s.end) for s in split_sentences(text)]
        toks = [[t.text for t in tokenize(text, s, e)] for s, e in bounds]
        return _DocumentCache(text, {b: i for i, b in enumerate(bounds)}, toks, self.tag_document(toks))


@dataclass
class _DocumentCache:
    """The last text tagged: its sentences' bounds, tokens and tags."""

    text: str
    index: dict[tuple[int, int], int]
    toks: list[list[str]]
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
