"""The ``isnad`` command line.

Exit status (every command): 0 when everything was done; 1 when an input was refused (each refusal
is one ``isnad: error:`` line on stderr; ``analyze`` still processes the other inputs, ``eval`` and
``kb`` stop before doing any work); 2 for a usage error or a run that cannot start (a bad option, an
output that is one of the inputs or cannot be written, a missing or malformed ``--kb`` file); 3 for
an internal error (a bug: the message asks for a report, ``ISNAD_DEBUG=1`` shows the traceback);
130 when interrupted (Ctrl-C; 143 for SIGTERM, handled the same way), after saying what was done
and keeping the output so far.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from isnad import __version__
from isnad.argtypes import iso_date, positive_int
from isnad.batch.progress import Progress
from isnad.inputs import MAX_CHARS, InputError, iter_jsonl, read_file
from isnad.model import Analysis, Document, json_schema
from isnad.outfile import AtomicOutput, OutputError, check_output, write_text

DEFAULT_DATA = Path("../shared/data")
EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 3, 130, 143


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a job scheduler's time limit): stopped like Ctrl-C, with the output so far."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _stopped(stop: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED


class UsageError(Exception):
    """The run cannot start (bad option value, bad ``--kb`` file); exit status 2."""


class _Messages:
    """Errors and warnings on stderr, above the progress bar when there is one; counts the errors."""

    def __init__(self) -> None:
        self.errors = 0
        self.progress: Progress | None = None

    def _print(self, line: str) -> None:
        if self.progress is not None:
            self.progress.write(line)
        else:
            print(line, file=sys.stderr)

    def error(self, message: str) -> None:
        self.errors += 1
        self._print(f"isnad: error: {message}")

    def warn(self, message: str) -> None:
        self._print(f"isnad: warning: {message}")




def _check_path(path: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory")
    return p


def _read_bytes(path: str, max_chars: int) -> bytes:
    """The whole input, refusing one far larger than an article before reading it into memory."""
    limit = max_chars * 4 + 1024  # 4 bytes per character at most in UTF-8
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        p = _check_path(path)
        if p.stat().st_size > limit:
            raise InputError(f"{path}: {p.stat().st_size:,} bytes is over the size limit for one article (--max-chars)")
        data = p.read_bytes()
    if len(data) > limit:
        raise InputError(f"{path}: over the size limit for one article (--max-chars)")
    return data


# --- isnad analyze ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where an article came from: the input as named on the command line, and its JSONL line."""

    input: str
    line: int | None = None


@dataclass(frozen=True)
class Refusal:
    """An input that produced no analysis: refused (``input``) or failed on a bug (``internal``)."""

    message: str
    doc_id: str | None = None
    kind: Literal["input", "internal"] = "input"

    def record(self, origin: Origin) -> dict:
        """The JSONL line standing in for the missing analysis (its shape is documented in README)."""
        return {"id": self.doc_id, "input": origin.input, "line": origin.line,
                "error": {"kind": self.kind, "message": self.message}}


Unit = tuple[Origin, Document | Refusal]


def _jsonl_units(path: str, args: argparse.Namespace, messages: _Messages) -> Iterator[Unit]:
    name = "stdin" if path == "-" else path
    stream = sys.stdin.buffer if path == "-" else open(_check_path(path), "rb")  # noqa: SIM115
    try:
        for number, item in iter_jsonl(stream, name, max_chars=args.max_chars, warn=messages.warn):
            origin = Origin(name, number)
            yield origin, Refusal(str(item), item.doc_id) if isinstance(item, InputError) else item
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _units(args: argparse.Namespace, messages: _Messages) -> Iterator[Unit]:
    """Every input in order: a Document to analyse, or the refusal of an input that cannot be read
    (reported as it is read, so that errors and warnings on stderr come in input order)."""
    seen: dict[str, Origin] = {}
    for path in args.inputs:
        try:
            if args.jsonl:
                units = _jsonl_units(path, args, messages)
            else:
                document = read_file(path, _read_bytes(path, args.max_chars), max_chars=args.max_chars,
                                     warn=messages.warn)
                units = iter([(Origin(path), document)])
            for origin, item in units:
                if isinstance(item, Refusal):
                    messages.error(item.message)
                elif isinstance(item, Document):
                    first = seen.setdefault(item.id, origin)
                    if first is not origin:
                        where = f"line {first.line}" if first.input == origin.input else _where(first)
                        messages.warn(f"{_where(origin)}: duplicate id {item.id!r} (first at {where})")
                    item = _apply_overrides(item, args)
                yield origin, item
        except InputError as err:
            messages.error(str(err))
            yield Origin(path), Refusal(str(err), err.doc_id)
        except OSError as err:
            messages.error(f"{path}: {err.strerror or err}")
            yield Origin(path), Refusal(f"{path}: {err.strerror or err}")


