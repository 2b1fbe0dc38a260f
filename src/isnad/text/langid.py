"""Language identification: Arabic-script share first, then py3langid's bundled (offline) model.

py3langid is restricted to the languages Middle East news comes in, which makes short texts
("Hello world.") far less likely to come out as an unrelated language.  Its model costs 70 MB and
0.7 s to load, so an Arabic-script text is settled without it when it can be: with none of the
letters of Persian, Urdu or Kurdish, or with them (an Arabic text typed on a Persian keyboard writes
ی and ک) but with Arabic function words outnumbering theirs (``lang/langid_arabic_script.json``).
"""

from __future__ import annotations

import re

from isnad import lang
from isnad.core.resources import resource

NEWS_LANGUAGES = ["ar", "en", "fr", "fa", "tr", "he", "ur", "ku", "de", "es", "ru", "it"]


def _arabic_share(text: str) -> float:
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff") / len(letters)


@resource
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(NEWS_LANGUAGES)
    return identifier


# Letters of Persian, Urdu and Kurdish that Arabic does not use (پ چ ژ گ ی ک ٹ ڈ ڑ ں ے ۆ ێ ڕ ڵ ھ).
_NOT_ARABIC_LETTERS = frozenset("پچژگیکٹڈڑںےۆێڕڵھ")


# The letters that Arabic written on a Persian keyboard shares with Persian, folded to the Arabic ones,
# and what does not tell the languages apart (diacritics, tatweel, alef forms); nothing else is folded.
_SCRIPT_FOLD = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "أ": "ا", "إ": "ا", "آ": "ا", "ـ": None,
                              **{chr(c): None for c in range(0x064B, 0x0653)}})
_WORD = re.compile(r"[\u0600-\u06FF\u200c]+")


@resource
def _function_words() -> dict[str, str]:
    """Folded function word -> the language it marks."""
    return {w.translate(_SCRIPT_FOLD): code for code, words in lang.lists("langid_arabic_script.json").items()
            for w in words}


def _arabic_by_function_words(sample: str) -> bool:
    """Arabic function words at least three, and four times those of Persian, Urdu and Kurdish together."""
    marks = _function_words()
    arabic = other = 0
    for word in _WORD.findall(sample.translate(_SCRIPT_FOLD)):
        code = marks.get(word)
        if code is None and word[:1] == "و":  # «وفي», «وقال»
            code = marks.get(word[1:])
        if code == "ar":
            arabic += 1
        elif code is not None:
            other += 1
    return arabic >= 3 and arabic >= 4 * other


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language ('ar', 'en', …); 'und' when there is no text."""
    if not any(c.isalpha() for c in text):
        return "und"
    sample = text[:5000]
    if _arabic_share(text) >= 0.5 and (not _NOT_ARABIC_LETTERS.intersection(sample)
                                       or _arabic_by_function_words(sample)):
        return "ar"  # Arabic script, and nothing of the other languages: no model needed
    code, _ = _identifier().classify(sample)
    if _arabic_share(text) >= 0.5 and code not in ("fa", "ur", "ku"):
        return "ar"  # Arabic script: the model only has to tell Persian, Urdu, Kurdish apart
    return code
