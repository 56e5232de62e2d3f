from __future__ import annotations

import json
from pathlib import Path

import pytest
from quote_cases import resolved_speakers

from newsprism.analysis.quote_groups import group_quotes, surname_aliases
from newsprism.analysis.quotes import Quote, extract_quotes
from newsprism.analysis.speaker_resolution import resolve_speakers
from newsprism.analysis.speakers import speaker_key

CASES = json.loads((Path(__file__).parent / "attribution_cases.json").read_text(encoding="utf-8"))


def attribution_accuracy() -> tuple[int, int, list[str]]:
    """Correct speakers, total expected speakers, and the failures (for the report)."""
    correct = total = 0
    failures = []
    for case in CASES:
        got = [q.speaker for q in extract_quotes(case["text"])]
        expected = case["speakers"]
        if not expected:
            total += 1
            correct += got == []
            continue
        for i, want in enumerate(expected):
            total += 1
            have = got[i] if i < len(got) else None
            if have is not None and speaker_key(have) == speaker_key(want):
                correct += 1
            else:
                failures.append(f"{case['pattern']}: expected {want!r}, got {have!r}")
    return correct, total, failures


def test_the_attribution_set_has_at_least_30_patterns() -> None:
    assert len(CASES) >= 30


def test_attribution_accuracy_stays_above_the_floor() -> None:
    correct, total, failures = attribution_accuracy()
    # floor pinned below the measured 56/56 so that a regression fails the suite
    assert correct / total >= 0.95, failures


@pytest.mark.parametrize("case", CASES, ids=[c["pattern"] for c in CASES])
def test_attribution_pattern(case: dict[str, object]) -> None:
    got = [q.speaker for q in extract_quotes(str(case["text"]))]
    expected = case["speakers"]
    assert isinstance(expected, list)
    assert [speaker_key(g) if g else None for g in got] == [speaker_key(e) for e in expected]


def test_multi_sentence_quote_is_kept_whole() -> None:
    quotes = extract_quotes(
        '"The release is good news. But it is not enough," said Ales Bialiatski.'
    )
    assert quotes[0].text == "The release is good news. But it is not enough"


def test_quote_spans_point_into_the_text() -> None:
    text = "Earlier that day. “We will keep fighting for them,” she said."
    quote = extract_quotes(text)[0]
    assert text[quote.start : quote.end].startswith("We will keep fighting")


def test_speakers_merge_full_name_and_surname() -> None:
    items = [
        (1, "Outlet A", Quote("We had a very productive meeting", 0, 10, "John Coale")),
        (2, "Outlet B", Quote("More prisoners will be freed soon", 0, 10, "Coale")),
        (3, "Outlet C", Quote("The door is open for further steps", 0, 10, "Mr. Coale")),
    ]
    groups = group_quotes(items)
    assert len(groups) == 1
    assert groups[0]["speaker"] == "John Coale"
    assert len(groups[0]["quotes"]) == 3


def test_one_speaker_whatever_the_apostrophe() -> None:
    # "Beto O'Rourke" and "Beto O’Rourke" were two Sources of the 2019-06-24 replay's El
    # Paso page
    items = [
        (1, "Outlet A", Quote("We've had a rise in hate crimes", 0, 10, "Beto O'Rourke")),
        (2, "Outlet B", Quote("This cannot be open for debate", 0, 10, "Beto O’Rourke")),
    ]
    assert len(group_quotes(items)) == 1


def test_same_quote_in_two_outlets_lists_both() -> None:
    items = [
        (
            1,
            "Outlet A",
            Quote("We had a very productive meeting with the president", 0, 10, "Coale"),
        ),
        (2, "Outlet B", Quote("we had a very productive meeting", 0, 10, "Coale")),
    ]
    quote = group_quotes(items)[0]["quotes"][0]
    assert quote["outlets"] == ["Outlet A", "Outlet B"]
    assert quote["article_ids"] == [1, 2]
    assert quote["text"] == "We had a very productive meeting with the president"


