"""The matcher's tables in the corpus store, registered as migrations of the component ``matching``.

Importing :mod:`isnad.matching` registers them (a store opened afterwards has them), without loading
the matcher itself (numpy, scipy), so that a command line that only names the matching commands starts fast.

Tables (component ``matching``; every article id references ``articles``):

- ``event_digests``: what the grouping reads of each article (terms, entities, figures, dates,
  MinHash), computed once per article text;
- ``events``: one row per event: title (the headline of its first article), first and last
  publication date, counts of articles and outlets, and when its claims were last matched;
- ``event_articles``: the event of each article, the article of the event it was most similar to
  (with the similarity), and the article it is a wire copy of, when it is one;
- ``event_claims``: the claims of each event: a label, the first report, the contradiction (kind,
  reason, mention positions as JSON);
- ``claim_mentions``: each claim's mentions in publication order (article, offsets, text, value,
  unit, the source the outlet credits);
- ``claim_links``: the links that made the claim, between two mention positions, with their score
  and reasons.
"""

from __future__ import annotations

from isnad.corpus.sqlite import register_migrations

MATCHING_SCHEMA: list[tuple[int, str]] = [
    (1, """
CREATE TABLE event_digests (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    content_hash TEXT NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    title TEXT,
    start TEXT,
    end TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    claims_matched TEXT
);
CREATE INDEX events_start ON events(start);
CREATE TABLE event_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    similar_to TEXT REFERENCES articles(id),
    similarity REAL,
    wire_copy_of TEXT REFERENCES articles(id),
    placed TEXT NOT NULL
);
CREATE INDEX event_articles_event ON event_articles(event_id);
CREATE TABLE event_claims (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    articles INTEGER NOT NULL,
    first_report TEXT REFERENCES articles(id),
    contradiction TEXT,
    contradiction_reason TEXT,
    contradiction_mentions TEXT
);
CREATE INDEX event_claims_event ON event_claims(event_id);
CREATE TABLE claim_mentions (
    claim_id INTEGER NOT NULL REFERENCES event_claims(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    unit TEXT,
    source TEXT,
    item_id TEXT,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_mentions_article ON claim_mentions(article_id);
CREATE TABLE claim_links (
    claim_id INTEGER NOT NULL REFERENCES event_claims(id) ON DELETE CASCADE,
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    score REAL NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (claim_id, a, b)
);
"""),
]
register_migrations("matching", MATCHING_SCHEMA)
