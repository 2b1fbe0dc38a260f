"""Bring events and claims up to date in the corpus store: :func:`match` (the tables are described in
:mod:`isnad.matching.schema`).

:func:`match` is incremental: only articles without an event (new, or whose text changed) are
placed, and only the claims of events that gained or lost an article are recomputed.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import multiprocessing
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isnad.core.pipeline import pin_blas_threads
from isnad.corpus.sqlite import SQLiteStore
from isnad.matching.claims import ArticleUnits, Claim, link_units
from isnad.matching.events import WINDOW_DAYS, Vectors, place
from isnad.matching.schema import MATCHING_SCHEMA
from isnad.matching.units import Digest, article_units, digest, superseded_words

#: articles read and digested per transaction
DIGEST_CHUNK = 256
#: events whose claims one worker process computes at a time
CLAIM_CHUNK = 16

# the current analysis of each article (its current revision)
_CURRENT = ("SELECT a.id, a.text, a.title, a.outlet, a.published_date, a.published_utc, a.content_hash, n.analysis"
            " FROM articles a JOIN analyses n ON n.article_id = a.id AND n.revision = a.revision")


@dataclass
class MatchCounts:
    seconds: dict[str, float] = field(default_factory=dict)  # per phase: digests, events, claims
    digested: int = 0
    placed: int = 0
    new_events: int = 0
    events_rematched: int = 0
    claims: int = 0

    def line(self) -> str:
        return (f"placed {self.placed:,} articles ({self.new_events:,} new events), claims of"
                f" {self.events_rematched:,} events matched ({self.claims:,} claims)")


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _row_article(row: tuple) -> dict[str, Any]:
    keys = ("id", "text", "title", "outlet", "published_date", "published_utc", "content_hash")
    return dict(zip(keys, row[:7], strict=True))


def _digests_to_do(db) -> Iterator[tuple]:
    """Articles with an analysis whose digest is missing or was made from another text."""
    yield from db.execute(f"{_CURRENT} LEFT JOIN event_digests d ON d.article_id = a.id"
                          " WHERE n.analysis IS NOT NULL AND (d.content_hash IS NULL OR d.content_hash != a.content_hash)")


def _load_digests(db, where: str = "", params: tuple = ()) -> list[Digest]:
    rows = db.execute("SELECT a.id, a.published_utc, a.published_date, a.outlet, a.title, d.digest, a.lang"
                      " FROM event_digests d JOIN articles a ON a.id = d.article_id AND a.content_hash = d.content_hash"
                      f" {where}", params)
    return [Digest.from_json(i, utc or day, day, outlet, title, json.loads(data), lang)
            for i, utc, day, outlet, title, data, lang in rows]


def match(store: SQLiteStore, progress: Callable[[int], None] = lambda n: None, workers: int = 1) -> MatchCounts:
    """Bring events and claims up to date with the store's articles (incremental; module docstring).

    ``workers`` processes compute the claims of the changed events (each reads the store itself);
    this process alone writes.
    """
    db = store.db
    counts = MatchCounts()
    started = time.perf_counter()
    # 1. digests of new or changed articles, in chunks (an analysis is large: never all in memory)
    todo = [i for (i,) in db.execute(
        "SELECT a.id FROM articles a JOIN analyses n ON n.article_id = a.id AND n.revision = a.revision"
        " LEFT JOIN event_digests d ON d.article_id = a.id"
        " WHERE n.analysis IS NOT NULL AND (d.content_hash IS NULL OR d.content_hash != a.content_hash)")]
    for first in range(0, len(todo), DIGEST_CHUNK):
        chunk = todo[first:first + DIGEST_CHUNK]
        rows = db.execute(f"{_CURRENT} WHERE a.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        batch = []
        for row in rows:
            article = _row_article(row)
            batch.append((article["id"], article["content_hash"],
                          json.dumps(digest(article, json.loads(row[7])).to_json(), ensure_ascii=False)))
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT OR REPLACE INTO event_digests (article_id, content_hash, digest) VALUES (?, ?, ?)", batch)
        db.execute("COMMIT")
        counts.digested += len(batch)
        progress(len(batch))
    counts.seconds["digests"] = time.perf_counter() - started
    started = time.perf_counter()
    # 2. articles whose text changed leave their event; articles without an event are placed
    db.execute("BEGIN IMMEDIATE")
    try:
        changed = db.execute("SELECT e.article_id, e.event_id FROM event_articles e JOIN articles a ON a.id = e.article_id"
                             " WHERE e.content_hash != a.content_hash").fetchall()
        dirty = {event for _, event in changed}
        db.executemany("DELETE FROM event_articles WHERE article_id = ?", [(a,) for a, _ in changed])
        new = _load_digests(db, "WHERE a.id NOT IN (SELECT article_id FROM event_articles)")
        if new:
            dirty |= _place(db, new, counts)
        for event in dirty:
            _refresh_event(db, event)
        db.executemany("UPDATE events SET claims_matched = NULL WHERE id = ?", [(e,) for e in dirty])
        db.execute("DELETE FROM events WHERE articles = 0")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    counts.seconds["events"] = time.perf_counter() - started
    started = time.perf_counter()
    # 3. claims of the events that changed
    # (an event of one article has claims only where the article marks an earlier figure of its own)
    pending = [e for (e,) in db.execute("SELECT id FROM events WHERE claims_matched IS NULL")]
    for event, rows in _claims_of_events(store.path, pending, workers):
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM event_claims WHERE event_id = ?", (event,))
            for claim_row, mention_rows, link_rows in rows:
                _insert_claim(db, event, claim_row, mention_rows, link_rows)
            db.execute("UPDATE events SET claims_matched = ? WHERE id = ?", (_now(), event))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        counts.claims += len(rows)
        counts.events_rematched += 1
    counts.seconds["claims"] = time.perf_counter() - started
    return counts


def _place(db, new: list[Digest], counts: MatchCounts) -> set[int]:
    days = sorted(d.day for d in new if d.day)
    if days:
        low = (dt.date.fromisoformat(days[0]) - dt.timedelta(days=WINDOW_DAYS)).isoformat()
        high = (dt.date.fromisoformat(days[-1]) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
        placed_digests = _load_digests(db, "JOIN event_articles e ON e.article_id = a.id"
                                           " WHERE a.published_date BETWEEN ? AND ?", (low, high))
    else:
        placed_digests = []
    event_of = dict(db.execute("SELECT article_id, event_id FROM event_articles"))
    placed = [(d, event_of[d.article_id]) for d in placed_digests if d.article_id in event_of]
    event_start = {e: dt.date.fromisoformat(s) for e, s in db.execute("SELECT id, start FROM events WHERE start IS NOT NULL")}
    df: Counter[str] = Counter()
    documents = 0
    for (data,) in db.execute("SELECT digest FROM event_digests"):
        parsed = json.loads(data)
        documents += 1
        df.update(parsed["t"].keys())
        df.update(f"@{e}" for e in parsed["e"])
        df.update(f"#{f}" for f in parsed["f"])
        df.update(f"%{d}" for d in parsed["d"])
    next_event = (db.execute("SELECT max(id) FROM events").fetchone()[0] or 0) + 1
    hashes = dict(db.execute("SELECT article_id, content_hash FROM event_digests"))
    now = _now()
    dirty: set[int] = set()
    for placement, event in place(new, placed, Vectors(df, documents), event_start, next_event):
        if placement.event_id is None:
            db.execute("INSERT INTO events (id, created, updated) VALUES (?, ?, ?)", (event, now, now))
            counts.new_events += 1
        db.execute("INSERT INTO event_articles (article_id, event_id, content_hash, similar_to, similarity,"
                   " wire_copy_of, placed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (placement.article_id, event, hashes[placement.article_id], placement.similar_to,
                    placement.similarity, placement.wire_copy_of, now))
        dirty.add(event)
        counts.placed += 1
    return dirty


def _refresh_event(db, event: int) -> None:
    """An event's title, dates and counts from its articles."""
    row = db.execute("SELECT count(*), count(DISTINCT a.outlet), min(a.published_date), max(a.published_date)"
                     " FROM event_articles e JOIN articles a ON a.id = e.article_id WHERE e.event_id = ?",
                     (event,)).fetchone()
    first = db.execute("SELECT coalesce(a.title, substr(a.text, 1, 120)) FROM event_articles e JOIN articles a"
                       " ON a.id = e.article_id WHERE e.event_id = ?"
                       " ORDER BY coalesce(a.published_utc, a.published_date), a.id LIMIT 1", (event,)).fetchone()
    db.execute("UPDATE events SET articles = ?, outlets = ?, start = ?, end = ?, title = ?, updated = ? WHERE id = ?",
               (*row, first[0].split("\n", 1)[0] if first and first[0] else None, _now(), event))


