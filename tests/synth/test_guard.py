from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from newsprism.synth.brief import Brief, Citation, Sentence
from newsprism.synth.claims import certainty_problem
from newsprism.synth.guard import FaithfulnessGuard, GuardItem

SOURCES = [
    "Belarus released 123 political prisoners on Saturday, December 13, including Nobel "
    "laureate Ales Bialiatski.",
    "John Coale, the U.S. special envoy for Belarus, called the talks with Belarusian "
    "President Aleksandr Lukashenko \u201cvery productive.\u201d",
]


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus released one hundred twenty-three political prisoners on Dec. 13.",
        'Coale called the talks with Lukashenko\'s government "very productive."',
        "Belarus released 123 political prisoners, including Nobel laureate Ales Bialiatski.",
    ],
    ids=["number-words-and-month-abbreviation", "surname-possessive-straight-quotes", "verbatim"],
)
def test_guard_keeps_sentences_its_sources_state(guard: FaithfulnessGuard, sentence: str) -> None:
    verdict = guard.check(sentence, SOURCES)
    assert verdict.ok, verdict.detail


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Belarus released 123 political prisoners, including Nobel laureate Mike Pompeo.",
         "entity"),
        ("Belarus released 150 political prisoners on Saturday, December 13.", "number"),
        ("Belarus released 123 political prisoners on Saturday, November 13.", "entity"),
        ("Belarus released 123 political prisoners on Saturday, December 14.", "number"),
        ("Coale called the talks \u201cextremely productive.\u201d", "quote"),
        ("\u201cWe must understand that the situation is in flux,\u201d said a diplomat.", "quote"),
        ("The Biden administration appears interested in leveraging moments like these to "
         "further stabilize Belarus.", "entity"),
    ],
    ids=["wrong-person", "wrong-number", "wrong-month", "wrong-day", "altered-quote",
         "invented-quote", "seed-biden-line"],
)  # fmt: skip
def test_guard_drops_planted_claims_with_the_reason(
    guard: FaithfulnessGuard, sentence: str, reason: str
) -> None:
    verdict = guard.check(sentence, SOURCES)
    assert not verdict.ok
    assert verdict.reason == reason


def test_guard_drops_a_claim_from_another_story_by_meaning() -> None:
    # no names, numbers or quotes to catch: only coverage and meaning tell it apart
    from newsprism.synth.semantic import shared_encoder

    strict_words = FaithfulnessGuard(shared_encoder(), min_coverage=0.0)
    verdict = strict_words.check(
        "Officials said the measure would lower grocery prices for families.",
        ["Officials said the release of prisoners followed months of talks."],
    )
    assert not verdict.ok
    assert verdict.reason == "semantic"


def test_guard_drops_sentences_without_citations(guard: FaithfulnessGuard) -> None:
    assert guard.check("Belarus released prisoners.", []).reason == "no_citations"


def test_template_sentence_needs_its_quoted_terms_in_the_cited_snippets(
    guard: FaithfulnessGuard,
) -> None:
    snippet = ["Critics said years of crumbling infrastructure left the span at risk."]
    kept = guard.check("Outlets on the left stress \u201ccrumbling infrastructure\u201d.", snippet,
                       template=True)  # fmt: skip
    dropped = guard.check("Outlets on the left stress \u201cdecaying roads\u201d.", snippet,
                          template=True)  # fmt: skip
    assert kept.ok, kept.detail
    assert dropped.reason == "quote"


def test_filter_brief_drops_failing_sentences_records_why_and_omits_empty_sections(
    guard: FaithfulnessGuard,
) -> None:
    good = Sentence(SOURCES[0], [Citation(1, 0, len(SOURCES[0]), SOURCES[0])])
    planted = Sentence(
        "The Biden administration appears interested in leveraging moments like these to "
        "further stabilize Belarus.",
        [Citation(1, 0, len(SOURCES[0]), SOURCES[0])],
        origin="llm",
    )
    brief = Brief(5, {"summary": [good], "context": [planted]})
    guard.filter_brief(brief)
    assert list(brief.sections_json()) == ["summary"]
    assert brief.stats["dropped"] == [
        {
            "section": "context",
            "text": planted.text,
            "origin": "llm",
            "reason": "entity",
            "detail": "\u201cBiden\u201d does not occur in the cited sources",
        }
    ]


