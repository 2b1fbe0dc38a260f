"""The newsroom app in a real browser: Debian's Chromium driven by Playwright, against ``isnad serve``.

A desk's path through the app: search in Arabic, open an article, follow it to a cross-outlet claim,
publish a verdict, download its ClaimReview.  Every request the pages make is intercepted: one that
leaves the app fails the test (and is never sent), as does a console error or a script dialog.
Screenshots at desktop and phone widths are kept in ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from isnad.web.claimreview import problems

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(web_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``isnad serve`` on a copy of the test store, on a free port; its address."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not found: apt-get install chromium (as .ci/run does) to run the browser tests")
    store = shutil.copy(web_store_template, tmp_path_factory.mktemp("served") / "store.db")
    process = subprocess.Popen([sys.executable, "-m", "isnad.cli", "serve", "--db", str(store), "--port", "0",
                                "--log-level", "warning"], stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    address = None
    deadline = time.monotonic() + 60
    while address is None and time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stderr], [], [], 1)
        if ready:
            found = re.search(r"serving .* at (http://\S+/)", process.stderr.readline())
            address = found.group(1).rstrip("/") if found else None
    try:
        assert address, "isnad serve did not start"
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A browser context whose pages may only talk to the app; what went wrong is collected."""

    def __init__(self, browser, server: str, viewport: dict[str, int]) -> None:
        self.server = server
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport=viewport, accept_downloads=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        if route.request.url.startswith(self.server + "/"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def go(self, path: str) -> None:
        response = self.page.goto(self.server + path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)

    def overflow(self) -> int:
        """How many pixels the page is wider than the screen (a phone must not scroll sideways)."""
        return self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    def check_clean(self) -> None:
        assert self.external == [], "requests outside the app"
        assert self.errors == [], "console errors"
        assert self.dialogs == [], "a script ran"
        self.context.close()


def test_search_article_claim_review_and_claimreview_download(browser, server: str, tmp_path: Path) -> None:
    desk = Watched(browser, server, DESKTOP)
    page = desk.page
    desk.go("/")
    desk.shot("front-desktop")
    page.fill("main form.search input[name=q]", "المرصد")
    with page.expect_navigation():
        page.press("main form.search input[name=q]", "Enter")
    assert "/search?" in page.url
    hits = page.locator("li.hit")
    assert hits.count() == 3
    assert hits.first.get_attribute("dir") == "rtl" and page.locator("li.hit mark").count() > 0
    desk.shot("search-desktop")

    page.click('li.hit a.title[href="/articles/bbc-blast"]')
    assert page.evaluate("document.documentElement.dir") == "ltr"
    section = page.locator("section.doc")
    assert (section.get_attribute("dir"), section.get_attribute("lang")) == ("rtl", "ar")
    assert page.locator("section.doc .article .k-quote").count() > 0
    desk.shot("article-desktop")

    page.locator('section.panel:has(h2:text("Claims across outlets")) a[href^="/claims/"]').first.click()
    assert re.search(r"/claims/\d+$", page.url)
    claim_url = page.url.removeprefix(server)
    assert page.locator("article.mention").count() == 4
    assert page.locator("h1").get_attribute("dir") == "rtl"
    assert page.locator(".contradiction .tag").inner_text() == "update"

    page.check('input[name=rating][value="misleading"]')
    page.fill("textarea[name=explanation]", "ارتفعت الحصيلة لاحقاً إلى 20 قتيلاً بحسب المرصد نفسه.")
    page.fill("input[name=reviewer]", "ليلى حداد")
    with page.expect_navigation():
        page.click('button[name=action][value="publish"]')
    assert page.locator("#review .status").first.inner_text() == "published"
    assert page.locator("table.history tbody tr").count() == 1
    desk.shot("claim-desktop")

    with page.expect_download() as download:
        page.click("a.button[download]")
    saved = tmp_path / "claimreview.json"
    download.value.save_as(saved)
    obj = json.loads(saved.read_text(encoding="utf-8"))
    assert problems(obj) == []
    assert obj["reviewRating"]["alternateName"] == "مضلل" and obj["author"]["name"] == "ليلى حداد"
    assert obj["itemReviewed"]["firstAppearance"]["url"] == "https://www.bbc.example/arabic/blast"
    desk.check_clean()

    phone = Watched(browser, server, PHONE)
    for name, path in (("front", "/"), ("search", "/search?q=%D8%A7%D9%84%D9%85%D8%B1%D8%B5%D8%AF"),
                       ("article", "/articles/bbc-blast"), ("claim", claim_url), ("event", "/events/1"),
                       ("reviews", "/reviews")):
        phone.go(path)
        assert phone.overflow() <= 1, f"{name} scrolls sideways on a phone"
        phone.shot(f"{name}-phone")
    phone.check_clean()


def test_hostile_article_stays_inert_and_english_reads_left_to_right(browser, server: str) -> None:
    desk = Watched(browser, server, DESKTOP)
    desk.go("/articles/" + "evil%2Fblast%3Fx%3D1%23y")
    page = desk.page
    assert page.evaluate("document.querySelectorAll('script, img, iframe').length") == 0
    assert "<script>" in page.locator("section.doc .article").inner_text()  # shown as text
    assert page.locator('a[href^="javascript:"]').count() == 0
    desk.shot("hostile-desktop")
    desk.go("/articles/en-floods")
    section = page.locator("section.doc")
    assert (section.get_attribute("dir"), section.get_attribute("lang")) == ("ltr", "en")
    desk.check_clean()


def test_arabic_is_drawn_with_an_arabic_font_of_the_stylesheet(browser, server: str) -> None:
    """The fonts Chromium really used for the article text (DevTools protocol), not only the CSS asked for."""
    desk = Watched(browser, server, DESKTOP)
    desk.go("/articles/bbc-blast")
    cdp = desk.context.new_cdp_session(desk.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "section.doc .article"})["nodeId"]
    fonts = {f["familyName"]: f["glyphCount"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    arabic = {"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans"}
    assert max(fonts, key=fonts.get) in arabic, fonts
    desk.check_clean()
