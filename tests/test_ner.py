"""The Arabic NER model, its features and the CoNLL scorer (``isnad eval ner``)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from isnad.ner.evaluate import eval_main, read_conll, score
from isnad.ner.features import (
    candidates,
    core,
    gazetteer_tags,
    sentence_features,
    token_gazetteer,
    word_stats,
)
from isnad.ner.tagger import Tagger, bio_spans, default_tagger, model_path, normalise_tag
from isnad_train.ner import entity_strings, split


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return default_tagger()


def test_candidates_strip_proclitics_but_keep_the_word() -> None:
    assert candidates("والعراق") == ("والعراق", "العراق")
    assert "سوريا" in candidates("لسوريا")
    assert "الامم" in candidates("للأمم")
    assert candidates("لبنان")[0] == "لبنان"
    assert core("والعراق") == "عراق"


def test_gazetteer_tags_match_multiword_aliases_after_a_clitic() -> None:
    gaz = {"الامم المتحده": "ORG", "بغداد": "LOC"}
    assert gazetteer_tags(["وقالت", "والأمم", "المتحدة", "في", "بغداد"], gaz) == ["O", "B-ORG", "I-ORG", "O", "B-LOC"]


def test_features_see_neighbours() -> None:
    feats = sentence_features(["قال", "وزير", "الخارجية"], {})
    assert feats[1]["-1:w"] == "قال" and feats[1]["1:w"] == "الخارجيه"
    assert feats[0]["BOS"] and feats[2]["EOS"]


def test_token_gazetteer_gives_word_roles_inside_aliases() -> None:
    roles = token_gazetteer({"محمد بركات": "PER", "محمد": "PER", "بركات الخير": "ORG"})
    assert roles == {"محمد": "B-PER", "بركات": "B-ORG|I-PER", "الخير": "I-ORG"}
    feats = sentence_features(["ولمحمد", "صلاح"], {"محمد علي": "PER"})
    assert feats[0]["tgaz"] == "B-PER" and feats[1]["-1:tgaz"] == "B-PER" and "tgaz" not in feats[1]


def test_quotes_context_words_and_rare_words_are_features() -> None:
    tokens = ["سيارة", "«", "أورفان", "»", "من", "ليل", "الفرنسي"]
    feats = sentence_features(tokens, {}, {"سياره": ("1", "2", "3")})
    assert feats[2].get("quoted") and not feats[0].get("quoted") and not feats[4].get("quoted")
    assert feats[5]["1:ctx"] == "NAT" and feats[2]["-2:ctx"] == "WORK"
    assert feats[0]["clc"] == "1" and feats[2]["clc"] == "none" and "clc" not in feats[1]


def test_word_stats_say_how_a_word_was_tagged_or_that_it_is_unseen() -> None:
    sents = [[("والعراق", "B-LOC"), ("قال", "O")], [("العراق", "B-LOC"), ("قال", "O"), ("عراق", "O")]]
    stats = word_stats(sents)
    assert stats == {"عراق": "B-LOC:most", "قال": "O:all"}
    feats = sentence_features(["قال", "كوناري", "2007"], {}, None, stats)
    assert feats[0]["ws"] == "O:all" and feats[1]["ws"] == "unseen" and "ws" not in feats[2]
    assert feats[1]["-1:ws"] == "O:all"


def test_threads_sharing_the_model_tag_as_one_thread_does(tagger: Tagger) -> None:
    # pycrfsuite holds the sentence being tagged: threads sharing one Tagger object corrupted each
    # other's marginals; each thread now gets its own Tagger over the shared model files.
    sentences = [["قال", "كوناري", "إن", "مالي"], [], ["وأضاف", "كوناري"],
                 ["زار", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "بيروت"]] * 20
    expected = tagger.tag_document(sentences)
    assert [len(t) for t in expected[:3]] == [4, 0, 2]

    def tag_all(_: int) -> list[list[str]]:
        mine = default_tagger()
        return [mine.tag(s) for s in sentences]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(tag_all, range(16)))
    assert all(r == expected for r in results)
    assert len({id(r) for r in results}) == 16


def test_gazetteer_knows_countries_and_clubs(tagger: Tagger) -> None:
    assert tagger.gazetteer["غامبيا"] == "LOC" and tagger.gazetteer["دينامو كييف"] == "ORG"


def test_bio_spans_are_lenient_and_map_pers() -> None:
    spans = bio_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG"])
    assert [(s.first, s.last, s.label) for s in spans] == [(0, 1, "PER"), (3, 3, "LOC"), (4, 4, "ORG"), (5, 5, "ORG")]


def test_model_loads_offline_and_tags(tagger: Tagger) -> None:
    assert model_path().is_file()
    tags = tagger.tag(["وقال", "الرئيس", "اللبناني", "ميشال", "عون", "في", "بيروت", "إن", "الحكومة"])
    assert len(tags) == 9
    tokens, spans = tagger.tag_text("زار الرئيس الفرنسي إيمانويل ماكرون بيروت أمس.")
    found = {" ".join(t.text for t in tokens[s.first:s.last + 1]): s.label for s in spans}
    assert found.get("بيروت") == "LOC"
    assert any(label == "PER" and "ماكرون" in text for text, label in found.items())


CONLL_3COL = """\
قال O O
بشار B-PERS B-PERS
الأسد I-PERS I-PERS
في O O
دمشق B-LOC B-LOC

