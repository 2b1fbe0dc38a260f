"""A generic check of the offset contract: every span anywhere in an analysis is a slice of the input.

It walks the model recursively instead of listing fields, so a span added to the model later (a new
nested field, a new list) is checked without touching the tests.
"""

from __future__ import annotations

from pydantic import BaseModel

from isnad.model import Analysis


def offset_errors(node: object, text: str, path: str = "analysis") -> list[str]:
    """Every place under ``node`` where ``start``/``end``/``text`` disagree with ``text``; empty when all hold."""
    errors: list[str] = []
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        if {"start", "end", "text"} <= set(fields):
            start, end, value = node.start, node.end, node.text
            if start is not None or end is not None:
                if start is None or end is None or not (0 <= start <= end <= len(text)):
                    errors.append(f"{path}: bad offsets {start}..{end} (text length {len(text)})")
                elif text[start:end] != value:
                    errors.append(f"{path}: text {value!r} != input[{start}:{end}] {text[start:end]!r}")
        for name in fields:
            errors.extend(offset_errors(getattr(node, name), text, f"{path}.{name}"))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            errors.extend(offset_errors(item, text, f"{path}[{i}]"))
    return errors


def reference_errors(analysis: Analysis) -> list[str]:
    """Ids are unique; claims refer to items by id and to a sentence by index: every one must exist."""
    errors = []
    ids: dict[str, set[str]] = {}
    for name in ("sentences", "quantities", "times", "entities", "quotes", "sources", "claims", "findings"):
        items = getattr(analysis, name)
        ids[name] = {item.id for item in items}
        if len(ids[name]) != len(items) or "" in ids[name]:
            errors.append(f"{name}: ids missing or not unique")
    for i, claim in enumerate(analysis.claims):
        if not 0 <= claim.sentence < len(analysis.sentences):
            errors.append(f"claims[{i}].sentence {claim.sentence} out of range")
        for name in ("quantities", "times", "entities", "quotes", "sources"):
            errors.extend(f"claims[{i}].{name}: no item {ref!r}" for ref in getattr(claim, name) if ref not in ids[name])
    for i, quote in enumerate(analysis.quotes):
        if quote.sentence is not None and not 0 <= quote.sentence < len(analysis.sentences):
            errors.append(f"quotes[{i}].sentence {quote.sentence} out of range")
    return errors
