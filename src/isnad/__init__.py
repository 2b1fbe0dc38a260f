"""isnad: quotes, sources, figures, dates, entities and claims from Arabic and English news."""

__version__ = "0.1.0"
