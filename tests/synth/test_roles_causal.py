"""The role check (spaCy's parse) and the causal-link check, on hand-made sentences."""

from __future__ import annotations

import pytest

from newsprism.synth.causal import causal_problem
from newsprism.synth.guard import FaithfulnessGuard
from newsprism.synth.roles import RoleChecker, role_problem, roles_available

needs_parser = pytest.mark.skipif(not roles_available(), reason="spaCy model not installed")

BLAME = "On Sunday, Mayor Ana Torres blamed the Harbor Authority for the delay of the bridge."


@needs_parser
@pytest.mark.parametrize(
    "claim",
    [
        # the agent and the object swap places
        "On Sunday, the Harbor Authority blamed Mayor Ana Torres for the delay of the bridge.",
        # the source's object becomes the claim's agent, surname alone
        "Torres was blamed by the Harbor Authority for the delay of the bridge.",
    ],
)
def test_a_swapped_agent_is_a_role_problem(claim: str) -> None:
    assert role_problem(claim, [BLAME])


@needs_parser
@pytest.mark.parametrize(
    "claim",
    [
        "Torres blamed the Harbor Authority for the bridge's delay.",
        "The Harbor Authority was blamed by Mayor Torres for the delay of the bridge.",
        "On Sunday the mayor blamed the Harbor Authority for the delay.",
    ],
)
def test_the_same_roles_in_other_words_pass(claim: str) -> None:
    assert role_problem(claim, [BLAME]) is None


@needs_parser
def test_a_pronoun_agent_that_may_be_the_claims_agent_settles_nothing() -> None:
    source = "“We will not sign it,” he told reporters after the vote."
    other = "“The vote was fair,” spokeswoman Lena Park told reporters, naming Mayor Torres."
    assert (
        role_problem("Torres told reporters the city would not sign it.", [source, other]) is None
    )


@needs_parser
def test_symmetric_verbs_may_swap_their_sides() -> None:
    source = "Senator Hal Brooks met Governor Ada Lin in Denver on Friday."
    assert (
        role_problem("Governor Ada Lin met Senator Hal Brooks in Denver on Friday.", [source])
        is None
    )


@needs_parser
def test_the_guard_drops_a_role_reversal_with_reason_role() -> None:
    guard = FaithfulnessGuard(roles=RoleChecker())
    claim = "On Sunday, the Harbor Authority blamed Mayor Ana Torres for the delay of the bridge."
    assert guard.check(claim, [BLAME]).reason == "role"
    assert FaithfulnessGuard().check(claim, [BLAME]).ok  # without the parser it passed


SOURCE = "The plant closed on Friday after regulators found lead in the water supply."


@pytest.mark.parametrize(
    "claim",
    [
        "The plant closed on Friday because its owner went bankrupt.",
        "Because of a strike, the plant closed on Friday.",
        "Regulators found lead in the water supply, which led to a recall of bottled water.",
    ],
)
def test_a_cause_the_sources_do_not_state_is_caught(claim: str) -> None:
    assert causal_problem(claim, [SOURCE])


@pytest.mark.parametrize(
    "claim",
    [
        "The plant closed on Friday because regulators found lead in the water supply.",
        "Because regulators found lead in the water, the plant closed on Friday.",
        "The plant closed on Friday.",
    ],
)
def test_a_cause_the_source_links_passes(claim: str) -> None:
    assert causal_problem(claim, [SOURCE]) is None


def test_a_cause_and_effect_from_two_unlinked_sources_is_caught() -> None:
    # each half is true, but no source connects them
    sources = ["The plant closed on Friday.", "Regulators found lead in the water supply."]
    assert causal_problem("The plant closed on Friday because regulators found lead.", sources)
    assert (
        FaithfulnessGuard()
        .check("The plant closed on Friday because regulators found lead.", sources)
        .reason
        == "causal"
    )


def test_a_merge_that_joins_a_sources_own_because_sentence_is_no_invented_cause() -> None:
    first = "The camp has been criticised for its harsh conditions, aid groups said."
    second = ("Because children cannot be held in adult detention for long, families are "
              "released together.")  # fmt: skip
    merged = (
        "The camp has been criticised for its harsh conditions, and because children "
        "cannot be held in adult detention for long, families are released together."
    )
    assert causal_problem(merged, [first, second]) is None
    invented = "The camp has been criticised because children cannot be held for long."
    assert causal_problem(invented, [first, second])


@needs_parser
def test_a_verb_parsed_with_two_subjects_settles_no_role() -> None:
    source = (
        "Prosecutors have previously accused the Russian they say Mr. Manafort was in touch "
        "with, Konstantin V. Kilimnik, of ties to Russian intelligence."
    )
    claim = (
        "Prosecutors have alleged that Konstantin V. Kilimnik, the Russian they say Manafort "
        "was in touch with, has ties to Russian intelligence."
    )
    assert role_problem(claim, [source]) is None


