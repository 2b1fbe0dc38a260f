"""The app's safety measures that are not templates: headers, Host check, access token, CSRF.

- Every response carries a Content-Security-Policy that allows the app's own stylesheets and
  images and nothing else (no script at all, no inline style, no frame, forms post only to the
  app), ``nosniff``, referrer ``same-origin`` (a click to an outlet does not tell it what the desk was
  reading) and ``DENY`` framing.
- The Host header must name the loopback when the app listens there, so a web page elsewhere cannot
  reach it through DNS rebinding.
- Listening on another address needs an access token: the URL printed by ``isnad serve`` carries it
  once (``?token=…``), the app answers with a cookie and a redirect to the same URL without it;
  ``Authorization: Bearer`` works for scripts.  Without the token: a 401 page.
- CSRF: a random cookie (``HttpOnly``, ``SameSite=Strict``) and, in every form, its HMAC under a
  secret of the running server; a POST whose field does not match (or that comes from another
  origin) is refused with a 403 page.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("isnad.web")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
CSRF_COOKIE = "isnad_csrf"
TOKEN_COOKIE = "isnad_token"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none';"
       " frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

ErrorPage = Callable[[Request, int, str, str], Awaitable[Response]]


def is_loopback(host: str) -> bool:
    return host.strip("[]") in LOOPBACK_HOSTS or host.startswith("127.")


def _hostname(host_header: str) -> str:
    """The name in a Host header, without the port (``[::1]:8000`` -> ``::1``)."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class Guard:
    """ASGI middleware: security headers, Host check, access token, the CSRF cookie."""

    def __init__(self, app: ASGIApp, *, error_page: ErrorPage, allowed_hosts: frozenset[str] | None,
                 token: str | None) -> None:
        self.app = app
        self.error_page = error_page
        self.allowed_hosts = allowed_hosts
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        headers = Headers(scope=scope)
        set_cookies: list[str] = []
        if self.allowed_hosts is not None and _hostname(headers.get("host", "")) not in self.allowed_hosts:
            response = await self.error_page(request, 400, "Unknown host",
                                             "This app answers only to the address it listens on.")
            await self._wrap(scope, receive, send, set_cookies, response)
            return
        if self.token is not None and not scope["path"].startswith("/static/"):
            response = self._token_gate(request, set_cookies)
            if response is None and not self._has_token(request):
                response = await self.error_page(
                    request, 401, "Access token needed",
                    "Open the address that isnad serve printed when it started (it carries the token once).")
            if response is not None:
                await self._wrap(scope, receive, send, set_cookies, response)
                return
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) < 32:
            cookie = secrets.token_urlsafe(32)
            set_cookies.append(f"{CSRF_COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict")
        scope.setdefault("state", {})["csrf_cookie"] = cookie
        await self._wrap(scope, receive, send, set_cookies)

    def _has_token(self, request: Request) -> bool:
        assert self.token is not None
        given = request.cookies.get(TOKEN_COOKIE, "")
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            given = bearer[7:].strip()
        return hmac.compare_digest(given.encode(), self.token.encode())

    def _token_gate(self, request: Request, set_cookies: list[str]) -> Response | None:
        """A redirect that trades a valid ``?token=`` for a cookie; None when the query has no token."""
        assert self.token is not None
        given = request.query_params.get("token")
        if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
            return None
        rest = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k != "token"]
        set_cookies.append(f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict")
        return RedirectResponse(request.url.path + (f"?{urlencode(rest)}" if rest else ""), status_code=303)

    async def _wrap(self, scope: Scope, receive: Receive, send: Send, set_cookies: list[str],
                    response: Response | None = None) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                for cookie in set_cookies:
                    headers.append("set-cookie", cookie)
            await send(message)

        if response is not None:
            await response(scope, receive, send_with_headers)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception as exc:
            if started:  # too late for an error page: the server closes the connection
                raise
            log.error("internal error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc)
            page = await self.error_page(Request(scope, receive), 500, "Internal error",
                                         "Something went wrong on this page; the server's log has the details.")
            await page(scope, receive, send_with_headers)


def csrf_token(request: Request, secret: bytes) -> str:
    """The token a form of this page carries: the HMAC of the browser's CSRF cookie."""
    return hmac.new(secret, request.state.csrf_cookie.encode(), hashlib.sha256).hexdigest()


def csrf_problem(request: Request, secret: bytes, field: str) -> str | None:
    """Why a POST fails the CSRF check (None: it passes)."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        return "the form was sent from another site"
    if request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        return "the form was sent from another site"
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie:
        return "the form's session cookie is missing (are cookies blocked?); reload the page and send it again"
    expected = hmac.new(secret, cookie.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), field.encode()):
        return "the form has expired (the server restarted, or it came from elsewhere); reload the page and send it again"
    return None


__all__ = ["CSP", "Guard", "LOOPBACK_HOSTS", "csrf_problem", "csrf_token", "is_loopback"]