def test_titles_are_dropped_from_speaker_names() -> None:
    items = [
        (1, "A", Quote("We welcome this humanitarian gesture", 0, 5, "President Gitanas Nauseda"))
    ]
    assert group_quotes(items)[0]["speaker"] == "Gitanas Nauseda"


def test_unattributed_quotes_come_last() -> None:
    items = [
        (1, "A", Quote("a long unattributed quotation of many words here", 0, 5, None)),
        (2, "B", Quote("We had a very productive meeting", 0, 5, "Coale")),
    ]
    assert [g["speaker"] for g in group_quotes(items)] == ["Coale", None]


def test_name_with_unknown_job_title_joins_the_plain_name() -> None:
    items = [
        (
            1,
            "A",
            Quote(
                "We will hold the vote next week", 0, 5, "Senate Majority Leader Mitch McConnell"
            ),
        ),
        (2, "B", Quote("The bill is dead on arrival here", 0, 5, "Mitch McConnell")),
    ]
    groups = group_quotes(items)
    assert [g["speaker"] for g in groups] == ["Mitch McConnell"]


def test_the_president_resolves_to_the_one_president_of_the_story() -> None:
    text = (
        "President Donald Trump met the governors on Monday.\n"
        '"We will reopen the country very soon," the president said.'
    )
    assert resolved_speakers(text) == ["Donald Trump"]


def test_surname_resolves_to_the_full_name_of_the_text() -> None:
    text = (
        "Attorney General William Barr spoke to reporters.\n"
        '"The report speaks for itself and nothing more," Mr. Barr said.'
    )
    assert resolved_speakers(text) == ["William Barr"]


def test_nouns_and_groups_are_not_speakers() -> None:
    text = (
        'Department: "We are reviewing the matter with great care today."\n'
        'Muslims: "We feel targeted by the new rules of the airport."'
    )
    assert resolved_speakers(text) == [None, None]


def test_office_with_two_holders_is_not_guessed() -> None:
    text = (
        "President Donald Trump and President Emmanuel Macron met.\n"
        '"This is a very good day for both of us," the president said.'
    )
    assert resolved_speakers(text) == ["the president"]


@pytest.mark.shared_data
def test_speakers_of_hand_labelled_real_quotes_beat_the_nearest_name_baseline() -> None:
    from analysis_data import shared_path

    from newsprism.analysis.evaluate import read_jsonl
    from newsprism.analysis.page_eval import (
        load_speaker_labels,
        nearest_name_speaker,
        speaker_accuracy,
    )

    labels = load_speaker_labels()
    wanted = {label.article_id for label in labels}
    rows = read_jsonl(shared_path("articles/baly2020/articles-2018-2020.jsonl.gz"))
    texts = {r["id"]: r["text"] for r in rows if r["id"] in wanted}
    system = speaker_accuracy(labels, texts, split="test")
    baseline = speaker_accuracy(labels, texts, split="test", predict=nearest_name_speaker)
    print(f"speakers, test half: {system['accuracy']} (baseline {baseline['accuracy']})")
    assert system["stale"] == 0
    assert system["n"] >= 90
    # measured 0.78 against 0.45 for the baseline (0.61 before the speakers15 attribution
    # rules, 0.71 before the passes on 282 quotes added to the tune half, 0.77 again after
    # the fourth pass on 101 more, 0.78 after the fifth pass and 0.78 again after the sixth
    # (130 more, other weeks); goal 0.95: not reached, see BENCHMARKS.md); floor pinned one
    # quote below the measure
    assert system["accuracy"] >= 0.77
    assert system["accuracy"] >= baseline["accuracy"] + 0.2


def test_unread_attribution_is_not_a_continuation() -> None:
    text = (
        '"I never said that about anyone at all," Clinton said.\n'
        '"It appears you may now be claiming that this statement is about others," '
        "Gabbard's lawyer wrote in the letter."
    )
    assert resolved_speakers(text) == ["Clinton", None]


def test_nominal_subject_is_the_antecedent_of_she() -> None:
    text = (
        "A representative for the account told Recode that Instagram fits the moment.\n"
        "“This movement was about many more people than that, really,” she said."
    )
    assert resolved_speakers(text) == ["a representative for the account"]


