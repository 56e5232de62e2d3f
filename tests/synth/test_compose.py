"""Page composition rules: statements, opinion pieces, the headline, headings, one place."""

from __future__ import annotations

import pytest

from newsprism.synth.brief import ArticleInput, Brief, Citation, Sentence
from newsprism.synth.compose import dedupe_page, same_statement
from newsprism.synth.headings import (
    broken_heading,
    clause_heading,
    opens_with_quote,
    quote_speaker,
    topic_heading,
)
from newsprism.synth.headlines import headline_span, neutral_headline
from newsprism.synth.opinion import first_person_narrator, is_opinion
from newsprism.synth.statements import dateline_length, statement_problem


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Will the senator run for president again in two years?", "question"),
        ("The opinions expressed by columnists are their own and not those of the paper.",
         "boilerplate"),
        ("Jane Roe is a contributing columnist at the Daily Ledger.", "boilerplate"),
        ("“This is a disgrace to the whole state and everyone knows it.”",
         "quote_without_speaker"),
        ("He added that the agency would review the findings next month.", "pronoun_subject"),
        ("And the mayor still has not explained the delay to residents.", "pronoun_subject"),
        ("The whole investigation is a TOTAL HOAX and a waste of money.",
         "opinion_unattributed"),
        ("I think the council made the wrong call on the housing plan.",
         "opinion_unattributed"),
        ("WASHINGTON — The Senate passed the spending bill late on Friday night.", "dateline"),
        ("Members of the media watch a message from President Trump on a monitor in the White "
         "House press room, January 4, 2018.", "boilerplate"),
        ("Senator Jane Roe testifies before the committee, Sept. 12, 2018.", "boilerplate"),
        ("Israeli border police officers take positions during a Palestinian protest of the "
         "U.S. embassy move to Jerusalem, May 15, 2018.", "boilerplate"),
        ("As a great lover of Zion said long ago, \"This is not the way.\" — Peter Beinart "
         "(@PeterBeinart) May 14, 2018", "boilerplate"),
        ("Oh, and you're not allowed to presume that the army can control armed mobs.",
         "opinion_unattributed"),
        # "States" names a country, not a speaker: the tweet stays unattributed
        ("Mr. President, the country I come from, & the country we all swear to, is the "
         "United States.", "opinion_unattributed"),
        ("Over the past 12 months, she has been visiting the facilities again.",
         "pronoun_subject"),
        ("On Tuesday, he signed the bill into law at the White House.", "pronoun_subject"),
        ("Some are staying home from work until the raids are over.", "pronoun_subject"),
        # a step of a list the page does not show
        ("Second, withdrawing US troops from Syria means handing the country to Iran.",
         "pronoun_subject"),
        ("Andrew Cuomo signed the bill into law on Tuesday.", None),
        ("The consequences of Clinton's impeachment aren't lost on him, either.",
         "pronoun_subject"),
        ("The governor of Ohio backed the plan, too.", "pronoun_subject"),
        ("The third would have required the Bureau of Prisons to report re-arrests.",
         "pronoun_subject"),
        ("The first lady visited the hospital on Monday.", None),
        ("Both proposals also aim to increase communications between federal agencies.",
         "pronoun_subject"),
        # a verdict in the narrator's voice (National Review in a replayed "full story")
        ("Joe Biden is a plagiarist and a liar, among other things.", "opinion_unattributed"),
        # the README replay's market story led its summary with this
        ("Today is a good demonstration of why that's a bad idea.", "opinion_unattributed"),
        ("The deal is a good sign for farmers, the agriculture secretary said.", None),
        ("Investors sold shares on Monday, a sign of fear about rates.", None),
        ("Democrats called the plan ridiculous, a spokesman said.", None),
        ("Length, generosity, and eligibility for unemployment insurance needs to be expanded "
         "as well.", "opinion_unattributed"),
        ("The governor said the order needs to be extended.", None),
        ("Travelers must wear masks on all flights from Monday.", None),
        # the writer's own opener, whatever reporting verb follows (2019-08-05 replay, Why
        # this story matters); the tail of a quotation opened a sentence before is the
        # speaker's
        ("In other words, Republican voters may say they support certain gun control "
         "measures, but perhaps not the people pushing it.", "opinion_unattributed"),
        ("To be clear, Trudeau didn't deny talking about the case, but he said he'd never "
         "instructed anyone to interfere.", "opinion_unattributed"),
        ("Clearly the aim is to lie about me in the most egregious ways,” he said.", None),
        ("Perhaps the biggest change, officials said, is the new deadline.", None),
        ("Less than a day later, at least nine people were killed in Dayton.",
         "pronoun_subject"),
        ("About a week after that, Chinese authorities detained a consulate staffer.",
         "pronoun_subject"),
        ("A week after the shooting, the city held a vigil.", None),
        # no full stop: a newsletter's subheading
        ("Border wall loses another round in court", "headline"),
        # the narrator addressing the reader, and a sentence leaning on one before it
        ("To be clear, the administration could change the inflation measure.",
         "opinion_unattributed"),
        ("Here's what's happening: the budget agency put out a request for comment.",
         "opinion_unattributed"),
        ("Since then, the Democratic field has been locked in a debate over health care.",
         "pronoun_subject"),
        # the 2019-11-11 replay's impeachment summary
        ("Now, Peterson has confirmed that he will also vote against impeaching the president.",
         "pronoun_subject"),
        ("However, the committee did not set a date for the vote.", "pronoun_subject"),
        ("As a result, the vote was delayed until next week.", "pronoun_subject"),
        ("Now the bill heads to the Senate.", None),
        # the 2020-05-25 replay's protest page, in the narrator's voice
        ("Sometimes history just demands the obvious: Riots are bad.", "opinion_unattributed"),
        ("Romanticizing disorganized violence is not just wrong in some factual way about how "
         "the world works; it\u2019s depraved and vile.", "opinion_unattributed"),
        ("Minneapolis policeman Derek Chauvin, arrested last week for the death of George "
         "Floyd, should have been removed long ago from policing duties.",
         "opinion_unattributed"),
        ("The officer should have been removed, the police chief said.", None),
        # the 2020-05-25 replay: a verb the sentence before said ("it may" what?)
        ("All parties agree that it may.", "pronoun_subject"),
        ("Asked whether he would resign, the governor said he would not.", None),
        ("The court said the law may stand.", None),
        # the 2019-11-11 replay's Pensacola page: who "he" is, the page does not say
        ("Asked whether he would now hesitate to send American forces to Saudi Arabia, he "
         "said, \u201cNo, not at all.\u201d", "pronoun_subject"),
        ("After meeting President Trump in Washington, Kim Jong Un said talks would go on.",
         None),
        ("The Russia investigation is a sham and a hoax from the start.", "opinion_unattributed"),
        ("Today: The House votes on the rules package for the new Congress.", "boilerplate"),
        # the README's replayed page: a continuation, and the reader addressed around a quote
        ("In addition, for the past three cycles, the midterm elections have gone badly for "
         "the president's party.", "pronoun_subject"),
        ("In the coming months, you're going to hear analysts repeating that \u201c34 House "
         "Republicans have announced they're retiring.\u201d", "opinion_unattributed"),
        ("Turnout rose in the suburbs, and in the cities too.", None),
        ("Those 17 are the other members of the team, not counting the special counsel.",
         "pronoun_subject"),
        ("This arrangement has proved the rule in progressive New York.", "pronoun_subject"),
        ("Update: The senator is refusing to back up her claims about the facility.",
         "boilerplate"),
        ("Attorney General William Barr speaks about the report during a news conference, "
         "Thursday, April 18, 2019, at the Department of Justice in Washington.", "boilerplate"),
        ("Should he announce a running mate early in the primary season", "question"),
        ('CLOSE Joe Biden says, "If we give him eight years, he will alter this nation."',
         "boilerplate"),
        ("In the tweets, which appeared to be directed at freshmen Democratic Reps.(N.Y.),"
         "(Minn.),(Mich.) and(Mass.), the president suggested they go back.", "broken_text"),
    ],
)  # fmt: skip
def test_non_statements_are_named(text: str, reason: str) -> None:
    assert statement_problem(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "The Senate passed the spending bill late on Friday night by a vote of 68 to 31.",
        "“We will not gamble with people’s lives,” Mayor Ana Torres said on Tuesday.",
        "The governor called the report a TOTAL HOAX, according to a statement from her office.",
        "Officials said the NATO summit would open in Brussels on Wednesday.",
        "This week the agency began a review of its hiring rules.",
        "The new rules, which the agency announced on Friday, take effect on January 4, 2019.",
        "Protesters marched to the capitol, where the law was signed on March 3, 2018.",
        "The embassy is due to open on Monday, May 14, 2018.",
        "“You are fired,” the president told Comey, according to the memo.",
        "When Senator Smith arrived, she said the talks had failed after midnight.",
        "Some 20,000 asylum seekers have been sent back to Mexico to wait for hearings.",
        "On Thursday, April 18, 2019, the attorney general released the redacted report.",
        "Should the court rule against the law, that would send the case to the justices.",
        "This year has been the wettest on record in the state, officials said.",
        "Is the bill dead? Not yet, the senator said on the floor of the Senate.",
    ],
)
def test_reported_statements_pass(text: str) -> None:
    assert statement_problem(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # the 2019-01-21 replay: furniture, captions and datelines left in the brief
        ("The mayor's office did not immediately respond to a request for comment.",
         "boilerplate"),
        ("The studio declined comment when told of the charges on Wednesday.", "boilerplate"),
        ("Scandals roil the capital after Gov. Jane Roe (center) and the attorney general "
         "(left) admitted the photos were theirs.", "boilerplate"),
        ("A witness answers a question during the hearing at the state bar in Raleigh. "
         "(Jane Roe/The Daily Ledger via AP, Pool)", "boilerplate"),
        ("Migrants walk along the border fence after crossing the river on February 01, 2019 "
         "in El Paso, Texas.", "boilerplate"),
        ("EL PASO – A resident listened with dismay as the president spoke about her town.",
         "dateline"),
        ("Former Vice President Joe Biden: Biden thought hard about running in 2016.",
         "boilerplate"),
        ("What: The actor reported that he was attacked by two men.", "boilerplate"),
        ("Governor Roe\u2019s claim: \u2018They are from the Middle East\u2019.", "boilerplate"),
        ("The result: Wednesday's news that wages had risen 3.1 percent.", "boilerplate"),
        ("The aide seems to be doubling down on the comments re: the summit...", "broken_text"),
        # sentences that lean on the one before them
        ("When he came back from the war, he went to work in the mines.", "pronoun_subject"),
        ("\u201cRelationship very good, let's see what happens!\u201d the post said.",
         "pronoun_subject"),
        ("The officials, however, said they want the sanctions lifted first.", "pronoun_subject"),
        ("The senator however made clear that the status quo will continue.", "pronoun_subject"),
        ("However, any legislation would be dead on arrival in the Senate.", "pronoun_subject"),
        ("Similarly, removing engines from the roads would require a new grid.",
         "pronoun_subject"),
        ("Mr. Cohen also said the lawyer had reviewed his false testimony.", "pronoun_subject"),
        ("The plan would also require candidates to release their tax returns.",
         "pronoun_subject"),
        ("Both votes are expected to fail.", "pronoun_subject"),
        ("Some suggested it was only an issue because she is a woman.", "pronoun_subject"),
        ("That's the $93 trillion question nobody asks.", "pronoun_subject"),
        ("The exchange comes as moderate Democrats grapple with the plan.", "pronoun_subject"),
        ("Many other news outlets took the same tack.", "pronoun_subject"),
        ("Such a high-profile departure ordinarily would not be a positive for the mayor.",
         "pronoun_subject"),
        ("On one side, there was the North, backed by two allies.", "pronoun_subject"),
        ("Regardless, the left wing of the party has grown.", "pronoun_subject"),
        ("That said, most polls show the governor with high approval among her voters.",
         "pronoun_subject"),
        ("More:Post bridge closure, the mayor again blames the state for 'delays,'",
         "boilerplate"),
        ("#BREAKING: Senator @JaneRoe tells @DailyLedger that she will run for governor.",
         "boilerplate"),
        ("A bomb squad unit exits the office building on October 24, 2018 where a device was "
         "found.", "boilerplate"),
        ("As of Friday afternoon, all five of them have indicated how they would vote.",
         "pronoun_subject"),
        ("Earlier this year he mocked her over reports about a staffer.", "pronoun_subject"),
        # the writer's own voice
        ("The statement is out, and wow, is it a doozy.", "opinion_unattributed"),
        ("Here are 10 senators who could vote against the president.", "opinion_unattributed"),
    ],
)  # fmt: skip
def test_leaning_and_furniture_sentences_are_named(text: str, reason: str) -> None:
    assert statement_problem(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        # a name after the comma says who: cataphora is no leaning pronoun
        "When she took office, Speaker Nancy Pelosi promised a vote on the bill.",
        "The bill not only funds the wall but also reopens the government.",
        "Abu Bakr al-Baghdadi, the group's leader, is also known as the caliph.",
        "However much the plan costs, the governor said, the state will pay for it.",
        "The senators met on the same day as the vote, aides said, to discuss the plan.",
        "Sen. Rand Paul (R-Ky.) voted against the resolution on Thursday.",
        "In a much anticipated speech, Collins said that she believed the witness.",
        "Two of the suspects, both in their 20s, were arrested on Friday.",
        "The senator said: \u201cWe will vote on the bill this week.\u201d",
        "The president spoke to reporters on March 2, 2019, before leaving for Hanoi.",
    ],
)
def test_statements_that_stand_alone_pass(text: str) -> None:
    assert statement_problem(text) is None


