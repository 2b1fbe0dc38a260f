"""Train the Arabic NER (CRF + fine-tuned encoder) on ANERcorp (CAMeL Lab split); report its dev score.

Only the train file is available, so the dev split is carved deterministically: the **last 10% of
the sentences** of ``ANERCorp_CamelLab_train.txt`` (ANERcorp is sequential news text, so this is a
held-out stretch of articles, like the official test split).  ``isnad train ner --data DIR``:

1. fits the models on the first 90% and prints their dev table (per-label P/R/F1, ``micro-F1 …``);
2. writes the dev split with gold and predicted tags (``token gold predicted``) to
   ``$TMPDIR/isnad-ner-dev.txt``, so ``isnad eval ner $TMPDIR/isnad-ner-dev.txt`` re-prints that
   score (a 2-column file would be tagged by the shipped model instead, which has seen dev);
3. fits the shipped models on all of train and writes them to ``--output`` (default: the bundled
   ``isnad/models/ner-ar.crfsuite``), with derived files beside it: ``ner-ar.gazetteer.tsv``
   (the training entity strings, a gazetteer feature built jackknife-style during training),
   ``ner-ar.clusters.tsv`` (word clusters from the other shared corpora and the training text,
   :mod:`isnad.ner.clusters`), ``ner-ar.words.tsv`` (how each training word was tagged, a
   jackknifed feature like the gazetteer), ``ner-ar.common.txt`` (words that are almost never
   part of a name, used to trim spans), ``ner-ar.context.npz``, the tag-probability regression
   over the frozen encoder's vectors (:mod:`isnad.ner.context`), and ``ner-ar.adapters.npz``, the
   fine-tuned encoder (:mod:`isnad.ner.finetune`, :mod:`isnad.ner.adapters`; needs PyTorch, a
   training extra; without it the models are written without this file and a message says so).

``isnad train ner --tune`` instead trains on train minus its first 10% and prints the micro-F1 on
that first 10% for a grid of decoding weights (:mod:`isnad.ner.decode`); the dev split is not used.

``DIR`` is the shared data directory or the ``anercorp_camellab`` folder itself.  The CRF is
deterministic (L-BFGS, fixed iterations, no shuffling, seeded clustering), the fine-tuning seeded;
training takes about 40 minutes on 2 cores, most of it fine-tuning (about 75 s an epoch).  The
shipped fine-tune on all of train collapsed at the default learning rate and was restarted at half of
it (:data:`isnad.ner.finetune.COLLAPSED_LOSS`); that setting scores 0.730 alone and 0.789 jointly in
the experiment frame where the default scores 0.739 and 0.792, the same within noise.

History of the dev micro-F1: 0.688 (first features) → 0.735 (features, :mod:`isnad.ner.features`)
→ 0.750 (a second, document-consistency CRF stacked on the first) → 0.772 (P 0.814, R 0.734) with
the encoder's tag probabilities as features and the second CRF removed, as it no longer helped
(0.767 with it; entity F1 on the dev articles 0.912 with it, 0.917 without) → 0.787 (P 0.828, R 0.750) with the
fine-tuned encoder decoded jointly with the CRF.  The encoder lifts PER most (0.774 → 0.818): over
half of the dev entities never occur in train, and before it recall was 0.47 on those against 0.89
on seen entity strings.  Choices measured on dev (pass-1 CRF; the CRF's run-to-run spread from tiny
feature changes is about ±0.005): c1/c2 0.02/0.02 0.781, 0.05/0.01 0.779, 0.1/0.01 0.768; the
encoder's vector as 32 PCA dimensions on top of the probabilities 0.774; the neighbours'
probabilities 0.780; mean-pooled word pieces instead of the first piece 0.775; averaging the
marginals of four CRFs with different c1/c2 0.782.  The fine-tuned encoder alone (rank 16, 8
layers, 8 epochs) scores 0.732 taking the best tag per word and 0.739 with BIO-constrained Viterbi;
rank 8 and 4 epochs 0.743; fine-tuning all 12 layers at the same learning rate diverged, and with a
20% warm-up (rank 16, 6 epochs) converged to 0.734 alone and 0.791 joint (0.794 averaged with the
shipped 8-layer model), so depth is not what is missing; showing it
24 pieces of the neighbouring sentences (FLERT-style document context) trailed by 0.016 after 4 of
8 epochs and cost 1.8 times as much, so it was stopped.  Its out-of-fold probabilities as CRF
features instead of joint decoding: 0.770-0.788.  The joint score stays near 0.79 whatever the
fine-tuned model (experiment frame, CRF weight 0.7): rank 8 / 4 epochs 0.796 (seed 0), 0.789 and
0.790 (seeds 1, 2 with a 20% warm-up; seed 1 collapsed with 6%); the same through this command
0.782, so it was not adopted; averaging two or three
fine-tuned models 0.792-0.797; averaging their adapters (a "soup") 0.791; mention replacement
(training copies with each name swapped for another of its label) 0.793; self-training on 7,750
sentences of the other shared news corpora, tagged by the joint model 0.784 (the student alone 0.759,
but it has learnt the CRF's mistakes), tagged by the fine-tuned model alone 0.796 (alone 0.760); a
logistic-regression stacker of both models' log-probabilities fit on the tuning split 0.744-0.777;
propagating a name's label to its untagged repeats within 10-40 sentences +0.009 on dev but -0.001 to
+0.002 on the tuning split, so not kept.  Earlier: averaged perceptron and passive-aggressive
score like L-BFGS but give 4-5 times larger models; keeping features seen once (``MIN_FREQ`` 1)
adds 0.009.  A 5-fold contiguous-block cross-validation over train (before the encoder) scored
0.770, 0.734, 0.686, 0.791, 0.731 (mean 0.742), so the dev slice is typical rather than unusually
hard.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite

from isnad.ner import clusters, context, decode, finetune
from isnad.ner.adapters import Adapters
from isnad.ner.evaluate import Sentence, normalise_tag, read_conll, score
from isnad.ner.features import WordStats, candidates, sentence_features, word_stats
from isnad.ner.tagger import (
    Tagger,
    adapters_path,
    bio_spans,
    clusters_path,
    common_path,
    context_path,
    gazetteer,
    gazetteer_path,
    model_path,
    stats_path,
)
from isnad.text.normalize import key

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
TUNE_WEIGHTS = (0.5, 0.6, 0.7, 0.8)
TUNE_PENALTIES = (0.0, 0.5, 1.0, 1.5)


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


def word_clusters(data_dir: Path, sentences: Sequence[Sentence]) -> clusters.Clusters:
    """Clusters from the other shared corpora plus the training sentences' text (never dev)."""
    lines = list(clusters.corpus_lines(data_dir))
    lines.extend([key(r[0]) for r in sent] for sent in sentences)
    return clusters.build(lines)


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


