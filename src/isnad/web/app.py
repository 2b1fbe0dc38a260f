"""The newsroom app: an ASGI app (Starlette) of server-rendered pages (Jinja2), readable without script.

:func:`create_app` builds it on a store file.  The pages (stable routes, so links can be shared):

- ``/`` — search form and an overview (counts, latest contradictions, latest reviews);
- ``/search?q=…`` — the store's Arabic search with facets (outlet, dates, entity, has figures, has
  contradictions) and highlighted snippets; without words it lists the newest articles;
- ``/articles/{id}`` — the HTML report's view of the article (:func:`isnad.report.html.render_document`)
  with its events and cross-outlet claims;
- ``/events/{id}`` — the articles by outlet and in publication order, the first report, the claims;
- ``/claims/{id}`` — every mention side by side, agreement or contradiction, first report and order,
  the review history and form (``POST /claims/{id}/review``), ``/claims/{id}/claimreview.json``;
- ``/claims/at/{start}-{end}/{article}`` — the claim holding that mention now (the link to share:
  claim ids change when ``isnad corpus match`` rebuilds an event);
- ``/claims.csv`` — the claim table for spreadsheets; ``/entities/{id}`` — what a person or body is
  quoted as saying, by date; ``/reviews`` — every claim's review history.

Article text is hostile: the templates print every value through :func:`_shown` (escaped, control
and bidi characters shown as visible markers, in text and attribute values alike); the article body
is the report's own escaped markup.  A missing store or an unknown id is a 404 page; any other
failure a 500 page without a traceback (which goes to the server's log; :class:`~isnad.web.security.Guard`).
"""

from __future__ import annotations

import datetime as dt
import html
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import jinja2
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from isnad.model import Analysis, Document
from isnad.report.html import CSS as REPORT_CSS
from isnad.report.html import esc, render_document
from isnad.report.text import number, visible
from isnad.web import corpus, reviews
from isnad.web.claimreview import article_path, claim_path, claimreview, export_claims_csv, is_web_url
from isnad.web.security import LOOPBACK_HOSTS, Guard, csrf_problem, csrf_token

MAX_FORM_BYTES = 64 * 1024


class PageError(HTTPException):
    """An error page: a status, a title and a sentence saying what to do."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(status, message)
        self.title = title


@dataclass
class AppState:
    path: Path
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    prepared: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ensure_prepared(self) -> None:
        """Bring the store's schema up to date once, when the file first exists."""
        if not self.path.exists():
            raise PageError(404, "No store here",
                            f"There is no store at {self.path}. Create it with: isnad corpus add --db {self.path}"
                            f" ARTICLES.jsonl, then isnad corpus match --db {self.path}")
        with self.lock:
            if not self.prepared:
                try:
                    corpus.prepare_store(self.path)
                except corpus.StoreError as err:
                    raise PageError(500, "Not a store this app can read", str(err)) from None
                self.prepared = True

    @contextmanager
    def db(self, *, readonly: bool = True) -> Iterator[sqlite3.Connection]:
        self.ensure_prepared()
        try:
            connection = corpus.connect(self.path, readonly=readonly)
        except sqlite3.OperationalError as err:
            raise PageError(404, "No store here", f"Cannot open the store at {self.path}: {err}") from None
        try:
            yield connection
        finally:
            connection.close()


# ---------------------------------------------------------------------- templates
def _shown(value: Any) -> Any:
    """Every printed value: escaped, unsafe characters as visible markers (right in text and attributes)."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(visible(str(value), keep_newlines=True), quote=True))


def _marked(text: str | None, found: list[tuple[int, int]], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, the matched words in ``<mark>``, line breaks as spaces."""
    text = text or ""
    end = len(text) if end is None else end
    out, position = [], start
    for s, e in found:
        if s < position or e > end:
            continue
        out += [esc(text[position:s]), "<mark>", esc(text[s:e]), "</mark>"]
        position = e
    out.append(esc(text[position:end]))
    return Markup("".join(out).replace("\n", " "))


