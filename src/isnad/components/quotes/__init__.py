"""Quotes with their cue, speaker, channel and chain of transmission.

Rule-based on purpose: attribution in news prose is a handful of constructions around a closed class
of cues, and every span must be exact, so the rules read the folded text word by word:
- verb cue (قال، أكد، أعلنت، يقول …) then subject, optional channel/time, then إن/أن/بأن, a colon or a
  quotation: indirect clause, Sabq-style direct speech, or a direct quote (content without marks);
- subject before the verb («العفو الدولية تقول إن», «وكانت مصادر تركية أفادت بأن»);
- zero-subject continuations (وأضاف أن، وتابع:) and participles (مضيفا، مشيرا إلى أن) take the nearest
  explicit speaker, whose mention becomes the quote's speaker (the gold convention);
- «بحسب/وفق/حسب X», «كما أوضح X», «على ما قال X» make the neighbouring clause an indirect quote of X,
  or, when that clause is already a quote, add X to its chain;
- the object is the content when there is no complementizer: «أعلنت الوزارة تعليق …», «نفى القنصل X علمه …»
  (a possessed or bare indefinite noun after the subject starts the object), «تعهدت تركيا بمنحه …»,
  «قدرت المنظمة إنتاج القمح بنحو N» (an estimate measured by «بـ + number»), «كما أدان …» (zero subject);
- a participle after any verb with an explicit subject takes that subject («وختمت حداد حديثها قائلة»);
- «بحسب تقرير صادر عن X يوم …،» covers the issuer and date; the clause after the comma is the content;
  «بحسب X –بدون تصرف-: «…»» (a short phrase, a colon, a quotation) is a direct quote of X, not the clause before;
- a speaker is a noun phrase that can act: particles, negations, relative pronouns and prepositions with a pronoun
  («مما يؤكد», «لم تعلن», «نفى فيها») never are, an adverbial after the verb («نقلت بدورها») is skipped, a verbal
  noun right after it («يزعم إعلان "…"») is the object, and after «التي/الذي» the antecedent speaks
  («صحيفة "ديلي ميل"، التي قالت إنه …»); with no such phrase the speaker is none rather than a wrong one;
- «اقرأ أيضًا:» is a news site's related-link marker, not a cue;
- short quoted terms after a verb of talking or a verbal noun are direct quotes («تحدثت عن «…»»,
  «إعلان بغداد "…"»); a judgement verb's quoted verdict is the content («اعتبرها X «إرهابية»»);
- headlines «X: claim» are quotes with no cue; long quotations with no cue continue the last speaker;
  short quoted names or terms («داعش») are not quotes.
Short forms of a person speaker («وتابع العلي» after «سامر العلي») and bare definite roles that refer back
(«وأضاف المسؤول», «المتحدث ذاته») carry the long form's name and entity; English pronoun speakers («He said»)
and honorific pronouns («وأوضح سموه») are the nearest explicit mention.  A paragraph-initial dateline
(«فاس - », «الرياض (واس) - », «BEIRUT (AP) — ») is skipped: neither the place nor the outlet is a speaker.
Demands («طالب X بـ…», «مطالبا بـ…») report the request; a bare «انتقد X الخطة» reports nothing.
The gold conventions are in ``shared/data/articles-dev/README.md`` (section Quotes).

The modules:
- :mod:`.reader`: the article (its words from ``doc.tokens``, quotation regions, entities, quotes found);
- :mod:`.clause`: the clause view, a cursor over the sentence and its cue, with the bounded scans;
- :mod:`.phrases`: the noun phrases that speak; :mod:`.frame`: what follows a verb cue; :mod:`.content`:
  the content span, trimmed;
- :mod:`.constructions`: one module per construction, tried in the order of :data:`.driver.CUE_CONSTRUCTIONS`
  by :mod:`.driver`, which reads the article sentence by sentence;
- :mod:`.speakers`: the quotes as contract items, with the speakers' identities;
- :mod:`.lexicon` and :mod:`.vocab`: the language data (``lang/quotes_constructions.json``,
  ``lang/quotes_sources.json``) and the word tests made of it.
"""

from __future__ import annotations

from isnad.components.quotes import driver, speakers
from isnad.core.doc import Doc
from isnad.core.registry import stage


@stage("quotes", requires=["entities", "times"], assigns=["quotes", "attributions"])
def annotate(doc: Doc) -> None:
    reader = driver.read(doc)
    doc.quotes.extend(speakers.quotes(reader))
    doc.attributions = [(reader.orig(w.start, w.end), w.kind) for w in reader.extra_sources]
