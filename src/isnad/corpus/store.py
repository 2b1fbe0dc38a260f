"""What a corpus store keeps and the one small interface every backend implements.

The ingest, the search and the command line talk to a :class:`Store` only, so a PostgreSQL
backend for a team can follow the SQLite one (:mod:`isnad.corpus.sqlite`) without touching them.
The records here cross process boundaries (worker processes, Dask workers): they are plain
dataclasses of strings, numbers and tuples, cheap to pickle.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from isnad.model import Document


@dataclass(frozen=True)
class Article:
    """One input article as it will be stored.

    ``published`` is the timestamp as the input gave it (``2018-02-18T10:22:00+03:00``): ordering
    reports by time needs more than the date that ``document.published`` keeps.
    """

    document: Document
    content_hash: str
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # where it was read: "file:line"
    revision: int | None = None  # set when an analysis of a stored revision is redone

    @property
    def id(self) -> str:
        return self.document.id


@dataclass(frozen=True)
class SearchText:
    """An article's search terms (:func:`isnad.text.search.index_text`), space-separated."""

    title: str
    text: str
    alternatives: str


@dataclass(frozen=True)
class AnalysisRecord:
    """An analysis ready to store: the JSON contract and its items as table rows."""

    fingerprint: str
    isnad_version: str
    stages: str
    json: str
    items: dict[str, list[tuple]]  # table -> rows, columns as in isnad.corpus.rows.ITEM_COLUMNS


@dataclass(frozen=True)
class AnalysedArticle:
    """What a worker returns for one article: its analysis, or why there is none."""

    article: Article
    lang: str | None
    search: SearchText
    analysis: AnalysisRecord | None = None
    error: str | None = None


class Outcome(Enum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    REVISED = "revised"


@dataclass(frozen=True)
class Stored:
    """What the store did with one article."""

    article_id: str
    outcome: Outcome
    revision: int
    same_url_as: str | None = None  # another stored article with this URL (repeated under another id)


@dataclass(frozen=True)
class SearchQuery:
    text: str
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    entity: str | None = None
    limit: int = 20


@dataclass(frozen=True)
class SearchHit:
    """One matching article, with offsets of the matched words in its title and text."""

    article_id: str
    score: float
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    text: str
    title_matches: list[tuple[int, int]]
    text_matches: list[tuple[int, int]]


class Store(ABC):
    """A corpus store: articles with their revisions, analyses, items and a search index."""

    @abstractmethod
    def known(self, article_id: str, content_hash: str) -> bool:
        """True when this text is already stored under this id (as any revision)."""

    @abstractmethod
    def write(self, results: Sequence[AnalysedArticle]) -> list[Stored]:
        """Store articles with their analyses, all in one transaction (all or nothing)."""

    @abstractmethod
    def count_stale(self, fingerprint: str) -> int:
        """How many stored revisions :meth:`stale` would give."""

    @abstractmethod
    def stale(self, fingerprint: str) -> Iterator[Article]:
        """Stored revisions whose analysis is missing, failed or made with another fingerprint."""

    @abstractmethod
    def replace_analyses(self, results: Sequence[AnalysedArticle]) -> int:
        """Replace the analyses of stored revisions (:meth:`stale`), in one transaction."""

    @abstractmethod
    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Articles matching a query, best first (newest first on ties)."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts by outlet, month and language, and the size of the store."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
