"""Sources: who or what the article attributes information to, one entry per distinct source.

Every quote speaker is a source; so are the outlets a quote passes through (its chain) and the
media/documents of «بحسب/وفق X» attributions that the quotes stage collected.  Mentions of the same
source (بوميدوحة after سعيد بوميدوحة, المرصد after المرصد السوري لحقوق الانسان) are merged and the most
explicit mention is kept, as the gold convention asks; the kind comes from the mention's head noun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from isnad.components.attribution import bare, in_list, source_kind, without_article
from isnad.components.quotes import lexicon as quote_words
from isnad.core.doc import Doc
from isnad.core.registry import stage
from isnad.model import Entity, Source
from isnad.text.normalize import key


@dataclass
class _Mention:
    start: int
    end: int
    kind: str
    entity: str | None = None
    name: str | None = None


def _words(text: str) -> list[str]:
    return [key(w) for w in re.findall(r"\w+", text)]


def _same(a: list[str], b: list[str], people: bool) -> bool:
    """Two mentions of one source: equal, one the start of the other (المرصد / المرصد السوري …), the
    full name after a short one (العفو الدولية / منظمة العفو الدولية), a surname inside a name with
    its role (بوميدوحة / سعيد بوميدوحة نائب مدير …, البكري / محافظ عدن نايف البكري), or the head noun
    again with a nisba adjective (المكتب الأممي / مكتب الأمم المتحدة …)."""
    if not a or not b:
        return False
    return _same_by(a, b, people, bare) or _same_by(a, b, people, without_article)  # «الوزارة» = «وزارة»


def _same_by(a: list[str], b: list[str], people: bool, stem: Callable[[str], str]) -> bool:
    """:func:`_same` with words compared by ``stem``."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    sb, lb = [stem(w) for w in short], [stem(w) for w in long_]
    if lb[: len(sb)] == sb:
        return True
    if lb[-len(sb):] == sb and len(lb) <= len(sb) + 1:
        return True
    if people and not short[0].startswith("ال") and any(lb[i:i + len(sb)] == sb for i in range(len(lb))):
        return True
    if people and len(sb) == 1 and lb[-1] == sb[0] and len(lb) <= 6:
        return True
    return len(short) == 2 and short[0].startswith("ال") and sb[0] == long_[0] and short[1].endswith("ي")


_EMPHATIC = {key(w) for w in ("ذاته", "ذاتها", "ذاتهم", "نفسه", "نفسها", "نفسهم", "أنفسهم")}


def _same_one(words: list[str], groups: list[tuple[list[str], _Mention]]) -> bool:
    """Whether the mention is «المصدر نفسه» / «المصادر ذاتها» / «الوزارة ذاتها» pointing back to a source
    already listed with the same head noun."""
    if not 2 <= len(words) <= 3 or words[-1] not in _EMPHATIC or not words[0].startswith("ال"):
        return False
    head = bare(words[0])
    return any(group_words and bare(group_words[0]) == head for group_words, _ in groups)


def _spells_out(doc: Doc, mention: _Mention, best: _Mention) -> bool:
    """Whether ``mention`` spells out the name that ``best`` (a bare office, named by the quotes stage from
    a later mention) lacks: «ياسين أقطاي» is more explicit than «مستشار للرئيس التركي»."""
    if not best.name or best.kind != "person":
        return False
    office, named = doc.text[best.start:best.end], doc.text[mention.start:mention.end]
    if key(best.name) in key(office) or "،" in office or "," in office or not in_list("person_roles", office.split()[0]):
        return False
    return not any(in_list(name, named.split()[0]) for name in ("person_roles", "person_titles", "anonymous_heads"))


def _principal(doc: Doc, text: str) -> tuple[str, str] | None:
    """``(role word, person id)`` of «مستشار أردوغان» / «مستشار للرئيس التركي»: a role noun and whose
    role it is, the person resolved by name or by office on the publication date."""
    words = text.split()
    if len(words) < 2 or not in_list("person_roles", words[0]):
        return None
    rest = " ".join(words[1:])
    if rest.startswith("لل"):
        rest = rest[1:]  # «للرئيس التركي» → «الرئيس التركي»
    record = doc.kb.link(rest, "PER", doc.published)
    return (bare(words[0]), record.id) if record is not None else None