def test_a_sentence_repeating_another_outlets_headline_is_a_headline() -> None:
    titles = ["Senate passes spending bill after all-night session"]
    body = "Senate passes spending bill after all-night session."
    assert statement_problem(body, titles) == "headline"
    longer = "The Senate passed the spending bill after an all-night session, ending a standoff."
    assert statement_problem(longer, titles) is None
    # a headline glued to the text after it (a pull quote on a replayed page)
    glued = (
        "Senate passes spending bill after all-night session 'This is a disgrace to the "
        "whole chamber and everyone knows it,' the senator said."
    )
    assert statement_problem(glued, titles) == "headline"


def test_dateline_length_covers_the_wire_dateline_only() -> None:
    text = "NEW YORK (AP) — Stocks fell sharply on Monday."
    assert text[dateline_length(text) :] == "Stocks fell sharply on Monday."
    assert dateline_length("U.S. stocks fell sharply on Monday.") == 0


def _article(
    url: str = "https://example.org/news/2019/story", title: str = "T", text: str = ""
) -> ArticleInput:
    return ArticleInput(1, "Example", "left", title, text or "Plain news text.", url=url)


def test_opinion_pieces_are_told_by_url_title_or_byline() -> None:
    assert is_opinion(_article(url="https://example.org/opinion/2019/why-we-must-act"))
    assert is_opinion(_article(url="https://example.org/2019/05/op-ed-the-case-for-tariffs"))
    assert is_opinion(_article(title="Opinion: The case against the wall"))
    assert is_opinion(_article(text="Long text. The views expressed here are the author's own."))
    assert not is_opinion(_article())
    assert not is_opinion(_article(url="https://example.org/politics/opinion-poll-shows-lead"))
    # the writer's own first person in the title (a National Review column on a replay)
    assert is_opinion(_article(title="We Need to Talk about Joe Biden"))
    assert is_opinion(_article(title="Why I Left the Republican Party"))
    # not someone quoted, nor the newsroom's explainer
    assert not is_opinion(_article(title="'Our Rights Come From Our Creator': Trump Speaks"))
    assert not is_opinion(_article(title='Trump: "We will build the wall"'))
    assert not is_opinion(_article(title="What we know about the Dayton shooting"))
    assert not is_opinion(_article(title="Kanye West: 'I've been used to spread messages'"))
    assert not is_opinion(_article(title="Bill Weld: I'm Not Dropping Out After Super Tuesday"))
    assert not is_opinion(_article(title="We're a third of the way to a vaccine, experts say"))


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
    ],
)
def test_neutral_headline_passes_over_a_title_that_judges(judging: str) -> None:
    titles = [judging, "Trump says Schiff must be stopped as Nunes memo fallout grows"]
    found = neutral_headline(titles, [1.0, 0.8])
    assert found is not None
    assert found[0] == 1


