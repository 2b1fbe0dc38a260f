"""Knowledge base: alias variants, dated role resolution, linking, mention offsets, user KB files and
the Wikidata importer (on a small fixture in the real dump layout)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from isnad.kb import KnowledgeBase, Record, Role
from isnad.kb.records import parse_date
from isnad.kb.wikidata import import_dump, import_main

FIXTURES = Path(__file__).parent / "fixtures"
D = dt.date


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def ids(records: list[Record]) -> set[str]:
    return {r.id for r in records}


# -- aliases --------------------------------------------------------------------------------------

@pytest.mark.parametrize("surface", ["أردوغان", "اردوغان", "إردوغان", "رجب طيب أردوغان", "Erdogan", "اردوغان"])
def test_erdogan_spellings(kb: KnowledgeBase, surface: str) -> None:
    assert "per:recep-tayyip-erdogan" in ids(kb.lookup(surface))


@pytest.mark.parametrize(("surface", "rid"), [
    ("غوتيريش", "per:antonio-guterres"),
    ("غوتيريس", "per:antonio-guterres"),
    ("البشمركة", "org:peshmerga"),
    ("البيشمركة", "org:peshmerga"),
    ("داعش", "org:isis"),
    ("تنظيم الدولة الإسلامية", "org:isis"),
    ("الأمم المتحدة", "org:un"),
    ("الامم المتحده", "org:un"),  # hamza and ta marbuta folded by key()
    ("سوريا", "loc:syria"),
    ("سورية", "loc:syria"),
    ("الولايات المتحدة الأميركية", "loc:united-states"),
    ("الولايات المتحدة الأمريكية", "loc:united-states"),
    ("خامنه‌ای", "per:ali-khamenei"),  # Persian spelling with ZWNJ
    ("اوكراين", "loc:ukraine"),  # Persian اوکراین with Arabic kaf and ya
    ("إدلب", "loc:idlib"),
])
def test_alias_variants(kb: KnowledgeBase, surface: str, rid: str) -> None:
    assert rid in ids(kb.lookup(surface))


def test_unknown_surface(kb: KnowledgeBase) -> None:
    assert kb.lookup("شخص غير موجود إطلاقا") == []


def test_gazetteer_types(kb: KnowledgeBase) -> None:
    gaz = kb.gazetteer()
    assert gaz["بغداد"] == "LOC"
    assert gaz["رويترز"] == "ORG"
    assert gaz["بوتين"] == "PER"


# -- roles ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "on", "rid"), [
    ("الرئيس السوري", D(2024, 12, 7), "per:bashar-al-assad"),
    ("الرئيس السوري", D(2025, 2, 1), "per:ahmed-al-sharaa"),
    ("الرئيس الأمريكي", D(2020, 6, 1), "per:donald-trump"),
    ("الرئيس الأميركي", D(2022, 6, 1), "per:joe-biden"),
    ("الرئيس الروسي", D(2024, 12, 1), "per:vladimir-putin"),
    ("the Russian president", D(2010, 1, 1), "per:dmitry-medvedev"),
    ("المرشد الإيراني", D(2015, 7, 24), "per:ali-khamenei"),
    ("وزير الخارجية الأمريكي", D(2014, 3, 1), "per:john-kerry"),
    ("US Secretary of State", D(2019, 1, 1), "per:mike-pompeo"),
    ("رئيس الوزراء العراقي", D(2016, 1, 1), "per:haider-al-abadi"),
    ("رئيس وزراء العراق", D(2023, 1, 1), "per:mohammed-shia-al-sudani"),
    ("الأمين العام للأمم المتحدة", D(2015, 1, 1), "per:ban-ki-moon"),
    ("الأمين العام للأمم المتحدة", D(2018, 1, 1), "per:antonio-guterres"),
    ("وزيرة الخارجية الألمانية", D(2023, 1, 1), "per:annalena-baerbock"),
    ("ولي العهد السعودي", D(2018, 10, 7), "per:mohammed-bin-salman"),
    ("الأمين العام لحزب الله", D(2020, 1, 1), "per:hassan-nasrallah"),
    ("المبعوث الأممي إلى اليمن", D(2019, 1, 1), "per:martin-griffiths"),
])
def test_resolve_role(kb: KnowledgeBase, role: str, on: dt.date, rid: str) -> None:
    found = kb.resolve_role(role, on)
    assert found is not None and found.id == rid


def test_syria_interregnum_has_no_president(kb: KnowledgeBase) -> None:
    assert kb.resolve_role("الرئيس السوري", D(2024, 12, 20)) is None


def test_handover_day_goes_to_new_holder(kb: KnowledgeBase) -> None:
    found = kb.resolve_role("الرئيس الأمريكي", D(2017, 1, 20))
    assert found is not None and found.id == "per:donald-trump"


def test_name_in_role_wins(kb: KnowledgeBase) -> None:
    found = kb.resolve_role("الرئيس الروسي فلاديمير بوتين", D(2010, 1, 1))  # Medvedev held the office then
    assert found is not None and found.id == "per:vladimir-putin"


def test_role_without_date(kb: KnowledgeBase) -> None:
    assert kb.resolve_role("الرئيس الأمريكي", None) is None  # several holders
    found = kb.resolve_role("وزير الخارجية الروسي", None)  # one holder in the data
    assert found is not None and found.id == "per:sergey-lavrov"


def test_unknown_role(kb: KnowledgeBase) -> None:
    assert kb.resolve_role("رئيس الوزراء", D(2020, 1, 1)) is None  # no country → many holders
    assert kb.resolve_role("مصدر مطلع", D(2020, 1, 1)) is None


# -- linking --------------------------------------------------------------------------------------

def test_link_type_agreement(kb: KnowledgeBase) -> None:
    found = kb.link("بوتين", "PER", D(2018, 1, 1))
    assert found is not None and found.id == "per:vladimir-putin"
    assert kb.link("بوتين", "LOC", D(2018, 1, 1)) is None


def test_link_shared_family_name_uses_date(kb: KnowledgeBase) -> None:
    found = kb.link("الأسد", "PER", D(2015, 6, 1))
    assert found is not None and found.id == "per:bashar-al-assad"


def test_link_shared_family_name_ambiguous_without_date(kb: KnowledgeBase) -> None:
    assert kb.link("الأسد", "PER", None) is None


def test_link_falls_back_to_role(kb: KnowledgeBase) -> None:
    found = kb.link("الرئيس التركي", "PER", D(2018, 10, 7))
    assert found is not None and found.id == "per:recep-tayyip-erdogan"


def test_link_peels_proclitic(kb: KnowledgeBase) -> None:
    found = kb.link("وبغداد", "LOC", None)
    assert found is not None and found.id == "loc:baghdad"


def test_short_name_in_another_man_s_name_is_not_him(kb: KnowledgeBase) -> None:
    assert kb.link("مازن علوش", "PER", D(2014, 1, 1)) is None
    found = kb.link("الشيخ علوش", "PER", D(2014, 1, 1))
    assert found is not None and found.id == "per:zahran-alloush"


# -- mentions -------------------------------------------------------------------------------------

def test_short_alias_hamza_must_agree(kb: KnowledgeBase) -> None:
    # «إب», «أب» (father) and «آب» (August) share one key once alef forms are folded
    found = {text[s:e]: r.id for text in ["في إب وأب وآب واب ورأب الصدع"] for s, e, r in kb.find_mentions(text)}
    assert found == {"إب": "loc:ibb", "اب": "loc:ibb"}, found


def test_find_mentions_offsets_and_clitics(kb: KnowledgeBase) -> None:
    text = "وقال بوتين في موسكو إن الولايات المتحدة الأمريكية وبغداد وللأمم المتحدة دورا"
    found = kb.find_mentions(text)
    surfaces = {text[s:e]: r.id for s, e, r in found}
    assert surfaces["بوتين"] == "per:vladimir-putin"
    assert surfaces["الولايات المتحدة الأمريكية"] == "loc:united-states"  # longest wins over الولايات المتحدة
    assert surfaces["بغداد"] == "loc:baghdad"  # و peeled
    assert surfaces["للأمم المتحدة"] == "org:un"  # ل+ال contraction kept whole (no substring spells الأمم)
    assert "الولايات المتحدة" not in surfaces
    spans = sorted((s, e) for s, e, _ in found)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_short_alias_not_peeled(kb: KnowledgeBase) -> None:
    text = "صوت البرلمان لصالح القرار"
    assert not [r for _, _, r in kb.find_mentions(text) if r.id == "per:ali-abdullah-saleh"]


def test_acronyms_case_sensitive(kb: KnowledgeBase) -> None:
    text = "He told us that the WHO and the US had agreed."
    found = {text[s:e] for s, e, _ in kb.find_mentions(text)}
    assert "WHO" in found and "US" in found and "us" not in found


def test_mentions_with_diacritics_keep_offsets(kb: KnowledgeBase) -> None:
    text = "زار وَبَغْدَادَ أمس"
    (start, end, record), = [m for m in kb.find_mentions(text) if m[2].type == "LOC"]
    assert record.id == "loc:baghdad" and text[start:end] == "بَغْدَادَ"


def test_no_match_across_lines(kb: KnowledgeBase) -> None:
    text = "الأمم\nالمتحدة"
    assert not [r for _, _, r in kb.find_mentions(text) if r.id == "org:un"]


# -- user KB --------------------------------------------------------------------------------------

def test_user_kb_extends_and_merges(tmp_path: Path) -> None:
    user = tmp_path / "my.jsonl"
    records = [
        {"id": "per:test-person", "type": "PER", "name_en": "Zaid Testawi", "name_ar": "زيد التستاوي",
         "aliases": ["التستاوي"], "roles": [{"office": "prime minister", "country": "XX", "start": "2020-01-01",
                                             "end": None, "source": "test"}]},
        {"id": "loc:baghdad", "type": "LOC", "name_en": "Baghdad", "name_ar": "بغداد", "aliases": ["مدينة السلام"]},
    ]
    user.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    kb = KnowledgeBase.default((user,))
    assert KnowledgeBase.default((user,)) is kb
    assert ids(kb.lookup("التستاوي")) == {"per:test-person"}
    assert "loc:baghdad" in ids(kb.lookup("مدينة السلام"))
    assert "loc:baghdad" in ids(kb.lookup("Baghdad"))  # bundled aliases kept
    assert kb.holders("prime minister", "XX", D(2021, 1, 1))[0].id == "per:test-person"
    assert not KnowledgeBase.default().lookup("التستاوي")


def test_parse_partial_dates() -> None:
    assert parse_date("2014") == D(2014, 1, 1)
    assert parse_date("2014", end=True) == D(2014, 12, 31)
    assert parse_date("2024-02", end=True) == D(2024, 2, 29)
    assert Role("president", "SY", D(2000, 7, 17), D(2024, 12, 8), "x").active(D(2024, 12, 8))


# -- Wikidata -------------------------------------------------------------------------------------

def _read(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_wikidata_import(tmp_path: Path) -> None:
    out = tmp_path / "wd.jsonl"
    assert import_main(FIXTURES / "wikidata-sample.json", out) == 0
    records = _read(out)
    assert set(records) == {"Q7747", "Q3766"}  # the position, the unknown class and the property are skipped
    putin = records["Q7747"]
    assert putin["type"] == "PER" and putin["name_en"] == "Vladimir Putin" and putin["name_ar"] == "فلاديمير بوتين"
    assert {"ولادیمیر پوتین", "پوتین", "بوتين", "Putin"} <= set(putin["aliases"])
    roles = putin["roles"]
    assert {"office": "president", "country": "RU", "start": "2000-05-07", "end": "2008-05-07",
            "source": "Wikidata P39 Q218295"} in roles
    assert any(r["start"] == "2012-05-07" and r["end"] is None for r in roles)
    fixture_role = next(r for r in roles if r["source"].endswith("Q999999991"))
    assert fixture_role["office"] == "Test position (fixture)"  # label of the unmapped position
    assert (fixture_role["start"], fixture_role["end"]) == ("1999-01-01", "1999-08-31")  # year / month precision
    assert records["Q3766"]["type"] == "LOC" and "الشام" in records["Q3766"]["aliases"]

    kb = KnowledgeBase.from_paths([out], bundled=False)
    found = kb.resolve_role("الرئيس الروسي", D(2005, 1, 1))
    assert found is not None and found.id == "Q7747"
    assert kb.resolve_role("الرئيس الروسي", D(2010, 1, 1)) is None


def test_wikidata_import_gzip(tmp_path: Path) -> None:
    dump = tmp_path / "sample.json.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as handle:
        handle.write((FIXTURES / "wikidata-sample.json").read_text(encoding="utf-8"))
    assert import_dump(dump, tmp_path / "out.jsonl") == 2


def test_link_strips_titles_heads_and_demonyms(kb: KnowledgeBase) -> None:
    cases = [("الأمير محمد بن سلمان", "PER", "per:mohammed-bin-salman"), ("وكالة رويترز", "ORG", "org:reuters"),
             ("حزب العدالة والتنمية التركي", "ORG", "org:akp"), ("مدينة بعقوبة", "LOC", "loc:baqubah")]
    for surface, label, rid in cases:
        found = kb.link(surface, label, D(2018, 1, 1))
        assert found is not None and found.id == rid, surface


def test_wikidata_import_merges_with_bundled(tmp_path: Path) -> None:
    out = tmp_path / "wd.jsonl"
    import_dump(FIXTURES / "wikidata-sample.json", out)
    kb = KnowledgeBase.from_paths([out])
    putin = kb.lookup("ولادیمیر پوتین")
    assert ids(putin) == {"per:vladimir-putin"}  # Q7747 folded into the curated record
    assert any(r.source.startswith("Wikidata P39") for r in putin[0].roles)
    assert kb.get("Q7747") is None and kb.get("Q3766") is None
    assert ids(kb.lookup("Dimashq")) == {"loc:damascus"}


def test_wikidata_compact_array(tmp_path: Path) -> None:
    entities = [json.loads(line.rstrip(",")) for line in
                (FIXTURES / "wikidata-sample.json").read_text(encoding="utf-8").splitlines()[1:-1]]
    dump = tmp_path / "compact.json"
    dump.write_text(json.dumps(entities, ensure_ascii=False), encoding="utf-8")
    assert import_dump(dump, tmp_path / "out.jsonl") == 2


def test_short_alias_after_conjunction(kb: KnowledgeBase) -> None:
    text = "التقى هادي وصالح"
    found = {text[s:e]: r.id for s, e, r in kb.find_mentions(text)}
    assert found.get("صالح") == "per:ali-abdullah-saleh" and found.get("هادي") == "per:abdrabbuh-mansur-hadi"


@pytest.mark.parametrize(("surface", "rid"), [
    ("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "org:ksrelief"),
    ("مركز الملك سلمان للإغاثة", "org:ksrelief"),
    ("وكالة السودان للأنباء", "org:suna"),
    ("سونا", "org:suna"),
    ("وكالة المغرب العربي للأنباء", "org:map"),
    ("وكالة تونس إفريقيا للأنباء", "org:tap"),
    ("وكالة الأنباء الجزائرية", "org:aps"),
    ("وكالة أنباء البحرين", "org:bna"),
    ("وكالة الأنباء العمانية", "org:ona"),
    ("مصرف لبنان", "org:bdl"),
    ("البنك المركزي الأردني", "org:cbj"),
    ("بنك المغرب", "org:bam"),
    ("مؤسسة النقد العربي السعودي", "org:sama"),
    ("وكالة الأنباء الفرنسية", "org:afp"),
    ("فاس", "loc:fes"),
    ("طنجة", "loc:tangier"),
    ("أغادير", "loc:agadir"),
    ("صفاقس", "loc:sfax"),
    ("وهران", "loc:oran"),
    ("قسنطينة", "loc:constantine"),
    ("ولاية كسلا", "loc:kassala-state"),
    ("سبو", "loc:sebou"),
    ("أم الربيع", "loc:oum-er-rbia"),
    ("الشرق الأوسط وشمال أفريقيا", "loc:mena"),
])
def test_maghreb_gulf_sudan_records(kb: KnowledgeBase, surface: str, rid: str) -> None:
    assert ids(kb.lookup(surface)) == {rid}


def test_new_places_are_found_behind_proclitics(kb: KnowledgeBase) -> None:
    text = "زار الوفد ومكناس وبصفاقس"
    found = {text[s:e]: r.id for s, e, r in kb.find_mentions(text)}
    assert found == {"مكناس": "loc:meknes", "صفاقس": "loc:sfax"}


def test_role_without_owner_is_not_resolved() -> None:
    kb = KnowledgeBase.default()
    # Every country has a finance minister: a bare role must not become whoever the data happens to hold.
    assert kb.resolve_role("وزير المالية", dt.date(2024, 12, 1)) is None
    assert kb.resolve_role("Finance Minister", dt.date(2024, 12, 1)) is None
    assert kb.resolve_role("الرئيس الروسي", dt.date(2024, 12, 1)).id == "per:vladimir-putin"


# -- the stale-role window ----------------------------------------------------------------------------

def _two_namesakes(tmp_path: Path, ended: str) -> KnowledgeBase:
    """Two men called «الحمداني»: one minister until ``ended``, one with no office at all."""
    records = [
        {"id": "per:old-minister", "type": "PER", "name_en": "Old Hamdani", "name_ar": "سالم الحمداني",
         "aliases": ["الحمداني"], "roles": [{"office": "minister of finance", "country": "XX",
                                               "start": "2000-01-01", "end": ended, "source": "test"}]},
        {"id": "per:new-man", "type": "PER", "name_en": "New Hamdani", "name_ar": "كريم الحمداني",
         "aliases": ["الحمداني"], "roles": []},
    ]
    path = tmp_path / f"namesakes-{ended}.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return KnowledgeBase.from_paths((path,))


def test_a_role_that_ended_within_five_years_still_ranks_its_holder_level(tmp_path: Path) -> None:
    # Ended 4 years 11 months before the article: not stale, so the two namesakes tie and nobody is linked.
    kb = _two_namesakes(tmp_path, "2013-07-01")
    assert kb.link("الحمداني", "PER", D(2018, 6, 1)) is None


def test_a_role_that_ended_over_five_years_before_counts_against_its_holder(tmp_path: Path) -> None:
    # Ended 5 years and a month before: stale, so the man with no office is the better reading.
    kb = _two_namesakes(tmp_path, "2013-05-01")
    found = kb.link("الحمداني", "PER", D(2018, 6, 1))
    assert found is not None and found.id == "per:new-man"
