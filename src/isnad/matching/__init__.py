"""Across outlets: articles grouped into events, the same claim linked across articles, contradicting
figures, and who reported first (issue 14).

- :mod:`isnad.matching.units` — what is read of one article (a digest for events, units for claims);
- :mod:`isnad.matching.events` — incremental grouping of articles into events;
- :mod:`isnad.matching.claims` — claims within an event, contradictions, first reports;
- :mod:`isnad.matching.agreement` — when two figures agree;
- :mod:`isnad.matching.store` — the tables in the corpus store and :func:`match`, which brings them up
  to date (importing this package registers the tables' migrations).
"""

from isnad.matching.store import MatchCounts, claims_json, events_json, match, unmatched

__all__ = ["MatchCounts", "claims_json", "events_json", "match", "unmatched"]