def test_clause_heading_is_short_and_made_of_the_sentence() -> None:
    text = ("On Saturday, Belarus released 123 prisoners, including a Nobel laureate, "
            "officials said.")  # fmt: skip
    heading = clause_heading(text)
    assert heading == "Belarus released 123 prisoners"
    assert 3 <= len(heading.split()) <= 8


def test_topic_heading_never_repeats_a_heading_on_the_page() -> None:
    text = "Potash exports are the main prize of the sanctions talks with Belarus."
    taken: set[str] = set()
    first = topic_heading(text, ["potash exports", "sanctions talks"], taken)
    assert first == "Potash exports"
    taken.add(first.lower())
    assert topic_heading(text, ["potash exports", "sanctions talks"], taken) == "Sanctions talks"


def test_one_quote_in_two_sentences_is_one_statement() -> None:
    a = "“We will not gamble with people’s lives,” Torres said at a news conference."
    b = "Mayor Ana Torres told reporters, “We will not gamble with people’s lives.”"
    assert same_statement(a, b)
    assert not same_statement(a, "The bridge opened in 1962 and was renovated in 1998.")


def test_dedupe_page_keeps_the_first_place_a_sentence_appears() -> None:
    cite = [Citation(1, 0, 10, "x")]
    lead = "Belarus freed 123 prisoners on Saturday after talks with a U.S. envoy."
    brief = Brief(
        1,
        {
            "summary": [Sentence(lead, cite)],
            "story": [Sentence(lead, cite), Sentence("Potash is a key export.", cite)],
            "key_points_left": [Sentence("Belarus freed 123 prisoners on Saturday.", cite)],
        },
    )
    dropped = dedupe_page(brief)
    assert [s.text for s in brief.sections["summary"]] == [lead]
    assert [s.text for s in brief.sections["story"]] == ["Potash is a key export."]
    assert "key_points_left" not in brief.sections
    assert len(dropped) == 2


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # news vocabulary is no function word: the noun phrase ends on "report"
        (
            "Senate Intelligence Committee leaders on Wednesday backed the 2017 intelligence "
            "community report that formally accused Russia of trying to interfere.",
            "Senate Intelligence Committee leaders backed 2017 intelligence community report",
        ),
        # a relative clause between commas is not the heading's subject
        (
            "Comey, who was fired last May, has been on a media blitz in recent weeks "
            "promoting his memoir.",
            "Comey has been on media blitz",
        ),
        # a verb keeps its object or the heading stops before the verb's clause
        (
            "The statement was drafted by Kuwait and directly addressed the violence, which "
            "was spurred by the opening of the new embassy.",
            "The statement was drafted by Kuwait and directly addressed violence",
        ),
        # a time or a number is no clause break (2019-08-05 replay: "… press briefing at 1")
        (
            "Bolton was scheduled to attend a press briefing at 1:30 p.m. with Secretary of "
            "State Mike Pompeo.",
            "Bolton was scheduled to attend press briefing at 1:30 p.m.",
        ),
        (
            "The company will pay $1,500 to each worker, officials said.",
            "The company will pay $1,500 to each worker",
        ),
        # a name and its description are no clause: the parse's core is the heading
        (
            "Rashida Tlaib, the Democratic U.S. House member barred by Israel because of her "
            "support of a boycott, said she is rejecting the country's new offer to let her "
            "visit her grandmother in the West Bank.",
            "Rashida Tlaib said she is rejecting country's new offer",
        ),
    ],
)
def test_clause_heading_keeps_the_main_clause_whole(text: str, heading: str) -> None:
    assert clause_heading(text) == heading


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # the verb phrase stays: trimming every stop word left "The president said"
        (
            "Although three of the four women were born in the United States, the president "
            "said they should all go back where they came from.",
            "The president said they should all go back",
        ),
        # the speakers' own plan, in their name, not "Monday they plan to …"
        (
            "House Democrats said Monday they plan to introduce a resolution condemning the "
            "remarks, as more Republicans criticized him.",
            "House Democrats plan to introduce resolution condemning remarks",
        ),
        (
            "Trump said he would veto the resolution in the Senate.",
            "Trump would veto resolution in Senate",
        ),
        # no coordination just begun: "… religious freedom and reminded"
        (
            "The president stressed the importance of religious freedom and reminded those "
            "present that America is one nation under God.",
            "The president stressed importance of religious freedom",
        ),
        # a preposition right after a short subject and verb is no clause break
        (
            "Last month, Mexico made a deal with the United States to crack down on migrants "
            "who are trying to make their way to the border.",
            "Mexico made deal with United States",
        ),
        (
            "Earlier in the morning, the president signed the order in the Oval Office.",
            "The president signed order in Oval Office",
        ),
    ],
)
def test_clause_heading_says_who_does_what(text: str, heading: str) -> None:
    assert clause_heading(text) == heading


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "House Judiciary Committee Chairman Jerrold Nadler on Sunday said Attorney General "
            "William Barr should release the full report without redactions.",
            "Nadler: William Barr should release full report without redactions",
        ),
        (
            "Democratic leaders said the Senate must vote on the bill this week.",
            "Democratic leaders: The Senate must vote on bill",
        ),
        ("The governor said Monday that residents should stay home.",
         "The governor: Residents should stay home"),
        # a view is its holder's ("Nancy Pelosi suggested Wednesday that Donald Trump is
        # building" headed a replayed bullet)
        ("House Speaker Nancy Pelosi suggested Wednesday that President Donald Trump is "
         "building his own case for impeachment by continuing to stonewall lawmakers.",
         "Pelosi: Donald Trump is building his own case for impeachment"),
        # a report, not a demand: the attribution goes
        ("Officials said on Friday the bridge would reopen next week.",
         "The bridge would reopen next week"),
        # an assessment attributed at the end keeps its holder (a replayed page headed
        # "The drugs may be effective against novel coronavirus" without Fauci)
        ("The drugs may be effective against the novel coronavirus, Dr. Anthony Fauci said, "
         "but more data is needed.", "Anthony Fauci: The drugs may be effective against novel "
         "coronavirus"),
        ("The economy could shrink by 10 percent, according to Goldman Sachs economists.",
         "Goldman Sachs: The economy could shrink by 10 percent"),
        ("Azithromycin boosted the effect of the drug, according to the study.",
         "Azithromycin boosted effect of drug"),
        # a claim about oneself stays the speaker's ("President Trump made his point" headed
        # a replayed bullet that read "President Trump says he made his point")
        ("President Trump says he made his point on the wall.",
         "President Trump says he made his point on wall"),
        # an adverb is no part of who ("Trump once: …"), and where the view was given is not
        # who gave it ("Trump campaign: In legal filing that WikiLeaks …")
        ("Governor Dale Brooks once suggested that the border should be closed to trucks.",
         "Brooks: The border should be closed to trucks"),
        ("The Brooks campaign argued in a court filing that the rules could not be applied to "
         "its ads.", "Brooks campaign: The rules could not be applied to its ads"),
    ],
)  # fmt: skip
def test_a_demand_keeps_who_makes_it_in_the_heading(text: str, heading: str) -> None:
    assert clause_heading(text) == heading


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # the offices before two full names used up the heading, leaving only a name
        (
            "Senate Majority Leader Mitch McConnell and Minority Leader Chuck Schumer announced "
            "a deal on budget caps Wednesday that would increase investments.",
            "Mitch McConnell and Chuck Schumer announced deal",
        ),
        ("Senate Democrats have blocked a bill.", "Senate Democrats blocked bill"),
        # articles do not count against the length ("The Senate is expected" on a replayed
        # page), fillers go first, and "expected" keeps its infinitive
        (
            "The Senate is expected to take up the relief bill again on Monday.",
            "The Senate is expected to take up relief bill again",
        ),
        (
            "The House is now expected to vote on the much larger relief bill again next week.",
            "The House is expected to vote",
        ),
        # the place of the office goes with it ("California Gavin Newsom ordered everyone")
        (
            "California Gov. Gavin Newsom ordered everyone in the state to stay home.",
            "Gavin Newsom ordered everyone in state to stay home",
        ),
        # an office before a surname alone stays: "Trump signed" would lose who he is
        ("President Trump signed the bill on Friday.", "President Trump signed bill"),
        # an organisation is no office: "Senate" stays before "Intelligence Committee"
        ("Senate Intelligence Committee members met.", "Senate Intelligence Committee members met"),
        # a cut that loses the verb falls back on the parse's core clause ("The top U.S.
        # envoy in fight" on a replayed page)
        (
            "The top U.S. envoy in the fight against the Islamic State in Iraq and Syria "
            "(ISIS) resigned.",
            "The top U.S. envoy resigned",
        ),
        # Theresa May is no month and no modal; a speaker's own plan is theirs; "although
        # the EU has said" attributes nothing (a replayed Brexit page: "She will resign",
        # "EU: The leading contenders to succeed", "The British prime minister announced
        # Friday")
        (
            "May set out a timetable for her departure - she will resign as party leader.",
            "May set out timetable for her departure",
        ),
        (
            "The leading contenders to succeed May all want a tougher divorce deal, although the "
            "EU has said it will not renegotiate.",
            "The leading contenders to succeed May want tougher divorce deal",
        ),
        (
            "The British prime minister announced Friday that she plans to resign, after trying "
            "to steer the country through its divorce.",
            "The British prime minister plans to resign",
        ),
        # the perfect's auxiliary goes with its verb (the 2019-11-11 replay: "Peterson has
        # will also vote against impeaching")
        (
            "Peterson has confirmed that he will vote against impeaching the president.",
            "Peterson will vote against impeaching",
        ),
        # a span of time goes with its "before" / "after" ("… made public days" on that
        # page), and "confirmed" with an object is no attribution ("The nominee hours")
        (
            "The 658-page report was made public days before articles of impeachment accusing "
            "Trump of abuse of power and obstruction of Congress are to come before the House.",
            "The 658-page report was made public",
        ),
        (
            "The Senate confirmed the nominee hours after the committee hearing ended abruptly "
            "on a party line vote in Washington.",
            "The Senate confirmed nominee",
        ),
        (
            "The Pentagon confirmed on Tuesday that two soldiers were killed in the attack.",
            "Two soldiers were killed in attack",
        ),
        # the 2018-06-11 replay's family-reunification page: a second, long lead-in ("In
        # suit filed by ACLU"), and a comparison read as a clause break ("Our process may")
        (
            "On 26 June, in a suit filed by the ACLU against the government over the separation "
            "of families at the southern border, federal judge Dana Sabraw granted a preliminary "
            "injunction requiring the reunification of children.",
            "Federal judge Dana Sabraw granted preliminary injunction requiring reunification",
        ),
        (
            "Our process may not be as quick as some would like but there is no question it is "
            "protecting children.",
            "Our process may not be as quick",
        ),
        # a closing cut that keeps little gives way to a longer one, and no cut falls right
        # after a preposition
        (
            "On Monday, the House voted to condemn the president for his tweets about four "
            "congresswomen.",
            "The House voted to condemn president for his tweets",
        ),
        (
            "Trump apologized to May for the furor over his remarks about her Brexit plan.",
            "Trump apologized to May for furor over his remarks",
        ),
        # a day's possessive is no lead-in ("S indictment was secured by Robert Mueller")
        (
            "Friday\u2019s indictment was secured by Special Counsel Robert Mueller as part of "
            "his probe.",
            "Friday's indictment was secured by Robert Mueller",
        ),
        (
            "May 3, the committee voted to hold Barr in contempt.",
            "The committee voted to hold Barr in contempt",
        ),
        # "one | of" never parts, and articles do not count toward where the cut may fall
        # ("The Alabama legislature passed one" on a replayed page)
        (
            "On Tuesday, the Alabama legislature passed one of the most restrictive abortion "
            "bills in the country, banning the procedure.",
            "The Alabama legislature passed one of most restrictive abortion bills",
        ),
        # what a finding shows is the heading ("The center's tally shows that lobbying" on
        # the README's replayed page)
        (
            "The center's tally also shows that lobbying by individual companies hit new levels.",
            "Lobbying by individual companies hit new levels",
        ),
        # a subordinate clause that runs on after its comma ("Do most of what many home
        # users want" headed a replayed paragraph)
        (
            "Because tablets are a lot cheaper than laptops, and do most of what many home users "
            "want out of a laptop, a number of people have moved toward tablets.",
            "A number of people moved toward tablets",
        ),
        # a tail's own left words go with it ("Donald Trump's decision to left lawmakers")
        (
            "President Donald Trump's decision to walk out of an infrastructure meeting with "
            "Democrats left lawmakers scrambling to assess whether the fallout would spread.",
            "Donald Trump's decision left lawmakers",
        ),
        (
            "Senate passage of the bill by a vote of 87-12 culminates years of negotiations "
            "and gives the president a signature policy victory.",
            "Senate passage of bill culminates years of negotiations",
        ),
        # who announces their own act does it ("Donald Trump announced that he fired")
        (
            "Donald Trump on Tuesday announced that he had fired his national security adviser "
            "John Bolton, in what is the latest indication of unrest.",
            "Donald Trump fired his national security adviser John Bolton",
        ),
        # "If …, and …, then …": the main clause follows "then" (a replayed page headed a
        # quotation "And would even kill 12 innocent people")
        (
            "If they cannot agree to a ceasefire during these talks, and would even kill 12 "
            "innocent people, then they probably don't have the power to negotiate a deal.",
            "They probably don't have power to negotiate deal",
        ),
        # a discourse adverb is no part of the heading
        (
            "Basically, Democrats are trying to show they will behave differently.",
            "Democrats are trying to show they will behave differently",
        ),
        # a modal keeps the perfect's auxiliary ("would required" on a replayed page)
        (
            "Senators would have blocked the amendment without the deal.",
            "Senators would have blocked amendment without deal",
        ),
        # two lead-ins in a row, and no heading ends on "whether" (a replayed page showed
        # "As expected, Mr. McConnell will have to decide whether")
        (
            "Once the bills pass the House, as expected, Mr. McConnell will have to decide "
            "whether to put one, both or neither on the Senate floor for votes.",
            "Mr. McConnell will have to decide whether to put one",
        ),
        # a dropped day keeps its clause break ("resigned writing" on a replayed page)
        (
            "Secretary of Defense James Mattis resigned on Thursday, writing in an unsparing "
            "letter that he was stepping down.",
            "Secretary of Defense James Mattis resigned",
        ),
        # the name in apposition is who speaks, not a heading of its own ("Donald Trump's
        # national security adviser")
        (
            "President Donald Trump's national security adviser, John Bolton, said Sunday that "
            "the withdrawal from Syria is conditioned on defeating the Islamic State group.",
            "The withdrawal from Syria is conditioned",
        ),
    ],
)
def test_clause_heading_reads_as_a_headline(text: str, heading: str) -> None:
    assert clause_heading(text) == heading


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # the cut left an auxiliary or "yet" open ("A date has not yet" on a replayed page):
        # the parse's core clause instead
        ("House Speaker Dale Brooks on Friday said a date has not yet been worked out for "
         "Governor Ann Roe's State of the State Address and that those talks will take place "
         "once the government is open.", "A date has not yet been worked out"),
        # "more than" keeps its "more" ("The President raised than $18 million")
        ("The governor raised more than $18 million during the July-to-September fundraising "
         "quarter through her campaign committee and the joint operations she maintains.",
         "The governor raised more than $18 million"),
        # a double hyphen is a dash ("Kim refused to walk away from his nuclear")
        ("The governor refused to walk away from his housing program -- something his party "
         "has resisted for decades.", "The governor refused to walk away from his housing program"),
    ],
)  # fmt: skip
def test_a_heading_never_ends_open(text: str, heading: str) -> None:
    assert clause_heading(text) == heading


