"""Claims across the articles of one event: linked mentions, their agreement, and who reported first.

Linking (:func:`link_units`) compares the units (:mod:`isnad.matching.units`) of different articles:

- two figures can state the same claim only when they count the same kind of thing in the same unit
  (durations together), with the same outcome when both say one (killed is not injured), the same
  place when both name one right next to the figure (three missiles at Riyadh are not one at Najran)
  and the same reference period (a toll of 2015 is not this one).  Their score is the similarity of
  their context, plus a bonus when their values agree (the same figure in two outlets is strong,
  language-independent evidence) and when they share their outcome;
- two statements link on the similarity of their content: their content terms and entities (KB ids,
  so an Arabic and an English statement naming the same people and places can link), each weighted
  by how rare it is among the event's units (a word every clause of the event has says nothing).

Links above the threshold join units into claims (single linkage, refused when it would put two
figures that cannot be the same claim together).  A claim is kept when it has mentions in two
articles or more, or when its one article marks an earlier figure of it («وكانت حصيلة سابقة…»).
Every link keeps its reasons.

Contradictions (:func:`contradiction`): figures that do not agree (:mod:`isnad.matching.agreement`)
are an ``update`` when timing explains them (a later report, an article that marks the older figure
as earlier, or a figure given as the newest state of a rising count), else a ``discrepancy``; dated
statements of one claim with different dates, or one statement and its negation, are a ``conflict``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from isnad.matching.agreement import Reading, agree, describe, family, read
from isnad.matching.units import Unit, place_level

#: the score a link of two figures needs (context similarity plus the bonuses below)
FIGURE_THRESHOLD = 0.25
#: the score a link of two statements needs (the similarity of their words and entities)
STATEMENT_THRESHOLD = 0.2
#: two groups of units join when their pairs across articles average this share of their threshold
#: (figures a little less: the disagreeing figures of one claim have no value in common to lift them)
AVERAGE_STATEMENT_LINK = 1.0
AVERAGE_FIGURE_LINK = 0.8
#: what agreeing values add to a figure link (more for a figure that is not a small number)
SAME_VALUE_BONUS = 0.35
SMALL_VALUE_BONUS = 0.2
BOUND_BONUS = 0.1
#: what a shared outcome (killed, injured …) adds
SAME_OUTCOME_BONUS = 0.3
#: a statement links only to one of the best this many matches in the other article, both ways
MUTUAL_RANK = 2
#: statements are compared when they share a term that at most this share of the event's units have
CANDIDATE_DF_SHARE = 0.1
CANDIDATE_DF_FLOOR = 8
#: two names the knowledge base does not know are one when they are spelt this much alike
SAME_NAME_RATIO = 0.75
#: a statement with its negation is a conflict only when they are this alike
CONFLICT_SIMILARITY = 0.5


@dataclass
class ArticleUnits:
    """One article of an event with its units."""

    article_id: str
    outlet: str | None
    published: str | None  # UTC timestamp or date
    units: list[Unit]


@dataclass
class Link:
    a: int  # mention positions in the claim
    b: int
    score: float
    reasons: list[str]


@dataclass
class Contradiction:
    kind: str  # update | discrepancy | conflict
    mentions: list[int]
    reason: str


@dataclass
class Claim:
    mentions: list[Unit]
    articles: dict[str, ArticleUnits]
    links: list[Link] = field(default_factory=list)
    contradiction: Contradiction | None = None
    first_report: str | None = None

    @property
    def label(self) -> str:
        return self.mentions[0].text


class Weights(dict[str, float]):
    """The weight of each term of an event's units (how rare it is among them), with each unit's norm."""

    def __init__(self, units: Sequence[Unit]):
        df = Counter(t for u in units for t in u.terms)
        n = len(units)
        super().__init__((t, math.log(1 + n / d)) for t, d in df.items())
        self._norms: dict[int, float] = {}

    def norm(self, unit: Unit) -> float:
        key = id(unit)
        if key not in self._norms:
            self._norms[key] = math.sqrt(sum(self.get(t, 1.0) ** 2 for t in unit.terms)) or 1.0
        return self._norms[key]


def similarity(a: Unit, b: Unit, weights: Weights) -> tuple[float, list[str]]:
    """Cosine of the two units' weighted content terms, and the shared terms, heaviest first."""
    shared = a.terms & b.terms
    if not shared:
        return 0.0, []
    score = sum(weights.get(t, 1.0) ** 2 for t in shared) / (weights.norm(a) * weights.norm(b))
    return score, sorted(shared, key=lambda t: -weights.get(t, 1.0))


