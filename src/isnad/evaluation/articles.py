"""Score isnad's output against gold article files (format: shared/data/articles-dev/README.md).

Matching follows the dataset's scoring rules: system items are matched to gold items greedily,
best pair first, one gold item to at most one system item.
- quotes: token-overlap F1 >= 0.5 between system ``text`` and gold ``content`` after folding;
  the speaker is right when the system speaker's text or name contains, or is contained in, the
  gold speaker or one of its aliases;
- quantities, times, sources: the system span overlaps an occurrence of the gold surface; values
  are then compared (quantities: equal value, or for vague gold a bound equal or approx set;
  times: equal ISO string); units are compared on matched quantities;
- entities: distinct folded surfaces per document, with and without the label (GPE/FAC = LOC).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from isnad.core.pipeline import Pipeline
from isnad.inputs import InputError, document_from_record
from isnad.model import Analysis

_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_QUOTE_MARKS = re.compile(r"[\"'«»“”„‘’‹›]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه"})
_TOKEN = re.compile(r"\w+")


def fold(text: str) -> str:
    """The scoring normalisation of the dataset README."""
    text = _QUOTE_MARKS.sub("", _DIACRITICS.sub("", text)).translate(_LETTERS).casefold()
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    remaining = list(tb)
    common = 0
    for t in ta:
        if t in remaining:
            remaining.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


@dataclass
class Score:
    tp: int = 0
    system: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.system += other.system
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)  # per-item misses, for --errors

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score())

    def accuracy(self, name: str) -> Accuracy:
        return self.accuracies.setdefault(name, Accuracy())


def _greedy(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Best-first one-to-one matching of (score, system index, gold index) pairs."""
    used_s: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, s, g in sorted(pairs, key=lambda p: -p[0]):
        if s not in used_s and g not in used_g:
            used_s.add(s)
            used_g.add(g)
            matched.append((s, g))
    return matched


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    if not surface:
        return []
    spans = []
    start = text.find(surface)
    while start != -1:
        spans.append((start, start + len(surface)))
        start = text.find(surface, start + 1)
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_right(system_speaker, gold: dict) -> bool:
    names = [n for n in [gold.get("speaker"), *gold.get("speaker_aliases", [])] if n]
    if not names:
        return system_speaker is None
    if system_speaker is None:
        return False
    candidates = [fold(c) for c in (system_speaker.text, system_speaker.name) if c]
    for candidate in candidates:
        for name in names:
            g = fold(name)
            if candidate and g and (candidate in g or g in candidate):
                return True
    return False


def _quantity_value_right(item, gold: dict) -> bool:
    value = gold.get("value")
    if value is None:
        bounds = [gold.get("low"), gold.get("high")]
        return item.approx or any(b is not None and b in (item.low, item.high) for b in bounds)
    return item.value is not None and abs(item.value - value) <= 1e-6 * max(1.0, abs(value))


def _span_matching(text, system_items, gold_items, report, kind, value_right, errors_for):
    occurrences = [_occurrences(text, g.get("surface", "")) for g in gold_items]
    pairs = []
    for s_i, item in enumerate(system_items):
        for g_i, occ in enumerate(occurrences):
            best = max((_overlap((item.start, item.end), o) for o in occ), default=0)
            if best:
                bonus = 1000 if value_right and value_right(item, gold_items[g_i]) else 0
                pairs.append((best + bonus, s_i, g_i))
    matched = _greedy(pairs)
    span = report.score(kind)
    span.add(Score(len(matched), len(system_items), len(gold_items)))
    if value_right is not None:
        right = [(s, g) for s, g in matched if value_right(system_items[s], gold_items[g])]
        report.score(f"{kind}-value").add(Score(len(right), len(system_items), len(gold_items)))
        for s, g in matched:
            if not value_right(system_items[s], gold_items[g]):
                errors_for(kind, "wrong value", gold_items[g], system_items[s])
    matched_g = {g for _, g in matched}
    matched_s = {s for s, _ in matched}
    for g_i, gold in enumerate(gold_items):
        if g_i not in matched_g:
            errors_for(kind, "missed", gold, None)
    for s_i, item in enumerate(system_items):
        if s_i not in matched_s:
            errors_for(kind, "spurious", None, item)
    return matched


