"""``isnad eval subjectivity|checkworthiness FILE.tsv``: score a bundled model on a labelled TSV.

The report gives per-class precision/recall/F1, the ranking quality of the probabilities (ROC AUC,
independent of the threshold), their calibration (Brier score and expected calibration error),
and ends with the CheckThat! metric of the task on a line of its
own: ``macro-F1 0.612`` for subjectivity, ``positive-F1 0.612`` (F1 of SUBJ… of Yes) for
check-worthiness.  ``ISNAD_EMBEDDINGS=1`` scores the optional embedding head instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from isnad.classify import classifiers
from isnad.classify.data import guess_language, read_tsv

CLASS_NAMES = {"subjectivity": ("OBJ", "SUBJ"), "checkworthiness": ("No", "Yes")}


def prf(gold: np.ndarray, pred: np.ndarray, cls: int) -> tuple[float, float, float]:
    tp = int(np.sum((pred == cls) & (gold == cls)))
    fp = int(np.sum((pred == cls) & (gold != cls)))
    fn = int(np.sum((pred != cls) & (gold == cls)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    return (prf(gold, pred, 0)[2] + prf(gold, pred, 1)[2]) / 2


def positive_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    return prf(gold, pred, 1)[2]


def task_metric(task: str, gold: np.ndarray, pred: np.ndarray) -> float:
    return macro_f1(gold, pred) if task == "subjectivity" else positive_f1(gold, pred)


def metric_name(task: str) -> str:
    return "macro-F1" if task == "subjectivity" else "positive-F1"


def brier(gold: np.ndarray, proba: np.ndarray) -> float:
    return float(np.mean((proba - gold) ** 2))


def auc(gold: np.ndarray, proba: np.ndarray) -> float:
    """ROC AUC: the chance that a random positive outranks a random negative (ties count half)."""
    pos, neg = proba[gold == 1], proba[gold == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.sort(neg)
    below = np.searchsorted(order, pos, side="left")
    ties = np.searchsorted(order, pos, side="right") - below
    return float((below.sum() + 0.5 * ties.sum()) / (len(pos) * len(neg)))


def ece(gold: np.ndarray, proba: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    edges = np.minimum((proba * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = edges == b
        if mask.any():
            total += mask.sum() / len(gold) * abs(proba[mask].mean() - gold[mask].mean())
    return float(total)


def report(task: str, gold: np.ndarray, proba: np.ndarray, threshold: float) -> list[str]:
    """The report lines; the last one is the task metric."""
    pred = (proba >= threshold).astype(int)
    lines = [f"{'class':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for cls, name in enumerate(CLASS_NAMES[task]):
        p, r, f = prf(gold, pred, cls)
        lines.append(f"{name:<6} {p:6.3f} {r:6.3f} {f:6.3f} {int(np.sum(gold == cls)):6d}")
    lines.append(f"accuracy {np.mean(pred == gold):.3f}  AUC {auc(gold, proba):.3f}  brier {brier(gold, proba):.3f}  "
                 f"ECE {ece(gold, proba):.3f}  threshold {threshold:.2f}")
    if task == "checkworthiness":  # positive-class F1 rewards recall: say what "all Yes" would get
        lines.append(f"baseline (all {CLASS_NAMES[task][1]}) {positive_f1(gold, np.ones_like(gold)):.3f}")
    lines.append(f"{metric_name(task)} {task_metric(task, gold, pred):.3f}")
    return lines


def eval_main(task: str, path: Path) -> int:
    """Score the bundled ``task`` model on the labelled TSV at ``path`` (language auto-detected)."""
    examples = [ex for ex in read_tsv(path) if ex.label is not None]
    if not examples:
        print(f"isnad: error: {path}: no labelled rows", file=sys.stderr)
        return 2
    texts = [ex.text for ex in examples]
    lang = guess_language(texts)
    model = classifiers.get(task, lang, classifiers.embeddings_requested())
    if model is None:
        print(f"isnad: error: no bundled {task} model for language {lang!r}", file=sys.stderr)
        return 2
    gold = np.array([ex.label for ex in examples])
    kind = "embedding head" if isinstance(model, classifiers.EmbeddingHead) else "n-gram model"
    print(f"{task} ({lang}, {kind}) on {path.name}: {len(examples)} sentences")
    print("\n".join(report(task, gold, model.proba(texts), model.threshold)))
    return 0
