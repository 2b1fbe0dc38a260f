"""Across outlets: articles grouped into events, the same claim linked across articles, contradicting
figures, and who reported first (issue 14).

- :mod:`isnad.matching.units` — what is read of one article (a digest for events, units for claims);
- :mod:`isnad.matching.events` — incremental grouping of articles into events;
- :mod:`isnad.matching.claims` — claims within an event, contradictions, first reports;
- :mod:`isnad.matching.agreement` — when two figures agree;
- :mod:`isnad.matching.schema` — the tables in the corpus store (importing this package registers their
  migrations);
- :mod:`isnad.matching.store` — :func:`match`, which brings them up to date.

Tuned on ``shared/data/xdoc-dev`` (a development set: expect unseen events to score lower): the event
threshold (0.13, also read against a month of the ANT corpus), the link thresholds of figures (0.25) and
statements (0.2), the bonuses of agreeing values and shared outcomes, the average-linkage shares, the
two-best-matches rule, and the lists of ``lang/matching.json`` (outcomes such as «غادرت» displaced or
«احتشد» gathered were added after reading its misses).  The agreement rules follow the conventions of its
README (a vague word is at least two of its order; two specific counts disagree even when hedged).
"""

from typing import Any

from isnad.matching import schema  # noqa: F401  (registers the tables' migrations)

__all__ = ["MatchCounts", "claims_json", "events_json", "match", "unmatched"]


def __getattr__(name: str) -> Any:
    # the matcher (numpy, scipy) loads on first use, not when the command line is built
    if name in __all__:
        from isnad.matching import store

        return getattr(store, name)
    raise AttributeError(f"module 'isnad.matching' has no attribute {name!r}")
