"""``isnad eval xdoc DIR``: events, claims, contradictions and first reports against the xdoc gold format.

The gold format is the one of ``shared/data/xdoc-dev/README.md``: one JSON file per event with its
articles, claims (mentions given by their ``surface``), contradictions and first reports.  The
articles of every file are pooled into one temporary store, analysed, grouped into events and
matched (:func:`isnad.matching.match`), then scored:

- links: pairs of mentions in different articles.  A system mention stands for the gold mention of
  its article that it overlaps most; a linked pair is right when both stand for mentions of one gold
  claim.  Precision over the system's pairs, recall over the gold pairs;
- contradictions: a flagged claim is right when at least half of its mentions stand for mentions of
  one contradicted gold claim; recall over the gold contradictions found by a right flagged claim;
  kind accuracy over those;
- first report: gold claims with a non-null first report and mentions in two articles or more; the
  system claim with most mentions standing for the gold claim's must name the same article;
- events: pairs of articles put in one event, precision/recall/F1 against the gold files.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isnad.evaluation.articles import Accuracy, Score


class GoldError(ValueError):
    """A gold directory or file that does not follow the format."""


@dataclass(frozen=True)
class GoldMention:
    article: str
    start: int
    end: int
    claim: str  # "<file stem>/<cid>"


@dataclass
class Gold:
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {text, outlet, published, url, event}
    mentions: dict[str, list[GoldMention]] = field(default_factory=lambda: defaultdict(list))  # by article
    claims: dict[str, list[GoldMention]] = field(default_factory=lambda: defaultdict(list))
    contradictions: list[tuple[frozenset[str], str]] = field(default_factory=list)  # (claims, kind)
    first_reports: dict[str, str] = field(default_factory=dict)  # claim -> article (non-null only)


def load_gold(directory: Path) -> Gold:
    files = sorted(directory.glob("*.json"))
    if not files:
        raise GoldError(f"{directory}: no gold event files (*.json)")
    gold = Gold()
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            _read_event(gold, path.stem, data)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
            raise GoldError(f"{path}: not an xdoc gold file ({type(err).__name__}: {err})") from None
    return gold


def _read_event(gold: Gold, event: str, data: dict[str, Any]) -> None:
    for article in data["articles"]:
        url = re.search(r"url=(\S+)", article.get("origin", ""))
        gold.articles[article["id"]] = {"id": article["id"], "text": article["text"], "outlet": article.get("outlet"),
                                        "published": article["published"], "url": url.group(1) if url else None,
                                        "event": event}
    for claim in data["claims"]:
        name = f"{event}/{claim['cid']}"
        for mention in claim["mentions"]:
            text = gold.articles[mention["article"]]["text"]
            start = text.find(mention["surface"])
            if start < 0:
                raise ValueError(f"{name}: surface not in {mention['article']}: {mention['surface']!r}")
            gm = GoldMention(mention["article"], start, start + len(mention["surface"]), name)
            gold.mentions[gm.article].append(gm)
            gold.claims[name].append(gm)
    for entry in data.get("contradictions", []):
        gold.contradictions.append((frozenset(f"{event}/{c}" for c in entry["claims"]), entry["kind"]))
    for cid, article in (data.get("first_report") or {}).items():
        if article:
            gold.first_reports[f"{event}/{cid}"] = article


def gold_mention(gold: Gold, article: str, start: int, end: int) -> GoldMention | None:
    """The gold mention of ``article`` that the span overlaps most (None: it overlaps none)."""
    best, overlap = None, 0
    for gm in gold.mentions.get(article, []):
        shared = min(end, gm.end) - max(start, gm.start)
        if shared > overlap:
            best, overlap = gm, shared
    return best


@dataclass
class XdocReport:
    links: Score = field(default_factory=Score)
    contradictions: Score = field(default_factory=Score)
    kinds: Accuracy = field(default_factory=Accuracy)
    first_report: Accuracy = field(default_factory=Accuracy)
    events: Score = field(default_factory=Score)
    system_claims: int = 0
    found_contradictions: int = 0  # gold contradictions found by a right flagged claim
    errors: list[dict[str, Any]] = field(default_factory=list)


def score_claims(gold: Gold, claims: Iterable[dict[str, Any]], report: XdocReport) -> None:
    """Score claims in the JSONL contract of ``isnad corpus claims`` (module docstring)."""
    gold_pairs = {frozenset((a, b)) for mentions in gold.claims.values()
                  for i, a in enumerate(mentions) for b in mentions[i + 1:] if a.article != b.article}
    found_pairs: set[frozenset[GoldMention]] = set()
    flagged_right: dict[frozenset[str], list[str]] = defaultdict(list)  # gold contradiction -> system kinds
    best_for_claim: dict[str, tuple[int, str | None]] = {}
    contradicted = {c: claims_ for claims_, _ in gold.contradictions for c in claims_}
    for claim in claims:
        report.system_claims += 1
        mapped = [gold_mention(gold, m["article"], m["start"], m["end"]) for m in claim["mentions"]]
        mentions = claim["mentions"]
        for i in range(len(mentions)):
            for j in range(i + 1, len(mentions)):
                if mentions[i]["article"] == mentions[j]["article"]:
                    continue
                report.links.system += 1
                a, b = mapped[i], mapped[j]
                if a is not None and b is not None and a.claim == b.claim and a.article != b.article:
                    report.links.tp += 1
                    found_pairs.add(frozenset((a, b)))
                else:
                    report.errors.append({"error": "wrong link", "claim": claim["claim"],
                                          "a": mentions[i]["text"], "b": mentions[j]["text"],
                                          "gold_a": a.claim if a else None, "gold_b": b.claim if b else None})
        per_gold = Counter(m.claim for m in mapped if m is not None)
        for name, count in per_gold.items():
            if count > best_for_claim.get(name, (0, None))[0]:
                best_for_claim[name] = (count, claim.get("first_report"))
        if claim.get("contradiction"):
            report.contradictions.system += 1
            top = per_gold.most_common(1)
            if top and 2 * top[0][1] >= len(mapped) and top[0][0] in contradicted:
                flagged_right[contradicted[top[0][0]]].append(claim["contradiction"]["kind"])
            else:
                report.errors.append({"error": "wrong contradiction", "claim": claim["claim"],
                                      "mentions": [m["text"] for m in mentions],
                                      "gold": top[0][0] if top else None, "reason": claim["contradiction"]["reason"]})
    report.links.gold += len(gold_pairs)
    report.links.tp = min(report.links.tp, report.links.system)
    report.contradictions.tp += sum(len(kinds) for kinds in flagged_right.values())
    report.contradictions.gold += len(gold.contradictions)
    found = 0
    for claims_, kind in gold.contradictions:
        kinds = flagged_right.get(claims_)
        if kinds:
            found += 1
            report.kinds.total += 1
            report.kinds.right += int(Counter(kinds).most_common(1)[0][0] == kind)
        else:
            report.errors.append({"error": "missed contradiction", "gold": sorted(claims_), "kind": kind})
    report.found_contradictions += found
    for name, article in gold.first_reports.items():
        if len({m.article for m in gold.claims[name]}) < 2:
            continue
        report.first_report.total += 1
        system = best_for_claim.get(name)
        right = system is not None and system[1] == article
        report.first_report.right += int(right)
        if not right:
            report.errors.append({"error": "first report", "gold": name, "expected": article,
                                  "system": system[1] if system else "(no claim)"})
    for pair in gold_pairs - found_pairs:
        a, b = sorted(pair, key=lambda m: (m.article, m.start))
        report.errors.append({"error": "missed link", "gold": a.claim,
                              "a": gold.articles[a.article]["text"][a.start:a.end],
                              "b": gold.articles[b.article]["text"][b.start:b.end]})


def score_events(gold: Gold, events: Iterable[dict[str, Any]], report: XdocReport) -> None:
    """Pairwise precision/recall over the gold articles put in one event."""
    system_event = {a: e["event"] for e in events for a in e["articles"] if a in gold.articles}
    ids = sorted(gold.articles)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            same_gold = gold.articles[a]["event"] == gold.articles[b]["event"]
            same_system = a in system_event and system_event.get(a) == system_event.get(b)
            report.events.gold += int(same_gold)
            report.events.system += int(same_system)
            report.events.tp += int(same_gold and same_system)


def contradiction_scores(report: XdocReport, gold_total: int) -> tuple[float, float, float]:
    precision = report.contradictions.tp / report.contradictions.system if report.contradictions.system else 0.0
    recall = report.found_contradictions / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def format_report(report: XdocReport) -> str:
    gold_total = report.contradictions.gold
    cp, cr, cf = contradiction_scores(report, gold_total)
    rows = [
        ("links (mention pairs)", report.links.precision, report.links.recall, report.links.f1,
         f"{report.links.tp} right of {report.links.system}, {report.links.gold} gold"),
        ("contradictions", cp, cr, cf,
         f"{report.contradictions.tp} right of {report.contradictions.system} flagged,"
         f" {report.found_contradictions} of {gold_total} found"),
        ("events (article pairs)", report.events.precision, report.events.recall, report.events.f1,
         f"{report.events.tp} right of {report.events.system}, {report.events.gold} gold"),
    ]
    lines = [f"{'':26} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{name:26} {p:6.3f} {r:6.3f} {f:6.3f}  {note}" for name, p, r, f, note in rows]
    lines.append(f"{'contradiction kind':26} {'':>6} {'':>6} {report.kinds.value:6.3f}  accuracy,"
                 f" {report.kinds.right} of {report.kinds.total} found contradictions")
    lines.append(f"{'first report':26} {'':>6} {'':>6} {report.first_report.value:6.3f}  accuracy,"
                 f" {report.first_report.right} of {report.first_report.total} gold claims")
    lines.append(f"{report.system_claims} system claims")
    return "\n".join(lines)


def gold_records(gold: Gold) -> list[dict[str, Any]]:
    """The gold articles as input records of ``isnad corpus add`` (the headline is the text's first line)."""
    return [{"id": a["id"], "text": a["text"], "outlet": a["outlet"], "published": a["published"], "url": a["url"],
             "title": a["text"].split("\n", 1)[0]} for a in gold.articles.values()]


def evaluate(directory: Path, *, workers: int = 1, store_path: Path | None = None) -> XdocReport:
    """Ingest the gold articles into a temporary store (or ``store_path``), match them and score."""
    from isnad.core.pipeline import Pipeline
    from isnad.corpus.ingest import LocalWorkers, ingest
    from isnad.corpus.sources import article_from_record
    from isnad.corpus.sqlite import SQLiteStore
    from isnad.matching import claims_json, events_json, match

    gold = load_gold(directory)
    report = XdocReport()
    with tempfile.TemporaryDirectory(prefix="isnad-xdoc-") as tmp:
        path = store_path or Path(tmp) / "xdoc.db"
        with SQLiteStore(path) as store:
            articles = [article_from_record(r, f"{directory}:{r['id']}") for r in gold_records(gold)]
            problems: list[str] = []
            workers_ = LocalWorkers(Pipeline(), workers)
            try:
                ingest(store, articles, workers_, error=problems.append, notice=lambda message: None)
            finally:
                workers_.close()
            if problems:
                raise GoldError("; ".join(problems))
            match(store)
            score_events(gold, events_json(store), report)
            score_claims(gold, claims_json(store), report)
    return report