def test_contractions_and_possessives_are_not_speakers() -> None:
    text = (
        "She’s never stopped making them, the trips to the pond.\n"
        "“You have your pilgrimages, do you not, every one of you?” she says."
    )
    assert resolved_speakers(text) == [None]


def test_speaker_matches_is_fair_to_the_same_person_and_no_looser() -> None:
    from newsprism.analysis.page_eval import speaker_matches

    assert speaker_matches("Jerrold Nadler", "Jerry Nadler")
    assert speaker_matches("Diaz-Balart", "Mario Díaz-Balart")
    assert speaker_matches("Trump", "Donald Trump")
    assert speaker_matches("Mr. Trump", "Donald Trump")
    assert not speaker_matches("Melania Trump", "Donald Trump")
    assert not speaker_matches("Ivana Trump", "Ivanka Trump")
    assert not speaker_matches("Advertisement Trump", "Donald Trump")
    assert not speaker_matches("the statement", "CBS News")
    assert speaker_matches(None, "~")
    assert speaker_matches("an official", "~")
    assert not speaker_matches("Bill Reinsch", "~")


def test_links_and_sign_up_lines_give_no_speaker() -> None:
    text = (
        "Professor Christopher Mooney studies state politics.\n"
        "Get the Monitor Stories you care about delivered to your inbox. By signing up, you "
        "agree to our Privacy Policy\n"
        "“When you start throwing in the demographics, the picture changes,” he says.\n"
        "There is more that is attached to it. https://t.co/wUNn5lD372 "
        "pic.twitter.com/3dJiFUsaoq\n"
        "“Even in these situations, the standard is that a judge must act,” she said."
    )
    speakers = resolved_speakers(text)
    assert speakers[0] == "Christopher Mooney"
    assert speakers[1] not in {"JiFUsaoq", "UNn5lD372", "Privacy Policy"}


def test_possessor_of_a_speech_noun_is_not_the_speaker_of_a_description() -> None:
    text = (
        "“It is a paradox,” Feld said.\n"
        "He pointed to Trump’s sympathetic comments about Putin, “who jails journalists and "
        "curtails the freedom of movement.”"
    )
    assert resolved_speakers(text)[1] != "Trump"


def test_contractions_are_no_antecedents() -> None:
    text = "I’ve been in 43 states this year. I walk in and they say, “You are the first one "
    text += "we have ever seen here.”"
    assert resolved_speakers(text) == [None]


def test_full_name_ties_go_to_the_first_mention() -> None:
    text = (
        "President Donald Trump spoke on Monday.\n"
        "Getting Trump supporters to agree took patience.\n"
        "“It was a very good day for all of us,” Trump said."
    )
    assert resolved_speakers(text) == ["Donald Trump"]


def test_headline_words_are_no_part_of_a_full_name() -> None:
    text = (
        "In his latest ad, “What Republicans Are Saying About Phil Breden,” the campaign "
        "cites comments.\n"
        "“I am not running against anybody at all,” Breden says."
    )
    assert resolved_speakers(text)[-1] == "Phil Breden"


