"""The quotes as the contract writes them: original offsets, cue, speaker with its identity, channel, chain.

The readers' quotes are folded spans; here they become :class:`~isnad.model.Quote` items.  Pronoun speakers
(«He said», «وأوضح سموه») become the nearest explicit mention; things that show rather than say («وأظهرت الصور
أن …») and pointers back («نفت الخارجية ذلك») are dropped, and a quote repeated verbatim by the same speaker is
listed once (the gold convention).  A speaker gets its entity, name and role from the entities stage or the
knowledge base (:func:`identify`); a short form of a person («وتابع العلي» after «سامر العلي») and a bare role
that refers back («وأضاف المسؤول», «المتحدث ذاته») carry the long form's name and entity.
"""

from __future__ import annotations

import re

from isnad.components.attribution import QUOTE_PAIRS, bare, in_list
from isnad.components.quotes import lexicon
from isnad.components.quotes.found import Who
from isnad.components.quotes.reader import Reader
from isnad.core.doc import Doc
from isnad.model import Cue, Quote, Speaker, Transmitter
from isnad.text.normalize import fold, key

_NISBA = lexicon.ordered("nisba_endings")
_ARTICLE = lexicon.ordered("article_prefixes")


def quotes(r: Reader) -> list[Quote]:
    """The quotes the reader found, as contract items (in the order found; the Doc sorts them)."""
    out = []
    doc = r.doc
    folded = r.folded
    people: list[Speaker] = []
    said: set[tuple[str, str]] = set()
    explicit: Who | None = None
    organizations = {(e.start, e.end) for e in doc.entities if e.label == "ORG"}
    identities: dict[tuple[int, int], tuple[str | None, str | None, str | None]] = {}  # per speaker span
    for f in r.found:
        if f.speaker is not None:
            f.speaker.end = r.before_time(f.speaker.start, f.speaker.end)
    for f in sorted(r.found, key=lambda q: q.start):
        said_by = folded[f.speaker.start:f.speaker.end] if f.speaker is not None else ""
        if said_by.casefold() in lexicon.words("pronoun_speakers") or said_by and in_list(
            "honorific_pronouns", said_by, exact=True
        ):
            # «He said …», «وأوضح سموه أن …»: the nearest explicit mention, else the person named last
            assert f.speaker is not None
            person = r.person_before(f.speaker.start) if said_by.casefold() != "it" else None
            if said_by.casefold() in lexicon.words("personal_pronouns") and explicit is not None and (
                explicit.kind != "person" and person is not None and person.start > explicit.end
            ):
                f.speaker = person  # «Chebbi laughed. "…," she said.» after a ministry spoke: the person named since
            else:
                f.speaker = explicit or person or f.speaker
        elif f.speaker is not None:
            explicit = f.speaker
    for f in r.found:
        if f.speaker is not None and r.not_a_source(f.speaker):
            continue  # «وأظهرت الصور أن …», «كشفت الأزمة أن …»: events and things show, nobody said it
        start, end = f.start, f.end
        while end > start and folded[end - 1] in " .,،؛;:":
            end -= 1
        while start < end and folded[start].isspace():
            start += 1
        if start < end and folded[start] in QUOTE_PAIRS and start not in r.regions:
            start += 1  # «إنه "العقد الأكبر …»: a mark the text never closes is not part of what was said
        if not any(ch.isalnum() for ch in folded[start:end]) or f.kind == "indirect" and (
            folded[start:end].strip().casefold() in lexicon.words("back_pointers")
        ):
            continue  # «نفت الخارجية ذلك»: a pointer back to something already reported, not content
        content = r.orig(start, end)
        who = " ".join(_name_words(folded[f.speaker.start:f.speaker.end])) if f.speaker else ""
        repeated = (" ".join(_name_words(content.text)), who)
        if repeated in said:
            continue  # the gold convention lists a quote repeated verbatim by the same speaker once
        said.add(repeated)
        cue = None
        if f.cue is not None:
            s, e, entry = f.cue
            span = r.orig(s, e)
            cue = Cue(start=span.start, end=span.end, text=span.text, lemma=entry.lemma, strength=entry.strength)
        speaker = None
        chain: list[Transmitter] = []
        if f.speaker is not None:
            span = r.orig(f.speaker.start, f.speaker.end)
            speaker = Speaker(start=span.start, end=span.end, text=span.text)
            if (span.start, span.end) in identities:  # the same mention speaks again («وأضاف»)
                speaker.entity, speaker.name, speaker.role = identities[span.start, span.end]
            else:
                identify(doc, speaker)
                identities[span.start, span.end] = speaker.entity, speaker.name, speaker.role
            kind = f.speaker.kind
            if kind == "person" and (span.start, span.end) in organizations:
                kind = "organization"  # «مصرف لبنان»: the entities stage knows it is an institution
            long_form = _long_form(speaker, people) or _back_reference(speaker, people)
            if long_form is not None:  # «وأضافت حداد» after «ليلى حداد»: the same person
                speaker.name, speaker.entity, kind = long_form.name or _name_part(long_form), long_form.entity, "person"
            elif kind == "person":
                people.append(speaker)
            chain.append(Transmitter(text=span.text, start=span.start, end=span.end, kind=kind,
                                     entity=speaker.entity))
        for m in f.media:
            span = r.orig(m.start, m.end)
            chain.append(Transmitter(text=span.text, start=span.start, end=span.end, kind=m.kind))
        chain.append(Transmitter(text=doc.document.author or doc.document.outlet or "writer", kind="writer"))
        channel = r.orig(*f.channel) if f.channel else None
        out.append(Quote(start=content.start, end=content.end, text=content.text, kind=f.kind, cue=cue,
                         speaker=speaker, channel=channel, chain=chain, sentence=doc.sentence_at(content.start)))
    _name_unnamed_roles(sorted(out, key=lambda q: q.start))
    return out


