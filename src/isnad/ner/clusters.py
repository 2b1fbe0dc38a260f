"""Distributional word clusters for the NER features, learnt from unlabelled Arabic text.

ANERcorp is small (125k words), so most names in new text were never seen in training.  Words that
occur in similar contexts (left/right neighbours among the frequent words) get the same cluster id,
which lets the CRF generalise from «باريس» to «باليرمو».  The clusters are built by ``isnad train
ner`` from the Arabic text of the other shared corpora (tweets, claims, news; the gold articles are
left out) plus the training sentences: PPMI context vectors → truncated SVD → k-means, all with
fixed seeds, and stored beside the model as ``word<TAB>coarse<TAB>fine<TAB>finest``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from isnad.text.normalize import key

_ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")
Clusters = dict[str, tuple[str, ...]]
SKIP_DIRS = ("articles-dev", "anercorp_camellab")
VOCAB = 30_000
CONTEXTS = 1_000
MIN_COUNT = 3
DIMS = 64
COARSE = 64
FINE = 256
FINEST = 1024


def corpus_lines(data_dir: Path) -> Iterator[list[str]]:
    """Normalised Arabic word sequences, one per distinct line of the shared text files."""
    seen: set[int] = set()
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.suffix not in (".tsv", ".csv", ".json", ".jsonl", ".txt"):
            continue
        if any(part in SKIP_DIRS for part in path.relative_to(data_dir).parts):
            continue
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            h = hash(line)
            if h in seen:
                continue
            seen.add(h)
            words = [key(w) for w in _ARABIC_WORD.findall(line)]
            if len(words) > 2:
                yield words


def build(lines: Iterable[list[str]]) -> Clusters:
    """Word key -> (coarse id, fine id, finest id)."""
    from scipy.sparse import coo_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    sequences = list(lines)
    counts = Counter(w for seq in sequences for w in seq)
    ranked = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    vocab = {w: i for i, w in enumerate(ranked[:VOCAB])}
    contexts = {w: i for i, w in enumerate(ranked[:CONTEXTS])}
    pairs: Counter[tuple[int, int]] = Counter()
    for seq in sequences:
        for i, w in enumerate(seq):
            row = vocab.get(w)
            if row is None:
                continue
            if i > 0 and seq[i - 1] in contexts:
                pairs[(row, contexts[seq[i - 1]])] += 1
            if i + 1 < len(seq) and seq[i + 1] in contexts:
                pairs[(row, CONTEXTS + contexts[seq[i + 1]])] += 1
    rows, cols, vals = zip(*((r, c, v) for (r, c), v in sorted(pairs.items())), strict=True)
    matrix = coo_matrix((np.array(vals, dtype=float), (rows, cols)), shape=(len(vocab), 2 * CONTEXTS)).tocsr()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel()
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    ppmi = coo_matrix((np.maximum(pmi, 0), (coo.row, coo.col)), shape=matrix.shape).tocsr()
    vectors = normalize(TruncatedSVD(n_components=DIMS, random_state=0).fit_transform(ppmi))
    # a small corpus (a test, a user's own data) gets at most one cluster per word
    coarse, fine, finest = (
        MiniBatchKMeans(n_clusters=min(k, len(vocab)), random_state=0, n_init=3, batch_size=4096).fit_predict(vectors)
        for k in (COARSE, FINE, FINEST))
    return {w: (str(coarse[i]), str(fine[i]), str(finest[i])) for w, i in vocab.items()}


def write(clusters: Clusters, path: Path) -> None:
    path.write_text("".join("\t".join((w, *ids)) + "\n" for w, ids in sorted(clusters.items())), encoding="utf-8")


def read(path: Path) -> Clusters:
    if not path.is_file():
        return {}
    out: Clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        w, *ids = line.split("\t")
        out[w] = tuple(ids)
    return out