def _where(origin: Origin) -> str:
    return f"{origin.input}:{origin.line}" if origin.line is not None else origin.input


def _apply_overrides(doc: Document, args: argparse.Namespace) -> Document:
    updates = {}
    if args.lang != "auto":
        updates["lang"] = args.lang
    if args.published is not None:
        updates["published"] = args.published
    return doc.model_copy(update=updates) if updates else doc


def _count_units(args: argparse.Namespace) -> int | None:
    """How many articles the inputs hold (None when reading JSONL from stdin), for progress and messages."""
    if not args.jsonl:
        return len(args.inputs)
    total = 0
    for path in args.inputs:
        if path == "-":
            return None
        try:
            with open(path, "rb") as stream:
                total += max(1, sum(1 for line in stream if line.strip()))  # an empty file is one refusal
        except OSError:
            total += 1
    return total


def _analyse(pipeline, units: Iterator[Unit], workers: int) -> Iterator[tuple[Origin, Document | None, Analysis | Refusal]]:
    """``(origin, document, analysis or refusal)`` for every unit, in input order.

    Documents go through :meth:`Pipeline.pipe` (``workers`` processes); refusals wait in ``pending``
    until every document before them has its result, so the output stays in input order.
    """
    from isnad.core.pipeline import Failure

    pending: deque[Unit] = deque()  # appended by the pool's feeder thread; deque operations are atomic

    def documents() -> Iterator[Document]:
        for origin, item in units:
            pending.append((origin, item))
            if isinstance(item, Document):
                yield item

    for result in pipeline.pipe(documents(), n_process=workers):
        while isinstance(pending[0][1], Refusal):
            origin, refusal = pending.popleft()
            yield origin, None, refusal
        origin, document = pending.popleft()
        assert isinstance(document, Document)
        if isinstance(result, Failure):
            yield origin, document, Refusal(f"{document.id}: {result.error}; please report it", document.id, "internal")
        else:
            yield origin, document, result
    while pending:
        origin, refusal = pending.popleft()
        assert isinstance(refusal, Refusal)
        yield origin, None, refusal


class _Writer:
    """Writes each result in the chosen format as it comes; the HTML page is written once, at the end."""

    def __init__(self, fmt: str, out: IO[str], color: bool) -> None:
        self.fmt = fmt
        self.out = out
        self.color = color
        self.pages: list[tuple[Document, Analysis]] = []

    def add(self, origin: Origin, document: Document | None, result: Analysis | Refusal) -> None:
        if isinstance(result, Refusal):
            if self.fmt == "jsonl":  # one line per input line: a script can zip inputs and outputs
                self.out.write(json.dumps(result.record(origin), ensure_ascii=False) + "\n")
                self.out.flush()
            return
        assert document is not None
        if self.fmt == "jsonl":
            self.out.write(result.model_dump_json() + "\n")
        elif self.fmt == "json":
            self.out.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        elif self.fmt == "text":
            from isnad.report.text import render

            self.out.write(render(document, result, color=self.color) + "\n")
        else:
            self.pages.append((document, result))
        self.out.flush()

    def finish(self, notice: str | None = None) -> None:
        """Write the HTML page of everything analysed (``notice``: why it is incomplete)."""
        if self.fmt == "html":
            from isnad.report.html import render_page

            self.out.write(render_page(self.pages, notice=notice))
        self.out.flush()


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back while a record is written and counted; delivered right after (main thread)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _count(n: int, unit: str = "article") -> str:
    return f"{n:,} {unit}" + ("" if n == 1 else "s")


