"""Text and HTML reports, on a hand-built analysis with every kind of item and a hostile article.

The analysis is built by hand (not by the pipeline) so these tests do not depend on the extractors,
and the article carries markup, an event handler, a bidi override and an ANSI escape: the reports
must show all of it as inert text.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from htmlcheck import Page, css_blocks, fixed_widths_over, page_problems, rules, stylesheet
from isnad.core.doc import content_hash
from isnad.model import (
    Analysis,
    Claim,
    Cue,
    Document,
    DocumentInfo,
    Entity,
    Finding,
    Quantity,
    Quote,
    Sentence,
    Source,
    Span,
    Speaker,
    Time,
    Transmitter,
)
from isnad.report.html import highlight, render_page
from isnad.report.text import render, visible
from offsets import offset_errors

TEXT = (
    "عنوان <script>alert('x')</script> الخبر\n"
    "قال الوزير أحمد العلي لقناة الجزيرة إن 3 آلاف شخص نزحوا يوم 5 ديسمبر 2024.\n"
    "وأضاف: «الوضع <img src=x onerror=alert(1)> سيئ \u202eجداً\u202c» بحسب مصادر مطلعة.\n"
    'وزعم ناشطون \x1b[31m" onmouseover="alert(2)" أن عشرة آلاف عالقون، بين 30 و40 ألفاً.'
)


def _at(surface: str, after: int = 0) -> dict:
    start = TEXT.index(surface, after)
    return {"start": start, "end": start + len(surface), "text": surface}


def build(text_id: str = "hostile<b>\u202e", lang: str = "ar") -> tuple[Document, Analysis]:
    """A document and an analysis holding at least one item of every kind, overlapping as in real output."""
    doc = Document(id=text_id, text=TEXT, lang=lang, published=dt.date(2024, 12, 7), title="عنوان <i>الخبر</i>")
    lines = TEXT.split("\n")
    sentences, offset = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(start=offset, end=offset + len(line), text=line, paragraph=i, heading=i == 0))
        offset += len(line) + 1
    speaker = Speaker(**_at("الوزير أحمد العلي"), name="Ahmad al-Ali", entity="Q123", role="الوزير")
    quotes = [
        Quote(
            **_at("3 آلاف شخص نزحوا يوم 5 ديسمبر 2024"), kind="indirect",
            cue=Cue(**_at("قال"), lemma="قال", strength="neutral"), speaker=speaker,
            channel=Span(**_at("لقناة الجزيرة")),
            chain=[
                Transmitter(text=speaker.text, start=speaker.start, end=speaker.end, kind="speaker", entity="Q123"),
                Transmitter(**_at("الجزيرة"), kind="media"),
                Transmitter(text="writer", kind="writer"),
            ],
            sentence=1,
        ),
        Quote(
            **_at("الوضع <img src=x onerror=alert(1)> سيئ \u202eجداً\u202c"), kind="direct",
            cue=Cue(**_at("وأضاف"), lemma="أضاف", strength="neutral"), speaker=speaker, sentence=2,
        ),
        Quote(
            **_at('\x1b[31m" onmouseover="alert(2)" أن عشرة آلاف عالقون'), kind="indirect",
            cue=Cue(**_at("وزعم"), lemma="زعم", strength="doubting"),
            speaker=Speaker(**_at("ناشطون")), sentence=3,
        ),
    ]
    sources = [
        Source(**_at("الوزير أحمد العلي"), kind="person", name="Ahmad al-Ali", entity="Q123"),
        Source(**_at("مصادر مطلعة"), kind="anonymous"),
        Source(**_at("ناشطون"), kind="anonymous"),
    ]
    quantities = [
        Quantity(**_at("3 آلاف شخص"), value=3000, unit="person", counted=Span(**_at("شخص"))),
        Quantity(**_at("عشرة آلاف"), value=10000, approx=False),
        Quantity(**_at("بين 30 و40 ألفاً"), low=30000, high=40000, approx=True),
    ]
    times = [
        Time(**_at("5 ديسمبر 2024"), type="date", value="2024-12-05"),
        Time(**_at("الخبر"), type="set", value=None, anchored=False),
    ]
    # The last entity crosses the end of the second quote: highlighting must still nest properly.
    entities = [
        Entity(**_at("أحمد العلي"), label="PER", name="Ahmad al-Ali", entity="Q123"),
        Entity(**_at("الجزيرة"), label="ORG", name="Al Jazeera", entity="Q2"),
        Entity(**_at("\u202eجداً\u202c» بحسب"), label="MISC"),
    ]
    for prefix, items in (("quote", quotes), ("src", sources), ("qty", quantities), ("time", times), ("ent", entities)):
        for item in items:
            item.id = f"{prefix}-{item.start}-{item.end}"

    def ids(items: list, *indices: int) -> list[str]:
        return [items[i].id for i in indices]

    claims = [
        Claim(**_at("قال الوزير أحمد العلي لقناة الجزيرة إن 3 آلاف شخص نزحوا يوم 5 ديسمبر 2024."), sentence=1,
              type="statistic", attribution="named", attributed_to="الوزير أحمد العلي", checkworthiness=0.9,
              subjectivity=0.1, priority=0.85, reasons=["contains a figure (3,000 people)", "names a date"],
              quantities=ids(quantities, 0), times=ids(times, 0), entities=ids(entities, 0, 1),
              quotes=ids(quotes, 0), sources=ids(sources, 0)),
        Claim(**_at('وزعم ناشطون \x1b[31m" onmouseover="alert(2)" أن عشرة آلاف عالقون، بين 30 و40 ألفاً.'),
              sentence=3, type="statistic", attribution="anonymous", priority=0.6,
              reasons=["doubting cue زعم <script>"], quantities=ids(quantities, 1, 2), quotes=ids(quotes, 2),
              sources=ids(sources, 2)),
    ]
    findings = [
        Finding(kind="conflicting_values", message="10,000 stranded vs 30,000–40,000 displaced <b>",
                spans=[Span(**_at("عشرة آلاف")), Span(**_at("بين 30 و40 ألفاً"))]),
    ]
    analysis = Analysis(
        id=doc.id,
        document=DocumentInfo(id=doc.id, lang=lang, published=doc.published, title=doc.title, chars=len(TEXT),
                              content_hash=content_hash(TEXT)),
        sentences=sentences, quotes=quotes, sources=sources, quantities=quantities, times=times,
        entities=entities, claims=claims, findings=findings,
    )
    assert offset_errors(analysis, TEXT) == []
    return doc, analysis


def empty() -> tuple[Document, Analysis]:
    doc = Document(id="empty", text="Nothing to see here.", lang="en")
    return doc, Analysis(id="empty", document=DocumentInfo(id="empty", lang="en", published=None, title=None, chars=20,
                                                                   content_hash=content_hash(doc.text)))


# --- shared sanitiser -------------------------------------------------------------------------------


def test_visible_neutralises_bidi_and_controls_but_keeps_arabic() -> None:
    assert visible("a\u202eb\u2066c\u200fd\u061ce\x1bf") == "a⟨U+202E⟩b⟨U+2066⟩c⟨U+200F⟩d⟨U+061C⟩e⟨U+001B⟩f"
    assert visible("مرحبا\u200cبك") == "مرحبا\u200cبك"  # ZWNJ is ordinary text
    assert visible("a\nb\tc\rd") == "a b c d"
    assert visible("a\u0085b\u009bc") == "a⟨U+0085⟩b⟨U+009B⟩c"  # C1 controls, CSI included
    assert visible("a\nb", keep_newlines=True) == "a\nb"
    assert visible("x\u2028y\U000e0041z") == "x⟨U+2028⟩y⟨U+E0041⟩z"


# --- text report ----------------------------------------------------------------------------------


def test_text_report_has_every_section_with_values() -> None:
    doc, analysis = build()
    out = render(doc, analysis)
    for heading in ("CLAIMS", "QUOTES (3)", "SOURCES (3)", "FIGURES (3)", "DATES (2)", "ENTITIES (3)", "FINDINGS (1)"):
        assert heading in out
    assert "lang ar" in out and "published 2024-12-07" in out and f"{len(TEXT):,} chars" in out
    assert "2 claims, 3 quotes, 3 sources, 3 figures, 2 dates, 3 entities, 1 finding" in out
    # claims ranked, with reasons, priority, type and attribution
    assert out.index("priority 0.85") < out.index("priority 0.60")
    assert "contains a figure (3,000 people); names a date" in out
    assert "attribution named (الوزير أحمد العلي)" in out
    # quotes: kind, cue + strength, speaker details, channel, chain
    assert "cue وزعم (doubting)" in out
    assert "name Ahmad al-Ali; id Q123; role الوزير" in out
    assert "channel: لقناة الجزيرة" in out
    assert "الوزير أحمد العلي (speaker) -> الجزيرة (media) -> writer (writer)" in out
    # figures, dates, entities, sources
    assert "3,000 person" in out and "counted: شخص" in out
    assert "≈30,000–40,000" in out and "3,000 person" in out
    assert "2024-12-05  date" in out and "not anchored" in out
    assert "ORG  الجزيرة  [name Al Jazeera; id Q2]" in out
    assert "anonymous     مصادر مطلعة" in out
    assert "conflicting_values" in out


def test_count_words() -> None:
    from isnad.report.text import count

    assert [count(1, "figures"), count(2, "figures"), count(1, "entities"), count(0, "entities")] == [
        "1 figure", "2 figures", "1 entity", "0 entities"]


def test_text_report_is_safe_for_a_terminal() -> None:
    doc, analysis = build()
    for color in (False, True):
        out = render(doc, analysis, color=color)
        for char in "\u202e\u202c\u200f":
            assert char not in out
        assert "⟨U+202E⟩" in out and "⟨U+001B⟩" in out
        # No escape sequence from the article: with colour off there is no ESC at all; with colour
        # on, every ESC is one of ours (an SGR sequence).
        if color:
            import re

            assert all(m.group(0).endswith("m") for m in re.finditer(r"\x1b\[[0-9;]*.", out))
            assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b") == 0
        else:
            assert "\x1b" not in out
    assert "\x1b[" in render(doc, analysis, color=True)
    assert "\n" not in visible(TEXT)


def test_text_report_sentences_not_listed_and_empty_sections_say_none() -> None:
    doc, analysis = empty()
    out = render(doc, analysis)
    assert out.count("  none") == 7
    assert "Nothing to see here" not in out


# --- HTML report ----------------------------------------------------------------------------------


def test_html_article_markup_is_inert_and_bidi_visible() -> None:
    page = render_page([build()])
    assert page_problems(page) == []
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags and "img" not in tags and "i" not in tags
    assert not any(name.startswith("on") for _, a in parsed.tags for name in a)
    # the hostile text is shown, as text
    shown = parsed.shown
    assert "<script>alert('x')</script>" in shown
    assert "<img src=x onerror=alert(1)>" in shown
    assert '" onmouseover="alert(2)"' in shown
    # bidi and ESC never appear raw, neither in text nor in attributes; they are visible markers
    for char in "\u202e\u202c\x1b":
        assert char not in page
    assert "⟨U+202E⟩" in shown and "⟨U+001B⟩" in shown
    assert "http" not in page


def test_page_checker_catches_what_it_should() -> None:
    good = render_page([empty()])
    assert page_problems(good) == []
    assert page_problems(good.replace("</h1>", "</h1><script>x</script>")) == ["unexpected <script>"]
    assert page_problems(good.replace('<p class="meta"', '<p onclick="x" class="meta"')) == ["unexpected attribute onclick"]
    assert page_problems(good.replace("</h1>", "\u202e</h1>")) == ["raw U+202E"]
    assert "unclosed ['html', 'body', 'span']" in page_problems(good.replace("</h1>", "</h1><span>"))


def test_html_direction_lang_and_sections_per_document() -> None:
    page = render_page([build(), empty()])
    sections = Page(page).sections
    assert [(s["dir"], s["lang"]) for s in sections] == [("rtl", "ar"), ("ltr", "en")]
    assert [s["id"] for s in sections] == ["d0", "d1"]
    assert "2 documents" in page


def test_html_every_span_highlighted_with_hover_values() -> None:
    doc, analysis = build()
    parsed = Page(render_page([(doc, analysis)]))
    spans = [a for tag, a in parsed.tags if tag == "span" and a.get("title")]
    titles = "\n".join(a["title"] or "" for a in spans)
    classes = {c for a in spans for c in (a.get("class") or "").split()}
    assert classes >= {"k-quote", "k-cue", "k-speaker", "k-channel", "k-source", "k-quantity", "k-time", "k-entity"}
    assert "figure: 3,000 person (counted: شخص)" in titles
    assert "figure: ≈30,000–40,000" in titles
    assert "date: 2024-12-05" in titles
    assert "speaker: الوزير أحمد العلي (Ahmad al-Ali; الوزير; Q123)" in titles
    assert "entity ORG: Al Jazeera; Q2" in titles
    assert "source (anonymous)" in titles
    assert "cue: وزعم (doubting)" in titles
    # one piece can carry several layers: the figure inside the quote
    assert any({"k-quote", "k-quantity"} <= set((a.get("class") or "").split()) for a in spans)


def test_html_tables_join_quotes_to_speakers_and_chain() -> None:
    page = render_page([build()])
    shown = Page(page).shown
    # speaker first, writer last; the arrows follow the reading direction of the document
    assert "الوزير أحمد العلي speaker ← الجزيرة media ← writer writer" in shown
    assert "الوزير أحمد العلي speaker → الجزيرة media → writer writer" in Page(render_page([build(lang="en")])).shown
    assert "channel لقناة الجزيرة" in shown
    assert "الوزير أحمد العليAhmad al-Ali · Q123" in shown  # the role is already part of the speaker text
    for header in ("Claims, most check-worthy first", "Quotes", "Figures", "Dates and times", "Entities", "Sources",
                   "Findings", "Legend"):
        assert header in shown
    assert shown.index("contains a figure (3,000 people)") < shown.index("doubting cue زعم <script>")
    assert "10,000 stranded vs 30,000–40,000 displaced <b>" in shown


def test_html_claim_markers_link_text_and_table() -> None:
    doc, analysis = build()
    parsed = Page(render_page([(doc, analysis)]))
    ids = {a["id"] for _, a in parsed.tags if a.get("id")}
    markers = [a for tag, a in parsed.tags if tag == "a" and "cref" in (a.get("class") or "")]
    assert [m["title"] for m in markers] == ["claim 1: statistic, priority 0.85", "claim 2: statistic, priority 0.60"]
    for link in (a for tag, a in parsed.tags if tag == "a"):
        assert (link["href"] or "")[1:] in ids, link


def test_html_empty_document_says_none() -> None:
    shown = Page(render_page([empty()])).shown
    assert shown.count("none") >= 7
    assert "Nothing to see here." in shown


@pytest.mark.parametrize(
    "marks",
    [
        [(0, 10, "quote"), (5, 15, "entity")],  # crossing
        [(0, 20, "quote"), (3, 8, "speaker"), (3, 8, "source"), (5, 6, "entity")],  # nested, identical
        [(2, 4, "time"), (4, 9, "quantity"), (0, 30, "quote")],  # adjacent inside
    ],
)
def test_highlight_covers_each_character_with_exactly_its_marks(marks: list[tuple[int, int, str]]) -> None:
    from isnad.report.html import _Mark

    text = "abcdefghijklmnopqrstuvwxyz0123"
    out = highlight(text, [_Mark(s, e, k, f"{k}{s}") for s, e, k in marks])

    class Chars(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.classes: list[set[str]] = []
            self.depth: list[set[str]] = []
            self.chars: list[tuple[str, frozenset[str]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.depth.append(set((dict(attrs).get("class") or "").split()))

        def handle_endtag(self, tag: str) -> None:
            self.depth.pop()

        def handle_data(self, data: str) -> None:
            active = frozenset(c for level in self.depth for c in level)
            self.chars.extend((ch, active) for ch in data)

    parser = Chars()
    parser.feed(out)
    assert "".join(ch for ch, _ in parser.chars) == text
    for i, (_, classes) in enumerate(parser.chars):
        expected = {f"k-{k}" for s, e, k in marks if s <= i < e}
        assert classes == expected, (i, classes, expected)


# --- HTML report on a phone and on paper --------------------------------------------------------------

PHONE = "@media (max-width: 640px)"


class Tables(HTMLParser):
    """Each table's column headers and, per body row, the data-label of every cell."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: list[tuple[list[str], list[list[str | None]]]] = []
        self.in_th = False
        self.scrolling: list[bool] = []
        self.divs: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div":
            self.divs.append(a.get("class") or "")
        elif tag == "table":
            self.tables.append(([], []))
            self.scrolling.append(bool(self.divs) and self.divs[-1] == "scroll")
        elif tag == "th":
            self.in_th = True
            self.tables[-1][0].append("")
        elif tag == "tr" and self.tables and self.tables[-1][0] and not self.in_th:
            self.tables[-1][1].append([])
        elif tag == "td":
            self.tables[-1][1][-1].append(a.get("data-label"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self.in_th = False
        elif tag == "div":
            self.divs.pop()

    def handle_data(self, data: str) -> None:
        if self.in_th:
            self.tables[-1][0][-1] += data


def test_html_tables_reflow_into_labelled_cards_on_a_phone() -> None:
    page = render_page([build(), empty()])
    assert page_problems(page) == []
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    tables = Tables(page)
    assert len(tables.tables) == 7  # claims, quotes, figures, dates, entities, sources, findings of the first document
    for (headers, rows), scrolls in zip(tables.tables, tables.scrolling, strict=True):
        assert scrolls, headers  # wider than the screen: it scrolls in its own box, not the page
        assert rows and all(labels == headers for labels in rows), headers  # every cell names its column
    css = css_blocks(stylesheet(page))
    phone = rules(css[PHONE])
    for element in ("table", "tbody", "tr", "td"):
        assert "display: block" in phone[element]
    assert "attr(data-label)" in phone["td[data-label]::before"]
    assert "clip-path" in phone["thead"]  # headers hidden on screen, still read out
    # nothing outside the print block forces a box wider than a 400 px phone
    assert fixed_widths_over(css[""] + css[PHONE], 400) == []
    assert fixed_widths_over(".grid { grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); }", 400)


def test_html_highlight_values_show_on_tap_not_only_on_hover() -> None:
    doc, analysis = build()
    page = render_page([(doc, analysis)])
    highlighted = [a for tag, a in Page(page).tags if tag == "span" and "k-" in (a.get("class") or "")
                   and "sample" not in (a.get("class") or "")]
    assert len(highlighted) > 10
    assert all(a.get("tabindex") == "0" and a.get("title") for a in highlighted)  # a tap focuses it
    shown = rules(css_blocks(stylesheet(page))[""])[".article [tabindex]:focus::after"]
    assert "content: attr(title)" in shown and "display: block" in shown  # the values appear under the line
    assert "tap or hover a highlight" in Page(page).shown


def test_html_print_stylesheet_keeps_the_highlights() -> None:
    css = css_blocks(stylesheet(render_page([build()])))
    printed = rules(css["@media print"])
    assert "print-color-adjust: exact" in printed["*"]  # browsers drop background colours otherwise
    for kind in ("quote", "quantity", "time", "speaker", "cue"):
        assert f".k-{kind}" in rules(css[""])
        assert not any(f"k-{kind}" in selector for selector in printed), kind  # not overridden for paper
    assert "break-before: page" in printed[".doc + .doc"]
    assert "content: none" in printed[".article [tabindex]:focus::after"]


def test_html_entity_table_has_one_row_per_identity() -> None:
    text = "قال أحمد العلي إن العلي زار دمشق، ثم عاد العلي من دمشق إلى حلب."
    doc = Document(id="e", text=text, lang="ar")

    def entity(surface: str, nth: int, label: str, kb: str | None = None, name: str | None = None) -> Entity:
        start = -1
        for _ in range(nth):
            start = text.index(surface, start + 1)
        return Entity(start=start, end=start + len(surface), text=surface, label=label, entity=kb, name=name,
                      id=f"ent-{start}")

    entities = [entity("أحمد العلي", 1, "PER", "Q123", "Ahmad al-Ali"), entity("العلي", 2, "PER", "Q123", "Ahmad al-Ali"),
                entity("دمشق", 1, "LOC"), entity("العلي", 3, "PER", "Q123", "Ahmad al-Ali"), entity("دمشق", 2, "LOC"),
                entity("حلب", 1, "LOC")]
    analysis = Analysis(id="e", entities=entities, document=DocumentInfo(
        id="e", lang="ar", published=None, title=None, chars=len(text), content_hash=content_hash(text)))
    assert offset_errors(analysis, text) == []
    page = render_page([(doc, analysis)])
    headers, rows = next(t for t in Tables(page).tables if t[0][0] == "entity")
    assert headers == ["entity", "label", "id", "mentions", "as written"]
    assert len(rows) == 3  # Ahmad al-Ali (3 mentions, 2 spellings), دمشق (2), حلب (1)
    shown = Page(page).shown
    assert "Ahmad al-AliPERQ1233أحمد العليالعلي ×2" in shown
    assert "دمشقLOC2دمشق ×2" in shown and "حلبLOC1حلب" in shown
    links = [a["href"] for tag, a in Page(page).tags if tag == "a" and "go" in (a.get("class") or "")]
    assert links == ["#d0-entity-0", "#d0-entity-1", "#d0-entity-2", "#d0-entity-5"]  # each spelling's first mention


def test_html_incomplete_and_empty_reports_are_complete_pages() -> None:
    page = render_page([build()], notice="interrupted after 1 of 2,000 articles: this report is incomplete")
    assert page_problems(page) == []
    assert "interrupted after 1 of 2,000 articles: this report is incomplete" in Page(page).shown
    nothing = render_page([], notice="interrupted after 0 of 5 articles")
    assert page_problems(nothing) == [] and "no document was analysed" in Page(nothing).shown


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Loaded in a 400 px iframe (a headless window is never narrower than 500 px); reports every box that
# sticks out of the frame's viewport on either side (Arabic tables used to run off the left edge).
_PROBE = """<script>addEventListener('load', () => {
  const width = document.documentElement.clientWidth, outside = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('thead')) continue;  /* visually hidden on a phone, clipped to 1 px */
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 0.5 || r.left < -0.5)) outside.push(el.tagName + '.' + el.className);
  }
  parent.document.title = JSON.stringify({width: width, outside: outside.slice(0, 5), count: outside.length});
});</script>"""


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
def test_html_fits_a_400px_screen_in_chromium(tmp_path: Path) -> None:
    page = render_page([build(), empty()])
    (tmp_path / "report.html").write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    (tmp_path / "frame.html").write_text('<!DOCTYPE html><html><head><title>-</title></head><body style="margin:0">'
                                         '<iframe src="report.html" width="400" height="800"></iframe></body></html>')
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                          "--virtual-time-budget=5000", "--dump-dom", (tmp_path / "frame.html").as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None, dom[:500]
    probe = json.loads(html.unescape(title.group(1)))
    assert 380 <= probe["width"] <= 400  # the frame, less a scroll bar
    assert probe["count"] == 0, probe
