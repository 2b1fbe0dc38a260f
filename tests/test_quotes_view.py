"""The quote stage's clause view: its words (from doc.tokens), the reader's regions and quotes, the cursor's
scans, the order of the constructions, and the work per sentence on adversarial input (counted, not timed)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from isnad.components.quotes import driver
from isnad.components.quotes.clause import NOT_MINE, Clause, Sentence
from isnad.components.quotes.constructions import english, verb
from isnad.components.quotes.found import Found, QuoteIndex
from isnad.components.quotes.reader import Reader
from isnad.components.quotes.tokens import words
from isnad.text.normalize import normalize
from isnad.text.tokens import TokenStream
from stages import make_doc

# What the attribution rules take for a word: a run of letters, digits and «_», digit groups joined by «.»/«,»
WORD = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]")


def reader(text: str) -> Reader:
    return Reader(make_doc(text, preset={"entities": [], "times": []}))


def clause_at(r: Reader, word: str) -> Clause:
    """The clause of the cue ``word`` in the reader's one sentence."""
    k = next(i for i, t in enumerate(r.toks) if t.text == word)
    entry, clitic = r.cues[k]
    hi = len(r.toks)
    return Clause(r, 0, hi, 0, len(r.folded), k=k, entry=entry, clitic=clitic, stop=len(r.folded), covered_end=0)


def texts(r: Reader) -> list[str]:
    return [t.text for t in r.toks]