class _RecordingEncoder:
    """Wraps the real encoder and records what it is asked to embed."""

    def __init__(self) -> None:
        from newsprism.synth.semantic import shared_encoder

        self.inner = shared_encoder()
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_guard_embeds_each_distinct_text_once_and_skips_verbatim_sentences() -> None:
    encoder = _RecordingEncoder()
    guard = FaithfulnessGuard(encoder)
    paraphrase = "Belarus released 123 political prisoners, including Ales Bialiatski."
    other_source = "The talks took place in Minsk. Officials confirmed the release on Saturday."
    verbatim = "the talks took place in  Minsk."  # case and spacing aside, word for word
    items = [GuardItem(paraphrase, SOURCES), GuardItem(paraphrase, SOURCES),
             GuardItem(verbatim, [other_source])]  # fmt: skip
    verdicts = guard.check_many(items)
    assert [v.ok for v in verdicts] == [True, True, True]
    # one text per call (a padded batch would make verdicts depend on the rest, issue 16)
    assert all(len(call) == 1 for call in encoder.calls)
    embedded = [t for call in encoder.calls for t in call]
    assert len(embedded) == len(set(embedded))  # nothing embedded twice
    assert paraphrase in embedded
    assert " ".join(SOURCES) in embedded  # the joined sources of a multi-source citation
    # the verbatim sentence needed no model: neither it nor its source was embedded
    assert verbatim not in embedded
    assert other_source not in embedded
    assert len(embedded) == 4  # paraphrase, two sources, joined sources


def test_a_demonym_a_hyphenated_name_and_month_of_year_pass_the_fact_checks() -> None:
    guard = FaithfulnessGuard()
    source = "Crews reinforced the U.S.-Mexican frontier fence in October of 2017."
    assert guard.check_facts("Crews reinforced the fence on the frontier with Mexico in "
                             "October 2017.", [source]).ok  # fmt: skip
    # a sentence's own "October of 2017" asks for no more than its words do
    assert guard.check_facts("Crews reinforced the fence in October of 2017.",
                             ["In October, crews reinforced the fence (2017)."]).ok  # fmt: skip
    # a name sharing less than all but its last letter is still another name
    assert guard.check_facts("Crews reinforced the Mexicali fence.", [source]).reason == "entity"


def test_an_opening_common_plural_is_no_name() -> None:
    from newsprism.synth.roles import RoleChecker, roles_available

    if not roles_available():
        pytest.skip("spaCy model not installed")
    guard = FaithfulnessGuard(roles=RoleChecker())
    source = "The treasurer allegedly moved the funds to a private account in March."
    verdict = guard.check_facts(
        "Auditors say the treasurer moved the funds to a private account in March.", [source]
    )
    assert verdict.ok, verdict
    # a name opening the sentence is still checked
    named = guard.check_facts(
        "Martinez says the treasurer moved the funds to a private account in March.", [source]
    )
    assert named.reason == "entity"


def test_an_opening_adverb_or_preposition_is_no_name() -> None:
    from newsprism.synth.roles import RoleChecker, roles_available

    if not roles_available():
        pytest.skip("spaCy model not installed")
    guard = FaithfulnessGuard(roles=RoleChecker())
    source = "Aside from a rash in one patient, the drug caused no side effects in the trial."
    for claim in (
        "Apart from a rash in one patient, the drug caused no side effects in the trial.",
        "Besides a rash in one patient, the drug caused no side effects in the trial.",
    ):
        assert guard.check_facts(claim, [source]).ok, claim
    # a capitalised noun opening the sentence is still a name to check
    named = guard.check_facts("Pfizer caused no side effects in the trial.", [source])
    assert named.reason == "entity"


def test_a_place_in_land_and_a_tweet_pass_the_entity_check() -> None:
    guard = FaithfulnessGuard()
    source = "In Poland, the foreign minister blasted Moscow, tweeting that it broke the rules."
    claim = "The Polish foreign minister said on Twitter that Moscow broke the rules."
    assert guard.check_facts(claim, [source]).reason != "entity"
    # another platform is still a name the source lacks
    assert guard.check_facts(claim.replace("Twitter", "Facebook"), [source]).reason == "entity"


