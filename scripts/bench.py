"""Throughput and peak memory of the isnad pipeline (``make bench``).

Analyses the dev articles (``DATA/articles-dev/*.json``) with one Pipeline, repeating the set until at
least ``--min-chars`` characters (Python ``str`` length, default 2,000,000) have been processed, and
prints articles/s, characters/s, the time spent in each stage and the peak resident memory.  Without
the data directory it falls back to the bundled example article and says so.  ``--stages`` runs a
subset of the stages (for before/after comparisons of one component).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

from isnad.core.pipeline import STAGES, Pipeline
from isnad.model import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-flood-relief.txt"


def load_documents(data: Path) -> tuple[list[Document], str]:
    """The dev articles, or the bundled example when they are absent; plus a line saying which."""
    files = sorted((data / "articles-dev").glob("*.json"))
    if files:
        docs = []
        for path in files:
            record = json.loads(path.read_text(encoding="utf-8"))
            published = record.get("published")
            docs.append(Document(
                id=record["id"], text=record["text"], lang=record.get("lang"),
                published=dt.date.fromisoformat(published[:10]) if published else None,
            ))
        return docs, f"corpus: {len(docs)} dev articles from {data / 'articles-dev'}"
    doc = Document(id=EXAMPLE.stem, text=EXAMPLE.read_text(encoding="utf-8"), published=dt.date(2024, 12, 7))
    return [doc], f"corpus: {data / 'articles-dev'} not found; using the bundled example {EXAMPLE.name} instead"


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    names = [name for name, _ in STAGES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data", help="shared data directory")
    parser.add_argument("--min-chars", type=int, default=2_000_000, help="process at least this many characters")
    parser.add_argument("--stages", help=f"comma-separated subset of: {','.join(names)} (default: all)")
    args = parser.parse_args(argv)

    stages = None
    if args.stages is not None:
        stages = [s.strip() for s in args.stages.split(",") if s.strip()]
        unknown = sorted(set(stages) - set(names))
        if unknown:
            parser.error(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(names)}")

    docs, corpus = load_documents(args.data)
    print(corpus)
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    pipeline = Pipeline(stages=stages, options={"kb_paths": []})
    pipeline(docs[0])  # warm-up: loads lexicons and models, timed separately
    load_seconds = time.perf_counter() - t0
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)

    articles = chars = rounds = 0
    t0 = time.perf_counter()
    while chars < args.min_chars:
        for doc in docs:
            pipeline(doc)
            articles += 1
            chars += len(doc.text)
        rounds += 1
    seconds = time.perf_counter() - t0

    stage_list = ", ".join(name for name in pipeline.timings if name != "text") or "none"
    print(f"stages: {stage_list}")
    print(f"repeated the corpus {rounds} times; characters are Python str length (code points)")
    print()
    rows = [
        ("articles", f"{articles:,}"),
        ("characters", f"{chars:,}"),
        ("seconds", f"{seconds:.2f}"),
        ("articles/s", f"{articles / seconds:,.1f}"),
        ("characters/s", f"{chars / seconds:,.0f}"),
        ("start-up (load + first article), s", f"{load_seconds:.2f}"),
        ("peak RSS, MB", f"{peak_rss_mb():.1f}  (before the pipeline: {rss_before:.1f})"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print()
    total = sum(pipeline.timings.values()) or 1.0
    print(f"{'stage':<12} {'seconds':>8} {'share':>7}")
    for name, spent in pipeline.timings.items():
        print(f"{name:<12} {spent:>8.2f} {100 * spent / total:>6.1f}%")
    print(f"{'(all)':<12} {total:>8.2f} {100.0:>6.1f}%")
    print("text = language id, normalisation and sentence splitting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
