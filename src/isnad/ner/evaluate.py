"""Entity-level scoring of CoNLL NER files, like conlleval: exact span and label, per label and micro.

``isnad eval ner FILE`` reads ``token gold`` lines (blank line between sentences), tags each
sentence with the shipped model and prints a per-label table ending with ``micro-F1 0.xxx``.  A
file with three columns (``token gold predicted``) is scored as is, without the model.  The dev
split: ``isnad train ner`` prints its score and writes it, with the dev model's predictions, to
``$TMPDIR/isnad-ner-dev.txt``; ``isnad eval ner $TMPDIR/isnad-ner-dev.txt`` scores that file
again (see :mod:`isnad_train.ner`).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from isnad.ner.tagger import bio_spans, normalise_tag

Sentence = list[tuple[str, ...]]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of whitespace-split rows; blank lines separate sentences."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = tuple(line.split())
        if not fields:
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(fields)
    if current:
        sentences.append(current)
    return sentences


def _entities(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    return {(s.first, s.last, s.label) for s in bio_spans(tags)}


class Scores:
    """True positives, predicted and gold entity counts per label."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()

    def add(self, gold_tags: Sequence[str], pred_tags: Sequence[str]) -> None:
        gold = _entities(gold_tags)
        pred = _entities(pred_tags)
        for _, _, lab in gold:
            self.gold[lab] += 1
        for _, _, lab in pred:
            self.pred[lab] += 1
        for _, _, lab in gold & pred:
            self.tp[lab] += 1

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def micro(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values()))

    def table(self) -> str:
        lines = [f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for lab in sorted(set(self.gold) | set(self.pred)):
            p, r, f = self.prf(self.tp[lab], self.pred[lab], self.gold[lab])
            lines.append(f"{lab:<6} {p:6.3f} {r:6.3f} {f:6.3f} {self.gold[lab]:6d} {self.pred[lab]:6d}")
        p, r, f = self.micro()
        total_gold, total_pred = sum(self.gold.values()), sum(self.pred.values())
        lines.append(f"{'micro':<6} {p:6.3f} {r:6.3f} {f:6.3f} {total_gold:6d} {total_pred:6d}")
        lines.append(f"micro-F1 {f:.3f}")
        return "\n".join(lines)


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Scores:
    """Scores of (gold tags, predicted tags) sentence pairs."""
    scores = Scores()
    for gold, pred in pairs:
        scores.add(gold, pred)
    return scores


def eval_main(path: Path) -> int:
    """``isnad eval ner FILE``: print the per-label table and the micro-F1 line."""
    sentences = read_conll(Path(path))
    if not sentences:
        print(f"no sentences in {path}", file=sys.stderr)
        return 1
    if all(len(row) >= 3 for sent in sentences for row in sent):
        pairs = [([normalise_tag(r[1]) for r in s], [normalise_tag(r[2]) for r in s]) for s in sentences]
    else:
        from isnad.ner.tagger import default_tagger

        predicted = default_tagger().tag_document([[r[0] for r in s] for s in sentences])
        pairs = [
            ([normalise_tag(r[1]) for r in s], [normalise_tag(t) for t in p])
            for s, p in zip(sentences, predicted, strict=True)
        ]
    print(score(pairs).table())
    return 0