# ----- words
def test_glued_pieces_of_the_token_stream_are_one_word():
    r = reader("قال ب20 مليونا و124 شخصا، F16 و#الجيش_الاسرائيلي 1 200 و1.4 مليار.")
    assert texts(r) == ["قال", "ب20", "مليونا", "و124", "شخصا", "،", "F16", "و", "#", "الجيش_الاسرائيلي", "1",
                        "200", "و1.4", "مليار", "."]
    assert [t.is_word for t in r.toks][-4:] == [True, True, True, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab_19.,،:« »\u00a0\n") + ["الو", "٣", "1 200", "F16"]), max_size=20).map("".join))
def test_words_are_the_stream_read_as_the_attribution_rules_read_words(text):
    norm = normalize(text)
    expected = [(m.start(), m.end(), m.group()[0].isalnum() or m.group()[0] == "_") for m in WORD.finditer(norm.text)]
    assert [(w.start, w.end, w.is_word) for w in words(TokenStream(norm))] == expected


# ----- the reader
def test_quotation_regions_nest_stay_on_their_line_and_skip_apostrophes():
    text = "قال: «إن \"الوضع\" صعب» و«غير مغلق\nهنا» l‘avion"
    r = reader(text)
    folded = r.folded
    outer, inner = folded.index("«"), folded.index('"')
    assert r.regions == {outer: folded.index("»"), inner: folded.index('"', inner + 1)}
    assert r.region_words(outer) == 3 and r.region_words(inner) == 1
    assert r.inside_quote(inner) and r.inside_quote(folded.index("صعب")) and not r.inside_quote(outer)
    assert not r.inside_quote(folded.index("هنا"))


def test_words_between_reads_a_word_cut_by_the_start():
    r = reader("وفقا لمكتب الأمم المتحدة")
    start = r.folded.index("لمكتب") + 1
    assert [t.text for t in r.words_between(start, len(r.folded))] == ["مكتب", "الامم", "المتحدة"]


def test_the_quote_index_checks_only_the_quotes_around():
    index = QuoteIndex()
    first, second = Found(0, 100, "direct", None, None), Found(300, 320, "indirect", None, None)
    index.add(first)
    index.add(second)
    assert index.overlaps(Found(10, 60, "indirect", None, None))
    assert not index.overlaps(Found(90, 200, "indirect", None, None))  # 10 of 110 characters
    assert index.near(305, 306) == [second]
    index.forget_before(250)
    assert index.nearby == [second] and index.near(0, 99) == []
    assert index.last_ended_before(400) is second and index.last_ended_before(250) is first


# ----- the cursor
def test_the_clause_of_a_cue_and_its_scans():
    r = reader("وقال وزير الخارجية، في بيان صدر أمس، إن الاتفاق لن يصمد، إذ تغيرت الظروف")
    c = clause_at(r, "وقال")
    assert (c.k, c.prev, c.bare_text, c.clitic) == (0, "", "قال", 1)
    assert r.folded[c.cue[0]:c.cue[1]] == "قال"
    assert c.introduced(window=9) and not c.introduced(window=2)
    assert c.clause_end(c.k) == texts(r).index("،")
    start = r.folded.index("الاتفاق")
    assert r.folded[start:c.object_end(start, c.stop)] == "الاتفاق لن يصمد"
    assert texts(r)[c.skip_gap(texts(r).index("،"))] == "ان"  # the comma, then a channel up to its comma
    assert c.text(-1) == "" and c.text(len(r.toks)) == ""


def test_the_subject_before_a_verb_is_read_once():
    r = reader("ولكن العفو الدولية تقول إن الوضع صعب")
    c = clause_at(r, "تقول")
    who = c.left_subject()
    assert r.folded[who.start:who.end] == "العفو الدولية"
    assert c.left_subject() is who and r.subjects[c.k, 0][0] is who


def test_constructions_say_whether_the_cue_is_theirs():
    r = reader("قال الوزير إن الحكومة ستفتح المعابر")
    c = clause_at(r, "قال")
    assert english.after_quote(c) is NOT_MINE and english.participle(c) is NOT_MINE
    found = verb.read(c)
    assert r.folded[found.start:found.end] == "الحكومة ستفتح المعابر"
    names = [f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}" for f in driver.CUE_CONSTRUCTIONS]
    assert names[:2] == ["impersonal.read", "prepositional.read"] and names[-1] == "verb.read"


def test_a_sentence_view_is_bounded_by_its_words():
    r = reader("قال الوزير إن الوضع صعب. وأضاف أن المعابر ستفتح.")
    first = Sentence(r, 0, 6, 0, r.folded.index(".") + 1)
    assert first.text(6) == "" and first.text(4) == "صعب"
    assert not first.introducer_follows(3, window=9)  # «إن» is before, the sentence ends at «.»


# ----- work per sentence
NORMAL = ("قال وزير الخارجية أحمد علي يوم الاثنين إن الحكومة ستفتح المعابر، مشيرا إلى أن المحادثات ستستمر. "
          "وأضاف أن «الوضع أسوأ مما توقعنا بكثير في هذه الأيام». وبحسب تقرير صادر عن المنظمة، فإن عدد النازحين "
          "بلغ 1.2 مليون. ")
ADVERSARIAL = {
    "10,000 quotation marks": '"',
    "10,000 opening guillemets": "«",
    "no punctuation": "قال الوزير إن الحكومة ستفتح المعابر أكد أعلن ",
    "participles between parentheses": "، مشيرا ( ( ( ( ( ( ",
    "quoted terms": 'قالت الوزارة إنها تحدثت عن "أ ب"، ',
    "quotations of one sentence": 'وأضاف "أ ب ج د ه و ز"، ',
    "commas after cues": "قال، ",
}


def work(unit: str, chars: int) -> tuple[int, int, int, int]:
    """Words, words and marks examined, quotes compared, quotes found for ``unit`` repeated to ``chars``."""
    r = driver.read(make_doc((unit * (chars // len(unit) + 1))[:chars], preset={"entities": [], "times": []}))
    return len(r.toks), r.examined, r.found.compared, len(r.found)


def test_adversarial_input_costs_what_normal_text_of_its_length_costs():
    toks, examined, compared, found = work(NORMAL, 10_000)
    assert examined <= 3 * toks and compared <= 3 * found
    for name, unit in ADVERSARIAL.items():
        toks, examined, compared, found = work(unit, 10_000)
        assert examined <= 8 * toks, name  # a bounded number of looks per word
        assert compared <= 3 * found + toks // 100, name  # a new quote is checked against its neighbours only
        double = work(unit, 20_000)
        assert double[1] <= 2.1 * examined and double[2] <= 2.1 * compared + 10, name  # linear in the length
