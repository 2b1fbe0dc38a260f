"""English constructions (issue 16, class 4): sentences written for the test, exact offsets.

AP-style «``…''» marks; the quotation before its attribution («"…," said X, who …»); titles kept inside names;
coordinated places in one subject; a time after the subject; pronoun continuations; verbs whose content is not a
that-clause («called for», «vowed to», «accused X of», «described X as», «urged X to»).
"""

from __future__ import annotations

from stages import entity_at, run_stages
from test_quotes import at, only, run, span


def quotes(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None)
            for q in run(text, lang="en").quotes]


def test_ap_style_marks_and_the_quotation_before_its_attribution():
    text = ("``We will not raise taxes this year,'' Finance Minister Laura Stein told reporters. ``Not one cent.''\n"
            "She added that the budget would be balanced.")
    analysis = run(text, lang="en")
    got = [(span(q), span(q.speaker), q.kind) for q in analysis.quotes]
    stein = at(text, "Finance Minister Laura Stein")
    assert got == [
        (at(text, "We will not raise taxes this year"), stein, "direct"),
        (at(text, "Not one cent"), stein, "direct"),
        (at(text, "the budget would be balanced"), stein, "indirect"),
    ]


def test_said_x_who_the_relative_clause_is_not_the_name():
    text = "\"Prices will keep rising,\" said Omar Haddad, an analyst at Capital Bank, who has covered the sector for years."
    (q,) = run(text, lang="en").quotes
    assert span(q.speaker) == at(text, "Omar Haddad, an analyst at Capital Bank")
    assert span(q) == at(text, "Prices will keep rising")


def test_titles_stay_inside_names_and_times_stay_out():
    text = "US Secretary of State Mark Reyes said on Tuesday that the embassy would reopen."
    (q,) = run(text, lang="en").quotes
    assert span(q.speaker) == at(text, "US Secretary of State Mark Reyes")
    text = "The ministry in Amman on Sunday said the border would reopen."
    (q,) = run(text, lang="en").quotes
    assert span(q.speaker) == at(text, "The ministry in Amman")
    assert span(q) == at(text, "the border would reopen")


def test_coordinated_places_are_one_subject_not_a_person():
    text = "Officials in Cairo and Khartoum said the talks had stalled."
    analysis = run(text, lang="en")
    (q,) = analysis.quotes
    assert span(q.speaker) == at(text, "Officials in Cairo and Khartoum")
    assert [(s.text, s.kind) for s in analysis.sources] == [("Officials in Cairo and Khartoum", "anonymous")]


def test_verbs_whose_content_is_not_a_that_clause():
    text = ("The Red Cross called for safe access to the wounded. Hamas vowed to continue the strikes. "
            "Moscow accused London of staging the attack. The judge described the evidence as overwhelming. "
            "The mayor urged residents to stay indoors. The council called a meeting on Monday.")
    assert quotes(text) == [
        ("safe access to the wounded", "The Red Cross", "called"),
        ("continue the strikes", "Hamas", "vowed"),
        ("London of staging the attack", "Moscow", "accused"),
        ("the evidence as overwhelming", "The judge", "described"),
        ("residents to stay indoors", "The mayor", "urged"),
    ]


def test_pronoun_continuations_take_the_nearest_named_speaker():
    text = ("\"The river is rising fast,\" said Maria Lopez, the town's emergency chief. "
            "\"We have moved 300 families,\" she said. She added that more rain was expected.")
    got = quotes(text)
    assert [g[1] for g in got] == ["Maria Lopez, the town's emergency chief"] * 3
    assert [g[0] for g in got] == ["The river is rising fast", "We have moved 300 families", "more rain was expected"]


def test_an_aside_between_the_subject_and_its_verb():
    text = "Police said two people were hurt. Demonstrators, some carrying banners, said they would march again."
    analysis = run(text, lang="en")
    assert [(q.text, q.speaker.text) for q in analysis.quotes] == [
        ("two people were hurt", "Police"), ("they would march again", "Demonstrators")]
    assert ("Demonstrators", "anonymous") in [(s.text, s.kind) for s in analysis.sources]


