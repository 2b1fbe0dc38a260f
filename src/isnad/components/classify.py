"""Sentence scores: subjectivity and check-worthiness from the bundled classifiers.

One vectorised call per document and model (:mod:`isnad.classify.classifiers`): Arabic and English
subjectivity, Arabic check-worthiness (the tweet model, and the verifiable-claim model, which
carries over to news sentences better).  The first two are set on ``doc.sentences``; ``doc.scores``
holds the verifiable-claim probability of each sentence (None for English), which the claims stage
blends into its priority.
"""

from __future__ import annotations

from isnad.classify import classifiers
from isnad.core.doc import Doc
from isnad.core.registry import stage


@stage("classify", assigns=["scores"])
def annotate(doc: Doc) -> None:
    sentences = doc.sentences
    texts = [s.text for s in sentences]
    subjectivity = classifiers.predict("subjectivity", doc.lang, texts, classifiers.embeddings_requested(doc.options))
    checkworthiness = classifiers.predict("checkworthiness", doc.lang, texts)
    claim = classifiers.predict("checkworthiness", classifiers.CLAIM_MODEL, texts) if doc.lang == "ar" else None
    for i, sentence in enumerate(sentences):
        if subjectivity is not None:
            sentence.subjectivity = round(subjectivity[i], 4)
        if checkworthiness is not None:
            sentence.checkworthiness = round(checkworthiness[i], 4)
    doc.scores = claim if claim is not None else [None] * len(sentences)
