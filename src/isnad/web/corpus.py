"""What the app's pages read from a store: faceted search, articles, events, claims, entities.

Every page opens its own connection (:func:`connect`), read-only unless it records a review, so a
GET can never change the store and the threads of the server share nothing.  The store's schema
(corpus, matching and review tables) is brought up to date once, by :func:`prepare_store`, before
the first request.

Search uses the store's query language and folding (:mod:`isnad.corpus.search`: the query to an
FTS5 expression, the matched words found again in the original text) with the filters a desk needs
beside the words: outlet, date range, entity, "has figures", "has contradictions", and counts per
outlet and entity for the facets.  ``SQLiteStore.search`` takes neither the last two filters nor an
offset, so the ranking query is written here, with the store's column weights.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isnad.corpus.search import QueryError, fts_query, matches, parse_query, snippet_window
from isnad.corpus.sqlite import BM25_WEIGHTS, SchemaError, SQLiteStore, article_filters
from isnad.matching.claims import ArticleUnits, first_report
from isnad.matching.claims import Claim as MatchedClaim

RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "yi"})
PAGE_SIZE = 20
MAX_PAGE = 50  # deeper than 1,000 results a query should be narrowed, not paged
FACET_HITS = 500  # the entity facet counts the best-ranked hits only (a broad query matches thousands)


class StoreError(Exception):
    """The file is not a store this isnad can serve (not SQLite, not isnad's, or a newer schema)."""


def prepare_store(path: Path) -> None:
    """Apply the corpus, matching and review migrations (the app reads all three sets of tables)."""
    import isnad.matching  # noqa: F401 - registers the matcher's tables
    import isnad.web.reviews  # noqa: F401 - registers the review tables

    try:
        SQLiteStore(path).close()
    except (SchemaError, sqlite3.Error) as err:
        raise StoreError(str(err)) from None


def connect(path: Path, *, readonly: bool = True) -> sqlite3.Connection:
    """A connection to the store; ``readonly`` ones cannot write, whatever a page does."""
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    db = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    return db


def direction(lang: str | None) -> str:
    return "rtl" if (lang or "").split("-")[0] in RTL_LANGS else "ltr"


def moment(row: sqlite3.Row) -> str | None:
    """The publication used for ordering: the UTC timestamp when known, else the date."""
    return row["published_utc"] or row["published_date"]


# ---------------------------------------------------------------------- search
@dataclass(frozen=True)
class Filters:
    """What a search asks for: words (may be empty: browse by the other filters) and facets."""

    q: str = ""
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    entity: str | None = None
    figures: bool = False
    contradictions: bool = False
    page: int = 1

    def params(self, **changes: Any) -> dict[str, str]:
        """The query-string parameters of these filters (with ``changes``), for links and forms."""
        values = {"q": self.q, "outlet": self.outlet, "since": self.since, "until": self.until,
                  "entity": self.entity, "figures": "1" if self.figures else None,
                  "contradictions": "1" if self.contradictions else None, "page": self.page}
        values.update(changes)
        return {k: "1" if v is True else str(v) for k, v in values.items()
                if v not in (None, "", False) and not (k == "page" and v == 1)}


@dataclass
class Hit:
    id: str
    outlet: str | None
    published: str | None
    title: str | None
    lang: str | None
    text: str
    title_matches: list[tuple[int, int]]
    snippet: tuple[int, int]  # offsets of the snippet in the text
    snippet_matches: list[tuple[int, int]]
    figures: int
    contradictions: int

    @property
    def dir(self) -> str:
        return direction(self.lang)


@dataclass
class SearchPage:
    filters: Filters
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    outlets: list[tuple[str, int]] = field(default_factory=list)
    entities: list[tuple[str, str, int]] = field(default_factory=list)  # id, name, articles
    error: str | None = None

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, (self.total + PAGE_SIZE - 1) // PAGE_SIZE)


_CURRENT_ANALYSIS = "JOIN analyses n ON n.article_id = a.id AND n.revision = a.revision"


def _filters_sql(filters: Filters, *, outlet: bool = True) -> tuple[list[str], list[Any]]:
    """The store's search filters, and the app's two more (has figures, has contradictions)."""
    where, params = article_filters(filters.outlet if outlet else None, filters.since, filters.until, filters.entity)
    if filters.figures:
        where.append("EXISTS (SELECT 1 FROM analyses n JOIN quantities q ON q.analysis_id = n.id"
                     " WHERE n.article_id = a.id AND n.revision = a.revision)")
    if filters.contradictions:
        where.append("EXISTS (SELECT 1 FROM claim_mentions m JOIN event_claims c ON c.id = m.claim_id"
                     " WHERE m.article_id = a.id AND c.contradiction IS NOT NULL)")
    return where, params


def search(db: sqlite3.Connection, filters: Filters) -> SearchPage:
    """One page of articles matching ``filters``, best first (newest first without words), with facet counts."""
    page = SearchPage(filters)
    try:
        match = fts_query(filters.q) if filters.q.strip() else None
    except QueryError as err:
        page.error = str(err)
        return page
    if filters.q.strip() and match is None:
        page.error = f"{filters.q!r} has no word to search for"
        return page
    source = "articles a"
    base_where: list[str] = []
    base_params: list[Any] = []
    if match is not None:
        source = "articles_fts JOIN articles a ON a.search_rowid = articles_fts.rowid"
        base_where, base_params = ["articles_fts MATCH ?"], [match]
    where, params = _filters_sql(filters)
    other_where, other_params = _filters_sql(filters, outlet=False)
    clause = " AND ".join(base_where + where) or "1"
    order = (f"bm25(articles_fts, {', '.join(map(str, BM25_WEIGHTS))}), " if match is not None else "")
    order += "coalesce(a.published_utc, a.published_date) DESC, a.id"
    offset = (min(filters.page, MAX_PAGE) - 1) * PAGE_SIZE
    try:
        page.total = db.execute(f"SELECT count(*) FROM {source} WHERE {clause}", base_params + params).fetchone()[0]
        ids = [r[0] for r in db.execute(f"SELECT a.id FROM {source} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
                                        [*base_params, *params, PAGE_SIZE, offset])]
        page.outlets = [(r[0], r[1]) for r in db.execute(
            f"SELECT a.outlet, count(*) FROM {source} WHERE {' AND '.join(base_where + other_where) or '1'}"
            " AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY 2 DESC, 1", base_params + other_params)]
        page.entities = [(r[0], r[1] or r[0], r[2]) for r in db.execute(
            f"WITH hits AS (SELECT a.id FROM {source} WHERE {clause} ORDER BY {order} LIMIT {FACET_HITS})"
            f" SELECT e.entity, max(e.name), count(DISTINCT a.id) FROM hits JOIN articles a ON a.id = hits.id"
            f" {_CURRENT_ANALYSIS} JOIN entities e ON e.analysis_id = n.id WHERE e.entity IS NOT NULL"
            " GROUP BY e.entity ORDER BY 3 DESC, 1 LIMIT 12", base_params + params)]
    except sqlite3.OperationalError as err:  # an FTS5 expression the parser let through but SQLite refuses
        page.error = f"cannot search for {filters.q!r}: {err}"
        return page
    parsed = parse_query(filters.q) if match is not None else []
    for article_id in ids:
        row = db.execute("SELECT id, outlet, published, title, lang, text FROM articles WHERE id = ?",
                         (article_id,)).fetchone()
        found = matches(row["text"], parsed) if parsed else []
        window = snippet_window(row["text"], found)
        page.hits.append(Hit(
            row["id"], row["outlet"], row["published"], row["title"], row["lang"], row["text"],
            matches(row["title"] or "", parsed) if parsed else [], window,
            [m for m in found if window[0] <= m[0] and m[1] <= window[1]],
            figures=_count_items(db, "quantities", article_id),
            contradictions=db.execute(
                "SELECT count(DISTINCT c.id) FROM claim_mentions m JOIN event_claims c ON c.id = m.claim_id"
                " WHERE m.article_id = ? AND c.contradiction IS NOT NULL", (article_id,)).fetchone()[0]))
    return page


def _count_items(db: sqlite3.Connection, table: str, article_id: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table} t JOIN analyses n ON n.id = t.analysis_id"
                      " JOIN articles a ON a.id = n.article_id AND a.revision = n.revision WHERE a.id = ?",
                      (article_id,)).fetchone()[0]


