"""Run chosen stages on a text with some fields preset by hand (no order check, the Doc still guards).

Tests of one stage use this to give it exactly the input they mean («no entities», «these times»)
instead of a partial pipeline, which the pipeline refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from isnad.core.doc import Doc
from isnad.core.registry import load_stages
from isnad.model import Analysis, Document, Entity


def make_doc(text: str, lang: str | None = None, published: dt.date | None = None,
             preset: dict[str, Any] | None = None) -> Doc:
    doc = Doc(Document(id="t", text=text, lang=lang, published=published))
    for name, value in (preset or {}).items():
        setattr(doc, name, value)
        doc.assign_ids((name,))
    return doc


def run_stages(text: str, stages: Sequence[str], lang: str | None = None, published: dt.date | None = None,
               preset: dict[str, Any] | None = None) -> Analysis:
    doc = make_doc(text, lang, published, preset)
    registry = load_stages()
    for name in stages:
        doc.run_stage(registry[name])
    return doc.to_analysis()


def entity_at(text: str, surface: str, label: str) -> Entity:
    """An entity preset by hand: the first occurrence of ``surface`` in ``text``."""
    start = text.index(surface)
    return Entity(start=start, end=start + len(surface), text=surface, label=label)
