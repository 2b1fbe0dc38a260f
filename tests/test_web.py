"""The newsroom app (isnad.web) through the ASGI test client: every route, every error path, the
review workflow, ClaimReview, the exports and the safety measures.  The store is a real SQLite file
made by the real ingest, pipeline and matcher (tests/web_store.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from isnad.cli import main
from isnad.web import reviews
from isnad.web.app import create_app
from isnad.web.claimreview import problems
from isnad.web.security import CSP
from web_store import HOSTILE_OUTLET, HOSTILE_TITLE, LATE_REPORT, add_and_match

BASE = "http://127.0.0.1:8000"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
HOSTILE_ID = "evil/blast?x=1#y"


@pytest.fixture
def store(web_store_template: Path, tmp_path: Path) -> Path:
    """A copy of the test store that a test may write to."""
    return Path(shutil.copy(web_store_template, tmp_path / "store.db"))


@pytest.fixture
def client(store: Path) -> TestClient:
    return TestClient(create_app(store), base_url=BASE)


@pytest.fixture(scope="module")
def reader(web_store_template: Path) -> TestClient:
    """A client on the shared store, for pages that only read."""
    return TestClient(create_app(web_store_template), base_url=BASE)


class Tags(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def inert(page: str) -> list[str]:
    """What would make a page unsafe: a script, an event handler, a javascript: link, a raw bidi control."""
    found = []
    for tag, attrs in Tags(page).tags:
        if tag in ("script", "iframe", "object", "embed", "img"):
            found.append(f"<{tag}>")
        found += [f"<{tag} {name}>" for name in attrs if name.startswith("on") or name == "style"]
        found += [f"<{tag} {name}={value}>" for name, value in attrs.items()
                  if name in ("href", "src", "action") and value and not value.startswith(("/", "#", "http://", "https://"))]
    found += [f"raw U+{ord(c):04X}" for c in BIDI if c in page]
    return found


def claim_with(store: Path, contradiction: str | None) -> int:
    """The id of the test event's first claim with this kind of contradiction (None: an agreeing one)."""
    [(claim_id,)] = sqlite3.connect(store).execute(
        "SELECT min(id) FROM event_claims WHERE event_id = 1 AND contradiction IS ?", (contradiction,)).fetchall()
    assert claim_id is not None, f"no {contradiction!r} claim in event 1"
    return claim_id


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def review(client: TestClient, claim_id: int, **fields: str) -> object:
    token = csrf(client.get(f"/claims/{claim_id}").text)
    form = {"csrf": token, "rating": "misleading", "explanation": "الحصيلة ارتفعت لاحقاً إلى 20 قتيلاً.",
            "reviewer": "ليلى", "action": "draft", **fields}
    return client.post(f"/claims/{claim_id}/review", data=form, follow_redirects=False)


# ---------------------------------------------------------------------- pages
def test_front_page_counts_the_store_and_lists_contradictions(reader: TestClient) -> None:
    response = reader.get("/")
    assert response.status_code == 200
    page = response.text
    assert "<b>4</b> articles" in page and "update" in page
    assert '<html lang="en" dir="ltr">' in page


def test_arabic_search_folds_highlights_and_counts_outlets(reader: TestClient) -> None:
    page = reader.get("/search", params={"q": "الأنقاض"}).text  # «أنقاض» in the text: folded, stemmed
    assert "3 articles" in page
    assert "<mark>أنقاض</mark>" in page
    hits = Tags(page).find("li", **{"class": "hit"})
    assert {h["dir"] for h in hits} == {"rtl"} and {h["lang"] for h in hits} == {"ar"}
    assert ">BBC Arabic</bdi></a> <span class=\"count\">1</span>" in page


@pytest.mark.parametrize(("params", "count"), [
    ({"q": "المرصد", "outlet": "BBC Arabic"}, 1),
    ({"q": "المرصد", "since": "2018-08-13"}, 1),
    ({"q": "المرصد", "until": "2018-08-12"}, 2),
    ({"q": "المرصد", "entity": "org:sohr"}, 3),
    ({"q": "المرصد", "contradictions": "1"}, 3),
    ({"figures": "1"}, 4),  # browsing without words: the newest articles
    ({"q": "Kerala", "figures": "1"}, 1),
    ({"q": "Kerala", "contradictions": "1"}, 0),
])
def test_search_facets_narrow_the_results(reader: TestClient, params: dict, count: int) -> None:
    page = reader.get("/search", params=params).text
    assert f"{count} article{'s' if count != 1 else ''}" in page


