"""The command line on good and bad input, run in-process.

Every bad input must give one clear ``isnad: error:`` line on stderr and a non-zero exit status,
never a traceback; the JSON Lines output must round-trip through the contract with exact offsets.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmlcheck import page_problems
from isnad.cli import main
from isnad.core.pipeline import Pipeline
from isnad.model import Analysis, Document
from isnad.report.html import render_page
from isnad.report.text import render
from offsets import offset_errors, reference_errors

ARABIC = "قال وزير الصحة أحمد العلي يوم الخميس إن 3 آلاف شخص نزحوا من القرى خلال أسبوعين."
ENGLISH = "The health minister said on Thursday that 3,000 people had fled the villages."


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``isnad argv``; argparse's usage exits count as a status."""
    try:
        status = main(argv)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("isnad: error:")]


# --- bad input: one clear message, non-zero status --------------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b"  \n\t \r\n  ", "empty input"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
    ("french.txt", "Crème brûlée à la française, déjà vu".encode("latin-1"), "not valid UTF-8"),
    ("broken.json", b'{"id": "a", "text": ', "invalid JSON at line 1"),
    ("list.json", b'["a", "b"]', "expected a JSON object"),
    ("notext.json", b'{"id": "a", "body": "x"}', "missing 'text'"),
    ("surrogate.json", b'{"id": "a", "text": "abc \\ud800 def"}', "lone surrogate"),
    ("nothing.html", b"<html><head><title>t</title></head><body></body></html>", "no article text"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    status, out, err = run(["analyze", path], capsys)
    assert status == 1
    assert out == ""
    lines = error_lines(err)
    assert len(lines) == 1 and name in lines[0] and message in lines[0], err


def test_undecodable_message_says_what_was_tried(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "french.txt", "Crème brûlée".encode("latin-1"))
    _, _, err = run(["analyze", path], capsys)
    assert "cp1256" in err and "convert it to UTF-8" in err


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["analyze", str(tmp_path / "nope.txt"), str(tmp_path)], capsys)
    assert status == 1 and out == ""
    lines = error_lines(err)
    assert "nope.txt: no such file" in lines[0]
    assert "is a directory" in lines[1]


def test_oversized_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "long.txt", ARABIC * 3)
    status, out, err = run(["analyze", path, "--max-chars", "100"], capsys)
    assert status == 1 and out == ""
    assert "over the" in err and "--max-chars" in err
    # a limit above the length lets it through
    status, out, _ = run(["analyze", path, "--max-chars", str(len(ARABIC) * 3)], capsys)
    assert status == 0 and json.loads(out)["document"]["chars"] == len(ARABIC) * 3


def test_bad_published_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", ARABIC)
    status, out, err = run(["analyze", path, "--published", "2024-13-45"], capsys)
    assert status == 2 and out == ""
    assert "not a date in YYYY-MM-DD form" in err


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", ARABIC)
    status, _, err = run(["analyze", path, "-o", str(tmp_path / "missing-dir" / "out.json")], capsys)
    assert status == 2 and "cannot write" in err


def test_bad_inputs_do_not_stop_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.txt", ARABIC)
    empty = write(tmp_path, "empty.txt", b"")
    status, out, err = run(["analyze", empty, good, "--format", "jsonl"], capsys)
    assert status == 1
    assert len(error_lines(err)) == 1
    refused, analysed = map(json.loads, out.splitlines())  # one line per input, the refused one included
    assert refused == {"id": None, "input": empty, "line": None,
                       "error": {"kind": "input", "message": f"{empty}: empty input"}}
    assert analysed["id"] == "good"


# --- encodings and formats -------------------------------------------------------------------------


def test_cp1256_arabic_is_decoded_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "legacy.txt", ARABIC.encode("cp1256"))
    status, out, err = run(["analyze", path], capsys)
    assert status == 0
    assert "warning" in err and "cp1256" in err and not error_lines(err)
    analysis = Analysis.model_validate_json(out)
    assert analysis.sentences[0].text.startswith("قال وزير الصحة")
    assert analysis.document.lang == "ar"


def test_utf8_bom_and_crlf_are_handled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + (ARABIC + "\r\n" + ARABIC).encode("utf-8"))
    status, out, err = run(["analyze", path], capsys)
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["document"]["chars"] == 2 * len(ARABIC) + 1
    assert not data["sentences"][0]["text"].startswith("\ufeff")


