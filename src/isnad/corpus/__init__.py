"""A store of many articles: ingested once, analysed once, searchable, ready for cross-outlet work.

:class:`Store` is the interface; :class:`SQLiteStore` the embedded backend (one file, WAL mode);
:func:`open_store` opens the store at a path.
"""

from __future__ import annotations

import os

from isnad.corpus.sqlite import SQLiteStore, register_migrations
from isnad.corpus.store import AnalysedArticle, Article, SearchHit, SearchQuery, Store


def open_store(path: str | os.PathLike[str]) -> Store:
    """The store in ``path`` (an SQLite file, created with its schema when missing)."""
    return SQLiteStore(path)


__all__ = ["AnalysedArticle", "Article", "SQLiteStore", "SearchHit", "SearchQuery", "Store", "open_store",
           "register_migrations"]
