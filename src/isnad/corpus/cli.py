"""``isnad corpus add|reanalyze|search|match|events|claims|export|stats``: the corpus commands.

Exit status: 0 when everything was stored (or found), 1 when something was skipped or could not be
analysed (each reported on stderr, the rest went on), 2 for a usage error or a store that cannot
be opened.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from typing import Any, NoReturn

from isnad.argtypes import iso_date, positive_int
from isnad.batch.progress import Progress
from isnad.inputs import MAX_CHARS

DEFAULT_DB = "isnad.db"


def _error(message: str) -> None:
    print(f"isnad: error: {message}", file=sys.stderr)


def _fail(message: str) -> NoReturn:
    """Stop with a usage-level failure (exit status 2): nothing could be done."""
    _error(message)
    raise SystemExit(2)


def _notice(message: str) -> None:
    print(f"isnad: {message}", file=sys.stderr)


def _db_path(args: argparse.Namespace) -> str:
    return args.db or os.environ.get("ISNAD_DB") or DEFAULT_DB


def _open(args: argparse.Namespace, must_exist: bool):
    from isnad.corpus.sqlite import SchemaError, SQLiteStore

    path = _db_path(args)
    if must_exist and not os.path.exists(path):
        _fail(f"{path}: no store here (isnad corpus add --db {path} ... creates one)")
    try:
        return SQLiteStore(path)
    except (SchemaError, sqlite3.Error) as err:
        _fail(str(err))


def _workers(args: argparse.Namespace, pipeline):
    from isnad.corpus.ingest import DaskWorkers, IngestError, LocalWorkers

    try:
        if args.dask:
            return DaskWorkers(pipeline, args.dask)
        return LocalWorkers(pipeline, args.workers or os.cpu_count() or 1)
    except IngestError as err:
        _fail(str(err))


def _pipeline(args: argparse.Namespace):
    from isnad.core.pipeline import Pipeline, PipelineError

    try:
        return Pipeline(args.stages.split(",") if args.stages else None, kb_paths=args.kb)
    except PipelineError as err:
        _fail(str(err))


def cmd_add(args: argparse.Namespace) -> int:
    from isnad.cli import _stopped
    from isnad.corpus.ingest import Counts, IngestError, ingest
    from isnad.corpus.sources import count_records, read_articles

    pipeline = _pipeline(args)
    with _open(args, must_exist=False) as store:
        on_tty = sys.stderr.isatty()
        total = count_records(args.sources, args.jsonl) if on_tty else None
        workers = _workers(args, pipeline)
        progress = Progress(total, "articles", enabled=on_tty)
        counts = Counts()
        try:
            ingest(store, read_articles(args.sources, args.jsonl, args.max_chars), workers,
                   error=_error, notice=_notice, progress=progress.update, counts=counts)
        except KeyboardInterrupt as stop:  # every committed article is whole: say so, and how to go on
            progress.close()
            print(f"isnad: interrupted: {counts.line()} so far, each stored whole;"
                  " run the same command again to go on", file=sys.stderr)
            return _stopped(stop)
        except (IngestError, sqlite3.Error) as err:
            progress.close()
            _error(f"{err}; what was stored is kept: run the same command again to go on"
                   if isinstance(err, sqlite3.Error) else str(err))
            return 1
        finally:
            workers.close()
        progress.summary(counts.line())
    return 1 if counts.skipped or counts.failed else 0


def cmd_reanalyze(args: argparse.Namespace) -> int:
    from isnad.cli import _stopped
    from isnad.corpus.ingest import IngestError, reanalyze

    pipeline = _pipeline(args)
    with _open(args, must_exist=True) as store:
        workers = _workers(args, pipeline)
        progress = Progress(store.count_stale(pipeline.provenance.fingerprint), "analyses",
                            enabled=sys.stderr.isatty())
        try:
            redone, failing = reanalyze(store, pipeline, workers, error=_error, progress=progress.update)
        except KeyboardInterrupt as stop:
            progress.close()
            print(f"isnad: interrupted after {progress.done:,} analyses redone and stored; run the same command again"
                  " to go on", file=sys.stderr)
            return _stopped(stop)
        except (IngestError, sqlite3.Error) as err:
            progress.close()
            _error(str(err))
            return 1
        finally:
            workers.close()
        progress.summary(f"reanalysed {redone:,} stale analyses (fingerprint {pipeline.provenance.fingerprint})"
                         + (f", {failing:,} failing" if failing else ""))
    return 1 if failing else 0


def _hit_json(hit) -> dict[str, Any]:
    from isnad.corpus.search import highlight, snippet_window

    start, end = snippet_window(hit.text, hit.text_matches)
    return {"id": hit.article_id, "score": round(hit.score, 4), "outlet": hit.outlet, "published": hit.published,
            "url": hit.url, "title": hit.title, "snippet": hit.text[start:end], "snippet_start": start,
            "matches": [list(m) for m in hit.text_matches], "title_matches": [list(m) for m in hit.title_matches],
            "snippet_marked": highlight(hit.text, hit.text_matches, start, end, ("[", "]"))}


def cmd_search(args: argparse.Namespace) -> int:
    from isnad.corpus.search import QueryError, highlight, snippet_window
    from isnad.corpus.store import SearchQuery

    query = SearchQuery(args.query, outlet=args.outlet, since=args.since, until=args.until, entity=args.entity,
                        limit=args.limit)
    with _open(args, must_exist=True) as store:
        try:
            hits = store.search(query)
        except (QueryError, sqlite3.OperationalError) as err:
            _error(f"cannot search for {args.query!r}: {err}")
            return 2
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    mark = ("\033[1;33m", "\033[0m") if color else ("[", "]")
    for hit in hits:
        if args.format == "jsonl":
            print(json.dumps(_hit_json(hit), ensure_ascii=False))
            continue
        start, end = snippet_window(hit.text, hit.text_matches)
        title = highlight(hit.title or "", hit.title_matches, 0, len(hit.title or ""), mark)
        print(f"{hit.article_id}  {hit.outlet or '-'}  {hit.published or '-'}  score {hit.score:.2f}")
        print(f"  {title}")
        print(f"  {'…' if start > 0 else ''}{highlight(hit.text, hit.text_matches, start, end, mark)}"
              f"{'…' if end < len(hit.text) else ''}")
    if args.format == "text":
        print(f"{len(hits)} article{'s' if len(hits) != 1 else ''}" + (f" (--limit {args.limit})"
                                                                       if len(hits) == args.limit else ""),
              file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args, must_exist=True) as store:
        stats = store.stats()
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"{stats['path']}: {stats['articles']:,} articles, {stats['revisions']:,} earlier revisions,"
          f" {stats['analyses']:,} analyses ({stats['failed_analyses']:,} failed),"
          f" {stats['bytes'] / 1e6:,.1f} MB")
    if stats["same_url"]:
        print(f"{stats['same_url']:,} articles repeat the URL of another article id")
    for title, key in (("outlet", "outlets"), ("month", "months"), ("language", "languages")):
        print(f"by {title}:")
        for name, count in stats[key].items():
            print(f"  {name:<20} {count:>8,}")
    print("items: " + ", ".join(f"{table} {count:,}" for table, count in stats["items"].items()))
    return 0




def add_corpus_parser(sub: argparse._SubParsersAction) -> None:
    """The ``corpus`` command group of ``isnad``."""
    corpus = sub.add_parser("corpus", help="a store of many articles: add, reanalyze, search, match, events,"
                                            " claims, stats")
    commands = corpus.add_subparsers(dest="corpus_command", required=True)
    db_help = "the store, an SQLite file (default: $ISNAD_DB, else ./isnad.db)"

    def analysis_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help=db_help)
        p.add_argument("--workers", type=positive_int, help="analysing processes (default: the machine's cores)")
        p.add_argument("--dask", metavar="ADDRESS", help="analyse on this Dask cluster (tcp://host:port) instead")
        p.add_argument("--kb", action="append", default=[], metavar="PATH", help="extra knowledge-base file or folder")
        p.add_argument("--stages", help="comma-separated pipeline stages (default: all)")

    p = commands.add_parser("add", help="analyse and store articles (new or changed ones only)")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help=".txt, .html, .json, .jsonl, .jsonl.gz files, directories (recursive), - for stdin")
    p.add_argument("--jsonl", action="store_true", help="read every source (and stdin) as JSON Lines")
    p.add_argument("--max-chars", type=int, default=MAX_CHARS, help=f"refuse longer articles (default {MAX_CHARS:,})")
    analysis_options(p)
    p.set_defaults(func=cmd_add)

    p = commands.add_parser("reanalyze", help="redo the analyses made by another isnad, stages, data or KB")
    analysis_options(p)
    p.set_defaults(func=cmd_reanalyze)

    p = commands.add_parser("search", help="full-text search, Arabic folded and lightly stemmed")
    p.add_argument("query", help='words (all must match), "a phrase", a OR b, -excluded, prefix*')
    p.add_argument("--db", help=db_help)
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--since", type=iso_date, help="published on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=iso_date, help="published on or before this date (YYYY-MM-DD)")
    p.add_argument("--entity", metavar="ID", help="only articles naming this knowledge-base entity (e.g. Q1234)")
    p.add_argument("--limit", type=positive_int, default=20, help="at most this many articles (default 20)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.set_defaults(func=cmd_search)

    from isnad.matching.cli import add_matching_parsers

    add_matching_parsers(commands, db_help, iso_date)

    from isnad.web.cli import add_export_parser

    add_export_parser(commands, db_help)

    p = commands.add_parser("stats", help="counts by outlet, month and language; the size of the store")
    p.add_argument("--db", help=db_help)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_stats)
