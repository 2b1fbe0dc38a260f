"""Time events and claims over an ingested store: ``python scripts/bench_matching.py --db STORE``.

The store is copied to a temporary file and matched from scratch (its own events and claims, if any,
are left alone); the table gives the seconds of each phase and extrapolates linearly to the 31,476
articles of the ANT corpus (events grow with the corpus, and so does the claim work).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ANT_ARTICLES = 31_476


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="an ingested store (isnad corpus add)")
    parser.add_argument("--workers", type=int, default=2, help="processes that link claims (default 2)")
    args = parser.parse_args()
    if not Path(args.db).is_file():
        print(f"bench_matching: no store at {args.db}", file=sys.stderr)
        return 2
    import isnad.matching as matching
    from isnad.corpus.sqlite import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        with sqlite3.connect(args.db) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        with SQLiteStore(copy) as store:
            for table in ("claim_links", "claim_mentions", "event_claims", "event_articles", "events", "event_digests"):
                store.db.execute(f"DELETE FROM {table}")
            articles = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
            started = time.perf_counter()
            counts = matching.match(store, workers=args.workers)
            total = time.perf_counter() - started
            sizes = store.db.execute("SELECT count(*), sum(articles > 1), max(articles) FROM events").fetchone()
    print(f"{'phase':<12} {'seconds':>9} {'per 1k articles':>16} {'31,476 articles':>16}")
    for phase, seconds in [*counts.seconds.items(), ("total", total)]:
        print(f"{phase:<12} {seconds:9.1f} {1000 * seconds / articles:16.2f} {ANT_ARTICLES * seconds / articles:16.0f}")
    print(f"{articles:,} articles, {args.workers} claim workers, {sizes[0]:,} events ({sizes[1]:,} with two articles or more, the largest"
          f" {sizes[2]}), {counts.claims:,} claims")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
