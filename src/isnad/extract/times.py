"""Placeholder until its issue lands: adds nothing."""

from isnad.pipeline import Context


def annotate(ctx: Context) -> None:
    return None