def test_json_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = {"id": "j1", "text": ARABIC, "published": "2024-12-07T09:30:00Z", "title": "نزوح", "lang": "ar"}
    path = write(tmp_path, "article.json", json.dumps(record, ensure_ascii=False))
    status, out, _ = run(["analyze", path], capsys)
    assert status == 0
    document = json.loads(out)["document"]
    assert document == {"id": "j1", "lang": "ar", "published": "2024-12-07", "title": "نزوح", "outlet": None,
                        "url": None, "author": None, "chars": len(ARABIC),
                        "content_hash": hashlib.sha256(ARABIC.encode()).hexdigest()}


def test_json_input_without_id_uses_the_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "no-id.json", json.dumps({"text": ENGLISH}))
    status, out, _ = run(["analyze", path], capsys)
    assert status == 0 and json.loads(out)["id"] == "no-id"


HTML_PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>نزوح آلاف العائلات من ريف إدلب</title>
<meta property="og:site_name" content="Example News"></head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li><li>اشترك في النشرة البريدية</li></ul></nav>
<article>
<h1>نزوح آلاف العائلات من ريف إدلب</h1>
<p>{ARABIC}</p>
<p>وأضاف الوزير أن فرق الإغاثة وزعت المساعدات على المخيمات في المنطقة الشمالية من المحافظة، وأن العمل مستمر.</p>
<p>وقالت منظمة الصحة العالمية في بيان إن المستشفيات الميدانية استقبلت عشرات المرضى خلال الأيام الماضية.</p>
</article>
<footer>جميع الحقوق محفوظة © 2024</footer>
</body></html>
"""


def test_html_input_is_extracted_with_trafilatura(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "page.html", HTML_PAGE)
    status, out, err = run(["analyze", path], capsys)
    assert status == 0, err
    data = json.loads(out)
    text = "".join(s["text"] for s in data["sentences"])
    assert "وزير الصحة أحمد العلي" in text and "منظمة الصحة العالمية" in text
    assert "رياضة" not in text and "جميع الحقوق محفوظة" not in text
    assert data["document"]["title"] == "نزوح آلاف العائلات من ريف إدلب"
    assert data["document"]["lang"] == "ar"


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode("utf-8"))))
    status, out, _ = run(["analyze", "-", "--format", "jsonl"], capsys)
    assert status == 0
    data = json.loads(out)
    assert data["id"] == "stdin" and data["document"]["lang"] == "en"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    status, out, err = run(["analyze", "-"], capsys)
    assert status == 1 and out == "" and "-: empty input" in err


def test_text_and_html_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write(tmp_path, "first.txt", ARABIC)
    second = write(tmp_path, "second.txt", ENGLISH)
    status, out, _ = run(["analyze", first, "--format", "text", "--published", "2024-12-07"], capsys)
    assert status == 0
    assert "isnad report: first" in out and "published 2024-12-07" in out and "\x1b" not in out
    page_path = tmp_path / "report.html"
    status, out, _ = run(["analyze", first, second, "--format", "html", "-o", str(page_path)], capsys)
    assert status == 0 and out == ""
    page = page_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<section") == 2
    assert 'dir="rtl" lang="ar"' in page and 'dir="ltr" lang="en"' in page


def test_schema_prints_versioned_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert status == 0
    assert schema["properties"]["schema_version"]["const"] == 2
    assert "$defs" in schema and "Quote" in schema["$defs"]


# --- JSON Lines -------------------------------------------------------------------------------------


def test_jsonl_one_output_line_per_input_line_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps({"id": "first", "text": ARABIC}, ensure_ascii=False),
        '{"id": "second", "text": broken',
        "",
        json.dumps({"id": "third", "text": ENGLISH}),
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-date", "text": ENGLISH, "published": "last week"}),
        json.dumps({"id": 7, "text": ARABIC, "published": "2024-12-07"}, ensure_ascii=False),
        json.dumps({"id": "third", "text": ENGLISH, "lang": "english"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    status, out, err = run(["analyze", "--jsonl", path], capsys)
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    # blank lines are skipped; every other input line has its output line, in order
    assert len(records) == len([line for line in lines if line.strip()])
    assert [r["id"] for r in records] == ["first", None, "third", None, "no-text", "bad-date", "7", "third"]
    refused = [r for r in records if "error" in r]
    assert [(r["line"], r["input"], r["error"]["kind"]) for r in refused] == [
        (2, path, "input"), (5, path, "input"), (6, path, "input"), (7, path, "input")]
    assert all("schema_version" not in r for r in refused) and all("error" not in r for r in records if r["id"] == "first")
    errors = error_lines(err)
    assert [r["error"]["message"] for r in refused] == [line.removeprefix("isnad: error: ") for line in errors]
    assert "batch.jsonl:2: malformed JSON" in errors[0]
    assert "batch.jsonl:5: missing 'id'" in errors[1]
    assert "batch.jsonl:6: missing 'text'" in errors[2]
    assert "batch.jsonl:7:" in errors[3] and "last week" in errors[3]
    warnings = [line for line in err.splitlines() if line.startswith("isnad: warning:")]
    assert warnings == [
        f"isnad: warning: {path}:8: 'id' is a number (7), not a string; used as '7'",
        f"isnad: warning: {path}:9: 'lang' 'english' is not one isnad has language data for (ar, en);"
        " leave it out to detect the language",
        f"isnad: warning: {path}:9: duplicate id 'third' (first at line 4)",
    ]


def test_jsonl_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "blob.jsonl", b"\x00\x01\x02" * 100)
    status, out, err = run(["analyze", "--jsonl", path], capsys)
    assert status == 1 and "binary" in err
    assert [json.loads(line)["error"]["kind"] for line in out.splitlines()] == ["input"]


def _round_trip(records: list[dict], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[Analysis]:
    path = write(tmp_path, "in.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    status, out, err = run(["analyze", "--jsonl", path], capsys)
    assert status == 0, err
    analyses = [Analysis.model_validate_json(line) for line in out.splitlines()]
    assert [a.id for a in analyses] == [str(r["id"]) for r in records]
    for record, analysis in zip(records, analyses, strict=True):
        assert analysis.document.chars == len(record["text"])
        assert offset_errors(analysis, record["text"]) == []
        assert reference_errors(analysis) == []
    return analyses


def test_jsonl_round_trip_on_the_example(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = example_path.read_text(encoding="utf-8")
    records = [
        {"id": "example", "text": text, "published": "2024-12-07"},
        {"id": "hostile", "text": "قال \u202eالوزير\u202c: «<script>alert(1)</script>» " + ARABIC + "\n\n\n" + ENGLISH},
    ]
    analyses = _round_trip(records, tmp_path, capsys)
    assert analyses[0].document.published is not None and len(analyses[0].sentences) > 5
    docs = [Document(id=r["id"], text=r["text"]) for r in records]
    assert page_problems(render_page(list(zip(docs, analyses, strict=True)))) == []


def test_jsonl_round_trip_on_dev_articles(
    dev_articles: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = []
    for path in dev_articles:
        gold = json.loads(path.read_text(encoding="utf-8"))
        records.append({k: gold[k] for k in ("id", "text", "lang", "published") if k in gold})
    analyses = _round_trip(records, tmp_path, capsys)
    assert len(analyses) == len(dev_articles)
    # the reports of real output are well formed and inert too
    docs = [Document(id=r["id"], text=r["text"]) for r in records]
    assert page_problems(render_page(list(zip(docs, analyses, strict=True)))) == []
    for doc, analysis in zip(docs, analyses, strict=True):
        assert "\x1b" not in render(doc, analysis)


# --- hostile text through the whole pipeline and both reports ----------------------------------------

_EXAMPLE_TEXT = (Path(__file__).resolve().parents[1] / "examples" / "idlib-flood-relief.txt").read_text(encoding="utf-8")
_PIECES = ["\u202e", "\u2066", "\u200f", "\u061c", "\x1b[31m", "<script>", "<img src=x onerror=alert(1)>", "«", "»",
           '"', "\n", "\r\n", "\t", "\ufeff", "\u0640", "\u064b", "ﻻ", "٣", "١٢٫٥", "،", "%", "ألف", "مليون",
           "قال", "إن", "يوم", "2024", "أمس", "-", "/", ":"]


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    """A slice of the example article with bidi controls, markup and Arabic fragments spliced in."""
    start = draw(st.integers(0, len(_EXAMPLE_TEXT) - 1))
    chars = list(_EXAMPLE_TEXT[start:start + draw(st.integers(20, 400))])
    for piece in draw(st.lists(st.sampled_from(_PIECES), max_size=25)):
        chars.insert(draw(st.integers(0, len(chars))), piece)
    return "".join(chars)


@functools.cache
def _pipeline() -> Pipeline:
    return Pipeline()

# remove this marker once it is fixed (the test then passes).
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_texts())
def test_hostile_text_keeps_offsets_and_reports_stay_inert(text: str) -> None:
    doc = Document(id="hostile", text=text, published=dt.date(2024, 12, 7))
    analysis = Analysis.model_validate_json(_pipeline()(doc).model_dump_json())
    assert offset_errors(analysis, text) == []
    assert reference_errors(analysis) == []
    assert page_problems(render_page([(doc, analysis)])) == []
    report = re.sub(r"\x1b\[[0-9;]*m", "", render(doc, analysis, color=True))
    assert not any(char in report for char in "\x1b\u202e\u2066\u200f\u061c\ufeff\r")