@needs_parser
def test_a_party_the_claim_itself_has_speak_is_no_swapped_speaker() -> None:
    source = (
        "If prosecutors accuse Manafort of lying about something that Trump has said publicly, "
        "it could signal the president also lied, according to former prosecutor Shanlon Wu."
    )
    claim = (
        "Former prosecutor Shanlon Wu said that if prosecutors accuse Manafort of lying about "
        "something that Trump has said publicly, it could signal the president also lied."
    )
    assert role_problem(claim, [source]) is None
    # the source's speaker made the claim's listener is still a swap
    assert role_problem("Wu said Trump lied.", ["Trump said Wu lied."])


def test_a_source_that_uses_the_claims_causal_verb_links_its_statements() -> None:
    source = (
        "The FBI said they were confident that the suspect would have continued to cause more "
        "death and destruction if he hadn't been caught."
    )
    claim = "The FBI said the suspect would have kept causing death and destruction."
    assert causal_problem(claim, [source]) is None
    assert causal_problem("The blast caused the closure of the bridge.", [
        "The blast hit the city.", "The bridge was closed."])  # fmt: skip


@needs_parser
def test_a_name_modifying_a_noun_settles_no_role() -> None:
    # "US influence": the US is no party of "lose" in the source
    source = "“We will lose a lot of ground with respect to US influence abroad,” he said."
    assert role_problem("He said the US would lose a lot of ground abroad.", [source]) is None


@needs_parser
def test_a_capitalised_title_names_the_person_its_phrase_ends_with() -> None:
    # "Ambassador to the Court of Appeals Lena Park" parses with the title as the subject
    # and the name as the object of "to"; the claim's "Park" is that subject
    source = (
        "The governor announced on Monday that Special Envoy to the Northern Provinces "
        "Lena Park has resigned and will leave her post in June."
    )
    claim = "The governor announced that Special Envoy Lena Park had resigned."
    assert role_problem(claim, [source]) is None
    # the announcer and the one who resigned still may not trade places
    assert role_problem("Lena Park announced on Monday that the governor has resigned.", [source])


@needs_parser
def test_which_never_stands_for_a_person() -> None:
    # the parser hangs "which opened the inquiry" on the nearest noun, the person; what
    # opened the inquiry is the referral, so the claim's agent is not contradicted
    source = "The board opened the inquiry by referring the complaint to Judge Omar Reyes."
    claim = "The board referred the complaint to Judge Omar Reyes, which opened the inquiry."
    assert role_problem(claim, [source]) is None
    # "who" still stands for the person
    assert role_problem("The board referred the complaint to Judge Omar Reyes, who opened "
                        "the inquiry.", [source])  # fmt: skip


def test_a_hyphenated_compound_is_its_parts_for_the_causal_check() -> None:
    source = (
        "The mayor complained that a storm resulting in a flooded basement is front page "
        "news while the drought gets no coverage."
    )
    claim = "The mayor complained that a storm resulting in a flooded basement was front-page news."
    assert causal_problem(claim, [source]) is None
    # an effect the source does not give is still caught
    invented = "A storm resulting in a city-wide blackout was front-page news."
    assert causal_problem(invented, [source])


@needs_parser
def test_a_day_is_no_party_to_a_verb() -> None:
    # the parser heads "President Donald Trump Friday" with the day, as the agent
    source = (
        "The audit was ordered by President Donald Trump Friday after Sen. Jeff Flake, "
        "a key deciding vote, said he would only back the bill if the audit was done."
    )
    claim = ("After Sen. Jeff Flake said he would only back the bill if the audit was done, "
             "the audit was ordered by President Donald Trump on Friday.")  # fmt: skip
    assert role_problem(claim, [source]) is None


def test_a_denied_cause_is_no_link_but_a_later_one_is() -> None:
    source = "Officers were sent to the newsrooms out of caution, police said."
    assert causal_problem("Officers were sent not because of any threat but out of caution.",
                          [source]) is None  # fmt: skip
    assert causal_problem(
        "Officers were sent not because of any threat but because of a warning.", [source]
    )


def test_a_relative_clause_is_the_effect_of_its_because() -> None:
    sources = [
        "Trump closed the consulate in Seattle on Monday.",
        "The Seattle consulate is being closed because of its proximity to submarine bases.",
    ]
    claim = (
        "Trump closed the consulate in Seattle, which is shut because of its proximity to bases."
    )
    assert causal_problem(claim, sources) is None
    invented = "Trump closed the consulate in Seattle, which is shut because of spying on Boeing."
    assert causal_problem(invented, sources)
