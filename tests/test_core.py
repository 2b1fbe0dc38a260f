"""The engine: the Doc built once, stages that declare what they read and write, the checked order,
pickling for Dask and worker pools, threads sharing one pipeline, and the one token stream."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from isnad.core.doc import Doc, FieldError
from isnad.core.pipeline import DEFAULT_STAGES, Failure, Pipeline
from isnad.core.registry import PipelineError, field, load_stages, resolve, stage
from isnad.model import Document
from isnad.text.normalize import normalize
from isnad.text.tokens import TokenStream, segmentations, strip_proclitic, tokenize

TEXT = ("قال وزير الخارجية أحمد العلي يوم الاثنين 3 مارس 2025 إن 1,200 شخص نزحوا من حلب، بحسب الأمم المتحدة.\n"
        "وأضاف أن «الوضع سيئ جداً»، مشيراً إلى أن نحو ٣٥ ألف شخص بحاجة إلى مساعدة.")


def test_a_subset_that_leaves_out_a_requirement_fails_when_built_and_names_the_stage_that_would_provide_it() -> None:
    with pytest.raises(PipelineError, match=r"stage 'quotes' requires 'entities' \(assigned by entities\)"):
        Pipeline(["times", "quotes"])
    with pytest.raises(PipelineError, match="which comes later in this pipeline"):
        Pipeline(["entities", "times"])
    with pytest.raises(PipelineError, match="unknown stage 'speakers'"):
        Pipeline(["times", "speakers"])
    assert [s.name for s in Pipeline(["times", "quantities"]).stages] == ["times", "quantities"]


def test_every_default_stage_declares_fields_that_exist_and_the_default_order_resolves() -> None:
    stages = resolve(DEFAULT_STAGES)
    assert [s.name for s in stages] == list(DEFAULT_STAGES)
    assert {f for s in stages for f in s.assigns} >= {"times", "entities", "quantities", "quotes", "sources",
                                                      "claims", "findings"}


def test_a_stage_cannot_read_or_write_what_it_did_not_declare() -> None:
    field("test_notes", "notes written by a test stage")

    @stage("test_sneaky_reader", requires=["times"], assigns=["test_notes"])
    def sneaky(doc: Doc) -> None:
        doc.test_notes.append(len(doc.entities))  # entities not declared

    @stage("test_sneaky_writer", requires=["times"], assigns=["test_notes"])
    def writer(doc: Doc) -> None:
        doc.quotes = []  # quotes not declared

    stages = load_stages()
    doc = Doc(Document(id="t", text=TEXT))
    doc.run_stage(stages["times"])
    doc.entities = []
    with pytest.raises(FieldError, match=r"stage 'test_sneaky_reader' reads doc.entities but does not declare it"):
        doc.run_stage(stages["test_sneaky_reader"])
    with pytest.raises(FieldError, match=r"stage 'test_sneaky_writer' writes doc.quotes but does not declare it"):
        doc.run_stage(stages["test_sneaky_writer"])
    fresh = Doc(Document(id="t", text=TEXT))
    with pytest.raises(FieldError, match="doc.times is not set"):
        fresh.times  # noqa: B018 - reading is the test


def test_a_new_stage_plugs_in_without_editing_the_pipeline() -> None:
    field("test_word_count", "how many words the article has")

    @stage("test_word_count", assigns=["test_word_count"])
    def count(doc: Doc) -> None:
        doc.test_word_count = len([t for t in doc.tokens if t.kind == "word"])

    pipeline = Pipeline([*DEFAULT_STAGES, "test_word_count"])
    doc = pipeline.run(pipeline.make_doc(Document(id="t", text=TEXT)))
    assert doc.test_word_count == len(re.findall(r"[^\W\d_]+", doc.norm.text)) > 20


def test_items_have_stable_ids_and_claims_refer_to_them() -> None:
    pipeline = Pipeline()
    a = pipeline(Document(id="t", text=TEXT, published=dt.date(2025, 3, 5)))
    b = Pipeline()(Document(id="t", text=TEXT, published=dt.date(2025, 3, 5)))
    assert [q.id for q in a.quantities] == [q.id for q in b.quantities]
    for q in a.quantities:
        assert q.id == f"qty-{q.start}-{q.end}"
    ids = {item.id for name in ("quantities", "times", "entities", "quotes", "sources")
           for item in getattr(a, name)}
    assert a.claims and all(ref in ids for c in a.claims for ref in (*c.quantities, *c.times, *c.quotes))
    assert a.provenance is not None and a.provenance.fingerprint == pipeline.provenance.fingerprint


def test_the_fingerprint_changes_with_the_stages_and_the_knowledge_base(tmp_path) -> None:
    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"id": "per:test", "type": "PER", "name_en": "Test", "name_ar": "تست", "aliases": []}\n',
                  encoding="utf-8")
    full, fewer, with_kb = Pipeline(), Pipeline(["times"]), Pipeline(kb_paths=[kb])
    assert len({full.provenance.fingerprint, fewer.provenance.fingerprint, with_kb.provenance.fingerprint}) == 3


def test_a_pipeline_pickles_as_its_configuration_and_analyses_the_same() -> None:
    pipeline = Pipeline(["times", "quantities"], options={"embeddings": False})
    clone = pickle.loads(pickle.dumps(pipeline))
    assert clone.stage_names == pipeline.stage_names and clone.options == pipeline.options
    document = Document(id="t", text=TEXT, published=dt.date(2025, 3, 5))
    assert clone(document).model_dump() == pipeline(document).model_dump()


def test_threads_sharing_one_pipeline_get_the_results_of_one_thread() -> None:
    pipeline = Pipeline().warm_up()
    documents = [Document(id=f"d{i}", text=TEXT + "\n" + TEXT[:i * 7], published=dt.date(2025, 3, 5))
                 for i in range(12)]
    expected = [pipeline(d).model_dump() for d in documents]
    with ThreadPoolExecutor(6) as pool:
        got = list(pool.map(lambda d: pipeline(d).model_dump(), documents * 3))
    assert got == expected * 3


@pytest.mark.slow
def test_pipe_with_worker_processes_keeps_the_order_and_isolates_failures() -> None:
    documents = [Document(id=f"d{i}", text=TEXT[: 40 + 9 * i], published=dt.date(2025, 3, 5)) for i in range(9)]
    alone = [Pipeline()(d).model_dump() for d in documents]
    results = list(Pipeline().pipe(documents, n_process=2, chunksize=2))
    assert [r.model_dump() for r in results] == alone
    broken = Pipeline().safe(Document.model_construct(id="bad", text=None))
    assert isinstance(broken, Failure) and broken.id == "bad" and "internal error" in broken.error


def test_one_token_stream_with_both_offsets() -> None:
    text = "وقالَ الوزيرُ إنّ ٣٫٥ مليون و3 500 شخص نزحوا (بحسب «رويترز»)."
    norm = normalize(text)
    stream = TokenStream(norm)
    doc = Doc(Document(id="t", text=text))
    assert [t.text for t in stream][:3] == ["وقال", "الوزير", "ان"]
    assert [t.kind for t in stream if t.kind == "num"] == ["num", "num"]
    assert [t.text for t in stream if t.kind == "num"] == ["3.5", "3 500"]
    for tok, word in zip(stream, doc.words, strict=True):
        start, end = stream.original(tok)
        assert (word.start, word.end, word.text) == (start, end, text[start:end])
    assert doc.words[0].text == "وقالَ" and doc.words[1].text == "الوزيرُ"  # diacritics kept in the original
    assert [w.text for w in doc.words_in(text.index("بحسب"), len(text))][:2] == ["بحسب", "«"]
    assert [t.text for t in tokenize("وقالَ 6,000")] == ["وقالَ", "6,000"]


def test_clitic_segmentation_lists_every_reading_once_and_consumers_choose() -> None:
    assert segmentations("وبالقوات") == ((0, "وبالقوات"), (2, "القوات"), (1, "بالقوات"))
    assert segmentations("وزير")[0] == (0, "وزير")
    assert strip_proclitic("وبالقوات") == ("القوات", 2)
    assert strip_proclitic("وزير", known={"زير"}) == ("زير", 1)
    assert strip_proclitic("وزير", known=set()) == ("وزير", 0)
    assert strip_proclitic("للأمم", known={"الأمم"}) == ("لأمم", 1)


def test_memo_keeps_what_is_in_use_within_its_bound() -> None:
    from isnad.core.limits import Memo

    memo: Memo[str, int | None] = Memo(limit=4)  # two generations of two entries
    memo["common"] = 1
    memo["none"] = None  # None is a value, not a miss
    for i in range(20):  # a stream of one-off words, with the common one asked for all along
        memo[f"rare{i}"] = i
        assert memo["common"] == 1
        assert len(memo) <= 4
    assert memo.get("rare0") is None  # turned over
    with pytest.raises(KeyError):
        memo["none"]
    memo["none"] = None
    assert memo["none"] is None
