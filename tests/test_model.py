"""The JSON contract: keys, item shapes, schema generation and versioning."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from pydantic import ValidationError

from isnad.cli import main
from isnad.core.pipeline import Pipeline
from isnad.model import SCHEMA_VERSION, Analysis, Document, Quote, Span, json_schema

TOP_LEVEL = {"id", "schema_version", "document", "provenance", "sentences", "quotes", "sources", "quantities", "times",
             "entities", "claims", "findings"}


def test_schema_is_generated_and_versioned() -> None:
    schema = json_schema()
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION == 2
    assert set(schema["properties"]) >= TOP_LEVEL
    defs = schema["$defs"]
    assert set(defs["Quote"]["properties"]) >= {"start", "end", "text", "kind", "cue", "speaker", "channel"}
    assert set(defs["Quantity"]["properties"]) >= {"value", "low", "high", "approx", "unit", "counted"}
    assert set(defs["Time"]["properties"]) >= {"type", "value", "anchored"}
    assert set(defs["Entity"]["properties"]) >= {"label", "entity", "name"}
    assert set(defs["Source"]["properties"]) >= {"kind", "entity"}
    assert set(defs["Sentence"]["properties"]) >= {"paragraph", "heading"}


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "isnad analysis"


def test_analysis_has_every_key_even_when_empty() -> None:
    doc = Document(id="d1", text="قال الوزير إن الوضع مستقر.", published=dt.date(2024, 12, 7))
    data = json.loads(Pipeline(stages=[])(doc).model_dump_json())
    assert set(data) == TOP_LEVEL
    assert data["schema_version"] == 2
    assert data["document"] == {"id": "d1", "lang": "ar", "published": "2024-12-07", "title": None, "outlet": None,
                                "url": None, "author": None, "chars": 26,
                                "content_hash": hashlib.sha256(doc.text.encode()).hexdigest()}
    assert data["provenance"]["stages"] == [] and len(data["provenance"]["fingerprint"]) == 16
    assert data["sentences"][0]["text"] == doc.text


def test_item_shapes_are_enforced() -> None:
    with pytest.raises(ValidationError):
        Quote(start=0, end=3, text="abc", kind="rumour")
    with pytest.raises(ValidationError):
        Span(start=0, end=3, text="abc", extra="no")
    round_trip = Analysis.model_validate_json(
        Pipeline(stages=[])(Document(id="x", text="Hello world.")).model_dump_json()
    )
    assert round_trip.document.lang == "en"
