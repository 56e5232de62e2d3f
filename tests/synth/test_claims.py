"""Normalisation and the targeted claim checks, on hand-made sentences."""

from __future__ import annotations

import pytest

from newsprism.synth.claims import (
    bound_problem,
    certainty_problem,
    new_clauses,
    quote_cut_problem,
    speaker_problem,
    time_frame_problem,
)
from newsprism.synth.guard import FaithfulnessGuard, GuardItem, claim_parts
from newsprism.synth.normalize import canonical
from newsprism.synth.text import number_values


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("nine hundred and five votes", "905 votes"),
        ("a sixteen-month tenure", "a 16-month tenure"),
        ("the court ruled six-to-three", "the court ruled 6-3"),
        ("on an 11-10 vote", "on an eleven to ten vote"),
        ("for the third time", "for the 3rd time"),
        ("Trump said on Twitter that", "Trump tweeted that"),
        ("donated one million dollars", "donated $1 million"),
        ("about seven hundred thousand people", "about 700,000 people"),
        ("a dozen companies", "12 companies"),
        ("on Tues. night", "on Tuesday night"),
        ("with seven days to go", "with a week to go"),
        ("fourteen days later", "two weeks later"),
        ("a fortnight ago", "2 weeks ago"),
        ("one week before the vote", "a week before the vote"),
        ("two dozen states", "24 states"),
        ("one and a half million voters", "1.5 million voters"),
        ("half a million people", "500,000 people"),
        ("in the twenty-first century", "in the 21st century"),
    ],
)
def test_two_spellings_of_the_same_fact_become_one(a: str, b: str) -> None:
    assert canonical(a) == canonical(b)


def test_different_facts_stay_different() -> None:
    assert canonical("six-to-three") != canonical("five-to-four")
    assert canonical("one of the prisoners") == "one of the prisoners"  # a pronoun, not 1
    assert 12.0 in number_values("sanctions on a dozen companies")
    assert number_values("the forty-fifth president") == {45.0}
    assert number_values("two dozen states") == {24.0}
    # a count of days after a determiner is a count, not a span: left alone
    assert canonical("the 7 days of the trial") == "the 7 days of the trial"
    assert canonical("for 30 days") == "for 30 days"


SOURCE = "More than 100 people were arrested, and the mayor may resign, officials said."


def test_a_changed_bound_is_caught_and_the_same_bound_in_other_words_is_not() -> None:
    assert bound_problem("Nearly 100 people were arrested.", SOURCE)
    assert bound_problem("Up to 100 people were arrested.", SOURCE)
    assert bound_problem("At most 22 people died.", "At least 22 people died.")
    assert bound_problem("About 700,000 are protected.", "About 700,000 are protected.") is None
    assert bound_problem("Over 100 people were arrested.", SOURCE) is None
    assert bound_problem("Roughly 700,000 are protected.", "About 700,000 are protected.") is None
    assert bound_problem("100 people were arrested.", SOURCE) is None


def test_certainty_inflated_is_caught_and_kept_hedges_pass() -> None:
    assert certainty_problem("The mayor will resign.", SOURCE)
    assert certainty_problem("He was convicted of fraud.", "He was charged with fraud.")
    assert certainty_problem(
        "The FBI confirmed he paid.", "The FBI is investigating whether he paid."
    )
    assert certainty_problem("The mayor may resign, officials said.", SOURCE) is None
    assert certainty_problem("He was charged with fraud.", "He was charged with fraud.") is None


def test_a_hedge_on_a_noun_doubts_only_that_noun() -> None:
    source = "The spokesman said a diner tackled the suspected gunman and took his rifle."
    # the claim is about the diner: "suspected" doubts who the gunman is, nothing it says
    assert certainty_problem("The spokesman said a diner tackled the man and took his rifle.",
                             source) is None  # fmt: skip
    # the claim that keeps the noun drops its hedge
    assert certainty_problem("The spokesman said a diner tackled the gunman and took his "
                             "rifle.", source)  # fmt: skip
    # "alleged" as a verb still hedges the clause
    assert certainty_problem(
        "The diner took the rifle from the gunman.",
        "Prosecutors alleged the diner took the rifle from the gunman.",
    )


