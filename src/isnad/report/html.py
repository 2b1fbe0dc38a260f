"""HTML report: one self-contained page with the article text highlighted and tables of what was found.

The page has no script and loads nothing (inline CSS only), so it can be opened from a mail or a
shared folder.  Article text is hostile input: every piece of it, in text and in attribute values,
goes through :func:`html.escape` with ``quote=True``, and bidi/control characters are replaced by a
visible marker, so markup or a U+202E override in an article renders as inert, visible text.

Highlights may overlap or cross (a figure inside a quote, an entity inside a speaker).  The text is
cut at every span boundary and each piece becomes one ``<span>`` carrying the classes of all the
annotations that cover it; each kind is drawn with a different CSS property (background, underline,
overline, colour …) so the layers stay visible, and the piece's tooltip lists every annotation on it.

A phone has no hover: every highlighted piece can take focus (``tabindex``), and a tap shows its
tooltip as a block under the line (CSS ``:focus::after``, no script).  Below 640 px the tables
reflow into one card per row with each cell labelled by its column (``data-label``); wider tables
scroll inside their own box instead of pushing the page off the screen.  The print stylesheet keeps
the highlight colours (``print-color-adjust``), drops the screen chrome and starts each article on a
new page.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from isnad.model import Analysis, Claim, Document, Finding, Quantity, Quote, Source, Speaker, Time, Transmitter
from isnad.report.text import count, is_unsafe, marker, number, quantity_value, visible
from isnad.text.normalize import key

_RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "yi"})

# Kind, legend label, and the order in which tooltips list annotations (outermost first).
KINDS: list[tuple[str, str]] = [
    ("quote", "quote"),
    ("cue", "reporting cue"),
    ("speaker", "speaker"),
    ("channel", "channel"),
    ("source", "source"),
    ("quantity", "figure"),
    ("time", "date / time"),
    ("entity", "entity"),
]
_ORDER = {kind: i for i, (kind, _) in enumerate(KINDS)}

CSS = """
:root { --quote: #fdecb0; --cue: #b4231b; --speaker: #1f5fd6; --channel: #7c3aed; --source: #0f8a7e;
  --quantity: #b6efc6; --time: #bfe3fb; --entity: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px; font: 15px/1.5 system-ui, "Segoe UI", "Noto Sans", sans-serif;
  color: #1c1c1c; background: #f6f6f3; }
h1, h2 { overflow-wrap: anywhere; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 20px; margin: 0 0 6px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
.doc { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 20px 26px; margin: 0 0 28px; }
.meta { color: #555; margin: 0 0 10px; }
.meta span { margin-inline-end: 18px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 8px 10px; margin: 8px 0 14px;
  background: #fafafa; border: 1px solid #eee; border-radius: 6px; font-size: 14px; }
.legend .sample { padding: 0 4px; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 19px; line-height: 2.3; padding: 14px 18px;
  border: 1px solid #eee; border-radius: 6px; background: #fffefb; }
.article [tabindex] { cursor: help; }
.article [tabindex]:focus { outline: 2px solid var(--speaker); outline-offset: 1px; }
.article [tabindex]:focus::after { content: attr(title); display: block; margin: 4px 0; padding: 4px 10px;
  white-space: pre-line; font: 14px/1.5 system-ui, sans-serif; color: #fff; background: #333; border-radius: 6px; }
.notice { padding: 8px 12px; margin: 0 0 16px; border: 1px solid #e0a800; border-radius: 6px; background: #fff4cc; }
[lang="ar"] .article, [lang="ar"] td { font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", "Arial",
  sans-serif; }
.k-quote { background-color: var(--quote); }
.k-cue { color: var(--cue); font-weight: 700; }
.k-speaker { border-bottom: 3px solid var(--speaker); }
.k-channel { border-bottom: 3px dotted var(--channel); }
.k-source { border-top: 2px solid var(--source); }
.k-quantity { box-shadow: inset 0 -0.62em 0 var(--quantity); }
.k-time { background-image: linear-gradient(to top, var(--time) 62%, transparent 62%); }
.k-entity { text-decoration: underline dotted var(--entity); text-decoration-thickness: 2px;
  text-underline-offset: 6px; }
.ctl { font: 11px monospace; color: #fff; background: #b4231b; border-radius: 3px; padding: 0 2px; }
.scroll { overflow-x: auto; margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #e2e2e2; padding: 4px 8px; text-align: start; vertical-align: top; overflow-wrap: break-word; }
th { background: #f1f1ee; font-weight: 600; white-space: nowrap; }
td.why { min-width: 16em; max-width: 24em; }
ul.reasons { list-style: none; padding: 0; margin: 0; }
ul.reasons li { display: inline; }
ul.reasons li + li::before { content: " · "; color: #999; }
.scores { color: #666; font-size: 12px; margin-top: 2px; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding-inline-start: 18px; }
.link { display: inline-block; }
.sub { color: #555; font-size: 13px; margin-top: 2px; }
.none { color: #777; font-style: italic; }
.tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 9px; background: #eee; }
.tag.doubting { background: #fde2e1; } .tag.assertive { background: #e0ecff; } .tag.tentative { background: #fff1cc; }
a.go { text-decoration: none; color: #1f5fd6; }
a.cref, span.cref { display: inline-block; min-width: 1.5em; margin-inline-end: 3px; padding: 0 4px; border-radius: 9px;
  font: 700 12px/1.6 system-ui, sans-serif; text-align: center; vertical-align: super; color: #fff;
  background: #444; text-decoration: none; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(560px, 100%), 1fr)); gap: 0 28px; }
.mentions a.go + a.go::before { content: " · "; color: #999; }
.times { color: #666; font-size: 12px; }
@media (max-width: 640px) {
  body { padding: 10px 8px; }
  .doc { padding: 12px 10px; border-radius: 0; }
  .article { font-size: 17px; line-height: 2.1; padding: 10px 8px; }
  table, tbody, tr, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { border: 1px solid #e2e2e2; border-radius: 6px; margin: 0 0 8px; background: #fff; }
  td { border: 0; border-top: 1px solid #f0f0ee; }
  tr td:first-child { border-top: 0; }
  td[data-label]::before { content: attr(data-label); margin-inline-end: 8px; font-size: 12px; font-weight: 600;
    color: #666; }
  td.why { min-width: 0; max-width: none; }
  td.num { white-space: normal; }
}
@media print {
  @page { margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { padding: 0; background: #fff; font-size: 10pt; }
  .doc { border: 0; border-radius: 0; padding: 0; margin: 0; }
  .doc + .doc { break-before: page; }
  .article { font-size: 12pt; line-height: 2; padding: 0; border: 0; background: none; }
  .article [tabindex]:focus { outline: none; }
  .article [tabindex]:focus::after { content: none; }
  .legend { font-size: 9pt; margin: 4px 0 8px; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { padding: 2px 4px; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a.go { color: inherit; }
}
"""


def esc(text: str | None) -> str:
    """Escaped text-node content; unsafe characters become a visible, inert marker element."""
    if not text:
        return ""
    out: list[str] = []
    run: list[str] = []
    for char in text:
        if is_unsafe(char):
            out.append(html.escape("".join(run), quote=True))
            run = []
            out.append(f'<span class="ctl">{html.escape(marker(char))}</span>')
        else:
            run.append(char)
    out.append(html.escape("".join(run), quote=True))
    return "".join(out)


def attr(text: str | None) -> str:
    """An escaped attribute value (to be placed between double quotes)."""
    return html.escape(visible(text or "", keep_newlines=True), quote=True)


@dataclass
class _Mark:
    start: int
    end: int
    kind: str
    title: str
    anchor: str | None = None


def _quantity_title(q: Quantity) -> str:
    return f"figure: {quantity_value(q)}" + (f" (counted: {q.counted.text})" if q.counted is not None else "")


def _speaker_label(s: Speaker | None) -> str:
    if s is None:
        return "unknown speaker"
    extra = [v for v in (s.name, s.role, s.entity) if v]
    return s.text + (f" ({'; '.join(extra)})" if extra else "")


def _isolated(text: str | None) -> str:
    """Escaped text in its own bidi island, so Latin names and paths do not scramble Arabic cells."""
    return f'<span dir="auto">{esc(text)}</span>'


def _chain_cell(chain: list[Transmitter], direction: str) -> str:
    """Speaker first, writer last, with arrows pointing the way the document's script reads."""
    arrow = " ← " if direction == "rtl" else " → "
    return arrow.join(f'<span class="link">{_isolated(t.text)} <span class="tag">{esc(t.kind)}</span></span>' for t in chain)


EntityHref = Callable[[str], str]  # a knowledge-base id -> the address of its page (the newsroom app)


def _entity_id(entity: str | None, href: EntityHref | None) -> str:
    """A knowledge-base id, as a link to its page when the report is served with one."""
    if not entity or href is None:
        return _isolated(entity)
    return f'<a class="go" dir="auto" href="{attr(href(entity))}">{esc(entity)}</a>'


def _speaker_cell(s: Speaker | None, href: EntityHref | None = None) -> str:
    if s is None:
        return '<span class="none">unknown</span>'
    details = [_isolated(v) for v in (s.name, s.role) if v and v not in s.text]
    if s.entity:
        details.append(_entity_id(s.entity, href))
    return _isolated(s.text) + (f'<div class="sub">{" · ".join(details)}</div>' if details else "")


def _marks(analysis: Analysis, prefix: str) -> list[_Mark]:
    marks: list[_Mark] = []
    for i, q in enumerate(analysis.quotes):
        title = f"quote ({q.kind}) by {_speaker_label(q.speaker)}"
        if q.cue is not None:
            title += f", cue {q.cue.text}" + (f" ({q.cue.strength})" if q.cue.strength else "")
        marks.append(_Mark(q.start, q.end, "quote", title, f"{prefix}-quote-{i}"))
        if q.cue is not None:
            cue_title = f"cue: {q.cue.text}" + (f" ({q.cue.strength})" if q.cue.strength else "")
            marks.append(_Mark(q.cue.start, q.cue.end, "cue", cue_title))
        if q.speaker is not None:
            marks.append(_Mark(q.speaker.start, q.speaker.end, "speaker", f"speaker: {_speaker_label(q.speaker)}"))
        if q.channel is not None:
            marks.append(_Mark(q.channel.start, q.channel.end, "channel", f"channel: {q.channel.text}"))
    for i, s in enumerate(analysis.sources):
        extra = "; ".join(v for v in (s.name, s.entity) if v)
        marks.append(_Mark(s.start, s.end, "source", f"source ({s.kind})" + (f": {extra}" if extra else ""),
                           f"{prefix}-source-{i}"))
    for i, q in enumerate(analysis.quantities):
        marks.append(_Mark(q.start, q.end, "quantity", _quantity_title(q), f"{prefix}-quantity-{i}"))
    for i, t in enumerate(analysis.times):
        title = f"{t.type}: {t.value or 'no value'}" + ("" if t.anchored else " (not anchored)")
        marks.append(_Mark(t.start, t.end, "time", title, f"{prefix}-time-{i}"))
    for i, e in enumerate(analysis.entities):
        extra = "; ".join(v for v in (e.name, e.entity) if v)
        marks.append(_Mark(e.start, e.end, "entity", f"entity {e.label}" + (f": {extra}" if extra else ""),
                           f"{prefix}-entity-{i}"))
    return [m for m in marks if 0 <= m.start < m.end]


def highlight(text: str, marks: list[_Mark], inserts: dict[int, list[str]] | None = None) -> str:
    """``text`` as HTML, cut at every mark boundary; each piece is a span with the classes of its marks.

    ``inserts`` maps an offset to ready-made HTML (built by this module, never from the article)
    placed before the character at that offset, e.g. the claim markers.
    """
    marks = [m for m in marks if m.end <= len(text)]
    before: dict[int, list[str]] = {}
    by_start: dict[int, list[_Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
        if m.anchor:
            before.setdefault(m.start, []).append(f'<span id="{attr(m.anchor)}"></span>')
    for offset, fragments in (inserts or {}).items():
        if 0 <= offset < len(text):
            before.setdefault(offset, []).extend(fragments)
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks} | set(before))
    active: list[_Mark] = []
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > left] + by_start.get(left, [])
        out.extend(before.get(left, []))
        piece = esc(text[left:right])
        if not active:
            out.append(piece)
            continue
        ordered = sorted(active, key=lambda m: (_ORDER[m.kind], m.start, -m.end))
        classes = " ".join(dict.fromkeys(f"k-{m.kind}" for m in ordered))
        title = "\n".join(dict.fromkeys(m.title for m in ordered))
        out.append(f'<span class="{classes}" title="{attr(title)}" tabindex="0">{piece}</span>')
    return "".join(out)


class _Cell(NamedTuple):
    content: str  # HTML built by this module (article text already escaped)
    cls: str = ""


def _td(content: str, cls: str = "") -> _Cell:
    return _Cell(content, cls)


def _cell(cell: _Cell, header: str) -> str:
    # data-label names the column when a narrow screen shows each row as a card.
    # Numbers and ISO values read left to right even in an Arabic table; free text finds its own direction.
    direction = "ltr" if cell.cls == "num" else "auto"
    cls = f' class="{cell.cls}"' if cell.cls else ""
    return f'<td{cls} dir="{direction}" data-label="{attr(header)}">{cell.content}</td>'


def _table(headers: list[str], rows: list[list[_Cell]], row_ids: list[str] | None = None) -> str:
    if not rows:
        return '<p class="none">none</p>'
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join(
        f"<tr{row_id}>" + "".join(_cell(cell, header) for cell, header in zip(row, headers, strict=True)) + "</tr>"
        for row_id, row in zip(row_ids or [""] * len(rows), rows, strict=True)
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _go(anchor: str, label: str) -> str:
    return f'<a class="go" href="#{attr(anchor)}">{esc(label)}</a>'


def _claims_table(claims: list[Claim], prefix: str) -> str:
    ranked = sorted(enumerate(claims), key=lambda ic: (-ic[1].priority, ic[1].start))
    rows, row_ids = [], []
    for rank, (i, c) in enumerate(ranked, start=1):
        row_ids.append(f' id="{prefix}-claimrow-{i}"')
        who = esc(c.attribution) + (f"<br>{esc(c.attributed_to)}" if c.attributed_to else "")
        reasons = '<ul class="reasons">' + "".join(f"<li>{esc(r)}</li>" for r in c.reasons) + "</ul>" if c.reasons else ""
        scores = []
        if c.checkworthiness is not None:
            scores.append(f"check-worthy {c.checkworthiness:.2f}")
        if c.subjectivity is not None:
            scores.append(f"subjective {c.subjectivity:.2f}")
        rows.append([
            _td(_go(f"{prefix}-claim-{i}", str(rank)), "num"), _td(f"{c.priority:.2f}", "num"), _td(esc(c.type)),
            _td(who), _td(esc(c.text)),
            _td(reasons + (f'<div class="scores">{esc(", ".join(scores))}</div>' if scores else ""), "why"),
        ])
    return _table(["#", "priority", "type", "attribution", "claim", "why"], rows, row_ids)


def _quotes_table(quotes: list[Quote], prefix: str, direction: str, href: EntityHref | None = None) -> str:
    rows = []
    for i, q in enumerate(quotes):
        cue = ""
        if q.cue is not None:
            cue = esc(q.cue.text) + (f' <span class="tag {attr(q.cue.strength)}">{esc(q.cue.strength)}</span>'
                                     if q.cue.strength else "")
        chain = f'<span dir="{direction}">{_chain_cell(q.chain, direction)}</span>' if q.chain else ""
        if q.channel is not None:
            chain += f'<div class="sub"><span class="tag">channel</span> {_isolated(q.channel.text)}</div>'
        rows.append([_td(_go(f"{prefix}-quote-{i}", str(i + 1)), "num"), _td(esc(q.kind)), _td(_speaker_cell(q.speaker, href)),
                     _td(cue), _td(chain), _td(esc(q.text))])
    return _table(["#", "kind", "speaker", "cue", "chain of transmission", "content"], rows)


def _quantities_table(quantities: list[Quantity], prefix: str) -> str:
    rows = [
        [_td(_go(f"{prefix}-quantity-{i}", q.text)), _td(esc(number(q.value)), "num"), _td(esc(number(q.low)), "num"),
         _td(esc(number(q.high)), "num"), _td("yes" if q.approx else ""), _td(esc(q.unit) + (f" per {esc(q.per)}" if q.per else "")),
         _td(esc(q.counted.text) if q.counted is not None else "")]
        for i, q in enumerate(quantities)
    ]
    return _table(["figure", "value", "low", "high", "approx", "unit", "counted"], rows)


def _times_table(times: list[Time], prefix: str) -> str:
    rows = [
        [_td(_go(f"{prefix}-time-{i}", t.text)), _td(esc(t.type)), _td(esc(t.value), "num"),
         _td("" if t.anchored else "no publication date")]
        for i, t in enumerate(times)
    ]
    return _table(["text", "type", "value", "note"], rows)


def _entities_table(analysis: Analysis, prefix: str, href: EntityHref | None = None) -> str:
    """One row per identity: the knowledge-base id when linked, else the label and the folded name."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, e in enumerate(analysis.entities):
        identity = ("kb", e.entity) if e.entity else ("text", e.label, key(e.name or e.text))
        groups.setdefault(identity, []).append(i)
    rows = []
    for indices in groups.values():
        mentions = [analysis.entities[i] for i in indices]
        first = mentions[0]
        surfaces: dict[str, list[int]] = {}
        for i, e in zip(indices, mentions, strict=True):
            surfaces.setdefault(e.text, []).append(i)
        links = "".join(
            _go(f"{prefix}-entity-{at[0]}", text) + (f' <span class="times">×{len(at)}</span>' if len(at) > 1 else "")
            for text, at in surfaces.items()
        )
        labels = "/".join(dict.fromkeys(e.label for e in mentions))
        rows.append([_td(_isolated(first.name or first.text)), _td(esc(labels)), _td(_entity_id(first.entity, href) if href else esc(first.entity)),
                     _td(str(len(mentions)), "num"), _td(f'<span class="mentions">{links}</span>')])
    return _table(["entity", "label", "id", "mentions", "as written"], rows)


def _sources_table(sources: list[Source], prefix: str) -> str:
    rows = [
        [_td(_go(f"{prefix}-source-{i}", s.text)), _td(esc(s.kind)), _td(esc(s.name)), _td(esc(s.entity))]
        for i, s in enumerate(sources)
    ]
    return _table(["source", "kind", "name", "id"], rows)


def _findings_table(findings: list[Finding]) -> str:
    rows = [
        [_td(esc(f.kind)), _td(esc(f.message)),
         _td("<br>".join(f'{esc(s.text)} <span dir="ltr">[{s.start}–{s.end}]</span>' for s in f.spans))]
        for f in findings
    ]
    return _table(["kind", "message", "where"], rows)


def _legend() -> str:
    items = "".join(f'<span><span class="sample k-{kind}">{label}</span></span>' for kind, label in KINDS)
    return (
        f'<div class="legend" dir="ltr" lang="en"><strong>Legend</strong>{items}'
        '<span><span class="cref">1</span>claim, by rank</span><span>tap or hover a highlight for its values</span></div>'
    )


def render_document(doc: Document, analysis: Analysis, index: int, entity_href: EntityHref | None = None) -> str:
    """One ``<section>`` for one document; ids are prefixed with ``d{index}`` so documents can share a page.

    ``entity_href`` makes knowledge-base ids links (the newsroom app's entity pages); the report
    file has none, as it links nowhere outside itself.
    """
    prefix = f"d{index}"
    info = analysis.document
    lang = info.lang or "und"
    direction = "rtl" if lang.split("-")[0] in _RTL_LANGS else "ltr"
    claim_marks: dict[int, list[str]] = {}
    ranked = sorted(range(len(analysis.claims)), key=lambda i: (-analysis.claims[i].priority, analysis.claims[i].start))
    for rank, i in enumerate(ranked, start=1):
        c = analysis.claims[i]
        claim_marks.setdefault(c.start, []).append(
            f'<a class="cref" id="{prefix}-claim-{i}" href="#{prefix}-claimrow-{i}" '
            f'title="{attr(f"claim {rank}: {c.type}, priority {c.priority:.2f}")}">{rank}</a>'
        )
    text = highlight(doc.text, _marks(analysis, prefix), claim_marks)
    counts = ", ".join(
        count(len(getattr(analysis, name)), label)
        for name, label in (("claims", "claims"), ("quotes", "quotes"), ("sources", "sources"),
                            ("quantities", "figures"), ("times", "dates"), ("entities", "entities"),
                            ("findings", "findings"))
    )
    meta = (
        f'<p class="meta" dir="ltr" lang="en"><span>id <b>{esc(info.id)}</b></span><span>language {esc(lang)}</span>'
        f"<span>published {esc(str(info.published) if info.published else 'not given')}</span>"
        f"<span>{info.chars:,} characters</span><span>{esc(counts)}</span></p>"
    )
    title = f'<h2 dir="auto">{esc(info.title)}</h2>' if info.title else ""
    byline = " · ".join(_isolated(v) for v in (info.author, info.outlet, info.url) if v)
    if byline:
        title += f'<p class="meta">{byline}</p>'
    tables = [
        ("Findings", _findings_table(analysis.findings), True),
        ("Claims, most check-worthy first", _claims_table(analysis.claims, prefix), True),
        ("Quotes", _quotes_table(analysis.quotes, prefix, direction, entity_href), True),
        ("Figures", _quantities_table(analysis.quantities, prefix), False),
        ("Dates and times", _times_table(analysis.times, prefix), False),
        ("Entities", _entities_table(analysis, prefix, entity_href), False),
        ("Sources", _sources_table(analysis.sources, prefix), False),
    ]
    wide = "".join(f"<h3>{h}</h3>{t}" for h, t, is_wide in tables if is_wide)
    grid = "".join(f"<div><h3>{h}</h3>{t}</div>" for h, t, is_wide in tables if not is_wide)
    return (
        f'<section class="doc" id="{prefix}" dir="{direction}" lang="{attr(lang)}">{title}{meta}{_legend()}'
        f'<div class="article">{text}</div>{wide}<div class="grid">{grid}</div></section>'
    )


def render_page(items: list[tuple[Document, Analysis]], notice: str | None = None) -> str:
    """A complete HTML page with one section per document; ``notice`` says why it is incomplete."""
    sections = "".join(render_document(doc, analysis, i) for i, (doc, analysis) in enumerate(items))
    if not items:
        sections = '<p class="none">no document was analysed</p>'
    heading = f"isnad report: {len(items)} documents" if len(items) != 1 else f"isnad report: {items[0][1].id}"
    banner = f'<p class="notice">{esc(notice)}</p>' if notice else ""
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>{CSS}</style></head>"
        f"<body><h1>{esc(heading)}</h1>{banner}{sections}</body></html>\n"
    )

