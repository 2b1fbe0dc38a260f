"""Reviews of cross-outlet claims: append-only, and bound to the claim's mentions, not to its row id.

``isnad corpus match`` deletes and re-inserts an event's claims whenever the event changes, so an
``event_claims.id`` is not a name a review can keep.  A review keeps what it reviewed: the claim's
mentions at that moment (article, offsets, text) in ``claim_review_mentions``, and their digest in
``claim_reviews.claim_key``.  A review then belongs to the current claim that shares the most of
its mentions (a stored and a current mention are shared when they overlap in the same article, so
a matcher that redraws a mention's bounds keeps its reviews; ties go to the claim with fewer
mentions, then the lower id).  A claim whose mentions are not those a review saw says so on its
page; a review whose mentions are in no current claim is listed at ``/reviews`` as detached, with
the text it reviewed.

Tables (component ``web``), written only by :func:`record_review`; triggers refuse every UPDATE
and DELETE, so the history (who decided what, when) cannot be rewritten, only added to:

- ``claim_reviews``: one row per submitted verdict: the claim as the reviewer states it, rating,
  the label shown for it, explanation, reviewer, status (``in review`` or ``published``), time, and
  the claim and event ids it had when reviewed (for reference only);
- ``claim_review_mentions``: the claim's mentions when the verdict was submitted.

A claim's status is ``new`` without a review, else the status of its latest review: a reviewer
publishes by choosing "Publish" on the form; a later draft puts the claim back "in review" while the
last published verdict stays the one exported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from isnad.corpus.sqlite import register_migrations


@dataclass(frozen=True)
class Rating:
    key: str
    label: str  # the desk's Arabic label, ClaimReview's alternateName unless the reviewer gives another
    english: str
    value: int | None  # ratingValue on the scale WORST..BEST; None: not on the scale (unverifiable)


RATINGS: dict[str, Rating] = {r.key: r for r in (
    Rating("true", "صحيح", "true", 3),
    Rating("misleading", "مضلل", "misleading", 2),
    Rating("false", "خاطئ", "false", 1),
    Rating("unverifiable", "غير قابل للتحقق", "unverifiable", None),
)}
BEST_RATING, WORST_RATING = 3, 1
NEW, IN_REVIEW, PUBLISHED = "new", "in review", "published"
MAX_REVIEWER, MAX_LABEL, MAX_CLAIM, MAX_EXPLANATION = 100, 100, 1000, 10000

WEB_SCHEMA: list[tuple[int, str]] = [
    (1, """