def _name_words(text: str) -> list[str]:
    return [key(w) for w in re.findall(r"\w+", text)]


def _name_part(speaker: Speaker) -> str:
    """The name of a person speaker without its role («ليلى حداد» of «منسقة …، ليلى حداد»)."""
    if speaker.role and speaker.text.startswith(speaker.role):
        return speaker.text[len(speaker.role):].strip(" ،,") or speaker.text
    return speaker.text


def _long_form(speaker: Speaker, people: list[Speaker]) -> Speaker | None:
    """The earlier person speaker whose name ends with this one- or two-word short form, or None.

    Arabic news names a person in full once and by the family name afterwards («وتابع العلي» after
    «سامر العلي»); the entities stage does not always join the two, so the speaker mentions are."""
    if speaker.entity is not None or speaker.name and key(speaker.name) != key(speaker.text):
        return None
    short = _name_words(speaker.text)
    if not 1 <= len(short) <= 2 or any(
        in_list(name, short[0]) for name in (
            "person_roles", "person_titles", "anonymous_heads", "organization_heads", "media_heads", "document_heads",
        )
    ):
        return None
    for earlier in reversed(people):
        for text in [*re.split("[،,]", earlier.text), earlier.name or "", _before_role(earlier.text)]:
            words = _name_words(text)
            if len(words) > len(short) and words[-len(short):] == short:
                return earlier
    return None


def _name_unnamed_roles(quotes: list[Quote]) -> None:
    """«قال مستشار للرئيس التركي إن …» then «وأضاف ياسين أقطاي …» in the next sentence: «added» continues
    the same speech, so the named speaker is the office-holder introduced by role only (the name goes to
    the first mention, and the sources stage merges the two)."""
    for before, quote in zip(quotes, quotes[1:], strict=False):
        first, then = before.speaker, quote.speaker
        if first is None or then is None or quote.cue is None or quote.cue.lemma not in lexicon.words("continuation_lemmas"):
            continue
        if before.sentence is None or quote.sentence != before.sentence + 1:
            continue
        role_words, name_words = first.text.split(), then.text.split()
        if first.name or first.entity or "،" in first.text or "," in first.text or not in_list(
            "person_roles", role_words[0]
        ) or len(name_words) < 2 or in_list("person_roles", name_words[0]) or key(name_words[0]).startswith(_ARTICLE):
            continue
        first.name = then.name or then.text


def _before_role(text: str) -> str:
    """The name before a role that follows it without a comma: «عبد الرحيم الإدريسي» of «عبد الرحيم الإدريسي مدير
    الوكالة» (empty when the text starts with the role)."""
    words = text.split()
    for i, word in enumerate(words[1:], 1):
        if in_list("person_roles", word):
            return " ".join(words[:i])
    return ""


