"""Terminal report: what a fact-checker reads first, one item per block, safe to print.

Article text is untrusted: a bidi override (U+202E …) or an ANSI escape sequence copied from a web
page would reorder or recolour the reader's terminal, so every control and bidi-format character is
shown as a visible ``⟨U+XXXX⟩`` marker instead (:func:`visible`).  Arabic values go at the end of
their line after an ASCII label, which keeps lines readable in terminals with and without bidi
support.  Colour (ANSI) is added only by this module and only when ``color=True``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from isnad.model import Analysis, Claim, Document, Entity, Finding, Quantity, Quote, Source, Time

# Bidi embedding/override/isolate controls, marks and the Arabic letter mark.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Zero-width (non-)joiners are ordinary in Arabic and Persian text and cannot reorder anything.
_ALLOWED_FORMAT = frozenset("\u200c\u200d")


def is_unsafe(char: str) -> bool:
    """True for characters that must not reach a terminal or a page raw: controls, bidi, separators."""
    if char in _BIDI:
        return True
    if char in "\n\r\t":
        return False
    category = unicodedata.category(char)
    if category == "Cf":
        return char not in _ALLOWED_FORMAT
    return category in ("Cc", "Cs", "Zl", "Zp")


def marker(char: str) -> str:
    """The visible stand-in for an unsafe character, e.g. ``⟨U+202E⟩``."""
    return f"⟨U+{ord(char):04X}⟩"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with unsafe characters replaced by markers; line breaks and tabs become spaces unless kept.

    A carriage return is never printed raw to a terminal (it would let later text overwrite the line).
    """
    out = []
    for char in text:
        if char in "\n\r\t" and not keep_newlines:
            out.append(" ")
        elif is_unsafe(char):
            out.append(marker(char))
        else:
            out.append(char)
    return "".join(out)


def count(n: int, noun: str) -> str:
    """``1 figure``, ``2 figures``; nouns here all take a plain ``s`` (entities are given whole)."""
    if noun.endswith("ies"):
        return f"{n} {noun[:-3]}y" if n == 1 else f"{n} {noun}"
    return f"{n} {noun[:-1]}" if n == 1 and noun.endswith("s") else f"{n} {noun}"


class _Style:
    """ANSI styling that collapses to plain text when colour is off."""

    CODES = {"bold": "1", "dim": "2", "head": "1;36", "rank": "1;33", "warn": "1;31", "kind": "35", "value": "32"}

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        if not self.color or not text:
            return text
        return f"\x1b[{self.CODES[style]}m{text}\x1b[0m"


def number(value: float | None) -> str:
    """``3,000``, ``2.5``: integers without a decimal point, thousands separated."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def quantity_value(q: Quantity) -> str:
    """A figure's normalised value in words a reader can check: ``≈30,000 (≥30,000) person``."""
    if q.low is not None and q.high is not None:
        bounds = f"{number(q.low)}–{number(q.high)}"
    elif q.low is not None:
        bounds = f"≥{number(q.low)}"
    elif q.high is not None:
        bounds = f"≤{number(q.high)}"
    else:
        bounds = ""
    value = bounds or "no value"
    if q.value is not None:
        value = number(q.value) + (f" ({bounds})" if bounds else "")
    unit = f" {visible(q.unit)}" if q.unit else ""
    per = f" per {visible(q.per)}" if q.per else ""
    return ("≈" if q.approx else "") + value + unit + per