def test_nominal_speakers_are_lower_case_descriptions() -> None:
    text = "The letter states: “Year after year, we have been warning the government.”"
    assert resolved_speakers(text) == ["the letter"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_attribution_is_not_read_across_a_paragraph_break(gap: str) -> None:
    # the page extractor stores paragraphs one newline apart; the 2019-11-11 replay gave
    # Sen. Rick Scott's words to the defense secretary of the next paragraph
    text = gap.join(
        [
            "Florida U.S. Sen. Rick Scott issued a statement calling the shooting an act of "
            "terrorism.",
            "Scott added that it was “clear that we need to take steps to ensure that all "
            "foreign nationals are vetted extensively.”",
            "U.S. Defense Secretary Mark Esper said in a statement Friday that he was "
            "“considering several steps to ensure the security of our military installations.”",
        ]
    )
    quotes = resolve_speakers(extract_quotes(text), text)
    speakers = {q.text.split()[0]: q.speaker for q in quotes}
    assert speakers == {"clear": "Rick Scott", "considering": "Mark Esper"}


def test_a_family_name_written_first_is_the_full_name_it_opens() -> None:
    # the README replay's Sources had "Kim" and "Moon" for Kim Jong Un and Moon Jae-in
    text = (
        "North Korean leader Kim Jong Un met South Korea's president on Friday.\n"
        "Kim said the talks were “a new start for peace on the peninsula.”\n"
        "Amazon Web Services said its cloud was not affected.\n"
        "Amazon said in a statement that “shipping will continue as normal this week.”"
    )
    speakers = [q.speaker for q in resolve_speakers(extract_quotes(text), text)]
    # a body's name is no family name: "Amazon" stays Amazon
    assert speakers == ["Kim Jong Un", "Amazon"]


def test_a_contraction_is_no_surname() -> None:
    # "Downs I’ve" stood for a person's full name on the README replay
    from newsprism.analysis.speakers import _full_names

    names = _full_names("Not since Downs I’ve seen a crowd like it. Beto O’Rourke spoke.")
    assert "Downs I’ve" not in names.values()
    assert names.get("o’rourke") == "Beto O’Rourke"


def test_a_bare_surname_two_people_share_is_the_one_just_named() -> None:
    # the 2020-05-25 replay gave a father's words to the daughter the story is about
    text = (
        "Robin Grubbs, a prison worker, died of Covid-19 in April. Robin Grubbs was 45.\n"
        "Her colleagues said the unit had no masks. Robin Grubbs had asked for one.\n"
        "She was worried about the quarantine unit, according to her father, George Grubbs.\n"
        "“The only place she went was home and her job,” Grubbs said."
    )
    quotes = resolve_speakers(extract_quotes(text), text)
    assert quotes[-1].speaker == "George Grubbs"


def test_a_surname_with_an_office_stays_the_office_holders() -> None:
    # "his daughter, Ivanka Trump" named last does not make "Trump responded" hers
    text = (
        "President Donald Trump walked to the church on Monday.\n"
        "He held up a Bible handed to him by his daughter, Ivanka Trump.\n"
        "Asked if the Bible was his, Trump responded, “It’s a Bible, a very good one.”"
    )
    quotes = resolve_speakers(extract_quotes(text), text)
    assert quotes[-1].speaker == "Donald Trump"


def test_a_surname_two_full_names_share_equally_goes_to_the_same_one_every_time() -> None:
    # the tie followed the mapping's order, which followed the process's hash seed
    one = surname_aliases(["trump"], {"ivanka trump": 2, "donald trump": 2})
    other = surname_aliases(["trump"], {"donald trump": 2, "ivanka trump": 2})
    assert one == other == {"trump": "donald trump"}
    # more mentions still win
    assert surname_aliases(["trump"], {"ivanka trump": 3, "donald trump": 2}) == {
        "trump": "ivanka trump"
    }


@pytest.mark.parametrize(
    "text",
    [
        # a body's name before the colon that opens its quote, and after "said"
        "The World Health Organization echoes China’s assessment: “Preliminary investigations "
        "have found no clear evidence of human-to-human transmission.”",
        "The World Health Organization said: “Preliminary investigations have found no clear "
        "evidence of human-to-human transmission.”",
    ],
)
def test_an_organisation_keeps_its_whole_name_as_speaker(text: str) -> None:
    quotes = resolve_speakers(extract_quotes(text), text)
    assert [q.speaker for q in quotes] == ["World Health Organization"]


def test_a_video_title_card_names_no_speaker() -> None:
    text = (
        "Play Video 0:34 Kim Jong-un answers question from foreign journalist for first time "
        "– video He even defended Kim over the death of Otto Warmbier: “He says he didn’t know "
        "about it and I will take him at his word.”"
    )
    quotes = resolve_speakers(extract_quotes(text), text)
    assert quotes
    assert all(q.speaker != "Kim Jong-un" for q in quotes), quotes