ClaimRows = tuple[tuple, list[tuple], list[tuple]]  # a claim, its mentions, its links (without the claim id)


def _claims_of_events(path: Path, events: list[int], workers: int) -> Iterator[tuple[int, list[ClaimRows]]]:
    """The claims of each event as rows, computed here or by ``workers`` processes reading the store."""
    if workers <= 1 or len(events) < 2 * CLAIM_CHUNK:
        connection = sqlite3.connect(path)
        try:
            for event in events:
                yield event, _event_claims(connection, event)
        finally:
            connection.close()
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_open_reader,
                                                initargs=(str(path),)) as pool:
        chunks = [events[i:i + CLAIM_CHUNK] for i in range(0, len(events), CLAIM_CHUNK)]
        for results in pool.map(_claims_in_worker, chunks):
            yield from results


_reader: sqlite3.Connection | None = None


def _open_reader(path: str) -> None:
    global _reader
    pin_blas_threads()
    _reader = sqlite3.connect(path)


def _claims_in_worker(events: list[int]) -> list[tuple[int, list[ClaimRows]]]:
    assert _reader is not None
    return [(event, _event_claims(_reader, event)) for event in events]


def _event_claims(db: sqlite3.Connection, event: int) -> list[ClaimRows]:
    ids = [a for (a,) in db.execute("SELECT article_id FROM event_articles WHERE event_id = ?", (event,))]
    if len(ids) == 1 and not _may_supersede(db, ids[0]):
        return []  # one article has claims only where it marks an earlier figure of its own
    rows = db.execute(f"{_CURRENT} JOIN event_articles e ON e.article_id = a.id WHERE e.event_id = ?"
                      " ORDER BY coalesce(a.published_utc, a.published_date), a.id", (event,)).fetchall()
    articles = []
    for row in rows:
        article = _row_article(row)
        units = article_units(article, json.loads(row[7]))
        articles.append(ArticleUnits(article["id"], article["outlet"],
                                     article["published_utc"] or article["published_date"], units))
    return [_claim_rows(claim) for claim in link_units(articles)]


