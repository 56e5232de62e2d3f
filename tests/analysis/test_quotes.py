from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.analysis.quotes import (
    Quote,
    extract_quotes,
    group_quotes,
    resolve_speakers,
    speaker_key,
)

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


def _resolved(text: str) -> list[str | None]:
    return [q.speaker for q in resolve_speakers(extract_quotes(text), text)]


def test_the_president_resolves_to_the_one_president_of_the_story() -> None:
    text = (
        "President Donald Trump met the governors on Monday.\n"
        '"We will reopen the country very soon," the president said.'
    )
    assert _resolved(text) == ["Donald Trump"]


def test_surname_resolves_to_the_full_name_of_the_text() -> None:
    text = (
        "Attorney General William Barr spoke to reporters.\n"
        '"The report speaks for itself and nothing more," Mr. Barr said.'
    )
    assert _resolved(text) == ["William Barr"]


def test_nouns_and_groups_are_not_speakers() -> None:
    text = (
        'Department: "We are reviewing the matter with great care today."\n'
        'Muslims: "We feel targeted by the new rules of the airport."'
    )
    assert _resolved(text) == [None, None]


def test_office_with_two_holders_is_not_guessed() -> None:
    text = (
        "President Donald Trump and President Emmanuel Macron met.\n"
        '"This is a very good day for both of us," the president said.'
    )
    assert _resolved(text) == ["the president"]


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
    # measured 0.61 against 0.45 for the baseline (goal 0.95: not reached, see BENCHMARKS.md)
    assert system["accuracy"] >= baseline["accuracy"] + 0.1
