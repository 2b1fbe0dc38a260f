"""The corpus store on real SQLite files: idempotent ingest, revisions, bad input, stats, schema, SQL.

Ingests run in-process through the command line with one worker and the light ``times`` stage
(the subprocess, kill -9 and Dask paths are in ``test_corpus_ingest.py``).
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from corpus_data import article, count, write_jsonl
from isnad.cli import main
from isnad.corpus import SQLiteStore, register_migrations
from isnad.corpus.sqlite import _MIGRATIONS, CORPUS_SCHEMA, published_columns

LIGHT = ["--workers", "1", "--stages", "times"]


def add(db: Path, *sources: str | Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...] = ()
        ) -> tuple[int, str]:
    status = main(["corpus", "add", "--db", str(db), *LIGHT, *extra, *map(str, sources)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def summary(err: str) -> str:
    return err.strip().splitlines()[-1]


def test_same_input_twice_adds_and_analyses_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    source = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(12)])
    status, err = add(db, source, capsys=capsys)
    assert status == 0
    assert summary(err).startswith("added 12, unchanged 0, revised 0, skipped 0 in ")
    assert "articles/s" in summary(err)
    analyses = sqlite3.connect(db).execute("SELECT id, created FROM analyses ORDER BY id").fetchall()
    status, err = add(db, source, capsys=capsys)
    assert status == 0 and summary(err).startswith("added 0, unchanged 12, revised 0, skipped 0")
    assert sqlite3.connect(db).execute("SELECT id, created FROM analyses ORDER BY id").fetchall() == analyses
    assert count(db, "SELECT count(*) FROM articles_fts") == 12
    assert count(db, "SELECT count(*) FROM times") > 12


def test_a_changed_text_is_a_new_revision_and_nothing_is_overwritten(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    first = article(1)
    changed = article(1, text=first["text"].replace("3 منزلا", "30 منزلا"))
    assert changed["text"] != first["text"]
    assert add(db, write_jsonl(tmp_path / "v1.jsonl", [first, article(2)]), capsys=capsys)[0] == 0
    status, err = add(db, write_jsonl(tmp_path / "v2.jsonl", [changed, article(2)]), capsys=capsys)
    assert status == 0
    assert "isnad: test-00001: revised (revision 2;" in err
    assert summary(err).startswith("added 0, unchanged 1, revised 1, skipped 0")
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT revision, text FROM articles WHERE id = 'test-00001'").fetchone() == (
        2, changed["text"])
    assert connection.execute("SELECT revision, text FROM article_revisions WHERE article_id = 'test-00001'"
                              ).fetchall() == [(1, first["text"])]
    assert connection.execute("SELECT revision FROM analyses WHERE article_id = 'test-00001' ORDER BY revision"
                              ).fetchall() == [(1,), (2,)]
    assert count(db, "SELECT count(*) FROM articles_fts") == 2  # the index holds current texts only
    # both versions are known now: either file again changes nothing
    for name in ("v1.jsonl", "v2.jsonl"):
        status, err = add(db, tmp_path / name, capsys=capsys)
        assert summary(err).startswith("added 0, unchanged 2, revised 0")


def test_revisions_in_one_input_keep_their_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    versions = [article(7, text=f"{article(7)['text']} تحديث رقم {n}.") for n in range(3)]
    status, err = add(db, write_jsonl(tmp_path / "a.jsonl", versions), capsys=capsys)
    assert status == 0 and summary(err).startswith("added 1, unchanged 0, revised 2")
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT text FROM articles").fetchone()[0].endswith("تحديث رقم 2.")
    assert [t.endswith(f"رقم {n}.") for n, (t,) in enumerate(connection.execute(
        "SELECT text FROM article_revisions ORDER BY revision"))] == [True, True]


def test_bad_lines_are_reported_and_the_rest_is_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    source = tmp_path / "mixed.jsonl"
    write_jsonl(source, [article(0), "{not json", article(1, text="   "), json.dumps({"id": "no-text"}),
                         article(2, published="yesterday"), "[1, 2]", article(3)])
    with source.open("ab") as out:
        out.write(b'{"id": "bytes", "text": "\xff\xfe\x00 broken"}\n')
    status, err = add(db, source, capsys=capsys)
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("isnad: error:")]
    assert [e.split(":")[3] for e in errors] == ["2", "3", "4", "5", "6", "8"]
    assert "malformed JSON" in errors[0] and "no text" in errors[1] and "missing 'text'" in errors[2]
    assert "'published'" in errors[3] and "expected a JSON object" in errors[4]
    assert summary(err).startswith("added 2, unchanged 0, revised 0, skipped 6")
    assert count(db, "SELECT count(*) FROM articles") == 2


def test_missing_and_unreadable_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(json.dumps(article(0), ensure_ascii=False).encode() + b"\n")[:-12])
    status, err = add(db, tmp_path / "nowhere.jsonl", broken, capsys=capsys)
    assert status == 1
    assert "nowhere.jsonl: no such file or directory" in err
    assert "broken.jsonl.gz: unreadable after line" in err
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(SystemExit) as exit_:
        main(["corpus", "stats", "--db", str(not_a_store)])
    assert exit_.value.code == 2 and "not an isnad store" in capsys.readouterr().err


def test_files_directories_gzip_and_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "isnad.db"
    folder = tmp_path / "in" / "deep"
    folder.mkdir(parents=True)
    (folder / "note.txt").write_text("قال الوزير يوم الاثنين إن الوضع مستقر.", encoding="utf-8")
    (folder / "one.json").write_text(json.dumps(article(40), ensure_ascii=False), encoding="utf-8")
    (folder / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    with gzip.open(folder / "many.jsonl.gz", "wt", encoding="utf-8") as out:
        for i in range(41, 44):
            out.write(json.dumps(article(i), ensure_ascii=False) + "\n")
    status, err = add(db, tmp_path / "in", capsys=capsys)
    assert status == 0 and summary(err).startswith("added 5,")
    stdin = io.TextIOWrapper(io.BytesIO((json.dumps(article(50), ensure_ascii=False) + "\n").encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    status, err = add(db, "-", capsys=capsys, extra=("--jsonl",))
    assert status == 0 and summary(err).startswith("added 1,")
    assert count(db, "SELECT count(*) FROM articles WHERE id IN ('note', 'test-00040', 'test-00050')") == 3


def test_ant_records_keep_their_timestamp_fields_and_repeated_urls(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    record = article(3, published="2018-02-18T10:22:00+03:00", abstract="ملخص", path="a/b.xml")
    repeated = dict(record, id="test-repeated", category="internationalNews")
    status, err = add(db, write_jsonl(tmp_path / "a.jsonl", [record, repeated]), capsys=capsys)
    assert status == 0
    assert "1 with a URL already stored under another id" in summary(err)
    row = sqlite3.connect(db).execute(
        "SELECT published, published_date, published_utc, meta FROM articles WHERE id = 'test-00003'").fetchone()
    assert row[:3] == ("2018-02-18T10:22:00+03:00", "2018-02-18", "2018-02-18T07:22:00Z")
    assert json.loads(row[3]) == {"category": "middleEast", "abstract": "ملخص", "path": "a/b.xml"}
    assert count(db, "SELECT count(*) FROM articles WHERE same_url_as = 'test-00003'") == 1
    assert published_columns("2018-06-01", None) == ("2018-06-01", None)
    assert published_columns("2018-06-01T23:30:00Z", None) == ("2018-06-01", "2018-06-01T23:30:00Z")


def test_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    add(db, write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(6)]), capsys=capsys)
    assert main(["corpus", "stats", "--db", str(db), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 6
    assert stats["outlets"] == {"BBC": 2, "CNN": 2, "skynews": 2}
    assert stats["months"] == {"2018-06": 3, "2018-07": 3}
    assert stats["languages"] == {"ar": 6}
    assert stats["bytes"] > 0 and stats["schema"]["corpus"] == CORPUS_SCHEMA[-1][0]  # (other components may add theirs)
    assert main(["corpus", "stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "6 articles" in out and "skynews" in out and "2018-07" in out
    with pytest.raises(SystemExit) as exit_:
        main(["corpus", "stats", "--db", str(tmp_path / "none.db")])
    assert exit_.value.code == 2 and "no store here" in capsys.readouterr().err


def test_db_defaults_to_the_environment_then_the_current_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [article(1)])
    monkeypatch.chdir(tmp_path)
    assert main(["corpus", "add", *LIGHT, str(source)]) == 0
    assert (tmp_path / "isnad.db").exists()
    monkeypatch.setenv("ISNAD_DB", str(tmp_path / "env.db"))
    assert main(["corpus", "add", *LIGHT, str(source)]) == 0
    assert (tmp_path / "env.db").exists()
    capsys.readouterr()


def test_another_module_adds_its_tables_as_migrations(tmp_path: Path) -> None:
    db = tmp_path / "isnad.db"
    SQLiteStore(db).close()
    register_migrations("example", [(1, "CREATE TABLE example_rows (id INTEGER PRIMARY KEY, label TEXT);"),
                                    (2, "ALTER TABLE example_rows ADD COLUMN first_report TEXT REFERENCES articles(id);")])
    try:
        with SQLiteStore(db) as store:
            versions = store.schema_versions()
            assert versions["corpus"] == len(_MIGRATIONS["corpus"]) and versions["example"] == 2
        connection = sqlite3.connect(db)
        assert [r[1] for r in connection.execute("PRAGMA table_info(example_rows)")] == ["id", "label", "first_report"]
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        with pytest.raises(ValueError):
            register_migrations("broken", [(2, "SELECT 1"), (1, "SELECT 1")])
    finally:
        _MIGRATIONS.pop("example")
    connection.execute("INSERT INTO schema_migrations VALUES ('corpus', 99, 'later')")
    connection.commit()
    with pytest.raises(Exception, match="newer than this isnad knows"):
        SQLiteStore(db)


def test_a_store_of_the_first_schema_is_migrated_and_keeps_its_rows(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    _MIGRATIONS["corpus"] = CORPUS_SCHEMA[:1]
    try:
        SQLiteStore(db).close()
    finally:
        _MIGRATIONS["corpus"] = CORPUS_SCHEMA
    with sqlite3.connect(db) as connection:
        assert "per" not in [r[1] for r in connection.execute("PRAGMA table_info(quantities)")]
        connection.execute("INSERT INTO articles (id, text, content_hash, revision, added, updated)"
                           " VALUES ('old', 'نص قديم', 'h', 1, 'then', 'then')")
    with SQLiteStore(db) as store:
        assert store.schema_versions()["corpus"] == CORPUS_SCHEMA[-1][0] > 1
    with sqlite3.connect(db) as connection:
        assert "per" in [r[1] for r in connection.execute("PRAGMA table_info(quantities)")]
    # the migrated store keeps its rows and takes new analyses with the new column
    add(db, write_jsonl(tmp_path / "a.jsonl", [article(1, text="ينتج الحقل 500 ألف برميل يومياً.")]),
        capsys=capsys, extra=("--stages", "times,quantities"))
    assert count(db, "SELECT count(*) FROM articles") == 2
    assert count(db, "SELECT count(*) FROM quantities WHERE per = 'day'") == 1


def test_reanalyze_redoes_stale_analyses_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "isnad.db"
    add(db, write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(6)]), capsys=capsys)
    with sqlite3.connect(db) as connection:
        before = dict(connection.execute("SELECT article_id, id FROM analyses"))
        # two analyses made by an older isnad, one that failed
        connection.execute("UPDATE analyses SET fingerprint = '0000000000000000'"
                           " WHERE article_id IN ('test-00001', 'test-00004')")
        connection.execute("UPDATE analyses SET fingerprint = NULL, analysis = NULL, error = 'internal error'"
                           " WHERE article_id = 'test-00002'")
    assert main(["corpus", "reanalyze", "--db", str(db), *LIGHT]) == 0
    assert summary(capsys.readouterr().err).startswith("reanalysed 3 stale analyses")
    with sqlite3.connect(db) as connection:
        after = dict(connection.execute("SELECT article_id, id FROM analyses"))
        fingerprints = {f for (f,) in connection.execute("SELECT DISTINCT fingerprint FROM analyses")}
    assert {a for a in before if before[a] != after[a]} == {"test-00001", "test-00002", "test-00004"}
    assert len(fingerprints) == 1 and None not in fingerprints
    assert main(["corpus", "reanalyze", "--db", str(db), *LIGHT]) == 0
    assert summary(capsys.readouterr().err).startswith("reanalysed 0 stale analyses")
    # another stage set is another fingerprint: everything is stale, old revisions too
    add(db, write_jsonl(tmp_path / "b.jsonl", [article(0, text="نص جديد يوم الخميس.")]), capsys=capsys)
    assert main(["corpus", "reanalyze", "--db", str(db), "--workers", "1", "--stages", "times,entities"]) == 0
    assert summary(capsys.readouterr().err).startswith("reanalysed 7 stale analyses")
    assert main(["corpus", "stats", "--db", str(db), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert list(stats["fingerprints"].values()) == [7] and stats["items"]["entities"] > 0


# --- the example query of the README, over a real analysis ------------------------------------------------

ANONYMOUS_FIGURES = """
SELECT a.id, a.published, q.text AS figure, q.value, c.text AS claim
FROM quantities q
JOIN analyses n ON n.id = q.analysis_id
JOIN articles a ON a.id = n.article_id AND a.revision = n.revision
JOIN claim_items ci ON ci.analysis_id = q.analysis_id AND ci.item_id = q.item_id
JOIN claims c ON c.analysis_id = ci.analysis_id AND c.item_id = ci.claim_id
WHERE a.outlet = 'skynews' AND q.unit = 'person' AND c.attribution = 'anonymous'
  AND a.published_date BETWEEN '2018-06-01' AND '2018-06-30'