# ---------------------------------------------------------------------- overview
def overview(db: sqlite3.Connection) -> dict[str, Any]:
    """Counts for the front page, the outlets, the latest contradictions."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "outlets": [tuple(r) for r in db.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1")],
        "span": tuple(db.execute("SELECT min(published_date), max(published_date) FROM articles").fetchone()),
        "events": one("SELECT count(*) FROM events WHERE articles > 1"),
        "claims": one("SELECT count(*) FROM event_claims WHERE articles > 1"),
        "contradictions": one("SELECT count(*) FROM event_claims WHERE contradiction IS NOT NULL"),
        "unmatched": one("SELECT count(*) FROM articles a JOIN analyses n ON n.article_id = a.id"
                         " AND n.revision = a.revision LEFT JOIN event_articles e ON e.article_id = a.id"
                         " WHERE n.analysis IS NOT NULL AND (e.content_hash IS NULL OR e.content_hash != a.content_hash)"),
        "latest_contradictions": [dict(r) for r in db.execute(
            "SELECT c.id, c.label, c.contradiction, c.contradiction_reason, c.articles, ev.start, ev.title AS event"
            " FROM event_claims c JOIN events ev ON ev.id = c.event_id WHERE c.contradiction IS NOT NULL"
            " ORDER BY ev.start DESC, c.articles DESC, c.id LIMIT 10")],
    }


# ---------------------------------------------------------------------- articles
def article(db: sqlite3.Connection, article_id: str) -> sqlite3.Row | None:
    return db.execute("SELECT id, outlet, url, published, published_date, published_utc, title, lang, author, text,"
                      " revision, same_url_as FROM articles WHERE id = ?", (article_id,)).fetchone()


def analysis_json(db: sqlite3.Connection, art: sqlite3.Row) -> tuple[str | None, str | None]:
    """``(the JSON contract, the error)`` of the article's current revision (one of them is None)."""
    row = db.execute("SELECT analysis, error FROM analyses WHERE article_id = ? AND revision = ?",
                     (art["id"], art["revision"])).fetchone()
    if row is None:
        return None, "no analysis stored"
    return row["analysis"], row["error"]