def test_according_to_keeps_a_reportedly_but_not_the_speakers_own_hedge() -> None:
    source = "A council member said he believes the mayor will likely veto the budget."
    assert certainty_problem("According to a council member, the mayor will veto the budget.",
                             source)  # fmt: skip
    assert certainty_problem("According to a council member, the mayor will likely veto the "
                             "budget.", source) is None  # fmt: skip
    reported = "The mayor reportedly vetoed the budget, according to two council members."
    assert certainty_problem("According to two council members, the mayor vetoed the budget.",
                             reported) is None  # fmt: skip


def test_a_time_frame_the_sources_lack_is_caught() -> None:
    assert time_frame_problem("The wall has already been built.", "The wall will be built.")
    assert time_frame_problem("He will testify next week.", "He will testify on Tuesday.")
    assert time_frame_problem("He testified last week.", "He testified last week.") is None


def test_a_quotation_must_sit_with_its_speaker_in_its_source() -> None:
    sources = ["“The plan is too timid,” Lopez said.", "Smith praised the plan on Monday."]
    assert speaker_problem("“The plan is too timid,” Smith said.", sources)
    assert speaker_problem("Smith said: “The plan is too timid.”", sources)
    assert speaker_problem("“The plan is too timid,” Lopez said.", sources) is None
    assert speaker_problem("“The plan is too timid,” she said.", sources) is None
    # the speaker is the name nearest the quotation, not the sentence's first capital
    reported = ["Lopez reportedly called the plan “too timid to pass.”"]
    claim = "Reports say Lopez called the plan “too timid to pass” on Monday."
    assert speaker_problem(claim, reported) is None
    assert speaker_problem(claim.replace("Lopez", "Smith"), reported)


def test_guard_names_the_targeted_reasons_and_keeps_the_faithful_sentence() -> None:
    guard = FaithfulnessGuard()
    verdicts = guard.check_many(
        [
            GuardItem("Nearly 100 people were arrested.", [SOURCE]),
            GuardItem("The mayor will resign, officials said.", [SOURCE]),
            GuardItem("More than 100 people were arrested and the mayor may resign.", [SOURCE]),
        ]
    )
    assert [v.reason for v in verdicts] == ["bound", "certainty", None]


def test_a_surname_named_in_full_elsewhere_in_the_story_passes_the_entity_check() -> None:
    guard = FaithfulnessGuard()
    source = "He said the plan was too timid and would not pass."
    context = ["Opposition leader Maria Lopez criticised the budget on Monday."]
    claim = "Lopez said the plan was too timid and would not pass."
    assert guard.check(claim, [source]).reason == "entity"
    assert guard.check_many([GuardItem(claim, [source], context=context)])[0].ok
    wrong = "Garcia said the plan was too timid and would not pass."
    assert guard.check_many([GuardItem(wrong, [source], context=context)])[0].reason == "entity"


def test_an_invented_clause_on_a_copied_sentence_is_caught() -> None:
    source = "Neal sent his demand to the IRS for the president's tax returns on Wednesday."
    added = "Neal sent his demand to the IRS, and the agency promised to comply within days."
    assert new_clauses(added, source)
    assert new_clauses("Neal sent the IRS his demand on Wednesday.", source) == []


def test_reported_would_is_the_speakers_will() -> None:
    source = "Mayor Ana Torres said the bridge would stay closed for at least 45 days."
    assert certainty_problem("The bridge will stay closed for at least 45 days.", source) is None
    # a plain conditional "would" is still a hedge
    assert certainty_problem(
        "The bridge will stay closed for 45 days.",
        "Repairs would keep the bridge closed for 45 days if funding arrives.",
    )