def test_days_counted_from_the_sources_weeks_pass_the_number_check() -> None:
    guard = FaithfulnessGuard()
    source = "The FBI was given a week to reexamine the nominee's background."
    assert guard.check_facts("The FBI was given seven days to reexamine it.", [source]).ok
    # the seven must count days: seven agents are a number the source lacks
    verdict = guard.check_facts("The FBI gave seven agents a week to reexamine it.", [source])
    assert verdict.reason == "number"


def test_ratios_scale_suffixes_and_both_state_the_sources_numbers() -> None:
    guard = FaithfulnessGuard()
    percent = "Rogers said that roughly 90 percent of American imports from China come by sea."
    assert guard.check_facts("About nine in ten imports from China come by sea.", [percent]).ok
    # a ratio the percentage does not give is a number the sources lack
    wrong = guard.check_facts("About seven in ten imports from China come by sea.", [percent])
    assert wrong.reason == "number"
    tariffs = "China imposed retaliatory tariffs on $60bn of US imports."
    assert guard.check_facts("China put tariffs on $60 billion of US imports.", [tariffs]).ok
    assert guard.check_facts(
        "China put tariffs on $60 million of US imports.", [tariffs]
    ).reason == ("number")
    sides = '"We appear to be in a train wreck, with both sides sticking to their positions."'
    assert guard.check_facts("The two countries stick to their positions.", [sides]).ok
    assert guard.check_facts("The three countries stick to their positions.", [sides]).reason == (
        "number"
    )


def test_a_new_clause_in_other_words_is_judged_by_meaning(guard: FaithfulnessGuard) -> None:
    source = (
        "The UK expelled 23 Russian diplomats in the wake of the poisoning, and Russia "
        "responded by ejecting the same number of British diplomats."
    )
    story = ["Britain and Moscow traded expulsions after the poisoning."]  # names the story gives
    paraphrase = (
        "After the poisoning Britain threw out 23 Russian diplomats, and Moscow answered by "
        "expelling as many British ones."
    )
    assert guard.check_facts(paraphrase, [source], context=story).ok
    added = (
        "After the poisoning the UK expelled 23 Russian diplomats, and Russia announced "
        "sanctions on banks."
    )
    assert guard.check_facts(added, [source], context=story).reason == "extra_clause"
    # without an encoder the clause's words alone decide
    lexical = FaithfulnessGuard().check_facts(paraphrase, [source], context=story)
    assert lexical.reason == "extra_clause"


def test_a_quote_summary_and_decimals_in_words_pass_coverage_and_meaning() -> None:
    from newsprism.synth.semantic import shared_encoder

    guard = FaithfulnessGuard(shared_encoder())
    quote = "\"Usually it's 10, so I guess they're giving up,\" he said."
    # 0.47 cosine to the quotation as written, 0.56 to it in reported speech
    claim = "Trump said that it is usually 10 years, so he guessed Democrats were giving up."
    item = GuardItem(claim, [quote], context=["Trump spoke of Democrats on Friday."])
    assert guard.check_many([item])[0].ok
    rate = "The unemployment rate among teenagers has fallen from 14.1% to 12.8%."
    assert guard.check_facts(
        "The jobless rate among teenagers has dropped from fourteen point one percent to "
        "twelve point eight percent.",
        [rate],
    ).ok


def test_a_count_of_a_sources_list_and_an_answered_question() -> None:
    # "seven countries" counts a source's list of seven; "whether" of a question that the
    # source then answers doubts nothing of the answer (both true cases of the tuning half)
    guard = FaithfulnessGuard()
    source = "The order barred travelers from Chad, Iran, Libya, Somalia, Syria and Yemen."
    assert guard.check_facts("The order barred travelers from six countries.", [source]).ok
    five = guard.check_facts("The order barred travelers from five countries.", [source])
    assert five.reason == "number"
    asked = (
        "A reporter asked the mayor whether it was a \u201clong shot\u201d to open the bridge "
        "by June. \u201cIt\u2019s definitely not a long shot,\u201d Torres replied."
    )
    unanswered = (
        "A reporter asked the mayor whether it was a \u201clong shot\u201d to open the bridge "
        "by June."
    )
    claim = "Torres said it was \u201cdefinitely not a long shot\u201d to open the bridge by June."
    assert certainty_problem(claim, asked) is None
    assert certainty_problem(claim, unanswered) is not None