def article_events(db: sqlite3.Connection, article_id: str) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT ev.id, ev.title, ev.start, ev.end, ev.articles, ev.outlets, e.wire_copy_of, e.similar_to, e.similarity,"
        " e.content_hash != a.content_hash AS stale FROM event_articles e JOIN events ev ON ev.id = e.event_id"
        " JOIN articles a ON a.id = e.article_id WHERE e.article_id = ?", (article_id,)).fetchall()


def article_claims(db: sqlite3.Connection, article_id: str) -> list[sqlite3.Row]:
    """The cross-outlet claims with a mention in this article (contradictions first)."""
    return db.execute(
        "SELECT c.id, c.label, c.articles, c.contradiction, c.contradiction_reason, c.first_report,"
        " min(m.start) AS start FROM claim_mentions m JOIN event_claims c ON c.id = m.claim_id"
        " WHERE m.article_id = ? GROUP BY c.id ORDER BY c.contradiction IS NULL, c.articles DESC, start",
        (article_id,)).fetchall()


def revisions(db: sqlite3.Connection, article_id: str) -> list[sqlite3.Row]:
    return db.execute("SELECT revision, added, superseded FROM article_revisions WHERE article_id = ?"
                      " ORDER BY revision", (article_id,)).fetchall()


# ---------------------------------------------------------------------- events
def event(db: sqlite3.Connection, event_id: int) -> sqlite3.Row | None:
    return db.execute("SELECT id, title, start, end, articles, outlets, claims_matched FROM events WHERE id = ?",
                      (event_id,)).fetchone()