def test_a_heading_cut_open_is_known_as_broken() -> None:
    assert broken_heading("Ted Cruz had")
    assert broken_heading("A date has not yet")
    assert broken_heading("Only one in four say governor doesn't")
    assert not broken_heading("Ted Cruz won debate")
    # a bare pronoun says nothing of who ("It's problem" headed a replayed paragraph)
    assert broken_heading("It's problem")
    assert broken_heading("They are introducing framework")
    assert not broken_heading("Iterations of plan grew")
    # a verb left without its object, a name with its description and no verb (2019-08-05
    # replay); the nouns of those verbs and a place before a comma are fine
    assert broken_heading("Benjamin Netanyahu said he would not allow")
    assert broken_heading("Rashida Tlaib, Democratic U.S. House member barred by Israel")
    assert not broken_heading("120,000 black workers left labor force")
    assert not broken_heading("A Ferguson, Mo., police officer shot young black man")


def test_a_sentence_opening_with_a_quotation_is_known() -> None:
    assert opens_with_quote("“In every decision we make, we are honoring …,” the president said.")
    assert opens_with_quote('- "We will win," she said.')
    assert not opens_with_quote("The president said “we are honoring” farmers.")


COLUMN = (
    "Know how I know? Because I typed the numbers into a calculator myself.\n"
    "I have watched every address since 1996, and my sense is that this one was ordinary.\n"
    "The president said the audience was the largest ever. It was not, as I wrote last week.\n"
    + "Nielsen counted 45.6 million viewers across the networks that night. "
    * 3
)
REPORT = (
    "The senator spoke for an hour on Tuesday.\n"
    "“I will not vote for this bill, and my colleagues know why,” she said. “I told them.\n"
    "“I have been clear from the start that I want a vote on the amendment.”\n"
    "I’m not going anywhere. pic.twitter.com/abc123 — Sen. Jane Roe (@SenRoe)\n"
    "The bill goes to the House next week, where its fate is unclear. " * 3
)