def _same_principal(doc: Doc, a: str, b: str) -> bool:
    """«مستشار أردوغان» in the headline and «مستشار للرئيس التركي» in the text: one adviser of one man."""
    pa = _principal(doc, a)
    return pa is not None and pa == _principal(doc, b)


def _share_of_people(text: str) -> bool:
    """A speaker that is a share of a group: a figure, a percentage or a fraction word first («38 بالمئة»,
    «نسبة 64», «ربع المستخدمين», «باقي المشاركين»)."""
    first = next(iter(text.split()), "")
    return first[:1].isdigit() or in_list("share_words", first, exact=True)


def _describes(mention: _Mention, words: list[str]) -> bool:
    """«المهاجم الدولي الإنجليزي السابق», named by the quotes stage after «واين روني»: a description of a person
    named before, never a fuller mention of him."""
    return mention.name is not None and bool(words) and bare(words[0]) in quote_words.keys("descriptive_roles")


def _refers_back(text: str) -> bool:
    """«مراسلها», «مراسله»: the outlet's own reporter, part of the outlet already in the chain, not a new source."""
    words = _words(text)
    if len(words) != 1:
        return False
    word = words[0]
    return any(word.endswith(s) and in_list("media_heads", word[: -len(s)], exact=True) for s in ("ها", "ه", "نا"))


def _in_parentheses(short: list[str], long_: str) -> bool:
    """«سانا» and «وكالة الأنباء السورية الرسمية (سانا)», «فيفا» and «الاتحاد الدولي لكرة القدم "فيفا"»: the short
    name is the long one's bracketed or quoted name."""
    inner = _inner_names(long_)
    return bool(inner) and tuple(short) in inner


@lru_cache(maxsize=4096)
def _inner_names(text: str) -> frozenset[tuple[str, ...]]:
    """The bracketed or quoted names inside a mention, as word keys."""
    if "(" not in text and not any(mark in text for mark in '"«“'):
        return frozenset()
    parts = re.findall(r"\(([^()]+)\)", text) + re.findall(r"[\"«“]([^\"«»“”]+)[\"»”]", text)
    return frozenset(tuple(_words(part)) for part in parts)


def _named_inside(short: list[str], long_: list[str]) -> bool:
    """«موانئ دبي» inside «شركة موانئ دبي العالمية», «هيومن رايتس ووتش» inside «منظمة حقوق الإنسان هيومن رايتس
    ووتش»: a name (not a bare head noun) found word for word inside a longer mention headed by an institution or
    outlet noun."""
    n = len(short)
    if not n or n >= len(long_) or not any(long_[i:i + n] == short for i in range(1, len(long_) - n + 1)):
        return False
    if n == 1 and (short[0].startswith("ال") or any(in_list(name, short[0]) for name in _HEADS)):
        return False
    return any(in_list(name, long_[0]) for name in ("organization_heads", "media_heads"))


_HEADS = ("organization_heads", "media_heads", "person_roles", "anonymous_heads", "document_heads")
_HEAD_BEFORE = re.compile(r"(?<!\w)(\w+)\s+$")  # the word right before a name («وكالة» of «وكالة فيتش»)
_DEFINITE_AFTER = re.compile(r"(?:\s+(?:ال|لل)\w+){0,3}")  # «للتصنيف الائتماني» after it
# «الكندية», «الأمنية العراقية», «العامة المدريدية» after a bare institution (a feminine adjective goes on to a nisba)
_NISBA_AFTER = r"(?:\s+ال\w{3,}ة(?=\s+ال\w{3,}(?:ية|ي)(?!\w)))?(?:\s+ال\w{3,}(?:ية|ي))+(?!\w)"


