"""Reading articles from files, stdin and JSON Lines, with clear errors for bad input.

Every problem becomes an :class:`InputError` whose message names the input and says what is
wrong and what was tried; the CLI prints it and goes on with the next input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from isnad.model import Document
from isnad.text.metadata import byline, headline

MAX_CHARS = 2_000_000  # one article; a larger input is almost always a mistake (a dump, a log)
_FALLBACK_ENCODINGS = ("cp1256",)
#: the ``lang`` values the stages have language data for ("auto" or none: detected)
LANGUAGES = ("ar", "en")

Warn = Callable[[str], None]


class InputError(Exception):
    """An input that cannot be analysed, with a message meant for the user.

    ``doc_id`` is the id the input gave itself, when it got that far (a JSONL record with an id
    but no text), so that a refusal can be matched to its input.
    """

    def __init__(self, message: str, doc_id: str | None = None) -> None:
        super().__init__(message)
        self.doc_id = doc_id


@dataclass
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, name: str) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16 with a BOM; else cp1256, the legacy Arabic Windows code page."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows "Unicode" text
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    if b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.1:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any("\u0600" <= c <= "\u06ff" for c in text):
            return Decoded(text, encoding)
    raise InputError(
        f"{name}: not valid UTF-8 (byte {utf8_error.start}: {data[utf8_error.start:utf8_error.start + 1]!r})"
        f" and not Arabic {'/'.join(_FALLBACK_ENCODINGS)} either; convert it to UTF-8"
    )


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(data)


def parse_date(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: 'published' must be a YYYY-MM-DD string, got {value!r}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{where}: 'published' is not a date in YYYY-MM-DD form: {value!r}") from None


def _check_size(text: str, name: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise InputError(
            f"{name}: {len(text):,} characters is over the limit of {max_chars:,} for one article"
            " (split it, or raise --max-chars)"
        )
    if not text.strip():
        raise InputError(f"{name}: no text to analyse")


def document_from_record(record: object, where: str, max_chars: int = MAX_CHARS, warn: Warn | None = None) -> Document:
    """A Document from a JSON object ``{"id", "text", "lang"?, "published"?, "title"?, "outlet"?, "url"?, "author"?}``.

    ``source`` is read as the outlet when ``outlet`` is absent (the key of schema version 1).
    ``warn`` hears about values that are used but probably not what the writer meant: a number as
    id (used as a string), a ``lang`` the stages have no data for.
    """
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    given_id = None if doc_id is None or isinstance(doc_id, dict | list) else str(doc_id)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: missing 'text' (a string)", given_id)
    if doc_id is None:
        raise InputError(f"{where}: missing 'id'")
    if isinstance(doc_id, dict | list):
        raise InputError(f"{where}: 'id' must be a string, got a JSON {type(doc_id).__name__}")
    if not isinstance(doc_id, str) and warn is not None:
        kind = "boolean" if isinstance(doc_id, bool) else "number"
        warn(f"{where}: 'id' is a {kind} ({json.dumps(doc_id)}), not a string; used as {str(doc_id)!r}")
    lang = record.get("lang")
    if lang not in (None, "", "auto", *LANGUAGES) and warn is not None:
        warn(f"{where}: 'lang' {lang!r} is not one isnad has language data for ({', '.join(LANGUAGES)});"
             " leave it out to detect the language")
    for key in ("id", "text", "title", "outlet", "url", "author", "source"):
        value = record.get(key)
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:  # a lone surrogate escape such as "\ud800"
                raise InputError(f"{where}: '{key}' holds an invalid character (lone surrogate at {err.start})",
                                 given_id) from None
    try:
        _check_size(text, where, max_chars)
        published = parse_date(record.get("published"), where)
    except InputError as err:
        raise InputError(str(err), given_id) from None
    return Document(
        id=str(doc_id),
        text=text,
        lang=lang if isinstance(lang, str) and lang else None,
        published=published,
        title=_string(record, "title"),
        outlet=_string(record, "outlet") or _string(record, "source"),
        url=_string(record, "url"),
        author=_string(record, "author"),
    )


def _string(record: dict, name: str) -> str | None:
    value = record.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _from_html(html: str, name: str) -> tuple[str, dict]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    info = {}
    if meta is not None:
        info = {"title": meta.title, "published": meta.date, "outlet": meta.sitename, "url": meta.url,
                "author": meta.author}
    return text, info


def read_file(path: str, data: bytes, *, max_chars: int = MAX_CHARS, warn: Warn | None = None) -> Document:
    """A Document from one file's bytes, by extension: .html/.htm, .json, anything else as text.

    Plain text gets its title from a headline first line and its author from a byline
    (:mod:`isnad.text.metadata`); HTML gets both from the page's metadata; JSON from its fields.
    """
    name = path
    if len(data) > max_chars * 4:  # before decoding a huge blob
        raise InputError(
            f"{name}: {len(data):,} bytes is over the size limit for one article ({max_chars:,} characters;"
            " split it, or raise --max-chars)"
        )
    decoded = decode(data, name)
    if decoded.encoding != "utf-8" and warn is not None:
        legacy = " (Arabic Windows)" if decoded.encoding == "cp1256" else ""
        warn(f"{name}: not UTF-8; decoded as {decoded.encoding}{legacy}")
    suffix = Path(path).suffix.lower()
    stem = Path(path).stem if path != "-" else "stdin"
    if suffix == ".json":
        try:
            record = json.loads(decoded.text)
        except json.JSONDecodeError as err:
            raise InputError(f"{name}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
        if isinstance(record, dict):
            record.setdefault("id", stem)
        return document_from_record(record, name, max_chars, warn)
    if suffix in (".html", ".htm") or decoded.text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, meta = _from_html(decoded.text, name)
        _check_size(text, name, max_chars)
        published = None
        if meta.get("published"):
            try:
                published = parse_date(meta["published"], name)
            except InputError:
                published = None
        return Document(id=stem, text=text, title=meta.get("title"), published=published, outlet=meta.get("outlet"),
                        url=meta.get("url"), author=meta.get("author"))
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    _check_size(text, name, max_chars)
    return Document(id=stem, text=text, title=headline(text), author=byline(text))


def iter_jsonl_records(
    stream: Iterable[bytes], name: str, *, max_chars: int = MAX_CHARS
) -> Iterator[tuple[int, object | InputError]]:
    """``(line number, parsed JSON value or the error for that line)`` for each non-blank line.

    Lines are read one at a time, so a corpus of any size is processed in constant memory; a line
    that is not UTF-8 (or cp1256 Arabic) is reported like any other bad line.
    """
    seen_text = False
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        seen_text = True
        where = f"{name}:{number}"
        if len(raw) > max_chars * 4 + 1024:
            yield number, InputError(f"{where}: line of {len(raw):,} bytes is over the size limit for one article")
            continue
        try:
            line = decode(raw.rstrip(b"\r\n"), where).text
        except InputError as err:
            yield number, err
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            yield number, InputError(f"{where}: malformed JSON (column {err.colno}: {err.msg})")
    if not seen_text:
        raise InputError(f"{name}: empty input")


def iter_jsonl(
    stream: Iterable[bytes], name: str, *, max_chars: int = MAX_CHARS, warn: Warn | None = None
) -> Iterator[tuple[int, Document | InputError]]:
    """``(line number, Document or the error for that line)`` for each non-blank line of a byte stream."""
    for number, record in iter_jsonl_records(stream, name, max_chars=max_chars):
        if isinstance(record, InputError):
            yield number, record
            continue
        try:
            yield number, document_from_record(record, f"{name}:{number}", max_chars, warn)
        except InputError as err:
            yield number, err