def test_a_narrator_writing_i_is_a_column_and_quoted_i_is_not() -> None:
    assert first_person_narrator(COLUMN)
    # quotations, quotes running over paragraphs and embedded posts are someone else's "I"
    assert not first_person_narrator(REPORT)
    opinion = ArticleInput(1, "CNN", "left", "Trump lied about his ratings. Why?", COLUMN)
    assert is_opinion(opinion)
    assert not is_opinion(ArticleInput(2, "AP", "center", "Senator opposes bill", REPORT))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We are honoring our farming legacy,” the president said in Nashville.", "The president"),
        ('"We will win this," said Chuck Schumer on Tuesday.', "Chuck Schumer"),
        ("“It was a disaster,” Trump told reporters.", "Trump"),
        ("“No way,” he said.", None),  # a pronoun names nobody
        ("The president said “we win” on Monday.", None),  # no opening quotation
    ],
)
def test_the_speaker_of_an_opening_quotation(text: str, speaker: str | None) -> None:
    assert quote_speaker(text) == speaker


def test_a_key_phrase_cut_from_a_clause_is_no_topic_heading() -> None:
    text = "Trump told the crowd that family farms and small businesses will be spared."
    phrases = ["crowd that family farms", "small businesses"]
    assert topic_heading(text, phrases, set()) == "Small businesses"


