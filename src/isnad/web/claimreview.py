"""schema.org ClaimReview JSON-LD for published verdicts, its validation, and the exports.

A ClaimReview is built from the review itself — the claim's mentions as the reviewer saw them — so
what was published does not change when ``isnad corpus match`` later redraws the claim:

- ``claimReviewed``: the claim as the reviewer stated it (by default the first mention's wording);
- ``reviewRating``: ``alternateName`` (the verdict's label, «مضلل»), and on the scale
  :data:`~isnad.web.reviews.WORST_RATING`..:data:`~isnad.web.reviews.BEST_RATING` a ``ratingValue``
  (none for «غير قابل للتحقق», which is not a degree of truth);
- ``url``: the claim's shareable link in the app (anchored on its first mention, so it survives a
  re-match), ``author`` the reviewer, ``datePublished`` the day the verdict was published;
- ``itemReviewed``: a ``Claim`` with every ``appearance`` (each article: its URL at the outlet, else
  its page in the app; headline, date, outlet) and the ``firstAppearance``: the first report by the
  matcher's rule, else, on a tie, the earliest appearance in publication order.

:func:`problems` checks an object against those fields (the tests and the exports use it).
``export_claimreviews`` writes one JSON-LD object per line for every claim with a published verdict;
``export_claims_csv`` writes the claim table for spreadsheets (one row per mention).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import quote, urlsplit

from isnad.web.corpus import first_reporter
from isnad.web.reviews import BEST_RATING, WORST_RATING, Review, histories

CONTEXT = "https://schema.org"


def claim_path(article_id: str, start: int, end: int) -> str:
    """The app path of the claim holding this mention: a link that survives ``corpus match``."""
    return f"/claims/at/{start}-{end}/{quote(article_id, safe='')}"


def article_path(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL (a ``javascript:`` or relative one from an article is never a link)."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def claimreview(db: sqlite3.Connection, review: Review, base_url: str) -> dict[str, Any]:
    """The ClaimReview JSON-LD of one verdict; ``base_url`` is the app's address (``http://host:port``)."""
    base = base_url.rstrip("/")
    order = list(dict.fromkeys(article for article, _, _, _ in review.mentions))
    rows = {r["id"]: r for r in db.execute(
        "SELECT id, outlet, url, published, published_date, published_utc, title, lang FROM articles"
        f" WHERE id IN ({','.join('?' * len(order))})", order)} if order else {}
    present = [a for a in order if a in rows]
    appearances = {a: _appearance(rows[a], base) for a in present}
    first = first_reporter(rows[a] for a in present) or (present[0] if present else None)
    article, start, end, text = review.mentions[0]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": review.rating_label}
    if review.scale.value is not None:
        rating.update(ratingValue=review.scale.value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    item: dict[str, Any] = {"@type": "Claim", "appearance": list(appearances.values())}
    if first is not None:
        item["firstAppearance"] = appearances[first]
        if rows[first]["published_date"]:
            item["datePublished"] = rows[first]["published_date"]
    lang = rows[article]["lang"] if article in rows else None
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": base + claim_path(article, start, end),
        "claimReviewed": review.claim_reviewed,
        "reviewRating": rating,
        "reviewBody": review.explanation,
        "author": {"@type": "Person", "name": review.reviewer},
        "datePublished": review.date,
        "itemReviewed": item,
    }
    if lang:
        result["inLanguage"] = lang
    return result


def _appearance(row: sqlite3.Row, base: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork",
                            "url": row["url"] if is_web_url(row["url"]) else base + article_path(row["id"])}
    if row["title"]:
        work["headline"] = row["title"]
    if row["published"]:
        work["datePublished"] = row["published"]
    if row["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": row["outlet"]}
    return work


