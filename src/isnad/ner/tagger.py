"""The Arabic NER tagger: a CRF (python-crfsuite) over :mod:`isnad.ner.features`.

The model file ``isnad/trained/ner-ar.crfsuite`` ships with the package, with the files written
beside it by ``isnad train ner`` (training entity strings, word clusters, how each training word
was tagged, common words), and is loaded once per process.  The feature gazetteer is the NER
lexicon plus the knowledge base's aliases plus the training entity strings.  Labels come out as
PER/ORG/LOC/MISC: ANERcorp's PERS is mapped to PER.  ``tag_text`` tokenises with offsets and
returns entity token spans; the caller (:mod:`isnad.components.entities`) turns them into
character spans without proclitics.

No transformer pass: an encoder's tag probabilities had lifted the dev micro-F1 from 0.772 to
0.787 but cost 9 times the whole analysis (``docs/ner.md``); the word clusters, learnt from the
ANT news corpus as well, win most of it back at the cost of a lookup per word type.

Threads: a ``pycrfsuite.Tagger`` holds the sentence being tagged, so each thread gets its own
(:func:`default_tagger`); the loaded side files and the per-word feature memo are shared.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from isnad import lang
from isnad.core.limits import WORD_TYPES, Memo
from isnad.core.resources import resource
from isnad.kb import KnowledgeBase
from isnad.ner import clusters
from isnad.ner.features import AttributeRenderer, WordStats, sentence_features
from isnad.text.normalize import key
from isnad.text.tokens import Token, tokenize

MODEL_NAME = "ner-ar.crfsuite"
LABELS = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_MEMO_LIMIT = WORD_TYPES  # word types whose features are kept (a few kilobytes each)


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


def contexts_path(model: Path) -> Path:
    """Where each word stands in running text (:data:`isnad.ner.clusters.WordContexts`)."""
    return model.with_suffix(".contexts.tsv")


def stats_path(model: Path) -> Path:
    """How each word of the model's training data was tagged (:func:`isnad.ner.features.word_stats`)."""
    return model.with_suffix(".words.tsv")


def attributes_path(model: Path) -> Path:
    """The attributes the CRF has weights for, one per line (reading them from the model takes a second)."""
    return model.with_suffix(".attributes.txt")


def write_attributes(model: Path) -> None:
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    attributes_path(model).write_text("".join(f"{a}\n" for a in sorted(crf.info().attributes)), encoding="utf-8")


def common_path(model: Path) -> Path:
    """Words of the model's training data that are almost never part of an entity."""
    return model.with_suffix(".common.txt")


def read_gazetteer(text: str) -> dict[str, str]:
    """``alias<TAB>label`` lines (the training entity strings beside a model) keyed for matching."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            alias, label = line.split("\t")
            out[key(alias)] = label
    return out


@resource
def lexicon_gazetteer() -> dict[str, str]:
    """Normalised alias -> label from ``lang/ner_gazetteer.tsv`` and ``lang/ner_world.tsv``."""
    out: dict[str, str] = {}
    for name in ("ner_world.tsv", "ner_gazetteer.tsv"):
        out.update({key(alias): label for alias, label in lang.rows(name)})
    return out


@resource
def gazetteer() -> dict[str, str]:
    """The feature gazetteer: the NER lexicon, extended by the knowledge base."""
    gaz = dict(lexicon_gazetteer())
    for alias, label in KnowledgeBase.default().gazetteer().items():
        gaz.setdefault(key(alias), label)
    return gaz


class Model:
    """A trained NER model's files, loaded once and shared by every thread's :class:`Tagger`."""

    def __init__(self, path: Path | None = None):
        self.path = path or model_path()
        if not self.path.is_file():
            raise FileNotFoundError(f"NER model not found: {self.path} (rebuild it with `isnad train ner`)")
        extra = gazetteer_path(self.path)
        self.gazetteer = read_gazetteer(extra.read_text("utf-8")) if extra.is_file() else {}
        self.gazetteer.update(gazetteer())
        self.clusters = clusters.read(clusters_path(self.path))
        self.contexts = clusters.read(contexts_path(self.path))
        stats = stats_path(self.path)
        self.stats: WordStats | None = None
        if stats.is_file():
            self.stats = dict(line.split("\t") for line in stats.read_text("utf-8").splitlines() if line)
        common = common_path(self.path)
        self.common = set(common.read_text("utf-8").split()) if common.is_file() else set()
        self.memo: Memo[str, dict[str, str | float]] = Memo(_MEMO_LIMIT)
        self._local = threading.local()
        self.renderer = AttributeRenderer(set(attributes_path(self.path).read_text("utf-8").splitlines()))

    def tagger(self) -> Tagger:
        """This thread's tagger over the model."""
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._local.tagger = Tagger(self)
        return tagger


class Tagger:
    """One thread's CRF tagger; ``gazetteer``, ``common`` … are the shared model's."""

    def __init__(self, model: Model):
        self.model = model
        self.gazetteer = model.gazetteer
        self.common = model.common
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model.path))

    def features(self, tokens: Sequence[str]) -> list[dict[str, str | float]]:
        """The named features of each token (as in training)."""
        model = self.model
        return sentence_features(tokens, model.gazetteer, model.clusters, model.stats, memo=model.memo,
                                 contexts=model.contexts)

    def attributes(self, tokens: Sequence[str]) -> list[dict[str, float]]:
        """The CRF attributes of each token that the model has weights for."""
        model = self.model
        return model.renderer.sentence(tokens, model.gazetteer, model.clusters, model.stats, model.contexts)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (``B-PER`` …) for one sentence of tokens."""
        if not tokens:
            return []
        return [normalise_tag(t) for t in self._crf.tag(self.attributes(tokens))]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self.tag(s) for s in sentences]

    def spans(self, tokens: Sequence[Token]) -> list[TokenSpan]:
        """The entity token spans the model finds in a sentence's tokens."""
        return bio_spans(self.tag([t.text for t in tokens]))

    def tag_text(self, text: str, start: int = 0, end: int | None = None) -> tuple[list[Token], list[TokenSpan]]:
        """Tokens of ``text[start:end]`` and the entity token spans the model finds in them."""
        tokens = tokenize(text, start, end)
        return tokens, self.spans(tokens)


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


@resource
def load_model(path: Path | None = None) -> Model:
    return Model(path)


def default_tagger() -> Tagger:
    """This thread's tagger over the bundled model."""
    return load_model().tagger()