CREATE TABLE claim_reviews (
    id INTEGER PRIMARY KEY,
    claim_key TEXT NOT NULL,
    claim_id INTEGER,
    event_id INTEGER,
    claim_reviewed TEXT NOT NULL,
    rating TEXT NOT NULL,
    rating_label TEXT NOT NULL,
    explanation TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in review', 'published')),
    created TEXT NOT NULL
);
CREATE INDEX claim_reviews_key ON claim_reviews(claim_key);
CREATE TABLE claim_review_mentions (
    review_id INTEGER NOT NULL REFERENCES claim_reviews(id),
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (review_id, position)
);
CREATE INDEX claim_review_mentions_article ON claim_review_mentions(article_id, start);
CREATE TRIGGER claim_reviews_no_update BEFORE UPDATE ON claim_reviews
BEGIN SELECT RAISE(ABORT, 'claim_reviews is append-only'); END;
CREATE TRIGGER claim_reviews_no_delete BEFORE DELETE ON claim_reviews
BEGIN SELECT RAISE(ABORT, 'claim_reviews is append-only'); END;
CREATE TRIGGER claim_review_mentions_no_update BEFORE UPDATE ON claim_review_mentions
BEGIN SELECT RAISE(ABORT, 'claim_review_mentions is append-only'); END;
CREATE TRIGGER claim_review_mentions_no_delete BEFORE DELETE ON claim_review_mentions
BEGIN SELECT RAISE(ABORT, 'claim_review_mentions is append-only'); END;
"""),
]
register_migrations("web", WEB_SCHEMA)

MentionKey = tuple[str, int, int]  # article id, start, end


def claim_key(mentions: Iterable[MentionKey]) -> str:
    """The digest of a set of mentions (16 hex digits): the same mentions, the same key."""
    data = json.dumps(sorted(set(mentions)), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


@dataclass
class Review:
    id: int
    claim_key: str
    claim_id: int | None  # when reviewed
    event_id: int | None
    claim_reviewed: str
    rating: str
    rating_label: str
    explanation: str
    reviewer: str
    status: str
    created: str
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)  # article, start, end, text
    current_claim: int | None = None  # the claim it belongs to now (None: detached)
    changes: list[str] = field(default_factory=list)  # what it changed from the review before it

    @property
    def keys(self) -> set[MentionKey]:
        return {(a, s, e) for a, s, e, _ in self.mentions}

    @property
    def date(self) -> str:
        return self.created[:10]

    @property
    def scale(self) -> Rating:
        return RATINGS[self.rating]


@dataclass(frozen=True)
class ReviewForm:
    """A submitted verdict, checked: :func:`check_form` gives it or the problems to show."""

    rating: str
    rating_label: str
    explanation: str
    reviewer: str
    claim_reviewed: str
    status: str


def check_form(form: Mapping[str, str], default_claim: str) -> tuple[ReviewForm | None, list[str]]:
    """The review in a submitted form, or what is wrong with it (one message per field)."""
    problems = []
    rating = form.get("rating", "").strip()
    if rating not in RATINGS:
        problems.append(f"rating: choose one of {', '.join(RATINGS)}")
    reviewer = " ".join(form.get("reviewer", "").split())
    explanation = form.get("explanation", "").strip().replace("\r\n", "\n")
    label = " ".join(form.get("label", "").split())
    stated = " ".join(form.get("claim", "").split()) or default_claim
    for name, value, limit, required in (("reviewer", reviewer, MAX_REVIEWER, True),
                                         ("explanation", explanation, MAX_EXPLANATION, True),
                                         ("label", label, MAX_LABEL, False), ("claim", stated, MAX_CLAIM, True)):
        if required and not value:
            problems.append(f"{name}: required")
        elif len(value) > limit:
            problems.append(f"{name}: at most {limit:,} characters ({len(value):,} given)")
    action = form.get("action", "")
    if action not in ("draft", "publish"):
        problems.append("action: save as a draft or publish")
    if problems:
        return None, problems
    return ReviewForm(rating, label or RATINGS[rating].label, explanation, reviewer, stated,
                      PUBLISHED if action == "publish" else IN_REVIEW), []


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_review(db: sqlite3.Connection, claim_id: int, event_id: int,
                  mentions: list[tuple[str, int, int, str]], review: ReviewForm) -> int:
    """Append a verdict on a claim with its current mentions, in one transaction; its id."""
    db.execute("BEGIN IMMEDIATE")
    try:
        review_id = db.execute(
            "INSERT INTO claim_reviews (claim_key, claim_id, event_id, claim_reviewed, rating, rating_label,"
            " explanation, reviewer, status, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (claim_key((a, s, e) for a, s, e, _ in mentions), claim_id, event_id, review.claim_reviewed, review.rating,
             review.rating_label, review.explanation, review.reviewer, review.status, _now())).lastrowid
        db.executemany("INSERT INTO claim_review_mentions (review_id, position, article_id, start, end, text)"
                       " VALUES (?, ?, ?, ?, ?, ?)", [(review_id, n, *m) for n, m in enumerate(mentions)])
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    assert review_id is not None
    return review_id


_OVERLAP = ("JOIN claim_mentions cm ON cm.article_id = rm.article_id AND cm.start < rm.end AND cm.end > rm.start")


def _attach(db: sqlite3.Connection, review_ids: list[int]) -> dict[int, int]:
    """``review id -> current claim id`` for the reviews whose mentions some current claim shares."""
    if not review_ids:
        return {}
    rows = db.execute(
        "SELECT rm.review_id, cm.claim_id, count(DISTINCT rm.position) AS shared,"
        " (SELECT count(*) FROM claim_mentions x WHERE x.claim_id = cm.claim_id) AS size"
        f" FROM claim_review_mentions rm {_OVERLAP} WHERE rm.review_id IN ({','.join('?' * len(review_ids))})"
        " GROUP BY rm.review_id, cm.claim_id", review_ids).fetchall()
    best: dict[int, tuple[int, int, int]] = {}
    for review_id, claim_id, shared, size in rows:
        rank = (-shared, size, claim_id)
        if review_id not in best or rank < best[review_id]:
            best[review_id] = rank
    return {review_id: rank[2] for review_id, rank in best.items()}


def _load(db: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Review]:
    reviews = [Review(*row) for row in db.execute(
        "SELECT id, claim_key, claim_id, event_id, claim_reviewed, rating, rating_label, explanation, reviewer, status,"
        f" created FROM claim_reviews {where} ORDER BY id", params)]
    by_id = {r.id: r for r in reviews}
    if by_id:
        for review_id, article_id, start, end, text in db.execute(
                "SELECT review_id, article_id, start, end, text FROM claim_review_mentions"
                f" WHERE review_id IN ({','.join('?' * len(by_id))}) ORDER BY review_id, position", list(by_id)):
            by_id[review_id].mentions.append((article_id, start, end, text))
    attached = _attach(db, list(by_id))
    for review in reviews:
        review.current_claim = attached.get(review.id)
    return reviews


def _with_changes(history: list[Review]) -> list[Review]:
    """Each review with what it changed from the one before it in the same history (oldest first)."""
    for before, after in zip([None, *history], history, strict=False):
        if before is None:
            after.changes = [f"first verdict: {after.rating_label} ({after.status})"]
            continue
        changes = []
        if (before.rating, before.rating_label) != (after.rating, after.rating_label):
            changes.append(f"rating {before.rating_label} → {after.rating_label}")
        if before.status != after.status:
            changes.append(f"status {before.status} → {after.status}")
        if before.claim_reviewed != after.claim_reviewed:
            changes.append("claim wording")
        if before.explanation != after.explanation:
            changes.append("explanation")
        if before.keys != after.keys:
            changes.append("the claim's mentions")
        after.changes = changes or ["no change (confirmed)"]
    return history


def claim_reviews(db: sqlite3.Connection, claim_id: int) -> list[Review]:
    """The reviews that belong to this claim now, oldest first, each with what it changed."""
    candidates = [r[0] for r in db.execute(
        f"SELECT DISTINCT rm.review_id FROM claim_review_mentions rm {_OVERLAP} WHERE cm.claim_id = ?", (claim_id,))]
    if not candidates:
        return []
    reviews = _load(db, f"WHERE id IN ({','.join('?' * len(candidates))})", tuple(candidates))
    return _with_changes([r for r in reviews if r.current_claim == claim_id])


def status(reviews: list[Review]) -> str:
    return reviews[-1].status if reviews else NEW


def latest_published(reviews: list[Review]) -> Review | None:
    published = [r for r in reviews if r.status == PUBLISHED]
    return published[-1] if published else None


@dataclass
class History:
    """The reviews of one claim (or of one detached claim, by its key), oldest first."""

    claim_id: int | None
    reviews: list[Review]

    @property
    def latest(self) -> Review:
        return self.reviews[-1]

    @property
    def status(self) -> str:
        return status(self.reviews)

    @property
    def published(self) -> Review | None:
        return latest_published(self.reviews)


def histories(db: sqlite3.Connection, only_status: str | None = None) -> list[History]:
    """Every claim's review history, most recently reviewed first; detached ones grouped by their key."""
    groups: dict[tuple[str, object], list[Review]] = {}
    for review in _load(db):
        group = ("claim", review.current_claim) if review.current_claim is not None else ("key", review.claim_key)
        groups.setdefault(group, []).append(review)
    found = [History(group[1] if group[0] == "claim" else None, _with_changes(reviews))  # type: ignore[arg-type]
             for group, reviews in groups.items()]
    if only_status:
        found = [h for h in found if h.status == only_status]
    return sorted(found, key=lambda h: -h.latest.id)
