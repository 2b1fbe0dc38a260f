"""Prepositional attribution: «بحسب/وفقا لـ/نقلا عن X», «بحسب ما أفادت به وكالة …», «جاء في بيان …»,
«according to X».

Before the clause («بحسب التقرير، فإن …») the content is the clause after X; after it («… بحسب الفاو») the clause
before it, or, when that clause is already a quote, X joins its chain.  «بحسب تقرير صادر عن X يوم …،» covers the
issuer and date; «بحسب X –بدون تصرف-: «…»» (a short phrase, a colon, a quotation) is a direct quote of X.
A media or document X is also a source of its own (``Reader.extra_sources``).
"""

from __future__ import annotations

from isnad.components.attribution import is_complementizer
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.content import clause_before, content
from isnad.components.quotes.found import Found, Who
from isnad.components.quotes.frame import Frame
from isnad.components.quotes.reader import COMMAS, Reader
from isnad.components.quotes.vocab import is_time

_CITED = ("media", "document")


def read(clause: Clause) -> Reading:
    entry = clause.entry
    if entry.kind not in ("prep", "en_prep"):
        return NOT_MINE
    r, k, hi, stop = clause.reader, clause.k, clause.hi, clause.stop
    toks = r.toks
    t = toks[k]
    j = k + 1
    cue_end = t.end
    needs = lexicon.pairs("prep_cues_needing_preposition")
    if entry.kind == "en_prep":
        if j < hi and toks[j].text.casefold() in lexicon.words("english_prep_cue_particles"):
            cue_end = toks[j].end
            j += 1
        else:
            return None
    elif clause.bare_text in needs and (j >= hi or toks[j].text != needs[clause.bare_text]):
        return None  # «وجاء قرار الوكالة بعد …»: only «جاء في بيان» attributes
    elif j < hi and toks[j].text in lexicon.words("prep_cue_particles"):
        cue_end = toks[j].end
        j += 1
    verb = r.cues[j] if j < hi else None
    if verb is not None and verb[0].kind == "verb":
        r.consumed.add(j)
        cue_end = toks[j].end
        j += 1
        while j < hi and (is_time(toks[j].text) or toks[j].text in lexicon.words("prep_cue_pronouns")):
            j += 1  # «بحسب ما أفادت به وكالة الأنباء»
    if entry.kind == "en_prep":
        speaker = phrases.english_np(r, j, hi)  # «according to» always names a source
    else:
        speaker = clause.np(j) if j < hi else None
        if speaker is not None and verb is None and not r.sourcelike(speaker):
            return None  # (after «بحسب ما قال» the reporting verb says that its subject spoke)
    cue = (t.start + clause.clitic, cue_end, entry)
    initial = k == clause.lo or toks[k - 1].text in lexicon.words("conjunctions") or (
        toks[k - 1].text in lexicon.words("pronoun_clause_openers"))
    m = r.index_at(speaker.end) if speaker is not None else j
    named_after = False
    if speaker is not None:
        speaker, m = phrases.extend_issued(r, speaker, hi, stop)
        named_after = speaker.end > t.start  # (before an issuer may take the document's place)
        if speaker.kind in _CITED:
            r.extra_sources.append(speaker)
            if clause.bare_text in needs and speaker.kind == "document":
                speaker = _issuer(r, speaker) or speaker  # «وجاء في البيان: …»: the company that issued it speaks
        opened = clause.colon_quotation(m, stop)
        if opened is not None:  # «… بحسب فرانس24 –بدون تصرف-: «…»»: X's own words, not the clause before
            r.remember(speaker)
            return Found(opened + 1, r.regions[opened], "direct", cue, speaker)
    if speaker is None:
        if r.last is None or verb is None:
            return None
        speaker = r.last
    if initial and named_after:
        while m < hi and (toks[m].text in COMMAS or toks[m].text in lexicon.words("apodosis_particles") or (
            is_complementizer(toks[m].text)
        )):  # «وجاء في بيان للمجلس أن القصف مستمر»: what follows أن
            m += 1
        if m >= hi:
            return None
        return content(r, toks[m].start, stop, cue, speaker, Frame())
    if not initial and toks[k - 1].text in COMMAS and m + 1 < hi and toks[m].text in COMMAS and (
        toks[m + 1].start < stop
    ) and clause.covered_end <= clause.start:
        return _parenthetical(clause, m + 1, cue, speaker)
    return clause_before(clause, k, t.start, cue, speaker, clause.covered_end)


def _issuer(r: Reader, document: Who) -> Who | None:
    """Who issued the statement a «جاء في …» quotes: the name in construct with it («بيان موانئ دبي», «بيان
    للمجلس»), else, for a bare «البيان», the last speaker that is no document (the statement is theirs)."""
    words = r.words_between(document.start, document.end)
    if len(words) > 1:
        named = phrases.simple_np(r, r.index_at(words[1].start), r.index_at(document.end), tail=False)
        if named is not None and r.sourcelike(named) and named.kind != "document":
            return named
        return None
    last = r.last
    return last if last is not None and last.kind not in _CITED else None


def _parenthetical(clause: Clause, after: int, cue, speaker) -> Found | None:
    """«ويمكن للبنانيين في الخارج، وفق وزارة الخارجية، الاقتراع في …»: an attribution between commas inside its
    clause covers the whole clause, from its start (or the إن/أن that opens it: «علما أن عدد … يقدر، وفق خبراء،
    بما بين …») to its end; a quotation right after it is the source's own words («وإذا كان القادة، وفق خاطر،
    "…"»)."""
    r, lo = clause.reader, clause.lo
    toks = r.toks
    opened = toks[after].start
    if opened in r.regions and r.region_words(opened) >= 2:
        r.remember(speaker)
        return Found(opened + 1, r.regions[opened], "direct", cue, speaker)
    first = lo
    for j in range(clause.k - 1, lo - 1, -1):
        if clause.reporting_complementizer(j) and not r.inside_quote(toks[j].start):
            first = j + 1  # «علما أن عدد اللبنانيين …»
            break
    r.examined += clause.k - lo
    while first < clause.k and (toks[first].text in lexicon.words("conjunctions") or toks[first].text in COMMAS):
        first += 1
    if first >= clause.k:
        return None
    word = toks[first]
    start = word.start + 1 if word.text[:1] in lexicon.words("conjunction_proclitics") and len(word.text) > 3 and (
        r.cues[first] is None
    ) else word.start
    r.remember(speaker)
    return content(r, start, clause.object_end(toks[after].start, clause.stop), cue, speaker, Frame())
