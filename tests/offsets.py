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
    """Claims refer to other lists by index and to a sentence: every index must exist."""
    errors = []
    for i, claim in enumerate(analysis.claims):
        if not 0 <= claim.sentence < len(analysis.sentences):
            errors.append(f"claims[{i}].sentence {claim.sentence} out of range")
        for name in ("quantities", "times", "entities", "quotes", "sources"):
            size = len(getattr(analysis, name))
            errors.extend(f"claims[{i}].{name}: index {j} out of range" for j in getattr(claim, name) if not 0 <= j < size)
    for i, quote in enumerate(analysis.quotes):
        if quote.sentence is not None and not 0 <= quote.sentence < len(analysis.sentences):
            errors.append(f"quotes[{i}].sentence {quote.sentence} out of range")
    return errors