def test_a_hedged_statement_repeated_flat_is_caught_beside_another_hedge() -> None:
    source = (
        "Cohen testified that the president may have used the audit claim to avoid scrutiny "
        "that could lead to penalties."
    )
    flat = (
        "Cohen testified that the president used the audit claim to avoid scrutiny "
        "that could lead to penalties."
    )
    kept = "Cohen testified that the president might have used the audit claim to avoid scrutiny."
    assert certainty_problem(flat, source)
    assert certainty_problem(kept, source) is None


def test_a_quotation_cut_after_its_hedge_is_caught() -> None:
    source = 'The Pentagon said the phones "may pose an unacceptable risk to personnel."'
    assert quote_cut_problem('The Pentagon said the phones "pose an unacceptable risk."', [source])
    assert quote_cut_problem('The phones "may pose an unacceptable risk."', [source]) is None
    # the hedge kept outside the quotation is no cut
    assert quote_cut_problem('The phones may "pose an unacceptable risk."', [source]) is None


def test_a_two_word_invented_clause_is_caught_and_a_reworded_one_is_not() -> None:
    source = "Collins requested an equal number of witnesses from each side, and the panel met."
    assert new_clauses("Collins requested an equal number of witnesses, and Nadler agreed.", source)
    assert new_clauses("Collins requested equal witnesses, and the panel meets.", source) == []


def test_a_merge_is_judged_part_by_part_against_the_source_of_each_part() -> None:
    hedged = "Officials said the mayor may resign before the vote on the harbor budget."
    plain = "The council approved a budget of $4.5 million for the new library on Tuesday."
    merge = (
        "The council approved a budget of $4.5 million for the new library on Tuesday, "
        "and officials said the mayor may resign before the vote."
    )
    parts = claim_parts(merge, [plain, hedged])
    assert [p for _, p in parts] == [[plain], [hedged]]
    # the hedge of the second source does not make the first part "flat"
    assert FaithfulnessGuard().check(merge, [plain, hedged]).ok


def test_a_two_word_part_of_a_merge_is_judged_against_its_own_source() -> None:
    plain = "The council approved a budget of $4.5 million for the new library on Tuesday."
    hedged = "Officials said no final decision was made, and the mayor may cut the library budget."
    merge = (
        "The council approved a budget of $4.5 million for the new library, "
        "but no final decision was made."
    )
    parts = claim_parts(merge, [plain, hedged])
    assert [p for _, p in parts] == [[plain], [hedged]]
    # the second source's "may cut the library budget" says nothing of the first part
    assert FaithfulnessGuard().check_facts(merge, [plain, hedged]).ok


def test_an_acronym_spelled_out_in_the_sources_passes_the_entity_check() -> None:
    source = "Governors in 28 states and the District of Columbia activated the National Guard."
    guard = FaithfulnessGuard()
    assert guard.check("Governors in 28 states and D.C. activated the National Guard.", [source]).ok
    assert (
        guard.check("Governors in 28 states and NYC activated the National Guard.", [source]).reason
        == "entity"
    )


def test_a_hedge_in_a_clause_the_claim_leaves_out_does_not_count() -> None:
    source = "The council delayed the vote until March, so members could study the report."
    assert certainty_problem("The council delayed the vote until March.", source) is None
    # the hedged clause itself, stated flat or as "will", is still caught
    assert certainty_problem("Members studied the report.", source)
    assert certainty_problem("Members will study the report.", source)


def test_a_condition_hedges_its_whole_sentence() -> None:
    source = "If the bond passes in May, the city will build a new library downtown."
    assert certainty_problem("The city will build a new library downtown.", source)
    assert (
        certainty_problem("The city will build a new library if the bond passes.", source) is None
    )


def test_the_month_may_is_no_hedge() -> None:
    source = "The council approved the library budget in May after a long debate."
    assert certainty_problem("The council approved the library budget.", source) is None
    assert certainty_problem("The council approved the budget.", "The council may approve it.")


def test_a_negation_kept_a_few_words_before_the_quotation_is_no_cut() -> None:
    source = 'The minister said he would not "back down on the fuel tax."'
    assert (
        quote_cut_problem('The minister vowed not to "back down on the fuel tax."', [source])
        is None
    )
    assert quote_cut_problem('The minister vowed to "back down on the fuel tax."', [source])


