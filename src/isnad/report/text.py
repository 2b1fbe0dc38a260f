"""Terminal report (to be expanded by the reports work)."""

from __future__ import annotations

from isnad.model import Analysis, Document


def render(doc: Document, analysis: Analysis, color: bool = False) -> str:
    lines = [f"# {doc.id}  ({analysis.document.lang}, {analysis.document.chars} chars)"]
    for name in ("quotes", "sources", "quantities", "times", "entities", "claims"):
        items = getattr(analysis, name)
        lines.append(f"{name}: {len(items)}")
    return "\n".join(lines)
