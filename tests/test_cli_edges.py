"""The command line at its edges: files it must not destroy, runs that are interrupted, long runs,
inputs of the other commands, and the article metadata that ends a chain of transmission.

Most tests run ``isnad`` as a real process (``python -m isnad.cli``): what is on disk afterwards,
the exit status and stderr are what a user sees.  The in-process ones go through :func:`main`.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import pty
import select
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from htmlcheck import Page, page_problems
from isnad import cli
from isnad.cli import main
from isnad.outfile import AtomicOutput, OutputError, check_output, write_text
from isnad.text.metadata import byline, headline

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
ARABIC = "قال وزير الصحة أحمد العلي يوم الخميس إن 3 آلاف شخص نزحوا من القرى خلال أسبوعين."
ENGLISH = "The health minister said on Thursday that 3,000 people had fled the villages."


def isnad(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "isnad.cli", *map(str, args)], cwd=cwd, capture_output=True,
                            text=True, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse usage errors
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("isnad: error:")]


def leftovers(directory: Path) -> list[str]:
    """Temporary files an output left behind (there must be none)."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": f"n{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


# --- 1. never destroy a user's file ------------------------------------------------------------------


def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "a.jsonl", [ARABIC, ENGLISH])
    article = tmp_path / "a.txt"
    article.write_text(ARABIC, encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(source)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "g.json").write_text(json.dumps({"id": "g", "text": ARABIC, "quotes": []}, ensure_ascii=False))
    dump = tmp_path / "dump.json"
    dump.write_text((FIXTURES / "wikidata-sample.json").read_text(encoding="utf-8"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (source, article, gold / "g.json", dump)}
    cases = [
        (["analyze", "--jsonl", "a.jsonl", "-o", "a.jsonl"], "refusing to write a.jsonl: it is also an input"),
        (["analyze", "--jsonl", "a.jsonl", "-o", "link.jsonl"],
         "refusing to write link.jsonl: it is also an input (the same file as a.jsonl)"),
        (["analyze", "a.txt", "--format", "html", "-o", "a.txt"], "refusing to write a.txt: it is also an input"),
        (["eval", "articles", "gold", "--errors", "gold/g.json"], "refusing to write gold/g.json: it is also an input"),
        (["kb", "import-wikidata", "dump.json", "-o", "dump.json"], "refusing to write dump.json: it is also an input"),
    ]
    for argv, message in cases:
        result = isnad(*argv, cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, ""), argv
        assert errors(result.stderr) == [f"isnad: error: {message}"], result.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert leftovers(tmp_path) == [] and leftovers(gold) == []


def test_a_run_that_fails_leaves_the_previous_output_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "bad-kb.jsonl").write_text('{"id": "per:x", "type": "PER"}\n{"id": \n', encoding="utf-8")
    (tmp_path / "out.json").write_text("previous analysis\n", encoding="utf-8")
    result = isnad("analyze", "a.txt", "--kb", "bad-kb.jsonl", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 2
    assert errors(result.stderr) == ["isnad: error: --kb bad-kb.jsonl:2: malformed JSON (column 7: Expecting value)"]
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "previous analysis\n"
    # a dump that turns out to be bad half-way: the KB file written by an earlier import is intact
    lines = (FIXTURES / "wikidata-sample.json").read_text(encoding="utf-8").splitlines()
    (tmp_path / "dump.json").write_text("\n".join([*lines[:3], "{not json", *lines[3:]]) + "\n", encoding="utf-8")
    (tmp_path / "kb.jsonl").write_text("earlier import\n", encoding="utf-8")
    result = isnad("kb", "import-wikidata", "dump.json", "-o", "kb.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert errors(result.stderr) == ["isnad: error: dump.json:4: not a Wikidata entity (malformed JSON, column 2:"
                                     " Expecting property name enclosed in double quotes)"]
    assert (tmp_path / "kb.jsonl").read_text(encoding="utf-8") == "earlier import\n"
    assert leftovers(tmp_path) == []


def test_atomic_output_replaces_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), AtomicOutput(target) as out:
        out.write("half")
        assert target.read_text(encoding="utf-8") == "old"  # nothing visible before the commit
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []
    output = AtomicOutput(target)
    with output as out:
        out.write("new")
        output.commit()
    assert target.read_text(encoding="utf-8") == "new" and leftovers(tmp_path) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the user's permissions are kept
    write_text(tmp_path / "fresh.txt", "text")
    assert (tmp_path / "fresh.txt").read_text(encoding="utf-8") == "text"
    with pytest.raises(OutputError, match="is a directory"):
        check_output(tmp_path, [])
    with pytest.raises(OutputError, match="No such file or directory"):
        write_text(tmp_path / "missing" / "x.txt", "text")


def test_atomic_output_writes_a_device_in_place() -> None:
    # replacing /dev/null by a regular file would break the machine: a special file is written directly
    output = AtomicOutput("/dev/null")
    with output as out:
        out.write("discarded")
        output.commit()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- 2. interrupted runs -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "stop", "status"), [("jsonl", signal.SIGINT, 130), ("html", signal.SIGTERM, 143)])