def test_the_speaker_check_finds_a_quotation_in_the_middle_of_its_source() -> None:
    sources = ['At the rally on Monday, Lopez said the plan was "too timid to matter at all."']
    assert speaker_problem('"Too timid to matter at all," Smith said.', sources)
    assert speaker_problem('"Too timid to matter at all," Lopez said.', sources) is None


def test_a_reworded_clause_is_no_invented_clause() -> None:
    source = "The president made a startling reversal on the export ban, and aides kept quiet."
    assert new_clauses("The president reversed the export ban, and aides kept quiet.",
                       source) == []  # fmt: skip
    assert new_clauses(
        "The president reversed the export ban, and aides have kept it private.",
        "The president made a startling reversal on the export ban, and aides keep it secret.",
    ) == []  # fmt: skip
    # a clause of new words is still new
    assert new_clauses(
        "The president reversed the export ban, and Congress later wrote it into law.", source
    )


def test_a_name_the_story_gives_counts_for_a_sources_title_in_the_coverage() -> None:
    guard = FaithfulnessGuard()
    source = "The senator backed the proposal."
    context = ["Senator Maria Lopez spoke on Monday."]
    assert guard.check_many([GuardItem("Lopez backed it.", [source], context=context)])[0].ok
    new_words = GuardItem("Lopez rejected the whole plan outright.", [source], context=context)
    assert guard.check_many([new_words])[0].reason == "coverage"


def test_an_ordinal_in_digits_matches_the_sources_ordinal_in_words() -> None:
    guard = FaithfulnessGuard()
    source = "The mayor won a third term on Tuesday."
    assert guard.check("The mayor won a 3rd term on Tuesday.", [source]).ok
    # an ordinal is no count: "3 terms" is not stated
    assert guard.check("The mayor won 3 terms on Tuesday.", [source]).reason == "number"


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("Manafort is accused of misleading investigators about his lobbying.",
         "Manafort allegedly misled investigators about his lobbying."),
        ("Mueller's team has not ruled out filing new charges of lying against Manafort.",
         "Mueller's team has left open the possibility that it could file new charges of lying "
         "against Manafort."),
        ("The senator faces a possible censure vote over the trip.",
         "The senator could face a censure vote over the trip."),
        ("The suspect shot three people at the mall, according to the police.",
         "The suspect allegedly shot three people at the mall."),
    ],
)  # fmt: skip
def test_a_claim_that_attributes_what_its_source_hedges_keeps_the_hedge(
    claim: str, source: str
) -> None:
    assert certainty_problem(claim, source) is None


def test_a_suspicion_or_belief_stated_flat_is_caught() -> None:
    source = "Kilimnik, suspected of ties to Russian intelligence, was charged with tampering."
    assert certainty_problem("Kilimnik, who has ties to Russian intelligence, was charged "
                             "with tampering.", source)  # fmt: skip
    assert certainty_problem(
        "The suspect is from the Pflugerville area, police said.",
        "The suspect is believed to be from the Pflugerville area, police said.",
    )
    # a belief the claim states as its own word elsewhere is no attribution of the hedged part
    assert certainty_problem(
        "Cohen said he did not believe the president was audited but had used the audit claim "
        "to avoid scrutiny.",
        "Cohen said he did not believe the president was audited but may have used the audit "
        "claim to avoid scrutiny.",
    )


def test_a_quotation_given_to_the_person_the_story_gives_the_sources_role() -> None:
    source = '"It is the outcry of a very challenged young man," the interim chief said.'
    story = ["Austin Police Chief Brian Manley said police had zeroed in on a suspect.",
             "Texas Gov. Greg Abbott said officials tried to identify a motive."]  # fmt: skip
    claim = '"It is the outcry of a very challenged young man," Manley said.'
    assert speaker_problem(claim, [source], story) is None
    # without the story, or to a person the story gives another role, it stays unsupported
    assert speaker_problem(claim, [source])
    assert speaker_problem(claim.replace("Manley", "Abbott"), [source], story)
    appositive = ["Manley, the city's interim police chief, spoke to reporters."]
    assert speaker_problem(claim, [source], appositive) is None