def _bracketed_long_form(doc: Doc, name: str) -> tuple[int, int] | None:
    """The long form an article gives a short name in brackets after it («منظمة الشرطة الجنائية الدولية
    (الإنتربول)» for «الإنتربول»): from the first institution or outlet head noun of the phrase (at most
    eight words, no punctuation) before the bracket, up to the closing bracket."""
    text = doc.text
    for m in re.finditer(r"\(\s*" + re.escape(name) + r"\s*\)", text):
        before = list(re.finditer(r"\w+", text[max(0, m.start() - 120):m.start()]))[-8:]
        offset = max(0, m.start() - 120)
        first: int | None = None
        for w in reversed(before):
            if any(c in text[offset + w.end():m.start()] for c in "\n.،,:"):
                break  # the long form is one phrase, right before its bracket
            if any(in_list(heads, w.group()) for heads in ("organization_heads", "media_heads")):
                first = offset + w.start()  # the phrase's first head noun («منظمة» of «منظمة الأغذية والزراعة»)
        if first is not None:
            return first, m.end()
    return None


def _fullest(doc: Doc, words: list[str], mention: _Mention) -> None:
    """An institution or outlet cited by a bare name («فيتش», «فيفا», «الإنتربول», «الشرطة») that the article
    names in full elsewhere («وكالة فيتش للتصنيف الائتماني», «منظمة الشرطة الجنائية الدولية (الإنتربول)»,
    «الشرطة الكندية»): the source is that fullest mention — its head noun before the name and the definite or
    «لل» words after it, the long form before the name in brackets, or a generic institution with its
    adjectives."""
    name = doc.text[mention.start:mention.end]
    if 1 <= len(words) <= 2 and name.strip() and (long_form := _bracketed_long_form(doc, name.strip())):
        mention.start, mention.end = long_form
        mention.kind = source_kind(doc.text[long_form[0]:long_form[1]])
        return
    if len(words) == 1 and name.startswith("ال") and mention.kind == "organization":
        # «وقالت الشرطة إن …» where the article says «الشرطة الكندية»: the first such fuller mention
        found = re.search(rf"(?<!\w){re.escape(name)}{_NISBA_AFTER}", doc.text)
        if found is not None:
            mention.start, mention.end = found.span()
            return
        # «وأكدت الوزارة …» after «وزارة الدفاع الصينية»: the institution the article named with that head, last
        head = key(name[2:])
        named = [e for e in doc.entities if e.label == "ORG" and e.start < mention.start and " " in e.text
                 and key(e.text.split()[0]) == head]
        if named:
            mention.start, mention.end = named[-1].start, named[-1].end
        return
    if not 1 <= len(words) <= 2 or name.startswith("ال") or not name.strip():
        return
    best: tuple[int, int] | None = None
    text = doc.text
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        head = _HEAD_BEFORE.search(text, max(0, at - 40), at)
        if head is not None and (end == len(text) or not text[end].isalnum()) and any(
            in_list(heads, head.group(1)) for heads in ("organization_heads", "media_heads")
        ):
            end = _DEFINITE_AFTER.match(text, end).end()
            if best is None or end - head.start() > best[1] - best[0]:
                best = (head.start(), end)
        at = text.find(name, at + 1)
    if best is not None:
        mention.start, mention.end = best
        mention.kind = source_kind(doc.text[best[0]:best[1]])


def _mentions(doc: Doc) -> list[_Mention]:
    out: list[_Mention] = []
    for quote in doc.quotes:
        speaker = quote.speaker
        for i, link in enumerate(quote.chain):
            if link.kind == "writer" or link.start is None or link.end is None:
                continue
            if i == 0 and speaker is not None:
                out.append(_Mention(link.start, link.end, link.kind, speaker.entity, speaker.name))
            else:
                out.append(_Mention(link.start, link.end, link.kind, link.entity))
    out.extend(_Mention(span.start, span.end, kind) for span, kind in doc.attributions)
    return out


_APPOSITION_COMMA = re.compile(r"\s*[،,]\s*")


def _named_by(mention: _Mention, entity: Entity) -> None:
    """The mention becomes the person's name the entities stage found, keeping any identity it already had."""
    mention.start, mention.end = entity.start, entity.end
    mention.entity = mention.entity or entity.entity
    mention.name = mention.name or entity.name or entity.text


