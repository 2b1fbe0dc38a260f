"""Joint decoding of two taggers: the CRF's marginals and the fine-tuned encoder's probabilities.

The CRF (surface features, gazetteers, the frozen encoder's regression) and the fine-tuned encoder
make different mistakes: the first is precise but misses names it has no cue for, the second
recalls more names and places their boundaries worse.  Each word gets the weighted sum of both
models' log-probabilities per BIO tag, ``O`` may get a constant penalty (to trade precision for
recall), and a Viterbi pass finds the best sequence in which ``I-X`` only follows ``B-X`` or
``I-X``.  :data:`CRF_WEIGHT` and :data:`O_PENALTY` were chosen on a tuning split (the first 10% of
ANERcorp train, models trained on the next 80%; ``isnad train ner --tune`` prints the grid), never
on the dev split: micro-F1 there 0.843/0.844/0.847/0.841 for CRF weights 0.5/0.6/0.7/0.8 without
penalty, 0.844/0.847/0.845 for penalties 0.5/1/1.5 at 0.7 (CRF alone 0.836, fine-tuned encoder
alone 0.786).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

CRF_WEIGHT = 0.7
O_PENALTY = 0.0
_FLOOR = 1e-6


def allowed_transitions(labels: Sequence[str]) -> np.ndarray:
    """``[previous, current]`` True where BIO allows the pair (``I-X`` continues ``B-X`` / ``I-X``)."""
    allowed = np.ones((len(labels), len(labels)), dtype=bool)
    for j, cur in enumerate(labels):
        if cur.startswith("I-"):
            for i, prev in enumerate(labels):
                allowed[i, j] = prev[2:] == cur[2:] and prev != "O"
    return allowed


def viterbi(scores: np.ndarray, labels: Sequence[str]) -> list[str]:
    """The best BIO-valid label sequence for per-word label scores ``[words, labels]``."""
    if len(scores) == 0:
        return []
    transition = np.where(allowed_transitions(labels), 0.0, -np.inf)
    start = np.array([-np.inf if lab.startswith("I-") else 0.0 for lab in labels])
    best = scores[0] + start
    back = []
    for row in scores[1:]:
        total = best[:, None] + transition
        back.append(total.argmax(axis=0))
        best = total.max(axis=0) + row
    k = int(best.argmax())
    path = [k]
    for pointers in reversed(back):
        k = int(pointers[k])
        path.append(k)
    return [labels[k] for k in reversed(path)]


def combine(crf: np.ndarray, encoder: np.ndarray, labels: Sequence[str], crf_weight: float = CRF_WEIGHT,
            o_penalty: float = O_PENALTY) -> list[str]:
    """Tags from both models' probabilities ``[words, labels]`` (same column order as ``labels``)."""
    scores = (crf_weight * np.log(np.clip(crf, _FLOOR, 1.0))
              + (1.0 - crf_weight) * np.log(np.clip(encoder, _FLOOR, 1.0)))
    scores[:, list(labels).index("O")] -= o_penalty
    return viterbi(scores, labels)