def test_a_quotation_running_on_takes_its_speaker_from_the_sentence_before() -> None:
    before = "“The prosecutor has an awful lot of discretion,” Honig said."
    running = "“It could be a very terse statement, or it could be a narrative submission.”"
    claim = "“It could be a very terse statement, or it could be a narrative submission,” {} said."
    assert speaker_problem(claim.format("Honig"), [before, running]) is None
    # cited alone, the running quotation names no one; nor does another named speaker pass
    assert speaker_problem(claim.format("Honig"), [running])
    assert speaker_problem(claim.format("Kirschner"), [before, running])
    named = "“It could be a very terse statement, or it could be a narrative submission,” Wu said."
    assert speaker_problem(claim.format("Honig"), [before, named])


def test_the_guard_gives_the_speaker_check_the_storys_roles() -> None:
    guard = FaithfulnessGuard()
    source = '"We wanted this to come to a peaceful resolution tonight," the police chief said.'
    context = ["Austin Police Chief Brian Manley spoke on Wednesday."]
    claim = '"We wanted this to come to a peaceful resolution tonight," Manley said.'
    item = GuardItem(claim, [source], context=[source, *context])
    assert guard.check_many([item])[0].ok
    wrong = GuardItem(claim.replace("Manley", "Abbott"), [source],
                      context=[source, *context, "Gov. Greg Abbott spoke."])  # fmt: skip
    assert guard.check_many([wrong])[0].reason == "speaker"


def test_appear_and_expected_hedge_only_as_raising_verbs() -> None:
    # "will appear at a hearing" is a court date, "than expected" a comparison
    source = "The mayor will appear before the council on May 2 to defend the budget."
    claim = "The mayor will defend the budget before the council on May 2."
    assert certainty_problem(claim, source) is None
    assert certainty_problem("Sales grew faster last year.", "Sales grew faster than expected "
                             "last year.") is None  # fmt: skip
    # as raising verbs they still hedge
    assert certainty_problem("The mayor left the council.", "The mayor appears to have left "
                             "the council.")  # fmt: skip


def test_a_claim_naming_who_says_it_keeps_an_evidential_hedge_but_not_a_modal() -> None:
    source = "The treasurer allegedly moved the funds to a private account."
    assert certainty_problem("Auditors say the treasurer moved the funds to a private account.",
                             source) is None  # fmt: skip
    assert certainty_problem("The treasurer moved the funds to a private account.", source)
    # a named speaker is no stand-in for the source's unnamed one
    assert certainty_problem("Ortiz said the treasurer moved the funds to a private account.",
                             source)  # fmt: skip
    modal = "The treasurer may have moved the funds to a private account."
    assert certainty_problem("Auditors say the treasurer moved the funds to a private account.",
                             modal)  # fmt: skip


def test_the_number_of_a_compound_counts_as_its_digits_do() -> None:
    source = "The strike led to a three-day closure of the port in June."
    guard = FaithfulnessGuard()
    assert number_values("a sixteen-month tenure") == {16.0}
    assert number_values("a one-time payment") == set()  # "one" stays a word here
    assert guard.check_facts("The strike led to a 3-day closure of the port in June.", [source]).ok
    wrong = guard.check_facts("The strike led to a 4-day closure of the port in June.", [source])
    assert wrong.reason == "number"


def test_half_a_measure_is_the_number_one_half() -> None:
    source = "The bank raised its main rate by half a percentage point on Monday."
    assert number_values(source) == {0.5}
    claim = "The bank raised its main rate by 0.5 percentage point on Monday."
    assert FaithfulnessGuard().check_facts(claim, [source]).ok
    assert number_values("half of the votes") == set()


def test_a_one_in_digits_is_the_sources_one_in_words() -> None:
    source = "The aide pleaded guilty to one count of lying to investigators."
    guard = FaithfulnessGuard()
    assert guard.check_facts("The aide pleaded guilty to 1 count of lying to investigators.",
                             [source]).ok  # fmt: skip
    wrong = guard.check_facts("The aide pleaded guilty to 2 counts of lying to investigators.",
                              [source])  # fmt: skip
    assert wrong.reason == "number"