def event_articles(db: sqlite3.Connection, event_id: int) -> list[sqlite3.Row]:
    """The event's articles in publication order."""
    return db.execute(
        "SELECT a.id, a.outlet, a.published, a.published_date, a.published_utc, a.title, a.lang, e.wire_copy_of,"
        " e.similar_to, e.similarity FROM event_articles e JOIN articles a ON a.id = e.article_id"
        " WHERE e.event_id = ? ORDER BY coalesce(a.published_utc, a.published_date), a.id", (event_id,)).fetchall()


def first_reporter(articles: Iterable[sqlite3.Row]) -> str | None:
    """The article published first, by the matcher's rule for claims (None on a tie or an unknown date)."""
    units = {r["id"]: ArticleUnits(r["id"], r["outlet"], moment(r), []) for r in articles}
    return first_report(MatchedClaim([], units)) if units else None


def event_claims(db: sqlite3.Connection, event_id: int) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT id, label, articles, first_report, contradiction, contradiction_reason FROM event_claims"
        " WHERE event_id = ? ORDER BY contradiction IS NULL, articles DESC, id", (event_id,)).fetchall()


# ---------------------------------------------------------------------- claims
@dataclass
class Mention:
    position: int
    article_id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    source: str | None
    outlet: str | None
    published: str | None
    moment: str | None
    url: str | None
    title: str | None
    lang: str | None
    before: str  # the article's text just before and after the mention, for context
    after: str
    dates: list[tuple[str, str | None]]  # the dates stated inside the mention: (text, ISO value)
    flagged: bool = False  # one of the mentions the contradiction is about

    @property
    def dir(self) -> str:
        return direction(self.lang)

    @property
    def key(self) -> tuple[str, int, int]:
        return self.article_id, self.start, self.end


@dataclass
class ClaimView:
    id: int
    event_id: int
    event_title: str | None
    label: str
    first_report: str | None
    contradiction: str | None
    contradiction_reason: str | None
    mentions: list[Mention]
    links: list[sqlite3.Row]

    @property
    def arrivals(self) -> list[Mention]:
        """The first mention of each article, in the order the articles published the claim."""
        firsts: dict[str, Mention] = {}
        for m in self.mentions:
            firsts.setdefault(m.article_id, m)
        return list(firsts.values())

    @property
    def first_mention(self) -> Mention:
        first = [m for m in self.mentions if m.article_id == self.first_report]
        return first[0] if first else self.mentions[0]


CONTEXT_CHARS = 90


