"""``isnad corpus match|events|claims``: group the store into events, then read events and claims.

``match`` writes (incremental: new or changed articles only); ``events`` and ``claims`` only read,
and say on stderr when articles are waiting for ``match``.  Exit status: 0, or 2 for a store that
cannot be opened or an unknown event.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from typing import Any

from isnad.batch.progress import Progress


def _store(args: argparse.Namespace):
    import isnad.matching  # noqa: F401 - registers the matcher's tables before the store opens
    from isnad.corpus.cli import _open

    return _open(args, must_exist=True)


def _waiting(store) -> None:
    from isnad.matching import unmatched

    waiting = unmatched(store)
    if waiting:
        print(f"isnad: {waiting:,} articles are not in events yet: run isnad corpus match"
              f" --db {store.path}", file=sys.stderr)


def cmd_match(args: argparse.Namespace) -> int:
    from isnad.cli import _stopped
    from isnad.matching import match

    with _store(args) as store:
        progress = Progress(None, "articles", enabled=sys.stderr.isatty())
        try:
            counts = match(store, progress=progress.update, workers=args.workers or os.cpu_count() or 1)
        except KeyboardInterrupt as stop:
            progress.close()
            print(f"isnad: interrupted ({progress.done:,} articles read for events so far); what was committed is kept: run the same"
                  " command again to go on", file=sys.stderr)
            return _stopped(stop)
        except sqlite3.Error as err:
            progress.close()
            print(f"isnad: error: {err}; what was stored is kept: run the same command again to go on",
                  file=sys.stderr)
            return 1
        progress.summary(counts.line())
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from isnad.matching import events_json

    with _store(args) as store:
        _waiting(store)
        events = events_json(store, args.since, args.until, min_articles=args.min_articles)
        for event in events:
            if args.format == "jsonl":
                print(json.dumps(event, ensure_ascii=False))
            else:
                print(_event_text(store, event))
    return 0


def _articles(store, ids: list[str]) -> list[tuple]:
    rows = {r[0]: r for r in store.db.execute(
        f"SELECT a.id, a.outlet, coalesce(a.published, a.published_date), a.title, e.wire_copy_of"
        f" FROM articles a LEFT JOIN event_articles e ON e.article_id = a.id WHERE a.id IN ({','.join('?' * len(ids))})",
        ids)}
    return [rows[i] for i in ids if i in rows]


def _event_text(store, event: dict[str, Any]) -> str:
    span = event["start"] if event["start"] == event["end"] else f"{event['start']} to {event['end']}"
    lines = [f"event {event['event']}  {span}  {len(event['articles'])} articles  {event['title'] or ''}"]
    for article, outlet, published, title, copy_of in _articles(store, event["articles"]):
        wire = f"  [wire copy of {copy_of}]" if copy_of else ""
        lines.append(f"  {published or '-':25} {outlet or '-':18} {article}  {title or ''}{wire}")
    return "\n".join(lines)


def cmd_claims(args: argparse.Namespace) -> int:
    from isnad.matching import claims_json, events_json

    with _store(args) as store:
        if args.event is not None and not store.db.execute("SELECT 1 FROM events WHERE id = ?",
                                                             (args.event,)).fetchone():
            print(f"isnad: error: no event {args.event} in {store.path}", file=sys.stderr)
            return 2
        _waiting(store)
        claims = claims_json(store, args.event, args.contradictions)
        if args.format == "jsonl":
            for claim in claims:
                print(json.dumps(claim, ensure_ascii=False))
            return 0
        events = {e["event"]: e for e in events_json(store, min_articles=2)}
        current = None
        for claim in claims:
            if claim["event"] != current:
                current = claim["event"]
                if current in events:
                    print(_event_text(store, events[current]))
            print(_claim_text(store, claim))
    return 0


def _claim_text(store, claim: dict[str, Any]) -> str:
    """A claim as a fact-checker reads it: each outlet's figure side by side, in publication order."""
    outlets = {a: (o, p) for a, o, p, _, _ in _articles(store, sorted({m["article"] for m in claim["mentions"]}))}
    contradiction = claim["contradiction"]
    head = f"  claim {claim['claim']}"
    if contradiction:
        head += f"  {contradiction['kind'].upper()}: {contradiction['reason']}"
    first = claim["first_report"]
    head += f"  first report: {outlets.get(first, (first,))[0] or first}" if first else "  first report: none (a tie)"
    lines = [head]
    flagged = set(contradiction["mentions"]) if contradiction else set()
    for n, m in enumerate(claim["mentions"]):
        outlet, published = outlets.get(m["article"], (None, None))
        value = f"{m['value']:g} {m['unit'] or ''}".strip() if m["value"] is not None else ""
        mark = "!" if n in flagged else " "
        source = f"  (credits {m['source']})" if m["source"] else ""
        lines.append(f"   {mark} {n:>2} {published or '-':25} {outlet or m['article']:18} {value:>14}  «{m['text']}»{source}")
    links = store.db.execute("SELECT a, b, score, reasons FROM claim_links WHERE claim_id = ? ORDER BY score DESC",
                             (claim["claim"],)).fetchall()
    for a, b, score, reasons in links[:3]:
        lines.append(f"       link {a}-{b} {score:.2f}: {reasons}")
    return "\n".join(lines)


def add_matching_parsers(commands: argparse._SubParsersAction, db_help: str, date_type) -> None:
    """``match``, ``events`` and ``claims`` under ``isnad corpus``."""
    p = commands.add_parser("match", help="group the stored articles into events and link their claims"
                                          " (new or changed articles only)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--workers", type=int, help="processes that link claims (default: the machine's cores)")
    p.set_defaults(func=cmd_match)

    p = commands.add_parser("events", help="the events: articles about one happening, across outlets and days")
    p.add_argument("--db", help=db_help)
    p.add_argument("--since", type=date_type, help="events going on on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=date_type, help="events begun on or before this date (YYYY-MM-DD)")
    p.add_argument("--min-articles", type=int, default=1, help="only events with this many articles (default 1)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.set_defaults(func=cmd_events)

    p = commands.add_parser("claims", help="claims across the articles of events: figures side by side,"
                                           " contradictions, first reports")
    p.add_argument("--db", help=db_help)
    p.add_argument("--event", type=int, metavar="ID", help="only this event")
    p.add_argument("--contradictions", action="store_true", help="only claims whose mentions disagree")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.set_defaults(func=cmd_claims)