def _back_reference(speaker: Speaker, people: list[Speaker]) -> Speaker | None:
    """The earlier person speaker that a bare definite role refers back to, or None: «وأضاف المسؤول» after
    «عبد الرحيم الإدريسي، مدير الوكالة» (any named official), «وقال الوزير» after «وزير الطاقة وليد حمدان»
    (the same office)."""
    words = _name_words(speaker.text)
    if speaker.entity is not None or not 1 <= len(words) <= 4 or not words[0].startswith(_ARTICLE):
        return None
    emphatic = lexicon.keys("emphatics")
    same = any(w in emphatic for w in words[1:])  # «المتحدث ذاته», «المسؤول الحكومي نفسه»
    if not all(w in emphatic or w.startswith(_ARTICLE) and (w.endswith(_NISBA) or w in lexicon.words(
        "definite_adjectives"
    )) for w in words[1:]):
        return None  # «المسؤول الأمني» may refer back, «المدير العام للشركة» names a new office
    head = bare(words[0])
    generic = head in lexicon.keys("generic_officials") or same
    descriptive = head in lexicon.keys("descriptive_roles")
    if not generic and not descriptive and not in_list("person_roles", words[0]):
        return None
    for earlier in reversed(people):
        earlier_words = {bare(w) for w in _name_words(earlier.text)}
        if descriptive and earlier.name:
            return earlier  # «المهاجم الدولي السابق» after «واين روني»: a description of the man named, no office
        if generic and (earlier.role or any(in_list("person_roles", w) for w in earlier_words)) or head in earlier_words:
            return earlier if len(_name_words(earlier.text)) > len(words) else None
    return None


def _speaks_for(doc: Doc, role: str, name: str) -> bool:
    """Whether the person ``name`` after a «… باسم …» role is the one spoken for, not the spokesman.

    «المتحدث باسم جوني ديب», «المتحدث باسم الممثل جوني ديب», «المتحدث باسم الرئيس الروسي فلاديمير
    بوتين»: the principal; «المتحدث باسم الرئيس الروسي دميتري بيسكوف» or «المتحدث باسم الخارجية الروسية
    ماريا زاخاروفا»: the spokesman's own name.  An office after «باسم» is resolved on the publication
    date and compared with the name; a description that names no office or institution («الممثل»,
«اللاعب») is the named person's.
    """
    words = role.split()
    at = next((i for i, w in enumerate(words) if key(w) in lexicon.keys("on_behalf_words")), None)
    if at is None:
        return False
    after = " ".join(words[at + 1:])
    if not after:
        return True
    holder = doc.kb.resolve_role(after, doc.published)
    if holder is not None:
        named = doc.kb.link(name, "PER", doc.published)
        return named is not None and named.id == holder.id
    return doc.kb.parse_role(after) is None and doc.kb.link(after) is None and not any(
        in_list("organization_heads", w) for w in after.split()
    )  # «باسم الخارجية الروسية/البيت الأبيض/الحكومة …»: an institution, whose spokesman is then named


