"""An analysis as table rows, built where the analysis runs (a worker process or a Dask worker).

The writer then only inserts: serialising the JSON contract, flattening items into rows and
computing the search terms all happen in the workers, so one writer keeps up with many of them.
"""

from __future__ import annotations

import json

from isnad.core.pipeline import Failure, Pipeline
from isnad.corpus.store import AnalysedArticle, AnalysisRecord, Article, SearchText
from isnad.model import Analysis
from isnad.text.search import index_text

#: columns of each item table after ``analysis_id, article_id`` (the order of the row tuples)
ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    "quotes": ("item_id", "start", "end", "text", "kind", "speaker", "speaker_entity", "speaker_name",
               "speaker_role", "cue", "cue_lemma", "cue_strength", "channel", "sentence"),
    "sources": ("item_id", "start", "end", "text", "kind", "entity", "name"),
    "quantities": ("item_id", "start", "end", "text", "value", "low", "high", "unit", "approx", "counted", "per"),
    "times": ("item_id", "start", "end", "text", "type", "value", "anchored"),
    "entities": ("item_id", "start", "end", "text", "label", "entity", "name"),
    "claims": ("item_id", "start", "end", "text", "sentence", "type", "attribution", "attributed_to",
               "checkworthiness", "subjectivity", "priority", "reasons"),
    "claim_items": ("claim_id", "kind", "item_id"),
    "findings": ("item_id", "kind", "message", "spans"),
}
# claim field -> the kind written in claim_items
_CLAIM_LINKS = (("quantities", "quantity"), ("times", "time"), ("entities", "entity"), ("quotes", "quote"),
                ("sources", "source"))


def item_rows(analysis: Analysis) -> dict[str, list[tuple]]:
    """The rows of every item table for one analysis (columns as in :data:`ITEM_COLUMNS`)."""
    rows: dict[str, list[tuple]] = {
        "quotes": [
            (q.id, q.start, q.end, q.text, q.kind,
             q.speaker.text if q.speaker else None, q.speaker.entity if q.speaker else None,
             q.speaker.name if q.speaker else None, q.speaker.role if q.speaker else None,
             q.cue.text if q.cue else None, q.cue.lemma if q.cue else None, q.cue.strength if q.cue else None,
             q.channel.text if q.channel else None, q.sentence)
            for q in analysis.quotes
        ],
        "sources": [(s.id, s.start, s.end, s.text, s.kind, s.entity, s.name) for s in analysis.sources],
        "quantities": [
            (q.id, q.start, q.end, q.text, q.value, q.low, q.high, q.unit, int(q.approx),
             q.counted.text if q.counted else None, q.per)
            for q in analysis.quantities
        ],
        "times": [(t.id, t.start, t.end, t.text, t.type, t.value, int(t.anchored)) for t in analysis.times],
        "entities": [(e.id, e.start, e.end, e.text, e.label, e.entity, e.name) for e in analysis.entities],
        "claims": [
            (c.id, c.start, c.end, c.text, c.sentence, c.type, c.attribution, c.attributed_to, c.checkworthiness,
             c.subjectivity, c.priority, ", ".join(c.reasons) or None)
            for c in analysis.claims
        ],
        "claim_items": [
            (c.id, kind, item_id)
            for c in analysis.claims for field, kind in _CLAIM_LINKS for item_id in getattr(c, field)
        ],
        "findings": [
            (f.id, f.kind, f.message, json.dumps([s.model_dump() for s in f.spans], ensure_ascii=False))
            for f in analysis.findings
        ],
    }
    return rows


def search_text(article: Article) -> SearchText:
    title_terms, title_alternatives = index_text(article.document.title or "")
    text_terms, text_alternatives = index_text(article.document.text)
    return SearchText(title_terms, text_terms, f"{title_alternatives} {text_alternatives}".strip())


def analyse_article(pipeline: Pipeline, article: Article) -> AnalysedArticle:
    """Analyse one article and make everything the store needs (an internal error costs this article only)."""
    result = pipeline.safe(article.document)
    search = search_text(article)
    if isinstance(result, Failure):
        return AnalysedArticle(article, article.document.lang, search, error=result.error)
    provenance = result.provenance
    assert provenance is not None  # a Pipeline always sets it
    record = AnalysisRecord(
        fingerprint=provenance.fingerprint, isnad_version=provenance.isnad, stages=",".join(provenance.stages),
        json=result.model_dump_json(), items=item_rows(result),
    )
    return AnalysedArticle(article, result.document.lang, search, analysis=record)