def test_arabic_article_page_is_the_report_view_right_to_left_with_its_events_and_claims(reader: TestClient) -> None:
    page = reader.get("/articles/bbc-blast").text
    [section] = Tags(page).find("section", **{"class": "doc"})
    assert (section["dir"], section["lang"]) == ("rtl", "ar")
    assert re.search(r'class="[^"]*k-quote', page) and re.search(r'class="[^"]*k-quantity', page)  # spans by kind
    assert 'href="/events/1"' in page and re.search(r'href="/claims/\d+"', page)
    assert 'href="/entities/org%3Asohr"' in page  # the report's entity ids link to the entity pages
    assert 'href="https://www.bbc.example/arabic/blast" rel="noopener noreferrer nofollow"' in page


def test_english_article_reads_left_to_right(reader: TestClient) -> None:
    [section] = Tags(reader.get("/articles/en-floods").text).find("section", **{"class": "doc"})
    assert (section["dir"], section["lang"]) == ("ltr", "en")


def test_an_article_without_analysis_shows_its_text_and_why(store: Path, client: TestClient) -> None:
    with sqlite3.connect(store) as db:
        db.execute("UPDATE analyses SET analysis = NULL, error = 'the pipeline failed' WHERE article_id = ?",
                   (HOSTILE_ID,))
    page = client.get(f"/articles/{quote(HOSTILE_ID, safe='')}").text
    assert "No analysis to show: the pipeline failed" in page
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in page and inert(page) == []


def test_event_page_has_the_timeline_by_outlet_and_the_first_report(reader: TestClient) -> None:
    page = reader.get("/events/1").text
    assert "First report:" in page and "<b><bdi>BBC Arabic</bdi></b>" in page
    timeline = page.split('<ol class="timeline">', 1)[1]
    assert timeline.index("bbc-blast") < timeline.index("sky-blast")
    assert 'href="/claims.csv?event=1"' in page


def test_claim_page_sets_mentions_side_by_side_with_contradiction_and_order(reader: TestClient,
                                                                           web_store_template: Path) -> None:
    claim_id = claim_with(web_store_template, "update")
    page = reader.get(f"/claims/{claim_id}").text
    assert 'class="tag kind-update">update</span>' in page and "a later or revised figure" in page
    cards = page.count('<article class="mention')
    assert cards == 4
    assert "20 person" in page and "12 person" in page  # each outlet's figure
    assert "Syrian Observatory for Human Rights" in page  # the credited source
    assert "2018-08-13T09:00:00+00:00" in page  # the time
    assert re.search(r"First report:\s*<b><bdi>BBC Arabic</bdi></b>", page)
    assert re.search(r"Order: <bdi>BBC Arabic</bdi> <span[^>]*>2018-08-12T10:00:00\+00:00</span> → .*Evil.*"
                     r"→ <bdi>Sky News Arabia</bdi>", page, re.S)
    assert '<span class="status s-new">new</span>' in page


def test_entity_page_lists_what_it_is_quoted_saying_by_date(reader: TestClient) -> None:
    page = reader.get("/entities/org:sohr").text
    quotes = page.split('<ol class="quotes">', 1)[1].split("</ol>", 1)[0]
    assert quotes.count("<li>") == 6
    dates = re.findall(r"<span>(2018-[^<]+)</span>", quotes)
    assert dates == sorted(dates)


def test_static_assets_are_served_by_the_app(reader: TestClient) -> None:
    for path, kind in (("/static/app.css", "text/css"), ("/static/report.css", "text/css"),
                       ("/static/favicon.svg", "image/svg+xml")):
        response = reader.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
    assert "url(" not in reader.get("/static/app.css").text  # no font or image fetched from elsewhere


