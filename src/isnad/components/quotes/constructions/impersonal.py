"""Impersonal cues: «ويذكر أن», «فتبيّن أنه غير صحيح» (it turned out) report nobody.

A present cue of ``impersonal_cues`` with no subject before it and إن/أن right after it; the clause still
ends the content before it (its comma is a split point).
"""

from __future__ import annotations

from isnad.components.quotes.clause import NOT_MINE, Clause, Reading


def read(clause: Clause) -> Reading:
    return None if clause.impersonal() else NOT_MINE
