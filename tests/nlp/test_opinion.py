"""Opinion pieces: URL, title, byline and a first-person narrator."""

from __future__ import annotations

from newsprism.nlp.opinion import first_person_narrator, is_opinion
from newsprism.synth.brief import ArticleInput


def _article(
    url: str = "https://example.org/news/2019/story", title: str = "T", text: str = ""
) -> ArticleInput:
    return ArticleInput(1, "Example", "left", title, text or "Plain news text.", url=url)


def test_opinion_pieces_are_told_by_url_title_or_byline() -> None:
    assert is_opinion(_article(url="https://example.org/opinion/2019/why-we-must-act"))
    assert is_opinion(_article(url="https://example.org/2019/05/op-ed-the-case-for-tariffs"))
    # the Guardian's "Comment is free" section
    assert is_opinion(_article(url="https://example.org/commentisfree/2018/oct/08/view-on-x"))
    assert is_opinion(_article(title="Opinion: The case against the wall"))
    assert is_opinion(_article(text="Long text. The views expressed here are the author's own."))
    assert not is_opinion(_article())
    assert not is_opinion(_article(url="https://example.org/politics/opinion-poll-shows-lead"))
    # blogs and column sections named otherwise (Townhall's Tipsheet, National Review's Corner)
    assert is_opinion(_article(url="https://townhall.com/tipsheet/mattvespa/2020/03/25/deal-n1"))
    assert is_opinion(_article(url="https://www.nationalreview.com/corner/fake-news-censorship/"))
    assert not is_opinion(_article(url="https://example.org/news/2020/03/25/corner-store-closes"))
    # a qualified commentary section (Rolling Stone's, on the 2019-12 replay)
    assert is_opinion(
        _article(url="https://www.rollingstone.com/politics/political-commentary/report-9249/")
    )
    assert not is_opinion(_article(url="https://example.org/politics/commentary-tracks-9249"))
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
    # a verdict or a prescription in the writer's own voice (columns without an opinion URL)
    assert is_opinion(_article(title="Trump was right to boot CNN's Jim Acosta out of the house"))
    assert is_opinion(_article(title="Congress Must Act to Deter Future Caravans"))
    # someone else's, a question, the reader's guide or a noun "must" is news
    assert not is_opinion(_article(title="Graham says Congress must act on the caravan"))
    assert not is_opinion(_article(title="Voters will decide if California should be split"))
    assert not is_opinion(_article(title="Here's what you should know about the debate"))
    assert not is_opinion(_article(title="A Must For Millions, Zoom Has A Dark Side"))
    # the writer's judgement of an act (Vox's title; its lines read as the page's own)
    assert is_opinion(
        _article(title="The Supreme Court’s disturbing order to disenfranchise Wisconsin voters")
    )
    # someone else's judgement, quoted or reported, is news
    assert not is_opinion(_article(title="Legislature under fire for 'unconscionable' decision"))
    assert not is_opinion(_article(title="Evers says the court's order is disturbing"))


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


def test_a_document_printed_whole_is_a_transcript_and_gives_no_sentence() -> None:
    from newsprism.nlp.opinion import is_transcript
    from newsprism.synth.brief import StoryInput
    from newsprism.synth.sources import collect_sources

    speech = (
        "My fellow Americans, tonight I want to speak with you about our nation's response. "
        "We are marshalling the full power of the federal government and the private sector."
    )
    printed = _article(title="READ: President Trump's Oval Office address about the pandemic",
                       text=speech)  # fmt: skip
    assert is_transcript(printed)
    assert is_transcript(_article(title="Read Robert Mueller’s opening statement"))
    # a report about a document is news
    assert not is_transcript(_article(title="Transcript of Trump's call shows no link to aid"))
    report = _article(title="Trump speaks to the nation", text=speech)
    assert collect_sources(StoryInput(1, "", [printed])) == []
    assert collect_sources(StoryInput(1, "", [report]))


def test_a_report_on_an_op_ed_is_news() -> None:
    # Reuters' "Senior Trump official describes resistance …: NY Times Op-Ed" was read as a
    # column by its URL, and The Hill's report by "op-ed" in its lead
    url = "https://example.org/article/us-usa-trump/senior-official-describes-resistance-ny-times-op-ed-id1"
    assert not is_opinion(_article(url=url))
    lead = (
        "A senior official wrote an anonymous op-ed published by The New York Times on Wednesday."
    )
    assert not is_opinion(_article(text=lead))
    assert is_opinion(_article(text="This op-ed reflects the views of its author alone."))