def test_claims_csv_for_spreadsheets(reader: TestClient) -> None:
    response = reader.get("/claims.csv", params={"event": 1})
    assert response.headers["content-disposition"] == 'attachment; filename="claims-event-1.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows and {r["event"] for r in rows} == {"1"}
    texts = {r["article"]: r for r in rows}
    assert texts[HOSTILE_ID]["outlet"] == HOSTILE_OUTLET


# ---------------------------------------------------------------------- errors
@pytest.mark.parametrize("path", ["/articles/nope", "/events/999", "/claims/999", "/claims/abc", "/entities/Q0",
                                  "/claims/at/1-2/nope", "/claims/999/claimreview.json", "/nowhere",
                                  "/claims.csv?event=999"])
def test_unknown_ids_are_a_404_page(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Not found" in response.text or "<h1>Claim not found" in response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(("path", "message"), [
    ("/search?since=2018-13-01", "is not a date"), ("/search?page=x", "is not a number"),
    ("/search?q=-word", "cannot start with an excluded word"), ("/claims.csv?event=x", "is not a number"),
    ("/reviews?status=done", "neither"),
])
def test_bad_parameters_are_a_400_page(reader: TestClient, path: str, message: str) -> None:
    response = reader.get(path)
    assert response.status_code == 400 and message in response.text


