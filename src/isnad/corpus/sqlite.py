"""The SQLite store: one file in WAL mode, a versioned schema, readable tables for Datasette.

Tables (every name says what a row is):

- ``articles``: one row per article id, its current revision: outlet, url, ``published`` as given
  (a timestamp with its offset), ``published_date`` (the outlet's local date), ``published_utc``
  (for ordering), title, lang, text, content_hash, revision, ``same_url_as`` (the article stored
  first under the same URL), meta (the input's other fields, JSON);
- ``article_revisions``: the earlier texts of an article, kept whole when a changed text comes
  in under the same id (a changed figure in an updated article is evidence);
- ``analyses``: one per stored revision: provenance fingerprint, isnad version, stages, the JSON
  contract, or the error that prevented it;
- the items as rows, each with ``analysis_id`` and ``article_id``: ``quotes``, ``sources``,
  ``quantities``, ``times``, ``entities``, ``claims``, ``claim_items`` (what a claim rests on),
  ``findings``;
- ``articles_fts``: the FTS5 index over titles and texts, as folded, lightly stemmed terms
  (:mod:`isnad.text.search`); ``articles.search_rowid`` is an article's row in it.

Migrations are ``(version, SQL)`` steps per component, applied in order and recorded in
``schema_migrations``; another module adds its own tables with :func:`register_migrations` (its
own component name, its own versions), so its steps never collide with the corpus's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from isnad.corpus.rows import ITEM_COLUMNS
from isnad.corpus.store import (
    AnalysedArticle,
    Article,
    Outcome,
    SearchHit,
    SearchQuery,
    Store,
    Stored,
)
from isnad.model import Document


def _item_table(name: str, columns: str, span: bool = True) -> str:
    """The DDL of a table of one kind of item: its analysis, its article, its id in the contract, its
    offsets and text in the article (``span``), its own columns."""
    offsets = "start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, " if span else ""
    return (f"CREATE TABLE {name} (\n"
            "    id INTEGER PRIMARY KEY,\n"
            "    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,\n"
            "    article_id TEXT NOT NULL REFERENCES articles(id),\n"
            f"    item_id TEXT NOT NULL, {offsets}{columns},\n"
            "    UNIQUE (analysis_id, item_id)\n"
            ");\n")


CORPUS_SCHEMA: list[tuple[int, str]] = [
    (1, """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    outlet TEXT,
    url TEXT,
    published TEXT,
    published_date TEXT,
    published_utc TEXT,
    title TEXT,
    lang TEXT,
    author TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL,
    same_url_as TEXT REFERENCES articles(id),
    meta TEXT,
    source TEXT,
    added TEXT NOT NULL,
    updated TEXT NOT NULL,
    search_rowid INTEGER UNIQUE
);
CREATE INDEX articles_outlet_date ON articles(outlet, published_date);
CREATE INDEX articles_date ON articles(published_date);
CREATE INDEX articles_url ON articles(url);

CREATE TABLE article_revisions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    revision INTEGER NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT,
    title TEXT,
    lang TEXT,
    author TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    meta TEXT,
    source TEXT,
    added TEXT NOT NULL,
    superseded TEXT NOT NULL,
    PRIMARY KEY (article_id, revision)
);
CREATE INDEX article_revisions_hash ON article_revisions(article_id, content_hash);

CREATE TABLE analyses (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    fingerprint TEXT,
    isnad_version TEXT,
    stages TEXT,
    created TEXT NOT NULL,
    error TEXT,
    analysis TEXT,
    UNIQUE (article_id, revision)
);
CREATE INDEX analyses_fingerprint ON analyses(fingerprint);

""" + _item_table("quotes", "kind TEXT, speaker TEXT, speaker_entity TEXT, speaker_name TEXT, "
                                "speaker_role TEXT, cue TEXT, cue_lemma TEXT, cue_strength TEXT, channel TEXT, "
                                "sentence INTEGER") + """CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);

""" + _item_table("sources", "kind TEXT, entity TEXT, name TEXT") + """
""" + _item_table("quantities", "value REAL, low REAL, high REAL, unit TEXT, approx INTEGER NOT NULL, counted TEXT") + """CREATE INDEX quantities_unit ON quantities(unit);