ORDER BY a.published_utc
"""


def test_one_sql_query_finds_anonymous_figures(tmp_path: Path) -> None:
    from isnad.core.pipeline import Pipeline
    from isnad.corpus.ingest import LocalWorkers, ingest
    from isnad.corpus.sources import read_articles

    text = ("قالت مصادر مطلعة لسكاي نيوز عربية إن 40 شخصا قتلوا في هجوم على قرية قرب حلب يوم الاثنين."
            " وأضافت المصادر أن 12 مدنيا أصيبوا.")
    named = "قال وزير الصحة أحمد العلي إن 40 شخصا قتلوا في هجوم على قرية قرب حلب يوم الاثنين."
    records = [
        {"id": "sky-june", "outlet": "skynews", "published": "2018-06-11T09:00:00+04:00", "text": text},
        {"id": "sky-july", "outlet": "skynews", "published": "2018-07-11T09:00:00+04:00", "text": text},
        {"id": "bbc-june", "outlet": "BBC", "published": "2018-06-11T09:00:00+01:00", "text": text},
        {"id": "sky-named", "outlet": "skynews", "published": "2018-06-12T09:00:00+04:00", "text": named},
    ]
    db = tmp_path / "isnad.db"
    with SQLiteStore(db) as store:
        workers = LocalWorkers(Pipeline(), 1)
        counts = ingest(store, read_articles([str(write_jsonl(tmp_path / "a.jsonl", records))]), workers,
                        error=pytest.fail, notice=print)
        assert counts.added == 4
        rows = store.db.execute(ANONYMOUS_FIGURES).fetchall()
    assert [(r[0], r[2], r[3]) for r in rows] == [("sky-june", "40 شخصا", 40.0), ("sky-june", "12 مدنيا", 12.0)]
    assert all(text[s:e] == t for s, e, t in sqlite3.connect(db).execute(
        "SELECT start, end, text FROM quantities WHERE article_id = 'sky-june'"))


# --- the real ANT corpus, as it is ---------------------------------------------------------------------------

def test_the_ant_corpus_reads_as_it_is_and_keeps_both_ids_of_a_repeated_url(
        shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import itertools

    from isnad.corpus.sources import read_articles
    from isnad.corpus.store import Article

    corpus = shared_data / "ant_corpus_2018" / "ant-multisource-2018.jsonl.gz"
    if not corpus.exists():
        pytest.skip(f"{corpus} not found (set ISNAD_DATA)")
    articles = list(itertools.islice(read_articles([str(corpus)]), 2100))  # streamed: the rest is never read
    assert all(isinstance(a, Article) for a in articles)
    assert len({a.id for a in articles}) == 2100
    first = articles[0]
    assert first.published and first.published[10] == "T" and first.published[-6] in "+-"
    assert set(first.meta) == {"category", "abstract", "path"}
    by_url: dict[str, list[Article]] = {}
    for a in articles:
        by_url.setdefault(a.document.url or "", []).append(a)
    pair = next(group for group in by_url.values() if len(group) > 1)
    records = [{"id": a.id, "text": a.document.text, "url": a.document.url, "outlet": a.document.outlet,
                "published": a.published, "title": a.document.title, **a.meta} for a in pair]
    db = tmp_path / "isnad.db"
    status, err = add(db, write_jsonl(tmp_path / "pair.jsonl", records), capsys=capsys)
    assert status == 0 and "1 with a URL already stored under another id" in summary(err)
    assert sqlite3.connect(db).execute("SELECT id, same_url_as FROM articles ORDER BY rowid").fetchall() == [
        (pair[0].id, None), (pair[1].id, pair[0].id)]