def test_a_missing_store_is_a_404_page_that_says_how_to_make_one(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    response = TestClient(create_app(missing), base_url=BASE).get("/")
    assert response.status_code == 404 and "isnad corpus add --db" in response.text
    assert not missing.exists()  # looking does not create it


def test_a_file_that_is_not_a_store_is_an_error_page(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite at all " * 100)
    response = TestClient(create_app(bad), base_url=BASE).get("/articles/x")
    assert response.status_code == 500 and "Not a store this app can read" in response.text


def test_an_internal_error_is_a_500_page_without_traceback(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from isnad.web import corpus

    def broken(db):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(corpus, "overview", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert "secret detail" not in response.text and "Traceback" not in response.text
    assert response.headers["content-security-policy"] == CSP


def test_a_get_on_the_review_route_is_a_405_page(reader: TestClient) -> None:
    response = reader.get("/claims/1/review")
    assert response.status_code == 405 and "<h1>Method not allowed" in response.text


# ---------------------------------------------------------------------- hostile text
def test_hostile_article_text_title_outlet_and_url_render_inert_on_every_page(reader: TestClient,
                                                                               web_store_template: Path) -> None:
    article = reader.get(f"/articles/{quote(HOSTILE_ID, safe='')}")
    assert article.status_code == 200
    claim_id = claim_with(web_store_template, "update")
    pages = [article.text, reader.get("/search", params={"q": "الزيتون"}).text, reader.get("/events/1").text,
             reader.get(f"/claims/{claim_id}").text, reader.get("/entities/org:sohr").text, reader.get("/").text]
    for page in pages:
        assert inert(page) == []
    assert "&lt;script&gt;alert(&#x27;x&#x27;)" in article.text or "&lt;script&gt;alert(&quot;x&quot;)" in article.text
    assert "⟨U+202E⟩" in article.text  # the bidi override is shown, not obeyed
    assert HOSTILE_TITLE not in article.text and HOSTILE_OUTLET not in pages[2]


# ---------------------------------------------------------------------- security
def test_every_response_has_the_security_headers(reader: TestClient) -> None:
    for path in ("/", "/claims/999", "/static/app.css"):
        headers = reader.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
    assert "script-src" not in CSP and "default-src 'none'" in CSP


def test_another_host_name_is_refused_when_listening_on_the_loopback(reader: TestClient) -> None:
    response = reader.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400 and "Unknown host" in response.text


def test_a_token_is_needed_beyond_the_loopback(store: Path) -> None:
    client = TestClient(create_app(store, token="s3cret", allowed_hosts=None), base_url="http://10.0.0.5:8000")
    assert client.get("/").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/", headers={"authorization": "Bearer s3cret"}).status_code == 200
    response = client.get("/search?q=x&token=s3cret", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/search?q=x"
    assert client.get("/").status_code == 200  # the cookie now carries it


def test_a_review_without_its_csrf_token_is_refused(client: TestClient, store: Path) -> None:
    claim_id = claim_with(store, "update")
    client.get(f"/claims/{claim_id}")  # the browser has its CSRF cookie
    response = client.post(f"/claims/{claim_id}/review", data={"rating": "false", "explanation": "x", "reviewer": "y",
                                                                "action": "publish", "csrf": "0" * 64})
    assert response.status_code == 403 and "Form refused" in response.text
    response = review(client, claim_id, action="publish")
    assert response.status_code == 303  # the same form with its token goes through
    other = TestClient(create_app(store), base_url=BASE)  # another browser: no cookie
    response = other.post(f"/claims/{claim_id}/review", data={"csrf": csrf(client.get(f"/claims/{claim_id}").text)})
    assert response.status_code == 403
    response = client.post(f"/claims/{claim_id}/review", headers={"origin": "https://attacker.example"},
                           data={"csrf": csrf(client.get(f"/claims/{claim_id}").text)})
    assert response.status_code == 403


def test_review_posts_must_be_small_url_encoded_forms(client: TestClient, store: Path) -> None:
    claim_id = claim_with(store, "update")
    assert client.post(f"/claims/{claim_id}/review", json={"rating": "false"}).status_code == 415
    assert client.post(f"/claims/{claim_id}/review", data={"explanation": "x" * 70000}).status_code == 413


# ---------------------------------------------------------------------- reviews
def test_review_workflow_draft_then_publish_with_history_and_claimreview(client: TestClient, store: Path) -> None:
    claim_id = claim_with(store, "update")
    assert client.get(f"/claims/{claim_id}/claimreview.json").status_code == 404  # nothing published yet
    response = review(client, claim_id)
    assert response.status_code == 303 and response.headers["location"].startswith(f"/claims/{claim_id}#review-")
    page = client.get(f"/claims/{claim_id}").text
    assert '<span class="status s-in-review">in review</span>' in page and "first verdict: مضلل (in review)" in page
    assert client.get(f"/claims/{claim_id}/claimreview.json").status_code == 404  # a draft is not published
    review(client, claim_id, rating="false", label="خاطئ: الحصيلة 20", action="publish", reviewer="سامر")
    page = client.get(f"/claims/{claim_id}").text
    assert '<span class="status s-published">published</span>' in page
    assert "rating مضلل → خاطئ: الحصيلة 20; status in review → published" in page
    response = client.get(f"/claims/{claim_id}/claimreview.json")
    assert response.headers["content-type"] == "application/ld+json"
    assert response.headers["content-disposition"] == f'attachment; filename="claimreview-{claim_id}.json"'
    obj = response.json()
    assert problems(obj) == []
    assert obj["reviewRating"] == {"@type": "Rating", "alternateName": "خاطئ: الحصيلة 20", "ratingValue": 1,
                                   "bestRating": 3, "worstRating": 1}
    assert obj["author"] == {"@type": "Person", "name": "سامر"}
    assert obj["claimReviewed"] == "مقتل 12 شخصا"
    appearances = [a["url"] for a in obj["itemReviewed"]["appearance"]]
    assert appearances == ["https://www.bbc.example/arabic/blast", f"{BASE}/articles/{quote(HOSTILE_ID, safe='')}",
                           "https://www.sky.example/blast-toll"]  # a javascript: address is never published
    assert obj["itemReviewed"]["firstAppearance"]["url"] == "https://www.bbc.example/arabic/blast"
    assert obj["url"].startswith(f"{BASE}/claims/at/")
    assert client.get(obj["url"], follow_redirects=False).headers["location"] == f"/claims/{claim_id}"
    listing = client.get("/reviews?status=published").text
    assert f'href="/claims/{claim_id}"' in listing and "2 entries" in listing
    assert client.get("/reviews?status=in+review").text.count("history-card") == 0


def test_a_review_with_missing_fields_is_not_saved_and_says_why(client: TestClient, store: Path) -> None:
    claim_id = claim_with(store, "update")
    response = review(client, claim_id, rating="maybe", reviewer=" ", explanation="")
    assert response.status_code == 400
    assert "rating: choose one of" in response.text and "reviewer: required" in response.text
    assert sqlite3.connect(store).execute("SELECT count(*) FROM claim_reviews").fetchone()[0] == 0


def test_reviews_are_append_only(client: TestClient, store: Path) -> None:
    review(client, claim_with(store, "update"))
    db = sqlite3.connect(store)
    for sql in ("UPDATE claim_reviews SET rating = 'true'", "DELETE FROM claim_reviews",
                "DELETE FROM claim_review_mentions"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)


def test_a_review_follows_its_claim_when_matching_rebuilds_the_event(client: TestClient, store: Path) -> None:
    claim_id = claim_with(store, "update")
    review(client, claim_id, action="publish")
    shared = client.get(f"/claims/{claim_id}/claimreview.json").json()["url"].removeprefix(BASE)
    add_and_match(store, [LATE_REPORT])  # a fourth outlet joins the event: its claims are rebuilt
    current = client.get(shared, follow_redirects=False).headers["location"]
    page = client.get(current).text
    assert '<span class="status s-published">published</span>' in page
    assert "This claim changed since it was last reviewed" in page and "2 mentions added, 0 removed" in page
    assert problems(client.get(f"{current}/claimreview.json").json()) == []
    [history] = reviews.histories(sqlite3.connect(store))
    assert f"/claims/{history.claim_id}" == current


def test_a_review_survives_new_claim_ids(client: TestClient, store: Path) -> None:
    """``corpus match`` deletes an event's claims and inserts them again: here under other ids."""
    claim_id = claim_with(store, "update")
    review(client, claim_id, action="publish")
    shared = client.get(f"/claims/{claim_id}/claimreview.json").json()["url"].removeprefix(BASE)
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("INSERT INTO event_claims SELECT id + 100, event_id, label, articles, first_report, contradiction,"
                   " contradiction_reason, contradiction_mentions FROM event_claims")
        db.execute("INSERT INTO claim_mentions SELECT claim_id + 100, position, article_id, start, end, text, value,"
                   " low, high, unit, source, item_id FROM claim_mentions")
        db.execute("DELETE FROM event_claims WHERE id < 100")
    assert client.get(f"/claims/{claim_id}").status_code == 404
    assert client.get(shared, follow_redirects=False).headers["location"] == f"/claims/{claim_id + 100}"
    page = client.get(f"/claims/{claim_id + 100}").text
    assert '<span class="status s-published">published</span>' in page and "changed since" not in page
    assert problems(client.get(f"/claims/{claim_id + 100}/claimreview.json").json()) == []
    assert f'href="/claims/{claim_id + 100}"' in client.get("/reviews").text


def test_claim_key_is_the_set_of_mentions() -> None:
    assert reviews.claim_key([("a", 1, 2), ("b", 3, 4)]) == reviews.claim_key([("b", 3, 4), ("a", 1, 2), ("a", 1, 2)])
    assert reviews.claim_key([("a", 1, 2)]) != reviews.claim_key([("a", 1, 3)])


def test_claimreview_validation_names_what_is_missing() -> None:
    assert problems([]) == ["not a JSON object"]
    found = problems({"@context": "https://schema.org", "@type": "ClaimReview", "url": "/relative",
                      "reviewRating": {"@type": "Rating", "ratingValue": 5, "bestRating": 3, "worstRating": 1},
                      "itemReviewed": {"@type": "Claim", "appearance": [{"url": "javascript:x"}]}})
    assert found == ["claimReviewed: missing or empty", "url: not an absolute http(s) URL",
                     "author: needs @type Person or Organization and a name", "datePublished: not an ISO 8601 date",
                     "reviewRating.alternateName: missing or empty",
                     "reviewRating: ratingValue must lie between worstRating and bestRating",
                     "itemReviewed.appearance[0]: needs an absolute http(s) url",
                     "itemReviewed.firstAppearance: must be one of the appearances"]


# ---------------------------------------------------------------------- command line
def test_export_claimreview_and_claims_from_the_command_line(client: TestClient, store: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    claim_id = claim_with(store, "update")
    review(client, claim_id, action="publish")
    review(client, claim_with(store, None), action="draft")  # a draft is not exported
    out = tmp_path / "reviews.jsonl"
    assert main(["corpus", "export", "claimreview", "--db", str(store), "-o", str(out),
                 "--base-url", "https://desk.example"]) == 0
    [line] = out.read_text(encoding="utf-8").splitlines()
    obj = json.loads(line)
    assert problems(obj) == [] and obj["url"].startswith("https://desk.example/claims/at/")
    assert "exported 1 published ClaimReview to" in capsys.readouterr().err
    table = tmp_path / "claims.csv"
    assert main(["corpus", "export", "claims", "--db", str(store), "-o", str(table), "--event", "1"]) == 0
    raw = table.read_text(encoding="utf-8")
    assert raw.startswith("\ufeffclaim,link,event,")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert {r["review_status"] for r in rows} == {"published", "in review", "new"}
    assert all(r["text"] == r["text"].lstrip("=+-@") or r["text"].startswith("'") for r in rows)


@pytest.mark.parametrize(("argv", "message"), [
    (["corpus", "export", "claimreview", "--db", "{missing}", "-o", "{out}"], "no store here"),
    (["corpus", "export", "claimreview", "--db", "{store}", "-o", "{out}", "--event", "1"], "--event applies to"),
    (["corpus", "export", "claims", "--db", "{store}", "-o", "{out}", "--event", "99"], "no event 99"),
    (["corpus", "export", "claims", "--db", "{store}", "-o", "/nonexistent/dir/x.csv"], "cannot write"),
    (["serve", "--db", "{notstore}"], "not an isnad store"),
])
def test_command_line_errors_exit_2_with_one_line(argv: list[str], message: str, store: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    notstore = tmp_path / "notstore.db"
    notstore.write_text("plain text, not SQLite " * 50)
    paths = {"missing": tmp_path / "missing.db", "out": tmp_path / "out.jsonl", "store": store, "notstore": notstore}
    assert main([a.format(**paths) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("isnad: error: ") and message in err and "Traceback" not in err


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--port", "70000"], "argument --port: not a port number (0 to 65535): '70000'"),
    (["serve", "--host", "no-such-host.invalid", "--port", "0"], "isnad: error: cannot listen on no-such-host.invalid:0"),
])
def test_serve_refuses_an_address_it_cannot_listen_on(argv: list[str], message: str, store: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    try:
        status = main([*argv, "--db", str(store)])
    except SystemExit as usage:  # argparse's own errors
        status = usage.code
    assert status == 2 and message in capsys.readouterr().err


def test_serve_refuses_a_port_in_use(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(store), "--port", str(port)]) == 2
    assert f"isnad: error: cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_serve_starts_on_a_missing_store_and_says_how_to_make_one(tmp_path: Path) -> None:
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    process = subprocess.Popen([sys.executable, "-m", "isnad.cli", "serve", "--db", str(tmp_path / "none.db"),
                                "--port", "0", "--log-level", "warning"], stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        warning = process.stderr.readline()
        assert warning.startswith("isnad: warning: no store at") and "isnad corpus add" in warning
        address = re.search(r"at (http://\S+/)", process.stderr.readline()).group(1)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(address, timeout=30)
        assert missing.value.code == 404 and "isnad corpus add --db" in missing.value.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert not (tmp_path / "none.db").exists()


def test_serve_beyond_the_loopback_prints_a_token_and_needs_it(store: Path) -> None:
    import http.cookiejar
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    process = subprocess.Popen([sys.executable, "-m", "isnad.cli", "serve", "--db", str(store), "--host", "0.0.0.0",
                                "--port", "0", "--log-level", "warning"], stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        found = re.search(r"at http://0\.0\.0\.0:(\d+)/\?token=(\S+) ", process.stderr.readline())
        assert found, "no address with a token"
        port, token = found.groups()
        assert "the pages need the token" in process.stderr.readline()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
        assert refused.value.code == 401
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(f"http://127.0.0.1:{port}/search?q=x&token={token}", timeout=30) as page:
            assert page.status == 200 and page.url == f"http://127.0.0.1:{port}/search?q=x"
        with browser.open(f"http://127.0.0.1:{port}/reviews", timeout=30) as page:
            assert page.status == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