""" + _item_table("times", "type TEXT, value TEXT, anchored INTEGER NOT NULL") + """
""" + _item_table("entities", "label TEXT, entity TEXT, name TEXT") + """CREATE INDEX entities_entity ON entities(entity);

""" + _item_table("claims", "sentence INTEGER, type TEXT, attribution TEXT, attributed_to TEXT, "
                                "checkworthiness REAL, subjectivity REAL, priority REAL, reasons TEXT") + """
CREATE TABLE claim_items (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id),
    claim_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY (analysis_id, claim_id, item_id),
    FOREIGN KEY (analysis_id, claim_id) REFERENCES claims(analysis_id, item_id)
);
CREATE INDEX claim_items_item ON claim_items(analysis_id, item_id);

""" + _item_table("findings", "kind TEXT, message TEXT, spans TEXT", span=False) + """
-- search terms (isnad.text.search): '.' joins the parts of a decimal number
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, alternatives, tokenize = "unicode61 remove_diacritics 0 tokenchars '.'"
);
"""),
    # a rate's period («ألف برميل يومياً» → per day); analyses written before it are stale by their
    # fingerprint, so `isnad corpus reanalyze` fills it in
    (2, "ALTER TABLE quantities ADD COLUMN per TEXT;"),
]

_MIGRATIONS: dict[str, list[tuple[int, str]]] = {"corpus": CORPUS_SCHEMA}
#: bm25 weights of the FTS columns: a word of the title counts more; another reading, less
BM25_WEIGHTS = (3.0, 1.0, 0.5)
_STALE = "error IS NOT NULL OR fingerprint IS NOT ?"  # an analysis to redo for a pipeline's fingerprint
_ARTICLE_COLUMNS = ("outlet", "url", "published", "title", "lang", "author", "text", "content_hash", "meta",
                    "source")


def article_filters(outlet: str | None, since: dt.date | None, until: dt.date | None, entity: str | None
                    ) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) on the articles ``a`` of a search: outlet, date range, an
    entity the current analysis names."""
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if since:
        where.append("a.published_date >= ?")
        params.append(since.isoformat())
    if until:
        where.append("a.published_date <= ?")
        params.append(until.isoformat())
    if entity:
        where.append("a.id IN (SELECT e.article_id FROM entities e JOIN analyses n ON n.id = e.analysis_id"
                     " JOIN articles x ON x.id = n.article_id AND x.revision = n.revision WHERE e.entity = ?)")
        params.append(entity)
    return where, params


def register_migrations(component: str, steps: Sequence[tuple[int, str]]) -> None:
    """Add a component's schema steps (``(version, SQL)``, versions increasing), applied on open."""
    versions = [version for version, _ in steps]
    if versions != sorted(set(versions)):
        raise ValueError(f"{component}: migration versions must increase: {versions}")
    _MIGRATIONS[component] = list(steps)


