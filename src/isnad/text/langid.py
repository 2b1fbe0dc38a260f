"""Language identification: Arabic-script share first, py3langid (offline model) otherwise."""

from __future__ import annotations

def _arabic_share(text: str) -> float:
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff") / len(letters)


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language ('ar', 'en', …); 'und' when there is no text."""
    if not text.strip():
        return "und"
    share = _arabic_share(text)
    if share >= 0.5:
        return "ar"
    import py3langid  # loads its bundled model on first use

    lang, _ = py3langid.classify(text[:5000])
    if lang in ("fa", "ur", "ps") and share >= 0.3:
        return "ar"
    return lang
