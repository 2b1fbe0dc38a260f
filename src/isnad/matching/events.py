"""Articles into events: incremental, in publication order, never comparing the whole corpus pairwise.

Each article is a vector (:class:`Vectors`) of its content terms (log term frequency × inverse
document frequency over the store), the entities it names (knowledge-base ids, so an English and an
Arabic article about one happening share them), its figures («39|person») and its dates, hashed into a fixed
number of dimensions so that no vocabulary has to be kept.  A new article is compared with the
articles published within ``WINDOW_DAYS`` of it (one sparse product per day of new articles) and
joins the event of the most similar one when the cosine reaches ``EVENT_THRESHOLD`` and the event
started no more than ``MAX_SPAN_DAYS`` before it; otherwise it starts an event.  Two articles in
different languages share no words: they are compared on their entities, figures and dates alone
(``CROSS_LANGUAGE_THRESHOLD``).  Two crashes in one
country three weeks apart share their vocabulary but not their time, nor their figures and names.

A near-duplicate (wire copy: MinHash estimate of the Jaccard similarity of word 4-grams at least
``WIRE_COPY``) is flagged as such, and joins the event of the article it copies.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from isnad.matching.units import Digest

#: days between two articles of one event, at most (either way)
WINDOW_DAYS = 2
#: days from an event's first article to its last, at most (a story that goes on makes new events)
MAX_SPAN_DAYS = 7
#: cosine of two articles for one to join the other's event
EVENT_THRESHOLD = 0.13
#: cosine of the entities, figures and dates of two articles in different languages for one to join the other
CROSS_LANGUAGE_THRESHOLD = 0.4
#: MinHash Jaccard of two articles for one to be a wire copy of the other
WIRE_COPY = 0.5
#: content terms of an article kept in its vector (the heaviest by tf-idf)
TERMS_PER_ARTICLE = 30
#: weight of an entity and of a figure relative to a word of the same rarity
ENTITY_WEIGHT = 1.5
FIGURE_WEIGHT = 1.5
#: weight of a date the article names (its own day is in most articles of the day: a low weight by rarity)
DATE_WEIGHT = 1.0
#: most similar articles in which a wire copy is looked for
WIRE_CANDIDATES = 10
_DIMENSIONS = 1 << 22


@dataclass
class Placement:
    """Where one article went."""

    article_id: str
    event_id: int | None  # None: a new event (the caller numbers it)
    similar_to: str | None
    similarity: float
    wire_copy_of: str | None


def _feature(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % _DIMENSIONS


class Vectors:
    """Sparse, L2-normalised article vectors with document frequencies over the whole store."""

    def __init__(self, document_frequency: Counter[str], documents: int):
        self.df = document_frequency
        self.n = max(1, documents)

    @staticmethod
    def features(digest: Digest) -> Iterable[str]:
        """The names an article counts in the document frequencies."""
        yield from digest.terms
        yield from (f"@{e}" for e in digest.entities)
        yield from (f"#{f}" for f in digest.figures)
        yield from (f"%{d}" for d in digest.dates)

    def idf(self, name: str) -> float:
        return math.log((self.n + 1) / (self.df.get(name, 0) + 1)) + 1.0

    def weights(self, digest: Digest, words: bool = True) -> dict[str, float]:
        """The article's features and weights; without ``words``, only what any language shares."""
        kept: dict[str, float] = {}
        if words:
            terms = {t: (1 + math.log(c)) * self.idf(t) for t, c in digest.terms.items()}
            kept = dict(sorted(terms.items(), key=lambda kv: -kv[1])[:TERMS_PER_ARTICLE])
        kept.update({f"@{e}": ENTITY_WEIGHT * self.idf(f"@{e}") for e in digest.entities})
        kept.update({f"#{f}": FIGURE_WEIGHT * self.idf(f"#{f}") for f in digest.figures})
        kept.update({f"%{d}": DATE_WEIGHT * self.idf(f"%{d}") for d in digest.dates})
        return kept

    def matrix(self, digests: Sequence[Digest], words: bool = True) -> sparse.csr_matrix:
        rows, cols, values = [], [], []
        for i, digest in enumerate(digests):
            weights = self.weights(digest, words)
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            merged: dict[int, float] = {}
            for name, w in weights.items():
                index = _feature(name)
                merged[index] = merged.get(index, 0.0) + w / norm
            rows.extend([i] * len(merged))
            cols.extend(merged)
            values.extend(merged.values())
        return sparse.csr_matrix((values, (rows, cols)), shape=(len(digests), _DIMENSIONS), dtype=np.float64)