def cmd_analyze(args: argparse.Namespace) -> int:
    from isnad.core.pipeline import Pipeline

    fmt = args.format or ("jsonl" if args.jsonl else "json")
    if args.output:
        check_output(args.output, args.inputs)
    if args.kb:
        _check_kb(args.kb)
    if args.inputs.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    pipeline = Pipeline(kb_paths=args.kb)
    total = _count_units(args)
    several = total is None or total > 1
    messages = _Messages()
    sink = AtomicOutput(args.output) if args.output else None
    out = sink.open() if sink is not None else sys.stdout
    color = fmt == "text" and sink is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    writer = _Writer(fmt, out, color)
    progress = Progress(total, "articles", enabled=None if several else False)
    messages.progress = progress
    analysed = refused = 0
    where = f"in {args.output}" if args.output else "on stdout"
    try:
        try:
            for origin, document, result in _analyse(pipeline, _units(args, messages), args.workers):
                with _signals_held():  # a stop waits until the record is written and counted: the two agree
                    if isinstance(result, Refusal):
                        if result.kind == "internal":  # input refusals were reported as they were read
                            messages.error(result.message)
                        refused += 1
                    else:
                        analysed += 1
                    writer.add(origin, document, result)
                progress.update()
        except KeyboardInterrupt as stop:
            progress.close()
            done = analysed + refused
            of = f" of {total:,}" if total is not None else ""
            kept = f"report of the {_count(analysed, 'analysed article')} {where}" if fmt == "html" else f"output so far {where}"
            if done == 0 and sink is not None:  # nothing to keep: the target stays as it was
                kept = f"nothing written, {args.output} unchanged"
            else:
                writer.finish(notice=f"interrupted after {done:,}{of} articles: this report is incomplete")
                if sink is not None:
                    sink.commit()
            print(f"isnad: interrupted after {done:,}{of} articles; {kept}", file=sys.stderr)
            return _stopped(stop)
        writer.finish()
        if sink is not None:
            sink.commit()
    except OSError as err:  # a full disk, a closed pipe: the target keeps its old content
        if isinstance(err, BrokenPipeError):
            raise
        raise OutputError(f"cannot write {args.output or 'stdout'}: {err.strerror or err}") from None
    finally:
        if sink is not None:
            sink.discard()  # nothing left to discard once committed
        progress.close()
    if several:
        of = f" of {total:,}" if total is not None else ""
        refusals = f" ({refused:,} refused)" if refused else ""
        progress.summary(f"analysed {analysed:,}{of} articles{refusals}")
    return EXIT_REFUSED if messages.errors else EXIT_OK


def _check_kb(paths: list[str]) -> None:
    """Read the user's knowledge-base files once, before any article: a bad one stops the run here."""
    from isnad.kb import KBError, check_files

    for path in paths:
        try:
            records = check_files([Path(path)])
        except KBError as err:
            raise UsageError(f"--kb {err}") from None
        if not records:
            print(f"isnad: warning: --kb {path}: no knowledge-base records (a folder contributes its *.jsonl files)",
                  file=sys.stderr)


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise InputError(f"{path}: no such {what}")
    return path


def cmd_eval(args: argparse.Namespace) -> int:
    if args.task == "articles":
        return _eval_articles(args)
    if args.task == "xdoc":
        return _eval_xdoc(args)
    if args.errors:
        raise UsageError("--errors applies to the articles and xdoc tasks only")
    if args.task == "ner":
        from isnad.evaluation.checks import check_conll
        from isnad.ner.evaluate import eval_main

        return eval_main(check_conll(_require(Path(args.path), "CoNLL file")))
    from isnad.classify.evaluate import eval_main as classify_eval
    from isnad.evaluation.checks import check_tsv

    return classify_eval(args.task, check_tsv(_require(Path(args.path), "TSV file")))


def _eval_articles(args: argparse.Namespace) -> int:
    from isnad.core.pipeline import Pipeline
    from isnad.evaluation.articles import evaluate, format_report, load_gold

    directory = _require(Path(args.path), "gold article directory")
    golds = load_gold(directory)  # every file checked before any article is analysed
    if args.errors:
        check_output(args.errors, sorted(directory.glob("*.json")))
    with Progress(len(golds), "articles") as progress:
        report = evaluate(golds, Pipeline(), progress=lambda _: progress.update())
        progress.summary(f"scored {len(golds):,} gold articles")
    return _report(args, format_report(report), report.errors)