def claim(db: sqlite3.Connection, claim_id: int) -> ClaimView | None:
    row = db.execute("SELECT c.id, c.event_id, ev.title, c.label, c.first_report, c.contradiction,"
                     " c.contradiction_reason, c.contradiction_mentions FROM event_claims c"
                     " JOIN events ev ON ev.id = c.event_id WHERE c.id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    flagged = set(json.loads(row["contradiction_mentions"])) if row["contradiction_mentions"] else set()
    mentions = []
    for m in db.execute(
            "SELECT m.position, m.article_id, m.start, m.end, m.text, m.value, m.low, m.high, m.unit, m.source,"
            " a.outlet, a.published, a.published_date, a.published_utc, a.url, a.title, a.lang, a.text AS article_text,"
            " a.revision FROM claim_mentions m JOIN articles a ON a.id = m.article_id WHERE m.claim_id = ?"
            " ORDER BY m.position", (claim_id,)):
        text = m["article_text"]
        dates = [(t["text"], t["value"]) for t in db.execute(
            "SELECT t.text, t.value FROM times t JOIN analyses n ON n.id = t.analysis_id WHERE n.article_id = ?"
            " AND n.revision = ? AND t.start >= ? AND t.end <= ? ORDER BY t.start",
            (m["article_id"], m["revision"], m["start"], m["end"]))]
        mentions.append(Mention(
            m["position"], m["article_id"], m["start"], m["end"], m["text"], m["value"], m["low"], m["high"], m["unit"],
            m["source"], m["outlet"], m["published"], moment(m), m["url"], m["title"], m["lang"],
            _context(text, m["start"], -1), _context(text, m["end"], 1), dates, m["position"] in flagged))
    links = db.execute("SELECT a, b, score, reasons FROM claim_links WHERE claim_id = ? ORDER BY score DESC, a, b",
                       (claim_id,)).fetchall()
    return ClaimView(row["id"], row["event_id"], row["title"], row["label"], row["first_report"], row["contradiction"],
                     row["contradiction_reason"], mentions, links)


def _context(text: str, at: int, step: int) -> str:
    """Up to :data:`CONTEXT_CHARS` of the text before (``step`` -1) or after ``at``, within its paragraph."""
    if step < 0:
        piece = text[max(0, at - CONTEXT_CHARS):at]
        return ("…" if at > CONTEXT_CHARS and "\n" not in piece else "") + piece.rsplit("\n", 1)[-1]
    piece = text[at:at + CONTEXT_CHARS]
    return piece.split("\n", 1)[0] + ("…" if at + CONTEXT_CHARS < len(text) and "\n" not in piece else "")


def claim_at(db: sqlite3.Connection, article_id: str, start: int, end: int) -> int | None:
    """The current claim with this mention, else one with a mention overlapping it (the shareable link)."""
    row = db.execute("SELECT claim_id FROM claim_mentions WHERE article_id = ? AND start = ? AND end = ?"
                     " ORDER BY claim_id LIMIT 1", (article_id, start, end)).fetchone()
    if row is None:
        row = db.execute("SELECT claim_id FROM claim_mentions WHERE article_id = ? AND start < ? AND end > ?"
                         " ORDER BY abs(start - ?) + abs(end - ?), claim_id LIMIT 1",
                         (article_id, end, start, start, end)).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------------- entities
def entity_name(db: sqlite3.Connection, entity_id: str) -> tuple[str, str | None] | None:
    """``(name, label)`` of a knowledge-base entity the store has seen (as an entity or a speaker)."""
    row = db.execute("SELECT coalesce(max(name), max(text)) AS name, max(label) AS label FROM entities"
                     " WHERE entity = ?", (entity_id,)).fetchone()
    if row["name"] is not None:
        return row["name"], row["label"]
    row = db.execute("SELECT coalesce(max(speaker_name), max(speaker)) FROM quotes WHERE speaker_entity = ?",
                     (entity_id,)).fetchone()
    return (row[0], None) if row[0] is not None else None


def entity_quotes(db: sqlite3.Connection, entity_id: str, limit: int = 500) -> list[sqlite3.Row]:
    """What the entity is quoted as saying, oldest first, in the articles' current revisions."""
    return db.execute(
        "SELECT q.article_id, q.start, q.end, q.text, q.kind, q.cue, q.cue_strength, q.speaker, q.channel,"
        " a.outlet, a.published, a.published_date, a.title, a.lang FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" {_CURRENT_ANALYSIS} AND n.id = q.analysis_id WHERE q.speaker_entity = ?"
        " ORDER BY coalesce(a.published_utc, a.published_date), a.id, q.start LIMIT ?", (entity_id, limit)).fetchall()


def entity_mentions(db: sqlite3.Connection, entity_id: str) -> int:
    """How many articles name the entity."""
    return db.execute(f"SELECT count(DISTINCT a.id) FROM entities e JOIN articles a ON a.id = e.article_id"
                      f" {_CURRENT_ANALYSIS} AND n.id = e.analysis_id WHERE e.entity = ?", (entity_id,)).fetchone()[0]


def entity_sources(db: sqlite3.Connection, entity_id: str, limit: int = 200) -> list[sqlite3.Row]:
    """Where articles credit the entity as their source, oldest first."""
    return db.execute(
        "SELECT s.article_id, s.start, s.end, s.text, s.kind, a.outlet, a.published, a.title, a.lang"
        f" FROM sources s JOIN articles a ON a.id = s.article_id {_CURRENT_ANALYSIS} AND n.id = s.analysis_id"
        " WHERE s.entity = ? ORDER BY coalesce(a.published_utc, a.published_date), a.id, s.start LIMIT ?",
        (entity_id, limit)).fetchall()