def _figure(value: float | None, low: float | None, high: float | None, unit: str | None) -> str:
    if value is not None:
        shown = number(value)
    elif low is not None and high is not None:
        shown = f"{number(low)}–{number(high)}"
    elif low is not None:
        shown = f"≥{number(low)}"
    else:
        return ""
    return f"{shown} {unit or ''}".strip()


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.PackageLoader("isnad.web", "templates"), autoescape=True,
                             finalize=_shown, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters.update(urlq=lambda v: quote(str(v), safe=""), marked=_marked, dir=corpus.direction)
    env.globals.update(article_path=article_path, claim_path=claim_path, is_web_url=is_web_url, figure=_figure,
                       RATINGS=reviews.RATINGS, urlencode=urlencode, number=number)
    return Jinja2Templates(env=env)


TEMPLATES = _templates()


def _page(request: Request, template: str, code: int = 200, /, **context: Any) -> Response:
    state: AppState = request.app.state.isnad
    context.setdefault("csrf", csrf_token(request, state.secret) if hasattr(request.state, "csrf_cookie") else "")
    return TEMPLATES.TemplateResponse(request, template, context, status_code=code)


async def error_page(request: Request, status: int, title: str, message: str) -> Response:
    return TEMPLATES.TemplateResponse(request, "error.html", {"status": status, "title": title, "message": message},
                                      status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if isinstance(exc, PageError):
        return await error_page(request, exc.status_code, exc.title, exc.detail)
    titles = {404: "Not found", 405: "Method not allowed", 400: "Bad request"}
    message = ("There is no page at this address." if exc.status_code == 404 else exc.detail)
    return await error_page(request, exc.status_code, titles.get(exc.status_code, "Error"), message)


def _not_found(what: str) -> PageError:
    return PageError(404, "Not found", f"There is no {what} in this store.")


# ---------------------------------------------------------------------- pages
def home(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    with state.db() as db:
        overview = corpus.overview(db)
        recent = reviews.histories(db)[:8]
        labels = _claim_labels(db, [h.claim_id for h in recent if h.claim_id is not None])
    return _page(request, "home.html", overview=overview, recent=recent, labels=labels, filters=corpus.Filters(),
                 outlets=overview["outlets"])


def _claim_labels(db: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {r[0]: r[1] for r in db.execute(
        f"SELECT id, label FROM event_claims WHERE id IN ({','.join('?' * len(ids))})", ids)}


def _date_param(request: Request, name: str) -> dt.date | None:
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PageError(400, "Bad date", f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def search_page(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    q = request.query_params
    try:
        page = max(1, int(q.get("page", "1")))
    except ValueError:
        raise PageError(400, "Bad page number", f"page: {q.get('page')!r} is not a number") from None
    filters = corpus.Filters(q.get("q", "")[:500], q.get("outlet") or None, _date_param(request, "since"),
                             _date_param(request, "until"), q.get("entity") or None, q.get("figures") == "1",
                             q.get("contradictions") == "1", page)
    with state.db() as db:
        result = corpus.search(db, filters)
        outlets = corpus.overview(db)["outlets"] if not result.outlets else result.outlets
        entity = corpus.entity_name(db, filters.entity) if filters.entity else None
    return _page(request, "search.html", 400 if result.error else 200, result=result, filters=filters,
                 outlets=outlets, entity=entity)


def _entity_href(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def article_page(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    article_id = request.path_params["article_id"]
    with state.db() as db:
        art = corpus.article(db, article_id)
        if art is None:
            raise _not_found(f"article {article_id!r}")
        analysis, error = corpus.analysis_json(db, art)
        events = corpus.article_events(db, article_id)
        claims = corpus.article_claims(db, article_id)
        earlier = corpus.revisions(db, article_id)
    report = None
    if analysis is not None:
        published = dt.date.fromisoformat(art["published_date"]) if art["published_date"] else None
        document = Document(id=art["id"], text=art["text"], lang=art["lang"], published=published, title=art["title"],
                            outlet=art["outlet"], url=art["url"], author=art["author"])
        report = Markup(render_document(document, Analysis.model_validate_json(analysis), 0, _entity_href))
    return _page(request, "article.html", art=art, report=report, error=error, events=events, claims=claims,
                 earlier=earlier, body=Markup(esc(art["text"])))


@contextmanager
def _found(request: Request, param: str, what: str, find: Callable[[sqlite3.Connection, str], Any]
           ) -> Iterator[tuple[sqlite3.Connection, str, Any]]:
    """The store, the path parameter ``param`` and what ``find`` finds for it; a 404 page when nothing."""
    state: AppState = request.app.state.isnad
    wanted = request.path_params[param]
    with state.db() as db:
        found = find(db, wanted)
        if found is None:
            raise _not_found(f"{what} {wanted!r}")
        yield db, wanted, found


def event_page(request: Request) -> Response:
    with _found(request, "event_id", "event", corpus.event) as (db, event_id, event):
        articles = corpus.event_articles(db, event_id)
        claims = corpus.event_claims(db, event_id)
        statuses = {h.claim_id: h.status for h in reviews.histories(db) if h.claim_id is not None}
    lanes: dict[str, list[sqlite3.Row]] = {}
    for art in articles:
        lanes.setdefault(art["outlet"] or "(no outlet)", []).append(art)
    outlet_of = {a["id"]: a["outlet"] or a["id"] for a in articles}
    return _page(request, "event.html", event=event, articles=articles, lanes=lanes, claims=claims,
                 first=corpus.first_reporter(articles), outlet_of=outlet_of, statuses=statuses)


def _claim_context(db: sqlite3.Connection, claim_id: int) -> dict[str, Any]:
    view = corpus.claim(db, claim_id)
    if view is None or not view.mentions:
        raise _not_found(f"claim {claim_id} (claim numbers change when isnad corpus match rebuilds an event;"
                         " use the claim's shareable link)")
    history = reviews.claim_reviews(db, claim_id)
    current = {m.key for m in view.mentions}
    changed = None
    if history and history[-1].keys != current:
        last = history[-1].keys
        changed = {"added": len(current - last), "removed": len(last - current), "date": history[-1].date}
    return {"claim": view, "history": list(reversed(history)), "status": reviews.status(history),
            "published": reviews.latest_published(history), "changed": changed,
            "outlet_of": {m.article_id: m.outlet or m.article_id for m in view.mentions}}


def claim_page(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    with state.db() as db:
        context = _claim_context(db, request.path_params["claim_id"])
    return _page(request, "claim.html", **context, problems=[], form={})


def claim_at(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    p = request.path_params
    with state.db() as db:
        claim_id = corpus.claim_at(db, p["article_id"], p["start"], p["end"])
    if claim_id is None:
        raise PageError(404, "Claim not found",
                        f"No claim in this store has a mention at {p['start']}–{p['end']} of article"
                        f" {p['article_id']!r} any more; its reviews are listed at /reviews.")
    return RedirectResponse(f"/claims/{claim_id}", status_code=302)


async def review_post(request: Request) -> Response:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise PageError(415, "Unsupported form", "Send the review form from the claim's page.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise PageError(413, "Form too large", f"A review is at most {MAX_FORM_BYTES // 1024} KB.")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise PageError(400, "Bad form", "The form could not be read; send it again from the claim's page.") from None
    form = {name: values[-1] for name, values in fields.items()}
    return await run_in_threadpool(_save_review, request, form)


def _save_review(request: Request, form: dict[str, str]) -> Response:
    state: AppState = request.app.state.isnad
    problem = csrf_problem(request, state.secret, form.get("csrf", ""))
    if problem:
        raise PageError(403, "Form refused", f"The review was not saved: {problem}.")
    claim_id = request.path_params["claim_id"]
    with state.db(readonly=False) as db:
        context = _claim_context(db, claim_id)
        view: corpus.ClaimView = context["claim"]
        review, problems = reviews.check_form(form, view.first_mention.text)
        if review is None:
            return _page(request, "claim.html", 400, **context, problems=problems, form=form)
        review_id = reviews.record_review(db, claim_id, view.event_id,
                                          [(m.article_id, m.start, m.end, m.text) for m in view.mentions], review)
    return RedirectResponse(f"/claims/{claim_id}#review-{review_id}", status_code=303)


def claimreview_json(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    claim_id = request.path_params["claim_id"]
    with state.db() as db:
        if corpus.claim(db, claim_id) is None:
            raise _not_found(f"claim {claim_id}")
        published = reviews.latest_published(reviews.claim_reviews(db, claim_id))
        if published is None:
            raise PageError(404, "No published verdict",
                            f"Claim {claim_id} has no published review yet: publish one from its page first.")
        obj = claimreview(db, published, str(request.base_url))
    return JSONResponse(obj, media_type="application/ld+json",
                        headers={"content-disposition": f'attachment; filename="claimreview-{claim_id}.json"'})


class _Lines:
    """A text sink for the CSV writer."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


def claims_csv(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    event = request.query_params.get("event")
    try:
        event_id = int(event) if event else None
    except ValueError:
        raise PageError(400, "Bad event number", f"event: {event!r} is not a number") from None
    sink = _Lines()
    with state.db() as db:
        if event_id is not None and corpus.event(db, event_id) is None:
            raise _not_found(f"event {event_id}")
        export_claims_csv(db, sink, str(request.base_url), event_id)  # type: ignore[arg-type]
    name = f"claims-event-{event_id}.csv" if event_id is not None else "claims.csv"
    return Response("".join(sink.parts), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


def entity_page(request: Request) -> Response:
    with _found(request, "entity_id", "entity", corpus.entity_name) as (db, entity_id, named):
        quotes = corpus.entity_quotes(db, entity_id)
        sources = corpus.entity_sources(db, entity_id)
        articles = corpus.entity_mentions(db, entity_id)
    return _page(request, "entity.html", entity_id=entity_id, name=named[0], label=named[1], quotes=quotes,
                 sources=sources, articles=articles)


def reviews_page(request: Request) -> Response:
    state: AppState = request.app.state.isnad
    wanted = request.query_params.get("status") or None
    if wanted not in (None, reviews.IN_REVIEW, reviews.PUBLISHED):
        raise PageError(400, "Bad status", f"status: {wanted!r} is neither 'in review' nor 'published'")
    with state.db() as db:
        found = reviews.histories(db, wanted)
        labels = _claim_labels(db, [h.claim_id for h in found if h.claim_id is not None])
    return _page(request, "reviews.html", histories=found, labels=labels, wanted=wanted)


def report_css(request: Request) -> Response:
    return PlainTextResponse(REPORT_CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})


def create_app(db_path: str | Path, *, token: str | None = None,
               allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS) -> Starlette:
    """The app on the store at ``db_path``.

    ``allowed_hosts``: the names the Host header may give (the loopback by default; None: any, for
    an app bound to another address, which then needs ``token``).
    """
    routes = [
        Route("/", home),
        Route("/search", search_page),
        Route("/articles/{article_id:path}", article_page),
        Route("/events/{event_id:int}", event_page),
        Route("/claims.csv", claims_csv),
        Route("/claims/at/{start:int}-{end:int}/{article_id:path}", claim_at),
        Route("/claims/{claim_id:int}", claim_page),
        Route("/claims/{claim_id:int}/review", review_post, methods=["POST"]),
        Route("/claims/{claim_id:int}/claimreview.json", claimreview_json),
        Route("/entities/{entity_id:path}", entity_page),
        Route("/reviews", reviews_page),
        Route("/static/report.css", report_css),
        Mount("/static", StaticFiles(packages=[("isnad.web", "static")]), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, error_page=error_page, allowed_hosts=allowed_hosts, token=token)],
        exception_handlers={HTTPException: _http_error},
    )
    app.state.isnad = AppState(Path(db_path))
    return app
