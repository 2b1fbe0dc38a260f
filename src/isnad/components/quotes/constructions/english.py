"""English constructions: the speaker after a quotation («"…," the minister said», «"…," said Anna Brown, an
economist»), after the clause («More than 30,000 people have fled, the United Nations said on Tuesday.»), and
a participle clause of the main subject («The IMF welcomed the decision, saying it would help …»).

The others (subject + verb + that/colon/quotation, «according to») are read like Arabic ones.
"""

from __future__ import annotations

from isnad.components.attribution import is_complementizer
from isnad.components.quotes import lexicon, phrases
from isnad.components.quotes.clause import NOT_MINE, Clause, Reading
from isnad.components.quotes.content import content
from isnad.components.quotes.found import Found
from isnad.components.quotes.frame import Frame
from isnad.components.quotes.reader import COMMAS, Reader
from isnad.components.quotes.vocab import english_channels, is_time


def after_quote(clause: Clause) -> Reading:
    """«"…," the minister said» and «"…," said Anna Brown, an economist»: the quotation before the verb."""
    if clause.entry.kind != "en":
        return NOT_MINE
    r, k, lo, hi = clause.reader, clause.k, clause.lo, clause.hi
    toks = r.toks
    j = k - 1
    while j >= lo and (toks[j].is_word or toks[j].text in COMMAS and j > lo and toks[j - 1].is_word or (
        j > lo and phrases.joined_dash(r, j)
    )) and k - j <= 8:
        j -= 1  # (the subject may carry an age, an apposition or a hyphen: «"…," Jabbar, 22, told», «al-Suwailem»)
    while j >= lo and (toks[j].text in COMMAS or toks[j].start in r.mark_tails):
        j -= 1  # «``…,'' Trump told reporters»: the second apostrophe of the closing mark
    if j < lo or toks[j].start not in r.closers:
        return NOT_MINE
    opened = r.closers[toks[j].start]
    if r.region_words(opened) < 2:
        return NOT_MINE
    if any(t.is_word for t in r.words_between(toks[lo].start, opened)):
        return NOT_MINE  # «The payments were held up over "discrepancies …", she told …»: a quoted tail of the clause
    m = r.index_at(toks[j].start) + 1
    while m < k and (toks[m].text in COMMAS or toks[m].start in r.mark_tails):
        m += 1
    if m < k:
        end = next((n for n in range(m + 1, k) if toks[n].text in COMMAS), k)  # «Jabbar, 22,»: the name
        speaker = phrases.who(r, toks[m], toks[end - 1])
    else:
        end = k + 1
        while end < hi and (toks[end].is_word or toks[end].text in COMMAS or toks[end].text in ("'", "’")) and not (
            toks[end].text in COMMAS and end + 1 < hi and (
                toks[end + 1].text in lexicon.words("channel_prepositions")
                or toks[end + 1].text in lexicon.words("english_relatives")
            )
        ) and not (toks[end].is_word and is_time(toks[end].text)):
            # «said Hassan Abdalla, the bank's governor, in a televised address», «said Janet Lee, an economist, who
            # …», «said Lee on Monday»: neither the channel, a relative clause nor a time is the name
            end += 1
        while end > k + 1 and (toks[end - 1].text in COMMAS or toks[end - 1].text.casefold() in lexicon.words(
            "english_time_openers"
        )):
            end -= 1
        r.examined += end - k
        speaker = phrases.who(r, toks[k + 1], toks[end - 1]) if end > k + 1 else None
    r.remember(speaker)
    return Found(opened + 1, r.regions[opened], "direct", clause.cue, speaker or r.last)