def problems(obj: Any) -> list[str]:
    """What a ClaimReview object lacks of the fields this app promises (empty: valid)."""
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    found = []
    if obj.get("@context") not in (CONTEXT, CONTEXT + "/", "http://schema.org"):
        found.append("@context is not schema.org")
    if obj.get("@type") != "ClaimReview":
        found.append("@type is not ClaimReview")
    if not _text(obj.get("claimReviewed")):
        found.append("claimReviewed: missing or empty")
    if not is_web_url(obj.get("url")):
        found.append("url: not an absolute http(s) URL")
    author = obj.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Person", "Organization") or not _text(author.get("name")):
        found.append("author: needs @type Person or Organization and a name")
    if not _date(obj.get("datePublished")):
        found.append("datePublished: not an ISO 8601 date")
    rating = obj.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        found.append("reviewRating: needs @type Rating")
    else:
        if not _text(rating.get("alternateName")):
            found.append("reviewRating.alternateName: missing or empty")
        if "ratingValue" in rating:
            best, worst, value = rating.get("bestRating"), rating.get("worstRating"), rating.get("ratingValue")
            if not all(isinstance(v, int | float) for v in (best, worst, value)) or not worst <= value <= best:
                found.append("reviewRating: ratingValue must lie between worstRating and bestRating")
    item = obj.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        found.append("itemReviewed: needs @type Claim")
        return found
    appearances = item.get("appearance")
    if not isinstance(appearances, list) or not appearances:
        found.append("itemReviewed.appearance: needs at least one appearance")
        appearances = []
    urls = []
    for n, work in enumerate(appearances):
        if not isinstance(work, dict) or not is_web_url(work.get("url")):
            found.append(f"itemReviewed.appearance[{n}]: needs an absolute http(s) url")
        else:
            urls.append(work["url"])
    first = item.get("firstAppearance")
    if not isinstance(first, dict) or first.get("url") not in urls:
        found.append("itemReviewed.firstAppearance: must be one of the appearances")
    return found


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------- exports
def published_claimreviews(db: sqlite3.Connection, base_url: str) -> Iterator[dict[str, Any]]:
    """The ClaimReview of the latest published verdict of every claim (detached ones included)."""
    for history in sorted(histories(db), key=lambda h: h.reviews[0].id):
        if history.published is not None:
            yield claimreview(db, history.published, base_url)


def export_claimreviews(db: sqlite3.Connection, out: IO[str], base_url: str) -> int:
    """Write the published ClaimReviews as JSON Lines; how many."""
    written = 0
    for obj in published_claimreviews(db, base_url):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        written += 1
    return written


CSV_COLUMNS = ("claim", "link", "event", "label", "review_status", "rating", "contradiction", "contradiction_reason",
               "first_report", "position", "article", "outlet", "published", "article_url", "start", "end", "text",
               "value", "low", "high", "unit", "source", "flagged")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A spreadsheet cell: text that a spreadsheet would run as a formula is quoted with a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return "" if value is None else value


def export_claims_csv(db: sqlite3.Connection, out: IO[str], base_url: str, event_id: int | None = None) -> int:
    """Write the claim table (one row per mention, claims in event order) as UTF-8 CSV; how many claims."""
    by_claim = {h.claim_id: h for h in histories(db) if h.claim_id is not None}
    base = base_url.rstrip("/")
    out.write("\ufeff")  # the byte-order mark tells spreadsheet programs the file is UTF-8 (Arabic text)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    claims = db.execute(
        "SELECT id, event_id, label, first_report, contradiction, contradiction_reason, contradiction_mentions"
        f" FROM event_claims {'WHERE event_id = ?' if event_id is not None else ''}"
        " ORDER BY event_id, contradiction IS NULL, articles DESC, id", () if event_id is None else (event_id,)).fetchall()
    for c in claims:
        history = by_claim.get(c["id"])
        flagged = set(json.loads(c["contradiction_mentions"])) if c["contradiction_mentions"] else set()
        mentions = db.execute(
            "SELECT m.position, m.article_id, m.start, m.end, m.text, m.value, m.low, m.high, m.unit, m.source,"
            " a.outlet, a.published, a.url FROM claim_mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE m.claim_id = ? ORDER BY m.position", (c["id"],)).fetchall()
        if not mentions:
            continue
        link = base + claim_path(mentions[0]["article_id"], mentions[0]["start"], mentions[0]["end"])
        for m in mentions:
            writer.writerow([_cell(v) for v in (
                c["id"], link, c["event_id"], c["label"], history.status if history else "new",
                history.published.rating_label if history and history.published else None, c["contradiction"],
                c["contradiction_reason"], c["first_report"], m["position"], m["article_id"], m["outlet"],
                m["published"], m["url"], m["start"], m["end"], m["text"], m["value"], m["low"], m["high"], m["unit"],
                m["source"], "yes" if m["position"] in flagged else "")])
    return len(claims)


__all__ = ["article_path", "claim_path", "claimreview", "export_claimreviews", "export_claims_csv",
           "is_web_url", "problems", "published_claimreviews"]