أعلنت O O
الأمم B-ORG B-ORG
المتحدة I-ORG O
أن O O
لبنان B-LOC B-ORG
"""


def test_eval_ner_micro_f1_on_a_fixture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL_3COL, encoding="utf-8")
    assert eval_main(path) == 0
    out = capsys.readouterr().out.strip().splitlines()
    # gold: PER, LOC, ORG, LOC (4); predicted: PER, LOC, ORG(الأمم alone), ORG(لبنان) (4); right: 2
    assert out[-1] == "micro-F1 0.500"
    assert any(line.startswith("PER") and "1.000" in line for line in out)


def test_eval_ner_tags_a_two_column_file_with_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.conll"
    path.write_text("".join(f"{line.split()[0]} {line.split()[1]}\n" if line else "\n"
                            for line in CONLL_3COL.splitlines()), encoding="utf-8")
    assert eval_main(path) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    # The shipped model finds all four: بشار الأسد, دمشق, الأمم المتحدة, لبنان.
    assert last == "micro-F1 1.000"


def test_scores_are_exact_span_and_label() -> None:
    scores = score([(["B-LOC", "I-LOC"], ["B-LOC", "O"]), (["B-PER"], ["B-PER"])])
    assert scores.micro() == (0.5, 0.5, 0.5)


def test_dev_split_is_the_last_tenth_and_entity_strings(tmp_path: Path) -> None:
    path = tmp_path / "c.conll"
    path.write_text(CONLL_3COL, encoding="utf-8")
    sentences = read_conll(path) * 10
    train, dev = split(sentences)
    assert len(dev) == 2 and train + dev == sentences
    assert entity_strings(read_conll(path)) == {"بشار الاسد": "PER", "دمشق": "LOC", "الامم المتحده": "ORG",
                                                "لبنان": "LOC"}


def test_the_tagger_s_pruned_attributes_tag_as_the_full_features_do(tagger: Tagger) -> None:
    # Tagging hands the CRF only the attributes the model has weights for, rendered once per word
    # type; the tags must be those of the full named features used in training.
    sentences = [
        ["وقال", "وزير", "الخارجية", "التركي", "مولود", "جاويش", "أوغلو", "في", "أنقرة", "إن", "الوفد", "وصل", "."],
        ["أعلنت", "«", "منظمة", "الصحة", "العالمية", "»", "أن", "12", "شخصا", "قتلوا", "في", "ريف", "إدلب"],
        ["Reuters", "said", "that", "UNICEF", "and", "the", "Red", "Cross", "left", "Aleppo"],
        ["زار", "الملك", "سلمان", "بن", "عبد", "العزيز", "مدينة", "نيوم", "برفقة", "ولي", "العهد"], ["و"], [],
    ]
    for tokens in sentences:
        full = tagger._crf.tag(tagger.features(tokens)) if tokens else []
        assert tagger.tag(tokens) == [normalise_tag(t) for t in full], tokens
        for attrs in tagger.attributes(tokens):
            assert set(attrs) <= tagger.model.renderer.known
