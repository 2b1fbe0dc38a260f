"""An attribution after its clause: «…، كما أوضح ليندمير», «… على ما قال الوزير».

«كما/ما» right before a verb inside the sentence, with no introducer after the verb: the noun phrase after the
verb speaks the clause before «كما» (or, when that clause is already a quote, joins its chain).
"""

from __future__ import annotations

from isnad.components.quotes import lexicon
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.constructions.verb_object import _object_pronoun
from isnad.components.quotes.content import clause_before
from isnad.components.quotes.reader import COMMAS


def read(clause: Clause) -> Reading:
    r, k = clause.reader, clause.k
    if clause.prev in lexicon.words("after_clause_particles") and k - 1 > clause.lo and (
        _object_pronoun(clause.bare_text, clause.entry.lemma) and clause.text(k + 1) in COMMAS
    ):
        return None  # «…، كما وصفها، …»: the writer's hedge on a word, not a report
    if not (clause.prev in lexicon.words("after_clause_particles") and k - 1 > clause.lo and not clause.introduced(6)):
        return NOT_MINE
    if clause.text(k + 1) in COMMAS:
        return None  # «…، كما قال، …» with no speaker named: a hedge
    speaker = clause.np(k + 1)
    if speaker is None:
        return None
    toks = r.toks
    at = toks[k - 1].start
    cue = clause.cue
    if toks[k - 1].text in lexicon.words("ma_particles") and k - 2 >= clause.lo:
        at = toks[k - 2].start
        cue = (at, cue[1], cue[2])
    r.remember(speaker)
    return clause_before(clause, r.index_at(at), at, cue, speaker, clause.covered_end)
