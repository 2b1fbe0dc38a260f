"""Train the Arabic NER (a CRF) on ANERcorp (CAMeL Lab split); report its dev score.

Only the train file is available, so the dev split is carved deterministically: the **last 10% of
the sentences** of ``ANERCorp_CamelLab_train.txt`` (ANERcorp is sequential news text, so this is a
held-out stretch of articles, like the official test split).  ``isnad train ner --data DIR``:

1. fits the model on the first 90% and prints its dev table (per-label P/R/F1, ``micro-F1 …``);
2. writes the dev split with gold and predicted tags (``token gold predicted``) to
   ``$TMPDIR/isnad-ner-dev.txt``, so ``isnad eval ner $TMPDIR/isnad-ner-dev.txt`` re-prints that
   score (a 2-column file would be tagged by the shipped model instead, which has seen dev);
3. fits the shipped model on all of train and writes it to ``--output`` (default: the bundled
   ``isnad/trained/ner-ar.crfsuite``), with derived files beside it: ``ner-ar.gazetteer.tsv``
   (the training entity strings, a gazetteer feature built jackknife-style during training),
   ``ner-ar.clusters.tsv`` (word clusters, :mod:`isnad_train.clusters`, from the unlabelled text
   of the shared corpora and the ANT news corpus plus the training text), ``ner-ar.words.tsv``
   (how each training word was tagged, a jackknifed feature like the gazetteer) and
   ``ner-ar.common.txt`` (words that are almost never part of a name, used to trim spans) and
   ``ner-ar.attributes.txt`` (the attributes the CRF has weights for: tagging hands it only those).

``DIR`` is the shared data directory or the ``anercorp_camellab`` folder itself.  The CRF is
deterministic (L-BFGS, fixed iterations, no shuffling, seeded clustering); training takes about
5 minutes on 2 cores.  The history of the dev micro-F1 and every experiment tried, including the
transformer encoder that was dropped from the default path, is in ``docs/ner.md``.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from isnad.ner import clusters
from isnad.ner.evaluate import Sentence, normalise_tag, read_conll, score
from isnad.ner.features import WordStats, candidates, context_words, sentence_features, triggers, word_stats
from isnad.ner.tagger import (
    Model,
    Tagger,
    bio_spans,
    clusters_path,
    common_path,
    contexts_path,
    gazetteer,
    gazetteer_path,
    model_path,
    stats_path,
    write_attributes,
)
from isnad.text.normalize import key
from isnad_train.clusters import build_clusters, build_contexts, corpus_lines

TRAIN_FILE = "ANERCorp_CamelLab_train.txt"
DEV_FRACTION = 0.1
C1 = 0.02
C2 = 0.02
MAX_ITERATIONS = 250
# Features seen once still help with names seen once (+0.009 dev micro-F1; model 1.6 → 2.3 MB).
MIN_FREQ = 1
FOLDS = 5
COMMON_MIN = 2
COMMON_MAX_SHARE = 0.2


def find_train_file(data_dir: Path) -> Path:
    for candidate in (data_dir / TRAIN_FILE, data_dir / "anercorp_camellab" / TRAIN_FILE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{TRAIN_FILE} not found under {data_dir}")


def split(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last ``DEV_FRACTION`` of the sentences."""
    cut = len(sentences) - int(len(sentences) * DEV_FRACTION)
    return list(sentences[:cut]), list(sentences[cut:])


def entity_strings(sentences: Sequence[Sentence]) -> dict[str, str]:
    """Normalised entity surface -> most frequent label, proclitics before ال removed."""
    votes: dict[str, Counter[str]] = {}
    for sent in sentences:
        tags = [r[1] for r in sent]
        for span in bio_spans(tags):
            words = [r[0] for r in sent[span.first:span.last + 1]]
            first = next((c for c in candidates(words[0]) if c.startswith("ال")), key(words[0]))
            surface = " ".join([first, *(key(w) for w in words[1:])])
            votes.setdefault(surface, Counter())[span.label] += 1
    return {s: c.most_common(1)[0][0] for s, c in votes.items()}


def common_words(sentences: Sequence[Sentence]) -> list[str]:
    """Keys seen at least ``COMMON_MIN`` times and almost never inside an entity (for span trimming)."""
    total: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for sent in sentences:
        for row in sent:
            k = key(row[0])
            total[k] += 1
            inside[k] += row[1] != "O"
    return sorted(k for k, n in total.items() if n >= COMMON_MIN and inside[k] <= COMMON_MAX_SHARE * n)


