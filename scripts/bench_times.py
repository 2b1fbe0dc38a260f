"""Compare isnad's times stage with dateparser's ``search_dates`` on the gold articles.

Both systems see the same articles in one run and are scored with the project's own scorer
(:func:`isnad.evaluation.articles.score_article`: span overlap with a gold surface, then the ISO
value).  dateparser returns datetimes only, so its values are ISO dates and it can never get a
duration, month, year or range right; that is the point of the comparison.

    .venv/bin/python scripts/bench_times.py --data ../shared/data

dateparser is the optional ``bench`` extra (``pip install isnad[bench]``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

from isnad.core.pipeline import Pipeline
from isnad.evaluation.articles import Report, load_gold, score_article
from isnad.inputs import document_from_record
from isnad.model import Analysis, DocumentInfo, Time

REPO = Path(__file__).resolve().parent.parent


def isnad_times() -> Callable[[dict], list[Time]]:
    pipeline = Pipeline(stages=["times"])

    def run(gold: dict) -> list[Time]:
        record = {k: gold.get(k) for k in ("id", "text", "lang", "published")}
        return pipeline(document_from_record(record, gold["id"])).times

    return run


def dateparser_times() -> Callable[[dict], list[Time]]:
    from dateparser.search import search_dates

    def run(gold: dict) -> list[Time]:
        text = gold["text"]
        settings = {}
        if gold.get("published"):
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(gold["published"])
        found = search_dates(text, languages=["ar"], settings=settings) or []
        times, cursor = [], 0
        for surface, moment in found:
            start = text.find(surface, cursor)
            if start == -1:
                start = text.find(surface)
            if start == -1:
                continue
            cursor = start + len(surface)
            times.append(Time(start=start, end=cursor, text=surface, type="date", value=moment.date().isoformat()))
        return times

    return run


def bench(name: str, system: Callable[[dict], list[Time]], golds: list[dict]) -> tuple[str, Report, float]:
    report = Report()
    elapsed = 0.0
    for gold in golds:
        t0 = time.perf_counter()
        times = system(gold)
        elapsed += time.perf_counter() - t0
        info = DocumentInfo(id=gold["id"], lang=gold.get("lang"), published=gold.get("published"),
                            title=None, chars=len(gold["text"]))
        score_article(gold, Analysis(id=gold["id"], document=info, times=times), report)
    return name, report, len(golds) / elapsed if elapsed else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                        help="folder holding articles-dev/ (default: ../shared/data)")
    args = parser.parse_args(argv)
    directory = args.data / "articles-dev"
    if not directory.is_dir():
        print(f"skipped: {directory} not found (pass --data DIR holding articles-dev/)")
        return 0
    golds = load_gold(directory)
    systems = [("isnad", isnad_times)]
    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("dateparser not installed (pip install 'isnad[bench]'): benchmarking isnad alone", file=sys.stderr)
    else:
        systems.append(("dateparser", dateparser_times))
    rows = [bench(name, make(), golds) for name, make in systems]
    print(f"{len(golds)} articles from {directory}")
    print(f"{'system':<12} {'span P':>7} {'span R':>7} {'span F1':>8} {'value F1':>9} {'articles/s':>11}")
    for name, report, speed in rows:
        span, value = report.score("times"), report.score("times-value")
        print(f"{name:<12} {span.precision:7.3f} {span.recall:7.3f} {span.f1:8.3f} {value.f1:9.3f} {speed:11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