def test_a_long_subject_before_the_verb_speaks_its_head():
    # a relative clause, an apposition between commas, a possessive, a hyphenated word inside the subject
    cases = [
        ("The talks ended.\n\nA port official in Aqaba who asked not to be named claimed that the cranes had "
         "been idle for a week.", "A port official in Aqaba", "the cranes had been idle for a week"),
        ("The talks ended.\n\nSalma Idris, head of the Farmers' Union in Homs, warned that the harvest would "
         "be late.", "Salma Idris", "the harvest would be late"),
        ("The talks ended.\n\nJordan's chief negotiator, Deputy Minister Faris Odeh, told reporters that a "
         "draft was ready.", "Jordan's chief negotiator, Deputy Minister Faris Odeh", "a draft was ready"),
        # (the name in apposition belongs to the speaker)
        ("The talks ended.\n\nLina Haddad, an analyst at Beirut-based research firm Cedar Risk, said: \"Nobody "
         "expected a deal this week.\"", "Lina Haddad", "Nobody expected a deal this week"),
        ("The talks ended.\n\nA senior health ministry official who spoke on condition of anonymity said the "
         "clinics would stay open.", "A senior health ministry official", "the clinics would stay open"),
    ]
    for text, speaker, content in cases:
        (q,) = run(text, lang="en").quotes
        assert (span(q.speaker), span(q)) == (at(text, speaker), at(text, content)), text


def test_words_before_the_verb_that_make_a_clause_are_no_subject():
    text = "The talks were difficult, officials said."
    (q,) = run(text, lang="en").quotes
    assert span(q.speaker) == at(text, "officials")


def test_said_with_only_a_channel_or_a_time_reports_nothing():
    assert run("Prices rose.\n\nThe ministry said in a statement on Monday.", lang="en").quotes == []


def test_a_time_or_a_channel_between_said_and_its_clause_is_skipped():
    assert quotes("Officials said on Tuesday the talks had stalled.") == [
        ("the talks had stalled", "Officials", "said")]
    assert quotes("The army said Monday it had killed three militants.") == [
        ("it had killed three militants", "The army", "said")]
    assert quotes("The ministry said in a statement the ceasefire was holding.") == [
        ("the ceasefire was holding", "The ministry", "said")]
    assert quotes("The ministry said in a statement late on Monday.") == []  # the channel and time only


def en(text: str):
    return run(text, lang="en")


def test_a_dateline_with_its_day_is_no_part_of_the_subject():
    text = "AMMAN, March 3 (Reuters) - Foreign Minister Ayman Safadi told reporters on Sunday that talks would resume."
    q = only(en(text))
    assert span(q.speaker) == at(text, "Foreign Minister Ayman Safadi")


def test_it_said_goes_on_with_the_institution_named_last():
    text = 'The central bank said on Tuesday it would keep rates unchanged. "Inflation remains too high," it said.'
    assert [span(q.speaker) for q in en(text).quotes] == [at(text, "The central bank")] * 2


def test_a_new_subject_after_while_or_and_starts_a_new_report():
    text = "Hamas accused Israel of violating the truce, while the United Nations called for an immediate ceasefire."
    quotes = en(text).quotes
    assert [q.text for q in quotes] == ["Israel of violating the truce", "an immediate ceasefire"]
    assert [span(q.speaker) for q in quotes] == [at(text, "Hamas"), at(text, "the United Nations")]
    text = 'He said Erbil would appeal, but stopped short of saying whether the region would comply.'
    assert len(en(text).quotes) == 1  # no subject of its own: the same report goes on


def test_a_second_reporting_verb_after_and_is_a_second_report_of_the_same_speaker():
    text = "Sudani vowed to rebuild the city and described the attack as cowardly."
    quotes = en(text).quotes
    assert [q.cue.text for q in quotes] == ["vowed", "described"]
    assert [span(q.speaker) for q in quotes] == [at(text, "Sudani")] * 2


def test_passives_negations_and_nothing_said_are_no_reports():
    for text in ("The pipeline is said to be worth about $1 billion a month.",
                 "Many of those infected were said to be refugees.",
                 "The ministry did not say when the payments would be made.",
                 "The advisory said nothing about casualties."):
        assert en(text).quotes == [], text


def test_an_auxiliary_and_an_adverb_are_no_part_of_the_subject():
    text = "The IMF has repeatedly called for a flexible exchange rate."
    assert span(only(en(text)).speaker) == at(text, "The IMF")