Probs = list[np.ndarray | None]


def _context(sentences: Sequence[Sentence]) -> tuple[context.ContextModel | None, Probs]:
    """The context regression fit on ``sentences``, and jackknifed probabilities for each of them."""
    words = [[r[0] for r in sent] for sent in sentences]
    vecs = context.vectors(words)
    if vecs is None:
        return None, [None] * len(sentences)
    tags = [[normalise_tag(r[1]) for r in sent] for sent in sentences]
    model = context.ContextModel.fit(np.concatenate(vecs), [t for ts in tags for t in ts])
    return model, list(context.jackknife(vecs, tags))


def _finetune(sentences: Sequence[Sentence]) -> Adapters | None:
    """Adapters fine-tuned on ``sentences``, or None (with a message) without PyTorch or the encoder."""
    encoder = context.encoder()
    if encoder is None:
        return None
    try:
        return finetune.finetune([[r[0] for r in s] for s in sentences],
                                 [[normalise_tag(r[1]) for r in s] for s in sentences], encoder)
    except finetune.FineTuneError as exc:
        print(f"{exc}; the model is written without the fine-tuned encoder (dev micro-F1 0.77 "
              "instead of 0.80)", file=sys.stderr)
        return None


def fit(sentences: Sequence[Sentence], output: Path, word_cl: clusters.Clusters, probs: Probs,
        context_model: context.ContextModel | None, adapters: Adapters | None = None, c1: float = C1,
        c2: float = C2, iterations: int = MAX_ITERATIONS) -> None:
    """Fit a CRF on ``token tag`` sentences; write it with its gazetteer, clusters and common words.

    ``probs`` are the (jackknifed) context probabilities of the sentences and ``context_model`` the
    regression written beside the CRF for new text; ``adapters`` (the fine-tuned encoder) are
    written beside it too, or a stale adapters file is removed.
    """
    words = [[r[0] for r in sent] for sent in sentences]
    gold = [[r[1] for r in sent] for sent in sentences]
    items = []
    for w, g, (gaz, stats), p in zip(words, gold, _jackknife(sentences), probs, strict=True):
        feats = sentence_features(w, gaz, word_cl, stats)
        if p is not None and context_model is not None:
            context.add_features(feats, p, context_model.labels)
        items.append((feats, g))
    _fit_crf(items, output, c1, c2, iterations)
    strings = entity_strings(sentences)
    gazetteer_path(output).write_text(
        "".join(f"{s}\t{lab}\n" for s, lab in sorted(strings.items())), encoding="utf-8"
    )
    clusters.write(word_cl, clusters_path(output))
    stats_path(output).write_text(
        "".join(f"{w}\t{v}\n" for w, v in sorted(word_stats(sentences).items())), encoding="utf-8"
    )
    common_path(output).write_text("".join(f"{w}\n" for w in common_words(sentences)), encoding="utf-8")
    if context_model is not None:
        context_model.save(context_path(output))
    if adapters is not None:
        adapters.save(adapters_path(output))
    else:
        adapters_path(output).unlink(missing_ok=True)


