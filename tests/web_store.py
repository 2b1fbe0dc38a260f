"""A small store for the newsroom app's tests: one blast covered by four outlets (an update and a
discrepancy among its figures), one of them hostile, and an English article; built by the real
ingest, pipeline and matcher."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from isnad.core.pipeline import Pipeline

HOSTILE_OUTLET = '<b onmouseover="alert(1)">Evil\u202eNews</b>'
HOSTILE_TITLE = '"><script>alert("title")</script> انفجار \u202eالزيتون'
HOSTILE_MARKUP = ('<script>alert("x")</script>', '<img src=x onerror="alert(1)">', "\u202e", "\u2066")

ARTICLES = [
    {"id": "bbc-blast", "outlet": "BBC Arabic", "published": "2018-08-12T10:00:00+00:00",
     "url": "https://www.bbc.example/arabic/blast", "title": "انفجار في مستودع للذخيرة ببلدة الزيتون",
     "text": "انفجار في مستودع للذخيرة ببلدة الزيتون\n"
             "قال المرصد السوري لحقوق الإنسان إن انفجارا في مستودع للذخيرة داخل مبنى سكني في بلدة الزيتون بريف حلب"
             " أسفر عن مقتل 12 شخصا بينهم 4 أطفال.\n"
             "وأضاف المرصد أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض المبنى المنهار."},
    {"id": "sky-blast", "outlet": "Sky News Arabia", "published": "2018-08-13T09:00:00+00:00",
     "url": "https://www.sky.example/blast-toll", "title": "ارتفاع حصيلة انفجار مستودع الذخيرة في بلدة الزيتون",
     "text": "ارتفاع حصيلة انفجار مستودع الذخيرة في بلدة الزيتون\n"
             "ارتفعت حصيلة القتلى في انفجار مستودع للذخيرة داخل مبنى سكني في بلدة الزيتون بريف حلب إلى 20 قتيلا،"
             " بحسب المرصد السوري لحقوق الإنسان.\n"
             "وكانت حصيلة سابقة أشارت إلى مقتل 12 شخصا في الانفجار.\n"
             "وقال المرصد إن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض المبنى المنهار."},
    {"id": "evil/blast?x=1#y", "outlet": HOSTILE_OUTLET, "published": "2018-08-12T12:00:00+00:00",
     "url": "javascript:alert(1)", "title": HOSTILE_TITLE,
     "text": "انفجار الزيتون " + HOSTILE_MARKUP[0] + "\n"
             "قال المرصد السوري لحقوق الإنسان إن انفجارا في مستودع للذخيرة داخل مبنى سكني في بلدة الزيتون بريف حلب"
             " أسفر عن مقتل 12 شخصا " + HOSTILE_MARKUP[1] + " بينهم 4 أطفال.\n"
             "وأضاف المرصد \u202e أن فرق الدفاع المدني \u2066 ما زالت تبحث عن ناجين تحت أنقاض المبنى المنهار."},
    {"id": "en-floods", "outlet": "Wire", "published": "2018-09-03", "url": "https://wire.example/floods",
     "title": "Floods displace thousands in Kerala",
     "text": "Floods displace thousands in Kerala\n"
             "The United Nations said on Monday that floods had displaced 35,000 people in Kerala since Friday.\n"
             "\"We need $4.5 million in the next three weeks,\" said the spokesperson, adding that 1,200 tents were lost."},
]


def build_store(path: Path) -> Path:
    """Analyse and store :data:`ARTICLES` in ``path``, then match them into events and claims."""
    add_and_match(path, ARTICLES)
    return path


LATE_REPORT = {
    "id": "cnn-blast", "outlet": "CNN Arabic", "published": "2018-08-14T08:00:00+00:00",
    "url": "https://www.cnn.example/blast", "title": "المرصد: مقتل 12 شخصا في انفجار الزيتون",
    "text": "المرصد: مقتل 12 شخصا في انفجار الزيتون\n"
            "قال المرصد السوري لحقوق الإنسان إن انفجارا في مستودع للذخيرة داخل مبنى سكني في بلدة الزيتون بريف حلب"
            " أسفر عن مقتل 12 شخصا.",
}


def add_and_match(path: Path, records: list[dict], pipeline: Pipeline | None = None) -> None:
    """Add articles to the store and match again (the claims of the events they join are rebuilt)."""
    import isnad.matching as matching
    from isnad.core.pipeline import Pipeline
    from isnad.corpus.ingest import LocalWorkers, ingest
    from isnad.corpus.sources import article_from_record
    from isnad.corpus.sqlite import SQLiteStore

    store = SQLiteStore(path)
    workers = LocalWorkers(pipeline or Pipeline(), 1)
    problems: list[str] = []
    try:
        ingest(store, [article_from_record(r, r["id"]) for r in records], workers, error=problems.append,
               notice=lambda message: None)
    finally:
        workers.close()
    assert problems == []
    matching.match(store)
    store.close()
