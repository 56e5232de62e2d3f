"""nlp.syntax: fragments are named (`fragment`); a clause is cut to its core (`headline_clause`)."""

from __future__ import annotations

import pytest

from newsprism.nlp.syntax import fragment, headline_clause, verb_subject


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Kayakers, picnickers, swimmers in both wet suits and bikinis.", "no_finite_verb"),
        ("Damage to a statue of a Confederate general at Duke University in 2017.",
         "no_finite_verb"),
        ("Sen. John Boozman, Sen. Martin Heinrich, Rep. Mike Thompson and Rep. Rob Wittman",
         "no_finite_verb"),
        ("Enlarge this image toggle caption Alex Brandon/AP Alex Brandon/AP", "no_finite_verb"),
        ("Just left the 1st CBP facility.", "no_subject"),
        ("Buy some groceries before the storm hits.", "no_subject"),
        ("Consider: Sanders shocked the political world four years ago.", "no_subject"),
    ],
)  # fmt: skip
def test_fragments_are_named(text: str, why: str) -> None:
    assert fragment(text) == why


@pytest.mark.parametrize(
    "text",
    [
        "The rule allows for some exceptions.",
        "Police said the suspect fled the scene.",
        "Still, the vote was close.",
        # the small model tags these past tenses as participles, and "Trump" as a verb
        "More than 7 percent of all restaurant, hotel and bar workers filed for unemployment.",
        "Trump highlighted red flag legislation during his speech on Monday.",
        "Trump at least temporarily averts the threat of an in-person interview.",
        "Trump on Wednesday said he told Kemp that he disagreed with the timeline.",
        # inversion and a participle opener are clauses
        "Rarely does the court hand down a ruling of such constitutional magnitude.",
        "Called Welcome To Video, the website relied on bitcoin to sell access.",
        # the imperative is inside the quotation: the speaker's words
        "“Buy American,” the president said on Tuesday.",
    ],
)
def test_clauses_pass(text: str) -> None:
    assert fragment(text) is None


@pytest.mark.parametrize(
    ("sentence", "core"),
    [
        (
            "The top U.S. envoy in the fight against the Islamic State in Iraq and Syria resigned.",
            "The top U.S. envoy resigned",
        ),
        ("Seventy-five percent of the federal government is funded.",
         "Seventy-five percent of the federal government is funded"),
        ("Officials in the state of New York on Monday announced a ban on flavored e-cigarettes.",
         "Officials announced a ban"),
        # unsure parses give nothing: two subjects (a list of names), no verb
        ("President Donald Trump and Democratic leaders Nancy Pelosi and Chuck Schumer made "
         "little progress as Pelosi urged Trump to reopen the government.", None),
        ("A temporary facility at a Border Patrol station in Clint, Texas.", None),
        # a reported clause is the verb's complement (a 2019-06-24 replay's headings read
        # "The House ruled Tuesday that Nancy Pelosi's criticism", "… announced Monday there")
        ("The House ruled Tuesday that House Speaker Nancy Pelosi’s criticism of President "
         "Trump violates the chamber’s rules.",
         "The House ruled House Speaker Nancy Pelosi’s criticism violates the chamber’s rules"),
        ("Speaker Pelosi announced Monday there will be a House resolution condemning the "
         "president’s tweets.", "Speaker Pelosi announced there will be a House resolution"),
        # … but not a wh-clause, whose object stands before its verb
        ("The question now is how much difference that may make.", "The question is"),
    ],
)  # fmt: skip
def test_headline_clause_keeps_subject_verb_and_object(sentence: str, core: str | None) -> None:
    assert headline_clause(sentence) == core


def test_headline_clause_keeps_the_particle_of_a_phrasal_verb() -> None:
    # "The nuclear summit fell" headed a replayed bullet ("… fell apart Thursday when …")
    core = headline_clause(
        "The trade summit between the two presidents fell apart Thursday when the parties "
        "failed to reach a deal over the issue of tariffs."
    )
    assert core == "The trade summit fell apart"
    # "be" with a place for its predicate keeps it ("John Roberts was" headed a replayed bullet)
    assert headline_clause("John Roberts was in the majority in both cases.") == (
        "John Roberts was in the majority"
    )
    # "American troops must come" headed a replayed bullet
    assert headline_clause("American troops must come home from Syria.") == (
        "American troops must come home"
    )


def test_headline_clause_keeps_a_hyphenated_name_whole() -> None:
    # "Ocasio- Cortez" headed a replayed summary: the word after a glued hyphen joins it
    core = headline_clause(
        "Congresswoman Alexandria Ocasio-Cortez and Senator Ed Markey, along with dozens of "
        "co-sponsors, have introduced a vision for the plan."
    )
    assert core is not None
    assert "Ocasio-Cortez" in core.split()


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("The week brought such praise that Joan Whitfield, a former editor, had to admit ",
         "admit", "Joan Whitfield"),
        ("Early on Monday, Senator Dale Brooks lashed out at the agency by tweeting that ",
         "tweeting", "Senator Dale Brooks"),
        ("U.S. Ambassador to Israel Dan Shapiro called the visit ", "called", "Dan Shapiro"),
        ("Sen. Dale Brooks, Ohio Democrat and a member of the Foreign Relations Committee, "
         "called the strike ", "called", "Sen. Dale Brooks"),
        ("Yesterday she said ", "said", "she"),
        ("The agency said in a statement ", "said", None),
    ],
)  # fmt: skip
def test_the_subject_of_a_verb_comes_from_the_parse(
    text: str, verb: str, subject: str | None
) -> None:
    assert verb_subject(text, text.index(verb)) == subject


def test_headline_clause_of_nothing_is_none() -> None:
    # the heading's cuts can leave nothing to parse; the parse has no sentence then
    assert headline_clause("") is None
    assert headline_clause("   ") is None


def test_headline_clause_keeps_every_part_of_a_coordinated_subject() -> None:
    # "President Trump was really bad news" headed a replayed bullet: the subject was
    # "President Trump and Kim Jong-un's failure to reach an agreement"
    core = headline_clause(
        "President Trump and Kim Jong-un's failure to reach an agreement in their second summit "
        "was really bad news for the North Korean leader."
    )
    assert core is not None
    assert core.startswith("President Trump and Kim Jong-un's failure"), core


def test_a_sentence_whose_only_verbs_are_in_a_relative_clause_is_a_fragment() -> None:
    # "No, not the anonymous “senior official” who wrote an op-ed …" led a replayed summary
    assert fragment("No, not the anonymous official who wrote an op-ed for the newspaper.")
    assert fragment("Ben Cardin, a Maryland Democrat who is a senior member of the committee.")
    assert fragment("The man who shot the officer fled the scene on Tuesday.") is None
    assert fragment("The official, who wrote an op-ed, resigned on Friday.") is None
