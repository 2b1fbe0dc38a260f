"""Articles to ingest, streamed from files, directories, JSON Lines (plain or gzipped) and stdin.

Each input is read one record at a time (memory stays flat however large the corpus); a bad
record becomes an :class:`~isnad.inputs.InputError` naming the file and line, and reading goes on.
JSON records keep their ``published`` value as given (a timestamp with its offset) and their
other fields (``category``, ``abstract`` …) as the article's ``meta``.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from isnad.core.doc import content_hash
from isnad.corpus.store import Article
from isnad.inputs import MAX_CHARS, InputError, decode, document_from_record, iter_jsonl_records, read_file
from isnad.model import Document

#: suffixes read when a directory is given (a file named explicitly is read whatever its suffix)
FILE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".ndjson")
_RECORD_FIELDS = {"id", "text", "lang", "published", "title", "outlet", "url", "author", "source"}


def is_jsonl(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def expand(paths: Sequence[str]) -> Iterator[str | InputError]:
    """The files of ``paths``: directories walked recursively (sorted, hidden entries skipped)."""
    for path in paths:
        if path == "-":
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            found = False
            for child in sorted(p.rglob("*")):
                relative = child.relative_to(p).parts
                if child.is_file() and not any(part.startswith(".") for part in relative) \
                        and child.name.lower().endswith(FILE_SUFFIXES):
                    found = True
                    yield str(child)
            if not found:
                yield InputError(f"{path}: no {', '.join(FILE_SUFFIXES)} files in this directory")
        elif p.exists():
            yield path
        else:
            yield InputError(f"{path}: no such file or directory")


def article_from_record(record: object, where: str, max_chars: int = MAX_CHARS) -> Article:
    document = document_from_record(record, where, max_chars)
    assert isinstance(record, dict)  # document_from_record refuses anything else
    published = record.get("published")
    meta = {k: v for k, v in record.items() if k not in _RECORD_FIELDS and v not in (None, "")}
    return Article(document, content_hash(document.text), published if isinstance(published, str) else None,
                   meta, where)


def _article_from_document(document: Document, where: str) -> Article:
    published = document.published.isoformat() if document.published else None
    return Article(document, content_hash(document.text), published, {}, where)


def _open_stream(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")  # noqa: SIM115 - closed by the caller


def _jsonl(path: str, max_chars: int) -> Iterator[Article | InputError]:
    name = "stdin" if path == "-" else path
    stream = _open_stream(path)
    number = 0
    try:
        for number, record in iter_jsonl_records(stream, name, max_chars=max_chars):
            if isinstance(record, InputError):
                yield record
                continue
            try:
                yield article_from_record(record, f"{name}:{number}", max_chars)
            except InputError as err:
                yield err
    except (OSError, EOFError, zlib.error) as err:  # a truncated or corrupt .gz
        yield InputError(f"{name}: unreadable after line {number} ({err}); the rest of this file is skipped")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _single(path: str, max_chars: int) -> Article:
    name = "stdin" if path == "-" else path
    data = sys.stdin.buffer.read(max_chars * 4 + 1025) if path == "-" else Path(path).read_bytes()
    if len(data) > max_chars * 4 + 1024:
        raise InputError(f"{name}: over the size limit for one article ({max_chars:,} characters)")
    if path.lower().endswith(".json"):
        text = decode(data, name).text
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"{name}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
        if isinstance(record, dict):
            record.setdefault("id", Path(path).stem)
        return article_from_record(record, name, max_chars)
    return _article_from_document(read_file(path, data, max_chars=max_chars), name)


def read_articles(paths: Sequence[str], jsonl: bool = False, max_chars: int = MAX_CHARS
                  ) -> Iterator[Article | InputError]:
    """Every article of ``paths`` in order, or the error for a record that cannot be read."""
    for path in expand(paths):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            if jsonl or is_jsonl(path):
                yield from _jsonl(path, max_chars)
            else:
                yield _single(path, max_chars)
        except InputError as err:
            yield err
        except OSError as err:
            yield InputError(f"{path}: {err.strerror or err}")


def count_records(paths: Sequence[str], jsonl: bool = False) -> int | None:
    """How many records ``paths`` hold (non-blank lines of JSON Lines), for a progress bar; None for stdin."""
    total = 0
    for path in expand(paths):
        if path == "-":
            return None
        if isinstance(path, InputError):
            continue
        if not (jsonl or is_jsonl(path)):
            total += 1
            continue
        try:
            with _open_stream(path) as stream:
                total += sum(1 for line in stream if line.strip())
        except (OSError, EOFError, zlib.error):
            continue
    return total