def score_article(gold: dict, analysis: Analysis, report: Report) -> None:
    text = gold["text"]
    doc_id = gold["id"]

    def error(kind, what, gold_item, system_item):
        entry = {"id": doc_id, "kind": kind, "error": what}
        if gold_item is not None:
            entry["gold"] = gold_item
        if system_item is not None:
            entry["system"] = system_item.model_dump(mode="json", exclude_none=True)
        report.errors.append(entry)

    # Quotes
    gold_quotes = gold.get("quotes", [])
    pairs = []
    for s_i, quote in enumerate(analysis.quotes):
        for g_i, g in enumerate(gold_quotes):
            f = token_f1(quote.text, g["content"])
            if f >= 0.5:
                pairs.append((f, s_i, g_i))
    matched = _greedy(pairs)
    report.score("quotes").add(Score(len(matched), len(analysis.quotes), len(gold_quotes)))
    with_speaker = [(s, g) for s, g in matched if _speaker_right(analysis.quotes[s].speaker, gold_quotes[g])]
    report.score("quotes+speaker").add(Score(len(with_speaker), len(analysis.quotes), len(gold_quotes)))
    for s, g in matched:
        if (s, g) not in with_speaker:
            error("quotes", "wrong speaker", gold_quotes[g], analysis.quotes[s])
    matched_g = {g for _, g in matched}
    matched_s = {s for s, _ in matched}
    for g_i, g in enumerate(gold_quotes):
        if g_i not in matched_g:
            error("quotes", "missed", g, None)
    for s_i, q in enumerate(analysis.quotes):
        if s_i not in matched_s:
            error("quotes", "spurious", None, q)

    # Quantities, times, sources
    gold_q = gold.get("quantities", [])
    matched_q = _span_matching(text, analysis.quantities, gold_q, report, "quantities", _quantity_value_right, error)
    unit = report.accuracy("quantity-unit")
    for s, g in matched_q:
        unit.total += 1
        if (analysis.quantities[s].unit or None) == (gold_q[g].get("unit") or None):
            unit.right += 1
        else:
            error("quantities", "wrong unit", gold_q[g], analysis.quantities[s])
    _span_matching(
        text, analysis.times, gold.get("times", []), report, "times",
        lambda item, g: item.value == g.get("value"), error,
    )
    gold_s = gold.get("sources", [])
    matched_src = _span_matching(text, analysis.sources, gold_s, report, "sources", None, error)
    kind_acc = report.accuracy("source-kind")
    for s, g in matched_src:
        kind_acc.total += 1
        kind_acc.right += analysis.sources[s].kind == gold_s[g].get("kind")

    # Entities: distinct folded surfaces, with and without label
    def label(value: str) -> str:
        return "LOC" if value in ("GPE", "FAC") else value

    gold_e = {(fold(e["surface"]), label(e["type"])) for e in gold.get("entities", [])}
    sys_e = {(fold(e.text), label(e.label)) for e in analysis.entities}
    report.score("entities").add(
        Score(len({s for s, _ in gold_e} & {s for s, _ in sys_e}), len({s for s, _ in sys_e}), len({s for s, _ in gold_e}))
    )
    report.score("entities+label").add(Score(len(gold_e & sys_e), len(sys_e), len(gold_e)))
    for surface, lab in sorted(gold_e - sys_e):
        report.errors.append({"id": doc_id, "kind": "entities", "error": "missed", "gold": {"surface": surface, "type": lab}})
    for surface, lab in sorted(sys_e - gold_e):
        report.errors.append({"id": doc_id, "kind": "entities", "error": "spurious", "system": {"surface": surface, "label": lab}})


#: the annotation lists of a gold article and the keys every item of each must have (strings)
GOLD_ITEMS = {"quotes": ("content",), "quantities": ("surface",), "times": ("surface",), "sources": ("surface",),
              "entities": ("surface", "type")}


def gold_problem(gold: object, where: str) -> str | None:
    """What makes ``gold`` unusable as a gold article (README of articles-dev), or None."""
    if not isinstance(gold, dict):
        return f"expected a JSON object, got {type(gold).__name__}"
    for key in ("id", "text"):
        if not isinstance(gold.get(key), str) or not gold[key].strip():
            return f"missing {key!r} (a non-empty string)"
    present = [name for name in GOLD_ITEMS if name in gold]
    if not present:
        return f"no annotations: none of {', '.join(GOLD_ITEMS)}"
    for name in present:
        items = gold[name]
        if not isinstance(items, list):
            return f"{name!r} must be a list, got {type(items).__name__}"
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                return f"{name}[{i}] must be an object, got {type(item).__name__}"
            for key in GOLD_ITEMS[name]:
                if not isinstance(item.get(key), str):
                    return f"{name}[{i}] has no {key!r} (a string)"
            if name == "quantities" and any(
                item.get(k) is not None and not isinstance(item.get(k), int | float) for k in ("value", "low", "high")
            ):
                return f"quantities[{i}]: value, low and high must be numbers or null"
    try:
        document_from_record(_record(gold), where)
    except InputError as err:  # a bad 'published', an oversized text …
        return str(err).removeprefix(f"{where}: ")
    return None


def load_gold(directory: Path) -> list[dict]:
    """The gold articles of ``directory`` (``*.json``), every file checked first.

    Raises :class:`~isnad.inputs.InputError` naming the first bad file and what is wrong, with the
    number of other bad files, so that nothing is scored against a broken or foreign file.
    """
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of gold article files (*.json)")
    files = sorted(p for p in directory.glob("*.json"))
    if not files:
        raise InputError(f"{directory}: no gold article files (*.json)")
    golds, problems = [], []
    for path in files:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text")
            continue
        except json.JSONDecodeError as err:
            problems.append(f"{path}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}")
            continue
        problem = gold_problem(gold, str(path))
        if problem is not None:
            problems.append(f"{path}: not a gold article: {problem}")
        golds.append(gold)
    if problems:
        others = len(problems) - 1
        more = f" (and {others} more bad file{'s' if others > 1 else ''})" if others else ""
        raise InputError(problems[0] + more)
    return golds


def _record(gold: dict) -> dict:
    return {k: gold.get(k) for k in ("id", "text", "lang", "published", "title", "author", "outlet", "url")}


def evaluate(gold: Path | list[dict], pipeline: Pipeline | None = None,
             progress: Callable[[str], None] | None = None) -> Report:
    """Score ``pipeline`` on the gold articles of a directory (or already loaded by :func:`load_gold`)."""
    pipeline = pipeline or Pipeline()
    report = Report()
    for article in load_gold(gold) if isinstance(gold, Path) else gold:
        analysis = pipeline(document_from_record(_record(article), article["id"]))
        score_article(article, analysis, report)
        if progress:
            progress(article["id"])
    return report


def format_report(report: Report) -> str:
    lines = [f"{'measure':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'sys':>5} {'gold':>5}"]
    for name, s in report.scores.items():
        lines.append(
            f"{name:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.system:5d} {s.gold:5d}"
        )
    for name, a in report.accuracies.items():
        lines.append(f"{name + ' acc':<18} {a.value:6.3f} {'':>6} {'':>6} {a.right:5d} {a.total:5d}")
    return "\n".join(lines)