def test_a_subject_with_a_which_clause_before_has_and_an_adverb():
    text = "The IMF, which approved a loan last year, has repeatedly called for a flexible exchange rate."
    assert span(only(en(text)).speaker) == at(text, "The IMF")
    text = "Her neighbor, Hossam Badr, told The Associated Press that prices had doubled."
    assert span(only(en(text)).speaker) == at(text, "Her neighbor, Hossam Badr")


def test_a_quoted_phrase_inside_the_reported_clause_and_a_title_inside_the_subjects_relative_clause():
    text = ('The spokesman Ali Haddad said their forces had targeted "a British oil ship" and that more attacks '
            'would follow.')
    q = only(en(text))
    assert span(q) == at(text, 'their forces had targeted "a British oil ship" and that more attacks would follow')
    text = ('Hanan Saab, a professor whose book "Thirst: Water and Power in Lebanon" was published last year, '
            'said the outbreak had been "entirely predictable".')
    q = only(en(text))
    assert (span(q.speaker), span(q)) == (at(text, "Hanan Saab"), at(text, 'the outbreak had been "entirely predictable"'))


def test_told_with_an_audience_and_a_subject_with_an_age_after_the_quotation():
    text = ('Finance Minister Salwa Jabbar spoke after the meeting. The payments were held up over "errors in the '
            'payroll lists", she told a news conference in Baghdad.')
    (q,) = run_stages(text, ["times", "entities", "quotes"], lang="en").quotes  # «she»: the person named before
    assert span(q) == at(text, 'The payments were held up over "errors in the payroll lists"')
    assert q.speaker is not None and "Salwa Jabbar" in q.speaker.text
    text = '"I saw the space and I just hit it," Jabbar, 22, told reporters in the mixed zone.'
    q = only(en(text))
    assert (span(q.speaker), q.text) == (at(text, "Jabbar"), "I saw the space and I just hit it")


def test_a_place_before_the_subject_and_a_long_relative_clause_after_the_name():
    text = ("In Benghazi, Omar Fathi, a spokesman for the eastern-based government, which is backed by the army and "
            "has not been recognised by the United Nations since parliament appointed it in 2022, said the plan "
            "was acceptable.")
    q = only(run(text, "en"))
    assert span(q.speaker) == at(text, "Omar Fathi")


def test_an_abbreviation_a_name_particle_and_a_relative_pronoun_in_the_subject():
    text = "The U.S. and British embassies welcomed the plan, saying it should be followed by a timetable."
    assert span(only(run(text, "en")).speaker) == at(text, "The U.S. and British embassies")
    text = "\"We are not chasing price,\" al-Rashed told a news conference in Riyadh."
    q = only(run(text, "en"))
    assert span(q.speaker) == at(text, "al-Rashed") and q.text == "We are not chasing price"
    text = "Mona Saad, the critic who last year described the list as \"too safe\", said the book was brave."
    assert [span(q.speaker) for q in run(text, "en").quotes] == [at(text, "Mona Saad")] * 2


def test_a_passive_with_no_agent_reports_no_one():
    assert run("Both sides have been accused of war crimes, including the shelling of markets.", "en").quotes == []


def test_a_hyphenated_age_is_no_dateline_but_a_slug_is():
    text = "Ahmed Saleh, a 38-year-old mason, said most families were still waiting."
    assert span(only(run(text, "en")).speaker) == at(text, "Ahmed Saleh")
    text = "Soccer-Iraq coach Hamza: title win is 'for every Iraqi'"
    assert span(only(run(text, "en")).speaker) == at(text, "Iraq coach Hamza")


def test_the_writers_context_after_a_trailing_attribution():
    text = ("OPEC+ will press ahead with a planned increase in April, Saudi Energy Minister Khalid al-Rashed "
            "said on Monday, as Brent traded near a 14-month low.")
    q = only(run(text, "en"))
    assert span(q.speaker) == at(text, "Saudi Energy Minister Khalid al-Rashed")
    assert q.text.startswith("OPEC+ will press ahead")


def test_a_personal_pronoun_after_an_institution_spoke_is_the_person_named_since():
    text = ("The Ministry of Culture said the prize was important. Asked whether the book was political, "
            "Amira Chebbi laughed. \"In Redeyef, even the weather is political,\" she said.")
    person = entity_at(text, "Amira Chebbi", "PER")
    quotes = run_stages(text, ["quotes"], "en", preset={"entities": [person], "times": []}).quotes
    assert span(quotes[-1].speaker) == at(text, "Amira Chebbi")