def _may_supersede(db: sqlite3.Connection, article_id: str) -> bool:
    """Does the article's digest have a word that can mark a figure as earlier (a cheap test before its units)?"""
    row = db.execute("SELECT digest FROM event_digests WHERE article_id = ?", (article_id,)).fetchone()
    return row is not None and not superseded_words().isdisjoint(json.loads(row[0])["t"])


def _claim_rows(claim: Claim) -> ClaimRows:
    c = claim.contradiction
    mentions = [(n, m.article, m.start, m.end, m.text, m.figure.value if m.figure else None,
                 m.figure.low if m.figure else None, m.figure.high if m.figure else None,
                 m.figure.unit if m.figure else None, m.source, m.figure.item if m.figure else None)
                for n, m in enumerate(claim.mentions)]
    links = [(min(link.a, link.b), max(link.a, link.b), link.score, "; ".join(link.reasons)) for link in claim.links]
    return ((claim.label, len(claim.articles), claim.first_report, c.kind if c else None, c.reason if c else None,
             json.dumps(c.mentions) if c else None), mentions, links)


def _insert_claim(db, event: int, claim: tuple, mentions: list[tuple], links: list[tuple]) -> None:
    claim_id = db.execute(
        "INSERT INTO event_claims (event_id, label, articles, first_report, contradiction, contradiction_reason,"
        " contradiction_mentions) VALUES (?, ?, ?, ?, ?, ?, ?)", (event, *claim)).lastrowid
    db.executemany(
        "INSERT INTO claim_mentions (claim_id, position, article_id, start, end, text, value, low, high, unit, source,"
        " item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(claim_id, *m) for m in mentions])
    db.executemany("INSERT OR IGNORE INTO claim_links (claim_id, a, b, score, reasons) VALUES (?, ?, ?, ?, ?)",
                   [(claim_id, *link) for link in links])


# ---------------------------------------------------------------------- reading (the JSONL contracts)
def unmatched(store: SQLiteStore) -> int:
    """Analysed articles that :func:`match` has not placed yet (or whose text changed since)."""
    return store.db.execute(
        "SELECT count(*) FROM articles a JOIN analyses n ON n.article_id = a.id AND n.revision = a.revision"
        " LEFT JOIN event_articles e ON e.article_id = a.id"
        " WHERE n.analysis IS NOT NULL AND (e.content_hash IS NULL OR e.content_hash != a.content_hash)").fetchone()[0]


def events_json(store: SQLiteStore, since: dt.date | None = None, until: dt.date | None = None,
                min_articles: int = 1) -> Iterator[dict[str, Any]]:
    """Events as ``{"event", "articles", "title", "start", "end"}`` (articles in publication order)."""
    # an event overlaps [since, until]: it ends on or after since and starts on or before until
    bounds = [("articles >= ?", min_articles), ("end >= ?", since and since.isoformat()),
              ("start <= ?", until and until.isoformat())]
    where = [condition for condition, value in bounds if value is not None]
    params = [value for _, value in bounds if value is not None]
    db = store.db
    for event, title, start, end in db.execute(
            f"SELECT id, title, start, end FROM events WHERE {' AND '.join(where)} ORDER BY start, id", params).fetchall():
        articles = [a for (a,) in db.execute(
            "SELECT e.article_id FROM event_articles e JOIN articles a ON a.id = e.article_id WHERE e.event_id = ?"
            " ORDER BY coalesce(a.published_utc, a.published_date), a.id", (event,))]
        yield {"event": event, "articles": articles, "title": title, "start": start, "end": end}


def claims_json(store: SQLiteStore, event: int | None = None, contradictions: bool = False
                ) -> Iterator[dict[str, Any]]:
    """Claims in the JSONL contract of ``isnad corpus claims`` (contradictions first within an event)."""
    where, params = [], []
    if event is not None:
        where.append("event_id = ?")
        params.append(event)
    if contradictions:
        where.append("contradiction IS NOT NULL")
    db = store.db
    rows = db.execute("SELECT id, event_id, first_report, contradiction, contradiction_reason, contradiction_mentions"
                      f" FROM event_claims {'WHERE ' + ' AND '.join(where) if where else ''}"
                      " ORDER BY event_id, contradiction IS NULL, articles DESC, id", params).fetchall()
    for claim, event_id, first, kind, reason, positions in rows:
        mentions = [{"article": a, "start": s, "end": e, "text": t, "value": v, "unit": u, "source": src}
                    for a, s, e, t, v, u, src in db.execute(
                        "SELECT article_id, start, end, text, value, unit, source FROM claim_mentions"
                        " WHERE claim_id = ? ORDER BY position", (claim,))]
        yield {"claim": claim, "event": event_id, "mentions": mentions,
               "contradiction": {"kind": kind, "mentions": json.loads(positions), "reason": reason} if kind else None,
               "first_report": first}


__all__ = ["MATCHING_SCHEMA", "MatchCounts", "claims_json", "events_json", "match", "unmatched"]