def spellings_as_one(units: Sequence[Unit]) -> None:
    """Names the knowledge base does not know become one term when they are spelt alike.

    «محرم إنجه», «محرم اينجه», «محرم إنجيه»: transliterations vary from outlet to outlet.  Each such
    name of the event is replaced, in every unit, by the first name spelt like it.
    """
    names = sorted({t for u in units for t in u.terms if t.startswith("@~")})
    canonical: dict[str, str] = {}
    kept: list[str] = []
    for name in names:
        match = next((k for k in kept if same_name(name[1:], k[1:])), None)
        if match is None:
            kept.append(name)
        else:
            canonical[name] = match
    if canonical:
        for u in units:
            if not u.terms.isdisjoint(canonical):
                u.terms = frozenset(canonical.get(t, t) for t in u.terms)


def figures_compatible(a: Unit, b: Unit) -> bool:
    """Can two figures be values of one claim (same kind of thing, outcome, place and period)?"""
    fa, fb = a.figure, b.figure
    assert fa is not None and fb is not None
    if family(fa.unit) != family(fb.unit) or fa.counted != fb.counted:
        return False
    if fa.outcome and fb.outcome and fa.outcome != fb.outcome:
        return False
    if _different_places(fa.scope, fb.scope):
        return False
    if _different_holders(fa.subject, fb.subject):
        return False
    return _same_period(fa.past, fb.past)


def _same_period(a: frozenset[str], b: frozenset[str]) -> bool:
    """The article's own time for both, or background periods that meet («1976» and «1976-03-30»)."""
    if not a or not b:
        return a == b
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def same_name(a: str, b: str) -> bool:
    """One entity: the same KB id, or two names the KB does not know spelt alike («شهر كرد» / «شهر كورد»)."""
    if a == b:
        return True
    if not (a.startswith("~") and b.startswith("~")):
        return False
    matcher = SequenceMatcher(None, a, b)  # the cheap upper bounds first: most names are nothing alike
    return (matcher.real_quick_ratio() >= SAME_NAME_RATIO and matcher.quick_ratio() >= SAME_NAME_RATIO
            and matcher.ratio() >= SAME_NAME_RATIO)


