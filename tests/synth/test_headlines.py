"""The story's headline: a central, neutral title as a citable span."""

from __future__ import annotations

import pytest

from newsprism.synth.headlines import headline_span, neutral_headline


def test_headline_span_drops_labels_and_outlet_tails() -> None:
    title = "WATCH: Senate passes spending bill after all-night session - Fox News"
    start, end = headline_span(title, ["Fox News"])
    assert title[start:end] == "Senate passes spending bill after all-night session"
    clause = "Trade talks stall - and markets notice the delay"
    assert headline_span(clause, ["Fox News"]) == (0, len(clause))
    # a quotation leading the title is someone's words, not the story's headline
    quoted = "'Our Rights Come From Our Creator': Trump, Scalise Speak at Prayer Breakfast"
    start, end = headline_span(quoted)
    assert quoted[start:end] == "Trump, Scalise Speak at Prayer Breakfast"
    short = "“No collusion”: Trump"  # what is left would not make a headline
    assert headline_span(short) == (0, len(short))
    bylined = "Trump says Adam Schiff 'must be stopped' By Mark Sumner Monday"
    start, end = headline_span(bylined)
    assert bylined[start:end] == "Trump says Adam Schiff 'must be stopped'"


def test_neutral_headline_prefers_a_factual_title_to_a_question_or_listicle() -> None:
    titles = [
        "49 questions for the senator after the vote",
        "Did the Senate just save the budget?",
        "Senate passes spending bill after all-night session",
    ]
    found = neutral_headline(titles, [1.0, 1.0, 0.8])
    assert found is not None
    assert found[0] == 2


@pytest.mark.parametrize(
    "judging",
    [
        "Trump, in a panic over dud Nunes memo, says Adam Schiff must be stopped",
        # a verdict led a replayed coronavirus story and the home page
        "Coronavirus shows Donald Trump was right all this time about China",
        # the writer's interjection led a four-outlet story of the 2018-12 replay
        "Oh, Brother: Trump says Schiff must be stopped as memo fallout grows",
        # a side's metaphors headed a 5-outlet story of the 2020-03 replay
        "Game Over, Democrats: McConnell was the Grim Reaper to Pelosi’s Wuhan Pork Bill",
        # a column's imperative, a feed's tag list and a slur's echo headed replayed stories
        "Don’t buy the media hype over the new China virus",
        "Alexander Vindman, Impeachment trial, Adam Schiff, National Security, NSC, White House",
        "Sanders Now in Hillary's Basket of Deplorables",
        "The FBI Raids on Trump’s Attorney Are Bad News for Trump",
        "Trump’s call to guard “our border with our military,” explained",
    ],
)
def test_neutral_headline_passes_over_a_title_that_judges(judging: str) -> None:
    titles = [judging, "Trump says Schiff must be stopped as Nunes memo fallout grows"]
    found = neutral_headline(titles, [1.0, 0.8])
    assert found is not None
    assert found[0] == 1


def test_a_title_that_prescribes_in_the_pages_voice_is_no_headline() -> None:
    # the 2020-05-25 replay's top story was headed by Slate's "… Has to Choose …"
    from newsprism.synth.headlines import headline_penalty

    assert headline_penalty(
        "The Supreme Court Has to Choose Between Trump and the Rule of Law"
    ) < 0.5 * headline_penalty("Pelosi says Congress must act on police reform this month")


def test_a_speakers_claim_or_an_explainer_is_no_headline() -> None:
    # the 2019-06-24 replay's 15-outlet story of the House's vote was headed "Trump: My
    # tweets 'were NOT Racist'" and an 11-outlet census story "Trump: My administration …"
    from newsprism.synth.headlines import headline_penalty

    event = headline_penalty("House votes to condemn Trump's racist tweets")
    assert headline_penalty("Trump: My tweets 'were NOT Racist'") < event
    assert (
        headline_penalty(
            "Trump: My administration 'working very hard' to add citizenship question to census"
        )
        < event
    )
    assert headline_penalty("Why America's big cities have become the president's target") < event
    assert headline_penalty("What the senator's record says about the House vote") < event
    assert headline_penalty("4 winners and 2 losers from the House vote") < event
    assert headline_penalty("Hmmm: House votes to condemn Trump's tweets") < event


def test_a_headline_led_by_a_quotation_in_single_marks_is_someones_claim() -> None:
    from newsprism.synth.headlines import headline_penalty

    claim = headline_penalty(
        "\u2018This is on you\u2019: Rivals and critics blame mayor for flooding"
    )
    event = headline_penalty("City opens shelters as floodwaters rise in the river district")
    assert claim < event


def test_a_theme_in_one_noun_phrase_loses_to_the_event() -> None:
    # "The paradox of Nikki Haley" tied "UN Ambassador Nikki Haley resigns" on centrality
    from newsprism.synth.headlines import headline_penalty

    assert headline_penalty("The riddle of Mayor Ann Ortiz") < headline_penalty(
        "Mayor Ann Ortiz resigns after two years in office"
    )
    assert headline_penalty("Doubling down on climate alarmism") < 1.0  # a side's word


def test_a_list_in_words_is_clickbait() -> None:
    from newsprism.synth.headlines import headline_penalty

    listicle = headline_penalty("Mayor testifies on bridge: Five questions the council may ask")
    report = headline_penalty("Mayor testifies before the council on the bridge closure")
    assert listicle < report
