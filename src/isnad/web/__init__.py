"""The newsroom app (issue 15): browse the corpus, review cross-outlet claims, export ClaimReview.

- :mod:`isnad.web.corpus` — what the pages read from the store (faceted search, articles, events,
  claims, entities), on plain read-only SQLite connections;
- :mod:`isnad.web.reviews` — the append-only review tables and how a review follows its claim when
  ``isnad corpus match`` rebuilds the claims;
- :mod:`isnad.web.claimreview` — schema.org ClaimReview JSON-LD, its validation, the JSONL and CSV
  exports;
- :mod:`isnad.web.app` — the ASGI app (Starlette, Jinja2 templates), :mod:`isnad.web.security` its
  safety measures, :mod:`isnad.web.cli` ``isnad serve`` and ``isnad corpus export``.

Importing this package imports no web framework: the exports work without the ``web`` extra.
"""