def test_names_and_offices_are_no_topic_headings() -> None:
    text = (
        "Special counsel Robert Mueller's report on Russian interference was released by "
        "Attorney General William Barr at the White House."
    )
    phrases = ["counsel Robert Mueller", "special counsel", "Attorney General", "White House",
               "Russian interference"]  # fmt: skip
    assert topic_heading(text, phrases, set()) == "Russian interference"


def test_one_common_word_is_no_topic_heading() -> None:
    # "Country" headed a replayed paragraph about health-care discrimination
    text = "The country needs gun control laws that work, the senator said."
    assert topic_heading(text, ["country", "gun control"], set()) == "Gun control"
    assert topic_heading("The country is divided.", ["country"], set()) is None


def test_a_title_that_prescribes_in_the_pages_voice_is_no_headline() -> None:
    # the 2020-05-25 replay's top story was headed by Slate's "… Has to Choose …"
    from newsprism.synth.headlines import headline_penalty

    assert headline_penalty(
        "The Supreme Court Has to Choose Between Trump and the Rule of Law"
    ) < 0.5 * headline_penalty("Pelosi says Congress must act on police reform this month")


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # the 2019-06-24 replay: cut inside a reported clause, after a day, on a particle
        ("The House ruled Tuesday that House Speaker Nancy Pelosi’s criticism of President "
         "Trump violates the chamber’s rules.",
         "The House ruled Nancy Pelosi's criticism violates chamber's rules"),
        ("Speaker Pelosi announced Monday there will be a House resolution condemning the "
         "president’s tweets.", "Speaker Pelosi announced there will be House resolution"),
        ('The House is expected to take up a measure Tuesday evening denouncing "President '
         "Trump's racist comments directed at Members of Congress.\"",
         "The House is expected to take up measure"),
        # "more" is no filler ("Obama did deport people than any other"), "to do" a verb
        ("By some measures, Obama did deport more people than any other president in modern "
         "history, something for which many immigration rights advocates still criticize him.",
         "Obama did deport more people"),
        ("Former special counsel Robert Mueller did what Democrats wanted him to do on "
         "Wednesday — the question now is how much difference that may make.",
         "Robert Mueller did what Democrats wanted him to do"),
        # "all" before its noun stays ("would eliminate virtually private insurance"), and a
        # place of two words goes with its office ("Harris and South Pete Buttigieg")
        ("The Sanders plan would eliminate virtually all private insurance in the space of just "
         "four years, forcing everyone into a single government-run insurance system.",
         "The Sanders plan would eliminate virtually all private insurance"),
        ("Harris and South Bend Mayor Pete Buttigieg were crisp and commanding in Round Two of "
         "the opening Democratic debates in Miami.", "Harris and Pete Buttigieg were crisp"),
        # "later Tuesday" belongs to the attribution, and a relative clause holds no speaker
        ("Trump said later Tuesday that he had spoken recently with Chinese President Xi "
         "Jinping without elaborating.", "Trump said later Tuesday that he had spoken recently"),
        # a gerund is the verb's object, not a reported clause with its speaker set before it
        ("President Trump on Monday suggested tying new gun controls to immigration reform and "
         "said Democrats and Republicans should come together.",
         "President Trump suggested tying new gun controls to immigration reform"),
    ],
)  # fmt: skip
def test_a_heading_keeps_its_clause_whole(text: str, heading: str) -> None:
    assert clause_heading(text) == heading