def test_the_parts_of_a_sources_compound_are_no_new_words() -> None:
    source = "State-funded, army-backed broadcasters in Serbia denied the charges, officials said."
    claim = "Broadcasters in Serbia, which the army backs and the state funds, denied the charges."
    assert new_clauses(claim, source) == []
    assert FaithfulnessGuard().check_facts(claim, [source]).ok
    # a clause of new words is still new
    added = "Broadcasters in Serbia denied the charges, which were filed by prosecutors."
    assert new_clauses(added, source)


def test_a_planned_event_told_as_done_is_caught() -> None:
    source = "The minister, who was to fly to Geneva on Monday, is set to address the council."
    assert time_frame_problem("The minister flew to Geneva on Monday.", source) is not None
    assert time_frame_problem("The minister addressed the council.", source) is not None
    # the plan kept as a plan, or the event the sources also report as done, passes
    assert time_frame_problem("The minister is set to address the council.", source) is None
    done = "The minister flew to Geneva on Monday and will fly to Vienna next."
    assert time_frame_problem("The minister flew to Geneva on Monday.", done) is None


def test_a_name_elsewhere_in_the_source_is_not_the_quotations_speaker() -> None:
    source = (
        "“The sanctions are overdue,” said Maria Lopez, a former envoy.\n\n"
        "Another analyst, Tom Baker, praised the move on Twitter.\n\n"
        "“Getting harder to call this weak,” Mr. Baker said."
    )
    assert speaker_problem("“Getting harder to call this weak,” Maria Lopez said.", [source])
    assert speaker_problem("“Getting harder to call this weak,” Tom Baker said.", [source]) is None


def test_he_said_looks_back_not_forward_for_its_speaker() -> None:
    source = (
        "Representative Ann Roe said she respected the decision.\n\n"
        "“Secretaries serve at the pleasure of the president,” he said.\n\n"
        "Will Fisher of the veterans group said the nominee must oppose privatization."
    )
    claim = "“Secretaries serve at the pleasure of the president,” {} said."
    assert speaker_problem(claim.format("Will Fisher"), [source])


def test_a_cut_quotation_keeps_the_speaker_its_source_gives_it() -> None:
    kupec = "Spokeswoman Kerri Kupec said lawmakers “should be the ones asking. He remains happy.”"
    andrews = "“Democrats have yet to prove their demands,” Jessica Andrews said."
    claim = "Jessica Andrews said lawmakers “should be the ones asking.”"
    sources = [kupec, andrews]
    assert speaker_problem(claim, sources)
    assert speaker_problem(claim.replace("Jessica Andrews", "Kerri Kupec"), sources) is None


def test_a_plan_with_an_adverb_or_a_reported_would_is_not_yet_done() -> None:
    premise = "He said the president will personally approve retaliation."
    assert time_frame_problem("The president personally approved retaliation.", premise)
    reported = "He suggested that the two leaders would meet soon."
    assert time_frame_problem("The two leaders met soon afterwards.", reported)
    assert time_frame_problem("The two leaders would meet soon.", reported) is None


def test_a_hedge_in_scare_quotes_still_hedges_the_sentence() -> None:
    premise = 'The leaders agreed it is "highly likely" Russia is responsible for the attack.'
    assert certainty_problem("The leaders agreed Russia is responsible for the attack.", premise)
    # a long quotation's hedge binds a claim that repeats its statement in other words
    quoted = 'The leaders met. "It may be that Russia is responsible for the attack," Tusk said.'
    assert certainty_problem("Russia is responsible for the attack, the leaders said.", quoted)
    kept = "Tusk said Russia may be responsible for the attack."
    assert certainty_problem(kept, quoted) is None


