"""The analysis pipeline: small components, each adding one kind of annotation to a shared context.

A component is a function ``annotate(ctx: Context) -> None`` in its own module.  Components run in
the order of ``STAGES``; later ones may read what earlier ones added (entities read times, quotes
read entities, claims read everything).  Models and lexicons are loaded once per process by the modules themselves.
"""

from __future__ import annotations

import bisect
import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isnad.kb import KnowledgeBase
from isnad.model import Analysis, Document, DocumentInfo, Sentence, Span
from isnad.text.langid import detect
from isnad.text.normalize import NormalizedText, normalize
from isnad.text.segment import split_sentences

# (stage name, "module:function").  Order matters: see the module docstring.
STAGES: list[tuple[str, str]] = [
    ("times", "isnad.extract.times:annotate"),
    ("entities", "isnad.extract.entities:annotate"),
    ("quantities", "isnad.extract.quantities:annotate"),
    ("quotes", "isnad.extract.quotes:annotate"),
    ("sources", "isnad.extract.sources:annotate"),
    ("claims", "isnad.extract.claims:annotate"),
    ("findings", "isnad.extract.consistency:annotate"),
]


@dataclass
class Context:
    """What a component sees: the document, its folded text with offset map, and the analysis."""

    doc: Document
    lang: str
    norm: NormalizedText
    analysis: Analysis
    options: dict[str, Any] = field(default_factory=dict)
    # Shared derived data (token lists, entity index …) so components do not recompute it.
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def kb(self) -> KnowledgeBase:
        """The bundled knowledge base merged with the user's ``kb_paths`` (loaded once per process)."""
        return KnowledgeBase.default(tuple(Path(p) for p in self.options.get("kb_paths") or ()))

    def span(self, start: int, end: int) -> Span:
        """A span of the original text."""
        return Span(start=start, end=end, text=self.doc.text[start:end])

    def folded_span(self, start: int, end: int) -> Span:
        """A span of the original text from offsets into ``norm.text``."""
        o_start, o_end = self.norm.span(start, end)
        return self.span(o_start, o_end)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing original offset ``offset``."""
        starts = self.cache.get("sentence_starts")
        if starts is None or len(starts) != len(self.analysis.sentences):
            starts = self.cache["sentence_starts"] = [s.start for s in self.analysis.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.analysis.sentences[i].end:
            return i
        return None


Component = Callable[[Context], None]


def _load(target: str) -> Component:
    module_name, func = target.split(":")
    return getattr(importlib.import_module(module_name), func)


class Pipeline:
    """Runs the stages over documents; ``timings`` accumulates seconds per stage (for ``bench``)."""

    def __init__(self, stages: Iterable[str] | None = None, options: dict[str, Any] | None = None):
        wanted = set(stages) if stages is not None else None
        self.components: list[tuple[str, Component]] = [
            (name, _load(target)) for name, target in STAGES if wanted is None or name in wanted
        ]
        self.options = options or {}
        self.timings: dict[str, float] = {"text": 0.0} | {name: 0.0 for name, _ in self.components}

    def __call__(self, doc: Document) -> Analysis:
        t0 = time.perf_counter()
        lang = doc.lang if doc.lang and doc.lang != "auto" else detect(doc.text)
        norm = normalize(doc.text)
        analysis = Analysis(
            id=doc.id,
            document=DocumentInfo(
                id=doc.id, lang=lang, published=doc.published, title=doc.title, chars=len(doc.text)
            ),
            sentences=[
                Sentence(
                    start=s.start, end=s.end, text=doc.text[s.start:s.end],
                    paragraph=s.paragraph, heading=s.heading,
                )
                for s in split_sentences(doc.text)
            ],
        )
        ctx = Context(doc=doc, lang=lang, norm=norm, analysis=analysis, options=self.options)
        self.timings["text"] += time.perf_counter() - t0
        for name, component in self.components:
            t0 = time.perf_counter()
            component(ctx)
            _sort(analysis)
            self.timings[name] += time.perf_counter() - t0
        return analysis


def _sort(analysis: Analysis) -> None:
    """Span lists in text order, so that claims (which come later) can refer to them by index."""
    for name in ("quotes", "sources", "quantities", "times", "entities"):
        getattr(analysis, name).sort(key=lambda item: (item.start, -item.end))


def analyze(doc: Document, **options: Any) -> Analysis:
    """Analyse one document with the full pipeline (convenience for library users)."""
    return Pipeline(options=options)(doc)