def _report(args: argparse.Namespace, table: str, errors: list[dict]) -> int:
    """Print an evaluation's table; write its errors when ``--errors`` asks (checked before the work)."""
    print(table)
    if args.errors:
        write_text(args.errors, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
    return EXIT_OK


def _eval_xdoc(args: argparse.Namespace) -> int:
    from isnad.evaluation.xdoc import GoldError, evaluate, format_report

    directory = _require(Path(args.path), "xdoc gold directory")
    if args.errors:
        check_output(args.errors, sorted(directory.glob("*.json")))
    try:
        report = evaluate(directory, workers=args.workers)
    except GoldError as err:
        raise InputError(str(err)) from None
    return _report(args, format_report(report), report.errors)


def cmd_train(args: argparse.Namespace) -> int:
    data = _require(Path(args.data), "data directory")
    if args.task == "ner":
        from isnad_train.ner import train_main

        return train_main(data, Path(args.output) if args.output else None)
    from isnad_train.classify import train_main as classify_train

    return classify_train(args.task, data, Path(args.output) if args.output else None)


def cmd_kb(args: argparse.Namespace) -> int:
    from isnad.kb.wikidata import import_main

    dump = _require(Path(args.dump), "Wikidata dump")
    if dump.is_dir():
        raise InputError(f"{dump}: is a directory, not a Wikidata dump")
    check_output(args.output, [dump])
    return import_main(dump, Path(args.output))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="isnad", description="Quotes, sources, figures, dates and claims from news articles.")
    parser.add_argument("--version", action="version", version=f"isnad {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse articles and write the JSON contract or a report")
    p.add_argument("inputs", nargs="+", metavar="FILE", help=".txt, .html, .json files, or - for stdin")
    p.add_argument("--jsonl", action="store_true",
                   help='inputs are JSON Lines {"id", "text", "lang"?, "published"?, "title"?, "author"?, "outlet"?, "url"?}')
    p.add_argument("--lang", choices=["auto", "ar", "en"], default="auto")
    p.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD): anchors relative dates")
    p.add_argument("--format", choices=["json", "jsonl", "text", "html"], help="default: json, or jsonl with --jsonl")
    p.add_argument("--output", "-o", help="write here instead of stdout")
    p.add_argument("--kb", action="append", default=[], metavar="PATH", help="extra knowledge-base file or folder")
    p.add_argument("--max-chars", type=positive_int, default=MAX_CHARS, help=f"refuse longer articles (default {MAX_CHARS:,})")
    p.add_argument("--workers", type=positive_int, default=1, metavar="N",
                   help="analyse in N processes (default 1); the output keeps the input order")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("schema", help="print the JSON Schema of the output")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("eval", help="score against gold data")
    p.add_argument("task", choices=["articles", "xdoc", "ner", "subjectivity", "checkworthiness"])
    p.add_argument("path", help="gold article directory, xdoc event directory, CoNLL file or TSV file")
    p.add_argument("--errors", metavar="JSONL", help="articles, xdoc: write every miss and spurious item here")
    p.add_argument("--workers", type=positive_int, default=1, help="xdoc: analysing processes (default 1)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("train", help="rebuild a bundled model from the shared data")
    p.add_argument("task", choices=["ner", "subjectivity", "checkworthiness"])
    p.add_argument("--data", default=str(DEFAULT_DATA), help="shared data directory (default ../shared/data)")
    p.add_argument("--output", help="model file to write (default: the bundled model's path)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("kb", help="knowledge-base tools")
    kb_sub = p.add_subparsers(dest="kb_command", required=True)
    k = kb_sub.add_parser("import-wikidata", help="convert a Wikidata JSON dump (.json or .json.gz) to a KB file")
    k.add_argument("dump")
    k.add_argument("--output", "-o", required=True, help="KB file to write (.jsonl)")
    k.set_defaults(func=cmd_kb)

    from isnad.corpus.cli import add_corpus_parser

    add_corpus_parser(sub)

    from isnad.web.cli import add_serve_parser

    add_serve_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # SIGTERM stops a run like Ctrl-C (output so far kept, temporary files removed); only the main
    # thread may set a handler, and the previous one comes back when main returns (tests call it).
    previous = None
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except InputError as err:
        print(f"isnad: error: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except (UsageError, OutputError) as err:
        print(f"isnad: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as stop:  # before any work was done, or in a command with nothing to keep
        print("isnad: interrupted", file=sys.stderr)
        return _stopped(stop)
    except BrokenPipeError:  # `isnad … | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit does not complain again
        return EXIT_OK
    except Exception as err:  # a bug: one line for the user, the traceback on request
        if os.environ.get("ISNAD_DEBUG"):
            raise
        print(f"isnad: internal error ({type(err).__name__}: {err}); please report it"
              " (ISNAD_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
