"""A fine-tuned copy of the encoder: low-rank adapters (LoRA) and a tag head, applied in numpy.

The frozen encoder's vectors only feed a linear regression (:mod:`isnad.ner.context`); fine-tuning
the encoder itself on ANERcorp teaches it where names end and what Arabic organisations look like.
Training needs PyTorch (:mod:`isnad.ner.finetune`, run by ``isnad train ner``); using the result
does not: each adapted matrix ``W`` (stored ``[in, out]`` as in :class:`isnad.ner.encoder.Encoder`)
becomes ``W + scale * A.T @ B.T`` once at load, so the tagger runs the same numpy encoder with
merged weights, then a linear head over each word's first-piece vector gives nine BIO tag
probabilities.  The file ``ner-ar.adapters.npz`` holds, for layer ``i`` and matrix ``m`` in
``q k v ao fi fo``, ``l{i}.{m}.a`` ``[rank, in]`` and ``l{i}.{m}.b`` ``[out, rank]`` (float16), plus
``scale``, ``head_w`` ``[labels, hidden]``, ``head_b`` and ``labels``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from isnad.ner.encoder import Encoder

#: the adapted matrices, in the order of the torch training code
MATRICES = ("q", "k", "v", "ao", "fi", "fo")


@dataclass
class Adapters:
    """LoRA factors per (layer, matrix), their scale, and the tag head."""

    factors: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]]
    scale: float
    head_w: np.ndarray
    head_b: np.ndarray
    labels: list[str]

    @property
    def layers(self) -> int:
        """How many encoder layers the head reads (the adapted layers are among them)."""
        return max(i for i, _ in self.factors) + 1

    @classmethod
    def load(cls, path: Path) -> Adapters:
        with np.load(path) as data:
            factors = {}
            for name in data.files:
                if name.startswith("l") and name.endswith(".a"):
                    layer, matrix, _ = name[1:].split(".")
                    factors[(int(layer), matrix)] = (data[name].astype(np.float32),
                                                     data[name[:-1] + "b"].astype(np.float32))
            return cls(factors, float(data["scale"]), data["head_w"].astype(np.float32),
                       data["head_b"].astype(np.float32), [str(x) for x in data["labels"]])

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "scale": np.float32(self.scale), "head_w": self.head_w.astype(np.float32),
            "head_b": self.head_b.astype(np.float32), "labels": np.array(self.labels),
        }
        for (layer, matrix), (a, b) in self.factors.items():
            arrays[f"l{layer}.{matrix}.a"] = a.astype(np.float16)
            arrays[f"l{layer}.{matrix}.b"] = b.astype(np.float16)
        np.savez_compressed(path, **arrays)

    def delta(self, layer: int, matrix: str) -> np.ndarray | None:
        """The update of one matrix in the encoder's ``[in, out]`` orientation, or None."""
        pair = self.factors.get((layer, matrix))
        if pair is None:
            return None
        a, b = pair
        return (self.scale * (a.T @ b.T)).astype(np.float32)

    def merge(self, encoder: Encoder) -> Encoder:
        """A copy of ``encoder`` whose layer matrices carry the adapters (tokenizer and embeddings shared)."""
        if self.layers > len(encoder._layers):
            raise ValueError(f"the adapters need {self.layers} encoder layers, the encoder has "
                             f"{len(encoder._layers)}")
        adapted = copy.copy(encoder)
        adapted._layers = list(encoder._layers[:self.layers])
        h = encoder.hidden
        for i, params in enumerate(adapted._layers):
            qkv, qkv_b, ao, ao_b, aln_w, aln_b, fi, fi_b, fo, fo_b, oln_w, oln_b = params
            qkv = qkv.copy()
            for j, matrix in enumerate(("q", "k", "v")):
                if (d := self.delta(i, matrix)) is not None:
                    qkv[:, j * h:(j + 1) * h] += d
            ao, fi, fo = (w if (d := self.delta(i, m)) is None else w + d
                          for w, m in ((ao, "ao"), (fi, "fi"), (fo, "fo")))
            adapted._layers[i] = (qkv, qkv_b, ao, ao_b, aln_w, aln_b, fi, fi_b, fo, fo_b, oln_w, oln_b)
        adapted.layers_used = self.layers
        return adapted


class FineTunedTagger:
    """Tag probabilities from the adapted encoder and the head."""

    def __init__(self, adapters: Adapters, encoder: Encoder):
        self.adapters = adapters
        self.labels = adapters.labels
        self.encoder = adapters.merge(encoder)

    def probabilities(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One ``[words, labels]`` array of probabilities per sentence."""
        vecs = self.encoder.words(sentences, keep=[self.adapters.layers])
        out = []
        for v in vecs:
            logits = v @ self.adapters.head_w.T + self.adapters.head_b
            logits -= logits.max(axis=1, keepdims=True)
            np.exp(logits, out=logits)
            out.append(logits / logits.sum(axis=1, keepdims=True))
        return out
