"""Across outlets (isnad.matching): agreement rules, contradiction kinds, first reports, events, commands.

The articles are short Arabic and English texts written for these tests; each store is a real
SQLite file, filled by the real ingest and pipeline.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import isnad.matching as matching
from isnad.cli import main
from isnad.core.pipeline import Pipeline
from isnad.corpus.ingest import LocalWorkers, ingest
from isnad.corpus.sources import article_from_record
from isnad.corpus.sqlite import SQLiteStore
from isnad.matching.agreement import agree, read
from isnad.matching.claims import ArticleUnits, link_units
from isnad.matching.units import Figure, article_units
from web_store import add_and_match

_PIPELINE = Pipeline()


def figure(value=None, low=None, high=None, approx=False, unit="person") -> Figure:
    return Figure(value, low, high, approx, unit, "any", "killed", frozenset(), frozenset(), "qty-0-0")


def agrees(a: Figure, b: Figure) -> bool:
    ra, rb = read(a), read(b)
    assert ra is not None and rb is not None
    return agree(ra, rb) and agree(rb, ra)


# ---------------------------------------------------------------------- agreement rules
def test_a_bound_or_an_approximation_agrees_with_the_values_that_satisfy_it() -> None:
    assert agrees(figure(40, low=40, approx=True), figure(43))  # «أكثر من 40» and 43
    assert agrees(figure(100, approx=True), figure(98))  # «نحو مئة» and 98
    assert agrees(figure(30, low=30, approx=True, unit="percent"), figure(30.3, unit="percent"))
    assert agrees(figure(60e6, approx=True), figure(59e6, approx=True))  # «نحو 60 مليون» and «نحو 59 مليون»
    assert agrees(figure(1000, low=1000, approx=True), figure(1400, low=1400, approx=True))  # two round bounds
    assert not agrees(figure(30, low=30, approx=True, unit="percent"), figure(28, unit="percent"))
    assert not agrees(figure(34, approx=True, unit="percent"), figure(32, approx=True, unit="percent"))


def test_vague_words_are_at_least_two_of_their_order_and_two_orders_disagree() -> None:
    thousands = figure(None, low=2000, high=9999, approx=True)  # «الآلاف» as the extractor reads it
    dozens = figure(None, low=10, high=99, approx=True)
    hundreds = figure(None, low=100, high=999, approx=True)
    tens_of_thousands = figure(None, low=10000, high=99999, approx=True)
    assert agrees(thousands, figure(1000, low=1000, approx=True))  # «الآلاف» and «أكثر من ألف»
    assert agrees(dozens, figure(39))
    assert agrees(thousands, figure(17000))
    assert not agrees(tens_of_thousands, figure(17000))
    assert not agrees(dozens, hundreds)
    assert not agrees(dozens, figure(12))


def test_two_specific_counts_disagree_even_when_hedged() -> None:
    assert not agrees(figure(16, low=16, approx=True), figure(14))  # «16 على الأقل» and 14
    assert not agrees(figure(39, low=39, approx=True), figure(36))
    assert agrees(figure(39, low=39, approx=True), figure(39))


def test_durations_are_compared_in_one_unit() -> None:
    assert not agrees(figure(1.5, unit="year"), figure(21, unit="month"))
    assert agrees(figure(1, unit="hour", approx=True), figure(60, unit="minute"))
    assert read(figure(1, unit="hour")).low == 60
    assert read(figure(None, low=10, high=99, approx=True)).high == math.inf


# ---------------------------------------------------------------------- stores
def make_store(path: Path, records: list[dict]) -> SQLiteStore:
    add_and_match(path, records, _PIPELINE)
    return SQLiteStore(path)


def record(id_: str, outlet: str, published: str, text: str) -> dict:
    return {"id": id_, "outlet": outlet, "published": published, "url": f"https://example.org/{id_}",
            "title": text.split("\n", 1)[0], "text": text}


BLAST_A = ("انفجار في مستودع للذخيرة ببلدة الزيتون\n"
           "قال المرصد السوري لحقوق الإنسان إن انفجارا في مستودع للذخيرة داخل مبنى سكني في بلدة الزيتون بريف حلب"
           " أسفر عن مقتل 12 شخصا بينهم 4 أطفال.\n"
           "وأضاف المرصد أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض المبنى المنهار.")
BLAST_B = ("ارتفاع حصيلة انفجار مستودع الذخيرة في بلدة الزيتون\n"
           "ارتفعت حصيلة القتلى في انفجار مستودع للذخيرة داخل مبنى سكني في بلدة الزيتون بريف حلب إلى 20 قتيلا،"
           " بحسب المرصد السوري لحقوق الإنسان.\n"
           "وكانت حصيلة سابقة أشارت إلى مقتل 12 شخصا في الانفجار.\n"
           "وقال المرصد إن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض المبنى المنهار.")


def claims_with_value(store: SQLiteStore, value: float) -> list[dict]:
    return [c for c in matching.claims_json(store) if any(m["value"] == value for m in c["mentions"])]


def check_offsets(store: SQLiteStore) -> None:
    texts = dict(store.db.execute("SELECT id, text FROM articles"))
    for claim in matching.claims_json(store):
        for m in claim["mentions"]:
            assert texts[m["article"]][m["start"]:m["end"]] == m["text"]


def test_a_later_higher_toll_is_an_update_and_the_first_report_is_the_earlier_article(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.db", [record("a", "BBC", "2018-08-12", BLAST_A),
                                           record("b", "Sky", "2018-08-13", BLAST_B)])
    events = list(matching.events_json(store))
    assert [sorted(e["articles"]) for e in events] == [["a", "b"]]
    [toll] = claims_with_value(store, 20)
    assert {m["value"] for m in toll["mentions"]} >= {12, 20}
    assert toll["contradiction"]["kind"] == "update"
    assert toll["first_report"] == "a"
    check_offsets(store)
    store.close()


def test_a_figure_its_own_article_marks_as_earlier_is_an_update_inside_one_article(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.db", [record("b", "Sky", "2018-08-13", BLAST_B)])
    db = store.db
    [claim] = [c for c in matching.claims_json(store) if c["contradiction"]]
    assert {m["value"] for m in claim["mentions"]} == {12, 20}
    assert claim["contradiction"]["kind"] == "update"
    assert "حصيلة سابقة" in db.execute("SELECT text FROM articles").fetchone()[0]
    store.close()


def test_different_tolls_the_same_day_from_different_sources_are_a_discrepancy(tmp_path: Path) -> None:
    a = ("مقتل 39 شخصا في انفجار مستودع أسلحة بمدينة الباب\n"
         "قال المرصد السوري لحقوق الإنسان إن 39 شخصا قتلوا في انفجار مستودع أسلحة داخل مبنى سكني في مدينة الباب.")
    b = ("انفجار مستودع أسلحة في مدينة الباب\n"
         "قال الدفاع المدني السوري إن 36 شخصا قتلوا في انفجار مستودع أسلحة داخل مبنى سكني في مدينة الباب.")
    store = make_store(tmp_path / "s.db", [record("a", "BBC", "2018-08-12", a), record("b", "CNN", "2018-08-12", b)])
    [claim] = claims_with_value(store, 36)
    assert {m["value"] for m in claim["mentions"]} == {36, 39}
    assert claim["contradiction"]["kind"] == "discrepancy"
    assert claim["first_report"] is None  # the same day: a tie
    [source] = {m["source"] for m in claim["mentions"] if m["value"] == 36}
    assert "الدفاع المدني" in source or "Civil Defence" in source  # the KB's name when it knows the body
    store.close()


def test_one_happening_with_two_dates_is_a_conflict(tmp_path: Path) -> None:
    a = ("انفجار في بلدة الزيتون\n"
         "وقع الانفجار في مستودع الذخيرة التابع لفصيل مسلح في بلدة الزيتون بريف حلب الشمالي فجر الأحد.")
    b = ("انفجار في بلدة الزيتون\n"
         "وقع الانفجار في مستودع الذخيرة التابع لفصيل مسلح في بلدة الزيتون بريف حلب الشمالي فجر الاثنين.")
    store = make_store(tmp_path / "s.db", [record("a", "BBC", "2018-08-14", a), record("b", "CNN", "2018-08-14", b)])
    conflicts = [c for c in matching.claims_json(store) if c["contradiction"]]
    assert [c["contradiction"]["kind"] for c in conflicts] == ["conflict"]
    store.close()


def test_first_report_ties_and_clock_times(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.db", [record("a", "BBC", "2018-08-12T10:00:00+00:00", BLAST_A),
                                           record("c", "CNN", "2018-08-12T08:30:00+00:00", BLAST_A.replace(
                                               "قال المرصد", "ذكر المرصد")),
                                           record("d", "Sky", "2018-08-12T08:30:00+00:00", BLAST_A.replace(
                                               "وأضاف المرصد", "وتابع المرصد"))])
    [claim] = [c for c in claims_with_value(store, 12) if len({m["article"] for m in c["mentions"]}) == 3]
    assert claim["first_report"] is None  # CNN and Sky at the same minute
    store.close()
    store = make_store(tmp_path / "t.db", [record("a", "BBC", "2018-08-12T10:00:00+00:00", BLAST_A),
                                           record("c", "CNN", "2018-08-12T08:30:00+00:00", BLAST_A.replace(
                                               "قال المرصد", "ذكر المرصد"))])
    [claim] = claims_with_value(store, 12)
    assert claim["first_report"] == "c"
    assert [m["article"] for m in claim["mentions"]][0] == "c"  # mentions in publication order
    store.close()


CRASH = ("تحطم طائرة ركاب في جبال زاغروس جنوب غرب إيران\n"
         "تحطمت طائرة ركاب تابعة لشركة طيران محلية في منطقة جبلية جنوب غرب إيران، وكان على متنها {n} شخصا"
         " بينهم أفراد الطاقم، بحسب منظمة الطيران المدني الإيرانية.\n"
         "وقال المتحدث باسم منظمة الطيران المدني إن فرق الإنقاذ والهلال الأحمر لم تتمكن من الوصول إلى موقع"
         " الحادث بسبب الثلوج الكثيفة في جبال زاغروس.")


def test_two_crashes_with_the_same_vocabulary_three_weeks_apart_stay_apart(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.db", [
        record("feb-a", "BBC", "2018-02-18", CRASH.format(n=66)),
        record("feb-b", "CNN", "2018-02-18", CRASH.format(n=66).replace("بحسب", "وفق")),
        record("mar-a", "BBC", "2018-03-11", CRASH.format(n=11)),
        record("mar-b", "Sky", "2018-03-11", CRASH.format(n=11).replace("بحسب", "وفق"))])
    events = sorted(sorted(e["articles"]) for e in matching.events_json(store))
    assert events == [["feb-a", "feb-b"], ["mar-a", "mar-b"]]
    for claim in matching.claims_json(store):
        assert len({m["article"][:3] for m in claim["mentions"]}) == 1
    store.close()


def test_an_arabic_and_an_english_article_link_on_figures_and_entities() -> None:
    arabic = {"id": "ar", "text": ("قال المرصد السوري لحقوق الإنسان إن انفجارا في مستودع أسلحة في محافظة إدلب"
                                   " أسفر عن مقتل 39 شخصا بينهم 12 طفلا يوم الأحد."), "published_date": "2018-08-12"}
    english = {"id": "en", "text": ("An explosion at an arms depot in Syria's Idlib province killed 39 people, including"
                                    " 12 children, on Sunday, the Syrian Observatory for Human Rights said."),
               "published_date": "2018-08-12"}
    units = []
    for art in (arabic, english):
        analysis = _PIPELINE(art_document(art)).model_dump(mode="json")
        units.append(ArticleUnits(art["id"], None, art["published_date"], article_units(art, analysis)))
    claims = link_units(units)
    linked = {frozenset((m.text, m.article) for m in c.mentions) for c in claims}
    texts = [{m.text for m in c.mentions} for c in claims]
    assert any({"مقتل 39 شخصا", "killed 39 people"} <= t or any("39" in x for x in t) and len(t) == 2 for t in texts)
    assert all(len({a for _, a in group}) == 2 for group in linked)
    assert any(all(m.figure and m.figure.value == 12 for m in c.mentions) for c in claims)
    assert all(c.contradiction is None for c in claims)


def art_document(art: dict):
    import datetime as dt

    from isnad.model import Document

    return Document(id=art["id"], text=art["text"], published=dt.date.fromisoformat(art["published_date"]))


# ---------------------------------------------------------------------- commands
def test_the_commands_print_the_contracts_and_refuse_bad_input(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    make_store(db, [record("a", "BBC", "2018-08-12", BLAST_A), record("b", "Sky", "2018-08-13", BLAST_B)]).close()
    assert main(["corpus", "match", "--db", str(db)]) == 0
    assert "placed 0 articles" in capsys.readouterr().err
    assert main(["corpus", "events", "--db", str(db), "--format", "jsonl"]) == 0
    [event] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(event) == {"event", "articles", "title", "start", "end"}
    assert (event["start"], event["end"], event["articles"]) == ("2018-08-12", "2018-08-13", ["a", "b"])
    assert main(["corpus", "claims", "--db", str(db), "--format", "jsonl", "--contradictions"]) == 0
    claims = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert claims and all(set(c) == {"claim", "event", "mentions", "contradiction", "first_report"} for c in claims)
    assert all(set(m) == {"article", "start", "end", "text", "value", "unit", "source"}
               for c in claims for m in c["mentions"])
    assert all(set(c["contradiction"]) == {"kind", "mentions", "reason"} for c in claims)
    assert main(["corpus", "claims", "--db", str(db), "--event", str(event["event"])]) == 0
    text = capsys.readouterr().out
    assert "UPDATE" in text and "first report: BBC" in text
    assert main(["corpus", "claims", "--db", str(db), "--event", "999"]) == 2
    err = capsys.readouterr().err
    assert "no event 999" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as stop:
        main(["corpus", "events", "--db", str(tmp_path / "missing.db")])
    assert stop.value.code == 2


def test_adding_articles_places_only_the_new_ones(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = make_store(db, [record("a", "BBC", "2018-08-12", BLAST_A)])
    first = store.db.execute("SELECT event_id, placed FROM event_articles WHERE article_id = 'a'").fetchone()
    store.close()
    store = make_store(db, [record("b", "Sky", "2018-08-13", BLAST_B)])
    assert store.db.execute("SELECT event_id, placed FROM event_articles WHERE article_id = 'a'").fetchone() == first
    assert store.db.execute("SELECT event_id FROM event_articles WHERE article_id = 'b'").fetchone()[0] == first[0]
    assert claims_with_value(store, 20)
    store.close()


# ---------------------------------------------------------------------- the development set
@pytest.mark.slow
def test_eval_xdoc_on_the_development_set(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = shared_data / "xdoc-dev"
    if not directory.is_dir():
        pytest.skip(f"{directory} not found (the xdoc development set)")
    assert main(["eval", "xdoc", str(directory)]) == 0
    out = capsys.readouterr().out
    events = next(line for line in out.splitlines() if line.startswith("events"))
    assert float(events.split()[5]) >= 0.95  # F1


@pytest.mark.slow
def test_claims_computed_by_worker_processes_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import isnad.matching.store as matching_store

    records = [record("feb-a", "BBC", "2018-02-18", CRASH.format(n=66)),
               record("feb-b", "CNN", "2018-02-18", CRASH.format(n=66).replace("بحسب", "وفق")),
               record("a", "BBC", "2018-08-12", BLAST_A), record("b", "Sky", "2018-08-13", BLAST_B)]
    alone = make_store(tmp_path / "one.db", records)
    expected = [(c["mentions"], c["contradiction"], c["first_report"]) for c in matching.claims_json(alone)]
    alone.close()
    monkeypatch.setattr(matching_store, "CLAIM_CHUNK", 1)
    store = SQLiteStore(tmp_path / "two.db")
    workers = LocalWorkers(_PIPELINE, 1)
    try:
        ingest(store, [article_from_record(r, r["id"]) for r in records], workers, error=print, notice=print)
    finally:
        workers.close()
    matching.match(store, workers=2)
    assert [(c["mentions"], c["contradiction"], c["first_report"]) for c in matching.claims_json(store)] == expected
    store.close()


def test_one_article_stored_twice_makes_no_tie(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.db", [
        record("bbc-1", "BBC", "2018-08-12T08:30:00+00:00", BLAST_A),
        record("bbc-2", "BBC", "2018-08-12T08:30:00+00:00", BLAST_A),  # the same article under two categories
        record("cnn", "CNN", "2018-08-12T10:00:00+00:00", BLAST_A.replace("قال المرصد", "ذكر المرصد"))])
    assert store.db.execute("SELECT wire_copy_of FROM event_articles WHERE article_id = 'bbc-2'").fetchone() == (
        "bbc-1",)
    [claim] = [c for c in claims_with_value(store, 12) if len({m["article"] for m in c["mentions"]}) == 3]
    assert claim["first_report"] == "bbc-1"
    store.close()


def test_an_arabic_and_an_english_article_make_one_event_in_a_store(tmp_path: Path) -> None:
    arabic = ("انفجار في مستودع أسلحة بمحافظة إدلب\nقال المرصد السوري لحقوق الإنسان إن انفجارا في مستودع أسلحة في بلدة"
              " سرمدا بمحافظة إدلب أسفر عن مقتل 39 شخصا بينهم 12 طفلا يوم الأحد.")
    english = ("Blast at arms depot kills 39 in Syria's Idlib\nAn explosion at an arms depot in the town of Sarmada in"
               " Syria's Idlib province killed 39 people, including 12 children, on Sunday, the Syrian Observatory for"
               " Human Rights said.")
    store = make_store(tmp_path / "s.db", [record("ar", "BBC Arabic", "2018-08-12", arabic),
                                           record("en", "Reuters", "2018-08-12", english)])
    assert [e["articles"] for e in matching.events_json(store)] == [["ar", "en"]]
    linked = [{m["text"] for m in c["mentions"]} for c in matching.claims_json(store)]
    # the English headline's «kills 39» is the body's figure too (the same value, the body's unit)
    assert {"مقتل 39 شخصا", "killed 39 people", "39"} in linked
    assert {"12 طفلا", "12 children"} in linked
    check_offsets(store)
    store.close()