def identify(doc: Doc, speaker: Speaker) -> None:
    """Entity id, name and role of a speaker: an entity of the entities stage or a knowledge-base
    mention inside the span gives the identity; the words before it are the role («الرئيس التركي،
    رجب طيب أردوغان»); a bare role is resolved to its holder on the publication date."""
    kb = doc.kb
    inner = [
        (e.start, e.end, e.entity, e.name or e.text, e.label) for e in doc.entities
        if e.label in ("PER", "ORG") and speaker.start <= e.start and e.end <= speaker.end
    ]
    if not inner:
        inner = [
            (speaker.start + s, speaker.start + e, record.id, record.name_en or record.name_ar, record.type)
            for s, e, record in kb.find_mentions(speaker.text) if record.type in ("PER", "ORG")
        ]
    for start, end, entity, name, label in sorted(inner):
        role = doc.text[speaker.start:start].strip(" ،,")
        words = role.split()
        if role and not (
            label == "PER" and in_list("person_roles", words[0]) and len(words) <= 5
            and not (len(words) == 1 and not fold(words[0]).startswith(_ARTICLE))  # «مستشار أردوغان»: his adviser
        ):
            continue
        mention = doc.text[start:end]
        if label == "ORG" and any(in_list("person_roles", w.casefold()) for w in doc.text[end:speaker.end].split()[:2]):
            continue  # «IMF spokeswoman Julie Kozack», «وزارة الخارجية المتحدث …»: the employer, not the speaker
        if label == "PER" and mention.isascii() and name and not set(name.split()) & set(mention.split()):
            break  # «Finance Minister Karim Haddad» linked to another holder of the office: the name in the text wins
        if label == "PER" and role and _speaks_for(doc, role, mention):
            speaker.role = speaker.text  # «المتحدث باسم بوتين»: an unnamed spokesman, not Putin
            return
        speaker.entity, speaker.name, speaker.role = entity, name, role or None
        return
    parts = [p.strip() for p in speaker.text.replace("،", ",").split(",") if p.strip()]
    if len(parts) >= 2:  # apposition: «مسعود رجوي، زعيم المقاومة الإيرانية» or «الرئيس التركي، رجب طيب أردوغان»
        titled = in_list("person_titles", parts[0].split()[0], exact=True)
        if titled:  # «الطبيب عمر الشامي، مدير مستشفى إدلب»: the title goes with the name
            name, role = parts[0].split(maxsplit=1)[-1], parts[1]
        else:
            name, role = (parts[1], parts[0]) if in_list("person_roles", parts[0].split()[0]) else (parts[0], parts[1])
        role_words = role.split()
        if role_words[0].casefold() in lexicon.words("english_articles") and len(role_words) > 1:
            role_words = role_words[1:]  # «David Chen, a spokesman for …»
        if in_list("person_roles", role_words[0].casefold()):
            speaker.name, speaker.role = name, role
            record = kb.resolve_role(role, doc.published)
            speaker.entity = record.id if record is not None else None
            return
    words = speaker.text.split()
    titles = [i for i, w in enumerate(words[:3]) if in_list("person_roles", w.casefold())]
    if speaker.text.isascii() and titles and len(words) - titles[-1] > 2 and all(
        w[:1].isupper() for w in words[titles[-1] + 1:]
    ):
        # «Governor Maria Lopez», «Finance Minister Karim Haddad»: a title before a capitalised name
        speaker.name, speaker.role = " ".join(words[titles[-1] + 1:]), " ".join(words[:titles[-1] + 1])
        return
    if words and in_list("person_roles", words[0]):
        cut = 1
        titled = [i for i, w in enumerate(words[1:-1], 1) if in_list("person_titles", w, exact=True)]
        if titled and not speaker.text.isascii():  # «مدير عام الشؤون الصحية الدكتور عدنان العبدالكريم»
            speaker.role, speaker.name = " ".join(words[:titled[-1]]), " ".join(words[titled[-1] + 1:])
            return

        def definite(i: int) -> bool:
            return i < len(words) and fold(words[i]).startswith(lexicon.ordered("definite_forms"))

        # «وزير الاقتصاد والتجارة اللبناني», «رئيس مجلس الوزراء», «مدير عام فرع الوزارة»: definite words, «عام»
        # and construct heads (a word before a definite one) belong to the role; «أمين سلام» after it is a name
        while cut < len(words) and (definite(cut) or fold(words[cut]) in lexicon.words("role_words") or definite(cut + 1)):
            cut += 1
        while cut < len(words) - 1 and in_list("person_titles", words[cut], exact=True):
            cut += 1  # «… المهندس محمد الغامدي»: the title goes with the role
        if 1 < cut < len(words) and not speaker.text.isascii():
            # «وزير الطاقة وليد حمدان»: the role is followed by the holder's own name, which wins over a guess
            role, name = " ".join(words[:cut]), " ".join(words[cut:])
            if _speaks_for(doc, role, name):
                speaker.role = speaker.text  # «المتحدث باسم الممثل جوني ديب»: Depp's spokesman is unnamed
            else:
                speaker.role, speaker.name = role, name
            return
        speaker.role = speaker.text
        for n in range(min(len(words), 6), 1, -1):
            record = kb.resolve_role(" ".join(words[:n]).strip(" ،,"), doc.published)
            if record is not None:
                speaker.entity, speaker.name = record.id, record.name_en or record.name_ar
                return