def _different_places(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two figures of different places of one level (Riyadh and Najran; not Idlib and its governorate)."""
    if not a or not b or any(same_name(x, y) for x in a for y in b):
        return False
    levels_a = {place_level(k) for k in a}
    return any(level is not None and level in levels_a for level in map(place_level, b))


def _different_holders(a: frozenset[str], b: frozenset[str]) -> bool:
    """Figures of two different people or bodies the KB knows (names it does not know vary in spelling)."""
    known_a = {k for k in a if not k.startswith("~")}
    known_b = {k for k in b if not k.startswith("~")}
    return bool(known_a and known_b and not known_a & known_b)


def score_pair(a: Unit, b: Unit, weights: Weights) -> tuple[float, list[str]] | None:
    """The link score of two units of different articles with its reasons (None: they cannot link)."""
    if (a.figure is None) != (b.figure is None):
        return None  # a statement and a figure: a figure's claim is its value (its clause is a statement unit)
    if a.figure is not None and not figures_compatible(a, b):
        return None
    context, shared = similarity(a, b, weights)
    reasons = [f"similarity {context:.2f}" + (f" ({', '.join(shared[:4])})" if shared else "")]
    if a.figure is None or b.figure is None:
        return context, reasons
    fa, fb = a.figure, b.figure
    score = context
    ra, rb = read(fa), read(fb)
    same = ra is not None and rb is not None and agree(ra, rb)
    if not same and bool(fa.outcome) != bool(fb.outcome):
        return None  # different figures, one said to be of the dead and the other not: nothing ties them
    if same:
        small = ra.point is not None and ra.point < 10 and float(ra.point).is_integer()
        if ra.point is None or rb.point is None or "bound" in (ra.kind, rb.kind):
            score += BOUND_BONUS  # «أكثر من 50» allows many figures: weak evidence that it is this one
        else:
            score += SMALL_VALUE_BONUS if small else SAME_VALUE_BONUS
        reasons.insert(0, f"same figure ({describe(ra, fa)} / {describe(rb, fb)})")
    if fa.outcome and fa.outcome == fb.outcome:
        score += SAME_OUTCOME_BONUS
        reasons.insert(0, f"both {fa.outcome}")
    reasons.insert(0, f"unit {fa.unit or 'count'}" + (f", {fa.counted}" if fa.counted != "any" else ""))
    if fa.scope and fa.scope & fb.scope:
        reasons.append("same place " + ", ".join(sorted(fa.scope & fb.scope)))
    return score, reasons


def link_units(articles: Sequence[ArticleUnits]) -> list[Claim]:
    """The claims of one event's articles (the module docstring says how)."""
    units = [u for art in articles for u in art.units]
    by_article = {art.article_id: art for art in articles}
    spellings_as_one(units)
    weights = Weights(units)
    pairs: list[tuple[float, int, int, list[str]]] = []
    scores: dict[tuple[int, int], float] = {}  # every scored pair of different articles, for the average linkage
    for i, j in sorted(_candidates(units)):
        a, b = units[i], units[j]
        if a.article == b.article:
            if a.figure and b.figure and (a.superseded != b.superseded) and figures_compatible(a, b):
                pairs.append((1.0, i, j, ["its article gives the older figure as earlier"]))
            continue
        scored = score_pair(a, b, weights)
        if scored is None:
            continue
        # a score over its threshold: statements and figures rank on one scale (1: just linked)
        strength = scored[0] / (FIGURE_THRESHOLD if a.figure else STATEMENT_THRESHOLD)
        scores[i, j] = strength
        if strength >= 1.0:
            pairs.append((strength, i, j, scored[1]))
    second = _second_best(units, scores)
    pairs = [p for p in pairs if units[p[1]].article == units[p[2]].article or units[p[1]].figure is not None
             or (p[0] >= second.get((p[1], units[p[2]].article), 0.0)
                 and p[0] >= second.get((p[2], units[p[1]].article), 0.0))]
    pairs.sort(key=lambda p: -p[0])
    parent = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    kept: list[tuple[float, int, int, list[str]]] = []
    for score, i, j, reasons in pairs:
        ri, rj = root(i), root(j)
        if ri == rj:
            kept.append((score, i, j, reasons))
            continue
        if not _can_merge(units, members[ri], members[rj], scores):
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        kept.append((score, i, j, reasons))
    claims = []
    for group in members.values():
        if len(group) < 2:
            continue
        group_units = [units[i] for i in group]
        arts = {u.article for u in group_units}
        if len(arts) < 2 and not any(u.superseded for u in group_units):
            continue
        claims.append(_claim(group, units, kept, by_article))
    claims.sort(key=lambda c: (-len({m.article for m in c.mentions}), c.mentions[0].article, c.mentions[0].start))
    return claims


def _candidates(units: Sequence[Unit]) -> set[tuple[int, int]]:
    """The pairs worth scoring, without comparing every unit of a large event with every other.

    Figures pair with the figures of their kind of unit; statements with the statements they share a
    term with that few units of the event have (a word in most of its clauses cannot lift a pair to a
    link alone).  Pairs inside one article are kept for figures (an article's own earlier figure).
    """
    statements: dict[str, list[int]] = {}
    figures: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if u.figure is not None:
            figures.setdefault(f"{family(u.figure.unit)} {u.figure.counted}", []).append(i)
        else:
            for t in u.terms:
                statements.setdefault(t, []).append(i)
    cap = max(CANDIDATE_DF_FLOOR, int(CANDIDATE_DF_SHARE * len(units)))
    out: set[tuple[int, int]] = set()
    for group in figures.values():
        out.update((a, b) for x, a in enumerate(group) for b in group[x + 1:])
    for found in statements.values():
        if len(found) <= cap:
            out.update((a, b) for x, a in enumerate(found) for b in found[x + 1:] if units[a].article != units[b].article)
    return out


def _second_best(units: Sequence[Unit], scores: dict[tuple[int, int], float]) -> dict[tuple[int, str], float]:
    """For each statement and each other article, the score of its second-best match there.

    A statement links only to one of its best ``MUTUAL_RANK`` matches in the other article, both ways:
    it is said once or twice per article, and a clause that merely shares the event's names with many
    clauses of another article is not the one its author repeated.
    """
    by_article: dict[tuple[int, str], list[float]] = {}
    for (i, j), score in scores.items():
        if units[i].figure is None:
            by_article.setdefault((i, units[j].article), []).append(score)
            by_article.setdefault((j, units[i].article), []).append(score)
    return {key: sorted(found, reverse=True)[MUTUAL_RANK - 1] for key, found in by_article.items()
            if len(found) >= MUTUAL_RANK}


def _can_merge(units: Sequence[Unit], left: list[int], right: list[int],
               scores: dict[tuple[int, int], float]) -> bool:
    """Two groups of units join when their average link across articles is strong enough and no two of
    their figures are incompatible (single links alone chain a vote share into every other share)."""
    total, pairs = 0.0, 0
    for i in left:
        for j in right:
            a, b = units[i], units[j]
            if a.figure and b.figure and not figures_compatible(a, b):
                return False
            if a.article != b.article:
                total += scores.get((min(i, j), max(i, j)), 0.0)
                pairs += 1
    figures = units[left[0]].figure is not None
    return pairs == 0 or total / pairs >= (AVERAGE_FIGURE_LINK if figures else AVERAGE_STATEMENT_LINK)


def order_key(art: ArticleUnits) -> str:
    return art.published or "9999-12-31"


def _claim(group: list[int], units: Sequence[Unit], kept: list[tuple[float, int, int, list[str]]],
           by_article: dict[str, ArticleUnits]) -> Claim:
    ordered = sorted(group, key=lambda i: (order_key(by_article[units[i].article]), units[i].article, units[i].start))
    position = {i: n for n, i in enumerate(ordered)}
    claim = Claim([units[i] for i in ordered], {units[i].article: by_article[units[i].article] for i in ordered})
    claim.links = [Link(position[i], position[j], round(score, 3), reasons)
                   for score, i, j, reasons in kept if i in position and j in position]
    claim.contradiction = contradiction(claim)
    claim.first_report = first_report(claim)
    return claim


# ---------------------------------------------------------------------- first report
def _moment(published: str | None) -> tuple[str, bool]:
    """An article's publication as ``(value, has a clock time)``."""
    if not published:
        return "", False
    return published, len(published) > 10


def first_report(claim: Claim) -> str | None:
    """The article that published the claim first; None on a tie (or when a date is unknown).

    Articles of one outlet at the same moment are one report (the corpus stores some articles twice,
    under two categories): they make no tie.
    """
    moments = {a: _moment(art.published) for a, art in claim.articles.items()}
    if any(not value for value, _ in moments.values()):
        return None
    # compare clock times only when the earliest articles all have one; else their dates
    earliest_day = min(value[:10] for value, _ in moments.values())
    first = sorted(a for a, (value, _) in moments.items() if value[:10] == earliest_day)
    if all(moments[a][1] for a in first):
        earliest = min(moments[a][0] for a in first)
        first = [a for a in first if moments[a][0] == earliest]
    outlets = {claim.articles[a].outlet or a for a in first}
    return first[0] if len(outlets) == 1 else None


# ---------------------------------------------------------------------- contradictions
def _later(a: ArticleUnits, b: ArticleUnits) -> bool:
    """True when one of the two articles is known to be published after the other."""
    va, ta = _moment(a.published)
    vb, tb = _moment(b.published)
    if not va or not vb:
        return False
    if va[:10] != vb[:10]:
        return True
    return ta and tb and va != vb


def _figure_text(unit: Unit, reading: Reading, art: ArticleUnits) -> str:
    assert unit.figure is not None
    who = art.outlet or art.article_id
    credit = f", {unit.source}" if unit.source else ""
    return f"{describe(reading, unit.figure)} ({who}{credit})"


def contradiction(claim: Claim) -> Contradiction | None:
    """The claim's disagreement (the module docstring's kinds), with the mentions involved and why."""
    readings = [read(m.figure) if m.figure else None for m in claim.mentions]
    disagreeing: list[tuple[int, int, str]] = []
    for i, a in enumerate(claim.mentions):
        for j in range(i + 1, len(claim.mentions)):
            b = claim.mentions[j]
            ra, rb = readings[i], readings[j]
            if ra is None or rb is None or agree(ra, rb):
                continue
            disagreeing.append((i, j, _pair_kind(a, b, claim)))
    if disagreeing:
        kind = "discrepancy" if any(k == "discrepancy" for _, _, k in disagreeing) else "update"
        involved = sorted({n for i, j, _ in disagreeing for n in (i, j)})
        i, j, _ = next(p for p in disagreeing if p[2] == kind)
        first = _figure_text(claim.mentions[i], readings[i], claim.articles[claim.mentions[i].article])
        second = _figure_text(claim.mentions[j], readings[j], claim.articles[claim.mentions[j].article])
        why = {"update": "a later or revised figure", "discrepancy": "different figures at about the same time"}
        values = len({(r.low, r.high) for n, r in enumerate(readings) if r is not None and n in involved})
        return Contradiction(kind, involved, f"{first} vs {second}: {why[kind]}"
                             + (f"; {values} different figures in all" if values > 2 else ""))
    return _statement_conflict(claim)


def _pair_kind(a: Unit, b: Unit, claim: Claim) -> str:
    if a.superseded or b.superseded:
        return "update"
    if a.article == b.article:
        return "discrepancy"
    if _later(claim.articles[a.article], claim.articles[b.article]) or a.updating or b.updating:
        return "update"
    return "discrepancy"


def _statement_conflict(claim: Claim) -> Contradiction | None:
    statements = [(n, m) for n, m in enumerate(claim.mentions) if m.figure is None]
    dated = [(n, m) for n, m in statements if len(m.dates) == 1]
    weights = Weights(claim.mentions)
    for x, (i, a) in enumerate(dated):
        for j, b in dated[x + 1:]:
            if a.dates != b.dates and similarity(a, b, weights)[0] >= CONFLICT_SIMILARITY:
                outlet_a = claim.articles[a.article].outlet or a.article
                outlet_b = claim.articles[b.article].outlet or b.article
                return Contradiction("conflict", [i, j], f"{outlet_a} dates it {min(a.dates)}, {outlet_b} "
                                     f"{min(b.dates)}: one happening cannot have two dates")
    positive = [n for n, m in statements if not m.negated]
    negative = [n for n, m in statements if m.negated]
    if positive and negative and len({claim.mentions[n].article for n in positive + negative}) > 1:
        for i in positive:
            for j in negative:
                a, b = claim.mentions[i], claim.mentions[j]
                if a.article != b.article and similarity(a, b, weights)[0] >= CONFLICT_SIMILARITY:
                    outlet_b = claim.articles[b.article].outlet or b.article
                    return Contradiction("conflict", sorted([i, j]),
                                         f"{outlet_b} says the opposite: «{b.text}» against «{a.text}»")
    return None