def _jackknife(sentences: Sequence[Sentence]) -> list[tuple[dict[str, str], WordStats]]:
    """Per sentence: the base gazetteer plus the entities of the *other* folds, and their word stats.

    A gazetteer built from all of train would always fire on training entities and the CRF would
    trust it blindly; built from the other folds it fires as often as it will on new text.  The same
    holds for the word statistics (how often a word was tagged what, or never seen).
    """
    base = gazetteer()
    size = -(-len(sentences) // FOLDS)
    chunks = [sentences[i:i + size] for i in range(0, len(sentences), size)]
    per_fold = [entity_strings(chunk) for chunk in chunks]
    out: list[tuple[dict[str, str], WordStats]] = []
    for k, chunk in enumerate(chunks):
        gaz: dict[str, str] = {}
        for j, strings in enumerate(per_fold):
            if j != k:
                gaz.update(strings)
        gaz.update(base)
        stats = word_stats(s for j, other in enumerate(chunks) if j != k for s in other)
        out.extend([(gaz, stats)] * len(chunk))
    return out


WordFeatures = tuple[clusters.Clusters, clusters.WordContexts]


def word_features(data_dir: Path, sentences: Sequence[Sentence]) -> WordFeatures:
    """Clusters and word contexts from the unlabelled corpora plus the training sentences' text (never dev)."""
    lines = list(corpus_lines(data_dir))
    lines.extend([key(r[0]) for r in sent] for sent in sentences)
    return build_clusters(lines), build_contexts(lines, context_classes())


def context_classes() -> dict[str, str]:
    """Word key -> GIVEN / PER / PREP / SAY, from the NER trigger and context lexicons."""
    out = {w: "PREP" if cls == "PREP" else "SAY" for w, cls in triggers().items() if cls in ("PREP", "SAY")}
    out.update({w: "PER" for w, cls in triggers().items() if cls == "PER"})
    out.update({w: "PER" for w, cls in context_words().items() if cls == "ROLE"})
    out.update({w: "GIVEN" for w, cls in context_words().items() if cls == "GIVEN"})
    return out


def _fit_crf(items: Sequence[tuple[list[dict[str, str | float]], list[str]]], output: Path,
             c1: float, c2: float, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in items:
        trainer.append(feats, tags)
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": iterations,
        "feature.minfreq": MIN_FREQ, "feature.possible_transitions": True,
    })
    output.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(output))


def fit(sentences: Sequence[Sentence], output: Path, distributional: WordFeatures, c1: float = C1, c2: float = C2,
        iterations: int = MAX_ITERATIONS) -> None:
    """Fit a CRF on ``token tag`` sentences; write it with its gazetteer, clusters, contexts, word stats, common words."""
    word_cl, contexts = distributional
    words = [[r[0] for r in sent] for sent in sentences]
    gold = [[r[1] for r in sent] for sent in sentences]
    items = [(sentence_features(w, gaz, word_cl, stats, contexts=contexts), g)
             for w, g, (gaz, stats) in zip(words, gold, _jackknife(sentences), strict=True)]
    _fit_crf(items, output, c1, c2, iterations)
    write_attributes(output)
    strings = entity_strings(sentences)
    gazetteer_path(output).write_text(
        "".join(f"{s}\t{lab}\n" for s, lab in sorted(strings.items())), encoding="utf-8"
    )
    clusters.write(word_cl, clusters_path(output))
    clusters.write(contexts, contexts_path(output))
    stats_path(output).write_text(
        "".join(f"{w}\t{v}\n" for w, v in sorted(word_stats(sentences).items())), encoding="utf-8"
    )
    common_path(output).write_text("".join(f"{w}\n" for w in common_words(sentences)), encoding="utf-8")


def dev_score(train: Sequence[Sentence], dev: Sequence[Sentence], distributional: WordFeatures,
              dev_out: Path | None = None) -> str:
    """Fit on ``train``, tag ``dev``; the score table (and the 3-column dev file when asked)."""
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "held-out.crfsuite"
        fit(train, model, distributional)
        pred = Tagger(Model(model)).tag_document([[r[0] for r in s] for s in dev])
    gold = [[normalise_tag(r[1]) for r in s] for s in dev]
    if dev_out is not None:
        rows = ["\n".join(f"{r[0]} {g} {p}" for r, g, p in zip(s, gs, ps, strict=True))
                for s, gs, ps in zip(dev, gold, pred, strict=True)]
        dev_out.write_text("\n\n".join(rows) + "\n", encoding="utf-8")
    return score(zip(gold, pred, strict=True)).table()


def train_main(data_dir: Path, output: Path | None) -> int:
    """``isnad train ner``: dev score, dev file, then the final model on all of train."""
    try:
        path = find_train_file(Path(data_dir))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    sentences = read_conll(path)
    train, dev = split(sentences)
    shared = path.parent.parent
    dev_out = Path(tempfile.gettempdir()) / "isnad-ner-dev.txt"
    print(f"train {len(train)} sentences, dev {len(dev)} (last {DEV_FRACTION:.0%}); c1={C1} c2={C2}")
    print(dev_score(train, dev, word_features(shared, train), dev_out=dev_out))
    print(f"dev split with predictions: {dev_out} (score again with: isnad eval ner {dev_out})")
    target = output or model_path()
    fit(sentences, target, word_features(shared, sentences))
    print(f"model trained on all {len(sentences)} sentences: {target} ({target.stat().st_size} bytes)")
    return 0