def minhash_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    if not a or not b:
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def _day(digest: Digest) -> dt.date:
    try:
        return dt.date.fromisoformat((digest.day or digest.published or "")[:10])
    except ValueError:
        return dt.date.min


def place(new: Sequence[Digest], placed: Sequence[tuple[Digest, int]], vectors: Vectors,
          event_start: dict[int, dt.date], next_event: int) -> list[tuple[Placement, int]]:
    """Events for ``new`` articles given the ``placed`` ones ``(digest, event id)``.

    Returns ``(placement, event id)`` in publication order; new events are numbered from
    ``next_event`` on (the caller stores them).  ``event_start`` is updated as events grow.
    """
    order = sorted(new, key=lambda d: (d.published or "", d.article_id))
    everyone = list(placed) + [(d, -1) for d in order]
    days = np.array([_day(d).toordinal() for d, _ in everyone])
    matrix = vectors.matrix([d for d, _ in everyone])
    # articles in two languages share no words: they are compared on their entities, figures and dates
    languages = np.array([d.lang or "" for d, _ in everyone])
    bilingual = len(set(languages) - {""}) > 1
    shared = vectors.matrix([d for d, _ in everyone], words=False) if bilingual else None
    event_of = [e for _, e in everyone]
    first_new = len(placed)
    out: list[tuple[Placement, int]] = []
    by_day: dict[int, list[int]] = {}
    for i in range(first_new, len(everyone)):
        by_day.setdefault(int(days[i]), []).append(i)
    for day in sorted(by_day):
        rows = by_day[day]
        window = np.flatnonzero(np.abs(days - day) <= WINDOW_DAYS)
        scores = (matrix[rows] @ matrix[window].T).toarray()
        if shared is not None:
            other = languages[rows][:, None] != languages[window][None, :]
            across = (shared[rows] @ shared[window].T).toarray() * (EVENT_THRESHOLD / CROSS_LANGUAGE_THRESHOLD)
            scores = np.where(other, across, scores)
        for r, i in enumerate(rows):
            digest = everyone[i][0]
            best, best_score, copy_of, looked = None, 0.0, None, 0
            for c in np.argsort(-scores[r]):
                score = float(scores[r, c])
                j = int(window[c])
                if score < EVENT_THRESHOLD or looked >= WIRE_CANDIDATES:
                    break
                if j == i or event_of[j] < 0 or dt.date.fromordinal(day) - event_start[event_of[j]] \
                        > dt.timedelta(days=MAX_SPAN_DAYS):
                    continue  # itself, a new article not placed yet, or an event that began too long ago
                looked += 1
                if best is None:
                    best, best_score = j, score
                if minhash_similarity(digest.minhash, everyone[j][0].minhash) >= WIRE_COPY:
                    best, best_score, copy_of = j, score, everyone[j][0].article_id
                    break
            if best is not None and best_score >= EVENT_THRESHOLD:
                event = event_of[best]
                placement = Placement(digest.article_id, event, everyone[best][0].article_id, round(best_score, 4),
                                      copy_of)
            else:
                event = next_event
                next_event += 1
                placement = Placement(digest.article_id, None, None, 0.0, None)
                event_start[event] = dt.date.fromordinal(day)
            event_of[i] = event
            event_start[event] = min(event_start.get(event, dt.date.fromordinal(day)), dt.date.fromordinal(day))
            out.append((placement, event))
    return out
