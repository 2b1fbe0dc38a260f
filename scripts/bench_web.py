"""Page-render time of the newsroom app on a store: article, claim, event and search pages.

    python scripts/bench_web.py --db STORE [--samples 200] [--seed 1]

Requests go through the whole app in this process (Starlette's test client: routing, the store's
queries, templates, security headers), without a network between; the pages are the ones a desk
opens: random articles, random cross-outlet claims (the ones with most articles weigh no more),
random events, and 20 Arabic queries.  Prints p50/p95/max in milliseconds per kind of page.  The
store is only read (the review tables are created if missing).  Not a timed test.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

QUERIES = (
    "الأسد", "ترامب", "السعودية", "إيران", "كأس العالم", "النفط", "الحوثيين", "غزة", "اليمن",
    "صندوق النقد الدولي", "بوتين", "الانتخابات", "كوريا الشمالية", "اللاجئين", "أسعار الذهب", "ميسي",
    "الاتحاد الأوروبي", "إدلب", '"وزير الخارجية"', "القدس",
)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the store (an SQLite file made by isnad corpus add/match)")
    parser.add_argument("--samples", type=int, default=200, help="pages of each kind (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        print(f"bench_web: no store at {path}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

    from isnad.web.app import create_app
    from isnad.web.corpus import prepare_store

    prepare_store(path)
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    pick = random.Random(args.seed)

    def sample(sql: str) -> list:
        rows = [r[0] for r in db.execute(sql)]
        return pick.sample(rows, min(args.samples, len(rows)))

    pages = {
        "article": [f"/articles/{quote(i, safe='')}" for i in sample("SELECT id FROM articles")],
        "claim": [f"/claims/{i}" for i in sample("SELECT id FROM event_claims WHERE articles > 1")],
        "event": [f"/events/{i}" for i in sample("SELECT id FROM events WHERE articles > 1")],
        "search": [f"/search?q={quote(q)}" for q in QUERIES],
    }
    db.close()
    client = TestClient(create_app(path), base_url="http://127.0.0.1:8000")
    client.get("/")  # templates compiled, schema checked: not part of any page's time
    print(f"{path}: p50 / p95 / max render time in ms (whole request in process)")
    for kind, urls in pages.items():
        if not urls:
            print(f"  {kind:8} no page to open (run isnad corpus match?)")
            continue
        times, sizes = [], []
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            sizes.append(len(response.content))
            if response.status_code != 200:
                print(f"  {url}: status {response.status_code}", file=sys.stderr)
        print(f"  {kind:8} {len(urls):>4} pages  p50 {statistics.median(times):7.1f}  p95 {_percentile(times, 0.95):7.1f}"
              f"  max {max(times):7.1f}   median page {statistics.median(sizes) / 1024:,.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