class SchemaError(Exception):
    """The file is not an isnad store, or one written by a newer isnad."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def published_columns(published: str | None, date: dt.date | None) -> tuple[str | None, str | None]:
    """``(published_date, published_utc)`` of a published value as given."""
    if not published:
        return (date.isoformat() if date else None), None
    try:
        moment = dt.datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return (date.isoformat() if date else None), None
    if moment.tzinfo is None or len(published.strip()) <= 10:
        return moment.date().isoformat(), None
    return moment.date().isoformat(), moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SQLiteStore(Store):
    """A corpus in one SQLite file (WAL mode: readers such as Datasette go on while it is written)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self.db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as err:
            raise SchemaError(f"{self.path}: not an isnad store ({err})") from None
        # NORMAL in WAL mode: a killed process loses nothing committed; only a power cut may lose the last commits
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL,"
                        " applied TEXT NOT NULL, PRIMARY KEY (component, version))")
        applied = dict(self.db.execute("SELECT component, max(version) FROM schema_migrations GROUP BY component"))
        for component, steps in _MIGRATIONS.items():
            known = max((version for version, _ in steps), default=0)
            if applied.get(component, 0) > known:
                raise SchemaError(f"{self.path}: its {component} schema is version {applied[component]}, newer than"
                                  f" this isnad knows ({known}); upgrade isnad")
            for version, sql in steps:
                if version <= applied.get(component, 0):
                    continue
                # one transaction per step: a step is applied whole or not at all
                self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\nINSERT INTO schema_migrations VALUES"
                                      f" ('{component}', {int(version)}, '{_now()}');\nCOMMIT;")

    def schema_versions(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT component, max(version) FROM schema_migrations GROUP BY component"))

    # ------------------------------------------------------------------ ingest
    def known(self, article_id: str, content_hash: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE id = ? AND content_hash = ?"
            " UNION ALL SELECT 1 FROM article_revisions WHERE article_id = ? AND content_hash = ? LIMIT 1",
            (article_id, content_hash, article_id, content_hash)).fetchone()
        return row is not None

    def write(self, results: Sequence[AnalysedArticle]) -> list[Stored]:
        stored: list[Stored] = []
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for result in results:
                stored.append(self._write_one(result))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return stored

    def _write_one(self, result: AnalysedArticle) -> Stored:
        article = result.article
        doc = article.document
        now = _now()
        if self.known(article.id, article.content_hash):  # the same text twice in one input
            return Stored(article.id, Outcome.UNCHANGED, 0)
        published_date, published_utc = published_columns(article.published, doc.published)
        meta = json.dumps(article.meta, ensure_ascii=False) if article.meta else None
        values = (doc.outlet, doc.url, article.published or (doc.published.isoformat() if doc.published else None),
                  doc.title, result.lang, doc.author, doc.text, article.content_hash, meta, article.source)
        current = self.db.execute("SELECT revision, search_rowid FROM articles WHERE id = ?",
                                  (article.id,)).fetchone()
        same_url = None
        if doc.url:
            row = self.db.execute("SELECT id FROM articles WHERE url = ? AND id != ? ORDER BY rowid LIMIT 1",
                                  (doc.url, article.id)).fetchone()
            same_url = row[0] if row else None
        search_rowid = self.db.execute(
            "INSERT INTO articles_fts (title, text, alternatives) VALUES (?, ?, ?)",
            (result.search.title, result.search.text, result.search.alternatives)).lastrowid
        if current is None:
            revision, outcome = 1, Outcome.ADDED
            self.db.execute(
                f"INSERT INTO articles (id, {', '.join(_ARTICLE_COLUMNS)}, published_date, published_utc, revision,"
                " same_url_as, added, updated, search_rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?)",
                (article.id, *values, published_date, published_utc, revision, same_url, now, now, search_rowid))
        else:
            previous, old_rowid = current
            revision, outcome = previous + 1, Outcome.REVISED
            # the superseded text is kept whole: nothing stored is overwritten
            self.db.execute(
                f"INSERT INTO article_revisions (article_id, revision, {', '.join(_ARTICLE_COLUMNS)}, added, superseded)"
                f" SELECT id, revision, {', '.join(_ARTICLE_COLUMNS)}, updated, ? FROM articles WHERE id = ?",
                (now, article.id))
            self.db.execute("DELETE FROM articles_fts WHERE rowid = ?", (old_rowid,))
            self.db.execute(
                f"UPDATE articles SET {', '.join(f'{c} = ?' for c in _ARTICLE_COLUMNS)}, published_date = ?,"
                " published_utc = ?, revision = ?, same_url_as = ?, updated = ?, search_rowid = ? WHERE id = ?",
                (*values, published_date, published_utc, revision, same_url, now, search_rowid, article.id))
        self._insert_analysis(result, revision, now)
        return Stored(article.id, outcome, revision, same_url)

    def _insert_analysis(self, result: AnalysedArticle, revision: int, now: str) -> None:
        article, analysis = result.article, result.analysis
        if analysis is None:
            self.db.execute(
                "INSERT INTO analyses (article_id, revision, content_hash, created, error) VALUES (?, ?, ?, ?, ?)",
                (article.id, revision, article.content_hash, now, result.error or "no analysis"))
            return
        analysis_id = self.db.execute(
            "INSERT INTO analyses (article_id, revision, content_hash, fingerprint, isnad_version, stages, created,"
            " analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, revision, article.content_hash, analysis.fingerprint, analysis.isnad_version,
             analysis.stages, now, analysis.json)).lastrowid
        for table, rows in analysis.items.items():
            if not rows:
                continue
            columns = ITEM_COLUMNS[table]
            self.db.executemany(
                f"INSERT INTO {table} (analysis_id, article_id, {', '.join(columns)})"
                f" VALUES (?, ?, {', '.join('?' * len(columns))})",
                [(analysis_id, article.id, *row) for row in rows])

    # ------------------------------------------------------------------ reanalysis
    def count_stale(self, fingerprint: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM analyses WHERE {_STALE}", (fingerprint,)).fetchone()[0]

    def stale(self, fingerprint: str) -> Iterator[Article]:
        # read first: the rows are replaced while this runs
        stale = self.db.execute(f"SELECT article_id, revision FROM analyses WHERE {_STALE} ORDER BY id",
                                (fingerprint,)).fetchall()
        for article_id, revision in stale:
            row = self.db.execute(
                f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ? AND revision = ?"
                f" UNION ALL SELECT {', '.join(_ARTICLE_COLUMNS)} FROM article_revisions"
                " WHERE article_id = ? AND revision = ?", (article_id, revision, article_id, revision)).fetchone()
            if row is None:
                continue
            outlet, url, published, title, lang, author, text, content_hash, meta, source = row
            published_date, _ = published_columns(published, None)
            document = Document(id=article_id, text=text, lang=lang, title=title, outlet=outlet, url=url,
                                author=author, published=dt.date.fromisoformat(published_date) if published_date else None)
            yield Article(document, content_hash, published, json.loads(meta) if meta else {}, source or "",
                          revision=revision)

    def replace_analyses(self, results: Sequence[AnalysedArticle]) -> int:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for result in results:
                article = result.article
                self.db.execute("DELETE FROM analyses WHERE article_id = ? AND revision = ?",
                                (article.id, article.revision))
                self._insert_analysis(result, article.revision or 1, _now())
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(results)

    # ------------------------------------------------------------------ reading
    def search(self, query: SearchQuery) -> list[SearchHit]:
        from isnad.corpus.search import fts_query, matches, parse_query

        match = fts_query(query.text)
        if match is None:
            return []
        where, params = article_filters(query.outlet, query.since, query.until, query.entity)
        where.insert(0, "articles_fts MATCH ?")
        params.insert(0, match)
        # rank first, on narrow rows; the texts of the top hits only are read afterwards
        ranked = self.db.execute(
            f"SELECT a.id, bm25(articles_fts, {', '.join(map(str, BM25_WEIGHTS))}) AS score"
            " FROM articles_fts JOIN articles a ON a.search_rowid = articles_fts.rowid"
            f" WHERE {' AND '.join(where)}"
            " ORDER BY score, coalesce(a.published_utc, a.published_date) DESC LIMIT ?",
            (*params, query.limit)).fetchall()
        parsed = parse_query(query.text)
        hits = []
        for article_id, score in ranked:
            outlet, published, url, title, text = self.db.execute(
                "SELECT outlet, published, url, title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
            hits.append(SearchHit(article_id, -score, outlet, published, url, title, text,
                                  matches(title or "", parsed), matches(text, parsed)))
        return hits

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "revisions": one("SELECT count(*) FROM article_revisions"),
            "analyses": one("SELECT count(*) FROM analyses"),
            "failed_analyses": one("SELECT count(*) FROM analyses WHERE error IS NOT NULL"),
            "same_url": one("SELECT count(*) FROM articles WHERE same_url_as IS NOT NULL"),
            "outlets": dict(self.db.execute(
                "SELECT coalesce(outlet, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1")),
            "months": dict(self.db.execute(
                "SELECT coalesce(substr(published_date, 1, 7), '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 1")),
            "languages": dict(self.db.execute(
                "SELECT coalesce(lang, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1")),
            "fingerprints": dict(self.db.execute(
                "SELECT coalesce(fingerprint, '(failed)'), count(*) FROM analyses GROUP BY 1 ORDER BY 2 DESC")),
            "items": {table: one(f"SELECT count(*) FROM {table}") for table in ITEM_COLUMNS},
            "bytes": size,
            "schema": self.schema_versions(),
            "path": str(self.path),
        }

    def close(self) -> None:
        # fold the write-ahead log back into the file (a no-op while a reader such as Datasette holds it)
        # and let SQLite refresh its query-planner statistics
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # closing must not fail: everything was committed already
        self.db.close()