def test_a_source_that_only_reports_a_claim_hedges_it() -> None:
    premise = "Ramirez, who claims that the nominee exposed himself at a college party, spoke."
    assert certainty_problem("The nominee exposed himself at a college party.", premise)
    kept = "Ramirez claims the nominee exposed himself at a party."
    assert certainty_problem(kept, premise) is None


def test_a_short_claim_that_drops_the_hedge_of_its_clause_is_caught() -> None:
    premise = "The U.S. could then be back into the agreement as soon as Feb. 21, 2021."
    assert certainty_problem("The U.S. will be back in the agreement on Feb. 21, 2021.", premise)
    assert certainty_problem("The U.S. could be back in the agreement.", premise) is None


def test_appeared_to_and_claimed_to_hedge_a_source() -> None:
    premise = "Democrats appeared to have backed off that strict limit, according to reports."
    assert certainty_problem("Democrats backed off that strict limit, reports say.", premise)
    told = "He claimed to police he recognized the man from a video of a burglary."
    assert certainty_problem("He recognized the man from a video of a burglary.", told)


def test_a_guilty_plea_is_an_admission_and_a_guilty_verdict_a_conviction() -> None:
    plea = "Flynn later pleaded guilty to lying to the FBI."
    assert certainty_problem("Flynn later admitted to lying to the FBI.", plea) is None
    verdict = "A jury found him guilty of fraud."
    assert certainty_problem("He was convicted of fraud.", verdict) is None
    # a charge is neither
    charged = "He was charged with lying to the FBI."
    assert certainty_problem("He admitted lying to the FBI.", charged)
    assert certainty_problem("He was convicted of lying to the FBI.", charged)


def test_one_of_a_unit_has_a_bound_seemed_hedges_and_driven_by_is_a_cause() -> None:
    from newsprism.synth.causal import causal_problem

    source = "A little more than an hour before the report came out, Trump posted on Twitter."
    assert bound_problem("Less than an hour before the report came out, Trump posted.", source)
    assert bound_problem("More than an hour before the report came out, Trump posted.", source) is (
        None
    )
    hedged = "The tweet seemed to move the markets. Bond yields jumped almost immediately."
    assert certainty_problem("The tweet moved the markets, sending bond yields up.", hedged)
    sources = [
        "The strong hiring in May easily beat expectations.",
        "Construction spending also was 6.6 percent higher than last year, officials said.",
    ]
    claim = "May's strong hiring was driven by a surge in construction spending."
    assert causal_problem(claim, sources)


def test_a_condition_inside_a_relative_clause_hedges_that_clause_only() -> None:
    source = (
        "Protests against the bill, which if passed would have let suspects be sent to the "
        "mainland for trial, are now in their 14th week."
    )
    assert (
        certainty_problem("The protests against the bill are in their 14th week.", source) is None
    )
    # the conditioned clause stated flat is still caught
    assert certainty_problem("The bill let suspects be sent to the mainland for trial.", source)


def test_a_wish_keeps_a_purpose_clauses_modal() -> None:
    source = "Ryan said his primary motivation was so he could spend more time with his children."
    assert (
        certainty_problem("Ryan said he wanted to spend more time with his children.", source)
        is None
    )
    assert certainty_problem("Ryan spent more time with his children.", source)
    # a wish that describes someone hedges nothing else
    hopefuls = (
        "The hopefuls seeking to unseat Trump have promised to rejoin the accord if they win."
    )
    assert certainty_problem(
        "The hopefuls seeking to unseat Trump will rejoin the accord.", hopefuls
    )


def test_a_quotations_hedge_binds_a_claim_that_reports_it_in_other_words() -> None:
    source = (
        '"If cities open too early, my concern is that we will see little spikes that might '
        'turn into outbreaks," said Fauci.'
    )
    flat = "Fauci said cities that open too early will see spikes that turn into outbreaks."
    assert certainty_problem(flat, source)
    kept = "Fauci said cities that open too early will see spikes that could turn into outbreaks."
    assert certainty_problem(kept, source) is None
    quoted = 'Fauci warned of "little spikes that might turn into outbreaks."'
    assert certainty_problem(quoted, source) is None