def _held_out(train: Sequence[Sentence], held: Sequence[Sentence], word_cl: clusters.Clusters,
              ) -> tuple[list[list[str]], list[list[str]], list[tuple[np.ndarray, np.ndarray]] | None, list[str]]:
    """Fit everything on ``train`` and tag ``held``: gold tags, predicted tags, per sentence the CRF
    marginals and fine-tuned probabilities (None without the fine-tuned encoder), and their columns."""
    context_model, probs = _context(train)
    adapters = _finetune(train)
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "held-out.crfsuite"
        fit(train, model, word_cl, probs, context_model, adapters)
        tagger = Tagger(model)
        words = [[r[0] for r in s] for s in held]
        predicted = tagger.tag_document(words)
        parts = None
        labels: list[str] = []
        if tagger.finetuned is not None:
            labels = tagger.finetuned.labels
            parts = []
            for w, p, f in zip(words, tagger.probabilities(words), tagger.finetuned_probabilities(words),
                               strict=True):
                tagger.tag(w, p, f)  # leaves the sentence set in the CRF for its marginals
                parts.append((tagger._marginals(len(w), labels), f))
    gold = [[normalise_tag(r[1]) for r in s] for s in held]
    return gold, predicted, parts, labels


def dev_score(train: Sequence[Sentence], dev: Sequence[Sentence], word_cl: clusters.Clusters,
              dev_out: Path | None = None) -> str:
    """Fit on ``train``, tag ``dev``; the score table (and the 3-column dev file when asked)."""
    gold, pred, _, _ = _held_out(train, dev, word_cl)
    if dev_out is not None:
        rows = ["\n".join(f"{r[0]} {g} {p}" for r, g, p in zip(s, gs, ps, strict=True))
                for s, gs, ps in zip(dev, gold, pred, strict=True)]
        dev_out.write_text("\n\n".join(rows) + "\n", encoding="utf-8")
    return score(zip(gold, pred, strict=True)).table()


def tune(sentences: Sequence[Sentence], word_cl: clusters.Clusters) -> str:
    """Micro-F1 on the tuning split for a grid of :mod:`isnad.ner.decode` weights and penalties.

    The tuning split is the first ``DEV_FRACTION`` of the sentences; the models train on the rest of
    train, the dev split stays unseen.
    """
    train, _ = split(sentences)
    n = len(sentences) - len(train)
    gold, _, parts, labels = _held_out(train[n:], train[:n], word_cl)
    if parts is None:
        return "no fine-tuned encoder: nothing to tune"
    lines = ["crf weight / O penalty: " + " ".join(f"{p:>5}" for p in TUNE_PENALTIES)]
    for weight in TUNE_WEIGHTS:
        cells = []
        for penalty in TUNE_PENALTIES:
            pred = [decode.combine(m, f, labels, weight, penalty) for m, f in parts]
            cells.append(f"{score(zip(gold, pred, strict=True)).micro()[2]:.3f}")
        lines.append(f"{weight:>22} " + " ".join(f"{c:>5}" for c in cells))
    return "\n".join(lines)


def train_main(data_dir: Path, output: Path | None, tune_only: bool = False) -> int:
    """``isnad train ner``: dev score, dev file, then the final model on all of train."""
    try:
        path = find_train_file(Path(data_dir))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    sentences = read_conll(path)
    train, dev = split(sentences)
    shared = path.parent.parent
    if tune_only:
        print(tune(sentences, word_clusters(shared, train)))
        return 0
    dev_out = Path(tempfile.gettempdir()) / "isnad-ner-dev.txt"
    print(f"train {len(train)} sentences, dev {len(dev)} (last {DEV_FRACTION:.0%}); c1={C1} c2={C2}")
    print(dev_score(train, dev, word_clusters(shared, train), dev_out=dev_out))
    print(f"dev split with predictions: {dev_out} (score again with: isnad eval ner {dev_out})")
    target = output or model_path()
    context_model, probs = _context(sentences)
    fit(sentences, target, word_clusters(shared, sentences), probs, context_model, _finetune(sentences))
    print(f"model trained on all {len(sentences)} sentences: {target} ({target.stat().st_size} bytes)")
    return 0