def _named_in_apposition(doc: Doc, mention: _Mention) -> None:
    """An office-holder followed by their name between commas («المدير التنفيذي للمطار، روبرت سينكلير، وقال»):
    the name is the most explicit mention of that person."""
    text = doc.text[mention.start:mention.end]
    for entity in doc.entities:  # the speaker read with its apposition: «المديرة العامة، سلمى حداد»
        if entity.label == "PER" and mention.start < entity.start and entity.end == mention.end and re.search(
            r"[،,]\s*$", doc.text[mention.start:entity.start]
        ) and "،" not in text[:entity.start - mention.start].rstrip(" ،,"):
            _named_by(mention, entity)
            return
    opened = _APPOSITION_COMMA.match(doc.text, mention.end)
    if opened is None:
        return
    for entity in doc.entities:
        if entity.label == "PER" and entity.start == opened.end():
            if _APPOSITION_COMMA.match(doc.text, entity.end) is not None:
                _named_by(mention, entity)
            return


def _full_name(doc: Doc, words: list[str], mention: _Mention) -> None:
    """A person quoted only by a short form («وأوضح الإدريسي») after being introduced outside any quote
    («استقبل عبد الرحيم الإدريسي، مدير الوكالة، …»): the source is the earlier full name (a PER entity)."""
    if len(words) > 1 and (in_list("person_roles", words[0]) or in_list("person_titles", words[0], exact=True)):
        words = words[1:]  # «الجنرال مويو» after «سيبوسيسو مويو»: the title goes, the family name is compared
    for entity in doc.entities:
        if entity.label != "PER" or entity.start >= mention.start:
            continue
        full = _words(entity.text)
        if len(full) > len(words) and full[-len(words):] == words:
            _named_by(mention, entity)
            return


@stage("sources", requires=["entities", "quotes", "attributions"], assigns=["sources"])
def annotate(doc: Doc) -> None:
    groups: list[tuple[list[str], _Mention]] = []
    seen: set[tuple[int, int]] = set()
    for mention in _mentions(doc):
        if (mention.start, mention.end) in seen:
            continue
        seen.add((mention.start, mention.end))
        text = doc.text[mention.start:mention.end]
        if mention.kind == "media" and _refers_back(text):
            continue
        if _share_of_people(text):
            continue  # «نسبة 64 بالمئة أفادت», «ربع المستخدمين قالوا»: respondents of a poll, whose source is the poll
        words = _words(text)
        if _same_one(words, groups):
            continue  # «المصادر ذاتها», «المصدر نفسه»: the source just cited, already listed
        for i, (group_words, best) in enumerate(groups):
            best_text = doc.text[best.start:best.end]
            if mention.entity is not None and best.entity is not None:
                same = mention.entity == best.entity
            elif _in_parentheses(words, best_text) or _in_parentheses(group_words, text) or _named_inside(
                words, group_words
            ) or _named_inside(group_words, words):
                same = True
            elif mention.name and key(mention.name) in (key(best.name or ""), key(best_text)) or (
                best.name and key(best.name) == key(text)
            ):
                same = True  # a short form or back-reference that the quotes stage named after its long form
            else:
                same = _same(words, group_words, people=best.kind == mention.kind == "person") or (
                    best.kind == mention.kind == "person" and _same_principal(doc, text, best_text))
            if same:
                if len(words) > len(group_words) and not _describes(mention, words) or _spells_out(doc, mention, best):
                    mention.entity = mention.entity or best.entity
                    mention.name = mention.name or best.name
                    groups[i] = (words, mention)
                break
        else:
            groups.append((words, mention))
    listed: set[tuple[int, int]] = set()
    for words, m in groups:
        if m.kind == "person" and len(words) <= 2:
            _full_name(doc, words, m)
        if m.kind == "person" and doc.text[m.start:m.end].startswith("ال"):
            _named_in_apposition(doc, m)
        if m.kind in ("organization", "media") or m.kind == "person" and m.entity is None and len(words) == 1:
            _fullest(doc, words, m)
        if (m.start, m.end) in listed:
            continue  # a short form whose fullest mention is a source of its own already
        listed.add((m.start, m.end))
        doc.sources.append(
            Source(start=m.start, end=m.end, text=doc.text[m.start:m.end], kind=m.kind, entity=m.entity, name=m.name)
        )