def skip_time_and_channel(r: Reader, m: int, hi: int) -> tuple[int, tuple[int, int] | None]:
    """The word after the times and the one channel phrase that follow a verb («said on Tuesday in a statement
    the ceasefire …», «said Monday it had …»), and that channel's span: the content starts there."""
    toks = r.toks
    openers = lexicon.words("english_time_openers")
    channel = None
    while m < hi and toks[m].is_word:
        text = toks[m].text.casefold()
        if channel is None:
            phrase = next((c for c in english_channels() if " ".join(
                toks[i].text.casefold() for i in range(m, min(hi, m + len(c.split())))) == c), None)
            if phrase is not None:
                n = m + len(phrase.split())
                channel, m = (toks[m].start, toks[n - 1].end), n
                continue
        if text in openers:
            n = m + 1
            while n < hi and toks[n].text.casefold() in openers:
                n += 1  # «late on Monday»
            if n < hi and is_time(toks[n].text):
                m = n + 1  # «on Tuesday»
                continue
            break
        if is_time(toks[m].text):
            m += 1  # «Monday», «yesterday»
            continue
        break
    return m, channel


def after_clause(clause: Clause) -> Reading:
    """«More than 30,000 people have fled, the United Nations said on Tuesday.»: the clause before the subject."""
    if clause.entry.kind != "en":
        return NOT_MINE
    r, k, lo, hi = clause.reader, clause.k, clause.lo, clause.hi
    toks = r.toks
    left, first = clause.left(k)
    if left is None or first is None or first - 1 < lo or toks[first - 1].text not in COMMAS:
        return NOT_MINE
    m = k + 1
    addressee = None
    if clause.entry.lemma in lexicon.words("english_telling_lemmas"):
        # «… told The Associated Press on Wednesday.»: the outlet or audience told
        n = m + (m < hi and toks[m].text.casefold() in lexicon.words("english_told_articles"))
        while n < hi and toks[n].is_word and (
            toks[n].text[:1].isupper() or toks[n].text in lexicon.words("english_audiences")
        ):
            n += 1
        if n > m and (told := phrases.who(r, toks[m], toks[n - 1])) is not None:
            addressee, m = told, n
            while m + 1 < hi and toks[m].text.casefold() in ("in", "at") and toks[m + 1].text[:1].isupper():
                m += 2  # «… she told a news conference in Baghdad.»: where
    channel = None
    while m < hi and (is_time(toks[m].text) or toks[m].text.casefold() in lexicon.words("english_time_openers")):
        n = m + 1  # «… the ministry said in a statement on Monday.»: the channel, then the time
        while n < hi and toks[n].is_word and n - m < 5 and not is_time(toks[n].text):
            n += 1
        words = " ".join(toks[i].text.casefold() for i in range(m, n))
        if n > m + 1 and channel is None and words.startswith(english_channels()):
            channel, m = (toks[m].start, toks[n - 1].end), n
            continue
        m += 1
    r.examined += m - k
    if m < hi and toks[m].text not in (".", "!", "?") and not (
        toks[m].text in COMMAS and m + 1 < hi and toks[m + 1].text.casefold() in lexicon.words("english_trailing_links")
    ):  # (but «…, the minister said on Monday, as Brent slid»: the writer's context after the attribution)
        return NOT_MINE
    r.remember(left)
    found = content(r, clause.start, toks[first - 1].start, clause.cue, left, Frame(channel=channel))
    if found is not None and addressee is not None and addressee.kind == "media":
        found.media.append(addressee)
    return found if found is not None else NOT_MINE


def participle(clause: Clause) -> Reading:
    """«The IMF welcomed the decision, saying it would help …»: the subject of the main clause speaks."""
    r, k, hi = clause.reader, clause.k, clause.hi
    if not (clause.entry.kind == "en" and clause.word.text.endswith(lexicon.ordered("english_participle_endings"))
            and clause.prev in COMMAS):
        return NOT_MINE
    toks = r.toks
    speaker = phrases.english_subject(r, clause.lo, k) or r.last
    m = k + 1 + (k + 1 < hi and is_complementizer(toks[k + 1].text))
    if m >= hi or speaker is None:
        return None
    r.remember(speaker)
    return content(r, toks[m].start, clause.stop, clause.cue, speaker, Frame())