def test_a_subordinate_clause_alone_is_a_broken_heading() -> None:
    # "Where Supreme Court cleared way" and "Since former special counsel released his
    # 448-page report" headed bullets of the 2019-06-24 replay
    from newsprism.synth.headings import broken_heading

    assert broken_heading("Since former special counsel released his 448-page report")
    assert broken_heading("Where Supreme Court cleared way")
    assert not broken_heading("Mr. Trump has begun to make headway")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # read on the 2019-06-24 replay's pages
        ("1 Large majorities of Americans say the tone and nature of political debate in the "
         "United States has become more negative in recent years.", "boilerplate"),
        ("Sen. Cory Booker, D-N.J., former Vice President Joe Biden and Sen. Kamala Harris, "
         "D-Calif., talk after the second of two Democratic presidential primary debates hosted "
         "by CNN Wednesday, July 31, 2019, in the Fox Theatre in Detroit.", "boilerplate"),
        ("Imagine holding the type of press conference he did last week.",
         "opinion_unattributed"),
        ("The truth is that white supremacist violence is a growing problem.",
         "opinion_unattributed"),
        ("In the 1980s and 90s, these gave way to attacks by foreign Islamic radicals.",
         "pronoun_subject"),
        ("With less than two weeks to go, when the votes will be counted, it’s starting to look "
         "like Boris may try to beat himself.", "pronoun_subject"),
        ("Starting September first, he's putting 10 percent tariffs on the remaining $300 "
         "billion in Chinese imports.", "pronoun_subject"),
        ("In this undated photo issued Friday July 19, 2019, by Stena Bulk, showing the British "
         "oil tanker Stena Impero at unknown location.", "boilerplate"),
        ("The circle shows the area where the oil tanker Stena Impero was seized by Iranian "
         "Revolutionary Guards.", "boilerplate"),
        # a lead-in before a named subject, a time phrase, a conditional, an expletive
        ("Speaking to reporters at the White House, Trump said the deal was done.", None),
        ("Iranian officials said Sunday that for the second time the country will exceed "
         "limits set in the 2015 nuclear deal, this time enriching uranium beyond them.", None),
        ("Should the court in New Orleans rule against the law, that would all but guarantee the "
         "Supreme Court would again take a case.", None),
        ("While both hearings are expected to deliver some fireworks, it’s unclear any new "
         "information will come from them.", None),
        ("Earlier he'd said how that aspect of his investigation has been underplayed will "
         "have a long-term effect on the US.", "pronoun_subject"),
        # prose: "on" before the date, a time adverb before a named subject
        ("The vote came on Wednesday, July 31, 2019, after a long debate in the chamber.", None),
        ("Earlier, the Senate passed the bill by a vote of 60 to 40 after a long debate.", None),
    ],
)  # fmt: skip
def test_list_numbers_captions_and_hidden_pronouns_are_no_statements(
    text: str, problem: str | None
) -> None:
    assert statement_problem(text) == problem


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
