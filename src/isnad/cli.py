"""The ``isnad`` command line.

Exit status: 0 when every input was analysed, 1 when some input was refused (each refusal is
reported on stderr and the others are still processed), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from isnad import __version__
from isnad.inputs import MAX_CHARS, InputError, iter_jsonl, read_file
from isnad.model import Analysis, Document, json_schema

DEFAULT_DATA = Path("../shared/data")


class _Problems:
    """Counts refused inputs and reports them on stderr as they happen."""

    def __init__(self) -> None:
        self.count = 0

    def error(self, message: str) -> None:
        self.count += 1
        print(f"isnad: error: {message}", file=sys.stderr)

    @staticmethod
    def warn(message: str) -> None:
        print(f"isnad: warning: {message}", file=sys.stderr)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


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


def _jsonl_documents(path: str, args: argparse.Namespace, problems: _Problems) -> Iterator[Document]:
    name = "stdin" if path == "-" else path
    stream = sys.stdin.buffer if path == "-" else open(_check_path(path), "rb")  # noqa: SIM115
    try:
        for _, item in iter_jsonl(stream, name, max_chars=args.max_chars):
            if isinstance(item, InputError):
                problems.error(str(item))
            else:
                yield item
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _documents(args: argparse.Namespace, problems: _Problems) -> Iterator[Document]:
    for path in args.inputs:
        try:
            if args.jsonl:
                yield from _jsonl_documents(path, args, problems)
            else:
                yield read_file(path, _read_bytes(path, args.max_chars), max_chars=args.max_chars, warn=problems.warn)
        except InputError as err:
            problems.error(str(err))
        except OSError as err:
            problems.error(f"{path}: {err.strerror or err}")


def _apply_overrides(doc: Document, args: argparse.Namespace) -> Document:
    updates = {}
    if args.lang != "auto":
        updates["lang"] = args.lang
    if args.published is not None:
        updates["published"] = args.published
    return doc.model_copy(update=updates) if updates else doc


def cmd_analyze(args: argparse.Namespace) -> int:
    from isnad.core.pipeline import Pipeline

    problems = _Problems()
    fmt = args.format or ("jsonl" if args.jsonl else "json")
    pipeline = Pipeline(kb_paths=args.kb)
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    except OSError as err:
        print(f"isnad: error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return 2
    html_items: list[tuple[Document, Analysis]] = []
    color = fmt == "text" and out is sys.stdout and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    try:
        for doc in _documents(args, problems):
            doc = _apply_overrides(doc, args)
            try:
                analysis = pipeline(doc)
            except Exception as err:  # a bug must cost one document, not the batch
                problems.error(f"{doc.id}: internal error while analysing ({type(err).__name__}: {err}); please report it")
                continue
            if fmt == "jsonl":
                out.write(analysis.model_dump_json() + "\n")
            elif fmt == "json":
                out.write(json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
            elif fmt == "text":
                from isnad.report.text import render

                out.write(render(doc, analysis, color=color) + "\n")
            else:
                html_items.append((doc, analysis))
            out.flush()
        if fmt == "html" and html_items:
            from isnad.report.html import render_page

            out.write(render_page(html_items))
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if problems.count else 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise SystemExit(f"isnad: error: {what} not found: {path}")
    return path


def cmd_eval(args: argparse.Namespace) -> int:
    if args.task == "articles":
        from isnad.core.pipeline import Pipeline
        from isnad.evaluation.articles import evaluate, format_report

        directory = _require(Path(args.path), "gold article directory")
        report = evaluate(directory, Pipeline())
        print(format_report(report))
        if args.errors:
            Path(args.errors).write_text(
                "\n".join(json.dumps(e, ensure_ascii=False) for e in report.errors) + "\n", encoding="utf-8"
            )
        return 0
    if args.task == "xdoc":
        from isnad.evaluation.xdoc import GoldError, evaluate
        from isnad.evaluation.xdoc import format_report as format_xdoc

        directory = _require(Path(args.path), "xdoc gold directory")
        try:
            report = evaluate(directory, workers=args.workers)
        except GoldError as err:
            print(f"isnad: error: {err}", file=sys.stderr)
            return 2
        print(format_xdoc(report))
        if args.errors:
            Path(args.errors).write_text(
                "\n".join(json.dumps(e, ensure_ascii=False) for e in report.errors) + "\n", encoding="utf-8"
            )
        return 0
    if args.task == "ner":
        from isnad.ner.evaluate import eval_main

        return eval_main(_require(Path(args.path), "CoNLL file"))
    from isnad.classify.evaluate import eval_main as classify_eval

    return classify_eval(args.task, _require(Path(args.path), "TSV file"))


def cmd_train(args: argparse.Namespace) -> int:
    data = _require(Path(args.data), "data directory")
    if args.task == "ner":
        from isnad_train.ner import train_main

        return train_main(data, Path(args.output) if args.output else None)
    from isnad_train.classify import train_main as classify_train

    return classify_train(args.task, data, Path(args.output) if args.output else None)


def cmd_kb(args: argparse.Namespace) -> int:
    from isnad.kb.wikidata import import_main

    return import_main(_require(Path(args.dump), "Wikidata dump"), Path(args.output))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="isnad", description="Quotes, sources, figures, dates and claims from news articles.")
    parser.add_argument("--version", action="version", version=f"isnad {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse articles and write the JSON contract or a report")
    p.add_argument("inputs", nargs="+", metavar="FILE", help=".txt, .html, .json files, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help='inputs are JSON Lines {"id", "text", "lang"?, "published"?, "title"?}')
    p.add_argument("--lang", choices=["auto", "ar", "en"], default="auto")
    p.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD): anchors relative dates")
    p.add_argument("--format", choices=["json", "jsonl", "text", "html"], help="default: json, or jsonl with --jsonl")
    p.add_argument("--output", "-o", help="write here instead of stdout")
    p.add_argument("--kb", action="append", default=[], metavar="PATH", help="extra knowledge-base file or folder")
    p.add_argument("--max-chars", type=int, default=MAX_CHARS, help=f"refuse longer articles (default {MAX_CHARS:,})")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("schema", help="print the JSON Schema of the output")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("eval", help="score against gold data")
    p.add_argument("task", choices=["articles", "xdoc", "ner", "subjectivity", "checkworthiness"])
    p.add_argument("path", help="gold article directory, xdoc event directory, CoNLL file or TSV file")
    p.add_argument("--errors", metavar="JSONL", help="articles, xdoc: write every miss and spurious item here")
    p.add_argument("--workers", type=int, default=1, help="xdoc: analysing processes (default 1)")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
