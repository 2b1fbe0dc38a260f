"""The typed data model of isnad and its JSON contract (``schema_version`` 2).

Every annotation is a span of the *exact* input string: ``start``/``end`` are Python ``str``
indices and ``text == document.text[start:end]``.  Every item has an ``id`` that depends only on
its kind and its offsets (``ent-272-276``), so it is the same in every run over the same text and
other items (claims) refer to it by id, not by list position.  The JSON Schema printed by
``isnad schema`` is generated from these classes, so they are the single source of truth for the
output contract.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 2


class Document(BaseModel):
    """One input article."""

    id: str
    text: str
    lang: str | None = None
    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = Field(None, description="The publication: 'BBC Arabic', 'skynews' …")
    url: str | None = Field(None, description="The article's address at its outlet.")
    author: str | None = Field(None, description="The byline: who wrote the article.")


class Span(BaseModel):
    """A piece of the input: ``text == input[start:end]``."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Item(Span):
    """An annotation of the document, with an id that other items refer to it by.

    The id is ``<kind>-<start>-<end>`` (a suffix ``-2``, ``-3`` … when two items of a kind share
    their offsets): stable across runs on the same text, readable in a URL or an SQL row.
    """

    id: str = ""


class Cue(Span):
    """The reporting verb or phrase that introduces a quote (قال، أكد، زعم، according to …)."""

    lemma: str | None = Field(None, description="Lexicon entry the cue matched.")
    strength: Literal["neutral", "assertive", "doubting", "tentative"] | None = Field(
        None, description="How the writer frames the report: a fact-checker wants to see doubt."
    )


class Speaker(Span):
    """Who said it, as written, with the knowledge-base identity when known."""

    entity: str | None = None
    name: str | None = None
    role: str | None = Field(None, description="Office or role given in the text, e.g. 'الرئيس الروسي'.")


class Transmitter(BaseModel):
    """One link of a quote's chain of transmission (speaker first, writer last)."""

    text: str
    start: int | None = None
    end: int | None = None
    kind: Literal["speaker", "person", "organization", "media", "document", "anonymous", "writer"]
    entity: str | None = None


class Quote(Item):
    kind: Literal["direct", "indirect", "mixed"]
    cue: Cue | None = None
    speaker: Speaker | None = None
    channel: Span | None = None
    chain: list[Transmitter] = Field(default_factory=list)
    sentence: int | None = Field(None, description="Index of the sentence holding the quote's start.")


class Source(Item):
    kind: Literal["person", "organization", "media", "document", "anonymous"]
    entity: str | None = None
    name: str | None = None


class Quantity(Item):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: bool = False
    unit: str | None = None
    counted: Span | None = None
    per: str | None = Field(None, description="A rate's period: the value is per this unit of time "
                                                 "(«ألف برميل يومياً» → unit barrel, per day).")


class Time(Item):
    type: Literal["date", "range", "duration", "month", "year", "time", "set"]
    value: str | None = Field(None, description="ISO 8601 value (date, interval, duration).")
    anchored: bool = Field(
        True, description="False when the value needed a publication date that was not given."
    )


class Entity(Item):
    label: Literal["PER", "ORG", "LOC", "MISC"]
    entity: str | None = None
    name: str | None = None


class Claim(Item):
    """A checkable statement with the annotations it rests on, referenced by their ids."""

    sentence: int
    type: Literal["statistic", "quote", "event", "causal", "comparison", "prediction", "opinion"]
    attribution: Literal["writer", "named", "anonymous", "unattributed"]
    attributed_to: str | None = None
    checkworthiness: float | None = Field(None, ge=0, le=1)
    subjectivity: float | None = Field(None, ge=0, le=1)
    priority: float = Field(ge=0, le=1)
    reasons: list[str] = Field(default_factory=list)
    quantities: list[str] = Field(default_factory=list, description="Ids of the figures it states.")
    times: list[str] = Field(default_factory=list, description="Ids of its dates.")
    entities: list[str] = Field(default_factory=list, description="Ids of the entities it names.")
    quotes: list[str] = Field(default_factory=list, description="Ids of the quotes it reports.")
    sources: list[str] = Field(default_factory=list, description="Ids of the sources it credits.")


class Finding(BaseModel):
    """An internal inconsistency between figures of one article."""

    id: str = ""
    kind: Literal["duration_mismatch", "total_less_than_parts", "conflicting_values"]
    message: str
    spans: list[Span]


class Sentence(Item):
    paragraph: int
    heading: bool = False
    subjectivity: float | None = Field(None, ge=0, le=1)
    checkworthiness: float | None = Field(None, ge=0, le=1)


class DocumentInfo(BaseModel):
    id: str
    lang: str | None
    published: dt.date | None
    title: str | None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    chars: int
    content_hash: str = Field(description="sha256 of the UTF-8 text, hex: the same text, the same hash.")


class Provenance(BaseModel):
    """What produced an analysis, so that a store can tell which analyses are stale.

    ``fingerprint`` changes whenever isnad's version, the stages, the language data, the bundled
    models or the knowledge base (bundled and user files) change.
    """

    isnad: str
    stages: list[str]
    lang_data: str = Field(description="sha256 (first 16 hex) of the language data files.")
    models: str = Field(description="sha256 (first 16 hex) of the bundled model files the stages use.")
    kb: str = Field(description="sha256 (first 16 hex) of the knowledge-base files.")
    fingerprint: str = Field(description="sha256 (first 16 hex) of all of the above.")


class Analysis(BaseModel):
    """Everything isnad found in one document: the JSON contract, version ``SCHEMA_VERSION``."""

    id: str
    schema_version: Literal[2] = SCHEMA_VERSION
    document: DocumentInfo
    provenance: Provenance | None = None
    sentences: list[Sentence] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of one ``isnad analyze`` output object."""
    schema = Analysis.model_json_schema()
    schema["$id"] = f"https://isnad.invalid/schema/analysis-v{SCHEMA_VERSION}.json"
    schema["title"] = "isnad analysis"
    return schema
