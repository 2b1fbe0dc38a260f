"""Throughput, memory, start-up and length scaling of the isnad pipeline, beside dateparser (``make bench``).

One run prints one table.  The texts are the Arabic dev articles (``DATA/articles-dev/*.json``, the
bundled example when they are absent), repeated until at least ``--min-chars`` characters (Python
``str`` length).  Each measurement runs in its own process, one after the other, so that neither
library's memory or caches colour the other's:

- isnad: the default pipeline, loaded and warmed up first (start-up is measured apart), then every
  text once per round; articles/s (by wall and by CPU time), characters/s, seconds per stage, peak
  RSS of that process;
- dateparser: ``dateparser.search.search_dates(text, languages=['ar'])`` over the same texts, the
  date search alone that isnad's whole analysis is compared with (the ratio);
- start-up: wall time of ``isnad analyze`` on a short file in a fresh process (best of three);
- length scaling: texts of about 1k, 4k, 16k and 64k characters made of whole dev paragraphs; the
  time per 1,000 characters should stay flat if the cost is linear in the length.

Workers pin BLAS to one thread (as ``isnad analyze --workers`` and the corpus ingest do).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-flood-relief.txt"
LENGTHS = (1_000, 4_000, 16_000, 64_000)


def load_texts(data: Path) -> tuple[list[dict], str]:
    """The Arabic dev articles as ``{"id", "text", "published"}``, or the bundled example; plus a line saying which."""
    files = sorted((data / "articles-dev").glob("*.json"))
    docs = []
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("lang", "ar") == "ar":
            docs.append({"id": record["id"], "text": record["text"], "published": (record.get("published") or "")[:10]})
    if docs:
        return docs, f"texts: {len(docs)} Arabic dev articles from {data / 'articles-dev'}"
    text = EXAMPLE.read_text(encoding="utf-8")
    return ([{"id": EXAMPLE.stem, "text": text, "published": "2024-12-07"}],
            f"texts: {data / 'articles-dev'} not found; the bundled example {EXAMPLE.name} instead")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rounds(docs: list, min_chars: int, text=lambda d: d["text"]) -> list:
    """The documents repeated until they hold at least ``min_chars`` characters."""
    out: list = []
    chars = 0
    while chars < min_chars:
        for d in docs:
            out.append(d)
            chars += len(text(d))
    return out


def scaled_texts(docs: list[dict]) -> list[tuple[int, str]]:
    """One text per target length, of whole paragraphs of the dev articles (cycled)."""
    paragraphs = [p for d in docs for p in d["text"].split("\n") if p.strip()]
    out = []
    for target in LENGTHS:
        parts: list[str] = []
        size = i = 0
        while size < target:
            parts.append(paragraphs[i % len(paragraphs)])
            size += len(parts[-1]) + 1
            i += 1
        out.append((target, "\n".join(parts)))
    return out


# ---------------------------------------------------------------- measurements (child processes)


def measure_isnad(docs: list[dict], min_chars: int, scale: bool = True) -> dict:
    from isnad.core.pipeline import Pipeline, pin_blas_threads
    from isnad.model import Document

    pin_blas_threads()
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    pipeline = Pipeline().warm_up()
    load = time.perf_counter() - t0
    documents = [Document(id=d["id"], text=d["text"], lang="ar",
                          published=dt.date.fromisoformat(d["published"]) if d["published"] else None)
                 for d in docs]
    work = rounds(documents, min_chars, lambda d: d.text)
    pipeline(work[0])
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)
    t0, c0 = time.perf_counter(), time.process_time()
    for document in work:
        pipeline(document)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    stages = dict(pipeline.timings)
    scaling = []
    for target, text in scaled_texts(docs) if scale else ():
        document = Document(id=f"len-{target}", text=text, lang="ar", published=dt.date(2018, 6, 1))
        n = 0
        t0 = time.perf_counter()
        while n == 0 or time.perf_counter() - t0 < 1.0:
            pipeline(document)
            n += 1
        scaling.append({"target": target, "chars": len(text), "seconds": (time.perf_counter() - t0) / n})
    return {"articles": len(work), "chars": sum(len(d.text) for d in work), "seconds": seconds, "cpu": cpu,
            "stages": stages,
            "load": load, "rss": peak_rss_mb(), "rss_before": rss_before, "scaling": scaling}


def measure_dateparser(docs: list[dict], min_chars: int) -> dict:
    from dateparser.search import search_dates

    work = rounds(docs, min_chars)
    search_dates(work[0]["text"], languages=["ar"])  # loads its language data
    t0, c0 = time.perf_counter(), time.process_time()
    for d in work:
        search_dates(d["text"], languages=["ar"])
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"articles": len(work), "chars": sum(len(d["text"]) for d in work), "seconds": seconds, "cpu": cpu,
            "rss": peak_rss_mb()}


def measure_startup() -> float:
    """Best of three: ``isnad analyze`` on a short Arabic file in a fresh process, wall seconds."""
    isnad = Path(sys.executable).with_name("isnad")
    command = [str(isnad)] if isnad.exists() else [sys.executable, "-m", "isnad.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text("قال وزير الخارجية يوم الاثنين إن 1,200 شخص نزحوا من حلب، بحسب الأمم المتحدة.\n", "utf-8")
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([*command, "analyze", str(short)], check=True, capture_output=True)
            best = min(best, time.perf_counter() - t0)
    return best


def child(kind: str, data: Path, min_chars: int, scale: bool = False) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run([sys.executable, __file__, "--data", str(data), "--min-chars", str(min_chars),
                          "--measure", kind, *(["--scale"] if scale else [])],
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def interleaved(data: Path, min_chars: int, slices: int) -> tuple[dict, dict]:
    """isnad and dateparser measured in alternating slices of the work, summed.

    A shared machine's speed drifts by tens of percent within a minute (other tenants, frequency), and
    CPU time drifts with it; alternating slices exposes both sides to the same drift, so the ratio holds
    even where the absolute rates do not.
    """
    runs: dict[str, list[dict]] = {"isnad": [], "dateparser": []}
    for k in range(slices):
        for kind in runs:
            runs[kind].append(child(kind, data, min_chars // slices, scale=(kind == "isnad" and k == 0)))
    merged = {}
    for kind, parts in runs.items():
        total = dict(parts[0])
        for key in ("articles", "chars", "seconds", "cpu"):
            total[key] = sum(p[key] for p in parts)
        total["rss"] = max(p["rss"] for p in parts)
        total["slices"] = [p["articles"] / p["seconds"] for p in parts]
        if kind == "isnad":
            total["stages"] = {name: sum(p["stages"][name] for p in parts) for name in parts[0]["stages"]}
        merged[kind] = total
    return merged["isnad"], merged["dateparser"]


# ---------------------------------------------------------------- report


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data", help="shared data directory")
    parser.add_argument("--min-chars", type=int, default=1_000_000, help="process at least this many characters")
    parser.add_argument("--slices", type=int, default=4,
                        help="alternate isnad and dateparser this many times (each does min-chars / slices)")
    parser.add_argument("--measure", choices=["isnad", "dateparser"], help=argparse.SUPPRESS)
    parser.add_argument("--scale", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    docs, source = load_texts(args.data)
    if args.measure == "isnad":
        print(json.dumps(measure_isnad(docs, args.min_chars, scale=args.scale)))
        return 0
    if args.measure == "dateparser":
        print(json.dumps(measure_dateparser(docs, args.min_chars)))
        return 0

    print(source)
    print(f"at least {args.min_chars:,} characters per measurement, in {args.slices} alternating slices; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    isnad, dateparser = interleaved(args.data, args.min_chars, max(1, args.slices))
    startup = measure_startup()
    i_rate = isnad["articles"] / isnad["seconds"]
    d_rate = dateparser["articles"] / dateparser["seconds"]
    print()
    rows = [("", "articles", "characters", "seconds", "articles/s", "chars/s", "CPU s", "articles/CPU s",
             "peak RSS MB")]
    for name, run in (("isnad (whole analysis)", isnad), ("dateparser search_dates", dateparser)):
        rows.append((name, f"{run['articles']:,}", f"{run['chars']:,}", f"{run['seconds']:.2f}",
                     f"{run['articles'] / run['seconds']:.1f}", f"{run['chars'] / run['seconds']:,.0f}",
                     f"{run['cpu']:.2f}", f"{run['articles'] / run['cpu']:.1f}", f"{run['rss']:.0f}"))
    print(table(rows))
    print()
    cpu_ratio = (isnad["articles"] / isnad["cpu"]) / (dateparser["articles"] / dateparser["cpu"])
    print(f"ratio isnad / dateparser (articles/s): {i_rate / d_rate:.3f} by wall time, {cpu_ratio:.3f} by CPU time")
    slices = ", ".join(f"{i / d:.2f}" for i, d in zip(isnad["slices"], dateparser["slices"], strict=True))
    print(f"ratio per slice: {slices} (their spread is the machine's drift)")
    print(f"start-up: `isnad analyze` on a short file {startup:.2f} s wall; "
          f"pipeline load + warm-up in-process {isnad['load']:.2f} s")
    print(f"peak RSS of the isnad process: {isnad['rss']:.0f} MB (interpreter and imports before the pipeline: "
          f"{isnad['rss_before']:.0f} MB)")
    print()
    total = sum(isnad["stages"].values()) or 1.0
    rows = [("stage", "seconds", "share", "ms/article")]
    for name, spent in isnad["stages"].items():
        rows.append((name, f"{spent:.2f}", f"{100 * spent / total:.1f}%", f"{1000 * spent / isnad['articles']:.2f}"))
    rows.append(("(all)", f"{total:.2f}", "100.0%", f"{1000 * total / isnad['articles']:.2f}"))
    print(table(rows))
    print("text = building the Doc: language id, folding, sentences")
    print()
    rows = [("length (target)", "characters", "ms per text", "ms per 1,000 chars")]
    for row in isnad["scaling"]:
        rows.append((f"{row['target']:,}", f"{row['chars']:,}", f"{1000 * row['seconds']:.1f}",
                     f"{1_000_000 * row['seconds'] / row['chars']:.2f}"))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
