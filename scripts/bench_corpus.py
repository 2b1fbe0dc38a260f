"""Corpus benchmark: ingest the first N ANT articles into a fresh store, then time Arabic queries.

    python scripts/bench_corpus.py --data ../shared/data [--articles 5000] [--workers 2]
           [--stages times] [--analysis-alone] [--queries-db whole.db]

Prints a table: articles/s, peak RSS of the writer and of the largest worker, store size (total
and per article), and p50/p95 latency of 20 Arabic queries (ranking + snippets) over the new store
or over ``--queries-db``.  ``--analysis-alone`` first runs the same analysis without a store
(``Pipeline.pipe``), so the store's overhead is the difference.  Not a timed test.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from isnad.core.pipeline import Pipeline
from isnad.corpus.ingest import LocalWorkers, ingest
from isnad.corpus.search import snippet_window
from isnad.corpus.sources import read_articles
from isnad.corpus.sqlite import SQLiteStore
from isnad.corpus.store import Article, SearchQuery

QUERIES = (
    "الأسد", "ترامب", "السعودية", "إيران", "كأس العالم", "النفط", "الحوثيين", "غزة", "اليمن",
    "صندوق النقد الدولي", "بوتين", "الانتخابات", "كوريا الشمالية", "اللاجئين", "أسعار الذهب", "ميسي",
    "الاتحاد الأوروبي", "إدلب", '"وزير الخارجية"', "القدس",
)


def _mb(kilobytes: int) -> str:
    return f"{kilobytes / 1024:,.0f} MB"


def _worker_peaks() -> list[int]:
    """Peak RSS (kB, VmHWM) of every process started by this one: the pool's workers live under its forkserver."""
    import psutil  # comes with distributed (the test extra)

    peaks = []
    for child in psutil.Process().children(recursive=True):
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:
            continue
        peaks += [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")]
    return peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stages", help="comma-separated stages (default: all): measure the store with a light one")
    parser.add_argument("--db", help="store to create (default: a temporary file)")
    parser.add_argument("--analysis-alone", action="store_true", help="also time the analysis without a store")
    parser.add_argument("--queries-db", help="run the queries over this store instead (e.g. the whole corpus)")
    args = parser.parse_args()
    corpus = Path(args.data) / "ant_corpus_2018" / "ant-multisource-2018.jsonl.gz"
    if not corpus.exists():
        print(f"skipped: {corpus} not found (--data)", file=sys.stderr)
        return 0
    stages = args.stages.split(",") if args.stages else None
    rows: list[tuple[str, str]] = [("articles", f"{args.articles:,} (first of the ANT corpus)"),
                                   ("workers", str(args.workers)), ("stages", args.stages or "all")]

    def first_articles() -> list[Article]:
        return [a for a in itertools.islice(read_articles([str(corpus)]), args.articles) if isinstance(a, Article)]

    if args.analysis_alone:
        documents = [a.document for a in first_articles()]
        started = time.perf_counter()
        for _ in Pipeline(stages).pipe(documents, n_process=args.workers):
            pass
        alone = time.perf_counter() - started
        rows.append(("analysis alone (Pipeline.pipe)", f"{alone:.1f} s, {len(documents) / alone:.2f} articles/s"))

    folder = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(folder.name) / "bench.db"
    started = time.perf_counter()
    with SQLiteStore(db) as store:
        workers = LocalWorkers(Pipeline(stages), args.workers)
        try:
            counts = ingest(store, itertools.islice(read_articles([str(corpus)]), args.articles), workers,
                            error=lambda message: print(message, file=sys.stderr), notice=lambda message: None)
            peaks = _worker_peaks()
        finally:
            workers.close()
        elapsed = time.perf_counter() - started
        stats = store.stats()
    stored = counts.added + counts.revised
    rows.append(("ingest", f"{elapsed:.1f} s, {stored / elapsed:.2f} articles/s ({counts.line()})"))
    if args.analysis_alone:
        rows.append(("store overhead", f"{(elapsed - alone) / alone:+.1%} of the analysis time"))
    rows.append(("peak RSS, writer", _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
    rows.append(("peak RSS, workers", ", ".join(_mb(kb) for kb in sorted(peaks, reverse=True)) or "-"))
    rows.append(("store size", f"{stats['bytes'] / 1e6:,.1f} MB, {stats['bytes'] / max(stats['articles'], 1) / 1e3:,.1f} kB"
                               " per article"))

    with SQLiteStore(args.queries_db or db) as store:
        searched = store.stats()["articles"]
        latencies = []
        found = 0
        for text in QUERIES:
            started = time.perf_counter()
            hits = store.search(SearchQuery(text, limit=20))
            for hit in hits:
                snippet_window(hit.text, hit.text_matches)
            latencies.append((time.perf_counter() - started) * 1000)
            found += len(hits)
    latencies.sort()
    rows.append((f"20 queries over {searched:,} articles",
                 f"p50 {statistics.median(latencies):.1f} ms, p95 {latencies[int(0.95 * len(latencies)) - 1]:.1f} ms,"
                 f" max {latencies[-1]:.1f} ms ({found} hits, top 20 each, with snippets)"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
