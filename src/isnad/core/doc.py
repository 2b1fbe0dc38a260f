"""The document every stage works on, built once per article.

A :class:`Doc` holds the input text and what every stage needs of it, computed once: the
language, the folded text with its map back to the input (:mod:`isnad.text.normalize`), the
sentences, and one token stream over the folded text (:mod:`isnad.text.tokens`), each word with
its matching key and its proclitics split off.  Stages add their results as *fields*
(``doc.entities``, ``doc.quotes`` …, registered in :mod:`isnad.core.registry`); while a stage runs,
the Doc lets it read only the fields it declared it requires or assigns, and write only those it
assigns.  Offsets are sacred: every span a stage emits is an index into ``doc.text``.
"""

from __future__ import annotations

import bisect
import hashlib
from functools import cached_property
from typing import TYPE_CHECKING, Any

from isnad.core.registry import FIELDS, PipelineError, Stage
from isnad.model import Analysis, Document, DocumentInfo, Provenance, Sentence, Span
from isnad.text.langid import detect
from isnad.text.normalize import NormalizedText, normalize
from isnad.text.numbers import NumberMatch, find_numbers
from isnad.text.segment import split_sentences
from isnad.text.tokens import Token, TokenStream

if TYPE_CHECKING:
    import datetime as dt

    from isnad.kb import KnowledgeBase


class FieldError(PipelineError, AttributeError):
    """A stage read a field that is not set or not declared, or wrote one it does not assign."""


class Doc:
    """One article: text, folded text, sentences, tokens, and the fields the stages assign."""

    def __init__(self, document: Document, *, kb: KnowledgeBase | None = None,
                 options: dict[str, Any] | None = None):
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_stage", None)
        self.document = document
        self.text = document.text
        self.lang = document.lang if document.lang and document.lang != "auto" else detect(document.text)
        self.norm: NormalizedText = normalize(document.text)
        self.sentences: list[Sentence] = [
            Sentence(id=f"sent-{i}", start=s.start, end=s.end, text=self.text[s.start:s.end],
                     paragraph=s.paragraph, heading=s.heading)
            for i, s in enumerate(split_sentences(self.text))
        ]
        self.options = options or {}
        self._kb = kb

    # ------------------------------------------------------------------ what every stage reads
    @property
    def published(self) -> dt.date | None:
        return self.document.published

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            from isnad.kb import KnowledgeBase

            self._kb = KnowledgeBase.default()
        return self._kb

    @cached_property
    def tokens(self) -> TokenStream:
        """The folded text's tokens (words, numbers, punctuation), built on first use."""
        return TokenStream(self.norm)

    @cached_property
    def words(self) -> list[Token]:
        """The same tokens with offsets and text of the original (diacritics and tatweel inside)."""
        stream = self.tokens
        out = []
        for tok in stream:
            start, end = stream.original(tok)
            out.append(Token(start, end, self.text[start:end]))
        return out

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    def words_in(self, start: int, end: int) -> list[Token]:
        """The original-text tokens inside ``[start, end)`` (a sentence's, say)."""
        starts = self._word_starts
        return self.words[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    @cached_property
    def numbers(self) -> list[NumberMatch]:
        """Every number expression of the folded text (:mod:`isnad.text.numbers`), read once for
        the stages that need them (times, quantities)."""
        return find_numbers(self.tokens)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def span(self, start: int, end: int) -> Span:
        """A span of the original text."""
        return Span(start=start, end=end, text=self.text[start:end])

    def folded_span(self, start: int, end: int) -> Span:
        """A span of the original text from offsets into ``norm.text``."""
        o_start, o_end = self.norm.span(start, end)
        return self.span(o_start, o_end)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing original offset ``offset``."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    # ------------------------------------------------------------------ fields
    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: fields live in _values.
        if name.startswith("__") or name not in FIELDS:
            raise AttributeError(name)
        current: Stage | None = self._stage
        if current is not None and not current.may_read(name):
            raise FieldError(f"stage {current.name!r} reads doc.{name} but does not declare it: "
                             f"add {name!r} to its requires")
        try:
            return self._values[name]
        except KeyError:
            raise FieldError(f"doc.{name} is not set: no stage that assigns it has run"
                             + (f" before {current.name!r}" if current else "")) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in FIELDS:
            current: Stage | None = self._stage
            if current is not None and name not in current.assigns:
                raise FieldError(f"stage {current.name!r} writes doc.{name} but does not declare it: "
                                 f"add {name!r} to its assigns")
            self._values[name] = value
        else:
            object.__setattr__(self, name, value)

    def run_stage(self, spec: Stage) -> None:
        """Run one stage on this Doc, guarded (the pipeline's loop; tests call it with preset fields)."""
        self._enter(spec)
        try:
            spec.function(self)
        finally:
            self._enter(None)
        self.assign_ids(spec.assigns)

    def has(self, name: str) -> bool:
        """Whether the field ``name`` has been assigned (no declaration needed to ask)."""
        return name in self._values

    def _enter(self, spec: Stage | None) -> None:
        object.__setattr__(self, "_stage", spec)
        if spec is not None:
            for name in spec.assigns:
                self._values.setdefault(name, [])

    # ------------------------------------------------------------------ ids and output
    def assign_ids(self, names: tuple[str, ...]) -> None:
        """Sort the item lists ``names`` in text order and give each item its id."""
        for name in names:
            spec = FIELDS[name]
            prefix = spec.id_prefix
            items = self._values.get(name)
            if prefix is None or not isinstance(items, list):
                continue
            if spec.text_order and items and hasattr(items[0], "start"):
                items.sort(key=lambda item: (item.start, -item.end))
            seen: dict[str, int] = {}
            for item in items:
                if hasattr(item, "start"):
                    base = f"{prefix}-{item.start}-{item.end}"
                else:  # findings: by their first span
                    first = item.spans[0] if item.spans else None
                    base = f"{prefix}-{first.start}-{first.end}" if first else prefix
                n = seen[base] = seen.get(base, 0) + 1
                item.id = base if n == 1 else f"{base}-{n}"

    def to_analysis(self, provenance: Provenance | None = None) -> Analysis:
        """The JSON contract of this document: what the stages found, with ids and provenance."""
        doc = self.document
        values = self._values
        return Analysis(
            id=doc.id,
            document=DocumentInfo(
                id=doc.id, lang=self.lang, published=doc.published, title=doc.title, outlet=doc.outlet,
                url=doc.url, author=doc.author, chars=len(self.text), content_hash=content_hash(self.text),
            ),
            provenance=provenance,
            sentences=self.sentences,
            **{name: values[name] for name in ("quotes", "sources", "quantities", "times", "entities", "claims",
                                               "findings") if name in values},
        )


def content_hash(text: str) -> str:
    """sha256 of the UTF-8 text, hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