class _Report:
    def __init__(self, doc: Document, analysis: Analysis, color: bool) -> None:
        self.doc = doc
        self.a = analysis
        self.s = _Style(color)
        self.lines: list[str] = []

    def add(self, line: str = "") -> None:
        self.lines.append(line.rstrip())

    def field(self, label: str, value: str | None, indent: int = 5) -> None:
        if value:
            self.add(" " * indent + self.s(f"{label}:", "dim") + " " + value)

    def section(self, title: str, count: int) -> bool:
        self.add()
        self.add(self.s(f"{title} ({count})", "head"))
        if not count:
            self.add("  none")
        return bool(count)

    def header(self) -> None:
        info = self.a.document
        self.add(self.s(f"isnad report: {visible(info.id)}", "bold"))
        if info.title:
            self.field("title", visible(info.title), indent=2)
        for label, value in (("by", info.author), ("outlet", info.outlet), ("url", info.url)):
            if value:
                self.field(label, visible(value), indent=2)
        self.add(
            f"  lang {info.lang or 'unknown'}   published {info.published or 'not given'}   {info.chars:,} chars"
        )
        counts = [
            (len(self.a.claims), "claims"), (len(self.a.quotes), "quotes"), (len(self.a.sources), "sources"),
            (len(self.a.quantities), "figures"), (len(self.a.times), "dates"), (len(self.a.entities), "entities"),
            (len(self.a.findings), "findings"),
        ]
        self.add("  " + ", ".join(count(n, name) for n, name in counts))

    def claims(self) -> None:
        if not self.section("CLAIMS, most check-worthy first", len(self.a.claims)):
            return
        ranked = sorted(self.a.claims, key=lambda c: (-c.priority, c.start))
        for rank, claim in enumerate(ranked, start=1):
            self.claim(rank, claim)

    def claim(self, rank: int, c: Claim) -> None:
        who = c.attribution + (f" ({visible(c.attributed_to)})" if c.attributed_to else "")
        self.add(
            f"  {self.s(f'{rank:>2}.', 'rank')} priority {c.priority:.2f}  {self.s(c.type, 'kind')}"
            f"  attribution {who}"
        )
        self.field("text", visible(c.text))
        self.field("why", "; ".join(visible(r) for r in c.reasons) or "no reason given")
        scores = []
        if c.checkworthiness is not None:
            scores.append(f"check-worthiness {c.checkworthiness:.2f}")
        if c.subjectivity is not None:
            scores.append(f"subjectivity {c.subjectivity:.2f}")
        self.field("scores", ", ".join(scores))
        rests = [
            (len(c.quantities), "figures"), (len(c.times), "dates"), (len(c.quotes), "quotes"),
            (len(c.sources), "sources"), (len(c.entities), "entities"),
        ]
        self.field("rests on", ", ".join(count(n, name) for n, name in rests if n))

    def quotes(self) -> None:
        if not self.section("QUOTES", len(self.a.quotes)):
            return
        for i, q in enumerate(self.a.quotes, start=1):
            self.quote(i, q)

    def quote(self, i: int, q: Quote) -> None:
        cue = "no cue"
        if q.cue is not None:
            cue = f"cue {visible(q.cue.text)}" + (f" ({q.cue.strength})" if q.cue.strength else "")
        self.add(f"  {i:>2}. {self.s(q.kind, 'kind')}  {cue}")
        if q.speaker is not None:
            extra = [
                f"{label} {visible(value)}"
                for label, value in (("name", q.speaker.name), ("id", q.speaker.entity), ("role", q.speaker.role))
                if value
            ]
            self.field("speaker", visible(q.speaker.text) + (f"  [{'; '.join(extra)}]" if extra else ""))
        else:
            self.field("speaker", "not found")
        if q.channel is not None:
            self.field("channel", visible(q.channel.text))
        if q.chain:
            self.field("chain", " -> ".join(f"{visible(t.text)} ({t.kind})" for t in q.chain))
        self.field("content", visible(q.text))

    def listing(self, title: str, items: Sequence[Any], render: Callable[[int, Any], None]) -> None:
        """A numbered section of items, or the section's "none" line."""
        if self.section(title, len(items)):
            for i, item in enumerate(items, start=1):
                render(i, item)

    def sources(self) -> None:
        self.listing("SOURCES", self.a.sources, self.source)

    def source(self, i: int, src: Source) -> None:
        self.named(i, f"{src.kind:<13}", src.text, src.name, src.entity)

    def quantities(self) -> None:
        if not self.section("FIGURES", len(self.a.quantities)):
            return
        for i, q in enumerate(self.a.quantities, start=1):
            self.add(f"  {i:>2}. {self.s(quantity_value(q), 'value')}")
            self.field("text", visible(q.text))
            if q.counted is not None:
                self.field("counted", visible(q.counted.text))

    def times(self) -> None:
        self.listing("DATES", self.a.times, self.time)

    def time(self, i: int, t: Time) -> None:
        value = visible(t.value) if t.value else "(no value)"
        note = "" if t.anchored else "  (not anchored: publication date unknown)"
        self.add(f"  {i:>2}. {self.s(value, 'value')}  {self.s(t.type, 'kind')}{note}")
        self.field("text", visible(t.text))

    def entities(self) -> None:
        self.listing("ENTITIES", self.a.entities, self.entity)

    def entity(self, i: int, e: Entity) -> None:
        self.named(i, f"{e.label:<4}", e.text, e.name, e.entity)

    def named(self, i: int, kind: str, text: str, name: str | None, entity: str | None) -> None:
        """A numbered line for something the knowledge base may know: kind, text, [name; id]."""
        extra = [f"{label} {visible(v)}" for label, v in (("name", name), ("id", entity)) if v]
        self.add(f"  {i:>2}. {self.s(kind, 'kind')} {visible(text)}" + (f"  [{'; '.join(extra)}]" if extra else ""))

    def findings(self) -> None:
        self.listing("FINDINGS", self.a.findings, self.finding)

    def finding(self, i: int, f: Finding) -> None:
        self.add(f"  {i:>2}. {self.s(f.kind, 'warn')}  {visible(f.message)}")
        for span in f.spans:
            self.field("at", f"{visible(span.text)}  [{span.start}-{span.end}]")


def render(doc: Document, analysis: Analysis, color: bool = False) -> str:
    """The report for one document; ANSI colour only when ``color`` is true."""
    report = _Report(doc, analysis, color)
    report.header()
    report.claims()
    report.quotes()
    report.sources()
    report.quantities()
    report.times()
    report.entities()
    report.findings()
    return "\n".join(report.lines)
