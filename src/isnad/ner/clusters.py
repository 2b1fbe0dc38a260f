"""Distributional word features for the NER: word clusters and word contexts, read and written.

ANERcorp is small (125k words), so most names in new text were never seen in training.  Words that
occur in similar contexts get the same cluster id, which lets the CRF generalise from «باريس» to
«باليرمو».  ``isnad train ner`` builds them (:mod:`isnad_train.clusters`) and stores them beside the
model as ``word<TAB>coarse<TAB>fine<TAB>finest``; the word contexts (where a word stands in running
text) the same way, one bucket per column.  Tagging only reads them.
"""

from __future__ import annotations

from pathlib import Path

Clusters = dict[str, tuple[str, ...]]
#: word core -> buckets of its context shares (after a given name, a title, a preposition; before a
#: reporting verb; with the article) and its log frequency, from :func:`isnad_train.clusters.build_contexts`
WordContexts = dict[str, tuple[str, ...]]
CONTEXT_FEATURES = ("dgiven", "dtitle", "dprep", "dsay", "dal", "dfreq")


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