def test_an_interrupted_run_says_what_it_did_and_keeps_it(
    tmp_path: Path, fmt: str, stop: signal.Signals, status: int
) -> None:
    total = 5000  # enough that a fast machine is still working when the signal comes
    jsonl(tmp_path / "many.jsonl", [ARABIC if i % 2 else ENGLISH for i in range(total)])
    (tmp_path / f"out.{fmt}").write_text("previous\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "isnad.cli", "analyze", "--jsonl", "many.jsonl", "--format", fmt, "-o", f"out.{fmt}"],
        cwd=tmp_path, stderr=subprocess.PIPE, text=True,
        # a shell starts background jobs with SIGINT ignored; Ctrl-C in a terminal is not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        written = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if written and (fmt == "html" or written[0].read_bytes().count(b"\n") >= 2):
            break
        time.sleep(0.1)
    if fmt == "html":  # the page is written at the end: wait for a few articles to be analysed
        time.sleep(5)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    last = stderr.strip().splitlines()[-1]
    done = int(last.split("interrupted after ")[1].split(" of ")[0].replace(",", ""))
    assert 1 <= done < total
    output = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
    if fmt == "jsonl":
        assert last == f"isnad: interrupted after {done:,} of {total:,} articles; output so far in out.jsonl"
        records = [json.loads(line) for line in output.splitlines()]
        assert [r["id"] for r in records] == [f"n{i}" for i in range(done)]  # aligned with the input lines
    else:
        assert last == (f"isnad: interrupted after {done:,} of {total:,} articles; report of the {done:,} analysed"
                        f" article{'s' if done > 1 else ''} in out.html")
        assert page_problems(output) == []  # a complete page, not a truncated one
        assert output.count("<section") == done
        assert f"interrupted after {done:,} of {total:,} articles: this report is incomplete" in Page(output).shown
    assert leftovers(tmp_path) == []


# --- 3. progress, summary and workers ----------------------------------------------------------------


def _run_on_a_terminal(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """Exit status, stdout and what a terminal on stderr showed (stderr is a pseudo-terminal)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 rows, 100 columns
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    stdout = process.stdout.read() if process.stdout else b""
    os.close(leader)
    return process.wait(timeout=60), stdout.decode(), shown.decode(errors="replace")


@pytest.mark.slow
def test_progress_on_a_terminal_and_workers_keep_the_output_order(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": ARABIC if i % 2 else ENGLISH}, ensure_ascii=False) for i in range(5)]
    lines.insert(2, "{not json")
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "isnad.cli", "analyze", "--jsonl", "in.jsonl"]
    status, one_worker, terminal = _run_on_a_terminal(command, tmp_path)
    assert status == 1
    assert "6/6" in terminal and "articles/s" in terminal  # the tqdm bar: done/total and the rate
    assert "isnad: error: in.jsonl:3: malformed JSON" in terminal
    assert "analysed 5 of 6 articles (1 refused) in " in terminal
    two = isnad("analyze", "--jsonl", "in.jsonl", "--workers", "2", cwd=tmp_path)
    assert two.returncode == 1
    assert two.stdout == one_worker  # same lines, same order, the refused line in its place
    assert [json.loads(line).get("line") for line in two.stdout.splitlines()] == [None, None, 3, None, None, None]
    # stderr is not a terminal: no bar, only the errors and the summary
    assert two.stderr.splitlines()[0].startswith("isnad: error: in.jsonl:3: malformed JSON")
    assert two.stderr.splitlines()[-1].startswith("analysed 5 of 6 articles (1 refused) in ")
    assert "\r" not in two.stderr and len(two.stderr.splitlines()) == 2


def test_one_article_prints_no_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    status, out, err = run(["analyze", str(tmp_path / "a.txt")], capsys)
    assert status == 0 and err == "" and json.loads(out)["id"] == "a"


# --- 5. every command checks its inputs up front ---------------------------------------------------------

BAD_EVAL_INPUTS = [
    ("subjectivity", "bin.tsv", b"\x89PNG\r\n\x1a\n\x00\x00garbage", "bin.tsv: looks like a binary file, not a TSV file"),
    ("subjectivity", "prose.tsv", b"hello world, this is no TSV\n", "prose.tsv: no column named sentence or tweet_text"),
    ("subjectivity", "empty.tsv", b"", "empty.tsv: empty file; expected a header row"),
    ("subjectivity", "badlabel.tsv", b"sentence\tlabel\nhello\tOBJ\nworld\tMAYBE\n", "badlabel.tsv:3: unknown label 'MAYBE'"),
    ("checkworthiness", "nolabel.tsv", b"tweet_text\nhello\n", "nolabel.tsv: no labelled rows"),
    ("checkworthiness", "cp1256.tsv", "tweet_text\tclass_label\nمرحبا\tYes\n".encode("cp1256"), "cp1256.tsv: not UTF-8"),
    ("ner", "garbage.conll", b"a b c\nd e f\n", "garbage.conll:1: 'a b c' is not 'token TAG' with a BIO tag"),
    ("ner", "prose.conll", b"Just some prose here.\n", "prose.conll:1: 'Just some prose here.' is not 'token TAG'"),
    ("ner", "outside.conll", b"word O\nother O\n", "outside.conll: no gold entity (every tag is O)"),
    ("ner", "empty.conll", b"\n\n", "empty.conll: no tokens"),
    ("articles", "nothing", None, "nothing: no gold article files (*.json)"),
    ("articles", "notes.txt", b"not a directory", "notes.txt: not a directory of gold article files"),
    ("articles", "foreign", b'{"a": 1}', "foreign/x.json: not a gold article: missing 'id'"),
    ("articles", "broken", b'{"id": "x", "text": ', "broken/x.json: invalid JSON at line 1"),
    ("articles", "noannotations", b'{"id": "x", "text": "some text"}', "noannotations/x.json: not a gold article: no annotations"),
    ("articles", "badquotes", b'{"id": "x", "text": "t", "quotes": [{"speaker": "y"}]}',
     "badquotes/x.json: not a gold article: quotes[0] has no 'content'"),
    ("ner", "missing.conll", "absent", "missing.conll: no such CoNLL file"),
]


@pytest.mark.parametrize(("task", "name", "data", "message"), BAD_EVAL_INPUTS, ids=[c[1] for c in BAD_EVAL_INPUTS])
def test_eval_refuses_bad_input_once_and_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], task: str, name: str, data: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if data is None:
        path.mkdir()
    elif task == "articles" and not name.endswith(".txt"):
        path.mkdir()
        (path / "x.json").write_bytes(data)  # type: ignore[arg-type]
    elif isinstance(data, bytes):
        path.write_bytes(data)
    status, out, err = run(["eval", task, str(path)], capsys)
    assert status == 1 and out == ""  # no score printed over garbage
    assert len(errors(err)) == 1 and message in errors(err)[0], err


BAD_DUMPS = [
    ("notentities.json", b'[{"no": "id"}]', "notentities.json: item 1: not a Wikidata entity"),
    ("brokenline.json", b'[\n{"id": "Q1"},\nnot json\n]\n', "brokenline.json:3: not a Wikidata entity (malformed JSON"),
    ("fake.json.gz", b"not gzip at all", "fake.json.gz: not a readable gzip file"),
    ("empty.json", b"[]", "empty.json: no entities in the dump"),
    ("binary.json", b"\xff\xfe\x00garbage\x81", "binary.json: not UTF-8 text"),
    ("oddentity.json", b'{"id": "Q1", "labels": 5, "claims": {}}', "oddentity.json: item 1: malformed Wikidata entity Q1"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_DUMPS, ids=[c[0] for c in BAD_DUMPS])
def test_kb_import_refuses_a_bad_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    status, out, err = run(["kb", "import-wikidata", str(tmp_path / name), "-o", str(tmp_path / "kb.jsonl")], capsys)
    assert status == 1
    assert len(errors(err)) == 1 and message in errors(err)[0], err
    assert not (tmp_path / "kb.jsonl").exists() and leftovers(tmp_path) == []


def test_kb_import_says_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "sample.json.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as handle:
        handle.write((FIXTURES / "wikidata-sample.json").read_text(encoding="utf-8"))
    status, _, err = run(["kb", "import-wikidata", str(dump), "-o", str(tmp_path / "kb.jsonl")], capsys)
    assert status == 0
    assert err.startswith(f"wrote 2 KB records to {tmp_path / 'kb.jsonl'} from ")
    assert len((tmp_path / "kb.jsonl").read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize(("content", "message"), [
    (None, "--kb {kb}: no such knowledge-base file or folder"),
    ('{"id": "per:x", "type": "PER"}\n[1, 2]\n', "--kb {kb}:2: expected a JSON object (a KB record), got list"),
    ('{"id": "per:x", "type": "ALIEN"}\n', "--kb {kb}:1: not a valid KB record (KB record needs an id and a type"),
    ('{"id": "per:x", "type": "PER", "roles": [{"office": "x", "start": "soon"}]}\n', "--kb {kb}:1: not a valid KB record"),
])
def test_a_bad_kb_fails_once_before_any_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    kb = tmp_path / "kb.jsonl"
    if content is not None:
        kb.write_text(content, encoding="utf-8")
    articles = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARABIC, encoding="utf-8")
        articles.append(str(tmp_path / name))
    status, out, err = run(["analyze", *articles, "--kb", str(kb)], capsys)
    assert (status, out) == (2, "")
    assert len(errors(err)) == 1 and errors(err)[0].startswith("isnad: error: " + message.format(kb=kb)), err
    assert "internal error" not in err


def test_an_empty_kb_folder_is_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "kb").mkdir()
    status, out, err = run(["analyze", str(tmp_path / "a.txt"), "--kb", str(tmp_path / "kb")], capsys)
    assert status == 0 and json.loads(out)["id"] == "a"
    assert err == f"isnad: warning: --kb {tmp_path / 'kb'}: no knowledge-base records (a folder contributes its *.jsonl files)\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["analyze", "a.txt", "--workers", "0"], "argument --workers: not a whole number of at least 1: '0'"),
    (["analyze", "a.txt", "--max-chars", "-5"], "argument --max-chars: not a whole number of at least 1: '-5'"),
    (["analyze", "-", "-"], "isnad: error: stdin (-) can be read only once"),
    (["eval", "ner", "x.conll", "--errors", "e.jsonl"], "isnad: error: --errors applies to the articles and xdoc tasks only"),
])
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "") and message in err


def test_a_bug_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "cmd_schema", broken)
    status, out, err = run(["schema"], capsys)
    assert (status, out) == (3, "")
    assert err == ("isnad: internal error (ZeroDivisionError: division by zero); please report it"
                   " (ISNAD_DEBUG=1 shows the traceback)\n")
    monkeypatch.setenv("ISNAD_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["schema"])


# --- 7. article metadata -----------------------------------------------------------------------------


def _chain_ends(out: str) -> set[str]:
    return {quote["chain"][-1]["text"] for quote in json.loads(out)["quotes"]}


def test_txt_headline_and_byline_end_the_chain_in_the_writer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "idlib.txt"
    article.write_text(f"نزوح آلاف العائلات من ريف إدلب\n✍️ ليلى حداد\n{ARABIC}\n", encoding="utf-8")
    status, out, _ = run(["analyze", str(article)], capsys)
    assert status == 0
    document = json.loads(out)["document"]
    assert (document["title"], document["author"]) == ("نزوح آلاف العائلات من ريف إدلب", "ليلى حداد")
    assert _chain_ends(out) == {"ليلى حداد"}
    # no byline: the chain ends in "writer", never in the file's path
    article.write_text(ARABIC + "\n", encoding="utf-8")
    status, out, _ = run(["analyze", str(article)], capsys)
    assert json.loads(out)["document"]["title"] is None  # one sentence, no headline
    assert _chain_ends(out) == {"writer"} and str(tmp_path) not in out


def test_jsonl_author_and_outlet_end_the_chain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [{"id": "a", "text": ARABIC, "author": "سامر العلي", "outlet": "Example News", "url": "https://x.example/a"},
               {"id": "b", "text": ARABIC, "outlet": "Example News"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    status, out, _ = run(["analyze", "--jsonl", str(path)], capsys)
    assert status == 0
    first, second = out.splitlines()
    assert json.loads(first)["document"]["url"] == "https://x.example/a"
    assert _chain_ends(first) == {"سامر العلي"} and _chain_ends(second) == {"Example News"}


@pytest.mark.parametrize(("line", "name"), [
    ("✍️ ليلى حداد", "ليلى حداد"),
    ("✍🏽: سامر العلي", "سامر العلي"),
    ("بقلم: د. سامر العلي", "د. سامر العلي"),
    ("بقلم الكاتب عمر الشامي", "عمر الشامي"),
    ("By Jane Smith", "Jane Smith"),
    ("by John O'Neil and Mary al-Ali", "John O'Neil and Mary al-Ali"),
    ("By the time the convoy arrived", None),
    ("بقلم", None),
    ("قال الوزير إن 3 آلاف شخص نزحوا", None),
])
def test_byline(line: str, name: str | None) -> None:
    assert byline(f"عنوان الخبر\n{line}\n{ARABIC}") == name


def test_headline() -> None:
    assert headline(f"نزوح آلاف العائلات\n{ARABIC}") == "نزوح آلاف العائلات"
    assert headline(ARABIC) is None  # nothing after it: the article is one line, not a headline
    assert headline(f"{ARABIC}\n{ARABIC}") is None  # ends like a sentence
    assert headline(f"✍️ ليلى حداد\n{ARABIC}") is None  # a byline
    assert headline(" ".join(["كلمة"] * 20) + f"\n{ARABIC}") is None  # too long for a headline


# --- 9. licence --------------------------------------------------------------------------------------


def test_licence_is_mit_like_pyproject() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    assert "Copyright (c) 2026 isnad contributors" in licence
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
